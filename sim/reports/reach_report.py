"""What it would take (sim.analysis.reach) for people: the target's baseline value, each lever's
baseline and required setting and the change, rounded to meaningful digits, in Chinese or
English."""

from __future__ import annotations

import math

from sim.analysis.reach import ReachResult
from sim.inputs.keys import KEYS
from sim.reports.labels import t, target_label, unit_label
from sim.reports.verdict_tables import comparison_text, show_value

__all__ = ["meaningful", "reach_text"]

#: Significant digits a lever setting is shown with: enough to tell settings apart, none of the
#: search's noise (a root found to 1e-6 of the range).
DIGITS = 4


def meaningful(x: float, digits: int = DIGITS, direction: int = 0) -> float:
    """`x` rounded to `digits` significant digits (never finer than whole units for values of
    10,000 and more), up (`direction` > 0), down (< 0) or to nearest (0); tiny noise is 0."""
    if x == 0 or not math.isfinite(x) or abs(x) < 1e-9:
        return 0.0
    places = max(digits - 1 - math.floor(math.log10(abs(x))), 0)  # whole units at the least
    scale = 10.0 ** places
    rounding = math.ceil if direction > 0 else math.floor if direction < 0 else round
    value = rounding(round(x * scale, 6)) / scale   # round(…, 6): 7228.0000001 is 7228
    return float(round(value, max(places, 0)))


def _number(x: float) -> str:
    text = f"{x:,.{DIGITS + 2}f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _margin(result_margin: float | None, target, lang: str) -> dict[str, str]:
    margin = result_margin if result_margin is not None else float("nan")
    if abs(margin) < 1e-9:
        margin = 0.0
    word = t("margin_word" if margin >= 0 else "shortfall_word", lang)
    return {"margin_word": word, "margin": show_value(margin, target, signed=True)}


def reach_text(result: ReachResult, lang: str) -> str:
    """The search's answer as lines for the terminal."""
    target = result.target
    assert target is not None, "a ReachResult from sim.analysis.reach has its target"
    lines = [t("reach_target", lang, id=target.id, indicator=target_label(target, lang),
               level=comparison_text(target), deadline=target.deadline),
             t("reach_baseline", lang, deadline=target.deadline,
               value=show_value(result.baseline_value, target),
               **_margin(result.baseline_margin, target, lang))]
    if result.outcome == "already_reached":
        for key, base in result.baseline.items():
            lines.append(t("reach_already", lang, lever=key, base=_number(meaningful(base)),
                           unit=unit_label(KEYS[key].unit, lang)))
    elif result.setting is None:
        value = dict(deadline=target.deadline, value=show_value(result.value, target),
                     **_margin(result.margin, target, lang))
        if len(result.levers) == 1:
            spec = KEYS[result.levers[0]]
            lines.append(t("reach_unreachable", lang, lever=spec.key, low=_number(spec.low),
                           high=_number(spec.high), unit=unit_label(spec.unit, lang), **value))
        else:
            lines.append(t("reach_unreachable_joint", lang, **value))
    else:
        direction = -1 if result.outcome == "decrease" else 1
        for key in result.levers:
            spec = KEYS[key]
            base = result.baseline[key]
            required = meaningful(result.setting[key], direction=direction)
            required = min(max(required, spec.low), spec.high)
            change = meaningful(required - base)
            if change == 0:
                change_text, percent = "0", ""
            else:
                change_text = ("+" if change > 0 else "−") + _number(abs(change))
                percent = (("，" if lang == "zh" else ", ") + ("+" if change > 0 else "−")
                           + f"{abs(change) / base:.0%}" if base else "")
            lines.append(t("reach_lever", lang, lever=key, start=result.start,
                           label=spec.label_zh if lang == "zh" else spec.label_en))
            lines.append(t("reach_change", lang, base=_number(meaningful(base)),
                           required=_number(required), unit=unit_label(spec.unit, lang),
                           change=change_text, percent=percent))
        lines.append(t("reach_with", lang, deadline=target.deadline,
                       value=show_value(result.value, target),
                       **_margin(result.margin, target, lang)))
        lines.append(t("reach_rounded", lang))
    lines.append(t("reach_runs", lang, runs=result.runs))
    return "\n".join(lines)
