"""Ranking charts of a sensitivity analysis: which assumptions decide one target.

Horizontal bars, the most influential assumption on top. Sobol: the total index ST as a wide
pale bar and the first-order index S1 as a narrow dark bar inside it, each with its 95%
confidence whisker (the gap between them is what the assumption does through interactions).
Morris: mu_star bars with their whiskers, and sigma as a marker (non-linearity or
interactions). Bars are coloured by the direction of the effect (blue: a higher value of the
assumption raises the target's value; orange: lowers it; grey: no clear direction), from the
rank correlation over the runs (`effect_directions`); assumptions whose index is about zero
are left out (`shown`). Like sim.reports.charts, the functions draw on an axes and return it;
saving is the caller's job (`save_chart`).
"""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")  # files only; never open a window

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.layout_engine import ConstrainedLayoutEngine  # noqa: E402

from sim.reports.charts import (  # noqa: E402  (one style for all)
    STYLE,
    add_note,
    legend_below,
    save_figure,
)
from sim.reports.fonts import use_fonts  # noqa: E402
from sim.reports.labels import t  # noqa: E402

TOTAL_COLOR, FIRST_COLOR, SIGMA_COLOR = "#9ecae1", "#08519c", "#d62728"
#: Bar colours by direction of the effect (sign of the rank correlation between the
#: assumption and the target's value): pale for ST or mu*, dark for S1.
DIRECTION_COLORS = {1: ("#9ecae1", "#08519c"), -1: ("#fdd0a2", "#d94801"),
                    0: ("#d9d9d9", "#636363")}
#: |Spearman rho| below this: no clear direction (the effect is not monotonic, or noise).
CLEAR_DIRECTION = 0.1
#: An assumption whose main index (ST, or mu* relative to the largest) is below this is not
#: drawn: its bar would be empty. The note counts it among those not shown.
ZERO_INDEX = 0.005


def effect_directions(values, outputs) -> np.ndarray:
    """Direction of each assumption's effect on one output over the runs: +1 (a higher value
    of the assumption goes with a higher output), -1, or 0 (|Spearman rho| < CLEAR_DIRECTION).

    `values`: (runs, assumptions) sampled values; `outputs`: (runs,) the output."""
    values, outputs = np.asarray(values, float), np.asarray(outputs, float)
    ranked_y = _ranks(outputs)
    signs = np.zeros(values.shape[1], dtype=int)
    for j in range(values.shape[1]):
        x = _ranks(values[:, j])
        if np.std(x) == 0 or np.std(ranked_y) == 0:
            continue
        rho = float(np.corrcoef(x, ranked_y)[0, 1])
        if abs(rho) >= CLEAR_DIRECTION:
            signs[j] = 1 if rho > 0 else -1
    return signs


def _ranks(x: np.ndarray) -> np.ndarray:
    """Ranks with ties averaged (as Spearman's rho takes them)."""
    return pd.Series(x).rank(method="average").to_numpy()


def shown(main: np.ndarray, relative: bool = False) -> np.ndarray:
    """Mask of the assumptions worth a bar: main index at least ZERO_INDEX (of the largest,
    when `relative`, for Morris mu* in the target's units)."""
    main = np.nan_to_num(np.asarray(main, float), nan=0.0)
    floor = ZERO_INDEX * (np.max(main) if relative and len(main) else 1.0)
    return (main >= floor) & (main > 0)


def _whiskers(values, conf) -> np.ndarray:
    """(lower, upper) whisker lengths: the 95% half-width, cut at 0 below (an index is not
    negative, and the axis starts there)."""
    values = np.clip(np.asarray(values, float), 0, None)
    conf = np.nan_to_num(np.asarray(conf, float))
    return np.vstack([np.minimum(conf, values), conf])


def _colors(signs, which: int) -> list[str]:
    return [DIRECTION_COLORS[int(s)][which] for s in signs]


def _direction_legend(ax, signs, lang: str) -> None:
    """Legend patches for the directions present (colour of the bars)."""
    for sign, key in ((1, "up"), (-1, "down"), (0, "unclear")):
        if sign in {int(s) for s in signs}:
            ax.barh([np.nan], [np.nan], color=DIRECTION_COLORS[sign][1],
                    label=t(f"sensitivity_direction_{key}", lang))


