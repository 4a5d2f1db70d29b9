"""The provenance-carrying quantities and series of a profile.yaml (the schema that reads them:
sim.inputs.profile_schema).

Every quantity is built with `sourced(...)` (value from a publication, optionally with the derivation in
`method`) or `assumed(...)` (assumption: true with low, high and note; a source may anchor it).
"""
from __future__ import annotations

#: The `basis:` of a lever default (sim.inputs.profile_schema): OBSERVED, the value continues a level or pace computed
#: from published observations (the city's, or national ones applied to the city), cited in `source` with the
#: computation in `method`; ASSUMPTION, a judgement with a range. No lever default is derived from a plan's aim: the
#: baseline is policy continued at its observed pace, the plans' own paces are the scenarios/<region>/plan.yaml files.
OBSERVED = "observed"
ASSUMPTION = "assumption"


def _head(value, unit: str, basis: str | None) -> dict:
    if basis not in (None, OBSERVED, ASSUMPTION):
        raise ValueError(f"basis must be {OBSERVED!r} or {ASSUMPTION!r}, not {basis!r}")
    q = {"value": value, "unit": unit}
    if basis:
        q["basis"] = basis
    return q


def sourced(value, unit: str, source: str, method: str | None = None, *, basis: str | None = None) -> dict:
    q = {**_head(value, unit, basis), "source": source}
    if method:
        q["method"] = method
    return q


#: How uncertainty analysis (sim.runs.assumption_space) draws an assumption within low..high; every `assumed` call says which.
#: ESTIMATE: triangular with its mode at the value, where the value is a best estimate (derived from data for the region
#: or a close proxy: a bulletin, the census, a national survey or a plan applied to the city) and the range brackets it.
#: BOUNDS: uniform, where the sources give only bounds: the value is a placeholder or a judgement (nothing found, or
#: "assumed" with no figure behind it), so no value in the range is favoured over another.
ESTIMATE = "triangular"
BOUNDS = "uniform"


def assumed(value, unit: str, low: float, high: float, note: str, source: str | None = None,
            method: str | None = None, *, distribution: str, basis: str | None = None) -> dict:
    if distribution not in (ESTIMATE, BOUNDS):
        raise ValueError(f"distribution must be {ESTIMATE!r} or {BOUNDS!r}, not {distribution!r}")
    q = _head(value, unit, basis)
    if source:
        q["source"] = source
    if method:
        q["method"] = method
    q.update({"assumption": True, "low": low, "high": high, "note": note, "distribution": distribution})
    return q


class Series(dict):
    """A <series> value; written in YAML flow style."""


def ramp(start_value: float, end_value: float, start: int, end: int) -> Series:
    return Series(ramp=Series({"from": start_value, "to": end_value, "start": start, "end": end}))


def table(points: dict[int, float]) -> Series:
    return Series(table=Series(points))
