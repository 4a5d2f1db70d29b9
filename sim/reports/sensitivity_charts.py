"""Ranking charts of a sensitivity analysis: which assumptions decide one target.

Horizontal bars, the most influential assumption on top. Sobol: the total index ST as a wide
pale bar and the first-order index S1 as a narrow dark bar inside it, each with its 95%
confidence whisker (the gap between them is what the assumption does through interactions).
Morris: mu_star bars with their whiskers, and sigma as a marker (non-linearity or
interactions). Like sim.reports.charts, the functions draw on an axes and return it; saving is the
caller's job (`save_chart`).
"""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")  # files only; never open a window

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from sim.reports.charts import STYLE, add_note, save_figure  # noqa: E402  (one style for all)
from sim.reports.fonts import use_fonts  # noqa: E402
from sim.reports.labels import t  # noqa: E402

TOTAL_COLOR, FIRST_COLOR, SIGMA_COLOR = "#9ecae1", "#08519c", "#d62728"


def plot_sobol_ranking(labels, s1, s1_conf, st, st_conf, title: str, xlabel: str, lang: str,
                       ax=None):
    """Bars of ST (pale, wide) with S1 (dark, narrow) inside, in the given order from the
    top; whiskers are the 95% half-widths. Estimates a hair below 0 (sampling noise around
    a zero index) are drawn at 0; their whiskers still show the uncertainty."""
    ax = _axes(ax, len(labels))
    y = np.arange(len(labels))[::-1]
    st, s1 = np.asarray(st, float), np.asarray(s1, float)
    ax.barh(y, np.clip(st, 0, None), height=0.7, color=TOTAL_COLOR,
            label=t("sensitivity_legend_ST", lang))
    ax.errorbar(np.clip(st, 0, None), y + 0.18, xerr=st_conf, fmt="none", ecolor="#555555",
                elinewidth=1, capsize=3)
    ax.barh(y, np.clip(s1, 0, None), height=0.3, color=FIRST_COLOR,
            label=t("sensitivity_legend_S1", lang))
    ax.errorbar(np.clip(s1, 0, None), y - 0.05, xerr=s1_conf, fmt="none", ecolor="black",
                elinewidth=1, capsize=2, label=t("sensitivity_legend_ci", lang))
    ax.set_xlim(0, max(1.0, float(np.nanmax(np.clip(st, 0, None) + np.asarray(st_conf)))
                       if len(st) else 1.0))
    return _frame(ax, y, labels, title, xlabel)


def plot_morris_ranking(labels, mu_star, mu_star_conf, sigma, title: str, xlabel: str,
                        lang: str, ax=None):
    """Bars of mu_star with 95% whiskers, and sigma as a diamond on the same scale."""
    ax = _axes(ax, len(labels))
    y = np.arange(len(labels))[::-1]
    ax.barh(y, mu_star, height=0.6, color=TOTAL_COLOR, label=t("sensitivity_legend_mu_star", lang))
    ax.errorbar(mu_star, y, xerr=mu_star_conf, fmt="none", ecolor="black", elinewidth=1,
                capsize=3, label=t("sensitivity_legend_ci", lang))
    ax.plot(sigma, y, linestyle="none", marker="D", markersize=5, color=SIGMA_COLOR,
            label=t("sensitivity_legend_sigma", lang))
    ax.set_xlim(left=0)
    return _frame(ax, y, labels, title, xlabel)


def save_chart(draw, folder, stem: str, lang: str, note: str = "", rows: int = 10,
               warning: str = "") -> list:
    """Call `draw(ax)` on a new figure sized for `rows` bars and save it as PNG and SVG;
    `warning` (e.g. runs outside a share's range) is printed in red above the note."""
    with plt.style.context(str(STYLE)):
        use_fonts(lang)
        height = 1.9 + 0.42 * rows
        fig, ax = plt.subplots(figsize=(10, height))
        # fixed margins (as sim.reports.run_report): room on the left for assumption names, at the
        # bottom for the axis label and the note
        fig.subplots_adjust(left=0.30, right=0.97, top=1 - 0.85 / height,
                            bottom=1.35 / height)
        draw(ax)
        add_note(fig, note)
        if warning:
            fig.text(0.01, 0.01 + 0.22 / height, warning, fontsize=8.5, color="#b00000",
                     ha="left", va="bottom")
        paths = save_figure(fig, folder, stem)
        plt.close(fig)
    return paths


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
    # the least influential assumptions are at the bottom, so the lower right is free
    ax.legend(loc="lower right", fontsize=8.5)
    return ax
