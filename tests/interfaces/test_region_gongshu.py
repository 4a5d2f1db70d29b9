"""Gongshu district (calibration/gongshu/): the committed fill-in tables pass `region check`, and
`region build` from them alone, in a temporary copy, gives the committed derived files byte for
byte (so what is committed is what the tables give, never a hand edit)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sim.core.paths import CALIBRATION_DIR, SCENARIOS_DIR
from sim.interfaces import cli

NAME = "gongshu"
DERIVED = ("profile.yaml", "targets.yaml", "population_2020.csv", "migration_profile.csv")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "calibration"
    root.mkdir()
    for region in ("common", "china", "zhejiang"):       # the parent's profile and the nation's
        (root / region).symlink_to(CALIBRATION_DIR / region)
    shutil.copytree(CALIBRATION_DIR / NAME / "tables", root / NAME / "tables")
    return root


def test_the_committed_gongshu_tables_pass_check(tmp_path, capsys):
    root = _copy(tmp_path)
    assert cli.main(["region", "check", NAME, "--calibration-dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert "1,120,985" in out                        # the census residents, supplied
    assert "已填1项" in out and "规划目标7项（另有14项模型不能评判" in out


def test_region_build_reproduces_the_committed_gongshu_files(tmp_path, capsys):
    root = _copy(tmp_path)
    scenarios = tmp_path / "scenarios"
    assert cli.main(["region", "build", NAME, "--calibration-dir", str(root), "--scenarios-dir",
                     str(scenarios), "--quiet"]) == 0
    capsys.readouterr()
    built = sorted(p.name for p in (root / NAME).iterdir())
    committed = sorted(p.name for p in (CALIBRATION_DIR / NAME).iterdir())
    assert built == committed
    for file in DERIVED:
        ours = (root / NAME / file).read_bytes()
        assert ours == (CALIBRATION_DIR / NAME / file).read_bytes(), file
    assert ((scenarios / NAME / "baseline.yaml").read_bytes()
            == (SCENARIOS_DIR / NAME / "baseline.yaml").read_bytes())
