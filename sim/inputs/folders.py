"""Region folders of the calibration directory: where a region's files are looked up, and the
one-line errors for an unknown region or a data file a YAML file names but that is not there.

Loaders take a ``calibration_dir`` argument (default `sim.core.paths.CALIBRATION_DIR`) so tests
and analysts trying a draft profile can point them elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

from sim.core.errors import MISSING, InputError, did_you_mean, one_of
from sim.core.paths import CALIBRATION_DIR

__all__ = ["calibration_root", "regions_holding", "region_folder", "data_file"]


def calibration_root(calibration_dir: str | os.PathLike[str] | None) -> Path:
    """`calibration_dir`, or the project's calibration folder when it is None."""
    return Path(calibration_dir) if calibration_dir is not None else CALIBRATION_DIR


def regions_holding(root: Path, file: str) -> list[str]:
    """Names of the folders of `root` that hold `file`, sorted (empty if `root` is no folder)."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / file).is_file())


def region_folder(name: str, root: Path, file: str) -> Path:
    """The folder of region `name` under `root`; raises `InputError` unless it holds `file`.

    When the folder exists but lacks `file`, the error names that file ("file not found"), not
    an unknown region.

    Only names of existing folders pass, which also keeps names like "../x" from reaching the
    file system.
    """
    known = regions_holding(root, file)
    if name not in known and root.is_dir() and name in (p.name for p in root.iterdir()
                                                          if p.is_dir()):
        # the region's folder is there, only this file is not: name the file, not the region
        raise InputError(root / name / file, "(file)", MISSING,
                         f"{file} in the folder of region {name}", "file not found")
    if name not in known:
        allowed = one_of(known) if known else f"a folder of {root} holding {file} (none found)"
        raise InputError(root / str(name), "region", name, allowed,
                         "unknown region" + did_you_mean(name, known))
    return root / name


def data_file(folder: Path, yaml_file: Path, key: str, name: str) -> Path:
    """``folder / name``, the data file named at `key` of `yaml_file`; `InputError` if absent."""
    path = folder / name
    if not path.is_file():
        raise InputError(yaml_file, key, name, f"a file in {folder} (name relative to the folder)",
                         "file not found")
    return path
