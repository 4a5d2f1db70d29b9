"""Population charts. Each function draws on an axes (made if not given) and returns it;
saving is the caller's job (sim.report), so the functions serve slides and reports alike."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; never open a window

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402

from sim.labels import t  # noqa: E402

STYLE = Path(__file__).with_name("charts.mplstyle")
MALE_COLOR, FEMALE_COLOR = "#1f77b4", "#d62728"


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_pyramid(ds: xr.Dataset, region_name: str, lang: str, years=None, ax=None):
    """Single-year pyramid: the first year as bars, the last as an outline (thousands)."""
    ax = _axes(ax)
    times = ds["time"].values
    y0, y1 = years or (int(times[0]), int(times[-1]))
    ages = ds["age"].values
    for year, filled in ((y0, True), (y1, False)):
        pop = ds["population"].sel(time=year) / 1000.0
        male, female = -pop.sel(sex="male").values, pop.sel(sex="female").values
        if filled:
            ax.barh(ages, male, height=1.0, color=MALE_COLOR, alpha=0.35,
                    label=f"{t('male', lang)} {year}")
            ax.barh(ages, female, height=1.0, color=FEMALE_COLOR, alpha=0.35,
                    label=f"{t('female', lang)} {year}")
        else:
            ax.step(male, ages, where="mid", color=MALE_COLOR, linewidth=1.4,
                    label=f"{t('male', lang)} {year}")
            ax.step(female, ages, where="mid", color=FEMALE_COLOR, linewidth=1.4,
                    label=f"{t('female', lang)} {year}")
    limit = float(np.abs(ds["population"].sel(time=[y0, y1])).max()) / 1000.0 * 1.05
    ax.set_xlim(-limit, limit)
    ticks = ax.get_xticks()
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{abs(v):g}" for v in ticks])
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-0.5, 100.5)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(t("persons_thousand", lang))
    ax.set_ylabel(t("age", lang))
    ax.set_title(t("pyramid_title", lang, region=region_name, y0=y0, y1=y1))
    ax.legend(loc="upper right", fontsize=9)
    return ax


def plot_age_group_shares(summary, region_name: str, lang: str, ax=None):
    """Shares (%) of the broad age groups over time, from sim.results.summary_table."""
    ax = _axes(ax)
    for column in ("share_0_14", "share_60_plus", "share_65_plus", "share_80_plus"):
        ax.plot(summary.index, summary[column], marker="o", markersize=3,
                label=t(column, lang))
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(t("share_percent", lang))
    ax.set_title(t("age_groups_title", lang, region=region_name))
    ax.set_ylim(bottom=0)
    ax.legend()
    return ax


def plot_vital_events(summary, region_name: str, lang: str, ax=None):
    """Births, deaths and net migration per year (thousands)."""
    ax = _axes(ax)
    for column, key in (("total_births", "births"), ("total_deaths", "deaths"),
                        ("total_net_migration", "net_migration")):
        ax.plot(summary.index, summary[column] / 1000.0, marker="o", markersize=3,
                label=t(key, lang))
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(t("persons_per_year_thousand", lang))
    ax.set_title(t("vital_title", lang, region=region_name))
    ax.legend()
    return ax
