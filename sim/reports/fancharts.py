"""Fan charts of a Monte Carlo run: an indicator's median path with its 50% and 90% bands and
the plan target, for a plan-review commission.

`plot_fan` draws on an axes (made if not given) and returns it; `write_fan_chart` saves one
figure as PNG and SVG with the project's style (sim/reports/charts.mplstyle) and fonts
(sim.reports.fonts).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; never open a window

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from sim.reports.charts import STYLE, add_note, save_figure  # noqa: E402
from sim.reports.fonts import use_fonts  # noqa: E402
from sim.reports.labels import t  # noqa: E402

#: Quantiles of the bands: 90% band 5%-95%, 50% band 25%-75%.
BANDS = ((0.05, 0.95), (0.25, 0.75))
BAND_COLORS = ("#c6dbef", "#6baed6")   # light for 90%, darker for 50% (visible in grey too)
MEDIAN_COLOR = "#08306b"
TARGET_COLOR = "black"
MARGINS = dict(left=0.09, right=0.74, top=0.88, bottom=0.17)


def quantile_paths(paths: np.ndarray) -> dict[float, np.ndarray]:
    """Quantiles over samples (axis 0) of paths (samples, years): the bands' and the median."""
    qs = sorted({0.5, *(q for band in BANDS for q in band)})
    values = np.quantile(np.asarray(paths, dtype=float), qs, axis=0)
    return dict(zip(qs, values))


def plot_fan(years, paths, marks: list, title: str, ylabel: str, lang: str,
             percent: bool = False, ax=None):
    """Median and 50%/90% bands of `paths` (samples, years), and each target in `marks`
    [(level, deadline, legend text)] as a dashed black line to a star at its deadline."""
    if ax is None:
        _, ax = plt.subplots()
    scale = 100.0 if percent else 1.0
    years = np.asarray(years)
    q = quantile_paths(paths)
    for (low, high), color, key in zip(BANDS, BAND_COLORS, ("band90", "band50")):
        ax.fill_between(years, q[low] * scale, q[high] * scale, color=color, linewidth=0,
                        label=t("fan_" + key, lang))
    ax.plot(years, q[0.5] * scale, color=MEDIAN_COLOR, linewidth=2.2, label=t("fan_median", lang))
    for level, deadline, legend in marks:
        ax.hlines(level * scale, years[0], deadline, colors=TARGET_COLOR, linestyles="--",
                  linewidth=1.3)
        ax.plot([deadline], [level * scale], marker="*", markersize=13, color=TARGET_COLOR,
                linestyle="none", label=legend)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.set_xlabel(t("fan_year", lang))
    ax.set_ylabel(ylabel)
    ax.set_title(title, y=1.0, fontsize=12)
    ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def write_fan_chart(folder: Path, stem: str, years, paths, marks: list, title: str,
                    ylabel: str, lang: str, percent: bool, note: str) -> list[Path]:
    """Draw one fan chart and save it as `<stem>.png` and `.svg` in `folder`."""
    with plt.style.context(str(STYLE)):
        use_fonts(lang)
        fig, ax = plt.subplots(figsize=(10, 5))
        fig.subplots_adjust(**MARGINS)
        plot_fan(years, paths, marks, title, ylabel, lang, percent=percent, ax=ax)
        add_note(fig, note)
        written = save_figure(fig, folder, stem)
        plt.close(fig)
    return written
