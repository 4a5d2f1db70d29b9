"""Running and fitting one calibration window: `WindowModel` runs the window's model for many
parameter sets at once with the batch engine; `calibrate_window` estimates the window's
parameters (sim.analysis.calibration.estimate) and judges the fit by the acceptance rule.

Rule, per window: *accepted* when every fitted series has a MAPE below `ACCEPT_MAPE`;
*validated* when every held-out series does too (a window with nothing held out is not
validated).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from sim.analysis.calibration.estimate import Estimate, Problem, estimate, identifiability
from sim.analysis.calibration.fitstats import fit_stats
from sim.analysis.calibration.windows import Window, simulated_at
from sim.core.errors import SimError
from sim.engines.batch import BatchModel
from sim.inputs.keys import KEYS
from sim.inputs.national import mortality_standard
from sim.inputs.region import Region
from sim.model import MODEL_FILE, mortality
from sim.model.outputs import BY_NAME
from sim.model.parameters import (
    LIFE_EXPECTANCY_KEY,
    SEX_RATIO_KEY,
    build_inputs,
    infant_separation_factors,
)

#: Accepted / validated: the MAPE of every fitted / held-out series is below this (the rule
#: issue 6 gives as its example; a convention, not a statistical test).
ACCEPT_MAPE = 0.05


class WindowModel:
    """Runs a window's model for parameter sets (k, p) with the batch engine."""

    def __init__(self, region: Region, window: Window):
        self.window, self.model = window, BatchModel.from_mdl(MODEL_FILE)
        shared = build_inputs(region, window.base_series, window.start, window.end)
        self.constants = dict(shared.constants)
        if window.initial_population is not None:
            self.constants["initial population"] = window.initial_population
        # converted once: a posterior sampler runs these constants thousands of times
        self.constants = self.model.prepared(self.constants)
        self.series = dict(shared.series)
        standard = mortality_standard()
        self.standard = {s: standard.sel(sex=s).values for s in ("female", "male")}
        self.a0 = infant_separation_factors(standard)
        self.srb = window.base_series[SEX_RATIO_KEY].values(window.years)
        self.runs = 0
        self.outputs = {name: BY_NAME[name].model for name in window.outputs}

    def run(self, x: np.ndarray) -> xr.Dataset:
        x = np.atleast_2d(np.asarray(x, dtype=float))
        k = x.shape[0]
        series: dict[str, pd.Series | np.ndarray] = dict(self.series)
        for key, path in self.window.paths(x).items():
            if key == LIFE_EXPECTANCY_KEY:
                series["mortality level"] = np.stack([
                    mortality.solve_level_path(row, self.standard, self.a0, self.srb)
                    for row in path])
            else:
                series[KEYS[key].model_variable] = np.ascontiguousarray(path)
        constants: dict[str, np.ndarray | xr.DataArray | float] = dict(self.constants)
        if self.window.constants is not None:
            constants.update(self.window.constants(x))
        self.runs += k
        # Yearly outputs (saveper=1): observations are matched to them by year.
        return self.model.run(constants, series, self.window.start, self.window.end,
                              samples=k, saveper=1, outputs=self.outputs, threads=1,
                              backcast=self.window.initial_population is not None)

    def observed_values(self, x: np.ndarray, rows: pd.DataFrame) -> np.ndarray:
        ds = self.run(x)
        out = np.empty((np.atleast_2d(x).shape[0], len(rows)))
        for series, group in rows.groupby("series", sort=False):
            idx = rows.index.get_indexer(group.index)
            out[:, idx] = simulated_at(ds, str(series), group["time"].to_numpy(),  # names: str
                                       self.window.observable)
        return out


@dataclass
class WindowFit:
    window: Window
    estimate: Estimate
    identifiability: dict
    simulated: pd.DataFrame        # the observations with `simulated` (at the estimate)
    stats: dict[str, dict]         # series -> role, n, mape, rmse, u_m, u_s, u_c
    accepted: bool                 # every fitted series within ACCEPT_MAPE
    validated: bool | None         # every held-out series within ACCEPT_MAPE (None: none)
    seconds: float
    dataset: xr.Dataset            # the run at the estimate (for charts)


def window_problem(region: Region, window: Window) -> tuple[WindowModel, Problem]:
    """The window's model and its estimation problem: its parameters, simulated against the
    observations marked `fit`, with their assumed errors."""
    fit_rows = window.observations.of_role("fit")
    runner = WindowModel(region, window)
    return runner, Problem(window.parameters, lambda x: runner.observed_values(x, fit_rows),
                           fit_rows["value"].to_numpy(float), fit_rows["sigma"].to_numpy(float))


def calibrate_window(region: Region, window: Window, *, seed: int, starts: int,
                     progress=None) -> WindowFit:
    """Estimate the window's parameters from its `fit` observations and judge the fit."""
    began = time.perf_counter()
    fit_rows = window.observations.of_role("fit")
    if fit_rows.empty:
        raise SimError(f"{region.name}: no observation to fit the {window.name} window to "
                       f"(calibration/{region.name}/history.csv)")
    runner, problem = window_problem(region, window)
    result = estimate(problem, starts=starts, seed=seed, progress=progress)
    report = identifiability(problem, result.jacobian)
    table = window.observations.table.copy()
    ds = runner.run(result.values[None])
    table["simulated"] = runner.observed_values(result.values[None], table)[0]
    stats: dict[str, dict] = {}
    for (series, role), group in table.groupby(["series", "role"]):
        s = fit_stats(group["simulated"], group["value"]).to_dict()
        stats[f"{series} ({role})"] = {"series": series, "role": role, **s}

    def within(role) -> bool | None:   # None: no series of that role to judge
        mapes = [s["mape"] for s in stats.values() if s["role"] == role]
        return all(m < ACCEPT_MAPE for m in mapes) if mapes else None

    return WindowFit(window, result, report, table, stats, bool(within("fit")),
                     within("check"), time.perf_counter() - began, ds)
