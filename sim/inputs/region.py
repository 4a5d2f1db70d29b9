"""Region profiles: ``calibration/<region>/profile.yaml`` and its CSVs, plus the shared tables in
``calibration/common/``.

The format is fixed in the shared contract (briefs/profile_format.md). In short, every number an
analyst may question is a *quantity*: ``value`` + ``unit`` + provenance, where provenance is
``source:`` (optional ``method:``) and/or ``assumption: true`` with ``low:``, ``high:`` and
``note:`` (and ``distribution:``, uniform or triangular, for uncertainty analysis: sim.runs.assumptions). ``defaults:`` gives the default series of every scenario key (`sim.inputs.keys.KEYS`).

``health_2020:`` (briefs/health_data.md) holds the 2020 health-sector stocks and shares (beds by type,
doctors, GPs, nurses, chronic-disease cascade shares, contracting, elderly and infant care, hospital
occupancy), each a quantity with provenance. The shared tables `chronic_prevalence` and
`admission_rate` give the national age-sex patterns the regions scale.

`load_region` validates all of it (unknown keys, types, provenance, units, ranges, CSV shapes) and
raises a one-line `InputError` naming the file and key of the first problem.
"""

from __future__ import annotations

import csv
import dataclasses
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import xarray as xr
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from sim.inputs import keys as _keys
from sim.core.errors import (MISSING, InputError, Verbatim, did_you_mean, from_pydantic, one_of,
                     show_value)
from sim.inputs.keys import BASE_YEAR, range_text
from sim.core.paths import CALIBRATION_DIR, FIT_FILE, PROFILE_FILE
from sim.inputs.timeseries import Series, parse_series
from sim.core.yamlio import read_yaml_with_hash

__all__ = ["Region", "Provenance", "list_regions", "load_region", "mortality_standard",
           "fertility_pattern", "chronic_prevalence", "admission_rate", "HEALTH_2020_UNITS",
           "CONDITIONS", "PROFILE_FILE", "AGES", "SEXES"]

#: Single years of age 0..100; 100 stands for 100 and over.
AGES = np.arange(101)
SEXES = ["female", "male"]
MORTALITY_STANDARD_FILE = "mortality_standard_2020.csv"
FERTILITY_PATTERN_FILE = "fertility_pattern_2020.csv"
CHRONIC_PREVALENCE_FILE = "chronic_prevalence.csv"
ADMISSION_RATE_FILE = "admission_rate.csv"
#: Conditions of the chronic-disease prevalence table, in this order.
CONDITIONS = ["hypertension", "diabetes"]
#: Prevalence is zero below this age (the tables describe adults).
ADULT_AGE = 18
#: Highest admissions per person-year accepted in the admission table (catches unit mistakes
#: such as admissions per 100 or per 1,000).
MAX_ADMISSIONS_PER_PERSON_YEAR = 5.0
#: Reproductive ages of the census fertility pattern; shares outside must be zero.
FERTILE_AGES = (15, 49)
#: Shares must sum to 1 within this (the files are written to 1e-12; allow for CSV rounding).
SUM_TOLERANCE = 1e-9
#: Population CSV total vs the census total, persons (the contract says "exactly, to 1e-6").
TOTAL_TOLERANCE = 1e-6


# ---------------------------------------------------------------------------------------------
# Schema (structure and types; rules spanning several fields are checked in code below)

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


_PROVENANCE = ('either source: "<publication and table>" (optional method:), or assumption: true '
               'with low:, high: and note:')


class Quantity(_Model):
    """A value with its unit and provenance; `value` may be a series (checked by the caller)."""

    value: Any = Field(description="a number or a series")
    unit: str = Field(description="the unit, as text")
    source: str | None = Field(None, description="text: publication and table, seed file:line, "
                                                 "or research note and section")
    method: str | None = Field(None, description="text: how the value was derived from sources")
    assumption: bool | None = Field(None, description="true (the value is an assumption)")
    low: float | None = Field(None, description="a number: low end of the plausible range")
    high: float | None = Field(None, description="a number: high end of the plausible range")
    note: str | None = Field(None, description="text: why this value")
    distribution: Literal["uniform", "triangular"] | None = Field(
        None, description="uniform or triangular (mode = the value): how the value is drawn "
                          "within low..high in uncertainty analysis; only with assumption: true")


