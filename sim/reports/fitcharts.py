"""Fit charts of a calibration: observed vs simulated, one chart per window and series, in
Chinese and English (`<window>_<series>.png` in English, `<window>_<series>_zh.png` in Chinese),
with the project's style and fonts (sim/reports/charts.mplstyle, sim.reports.fonts).

Simulated: the model's yearly path at the estimate. Points sit at whole years: a stock
counted on 1 Nov of model year t at t; a flow over model year t (1 Nov t to 1 Nov t+1, ten of
its twelve months in calendar year t+1) at t+1; an observation at the nearest whole model
time (a year-end count or a calendar year's flow at its year). The fit itself compares them
at their exact model times (sim.analysis.calibration.windows). Observed: filled dots were
fitted, open circles were held out (out-of-sample checks), grey crosses are shown for context
only (e.g. pre-census estimates never revised to the census). Each chart's subtitle gives the
series' MAPE and Theil statistics; its title the years of the data shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from sim.analysis.calibration.runner import WindowFit
from sim.analysis.calibration.windows import model_time
from sim.reports.fonts import use_fonts

ROLE_STYLE: dict[str, dict[str, Any]] = {   # Line2D properties by observation role
    "fit": dict(marker="o", color="#1f77b4", linestyle="none"),
    "check": dict(marker="o", markerfacecolor="white", color="#d62728", linestyle="none"),
    "shown": dict(marker="x", color="#888888", linestyle="none"),
}
TEXT = {
    "simulated": {"zh": "模拟值（取估计值）", "en": "simulated (at the estimate)"},
    "fit": {"zh": "实际值，用于拟合", "en": "observed, fitted"},
    "check": {"zh": "实际值，留作检验（样本外）", "en": "observed, held out (out-of-sample check)"},
    "shown": {"zh": "实际值，未用于拟合（见 fit.yaml 的 excluded）",
              "en": "observed, not fitted (see fit.yaml: excluded)"},
    "role_fit": {"zh": "拟合", "en": "fit"},
    "role_check": {"zh": "检验", "en": "check"},
    "role_shown": {"zh": "仅展示", "en": "shown"},
    "window_backcast": {"zh": "回推窗口", "en": "backcast window"},
    "window_forward": {"zh": "前推窗口", "en": "forward window"},
    "window_health": {"zh": "卫生资源窗口", "en": "health window"},
    "title": {"zh": "{region}：{series}，{window}（数据{first}—{last}年）",
              "en": "{region}: {series}, {window} (data {first}-{last})"},
    "stats": {"zh": "{role}：MAPE {mape:.1%}，U_M {u_m:.2f}，U_S {u_s:.2f}，U_C {u_c:.2f}（n={n}）",
              "en": "{role}: MAPE {mape:.1%}, U_M {u_m:.2f}, U_S {u_s:.2f}, U_C {u_c:.2f} (n={n})"},
    "xlabel": {"zh": "年份（存量：11月1日；流量：该年度）",
               "en": "Year (stocks: 1 Nov; yearly flows: that year)"},
}
#: Series: (Chinese name, English name, Chinese unit, English unit, factor).
SERIES = {
    "resident_population": ("常住人口", "resident population", "常住人口（百万人）",
                            "million residents", 1e-6),
    "births": ("出生人数", "births", "出生人数（千人/年）", "thousand births per year", 1e-3),
    "deaths": ("死亡人数", "deaths", "死亡人数（千人/年）", "thousand deaths per year", 1e-3),
    "crude_birth_rate": ("出生率", "crude birth rate", "每千常住人口每年（‰）",
                         "per 1,000 residents per year", 1.0),
    "crude_death_rate": ("死亡率", "crude death rate", "每千常住人口每年（‰）",
                         "per 1,000 residents per year", 1.0),
    # the health window's counts (sim.analysis.calibration.health_window)
    "beds_total": ("医疗卫生机构床位数", "beds, all institutions", "千张", "thousand beds", 1e-3),
    "beds_hospital": ("医院床位数", "hospital beds", "千张", "thousand beds", 1e-3),
    "beds_primary": ("基层医疗卫生机构床位数", "primary-care beds", "千张", "thousand beds",
                     1e-3),
    "doctors": ("执业（助理）医师数", "practising doctors", "千人", "thousand persons", 1e-3),
    "nurses": ("注册护士数", "registered nurses", "千人", "thousand persons", 1e-3),
    "gps": ("全科医生数", "GPs", "千人", "thousand persons", 1e-3),
}
SHARE_NAMES = {"share_0_14": "0—14岁人口占比", "share_15_59": "15—59岁人口占比",
               "share_15_64": "15—64岁人口占比", "share_60_plus": "60岁及以上人口占比",
               "share_65_plus": "65岁及以上人口占比"}
LANG_SUFFIX = {"en": "", "zh": "_zh"}   # the English file keeps its name (fit.yaml lists it)


def _series(series: str, lang: str) -> tuple[str, str, float]:
    """Name, axis unit and factor of a series in the language."""
    if series in SERIES:
        zh, en, unit_zh, unit_en, factor = SERIES[series]
        return (zh, unit_zh, factor) if lang == "zh" else (en, unit_en, factor)
    name = SHARE_NAMES.get(series, series) if lang == "zh" else series.replace("_", " ")
    return name, ("占常住人口比例（%）" if lang == "zh" else "percent of residents"), 1.0


def series_name(series: str, lang: str) -> str:
    """A series' name in the language (as on its chart)."""
    return _series(series, lang)[0]


