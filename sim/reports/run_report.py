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
from sim.inputs.region import Region, load_region
from sim.inputs.scenario import Scenario, effective_series, load_scenario
from sim.model import model_sha256
from sim.reports.chart_jobs import ChartWorkers, draw_chart
from sim.reports.labels import region_name
from sim.reports.labels import t as label
from sim.reports.observed import load_observed
from sim.reports.run_charts import chart_jobs
from sim.reports.text_table import text_table
from sim.reports.verdict_tables import markdown, verdict_table
from sim.reports.workbook import WORKBOOK_FILE, write_workbook
from sim.runs.results import (
    DATASET_FILE,
    indicator_table,
    latest_same_run,
    new_run_id,
    provenance,
    run_folder,
    summary_table,
    write_csv,
    write_netcdf,
)
from sim.runs.simulate import DEFAULT_ENGINE, engine_name, resolved_scenario, simulate


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


def judge_scenario(path: str | Path, out: str | Path | None = None, progress=None,
                   which: str = DEFAULT_ENGINE) -> RunResult:
    """The verdicts of a scenario without a new results folder: read from the latest run folder
    of the unchanged scenario (same scenario files and effective inputs, region data, model and
    engine: sim.runs.results.latest_same_run) when there is one (its `folder`), else from a run
    that writes nothing and draws no charts (`folder` None)."""
    progress = progress or Progress(enabled=False)
    scenario = load_scenario(path)
    region = load_region(scenario.region)
    attrs = provenance(scenario, resolved_scenario(scenario, region), region, model_sha256(),
                       engine_name(which))
    folder = latest_same_run(Path(out) if out else RESULTS_DIR, scenario.region, scenario.name,
                             attrs)
    if folder is None:
        progress(f"scenario {scenario.name}: no earlier run of these inputs; running it "
                 "(no results folder, no charts)")
        return run_scenario(path, progress=progress, write=False, which=which)
    progress(f"scenario {scenario.name}: unchanged since the run in {folder}; reading it")
    with xr.open_dataset(folder / DATASET_FILE) as stored:
        ds = stored.load()
    return RunResult(scenario, region, ds, summary_table(ds), folder,
                     judge_all(ds, load_targets(scenario.region)))


#: The years the terminal summary shows (those within the run).
SUMMARY_YEARS = (2020, 2025, 2030, 2035, 2040, 2045, 2050)


def summary_heading(result: RunResult, lang: str) -> str:
    """"Hangzhou (杭州市), scenario baseline" or "杭州市（Hangzhou），情景：baseline"."""
    region = result.region
    return label("summary_heading", lang, region=region_name(region, lang),
                 region_en=region.name_en, region_zh=region.name_zh,
                 scenario=result.scenario.title_in(lang))


def summary_text(result: RunResult, lang: str) -> str:
    """The heading and a few years of the summary (residents, 65+ and 60+ shares, births, life
    expectancy) as a terminal table in the language."""
    table = result.summary
    rows = [(year, f"{row.total_population:,.0f}", f"{row.share_65_plus:.2f}%",
             f"{row.share_60_plus:.2f}%", f"{row.total_births:,.0f}",
             f"{row.implied_life_expectancy:.2f}")
            for year in SUMMARY_YEARS if year in table.index
            for row in [table.loc[year]]]
    headers = label("summary_columns", lang).split("|")
    return summary_heading(result, lang) + "\n" + text_table(headers, rows, [">"] * 6)


def start_charts(folder: Path, ds, summary, region, lang: str, scenario_name: str = "",
                 workers: ChartWorkers | None = None, inputs=None):
    """Start drawing the run's charts; returns a function that waits for them (and returns
    the paths written). Without workers they are drawn here, when it is called.
    `scenario_name` is the scenario's title in the language; `inputs` the run's effective
    input series (reference lines such as the occupancy norm)."""
    jobs = chart_jobs(ds, summary, region, scenario_name, lang, load_targets(region.name),
                      inputs, load_observed(region.name))
    if workers is None:
        return lambda: [Path(p) for job in jobs for p in draw_chart(job, str(folder))]
    return workers.submit(jobs, folder)



def write_verdicts(folder: Path, verdicts) -> None:
    """targets.csv (numbers) and targets_zh.md / targets_en.md (tables for people)."""
    write_csv(verdict_records(verdicts), folder / "targets.csv", index=False,
              float_format="%.10g")
    for lang in ("zh", "en"):
        (folder / f"targets_{lang}.md").write_text(markdown(verdict_table(verdicts, lang)),
                                                    encoding="utf-8")


def write_run_files(folder: Path, ds, summary, resolved: dict, region, scenario, lang: str,
                    workers: ChartWorkers | None = None, verdicts=()) -> None:
    # Charts first: the workers draw while this process writes the Dataset and the tables.
    title = scenario.title_in(lang)
    charts_done = start_charts(folder, ds, summary, region, lang, title, workers,
                               effective_series(scenario, region))
    write_netcdf(ds, folder / DATASET_FILE)
    indicators = indicator_table(ds)
    write_csv(summary, folder / "summary.csv", float_format="%.10g")
    write_csv(indicators, folder / "indicators.csv", float_format="%.10g")
    write_verdicts(folder, verdicts)
    write_workbook(folder / WORKBOOK_FILE, summary, indicators, ds, list(verdicts))
    (folder / "scenario_resolved.yaml").write_text(
        yaml.safe_dump(resolved, allow_unicode=True, sort_keys=False), encoding="utf-8")
    charts_done()
