"""Shared test helpers: baseline inputs of a region, and inputs with some paths replaced."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from sim.core.paths import CALIBRATION_DIR, SCENARIOS_DIR
from sim.engines import pysd_runner as engine
from sim.engines.batch import run_batch
from sim.inputs.region import load_region
from sim.inputs.scenario import effective_series, load_scenario
from sim.inputs.timeseries import parse_series
from sim.model.parameters import ModelInputs, build_inputs

REGIONS = ("hangzhou", "lishui", "jiamusi")


def baseline_path(region: str):
    return SCENARIOS_DIR / region / "baseline.yaml"


@cache
def baseline_series(region: str):
    scenario = load_scenario(baseline_path(region))
    return scenario, load_region(region), effective_series(scenario, load_region(region))


def inputs_for(region: str, **overrides) -> ModelInputs:
    """Inputs of the region's baseline, with scenario keys overridden by constants, e.g.
    inputs_for("hangzhou", **{"population.life_expectancy": 100})."""
    scenario, reg, series = baseline_series(region)
    series = dict(series)
    for key, value in overrides.items():
        series[key.replace("__", ".")] = parse_series(value, "test", key)
    return build_inputs(reg, series, scenario.start, scenario.end)


def with_model_series(inputs: ModelInputs, **values) -> ModelInputs:
    """Replace model variables' yearly paths by constants or by arrays of one value a year
    (names with _ for spaces)."""
    series = dict(inputs.series)
    years = np.arange(inputs.start, inputs.end + 1)
    for name, value in values.items():
        path = np.broadcast_to(np.asarray(value, dtype=float), years.shape)
        series[name.replace("_", " ")] = pd.Series(path.copy(), index=years)
    return dataclasses.replace(inputs, series=series)


def run(inputs: ModelInputs):
    """The model run of `inputs` on the batch engine (0.05 s; PySD takes 1-3 s). The validity
    tests use it; tests/engines/test_batch_engine.py holds it equal to PySD, the reference, on
    every library scenario and on the validity tests' extreme inputs."""
    return run_batch(inputs.constants, inputs.series, inputs.start, inputs.end)


def run_reference(inputs: ModelInputs):
    """The same run on PySD, the reference engine."""
    return engine.run_pysd(inputs.constants, inputs.series, inputs.start, inputs.end)


def assert_mass_balance(ds, tolerance: float = 1e-9) -> None:
    """P(t+1) = P(t) + births - deaths + net migration every year, to `tolerance` relative."""
    pop = ds["total_population"].values
    change = (ds["total_births"] - ds["total_deaths"] + ds["total_net_migration"]).values
    gap = pop[1:] - (pop[:-1] + change[:-1])
    assert np.max(np.abs(gap) / pop[1:]) < tolerance


def short_baseline(folder: Path, end: int, extra: str = "") -> Path:
    """A scenario file in `folder`: Hangzhou's baseline cut at `end` (fast runs), with
    `extra` YAML lines appended (e.g. an assumption held fixed)."""
    path = Path(folder) / "short.yaml"
    path.write_text(f"name: short\nextends: {baseline_path('hangzhou')}\n"
                    f"years: {{end: {end}}}\n{extra}", encoding="utf-8")
    return path


def edit_at(path: str, value) -> Callable[[dict], None]:
    """Edit of a parsed YAML mapping that sets (or with value=None deletes) the entry at
    `path`, keys separated by "/" (profile keys themselves contain dots)."""
    *parents, last = path.split("/")

    def edit(data: dict) -> None:
        node = data
        for key in parents:
            node = node[key]
        if value is None:
            del node[last]
        else:
            node[last] = value
    return edit


#: Every scenario of the library, in a stable order (test ids region/name).
LIBRARY = sorted(SCENARIOS_DIR.glob("*/*.yaml"))


def library_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def scenario_inputs(path: Path) -> ModelInputs:
    """The model inputs of a scenario file: region defaults overlaid with its values."""
    scenario = load_scenario(path)
    region = load_region(scenario.region)
    return build_inputs(region, effective_series(scenario, region), scenario.start, scenario.end)


@cache
def library_run(path: Path) -> xr.Dataset:
    """The batch engine's run of a library scenario, once per test session: the library test
    (every scenario runs and balances) and the engine-agreement test (batch = PySD) read the
    same run instead of simulating the 15 scenarios twice."""
    inputs = scenario_inputs(path)
    return run_batch(inputs.constants, inputs.series, inputs.start, inputs.end)


def copy_regions(root: Path, *names: str, ignore: tuple[str, ...] = ()) -> Path:
    """A calibration folder `root` holding copies of the project's region folders `names`
    (and `common/`), without the files matching `ignore`: data a test may edit."""
    for name in (*names, "common"):
        shutil.copytree(CALIBRATION_DIR / name, root / name,
                        ignore=shutil.ignore_patterns(*ignore) if ignore else None)
    return root


def edit_history(root: Path, region: str) -> bytes:
    """Append an empty line to the copy's `region`/history.csv (same rows, another hash: what
    a fit or posterior made from the file must notice); return the bytes it had."""
    history = root / region / "history.csv"
    text = history.read_bytes()
    history.write_bytes(text + b"\n")
    return text
