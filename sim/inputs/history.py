"""Observed history and backcast inputs of a region, for calibrating the population sector.

Files (format and vocabulary: calibration/HISTORY.md):

- ``calibration/<region>/history.csv``: one observation per row,
  ``series,date,value,unit,basis,source,confidence,note`` (leading ``#`` lines are comments).
- ``calibration/<region>/history_missing.csv``: series searched for and not found,
  ``series,years,basis,searched_where``.
- ``calibration/<region>/population_2010.csv``: residents on 1 Nov 2010 by single age and sex
  (same format as population_2020.csv).
- ``calibration/<region>/backcast_2010.yaml``: starting values and ranges of the 2010-2020 inputs
  (TFR, life expectancy, sex ratio at birth, net migration); assumptions, not observations.

`load_history`, `load_population_2010` and `load_backcast` validate everything and raise a one-line
`InputError` naming the file, the line (or key) and the column of the first problem.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import xarray as xr
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sim.inputs import keys as _keys
from sim.core.errors import MISSING, InputError, Verbatim, did_you_mean, from_pydantic, one_of, show_value
from sim.core.paths import BACKCAST_FILE, CALIBRATION_DIR, HISTORY_FILE, MISSING_FILE
from sim.inputs.region import csv_rows, read_age_csv, sex_age_array  # the CSV rules of the 2020 files
from sim.inputs.timeseries import Series, parse_series
from sim.core.yamlio import read_yaml_with_hash

__all__ = ["SERIES", "SeriesSpec", "BASES", "CONFIDENCE", "HISTORY_COLUMNS", "MISSING_COLUMNS",
           "Observation", "MissingSeries", "History", "BackcastInput", "Backcast",
           "load_history", "load_population_2010", "load_backcast", "BACKCAST_KEYS"]

POPULATION_2010_FILE = "population_2010.csv"
HISTORY_COLUMNS = ["series", "date", "value", "unit", "basis", "source", "confidence", "note"]
MISSING_COLUMNS = ["series", "years", "basis", "searched_where"]
#: ``basis`` values other than ``district:<name>``: resident (常住), hukou (户籍), city (counts of the
#: whole city's institutions, e.g. beds), derived (a value with no population basis of its own).
BASES = ("resident", "hukou", "city", "derived")
DISTRICT_PREFIX = "district:"
CONFIDENCE = ("high", "medium", "low", "derived")
#: Dates accepted (the history starts with the 2009 figures found; 2024 is the latest found).
FIRST_YEAR, LAST_YEAR = 2000, 2030
#: Census day of the 2010 start population; the population CSV must sum to the census total within this.
CENSUS_2010_DATE = "2010-11-01"
TOTAL_TOLERANCE = 1e-6
#: Scenario keys the backcast must give (see sim.inputs.keys).
BACKCAST_KEYS = ("population.tfr", "population.life_expectancy", "population.sex_ratio_at_birth",
                 "population.net_migration")


@dataclass(frozen=True)
class SeriesSpec:
    """Unit and plausible bounds of one series of the vocabulary."""

    unit: str
    low: float
    high: float
    meaning: str


def _spec(unit: str, low: float, high: float, meaning: str) -> SeriesSpec:
    return SeriesSpec(unit, low, high, meaning)


_PERSONS = (0.0, 1e9)
#: The fixed vocabulary: series name -> unit, bounds and meaning (calibration/HISTORY.md).
SERIES: dict[str, SeriesSpec] = {
    "resident_population": _spec("person", *_PERSONS, "resident (常住) population, a stock"),
    "hukou_population": _spec("person", *_PERSONS, "registered (户籍) population, a stock"),
    "births": _spec("person/year", *_PERSONS, "live births in the year (or period)"),
    "deaths": _spec("person/year", *_PERSONS, "deaths in the year"),
    "crude_birth_rate": _spec("per_mille", 0.0, 60.0, "births per 1,000 mean population"),
    "crude_death_rate": _spec("per_mille", 0.0, 60.0, "deaths per 1,000 mean population"),
    "natural_increase_rate": _spec("per_mille", -60.0, 60.0, "CBR minus CDR"),
    "share_0_14": _spec("percent", 0.0, 100.0, "share of the population aged 0-14"),
    "share_15_59": _spec("percent", 0.0, 100.0, "share aged 15-59"),
    "share_15_64": _spec("percent", 0.0, 100.0, "share aged 15-64"),
    "share_60_plus": _spec("percent", 0.0, 100.0, "share aged 60 and over"),
    "share_65_plus": _spec("percent", 0.0, 100.0, "share aged 65 and over"),
    "sex_ratio": _spec("males_per_100_females", 50.0, 200.0, "males per 100 females"),
    "sex_ratio_at_birth": _spec("males_per_100_females", 80.0, 150.0, "boys born per 100 girls born"),
    "urban_share": _spec("percent", 0.0, 100.0, "urban share of the population (urbanisation rate)"),
    "life_expectancy": _spec("year", 40.0, 100.0, "period life expectancy at birth, both sexes"),
    "infant_mortality_rate": _spec("per_mille", 0.0, 200.0, "deaths under 1 per 1,000 live births"),
    "under5_mortality_rate": _spec("per_mille", 0.0, 300.0, "deaths under 5 per 1,000 live births"),
    "maternal_mortality_ratio": _spec("per_100000_live_births", 0.0, 2000.0,
                                      "maternal deaths per 100,000 live births"),
    "hukou_migration_in": _spec("person/year", *_PERSONS, "hukou registrations moved in"),
    "hukou_migration_out": _spec("person/year", *_PERSONS, "hukou registrations moved out"),
    "hukou_net_migration": _spec("person/year", -1e8, 1e8, "hukou in minus out"),
    "beds_total": _spec("bed", *_PERSONS, "beds of medical and health institutions (scope in note)"),
    "beds_hospital": _spec("bed", *_PERSONS, "hospital beds"),
    "beds_primary": _spec("bed", *_PERSONS, "primary-care (基层) institution beds"),
    "beds_township_health_centre": _spec("bed", *_PERSONS, "township health centre (乡镇卫生院) beds"),
    "beds_tcm_hospital": _spec("bed", *_PERSONS, "TCM hospital beds"),
    "beds_nursing_home": _spec("bed", *_PERSONS, "nursing-home (护理院) beds"),
    "beds_rehabilitation_hospital": _spec("bed", *_PERSONS, "rehabilitation hospital beds"),
    "health_technicians": _spec("person", *_PERSONS, "health technical staff (卫生技术人员)"),
    "doctors": _spec("person", *_PERSONS, "practising (assistant) doctors (执业(助理)医师)"),
    "nurses": _spec("person", *_PERSONS, "registered nurses"),
    "gps": _spec("person", *_PERSONS, "general practitioners (全科医生)"),
    "hypertension_managed": _spec("person", *_PERSONS, "hypertension patients under management"),
    "hypertension_managed_rate": _spec("percent", 0.0, 100.0, "hypertension management rate"),
    "diabetes_managed": _spec("person", *_PERSONS, "diabetes patients under management"),
    "diabetes_managed_rate": _spec("percent", 0.0, 100.0, "diabetes management rate"),
    "elderly_health_managed_rate": _spec("percent", 0.0, 100.0, "65+ health-management rate"),
    "family_doctor_contract_rate": _spec("percent", 0.0, 100.0, "family-doctor contracting rate"),
    "bed_occupancy": _spec("percent", 0.0, 150.0, "hospital bed occupancy"),
    "average_length_of_stay": _spec("day", 0.0, 100.0, "average length of stay"),
}


# ---------------------------------------------------------------------------------------------
# History

@dataclass(frozen=True)
class Observation:
    """One row of history.csv. `date` is the day a stock refers to or the mid-point of the period
    of a flow or rate; `value` is in `unit` (the vocabulary's unit of `series`)."""

    series: str
    date: _dt.date
    value: float
    unit: str
    basis: str
    source: str
    confidence: str
    note: str
    line: int


@dataclass(frozen=True)
class MissingSeries:
    """One row of history_missing.csv: a series (and years) searched for and not found."""

    series: str
    years: str
    basis: str
    searched_where: str


@dataclass(frozen=True, eq=False)
class History:
    """The observed history of a region: `observations` (every row of history.csv, in file order)
    and `missing` (the series searched for and not found)."""

    region: str
    observations: tuple[Observation, ...]
    missing: tuple[MissingSeries, ...]
    path: Path

    def select(self, series: str, basis: str | None = None) -> list[Observation]:
        """Observations of one series (optionally of one basis), sorted by date."""
        if series not in SERIES:
            raise KeyError(f"unknown series {series!r}{did_you_mean(series, SERIES)}")
        rows = [o for o in self.observations if o.series == series and (basis is None or o.basis == basis)]
        return sorted(rows, key=lambda o: (o.date, o.line))

    def frame(self) -> pd.DataFrame:
        """All observations as a DataFrame (columns of history.csv plus `line`; `date` as Timestamp)."""
        df = pd.DataFrame([o.__dict__ for o in self.observations])
        df["date"] = pd.to_datetime(df["date"])
        return df


def _cal_dir(calibration_dir: str | os.PathLike[str] | None) -> Path:
    return Path(calibration_dir) if calibration_dir is not None else CALIBRATION_DIR


def _region_folder(region: str, root: Path, file: str) -> Path:
    known = sorted(p.name for p in root.iterdir() if (p / file).is_file()) if root.is_dir() else []
    if region not in known:
        raise InputError(root / str(region), "region", region,
                         one_of(known) if known else f"a folder of {root} holding {file} (none found)",
                         "unknown region" + did_you_mean(region, known))
    return root / region


def load_history(region: str, calibration_dir: str | os.PathLike[str] | None = None) -> History:
    """Load and validate ``<calibration_dir>/<region>/history.csv`` and ``history_missing.csv``."""
    folder = _region_folder(region, _cal_dir(calibration_dir), HISTORY_FILE)
    path = folder / HISTORY_FILE
    observations: list[Observation] = []
    seen: dict[tuple, int] = {}
    for lineno, cells in csv_rows(path, HISTORY_COLUMNS):
        obs = _observation(path, lineno, dict(zip(HISTORY_COLUMNS, cells)))
        key = (obs.series, obs.date, obs.basis, obs.source)
        if key in seen:
            raise InputError(path, f"line {lineno}", Verbatim(f"{obs.series} {obs.date} {obs.basis}"),
                             f"one row per series, date, basis and source (same as line {seen[key]})",
                             "duplicate row")
        seen[key] = lineno
        observations.append(obs)
    if not observations:
        raise InputError(path, "(rows)", MISSING, "at least one observation", "no observations")
    missing_path = folder / MISSING_FILE
    missing = [_missing_row(missing_path, lineno, dict(zip(MISSING_COLUMNS, cells)))
               for lineno, cells in csv_rows(missing_path, MISSING_COLUMNS)]
    return History(region=region, observations=tuple(observations), missing=tuple(missing), path=folder)


def _observation(path: Path, lineno: int, row: dict[str, str]) -> Observation:
    def where(column: str) -> str:
        return f"line {lineno}, {column}"

    series = row["series"]
    spec = SERIES.get(series)
    if spec is None:
        raise InputError(path, where("series"), series, "a series of the vocabulary (calibration/HISTORY.md): "
                         + ", ".join(SERIES), "unknown series" + did_you_mean(series, SERIES))
    try:
        date = _dt.date.fromisoformat(row["date"])
    except ValueError:
        raise InputError(path, where("date"), row["date"], "an ISO date YYYY-MM-DD (census 2010-11-01, year-end "
                         "YYYY-12-31, a year's flow YYYY-07-01)", "not a date") from None
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise InputError(path, where("date"), row["date"], f"a date in {FIRST_YEAR} to {LAST_YEAR}",
                         "date out of range")
    text = row["value"]
    if not text:
        raise InputError(path, where("value"), MISSING, "a number (a series not found goes in "
                         f"{MISSING_FILE}, never as an empty row)", "empty value")
    try:
        value = float(text)
    except ValueError:
        raise InputError(path, where("value"), text, "a number", "not a number") from None
    if not math.isfinite(value) or not spec.low <= value <= spec.high:
        raise InputError(path, where("value"), value, f"a number from {spec.low:g} to {spec.high:g} "
                         f"({spec.unit})", "value out of range")
    if row["unit"] != spec.unit:
        raise InputError(path, where("unit"), row["unit"], f"{spec.unit!r} (the unit of {series})", "wrong unit")
    basis = row["basis"]
    if basis not in BASES and not (basis.startswith(DISTRICT_PREFIX) and basis[len(DISTRICT_PREFIX):].strip()):
        raise InputError(path, where("basis"), basis, one_of(BASES) + f" or {DISTRICT_PREFIX}<name>",
                         "unknown basis" + did_you_mean(basis, BASES))
    if not row["source"]:
        raise InputError(path, where("source"), MISSING, "the publication or page address and the research "
                         "note section", "no source")
    confidence = row["confidence"]
    if confidence not in CONFIDENCE:
        raise InputError(path, where("confidence"), confidence, one_of(CONFIDENCE),
                         "unknown confidence" + did_you_mean(confidence, CONFIDENCE))
    if confidence == "derived" and not row["note"]:
        raise InputError(path, where("note"), MISSING, "the formula of a derived value", "derived without formula")
    return Observation(series=series, date=date, value=value, unit=spec.unit, basis=basis, source=row["source"],
                       confidence=confidence, note=row["note"], line=lineno)


def _missing_row(path: Path, lineno: int, row: dict[str, str]) -> MissingSeries:
    if row["series"] not in SERIES:
        raise InputError(path, f"line {lineno}, series", row["series"], "a series of the vocabulary "
                         "(calibration/HISTORY.md)", "unknown series" + did_you_mean(row["series"], SERIES))
    for column in ("years", "searched_where"):
        if not row[column]:
            raise InputError(path, f"line {lineno}, {column}", MISSING,
                             "the years not found" if column == "years" else "where it was searched",
                             f"empty {column}")
    return MissingSeries(**row)


# ---------------------------------------------------------------------------------------------
# 2010 start population

def load_population_2010(region: str, calibration_dir: str | os.PathLike[str] | None = None) -> xr.DataArray:
    """Residents on 1 Nov 2010 by sex and single age (persons), DataArray (sex, age)."""
    folder = _region_folder(region, _cal_dir(calibration_dir), POPULATION_2010_FILE)
    path = folder / POPULATION_2010_FILE
    return sex_age_array(read_age_csv(path, ("age", "female", "male")), "population 2010", "person", path)


# ---------------------------------------------------------------------------------------------
# Backcast inputs

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class _Input(_Model):
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


class _Figure(_Model):
    value: float = Field(description="a number")
    unit: str = Field(description="the unit, as text")
    source: str = Field(description="text: publication and research note section")
    note: str | None = Field(None, description="text")
    low: float | None = Field(None, description="a number: low end of the plausible range")
    high: float | None = Field(None, description="a number: high end of the plausible range")


class _Absent(_Model):
    value: None = Field(description="null (not found)")
    unit: str = Field(description="the unit, as text")
    missing: bool = Field(description="true")
    note: str = Field(description="text: where it was searched")


class _Start(_Model):
    date: str = Field(description=f"'{CENSUS_2010_DATE}'")
    population_file: str = Field(description="a CSV file name in the region folder")


class _Check(_Model):
    date: str = Field(description="'2020-11-01'")
    population_file: str = Field(description="a CSV file name in the region folder")
    total: float = Field(description="the 2020 census total, persons")
    note: str = Field(description="text")


class _Years(_Model):
    start: int = Field(description="the first model year, 2010")
    end: int = Field(description="the last model year, 2020")


class _Backcast(_Model):
    region: str = Field(description="the region folder name")
    name_en: str = Field(description="text")
    name_zh: str = Field(description="text")
    start: _Start = Field(description="{date: ..., population_file: ...}")
    check: _Check = Field(description="{date: ..., population_file: ..., total: ..., note: ...}")
    years: _Years = Field(description="{start: 2010, end: 2020}")
    census_2010: dict[str, _Figure] = Field(description="{total: {value, unit, source}, ...}")
    population_2010_shares: dict[str, float] = Field(description="broad shares of population_2010.csv, percent")
    hukou_population_2010: _Figure | _Absent = Field(description="a figure, or {value: null, missing: true, ...}")
    inputs: dict[str, _Input] = Field(description="scenario keys -> inputs with ranges")
    derived: dict[str, _Input] = Field(description="derived quantities with ranges")
    note_timing: str = Field(description="text")


@dataclass(frozen=True)
class BackcastInput:
    """A backcast input: `series` (its starting value), `low`/`high` (plausible range of any year's
    value), optional `low_path`/`high_path` series, and provenance. An assumption, not an observation."""

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
    natural_increase_2010_2020: births minus deaths over the decade used for the net-migration guess.
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
    """Load and validate ``<calibration_dir>/<region>/backcast_2010.yaml`` and the start population it names."""
    folder = _region_folder(region, _cal_dir(calibration_dir), BACKCAST_FILE)
    path = folder / BACKCAST_FILE
    raw, sha256 = read_yaml_with_hash(path)
    try:
        b = _Backcast.model_validate(raw)
    except ValidationError as exc:
        raise from_pydantic(exc, path, "", _Backcast) from None
    if b.region != folder.name:
        raise InputError(path, "region", b.region, f"the folder name, {folder.name}", "region does not match its folder")
    if b.start.date != CENSUS_2010_DATE:
        raise InputError(path, "start.date", b.start.date, f"'{CENSUS_2010_DATE}' (the 2010 census day)",
                         "wrong start date")
    if (b.years.start, b.years.end) != (2010, 2020):
        raise InputError(path, "years", Verbatim(f"{b.years.start}..{b.years.end}"), "start: 2010, end: 2020",
                         "wrong years")
    if "total" not in b.census_2010:
        raise InputError(path, "census_2010.total", MISSING, "{value: <persons>, unit: person, source: ...}",
                         "required key is missing")
    total = b.census_2010["total"]
    if total.unit != "person" or total.value <= 0:
        raise InputError(path, "census_2010.total", Verbatim(f"{show_value(total.value)} {total.unit}"),
                         "a positive number of persons (unit: person)", "bad census total")
    inputs = {}
    for key in BACKCAST_KEYS:
        if key not in b.inputs:
            raise InputError(path, f"inputs.{key}", MISSING, "an input with value, unit, source, method, "
                             "assumption, low, high and note", "required key is missing")
    for key, q in b.inputs.items():
        spec = _keys.KEYS.get(key)
        if spec is None:
            raise InputError(path, f"inputs.{key}", Verbatim(key), one_of(BACKCAST_KEYS),
                             "unknown key" + did_you_mean(key, BACKCAST_KEYS))
        inputs[key] = _input(path, f"inputs.{key}", key, q, spec.unit, (spec.low, spec.high))
    if "natural_increase_2010_2020" not in b.derived:
        raise InputError(path, "derived.natural_increase_2010_2020", MISSING, "a quantity in persons",
                         "required key is missing")
    natural = _input(path, "derived.natural_increase_2010_2020", "natural_increase_2010_2020",
                     b.derived["natural_increase_2010_2020"], "person", (-1e9, 1e9))

    pop_path = folder / b.start.population_file
    if not pop_path.is_file():
        raise InputError(path, "start.population_file", b.start.population_file,
                         f"a file in {folder} (name relative to the folder)", "file not found")
    population = sex_age_array(read_age_csv(pop_path, ("age", "female", "male")), "population 2010", "person",
                                pop_path)
    summed = float(population.sum())
    if abs(summed - total.value) > TOTAL_TOLERANCE:
        raise InputError(pop_path, "female+male (all ages)", summed,
                         f"the census 2010 total in {BACKCAST_FILE}, {show_value(total.value)} "
                         f"(within {TOTAL_TOLERANCE:g} persons)", "population does not sum to the census total")
    hukou = b.hukou_population_2010.value if isinstance(b.hukou_population_2010, _Figure) else None
    return Backcast(
        region=b.region, start_date=_dt.date.fromisoformat(b.start.date), years=(b.years.start, b.years.end),
        population_2010=population, census_2010={k: v.value for k, v in b.census_2010.items()},
        hukou_population_2010=hukou, inputs=inputs, natural_increase_2010_2020=natural,
        check_total_2020=b.check.total, note_timing=b.note_timing, path=folder, sha256=sha256,
        census_2010_sources={k: v.source for k, v in b.census_2010.items()},
    )


def _input(path: Path, where: str, key: str, q: _Input, unit: str, bounds: tuple[float, float]) -> BackcastInput:
    if q.unit != unit:
        raise InputError(path, f"{where}.unit", q.unit, repr(unit), "wrong unit")
    if q.assumption is not True:
        raise InputError(path, f"{where}.assumption", q.assumption, "true (backcast inputs are assumptions)",
                         "not marked as an assumption")
    if q.low > q.high:
        raise InputError(path, f"{where}.high", q.high, f"a number at least low ({q.low:g})", "high below low")
    for name in ("source", "method", "note"):
        if not getattr(q, name).strip():
            raise InputError(path, f"{where}.{name}", getattr(q, name), "non-empty text", f"empty {name}")
    parsed: dict[str, Series | None] = {}
    for name in ("value", "low_path", "high_path"):
        raw = getattr(q, name)
        if raw is None:
            parsed[name] = None
            continue
        series = parse_series(raw, path, f"{where}.{name}")
        for sub, v in series.value_items():
            sub_key = f"{where}.{name}.{sub}" if sub else f"{where}.{name}"
            if not bounds[0] <= v <= bounds[1]:
                raise InputError(path, sub_key, v, f"a number from {bounds[0]:g} to {bounds[1]:g} ({unit})",
                                 "value out of range")
            if not q.low <= v <= q.high:
                raise InputError(path, sub_key, v, f"a value within the input's own plausible range low..high "
                                 f"({q.low:g} to {q.high:g})", "value outside its stated plausible range")
        parsed[name] = series
    return BackcastInput(key=key, series=parsed["value"], unit=unit, low=q.low, high=q.high,
                         low_path=parsed["low_path"], high_path=parsed["high_path"], source=q.source,
                         method=q.method, note=q.note)