class NumberQuantity(Quantity):
    value: float = Field(description="a number")


class _Files(_Model):
    population: str = Field(description="a CSV file name in the region folder (age,female,male)")
    migration_profile: str = Field(description="a CSV file name in the region folder "
                                               "(age,female,male)")


_PERSONS = "{value: <persons>, unit: person, source: ...}"
_PERCENT = "{value: <percent>, unit: percent, source: ...}"


class _Census(_Model):
    total: NumberQuantity = Field(description=_PERSONS)
    male: NumberQuantity | None = Field(None, description=_PERSONS)
    share_0_14: NumberQuantity | None = Field(None, description=_PERCENT)
    share_15_59: NumberQuantity | None = Field(None, description=_PERCENT)
    share_60_plus: NumberQuantity | None = Field(None, description=_PERCENT)
    share_65_plus: NumberQuantity | None = Field(None, description=_PERCENT)


#: Unit of every ``health_2020:`` quantity (briefs/health_data.md §2), in the contract's order.
HEALTH_2020_UNITS: dict[str, str] = {
    "beds_hospital_general": "bed", "beds_hospital_tcm": "bed", "beds_hospital_rehabilitation": "bed",
    "beds_primary_general": "bed", "beds_primary_nursing": "bed",
    "doctors": "person", "gps": "person", "nurses": "person",
    "hypertension_aware_share": "1", "hypertension_managed_share": "1",
    "hypertension_standardized_of_managed": "1",
    "diabetes_aware_share": "1", "diabetes_managed_share": "1", "diabetes_standardized_of_managed": "1",
    "contracted_share": "1", "key_group_contracted_share": "1", "elderly_managed_share": "1",
    "infant_care_places": "place", "growth_stations": "station", "occupancy_hospital": "1",
}
#: Upper bound of the quantities that are not counts (shares 1; occupancy may exceed 1 a little).
_HEALTH_MAX = {**{k: 1.0 for k, u in HEALTH_2020_UNITS.items() if u == "1"}, "occupancy_hospital": 1.5}


def _health_field(name: str) -> Any:
    unit = HEALTH_2020_UNITS[name]
    if name in _HEALTH_MAX:
        what = f"{{value: <0 to {_HEALTH_MAX[name]:g}>, unit: \"1\", source: ...}}"
    else:
        what = f"{{value: <number of {unit}s>, unit: {unit}, source: ...}}"
    return Field(description=what)


_Health2020 = create_model(
    "_Health2020", __base__=_Model,
    **{name: (NumberQuantity, _health_field(name)) for name in HEALTH_2020_UNITS})


class _Profile(_Model):
    region: str = Field(description="the region folder name")
    name_en: str = Field(description="the English name, as text")
    name_zh: str = Field(description="the Chinese name, as text")
    base_year: int = Field(ge=BASE_YEAR, le=BASE_YEAR, description=f"{BASE_YEAR} (the census year)")
    files: _Files = Field(description="{population: <csv>, migration_profile: <csv>}")
    census_2020: _Census = Field(description="{total: " + _PERSONS + ", ...}")
    hukou_population_2020: NumberQuantity = Field(description=_PERSONS)
    health_2020: _Health2020 = Field(description="2020 health stocks and shares: {beds_hospital_general: "
                                                 "{value: ..., unit: bed, source: ...}, ...}")
    defaults: dict[str, Quantity] = Field(description="a mapping of scenario keys to quantities")


# ---------------------------------------------------------------------------------------------
# Loaded region

