"""Project directories.

Everything is located relative to the installed `sim` package so that the tool works from any
current directory. Loaders that read calibration data accept a ``calibration_dir`` argument so
tests (and analysts trying a draft profile) can point them elsewhere.
"""

from __future__ import annotations

import os
import stat
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


def private_cache_folder(name: str) -> tuple[Path, str | None]:
    """`<cache>/<name>`, created with mode 0700 if missing, and why it cannot be trusted
    (`why_not_private`, or that it cannot be created), or None if it can."""
    folder = cache_dir() / name
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder, why_not_private(folder)
    except OSError as error:
        return folder, f"cannot be created ({error.strerror})"


def why_not_private(folder: Path) -> str | None:
    """Why `folder` cannot be trusted to hold what a cache keeps (code we import, files we
    serve), or None if it can: it must be a real folder owned by the current user and writable
    by nobody else."""
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if info.st_uid != os.getuid():
        return f"is owned by uid {info.st_uid}, not by the current user ({os.getuid()})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"is writable by group or others (mode {stat.S_IMODE(info.st_mode):o})"
    return None

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
