"""`python -m sim calibrate REGION`: fit the region (sim.analysis.calibration.fit), write
calibration/<region>/fit.yaml, the posterior samples fit/posterior.csv (forward window) and
fit/health_posterior.csv (health window, China) and the fit charts beside it
(sim.reports.fitcharts).

fit.yaml is written in every case (whether or not the acceptance rule holds); the command
exits with status 1 unless every window is accepted and validated (sim.interfaces.cli).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from sim.analysis.calibration.fit import fit_region
from sim.analysis.calibration.record import staged_fit
from sim.analysis.calibration.runner import WindowFit
from sim.core.paths import FIT_CHART_DIR, FIT_FILE
from sim.inputs.posterior import posterior_path
from sim.reports.fitcharts import draw_fit_charts


def calibrate(region_name: str, seed: int = 0, starts: int = 3, progress=None,
              calibration_dir: Path | None = None, charts: bool = True,
              posterior: bool | dict = True) -> dict:
    """Fit the windows, write calibration/<region>/fit.yaml, the posterior samples of the
    forward and health windows (fit/posterior.csv, fit/health_posterior.csv, each when its
    window is accepted and `posterior` is not False;
    a dict sets the sampler, e.g. {"steps": 200}) and the fit charts; return the record. The
    record's `passed` says whether the acceptance rule holds."""
    settings = None if posterior is False else ({} if posterior is True else dict(posterior))
    result = fit_region(region_name, seed=seed, starts=starts, progress=progress,
                        calibration_dir=calibration_dir, posterior=settings)
    folder = result.folder
    with staged_fit(folder, result.record):    # fit.yaml replaced only if the charts succeed
        if charts:   # the charts' titles name the region, in Chinese and English
            replace_fit_charts(result.fits, folder, result.region)
        write_posterior(folder, result.posterior)
        write_posterior(folder, result.health_posterior, "health")
    if progress:
        written = f" and {folder / FIT_CHART_DIR}/" if charts else ""
        sample = "".join(f", {posterior_path(folder, kind)}" for kind, text in
                         (("forward", result.posterior), ("health", result.health_posterior))
                         if text)
        progress(f"wrote {folder / FIT_FILE}{sample}{written}")
    return result.record


def write_posterior(folder: Path, text: str | None, kind: str = "forward") -> None:
    """Write the posterior sample of `kind` (sim.inputs.posterior.KINDS) whole (a file beside
    it, renamed); with none, remove an old one, which would belong to another fit."""
    path = posterior_path(folder, kind)
    if text is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def replace_fit_charts(fits: list[WindowFit], folder: Path, region) -> None:
    """Draw the fit charts into a folder beside the chart folder, then put it in its place
    (the old charts go only when every new one is drawn)."""
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=".fit-charts-"))
    try:
        draw_fit_charts(fits, staging, region)
        target = folder / FIT_CHART_DIR
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
