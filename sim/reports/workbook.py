"""The Excel workbook of a run (results.xlsx): sheets summary, indicators and targets, each with
a Chinese and an English header row above the numbers (openpyxl), shares formatted as percent.

The CSV files of the run folder hold the same numbers with one (English, id) header row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import xarray as xr
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sim.analysis.verdicts import Verdict
from sim.model.outputs import BY_NAME, HEALTH_OUTPUTS, SHARE_GROUPS
from sim.reports.labels import TEXT, target_label
from sim.reports.verdict_tables import STATUS_TEXT

__all__ = ["WORKBOOK_FILE", "write_workbook", "summary_headers", "indicator_headers"]

WORKBOOK_FILE = "results.xlsx"
PERCENT = "0.0%"
YEAR = ("年份", "year")

#: Summary columns that are not Dataset variables: (Chinese, English).
_SUMMARY_EXTRA = {
    "male": ("男性常住人口", "Male residents (person)"),
    "female": ("女性常住人口", "Female residents (person)"),
    **{share: (f"{TEXT[share]['zh']}人口占比(%)", f"{TEXT[share]['en']}, share of residents (%)")
       for share, _ in SHARE_GROUPS},
}


def _english(name: str) -> str:
    output = BY_NAME[name]
    return output.long_name if output.units == "1" else f"{output.long_name} ({output.units})"


def summary_headers(summary: pd.DataFrame) -> list[tuple[str, str]]:
    """(Chinese, English) header of each column of the summary table (sim.runs.results)."""
    return [_SUMMARY_EXTRA.get(c) or (BY_NAME[c].label_zh, _english(c)) for c in summary.columns]


def _element(element: str, lang: str) -> str:
    key = str(element).replace(" ", "_").lower()
    return TEXT[key][lang] if key in TEXT else str(element)


def indicator_headers(ds: xr.Dataset) -> list[tuple[str, str, bool]]:
    """(Chinese, English, is a share) of each column of the indicator table, in the order of
    sim.runs.results.indicator_table (a column per element of a subscripted output)."""
    headers = []
    for output in HEALTH_OUTPUTS:
        extra = [d for d in ds[output.name].dims if d != "time"]
        share = output.units == "1"
        if not extra:
            headers.append((output.label_zh, _english(output.name), share))
            continue
        for element in ds[output.name][extra[0]].values:
            headers.append((f"{output.label_zh}（{_element(element, 'zh')}）",
                            f"{_english(output.name)}: {_element(element, 'en')}", share))
    return headers


def _sheet(book: Workbook, title: str, headers: list[tuple[str, str]], rows: list[list],
           percent: list[bool]) -> None:
    sheet = book.create_sheet(title)
    sheet.append([zh for zh, _ in headers])
    sheet.append([en for _, en in headers])
    for row in rows:
        sheet.append([None if isinstance(x, float) and x != x else x for x in row])  # NaN: empty
    bold = Font(bold=True)
    for cell in (*sheet[1], *sheet[2]):
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for j, is_share in enumerate(percent, start=1):
        letter = get_column_letter(j)
        sheet.column_dimensions[letter].width = 14 if j > 1 else 8
        if is_share:
            for (cell,) in sheet.iter_rows(min_row=3, min_col=j, max_col=j):
                cell.number_format = PERCENT
    sheet.freeze_panes = "B3"


def _target_rows(verdicts: list[Verdict]) -> tuple[list[tuple[str, str]], list[list], list[bool]]:
    headers = [("目标编号", "target id"), ("指标", "indicator (Chinese)"),
               ("指标(英文)", "indicator"),
               ("比较", "comparison"), ("目标值", "level"), ("期限", "deadline"),
               ("期限值", "value at deadline"), ("首次达成年份", "first year reached"),
               ("差距(+为余量)", "margin (+) / shortfall (−)"), ("结论", "verdict (Chinese)"),
               ("结论(英文)", "verdict"), ("由输入决定的原因", "why set by input"),
               ("依据", "source")]
    rows, shares = [], []
    for v in verdicts:
        t = v.target
        rows.append([t.id, target_label(t, "zh"), target_label(t, "en"), t.comparison, t.level,
                     t.deadline, v.value_at_deadline, v.first_year_reached, v.margin,
                     STATUS_TEXT[v.status]["zh"], STATUS_TEXT[v.status]["en"],
                     v.input_reason or "", t.source])
        shares.append(BY_NAME[t.indicator].units == "1")
    return headers, rows, shares


def write_workbook(path: Path, summary: pd.DataFrame, indicators: pd.DataFrame, ds: xr.Dataset,
                   verdicts: list[Verdict]) -> None:
    """Write the run's workbook: sheets summary, indicators and targets."""
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "summary", [YEAR, *summary_headers(summary)],
           [[int(year), *row] for year, row in zip(summary.index, summary.to_numpy().tolist())],
           [False] * (len(summary.columns) + 1))
    columns = indicator_headers(ds)
    _sheet(book, "indicators", [YEAR, *((zh, en) for zh, en, _ in columns)],
           [[int(year), *row] for year, row in zip(indicators.index,
                                                    indicators.to_numpy().tolist())],
           [False, *(share for _, _, share in columns)])
    headers, rows, shares = _target_rows(verdicts)
    _sheet(book, "targets", headers, rows, [False] * len(headers))
    targets = book["targets"]
    for i, share in enumerate(shares, start=3):  # level, value and margin of a share: percent
        if share:
            for j in (5, 7, 9):
                targets.cell(row=i, column=j).number_format = PERCENT
    book.save(path)
