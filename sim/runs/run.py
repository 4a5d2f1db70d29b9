"""The pipeline of one run: scenario -> region data -> model inputs -> engine -> results folder."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import xarray as xr

from sim.engines import pysd_runner as engine
from sim.model import model_sha256
from sim.core.errors import SimError
from sim.model.parameters import build_inputs
from sim.core.paths import RESULTS_DIR
from sim.inputs.region import Region, load_region
from sim.runs.results import describe, new_run_id, provenance, run_folder, summary_table
from sim.inputs.scenario import Scenario, effective_series, load_scenario
from sim.analysis.targets import load_targets
from sim.analysis.verdicts import judge_all


@dataclass(frozen=True)
class RunResult:
    scenario: Scenario
    region: Region
    dataset: xr.Dataset
    summary: pd.DataFrame
    folder: Path | None
    verdicts: list = field(default_factory=list)


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


def model_runner(which: str = DEFAULT_ENGINE):
    """The function that runs the model: the batch NumPy engine (default, fast) or PySD (the
    reference; `--engine pysd` cross-checks). Both take (constants, series, start, end)."""
    if which == "pysd":
        return engine.run_pysd
    if which == "batch":
        from sim.engines.batch import run_batch

        return run_batch
    raise SimError(f"unknown engine {which!r}; allowed: {', '.join(ENGINES)}")


def simulate(scenario: Scenario, progress=None, which: str = DEFAULT_ENGINE
             ) -> tuple[Region, xr.Dataset, dict]:
    """Run the model for a loaded scenario; return the region, the described Dataset and the
    resolved scenario."""
    region = load_region(scenario.region)
    series = effective_series(scenario, region)
    inputs = build_inputs(region, series, scenario.start, scenario.end)
    ds = model_runner(which)(inputs.constants, inputs.series, scenario.start, scenario.end,
                             progress=progress)
    resolved = resolved_scenario(scenario, region)
    attrs = provenance(scenario, resolved, region, model_sha256(), engine_name(which))
    return region, describe(ds, attrs), resolved


def engine_name(which: str = DEFAULT_ENGINE) -> str:
    from importlib.metadata import version

    if which == "batch":
        return (f"batch engine (numpy {version('numpy')}; model parsed by pysd "
                f"{version('pysd')})")
    return f"pysd {version('pysd')}"


def run_scenario(path: str | Path, out: str | Path | None = None, lang: str = "zh",
                 progress=None, write: bool = True, which: str = DEFAULT_ENGINE,
                 workers=None) -> RunResult:
    """Load, run and (unless write=False) save one scenario with its charts.

    `workers` (sim.reports.run_report.ChartWorkers, closed here) can be started by a caller before its own
    imports, so that they are ready to draw sooner; by default they start here.
    """
    from sim.reports.run_report import ChartWorkers, write_run_files

    progress = progress or Progress(enabled=False)
    scenario = load_scenario(path)
    targets = load_targets(scenario.region)
    if not write:
        if workers:
            workers.close()
        region, ds, _ = simulate(scenario, progress, which)
        return RunResult(scenario, region, ds, summary_table(ds), None, judge_all(ds, targets))
    progress(f"scenario {scenario.name} ({scenario.region}, {scenario.start}-{scenario.end})")
    with workers or ChartWorkers() as workers:  # they start up while the model runs
        region, ds, resolved = simulate(scenario, progress, which)
        summary = summary_table(ds)
        verdicts = judge_all(ds, targets)
        progress("writing results and charts")
        run_id = new_run_id(scenario.sha256)
        with run_folder(Path(out) if out else RESULTS_DIR, scenario.region, scenario.name,
                        run_id) as (work, final):
            write_run_files(work, ds, summary, resolved, region, scenario, lang, workers,
                            verdicts)
    return RunResult(scenario, region, ds, summary, final["path"], verdicts)
