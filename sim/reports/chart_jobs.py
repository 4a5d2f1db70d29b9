"""A chart to draw (`ChartJob`: plotting function, data, size, margins) and where it is drawn:
in a small pool of worker processes (`ChartWorkers`), started when a run begins so that their
matplotlib start-up overlaps the model run and PNG and SVG of several charts use both cores;
in this process when workers cannot be started or die.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from sim.reports.fonts import cjk_font_family, use_fonts

# Fixed margins, in figure fractions: room for the legend at the right of line charts and
# for the source note at the bottom. (A "tight" bounding box would draw each chart twice.)
LINE_CHART_MARGINS = dict(left=0.09, right=0.78, top=0.91, bottom=0.17)
PYRAMID_MARGINS = dict(left=0.10, right=0.97, top=0.94, bottom=0.11)
#: Panel charts (sim.reports.run_charts) are laid out by matplotlib's constrained layout
#: (margins None): their legends sit below each panel and vary in length.
PANEL_MARGINS = None
NOTE_HEIGHT = 0.3   # inches kept free at the bottom of a laid-out figure (the source note)
NOTE_LINE = 0.16    # inches more for each further line of the note (8 pt with its leading)

@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: which plotting function, its data, size and margins."""
    stem: str
    function: str                 # name of a plot_* function in sim.reports.charts
    args: tuple
    figsize: tuple
    margins: dict | None
    note: str
    lang: str
    kwargs: dict = field(default_factory=dict)
    grid: tuple = (1, 1)          # rows, columns of panels; >1 panel passes `axes`


def draw_chart(job: ChartJob, folder: str) -> list[str]:
    """Draw one chart and save it as PNG and SVG; returns the paths written."""
    import matplotlib.pyplot as plt  # heavy: matplotlib, loaded in the drawing process only

    from sim.reports import charts  # heavy: imports matplotlib

    with plt.style.context(str(charts.STYLE)):
        fig = chart_figure(job)
        paths = [str(p) for p in charts.save_figure(fig, folder, job.stem)]
        plt.close(fig)
    return paths


def chart_figure(job: ChartJob):
    """The figure of one chart, drawn but not saved (the caller closes it); call within the
    project's style (sim.reports.charts.STYLE), as draw_chart does."""
    import matplotlib.pyplot as plt  # heavy: matplotlib, loaded in the drawing process only

    from sim.reports import charts  # heavy: imports matplotlib

    use_fonts(job.lang)
    more = job.note.count("\n") * NOTE_LINE / job.figsize[1]   # a note of several lines
    if job.margins is None:   # laid out by matplotlib: legends below panels vary in height
        from matplotlib.layout_engine import ConstrainedLayoutEngine  # heavy: matplotlib

        # room at the bottom for the source note (fig.text is outside the layout)
        note = NOTE_HEIGHT / job.figsize[1] + more
        fig, axes = plt.subplots(*job.grid, figsize=job.figsize, layout=ConstrainedLayoutEngine(
            rect=(0, note, 1, 1 - note), h_pad=0.06, w_pad=0.08))
    else:
        fig, axes = plt.subplots(*job.grid, figsize=job.figsize)
        fig.subplots_adjust(**{**job.margins, "bottom": job.margins["bottom"] + more})
    plot = getattr(charts, job.function)
    if job.grid == (1, 1):
        plot(*job.args, lang=job.lang, ax=axes, **job.kwargs)
    else:
        plot(*job.args, lang=job.lang, axes=axes, **job.kwargs)
    charts.add_note(fig, job.note)
    return fig


def _warm_up() -> None:
    """Run in each worker as it starts: lower its priority, so that its start-up never slows
    the model run in the parent, then import matplotlib and register the CJK font."""
    try:
        os.nice(10)
    except (AttributeError, OSError):  # not on this platform, or not allowed: no matter
        pass
    from sim.reports import charts  # noqa: F401  (heavy: imports matplotlib; warms the worker)

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
