"""The fit overlay: the region defaults fitted to history by `python -m sim calibrate`
(``calibration/<region>/fit.yaml``, its ``scenario_defaults``) in place of the profile's own.

Only an accepted fit is an input (a fit that failed its rule is a diagnosis): the forward
window's keys (`sim.inputs.keys.FORWARD_FITTED_KEYS`) when the forward window is accepted, the
health window's supply paces (`HEALTH_FITTED_KEYS`, China) when the health window is. Only the
keys of `FITTED_KEYS` may be set, each within the profile's plausible range (a health key:
within the range its entry records, what the window's bounds allow, which then becomes its
range), and a fit made from another version of profile.yaml or history.csv is refused rather
than silently used or ignored: the profile's inputs shaped the estimates.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

import numpy as np

from sim.core.errors import MISSING, InputError, Verbatim, one_of
from sim.core.paths import FIT_FILE, HISTORY_FILE, PROFILE_FILE
from sim.core.yamlio import read_yaml_with_hash
from sim.inputs.keys import FITTED_KEYS, HEALTH_FITTED_KEYS, MAX_END_YEAR
from sim.inputs.profile import Region
from sim.inputs.timeseries import parse_series

__all__ = ["apply_fit"]


def _check_history(hashes: dict, path: Path, name: str) -> None:
    """The fit describes the history it was fitted to: a history.csv edited or removed since
    makes the fitted defaults stale, as an edited profile does."""
    recorded = hashes.get(HISTORY_FILE)
    if not isinstance(recorded, str) or recorded == "missing":
        return   # fitted without history (a region built from tables without history rows)
    history = path.parent / HISTORY_FILE
    if not history.is_file():
        raise InputError(history, "(file)", MISSING, f"the {HISTORY_FILE} {FIT_FILE} was fitted to",
                         f"file not found; restore it, or re-run `python -m sim calibrate {name}`")
    if hashlib.sha256(history.read_bytes()).hexdigest() != recorded:
        raise InputError(path, f"data_sha256.{HISTORY_FILE}", Verbatim(recorded[:12]),
                         f"the hash of the current {HISTORY_FILE}",
                         f"fitted to another version of {HISTORY_FILE}; re-run "
                         f"`python -m sim calibrate {name}`")


def apply_fit(region: Region, path: Path) -> Region:
    """The region with the fitted defaults of `path` (those of its accepted windows).

    A region whose folder holds ``history.csv`` is meant to be fitted, so its ``fit.yaml`` must be
    there: without it scenarios would silently run on the profile's unfitted defaults. A draft
    region without history runs on its profile alone. A damaged fit.yaml (cut short, not YAML,
    wrong types) is a one-line `InputError` naming the file and key, never ignored.
    """
    if not path.is_file():
        if (path.parent / HISTORY_FILE).is_file():
            raise InputError(path, "(file)", MISSING, f"the fit of {HISTORY_FILE}, made by "
                             f"`python -m sim calibrate {region.name}`",
                             f"fit file not found (the region has {HISTORY_FILE}); re-create it "
                             f"with `python -m sim calibrate {region.name}`")
        return region
    raw, _ = read_yaml_with_hash(path)
    hashes = _mapping(raw, "data_sha256", path, region.name)
    recorded = hashes.get(PROFILE_FILE, MISSING)
    if not (isinstance(recorded, str) and _SHA256.fullmatch(recorded)):
        raise InputError(path, f"data_sha256.{PROFILE_FILE}", recorded,
                         "a sha256 hex digest (64 characters 0-9 a-f)",
                         f"not a hash; re-create the file with "
                         f"`python -m sim calibrate {region.name}`")
    if recorded != region.sha256:
        raise InputError(path, f"data_sha256.{PROFILE_FILE}", Verbatim(recorded[:12]),
                         f"the hash of the current {PROFILE_FILE} ({region.sha256[:12]})",
                         f"fitted to another version of {PROFILE_FILE}; re-run "
                         f"`python -m sim calibrate {region.name}`")
    _check_history(hashes, path, region.name)
    windows = _mapping(raw, "windows", path, region.name)
    accepted = {"forward": _accepted(_mapping(windows, "forward", path, region.name, "windows."),
                                     "forward", path, region.name)}
    if "health" in windows:
        accepted["health"] = _accepted(_mapping(windows, "health", path, region.name,
                                                "windows."), "health", path, region.name)
    if not any(accepted.values()):
        return region   # a fit that failed its rule is a diagnosis, not an input
    defaults, provenance = dict(region.defaults), dict(region.provenance)
    fitted = _mapping(raw, "scenario_defaults", path, region.name)
    for key, entry in fitted.items():
        where = f"scenario_defaults.{key}"
        if key not in FITTED_KEYS:
            raise InputError(path, where, key, one_of(FITTED_KEYS), "not a fitted key")
        if not isinstance(entry, dict):
            raise InputError(path, where, entry, "a mapping with value and method",
                             "not a mapping")
        if not accepted.get("health" if key in HEALTH_FITTED_KEYS else "forward", False):
            continue
        series = parse_series(entry.get("value"), path, f"{where}.value")
        before = provenance[key]
        low, high = before.low, before.high
        if key in HEALTH_FITTED_KEYS:
            low, high = _bound(entry, "low", path, where), _bound(entry, "high", path, where)
        years = np.arange(region.base_year, MAX_END_YEAR + 1)
        values = series.values(years)
        if low is not None and not ((values >= low) & (values <= high)).all():
            range_name = "the fit's" if key in HEALTH_FITTED_KEYS else "the profile's"
            raise InputError(path, f"{where}.value", Verbatim(series.to_yaml_value()),
                             f"values from {low:g} to {high:g} ({range_name} range)",
                             f"outside {range_name} range")
        defaults[key] = series
        provenance[key] = dataclasses.replace(
            before, source=f"fitted to history: calibration/{region.name}/{FIT_FILE} "
                           f"({raw.get('made', 'undated')})",
            method=str(entry.get("method", "")), note=f"profile value before the fit: "
                                                     f"{before.method or before.source}",
            low=low, high=high)
    return dataclasses.replace(region, defaults=defaults, provenance=provenance)


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _accepted(window: dict, name: str, path: Path, region: str) -> bool:
    accepted = window.get("accepted", MISSING)
    if not isinstance(accepted, bool):
        raise InputError(path, f"windows.{name}.accepted", accepted, "true or false",
                         "not a yes/no (file cut short or edited?); re-create it with "
                         f"`python -m sim calibrate {region}`")
    return accepted


def _bound(entry: dict, name: str, path: Path, where: str) -> float:
    value = entry.get(name, MISSING)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(path, f"{where}.{name}", value, "a number (the range the fit allows)",
                         "missing or not a number")
    return float(value)


def _mapping(raw: dict, key: str, path: Path, region: str, parent: str = "") -> dict:
    """``raw[key]``, which must be a mapping; else a one-line `InputError` naming the key."""
    value = raw.get(key, MISSING)
    if not isinstance(value, dict):
        problem = "missing (file cut short?)" if value is MISSING else "not a mapping"
        raise InputError(path, parent + key, value, "a mapping of 'key: value' lines, as written "
                         f"by `python -m sim calibrate {region}` (run it to re-create the file)",
                         problem)
    return value
