"""Scenario files: every mistake an analyst can make gives ONE line naming the file, the dotted key,
the value given and what is allowed; valid files load, inherit and evaluate as documented."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.core.errors import InputError
from sim.inputs import keys
from sim.inputs.region import load_region
from sim.inputs.scenario import effective_series, load_scenario
from sim.inputs.timeseries import Constant, Ramp, Step, Table, parse_series
from tests.scenario_fixtures import REGION, make_calibration

OK = "region: testville\nyears: {start: 2020, end: 2035}\n"


@pytest.fixture
def cal(tmp_path: Path) -> Path:
    return make_calibration(tmp_path / "cal")


def write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


# Each case: id, files to write, file to load, and the fragments the one-line message must hold:
# (file named, dotted key, given value, allowed text). The first file is loaded.
CASES = [
    ("unknown top-level key",
     {"s.yaml": OK + "assumption:\n  population.tfr: 1.0\n"},
     "s.yaml", "assumption", "given assumption", "one of assumptions, description"),
    ("unknown assumption key, with suggestion",
     {"s.yaml": OK + "assumptions:\n  population.tfrr: 1.0\n"},
     "s.yaml", "assumptions.population.tfrr", "given population.tfrr",
     "population.hukou_net_transfers, population.life_expectancy"),
    ("wrong type: text for a number",
     {"s.yaml": OK + "assumptions:\n  population.tfr: high\n"},
     "s.yaml", "assumptions.population.tfr", 'given "high"', "allowed: a number"),
    ("TFR 7 out of range",
     {"s.yaml": OK + "assumptions:\n  population.tfr: 7\n"},
     "s.yaml", "assumptions.population.tfr", "given 7",
     "allowed: a number from 0 to 5 (children per woman)"),
    ("life expectancy 30 out of range",
     {"s.yaml": OK + "assumptions:\n  population.life_expectancy: 30\n"},
     "s.yaml", "assumptions.population.life_expectancy", "given 30",
     "allowed: a number from 40 to 100 (year)"),
    ("negative TFR at the end of a ramp",
     {"s.yaml": OK + "assumptions:\n  population.tfr: {ramp: {from: 1.0, to: -0.5, start: 2020, "
                     "end: 2030}}\n"},
     "s.yaml", "assumptions.population.tfr.ramp.to", "given -0.5", "from 0 to 5"),
    ("net migration beyond 5 million",
     {"s.yaml": OK + "assumptions:\n  population.net_migration: {table: {2020: 0, 2030: 6000000}}\n"},
     "s.yaml", "assumptions.population.net_migration.table.2030", "given 6000000",
     "from -5,000,000 to 5,000,000 (person/year)"),
    ("ramp end before start",
     {"s.yaml": OK + "assumptions:\n  population.tfr: {ramp: {from: 1.0, to: 0.6, start: 2028, "
                     "end: 2025}}\n"},
     "s.yaml", "assumptions.population.tfr.ramp.end", "given 2025", "a year after ramp.start (2028)"),
    ("series year outside the horizon",
     {"s.yaml": OK + "assumptions:\n  population.tfr: {table: {2020: 1.0, 2040: 0.8}}\n"},
     "s.yaml", "assumptions.population.tfr.table.2040", "given 2040",
     "a year within the scenario's years, 2020 to 2035"),
    ("years.end 2060",
     {"s.yaml": "region: testville\nyears: {start: 2020, end: 2060}\n"},
     "s.yaml", "years.end", "given 2060", "a year from 2021 to 2050"),
    ("years.start not the base year",
     {"s.yaml": "region: testville\nyears: {start: 2019, end: 2030}\n"},
     "s.yaml", "years.start", "given 2019", "2020 (the base year"),
    ("unknown region, listing known ones",
     {"s.yaml": "region: atlantis\nyears: {start: 2020, end: 2030}\n"},
     "s.yaml", "region", 'given "atlantis"', "one of testville"),
    ("region missing everywhere",
     {"s.yaml": "years: {start: 2020, end: 2030}\n"},
     "s.yaml", "region", "given nothing", "one of testville (or inherit it through extends)"),
    ("missing extends file",
     {"s.yaml": OK + "extends: nothere.yaml\n"},
     "s.yaml", "extends", 'given "nothere.yaml"', "an existing scenario file"),
    ("cycle of extends a -> b -> a",
     {"a.yaml": OK + "extends: b.yaml\n", "b.yaml": OK + "extends: a.yaml\n"},
     "b.yaml", "extends", 'given "a.yaml"', "does not extend this one"),
    ("malformed YAML",
     {"s.yaml": OK + "assumptions:\n  population.tfr: 1.0\n   population.life_expectancy: 80\n"},
     "s.yaml", "line 5, column", 'given "population.life_expectancy: 80"', "well-formed YAML"),
    ("empty file",
     {"s.yaml": "# nothing here yet\n"},
     "s.yaml", "(top level)", "given an empty file", "a mapping of 'key: value' lines"),
    ("top level is a list",
     {"s.yaml": "- region: testville\n"},
     "s.yaml", "(top level)", 'given [{"region": "testville"}]', "a mapping of 'key: value' lines"),
    ("duplicate key",
     {"s.yaml": OK + "assumptions:\n  population.tfr: 1.0\n  population.tfr: 1.2\n"},
     "s.yaml", "assumptions.population.tfr: duplicate key (first at line 4, again at line 5)",
     "given population.tfr", "each key once per mapping"),
    ("assumption placed under levers",
     {"s.yaml": OK + "levers:\n  population.tfr: 1.0\n"},
     "s.yaml", "levers.population.tfr", "given population.tfr", "population.tfr under assumptions:"),
    ("keys nested instead of dotted",
     {"s.yaml": OK + "assumptions:\n  population:\n    tfr: 1.0\n"},
     "s.yaml", "assumptions.population", "given population", "full dotted keys such as"),
    ("unknown series form, with suggestion",
     {"s.yaml": OK + "assumptions:\n  population.tfr: {rmap: {from: 1, to: 2, start: 2020, end: 2025}}\n"},
     "s.yaml", "assumptions.population.tfr.rmap", "given rmap", "one of step, ramp, table"),
    ("ramp key misspelt",
     {"s.yaml": OK + "assumptions:\n  population.tfr: {ramp: {from: 1, too: 2, start: 2020, end: 2025}}\n"},
     "s.yaml", "assumptions.population.tfr.ramp.too", "given too", "one of end, from, start, to"),
    ("step year written as text",
     {"s.yaml": OK + "assumptions:\n  population.tfr: {step: {'2025': 1.0}}\n"},
     "s.yaml", "assumptions.population.tfr.step.2025", 'given "2025"', "a whole-number year"),
    ("yes/no read as true/false",
     {"s.yaml": OK + "assumptions:\n  population.sex_ratio_at_birth: yes\n"},
     "s.yaml", "assumptions.population.sex_ratio_at_birth", "given true", "allowed: a number"),
    ("error in the parent is reported in the parent",
     {"child.yaml": "extends: parent.yaml\n",
      "parent.yaml": OK + "assumptions:\n  population.tfr: 9\n"},
     "parent.yaml", "assumptions.population.tfr", "given 9", "from 0 to 5"),
    ("parent's series beyond the child's shorter horizon",
     {"child.yaml": "extends: parent.yaml\nyears: {end: 2030}\n",
      "parent.yaml": OK + "assumptions:\n  population.tfr: {step: {2020: 1.0, 2033: 0.9}}\n"},
     "parent.yaml", "assumptions.population.tfr.step.2033", "given 2033",
     "2020 to 2030 (years.end set in"),
    ("name with a slash",
     {"s.yaml": OK + "name: ../escape\n"},
     "s.yaml", "name", 'given "../escape"', "letters, digits, spaces and _ - . + ( )"),
    ("years given as a number",
     {"s.yaml": "region: testville\nyears: 2035\n"},
     "s.yaml", "years", "given 2035", "allowed: {start: 2020, end: <2021..2050>}"),
]


@pytest.mark.parametrize("files, bad_file, key, given_text, allowed",
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_scenario_gives_one_line(tmp_path, cal, files, bad_file, key, given_text, allowed):
    folder = tmp_path / "scenarios"
    write(folder, files)
    entry = folder / next(iter(files))
    with pytest.raises(InputError) as info:
        load_scenario(entry, calibration_dir=cal)
    message = str(info.value)
    assert len(message.splitlines()) == 1, message
    assert "Traceback" not in message
    # The file named first is the one in which the offending value was written.
    assert message.split(": ")[0].endswith(bad_file), message
    assert f": {key}" in message, message
    assert f"; {given_text}; " in message, message
    assert "; allowed: " in message and allowed in message, message
    assert info.value.file.name == bad_file


def test_suggestions_name_the_closest_key(tmp_path, cal):
    write(tmp_path, {"s.yaml": OK + "assumptions:\n  population.tfrr: 1.0\n"})
    with pytest.raises(InputError, match=r"did you mean 'population\.tfr'\?"):
        load_scenario(tmp_path / "s.yaml", calibration_dir=cal)
    write(tmp_path, {"t.yaml": OK + "assumption: {}\n"})
    with pytest.raises(InputError, match=r"did you mean 'assumptions'\?"):
        load_scenario(tmp_path / "t.yaml", calibration_dir=cal)


def test_cycle_message_names_the_chain(tmp_path, cal):
    write(tmp_path, {"a.yaml": OK + "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n"})
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "a.yaml", calibration_dir=cal)
    assert re.search(r"extends makes a cycle: \S*a\.yaml → \S*b\.yaml → \S*a\.yaml; ",
                     str(info.value)), str(info.value)


def test_self_extension_is_a_cycle(tmp_path, cal):
    write(tmp_path, {"a.yaml": OK + "extends: a.yaml\n"})
    with pytest.raises(InputError, match="extends makes a cycle"):
        load_scenario(tmp_path / "a.yaml", calibration_dir=cal)


def test_lever_under_assumptions(tmp_path, cal, monkeypatch):
    # No lever keys exist yet; add one for this test only.
    lever = keys.KeySpec("beds.new_public", "lever", "new public beds", "bed/year", 0, 10_000,
                         "New public beds", "新增公立床位", "Beds the plan adds per year.")
    monkeypatch.setitem(keys.KEYS, lever.key, lever)
    write(tmp_path, {"s.yaml": OK + "assumptions:\n  beds.new_public: 500\n"})
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "s.yaml", calibration_dir=cal)
    message = str(info.value)
    assert "assumptions.beds.new_public: beds.new_public is a lever, not an assumption" in message
    assert "allowed: beds.new_public under levers:" in message
    # ... and in its right place it loads.
    write(tmp_path, {"t.yaml": OK + "levers:\n  beds.new_public: 500\n"})
    assert load_scenario(tmp_path / "t.yaml", calibration_dir=cal).values["beds.new_public"] == \
        Constant(value=500)


def test_unknown_lever_key_lists_the_levers(tmp_path, cal):
    write(tmp_path, {"s.yaml": OK + "levers:\n  beds.more: 3\n"})
    with pytest.raises(InputError, match=r"levers.beds.more: unknown key; given beds.more; allowed: "
                                         r"one of beds.acute_norm_growth, beds.approval_occupancy_threshold, "):
        load_scenario(tmp_path / "s.yaml", calibration_dir=cal)


# ------------------------------------------------------------------------------------------
# Valid files

FULL = """\
# Testville, low fertility
name: low_fertility
description: "TFR keeps falling"
region: testville
years: {start: 2020, end: 2035}
assumptions:
  population.tfr: {ramp: {from: 1.0, to: 0.6, start: 2020, end: 2030}}
  population.life_expectancy: {table: {2020: 80, 2035: 83.5}}
  population.net_migration: {step: {2020: 10000, 2025: -2000}}
  population.sex_ratio_at_birth: 107.5
