"""The China baseline against the national bulletins it was not built from (issue 13, item 5,
national half): beds, doctors and nurses per 1,000 and GPs per 10,000 at the ends of 2022 and 2023
within ±5%.

Held out: calibration/china/profile.yaml takes its 2020 stocks from the 2019-2020 year-end counts
and every lever's pace from 2020 -> 2021 (calibration/build/health/counts.NATIONAL_PACES); the bed
and staff supply paces are then the health window's, fitted to 2011-2021
(calibration/china/fit.yaml, sim.analysis.calibration.health_window.continued_series); nothing
of 2022 or 2023 enters either (the last test checks the build's constants hold no such year; the
window's role column holds them out). The
published ratios are read from calibration/sources/health_series/observed.csv (NHC bulletins,
medium), the model's as count / residents, both interpolated to 31 December
(sim.analysis.anchors.model_time).

Two ratios are not reproduced, and the health window's own held-out check says they cannot be
by any constant pace of the decade (fit.yaml, windows.health.points): GPs per 10,000 at the end of
2022 (+12.5%; the window +11.6%): GP growth slowed to +26,000-28,000 a year in 2021-22 from the
decade's ~+50,000, then jumped +99,000 in 2023 (a registration or definition change is
suspected, calibration/sources/health_series/README.md), so the decade's intake continued is
high in 2022 and right again in 2023 (+3.5%); doctors per 1,000 at the end of 2023 (-6.4%; the
window -7.6%): +0.25 in 2023 against the decade's +0.11 a year. Expected failures, kept visible,
not tuned away. (With the profile's 2020-21 paces, before the window's paces were taken, GPs 2023
was -14.5% and the other two passed.)
"""

import csv
import datetime as dt

import pytest

from calibration import health_figures as hf
from sim.analysis.anchors import MAPPINGS, TOLERANCE, interpolate, model_value
from sim.core.paths import CALIBRATION_DIR, SCENARIOS_DIR
from tests.helpers import library_run

OBSERVED = CALIBRATION_DIR / "sources" / "health_series" / "observed.csv"
#: bulletin ratio -> (the published count it divides, per how many residents)
RATIOS = {"beds_per_1000": ("beds_total", 1_000), "doctors_per_1000": ("doctors", 1_000),
          "nurses_per_1000": ("nurses", 1_000), "gps_per_10000": ("gps", 10_000)}
HELD_OUT = (2022, 2023)
NOT_BY_THE_DECADE = {
    ("gps_per_10000", 2022): pytest.mark.xfail(strict=True, reason=(
        "GP growth slowed in 2021-22 (bulletin 3.08 -> 3.28) below the decade's pace the "
        "baseline continues: +12.5% (the health window's held-out check +11.6%)")),
    ("doctors_per_1000", 2023): pytest.mark.xfail(strict=True, reason=(
        "doctors per 1,000 +0.25 in 2023 against the decade's +0.11 a year: -6.4% (the "
        "health window's held-out check -7.6%)")),
}


def published(series: str, year: int) -> float:
    """The NHC bulletin's value (all rows of a series and year agree)."""
    with open(OBSERVED, encoding="utf-8") as fh:
        values = {float(r["value"]) for r in csv.DictReader(fh)
                  if (r["region"], r["series"], r["year"]) == ("china", series, str(year))}
    assert len(values) == 1, (series, year, values)
    return values.pop()


def model_ratio(series: str, year: int) -> float:
    ds = library_run(SCENARIOS_DIR / "china" / "baseline.yaml")
    count, per = RATIOS[series]
    day = dt.date(year, 12, 31)
    residents = interpolate(ds["total_population"], day)
    return per * interpolate(model_value(ds, MAPPINGS[count]), day) / residents


CASES = [pytest.param(s, y, marks=NOT_BY_THE_DECADE.get((s, y), ()))
         for s in RATIOS for y in HELD_OUT]


@pytest.mark.parametrize("series, year", CASES)
def test_the_china_baseline_reproduces_the_held_out_bulletins(series, year):
    model, bulletin = model_ratio(series, year), published(series, year)
    assert abs(model - bulletin) / bulletin <= TOLERANCE, (series, year, model, bulletin)


@pytest.mark.parametrize("series", RATIOS)
def test_the_2020_start_matches_the_2020_bulletin_within_one_percent(series):
    # In sample: the 2020 stocks are the bulletins' counts interpolated to 1 Nov 2020, so at 31 Dec
    # 2020 the model must be on them (the census residents are 0.14% fewer than the bulletin's
    # denominator, which counts servicemen).
    model, bulletin = model_ratio(series, 2020), published(series, 2020)
    assert abs(model - bulletin) / bulletin <= 0.01, (series, model, bulletin)


def test_the_profile_is_built_from_no_held_out_year():
    national = {name: value for name, value in vars(hf).items()
                if name.startswith("CHINA_") and isinstance(value, dict)}
    used = {"CHINA_BEDS_TOTAL_WAN", "CHINA_BEDS_HOSPITAL_WAN", "CHINA_BEDS_PRIMARY_WAN",
            "CHINA_DOCTORS_WAN", "CHINA_NURSES_WAN", "CHINA_GPS_PER_10000_BULLETIN",
            "CHINA_DOCTORS_PER_1000_BULLETIN", "CHINA_NURSES_PER_1000_BULLETIN"}
    assert used <= set(national)
    for name in used:
        assert max(national[name]) <= 2021, name
