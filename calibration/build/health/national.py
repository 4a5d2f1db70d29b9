"""The national population the common health tables are calibrated on, and the
population-weighted mean of a rate by age and sex that both tables use."""
from __future__ import annotations

import numpy as np
import pandas as pd

from calibration.build.demography import province_groups, split_groups_to_single_years
from sim.inputs.keys import BASE_YEAR
from sim.inputs.tables import SEXES

NATIONAL_AREA = "全国"
#: How the national structure is made, for the tables' headers.
TABLE_1_5 = ("census 2020 table 1-5 national age groups split to single years by table 6-4 "
             "(as for the cities)")


def national_population_2020(single: pd.DataFrame) -> pd.DataFrame:
    """China's census population on 1 Nov 2020 by single year of age and sex (table 1-5 groups split by the
    table 6-4 single-year shape): the age structure the common tables are calibrated on."""
    return split_groups_to_single_years(province_groups(NATIONAL_AREA, BASE_YEAR), single)


def weighted_mean(rates: dict[str, np.ndarray], pop: pd.DataFrame, lo: int = 0, hi: int = 100,
                  sexes: tuple[str, ...] | list[str] = SEXES) -> float:
    """Population-weighted mean of a rate over ages lo..hi and the given sexes."""
    num = sum(float((rates[s][lo:hi + 1] * pop[s].to_numpy()[lo:hi + 1]).sum()) for s in sexes)
    den = sum(float(pop[s].to_numpy()[lo:hi + 1].sum()) for s in sexes)
    return num / den
