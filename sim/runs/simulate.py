"""One model run of a loaded scenario: region defaults + scenario values -> model inputs ->
an engine -> a described results Dataset (units, long names, provenance attributes).

Nothing is written here; sim.reports.run_report writes a run's folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.metadata import version
from typing import Protocol

import pandas as pd
import xarray as xr

from sim.core.errors import SimError
from sim.engines import pysd_runner as engine
from sim.engines.batch import run_batch
from sim.inputs.region import Region, load_region
from sim.inputs.scenario import Scenario, effective_series
from sim.model import model_sha256
from sim.model.parameters import build_inputs
from sim.runs.results import describe, provenance


def resolved_scenario(scenario: Scenario, region: Region) -> dict:
    """Everything the run used: the scenario in scenario-file form with every key's effective
    series (Scenario.resolved), the files read, and which keys took the region's default."""
    resolved = scenario.resolved(region)
    resolved["files"] = [str(p) for p in scenario.chain]
    resolved["from_region_profile"] = sorted(k for k in effective_series(scenario, region)
                                             if k not in scenario.values)
    return resolved


ENGINES = ("batch", "pysd")
DEFAULT_ENGINE = "batch"


class ModelRunner(Protocol):
    """What `model_runner` returns: (constants, series, start, end) -> the run's Dataset."""

    def __call__(self, constants: dict[str, xr.DataArray | float], series: dict[str, pd.Series],
                 start: int, end: int, *, progress: Callable[[str], object] | None = None
                 ) -> xr.Dataset: ...


def model_runner(which: str = DEFAULT_ENGINE) -> ModelRunner:
    """The function that runs the model: the batch NumPy engine (default, fast) or PySD (the
    reference; `--engine pysd` cross-checks). Both take (constants, series, start, end)."""
    if which == "pysd":
        return engine.run_pysd
    if which == "batch":
        return run_batch
    raise SimError(f"unknown engine {which!r}; allowed: {', '.join(ENGINES)}")


def simulate(scenario: Scenario, progress=None, which: str = DEFAULT_ENGINE,
             calibration_dir: str | os.PathLike[str] | None = None
             ) -> tuple[Region, xr.Dataset, dict]:
    """Run the model for a loaded scenario; return the region, the described Dataset and the
    resolved scenario. `calibration_dir`: where the region's folder is (default the project's
    calibration/; a draft region elsewhere, e.g. one built from tables in a test)."""
    region = load_region(scenario.region, calibration_dir)
    series = effective_series(scenario, region)
    inputs = build_inputs(region, series, scenario.start, scenario.end)
    ds = model_runner(which)(inputs.constants, inputs.series, scenario.start, scenario.end,
                             progress=progress)
    resolved = resolved_scenario(scenario, region)
    attrs = provenance(scenario, resolved, region, model_sha256(), engine_name(which))
    return region, describe(ds, attrs), resolved


def engine_name(which: str = DEFAULT_ENGINE) -> str:
    """The engine as recorded in provenance, with the versions that computed the run."""
    if which == "batch":
        return (f"batch engine (numpy {version('numpy')}; model parsed by pysd "
                f"{version('pysd')})")
    return f"pysd {version('pysd')}"
