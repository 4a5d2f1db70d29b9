"""Zhejiang as a region against its published counts (issue 13, item 5, provincial half).

No provincial count of beds, doctors, nurses or GPs after 2020 was found (calibration/zhejiang/
history_missing.csv; the searches are named there), so nothing is held out and no ±5% check of a
later year is possible: the first test fails the day such a count is added to history.csv, so that a
real held-out test replaces it. What can be checked is in sample: the 2020 stocks are the 2021 work
report's 2020 beds and doctors per 1,000 (5.99 and 3.67) times the year-end residents, backed out
two months to 1 Nov 2020, so at 31 December 2020 the baseline must be on them (within 1%).
"""

import datetime as dt

import pytest

from calibration import health_figures as hf
from calibration import published_figures as pf
from sim.analysis.anchors import MAPPINGS, interpolate, model_value
from sim.core.paths import SCENARIOS_DIR
from sim.inputs.history import load_history
from tests.helpers import library_run

HEALTH_COUNTS = {"beds_total", "beds_hospital", "beds_primary", "doctors", "nurses", "gps"}


def test_no_provincial_count_after_2020_is_left_untested():
    later = [(o.series, o.date) for o in load_history("zhejiang").observations
             if o.series in HEALTH_COUNTS and o.date > dt.date(2020, 12, 31)]
    assert later == [], f"held-out Zhejiang counts found {later}: test them within ±5% here"


@pytest.mark.parametrize("series, per_1000", [("beds_total", hf.ZHEJIANG_BEDS_PER_1000[2020]),
                                              ("doctors", hf.ZHEJIANG_DOCTORS_PER_1000[2020])])
def test_the_2020_start_matches_the_work_report_within_one_percent(series, per_1000):
    ds = library_run(SCENARIOS_DIR / "zhejiang" / "baseline.yaml")
    day = dt.date(2020, 12, 31)
    published = per_1000 * pf.ZHEJIANG_YEAREND_RESIDENT_WAN[2020] * 10
    model = interpolate(model_value(ds, MAPPINGS[series]), day)
    assert abs(model - published) / published <= 0.01, (series, model, published)
