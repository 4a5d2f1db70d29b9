"""Files of a run folder: the netCDF Dataset, summary CSV, resolved scenario, charts.

Charts are drawn in worker processes (`ChartWorkers`), started when a run begins so that
their matplotlib start-up overlaps the model run, and drawing both PNG and SVG of several
charts uses both cores. If worker processes cannot be started, charts are drawn in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sim.reports.labels import region_name, t
from sim.model.outputs import BY_NAME

# Fixed margins, in figure fractions: room for the legend at the right of line charts and
# for the source note at the bottom. (A "tight" bounding box would draw each chart twice.)
LINE_CHART_MARGINS = dict(left=0.09, right=0.78, top=0.91, bottom=0.17)
PYRAMID_MARGINS = dict(left=0.10, right=0.97, top=0.94, bottom=0.11)
PANEL_MARGINS = dict(left=0.07, right=0.98, top=0.90, bottom=0.09, hspace=0.35, wspace=0.22)
SHARE_COLUMNS = ("share_0_14", "share_60_plus", "share_65_plus", "share_80_plus")
EVENT_COLUMNS = {"births": "total_births", "deaths": "total_deaths",
                 "net_migration": "total_net_migration"}


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: which plotting function, its data, size and margins."""
    stem: str
    function: str                 # name of a plot_* function in sim.reports.charts
    args: tuple
    figsize: tuple
    margins: dict
    note: str
    lang: str
    kwargs: dict = field(default_factory=dict)
    grid: tuple = (1, 1)          # rows, columns of panels; >1 panel passes `axes`


def chart_jobs(ds, summary, region, scenario_name: str, lang: str,
               targets=()) -> list[ChartJob]:
    """The run's charts, with their data as plain arrays (cheap to send to a worker)."""
    name = region_name(region, lang)
    note = t("source_note", lang, scenario=scenario_name)
    years = summary.index.to_numpy()
    y0, y1 = int(years[0]), int(years[-1])
    pyramids = {y: {sex: ds["population"].sel(time=y, sex=sex).to_numpy() for sex in
                    ("male", "female")} for y in (y0, y1)}
    shares = {c: summary[c].to_numpy() for c in SHARE_COLUMNS}
    events = {k: summary[c].to_numpy() for k, c in EVENT_COLUMNS.items()}
    # Sector charts first: the four 2x2 panel charts take 0.3-0.5 s each, the three
    # population charts ~0.15 s; longest first balances the two workers.
    return [
        ChartJob(stem, "plot_panels", (years, panels, title), (12, 8.5), PANEL_MARGINS, note,
                 lang, grid=(2, 2))
        for stem, (title, panels) in sector_panels(ds, region, targets, lang).items()
    ] + [
        ChartJob("population_pyramid", "plot_pyramid", (ds["age"].to_numpy(), pyramids, name),
                 (8, 7), PYRAMID_MARGINS, note, lang),
        ChartJob("age_groups", "plot_age_group_shares", (years, shares, name), (9, 5),
                 LINE_CHART_MARGINS, note, lang),
        ChartJob("births_deaths", "plot_vital_events", (years, events, name), (9, 5),
                 LINE_CHART_MARGINS, note, lang),
    ]


def _label(name: str, lang: str) -> str:
    output = BY_NAME[name]
    return output.label_zh if lang == "zh" else output.long_name


def _panel(ds, lang, title, ylabel, names, targets, percent=False, select=None, scale=1.0):
    """Data of one indicator panel: a line per variable in `names` (with `select` applied),
    and the targets set on those variables."""
    select = select or {}
    lines, panel_targets = {}, []
    for name in names:
        values = ds[name].sel(**select).to_numpy() * scale
        label = _label(name, lang)
        lines[label] = values
        for target in targets:
            if target.indicator == name and all(select.get(k) == v for k, v in
                                                target.select.items()):
                text = f"{t('target', lang)} {target.comparison}{_format(target.level, percent)}" \
                       f" ({target.deadline})"
                panel_targets.append((label, target.level * scale, target.deadline, text))
    return {"title": title, "ylabel": ylabel, "percent": percent, "lines": lines,
            "targets": panel_targets}


