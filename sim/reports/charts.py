"""Population charts. Each function draws on an axes (made if not given) and returns it;
saving is the caller's job (sim.reports.run_report), so the functions serve slides and reports
alike.

They take plain arrays, not Datasets, so that worker processes can draw them without
importing xarray; `chart_data` (in sim.reports.run_report) extracts the arrays from a run.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; never open a window

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.layout_engine import PlaceHolderLayoutEngine  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
from matplotlib.transforms import ScaledTranslation  # noqa: E402

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


def legend_outside(ax, width: int = 18, **kwargs) -> None:
    """The legend right of the axes (LEGEND_OUTSIDE), its entries wrapped at `width` columns
    (a Chinese character takes two) so that they stay within the figure's right margin."""
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles, [wrap_label(label, width) for label in labels], **LEGEND_OUTSIDE,
              **kwargs)


def add_note(fig, note: str) -> None:
    """The source line at the bottom left of a figure."""
    if note:
        fig.text(0.01, 0.01, note, **NOTE_STYLE)


def save_figure(fig, folder, stem: str, formats=CHART_FORMATS) -> list[Path]:
    """Write `fig` as `<folder>/<stem>.<format>` for each format; returns the paths.

    A figure laid out by matplotlib (constrained layout) is laid out once, here, and then
    kept as it is: otherwise each format would lay it out again (about 1 s a sector chart)."""
    engine = fig.get_layout_engine()
    if engine is not None and len(formats) > 1 and not isinstance(engine, PlaceHolderLayoutEngine):
        engine.execute(fig)
        fig.set_layout_engine("none")
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


def plot_age_group_shares(years, shares: dict, region_name: str, lang: str, ax=None,
                          observed=None, last_observed=None):
    """Shares (%) of broad age groups over time; `shares` maps a label key to an array;
    `observed` maps the same keys to published points (times, values in %)."""
    ax = _axes(ax)
    observed = observed or {}
    for key, values in shares.items():
        (line,) = ax.plot(years, values, marker="o", markersize=3, label=t(key, lang))
        draw_observed(ax, observed.get(key), line.get_color())
    observed_legend(ax, observed, lang)
    mark_last_observed(ax, last_observed, lang)
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(t("share_percent", lang))
    _title(ax, t("age_groups_title", lang, region=region_name))
    ax.set_ylim(bottom=0)
    integer_years(ax)
    legend_outside(ax)
    return ax


def plot_vital_events(years, events: dict, region_name: str, lang: str, ax=None,
                      observed=None, last_observed=None):
    """Persons per year (thousands) of each event; `events` maps a label key to an array;
    `observed` maps the same keys to published points (times, persons a year)."""
    ax = _axes(ax)
    observed = observed or {}
    for key, values in events.items():
        (line,) = ax.plot(years, np.asarray(values) / 1000.0, marker="o", markersize=3,
                          label=t(key, lang))
        points = observed.get(key)
        if points is not None:
            draw_observed(ax, (points[0], np.asarray(points[1]) / 1000.0), line.get_color())
    observed_legend(ax, observed, lang)
    mark_last_observed(ax, last_observed, lang)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(t("persons_per_year_thousand", lang))
    _title(ax, t("vital_title", lang, region=region_name))
    integer_years(ax)
    legend_outside(ax)
    return ax


#: Comparisons as a plan writes them.
SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
#: A target's line spans the plan period that ends at its deadline (a five-year plan).
PLAN_YEARS = 5
OBSERVED_STYLE = dict(marker="o", markersize=6.5, markeredgecolor="black", markeredgewidth=0.9,
                      linestyle="none", zorder=5)
NORM_COLOR = "#666666"
#: Dash patterns of a panel's targets, in order: two targets on one level stay apart.
TARGET_DASHES = ("--", (0, (1, 1.2)), (0, (6, 2, 1, 2)))


