"""The fit record of a region's calibration: what fit.yaml says (estimates, identification,
fit statistics per window, data hashes, method), which forward estimates scenarios adopt as
region defaults, fit.yaml written whole, and the record as text for the terminal.

The forward estimates are used by scenarios only when the forward window is accepted
(sim.analysis.calibration.runner), and then only those at no bound that the data can separate
from the others (`adoption`); the same holds for the health window's pace estimates (China),
which set the supply keys from 2020 on (`health_defaults`;
sim.analysis.calibration.health_window.continued_series). sim.inputs.region reads
`scenario_defaults` back from fit.yaml (each entry names its window).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from sim.analysis.calibration.health_window import (
    PACE_KEYS,
    continued_range,
    continued_series,
    decade_paces,
)
from sim.analysis.calibration.runner import ACCEPT_MAPE, WindowFit
from sim.analysis.calibration.windows import CONFIDENCE_FACTOR, MIGRATION_KEY, SIGMA_SHARE, TFR_KEY
from sim.core.errors import SimError
from sim.core.paths import BACKCAST_FILE, FIT_FILE, HISTORY_FILE, PROFILE_FILE
from sim.inputs.keys import BASE_YEAR
from sim.inputs.region import Region
from sim.inputs.timeseries import Constant, Ramp, Series, Step, Table

#: Health-sector quantities the issue lists as unobserved, for the fit file's record.
NOT_CALIBRATED = ["chronic.standardization_rate", "chronic.dropout_rate",
                  "chronic.patients_per_gp", "detection and enrolment rates",
                  "bed construction and approval rates", "staff recruitment and attrition"]
#: Of those, what the health window (sim.analysis.calibration.health_window) fits where it runs.
HEALTH_WINDOW_FITS = ["bed construction and approval rates", "staff recruitment and attrition"]


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a data file ("missing" when absent): fit.yaml records the data it fits."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def fit_record(region: Region, fits: list[WindowFit], *, seed: int, starts: int,
               folder: Path) -> dict:
    """The fit.yaml record of a region's window fits (`folder`: the region's data folder)."""
    passed = all(f.accepted and f.validated is True for f in fits)
    not_calibrated = {name: "no observed series for the region (history_missing.csv)"
                      for name in NOT_CALIBRATED}
    record = {
        "region": region.name,
        "made": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "command": f"python -m sim calibrate {region.name} --seed {seed} --starts {starts}",
        "data_sha256": {name: sha256_of(folder / name) for name in
                        (PROFILE_FILE, HISTORY_FILE, BACKCAST_FILE,
                         "population_2010.csv", "population_2020.csv")},
        "method": ("weighted least squares, scipy.optimize.least_squares (trf) within the "
                   f"bounds, {starts} starts (stated start + scrambled Sobol', seed {seed}); "
                   "sim.analysis.calibration (windows, runner, estimate)"),
        "weights": {"sigma_share_of_value": SIGMA_SHARE,
                    "confidence_factor": CONFIDENCE_FACTOR,
                    "note": "assumed standard errors (range: half to double)"},
        "acceptance_rule": (f"a window is accepted when every fitted series has MAPE < "
                            f"{ACCEPT_MAPE:.0%}, validated when every held-out series does; "
                            "scenarios use the forward estimates when the forward window is "
                            "accepted; the command exits 1 unless all windows pass both (a "
                            "window with no held-out observation is not validated)"),
        "passed": passed,
        "windows": {f.window.name: window_record(f) for f in fits},
        "not_calibrated": not_calibrated,
    }
    if any(f.window.name == "health" for f in fits):
        for name in HEALTH_WINDOW_FITS:
            not_calibrated[name] = (
                "the health window fits the decade's pace to the published counts; scenarios "
                "continue those paces from 2020 on when it is accepted (scenario_defaults, "
                "window: health); construction, approval and hiring times and attrition rates "
                "stay the profile's judged values")
    forward = next((f for f in fits if f.window.name == "forward"), None)
    defaults: dict = scenario_defaults(region, forward) if forward is not None else {}
    health = next((f for f in fits if f.window.name == "health"), None)
    if health is not None:
        defaults.update(health_defaults(region, health))
    if forward is not None or health is not None:
        record["scenario_defaults"] = defaults
    return record


def window_record(fit: WindowFit) -> dict:
    """One window's entry of the record: parameters, fit statistics, observed vs simulated."""
    params = {}
    for q, value in zip(fit.window.parameters, fit.estimate.values):
        ident = fit.identifiability["parameters"][q.name]
        params[q.name] = {"unit": q.unit, "description": q.description, "source": q.source,
                          "low": q.low, "high": q.high, "start": q.start,
                          "estimate": float(value), "at_bound": q.name in fit.estimate.at_bound,
                          **ident}
        if fit.window.name == "forward" or q.name in PACE_KEYS:
            reason = adoption(fit)[q.name] or ("" if fit.accepted else "the fit is not accepted")
            params[q.name]["used_by_scenarios"] = not reason
            if reason:
                params[q.name]["not_used_because"] = reason
    points = []
    for _, row in fit.simulated.iterrows():
        points.append({"series": row["series"], "date": str(pd.Timestamp(row["date"]).date()),
                       "role": row["role"], "observed": float(row["value"]),
                       "simulated": float(row["simulated"]), "confidence": row["confidence"]})
    return {
        "description": fit.window.description,
        "period": [fit.window.start, fit.window.end],
        "accepted": fit.accepted,
        "validated": fit.validated,
        "parameters": params,
        "objective": {"start": fit.estimate.start_objective, "estimate": fit.estimate.objective},
        "model_runs": fit.estimate.evaluations,
        "seconds": round(fit.seconds, 2),
        "series": fit.stats,
        "identifiability": {"condition_number": fit.identifiability["condition_number"],
                            "singular_values": fit.identifiability["singular_values"],
                            "correlation": fit.identifiability["correlation"]},
        **({"paces_percent_a_year": decade_paces(fit)} if fit.window.name == "health" else {}),
        "excluded": fit.window.observations.excluded,
        "notes": fit.window.notes,
        "points": points,
    }


