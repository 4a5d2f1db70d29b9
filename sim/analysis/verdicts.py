"""Verdicts on plan targets: reached by the deadline? first reached when? by how much?

A verdict reads one indicator's yearly path (a results Dataset variable, with the target's
`select` applied) and compares it with the target's level. The margin is signed so that a
positive number is always good: value − level for ≥ / > targets, level − value for ≤ / <.

Some outcomes are fixed by an input, not projected (`set_by_input`): a deadline at or before
the run's base year judges the region profile's 2020 value, and an indicator that reproduces a
scenario key (sim.model.outputs.FOLLOWS_INPUT) judges that key's path. Their verdict keeps the
comparison (value, reached, margin) but has status "set_by_input", and `count_reached` leaves
them out of the reached count.
Numbers only; the tables for people are sim.reports.verdict_tables.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.analysis.targets import Target
from sim.model.outputs import FOLLOWS_INPUT

COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
#: What `Verdict.status` can be (their words: sim.reports.verdict_tables.STATUS_TEXT).
STATUSES = ("reached", "missed", "reached_then_lost", "beyond_horizon", "set_by_input")


@dataclass(frozen=True)
class Verdict:
    target: Target
    value_at_deadline: float | None   # None when the deadline lies outside the run
    # The comparison at the deadline, also when an input sets it (count_reached leaves those out).
    reached: bool | None
    first_year_reached: int | None    # first year of the run in which the comparison holds
    margin: float | None              # + margin / − shortfall at the deadline, in level units
    status: str                       # one of STATUSES
    input_reason: str | None = None   # why an input decides the outcome (status set_by_input)


def set_by_input(target: Target, *, base_year: int,
                 follows_input: Mapping[str, str] = FOLLOWS_INPUT) -> str | None:
    """Why the outcome of `target` is fixed by an input rather than projected, or None.

    `base_year` is the run's first year: the model's value there is the region profile's input
    (every scenario starts at the census year, sim.inputs.scenario)."""
    if target.deadline <= base_year:
        return (f"deadline {target.deadline} is at or before the base year {base_year}: "
                "the value comes from the region profile's base-year inputs")
    if target.indicator in follows_input:
        return (f"{target.indicator} reproduces the input path "
                f"{follows_input[target.indicator]}")
    return None


def judge(years, values, target: Target, *, base_year: int | None = None,
          follows_input: Mapping[str, str] = FOLLOWS_INPUT) -> Verdict:
    """The verdict on `target` for an indicator path (`values` by `years`); `base_year`: the
    run's first year unless given (see `set_by_input`)."""
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
    reason = set_by_input(target, base_year=int(years[0]) if base_year is None else base_year,
                          follows_input=follows_input)
    if reason:
        return Verdict(target, value, reached, first, margin, "set_by_input", reason)
    if reached:
        status = "reached"
    elif first is not None and first <= target.deadline:
        status = "reached_then_lost"
    else:
        status = "missed"
    return Verdict(target, value, reached, first, margin, status)


def count_reached(verdicts) -> tuple[int, int, int]:
    """(reached, judged, set by input): of the verdicts the projection decides (`judged`, all
    but those set by input; a deadline beyond the run counts as not reached), how many are
    reached; and how many were left out because an input sets them."""
    inputs = sum(1 for v in verdicts if v.status == "set_by_input")
    reached = sum(1 for v in verdicts if v.status == "reached")
    return reached, len(verdicts) - inputs, inputs


def indicator_path(ds, target: Target) -> np.ndarray:
    return ds[target.indicator].sel(**target.select).to_numpy()


def judge_all(ds, targets) -> list[Verdict]:
    """The verdict on each target for a results Dataset (one run), in the targets' order."""
    years = ds["time"].to_numpy()
    return [judge(years, indicator_path(ds, t), t, base_year=int(years[0])) for t in targets]


def verdict_records(verdicts: list[Verdict]) -> pd.DataFrame:
    """The verdicts as numbers (for CSV): one row a target."""
    return pd.DataFrame([{
        "id": v.target.id, "indicator": v.target.indicator,
        "select": ";".join(f"{k}={x}" for k, x in v.target.select.items()),
        "comparison": v.target.comparison, "level": v.target.level,
        "deadline": v.target.deadline, "value_at_deadline": v.value_at_deadline,
        "reached": v.reached, "first_year_reached": v.first_year_reached,
        "margin": v.margin, "status": v.status,
        "set_by_input": v.status == "set_by_input", "input_reason": v.input_reason or "",
        "source": v.target.source,
    } for v in verdicts])
