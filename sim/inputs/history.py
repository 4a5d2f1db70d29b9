"""Observed history of a region, for calibrating the model: the observations, the series searched
for and not found, and the 2010 start population.

Files (format and vocabulary: calibration/HISTORY.md):

- ``calibration/<region>/history.csv``: one observation per row,
  ``series,date,value,unit,basis,source,confidence,note`` (leading ``#`` lines are comments).
- ``calibration/<region>/history_missing.csv``: series searched for and not found,
  ``series,years,basis,searched_where``.
- ``calibration/<region>/population_2010.csv``: residents on 1 Nov 2010 by single age and sex
  (same format as population_2020.csv).

`load_history` and `load_population_2010` validate everything and raise a one-line `InputError`
naming the file, the line and the column of the first problem. The inputs of the 2010-2020
backcast (assumptions, not observations) are `sim.inputs.backcast`.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import xarray as xr

from sim.core.errors import MISSING, InputError, Verbatim, did_you_mean, one_of
from sim.core.paths import HISTORY_FILE, MISSING_FILE
from sim.inputs.folders import calibration_root, region_folder
from sim.inputs.tables import csv_rows, read_age_csv, sex_age_array

__all__ = ["SERIES", "SeriesSpec", "BASES", "CONFIDENCE", "HISTORY_COLUMNS", "MISSING_COLUMNS",
           "Observation", "MissingSeries", "History", "load_history", "load_population_2010"]

POPULATION_2010_FILE = "population_2010.csv"
HISTORY_COLUMNS = ["series", "date", "value", "unit", "basis", "source", "confidence", "note"]
MISSING_COLUMNS = ["series", "years", "basis", "searched_where"]
#: ``basis`` values other than ``district:<name>``: resident (常住), hukou (户籍), city (counts of
#: the whole city's institutions, e.g. beds), derived (a value with no population basis of its
#: own).
BASES = ("resident", "hukou", "city", "derived")
DISTRICT_PREFIX = "district:"
CONFIDENCE = ("high", "medium", "low", "derived")
#: Dates accepted (the history starts with the 2009 figures found; 2024 is the latest found).
FIRST_YEAR, LAST_YEAR = 2000, 2030


@dataclass(frozen=True)
class SeriesSpec:
    """Unit and plausible bounds of one series of the vocabulary."""

    unit: str
    low: float
    high: float
    meaning: str


def _spec(unit: str, low: float, high: float, meaning: str) -> SeriesSpec:
    return SeriesSpec(unit, low, high, meaning)


_PERSONS = (0.0, 2e9)  # the nation (calibration/china/) counts 1.41 billion residents
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
    "sex_ratio_at_birth": _spec("males_per_100_females", 80.0, 150.0,
                                "boys born per 100 girls born"),
    "urban_share": _spec("percent", 0.0, 100.0,
                         "urban share of the population (urbanisation rate)"),
    "life_expectancy": _spec("year", 40.0, 100.0, "period life expectancy at birth, both sexes"),
    "infant_mortality_rate": _spec("per_mille", 0.0, 200.0, "deaths under 1 per 1,000 live births"),
    "under5_mortality_rate": _spec("per_mille", 0.0, 300.0, "deaths under 5 per 1,000 live births"),
    "maternal_mortality_ratio": _spec("per_100000_live_births", 0.0, 2000.0,
                                      "maternal deaths per 100,000 live births"),
    "hukou_migration_in": _spec("person/year", *_PERSONS, "hukou registrations moved in"),
    "hukou_migration_out": _spec("person/year", *_PERSONS, "hukou registrations moved out"),
    "hukou_net_migration": _spec("person/year", -1e8, 1e8, "hukou in minus out"),
    "beds_total": _spec("bed", *_PERSONS,
                        "beds of medical and health institutions (scope in note)"),
    "beds_hospital": _spec("bed", *_PERSONS, "hospital beds"),
    "beds_primary": _spec("bed", *_PERSONS, "primary-care (基层) institution beds"),
    "beds_township_health_centre": _spec("bed", *_PERSONS,
                                         "township health centre (乡镇卫生院) beds"),
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
    "admissions": _spec("person/year", *_PERSONS,
                        "inpatient admissions (入院人次) of all institutions in the year"),
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
        rows = [o for o in self.observations
                if o.series == series and (basis is None or o.basis == basis)]
        return sorted(rows, key=lambda o: (o.date, o.line))

    def frame(self) -> pd.DataFrame:
        """All observations as a DataFrame (columns of history.csv plus `line`; `date` as
        Timestamp)."""
        df = pd.DataFrame([o.__dict__ for o in self.observations])
        df["date"] = pd.to_datetime(df["date"])
        return df


def load_history(region: str, calibration_dir: str | os.PathLike[str] | None = None) -> History:
    """Load and validate ``<calibration_dir>/<region>/history.csv`` and ``history_missing.csv``."""
    folder = region_folder(region, calibration_root(calibration_dir), HISTORY_FILE)
    path = folder / HISTORY_FILE
    observations: list[Observation] = []
    seen: dict[tuple, int] = {}
    for lineno, cells in csv_rows(path, HISTORY_COLUMNS):
        obs = _observation(path, lineno, dict(zip(HISTORY_COLUMNS, cells)))
        key = (obs.series, obs.date, obs.basis, obs.source)
        if key in seen:
            raise InputError(path, f"line {lineno}",
                             Verbatim(f"{obs.series} {obs.date} {obs.basis}"),
                             "one row per series, date, basis and source "
                             f"(same as line {seen[key]})", "duplicate row")
        seen[key] = lineno
        observations.append(obs)
    if not observations:
        raise InputError(path, "(rows)", MISSING, "at least one observation", "no observations")
    missing_path = folder / MISSING_FILE
    missing = [_missing_row(missing_path, lineno, dict(zip(MISSING_COLUMNS, cells)))
               for lineno, cells in csv_rows(missing_path, MISSING_COLUMNS)]
    return History(region=region, observations=tuple(observations), missing=tuple(missing),
                   path=folder)


def _observation(path: Path, lineno: int, row: dict[str, str]) -> Observation:
    def where(column: str) -> str:
        return f"line {lineno}, {column}"

    series = row["series"]
    spec = SERIES.get(series)
    if spec is None:
        vocabulary = "a series of the vocabulary (calibration/HISTORY.md): " + ", ".join(SERIES)
        raise InputError(path, where("series"), series, vocabulary,
                         "unknown series" + did_you_mean(series, SERIES))
    try:
        date = _dt.date.fromisoformat(row["date"])
    except ValueError:
        raise InputError(path, where("date"), row["date"], "an ISO date YYYY-MM-DD (census "
                         "2010-11-01, year-end YYYY-12-31, a year's flow YYYY-07-01)",
                         "not a date") from None
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
        raise InputError(path, where("value"), value,
                         f"a number from {spec.low:g} to {spec.high:g} ({spec.unit})",
                         "value out of range")
    if row["unit"] != spec.unit:
        raise InputError(path, where("unit"), row["unit"], f"{spec.unit!r} (the unit of {series})",
                         "wrong unit")
    basis = row["basis"]
    district = basis.startswith(DISTRICT_PREFIX) and basis[len(DISTRICT_PREFIX):].strip()
    if basis not in BASES and not district:
        raise InputError(path, where("basis"), basis,
                         one_of(BASES) + f" or {DISTRICT_PREFIX}<name>",
                         "unknown basis" + did_you_mean(basis, BASES))
    if not row["source"]:
        raise InputError(path, where("source"), MISSING, "the publication or page address and the "
                         "research note section", "no source")
    confidence = row["confidence"]
    if confidence not in CONFIDENCE:
        raise InputError(path, where("confidence"), confidence, one_of(CONFIDENCE),
                         "unknown confidence" + did_you_mean(confidence, CONFIDENCE))
    if confidence == "derived" and not row["note"]:
        raise InputError(path, where("note"), MISSING, "the formula of a derived value",
                         "derived without formula")
    return Observation(series=series, date=date, value=value, unit=spec.unit, basis=basis,
                       source=row["source"], confidence=confidence, note=row["note"], line=lineno)


def _missing_row(path: Path, lineno: int, row: dict[str, str]) -> MissingSeries:
    if row["series"] not in SERIES:
        raise InputError(path, f"line {lineno}, series", row["series"],
                         "a series of the vocabulary (calibration/HISTORY.md)",
                         "unknown series" + did_you_mean(row["series"], SERIES))
    for column in ("years", "searched_where"):
        if not row[column]:
            allowed = "the years not found" if column == "years" else "where it was searched"
            raise InputError(path, f"line {lineno}, {column}", MISSING, allowed, f"empty {column}")
    return MissingSeries(**row)


# ---------------------------------------------------------------------------------------------
# 2010 start population

def load_population_2010(region: str,
                         calibration_dir: str | os.PathLike[str] | None = None) -> xr.DataArray:
    """Residents on 1 Nov 2010 by sex and single age (persons), DataArray (sex, age)."""
    folder = region_folder(region, calibration_root(calibration_dir), POPULATION_2010_FILE)
    path = folder / POPULATION_2010_FILE
    return sex_age_array(read_age_csv(path, ("age", "female", "male")), "population 2010",
                         "person", path)
