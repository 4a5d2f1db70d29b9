"""The overview of many scenarios (sim.analysis.overview) as files a reviewer can circulate:
results/overview/<run-id>/ (written at once, sim.runs.results.run_folder) holds

- ``overview.csv``: one row per scenario x target (region, scenario, target id, indicator,
  comparison, level, deadline, value at the deadline, verdict, first year reached, margin,
  plan source), UTF-8 with a byte-order mark for Excel;
- ``overview_zh.md`` / ``overview_en.md``: per scenario, "reached k of n" and the verdicts;
- ``overview_zh.png``/``.svg`` and ``overview_en.png``/``.svg``: the matrix, one row per
  scenario, one column per target, each cell coloured by its verdict with the margin written in.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from sim.analysis.overview import ScenarioVerdicts
from sim.analysis.targets import Target
from sim.analysis.verdicts import count_reached
from sim.core.paths import RESULTS_DIR
from sim.reports.compare_text import ct
from sim.reports.fonts import use_fonts
from sim.reports.labels import target_label
from sim.reports.text_table import text_table
from sim.reports.verdict_tables import STATUS_TEXT, comparison_text, markdown, show_value
from sim.runs.results import new_run_id, run_folder, write_csv

__all__ = ["overview_table", "overview_text", "write_overview", "FOLDER"]

FOLDER = "overview"
#: Cell colours by verdict (colour-blind-safe pairs: blue reached, orange missed).
COLOURS = {"reached": "#9ecae1", "missed": "#fdae6b", "reached_then_lost": "#fdd0a2",
           "beyond_horizon": "#f0f0f0", "set_by_input": "#d9d9d9"}
HEADERS = {
    "zh": ("地区", "情景", "目标", "指标", "目标值", "期限", "期限值", "结论", "首次达成年份",
           "差距(+为余量)", "依据"),
    "en": ("region", "scenario", "target", "indicator", "level", "deadline",
           "value at deadline", "verdict", "first year reached", "margin (+) / shortfall (−)",
           "source"),
}


def _region(item: ScenarioVerdicts, lang: str) -> str:
    return item.region_zh if lang == "zh" else item.region_en


def overview_table(items: list[ScenarioVerdicts], lang: str) -> pd.DataFrame:
    """One row per scenario x target, formatted for people in the language."""
    rows = []
    for item in items:
        for v in item.verdicts:
            t = v.target
            rows.append((_region(item, lang), item.scenario.title_in(lang), t.id,
                         target_label(t, lang), comparison_text(t), t.deadline,
                         show_value(v.value_at_deadline, t), STATUS_TEXT[v.status][lang],
                         v.first_year_reached if v.first_year_reached is not None else "—",
                         show_value(v.margin, t, signed=True), t.source))
    return pd.DataFrame(rows, columns=HEADERS[lang])


def _count(item: ScenarioVerdicts, lang: str) -> str:
    """"达成 4/7（另有3项由输入决定）" / "4 of 7 reached (3 more set by input)" (the compare
    page's words)."""
    reached, judged, inputs = count_reached(item.verdicts)
    if inputs:
        return ct("reached_count_inputs", lang, n=reached, total=judged, inputs=inputs)
    return ct("reached_count", lang, n=reached, total=judged)


def overview_text(items: list[ScenarioVerdicts], lang: str) -> str:
    """For the terminal: one line per scenario (region, scenario, reached k of n)."""
    headers = ("地区", "情景", "文件", "目标达成") if lang == "zh" else (
        "region", "scenario", "file", "targets reached")
    rows = [(_region(i, lang), i.scenario.title_in(lang), str(i.path), _count(i, lang))
            for i in items]
    return text_table(headers, rows, ["<", "<", "<", "<"], 120, [True, True, True, True])


def _markdown(items: list[ScenarioVerdicts], lang: str) -> str:
    title = ("# 各地区各情景的规划目标" if lang == "zh"
             else "# Plan targets, every region and scenario")
    parts = [title, ""]
    table = overview_table(items, lang)
    for item in items:
        heading = f"## {_region(item, lang)}：{item.scenario.title_in(lang)}" if lang == "zh" \
            else f"## {_region(item, lang)}: {item.scenario.title_in(lang)}"
        rows = table[(table.iloc[:, 0] == _region(item, lang))
                     & (table.iloc[:, 1] == item.scenario.title_in(lang))]
        parts += [heading, "", f"`{item.path}` — {_count(item, lang)}", "",
                  markdown(rows.iloc[:, 2:]), ""]
    return "\n".join(parts)


def _column(target: Target) -> tuple:
    return (target.indicator, tuple(sorted(target.select.items())), target.comparison,
            target.level, target.deadline)


def _column_label(target: Target, lang: str) -> str:
    """"每千人口托位数 ≥ 4.50（2025年）" or "infant-care places … ≥ 4.50 by 2025"."""
    level = f"{target_label(target, lang)} {comparison_text(target)}"
    return f"{level}（{target.deadline}年）" if lang == "zh" else f"{level} by {target.deadline}"


def draw_matrix(items: list[ScenarioVerdicts], lang: str, folder: Path) -> list[Path]:
    """The scenario x target matrix chart (PNG and SVG)."""
    import matplotlib  # heavy: matplotlib, only when drawing

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # heavy: matplotlib, only when drawing
    from matplotlib.patches import Patch  # heavy: matplotlib, only when drawing

    from sim.reports import charts  # heavy: imports matplotlib

    # one column per target as judged (indicator, selection, comparison, level, deadline): the
    # same national target under two regions' ids is one column, and two levels of one
    # indicator are two columns whose labels say the level
    columns: dict[tuple, str] = {}
    for item in items:
        for v in item.verdicts:
            columns.setdefault(_column(v.target), _column_label(v.target, lang))
    ids = list(columns)
    rows = [f"{_region(i, lang)} · {i.scenario.title_in(lang)}" for i in items]
    with plt.style.context(str(charts.STYLE)):
        use_fonts(lang)
        width = max(8.0, 2.2 + 0.55 * len(ids))
        # room below for the rotated column labels: about 0.08 in per character at 7 pt
        longest = max((len(label_) for label_ in columns.values()), default=10)
        height = 1.3 + 0.42 * len(rows) + 0.08 * longest
        fig, ax = plt.subplots(figsize=(width, height))
        for r, item in enumerate(items):
            by_id = {_column(v.target): v for v in item.verdicts}
            for c, target_id in enumerate(ids):
                cell = by_id.get(target_id)
                colour = COLOURS[cell.status] if cell else "white"
                ax.add_patch(plt.Rectangle((c, r), 1, 1, facecolor=colour, edgecolor="white",
                                           linewidth=1.5))
                if cell and cell.margin is not None and cell.status != "set_by_input":
                    text = show_value(cell.margin, cell.target, signed=True).replace(" pt", "")
                    ax.text(c + 0.5, r + 0.5, text, ha="center", va="center", fontsize=6.5)
        ax.set_xlim(0, len(ids))
        ax.set_ylim(len(rows), 0)
        ax.set_xticks([c + 0.5 for c in range(len(ids))])
        ax.set_xticklabels([columns[i] for i in ids], rotation=60, ha="right", fontsize=7)
        ax.set_yticks([r + 0.5 for r in range(len(rows))])
        ax.set_yticklabels(rows, fontsize=8)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.grid(False)
        title = ("各地区各情景规划目标达成情况（格内为期限年差距，百分比指标为百分点；"
                 "空白：该地区无此目标）" if lang == "zh" else
                 "Plan targets by region and scenario (cells: margin at the deadline, "
                 "percentage points for shares; blank: no such target)")
        ax.set_title(title, loc="left", fontsize=9)
        legend = [Patch(facecolor=COLOURS[s], label=STATUS_TEXT[s][lang])
                  for s in ("reached", "missed", "reached_then_lost", "set_by_input")]
        ax.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7,
                  frameon=False)
        fig.tight_layout()
        paths = charts.save_figure(fig, folder, f"overview_{lang}")
        plt.close(fig)
    return paths


def write_overview(items: list[ScenarioVerdicts], out: str | Path | None = None) -> Path:
    """Write the overview folder (module docstring); return its path."""
    digest = hashlib.sha256("\n".join(i.scenario.sha256 for i in items).encode()).hexdigest()
    # results/overview/<run-id>/: the folder has no scenario level ("" adds none)
    with run_folder(Path(out) if out else RESULTS_DIR, FOLDER, "", new_run_id(digest)) as (
            work, final):
        table = overview_table(items, "en")
        table.insert(0, "file", [str(i.path) for i in items for _ in i.verdicts])
        write_csv(table, work / "overview.csv")
        for lang in ("zh", "en"):
            (work / f"overview_{lang}.md").write_text(_markdown(items, lang), encoding="utf-8")
            draw_matrix(items, lang, work)
    return final["path"]
