"""`python -m sim region init | check | build` (sim.inputs.region_kit and
sim.reports.region_kit_report): a new region made from fill-in tables alone, built and run;
every bad table gives one line (exit status 2) and writes nothing.

The figures filled in here are TEST FIGURES, not data of any place.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from sim.analysis.targets import load_catalog
from sim.core.paths import CALIBRATION_DIR
from sim.inputs.region import load_region
from sim.inputs.scenario import load_scenario
from sim.interfaces import cli
from sim.runs.simulate import simulate

NAME = "testqu"
#: Test figures (not data of any place) and the 2020 figures the baseline must start from.
FIGURES = {"residents": "1,100,000", "share_0_14": "0.12", "share_15_59": "0.66",
           "share_60_plus": "0.22", "share_65_plus": "0.15", "beds_total": "9000",
           "doctors": "5000", "cbr": "7.5", "hypertension_aware_share": "0.6"}


def table_path(root: Path, file: str) -> Path:
    return root / NAME / "tables" / file


def edit(root: Path, file: str, key: str, **cells: str) -> None:
    """Set cells (by English column id) of the row whose first cell is `key`."""
    path = table_path(root, file)
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    ids = [c.split()[-1] for c in rows[0]]
    hit = [r for r in rows[1:] if r and r[0] == key]
    assert hit, key
    for column, value in cells.items():
        hit[0][ids.index(column)] = value
    write_rows(path, rows)


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)


def append(root: Path, file: str, *rows: list[str]) -> None:
    path = table_path(root, file)
    write_rows(path, list(csv.reader(path.open(encoding="utf-8-sig"))) + [list(r) for r in rows])


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file under the folders with the hash of its bytes."""
    out = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def initialised(tmp_path_factory) -> Path:
    """A calibration folder with the nation and Zhejiang (the parent's profile) and a new
    region's tables as `region init` writes them, filled with the test figures."""
    root = tmp_path_factory.mktemp("kit") / "calibration"
    root.mkdir()
    for region in ("common", "china", "zhejiang"):
        (root / region).symlink_to(CALIBRATION_DIR / region)
    assert cli.main(["region", "init", NAME, "--level", "district", "--parent", "浙江省",
                     "--calibration-dir", str(root)]) == 0
    edit(root, "region.csv", "name_zh", value="测试区")
    edit(root, "region.csv", "name_en", value="Testqu")
    for key, value in FIGURES.items():
        edit(root, "figures_2020.csv", key, value=value, source="test figure")
    append(root, "targets.csv",
           ["beds_per_1000", "beds_per_1000_residents", "", ">=", "8.5", "2025", "test plan:1"],
           ["gp_density", "gps_per_10000_hukou", "", ">=", "5", "2025", "test plan:2"])
    return root


@pytest.fixture
def kit(initialised, tmp_path) -> Path:
    """A fresh copy of the filled-in calibration folder."""
    root = tmp_path / "calibration"
    root.mkdir()
    for entry in initialised.iterdir():
        if entry.is_symlink():
            (root / entry.name).symlink_to(entry.resolve())
        else:
            shutil.copytree(entry, root / entry.name)
    return root


def test_init_writes_bilingual_tables_with_fallbacks(initialised):
    path = table_path(initialised, "figures_2020.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")            # UTF-8 byte-order mark, for Excel
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0][:5] == ["键 key", "项目 item", "单位 unit", "数值 value", "来源 source"]
    by_key = {r[0]: r for r in rows[1:]}
    assert by_key["residents"][6] == "必填"
    # the fallback of a count is the parent's ratio per 1,000 residents: Zhejiang's doctors
    zj = yaml.safe_load((CALIBRATION_DIR / "zhejiang" / "profile.yaml").read_text("utf-8"))
    per_1000 = zj["health_2020"]["doctors"]["value"] / zj["census_2020"]["total"]["value"] * 1e3
    assert by_key["doctors"][7] == f"{per_1000:.4g} /千常住人口"
    assert "浙江省每千人" in by_key["doctors"][6]