@dataclass(frozen=True)
class Provenance:
    """Where a value comes from: a `source` (+ `method`), and/or an assumption with a range."""

    unit: str
    source: str | None = None
    method: str | None = None
    assumption: bool = False
    low: float | None = None
    high: float | None = None
    note: str | None = None
    distribution: str | None = None   # 'uniform' | 'triangular' (mode = the value), or None

    def to_dict(self) -> dict[str, Any]:
        """Plain mapping without empty fields (for provenance records)."""
        return {k: v for k, v in self.__dict__.items() if v is not None and v is not False}


@dataclass(frozen=True, eq=False)
class Region:
    """A validated region profile with its data arrays.

    population_2020: persons on 1 Nov 2020, DataArray (sex, age); sums to the census total.
    migration_profile: share of a year's net migrants by (sex, age); sums to 1.
    census: the published census 2020 figures of ``census_2020:`` by name (``total``, ``male``:
        person; ``share_0_14`` etc.: percent).
    hukou_population_2020: registered (hukou) population, persons.
    health_2020: the 2020 health figures of ``health_2020:`` by name (beds: bed; doctors, gps,
        nurses: person; shares and occupancy: 1; infant_care_places: place; growth_stations:
        station), see `HEALTH_2020_UNITS`; health_provenance: their provenance, same names.
    defaults: default series of every key in `KEYS`; provenance: the same keys' provenance.
    """

    name: str
    name_en: str
    name_zh: str
    base_year: int
    census: dict[str, float]
    hukou_population_2020: float
    defaults: dict[str, Series]
    provenance: dict[str, Provenance]
    population_2020: xr.DataArray
    migration_profile: xr.DataArray
    path: Path
    sha256: str
    census_provenance: dict[str, Provenance] = field(default_factory=dict)
    health_2020: dict[str, float] = field(default_factory=dict)
    health_provenance: dict[str, Provenance] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Public functions

def _cal_dir(calibration_dir: str | os.PathLike[str] | None) -> Path:
    return Path(calibration_dir) if calibration_dir is not None else CALIBRATION_DIR


