"""Chart layout, as a reviewer sees it: every chart of a real run (Hangzhou baseline, both
languages), a fan chart, a sensitivity ranking and a calibration fit chart are drawn, and after
the draw the test compares the window extents of their artists with the figure and axes boxes:

- no text (titles, labels, tick labels, legend entries, notes) and no marker leaves the figure;
- no marker or text placed in an axes is clipped by the axes;
- no legend covers data: no point of a line and no bar of its axes lies under the legend;
- every axes that shows data has tick labels on both axes;
- a Chinese chart has no title without Chinese characters, nor half-width punctuation
  ((),:;) or >= / <= in its titles.

`test_checks_catch_a_broken_chart` draws figures with one defect each and checks that the
check for that defect fails on it (the guard can fail). Drawn once per module (~20 s).
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from sim.analysis.calibration.windows import OBSERVABLE  # noqa: E402
from sim.analysis.targets import load_targets  # noqa: E402
from sim.inputs.scenario import effective_series  # noqa: E402
from sim.reports import charts  # noqa: E402
from sim.reports.chart_jobs import chart_figure  # noqa: E402
from sim.reports.fancharts import fan_figure  # noqa: E402
from sim.reports.fitcharts import fit_figure  # noqa: E402
from sim.reports.fonts import use_fonts  # noqa: E402
from sim.reports.observed import load_observed  # noqa: E402
from sim.reports.run_charts import chart_jobs  # noqa: E402
from sim.reports.run_report import run_scenario  # noqa: E402
from sim.reports.sensitivity_charts import plot_sobol_ranking, ranking_figure  # noqa: E402

SCENARIO = "scenarios/hangzhou/baseline.yaml"
TOLERANCE = 1.5   # pixels: antialiasing at a box's edge is not clipping
CJK = re.compile(r"[\u3400-\u9fff]")
HALF_WIDTH = re.compile(r"[(),:;]|>=|<=")


# ---------------------------------------------------------------------------------------------
# The checks: each returns a list of problems (empty: fine)

def _inside(inner, outer, tol: float = TOLERANCE) -> bool:
    return (inner.x0 >= outer.x0 - tol and inner.x1 <= outer.x1 + tol
            and inner.y0 >= outer.y0 - tol and inner.y1 <= outer.y1 + tol)


def _texts(fig):
    """Every visible, non-empty text of the figure (tick labels of ticks outside the view,
    which are never drawn, left out)."""
    hidden = {id(label) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
              for tick in axis.get_major_ticks() + axis.get_minor_ticks()
              if not _in_view(axis, tick.get_loc()) for label in (tick.label1, tick.label2)}
    for text in fig.findobj(matplotlib.text.Text):
        if text.get_visible() and text.get_text().strip() and id(text) not in hidden:
            yield text


def _in_view(axis, loc: float) -> bool:
    low, high = sorted(axis.get_view_interval())
    return low - 1e-9 <= loc <= high + 1e-9


def _marker_boxes(ax):
    """(line, display box) of every marker drawn by a line of `ax` (not the legend's)."""
    from matplotlib.transforms import Bbox

    for line in ax.lines:
        if not line.get_visible() or line.get_marker() in (None, "None", "", " "):
            continue
        xy = np.column_stack([np.asarray(line.get_xdata(), float),
                              np.asarray(line.get_ydata(), float)])
        xy = xy[np.isfinite(xy).all(axis=1)]
        if not len(xy):
            continue
        half = line.get_markersize() * ax.figure.dpi / 72 / 2
        thin = line.get_markeredgewidth() * ax.figure.dpi / 72 / 2
        # a vertical tick (|, e.g. a whisker's cap) is as wide as its stroke; "_" as high
        hx, hy = {"|": (thin, half), "_": (half, thin)}.get(str(line.get_marker()), (half, half))
        for x, y in line.get_transform().transform(xy):
            yield line, Bbox([[x - hx, y - hy], [x + hx, y + hy]])


def clipped_by_figure(fig) -> list[str]:
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    problems = [f"text {t.get_text()!r} leaves the figure"
                for t in _texts(fig) if not _inside(t.get_window_extent(renderer), box)]
    for ax in fig.axes:
        problems += [f"marker of {line.get_label()!r} leaves the figure"
                     for line, m in _marker_boxes(ax) if not _inside(m, box)]
    return problems


def clipped_by_axes(fig) -> list[str]:
    renderer = fig.canvas.get_renderer()
    problems = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        box = ax.bbox
        problems += [f"{ax.get_title()!r}: marker of {line.get_label()!r} clipped by the axes"
                     for line, m in _marker_boxes(ax) if not _inside(m, box)]
        problems += [f"{ax.get_title()!r}: text {t.get_text()!r} clipped by the axes"
                     for t in ax.texts if t.get_visible() and t.get_text().strip()
                     and t.get_clip_on() and not _inside(t.get_window_extent(renderer), box)]
    return problems


def legend_over_data(fig) -> list[str]:
    renderer = fig.canvas.get_renderer()
    problems = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None or not ax.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        if not box.overlaps(ax.bbox):
            continue
        points = []
        for line in ax.lines:
            if line.get_visible():
                xy = np.column_stack([np.asarray(line.get_xdata(), float),
                                      np.asarray(line.get_ydata(), float)])
                points.append(line.get_transform().transform(xy[np.isfinite(xy).all(axis=1)]))
        for coll in ax.collections:
            if isinstance(coll, PolyCollection) and coll.get_visible():
                for path in coll.get_paths():
                    points.append(coll.get_transform().transform(path.vertices))
        inside = [p for pts in points for p in pts if box.contains(*p)]
        bars = [b for b in ax.patches if isinstance(b, Rectangle) and b.get_visible()
                and b.get_window_extent(renderer).overlaps(box)
                and b.get_width() and b.get_height() and np.isfinite(b.get_width())]
        if inside or bars:
            problems.append(f"{ax.get_title()!r}: legend covers {len(inside)} data points and "
                            f"{len(bars)} bars")
    return problems


def axes_without_tick_labels(fig) -> list[str]:
    problems = []
    for ax in fig.axes:
        if not ax.get_visible() or not (ax.lines or ax.collections or ax.patches):
            continue
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            shown = [t for t in axis.get_major_ticks()
                     if t.get_visible() and t.label1.get_visible() and t.label1.get_text()
                     and _in_view(axis, t.get_loc())]
            if not shown:
                problems.append(f"{ax.get_title()!r}: no {name} tick labels")
    return problems


def ascii_titles(fig, lang: str) -> list[str]:
    if lang != "zh":
        return []
    titles = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    for ax in fig.axes:
        if ax.get_visible():
            titles += [ax.get_title(loc) for loc in ("left", "center", "right")]
    problems = []
    for title in (t for t in titles if t.strip()):
        if not CJK.search(title):
            problems.append(f"title without Chinese: {title!r}")
        elif HALF_WIDTH.search(title):
            problems.append(f"half-width punctuation in a Chinese title: {title!r}")
    return problems


def problems(fig, lang: str) -> list[str]:
    fig.canvas.draw()
    return (clipped_by_figure(fig) + clipped_by_axes(fig) + legend_over_data(fig)
            + axes_without_tick_labels(fig) + ascii_titles(fig, lang))


# ---------------------------------------------------------------------------------------------
# The charts of a real run, drawn once

@pytest.fixture(scope="module")
def run():
    return run_scenario(SCENARIO, write=False)


def _run_figures(run, lang):
    scenario, region = run.scenario, run.region
    jobs = chart_jobs(run.dataset, run.summary, region, scenario.title_in(lang), lang,
                      load_targets(region.name), effective_series(scenario, region),
                      load_observed(region.name))
    return [(job.stem, chart_figure(job)) for job in jobs]


def _fan_figure(run, lang):
    """A fan chart of the run's hypertension management rate; the spread of the samples is
    made up (layout only), the central run and the targets are the run's."""
    ds = run.dataset
    central = ds["standardized_management_rate"].sel(condition="hypertension").to_numpy()
    rng = np.random.default_rng(0)
    paths = central[None, :] * rng.normal(1.0, 0.05, size=(50, 1))
    targets = [t for t in load_targets("hangzhou")
               if t.indicator == "standardized_management_rate"
               and t.select.get("condition") == "hypertension"]
    marks = [(t.comparison, t.level, t.deadline, charts.target_text(
        t.comparison, t.level, t.deadline, lang, True) + "\n" + ("达成概率 80%" if lang == "zh"
                                                             else "P(reached) 80%"))
             for t in targets]
    title = ("杭州市：规范管理率（高血压）\n情景：基准情景；50次抽样的不确定性区间" if lang == "zh"
             else "Hangzhou: standardized management rate (hypertension)\n"
                  "scenario: Baseline; uncertainty from 50 samples")
    observed = (np.array([2021.2, 2022.2]), np.array([0.80, 0.79]))
    return fan_figure(ds["time"].to_numpy(), paths, marks, title, "%", lang, True,
                      "来源：测试" if lang == "zh" else "Source: test", central=central,
                      observed=observed, last_observed=2024.2)


def _ranking_figure(lang):
    labels = (["2020年全科医生", "医师流失率（含退休）", "卫生人才外流率"] if lang == "zh"
              else ["GPs, 2020", "Doctor attrition (incl. retirement)", "Staff out-migration"])
    title = ("杭州市：每万人全科医生数（2025年≥6）哪些假设起决定作用" if lang == "zh"
             else "Hangzhou: GPs per 10,000 (≥ 6 by 2025): which assumptions decide it")
    xlabel = ("2025年数值的方差中由该假设解释的份额（Sobol指数，0—1）" if lang == "zh"
              else "Share of the variance of the 2025 value due to the assumption (Sobol index)")
    return ranking_figure(lambda ax: plot_sobol_ranking(
        labels, [0.44, 0.36, 0.08], [0.4, 0.2, 0.1], [0.48, 0.11, 0.04], [0.2, 0.05, 0.03],
        title, xlabel, lang, ax=ax, signs=[1, -1, 0]), lang, "note", rows=3)


def _fit_figure(run, lang):
    """A fit chart of the run's resident population against made-up observations (layout)."""
    ds = run.dataset.assign_coords(time=run.dataset["time"] - 10)   # as a 2010-2025 window
    rows = pd.DataFrame({"series": "resident_population", "role": ["fit", "fit", "check"],
                         "date": pd.to_datetime(["2011-12-31", "2015-12-31", "2020-11-01"]),
                         "value": [12.0e6, 12.9e6, 13.5e6]})
    stats = {"a": dict(series="resident_population", role="fit", mape=0.01, u_m=0.1,
                       u_s=0.2, u_c=0.7, n=2)}
    fit = SimpleNamespace(window=SimpleNamespace(name="backcast", observable=OBSERVABLE),
                          dataset=ds, stats=stats, simulated=rows)
    return fit_figure(fit, "resident_population", rows, "杭州市" if lang == "zh" else "Hangzhou",
                      lang)


@pytest.fixture(scope="module")
def drawn(run):
    """name -> (language, figure), every chart drawn once for the module."""
    figures = {}
    with plt.style.context(str(charts.STYLE)), plt.rc_context({"figure.max_open_warning": 0}):
        for lang in ("zh", "en"):
            figures.update({f"{stem} ({lang})": (lang, fig)
                            for stem, fig in _run_figures(run, lang)})
            figures[f"fan ({lang})"] = (lang, _fan_figure(run, lang))
            figures[f"ranking ({lang})"] = (lang, _ranking_figure(lang))
            use_fonts(lang)
            figures[f"fit ({lang})"] = (lang, _fit_figure(run, lang))
    yield figures
    for _, fig in figures.values():
        plt.close(fig)


def test_every_chart_is_laid_out_cleanly(drawn):
    assert len(drawn) == 2 * (7 + 3)   # 7 run charts, a fan, a ranking, a fit; 2 languages
    found = {name: problems(fig, lang) for name, (lang, fig) in drawn.items()}
    bad = {name: p for name, p in found.items() if p}
    assert not bad, "\n".join(f"{name}: {p}" for name, found in bad.items() for p in found)


def test_run_charts_mark_observed_values_and_the_last_observed_year(drawn):
    """The baseline's age-group chart shows the published shares as dots and the line
    between observed and projected, labelled, in both languages."""
    for lang, label in (("zh", "实际｜预测"), ("en", "observed | projected")):
        ax = drawn[f"age_groups ({lang})"][1].axes[0]
        dots = [line for line in ax.lines if line.get_markeredgecolor() == "black"
                and line.get_linestyle() == "None" and len(line.get_xdata())]
        assert len(dots) >= 3 and min(min(d.get_xdata()) for d in dots) < 2011
        assert [t.get_text() for t in ax.texts] == [label]


def test_targets_are_lines_not_lone_markers(drawn):
    """A target whose deadline is the run's first year (geriatric beds, 2020) is still a
    line a year either side of it, and every target's legend says ≥ or ≤, never >=."""
    fig = drawn["beds (zh)"][1]
    texts = [t.get_text() for ax in fig.axes if ax.get_legend()
             for t in ax.get_legend().get_texts()]
    assert any("≥4（2020年）" in t for t in texts) and not any(">=" in t for t in texts)
    (geriatric,) = [ax for ax in fig.axes if ax.get_title() == "每千名老年人康复护理床位数"]
    spans = [line.get_xdata() for line in geriatric.lines
             if line.get_linestyle() == "--" and len(line.get_xdata()) == 2]
    assert [list(s) for s in spans] == [[2019, 2021]]


def test_one_unit_per_axis_and_reference_lines(drawn):
    """Beds per 1,000 residents and per 1,000 aged 60+ are on separate axes; occupancy has
    its planning norm and the chronic-care load its capacity line."""
    beds = {ax.get_title(): ax for ax in drawn["beds (en)"][1].axes if ax.get_visible()}
    units = {ax.get_ylabel() for ax in beds.values()}
    assert {"Beds per 1,000 residents", "Beds per 1,000 aged 60+"} <= units
    for ax in beds.values():   # one unit each: the elderly beds alone on theirs
        names = [line.get_label() for line in ax.lines if not line.get_label().startswith("_")]
        if any("aged 60+" in n for n in names):
            assert ax.get_ylabel() == "Beds per 1,000 aged 60+"
    occupancy = [line.get_label() for line in beds["Hospital bed occupancy"].lines]
    assert "Planning norm 85% (model assumption)" in occupancy
    load = {ax.get_title(): ax for ax in drawn["chronic_disease (en)"][1].axes}
    assert "Capacity (load = 1)" in [line.get_label() for line in load["Chronic-care load"].lines]


# ---------------------------------------------------------------------------------------------
# The checks can fail

def _broken(defect: str):
    fig, ax = plt.subplots(figsize=(6, 4))
    fig.subplots_adjust(left=0.12, right=0.95, top=0.85, bottom=0.15)
    x = np.arange(2020, 2031)
    ax.plot(x, np.linspace(1, 9, x.size), marker="o", label="每千人床位数")
    ax.set_title("杭州市床位")
    if defect == "legend over data":
        ax.legend(loc="center")
        ax.plot(x, np.full(x.size, 5.0), label="第二条")
        ax.legend(loc="center")
    elif defect == "title out of the figure":
        ax.set_title("杭州市床位", y=1.3)
    elif defect == "marker clipped by the axes":
        ax.plot([2030], [9.0], marker="*", markersize=14)
        ax.set_ylim(0, 9.0)
    elif defect == "note clipped by the figure":
        fig.text(0.8, 0.01, "来源：health-sim 模拟，一行很长很长很长的来源说明")
    elif defect == "axis without tick labels":
        ax.tick_params(axis="x", labelbottom=False)
    elif defect == "ASCII-only title":
        ax.set_title("Beds")
    elif defect == "half-width punctuation":
        ax.set_title("杭州市:床位(每千人)")
    return fig


@pytest.mark.parametrize("defect, check", [
    ("legend over data", legend_over_data),
    ("title out of the figure", clipped_by_figure),
    ("marker clipped by the axes", clipped_by_axes),
    ("note clipped by the figure", clipped_by_figure),
    ("axis without tick labels", axes_without_tick_labels),
    ("ASCII-only title", lambda fig: ascii_titles(fig, "zh")),
    ("half-width punctuation", lambda fig: ascii_titles(fig, "zh")),
])
def test_checks_catch_a_broken_chart(defect, check):
    with plt.style.context(str(charts.STYLE)), plt.rc_context({"figure.max_open_warning": 0}):
        use_fonts("zh")
        good, bad = _broken("none"), _broken(defect)
        good.canvas.draw()
        bad.canvas.draw()
        assert check(good) == [], "the check fails a chart without the defect"
        assert check(bad), f"the check misses: {defect}"
        plt.close(good)
        plt.close(bad)


def test_sector_charts_name_units_titles_and_draw_targets_above_the_data(drawn, run):
    """Growth stations are per 1,000 children under 3 (not 每千人); no panel is titled by a
    unit alone; targets are drawn above the data lines; the two 70% hypertension targets
    (2025 and 2030) are told apart; the note names the scenario by its Chinese title."""
    care = {ax.get_title(): ax for ax in drawn["care (zh)"][1].axes}
    assert care["每千名3岁以下婴幼儿成长驿站数"].get_ylabel() == "个/千名3岁以下婴幼儿"
    for name in ("chronic_disease", "beds", "workforce", "care"):
        fig = drawn[f"{name} (zh)"][1]
        assert all(ax.get_title() not in ("每千人", "每千常住人口") for ax in fig.axes)
        assert any("情景：基准情景" in t.get_text() for t in fig.texts)
        for ax in fig.axes:
            data = [line.get_zorder() for line in ax.lines if line.get_linestyle() == "-"
                    and len(line.get_xdata()) > 2]
            targets = [line.get_zorder() for line in ax.lines if line.get_linestyle() != "-"
                       and len(line.get_xdata()) == 2]
            assert not targets or min(targets) > max(data)
    hypertension = {ax.get_title(): ax for ax in drawn["chronic_disease (zh)"][1].axes}["高血压"]
    texts = [t.get_text() for t in hypertension.get_legend().get_texts()]
    assert "目标 >70%（2025年）" in texts and "目标 ≥70%（2030年）" in texts
    styles = [str(line._unscaled_dash_pattern) for line in hypertension.lines
              if len(line.get_xdata()) == 2 and line.get_ydata()[0] == 70]
    assert len(styles) == 2 and styles[0] != styles[1]


def test_a_hiring_budget_that_never_binds_is_not_a_flat_panel(run):
    region = run.region
    full = run.dataset.assign(hiring_budget_share=run.dataset["hiring_budget_share"] * 0 + 1)
    jobs = {job.stem: job for job in chart_jobs(full, run.summary, region, "基准情景", "zh",
                                                load_targets(region.name))}
    panels = jobs["workforce"].args[1]
    assert len(panels) == 2 and "招聘预算满足率各年均为100%，未绘图。" in jobs["workforce"].note
    normal = {job.stem: job for job in chart_jobs(run.dataset, run.summary, region, "基准情景",
                                                  "zh", load_targets(region.name))}
    assert len(normal["workforce"].args[1]) == 3   # it binds in the baseline: drawn


def test_fan_shows_the_central_run_and_fit_charts_whole_years(drawn):
    for lang, central in (("zh", "中心运行"), ("en", "Central run")):
        fan = drawn[f"fan ({lang})"][1].axes[0]
        assert any(t.get_text().startswith(central) for t in fan.get_legend().get_texts())
        fit = drawn[f"fit ({lang})"][1].axes[0]
        for line in fit.lines:
            assert all(float(x).is_integer() for x in line.get_xdata())
        assert ("数据2011—2020年" if lang == "zh" else "data 2011-2020") in fit.get_title("left")


def test_compare_charts_draw_targets_as_run_charts_do():
    """A compare chart's target is the run charts' mark (charts.draw_target): a dashed line
    over the plan period ending at its deadline, with a tick there, drawn above the scenario
    lines; not a line from the first year ending in a star."""
    years = np.arange(2020, 2036)
    lines = {"基准情景": (years, np.linspace(0.5, 0.75, years.size)),
             "加快": (years, np.linspace(0.5, 0.85, years.size))}
    with plt.style.context(str(charts.STYLE)):
        fig, ax = plt.subplots()
        charts.plot_scenario_lines(lines, [(0.7, 2030, "目标 ≥70%（2030年）")], "规范管理率",
                                   "%", "zh", percent=True, ax=ax)
    try:
        assert not [line for line in ax.lines if line.get_marker() == "*"]
        (target,) = [line for line in ax.lines if line.get_label() == "目标 ≥70%（2030年）"]
        assert list(target.get_xdata()) == [2030 - charts.PLAN_YEARS, 2030]
        assert list(target.get_ydata()) == [70.0, 70.0] and target.get_linestyle() == "--"
        ticks = [line for line in ax.lines if line.get_marker() == "|"]
        assert [list(t.get_xdata()) for t in ticks] == [[2030]]
        scenario_z = max(line.get_zorder() for line in ax.lines
                         if line.get_label() in lines)
        assert target.get_zorder() > scenario_z
    finally:
        plt.close(fig)


def test_every_run_chart_says_how_many_starting_figures_are_assumed():
    """Gongshu has one published 2020 figure (its census residents): every chart of its run
    says on a second source line that 27 of its 28 starting figures are derived or assumed;
    a region whose figures are all published gets no such line."""
    import dataclasses

    from sim.inputs.region import load_region
    from sim.reports.run_charts import _assumed_note

    gongshu = load_region("gongshu")
    assert _assumed_note(gongshu, "zh") == (
        "\n2020年起点数字28项中27项为推算或假设（各有区间，见calibration/gongshu/profile.yaml）。")
    assert _assumed_note(gongshu, "en").startswith("\n27 of the 28 starting figures of 2020 ")
    published = dataclasses.replace(
        gongshu, census_provenance={k: dataclasses.replace(p, assumption=False)
                                    for k, p in gongshu.census_provenance.items()},
        health_provenance={k: dataclasses.replace(p, assumption=False)
                           for k, p in gongshu.health_provenance.items()})
    assert _assumed_note(published, "zh") == ""
