"""`python -m sim run | validate` end to end: the results folder, its Dataset, atomic
writing, and one-line errors."""

import hashlib

import pytest
import xarray as xr

from sim.core.paths import SCENARIOS_DIR
from sim.interfaces import cli
from sim.reports import run_report as report

pytestmark = pytest.mark.slow  # each test runs the model and draws charts in worker processes

BASELINE = SCENARIOS_DIR / "hangzhou" / "baseline.yaml"
CHARTS = ("population_pyramid", "age_groups", "births_deaths", "chronic_disease", "beds",
          "workforce", "care")


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("results")
    assert cli.main(["run", str(BASELINE), "--out", str(out), "--quiet", "--lang", "en"]) == 0
    folders = list((out / "hangzhou" / "baseline").iterdir())
    assert len(folders) == 1
    return folders[0]


def test_run_folder_holds_dataset_summary_and_charts(run_folder):
    names = {p.name for p in run_folder.iterdir()}
    expected = {"results.nc", "summary.csv", "indicators.csv", "scenario_resolved.yaml",
                "targets.csv", "targets_zh.md", "targets_en.md", "results.xlsx"}
    expected |= {f"{c}.{fmt}" for c in CHARTS for fmt in ("png", "svg")}
    assert expected <= names
    for chart in CHARTS:
        assert (run_folder / f"{chart}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_dataset_describes_itself(run_folder):
    with xr.open_dataset(run_folder / "results.nc") as ds:
        assert list(ds["time"].values) == list(range(2020, 2036))
        assert ds["population"].dims == ("time", "sex", "age")
        assert list(ds["age"].values) == list(range(101))
        for name, variable in ds.data_vars.items():
            assert variable.attrs.get("units"), name
            assert variable.attrs.get("long_name"), name
            assert variable.attrs.get("label_zh"), name
        digest = hashlib.sha256(BASELINE.read_bytes()).hexdigest()
        assert ds.attrs["scenario_sha256"] == digest
        model_file = SCENARIOS_DIR.parent / "sim" / "model" / "health_system.mdl"
        assert ds.attrs["model_sha256"] == hashlib.sha256(model_file.read_bytes()).hexdigest()
        for key in ("scenario_resolved", "package_versions", "git_commit", "created", "engine",
                    "region_data_sha256"):
            assert ds.attrs.get(key), key
        assert "population.tfr" in ds.attrs["scenario_resolved"]


def test_a_second_run_gets_its_own_folder(tmp_path):
    argv = ["run", str(BASELINE), "--out", str(tmp_path), "--quiet"]
    assert cli.main(argv) == 0 and cli.main(argv) == 0
    folders = sorted((tmp_path / "hangzhou" / "baseline").iterdir())
    assert len(folders) == 2 and not any(f.name.startswith(".") for f in folders)


def test_an_interrupted_run_leaves_nothing(tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "start_charts", interrupted)
    assert cli.main(["run", str(BASELINE), "--out", str(tmp_path), "--quiet"]) == 130
    assert list(tmp_path.iterdir()) == []  # not even the empty region/scenario folders
    assert "nothing was written" in capsys.readouterr().err


def test_bad_input_gives_one_line_and_status_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("region: hangzhou\nyears: {start: 2020, end: 2035}\n"
                   "assumptions:\n  population.tfr: 9\n", encoding="utf-8")
    assert cli.main(["run", str(bad), "--out", str(tmp_path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "bad.yaml" in err and "population.tfr" in err and "9" in err
    assert "Traceback" not in err


def test_summary_names_the_census_total(capsys, tmp_path):
    assert cli.main(["run", str(BASELINE), "--out", str(tmp_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "11,936,010" in out and "结果：" in out   # Chinese, the default --lang
    assert "常住人口" in out and "期限前达成的规划目标" in out and "residents" not in out


def test_validate_accepts_every_scenario_in_the_library(capsys):
    files = sorted(str(p) for p in SCENARIOS_DIR.glob("*/*.yaml"))
    assert len(files) >= 6
    assert cli.main(["validate", *files]) == 0
    assert capsys.readouterr().out.count("ok:") == len(files)


@pytest.mark.parametrize("verb", ["run", "validate", "targets", "reach", "compare", "uncertainty",
                                  "sensitivity", "calibrate", "anchors", "serve"])
def test_each_verb_has_help(verb, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([verb, "--help"])
    assert exit_info.value.code == 0
    assert "usage" in capsys.readouterr().out


def test_charts_are_still_drawn_if_the_worker_processes_die(tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from sim.reports.run_report import run_scenario

    class DeadPool:
        def submit(self, *args, **kwargs):
            raise BrokenProcessPool("worker killed")

        def shutdown(self, **kwargs):
            pass

    def dead_workers(self, workers=2):
        self.pool = DeadPool()

    monkeypatch.setattr(report.ChartWorkers, "__init__", dead_workers)
    result = run_scenario(BASELINE, out=tmp_path, lang="en")
    assert (result.folder / "care.png").exists() and (result.folder / "care.svg").exists()


def test_targets_verb_prints_the_verdict_table(tmp_path, capsys):
    assert cli.main(["targets", str(BASELINE), "--out", str(tmp_path), "--quiet",
                     "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "gps_per_10000" in out and "verdict" in out
    assert list(tmp_path.iterdir()) == []  # no earlier run: run without a folder or charts


def test_csv_files_carry_a_byte_order_mark_and_read_back(run_folder):
    import pandas as pd

    for name in ("summary.csv", "indicators.csv", "targets.csv"):
        raw = (run_folder / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name       # UTF-8 BOM: Excel reads it as UTF-8
        table = pd.read_csv(run_folder / name)
        assert not any(c.startswith("\ufeff") for c in table.columns), name
    assert pd.read_csv(run_folder / "summary.csv", index_col="year").index[0] == 2020


def test_the_workbook_has_three_sheets_with_chinese_and_english_headers(run_folder):
    import openpyxl
    import pandas as pd

    book = openpyxl.load_workbook(run_folder / "results.xlsx")
    assert book.sheetnames == ["summary", "indicators", "targets"]
    summary = book["summary"]
    assert [c.value for c in summary[1]][:2] == ["年份", "常住人口"]
    assert [c.value for c in summary[2]][:2] == ["year", "Resident population (person)"]
    csv = pd.read_csv(run_folder / "summary.csv", index_col="year")
    assert summary.cell(row=3, column=1).value == 2020
    assert summary.cell(row=3, column=2).value == pytest.approx(csv["total_population"].iloc[0])
    assert summary.max_row == 2 + len(csv)
    indicators = book["indicators"]
    assert "基层护理床位" in " ".join(str(c.value) for c in indicators[1])
    assert indicators.max_column == 1 + len(pd.read_csv(run_folder / "indicators.csv").columns) - 1
    targets = book["targets"]
    ids = [targets.cell(row=r, column=1).value for r in range(3, targets.max_row + 1)]
    assert ids == list(pd.read_csv(run_folder / "targets.csv")["id"])
    statuses = {targets.cell(row=r, column=10).value for r in range(3, targets.max_row + 1)}
    assert statuses <= {"达成", "未达成", "曾达成后回落", "超出模拟期", "由输入决定，非预测"}
    assert targets.cell(row=3, column=5).number_format == "0.0%"   # a share's level


def test_the_run_folder_holds_the_target_tables(run_folder):
    assert "达成" in (run_folder / "targets_zh.md").read_text(encoding="utf-8")
    assert "reached" in (run_folder / "targets_en.md").read_text(encoding="utf-8")


def test_both_engines_write_the_same_numbers(tmp_path):
    for which in ("batch", "pysd"):
        assert cli.main(["run", str(BASELINE), "--out", str(tmp_path / which), "--quiet",
                         "--engine", which]) == 0
    batch, pysd = (xr.open_dataset(next((tmp_path / w / "hangzhou" / "baseline").iterdir())
                                   / "results.nc") for w in ("batch", "pysd"))
    assert batch.attrs["engine"].startswith("batch engine")
    assert pysd.attrs["engine"].startswith("pysd")
    for name in ("total_population", "standardized_patients", "beds", "registered_nurses"):
        xr.testing.assert_allclose(batch[name], pysd[name], rtol=1e-9)
