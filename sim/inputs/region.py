"""Loading a region: ``calibration/<region>/profile.yaml`` and the CSVs it names, checked, with the
defaults fitted to history overlaid.

The steps live beside this module: the schema of profile.yaml (`sim.inputs.profile_schema`), the
rules spanning several fields and the `Region` object (`sim.inputs.profile`), the fit overlay
(`sim.inputs.fitted`). The national age tables the regions share are `sim.inputs.national`, the
CSV rules `sim.inputs.tables`; their public names are re-exported here for the modules that
imported them from this one before the split (new code imports them from their own module).
"""

from __future__ import annotations

import os

from sim.core.paths import FIT_FILE, PROFILE_FILE
from sim.core.schema import load_yaml_model
from sim.inputs.fitted import apply_fit
from sim.inputs.folders import calibration_root, region_folder, regions_holding
from sim.inputs.national import (
    ADMISSION_RATE_FILE,
    CHRONIC_PREVALENCE_FILE,
    CONDITIONS,
    FERTILITY_PATTERN_FILE,
    MORTALITY_STANDARD_FILE,
    admission_rate,
    chronic_prevalence,
    fertility_pattern,
    mortality_standard,
)
from sim.inputs.profile import Provenance, Region, build_region
from sim.inputs.profile_schema import HEALTH_2020_UNITS, Profile
from sim.inputs.tables import AGES, SEXES

__all__ = ["Region", "Provenance", "list_regions", "load_region",
           # re-exported (see the module docstring)
           "mortality_standard", "fertility_pattern", "chronic_prevalence", "admission_rate",
           "MORTALITY_STANDARD_FILE", "FERTILITY_PATTERN_FILE", "CHRONIC_PREVALENCE_FILE",
           "ADMISSION_RATE_FILE", "HEALTH_2020_UNITS", "CONDITIONS", "PROFILE_FILE", "AGES",
           "SEXES"]


def list_regions(calibration_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Names of the folders of the calibration directory that hold a ``profile.yaml``, sorted."""
    return regions_holding(calibration_root(calibration_dir), PROFILE_FILE)


def load_region(name: str, calibration_dir: str | os.PathLike[str] | None = None,
                use_fit: bool = True) -> Region:
    """Load and validate ``<calibration_dir>/<name>/profile.yaml`` and the CSVs it names.

    With `use_fit` (the default), the defaults fitted to history by `python -m sim calibrate`
    (``fit.yaml``, its ``scenario_defaults``) replace the profile's own for the keys they
    set, when the forward fit was accepted; see `sim.inputs.fitted`.

    Raises `InputError` (unknown region, or the first problem found in the profile or a CSV).
    """
    folder = region_folder(name, calibration_root(calibration_dir), PROFILE_FILE)
    profile_path = folder / PROFILE_FILE
    profile, sha256 = load_yaml_model(profile_path, Profile)
    region = build_region(profile, folder=folder, file=profile_path, sha256=sha256)
    return apply_fit(region, folder / FIT_FILE) if use_fit else region