def integer_years(ax) -> None:
    """Year ticks at whole years (no 2022.5)."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))


def target_text(comparison: str, level: float, deadline: int, lang: str,
                percent: bool = False) -> str:
    """"目标 ≥70%（2030年）" or "Target ≥ 70% by 2030"."""
    shown = f"{level * 100:g}%" if percent else f"{level:g}"
    return t("target_legend", lang, comparison=SYMBOL.get(comparison, comparison),
             level=shown, deadline=deadline)


def draw_target(ax, level: float, deadline: int, color, label: str | None, first_year: float,
                dashes="--"):
    """A target as a dashed horizontal line over the plan period ending at its deadline (at
    least one year either side of it when the deadline is at the start), a tick at the
    deadline, drawn above the data with a white edge so that no line hides it."""
    start, end = max(first_year, deadline - PLAN_YEARS), deadline
    if end - start < 1:   # a deadline at the start of the run: a line across it
        start, end = deadline - 1, deadline + 1
    halo = [patheffects.Stroke(linewidth=4, foreground="white"), patheffects.Normal()]
    ax.plot([start, end], [level, level], color=color, linestyle=dashes, linewidth=1.8,
            zorder=4, path_effects=halo, label=label)
    ax.plot([deadline], [level], marker="|", markersize=14, markeredgewidth=2.2, color=color,
            linestyle="none", zorder=4, path_effects=halo)


def draw_observed(ax, points, color) -> None:
    """Published values as dots with a black edge, in the series' colour."""
    if points is None or len(points[0]) == 0:
        return
    ax.plot(points[0], points[1], color=color, **OBSERVED_STYLE)


def observed_legend(ax, observed, lang: str) -> None:
    """One legend entry for every series' published dots."""
    if any(p is not None and len(p[0]) for p in (observed or {}).values()):
        ax.plot([], [], color="white", label=t("observed", lang), **OBSERVED_STYLE)


def mark_last_observed(ax, when: float | None, lang: str) -> None:
    """A thin grey vertical line at the last published value, labelled 实际｜预测 at the
    bottom of the axes (left of it observed, right of it projected)."""
    if when is None:
        return
    low, high = ax.get_xlim()
    if not low <= when <= high:
        return
    ax.axvline(when, color="#888888", linewidth=0.9, zorder=1)
    # under every line (data at zorder 2, targets 4): it never hides a value or a target
    ax.text(when, 0.02, t("observed_projected", lang), transform=ax.get_xaxis_transform(),
            ha="center", va="bottom", fontsize=8, color="#555555", zorder=1.5,
            bbox=dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none",
                      alpha=0.8))


def plot_panel(years, panel: dict, lang: str, ax=None):
    """One indicator panel (one unit on its axis): a line per series, published values as
    dots, each target as a dashed line of the series' colour (draw_target), reference lines
    (a norm, a capacity) in grey, and the last observed year; the legend below the axes.

    `panel`: {"title", "ylabel", "percent" (bool: values are fractions shown as %),
    "lines": {label: values}, "targets": [(line label, comparison, level, deadline)],
    "observed": {line label: (times, values)}, "references": [(values or level, text)],
    "last_observed": model time or None}.
    """
    ax = _axes(ax)
    scale = 100.0 if panel.get("percent") else 1.0
    years = np.asarray(years)
    observed = panel.get("observed", {})
    colors = {}
    for label, values in panel["lines"].items():
        (line,) = ax.plot(years, np.asarray(values) * scale, marker="o", markersize=2.5,
                          label=label, zorder=2)
        colors[label] = line.get_color()
        points = observed.get(label)
        if points is not None:
            draw_observed(ax, (points[0], np.asarray(points[1]) * scale), colors[label])
    observed_legend(ax, observed, lang)
    for values, text in panel.get("references", ()):
        values = np.broadcast_to(np.asarray(values, float) * scale, years.shape)
        ax.plot(years, values, color=NORM_COLOR, linestyle="-.", linewidth=1.3, zorder=3,
                label=text)
    first = float(min([years[0]] + [float(np.min(p[0])) for p in observed.values()
                                     if len(p[0])]))
    for i, (label, comparison, level, deadline) in enumerate(panel.get("targets", ())):
        draw_target(ax, level * scale, deadline, colors.get(label, "black"),
                    target_text(comparison, level, deadline, lang, panel.get("percent", False)),
                    first, TARGET_DASHES[i % len(TARGET_DASHES)])
    ax.set_ylim(bottom=0)
    low, high = ax.get_ylim()
    # from 0, with room for a marker at 0 below and a target at the top above
    ax.set_ylim(-0.02 * high, high * 1.04)
    integer_years(ax)
    mark_last_observed(ax, panel.get("last_observed"), lang)
    _title(ax, wrap_label(panel["title"], 50), fontsize=11)   # a panel is ~5 inches wide
    ax.set_ylabel(panel["ylabel"])
    ax.tick_params(axis="x", labelbottom=True)
    legend_below(ax, ncol=2)
    return ax


