"""Calibrating a region: fit the backcast and the forward window to the region's history and
build the fit record (no files written; `python -m sim calibrate` is
sim.reports.calibration_report, which writes fit.yaml and the fit charts).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sim.analysis.calibration.record import fit_record
from sim.analysis.calibration.runner import WindowFit, calibrate_window
from sim.analysis.calibration.windows import backcast_window, forward_window, read_history
from sim.core.paths import CALIBRATION_DIR
from sim.inputs.region import Region, load_region


@dataclass
class RegionFit:
    region: Region               # the profile as loaded without fit.yaml
    folder: Path                 # calibration/<region>/, where fit.yaml belongs
    fits: list[WindowFit]        # backcast, then forward
    record: dict                 # what fit.yaml says; `passed`: the acceptance rule holds


def fit_region(region_name: str, *, seed: int = 0, starts: int = 3, progress=None,
               calibration_dir: Path | None = None) -> RegionFit:
    """Fit both windows of a region (estimator seeded with `seed`, `starts` starts each)."""
    root = Path(calibration_dir) if calibration_dir else CALIBRATION_DIR
    region = load_region(region_name, root, use_fit=False)
    folder = root / region.name
    history = read_history(region.name, root)
    fits = []
    for make in (lambda: backcast_window(region, history, folder),
                 lambda: forward_window(region, history)):
        window = make()
        if progress:
            progress(f"{region.name}: {window.name} window {window.start}-{window.end}, "
                     f"{len(window.parameters)} parameters, "
                     f"{len(window.observations.of_role('fit'))} observations to fit")
        fits.append(calibrate_window(region, window, seed=seed, starts=starts,
                                     progress=progress))
    record = fit_record(region, fits, seed=seed, starts=starts, folder=folder)
    return RegionFit(region, folder, fits, record)
