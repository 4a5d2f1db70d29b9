"""Verdict logic on constructed series, outcomes an input sets ("set by input, not projected"),
the reached count, the verdict tables and CSV, and the count `python -m sim run` prints."""

import contextlib
import dataclasses

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from sim.analysis.targets import Target, load_targets
from sim.analysis.uncertainty import probabilities
from sim.analysis.verdicts import (
    COMPARE,
    count_reached,
    indicator_path,
    judge,
    set_by_input,
    verdict_records,
)
from sim.core.paths import SCENARIOS_DIR
from sim.inputs.keys import KEYS
from sim.interfaces import cli
from sim.model.outputs import BY_NAME, FOLLOWS_INPUT
from sim.reports import chart_jobs, run_report
from sim.reports.run_report import run_scenario
from sim.reports.uncertainty_report import people_table
from sim.reports.verdict_tables import STATUS_TEXT, markdown, reached_count_text, verdict_table

YEARS = list(range(2020, 2031))
BASELINE = SCENARIOS_DIR / "hangzhou" / "baseline.yaml"


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


# --- outcomes an input sets: "set by input, not projected" -----------------------------------

def on(indicator="standardized_management_rate", deadline=2025, level=0.65, select=None):
    return Target(f"{indicator}_{deadline}", indicator,
                  {"condition": "hypertension"} if select is None else select, ">=", level,
                  deadline, "test")


@pytest.mark.parametrize("deadline, by_input", [(2019, True), (2020, True), (2021, False),
                                                (2025, False)])
def test_a_deadline_at_or_before_the_base_year_is_set_by_input(deadline, by_input):
    reason = set_by_input(on(deadline=deadline), base_year=2020)
    assert (reason is not None) == by_input
    if by_input:
        assert f"deadline {deadline}" in reason and "base year 2020" in reason


def test_a_base_year_deadline_keeps_its_numbers_but_not_its_verdict():
    v = judge(YEARS, ramp(0.70, 0.80), on(deadline=2020))
    assert v.status == "set_by_input" and "profile's base-year inputs" in v.input_reason
    # the comparison is still recorded, for the tables to show
    assert v.reached is True and v.value_at_deadline == pytest.approx(0.70)
    assert v.margin == pytest.approx(0.05) and v.first_year_reached == 2020
    # the base year is the run's first year unless given
    assert judge(YEARS[1:], ramp(0.70, 0.80)[1:], on(deadline=2020)).status == "beyond_horizon"
    assert judge(YEARS[1:], ramp(0.70, 0.80)[1:], on(deadline=2021)).status == "set_by_input"
    assert judge(YEARS, ramp(0.70, 0.80), on(deadline=2021), base_year=2021).input_reason


def test_an_indicator_that_reproduces_an_input_is_set_by_input():
    e0 = on("implied_life_expectancy", 2025, 83.88, select={})
    v = judge(YEARS, ramp(83.0, 85.0), e0)
    assert v.status == "set_by_input" and v.reached is True
    assert v.input_reason == ("implied_life_expectancy reproduces the input path "
                              "population.life_expectancy")
    # declared as data: the same target on an indicator not declared is projected
    assert judge(YEARS, ramp(83.0, 85.0), e0, follows_input={}).status == "reached"
    missed = judge(YEARS, ramp(80.0, 82.0), e0)
    assert missed.status == "set_by_input" and missed.reached is False
    # beyond the run there is nothing to judge, input or not
    assert judge(YEARS, ramp(83.0, 85.0), on("implied_life_expectancy", 2035, 83.88, {})
                 ).status == "beyond_horizon"


def test_an_ordinary_target_after_the_base_year_is_projected():
    assert set_by_input(on(), base_year=2020) is None
    v = judge(YEARS, ramp(0.60, 0.80), on())
    assert v.status == "reached" and v.input_reason is None


def test_every_declared_input_follower_is_an_output_that_follows_a_scenario_key():
    assert FOLLOWS_INPUT["implied_life_expectancy"] == "population.life_expectancy"
    for output, key in FOLLOWS_INPUT.items():
        assert output in BY_NAME and key in KEYS, (output, key)
        # the model variable the key sets, recorded as an output; e0 is solved to equal its
        # key (tests/model/test_population_validity.py, within 0.05 years)
        assert (BY_NAME[output].model == KEYS[key].model_variable
                or output == "implied_life_expectancy"), output


def sample_verdicts():
    return [judge(YEARS, ramp(0.60, 0.80), on(deadline=2025)),    # reached
            judge(YEARS, [0.5] * len(YEARS), on(deadline=2025)),  # missed
            judge(YEARS, ramp(0.70, 0.80), on(deadline=2020)),    # set by input (reached)
            judge(YEARS, ramp(0.50, 0.60), on(deadline=2020)),    # set by input (missed)
            judge(YEARS, ramp(0.60, 0.80), on(deadline=2035))]    # beyond the run


def test_the_reached_count_leaves_out_and_counts_the_targets_set_by_input():
    verdicts = sample_verdicts()
    assert count_reached(verdicts) == (1, 3, 2)
    assert count_reached(verdicts[:2]) == (1, 2, 0)
    assert count_reached([]) == (0, 0, 0)
    assert reached_count_text(verdicts, "en") == (
        "plan targets reached by their deadlines: 1 of 3 projected; 2 more set by input, "
        "not projected")
    assert reached_count_text(verdicts, "zh") == (
        "期限前达成的规划目标：预测的3项中1项；另有2项由输入决定，非预测")
    # without such targets, the line it always was
    assert reached_count_text(verdicts[:2], "en") == \
        "plan targets reached by their deadlines: 1 of 2"
    assert reached_count_text(verdicts[:2], "zh") == "期限前达成的规划目标：2项中1项"


