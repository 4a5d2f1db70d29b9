"""The region this build makes (the nation, from the census tables) and the population part of its
profile.yaml: the region specification, the census_2020 block, hukou_population_2020 and the
defaults of the population keys. Provinces, cities and districts are built from their own fill-in
tables (calibration/<region>/tables/, `python -m sim region build`).

Publication numbers come from calibration/published_figures.py; quantities are built with
calibration.build.quantities (`sourced` or `assumed`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calibration import health_figures as hfig
from calibration import published_figures as pf
from calibration.build.demography import (
    province_groups,
    shares_percent,
    tfr_matching_births,
)
from calibration.build.quantities import BOUNDS, ESTIMATE, assumed, ramp, sourced, table
from sim.inputs.keys import BASE_YEAR, KEYS


def e0_default(e0_2020: float, rate: float, rate_range: tuple[float, float], e0_range: tuple[float, float],
               source: str, note: str, low_reason: str) -> dict:
    """Life expectancy path: ramp from e0_2020 (2020) to e0_2020 + 30 x rate (2050)."""
    horizon = pf.E0_HORIZON_YEARS
    end = round(e0_2020 + horizon * rate, 2)
    high = round(e0_range[1] + horizon * rate_range[1], 2)
    return assumed(
        ramp(e0_2020, end, BASE_YEAR, BASE_YEAR + horizon), KEYS["population.life_expectancy"].unit,
        low=e0_range[0], high=high, source=source,
        method=f"ramp {e0_2020} (2020) -> {e0_2020} + {horizon} x {rate} = {end} (2050), flat after",
        note=(f"{note} Improvement rate {rate}/yr is an assumption (range {rate_range[0]}-{rate_range[1]}/yr). "
              f"low = {e0_range[0]} ({low_reason}); high = {e0_range[1]} + "
              f"{horizon} x {rate_range[1]}."),
        distribution=ESTIMATE)


def srb_default(boys: int, girls: int, province_en: str) -> dict:
    srb = round(100 * boys / girls, 2)
    n, p = boys + girls, boys / (boys + girls)
    se = 100 * np.sqrt(p * (1 - p) / n) / (1 - p) ** 2  # delta method for 100 p / (1 - p)
    return assumed(
        srb, KEYS["population.sex_ratio_at_birth"].unit, low=pf.SRB_RANGE[0], high=pf.SRB_RANGE[1], source=pf.SRB_SOURCE,
        method=f"{province_en} census births 2019-11..2020-10, 100 x boys / girls = 100 x {boys} / {girls}",
        note=(f"The province's value ({province_en}) applied to the city: no city figure was found. The sample "
              f"has {n:,} births, so the sampling standard error is about {se:.1f}."),
        distribution=ESTIMATE)


def natural_increase(rate_permille: float, mean_population: float, years: float) -> float:
    return rate_permille / 1000 * mean_population * years


def round_to(x: float, step: int) -> int:
    return int(step * round(x / step))


# ---------------------------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RegionSpec:
    key: str
    name_en: str
    name_zh: str
    province: str            # area name in the census files
    province_en: str
    total: int
    shares: dict | None      # published broad shares (percent); None = none published (province structure)
    male: int | None         # published male total; None = keep the province's sex ratio by age
    migration_direction: int  # +1 net inflow, -1 net outflow, 0 none (the nation: international migration assumed 0)
    #: True for the nation as a region: its census structure is the whole census (no split or raking), its 2020
    #: health stocks are the national bulletins' counts (observed, not backed out from a later count).
    national: bool = False


REGIONS = {
    "china": RegionSpec("china", "China", "中国", pf.CHINA_NATIONAL_AREA, "China",
                        int(province_groups(pf.CHINA_NATIONAL_AREA, BASE_YEAR)[["female", "male"]].to_numpy().sum()),
                        None, None, 0, national=True),
}


def census_block(spec: RegionSpec, pop: pd.DataFrame) -> dict:
    if spec.national:
        method = "sum of the 全国 rows (census 2020 table 1-5, 31 provinces; servicemen not included)"
        block = {"total": sourced(spec.total, "person", pf.CHINA_CENSUS_SOURCE, method=method),
                 "male": sourced(round(float(pop["male"].sum())), "person", pf.CHINA_CENSUS_SOURCE, method=method)}
        for k, v in shares_percent(pop).items():
            block[f"share_{k}"] = sourced(round(v, 2), "percent", pf.CHINA_CENSUS_SOURCE,
                                          method="share of the 全国 rows' total (age groups summed)")
        return block
    raise KeyError(f"{spec.key}: a city or district is built from its tables (python -m sim region build)")


def tfr_national(tfr2020: float) -> dict:
    """The nation's TFR path: the derived 2020 level, then WPP2024 China's own year-by-year path to 2023 (the cities
    take only its 2020 -> 2023 ratio), flat after."""
    wpp = pf.WPP2024_CHINA_TFR_2020_2023
    t0 = round(tfr2020, 4)
    path = {y: round(t0 * wpp[y] / wpp[2020], 4) for y in sorted(wpp)}
    lo_f, hi_f = pf.TFR_RANGE_FACTORS
    return assumed(
        table(path), KEYS["population.tfr"].unit, low=round(lo_f * t0, 4), high=round(hi_f * t0, 4),
        source=(f"2020 level: {pf.CHINA_RATES_2020_SOURCE}; path: {pf.WPP2024_TFR_FILE}; age pattern: census 2020 "
                "(common/fertility_pattern_2020.csv)"),
        method=(f"TFR2020 = (CBR/1000 x census total) / sum_a female_2020(a) x pattern(a) = {t0}, so that model births in "
                "year 2020 equal CBR x total (the cities' method); then TFR(y) = TFR2020 x WPP2024 China TFR(y) / "
                "TFR(2020) for 2021-2023 (" + ", ".join(f"{y}: {wpp[y]}" for y in sorted(wpp)) + "), flat after"),
        note=(f"The national equivalent of the cities' default: they ramp to the WPP 2023/2020 ratio, the nation follows "
              f"WPP's path year by year. Registered births fell 1200万 (2020) -> 1062万 (2021) -> 956万 (2022) -> 902万 "
              f"(2023) (research/data/china_annual_births_1949_2024.csv; history.csv), faster than the TFR because the "
              f"number of women aged 20-35 falls too; the forward fit (fit.yaml) scales the path to the observed crude "
              f"birth rates. The census-derived TFR of the 2020 long form is {hfig.CHINA_CENSUS_TFR_2020} (research file "
              f"china_census2020_asfr_derived.csv; registered births under-count). Range = {lo_f} to {hi_f} x TFR2020."),
        distribution=ESTIMATE)


def china_defaults(pop: pd.DataFrame, pattern: pd.DataFrame) -> tuple[dict, dict]:
    total = float(pop[["female", "male"]].to_numpy().sum())
    tfr = tfr_matching_births(pop, pattern, pf.CHINA_CBR_2020, total)
    lo_h = round_to(total * (1 - pf.CHINA_HUKOU_RANGE_SHARE), 1000)
    hi_h = round_to(total * (1 + pf.CHINA_HUKOU_RANGE_SHARE), 1000)
    hukou = assumed(
        round_to(total, 1000), "person", low=lo_h, high=hi_h, source=pf.CHINA_CENSUS_SOURCE,
        method="the census residents of the 31 provinces, rounded to 1,000",
        note=("ASSUMPTION: for the nation the registered (hukou) population is its residents: moves between regions "
              "cancel, and the unregistered and international moves are small against 1.41 billion. The model needs "
              "a hukou stock only for indicators per hukou resident (GPs per 10,000 hukou), which for the nation are "
              "per resident. Range +-1%."),
        distribution=ESTIMATE)
    e0_lo = round(pf.CHINA_E0_2020 - pf.E0_LOW_MARGIN, 2)
    boys, girls = pf.CHINA_BIRTHS_BOYS_SAMPLE, pf.CHINA_BIRTHS_GIRLS_SAMPLE
    srb = srb_default(boys, girls, "China")
    srb.update(source=pf.CHINA_SRB_SOURCE,
               method=f"national census births 2019-11..2020-10, 100 x boys / girls = 100 x {boys} / {girls}",
               note=(f"The nation's own census value. The sample has {boys + girls:,} births, so its sampling error is "
                     "negligible; the range allows for under-reported girls and a further fall of the ratio."))
    lo_m, hi_m = pf.CHINA_NET_MIGRATION_RANGE
    lo_t, hi_t = pf.CHINA_HUKOU_TRANSFERS_RANGE
    defaults = {
        "population.tfr": tfr_national(tfr),
        "population.life_expectancy": e0_default(
            pf.CHINA_E0_2020, pf.CHINA_E0_RATE_ASSUMED, pf.CHINA_E0_RATE_RANGE, (e0_lo, pf.CHINA_E0_2020),
            source=f"{pf.CHINA_E0_SOURCE}; pace: {pf.WPP_SOURCE.split(';')[0]} e0 2010-2019",
            note=(f"Published {pf.CHINA_E0_2020} (2020) and {pf.CHINA_E0_2021} (2021, +{pf.CHINA_E0_2021 - pf.CHINA_E0_2020:.2f}); "
                  "WPP2024's both-sexes e0 (mean of male and female) gained +0.25 a year in 2010-2019."),
            low_reason="2020 level minus one year, for a setback"),
        "population.net_migration": assumed(
            0, KEYS["population.net_migration"].unit, low=lo_m, high=hi_m,
            note=("ASSUMPTION: the nation's net migration is international only and small: no national figure is in "
                  "the project's sources. Range +-500,000 a year (+-0.035% of the population), a judgement. Age-sex "
                  "pattern (only used if a scenario sets a non-zero value): migration_profile.csv, the census "
                  "population's own structure."),
            distribution=BOUNDS),
        "population.sex_ratio_at_birth": srb,
        "population.hukou_net_transfers": assumed(
            0, KEYS["population.hukou_net_transfers"].unit, low=lo_t, high=hi_t,
            note=("ASSUMPTION: hukou transfers between regions cancel for the nation; range +-100,000 a year for "
                  "international registrations and cancellations (a judgement)."),
            distribution=BOUNDS),
    }
    return hukou, defaults


DEFAULT_BUILDERS = {"china": china_defaults}