def test_region_is_built_from_tables_alone_and_runs(kit, tmp_path, capsys):
    scenarios = tmp_path / "scenarios"
    assert cli.main(["region", "build", NAME, "--calibration-dir", str(kit), "--scenarios-dir",
                     str(scenarios), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "无历史观测行" in out
    rows = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    # coverage: GPs are derived from the given doctors and move the GP-density target; the
    # supplied beds total moves none; hukou (assumed) moves the GP target too, per hukou
    assert "推算" in rows["全科医生"] and "医师数×浙江省全科医生/医师之比" in rows["全科医生"]
    assert rows["全科医生"].rstrip().endswith("gp_density")
    assert "已填" in rows["医疗卫生机构床位总数"]
    assert rows["医疗卫生机构床位总数"].rstrip().endswith("9,000")
    assert "假设" in rows["2020年末户籍人口"] and rows["2020年末户籍人口"].rstrip().endswith(
        "gp_density")
    assert "beds_per_1000" in rows["医院床位：中医类"]
    region = load_region(NAME, kit)
    assert region.census["total"] == 1_100_000
    # raked to the tables' broad shares
    pop = region.population_2020.sum("sex")
    assert float(pop.sel(age=slice(0, 14)).sum() / pop.sum()) == pytest.approx(0.12, abs=1e-6)
    assert float(pop.sel(age=slice(65, 100)).sum() / pop.sum()) == pytest.approx(0.15, abs=1e-6)
    beds = sum(v for k, v in region.health_2020.items() if k.startswith("beds_"))
    assert beds == pytest.approx(9000, abs=4)          # types split from the given total
    assert region.health_2020["doctors"] == 5000
    assert region.health_2020["hypertension_aware_share"] == 0.6
    assert not (kit / NAME / "fit.yaml").exists()       # no history rows: no fit
    assert yaml.safe_load((kit / NAME / "targets.yaml").read_text("utf-8"))["targets"][0] == {
        "id": "beds_per_1000", "indicator": "beds_per_1000_residents", "comparison": ">=",
        "level": 8.5, "deadline": 2025, "source": "test plan:1"}
    scenario = load_scenario(scenarios / NAME / "baseline.yaml", calibration_dir=kit)
    _, ds, _ = simulate(scenario, calibration_dir=kit)
    assert float(ds["total_population"].isel(time=0)) == pytest.approx(1_100_000)
    assert float(ds["beds_per_1000_residents"].isel(time=0)) == pytest.approx(9000 / 1100, rel=1e-3)
    assert np.isfinite(ds["gps_per_10000_hukou"].values).all()
    # levers follow the region's own 2020 stocks, as the profile build's do: the admission scale
    # makes the 2020 occupancy the profile's, the doctors' standard starts at its own level
    assert float(ds["hospital_occupancy"].isel(time=0)) == pytest.approx(
        region.health_2020["occupancy_hospital"], rel=1e-3)
    target = region.defaults["workforce.doctors_per_1000_target"].values(np.array([2020]))[0]
    assert target == pytest.approx(5000 / 1100, abs=1e-4)


def test_history_rows_are_fitted_and_an_edit_never_leaves_a_stale_fit(kit, tmp_path):
    row = ["person", "resident", "test", "medium", ""]
    append(kit, "history.csv",
           ["resident_population", "2021-12-31", "1115000", *row],
           ["resident_population", "2022-12-31", "1125000", *row],
           ["crude_birth_rate", "2021-07-01", "7.0", "per_mille", "resident", "test", "medium", ""],
           ["crude_birth_rate", "2022-07-01", "6.3", "per_mille", "resident", "test", "medium", ""])
    args = ["region", "build", NAME, "--calibration-dir", str(kit), "--scenarios-dir",
            str(tmp_path / "scenarios"), "--quiet", "--starts", "1", "--no-posterior",
            "--no-charts"]
    assert cli.main(args) == 0
    fit = yaml.safe_load((kit / NAME / "fit.yaml").read_text("utf-8"))
    assert fit["windows"]["forward"]["accepted"] is True
    assert "backcast" in fit["windows_not_fitted"]
    fitted = load_region(NAME, kit)                      # the fit matches the profile
    assert fitted.provenance["population.tfr"].source.startswith("fitted to history")
    # the planner changes a figure and rebuilds: a new profile, fitted again, never stale
    edit(kit, "figures_2020.csv", "cbr", value="9.0")
    assert cli.main(args) == 0
    fit2 = yaml.safe_load((kit / NAME / "fit.yaml").read_text("utf-8"))
    assert fit2["data_sha256"]["profile.yaml"] != fit["data_sha256"]["profile.yaml"]
    load_region(NAME, kit)                               # loads: the fit is not stale
    # without history rows the old fit goes with them
    path = table_path(kit, "history.csv")
    write_rows(path, list(csv.reader(path.open(encoding="utf-8-sig")))[:1])
    assert cli.main(args) == 0
    assert not (kit / NAME / "fit.yaml").exists()
    load_region(NAME, kit)


def _drop_column(root: Path, file: str, column: str) -> None:
    path = table_path(root, file)
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    j = [c.split()[-1] for c in rows[0]].index(column)
    write_rows(path, [r[:j] + r[j + 1:] for r in rows])


BAD_TABLES = {
    "missing required column": (
        lambda root: _drop_column(root, "figures_2020.csv", "source"),
        "figures_2020.csv: row 1 (header): missing required column 'source'"),
    "text in a number": (
        lambda root: edit(root, "figures_2020.csv", "doctors", value="约五千"),
        "figures_2020.csv: row 26, column 数值 value: not a number"),
    "a share of 65": (
        lambda root: edit(root, "figures_2020.csv", "hypertension_aware_share", value="65"),
        "figures_2020.csv: row 29, column 数值 value: a share given in percent"),
    "a year outside the horizon": (
        lambda root: append(root, "targets.csv", ["late", "beds_per_1000_residents", "", ">=",
                                                  "9", "2060", "test plan:3"]),
        "targets.csv: row 4, column 年份 deadline: year outside the horizon"),
    "a history date outside the horizon": (
        lambda root: append(root, "history.csv", ["resident_population", "1990-12-31", "1",
                                                  "person", "resident", "t", "low", ""]),
        "history.csv: row 2, column 日期 date: year outside the horizon"),
    "duplicate rows": (
        lambda root: append(root, "figures_2020.csv", ["doctors", "", "", "4000", "test"]),
        "figures_2020.csv: row 41, column 键 key: duplicate row (first on row 26)"),
    "an unknown figure": (
        lambda root: append(root, "figures_2020.csv", ["doctor", "", "", "4000", "test"]),
        "figures_2020.csv: row 41, column 键 key: unknown figure (did you mean 'doctors'?)"),
    "an unknown region key": (
        lambda root: append(root, "region.csv", ["name_fr", "Gongchou", ""]),
        "region.csv: row 7, column 键 key: unknown key (did you mean 'name_zh'?)"),
    "an input given twice": (
        lambda root: append(root, "inputs.csv",
                            ["health_2020.doctors", "4000", "person", "", "", "", "", "t", "", ""],
                            ["health_2020.doctors", "4100", "person", "", "", "", "", "t", "", ""]),
        "inputs.csv: row 3, column 键 key: duplicate row (first on row 2)"),
    "age counts that do not add up": (
        lambda root: [edit(root, "figures_2020.csv", k, value=v, source="test bulletin")
                      for k, v in (("count_0_14", "100000"), ("count_15_59", "600000"),
                                   ("count_60_plus", "100000"), ("count_65_plus", "70000"))],
        "figures_2020.csv: row 8, column value: age counts do not add up"),
    "residents in 万": (
        lambda root: edit(root, "figures_2020.csv", "residents", value="110"),
        "figures_2020.csv: row 2, column 数值 value: value out of range (persons, not 万人"),
    "a not-modelled target without its reason": (
        lambda root: append(root, "not_modelled.csv", ["tcm_halls", "建成5家旗舰中医馆", "5",
                                                       "halls", "2025", "test plan:4", ""]),
        "not_modelled.csv: row 2, column 模型不能评判的原因 reason: reason is required"),
    "a not-modelled id already in targets.csv": (
        lambda root: append(root, "not_modelled.csv", ["gp_density", "x 5", "5", "halls",
                                                       "2025", "test plan:4", "no halls"]),
        "not_modelled.csv: row 2, column 编号 id: duplicate id (first in targets.csv)"),
    "an unknown parent": (
        lambda root: edit(root, "region.csv", "parent", value="浙东省"),
        "region.csv: row 5, column 值 value: unknown parent province"),
    "backcast inputs without the 2010 figures": (
        lambda root: append(root, "backcast.csv", _BACKCAST_ROWS[3]),
        "figures_2010.csv: (rows): no 2010 figures"),
    "a 2010 share of 12": (
        lambda root: _backcast(root, share_0_14="12"),
        "figures_2010.csv: row 3, column 数值 value: a share given in percent"),
    "text in a backcast value": (
        lambda root: _backcast(root, tfr_value="约1.1"),
        "backcast.csv: row 2, column 数值 value: not a number or yearly table"),
    "a backcast path without every year": (
        lambda root: _backcast(root, tfr_value="{table: {2010: 1.1, 2020: 1.0}}"),
        "backcast.csv: row 2, column 数值 value: not a number or yearly table"),
    "a backcast value outside its range": (
        lambda root: _backcast(root, tfr_value="2.5"),
        "backcast.csv: row 2, column 数值 value: value outside the range"),
    "a backcast input without its source": (
        lambda root: _backcast(root, tfr_source=""),
        "backcast.csv: row 2, column 来源 source: source is required"),
    "a duplicate backcast row": (
        lambda root: _backcast(root, extra=[_BACKCAST_ROWS[3]]),
        "backcast.csv: row 8, column 键 key: duplicate row (first on row 5)"),
    "a backcast row missing": (
        lambda root: _backcast(root, drop="natural_increase_2010_2020"),
        "backcast.csv: (rows): natural_increase_2010_2020 is required"),
}

#: TEST backcast rows (not data of any place): key, value, unit, low, high, low_path, high_path,
#: source, method, note. The TFR row's value is set by `_backcast` (the good case: the TFR and e0
#: rows are set to the profile's 2020 values).
_BACKCAST_ROWS = [
    ["population.tfr", "", "children per woman", "0.5", "2.0", "", "", "test", "test method",
     "test note"],
    ["population.life_expectancy", "80", "year", "70", "90", "", "", "test", "test method",
     "test note"],
    ["population.sex_ratio_at_birth", "{table: {" + ", ".join(
        f"{y}: {112 - 0.5 * (y - 2010)}" for y in range(2010, 2021)) + "}}",
     "boys per 100 girls", "104.0", "120.0", "", "", "test", "test method", "test note"],
    ["population.net_migration", "5000", "person/year", "-5000", "15000", "", "", "test",
     "test method", "test note"],
    ["natural_increase_2010_2020", "20000", "person", "0", "40000", "", "", "test",
     "test method", "test note"],
    ["note_timing", "", "", "", "", "", "", "", "", "test: nothing known"],
]


def _backcast(root: Path, tfr_value: str = "1.0", share_0_14: str = "0.14",
              tfr_source: str = "test", extra=(), drop: str = "") -> None:
    """Fill figures_2010.csv (test figures) and backcast.csv (TEST rows)."""
    for key, value in (("residents", "1,000,000"), ("share_0_14", share_0_14),
                       ("share_15_59", "0.72"), ("share_60_plus", "0.14"),
                       ("share_65_plus", "0.09"), ("sex_ratio", "103")):
        edit(root, "figures_2010.csv", key, value=value, source="test figure")
    rows = [list(r) for r in _BACKCAST_ROWS if r[0] != drop]
    rows[0][1], rows[0][7] = tfr_value, tfr_source
    append(root, "backcast.csv", *rows, *extra)


@pytest.mark.parametrize("case", list(BAD_TABLES))
def test_a_bad_table_gives_one_line_and_writes_nothing(case, kit, tmp_path, capsys):
    spoil, expected = BAD_TABLES[case]
    spoil(kit)
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    before = snapshot(kit / NAME, scenarios)
    for action in ("check", "build"):
        args = ["region", action, NAME, "--calibration-dir", str(kit)]
        if action == "build":
            args += ["--scenarios-dir", str(scenarios)]
        assert cli.main(args) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: "), err
        assert expected in err, err
    assert snapshot(kit / NAME, scenarios) == before
    assert sorted(p.name for p in kit.iterdir()) == ["china", "common", NAME, "zhejiang"]


def test_2010_tables_give_the_backcast_start(kit, tmp_path, capsys):
    """figures_2010.csv and backcast.csv give population_2010.csv (the parent's 2010 shape
    raked to the 2010 shares and sex ratio) and backcast_2010.yaml, which load; a path that does
    not end at the profile's 2020 value is refused."""
    from sim.inputs.backcast import load_backcast
    from sim.inputs.history import load_population_2010

    args = ["region", "build", NAME, "--calibration-dir", str(kit), "--scenarios-dir",
            str(tmp_path / "scenarios"), "--quiet"]
    assert cli.main(args) == 0
    assert not (kit / NAME / "backcast_2010.yaml").exists()    # no 2010 tables: no backcast
    profile = load_region(NAME, kit, use_fit=False)
    tfr, e0 = (profile.defaults[k].values([2020])[0]
               for k in ("population.tfr", "population.life_expectancy"))
    _backcast(kit, tfr_value=f"{tfr:.4f}")
    edit(kit, "backcast.csv", "population.life_expectancy", value=f"{e0:.2f}")
    assert cli.main(args) == 0
    capsys.readouterr()
    pop = load_population_2010(NAME, kit)
    both = pop.sum("sex")
    assert float(both.sum()) == pytest.approx(1e6, abs=1e-6)
    assert float(both.sel(age=slice(0, 14)).sum()) == pytest.approx(140_000, abs=1e-3)
    assert float(both.sel(age=slice(65, 100)).sum()) == pytest.approx(90_000, abs=1e-3)
    ratio = float(pop.sel(sex="male").sum()) / float(pop.sel(sex="female").sum())
    assert 100 * ratio == pytest.approx(103, abs=1e-6)
    b = load_backcast(NAME, kit)
    assert b.inputs["population.net_migration"].series.values([2015])[0] == 5000
    assert b.note_timing == "test: nothing known"
    head = (kit / NAME / "backcast_2010.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert f"GENERATED by `python -m sim region build {NAME}`" in head
    edit(kit, "backcast.csv", "population.tfr", value=f"{tfr + 0.1:.4f}")
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "backcast.csv: row 2, column 数值 value" in err and "does not end where" in err, err


def test_not_modelled_rows_reach_the_targets_file(kit, tmp_path):
    append(kit, "not_modelled.csv", ["tcm_halls", "建成5家旗舰中医馆", "5", "halls", "2025",
                                     "test plan:4", "the model has no TCM halls"],
           ["pay_system", "所有基层机构运行新绩效机制", "所有", "share of institutions", "2025",
            "test plan:5", "the model has no pay systems"])
    assert cli.main(["region", "build", NAME, "--calibration-dir", str(kit), "--scenarios-dir",
                     str(tmp_path / "scenarios"), "--quiet"]) == 0
    catalog = yaml.safe_load((kit / NAME / "targets.yaml").read_text("utf-8"))
    assert len(catalog["targets"]) == 2
    assert catalog["not_modelled"] == [
        {"id": "tcm_halls", "text": "建成5家旗舰中医馆", "level": 5.0, "unit": "halls",
         "deadline": 2025, "source": "test plan:4", "reason": "the model has no TCM halls"},
        {"id": "pay_system", "text": "所有基层机构运行新绩效机制", "level": "所有",
         "unit": "share of institutions", "deadline": 2025, "source": "test plan:5",
         "reason": "the model has no pay systems"}]
    assert [n.id for n in load_catalog(NAME, kit).not_modelled] == ["tcm_halls", "pay_system"]


def test_a_table_excel_saved_in_gbk_is_read(kit, capsys):
    """Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK, not UTF-8."""
    path = table_path(kit, "region.csv")
    path.write_bytes(path.read_text(encoding="utf-8-sig").encode("gbk"))
    assert cli.main(["region", "check", NAME, "--calibration-dir", str(kit), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("Testqu (testqu): empty figures from Zhejiang")


def test_a_build_that_fails_midway_leaves_the_previous_build(kit, tmp_path, monkeypatch):
    """The fit fails after every file was derived: the region's folder, its fit and its
    baseline stay as the previous build left them, and no hidden folder is left behind."""
    from sim.reports import region_kit_report

    scenarios = tmp_path / "scenarios"
    args = ["region", "build", NAME, "--calibration-dir", str(kit), "--scenarios-dir",
            str(scenarios), "--quiet"]
    assert cli.main(args) == 0
    before = snapshot(kit / NAME, scenarios)
    append(kit, "history.csv", ["resident_population", "2021-12-31", "1115000", "person",
                                "resident", "test", "medium", ""])
    edit(kit, "figures_2020.csv", "cbr", value="9.0")

    def broken(*args, **kwargs):
        raise RuntimeError("fit failed")

    monkeypatch.setattr(region_kit_report, "calibrate", broken)
    with pytest.raises(RuntimeError, match="fit failed"):
        cli.main(args)
    after = snapshot(kit / NAME, scenarios)
    changed = {p for p in after if after[p] != before.get(p)} | (before.keys() - after.keys())
    assert {Path(p).name for p in changed} == {"history.csv", "figures_2020.csv"}  # the tables
    assert all("/tables/" in p for p in changed)
    assert sorted(p.name for p in kit.iterdir()) == ["china", "common", NAME, "zhejiang"]
    assert not [p for p in scenarios.rglob("*") if p.name.startswith(".")]