def list_regions(calibration_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Names of the folders of the calibration directory that hold a ``profile.yaml``, sorted."""
    root = _cal_dir(calibration_dir)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / PROFILE_FILE).is_file())


def load_region(name: str, calibration_dir: str | os.PathLike[str] | None = None,
                use_fit: bool = True) -> Region:
    """Load and validate ``<calibration_dir>/<name>/profile.yaml`` and the CSVs it names.

    With `use_fit` (the default), the defaults fitted to history by `python -m sim calibrate`
    (``fit.yaml``, its ``scenario_defaults``) replace the profile's own for the keys they
    set, when the forward fit was accepted; see `_apply_fit`.

    Raises `InputError` (unknown region, or the first problem found in the profile or a CSV).
    """
    root = _cal_dir(calibration_dir)
    known = list_regions(root)
    if name not in known:  # also keeps names like "../x" from reaching the file system
        raise InputError(root / str(name), "region", name, one_of(known) if known else
                         f"a folder of {root} holding {PROFILE_FILE} (none found)",
                         "unknown region" + did_you_mean(name, known))
    folder = root / name
    profile_path = folder / PROFILE_FILE
    raw, sha256 = read_yaml_with_hash(profile_path)
    try:
        profile = _Profile.model_validate(raw)
    except ValidationError as exc:
        raise from_pydantic(exc, profile_path, "", _Profile) from None
    region = _build_region(profile, folder, profile_path, sha256)
    return _apply_fit(region, folder / FIT_FILE) if use_fit else region




def _apply_fit(region: Region, path: Path) -> Region:
    """The region with the fitted defaults of `path` (if it exists and was accepted).

    A fit made from another version of profile.yaml is refused rather than silently used or
    ignored: the profile's inputs shaped the estimates."""
    if not path.is_file():
        return region
    raw, _ = read_yaml_with_hash(path)
    recorded = str((raw.get("data_sha256") or {}).get(PROFILE_FILE, ""))
    if recorded != region.sha256:
        raise InputError(path, f"data_sha256.{PROFILE_FILE}", Verbatim(recorded[:12] or "none"),
                         f"the hash of the current {PROFILE_FILE} ({region.sha256[:12]})",
                         f"fitted to another version of {PROFILE_FILE}; re-run "
                         f"`python -m sim calibrate {region.name}`")
    if ((raw.get("windows") or {}).get("forward") or {}).get("accepted") is not True:
        return region   # a fit that failed its rule is a diagnosis, not an input
    defaults, provenance = dict(region.defaults), dict(region.provenance)
    for key, entry in (raw.get("scenario_defaults") or {}).items():
        where = f"scenario_defaults.{key}"
        if key not in _keys.FITTED_KEYS:
            raise InputError(path, where, key, one_of(_keys.FITTED_KEYS), "not a fitted key")
        series = parse_series((entry or {}).get("value"), path, f"{where}.value")
        before = provenance[key]
        years = np.arange(region.base_year, _keys.MAX_END_YEAR + 1)
        values = series.values(years)
        if before.low is not None and not ((values >= before.low) & (values <= before.high)).all():
            raise InputError(path, f"{where}.value", Verbatim(series.to_yaml_value()),
                             f"values from {before.low:g} to {before.high:g} (the profile's "
                             "range)", "outside the profile's range")
        defaults[key] = series
        provenance[key] = dataclasses.replace(
            before, source=f"fitted to history: calibration/{region.name}/{FIT_FILE} "
                           f"({raw.get('made', 'undated')})",
            method=str(entry.get("method", "")), note=f"profile value before the fit: "
                                                     f"{before.method or before.source}")
    return dataclasses.replace(region, defaults=defaults, provenance=provenance)


def mortality_standard(calibration_dir: str | os.PathLike[str] | None = None) -> xr.DataArray:
    """Standard central death rates m(x), deaths per person-year, DataArray (sex, age).

    The census 2020 national schedule: the *shape* of mortality, whose level the runner scales
    to the life-expectancy path.
    """
    path = _cal_dir(calibration_dir) / "common" / MORTALITY_STANDARD_FILE
    table = read_age_csv(path, ("age", "female", "male"))
    return sex_age_array(table, "mortality standard", "deaths per person-year", path)


def fertility_pattern(calibration_dir: str | os.PathLike[str] | None = None) -> xr.DataArray:
    """Share of a woman's lifetime births at each age (sums to 1; zero outside 15..49),
    DataArray (age). Multiplied by the TFR it gives age-specific fertility rates."""
    path = _cal_dir(calibration_dir) / "common" / FERTILITY_PATTERN_FILE
    table = read_age_csv(path, ("age", "share"))
    shares = table[:, 0]
    _check_sums_to_one(shares, path, "share")
    low, high = FERTILE_AGES
    outside = [a for a in AGES if (a < low or a > high) and shares[a] != 0.0]
    if outside:
        a = outside[0]
        raise InputError(path, f"share (age {a})", float(shares[a]),
                         f"0 outside ages {low} to {high}", "non-zero share outside the fertile ages")
    return xr.DataArray(shares, dims=("age",), coords={"age": AGES}, name="fertility pattern",
                        attrs={"units": "share of births (1)", "source_file": str(path)})


def chronic_prevalence(calibration_dir: str | os.PathLike[str] | None = None) -> xr.DataArray:
    """National prevalence of hypertension and diabetes as a share of the people of each age and
    sex, DataArray (condition, sex, age); zero below age 18. Regions scale it with
    ``chronic.hypertension_prevalence_scale`` and ``chronic.diabetes_prevalence_scale``."""
    path = _cal_dir(calibration_dir) / "common" / CHRONIC_PREVALENCE_FILE
    table = _read_sex_age_csv(path, CONDITIONS, high=1.0, allowed="a share from 0 to 1")
    for c, condition in enumerate(CONDITIONS):
        for s, sex in enumerate(SEXES):
            young = [a for a in range(ADULT_AGE) if table[s, a, c] != 0.0]
            if young:
                a = young[0]
                raise InputError(path, f"{condition} ({sex}, age {a})", float(table[s, a, c]),
                                 f"0 below age {ADULT_AGE}", "non-zero prevalence below adult age")
    return xr.DataArray(np.moveaxis(table, 2, 0).copy(), dims=("condition", "sex", "age"),
                        coords={"condition": CONDITIONS, "sex": SEXES, "age": AGES},
                        name="chronic prevalence",
                        attrs={"units": "share of persons (1)", "source_file": str(path)})


def admission_rate(calibration_dir: str | os.PathLike[str] | None = None) -> xr.DataArray:
    """National hospital admissions per person per year by sex and age, DataArray (sex, age).
    Regions scale it with ``beds.admission_rate_scale``."""
    path = _cal_dir(calibration_dir) / "common" / ADMISSION_RATE_FILE
    table = _read_sex_age_csv(path, ["admissions_per_person_year"],
                              high=MAX_ADMISSIONS_PER_PERSON_YEAR,
                              allowed=f"a number from 0 to {MAX_ADMISSIONS_PER_PERSON_YEAR:g} "
                                      "(admissions per person per year)")
    return xr.DataArray(table[:, :, 0].copy(), dims=("sex", "age"),
                        coords={"sex": SEXES, "age": AGES}, name="admission rate",
                        attrs={"units": "admissions per person-year", "source_file": str(path)})


# ---------------------------------------------------------------------------------------------
# Profile checks

def _build_region(p: _Profile, folder: Path, file: Path, sha256: str) -> Region:
    if p.region != folder.name:
        raise InputError(file, "region", p.region, f"the folder name, {folder.name}",
                         "region does not match its folder")
    for key in ("name_en", "name_zh"):
        if not getattr(p, key).strip():
            raise InputError(file, key, getattr(p, key), "a non-empty name", "empty name")

    census: dict[str, float] = {}
    census_prov: dict[str, Provenance] = {}
    for name in _Census.model_fields:
        q = getattr(p.census_2020, name)
        if q is None:
            continue
        key = f"census_2020.{name}"
        is_share = name.startswith("share_")
        prov = _check_quantity(q, file, key, "percent" if is_share else "person")
        high = 100.0 if is_share else math.inf
        if not (0.0 <= q.value <= high) or (name == "total" and q.value == 0):
            allowed = "a percentage from 0 to 100" if is_share else "a positive number of persons"
            raise InputError(file, f"{key}.value", q.value, allowed, "value out of range")
        census[name], census_prov[key] = q.value, prov
    if "male" in census and census["male"] > census["total"]:
        raise InputError(file, "census_2020.male.value", census["male"],
                         f"at most the total ({census['total']:g})", "more males than persons")

    hukou = p.hukou_population_2020
    census_prov["hukou_population_2020"] = _check_quantity(hukou, file, "hukou_population_2020",
                                                           "person")
    if hukou.value <= 0:
        raise InputError(file, "hukou_population_2020.value", hukou.value,
                         "a positive number of persons", "value out of range")

    health, health_prov = _check_health(p.health_2020, file)
    defaults, provenance = _check_defaults(p.defaults, file)

    population = read_age_csv(_data_file(folder, file, "files.population", p.files.population),
                               ("age", "female", "male"))
    pop_path = folder / p.files.population
    total = float(population.sum())
    if abs(total - census["total"]) > TOTAL_TOLERANCE:
        raise InputError(pop_path, "female+male (all ages)", total,
                         f"the census total in {PROFILE_FILE}, {show_value(census['total'])} "
                         f"(within {TOTAL_TOLERANCE:g} persons)",
                         "population does not sum to the census total")
    migration = read_age_csv(
        _data_file(folder, file, "files.migration_profile", p.files.migration_profile),
        ("age", "female", "male"))
    mig_path = folder / p.files.migration_profile
    _check_sums_to_one(migration, mig_path, "female+male (all ages)")

    return Region(
        name=p.region, name_en=p.name_en, name_zh=p.name_zh, base_year=p.base_year,
        census=census, hukou_population_2020=hukou.value,
        defaults=defaults, provenance=provenance,
        population_2020=sex_age_array(population, "population 2020", "person", pop_path),
        migration_profile=sex_age_array(migration, "migration profile", "share of net migrants (1)",
                                         mig_path),
        path=folder, sha256=sha256, census_provenance=census_prov,
        health_2020=health, health_provenance=health_prov,
    )


def _check_health(h: BaseModel, file: Path) -> tuple[dict[str, float], dict[str, Provenance]]:
    """Units, provenance and ranges of ``health_2020:``, then the rules linking its figures."""
    values: dict[str, float] = {}
    provenance: dict[str, Provenance] = {}
    for name, unit in HEALTH_2020_UNITS.items():
        q = getattr(h, name)
        key = f"health_2020.{name}"
        provenance[name] = _check_quantity(q, file, key, unit)
        high = _HEALTH_MAX.get(name, math.inf)
        if not 0.0 <= q.value <= high:
            allowed = (f"a number from 0 to {high:g}" if name in _HEALTH_MAX
                       else f"a number of {unit}s, at least 0")
            raise InputError(file, f"{key}.value", q.value, allowed, "value out of range")
        if q.assumption and not q.low <= q.value <= q.high:
            raise InputError(file, f"{key}.value", q.value, f"a value within this quantity's own "
                             f"plausible range low..high ({q.low:g} to {q.high:g})",
                             "value outside its stated plausible range")
        values[name] = q.value
    for condition in CONDITIONS:
        managed, aware = values[f"{condition}_managed_share"], values[f"{condition}_aware_share"]
        if managed > aware:
            raise InputError(file, f"health_2020.{condition}_managed_share.value", managed,
                             f"at most the aware share ({aware:g}): managed patients are aware ones",
                             "more patients managed than aware")
    if values["gps"] > values["doctors"]:
        raise InputError(file, "health_2020.gps.value", values["gps"],
                         f"at most the doctors ({values['doctors']:g}): GPs are doctors",
                         "more GPs than doctors")
    return values, provenance


def _check_defaults(raw: dict[str, Quantity], file: Path) -> tuple[dict[str, Series],
                                                                    dict[str, Provenance]]:
    """Every KEYS key present, each a series in the key's unit and range (and within its
    plausible range when it is an assumption)."""
    defaults: dict[str, Series] = {}
    provenance: dict[str, Provenance] = {}
    for key, q in raw.items():
        spec = _keys.KEYS.get(key)
        if spec is None:
            raise InputError(file, f"defaults.{key}", Verbatim(key), one_of(_keys.KEYS),
                             "unknown key" + did_you_mean(key, _keys.KEYS))
        where = f"defaults.{key}"
        provenance[key] = _check_quantity(q, file, where, spec.unit)
        series = parse_series(q.value, file, f"{where}.value")
        for sub, v in series.value_items():
            sub_key = f"{where}.value.{sub}" if sub else f"{where}.value"
            if not spec.low <= v <= spec.high:
                raise InputError(file, sub_key, v, range_text(spec), "value out of range")
            if q.assumption and not q.low <= v <= q.high:
                raise InputError(file, sub_key, v, f"a value within this quantity's own plausible "
                                 f"range low..high ({q.low:g} to {q.high:g})",
                                 "value outside its stated plausible range")
        defaults[key] = series
    missing = [k for k in _keys.KEYS if k not in raw]
    if missing:
        raise InputError(file, f"defaults.{missing[0]}", MISSING,
                         f"a quantity with value, unit {_keys.KEYS[missing[0]].unit!r} and provenance "
                         f"(every scenario key needs a default)", "required key is missing")
    return defaults, provenance


def _check_quantity(q: Quantity, file: Path, key: str, unit: str) -> Provenance:
    """Check unit and provenance rules that span several fields of quantity `q` at `key`."""
    if q.unit.strip() != unit:
        raise InputError(file, f"{key}.unit", q.unit, repr(unit), "wrong unit")
    has_source = q.source is not None
    if has_source and not q.source.strip():
        raise InputError(file, f"{key}.source", q.source, "the publication and table (non-empty)",
                         "empty source")
    if q.assumption is False:
        raise InputError(file, f"{key}.assumption", False,
                         "true (or leave the key out for a sourced value)",
                         "assumption: false says nothing")
    if not has_source and not q.assumption:
        written = ", ".join(n for n in type(q).model_fields if getattr(q, n) is not None)
        raise InputError(file, key, Verbatim(f"a quantity with only {written}"), _PROVENANCE,
                         "no provenance")
    if q.method is not None and not has_source:
        raise InputError(file, f"{key}.method", q.method,
                         "method only together with source (for an assumption, use note)",
                         "method without source")
    if q.assumption:
        for name in ("low", "high", "note"):
            if getattr(q, name) is None:
                raise InputError(file, f"{key}.{name}", MISSING,
                                 "assumption: true needs low: and high: (numbers, the plausible "
                                 "range) and note: (why this value)",
                                 f"assumption without {name}")
        if q.low > q.high:
            raise InputError(file, f"{key}.high", q.high, f"a number at least low ({q.low:g})",
                             "high below low")
        if not q.note.strip():
            raise InputError(file, f"{key}.note", q.note, "text saying why this value",
                             "empty note")
        if (q.distribution is not None and isinstance(q.value, (int, float))
                and not q.low <= q.value <= q.high):
            # Series values are checked against low..high by the callers, value by value.
            raise InputError(file, f"{key}.value", q.value, f"a value within low..high ({q.low:g} "
                             f"to {q.high:g}), the range its distribution is drawn from",
                             "value outside its stated plausible range")
    else:
        for name in ("low", "high", "note", "distribution"):
            if getattr(q, name) is not None:
                raise InputError(file, f"{key}.{name}", getattr(q, name),
                                 f"{name}: only with assumption: true", f"{name} without assumption")
    return Provenance(unit=unit, source=q.source, method=q.method, assumption=bool(q.assumption),
                      low=q.low, high=q.high, note=q.note, distribution=q.distribution)


def _data_file(folder: Path, profile: Path, key: str, name: str) -> Path:
    path = folder / name
    if not path.is_file():
        raise InputError(profile, key, name, f"a file in {folder} (name relative to the folder)",
                         "file not found")
    return path


# ---------------------------------------------------------------------------------------------
# CSV tables by single year of age

def csv_rows(path: Path, columns: list[str]):
    """Yield (line number, cells) of each data row of a CSV with header `columns`: leading
    ``#`` comment lines and blank lines skipped, the header and the number of cells checked."""
    header = ",".join(columns)
    seen_header = False
    for lineno, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in next(csv.reader([line]))]
        if not seen_header:
            if cells != columns:
                raise InputError(path, f"line {lineno} (header)", Verbatim(line.strip()),
                                 f"the header {header}", "wrong column header")
            seen_header = True
            continue
        if len(cells) != len(columns):
            raise InputError(path, f"line {lineno}", Verbatim(line.strip()),
                             f"{len(columns)} comma-separated values ({header})",
                             "wrong number of values")
        yield lineno, cells
    if not seen_header:
        raise InputError(path, "(header)", MISSING, f"the header {header}", "no header line")


