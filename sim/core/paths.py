"""Project directories.

Everything is located relative to the installed `sim` package so that the tool works from any
current directory. Loaders that read calibration data accept a ``calibration_dir`` argument so
tests (and analysts trying a draft profile) can point them elsewhere.
"""

from __future__ import annotations

from pathlib import Path

#: The repository root: the folder that holds the ``sim`` package.
PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent.parent

#: ``calibration/<region>/profile.yaml`` + CSVs, and ``calibration/common/`` shared tables.
CALIBRATION_DIR: Path = PROJECT_ROOT / "calibration"

#: Scenario YAML files written by analysts, one folder per region.
SCENARIOS_DIR: Path = PROJECT_ROOT / "scenarios"

#: Model outputs (git-ignored except for the README).
RESULTS_DIR: Path = PROJECT_ROOT / "results"