levers: {}
"""


def test_valid_file_loads(tmp_path, cal):
    write(tmp_path, {"low.yaml": FULL})
    s = load_scenario(tmp_path / "low.yaml", calibration_dir=cal)
    assert (s.name, s.description, s.region, s.start, s.end) == \
        ("low_fertility", "TFR keeps falling", REGION, 2020, 2035)
    assert list(s.years) == list(range(2020, 2036))
    assert s.values["population.tfr"] == Ramp.model_validate(
        {"ramp": {"from": 1.0, "to": 0.6, "start": 2020, "end": 2030}})
    assert isinstance(s.values["population.life_expectancy"], Table)
    assert isinstance(s.values["population.net_migration"], Step)
    assert s.values["population.sex_ratio_at_birth"] == Constant(value=107.5)
    assert "population.hukou_net_transfers" not in s.values  # explicit overrides only
    assert s.chain == (tmp_path / "low.yaml",)
    assert s.sha256 == hashlib.sha256((tmp_path / "low.yaml").read_bytes()).hexdigest()


def test_minimal_file_takes_its_name_from_the_file(tmp_path, cal):
    write(tmp_path, {"baseline.yaml": OK})
    s = load_scenario(tmp_path / "baseline.yaml", calibration_dir=cal)
    assert s.name == "baseline" and s.values == {} and s.description == ""


def test_extends_merges_key_by_key(tmp_path, cal):
    # lower.yaml -> deeper/low.yaml -> (deeper/)baseline.yaml: each path relative to its file
    write(tmp_path / "hz" / "deeper", {
        "baseline.yaml": FULL.replace("name: low_fertility\n", "name: base\n")
                             .replace("end: 2035}\n", "end: 2040}\n"),
        "low.yaml": "# child\nextends: baseline.yaml\nyears: {end: 2035}\nassumptions:\n"
                    "  population.tfr: {step: {2020: 1.0, 2025: 0.7}}\n"
                    "  population.hukou_net_transfers: 4000\n",
    })
    write(tmp_path / "hz", {"lower.yaml": "extends: deeper/low.yaml\nname: lowest\n"
                            "assumptions:\n  population.sex_ratio_at_birth: 105\n"})
    s = load_scenario(tmp_path / "hz" / "lower.yaml", calibration_dir=cal)
    assert s.name == "lowest" and s.description == ""          # name/description not inherited
    assert (s.region, s.start, s.end) == (REGION, 2020, 2035)  # end from low.yaml
    # A key's whole series is replaced by the child's (step, not the parent's ramp).
    assert s.values["population.tfr"] == Step(step={2020: 1.0, 2025: 0.7})
    assert s.values["population.hukou_net_transfers"] == Constant(value=4000)
    assert s.values["population.sex_ratio_at_birth"] == Constant(value=105)
    assert s.values["population.life_expectancy"] == Table(table={2020: 80.0, 2035: 83.5})
    assert [p.name for p in s.chain] == ["lower.yaml", "low.yaml", "baseline.yaml"]
    assert s.value_files["population.tfr"].name == "low.yaml"
    assert s.value_files["population.net_migration"].name == "baseline.yaml"


def test_extends_resolves_relative_to_the_file_not_the_cwd(tmp_path, cal, monkeypatch):
    write(tmp_path / "a", {"child.yaml": "extends: b/parent.yaml\n"})
    write(tmp_path / "a" / "b", {"parent.yaml": OK})
    monkeypatch.chdir(tmp_path / "a" / "b")
    s = load_scenario(tmp_path / "a" / "child.yaml", calibration_dir=cal)
    assert s.chain[1] == tmp_path / "a" / "b" / "parent.yaml"


def test_effective_series_overlays_region_defaults(tmp_path, cal):
    write(tmp_path, {"s.yaml": OK + "assumptions:\n  population.tfr: 1.3\n"})
    s = load_scenario(tmp_path / "s.yaml", calibration_dir=cal)
    region = load_region(REGION, calibration_dir=cal)
    eff = effective_series(s, region)
    assert list(eff) == list(keys.KEYS)
    assert eff["population.tfr"] == Constant(value=1.3)
    assert eff["population.net_migration"] == region.defaults["population.net_migration"]


def test_resolved_is_plain_and_reloads_to_the_same_values(tmp_path, cal):
    write(tmp_path, {"baseline.yaml": FULL, "child.yaml": "extends: baseline.yaml\n"
                     "assumptions:\n  population.tfr: 1.2\n"})
    s = load_scenario(tmp_path / "child.yaml", calibration_dir=cal)
    resolved = s.resolved()
    text = yaml.safe_dump(resolved, allow_unicode=True)  # only plain types dump with safe_dump
    write(tmp_path, {"again.yaml": text})
    again = load_scenario(tmp_path / "again.yaml", calibration_dir=cal)
    assert again.values == s.values and (again.start, again.end) == (s.start, s.end)
    assert resolved["years"] == {"start": 2020, "end": 2035} and resolved["region"] == REGION
    full = s.resolved(load_region(REGION, calibration_dir=cal))
    assert set(full["assumptions"]) == set(keys.keys_of_kind("assumption"))
    assert set(full["levers"]) == set(keys.keys_of_kind("lever"))


def test_loading_never_modifies_the_files(tmp_path, cal):
    write(tmp_path, {"baseline.yaml": FULL, "child.yaml": "extends: baseline.yaml\n"})
    paths = [tmp_path / "baseline.yaml", tmp_path / "child.yaml"]
    before = [(hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths]
    load_scenario(paths[1], calibration_dir=cal).resolved()
    after = [(hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths]
    assert before == after


def test_bad_file_is_not_modified_either(tmp_path, cal):
    write(tmp_path, {"s.yaml": OK + "assumptions:\n  population.tfr: 7\n"})
    before = (tmp_path / "s.yaml").read_bytes()
    with pytest.raises(InputError):
        load_scenario(tmp_path / "s.yaml", calibration_dir=cal)
    assert (tmp_path / "s.yaml").read_bytes() == before


def test_error_path_is_relative_to_the_cwd(tmp_path, cal, monkeypatch):
    write(tmp_path / "scenarios" / "testville", {"low.yaml": OK + "assumptions:\n  population.tfr: 7\n"})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "scenarios" / "testville" / "low.yaml", calibration_dir=cal)
    assert str(info.value) == ("scenarios/testville/low.yaml: assumptions.population.tfr: value out "
                               "of range; given 7; allowed: a number from 0 to 5 (children per woman)")


# ------------------------------------------------------------------------------------------
# Series evaluation

YEARS = np.arange(2018, 2034)


def at(series, *years):
    return list(series.values(np.array(years)))


def test_constant():
    s = parse_series(1.5, None, "k")
    assert at(s, 2020, 2050) == [1.5, 1.5]
    assert s.values(YEARS).dtype == np.float64 and s.years_mentioned() == []


def test_step_holds_until_the_next_year_and_first_value_before():
    s = parse_series({"step": {2025: 1.2, 2020: 1.0}}, None, "k")
    assert at(s, 2015, 2020, 2024, 2025, 2040) == [1.0, 1.0, 1.0, 1.2, 1.2]
    assert s.years_mentioned() == [2020, 2025]


def test_ramp_is_linear_and_flat_outside():
    s = parse_series({"ramp": {"from": 1.0, "to": 0.6, "start": 2020, "end": 2030}}, None, "k")
    assert at(s, 2010, 2020, 2025, 2030, 2045) == pytest.approx([1.0, 1.0, 0.8, 0.6, 0.6])
    assert s.years_mentioned() == [2020, 2030]


def test_table_interpolates_and_is_flat_outside():
    s = parse_series({"table": {2020: 1.0, 2021: 0.95, 2023: 0.91}}, None, "k")
    assert at(s, 2019, 2020, 2021, 2022, 2023, 2030) == pytest.approx(
        [1.0, 1.0, 0.95, 0.93, 0.91, 0.91])
    assert s.years_mentioned() == [2020, 2021, 2023]


@pytest.mark.parametrize("raw", [
    2, 1.25, {"step": {2020: 1, 2025: 1.5}}, {"table": {2030: 3, 2020: 1.5}},
    {"ramp": {"from": 100000, "to": -2.5, "start": 2021, "end": 2024}},
])
def test_yaml_form_round_trips(raw):
    s = parse_series(raw, None, "k")
    back = yaml.safe_load(yaml.safe_dump(s.to_yaml_value()))
    assert parse_series(back, None, "k") == s
    assert np.array_equal(parse_series(back, None, "k").values(YEARS), s.values(YEARS))


finite = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(a=finite, b=finite, start=st.integers(1950, 2100), length=st.integers(1, 80),
       years=st.lists(st.integers(1900, 2200), min_size=1, max_size=40))
def test_ramp_stays_between_from_and_to(a, b, start, length, years):
    s = parse_series({"ramp": {"from": a, "to": b, "start": start, "end": start + length}}, None, "k")
    v = s.values(np.array(years))
    assert np.all(v >= min(a, b)) and np.all(v <= max(a, b))
    # Flat outside the ramp: from before start, to after end.
    ys = np.array(years)
    assert np.all(v[ys <= start] == a) and np.all(v[ys >= start + length] == b)
