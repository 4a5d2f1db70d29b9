"""Verdict logic on constructed series, and the verdict files of a run."""

import pytest

from sim.analysis.targets import Target
from sim.analysis.verdicts import judge
from sim.reports.verdict_tables import markdown, verdict_table

YEARS = list(range(2020, 2031))


def target(comparison=">=", level=0.65, deadline=2025):
    return Target("t", "standardized_management_rate", {"condition": "hypertension"},
                  comparison, level, deadline, "test")


def ramp(start, stop):
    step = (stop - start) / (len(YEARS) - 1)
    return [start + i * step for i in range(len(YEARS))]


def test_reached_early():
    v = judge(YEARS, ramp(0.60, 0.80), target())  # 0.62 in 2021, 0.66 in 2023
    assert v.reached and v.status == "reached" and v.first_year_reached == 2023
    assert v.margin == pytest.approx(0.70 - 0.65)


def test_reached_exactly_at_the_deadline():
    values = [0.60, 0.61, 0.62, 0.63, 0.64, 0.65, 0.66, 0.67, 0.68, 0.69, 0.70]
    v = judge(YEARS, values, target(">=", 0.65))
    assert v.reached and v.first_year_reached == 2025 and v.margin == pytest.approx(0.0)
    strict = judge(YEARS, values, target(">", 0.65))
    assert not strict.reached and strict.first_year_reached == 2026 and strict.status == "missed"


def test_reached_then_lost():
    values = [0.60, 0.66, 0.67, 0.66, 0.64, 0.63, 0.62, 0.61, 0.60, 0.60, 0.60]
    v = judge(YEARS, values, target())
    assert not v.reached and v.status == "reached_then_lost" and v.first_year_reached == 2021
    assert v.margin == pytest.approx(0.63 - 0.65)


def test_never_reached():
    v = judge(YEARS, [0.5] * len(YEARS), target())
    assert v.reached is False and v.status == "missed" and v.first_year_reached is None
    assert v.margin == pytest.approx(-0.15)


def test_at_most_targets_count_shortfall_above_the_level():
    occupancy = ramp(0.95, 0.85)  # 0.90 in 2025
    v = judge(YEARS, occupancy, target("<=", 0.88))
    assert not v.reached and v.margin == pytest.approx(0.88 - 0.90)
    assert v.first_year_reached == 2027
    assert judge(YEARS, occupancy, target("<", 0.95)).first_year_reached == 2021


def test_deadline_beyond_the_run():
    v = judge(YEARS, ramp(0.6, 0.8), target(deadline=2035))
    assert v.reached is None and v.value_at_deadline is None and v.status == "beyond_horizon"


@pytest.mark.parametrize("lang, word", [("zh", "达成"), ("en", "reached")])
def test_tables_for_people(lang, word):
    table = verdict_table([judge(YEARS, ramp(0.60, 0.80), target())], lang)
    text = markdown(table)
    assert word in text and "65.0%" in text and "+5.0 pt" in text
    assert text.count("\n") == 3
