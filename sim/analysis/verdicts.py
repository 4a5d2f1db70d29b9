"""Verdicts on plan targets: reached by the deadline? first reached when? by how much?

A verdict reads one indicator's yearly path (a results Dataset variable, with the target's
`select` applied) and compares it with the target's level. The margin is signed so that a
positive number is always good: value − level for ≥ / > targets, level − value for ≤ / <.
Numbers only; the tables for people are sim.reports.verdict_tables.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.analysis.targets import Target

COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
#: What `Verdict.status` can be (their words: sim.reports.verdict_tables.STATUS_TEXT).
STATUSES = ("reached", "missed", "reached_then_lost", "beyond_horizon")


@dataclass(frozen=True)
class Verdict:
    target: Target
    value_at_deadline: float | None   # None when the deadline lies outside the run
    reached: bool | None
    first_year_reached: int | None    # first year of the run in which the comparison holds
    margin: float | None              # + margin / − shortfall at the deadline, in level units
    status: str                       # one of STATUSES


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
    """The verdict on each target for a results Dataset (one run), in the targets' order."""
    years = ds["time"].to_numpy()
    return [judge(years, indicator_path(ds, t), t) for t in targets]


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
