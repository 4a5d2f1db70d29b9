"""Inputs of the 2010-2020 backcast of a region: ``calibration/<region>/backcast_2010.yaml``.

Starting values and plausible ranges of the 2010-2020 inputs (TFR, life expectancy, sex ratio at
birth, net migration), the natural increase of the decade, the published 2010 census figures and
the start population it names (``population_2010.csv``, residents on 1 Nov 2010). These are
assumptions, not observations (those are `sim.inputs.history`). `load_backcast` validates
everything and raises a one-line `InputError` naming the file and key of the first problem.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xarray as xr
from pydantic import Field

from sim.core.errors import MISSING, InputError, Verbatim, did_you_mean, one_of, show_value
from sim.core.paths import BACKCAST_FILE
from sim.core.schema import StrictModel, load_yaml_model
from sim.inputs.folders import calibration_root, data_file, region_folder
from sim.inputs.keys import KEYS
from sim.inputs.tables import check_census_total, read_age_csv, sex_age_array
from sim.inputs.timeseries import Series, parse_series

__all__ = ["BackcastInput", "Backcast", "load_backcast", "BACKCAST_KEYS", "CENSUS_2010_DATE"]

#: Census day of the 2010 start population.
CENSUS_2010_DATE = "2010-11-01"
#: Scenario keys the backcast must give (see sim.inputs.keys).
BACKCAST_KEYS = ("population.tfr", "population.life_expectancy", "population.sex_ratio_at_birth",
                 "population.net_migration")


# ---------------------------------------------------------------------------------------------
# Schema of backcast_2010.yaml. The class names _Figure and _Absent appear in error messages
# (pydantic names the member of a union that failed: hukou_population_2010._Figure.unit).

class _Input(StrictModel):
    value: Any = Field(description="a series (number, {table: ...}, {ramp: ...} or {step: ...})")
    unit: str = Field(description="the unit of the scenario key (sim.inputs.keys)")
    source: str = Field(description="text: publications the value rests on")
    method: str = Field(description="text: how the value was derived")
    assumption: bool = Field(description="true (backcast inputs are assumptions)")
    low: float = Field(description="a number: low end of the plausible range")
    high: float = Field(description="a number: high end of the plausible range")
    low_path: Any = Field(None, description="optional series: the low path")
    high_path: Any = Field(None, description="optional series: the high path")
    note: str = Field(description="text: why this value")


class _Figure(StrictModel):
    value: float = Field(description="a number")
    unit: str = Field(description="the unit, as text")
    source: str = Field(description="text: publication and research note section")
    note: str | None = Field(None, description="text")
    low: float | None = Field(None, description="a number: low end of the plausible range")
    high: float | None = Field(None, description="a number: high end of the plausible range")


class _Absent(StrictModel):
    value: None = Field(description="null (not found)")
    unit: str = Field(description="the unit, as text")
    missing: bool = Field(description="true")
    note: str = Field(description="text: where it was searched")


class _Start(StrictModel):
    date: str = Field(description=f"'{CENSUS_2010_DATE}'")
    population_file: str = Field(description="a CSV file name in the region folder")


class _Check(StrictModel):
    date: str = Field(description="'2020-11-01'")
    population_file: str = Field(description="a CSV file name in the region folder")
    total: float = Field(description="the 2020 census total, persons")
    note: str = Field(description="text")


class _Years(StrictModel):
    start: int = Field(description="the first model year, 2010")
    end: int = Field(description="the last model year, 2020")


class _Backcast(StrictModel):
    region: str = Field(description="the region folder name")
    name_en: str = Field(description="text")
    name_zh: str = Field(description="text")
    start: _Start = Field(description="{date: ..., population_file: ...}")
    check: _Check = Field(description="{date: ..., population_file: ..., total: ..., note: ...}")
    years: _Years = Field(description="{start: 2010, end: 2020}")
    census_2010: dict[str, _Figure] = Field(description="{total: {value, unit, source}, ...}")
    population_2010_shares: dict[str, float] = Field(
        description="broad shares of population_2010.csv, percent")
    hukou_population_2010: _Figure | _Absent = Field(
        description="a figure, or {value: null, missing: true, ...}")
    inputs: dict[str, _Input] = Field(description="scenario keys -> inputs with ranges")
    derived: dict[str, _Input] = Field(description="derived quantities with ranges")
    note_timing: str = Field(description="text")


@dataclass(frozen=True)
class BackcastInput:
    """A backcast input: `series` (its starting value), `low`/`high` (plausible range of any year's
    value), optional `low_path`/`high_path` series, and provenance. An assumption, not an
    observation."""

    key: str
    series: Series
    unit: str
    low: float
    high: float
    low_path: Series | None
    high_path: Series | None
    source: str
    method: str
    note: str


@dataclass(frozen=True, eq=False)
class Backcast:
    """The 2010-2020 backcast of a region.

    start_date: census day of the start population (2010-11-01); years: model years (2010, 2020).
    population_2010: persons on 1 Nov 2010, DataArray (sex, age), sums to `census_2010['total']`.
    census_2010: published 2010 figures by name (total: person; share_*: percent; sex_ratio).
    hukou_population_2010: persons, or None when not found.
    inputs: `BackcastInput` for each of BACKCAST_KEYS (scenario keys, see sim.inputs.keys).
    natural_increase_2010_2020: births minus deaths over the decade used for the net-migration
        guess.
    check_total_2020: the 2020 census total the backcast should reach.
    """

    region: str
    start_date: _dt.date
    years: tuple[int, int]
    population_2010: xr.DataArray
    census_2010: dict[str, float]
    hukou_population_2010: float | None
    inputs: dict[str, BackcastInput]
    natural_increase_2010_2020: BackcastInput
    check_total_2020: float
    note_timing: str
    path: Path
    sha256: str
    census_2010_sources: dict[str, str] = field(default_factory=dict)


def load_backcast(region: str, calibration_dir: str | os.PathLike[str] | None = None) -> Backcast:
    """Load and validate ``<calibration_dir>/<region>/backcast_2010.yaml`` and the start
    population it names."""
    folder = region_folder(region, calibration_root(calibration_dir), BACKCAST_FILE)
    path = folder / BACKCAST_FILE
    b, sha256 = load_yaml_model(path, _Backcast)
    if b.region != folder.name:
        raise InputError(path, "region", b.region, f"the folder name, {folder.name}",
                         "region does not match its folder")
    if b.start.date != CENSUS_2010_DATE:
        raise InputError(path, "start.date", b.start.date,
                         f"'{CENSUS_2010_DATE}' (the 2010 census day)", "wrong start date")
    if (b.years.start, b.years.end) != (2010, 2020):
        raise InputError(path, "years", Verbatim(f"{b.years.start}..{b.years.end}"),
                         "start: 2010, end: 2020", "wrong years")
    if "total" not in b.census_2010:
        raise InputError(path, "census_2010.total", MISSING,
                         "{value: <persons>, unit: person, source: ...}", "required key is missing")
    total = b.census_2010["total"]
    if total.unit != "person" or total.value <= 0:
        raise InputError(path, "census_2010.total",
                         Verbatim(f"{show_value(total.value)} {total.unit}"),
                         "a positive number of persons (unit: person)", "bad census total")
    inputs = {}
    for key in BACKCAST_KEYS:
        if key not in b.inputs:
            raise InputError(path, f"inputs.{key}", MISSING, "an input with value, unit, source, "
                             "method, assumption, low, high and note", "required key is missing")
    for key, q in b.inputs.items():
        spec = KEYS.get(key)
        if spec is None:
            raise InputError(path, f"inputs.{key}", Verbatim(key), one_of(BACKCAST_KEYS),
                             "unknown key" + did_you_mean(key, BACKCAST_KEYS))
        inputs[key] = _input(path, f"inputs.{key}", q, key=key, unit=spec.unit,
                             bounds=(spec.low, spec.high))
    if "natural_increase_2010_2020" not in b.derived:
        raise InputError(path, "derived.natural_increase_2010_2020", MISSING,
                         "a quantity in persons", "required key is missing")
    natural = _input(path, "derived.natural_increase_2010_2020",
                     b.derived["natural_increase_2010_2020"], key="natural_increase_2010_2020",
                     unit="person", bounds=(-1e9, 1e9))

    pop_path = data_file(folder, path, "start.population_file", b.start.population_file)
    population = sex_age_array(read_age_csv(pop_path, ("age", "female", "male")),
                               "population 2010", "person", pop_path)
    check_census_total(float(population.sum()), total.value, pop_path,
                       census=f"the census 2010 total in {BACKCAST_FILE}")
    hukou = b.hukou_population_2010.value if isinstance(b.hukou_population_2010, _Figure) else None
    return Backcast(
        region=b.region, start_date=_dt.date.fromisoformat(b.start.date),
        years=(b.years.start, b.years.end),
        population_2010=population, census_2010={k: v.value for k, v in b.census_2010.items()},
        hukou_population_2010=hukou, inputs=inputs, natural_increase_2010_2020=natural,
        check_total_2020=b.check.total, note_timing=b.note_timing, path=folder, sha256=sha256,
        census_2010_sources={k: v.source for k, v in b.census_2010.items()},
    )


def _input(path: Path, where: str, q: _Input, *, key: str, unit: str,
           bounds: tuple[float, float]) -> BackcastInput:
    """Input `q` written at `where`: its unit, provenance and every value of its series (within
    `bounds`, the key's range, and within its own low..high)."""
    if q.unit != unit:
        raise InputError(path, f"{where}.unit", q.unit, repr(unit), "wrong unit")
    if q.assumption is not True:
        raise InputError(path, f"{where}.assumption", q.assumption,
                         "true (backcast inputs are assumptions)", "not marked as an assumption")
    if q.low > q.high:
        raise InputError(path, f"{where}.high", q.high, f"a number at least low ({q.low:g})",
                         "high below low")
    for name in ("source", "method", "note"):
        if not getattr(q, name).strip():
            raise InputError(path, f"{where}.{name}", getattr(q, name), "non-empty text",
                             f"empty {name}")

    def checked(name: str) -> Series:
        series = parse_series(getattr(q, name), path, f"{where}.{name}")
        for sub, v in series.value_items():
            sub_key = f"{where}.{name}.{sub}" if sub else f"{where}.{name}"
            if not bounds[0] <= v <= bounds[1]:
                raise InputError(path, sub_key, v,
                                 f"a number from {bounds[0]:g} to {bounds[1]:g} ({unit})",
                                 "value out of range")
            if not q.low <= v <= q.high:
                raise InputError(path, sub_key, v, "a value within the input's own plausible "
                                 f"range low..high ({q.low:g} to {q.high:g})",
                                 "value outside its stated plausible range")
        return series

    # The value is required (parse_series rejects an empty one); the two paths are optional.
    series = checked("value")
    low_path = None if q.low_path is None else checked("low_path")
    high_path = None if q.high_path is None else checked("high_path")
    return BackcastInput(key=key, series=series, unit=unit, low=q.low, high=q.high,
                         low_path=low_path, high_path=high_path,
                         source=q.source, method=q.method, note=q.note)
