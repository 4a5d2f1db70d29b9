"""Region profiles: a valid fake profile loads into arrays and series; each broken profile or CSV
gives ONE line naming the file, the key, the value given and what is allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
import pytest

from sim import keys
from sim.errors import InputError
from sim.region import fertility_pattern, list_regions, load_region, mortality_standard
from sim.timeseries import Constant, Ramp
from tests.scenario_fixtures import REGION, TOTAL, base_profile, make_calibration, write_profile


def test_valid_profile_loads(tmp_path):
    cal = make_calibration(tmp_path)
    (tmp_path / "not_a_region").mkdir()  # folders without profile.yaml are not regions
    assert list_regions(tmp_path) == [REGION]
    r = load_region(REGION, calibration_dir=tmp_path)
    assert (r.name, r.name_en, r.name_zh, r.base_year) == (REGION, "Testville", "测试市", 2020)
    assert r.census == {"total": TOTAL, "male": TOTAL / 2, "share_65_plus": 35.6}
    assert r.hukou_population_2020 == 150000.0
    assert set(r.defaults) == set(keys.KEYS) == set(r.provenance)
    assert r.defaults["population.net_migration"] == Constant(value=20000)
    assert isinstance(r.defaults["population.tfr"], Ramp)
    tfr = r.provenance["population.tfr"]
    assert tfr.assumption and (tfr.low, tfr.high) == (0.7, 1.5) and tfr.unit == "children per woman"
    assert r.provenance["population.net_migration"].source.startswith("test fixture")
    for array in (r.population_2020, r.migration_profile):
        assert array.dims == ("sex", "age")
        assert list(array.sex.values) == ["female", "male"]
        assert list(array.age.values) == list(range(101)) and array.age.dtype.kind == "i"
        assert array.dtype == np.float64
    assert float(r.population_2020.sum()) == TOTAL
    assert float(r.migration_profile.sum()) == pytest.approx(1.0, abs=1e-12)
    assert r.path == cal / REGION and len(r.sha256) == 64


def test_common_tables_load(tmp_path):
    make_calibration(tmp_path)
    m = mortality_standard(tmp_path)
    assert m.dims == ("sex", "age") and m.shape == (2, 101) and float(m.min()) > 0
    f = fertility_pattern(tmp_path)
    assert f.dims == ("age",) and float(f.sum()) == pytest.approx(1.0)
    assert float(f.sel(age=14)) == 0.0 and float(f.sel(age=15)) > 0


def test_unknown_region_lists_known_ones(tmp_path):
    make_calibration(tmp_path)
    with pytest.raises(InputError, match=r"unknown region \(did you mean 'testville'\?\); "
                                         r'given "testvile"; allowed: one of testville'):
        load_region("testvile", calibration_dir=tmp_path)


# -------------------------------------------------------------------------------------------
# Broken profiles: each case edits the valid profile dict.

def _set(path: str, value) -> Callable[[dict], None]:
    """Edit that sets (or with value=None deletes) the entry at `path`, keys separated by "/"
    (profile keys themselves contain dots)."""
    *parents, last = path.split("/")

    def edit(profile: dict) -> None:
        node = profile
        for key in parents:
            node = node[key]
        if value is None:
            del node[last]
        else:
            node[last] = value
    return edit


TFR = "defaults.population.tfr"
MIG = "defaults.population.net_migration"
TFR_ = "defaults/population.tfr/"
MIG_ = "defaults/population.net_migration/"

PROFILE_CASES = [
    ("unknown top-level key", _set("colour", "red"),
     "colour", "given colour", "one of base_year, census_2020"),
    ("unknown default key", _set("defaults/population.fertility", {"value": 1, "unit": "x",
                                                                   "source": "s"}),
     "defaults.population.fertility", "given population.fertility", "one of population."),
    ("unknown key inside a quantity", _set(f"{MIG_}sources", "x"),
     f"{MIG}.sources", "given sources", "one of assumption, high, low, method, note, source"),
    ("quantity with neither source nor assumption", _set(f"{MIG_}source", None),
     MIG, "given a quantity with only value, unit", 'either source: "<publication'),
    ("assumption without low", _set(f"{TFR_}low", None),
     f"{TFR}.low", "given nothing", "assumption: true needs low: and high:"),
    ("assumption without high", _set(f"{TFR_}high", None),
     f"{TFR}.high", "given nothing", "assumption: true needs low: and high:"),
    ("assumption without note", _set(f"{TFR_}note", None),
     f"{TFR}.note", "given nothing", "note: (why this value)"),
    ("assumption: false", _set(f"{MIG_}assumption", False),
     f"{MIG}.assumption", "given false", "true (or leave the key out"),
    ("low above high", _set(f"{TFR_}low", 2.0),
     f"{TFR}.high", "given 1.5", "a number at least low (2)"),
    ("low/high without assumption", _set(f"{MIG_}low", 0),
     f"{MIG}.low", "given 0", "low: only with assumption: true"),
    ("method without source", _set(f"{TFR_}method", "guessed"),
     f"{TFR}.method", 'given "guessed"', "method only together with source"),
    ("default outside the key's range", _set(f"{MIG_}value", {"step": {2020: 0, 2030: -6e6}}),
     f"{MIG}.value.step.2030", "given -6000000", "from -5,000,000 to 5,000,000 (person/year)"),
    ("default outside its own plausible range", _set(f"{TFR_}value", 1.6),
     f"{TFR}.value", "given 1.6", "plausible range low..high (0.7 to 1.5)"),
    ("default not a series", _set(f"{TFR_}value", "low"),
     f"{TFR}.value", 'given "low"', "a number, or one of {step:"),
    ("wrong unit of a default", _set(f"{TFR_}unit", "births per woman"),
     f"{TFR}.unit", 'given "births per woman"', "'children per woman'"),
    ("a default key missing", _set("defaults/population.sex_ratio_at_birth", None),
     "defaults.population.sex_ratio_at_birth", "given nothing", "unit 'boys per 100 girls'"),
    ("region not the folder name", _set("region", "hangzhou"),
     "region", 'given "hangzhou"', "the folder name, testville"),
    ("base year not 2020", _set("base_year", 2010),
     "base_year", "given 2010", "2020 (the census year)"),
    ("census total as text", _set("census_2020/total/value", "11,936,010"),
     "census_2020.total.value", 'given "11,936,010"', "a number"),
    ("census share above 100", _set("census_2020/share_65_plus/value", 135.6),
     "census_2020.share_65_plus.value", "given 135.6", "a percentage from 0 to 100"),
    ("census total without a source", _set("census_2020/total/source", None),
     "census_2020.total", "given a quantity with only value, unit", "either source:"),
    ("missing data file", _set("files/population", "pop.csv"),
     "files.population", 'given "pop.csv"', "a file in"),
    ("required key missing", _set("hukou_population_2020", None),
     "hukou_population_2020", "given nothing", "allowed: "),
]


@pytest.mark.parametrize("edit, key, given_text, allowed", [c[1:] for c in PROFILE_CASES],
                         ids=[c[0] for c in PROFILE_CASES])
def test_bad_profile_gives_one_line(tmp_path, edit, key, given_text, allowed):
    profile = base_profile()
    edit(profile)
    make_calibration(tmp_path, profile=profile)
    with pytest.raises(InputError) as info:
        load_region(REGION, calibration_dir=tmp_path)
    message = str(info.value)
    assert len(message.splitlines()) == 1, message
    assert message.split(": ")[0].endswith("testville/profile.yaml"), message
    assert f": {key}: " in message, message
    assert f"; {given_text}" in message, message
    assert "; allowed: " in message and allowed in message, message


def test_duplicate_key_in_profile(tmp_path):
    make_calibration(tmp_path)
    path = tmp_path / REGION / "profile.yaml"
    write_profile(tmp_path, path.read_text(encoding="utf-8") + "name_en: Again\n")
    with pytest.raises(InputError, match=r"profile.yaml: name_en: duplicate key \(first at line 2"):
        load_region(REGION, calibration_dir=tmp_path)


# -------------------------------------------------------------------------------------------
# Broken CSVs: each case rewrites one data file.

def _rewrite(name: str, change: Callable[[list[str]], list[str]]):
    def apply(root: Path) -> Path:
        path = root / name
        lines = path.read_text().splitlines()
        path.write_text("\n".join(change(lines)) + "\n")
        return path
    return apply


def _scale_data(factor: float):
    def change(lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            if line[:1].isdigit():
                age, *vals = line.split(",")
                line = ",".join([age] + [repr(float(v) * factor) for v in vals])
            out.append(line)
        return out
    return change


def _replace_line(old_start: str, new: str):
    return lambda lines: [new if ln.startswith(old_start) else ln for ln in lines]


CSV_CASES = [
    ("migration profile not summing to 1", f"{REGION}/migration_profile.csv", _scale_data(1.01),
     "female+male (all ages)", "given 1.01", "shares summing to 1"),
    ("population not summing to the census total", f"{REGION}/population_2020.csv",
     _scale_data(0.5), "female+male (all ages)", "given 101000",
     "the census total in profile.yaml"),
    ("negative population", f"{REGION}/population_2020.csv", _replace_line("7,", "7,-1.0,1000.0"),
     "male (age 7)", "given -1", "a finite number >= 0"),
    ("missing age row", f"{REGION}/population_2020.csv", lambda ls: [l for l in ls
                                                                     if not l.startswith("50,")],
     "line 54, age", "given 51", "50 (ages 0 to 100 in order"),
    ("too few rows", f"{REGION}/migration_profile.csv", lambda ls: ls[:-1],
     "rows", "given 100", "101 rows, ages 0 to 100"),
    ("wrong header", f"{REGION}/migration_profile.csv", _replace_line("age,", "age,men,women"),
     "(header)", "given age,men,women", "the header age,female,male"),
    ("value not a number", f"{REGION}/population_2020.csv", _replace_line("3,", "3,abc,1000.0"),
     "female (age 3)", 'given "abc"', "a number"),
]


@pytest.mark.parametrize("name, change, key, given_text, allowed", [c[1:] for c in CSV_CASES],
                         ids=[c[0] for c in CSV_CASES])
def test_bad_csv_gives_one_line(tmp_path, name, change, key, given_text, allowed):
    make_calibration(tmp_path)
    path = _rewrite(name, change)(tmp_path)
    with pytest.raises(InputError) as info:
        load_region(REGION, calibration_dir=tmp_path)
    message = str(info.value)
    assert len(message.splitlines()) == 1, message
    assert message.split(": ")[0].endswith(path.name), message
    assert key in message and f"; {given_text}" in message, message
    assert "; allowed: " in message and allowed in message, message


def test_fertility_pattern_must_sum_to_one(tmp_path):
    make_calibration(tmp_path)
    _rewrite("common/fertility_pattern_2020.csv", _scale_data(0.9))(tmp_path)
    with pytest.raises(InputError, match=r"fertility_pattern_2020.csv: share: shares do not sum "
                                         r"to 1; given 0.9"):
        fertility_pattern(tmp_path)


def test_fertility_pattern_zero_outside_fertile_ages(tmp_path):
    make_calibration(tmp_path)
    path = tmp_path / "common" / "fertility_pattern_2020.csv"
    lines = path.read_text().splitlines()
    # Move a little of age 30's share to age 12: still sums to 1, but at an impossible age.
    lines = [("12," + repr(0.001)) if l.startswith("12,") else
             ("30," + repr(1 / 35 - 0.001)) if l.startswith("30,") else l for l in lines]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=r"share \(age 12\): non-zero share outside the fertile "
                                         r"ages; given 0.001; allowed: 0 outside ages 15 to 49"):
        fertility_pattern(tmp_path)


def test_csv_comment_lines_anywhere_at_the_top_are_skipped(tmp_path):
    make_calibration(tmp_path)
    path = tmp_path / REGION / "population_2020.csv"
    path.write_text("# source: made up\n#\n\n# method: flat\n" + path.read_text())
    assert float(load_region(REGION, calibration_dir=tmp_path).population_2020.sum()) == TOTAL
