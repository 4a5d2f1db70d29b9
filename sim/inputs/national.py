"""The national age tables of ``calibration/common/``, shared by every region: the standard
mortality schedule, the fertility pattern, chronic-disease prevalence and hospital admission
rates, each by single year of age (and sex). Regions scale them through their scenario keys.
"""

from __future__ import annotations

import os

import numpy as np
import xarray as xr

from sim.core.errors import InputError
from sim.inputs.folders import calibration_root
from sim.inputs.tables import (
    AGES,
    SEXES,
    check_sums_to_one,
    read_age_csv,
    read_sex_age_csv,
    sex_age_array,
)

__all__ = ["mortality_standard", "fertility_pattern", "chronic_prevalence", "admission_rate",
           "CONDITIONS", "COMMON_FOLDER", "MORTALITY_STANDARD_FILE", "FERTILITY_PATTERN_FILE",
           "CHRONIC_PREVALENCE_FILE", "ADMISSION_RATE_FILE"]

#: The folder of the calibration directory holding the tables shared by all regions.
COMMON_FOLDER = "common"
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


def mortality_standard(calibration_dir: str | os.PathLike[str] | None = None) -> xr.DataArray:
    """Standard central death rates m(x), deaths per person-year, DataArray (sex, age).

    The census 2020 national schedule: the *shape* of mortality, whose level the runner scales
    to the life-expectancy path.
    """
    path = calibration_root(calibration_dir) / COMMON_FOLDER / MORTALITY_STANDARD_FILE
    table = read_age_csv(path, ("age", "female", "male"))
    return sex_age_array(table, "mortality standard", "deaths per person-year", path)


def fertility_pattern(calibration_dir: str | os.PathLike[str] | None = None) -> xr.DataArray:
    """Share of a woman's lifetime births at each age (sums to 1; zero outside 15..49),
    DataArray (age). Multiplied by the TFR it gives age-specific fertility rates."""
    path = calibration_root(calibration_dir) / COMMON_FOLDER / FERTILITY_PATTERN_FILE
    table = read_age_csv(path, ("age", "share"))
    shares = table[:, 0]
    check_sums_to_one(shares, path, "share")
    low, high = FERTILE_AGES
    outside = [a for a in AGES if (a < low or a > high) and shares[a] != 0.0]
    if outside:
        a = outside[0]
        raise InputError(path, f"share (age {a})", float(shares[a]),
                         f"0 outside ages {low} to {high}",
                         "non-zero share outside the fertile ages")
    return xr.DataArray(shares, dims=("age",), coords={"age": AGES}, name="fertility pattern",
                        attrs={"units": "share of births (1)", "source_file": str(path)})


def chronic_prevalence(calibration_dir: str | os.PathLike[str] | None = None) -> xr.DataArray:
    """National prevalence of hypertension and diabetes as a share of the people of each age and
    sex, DataArray (condition, sex, age); zero below age 18. Regions scale it with
    ``chronic.hypertension_prevalence_scale`` and ``chronic.diabetes_prevalence_scale``."""
    path = calibration_root(calibration_dir) / COMMON_FOLDER / CHRONIC_PREVALENCE_FILE
    table = read_sex_age_csv(path, CONDITIONS, high=1.0, allowed="a share from 0 to 1")
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
    path = calibration_root(calibration_dir) / COMMON_FOLDER / ADMISSION_RATE_FILE
    table = read_sex_age_csv(path, ["admissions_per_person_year"],
                             high=MAX_ADMISSIONS_PER_PERSON_YEAR,
                             allowed=f"a number from 0 to {MAX_ADMISSIONS_PER_PERSON_YEAR:g} "
                                     "(admissions per person per year)")
    return xr.DataArray(table[:, :, 0].copy(), dims=("sex", "age"),
                        coords={"sex": SEXES, "age": AGES}, name="admission rate",
                        attrs={"units": "admissions per person-year", "source_file": str(path)})
