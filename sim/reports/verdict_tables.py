"""Verdicts on plan targets as tables for people: formatted text in Chinese or English, and
the one Markdown table writer of the reports (the verdicts themselves: sim.analysis.verdicts).
"""

from __future__ import annotations

import pandas as pd

from sim.analysis.targets import Target
from sim.analysis.verdicts import Verdict, count_reached
from sim.model.outputs import BY_NAME
from sim.reports.labels import TEXT, target_label
from sim.reports.labels import t as label

#: The words for each sim.analysis.verdicts.STATUSES.
STATUS_TEXT = {
    "reached": {"zh": "达成", "en": "reached"},
    "missed": {"zh": "未达成", "en": "missed"},
    "reached_then_lost": {"zh": "曾达成后回落", "en": "reached, then lost"},
    "beyond_horizon": {"zh": "超出模拟期", "en": "beyond the horizon"},
    "set_by_input": TEXT["set_by_input"],
}

COLUMNS = {
    "zh": ("目标", "指标", "目标值", "期限", "期限值", "结论", "首次达成年份", "差距(+为余量)",
           "依据"),
    "en": ("target", "indicator", "level", "deadline", "value at deadline", "verdict",
           "first year reached", "margin (+) / shortfall (−)", "source"),
}


def _percent(target: Target) -> bool:
    """Shares are stored as fractions; show them as percentages."""
    return BY_NAME[target.indicator].units == "1"


def _show(value: float | None, target: Target, signed: bool = False) -> str:
    if value is None:
        return "—"
    if _percent(target):
        return f"{value * 100:+.1f} pt" if signed else f"{value * 100:.1f}%"
    return f"{value:+.2f}" if signed else f"{value:.2f}"


def verdict_table(verdicts: list[Verdict], lang: str) -> pd.DataFrame:
    """The verdicts as a table for people (formatted text), in Chinese or English."""
    rows = []
    for v in verdicts:
        t = v.target
        level = _show(t.level, t)
        rows.append((t.id, target_label(t, lang), f"{t.comparison} {level}", t.deadline,
                     _show(v.value_at_deadline, t), STATUS_TEXT[v.status][lang],
                     v.first_year_reached if v.first_year_reached is not None else "—",
                     _show(v.margin, t, signed=True), t.source))
    return pd.DataFrame(rows, columns=COLUMNS[lang])


def reached_count_text(verdicts: list[Verdict], lang: str) -> str:
    """"plan targets reached by their deadlines: k of n", saying how many targets an input
    sets (left out of n: sim.analysis.verdicts.count_reached)."""
    reached, judged, inputs = count_reached(verdicts)
    if inputs:
        return label("reached_count_inputs", lang, reached=reached, judged=judged, inputs=inputs)
    return label("reached_count", lang, reached=reached, judged=judged)


def markdown(table: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table (no extra dependency)."""
    def cell(x) -> str:
        return str(x).replace("|", "\\|")
    lines = ["| " + " | ".join(table.columns) + " |",
             "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(cell(x) for x in row) + " |" for row in table.itertuples(
        index=False)]
    return "\n".join(lines) + "\n"
