"""Mistakes of a Chinese keyboard and of percent habits in scenario files: full-width
characters (全角冒号, 全角数字, 全角空格) that break YAML are named in the one-line error; a share
or yearly rate written as a percent is an error that says so, and 1 for a yearly rate (100% a
year) a warning."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from sim.core.errors import InputError, InputWarning, full_width_note
from sim.core.paths import SCENARIOS_DIR
from sim.inputs.scenario import load_scenario
from sim.interfaces import cli
from tests.scenario_fixtures import make_calibration

HEAD = "region: testville\nyears: {start: 2020, end: 2035}\n"


@pytest.fixture
def cal(tmp_path: Path) -> Path:
    return make_calibration(tmp_path / "cal")


def error_of(tmp_path: Path, cal: Path, text: str) -> str:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(path, calibration_dir=cal)
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("text, named", [
    (HEAD + "assumptions:\n  population.tfr：1.2\n", "'：' (全角冒号; type ':')"),
    ("region： testville\nyears: {start: 2020, end: 2035}\n", "'：' (全角冒号; type ':')"),
    (HEAD + "assumptions:\n  population.tfr: １.２\n", "'１２' (全角数字; type the digits 0-9)"),
    ("region: testville\nyears: {start: 2020, end: ２０３５}\n", "'２０３５' (全角数字"),
    (HEAD + "assumptions:\n\u3000population.tfr: 1.2\n", "U+3000 (全角空格"),
    (HEAD + "assumptions:\n  population.tfr: 1.2\u3000\n", "U+3000 (全角空格"),
])
def test_a_full_width_character_that_breaks_the_file_is_named(tmp_path, cal, text, named):
    message = error_of(tmp_path, cal, text)
    assert f"full-width characters: {named}" in message
    # the same mistake typed half-width is not an error, or its error names no full-width char
    plain = text.replace("：", ": ").replace("１.２", "1.2").replace("２０３５", "2035")
    plain = plain.replace("\u3000", "  " if "\n\u3000" in text else "")
    load_scenario(_write(tmp_path / "plain.yaml", plain), calibration_dir=cal)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_full_width_text_in_a_comment_or_a_correct_file_is_no_error(tmp_path, cal):
    path = _write(tmp_path / "s.yaml", "# 说明：总和生育率１．０\n" + HEAD
                  + 'description: "杭州：基线"\n')
    assert load_scenario(path, calibration_dir=cal).description == "杭州：基线"
    assert full_width_note("population.tfr: 1.2") == ""


@pytest.mark.parametrize("key, value, hint", [
    ("levers:\n  primary_care.contracting_target", "40", "a share is a fraction, 40% is 0.4"),
    ("assumptions:\n  chronic.dropout_rate", "5", "a rate is a fraction a year, 5% is 0.05"),
    ("levers:\n  primary_care.contracting_target", "{ramp: {from: 0.3, to: 45, start: 2020, "
     "end: 2025}}", "45% is 0.45"),
])
def test_a_share_or_rate_written_as_a_percent_says_so(tmp_path, key, value, hint):
    path = _write(tmp_path / "s.yaml", "region: hangzhou\nyears: {start: 2020, end: 2035}\n"
                  f"{key}: {value}\n")
    with pytest.raises(InputError, match="value out of range") as info:
        load_scenario(path)
    assert "looks like a percent" in str(info.value) and hint in str(info.value)


def test_a_number_out_of_range_that_is_no_percent_gets_no_percent_hint(tmp_path):
    path = _write(tmp_path / "s.yaml", "region: hangzhou\nyears: {start: 2020, end: 2035}\n"
                  "assumptions:\n  population.tfr: 9\n")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert "percent" not in str(info.value)


def test_one_for_a_yearly_rate_is_a_warning_not_an_error(tmp_path, capsys):
    text = ("region: hangzhou\nyears: {start: 2020, end: 2035}\n"
            "levers:\n  primary_care.screening_rate: 1\n  primary_care.contracting_target: 1\n")
    path = _write(tmp_path / "s.yaml", text)
    with pytest.warns(InputWarning, match="screening_rate: 1 is 100% a year") as caught:
        scenario = load_scenario(path)
    assert scenario.values["primary_care.screening_rate"].values([2025])[0] == 1.0
    assert len(caught) == 1   # a share of exactly 1 (everyone) is no warning
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert cli.main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("warning: ") and "write 0.01 for 1% a year" in err
    assert len(err.strip().splitlines()) == 1


def test_the_scenario_library_gives_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        for path in sorted(SCENARIOS_DIR.glob("*/*.yaml")):
            load_scenario(path)
