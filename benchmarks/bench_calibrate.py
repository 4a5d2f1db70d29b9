"""Time to calibrate each region (`python -m sim calibrate REGION`), on a copy of the data.

Prints the figures; asserts nothing. Target (issue 6): <= 60 s per region on 2 cores.
Run: .venv/bin/python benchmarks/bench_calibrate.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sim.core.paths import CALIBRATION_DIR  # noqa: E402
from sim.reports.calibration_report import calibrate  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "calibration"
        shutil.copytree(CALIBRATION_DIR, copy)
        calibrate("hangzhou", calibration_dir=copy, charts=False)   # warm: model compiled
        for region in ("hangzhou", "lishui", "jiamusi"):
            start = time.perf_counter()
            record = calibrate(region, calibration_dir=copy)
            seconds = time.perf_counter() - start
            runs = sum(w["model_runs"] for w in record["windows"].values())
            print(f"{region:<9} {seconds:6.1f} s  ({runs} model runs, fit charts included; "
                  f"passed: {record['passed']})")


if __name__ == "__main__":
    main()
