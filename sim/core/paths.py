"""Project directories.

Everything is located relative to the installed `sim` package so that the tool works from any
current directory. Loaders that read calibration data accept a ``calibration_dir`` argument so
tests (and analysts trying a draft profile) can point them elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root: the folder that holds the ``sim`` package.
PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent.parent

#: ``calibration/<region>/profile.yaml`` + CSVs, and ``calibration/common/`` shared tables.
CALIBRATION_DIR: Path = PROJECT_ROOT / "calibration"

#: Scenario YAML files written by analysts, one folder per region.
SCENARIOS_DIR: Path = PROJECT_ROOT / "scenarios"

#: Model outputs (git-ignored except for the README).
RESULTS_DIR: Path = PROJECT_ROOT / "results"


def cache_dir() -> Path:
    """Where the engines' caches live (pysd/: translations, kept private; batch/: parses as
    JSON data); HEALTH_SIM_CACHE overrides the default."""
    return Path(os.environ.get("HEALTH_SIM_CACHE", PROJECT_ROOT / ".cache"))

# The files of a region's folder, calibration/<region>/ (one place for every reader and writer).
#: The 2020 baseline: every value with its source, or an assumption with a range.
PROFILE_FILE = "profile.yaml"
#: Written by `python -m sim calibrate`; its accepted estimates overlay the profile's defaults.
FIT_FILE = "fit.yaml"
#: The fit charts' folder, beside FIT_FILE.
FIT_CHART_DIR = "fit"
#: The joint posterior sample of the forward fit's parameters, in the fit chart folder (CSV
#: with a commented header; written by `python -m sim calibrate`, read by `sim uncertainty`).
POSTERIOR_FILE = "posterior.csv"
#: The same for the health window's parameters (where a region has one: China), same format.
HEALTH_POSTERIOR_FILE = "health_posterior.csv"
#: The plans' targets for the region.
TARGETS_FILE = "targets.yaml"
#: Observed series (population, health resources) with source, basis and confidence.
HISTORY_FILE = "history.csv"
#: Series searched for and not found.
MISSING_FILE = "history_missing.csv"
#: Inputs of the 2010-2020 backcast.
BACKCAST_FILE = "backcast_2010.yaml"
