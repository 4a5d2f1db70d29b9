"""fit.yaml is written with its numbers rounded to 6 significant digits, and an unchanged fit
(estimates equal up to floating-point noise) rewrites the file byte for byte, time included
(sim.analysis.calibration.record: rounded, fit_text, staged_fit)."""

import yaml

from sim.analysis.calibration.record import DIGITS, fit_text, rounded, staged_fit


def record(estimate: float, made: str = "2026-12-01T21:03:32+00:00") -> dict:
    return {"region": "testville", "made": made, "passed": True,
            "windows": {"forward": {"parameters": {"tfr_scale": {
                "low": 0.6728990486257928, "estimate": estimate, "at_bound": False,
                "period": (2020, 2022)}}}},
            "scenario_defaults": {"population.tfr": {"value": {"step": {2020: 1.0623795959596738,
                                                                        2023: 0.95}}}}}


def test_numbers_are_rounded_to_meaningful_digits():
    assert DIGITS == 6
    assert rounded(1.0623795959596738) == 1.06238
    assert rounded(258499.6794371526) == 258500.0
    assert rounded(2.16e-14) == 2.16e-14          # significant digits, not decimal places
    assert rounded({"a": [0.1 + 0.2, 3, True, "x"]}) == {"a": [0.3, 3, True, "x"]}
    text = fit_text(record(0.9785148395522285))
    assert "0.978515" in text and "0.9785148395522285" not in text
    assert "1.06238" in text and "1.0623795959596738" not in text
    loaded = yaml.safe_load(text)
    assert loaded["scenario_defaults"]["population.tfr"]["value"]["step"] == {2020: 1.06238,
                                                                              2023: 0.95}


def test_an_unchanged_fit_rewrites_the_same_bytes_and_a_changed_one_does_not(tmp_path):
    first = fit_text(record(0.9785148395522285))
    noise = fit_text(record(0.9785148395522291, made="2027-01-05T08:00:00+00:00"), first)
    assert noise == first                                 # same digits: the old time is kept
    changed = fit_text(record(0.9790000000000000, made="2027-01-05T08:00:00+00:00"), first)
    assert changed != first and "2027-01-05T08:00:00" in changed and "0.979" in changed
    assert "2027-01-05" in fit_text(record(0.9785148395522291, made="2027-01-05T08:00:00+00:00"))


def test_staged_fit_keeps_an_unchanged_file_as_it_was(tmp_path):
    with staged_fit(tmp_path, record(0.9785148395522285)):
        pass
    before = (tmp_path / "fit.yaml").read_bytes()
    with staged_fit(tmp_path, record(0.97851483955223, made="2030-01-01T00:00:00+00:00")):
        pass
    assert (tmp_path / "fit.yaml").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))
