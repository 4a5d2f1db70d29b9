"""The provenance-carrying quantities and series of a profile.yaml (the schema that reads them:
sim.inputs.profile_schema).

Every quantity is built with `sourced(...)` (value from a publication, optionally with the derivation in
`method`) or `assumed(...)` (assumption: true with low, high and note; a source may anchor it).
"""
from __future__ import annotations


def sourced(value, unit: str, source: str, method: str | None = None) -> dict:
    q = {"value": value, "unit": unit, "source": source}
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
            method: str | None = None, *, distribution: str) -> dict:
    if distribution not in (ESTIMATE, BOUNDS):
        raise ValueError(f"distribution must be {ESTIMATE!r} or {BOUNDS!r}, not {distribution!r}")
    q = {"value": value, "unit": unit}
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
