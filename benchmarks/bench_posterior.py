"""Time to sample the posterior of each region's forward fit (sim.analysis.calibration.posterior,
the step `python -m sim calibrate` adds after the least squares), and what the same model
evaluations would cost with PySD.

For each region prints: the sampling time (emcee, 64 walkers x 1,800 steps, the batch engine
running each half-ensemble as one batch), the model runs it made, the diagnostics (acceptance,
largest integrated autocorrelation time, smallest effective sample size), and the PySD
equivalent: one PySD run of the same window (run_pysd: load + run, mean of 3, timed here)
times the number of model runs, as a ratio to the sampling time. Goal (issue 13): <= 5 minutes
per region on 2 cores. Asserts nothing.

With --health: the health window's posterior of China instead (64 walkers x 2,000 steps from
around the least squares, as `python -m sim calibrate china` samples it; the backcast and the
health window's least squares are fitted first, untimed); its PySD equivalent is a PySD run of
as many model years (15) from 2020 with the profile's inputs (PySD cannot start in 2010: INITIAL
TIME is 2020; a run's cost is the cost of its years), as benchmarks/bench_calibrate.py does.

Run: .venv/bin/python benchmarks/bench_posterior.py [--regions hangzhou lishui jiamusi]
     .venv/bin/python benchmarks/bench_posterior.py --health
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from sim.analysis.calibration.health_window import health_window  # noqa: E402
from sim.analysis.calibration.posterior import (  # noqa: E402
    HEALTH_BURN,
    HEALTH_STEPS,
    HEALTH_WALKERS,
    laplace_start,
    window_posterior,
)
from sim.analysis.calibration.runner import calibrate_window, window_problem  # noqa: E402
from sim.analysis.calibration.windows import (  # noqa: E402
    backcast_window,
    forward_window,
    read_history,
)
from sim.core.paths import CALIBRATION_DIR  # noqa: E402
from sim.engines import pysd_runner  # noqa: E402
from sim.inputs.keys import KEYS  # noqa: E402
from sim.inputs.region import load_region  # noqa: E402
from sim.model.parameters import build_inputs  # noqa: E402


def pysd_seconds(region, window, repeat: int = 3) -> float:
    """Mean time of one PySD run (load + run) of the window at its start values."""
    import numpy as np

    shared = build_inputs(region, window.base_series, window.start, window.end)
    series = dict(shared.series)
    start = np.array([[q.start for q in window.parameters]])
    for key, path in window.paths(start).items():
        series[KEYS[key].model_variable] = pd.Series(path[0], index=window.years)
    pysd_runner.run_pysd(shared.constants, series, window.start, window.end)  # translate
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        pysd_runner.run_pysd(shared.constants, series, window.start, window.end)
        times.append(time.perf_counter() - began)
    return statistics.mean(times)


def pysd_years_seconds(region, years: int, repeat: int = 3) -> float:
    """Mean time of one PySD run (load + run) of `years` model years from 2020."""
    shared = build_inputs(region, region.defaults, 2020, 2020 + years - 1)
    pysd_runner.run_pysd(shared.constants, dict(shared.series), shared.start, shared.end)
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        pysd_runner.run_pysd(shared.constants, dict(shared.series), shared.start, shared.end)
        times.append(time.perf_counter() - began)
    return statistics.mean(times)


def report(name: str, post, pysd: float, what: str) -> None:
    d = post.diagnostics
    equivalent = pysd * post.evaluations
    print(f"{name:<9} sampling {post.seconds:6.1f} s, {post.evaluations:,} model runs; "
          f"acceptance {d['acceptance_fraction_mean']:.2f}; tau_int max "
          f"{max(d['autocorrelation_time_steps'].values()):.1f} steps "
          f"(kept steps / tau_int {d['kept_steps_per_autocorrelation_time']:.0f}); ESS min "
          f"{min(d['effective_sample_size'].values()):,.0f}")
    print(f"{'':<9} PySD run of {what} {pysd:.3f} s -> PySD-equivalent "
          f"{equivalent / 3600:,.1f} h, {equivalent / post.seconds:,.0f}x the sampling time")


def health() -> None:
    """China's health-window posterior, as `python -m sim calibrate china` samples it."""
    region = load_region("china", use_fit=False)
    history = read_history("china")
    backcast = calibrate_window(region, backcast_window(region, history,
                                                       CALIBRATION_DIR / "china"),
                                seed=0, starts=3)
    window = health_window(region, history, backcast)
    fit = calibrate_window(region, window, seed=0, starts=3)
    _, problem = window_problem(region, window)
    post = window_posterior(problem, seed=0, walkers=HEALTH_WALKERS, steps=HEALTH_STEPS,
                            burn=HEALTH_BURN, around=laplace_start(problem, fit.estimate))
    report("china", post, pysd_years_seconds(region, window.end - window.start + 1),
           f"{window.end - window.start + 1} model years")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", nargs="+", default=["hangzhou", "lishui", "jiamusi"])
    parser.add_argument("--health", action="store_true",
                        help="China's health-window posterior instead of the forward ones")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; goal: <= 300 s per region")
    if args.health:
        health()
        return
    for name in args.regions:
        region = load_region(name, use_fit=False)
        window = forward_window(region, read_history(name))
        _, problem = window_problem(region, window)
        problem.simulate(problem.unscale([[0.5] * len(window.parameters)]))  # warm: compiled
        post = window_posterior(problem, seed=0)
        report(name, post, pysd_seconds(region, window), "the window")


if __name__ == "__main__":
    main()
