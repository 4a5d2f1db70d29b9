"""`sim overview`: many scenarios judged at once, the same verdicts wherever the runs are made
(issue 16 item 5)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sim.analysis.overview import overview
from sim.core.errors import InputError
from sim.core.paths import PROJECT_ROOT
from sim.inputs import scenario as scenario_module
from sim.inputs.scenario import scenario_files
from sim.interfaces.cli import main
from sim.reports.overview_report import write_overview
from sim.reports.run_report import run_scenario
from sim.runs.scaleout import LOCAL

BASELINES = str(PROJECT_ROOT / "scenarios" / "*" / "baseline.yaml")
TWO = [str(PROJECT_ROOT / "scenarios" / "lishui" / "baseline.yaml"),
       str(PROJECT_ROOT / "scenarios" / "jiamusi" / "baseline.yaml")]


def _values(items) -> list[tuple]:
    return [(str(i.path), v.target.id, v.status, v.value_at_deadline, v.margin)
            for i in items for v in i.verdicts]


def test_patterns_expand_in_order_without_repeats(monkeypatch):
    files = scenario_files([TWO[1], BASELINES, TWO[1]])
    assert files[0] == Path(TWO[1])
    assert len(files) == len(set(files))
    regions = {p.parent.name for p in files}
    assert {"hangzhou", "lishui", "jiamusi", "china", "zhejiang"} <= regions
    with pytest.raises(InputError, match="matches no file"):
        scenario_files([str(PROJECT_ROOT / "scenarios" / "*" / "no_such_*.yaml")])
    monkeypatch.setattr(scenario_module, "MAX_SCENARIOS", 2)
    with pytest.raises(InputError, match="at most 2"):
        scenario_files([BASELINES])


def test_each_scenario_gets_the_verdicts_of_its_own_run():
    items = overview(TWO)
    assert [i.scenario.region for i in items] == ["lishui", "jiamusi"]
    for item, path in zip(items, TWO):
        alone = run_scenario(path, write=False)
        assert [(v.target.id, v.status, v.value_at_deadline) for v in item.verdicts] == [
            (v.target.id, v.status, v.value_at_deadline) for v in alone.verdicts]


@pytest.mark.slow
def test_a_local_cluster_gives_the_same_verdicts_as_one_process():
    assert _values(overview(TWO, scheduler=LOCAL)) == _values(overview(TWO))


def test_the_folder_holds_every_scenario_x_target_in_both_languages(tmp_path):
    items = overview(TWO)
    folder = write_overview(items, out=tmp_path)
    table = pd.read_csv(folder / "overview.csv", encoding="utf-8-sig")
    assert len(table) == sum(len(i.verdicts) for i in items)
    assert (folder / "overview.csv").read_bytes().startswith(b"\xef\xbb\xbf")   # Excel: BOM
    assert set(table["region"]) == {"Lishui", "Jiamusi"}
    zh = (folder / "overview_zh.md").read_text(encoding="utf-8")
    assert "丽水市" in zh and "佳木斯市" in zh and "达成" in zh
    for name in ("overview_zh.png", "overview_en.png", "overview_zh.svg", "overview_en.svg"):
        assert (folder / name).stat().st_size > 10_000


def test_a_bad_file_is_one_line_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("region: hangzhou\nlevers: {workforce.gp_training_places: -5}\n",
                   encoding="utf-8")
    out = tmp_path / "results"
    assert main(["overview", TWO[0], str(bad), "--out", str(out), "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "bad.yaml" in error
    assert not out.exists() or not any(out.rglob("*.csv"))


def test_the_matrix_has_one_column_per_target_as_judged_and_says_its_level():
    """China's `infant_care_places` and Zhejiang's `infant_care_places_2025` are one national
    target (≥ 4.5 per 1,000 by 2025): one column; a column label gives the level, so that two
    levels of one indicator (Hangzhou's > 70% and ≥ 70% management) are told apart."""
    from sim.analysis.targets import load_targets
    from sim.reports.overview_report import _column, _column_label

    (china,) = [t for t in load_targets("china") if t.id == "infant_care_places"]
    (zhejiang,) = [t for t in load_targets("zhejiang") if t.id == "infant_care_places_2025"]
    assert _column(china) == _column(zhejiang)
    assert _column_label(china, "zh") == "每千人口托位数 ≥ 4.50（2025年）"
    assert _column_label(china, "en").endswith(" ≥ 4.50 by 2025")
    managed = [t for t in load_targets("hangzhou") if t.indicator == "standardized_management_rate"
               and t.select == {"condition": "hypertension"}]
    assert len({_column(t) for t in managed}) == len(managed) == 2
    assert len({_column_label(t, "zh") for t in managed}) == 2