def plot_sobol_ranking(labels, s1, s1_conf, st, st_conf, title: str, xlabel: str, lang: str,
                       ax=None, signs=None):
    """Bars of ST (pale, wide) with S1 (dark, narrow) inside, in the given order from the
    top, coloured by the direction of the effect (`signs`, effect_directions); whiskers are
    the 95% half-widths. Estimates a hair below 0 (sampling noise around a zero index) are
    drawn at 0; their whiskers still show the uncertainty."""
    ax = _axes(ax, len(labels))
    y = np.arange(len(labels))[::-1]
    signs = np.zeros(len(labels), int) if signs is None else np.asarray(signs)
    st, s1 = np.asarray(st, float), np.asarray(s1, float)
    ax.barh(y, np.clip(st, 0, None), height=0.7, color=_colors(signs, 0), edgecolor="#777777",
            linewidth=0.4)
    ax.errorbar(np.clip(st, 0, None), y + 0.18, xerr=_whiskers(st, st_conf), fmt="none",
                ecolor="#555555", elinewidth=1, capsize=3)
    ax.barh(y, np.clip(s1, 0, None), height=0.3, color=_colors(signs, 1))
    ax.errorbar(np.clip(s1, 0, None), y - 0.05, xerr=_whiskers(s1, s1_conf), fmt="none",
                ecolor="black",
                elinewidth=1, capsize=2, label=t("sensitivity_legend_ci", lang))
    # what the two bars are (grey: their colour is the direction)
    ax.barh([np.nan], [np.nan], height=0.7, color="#eeeeee", edgecolor="#777777",
            linewidth=0.4, label=t("sensitivity_legend_ST", lang))
    ax.barh([np.nan], [np.nan], height=0.3, color="#555555",
            label=t("sensitivity_legend_S1", lang))
    _direction_legend(ax, signs, lang)
    # every whisker inside the axes (S1's too: with few runs S1 + its half-width can pass ST's)
    reach = [np.clip(st, 0, None) + np.asarray(st_conf, float),
             np.clip(s1, 0, None) + np.asarray(s1_conf, float)]
    ax.set_xlim(0, max(1.0, 1.02 * float(np.nanmax(np.concatenate(reach))) if len(st) else 1.0))
    return _frame(ax, y, labels, title, xlabel)


def plot_morris_ranking(labels, mu_star, mu_star_conf, sigma, title: str, xlabel: str,
                        lang: str, ax=None, signs=None):
    """Bars of mu_star with 95% whiskers, coloured by the direction of the effect, and sigma
    as a diamond on the same scale."""
    ax = _axes(ax, len(labels))
    y = np.arange(len(labels))[::-1]
    signs = np.zeros(len(labels), int) if signs is None else np.asarray(signs)
    ax.barh(y, mu_star, height=0.6, color=_colors(signs, 1))
    ax.errorbar(mu_star, y, xerr=_whiskers(mu_star, mu_star_conf), fmt="none", ecolor="black",
                elinewidth=1,
                capsize=3, label=t("sensitivity_legend_ci", lang))
    ax.plot(sigma, y, linestyle="none", marker="D", markersize=5, color=SIGMA_COLOR,
            label=t("sensitivity_legend_sigma", lang))
    ax.barh([np.nan], [np.nan], height=0.6, color="#555555",
            label=t("sensitivity_legend_mu_star", lang))
    _direction_legend(ax, signs, lang)
    ax.set_xlim(left=0)
    return _frame(ax, y, labels, title, xlabel)


def save_chart(draw, folder, stem: str, lang: str, note: str = "", rows: int = 10,
               warning: str = "") -> list:
    """Call `draw(ax)` on a new figure sized for `rows` bars and save it as PNG and SVG;
    `warning` (e.g. runs outside a share's range) is printed in red above the note."""
    with plt.style.context(str(STYLE)):
        fig = ranking_figure(draw, lang, note, rows, warning)
        paths = save_figure(fig, folder, stem)
        plt.close(fig)
    return paths


def ranking_figure(draw, lang: str, note: str = "", rows: int = 10, warning: str = ""):
    """The figure of a ranking chart, not saved (call within the project's style)."""
    use_fonts(lang)
    height = 3.4 + 0.42 * rows
    # laid out by matplotlib (the legend under the axes varies in height); room kept at the
    # bottom for the note and the warning, which are outside the layout
    bottom = (0.35 + (0.3 if warning else 0)) / height
    fig, ax = plt.subplots(figsize=(10, height), layout=ConstrainedLayoutEngine(
        rect=(0, bottom, 1, 1 - bottom)))   # left, bottom, width, height
    draw(ax)
    add_note(fig, note)
    if warning:
        fig.text(0.01, 0.01 + 0.25 / height, warning, fontsize=8.5, color="#b00000",
                 ha="left", va="bottom")
    return fig


def _axes(ax, rows: int):
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 2.2 + 0.42 * rows))
    return ax


def _wrapped(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) if len(text) > width else text


def _frame(ax, y, labels, title: str, xlabel: str):
    # Chinese characters are about twice as wide as Latin letters.
    wide = sum(ord(c) > 0x2E80 for c in title) > len(title) / 3
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(_wrapped(xlabel, 48 if wide else 85))
    # fixed height (see sim.reports.charts._title); long titles on two lines
    ax.set_title(_wrapped(title, 36 if wide else 72), y=1.0, fontsize=12)
    # under the axes and their two-line label: never over a bar
    legend_below(ax, ncol=2, fontsize=8.5, offset=60 if "\n" in ax.get_xlabel() else 46)
    return ax