def _names(region) -> dict[str, str]:
    """The region's name by language (a plain string serves both)."""
    if isinstance(region, str):
        return {"zh": region, "en": region}
    return {"zh": region.name_zh, "en": region.name_en}


def draw_fit_charts(fits: list[WindowFit], folder: Path, region,
                    langs: tuple[str, ...] = ("en", "zh")) -> list[Path]:
    """Draw every fit chart of `fits` into `folder` in each language; `region` is a Region
    (its Chinese and English names) or a name used for both. Returns the paths written."""
    import matplotlib  # heavy: matplotlib, only when drawing

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # heavy: matplotlib, only when drawing

    from sim.reports import charts  # heavy: imports matplotlib

    names = _names(region)
    paths = []
    for lang in langs:
        with plt.style.context(str(charts.STYLE)):
            use_fonts(lang)
            for fit in fits:
                for name, rows in fit.simulated.groupby("series"):
                    fig = fit_figure(fit, str(name), rows, names[lang], lang)
                    # PNG only: these charts are committed beside fit.yaml
                    paths += charts.save_figure(
                        fig, folder, f"{fit.window.name}_{name}{LANG_SUFFIX[lang]}", ("png",))
                    plt.close(fig)
    return paths


def fit_figure(fit: WindowFit, series: str, rows, region_name: str, lang: str):
    """One fit chart: the simulated path, the observations by role, the statistics."""
    import matplotlib.pyplot as plt  # heavy: matplotlib, only when drawing

    from sim.reports import charts  # heavy: imports matplotlib

    label, unit, factor = _series(series, lang)
    kind, value = fit.window.observable[series]
    path = value(fit.dataset)
    if "sample" in path.dims:
        path = path.isel(sample=0)
    years = fit.dataset["time"].to_numpy().astype(int)
    values = path.to_numpy()
    if kind == "flow":   # model year t's flow: mostly calendar year t+1
        years, values = years[:-1] + 1, values[:-1]
    fig, ax = plt.subplots(figsize=(8, 5.4))
    fig.subplots_adjust(left=0.11, right=0.97, top=0.80, bottom=0.24)
    ax.plot(years, values * factor, color="#333333", linewidth=1.8,
            label=TEXT["simulated"][lang])
    shown_years = []
    for role, group in rows.groupby("role"):
        at = np.round(model_time(group["date"])).astype(int)
        shown_years += list(at)
        ax.plot(at, group["value"] * factor, markersize=7, label=TEXT[str(role)][lang],
                **ROLE_STYLE[str(role)])
    stats = "\n".join(
        TEXT["stats"][lang].format(role=TEXT[f"role_{s['role']}"][lang], mape=s["mape"],
                                   u_m=s["u_m"], u_s=s["u_s"], u_c=s["u_c"], n=s["n"])
        for s in fit.stats.values() if s["series"] == series)
    window = TEXT.get(f"window_{fit.window.name}", {}).get(lang, fit.window.name)
    title = TEXT["title"][lang].format(region=region_name, series=label, window=window,
                                       first=min(shown_years), last=max(shown_years))
    ax.set_title(f"{title}\n{stats}", fontsize=9, loc="left")
    charts.integer_years(ax)
    ax.set_xlabel(TEXT["xlabel"][lang])
    ax.set_ylabel(unit)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, fontsize=8)
    return fig
