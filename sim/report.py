"""Files of a run folder besides the netCDF: summary CSV, resolved scenario, charts.

Charts are drawn in worker processes (`ChartWorkers`), started when a run begins so that
their matplotlib start-up overlaps the model run, and drawing both PNG and SVG of several
charts uses both cores. If worker processes cannot be started, charts are drawn in-process.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sim.labels import region_name, t

CHART_FORMATS = ("png", "svg")
# Fixed margins, in figure fractions: room for the legend at the right of line charts and
# for the source note at the bottom. (A "tight" bounding box would draw each chart twice.)
LINE_CHART_MARGINS = dict(left=0.09, right=0.78, top=0.91, bottom=0.17)
PYRAMID_MARGINS = dict(left=0.10, right=0.97, top=0.94, bottom=0.11)
SHARE_COLUMNS = ("share_0_14", "share_60_plus", "share_65_plus", "share_80_plus")
EVENT_COLUMNS = {"births": "total_births", "deaths": "total_deaths",
                 "net_migration": "total_net_migration"}


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: which plotting function, its data, size and margins."""
    stem: str
    function: str                 # name of a plot_* function in sim.charts
    args: tuple
    figsize: tuple
    margins: dict
    note: str
    lang: str
    kwargs: dict = field(default_factory=dict)


def chart_jobs(ds, summary, region, scenario_name: str, lang: str) -> list[ChartJob]:
    """The run's charts, with their data as plain arrays (cheap to send to a worker)."""
    name = region_name(region, lang)
    note = t("source_note", lang, scenario=scenario_name)
    years = summary.index.to_numpy()
    y0, y1 = int(years[0]), int(years[-1])
    pyramids = {y: {sex: ds["population"].sel(time=y, sex=sex).to_numpy() for sex in
                    ("male", "female")} for y in (y0, y1)}
    shares = {c: summary[c].to_numpy() for c in SHARE_COLUMNS}
    events = {k: summary[c].to_numpy() for k, c in EVENT_COLUMNS.items()}
    return [
        ChartJob("population_pyramid", "plot_pyramid", (ds["age"].to_numpy(), pyramids, name),
                 (8, 7), PYRAMID_MARGINS, note, lang),
        ChartJob("age_groups", "plot_age_group_shares", (years, shares, name), (9, 5),
                 LINE_CHART_MARGINS, note, lang),
        ChartJob("births_deaths", "plot_vital_events", (years, events, name), (9, 5),
                 LINE_CHART_MARGINS, note, lang),
    ]


def draw_chart(job: ChartJob, folder: str) -> list[str]:
    """Draw one chart and save it as PNG and SVG; returns the paths written."""
    import matplotlib.pyplot as plt

    from sim import charts
    from sim.fonts import use_fonts

    paths = []
    with plt.style.context(str(charts.STYLE)):
        use_fonts(job.lang)
        fig, ax = plt.subplots(figsize=job.figsize)
        fig.subplots_adjust(**job.margins)
        getattr(charts, job.function)(*job.args, lang=job.lang, ax=ax, **job.kwargs)
        if job.note:
            fig.text(0.01, 0.01, job.note, fontsize=8, color="#555555", ha="left",
                     va="bottom")
        for fmt in CHART_FORMATS:
            path = Path(folder) / f"{job.stem}.{fmt}"
            fig.savefig(path)
            paths.append(str(path))
        plt.close(fig)
    return paths


def _warm_up() -> None:
    """Run in each worker as it starts: import matplotlib and register the CJK font."""
    from sim import charts  # noqa: F401
    from sim.fonts import cjk_font_family

    cjk_font_family()


class ChartWorkers:
    """A small pool of chart-drawing processes; use as a context manager."""

    def __init__(self, workers: int = 1):
        self.pool = None
        try:
            context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                            initializer=_warm_up)
            for _ in range(workers):  # start them now, while the model runs
                self.pool.submit(int)
        except (OSError, NotImplementedError, PermissionError):
            self.pool = None

    def draw(self, jobs: list[ChartJob], folder: Path) -> list[Path]:
        if self.pool is None:
            return [Path(p) for job in jobs for p in draw_chart(job, str(folder))]
        futures = [self.pool.submit(draw_chart, job, str(folder)) for job in jobs]
        return [Path(p) for future in futures for p in future.result()]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def write_charts(folder: Path, ds, summary, region, lang: str, scenario_name: str = "",
                 workers: ChartWorkers | None = None) -> list[Path]:
    jobs = chart_jobs(ds, summary, region, scenario_name, lang)
    if workers is None:
        return [Path(p) for job in jobs for p in draw_chart(job, str(folder))]
    return workers.draw(jobs, folder)


def write_run_files(folder: Path, ds, summary, resolved: dict, region, scenario, lang: str,
                    workers: ChartWorkers | None = None) -> None:
    summary.to_csv(folder / "summary.csv", float_format="%.10g")
    (folder / "scenario_resolved.yaml").write_text(
        yaml.safe_dump(resolved, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_charts(folder, ds, summary, region, lang, scenario.name, workers)