def _format(level: float, percent: bool) -> str:
    return f"{level * 100:g}%" if percent else f"{level:g}"


def sector_panels(ds, region, targets, lang: str) -> dict[str, tuple[str, list]]:
    """Per sector: its chart title and its panels."""
    name = region_name(region, lang)
    pct, per1000 = t("percent", lang), t("per_1000", lang)
    rates = ["standardized_management_rate", "primary_care_standardized_management_service_rate",
             "management_rate", "awareness_rate"]
    chronic = [
        _panel(ds, lang, t("hypertension", lang), pct, rates, targets, True,
               {"condition": "hypertension"}),
        _panel(ds, lang, t("diabetes", lang), pct, rates, targets, True,
               {"condition": "diabetes"}),
        _panel(ds, lang, f"{t('hypertension', lang)}: {t('thousand_patients', lang)}",
               t("thousand_patients", lang),
               ["estimated_patients", "standardized_patients"], targets, False,
               {"condition": "hypertension"}, 1e-3),
        _panel(ds, lang, t("capacity", lang), t("ratio", lang), ["chronic_care_utilisation"],
               targets),
    ]
    beds = [
        _panel(ds, lang, t("bed_mix_title", lang), per1000,
               ["beds_per_1000_residents"], targets),
        _panel(ds, lang, _label("nursing_share_of_primary_care_beds", lang), pct,
               ["nursing_share_of_primary_care_beds"], targets, True),
        _panel(ds, lang, t("occupancy_title", lang), pct, ["hospital_occupancy"], targets, True),
        _panel(ds, lang, per1000, per1000,
               ["rehabilitation_beds_per_1000", "tcm_beds_per_1000",
                "geriatric_rehabilitation_nursing_beds_per_1000_elderly"], targets),
    ]
    workforce = [
        _panel(ds, lang, per1000, per1000,
               ["doctors_per_1000_residents", "nurses_per_1000_residents"], targets),
        _panel(ds, lang, _label("gps_per_10000_hukou", lang), t("per_10000_hukou", lang),
               ["gps_per_10000_hukou"], targets),
        _panel(ds, lang, _label("hiring_budget_share", lang), pct, ["hiring_budget_share"],
               targets, True),
    ]
    care = [
        _panel(ds, lang, _label("family_doctor_contracting_rate", lang), pct,
               ["family_doctor_contracting_rate", "key_group_contracting_rate"], targets, True),
        _panel(ds, lang, _label("elderly_health_management_rate", lang), pct,
               ["elderly_health_management_rate"], targets, True),
        _panel(ds, lang, _label("infant_care_places_per_1000", lang), per1000,
               ["infant_care_places_per_1000"], targets),
        _panel(ds, lang, _label("growth_stations_per_1000_under_3", lang), per1000,
               ["growth_stations_per_1000_under_3"], targets),
    ]
    return {
        "chronic_disease": (t("chronic_title", lang, region=name), chronic),
        "beds": (t("beds_title", lang, region=name), beds),
        "workforce": (t("workforce_title", lang, region=name), workforce),
        "care": (t("care_title", lang, region=name), care),
    }


def draw_chart(job: ChartJob, folder: str) -> list[str]:
    """Draw one chart and save it as PNG and SVG; returns the paths written."""
    import matplotlib.pyplot as plt

    from sim.reports import charts
    from sim.reports.fonts import use_fonts

    paths = []
    with plt.style.context(str(charts.STYLE)):
        use_fonts(job.lang)
        fig, axes = plt.subplots(*job.grid, figsize=job.figsize, sharex=job.grid != (1, 1))
        fig.subplots_adjust(**job.margins)
        plot = getattr(charts, job.function)
        if job.grid == (1, 1):
            plot(*job.args, lang=job.lang, ax=axes, **job.kwargs)
        else:
            plot(*job.args, lang=job.lang, axes=axes, **job.kwargs)
        charts.add_note(fig, job.note)
        paths = [str(p) for p in charts.save_figure(fig, folder, job.stem)]
        plt.close(fig)
    return paths


