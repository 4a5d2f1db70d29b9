"""Published health-resource counts against the model: each count of calibration/<region>/
history.csv (beds by type, doctors, nurses, GPs, health technicians) beside the region's
baseline at the count's own date.

It measures; it changes nothing. `MAPPINGS` is the one place that says which model outputs a
published series is compared with, and why that is the same scope. A count the model cannot be
compared with is kept in `Anchors.skipped` with the reason, never dropped silently:

- the model holds no such stock (health technicians, township health centres' beds): "not in
  the model";
- the model holds the stock in another scope (the published TCM hospitals exclude the
  integrated TCM-Western hospitals the model counts), the count is not the whole city's
  institutions (`basis` other than ``city``), or its date lies outside the run: "left out".

Dates: the model's stocks at time t are counted on 1 Nov t (README "Dates"; the Dataset's
``time`` coordinate), so a count dated 2024-03-31 lies between t = 2023 (1 Nov 2023) and
t = 2024 (1 Nov 2024), 151 of the 366 days after the first; the model's value there is the
linear interpolation in time between the two.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import numpy as np
import xarray as xr

from sim.core.errors import SimError
from sim.core.paths import SCENARIOS_DIR
from sim.inputs.folders import region_folder
from sim.inputs.history import History, Observation, load_history
from sim.inputs.scenario import Scenario, load_scenario
from sim.model.dimensions import DIMENSION_NAMES
from sim.runs.simulate import DEFAULT_ENGINE, simulate

__all__ = ["Term", "Mapping", "MAPPINGS", "HEALTH_RESOURCE_SERIES", "COMPARED_BASIS",
           "AnchorRow", "Skipped", "Anchors", "model_time", "interpolate", "model_value",
           "anchor_rows", "measure_anchors", "BASELINE_FILE", "TOLERANCE"]

#: The region's baseline scenario, scenarios/<region>/<BASELINE_FILE>.
BASELINE_FILE = "baseline.yaml"
#: The issue's acceptance band for a reproduced count (issue 13, item 5): |rel_error| <= 5%.
TOLERANCE = 0.05
#: Model stocks at time t are counted on this day of year t (README "Dates": the census day).
COUNT_MONTH, COUNT_DAY = 11, 1
#: The model counts the whole city's institutions; a district's count is another scope.
COMPARED_BASIS = "city"
_BED_TYPE = DIMENSION_NAMES["bed type"]


@dataclass(frozen=True)
class Term:
    """One model output added into a mapping; `bed_type` selects one element of `beds`."""

    variable: str
    bed_type: str | None = None


@dataclass(frozen=True)
class Mapping:
    """What a published series is compared with: the sum of `terms`, and `why` that is the
    published scope. No terms: the model holds no such stock. `left_out`: the model holds a
    stock of another scope, so the count is not compared (the reason)."""

    terms: tuple[Term, ...]
    why: str
    left_out: str = ""


def _beds(*types: str) -> tuple[Term, ...]:
    return tuple(Term("beds", t) for t in types)


_HOSPITAL = _beds("hospital general", "hospital TCM", "hospital rehabilitation")

#: Every health-resource series of the history vocabulary (sim.inputs.history.SERIES) -> its
#: model scope. The 2020 stocks of the profiles were derived from these same published counts
#: (calibration/<region>/profile.yaml, health_2020 methods), type by type, so the scopes agree
#: by construction where a row maps; tests check every series of the vocabulary is here.
MAPPINGS: dict[str, Mapping] = {
    # Total beds = the five bed types + 护理院 + other institutions (public health, sanatoria):
    # the model's `total beds`, all beds of medical and health institutions (000:L375). Hangzhou's
    # total excludes clinics and village clinics (history.csv note), which hold no beds in the
    # model either (its profile split that same total).
    "beds_total": Mapping((Term("total_beds"),),
                          "total beds: five bed types + nursing homes + other institutions"),
    # Hospitals = hospital general + TCM + rehabilitation + nursing homes, because the Hangzhou
    # table counts 护理院 within hospitals (history.csv note "counted within hospitals"), as the
    # national statistics do; Lishui's and Jiamusi's profiles split their hospital beds the same
    # way (general, TCM-type, rehabilitation, nursing homes).
    "beds_hospital": Mapping(_HOSPITAL + (Term("nursing_home_beds"),),
                             "hospital general + TCM + rehabilitation + nursing homes"),
    # Primary care (基层: community and township health centres, outpatient departments) = the
    # model's primary-care general + nursing beds (Hangzhou note: CHCs, THCs, outpatient depts).
    "beds_primary": Mapping(_beds("primary general", "primary nursing"),
                            "primary-care general + nursing beds"),
    "beds_rehabilitation_hospital": Mapping(_beds("hospital rehabilitation"),
                                            "hospital rehabilitation beds"),
    "beds_nursing_home": Mapping((Term("nursing_home_beds"),), "nursing-home (护理院) beds"),
    # The model's `hospital TCM` beds are TCM-type hospitals, the integrated TCM-Western ones
    # included (Hangzhou profile: 12,517 + 5,491); the published count is TCM hospitals only
    # (history.csv note: "plus 5,491 in 8 integrated TCM-Western hospitals (not included)").
    "beds_tcm_hospital": Mapping(_beds("hospital TCM"), "hospital TCM beds",
                                 left_out="published TCM hospitals exclude the integrated "
                                          "TCM-Western hospitals the model's TCM beds include"),
    # Township health centres are part of primary care; the model does not split primary care
    # into township and community centres.
    "beds_township_health_centre": Mapping((), "primary care is not split by institution"),
    # 执业(助理)医师: the model's practising doctors = GPs + other doctors + doctors in transfer
    # training (sim/model/health_system.mdl).
    "doctors": Mapping((Term("practising_doctors"),), "practising (assistant) doctors"),
    "nurses": Mapping((Term("registered_nurses"),), "registered nurses"),
    "gps": Mapping((Term("general_practitioners"),), "registered GPs"),
    # 卫生技术人员 also counts pharmacists, technicians and others: no such stock in the model.
    "health_technicians": Mapping((), "the model has no stock of all health technicians"),
}

HEALTH_RESOURCE_SERIES = tuple(MAPPINGS)


@dataclass(frozen=True)
class AnchorRow:
    """One published count and the model's value at its date; rel_error = (model - published)
    / published (positive: the model holds more)."""

    series: str
    date: _dt.date
    published: float
    model: float
    rel_error: float
    source: str

    @property
    def within(self) -> bool:
        return abs(self.rel_error) <= TOLERANCE


@dataclass(frozen=True)
class Skipped:
    """A published count not compared: `kind` "not_in_model" or "left_out", with the reason
    (English) and `why`, its code for the report's labels: the series for a reason of the
    mapping, "basis" or "outside" for a reason of the row, with `fields` to word it."""

    series: str
    date: _dt.date
    published: float
    kind: str
    reason: str
    source: str
    why: str
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Anchors:
    """The rows compared and the counts skipped, of one region's run (`scenario`, `engine`);
    `names` are the region's Chinese and English names."""

    region: str
    scenario: Scenario | None
    engine: str
    rows: tuple[AnchorRow, ...]
    skipped: tuple[Skipped, ...]
    names: tuple[str, str] = ("", "")

    def within(self) -> int:
        return sum(row.within for row in self.rows)

    def largest(self) -> AnchorRow | None:
        return max(self.rows, key=lambda r: abs(r.rel_error), default=None)


