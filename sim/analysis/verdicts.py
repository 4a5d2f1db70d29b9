"""Verdicts on plan targets: reached by the deadline? first reached when? by how much?

A verdict reads one indicator's yearly path (a results Dataset variable, with the target's
`select` applied) and compares it with the target's level. The margin is signed so that a
positive number is always good: value − level for ≥ / > targets, level − value for ≤ / <.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.analysis.targets import Target
from sim.reports.labels import target_label

COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
STATUS_TEXT = {
    "reached": {"zh": "达成", "en": "reached"},
    "missed": {"zh": "未达成", "en": "missed"},
    "reached_then_lost": {"zh": "曾达成后回落", "en": "reached, then lost"},
    "beyond_horizon": {"zh": "超出模拟期", "en": "beyond the horizon"},
}


@dataclass(frozen=True)
class Verdict:
    target: Target
    value_at_deadline: float | None   # None when the deadline lies outside the run
    reached: bool | None
    first_year_reached: int | None    # first year of the run in which the comparison holds
    margin: float | None              # + margin / − shortfall at the deadline, in level units
    status: str                       # a key of STATUS_TEXT


def judge(years, values, target: Target) -> Verdict:
    """The verdict on `target` for an indicator path (`values` by `years`)."""
    years = np.asarray(years, dtype=int)
    values = np.asarray(values, dtype=float)
    holds = COMPARE[target.comparison](values, target.level)
    first = int(years[np.argmax(holds)]) if holds.any() else None
    if target.deadline not in years:
        return Verdict(target, None, None, first, None, "beyond_horizon")
    value = float(values[years == target.deadline][0])
    reached = bool(COMPARE[target.comparison](value, target.level))
    sign = 1.0 if target.comparison in (">=", ">") else -1.0
    margin = sign * (value - target.level)
    if reached:
        status = "reached"
    elif first is not None and first <= target.deadline:
        status = "reached_then_lost"
    else:
        status = "missed"
    return Verdict(target, value, reached, first, margin, status)


def indicator_path(ds, target: Target) -> np.ndarray:
    return ds[target.indicator].sel(**target.select).to_numpy()


def judge_all(ds, targets) -> list[Verdict]:
    years = ds["time"].to_numpy()
    return [judge(years, indicator_path(ds, t), t) for t in targets]


def _percent(target: Target) -> bool:
    """Shares are stored as fractions; show them as percentages."""
    from sim.model.outputs import BY_NAME

    return BY_NAME[target.indicator].units == "1"


def _show(value: float | None, target: Target, signed: bool = False) -> str:
    if value is None:
        return "—"
    if _percent(target):
        return f"{value * 100:+.1f} pt" if signed else f"{value * 100:.1f}%"
    return f"{value:+.2f}" if signed else f"{value:.2f}"


COLUMNS = {
    "zh": ("目标", "指标", "目标值", "期限", "期限值", "结论", "首次达成年份", "差距(+为余量)", "依据"),
    "en": ("target", "indicator", "level", "deadline", "value at deadline", "verdict",
           "first year reached", "margin (+) / shortfall (−)", "source"),
}


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


def verdict_records(verdicts: list[Verdict]) -> pd.DataFrame:
    """The verdicts as numbers (for CSV): one row a target."""
    return pd.DataFrame([{
        "id": v.target.id, "indicator": v.target.indicator,
        "select": ";".join(f"{k}={x}" for k, x in v.target.select.items()),
        "comparison": v.target.comparison, "level": v.target.level,
        "deadline": v.target.deadline, "value_at_deadline": v.value_at_deadline,
        "reached": v.reached, "first_year_reached": v.first_year_reached,
        "margin": v.margin, "status": v.status, "source": v.target.source,
    } for v in verdicts])


def markdown(table: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table (no extra dependency)."""
    def cell(x) -> str:
        return str(x).replace("|", "\\|")
    lines = ["| " + " | ".join(table.columns) + " |",
             "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(cell(x) for x in row) + " |" for row in table.itertuples(
        index=False)]
    return "\n".join(lines) + "\n"
