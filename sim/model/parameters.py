"""Turn a region profile and a scenario into the model's inputs.

Constants (base-year structure, age patterns) come from the region profile; time paths come
from the scenario's effective series (region defaults overlaid with the scenario's values),
mapped to model variables through sim.inputs.keys. Life expectancy is the one key that is not fed
as is: it becomes the yearly mortality level that makes the model's life table give it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from sim.inputs.keys import KEYS
from sim.inputs.national import (
    admission_rate,
    chronic_prevalence,
    fertility_pattern,
    mortality_standard,
)
from sim.inputs.region import Region
from sim.model import mortality

LIFE_EXPECTANCY_KEY = "population.life_expectancy"
SEX_RATIO_KEY = "population.sex_ratio_at_birth"

# Base-year health stocks: profile `health_2020` entry -> model constant.
HEALTH_SCALARS = {
    "doctors": "initial doctors",
    "gps": "initial GPs",
    "nurses": "initial nurses",
    "contracted_share": "initial contracting rate",
    "key_group_contracted_share": "initial key group contracting rate",
    "infant_care_places": "initial infant care places",
    "growth_stations": "initial growth stations",
    "beds_nursing_home": "initial nursing home beds",
    "beds_other": "other institution beds",
}
# Model subscript `bed type` elements, in the model's order, and their profile entries.
BED_TYPES = {
    "hospital general": "beds_hospital_general",
    "hospital TCM": "beds_hospital_tcm",
    "hospital rehabilitation": "beds_hospital_rehabilitation",
    "primary general": "beds_primary_general",
    "primary nursing": "beds_primary_nursing",
}
CONDITIONS = ("hypertension", "diabetes")
# Cascade shares by condition: model constant -> profile entry suffix.
CASCADE_SHARES = {
    "initial aware share": "aware_share",
    "initial managed share": "managed_share",
    "initial standardized of managed": "standardized_of_managed",
}


@dataclass(frozen=True)
class ModelInputs:
    constants: dict[str, xr.DataArray | float]
    series: dict[str, pd.Series]
    start: int
    end: int


def infant_separation_factors(standard: xr.DataArray) -> dict[str, float]:
    return {sex: mortality.infant_separation_factor(float(standard.sel(sex=sex, age=0)), sex)
            for sex in ("female", "male")}


#: Mortality level paths solved before, by everything they are solved from (the bisection is
#: half of `build_inputs`' time; runs that change only levers, as on the what-if page of
#: sim.interfaces.serve, solve the same path again and again). At most `_LEVEL_MEMO_SIZE` kept.
_LEVEL_MEMO: dict[bytes, np.ndarray] = {}
_LEVEL_MEMO_SIZE = 64
_LEVEL_LOCK = threading.Lock()


def _level_path(e0: np.ndarray, standard: dict[str, np.ndarray], a0: dict[str, float],
                srb: np.ndarray) -> np.ndarray:
    """`mortality.solve_level_path`, remembered (a copy is returned)."""
    parts = [np.ascontiguousarray(e0, dtype=float), np.ascontiguousarray(srb, dtype=float),
             np.array([a0["female"], a0["male"]], dtype=float)]
    parts += [np.ascontiguousarray(standard[sex], dtype=float) for sex in ("female", "male")]
    key = b"|".join(np.asarray(len(p)).tobytes() + p.tobytes() for p in parts)
    with _LEVEL_LOCK:
        known = _LEVEL_MEMO.get(key)
    if known is None:
        known = mortality.solve_level_path(e0, standard, a0, srb)
        with _LEVEL_LOCK:
            if len(_LEVEL_MEMO) >= _LEVEL_MEMO_SIZE:
                _LEVEL_MEMO.pop(next(iter(_LEVEL_MEMO)))
            _LEVEL_MEMO[key] = known
    return known.copy()


def build_inputs(region: Region, series: dict, start: int, end: int) -> ModelInputs:
    """Model constants and yearly series for `region` under the effective `series`.

    `series` maps every scenario key to an object with `.values(years) -> ndarray`.
    """
    standard = mortality_standard()
    return ModelInputs(model_constants(region, standard),
                       model_series(series, start, end, standard), start, end)


def model_series(series: dict, start: int, end: int,
                 standard: xr.DataArray | None = None) -> dict[str, pd.Series]:
    """The yearly series of `build_inputs` alone (the scenario's part of the inputs);
    `standard`: the mortality standard, if already read (`mortality_standard()`)."""
    years = np.arange(start, end + 1)
    paths = {key: np.asarray(s.values(years), dtype=float) for key, s in series.items()}

    standard = mortality_standard() if standard is None else standard
    a0 = infant_separation_factors(standard)
    standard_by_sex = {sex: standard.sel(sex=sex).values for sex in ("female", "male")}
    level = _level_path(paths[LIFE_EXPECTANCY_KEY], standard_by_sex, a0, paths[SEX_RATIO_KEY])

    out = {KEYS[key].model_variable: pd.Series(values, index=years)
           for key, values in paths.items() if key != LIFE_EXPECTANCY_KEY}
    out["mortality level"] = pd.Series(level, index=years)
    return out


def model_constants(region: Region, standard: xr.DataArray | None = None
                    ) -> dict[str, xr.DataArray | float]:
    """The constants of `build_inputs` alone: the region's data and the national tables, the
    same for every scenario of the region."""
    standard = mortality_standard() if standard is None else standard
    a0 = infant_separation_factors(standard)
    infant_factor = xr.DataArray([a0["female"], a0["male"]], dims=["sex"],
                                 coords={"sex": ["female", "male"]})
    constants: dict[str, xr.DataArray | float] = {
        "initial population": region.population_2020,
        "migration profile": region.migration_profile,
        "standard death rate": standard,
        "fertility pattern": fertility_pattern(),
        "infant separation factor": infant_factor,
        "initial hukou population": float(region.hukou_population_2020),
        "prevalence standard": chronic_prevalence(),
        "admission rate standard": admission_rate(),
    }
    constants.update(health_constants(region.health_2020))
    return constants


def health_constants(health: dict[str, float]) -> dict[str, xr.DataArray | float]:
    """The base-year health stocks and shares of a profile as model constants."""
    constants: dict[str, xr.DataArray | float] = {
        model: float(health[entry]) for entry, model in HEALTH_SCALARS.items()}
    constants["initial beds"] = xr.DataArray(
        [float(health[entry]) for entry in BED_TYPES.values()], dims=["bed type"],
        coords={"bed type": list(BED_TYPES)})
    for model, suffix in CASCADE_SHARES.items():
        constants[model] = xr.DataArray(
            [float(health[f"{c}_{suffix}"]) for c in CONDITIONS], dims=["condition"],
            coords={"condition": list(CONDITIONS)})
    return constants