def model_time(date: _dt.date) -> float:
    """The model time of a calendar date: t + the fraction of the year from 1 Nov t to 1 Nov
    t+1 elapsed (days, leap days counted), e.g. 2024-03-31 -> 2023 + 151/366."""
    year = date.year if (date.month, date.day) >= (COUNT_MONTH, COUNT_DAY) else date.year - 1
    start = _dt.date(year, COUNT_MONTH, COUNT_DAY)
    end = _dt.date(year + 1, COUNT_MONTH, COUNT_DAY)
    return year + (date - start).days / (end - start).days


def interpolate(values: xr.DataArray, date: _dt.date) -> float:
    """`values` (dimension time, years counted on 1 Nov) linearly interpolated to `date`;
    SimError outside the run's years."""
    times = np.asarray(values["time"].values, dtype=float)
    when = model_time(date)
    if not times[0] <= when <= times[-1]:
        raise SimError(f"{date} lies outside the run (1 Nov {times[0]:.0f} to "
                       f"1 Nov {times[-1]:.0f})")
    return float(np.interp(when, times, np.asarray(values.values, dtype=float)))


def model_value(ds: xr.Dataset, mapping: Mapping) -> xr.DataArray:
    """The sum of a mapping's terms, by time."""
    parts = [ds[term.variable] if term.bed_type is None
             else ds[term.variable].sel({_BED_TYPE: term.bed_type}, drop=True)
             for term in mapping.terms]
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def anchor_rows(history: History, ds: xr.Dataset) -> tuple[tuple[AnchorRow, ...],
                                                            tuple[Skipped, ...]]:
    """Every health-resource count of `history`, compared with `ds` or skipped with a reason;
    in the order of series (MAPPINGS) then date."""
    rows: list[AnchorRow] = []
    skipped: list[Skipped] = []
    first, last = int(ds["time"].values[0]), int(ds["time"].values[-1])
    observations = sorted((o for o in history.observations if o.series in MAPPINGS),
                          key=lambda o: (HEALTH_RESOURCE_SERIES.index(o.series), o.date, o.line))
    for obs in observations:
        mapping = MAPPINGS[obs.series]

        def skip(kind: str, reason: str, why: str, obs: Observation = obs,
                 **fields: object) -> None:
            skipped.append(Skipped(obs.series, obs.date, obs.value, kind, reason, obs.source,
                                   why, tuple((k, str(v)) for k, v in fields.items())))

        if not mapping.terms:
            skip("not_in_model", mapping.why, obs.series)
        elif mapping.left_out:
            skip("left_out", mapping.left_out, obs.series)
        elif obs.basis != COMPARED_BASIS:
            skip("left_out", f"basis {obs.basis}: the model counts the whole city's institutions",
                 "basis", basis=obs.basis)
        elif not first <= model_time(obs.date) <= last:
            skip("left_out", f"outside the run (1 Nov {first} to 1 Nov {last})", "outside",
                 first=first, last=last)
        else:
            value = interpolate(model_value(ds, mapping), obs.date)
            rows.append(AnchorRow(obs.series, obs.date, obs.value, value,
                                  (value - obs.value) / obs.value, obs.source))
    return tuple(rows), tuple(skipped)


def measure_anchors(region: str, which: str = DEFAULT_ENGINE, progress=None) -> Anchors:
    """Run scenarios/<region>/baseline.yaml (nothing written) and compare it with every
    health-resource count of calibration/<region>/history.csv."""
    folder = region_folder(region, SCENARIOS_DIR, BASELINE_FILE)  # one-line error if unknown
    history = load_history(region)
    scenario = load_scenario(folder / BASELINE_FILE)
    loaded, ds, _ = simulate(scenario, progress, which)
    rows, skipped = anchor_rows(history, ds)
    return Anchors(region, scenario, which, rows, skipped, (loaded.name_zh, loaded.name_en))
