"""Turn a region profile and a scenario into the model's inputs.

Constants (base-year structure, age patterns) come from the region profile; time paths come
from the scenario's effective series (region defaults overlaid with the scenario's values),
mapped to model variables through sim.keys. Life expectancy is the one key that is not fed
as is: it becomes the yearly mortality level that makes the model's life table give it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from sim import mortality
from sim.keys import KEYS
from sim.region import Region, fertility_pattern, mortality_standard

LIFE_EXPECTANCY_KEY = "population.life_expectancy"
SEX_RATIO_KEY = "population.sex_ratio_at_birth"


@dataclass(frozen=True)
class ModelInputs:
    constants: dict[str, xr.DataArray | float]
    series: dict[str, pd.Series]
    start: int
    end: int


def infant_separation_factors(standard: xr.DataArray) -> dict[str, float]:
    return {sex: mortality.infant_separation_factor(float(standard.sel(sex=sex, age=0)), sex)
            for sex in ("female", "male")}


def build_inputs(region: Region, series: dict, start: int, end: int) -> ModelInputs:
    """Model constants and yearly series for `region` under the effective `series`.

    `series` maps every scenario key to an object with `.values(years) -> ndarray`.
    """
    years = np.arange(start, end + 1)
    paths = {key: np.asarray(s.values(years), dtype=float) for key, s in series.items()}

    standard = mortality_standard()
    a0 = infant_separation_factors(standard)
    standard_by_sex = {sex: standard.sel(sex=sex).values for sex in ("female", "male")}
    level = mortality.solve_level_path(paths[LIFE_EXPECTANCY_KEY], standard_by_sex, a0,
                                       paths[SEX_RATIO_KEY])

    model_series = {KEYS[key].model_variable: pd.Series(values, index=years)
                    for key, values in paths.items() if key != LIFE_EXPECTANCY_KEY}
    model_series["mortality level"] = pd.Series(level, index=years)

    infant_factor = xr.DataArray([a0["female"], a0["male"]], dims=["sex"],
                                 coords={"sex": ["female", "male"]})
    constants = {
        "initial population": region.population_2020,
        "migration profile": region.migration_profile,
        "standard death rate": standard,
        "fertility pattern": fertility_pattern(),
        "infant separation factor": infant_factor,
        "initial hukou population": float(region.hukou_population_2020),
    }
    return ModelInputs(constants, model_series, start, end)
