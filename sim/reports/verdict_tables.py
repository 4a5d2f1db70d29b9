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
from sim.reports.text_table import text_table

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


#: A value of a target's indicator for people: "78.6%", "+8.6 pt", "6.00", "+1.31".
show_value = _show


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


#: The terminal table's columns: Chinese names, not ids, in Chinese; in English the id (what
#: `reach --target` takes) and a wrapped indicator name, to fit `TERMINAL_WIDTH`.
TEXT_COLUMNS = {
    "zh": ("指标", "目标值", "期限", "期限值", "结论", "首次达成", "差距(+为余量)"),
    "en": ("target", "indicator", "level", "by", "value", "verdict", "first reached",
           "margin"),
}
TERMINAL_WIDTH = 120
SYMBOLS = {">=": "≥", "<=": "≤"}


def comparison_text(target: Target) -> str:
    """The target's comparison and level for people, e.g. "≥ 6.00" or "> 70.0%"."""
    return f"{SYMBOLS.get(target.comparison, target.comparison)} {_show(target.level, target)}"


def verdict_text(verdicts: list[Verdict], lang: str, max_width: int = TERMINAL_WIDTH) -> str:
    """The verdicts as a table for the terminal, aligned by display width and wrapped to
    `max_width` columns; Chinese names in Chinese (the ids are in targets.csv and in English)."""
    rows = []
    for v in verdicts:
        t = v.target
        cells = [target_label(t, lang), comparison_text(t), t.deadline,
                 _show(v.value_at_deadline, t), STATUS_TEXT[v.status][lang],
                 v.first_year_reached if v.first_year_reached is not None else "—",
                 _show(v.margin, t, signed=True)]
        rows.append(cells if lang == "zh" else [t.id, *cells])
    align = ["<", "<", ">", ">", ">", "<", ">", ">"]
    wrappable = [True, True, False, False, False, True, True, False]
    if lang == "zh":
        align, wrappable = align[1:], wrappable[1:]
    return text_table(TEXT_COLUMNS[lang], rows, align, max_width, wrappable)


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
