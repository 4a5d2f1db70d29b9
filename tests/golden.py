"""Golden baseline: the Hangzhou baseline's yearly summary, checked in.

After an intended change of model or data, rewrite it and review the diff:

    .venv/bin/python -m tests.golden --update      (or: make golden)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

GOLDEN_DIR = Path(__file__).parent / "golden"
CASES = {"hangzhou_baseline": "hangzhou/baseline.yaml"}


def compute(case: str) -> pd.DataFrame:
    """The yearly population summary and health indicators, side by side."""
    from sim.core.paths import SCENARIOS_DIR
    from sim.inputs.scenario import load_scenario
    from sim.runs.results import indicator_table, summary_table
    from sim.runs.simulate import simulate

    _, ds, _ = simulate(load_scenario(SCENARIOS_DIR / CASES[case]))
    return summary_table(ds).join(indicator_table(ds))


def golden_path(case: str) -> Path:
    return GOLDEN_DIR / f"{case}.csv"


def read(case: str) -> pd.DataFrame:
    return pd.read_csv(golden_path(case), index_col="year")


def update() -> None:
    for case in CASES:
        compute(case).to_csv(golden_path(case), float_format="%.17g")
        print(f"wrote {golden_path(case)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite the golden files")
    if parser.parse_args().update:
        update()
    else:
        parser.print_help()
