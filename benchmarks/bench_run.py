"""Speed of the model: PySD translation, per-run time, and `sim run` end to end.

Prints the figures; asserts nothing (speed goals are read from this output, not unit tests).
Run: .venv/bin/python benchmarks/bench_run.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "hangzhou" / "baseline.yaml"


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def describe(times: list[float]) -> str:
    return (f"median {statistics.median(times):7.3f} s   min {min(times):7.3f} s   "
            f"max {max(times):7.3f} s   (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from sim.engines import pysd_runner as engine
    from sim.inputs.region import load_region
    from sim.inputs.scenario import effective_series, load_scenario
    from sim.model.parameters import build_inputs

    with tempfile.TemporaryDirectory() as cache:
        os.environ["HEALTH_SIM_CACHE"] = cache
        translate = timed(lambda: engine.translated_model_path(), 1)
        print(f"PySD translation of the .mdl (cold cache):  {describe(translate)}")

        scenario = load_scenario(SCENARIO)
        region = load_region(scenario.region)
        series = effective_series(scenario, region)
        prepare = timed(lambda: build_inputs(region, series, scenario.start, scenario.end),
                        args.repeat)
        print(f"model inputs (incl. mortality level solve): {describe(prepare)}")
        inputs = build_inputs(region, series, scenario.start, scenario.end)
        run = timed(lambda: engine.run_pysd(inputs.constants, inputs.series, inputs.start,
                                            inputs.end), args.repeat)
        print(f"PySD load + run {inputs.start}-{inputs.end} (per run):     {describe(run)}")

        from sim.engines.batch import run_batch

        run_batch(inputs.constants, inputs.series, inputs.start, inputs.end)  # compile once
        batch = timed(lambda: run_batch(inputs.constants, inputs.series, inputs.start,
                                        inputs.end), args.repeat)
        print(f"batch engine run (per run, compiled):       {describe(batch)}")

        with tempfile.TemporaryDirectory() as out:
            command = [sys.executable, "-m", "sim", "run", str(SCENARIO), "--out", out,
                       "--quiet"]
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)  # warm
            end_to_end = timed(lambda: subprocess.run(command, cwd=ROOT, check=True,
                                                      capture_output=True), args.repeat)
            baseline_interpreter = timed(lambda: subprocess.run(
                [sys.executable, "-c", "pass"], check=True), args.repeat)
        print(f"`python -m sim run` warm, end to end:       {describe(end_to_end)}")
        print(f"  (bare `python -c pass` for reference:     {describe(baseline_interpreter)})")


if __name__ == "__main__":
    main()
