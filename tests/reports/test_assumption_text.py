"""Scenario inputs written for people (sim.reports.assumption_text)."""

import pytest

from sim.inputs.keys import KEYS
from sim.inputs.timeseries import parse_series
from sim.reports.assumption_text import key_name, number, series_text, series_texts, value_text

TFR = KEYS["population.tfr"]


def series(raw):
    return parse_series(raw, None, "test")


@pytest.mark.parametrize("value, digits, text", [
    (1.0623795959596738, 3, "1.06"), (0.86, 3, "0.86"), (0.8607, 3, "0.861"),
    (0.0525, 3, "0.0525"), (12.5, 3, "12.5"), (140, 3, "140"), (600.0, 3, "600"),
    (206496.4, 3, "206,496"), (-142107, 3, "-142,107"), (1.0623795959596738, 5, "1.0624"),
    (0.0, 3, "0"),
])
def test_number(value, digits, text):
    assert number(value, digits) == text


def test_the_issue_example():
    """"总和生育率 1.06 → 0.86，2020–2023年", not {ramp: {from: 1.0623795959596738 …}}."""
    ramp = series({"ramp": {"from": 1.0623795959596738, "to": 0.86, "start": 2020,
                            "end": 2023}})
    assert f"{key_name(TFR, 'zh')}：{series_text(TFR, ramp, 'zh')}" == \
        "总和生育率（孩子数/妇女）：1.06 → 0.86，2020–2023年"
    assert series_text(TFR, ramp, "en") == "1.06 → 0.86, 2020–2023"
    assert key_name(TFR, "en") == "Total fertility rate (children per woman)"


def test_each_kind_of_value():
    share = KEYS["primary_care.contracting_target"]
    rate = KEYS["primary_care.screening_rate"]
    scale = KEYS["chronic.hypertension_prevalence_scale"]
    assert value_text(share, 0.725, "zh") == "72.5%" and key_name(share, "zh") == share.label_zh
    assert value_text(rate, 0.05, "zh") == "每年5%"
    assert value_text(rate, 0.05, "en") == "5% a year"
    assert value_text(scale, 1.1, "en") == "×1.1"


def test_steps_and_tables():
    places = KEYS["workforce.gp_training_places"]
    step = series({"step": {2020: 394, 2021: 600}})
    assert series_text(places, step, "zh") == "394；2021年起 600"
    assert series_text(places, step, "en") == "394; 600 from 2021"
    table = series({"table": {2020: 206496.0, 2021: 142107.0}})
    migration = KEYS["population.net_migration"]
    assert series_text(migration, table, "zh") == "2020年 206,496，2021年 142,107（其间线性变化）"
    assert series_text(migration, table, "en") == \
        "206,496 in 2020, 142,107 in 2021, linear in between"


def test_more_digits_only_where_fewer_would_hide_a_difference():
    a, b = series(1.0623795959596738), series(1.0601)
    assert series_texts(TFR, [a, b], "zh") == ["1.062", "1.06"]
    assert series_texts(TFR, [series(1.06), series(0.84)], "zh") == ["1.06", "0.84"]
    assert series_texts(TFR, [series(1.06), None], "en") == ["1.06", "—"]
