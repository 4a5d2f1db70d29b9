"""Population charts. Each function draws on an axes (made if not given) and returns it;
saving is the caller's job (sim.reports.run_report), so the functions serve slides and reports
alike.

They take plain arrays, not Datasets, so that worker processes can draw them without
importing xarray; `chart_data` (in sim.reports.run_report) extracts the arrays from a run.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; never open a window

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from sim.reports.labels import t  # noqa: E402

STYLE = Path(__file__).with_name("charts.mplstyle")
#: Every chart file is written in both: PNG for slides and documents, SVG for print.
CHART_FORMATS = ("png", "svg")
# zlib level 1 instead of Pillow's 6: PNG encoding was 0.35 s of a run's 1.9 s of drawing;
# level 1 takes 0.15 s less for files ~15% larger (~1 MB for a run's charts).
SAVE_OPTIONS = {"png": {"pil_kwargs": {"compress_level": 1}}}
NOTE_STYLE = dict(fontsize=8, color="#555555", ha="left", va="bottom")
MALE_COLOR, FEMALE_COLOR = "#1f77b4", "#d62728"
LEGEND_OUTSIDE = dict(loc="upper left", bbox_to_anchor=(1.01, 1.0))  # never hides a line


def add_note(fig, note: str) -> None:
    """The source line at the bottom left of a figure."""
    if note:
        fig.text(0.01, 0.01, note, **NOTE_STYLE)


def save_figure(fig, folder, stem: str, formats=CHART_FORMATS) -> list[Path]:
    """Write `fig` as `<folder>/<stem>.<format>` for each format; returns the paths."""
    paths = []
    for fmt in formats:
        path = Path(folder) / f"{stem}.{fmt}"
        fig.savefig(path, **SAVE_OPTIONS.get(fmt, {}))
        paths.append(path)
    return paths


def _title(ax, text, **kwargs):
    """A title at a fixed height: matplotlib otherwise checks, at every draw, whether the title
    overlaps tick labels, which costs more than drawing the rest of a chart."""
    ax.set_title(text, y=1.0, **kwargs)


def _pyramid_frame(ax, ages, limit: float) -> None:
    """Symmetric x axis of a pyramid (men left, women right) with unsigned tick labels."""
    ax.set_xlim(-limit, limit)
    ticks = ax.get_xticks()
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{abs(v):g}" for v in ticks])
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-0.5, ages[-1] + 0.5)
    ax.axvline(0, color="black", linewidth=0.8)


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_pyramid(ages, pyramids: dict, region_name: str, lang: str, ax=None):
    """Single-year pyramid in thousands: the first year as filled steps, the last as an outline.

    `pyramids` maps two years to {"male": array, "female": array} of persons by age.
    """
    ax = _axes(ax)
    ages = np.asarray(ages)
    (y0, first), (y1, last) = sorted(pyramids.items())
    edges = np.repeat(np.append(ages - 0.5, ages[-1] + 0.5), 2)[1:-1]
    for sex, color, sign in (("male", MALE_COLOR, -1.0), ("female", FEMALE_COLOR, 1.0)):
        start = sign * np.asarray(first[sex]) / 1000.0
        end = sign * np.asarray(last[sex]) / 1000.0
        # one stepped polygon per sex: looks like bars, draws far faster than 101 bars
        ax.fill_betweenx(edges, np.repeat(start, 2), 0, color=color, alpha=0.35, linewidth=0,
                         label=f"{t(sex, lang)} {y0}")
        ax.step(end, ages, where="mid", color=color, linewidth=1.4,
                label=f"{t(sex, lang)} {y1}")
    limit = max(np.max(np.abs(first[s])) for s in first) / 1000.0
    limit = 1.05 * max(limit, max(np.max(np.abs(last[s])) for s in last) / 1000.0)
    _pyramid_frame(ax, ages, limit)
    ax.set_xlabel(t("persons_thousand", lang))
    ax.set_ylabel(t("age", lang))
    _title(ax, t("pyramid_title", lang, region=region_name, y0=y0, y1=y1))
    ax.legend(loc="upper right", fontsize=9)
    return ax


def plot_age_group_shares(years, shares: dict, region_name: str, lang: str, ax=None):
    """Shares (%) of broad age groups over time; `shares` maps a label key to an array."""
    ax = _axes(ax)
    for key, values in shares.items():
        ax.plot(years, values, marker="o", markersize=3, label=t(key, lang))
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(t("share_percent", lang))
    _title(ax, t("age_groups_title", lang, region=region_name))
    ax.set_ylim(bottom=0)
    ax.legend(**LEGEND_OUTSIDE)
    return ax


def plot_vital_events(years, events: dict, region_name: str, lang: str, ax=None):
    """Persons per year (thousands) of each event; `events` maps a label key to an array."""
    ax = _axes(ax)
    for key, values in events.items():
        ax.plot(years, np.asarray(values) / 1000.0, marker="o", markersize=3,
                label=t(key, lang))
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(t("persons_per_year_thousand", lang))
    _title(ax, t("vital_title", lang, region=region_name))
    ax.legend(**LEGEND_OUTSIDE)
    return ax


def plot_panel(years, panel: dict, lang: str, ax=None):
    """One indicator panel: a line per series, and each target as a dashed line of the
    series' colour up to its deadline with a marker at the deadline.

    `panel`: {"title", "ylabel", "percent" (bool: values are fractions shown as %),
    "lines": {label: values}, "targets": [(line label, level, deadline, text)]}.
    """
    ax = _axes(ax)
    scale = 100.0 if panel.get("percent") else 1.0
    colors = {}
    for label, values in panel["lines"].items():
        (line,) = ax.plot(years, np.asarray(values) * scale, marker="o", markersize=2.5,
                          label=label)
        colors[label] = line.get_color()
    for label, level, deadline, text in panel.get("targets", ()):
        color = colors.get(label, "black")
        ax.hlines(level * scale, years[0], deadline, colors=color, linestyles="--",
                  linewidth=1.2)
        ax.plot([deadline], [level * scale], marker="*", markersize=11, color=color,
                linestyle="none", label=text)
    _title(ax, panel["title"], fontsize=11)
    ax.set_ylabel(panel["ylabel"])
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8, loc="best")
    return ax


def plot_panels(years, panels: list, title: str, lang: str, axes=None):
    """A sector chart: one panel per axes (see plot_panel); returns the axes."""
    if axes is None:
        _, axes = plt.subplots(1, len(panels))
    axes = np.atleast_1d(axes).ravel()
    for ax, panel in zip(axes, panels):
        plot_panel(years, panel, lang, ax=ax)
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    axes[0].figure.suptitle(title, fontsize=13)
    return axes


# Scenario comparison (sim.reports.compare). A scenario keeps its colour, line style and marker in
# every chart (by its position on the command line), so lines stay apart in black-and-white
# print. Dashes ("--") are kept for target lines.
SCENARIO_LINESTYLES = ("-", "-.", ":", (0, (6, 1.5, 1, 1.5, 1, 1.5)))
SCENARIO_MARKERS = ("o", "s", "^", "D", "v", "P")
TARGET_COLOR = "black"
MIN_SPAN = 0.10  # the y axis spans at least 10% of its largest value (10 points for shares)


def scenario_style(i: int) -> dict:
    """Colour, line style, marker and width of the i-th compared scenario. Later ones are
    drawn thinner, on top: where two scenarios agree, both stay visible."""
    return dict(color=f"C{i % 6}", linestyle=SCENARIO_LINESTYLES[i % len(SCENARIO_LINESTYLES)],
                marker=SCENARIO_MARKERS[i % len(SCENARIO_MARKERS)],
                linewidth=max(2.8 - 0.5 * i, 1.0), markersize=max(6.0 - 0.7 * i, 3.0))


def plot_scenario_lines(lines: dict, targets: list, title: str, ylabel: str, lang: str,
                        percent: bool = False, ax=None):
    """One indicator under several scenarios: a line per scenario, and each target as a black
    dashed line up to its deadline with a star at the deadline.

    `lines`: {scenario label: (years, values)}; `targets`: [(level, deadline, legend text)];
    with `percent`, values and levels are fractions shown as %.
    """
    ax = _axes(ax)
    scale = 100.0 if percent else 1.0
    first_year = min(int(np.min(years)) for years, _ in lines.values())
    for i, (label, (years, values)) in enumerate(lines.items()):
        ax.plot(years, np.asarray(values) * scale, label=label, **scenario_style(i))
    for level, deadline, text in targets:
        ax.hlines(level * scale, first_year, deadline, colors=TARGET_COLOR, linestyles="--",
                  linewidth=1.2)
        ax.plot([deadline], [level * scale], marker="*", markersize=13, color=TARGET_COLOR,
                linestyle="none", label=text)
    _at_least_span(ax, MIN_SPAN * (100.0 if percent else abs(ax.get_ylim()[1])))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(ylabel)
    _title(ax, title, fontsize=12)
    ax.legend(fontsize=9, **LEGEND_OUTSIDE)
    return ax


def _at_least_span(ax, span: float) -> None:
    """Widen the y axis to `span` around its middle (not below 0 if it was not), so that a
    difference of a fraction of a point does not fill the chart."""
    low, high = ax.get_ylim()
    if high - low >= span:
        return
    middle = (low + high) / 2.0
    low, high = middle - span / 2.0, middle + span / 2.0
    if low < 0 <= ax.get_ylim()[0]:
        low, high = 0.0, span
    ax.set_ylim(low, high)


def plot_pyramid_scenarios(ages, base_year: int, base: dict, finals: dict, region_name: str,
                           lang: str, ax=None):
    """Pyramids overlaid, in thousands: the base year (shared by every scenario) as grey filled
    steps, each scenario's final year as an outline in the scenario's style.

    `base`: {"male": array, "female": array} of persons by age; `finals`: {legend label:
    {"male": array, "female": array}}.
    """
    ax = _axes(ax)
    ages = np.asarray(ages)
    edges = np.repeat(np.append(ages - 0.5, ages[-1] + 0.5), 2)[1:-1]
    for sex, sign in (("male", -1.0), ("female", 1.0)):
        ax.fill_betweenx(edges, np.repeat(sign * np.asarray(base[sex]) / 1000.0, 2), 0,
                         color="#bbbbbb", linewidth=0,
                         label=t("compare_base_year", lang, year=base_year)
                         if sex == "male" else None)
    for i, (label, pyramid) in enumerate(finals.items()):
        style = scenario_style(i)
        for sex, sign in (("male", -1.0), ("female", 1.0)):
            ax.step(sign * np.asarray(pyramid[sex]) / 1000.0, ages, where="mid",
                    color=style["color"], linestyle=style["linestyle"],
                    linewidth=style["linewidth"],
                    label=label if sex == "male" else None)
    every = [base] + list(finals.values())
    limit = 1.05 * max(np.max(np.abs(p[s])) for p in every for s in ("male", "female")) / 1000
    _pyramid_frame(ax, ages, limit)
    for sex, x, align in (("male", 0.02, "left"), ("female", 0.98, "right")):
        ax.text(x, 0.97, t(sex, lang), transform=ax.transAxes, ha=align, va="top",
                fontsize=12)
    ax.set_xlabel(t("persons_thousand", lang))
    ax.set_ylabel(t("age", lang))
    _title(ax, t("compare_pyramid_title", lang, region=region_name, y0=base_year))
    ax.legend(loc="lower right", fontsize=9)  # the oldest ages reach out at the top
    return ax