def _csv_number(path: Path, where: str, cell: str, high: float, allowed: str) -> float:
    """One cell as a finite number from 0 to `high`."""
    try:
        value = float(cell)
    except ValueError:
        raise InputError(path, where, cell, "a number", "not a number") from None
    if not math.isfinite(value) or not 0.0 <= value <= high:
        raise InputError(path, where, value, allowed, "value out of range")
    return value


def read_age_csv(path: Path, columns: tuple[str, ...]) -> np.ndarray:
    """Read a CSV with header `columns` (first is ``age``) and rows for ages 0..100 in order.

    Leading ``#`` comment lines and blank lines are skipped. Returns the value columns as a
    float64 array of shape (101, len(columns) - 1); every value finite and >= 0.
    """
    rows: list[list[float]] = []
    for lineno, cells in csv_rows(path, list(columns)):
        expected_age = len(rows)
        if cells[0] != str(expected_age):
            raise InputError(path, f"line {lineno}, age", Verbatim(cells[0]),
                             f"{expected_age} (ages 0 to 100 in order, one row each)",
                             "unexpected age")
        rows.append([_csv_number(path, f"line {lineno}, {name} (age {expected_age})", cell,
                                 math.inf, "a finite number >= 0")
                     for name, cell in zip(columns[1:], cells[1:])])
    if len(rows) != len(AGES):
        raise InputError(path, "rows", len(rows), f"{len(AGES)} rows, ages 0 to 100 "
                         "(100 means 100 and over)", "wrong number of rows")
    return np.array(rows, dtype=np.float64)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "(file)", Verbatim(str(path)), "an existing CSV file",
                         "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, "(file)", Verbatim(str(path)), "a readable UTF-8 CSV file",
                         f"cannot read file ({exc})") from None


