"""History data and 2010 backcast inputs: the files of every region load, every value has a source,
the 2010 start population matches the census figures it was built from, the files are what
calibration.build.backcast (China) and the region kit (the regions' tables) build, and each broken file gives ONE line naming file, row and column."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from sim.core.errors import InputError
from sim.core.paths import CALIBRATION_DIR
from sim.inputs import keys
from sim.inputs.backcast import BACKCAST_KEYS, load_backcast
from sim.inputs.history import CONFIDENCE, SERIES, load_history, load_population_2010
from sim.inputs.region import load_region
from tests.helpers import edit_at

#: Zhejiang as a region too (its 2010 total is the census's own province rows); China has its own tests.
REGIONS = ["hangzhou", "lishui", "jiamusi", "zhejiang"]
# 6th-census totals as given in the research notes (city_health_resources.md §2a/§3a, external_data_2020.md §1a)
CENSUS_2010 = {"hangzhou": 8_700_373, "lishui": 2_116_957, "jiamusi": 2_552_097, "zhejiang": 54_426_891}
# Hangzhou's published 2010 shares (city_health_resources.md §1a) and sex ratio
HANGZHOU_2010 = {"0_14": (0, 14, 11.39), "15_59": (15, 59, 75.21), "60_plus": (60, 100, 13.40),
                 "65_plus": (65, 100, 9.02)}


@pytest.mark.parametrize("region", REGIONS)
def test_history_loads_and_every_value_has_a_source(region):
    h = load_history(region)
    assert h.observations and h.missing
    for o in h.observations:
        assert o.source.strip() and o.confidence in CONFIDENCE and o.unit == SERIES[o.series].unit
        assert isinstance(o.date, dt.date) and np.isfinite(o.value)
        if o.confidence == "derived":
            assert o.note.strip()
    assert all(m.series in SERIES and m.searched_where for m in h.missing)
    assert set(h.frame().columns) >= {"series", "date", "value", "unit", "basis", "source", "confidence"}


@pytest.mark.parametrize("region", REGIONS)
def test_census_totals_agree_with_notes_and_profile(region):
    h = load_history(region)
    census = {o.date.year: o.value for o in h.select("resident_population", basis="resident")
              if (o.date.month, o.date.day) == (11, 1)}
    assert census[2010] == CENSUS_2010[region]
    assert census[2020] == load_region(region).census["total"]


@pytest.mark.parametrize("region", REGIONS)
def test_population_2010_sums_to_the_census_total(region):
    pop = load_population_2010(region)
    assert pop.dims == ("sex", "age") and list(pop.age.values) == list(range(101))
    assert float(pop.sum()) == pytest.approx(CENSUS_2010[region], abs=1e-6)
    b = load_backcast(region)
    assert b.census_2010["total"] == CENSUS_2010[region]
    assert float(b.population_2010.sum()) == pytest.approx(CENSUS_2010[region], abs=1e-6)


def test_hangzhou_2010_matches_published_shares_and_sex_ratio():
    pop = load_population_2010("hangzhou")
    both = pop.sum("sex")
    total = float(both.sum())
    for lo, hi, share in HANGZHOU_2010.values():
        assert 100 * float(both.sel(age=slice(lo, hi)).sum()) / total == pytest.approx(share, abs=1e-4)
    ratio = 100 * float(pop.sel(sex="male").sum()) / float(pop.sel(sex="female").sum())
    assert ratio == pytest.approx(105.04, abs=1e-4)


@pytest.mark.parametrize("region", REGIONS)
def test_backcast_inputs_are_assumptions_in_range_and_meet_the_2020_baseline(region):
    b = load_backcast(region)
    profile = load_region(region, use_fit=False)   # the profile's own 2020 inputs
    years = np.arange(2010, 2021)
    assert set(b.inputs) == set(BACKCAST_KEYS)
    for key, q in b.inputs.items():
        assert q.unit == keys.KEYS[key].unit and q.source and q.method and q.note
        v = q.series.values(years)
        assert np.all((q.low <= v) & (v <= q.high))
    for key in ("population.tfr", "population.life_expectancy"):  # the backcast ends where the baseline starts
        assert b.inputs[key].series.values([2020])[0] == pytest.approx(
            profile.defaults[key].values([2020])[0], abs=1e-9)
    assert b.hukou_population_2010 is None  # not found: recorded as missing, not invented
    assert b.check_total_2020 == profile.census["total"]


def test_china_files_are_what_the_build_writes():
    """calibration.build.backcast reproduces the nation's committed population_2010.csv and backcast_2010.yaml."""
    from calibration.build import backcast as build
    from calibration.build.writing import plain

    assert list(build.REGIONS) == ["china"]    # the regions' come from their tables
    pop, _ = build.population_2010("china", build.national_single_year(build.PERIOD_2010))
    stored = load_population_2010("china")
    assert np.allclose(stored.sel(sex="female").values, pop["female"].to_numpy(), rtol=0, atol=1e-9)
    assert np.allclose(stored.sel(sex="male").values, pop["male"].to_numpy(), rtol=0, atol=1e-9)
    text = (CALIBRATION_DIR / "china" / "backcast_2010.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == plain(build.backcast("china", pop))


@pytest.mark.parametrize("region", REGIONS)
def test_files_are_what_the_tables_give(region):
    """The region kit derives the committed population_2010.csv and backcast_2010.yaml from
    tables/figures_2010.csv and backcast.csv (in memory; tests/interfaces/test_region_cities.py
    rebuilds the files byte for byte)."""
    from sim.inputs.region_kit import derive_region, read_kit
    from sim.reports.region_kit_report import indicator_units

    derived = derive_region(read_kit(region, CALIBRATION_DIR, indicator_units()), CALIBRATION_DIR)
    assert derived.backcast is not None
    stored = load_population_2010(region)
    pop = derived.backcast.population
    assert np.array_equal(stored.sel(sex="female").values, pop["female"].to_numpy())
    assert np.array_equal(stored.sel(sex="male").values, pop["male"].to_numpy())
    text = (CALIBRATION_DIR / region / "backcast_2010.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == derived.backcast.data


# ---------------------------------------------------------------------------------------------
# Broken files

HEADER = "series,date,value,unit,basis,source,confidence,note"
GOOD = "resident_population,2010-11-01,100,person,resident,a bulletin,high,"


def _region(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    folder = tmp_path / "testville"
    folder.mkdir()
    (folder / "history.csv").write_text("# comment\n" + "\n".join([header, *rows]) + "\n", encoding="utf-8")
    (folder / "history_missing.csv").write_text("series,years,basis,searched_where\nbeds_total,2010-2020,city,notes\n",
                                                encoding="utf-8")
    return folder


BAD_HISTORY = [
    ([GOOD.replace("resident_population", "resident_pop")], "line 3, series: unknown series (did you mean"),
    ([GOOD.replace("2010-11-01", "2010-13-01")], "line 3, date: not a date"),
    ([GOOD.replace("2010-11-01", "1990-11-01")], "line 3, date: date out of range"),
    ([GOOD.replace(",100,", ",,")], "line 3, value: empty value"),
    ([GOOD.replace(",100,", ",many,")], "line 3, value: not a number"),
    ([GOOD.replace(",100,", ",-5,")], "line 3, value: value out of range"),
    ([GOOD.replace(",person,", ",万人,")], "line 3, unit: wrong unit"),
    ([GOOD.replace(",resident,", ",residents,")], "line 3, basis: unknown basis"),
    ([GOOD.replace(",resident,", ",district:,")], "line 3, basis: unknown basis"),
    ([GOOD.replace("a bulletin", "")], "line 3, source: no source"),
    ([GOOD.replace(",high,", ",certain,")], "line 3, confidence: unknown confidence"),
    ([GOOD.replace(",high,", ",derived,")], "line 3, note: derived without formula"),
    ([GOOD, GOOD], "line 4: duplicate row"),
    ([GOOD + ",extra"], "line 3: wrong number of values"),
]


@pytest.mark.parametrize("rows, expected", BAD_HISTORY)
def test_bad_history_gives_one_line(tmp_path, rows, expected):
    _region(tmp_path, rows)
    with pytest.raises(InputError) as info:
        load_history("testville", calibration_dir=tmp_path)
    message = str(info.value)
    assert "\n" not in message
    assert "history.csv" in message and expected in message


def test_bad_header_and_unknown_region(tmp_path):
    _region(tmp_path, [GOOD], header=HEADER.replace("basis", "base"))
    with pytest.raises(InputError, match=r"history.csv: line 2 \(header\): wrong column header"):
        load_history("testville", calibration_dir=tmp_path)
    with pytest.raises(InputError, match="unknown region"):
        load_history("nowhere", calibration_dir=tmp_path)


def test_bad_missing_file(tmp_path):
    folder = _region(tmp_path, [GOOD])
    (folder / "history_missing.csv").write_text("series,years,basis,searched_where\nbeds,2010,city,notes\n",
                                                encoding="utf-8")
    with pytest.raises(InputError, match=r"history_missing.csv: line 2, series: unknown series"):
        load_history("testville", calibration_dir=tmp_path)


def _backcast_copy(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "hangzhou"
    folder.mkdir()
    for name in ("backcast_2010.yaml", "population_2010.csv"):
        shutil.copy(CALIBRATION_DIR / "hangzhou" / name, folder / name)
    data = yaml.safe_load((folder / "backcast_2010.yaml").read_text(encoding="utf-8"))
    edit(data)
    (folder / "backcast_2010.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")
    return folder




BAD_BACKCAST = [
    (edit_at("inputs/population.tfr/unit", "babies"), "inputs.population.tfr.unit: wrong unit"),
    (edit_at("inputs/population.net_migration", None), "inputs.population.net_migration: required key is missing"),
    (edit_at("inputs/population.tfr/value", {"table": {2010: 9.0}}), "inputs.population.tfr.value.table.2010: value out of range"),
    (edit_at("inputs/population.tfr/high", 1.2), "value outside its stated plausible range"),
    (edit_at("inputs/population.tfr/high", 1.0), "inputs.population.tfr.high: high below low"),
    (edit_at("inputs/population.tfr/assumption", False), "inputs.population.tfr.assumption: not marked as an assumption"),
    (edit_at("inputs/population.tfr/colour", "red"), "inputs.population.tfr.colour"),
    (edit_at("census_2010/total/value", 8_700_000), "population_2010.csv: female+male (all ages): population does not sum"),
    (edit_at("start/date", "2010-01-01"), "start.date: wrong start date"),
    (edit_at("region", "lishui"), "region: region does not match its folder"),
]


@pytest.mark.parametrize("edit, expected", BAD_BACKCAST)
def test_bad_backcast_gives_one_line(tmp_path, edit, expected):
    _backcast_copy(tmp_path, edit)
    with pytest.raises(InputError) as info:
        load_backcast("hangzhou", calibration_dir=tmp_path)
    message = str(info.value)
    assert "\n" not in message and expected in message
