"""The fit overlay: the region defaults fitted to history by `python -m sim calibrate`
(``calibration/<region>/fit.yaml``, its ``scenario_defaults``) in place of the profile's own.

Only an accepted forward fit is an input (a fit that failed its rule is a diagnosis), only the
keys of `sim.inputs.keys.FITTED_KEYS` may be set, each within the profile's plausible range, and a
fit made from another version of profile.yaml is refused rather than silently used or ignored:
the profile's inputs shaped the estimates.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from sim.core.errors import InputError, Verbatim, one_of
from sim.core.paths import FIT_FILE, PROFILE_FILE
from sim.core.yamlio import read_yaml_with_hash
from sim.inputs.keys import FITTED_KEYS, MAX_END_YEAR
from sim.inputs.profile import Region
from sim.inputs.timeseries import parse_series

__all__ = ["apply_fit"]


def apply_fit(region: Region, path: Path) -> Region:
    """The region with the fitted defaults of `path` (if it exists and was accepted)."""
    if not path.is_file():
        return region
    raw, _ = read_yaml_with_hash(path)
    recorded = str((raw.get("data_sha256") or {}).get(PROFILE_FILE, ""))
    if recorded != region.sha256:
        raise InputError(path, f"data_sha256.{PROFILE_FILE}", Verbatim(recorded[:12] or "none"),
                         f"the hash of the current {PROFILE_FILE} ({region.sha256[:12]})",
                         f"fitted to another version of {PROFILE_FILE}; re-run "
                         f"`python -m sim calibrate {region.name}`")
    if ((raw.get("windows") or {}).get("forward") or {}).get("accepted") is not True:
        return region   # a fit that failed its rule is a diagnosis, not an input
    defaults, provenance = dict(region.defaults), dict(region.provenance)
    for key, entry in (raw.get("scenario_defaults") or {}).items():
        where = f"scenario_defaults.{key}"
        if key not in FITTED_KEYS:
            raise InputError(path, where, key, one_of(FITTED_KEYS), "not a fitted key")
        series = parse_series((entry or {}).get("value"), path, f"{where}.value")
        before = provenance[key]
        years = np.arange(region.base_year, MAX_END_YEAR + 1)
        values = series.values(years)
        if before.low is not None and not ((values >= before.low) & (values <= before.high)).all():
            raise InputError(path, f"{where}.value", Verbatim(series.to_yaml_value()),
                             f"values from {before.low:g} to {before.high:g} (the profile's "
                             "range)", "outside the profile's range")
        defaults[key] = series
        provenance[key] = dataclasses.replace(
            before, source=f"fitted to history: calibration/{region.name}/{FIT_FILE} "
                           f"({raw.get('made', 'undated')})",
            method=str(entry.get("method", "")), note=f"profile value before the fit: "
                                                     f"{before.method or before.source}")
    return dataclasses.replace(region, defaults=defaults, provenance=provenance)
