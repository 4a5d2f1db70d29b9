"""Fan charts of a Monte Carlo run: an indicator's median path with its 50% and 90% bands, the
central run (every assumption at its central value: the run `sim run` shows), published values
and the plan target, for a plan-review commission. The median of the samples and the central
run differ where the outcome responds unevenly to the drawn inputs (the 2020 value too, where
an input drawn sets it); both are shown so that neither is taken for the other.

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

from sim.reports.charts import (  # noqa: E402
    STYLE,
    TARGET_DASHES,
    add_note,
    draw_observed,
    draw_target,
    integer_years,
    mark_last_observed,
    observed_legend,
    save_figure,
    wrap_label,
)
from sim.reports.fonts import use_fonts  # noqa: E402
from sim.reports.labels import t  # noqa: E402

#: Quantiles of the bands: 90% band 5%-95%, 50% band 25%-75%.
BANDS = ((0.05, 0.95), (0.25, 0.75))
BAND_COLORS = ("#c6dbef", "#6baed6")   # light for 90%, darker for 50% (visible in grey too)
MEDIAN_COLOR = "#08306b"
CENTRAL_COLOR = "#d95f02"   # the central run: orange, apart from the blues of the fan
TARGET_COLOR = "black"
LEGEND_WIDTH = 34   # columns (a Chinese character takes two)
MARGINS = dict(left=0.09, right=0.70, top=0.86, bottom=0.17)


def quantile_paths(paths: np.ndarray) -> dict[float, np.ndarray]:
    """Quantiles over samples (axis 0) of paths (samples, years): the bands' and the median."""
    qs = sorted({0.5, *(q for band in BANDS for q in band)})
    values = np.quantile(np.asarray(paths, dtype=float), qs, axis=0)
    return dict(zip(qs, values))


def plot_fan(years, paths, marks: list, title: str, ylabel: str, lang: str,
             percent: bool = False, ax=None, central=None, observed=None, last_observed=None):
    """Median and 50%/90% bands of `paths` (samples, years); the central run (`central`, the
    scenario run with every assumption at its central value, as `sim run` makes it) as a
    dashed line; published values (`observed`: (times, values)) as dots, the last observed
    year marked; each target in `marks` [(comparison, level, deadline, legend text)] as a
    dashed black line over its plan period (sim.reports.charts.draw_target)."""
    if ax is None:
        _, ax = plt.subplots()
    scale = 100.0 if percent else 1.0
    years = np.asarray(years)
    q = quantile_paths(paths)
    for (low, high), color, key in zip(BANDS, BAND_COLORS, ("band90", "band50")):
        ax.fill_between(years, q[low] * scale, q[high] * scale, color=color, linewidth=0,
                        label=t("fan_" + key, lang))
    ax.plot(years, q[0.5] * scale, color=MEDIAN_COLOR, linewidth=2.2, label=t("fan_median", lang))
    if central is not None:
        ax.plot(years, np.asarray(central) * scale, color=CENTRAL_COLOR, linewidth=1.6,
                linestyle=(0, (4, 2)), marker="o", markersize=3, zorder=3,
                label=t("fan_central", lang))
    if observed is not None and len(observed[0]):
        draw_observed(ax, (observed[0], np.asarray(observed[1]) * scale), "white")
        observed_legend(ax, {"": observed}, lang)
    first = float(min([years[0]] + ([float(np.min(observed[0]))] if observed is not None
                                    and len(observed[0]) else [])))
    for i, (_, level, deadline, legend) in enumerate(marks):
        draw_target(ax, level * scale, deadline, TARGET_COLOR, legend, first,
                    TARGET_DASHES[i % len(TARGET_DASHES)])
    integer_years(ax)
    mark_last_observed(ax, last_observed, lang)
    ax.set_xlabel(t("fan_year", lang))
    ax.set_ylabel(ylabel)
    ax.set_title(title, y=1.0, fontsize=12)
    handles, labels = ax.get_legend_handles_labels()
    # the legend's column (30% of a 10-inch figure) holds about 34 Latin characters at 9 pt
    ax.legend(handles, [wrap_label(text, LEGEND_WIDTH) for text in labels], fontsize=9,
              loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def write_fan_chart(folder: Path, stem: str, years, paths, marks: list, title: str,
                    ylabel: str, lang: str, percent: bool, note: str, central=None,
                    observed=None, last_observed=None) -> list[Path]:
    """Draw one fan chart and save it as `<stem>.png` and `.svg` in `folder`."""
    with plt.style.context(str(STYLE)):
        fig = fan_figure(years, paths, marks, title, ylabel, lang, percent, note, central,
                         observed, last_observed)
        written = save_figure(fig, folder, stem)
        plt.close(fig)
    return written


def fan_figure(years, paths, marks: list, title: str, ylabel: str, lang: str, percent: bool,
               note: str, central=None, observed=None, last_observed=None):
    """The figure of one fan chart, not saved (call within the project's style)."""
    use_fonts(lang)
    fig, ax = plt.subplots(figsize=(10, 5))
    fig.subplots_adjust(**MARGINS)
    plot_fan(years, paths, marks, title, ylabel, lang, percent=percent, ax=ax,
             central=central, observed=observed, last_observed=last_observed)
    add_note(fig, note)
    return fig
