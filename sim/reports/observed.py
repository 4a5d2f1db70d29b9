"""Observed history (sim.inputs.history) as points on the charts of a run: which published
series is drawn on which model indicator, and the last observed year.

A series is drawn only where its scope is the model's: population series of the resident
(常住) population, and counts of the whole city's institutions (basis ``city``, as
sim.analysis.anchors compares them). A district's figure or a hukou (户籍) count of births is
another scope and is not drawn. Per-1,000 indicators are derived from a published count
divided by the published resident (or hukou) population at the same date, linearly
interpolated between two published populations that bracket it; without such a bracket the
count is not drawn (it would need the model's population, which is what is being checked).

Points sit at the model time of their date (sim.analysis.anchors.model_time: stocks are
counted on 1 Nov of the model year), in the Dataset's units (fractions for shares, persons,
per 1,000).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import numpy as np

from sim.analysis.anchors import model_time
from sim.core.errors import InputError
from sim.inputs.history import History, Observation, load_history

#: Published share (percent) -> the indicator it is drawn on (summary column, in percent).
PERCENT_OF_RESIDENTS = {"share_0_14": "share_0_14", "share_60_plus": "share_60_plus",
                        "share_65_plus": "share_65_plus"}
#: Published rate (percent) -> the Dataset indicator (a fraction).
RATES = {"elderly_health_managed_rate": "elderly_health_management_rate",
         "family_doctor_contract_rate": "family_doctor_contracting_rate",
         "bed_occupancy": "hospital_occupancy"}
#: Published resident flows (persons a year) -> summary column.
FLOWS = {"births": "total_births", "deaths": "total_deaths"}
#: Published count -> (indicator, denominator series, per how many persons).
PER_PERSONS = {"beds_total": ("beds_per_1000_residents", "resident_population", 1000.0),
               "doctors": ("doctors_per_1000_residents", "resident_population", 1000.0),
               "nurses": ("nurses_per_1000_residents", "resident_population", 1000.0),
               "gps": ("gps_per_10000_hukou", "hukou_population", 10000.0)}
#: Basis of the series the model describes (sim.inputs.history.BASES).
POPULATION_BASIS, COUNT_BASIS = "resident", "city"


@dataclass(frozen=True)
class Observed:
    """Points of one indicator: model times and values (Dataset units; summary shares in %)."""

    times: np.ndarray
    values: np.ndarray


def load_observed(region: str) -> History | None:
    """The region's history, or None when the region has none (or it cannot be read: charts
    are drawn without points rather than not at all)."""
    try:
        return load_history(region)
    except (InputError, OSError):
        return None


def _points(rows: list[tuple[float, float]]) -> Observed:
    rows = sorted(rows)
    return Observed(np.array([r[0] for r in rows], float), np.array([r[1] for r in rows], float))


def _bracketed(population: list[Observation], when: _dt.date) -> float | None:
    """Published population at `when`: exact, or linear between the nearest published values
    before and after it; None without both."""
    before = [o for o in population if o.date <= when]
    after = [o for o in population if o.date >= when]
    if not before or not after:
        return None
    a, b = before[-1], after[0]
    if a.date == b.date:
        return a.value
    share = (when - a.date).days / (b.date - a.date).days
    return a.value + share * (b.value - a.value)


def observed_points(history: History | None) -> dict[str, Observed]:
    """Indicator name (Dataset variable or summary column) -> its observed points."""
    if history is None:
        return {}
    found: dict[str, list[tuple[float, float]]] = {}
    for obs in history.observations:
        if obs.series in PERCENT_OF_RESIDENTS and obs.basis == POPULATION_BASIS:
            found.setdefault(PERCENT_OF_RESIDENTS[obs.series], []).append(
                (model_time(obs.date), obs.value))
        elif obs.series in RATES and obs.basis in (POPULATION_BASIS, COUNT_BASIS):
            found.setdefault(RATES[obs.series], []).append((model_time(obs.date),
                                                            obs.value / 100.0))
        elif obs.series in FLOWS and obs.basis == POPULATION_BASIS:
            found.setdefault(FLOWS[obs.series], []).append((model_time(obs.date), obs.value))
        elif obs.series in PER_PERSONS and obs.basis == COUNT_BASIS:
            name, denominator, per = PER_PERSONS[obs.series]
            basis = "hukou" if denominator == "hukou_population" else POPULATION_BASIS
            persons = _bracketed(history.select(denominator, basis), obs.date)
            if persons:
                found.setdefault(name, []).append((model_time(obs.date),
                                                   per * obs.value / persons))
    return {name: _points(rows) for name, rows in found.items()}


def last_observed_time(points: dict[str, Observed]) -> float | None:
    """Model time of the latest point drawn (the line between observed and projected)."""
    latest = [float(p.times.max()) for p in points.values() if len(p.times)]
    return max(latest) if latest else None
