"""Published history as chart points (sim.reports.observed): scope and derivation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sim.analysis.anchors import model_time
from sim.inputs.history import History, Observation
from sim.reports.observed import last_observed_time, load_observed, observed_points
from sim.reports.sensitivity_charts import effect_directions, shown


def _obs(series, date, value, basis, line=1):
    return Observation(series, dt.date.fromisoformat(date), value, "", basis, "test", "high",
                       "", line)


def _history(*rows):
    return History("test", tuple(rows), (), Path("."))


def test_counts_per_1000_use_the_published_population_bracketing_their_date():
    history = _history(
        _obs("resident_population", "2023-12-31", 1_000_000, "resident"),
        _obs("resident_population", "2024-12-31", 1_100_000, "resident"),
        _obs("beds_total", "2024-07-01", 8_000, "city"),          # bracketed: drawn
        _obs("doctors", "2025-12-31", 4_000, "city"),            # no population after: not drawn
    )
    points = observed_points(history)
    assert set(points) == {"beds_per_1000_residents"}
    share = (dt.date(2024, 7, 1) - dt.date(2023, 12, 31)).days / 366
    expected = 1000 * 8_000 / (1_000_000 + share * 100_000)
    assert points["beds_per_1000_residents"].values[0] == pytest.approx(expected)
    assert points["beds_per_1000_residents"].times[0] == pytest.approx(
        model_time(dt.date(2024, 7, 1)))


def test_only_the_models_scope_is_drawn():
    history = _history(
        _obs("share_65_plus", "2020-11-01", 11.66, "resident"),
        _obs("share_65_plus", "2019-12-31", 12.8, "district:urban"),   # a district: not drawn
        _obs("births", "2020-07-01", 22_799, "hukou"),                 # hukou births: not drawn
        _obs("bed_occupancy", "2022-07-01", 71.0, "city"),             # percent -> fraction
    )
    points = observed_points(history)
    assert set(points) == {"share_65_plus", "hospital_occupancy"}
    assert list(points["share_65_plus"].values) == [11.66]
    assert list(points["hospital_occupancy"].values) == [pytest.approx(0.71)]
    assert last_observed_time(points) == pytest.approx(model_time(dt.date(2022, 7, 1)))


def test_hangzhou_history_gives_age_shares_to_2024_and_a_region_without_history_none():
    points = observed_points(load_observed("hangzhou"))
    assert min(points["share_65_plus"].times) < 2011 and int(last_observed_time(points)) == 2024
    assert observed_points(load_observed("no_such_region")) == {}


def test_direction_of_an_effect_is_the_sign_of_the_rank_correlation():
    x = [[1, 5, 0.4], [2, 4, 0.1], [3, 3, 0.3], [4, 2, 0.5], [5, 1, 0.2]]   # rho(col 2) = 0
    y = [10, 20, 30, 40, 50]   # rises with column 0, falls with column 1, column 2 unrelated
    assert list(effect_directions(x, y)) == [1, -1, 0]


def test_zero_indices_are_not_drawn():
    assert list(shown([0.4, 0.004, 0.0, 0.02])) == [True, False, False, True]
    assert list(shown([10.0, 0.04, 0.06], relative=True)) == [True, False, True]
    assert list(shown([0.0, 0.0], relative=True)) == [False, False]