def legend_below(ax, ncol: int = 2, fontsize: float = 8, offset: float = 24):
    """The legend under the axes, `offset` points below them (clear of the tick labels and
    any axis label): never over the data."""
    below = ax.transAxes + ScaledTranslation(0, -offset / 72, ax.figure.dpi_scale_trans)
    handles, labels = ax.get_legend_handles_labels()
    # columns of about 40 Latin (20 Chinese) characters: two fit under a panel 5 inches wide
    labels = [wrap_label(label, LEGEND_COLUMNS // ncol) for label in labels]
    ax.legend(handles, labels, fontsize=fontsize, loc="upper center", bbox_to_anchor=(0.5, 0.0),
              bbox_transform=below, ncol=ncol, handlelength=2.4)


#: Width of a legend under a panel, in Latin characters (a Chinese one counts two).
LEGEND_COLUMNS = 80


def wrap_label(text: str, width: int) -> str:
    """`text` on lines of at most `width` columns (a Chinese character takes two), broken at
    spaces where there are any."""
    def columns(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    if "\n" in text:
        return "\n".join(wrap_label(line, width) for line in text.split("\n"))
    if columns(text) <= width:
        return text
    if " " in text and columns(text) < 1.5 * len(text):   # mostly Latin: break at spaces
        return "\n".join(textwrap.wrap(text, width))
    # a Chinese character, or a run of Latin letters and digits (never split), or a space
    lines, line = [], ""
    for token in re.findall(r"[A-Za-z0-9_.%+-]+|\s|.", text):
        if line.strip() and columns(line + token) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return "\n".join(lines + [line])


def plot_panels(years, panels: list, title: str, lang: str, axes=None):
    """A sector chart: one panel per axes (see plot_panel); returns the axes."""
    if axes is None:
        _, axes = plt.subplots(1, len(panels), layout="constrained")
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
                        percent: bool = False, ax=None, observed=None, last_observed=None):
    """One indicator under several scenarios: a line per scenario, and each target as on a
    run's charts: a dashed line over the plan period ending in a tick at its deadline.

    `lines`: {scenario label: (years, values)}; `targets`: [(level, deadline, legend text)];
    with `percent`, values and levels are fractions shown as %. `observed`: published values
    (times, values in the lines' units, e.g. sim.reports.observed) drawn as dots;
    `last_observed`: the model time of the last one, marked 实际｜预测 (mark_last_observed).
    """
    ax = _axes(ax)
    scale = 100.0 if percent else 1.0
    first_year = min(int(np.min(years)) for years, _ in lines.values())
    for i, (label, (years, values)) in enumerate(lines.items()):
        ax.plot(years, np.asarray(values) * scale, label=label, **scenario_style(i))
    if observed is not None and len(observed[0]):
        draw_observed(ax, (observed[0], np.asarray(observed[1]) * scale), "white")
        observed_legend(ax, {"": observed}, lang)
        first_year = min(first_year, int(np.floor(np.min(observed[0]))))
    for level, deadline, text in targets:   # as on a run's charts (draw_target)
        draw_target(ax, level * scale, deadline, TARGET_COLOR, text, first_year)
    _at_least_span(ax, MIN_SPAN * (100.0 if percent else abs(ax.get_ylim()[1])))
    _room_around(ax, [level * scale for level, _, _ in targets])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    mark_last_observed(ax, last_observed, lang)
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(ylabel)
    _title(ax, title, fontsize=12)
    ax.legend(fontsize=9, **LEGEND_OUTSIDE)
    return ax


def _room_around(ax, levels: list[float], share: float = 0.14) -> None:
    """Keep every target line at least `share` of the axis height inside it, so that a target
    at the data's edge is not drawn on the axis (nor over the 实际｜预测 label at the bottom)."""
    if not levels:
        return
    low, high = ax.get_ylim()
    span = high - low
    new_low = min(low, min(levels) - share * span)
    new_high = max(high, max(levels) + share * span)
    if low >= 0 > new_low:       # an axis that started at 0 or above stays so
        new_low = 0.0
    ax.set_ylim(new_low, new_high)


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
