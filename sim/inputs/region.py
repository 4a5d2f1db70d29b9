"""Loading a region: ``calibration/<region>/profile.yaml`` and the CSVs it names, checked, with the
defaults fitted to history overlaid.

The steps live beside this module: the schema of profile.yaml (`sim.inputs.profile_schema`), the
rules spanning several fields and the `Region` object (`sim.inputs.profile`), the fit overlay
(`sim.inputs.fitted`). The national age tables the regions share are `sim.inputs.national`, the
CSV rules `sim.inputs.tables`.
"""

from __future__ import annotations

import os

from sim.core.errors import SimError
from sim.core.paths import FIT_FILE, PROFILE_FILE
from sim.core.schema import load_yaml_model
from sim.core.yamlio import read_yaml
from sim.inputs.fitted import apply_fit
from sim.inputs.folders import calibration_root, region_folder, regions_holding
from sim.inputs.profile import Provenance, Region, build_region
from sim.inputs.profile_schema import Profile

__all__ = ["Region", "Provenance", "list_regions", "load_region", "resolve_region"]

#: The suffix of a prefecture-level city's Chinese name, which an analyst may leave out.
_CITY = "市"


def list_regions(calibration_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Names of the folders of the calibration directory that hold a ``profile.yaml``, sorted."""
    return regions_holding(calibration_root(calibration_dir), PROFILE_FILE)


def _plain(name: str) -> str:
    name = "".join(str(name).split()).casefold()
    return name[:-len(_CITY)] if name.endswith(_CITY) and len(name) > len(_CITY) else name


def resolve_region(name: str, calibration_dir: str | os.PathLike[str] | None = None) -> str:
    """The folder name of a region given as its folder name (hangzhou), its English name
    (Hangzhou) or its Chinese name with or without 市 (杭州市, 杭州), as each profile.yaml
    writes `name_en` and `name_zh`. A name that matches no region is returned unchanged, for
    the loader to report it as unknown."""
    known = list_regions(calibration_dir)
    if name in known or not isinstance(name, str):
        return name
    wanted = _plain(name)
    root = calibration_root(calibration_dir)
    for region in known:
        try:
            profile = read_yaml(root / region / PROFILE_FILE)
        except SimError:
            continue  # a damaged profile is reported when that region is loaded
        names = (region, profile.get("name_en"), profile.get("name_zh"))
        if any(isinstance(n, str) and _plain(n) == wanted for n in names):
            return region
    return name


def load_region(name: str, calibration_dir: str | os.PathLike[str] | None = None,
                use_fit: bool = True) -> Region:
    """Load and validate ``<calibration_dir>/<name>/profile.yaml`` and the CSVs it names.

    With `use_fit` (the default), the defaults fitted to history by `python -m sim calibrate`
    (``fit.yaml``, its ``scenario_defaults``) replace the profile's own for the keys they
    set, when the forward fit was accepted; see `sim.inputs.fitted`.

    `name` may also be the region's English or Chinese name (`resolve_region`).

    Raises `InputError` (unknown region, or the first problem found in the profile or a CSV).
    """
    name = resolve_region(name, calibration_dir)
    folder = region_folder(name, calibration_root(calibration_dir), PROFILE_FILE)
    profile_path = folder / PROFILE_FILE
    profile, sha256 = load_yaml_model(profile_path, Profile)
    region = build_region(profile, folder=folder, file=profile_path, sha256=sha256)
    return apply_fit(region, folder / FIT_FILE) if use_fit else region
