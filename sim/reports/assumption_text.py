"""Scenario inputs written for people: "总和生育率（孩子数/妇女）：1.06 → 0.86，2020–2023年"
rather than the YAML form `{ramp: {from: 1.0623795959596738, …}}`.

A key's name and unit come from sim.inputs.keys (Chinese or English); shares are written as
percentages, yearly rates as "% a year", relative scales as multiples; numbers are rounded to
three significant digits, or more where fewer would make two different values read the same.
"""

from __future__ import annotations

import math

import numpy as np

from sim.inputs.keys import KeySpec
from sim.inputs.timeseries import Constant, Ramp, Series, Step, Table
from sim.reports.labels import unit_label

#: Digits tried, fewest first, until values that differ read differently.
DIGITS = range(3, 10)


def kind_of_number(spec: KeySpec) -> str:
    """How a key's values are written: "share" (a fraction, as %), "rate" (a fraction a year,
    as % a year), "scale" (a multiple of a national pattern, as ×), or "plain" (with the unit
    in the row's name)."""
    if spec.unit == "1/year":
        return "rate"
    if spec.unit == "1":
        return "scale" if spec.key.endswith("_scale") else "share"
    return "plain"


def round_significant(value: float, digits: int) -> float:
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))


def number(value: float, digits: int = 3) -> str:
    """`value` to `digits` significant digits, no trailing zeros, thousands separated:
    1.0623 → "1.06", 0.0525 → "0.0525"; from 1,000 on, whole numbers (persons, beds):
    206496.4 → "206,496", as the model's outputs of the same quantity read."""
    if abs(value) >= 1000:
        return f"{round(value):,}"
    rounded = round_significant(float(value), digits)
    if rounded == int(rounded) and abs(rounded) < 1e15:
        return f"{int(rounded):,}"
    text = f"{rounded:,.{max(0, digits - 1 - int(math.floor(math.log10(abs(rounded)))))}f}"
    return text.rstrip("0").rstrip(".")


def value_text(spec: KeySpec, value: float, lang: str, digits: int = 3) -> str:
    """One value of a key, in its kind: "72%", "5% a year" / "每年5%", "×1.1", "140"."""
    kind = kind_of_number(spec)
    if kind == "share":
        return f"{number(value * 100, digits)}%"
    if kind == "rate":
        percent = f"{number(value * 100, digits)}%"
        return f"每年{percent}" if lang == "zh" else f"{percent} a year"
    if kind == "scale":
        return f"×{number(value, digits)}"
    return number(value, digits)


def key_name(spec: KeySpec, lang: str) -> str:
    """The key's name for a row header, with its unit where the values do not carry it:
    "总和生育率（孩子数/妇女）", "Total fertility rate (children per woman)"."""
    label = spec.label_zh if lang == "zh" else spec.label_en
    if kind_of_number(spec) != "plain":
        return label
    unit = unit_label(spec.unit, lang)
    return f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"


def _years(first: int, last: int, lang: str) -> str:
    return f"{first}–{last}年" if lang == "zh" else f"{first}–{last}"


def series_text(spec: KeySpec, series: Series, lang: str, digits: int = 3) -> str:
    """A series of a key: a constant "0.84"; a ramp "1.06 → 0.86，2020–2023年"; a step
    "140；2024年起 200"; a table "2020年 1.06，2030年 0.8（其间线性变化）"."""
    def v(x: float) -> str:
        return value_text(spec, x, lang, digits)

    zh = lang == "zh"
    if isinstance(series, Constant):
        return v(series.value)
    if isinstance(series, Ramp):
        r = series.ramp
        sep = "，" if zh else ", "
        return f"{v(r.from_)} → {v(r.to)}{sep}{_years(r.start, r.end, lang)}"
    if isinstance(series, Step):
        years = sorted(series.step)
        parts = [v(series.step[years[0]])]
        parts += [f"{y}年起 {v(series.step[y])}" if zh else f"{v(series.step[y])} from {y}"
                  for y in years[1:]]
        return ("；" if zh else "; ").join(parts)
    if isinstance(series, Table):
        years = sorted(series.table)
        parts = [f"{y}年 {v(series.table[y])}" if zh else f"{v(series.table[y])} in {y}"
                 for y in years]
        if len(parts) == 1:
            return parts[0]
        return ("，".join(parts) + "（其间线性变化）") if zh else (
            ", ".join(parts) + ", linear in between")
    raise TypeError(f"not a series: {series!r}")


def series_texts(spec: KeySpec, series: list[Series | None], lang: str) -> list[str]:
    """Each scenario's series of one key ("—" where a scenario has none), with the fewest
    digits (from three) at which series that differ read differently."""
    distinct = len({repr(s.to_yaml_value()) if s is not None else None for s in series})
    texts: list[str] = []
    for digits in DIGITS:
        texts = [series_text(spec, s, lang, digits) if s is not None else "—" for s in series]
        if len(set(texts)) == distinct:
            break
    return texts


def value_at(series: Series, year: int) -> float:
    """The series' value in one year."""
    return float(series.values(np.array([year]))[0])