def adoption(fit: WindowFit) -> dict[str, str | None]:
    """Why scenarios would not take each forward estimate (None: they take it). Not one at a
    bound of its range (the data then say the stated range, or the model, is wrong there),
    nor one the data do not inform or cannot separate from the others (e.g. fewer
    observations than parameters): those keep the profile's value."""
    report = fit.identifiability["parameters"]
    reasons: dict[str, str | None] = {}
    for q in fit.window.parameters:
        if q.name in fit.estimate.at_bound:
            reasons[q.name] = "estimate at a bound of its range"
        elif report[q.name]["verdict"] == "not identified":
            reasons[q.name] = "no observation depends on it"
        elif not report[q.name]["separable"]:
            reasons[q.name] = "the data fix only a combination of it with other parameters"
        else:
            reasons[q.name] = None
    return reasons


def scenario_defaults(region: Region, fit: WindowFit) -> dict:
    """The forward estimates as region defaults of the keys they set (read by sim.inputs.region);
    a key none of whose estimates is taken is left out (the profile's value stands)."""
    values = dict(zip([q.name for q in fit.window.parameters], fit.estimate.values))
    reasons = adoption(fit)
    defaults = {}
    years = (BASE_YEAR, BASE_YEAR + 1)
    names = [f"net_migration_{year}" for year in years]
    if any(reasons[n] is None for n in names):
        profile = fit.window.base_series[MIGRATION_KEY]
        table, kept = {}, []
        for year, name in zip(years, names):
            if reasons[name] is None:
                table[year] = round(float(values[name]), 0)
            else:
                table[year] = float(profile.values(np.array([year]))[0])
                kept.append(f"{name}: profile value kept ({reasons[name]})")
        defaults[MIGRATION_KEY] = {
            "value": {"table": table},
            "method": "; ".join(["net_migration_2020 and net_migration_2021 of the forward "
                                 "fit, the 2021 value held after", *kept])}
    if reasons["tfr_scale"] is None:
        scale = float(values["tfr_scale"])
        defaults[TFR_KEY] = {
            "value": scaled(fit.window.base_series[TFR_KEY], scale).to_yaml_value(),
            "method": f"the profile's path x tfr_scale {scale:.4f} of the forward fit"}
    return defaults


