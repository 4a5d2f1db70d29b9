"""Time to calibrate each region (`python -m sim calibrate REGION`, on a copy of the data), by
window, and what the same model runs would cost with PySD.

For each region prints the whole command's time (least squares of every window, the forward
window's posterior sample where the fit is accepted, fit charts), then per window: its seconds,
its model runs and the PySD equivalent = the model runs x one PySD run (load + run, mean of 3,
timed in this script) of as many model years as the window, from 2020 with the region's
profile inputs (PySD cannot start in 2010: INITIAL TIME is 2020; the cost of a run is the
cost of its years). Goals (issue 13): the health calibration of one region <= 120 s on 2
cores, the posterior <= 5 minutes (benchmarks/bench_posterior.py). Asserts nothing.

Run: .venv/bin/python benchmarks/bench_calibrate.py [--regions china hangzhou lishui jiamusi]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sim.core.paths import CALIBRATION_DIR  # noqa: E402
from sim.engines import pysd_runner  # noqa: E402
from sim.inputs.keys import BASE_YEAR  # noqa: E402
from sim.inputs.region import load_region  # noqa: E402
from sim.model.parameters import build_inputs  # noqa: E402
from sim.reports.calibration_report import calibrate  # noqa: E402


def pysd_seconds(region_name: str, years: int, root: Path, repeat: int = 3) -> float:
    """Mean time of one PySD run (load + run) of `years` model years from 2020."""
    region = load_region(region_name, root)
    shared = build_inputs(region, region.defaults, BASE_YEAR, BASE_YEAR + years - 1)
    run = lambda: pysd_runner.run_pysd(shared.constants, dict(shared.series),  # noqa: E731
                                       shared.start, shared.end)
    run()   # translated once
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.mean(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", nargs="+",
                        default=["china", "hangzhou", "lishui", "jiamusi"])
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; goals: health window <= 120 s, posterior <= 300 s")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "calibration"
        shutil.copytree(CALIBRATION_DIR, copy)
        calibrate("hangzhou", calibration_dir=copy, charts=False,
                  posterior=False)   # warm: model compiled
        for region in args.regions:
            start = time.perf_counter()
            record = calibrate(region, calibration_dir=copy)
            seconds = time.perf_counter() - start
            print(f"{region:<9} {seconds:6.1f} s whole command (posterior: "
                  f"{'sampled' if 'posterior' in record else 'not sampled'}; passed: "
                  f"{record['passed']})")
            for name, window in record["windows"].items():
                first, last = window["period"]
                pysd = pysd_seconds(region, last - first + 1, copy)
                runs = window["model_runs"]
                print(f"  {name:<9} {window['seconds']:6.1f} s, {runs:5d} model runs; PySD run "
                      f"of {last - first + 1} years {pysd:.2f} s -> PySD-equivalent "
                      f"{runs * pysd / 60:6.1f} min, {runs * pysd / window['seconds']:5.0f}x")


if __name__ == "__main__":
    main()
