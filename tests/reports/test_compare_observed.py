"""The compare page's charts carry the region's published values and the last observed year
(issue 15 items 1 and 5), as the run charts do."""

from __future__ import annotations

import numpy as np

from sim.analysis.targets import indicator_groups, load_targets
from sim.core.paths import SCENARIOS_DIR
from sim.reports.compare import indicator_job
from sim.reports.observed import Observed, last_observed_time, load_observed, observed_points
from sim.reports.run_report import run_scenario


def test_indicator_charts_get_the_published_points_of_their_indicator():
    result = run_scenario(SCENARIOS_DIR / "hangzhou" / "baseline.yaml", write=False)
    groups = indicator_groups(load_targets("hangzhou"))
    observed = observed_points(load_observed("hangzhou"))
    assert observed, "Hangzhou publishes values the charts can show"
    last = last_observed_time(observed)
    assert last is not None and last >= 2023   # the 2024 counts
    # a targeted indicator with published values, and one without
    planted = {**observed, "gps_per_10000_hukou": Observed(np.array([2021.2]), np.array([4.1]))}
    with_points = indicator_job([result], ["基准情景"], "gps_per_10000_hukou",
                                groups["gps_per_10000_hukou"], "zh", "note", planted)
    times, values = with_points.kwargs["observed"]
    assert list(times) == [2021.2] and list(values) == [4.1]
    assert with_points.kwargs["last_observed"] == last_observed_time(planted)
    stem, group = next((s, g) for s, g in groups.items() if s not in planted)
    without = indicator_job([result], ["基准情景"], stem, group, "zh", "note", planted)
    assert without.kwargs["observed"] is None and without.kwargs["last_observed"] is not None
