"""Time to sample the posterior of each region's forward fit (sim.analysis.calibration.posterior,
the step `python -m sim calibrate` adds after the least squares), and what the same model
evaluations would cost with PySD.

For each region prints: the sampling time (emcee, 64 walkers x 1,800 steps, the batch engine
running each half-ensemble as one batch), the model runs it made, the diagnostics (acceptance,
largest integrated autocorrelation time, smallest effective sample size), and the PySD
equivalent: one PySD run of the same window (run_pysd: load + run, mean of 3, timed here)
times the number of model runs, as a ratio to the sampling time. Goal (issue 13): <= 5 minutes
per region on 2 cores. Asserts nothing.

Run: .venv/bin/python benchmarks/bench_posterior.py [--regions hangzhou lishui jiamusi]
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

from sim.analysis.calibration.posterior import window_posterior  # noqa: E402
from sim.analysis.calibration.runner import window_problem  # noqa: E402
from sim.analysis.calibration.windows import forward_window, read_history  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", nargs="+", default=["hangzhou", "lishui", "jiamusi"])
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; goal: <= 300 s per region")
    for name in args.regions:
        region = load_region(name, use_fit=False)
        window = forward_window(region, read_history(name))
        _, problem = window_problem(region, window)
        problem.simulate(problem.unscale([[0.5] * len(window.parameters)]))  # warm: compiled
        post = window_posterior(problem, seed=0)
        d = post.diagnostics
        pysd = pysd_seconds(region, window)
        equivalent = pysd * post.evaluations
        print(f"{name:<9} sampling {post.seconds:6.1f} s, {post.evaluations:,} model runs; "
              f"acceptance {d['acceptance_fraction_mean']:.2f}; tau_int max "
              f"{max(d['autocorrelation_time_steps'].values()):.1f} steps "
              f"(kept steps / tau_int {d['kept_steps_per_autocorrelation_time']:.0f}); ESS min "
              f"{min(d['effective_sample_size'].values()):,.0f}")
        print(f"{'':<9} PySD run of the window {pysd:.3f} s -> PySD-equivalent "
              f"{equivalent / 3600:,.1f} h, {equivalent / post.seconds:,.0f}x the sampling time")


if __name__ == "__main__":
    main()
