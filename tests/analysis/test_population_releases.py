"""The national and provincial baselines against the population releases after the census:
the NBS year-end releases of 2021-2025 for China (calibration/china/history.csv; residents less
the 2 million servicemen the census table leaves out), the provincial year-end totals of
2020-2024 for Zhejiang and 2020-2023 for Heilongjiang. Residents at every year end within 0.5%
(measured 2026-12-02: China -0.05% to -0.24%, Zhejiang -0.18% to +0.23%, Heilongjiang, on its
accepted fit, 0.00% to +0.30%). Zhejiang's deaths are 17-30% above its bulletins' for the same
reason as China's below, and its 60+ and 65+ shares about one point low (not asserted).

China in detail:

The baseline runs on the profile's defaults (net migration 0, the WPP TFR path, NBS e0 77.93
rising 0.25 a year): the forward fit in fit.yaml is not accepted, because the model's deaths
are 6-16% above the NBS's (below). So these are checks of the defaults, not of a fit:

- residents at every year end within 0.5% (measured 2026-12-02: -0.05% to -0.24%);
- the 60+ and 65+ shares within 0.7 percentage points (measured -0.59 to +0.03);
- deaths: **not** within 5% (measured +16% in 2021 to +6% in 2025), an expected failure with its
  reason, which the last test checks: with the census age pattern of mortality, the NBS's own
  e0 of 77.93 for 2020 gives a crude death rate above 8 per 1,000 on the census population
  (the UN WPP2024 rates of 2015-20 give the same), and the NBS's published 7.07 would need an
  e0 above 79. The model follows the published e0 (a plan indicator), so its deaths exceed the
  published ones; its births are above them too (+4% to +11%, but -8% in the dragon year 2024),
  and the two nearly cancel in the residents.
"""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from sim.analysis.anchors import interpolate
from sim.core.paths import CALIBRATION_DIR, SCENARIOS_DIR
from sim.inputs.history import load_history
from sim.inputs.national import mortality_standard
from sim.model import mortality
from sim.model.parameters import infant_separation_factors
from tests.helpers import library_run

YEARS = range(2021, 2026)
#: The year ends after the census with a published resident total, by region.
YEAR_ENDS = {"china": YEARS, "zhejiang": range(2020, 2025), "heilongjiang": range(2020, 2024)}


def published(series: str, date: str, region: str = "china") -> float:
    rows = [o.value for o in load_history(region).select(series, "resident")
            if o.date == dt.date.fromisoformat(date)]
    assert len(rows) == 1, (series, date, rows)
    return rows[0]


def baseline(region: str = "china"):
    return library_run(SCENARIOS_DIR / region / "baseline.yaml")


@pytest.mark.parametrize("region, year", [(r, y) for r, years in YEAR_ENDS.items()
                                          for y in years])
def test_the_baseline_keeps_the_year_end_residents_within_half_a_percent(region, year):
    ds = baseline(region)
    model = interpolate(ds["total_population"], dt.date(year, 12, 31))
    release = published("resident_population", f"{year}-12-31", region)
    assert abs(model / release - 1) <= 0.005, (region, year, model, release)


@pytest.mark.parametrize("share, group", [("share_60_plus", "population_60_plus"),
                                          ("share_65_plus", "population_65_plus")])
@pytest.mark.parametrize("year", YEARS)
def test_the_china_baseline_keeps_the_older_shares_within_0_7_points(year, share, group):
    ds = baseline()
    day = dt.date(year, 12, 31)
    model = 100 * interpolate(ds[group], day) / interpolate(ds["total_population"], day)
    assert abs(model - published(share, f"{year}-12-31")) <= 0.7, (year, share, model)


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "the model follows the NBS e0 (77.93 in 2020, +0.25 a year); with the census age pattern "
    "that e0 means a crude death rate above 8 per 1,000, the NBS publishes 7.07-8.04: deaths "
    "+6% to +16% (see the last test)"))
def test_the_china_baseline_deaths_are_within_five_percent():
    ds = baseline()
    deaths = ds["total_deaths"]
    # a model year's deaths (1 Nov - 31 Oct) against the calendar year's: the model year that
    # starts in November of the year before covers ten of its twelve months
    for year in YEARS:
        model = float(deaths.sel(time=year - 1).item())
        nbs = published("deaths", f"{year}-07-01")
        assert abs(model / nbs - 1) <= 0.05, (year, model, nbs)


def test_the_bureaus_crude_death_rate_is_below_what_its_own_life_expectancy_implies():
    standard = mortality_standard()
    a0 = infant_separation_factors(standard)
    shape = {sex: standard.sel(sex=sex).to_numpy() for sex in ("female", "male")}
    population = pd.read_csv(CALIBRATION_DIR / "china" / "population_2020.csv", comment="#")
    women, men = population["female"].to_numpy(), population["male"].to_numpy()

    def crude_death_rate(e0: float) -> float:
        # sex ratio at birth 112.3, the census's (profile.yaml); it weights the sexes' e0
        level = mortality.solve_level_path(np.array([e0]), shape, a0, np.array([112.3]))[0]
        return 1000 * level * (shape["female"] @ women + shape["male"] @ men) / (women + men).sum()

    nbs_e0, nbs_cdr = published("life_expectancy", "2020-07-01"), published(
        "crude_death_rate", "2020-07-01")
    assert (nbs_e0, nbs_cdr) == (77.93, 7.07)
    assert crude_death_rate(nbs_e0) > 8.0           # measured 8.23
    assert crude_death_rate(79.0) > nbs_cdr          # measured 7.42: 7.07 needs e0 about 79.5