@pytest.mark.parametrize("lang, words, other", [
    ("zh", "由输入决定，非预测", "达成"), ("en", "set by input, not projected", "reached")])
def test_tables_say_set_by_input_and_still_show_the_value(lang, words, other):
    verdicts = sample_verdicts()
    table = verdict_table(verdicts, lang)
    verdict = table.columns[5]
    assert list(table[verdict]) == [STATUS_TEXT[s][lang] for s in (
        "reached", "missed", "set_by_input", "set_by_input", "beyond_horizon")]
    assert table[verdict].iloc[2] == words and table[verdict].iloc[0] == other
    assert table.iloc[2, 4] == "70.0%" and table.iloc[3, 4] == "50.0%"  # value at the deadline
    text = markdown(table)
    assert text.count(words) == 2


def test_the_csv_marks_the_targets_set_by_input(tmp_path):
    records = verdict_records(sample_verdicts())
    assert list(records.columns[-3:]) == ["set_by_input", "input_reason", "source"]
    records.to_csv(tmp_path / "targets.csv", index=False)
    back = pd.read_csv(tmp_path / "targets.csv", keep_default_na=False)
    assert list(back["set_by_input"]) == [False, False, True, True, False]
    assert list(back["status"]) == ["reached", "missed", "set_by_input", "set_by_input",
                                    "beyond_horizon"]
    assert list(back["reached"]) == ["True", "False", "True", "False", ""]
    assert back["input_reason"].iloc[2].startswith("deadline 2020 is at or before the base year")
    assert back["input_reason"].iloc[0] == ""


# --- the Hangzhou baseline: its catalog's 2020 and life-expectancy targets ---------------------

@pytest.fixture(scope="module")
def hangzhou():
    return run_scenario(BASELINE, write=False)


@pytest.mark.slow  # one model run (batch engine, a few seconds)
def test_the_cli_run_line_counts_the_hangzhou_baseline(hangzhou, monkeypatch, capsys, tmp_path):
    by_id = {v.target.id: v for v in hangzhou.verdicts}
    for target_id in ("geriatric_rehabilitation_nursing_beds", "life_expectancy"):
        assert by_id[target_id].status == "set_by_input", target_id
    # expected counts from the loaded catalog and the Dataset, not from the verdicts
    ds, targets = hangzhou.dataset, load_targets("hangzhou")
    assert [v.target for v in hangzhou.verdicts] == targets
    inputs = [x for x in targets if x.deadline <= 2020 or x.indicator in FOLLOWS_INPUT]
    projected = [x for x in targets if x not in inputs]
    reached = sum(bool(COMPARE[x.comparison](
        float(indicator_path(ds, x)[ds["time"].to_numpy() == x.deadline][0]), x.level))
        for x in projected if x.deadline <= int(ds["time"][-1]))
    assert len(inputs) >= 2 and 0 < reached < len(projected)
    # the line `python -m sim run` prints, with this run in place of a new one
    monkeypatch.setattr(run_report, "run_scenario",
                        lambda *args, **kwargs: dataclasses.replace(hangzhou, folder=tmp_path))
    monkeypatch.setattr(chart_jobs, "ChartWorkers", contextlib.nullcontext)
    assert cli.main(["run", str(BASELINE), "--quiet", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert (f"plan targets reached by their deadlines: {reached} of {len(projected)} projected; "
            f"{len(inputs)} more set by input, not projected (python -m sim targets ") in out
    table = cli.format_verdicts(hangzhou.verdicts, "zh")
    assert table.count("由输入决定，非预测") == len(inputs) + 1  # the rows and the count line
    assert table.endswith(f"期限前达成的规划目标：预测的{len(projected)}项中{reached}项；"
                          f"另有{len(inputs)}项由输入决定，非预测")


@pytest.mark.parametrize("lang, words", [("zh", "由输入决定，非预测"),
                                         ("en", "set by input, not projected")])
def test_probabilities_keep_the_numbers_of_a_target_set_by_input_but_mark_it(lang, words):
    """sim.analysis.uncertainty on a constructed two-sample Dataset, and its table for people."""
    years = np.array(YEARS)
    rate = np.stack([ramp(0.60, 0.80), ramp(0.70, 0.90)])[:, :, None]
    ds = xr.Dataset({
        "implied_life_expectancy": (("sample", "time"), np.stack([ramp(83, 85), ramp(82, 83)])),
        "standardized_management_rate": (("sample", "time", "condition"), rate)},
        coords={"sample": [0, 1], "time": years, "condition": ["hypertension"]})
    targets = [on(), on(deadline=2020), on("implied_life_expectancy", 2025, 83.88, {})]
    table = probabilities(ds, targets, [])
    assert list(table["set_by_input"]) == [False, True, True]
    assert list(table["p_reached"]) == [1.0, 0.5, 0.5]  # the numbers stay
    assert table["input_reason"].iloc[2].endswith("population.life_expectancy")
    people = people_table(table, targets, lang)
    assert list(people.iloc[:, 4]) == ["100.0%", words, words]
    assert people.iloc[1, 5] == "65.0%"  # median of 0.60 and 0.70 in 2020
