"""A region profile checked: the rules ``profile.yaml``'s schema (`sim.inputs.profile_schema`)
cannot state, and the `Region` object it becomes.

`build_region` checks each quantity's unit and provenance, the ranges of its values (scenario-key
defaults against `sim.inputs.keys.KEYS`, census and ``health_2020:`` figures against their units'
bounds), the figures that bound each other (`HEALTH_2020_NOT_ABOVE`) and the population and
migration CSVs the profile names (shape; population sums to the census total, migration shares to
one). The first problem is raised as a one-line `InputError` naming the file and key.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xarray as xr
from pydantic import BaseModel

from sim.core.errors import MISSING, InputError, Verbatim, did_you_mean, one_of
from sim.core.paths import PROFILE_FILE
from sim.inputs import keys as _keys
from sim.inputs.folders import data_file
from sim.inputs.keys import range_text
from sim.inputs.profile_schema import (
    HEALTH_2020_MAX,
    HEALTH_2020_NOT_ABOVE,
    HEALTH_2020_UNITS,
    Census,
    Profile,
    Quantity,
)
from sim.inputs.tables import check_census_total, check_sums_to_one, read_age_csv, sex_age_array
from sim.inputs.timeseries import Series, parse_series

__all__ = ["Provenance", "Region", "build_region"]

_PROVENANCE = ('either source: "<publication and table>" (optional method:), or assumption: true '
               'with low:, high: and note:')


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
    basis: str | None = None          # levers only: 'observed' | 'assumption'

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


def build_region(p: Profile, *, folder: Path, file: Path, sha256: str) -> Region:
    """The `Region` of profile `p`, read from `file` (sha256 of its bytes) in region `folder`;
    raises `InputError` at the first rule broken (see the module docstring)."""
    if p.region != folder.name:
        raise InputError(file, "region", p.region, f"the folder name, {folder.name}",
                         "region does not match its folder")
    for key in ("name_en", "name_zh"):
        if not getattr(p, key).strip():
            raise InputError(file, key, getattr(p, key), "a non-empty name", "empty name")

    census: dict[str, float] = {}
    census_prov: dict[str, Provenance] = {}
    for name in Census.model_fields:
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

    pop_path = data_file(folder, file, "files.population", p.files.population)
    population = read_age_csv(pop_path, ("age", "female", "male"))
    check_census_total(float(population.sum()), census["total"], pop_path,
                       census=f"the census total in {PROFILE_FILE}")
    mig_path = data_file(folder, file, "files.migration_profile", p.files.migration_profile)
    migration = read_age_csv(mig_path, ("age", "female", "male"))
    check_sums_to_one(migration, mig_path, "female+male (all ages)")

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
    """Units, provenance and ranges of ``health_2020:``, then the rules linking its figures
    (`HEALTH_2020_NOT_ABOVE`)."""
    values: dict[str, float] = {}
    provenance: dict[str, Provenance] = {}
    for name, unit in HEALTH_2020_UNITS.items():
        q = getattr(h, name)
        key = f"health_2020.{name}"
        provenance[name] = _check_quantity(q, file, key, unit)
        high = HEALTH_2020_MAX.get(name, math.inf)
        if not 0.0 <= q.value <= high:
            allowed = (f"a number from 0 to {high:g}" if name in HEALTH_2020_MAX
                       else f"a number of {unit}s, at least 0")
            raise InputError(file, f"{key}.value", q.value, allowed, "value out of range")
        if q.assumption and not q.low <= q.value <= q.high:
            raise InputError(file, f"{key}.value", q.value, f"a value within this quantity's own "
                             f"plausible range low..high ({q.low:g} to {q.high:g})",
                             "value outside its stated plausible range")
        values[name] = q.value
    for name, rule in HEALTH_2020_NOT_ABOVE.items():
        if values[name] > values[rule.limit]:
            raise InputError(file, f"health_2020.{name}.value", values[name],
                             f"at most {rule.limit_text} ({values[rule.limit]:g}): {rule.reason}",
                             rule.problem)
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
        provenance[key] = _check_quantity(q, file, where, spec.unit, lever=spec.kind == "lever")
        series = parse_series(q.value, file, f"{where}.value")
        for sub, v in series.value_items():
            sub_key = f"{where}.value.{sub}" if sub else f"{where}.value"
            if not spec.low <= v <= spec.high:
                raise InputError(file, sub_key, v, range_text(spec), "value out of range")
            if q.assumption and not _within_own_range(v, q):
                raise InputError(file, sub_key, v, f"a value within this quantity's own plausible "
                                 f"range low..high ({q.low:g} to {q.high:g})",
                                 "value outside its stated plausible range")
        defaults[key] = series
    missing = [k for k in _keys.KEYS if k not in raw]
    if missing:
        unit = _keys.KEYS[missing[0]].unit
        raise InputError(file, f"defaults.{missing[0]}", MISSING,
                         f"a quantity with value, unit {unit!r} and provenance "
                         "(every scenario key needs a default)", "required key is missing")
    return defaults, provenance


def _within_own_range(v: float, q: Quantity) -> bool:
    """Whether `v` lies in assumption `q`'s low..high (`_check_quantity` has required both)."""
    assert q.low is not None and q.high is not None
    return q.low <= v <= q.high


def _check_quantity(q: Quantity, file: Path, key: str, unit: str, *, lever: bool = False
                    ) -> Provenance:
    """Check unit and provenance rules that span several fields of quantity `q` at `key` (a
    lever's default also its basis: observed with source and method, or an assumption)."""
    if q.unit.strip() != unit:
        raise InputError(file, f"{key}.unit", q.unit, repr(unit), "wrong unit")
    if lever and q.basis is None:
        raise InputError(file, f"{key}.basis", MISSING, "observed (with source and method) or "
                         "assumption (with assumption: true and its range)",
                         "lever default without basis")
    if not lever and q.basis is not None:
        raise InputError(file, f"{key}.basis", q.basis, "basis: only on a lever's default",
                         "basis on a value that is not a lever's default")
    if q.basis == "observed" and (q.source is None or q.method is None):
        raise InputError(file, key, Verbatim("basis: observed without source and method"),
                         "source: (the observations) and method: (how the value continues them)",
                         "observed basis not cited")
    if q.basis == "assumption" and not q.assumption:
        raise InputError(file, f"{key}.assumption", MISSING, "assumption: true with low:, high: "
                         "and note: (basis: assumption)", "assumed basis without a range")
    has_source = q.source is not None
    if q.source is not None and not q.source.strip():
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
        # The loop above raised for a missing one (mypy cannot follow getattr).
        assert q.low is not None and q.high is not None and q.note is not None
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
                                 f"{name}: only with assumption: true",
                                 f"{name} without assumption")
    return Provenance(unit=unit, source=q.source, method=q.method, assumption=bool(q.assumption),
                      low=q.low, high=q.high, note=q.note, distribution=q.distribution,
                      basis=q.basis)
