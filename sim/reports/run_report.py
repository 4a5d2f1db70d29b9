"""One scenario run and its results folder: `run_scenario` loads, runs and judges a scenario,
then writes results/<region>/<scenario>/<run-id>/ at once (sim.runs.results.run_folder): the
netCDF Dataset, summary and indicator CSVs, the target tables, the resolved scenario and the
charts (drawn by ChartWorkers while this process writes the rest).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import xarray as xr
import yaml

from sim.analysis.targets import load_targets
from sim.analysis.verdicts import judge_all, verdict_records
from sim.core.paths import RESULTS_DIR
from sim.core.progress import Progress
from sim.inputs.region import Region
from sim.inputs.scenario import Scenario, load_scenario
from sim.reports.chart_jobs import ChartWorkers, draw_chart
from sim.reports.run_charts import chart_jobs
from sim.reports.verdict_tables import markdown, verdict_table
from sim.runs.results import indicator_table, new_run_id, run_folder, summary_table, write_netcdf
from sim.runs.simulate import DEFAULT_ENGINE, simulate


@dataclass(frozen=True)
class RunResult:
    scenario: Scenario
    region: Region
    dataset: xr.Dataset
    summary: pd.DataFrame
    folder: Path | None
    verdicts: list = field(default_factory=list)


def run_scenario(path: str | Path, out: str | Path | None = None, lang: str = "zh",
                 progress=None, write: bool = True, which: str = DEFAULT_ENGINE,
                 workers=None) -> RunResult:
    """Load, run and (unless write=False) save one scenario with its charts.

    `workers` (ChartWorkers, closed here) can be started by a caller before its own imports,
    so that they are ready to draw sooner; by default they start here.
    """
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


def start_charts(folder: Path, ds, summary, region, lang: str, scenario_name: str = "",
                 workers: ChartWorkers | None = None):
    """Start drawing the run's charts; returns a function that waits for them (and returns
    the paths written). Without workers they are drawn here, when it is called."""
    jobs = chart_jobs(ds, summary, region, scenario_name, lang, load_targets(region.name))
    if workers is None:
        return lambda: [Path(p) for job in jobs for p in draw_chart(job, str(folder))]
    return workers.submit(jobs, folder)



def write_verdicts(folder: Path, verdicts) -> None:
    """targets.csv (numbers) and targets_zh.md / targets_en.md (tables for people)."""
    verdict_records(verdicts).to_csv(folder / "targets.csv", index=False, float_format="%.10g")
    for lang in ("zh", "en"):
        (folder / f"targets_{lang}.md").write_text(markdown(verdict_table(verdicts, lang)),
                                                    encoding="utf-8")


def write_run_files(folder: Path, ds, summary, resolved: dict, region, scenario, lang: str,
                    workers: ChartWorkers | None = None, verdicts=()) -> None:
    # Charts first: the workers draw while this process writes the Dataset and the tables.
    charts_done = start_charts(folder, ds, summary, region, lang, scenario.name, workers)
    write_netcdf(ds, folder / "results.nc")
    summary.to_csv(folder / "summary.csv", float_format="%.10g")
    indicator_table(ds).to_csv(folder / "indicators.csv", float_format="%.10g")
    write_verdicts(folder, verdicts)
    (folder / "scenario_resolved.yaml").write_text(
        yaml.safe_dump(resolved, allow_unicode=True, sort_keys=False), encoding="utf-8")
    charts_done()
