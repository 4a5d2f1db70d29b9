"""Speed of the batch engine (sim.engines.batch) against PySD, on the Hangzhou baseline 2020-2035.

Prints, in one run: PySD's time per sample (sim.engines.pysd_runner.run_pysd, load + run, mean of
a few runs); the batch engine's time for N = 1, 100, 1,000 and 10,000 samples (best of a few runs;
10,000 only if memory allows) with the peak memory of each run (tracemalloc, a separate run);
the speed-up per sample against PySD at N = 1,000 (goal: at least 300x); and the time for
10,000 samples (goal: at most 30 s on 2 cores). Asserts nothing: goals are read from this
output, not unit tests.

Each sample varies the total fertility rate, the mortality level, net migration and the base
year's GPs, so the whole population, life table and workforce differ per sample (values the
samples share are computed once, so varying less would be faster).

Run: .venv/bin/python benchmarks/bench_batch.py [--repeat N] [--threads T]
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "hangzhou" / "baseline.yaml"
SIZES = (1, 100, 1_000, 10_000)


def sampled_inputs(inputs, n: int, seed: int = 0):
    """The scenario's inputs with four of them varied over `n` samples."""
    import xarray as xr

    rng = np.random.default_rng(seed)
    series = dict(inputs.series)
    for name, low, high in (("total fertility rate", 0.6, 1.4), ("mortality level", 0.8, 1.2),
                            ("net migrants total", 0.0, 2.0)):
        series[name] = inputs.series[name].to_numpy()[None] * rng.uniform(low, high, (n, 1))
    constants = dict(inputs.constants)
    constants["initial GPs"] = xr.DataArray(
        inputs.constants["initial GPs"] * rng.uniform(0.5, 2.0, n), dims=["sample"])
    return constants, series


def best_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_memory(fn) -> float:
    """Peak of memory allocated during fn() (NumPy arrays included), in MB."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def available_memory_mb() -> float:
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (ValueError, OSError, AttributeError):
        return float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None,
                        help="threads for the batch engine's chunks (default: one per CPU)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from sim.engines import pysd_runner as engine
    from sim.engines.batch import BatchModel
    from sim.inputs.region import load_region
    from sim.inputs.scenario import effective_series, load_scenario
    from sim.model import MODEL_FILE
    from sim.model.parameters import build_inputs

    scenario = load_scenario(SCENARIO)
    region = load_region(scenario.region)
    inputs = build_inputs(region, effective_series(scenario, region), scenario.start,
                          scenario.end)
    span = f"{inputs.start}-{inputs.end}"
    print(f"Hangzhou baseline {span}, {os.cpu_count()} CPUs, "
          f"batch engine threads: {args.threads or os.cpu_count()}")

    engine.run_pysd(inputs.constants, inputs.series, inputs.start, inputs.end)  # translate
    pysd_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        reference = engine.run_pysd(inputs.constants, inputs.series, inputs.start, inputs.end)
        pysd_times.append(time.perf_counter() - start)
    pysd = statistics.mean(pysd_times)
    print(f"PySD, per sample (run_pysd: load + run, mean of {args.repeat}): {pysd:8.3f} s")

    start = time.perf_counter()
    model = BatchModel.from_mdl(MODEL_FILE)
    print(f"batch engine, parse + compile the .mdl (once per process):  "
          f"{time.perf_counter() - start:8.3f} s")

    def run(n: int, constants=None, series=None):
        if constants is None:
            constants, series = sampled_inputs(inputs, n) if n > 1 else (inputs.constants,
                                                                          inputs.series)
        return model.run(constants, series, inputs.start, inputs.end, samples=n, time_step=1,
                         threads=args.threads)

    single = run(1)
    worst = max(float(np.max(np.abs(single[v].values - reference[v].values)
                             / np.maximum(np.abs(reference[v].values), 1e-12)))
                for v in reference.data_vars)
    print(f"batch engine N=1 against PySD: largest relative difference {worst:.1e}")

    results = {}
    for n in SIZES:
        constants, series = sampled_inputs(inputs, n) if n > 1 else (inputs.constants,
                                                                     inputs.series)
        if n == SIZES[-1]:
            need = 1.5 * results[SIZES[-2]][1] * n / SIZES[-2]
            if need > available_memory_mb():
                print(f"N={n:>6,}: skipped, needs about {need:,.0f} MB, "
                      f"{available_memory_mb():,.0f} MB available")
                continue
        repeat = args.repeat if n < 10_000 else 1
        this_size = functools.partial(run, n, constants, series)  # binds this n's inputs
        seconds = best_time(this_size, repeat)
        memory = peak_memory(this_size)
        results[n] = (seconds, memory)
        print(f"N={n:>6,}: {seconds:8.3f} s   {1000 * seconds / n:8.3f} ms/sample   "
              f"peak memory {memory:8.1f} MB")

    per_sample = results[1_000][0] / 1_000
    print(f"speed-up per sample at N=1,000: {pysd / per_sample:,.0f}x   (goal: >= 300x)")
    if 10_000 in results:
        print(f"10,000 samples {span}: {results[10_000][0]:.1f} s   (goal: <= 30 s on 2 cores)")


if __name__ == "__main__":
    main()
