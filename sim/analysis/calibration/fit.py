"""Calibrating a region: fit the backcast window, the health window (where the region's
published health counts go back before 2020) and the forward window to the region's history,
build the fit record, and sample the posterior of each accepted window whose estimates
scenarios take: the forward window's and the health window's (no files written; `python -m sim
calibrate` is sim.reports.calibration_report, which writes fit.yaml, the posterior samples and
the fit charts).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sim.analysis.calibration.health_window import (
    PACE_KEYS,
    has_health_history,
    health_window,
)
from sim.analysis.calibration.posterior import (
    HEALTH_BURN,
    HEALTH_STEPS,
    HEALTH_WALKERS,
    STEPS,
    WALKERS,
    laplace_start,
    posterior_files,
    window_posterior,
)
from sim.analysis.calibration.record import fit_record
from sim.analysis.calibration.runner import WindowFit, calibrate_window, window_problem
from sim.analysis.calibration.windows import (
    Window,
    backcast_window,
    forward_window,
    read_history,
)
from sim.core.paths import BACKCAST_FILE, CALIBRATION_DIR, HEALTH_POSTERIOR_FILE
from sim.inputs.region import Region, load_region


def _health_window(region: Region, history, fits: list[WindowFit]) -> Window | None:
    """The health window (sim.analysis.calibration.health_window) when the region published
    health counts before 2020 and its backcast, which drives the window's population, is
    accepted; None otherwise (fit.yaml then lists the health parameters as not calibrated)."""
    backcast = fits[0]
    if not (has_health_history(history) and backcast.accepted):
        return None
    return health_window(region, history, backcast)


@dataclass
class RegionFit:
    region: Region               # the profile as loaded without fit.yaml
    folder: Path                 # calibration/<region>/, where fit.yaml belongs
    fits: list[WindowFit]        # backcast, health (where the region has its history), forward
    record: dict                 # what fit.yaml says; `passed`: the acceptance rule holds
    posterior: str | None = None  # posterior.csv's text (None: not sampled)
    health_posterior: str | None = None  # health_posterior.csv's text (None: not sampled)


def fit_region(region_name: str, *, seed: int = 0, starts: int = 3, progress=None,
               calibration_dir: Path | None = None, posterior: dict | None = None
               ) -> RegionFit:
    """Fit both windows of a region (estimator seeded with `seed`, `starts` starts each) and,
    when the forward fit is accepted, sample its posterior, and the health window's when that
    is accepted (sim.analysis.calibration.posterior; `posterior`: the sampler's settings, e.g.
    {"steps": 200}, for both; None: no posterior)."""
    root = Path(calibration_dir) if calibration_dir else CALIBRATION_DIR
    region = load_region(region_name, root, use_fit=False)
    folder = root / region.name
    history = read_history(region.name, root)
    fits: list[WindowFit] = []
    # A region built from fill-in tables (python -m sim region build) has no 2010 start
    # (backcast_2010.yaml, population_2010.csv): its backcast window (and the health window,
    # which starts from the backcast) is not fitted, and the record says why.
    skipped = {} if (folder / BACKCAST_FILE).is_file() else {
        "backcast": f"no {BACKCAST_FILE} in {folder.name}/ (a region built from fill-in tables "
                    "has no 2010 start): only the forward window is fitted"}
    if skipped and progress:
        progress(f"{region.name}: {skipped['backcast']}")
    for make in (lambda: None if skipped else backcast_window(region, history, folder),
                 lambda: None if skipped else _health_window(region, history, fits),
                 lambda: forward_window(region, history)):
        window = make()
        if window is None:
            continue
        if progress:
            progress(f"{region.name}: {window.name} window {window.start}-{window.end}, "
                     f"{len(window.parameters)} parameters, "
                     f"{len(window.observations.of_role('fit'))} observations to fit")
        fits.append(calibrate_window(region, window, seed=seed, starts=starts,
                                     progress=progress))
    record = fit_record(region, fits, seed=seed, starts=starts, folder=folder)
    if skipped:
        record["windows_not_fitted"] = skipped
    forward = fits[-1]
    text = None
    if posterior is not None and forward.accepted:   # a failed fit is not an input
        if progress:
            progress(f"{region.name}: posterior of the forward window "
                     f"({posterior.get('walkers', WALKERS)} walkers, "
                     f"{posterior.get('steps', STEPS)} steps)")
        _, problem = window_problem(region, forward.window)
        sample = window_posterior(problem, seed=seed, progress=progress, **posterior)
        text, record["posterior"] = posterior_files(sample, record, forward.window)
    health = next((f for f in fits if f.window.name == "health"), None)
    health_text = None
    if posterior is not None and health is not None and health.accepted:
        settings = {"walkers": HEALTH_WALKERS, "steps": HEALTH_STEPS, "burn": HEALTH_BURN,
                    **posterior}
        if progress:
            progress(f"{region.name}: posterior of the health window ({settings['walkers']} "
                     f"walkers, {settings['steps']} steps)")
        _, problem = window_problem(region, health.window)
        sample = window_posterior(problem, seed=seed, progress=progress,
                                  around=laplace_start(problem, health.estimate), **settings)
        keys = {key: ", ".join(n for n, ks in PACE_KEYS.items() if key in ks)
                + " continued from the profile's 2020 level (sim.analysis.calibration."
                  "health_window.continued_series)"
                for key in sorted({k for ks in PACE_KEYS.values() for k in ks})}
        health_text, record["health_posterior"] = posterior_files(
            sample, record, health.window, keys, HEALTH_POSTERIOR_FILE)
    return RegionFit(region, folder, fits, record, text, health_text)
