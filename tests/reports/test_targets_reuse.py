"""`sim targets` reads the latest run folder of an unchanged scenario and otherwise runs without
writing a folder or drawing charts (sim.reports.run_report.judge_scenario)."""

import shutil

import pytest
import xarray as xr

from sim.core.paths import SCENARIOS_DIR
from sim.interfaces import cli
from sim.reports import run_report
from sim.reports.run_report import judge_scenario, run_scenario
from sim.runs.results import write_netcdf

pytestmark = pytest.mark.slow  # one model run (batch engine, a few seconds)

BASELINE = SCENARIOS_DIR / "hangzhou" / "baseline.yaml"


@pytest.fixture(scope="module")
def baseline():
    return run_scenario(BASELINE, write=False)


def stored(out, result, run_id="20260101T000000Z-00000000", **attrs):
    """A run folder under `out` holding the run's Dataset (with `attrs` changed)."""
    folder = out / "hangzhou" / "baseline" / run_id
    folder.mkdir(parents=True)
    ds = result.dataset.copy()
    ds.attrs.update(attrs)
    write_netcdf(ds, folder / "results.nc")
    return folder


def no_model_runs(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the model was run")
    monkeypatch.setattr(run_report, "simulate", refuse)


def test_the_latest_run_of_the_unchanged_scenario_is_read_not_rerun(baseline, tmp_path,
                                                                    monkeypatch, capsys):
    older = stored(tmp_path, baseline, "20250101T000000Z-00000000")
    latest = stored(tmp_path, baseline)
    stale = stored(tmp_path, baseline, "20270101T000000Z-00000000", model_sha256="0" * 64)
    no_model_runs(monkeypatch)
    result = judge_scenario(BASELINE, out=tmp_path)
    assert result.folder == latest and result.folder not in (older, stale)
    assert [(v.target.id, v.status, v.value_at_deadline) for v in result.verdicts] == [
        (v.target.id, v.status, v.value_at_deadline) for v in baseline.verdicts]
    before = sorted(p.name for p in (tmp_path / "hangzhou" / "baseline").iterdir())
    assert cli.main(["targets", str(BASELINE), "--out", str(tmp_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "结果：" in out and latest.name in out and "每万人全科医生数" in out
    assert sorted(p.name for p in (tmp_path / "hangzhou" / "baseline").iterdir()) == before


def test_a_changed_scenario_runs_again_without_a_folder_or_charts(baseline, tmp_path, capsys):
    stored(tmp_path, baseline)
    changed = tmp_path / "scenarios" / "baseline.yaml"    # same name, one lever changed
    changed.parent.mkdir()
    shutil.copy(BASELINE, changed)
    with changed.open("a", encoding="utf-8") as stream:
        stream.write("levers:\n  care.infant_place_construction: 9000\n")
    result = judge_scenario(changed, out=tmp_path)
    assert result.folder is None
    by_id = {v.target.id: v for v in result.verdicts}
    assert by_id["infant_care_places"].status == "reached"  # the change was run, not read
    assert cli.main(["targets", str(changed), "--out", str(tmp_path), "--quiet",
                     "--lang", "en"]) == 0
    assert "no results folder written, no charts drawn" in capsys.readouterr().out
    assert len(list((tmp_path / "hangzhou" / "baseline").iterdir())) == 1
    assert not list(tmp_path.rglob("*.png"))


def test_a_folder_without_a_dataset_is_passed_over(baseline, tmp_path):
    folder = stored(tmp_path, baseline)
    (folder.parent / "20990101T000000Z-broken").mkdir()
    (folder.parent / "20990101T000000Z-broken" / "results.nc").write_text("not netCDF")
    assert judge_scenario(BASELINE, out=tmp_path).folder == folder
    with xr.open_dataset(folder / "results.nc") as ds:
        assert ds.attrs["scenario_sha256"] == baseline.dataset.attrs["scenario_sha256"]