def health_defaults(region: Region, fit: WindowFit) -> dict:
    """The health window's pace estimates as region defaults of the supply keys from 2020 on
    (sim.analysis.calibration.health_window.continued_series), each with the window it comes
    from and the range the window's bounds allow it (`low`, `high`: what sim.inputs.fitted
    checks it against); a key one of whose paces is not taken (`adoption`) is left out."""
    values = dict(zip([q.name for q in fit.window.parameters], fit.estimate.values))
    reasons = adoption(fit)
    series = continued_series(region, {name: float(values[name]) for name in PACE_KEYS})
    ranges = continued_range(region, fit.window.parameters)
    defaults = {}
    for key, s in series.items():
        paces = [name for name, keys in PACE_KEYS.items() if key in keys]
        if any(reasons[name] is not None for name in paces):
            continue
        defaults[key] = {
            "value": s.to_yaml_value(), "window": "health",
            "low": ranges[key][0], "high": ranges[key][1],
            "method": (f"the decade's pace of the health window ({', '.join(paces)}: "
                       + ", ".join(f"{values[n]:.6g}" for n in paces)
                       + ") continued from the profile's 2020 level (sim.analysis.calibration."
                       "health_window.continued_series); 2020-21 alone were pandemic years")}
    return defaults


def scaled(series: Series, factor: float) -> Series:
    """The same series form with every value multiplied by `factor`."""
    if isinstance(series, Constant):
        return Constant(value=series.value * factor)
    if isinstance(series, Ramp):
        spec = series.ramp
        return Ramp(ramp=spec.model_copy(update={"from_": spec.from_ * factor,
                                                 "to": spec.to * factor}))
    if isinstance(series, (Step, Table)):
        name = "step" if isinstance(series, Step) else "table"
        return type(series)(**{name: {y: v * factor for y, v in getattr(series, name).items()}})
    raise SimError(f"cannot scale a {type(series).__name__}")


#: Significant digits of the numbers fit.yaml is written with: far finer than any estimate's
#: standard error, and coarse enough that re-running an unchanged fit (whose last digits move
#: with the floating-point noise of the optimiser) writes the same file.
DIGITS = 6


def rounded(value, digits: int = DIGITS):
    """`value` with every float (in nested dicts and lists) rounded to `digits` significant
    digits; other values unchanged."""
    if isinstance(value, float):
        return float(f"{value:.{digits}g}") if math.isfinite(value) else value
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(v, digits) for v in value]
    return value


def fit_text(record: dict, previous: str | None = None) -> str:
    """The text of fit.yaml for `record`, its numbers rounded (`rounded`). When `previous` (the
    text of the fit.yaml it replaces) records the same fit, its time `made` is kept, so an
    unchanged fit rewrites the file byte for byte."""
    record = rounded(record)
    if previous is not None:
        try:
            old = yaml.safe_load(previous)
        except yaml.YAMLError:
            old = None
        if isinstance(old, dict) and "made" in old and "made" in record:
            if {**old, "made": record["made"]} == record:
                record = {**record, "made": old["made"]}
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
    return "# Written by `python -m sim calibrate`; do not edit by hand.\n" + text


@contextmanager
def staged_fit(folder: Path, record: dict) -> Iterator[None]:
    """Write fit.yaml whole: the text goes to a file beside it, which replaces fit.yaml when
    the block ends without error and is removed if it raises (so whatever the block writes
    beside it, e.g. the fit charts, fails without leaving a new fit.yaml behind). Numbers are
    rounded to `DIGITS` significant digits, and an unchanged fit keeps the file as it was
    (`fit_text`)."""
    existing = folder / FIT_FILE
    previous = existing.read_text(encoding="utf-8") if existing.is_file() else None
    tmp = folder / f".{FIT_FILE}.tmp"
    tmp.write_text(fit_text(record, previous), encoding="utf-8")
    try:
        yield
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, existing)