def _warm_up() -> None:
    """Run in each worker as it starts: lower its priority, so that its start-up never slows
    the model run in the parent, then import matplotlib and register the CJK font."""
    try:
        os.nice(10)
    except (AttributeError, OSError):  # not on this platform, or not allowed: no matter
        pass
    from sim.reports import charts  # noqa: F401
    from sim.reports.fonts import cjk_font_family

    cjk_font_family()


def _start_method() -> str:
    """How chart workers start: forked from a single-threaded parent where the platform can
    (no interpreter start-up or re-imports: workers are ready ~0.1-0.3 s sooner, measured on
    the baseline run), otherwise spawned. A parent with threads (a test session, a caller's
    thread pool) is never forked: a lock held by another thread would stay held in the child."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


class ChartWorkers:
    """A small pool of chart-drawing processes; use as a context manager."""

    def __init__(self, workers: int = 2):
        self.pool = None
        try:
            context = multiprocessing.get_context(_start_method())
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                            initializer=_warm_up)
            for _ in range(workers):  # start them now, while the model runs
                self.pool.submit(int)
        except (OSError, NotImplementedError, PermissionError):
            self.pool = None

    def draw(self, jobs: list[ChartJob], folder: Path) -> list[Path]:
        return self.submit(jobs, folder)()

    def submit(self, jobs: list[ChartJob], folder: Path):
        """Start drawing `jobs`; returns a function that waits for them and returns the paths
        written (the caller can write its other files meanwhile)."""
        if self.pool is not None:
            try:
                futures = [self.pool.submit(draw_chart, job, str(folder)) for job in jobs]
            except BrokenProcessPool:
                futures = None
            if futures is not None:
                def wait() -> list[Path]:
                    try:
                        return [Path(p) for future in futures for p in future.result()]
                    except BrokenProcessPool:  # a worker died (e.g. killed): draw them here
                        self.pool = None
                        return [Path(p) for job in jobs for p in draw_chart(job, str(folder))]
                return wait
            self.pool = None
        return lambda: [Path(p) for job in jobs for p in draw_chart(job, str(folder))]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def start_charts(folder: Path, ds, summary, region, lang: str, scenario_name: str = "",
                 workers: ChartWorkers | None = None):
    """Start drawing the run's charts; returns a function that waits for them (and returns
    the paths written). Without workers they are drawn here, when it is called."""
    from sim.analysis.targets import load_targets

    jobs = chart_jobs(ds, summary, region, scenario_name, lang, load_targets(region.name))
    if workers is None:
        return lambda: [Path(p) for job in jobs for p in draw_chart(job, str(folder))]
    return workers.submit(jobs, folder)



def write_verdicts(folder: Path, verdicts) -> None:
    """targets.csv (numbers) and targets_zh.md / targets_en.md (tables for people)."""
    from sim.analysis.verdicts import markdown, verdict_records, verdict_table

    verdict_records(verdicts).to_csv(folder / "targets.csv", index=False, float_format="%.10g")
    for lang in ("zh", "en"):
        (folder / f"targets_{lang}.md").write_text(markdown(verdict_table(verdicts, lang)),
                                                    encoding="utf-8")


def write_run_files(folder: Path, ds, summary, resolved: dict, region, scenario, lang: str,
                    workers: ChartWorkers | None = None, verdicts=()) -> None:
    from sim.runs.results import indicator_table, write_netcdf

    # Charts first: the workers draw while this process writes the Dataset and the tables.
    charts_done = start_charts(folder, ds, summary, region, lang, scenario.name, workers)
    write_netcdf(ds, folder / "results.nc")
    summary.to_csv(folder / "summary.csv", float_format="%.10g")
    indicator_table(ds).to_csv(folder / "indicators.csv", float_format="%.10g")
    write_verdicts(folder, verdicts)
    (folder / "scenario_resolved.yaml").write_text(
        yaml.safe_dump(resolved, allow_unicode=True, sort_keys=False), encoding="utf-8")
    charts_done()