def _read_sex_age_csv(path: Path, value_columns: list[str], high: float,
                      allowed: str) -> np.ndarray:
    """Read a long CSV ``age,sex,<value columns>``: one row for each sex (female, male) and age
    0..100, in any order, ``#`` comment lines and blank lines skipped. Every value a finite number
    from 0 to `high`. Returns float64 array (sex, age, value column)."""
    out = np.full((len(SEXES), len(AGES), len(value_columns)), np.nan)
    seen: dict[tuple[str, int], int] = {}
    for lineno, cells in csv_rows(path, ["age", "sex", *value_columns]):
        age_text, sex = cells[0], cells[1]
        if sex not in SEXES:
            raise InputError(path, f"line {lineno}, sex", sex, one_of(SEXES), "unknown sex")
        if not age_text.isdigit() or int(age_text) > AGES[-1]:
            raise InputError(path, f"line {lineno}, age", Verbatim(age_text),
                             "a whole number from 0 to 100 (100 means 100 and over)",
                             "unexpected age")
        age = int(age_text)
        if (sex, age) in seen:
            raise InputError(path, f"line {lineno}, age", age,
                             f"one row per sex and age ({sex} age {age} is already on line "
                             f"{seen[(sex, age)]})", "duplicate row")
        seen[(sex, age)] = lineno
        for j, (name, cell) in enumerate(zip(value_columns, cells[2:])):
            out[SEXES.index(sex), age, j] = _csv_number(
                path, f"line {lineno}, {name} ({sex}, age {age})", cell, high, allowed)
    missing = [(sex, int(a)) for sex in SEXES for a in AGES if (sex, int(a)) not in seen]
    if missing:
        sex, a = missing[0]
        raise InputError(path, f"rows ({sex}, age {a})", MISSING,
                         f"{len(SEXES) * len(AGES)} rows, one for each sex (female, male) and age "
                         f"0 to 100 (100 means 100 and over)", "missing row")
    return out


def _check_sums_to_one(values: np.ndarray, path: Path, key: str) -> None:
    total = float(values.sum())
    if abs(total - 1.0) > SUM_TOLERANCE:
        # 12 significant digits: enough to show a miss of 1e-9, without float noise.
        raise InputError(path, key, float(f"{total:.12g}"), f"shares summing to 1 (within {SUM_TOLERANCE:g})",
                         "shares do not sum to 1")


def sex_age_array(table: np.ndarray, name: str, units: str, path: Path) -> xr.DataArray:
    return xr.DataArray(table.T.copy(), dims=("sex", "age"), coords={"sex": SEXES, "age": AGES},
                        name=name, attrs={"units": units, "source_file": str(path)})
