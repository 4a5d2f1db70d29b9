"""Region profiles: a valid fake profile loads into arrays and series; each broken profile or CSV
gives ONE line naming the file, the key, the value given and what is allowed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from sim.core.errors import InputError
from sim.inputs import keys
from sim.inputs.national import (
    admission_rate,
    chronic_prevalence,
    fertility_pattern,
    mortality_standard,
)
from sim.inputs.profile_schema import HEALTH_2020_UNITS
from sim.inputs.region import list_regions, load_region
from sim.inputs.timeseries import Constant, Ramp
from tests.helpers import edit_at
from tests.scenario_fixtures import (
    ADMISSIONS_PER_PERSON_YEAR,
    PREVALENCE,
    REGION,
    TOTAL,
    base_profile,
    make_calibration,
    write_profile,
)


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


def test_health_2020_loads_with_provenance(tmp_path):
    make_calibration(tmp_path)
    r = load_region(REGION, calibration_dir=tmp_path)
    assert list(r.health_2020) == list(HEALTH_2020_UNITS) == list(r.health_provenance)
    assert all(isinstance(v, float) for v in r.health_2020.values())
    assert r.health_2020["gps"] == 60.0 and r.health_2020["occupancy_hospital"] == 0.75
    aware = r.health_provenance["hypertension_aware_share"]
    assert aware.assumption and (aware.low, aware.high) == (0.3, 0.7) and aware.unit == "1"
    beds = r.health_provenance["beds_hospital_general"]
    assert beds.unit == "bed" and beds.source.startswith("test fixture") and not beds.assumption
    assert r.defaults["beds.nursing_conversion"].value_items()  # health defaults parsed as series


def test_common_tables_load(tmp_path):
    make_calibration(tmp_path)
    m = mortality_standard(tmp_path)
    assert m.dims == ("sex", "age") and m.shape == (2, 101) and float(m.min()) > 0
    f = fertility_pattern(tmp_path)
    assert f.dims == ("age",) and float(f.sum()) == pytest.approx(1.0)
    assert float(f.sel(age=14)) == 0.0 and float(f.sel(age=15)) > 0
    p = chronic_prevalence(tmp_path)
    assert p.dims == ("condition", "sex", "age") and p.shape == (2, 2, 101)
    assert list(p.condition.values) == ["hypertension", "diabetes"]
    assert list(p.sex.values) == ["female", "male"]
    assert list(p.age.values) == list(range(101)) and p.age.dtype.kind == "i"
    assert float(p.sel(condition="hypertension", sex="male", age=50)) == PREVALENCE["hypertension"]
    assert float(p.sel(age=17).sum()) == 0.0
    a = admission_rate(tmp_path)
    assert a.dims == ("sex", "age") and a.shape == (2, 101) and a.dtype == np.float64
    assert float(a.sel(sex="female", age=0)) == ADMISSIONS_PER_PERSON_YEAR


def test_unknown_region_lists_known_ones(tmp_path):
    make_calibration(tmp_path)
    with pytest.raises(InputError, match=r"unknown region \(did you mean 'testville'\?\); "
                                         r'given "testvile"; allowed: one of testville'):
        load_region("testvile", calibration_dir=tmp_path)


# -------------------------------------------------------------------------------------------
# Broken profiles: each case edits the valid profile dict.

TFR = "defaults.population.tfr"
MIG = "defaults.population.net_migration"
TFR_ = "defaults/population.tfr/"
MIG_ = "defaults/population.net_migration/"

PROFILE_CASES = [
    ("unknown top-level key", edit_at("colour", "red"),
     "colour", "given colour", "one of base_year, census_2020"),
    ("unknown default key", edit_at("defaults/population.fertility", {"value": 1, "unit": "x",
                                                                   "source": "s"}),
     "defaults.population.fertility", "given population.fertility", "population.tfr"),
    ("unknown key inside a quantity", edit_at(f"{MIG_}sources", "x"),
     f"{MIG}.sources", "given sources", "one of assumption, basis, distribution, high, low, method, note, source"),
    ("quantity with neither source nor assumption", edit_at(f"{MIG_}source", None),
     MIG, "given a quantity with only value, unit", 'either source: "<publication'),
    ("assumption without low", edit_at(f"{TFR_}low", None),
     f"{TFR}.low", "given nothing", "assumption: true needs low: and high:"),
    ("assumption without high", edit_at(f"{TFR_}high", None),
     f"{TFR}.high", "given nothing", "assumption: true needs low: and high:"),
    ("assumption without note", edit_at(f"{TFR_}note", None),
     f"{TFR}.note", "given nothing", "note: (why this value)"),
    ("assumption: false", edit_at(f"{MIG_}assumption", False),
     f"{MIG}.assumption", "given false", "true (or leave the key out"),
    ("low above high", edit_at(f"{TFR_}low", 2.0),
     f"{TFR}.high", "given 1.5", "a number at least low (2)"),
    ("low/high without assumption", edit_at(f"{MIG_}low", 0),
     f"{MIG}.low", "given 0", "low: only with assumption: true"),
    ("method without source", edit_at(f"{TFR_}method", "guessed"),
     f"{TFR}.method", 'given "guessed"', "method only together with source"),
    ("default outside the key's range", edit_at(f"{MIG_}value", {"step": {2020: 0, 2030: -6e6}}),
     f"{MIG}.value.step.2030", "given -6000000", "from -5,000,000 to 5,000,000 (person/year)"),
    ("default outside its own plausible range", edit_at(f"{TFR_}value", 1.6),
     f"{TFR}.value", "given 1.6", "plausible range low..high (0.7 to 1.5)"),
    ("default not a series", edit_at(f"{TFR_}value", "low"),
     f"{TFR}.value", 'given "low"', "a number, or one of {step:"),
    ("wrong unit of a default", edit_at(f"{TFR_}unit", "births per woman"),
     f"{TFR}.unit", 'given "births per woman"', "'children per woman'"),
    ("a default key missing", edit_at("defaults/population.sex_ratio_at_birth", None),
     "defaults.population.sex_ratio_at_birth", "given nothing", "unit 'boys per 100 girls'"),
    ("region not the folder name", edit_at("region", "hangzhou"),
     "region", 'given "hangzhou"', "the folder name, testville"),
    ("base year not 2020", edit_at("base_year", 2010),
     "base_year", "given 2010", "2020 (the census year)"),
    ("census total as text", edit_at("census_2020/total/value", "11,936,010"),
     "census_2020.total.value", 'given "11,936,010"', "a number"),
    ("census share above 100", edit_at("census_2020/share_65_plus/value", 135.6),
     "census_2020.share_65_plus.value", "given 135.6", "a percentage from 0 to 100"),
    ("census total without a source", edit_at("census_2020/total/source", None),
     "census_2020.total", "given a quantity with only value, unit", "either source:"),
    ("missing data file", edit_at("files/population", "pop.csv"),
     "files.population", 'given "pop.csv"', "a file in"),
    ("required key missing", edit_at("hukou_population_2020", None),
     "hukou_population_2020", "given nothing", "allowed: "),
    # health_2020 (the health_2020 section of sim/inputs/profile_schema.py)
    ("health_2020 section missing", edit_at("health_2020", None),
     "health_2020", "given nothing", "allowed: "),
    ("health figure missing", edit_at("health_2020/nurses", None),
     "health_2020.nurses", "given nothing", "unit: person"),
    ("unknown health figure", edit_at("health_2020/midwives", {"value": 1, "unit": "person",
                                                           "source": "s"}),
     "health_2020.midwives", "given midwives", "one of beds_hospital_general"),
    ("health figure without provenance", edit_at("health_2020/doctors/source", None),
     "health_2020.doctors", "given a quantity with only value, unit", 'either source: "<publication'),
    ("health assumption without a range", edit_at("health_2020/hypertension_aware_share/high", None),
     "health_2020.hypertension_aware_share.high", "given nothing", "assumption: true needs low:"),
    ("wrong unit of a health figure", edit_at("health_2020/beds_primary_nursing/unit", "beds"),
     "health_2020.beds_primary_nursing.unit", 'given "beds"', "'bed'"),
    ("share given in percent", edit_at("health_2020/contracted_share/value", 40),
     "health_2020.contracted_share.value", "given 40", "a number from 0 to 1"),
    ("occupancy far above 1", edit_at("health_2020/occupancy_hospital/value", 2.0),
     "health_2020.occupancy_hospital.value", "given 2", "a number from 0 to 1.5"),
    ("negative bed count", edit_at("health_2020/beds_hospital_tcm/value", -5),
     "health_2020.beds_hospital_tcm.value", "given -5", "a number of beds, at least 0"),
    ("health value outside its own range", edit_at("health_2020/hypertension_aware_share/value", 0.2),
     "health_2020.hypertension_aware_share.value", "given 0.2", "plausible range low..high (0.3 to 0.7)"),
    ("managed share above aware share", edit_at("health_2020/diabetes_managed_share/value", 0.45),
     "health_2020.diabetes_managed_share.value", "given 0.45", "at most the aware share (0.4)"),
    ("more GPs than doctors", edit_at("health_2020/gps/value", 601),
     "health_2020.gps.value", "given 601", "at most the doctors (600)"),
    ("a health key default missing", edit_at("defaults/beds.admission_rate_scale", None),
     "defaults.beds.admission_rate_scale", "given nothing", "unit '1'"),
    ("health key default with the wrong unit", edit_at("defaults/beds.nursing_conversion/unit", "bed"),
     "defaults.beds.nursing_conversion.unit", 'given "bed"', "'bed/year'"),
    ("health key default outside the key's range",
     edit_at("defaults/primary_care.contracting_target/value", 40),
     "defaults.primary_care.contracting_target.value", "given 40", "from 0 to 1 (1)"),
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


PREVALENCE_FILE = "common/chronic_prevalence.csv"
ADMISSION_FILE = "common/admission_rate.csv"
COMMON_CSV_CASES = [
    ("prevalence above 1", PREVALENCE_FILE, chronic_prevalence,
     _replace_line("40,female,", "40,female,1.2,0.1"),
     "hypertension (female, age 40)", "given 1.2", "a share from 0 to 1"),
    ("prevalence below adult age", PREVALENCE_FILE, chronic_prevalence,
     _replace_line("10,male,", "10,male,0.0,0.05"),
     "diabetes (male, age 10)", "given 0.05", "0 below age 18"),
    ("prevalence row missing", PREVALENCE_FILE, chronic_prevalence,
     lambda ls: [l for l in ls if not l.startswith("100,male,")],
     "rows (male, age 100)", "given nothing", "202 rows, one for each sex"),
    ("prevalence row twice", PREVALENCE_FILE, chronic_prevalence,
     _replace_line("41,female,", "40,female,0.3,0.1"),
     "duplicate row", "given 40", "one row per sex and age (female age 40 is already on line"),
    ("unknown sex", PREVALENCE_FILE, chronic_prevalence,
     _replace_line("5,female,", "5,Female,0.0,0.0"),
     "sex", 'given "Female"', "one of female, male"),
    ("prevalence header", PREVALENCE_FILE, chronic_prevalence,
     _replace_line("age,", "age,sex,htn,dm"),
     "(header)", "given age,sex,htn,dm", "the header age,sex,hypertension,diabetes"),
    ("admissions per 100 by mistake", ADMISSION_FILE, admission_rate,
     _replace_line("60,male,", "60,male,15.0"),
     "admissions_per_person_year (male, age 60)", "given 15", "a number from 0 to 5"),
    ("admission rate not a number", ADMISSION_FILE, admission_rate,
     _replace_line("3,female,", "3,female,n/a"),
     "admissions_per_person_year (female, age 3)", 'given "n/a"', "a number"),
    ("age beyond 100", ADMISSION_FILE, admission_rate,
     _replace_line("100,female,", "101,female,0.1"),
     "age", "given 101", "a whole number from 0 to 100"),
]


@pytest.mark.parametrize("name, loader, change, key, given_text, allowed",
                         [c[1:] for c in COMMON_CSV_CASES], ids=[c[0] for c in COMMON_CSV_CASES])
def test_bad_health_table_gives_one_line(tmp_path, name, loader, change, key, given_text, allowed):
    make_calibration(tmp_path)
    path = _rewrite(name, change)(tmp_path)
    with pytest.raises(InputError) as info:
        loader(tmp_path)
    message = str(info.value)
    assert len(message.splitlines()) == 1, message
    assert message.split(": ")[0].endswith(path.name), message
    assert key in message and f"; {given_text}" in message, message
    assert "; allowed: " in message and allowed in message, message


def test_health_tables_rows_may_come_in_any_order(tmp_path):
    make_calibration(tmp_path)
    path = tmp_path / PREVALENCE_FILE
    lines = path.read_text().splitlines()
    header_at = lines.index("age,sex,hypertension,diabetes")
    rows = lines[header_at + 1:]
    path.write_text("\n".join(lines[:header_at + 1] + rows[::-1]) + "\n")
    p = chronic_prevalence(tmp_path)
    assert float(p.sel(condition="diabetes", sex="female", age=100)) == PREVALENCE["diabetes"]


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
