"""Terminal tables (sim.reports.text_table): aligned by display width (a Chinese character takes
two columns), wrapped to a width, and the verdict and summary tables built on them."""

import pandas as pd
import pytest

from sim.analysis.targets import Target
from sim.analysis.verdicts import judge
from sim.reports.text_table import display_width, pad, text_table, wrap
from sim.reports.verdict_tables import TERMINAL_WIDTH, verdict_text

YEARS = list(range(2020, 2031))


def test_display_width_counts_wide_characters_twice():
    assert display_width("abc") == 3
    assert display_width("达成") == 4
    assert display_width("６５％") == 6          # full-width digits and percent sign
    assert display_width("≥ 70.0%") == 7         # ≥ is narrow in a terminal
    assert pad("达成", 6) == "达成  " and pad("达成", 6, ">") == "  达成"


def columns_of(line: str, text: str) -> int:
    """The display column at which `text` starts in `line`."""
    return display_width(line[:line.index(text)])


def test_chinese_columns_line_up_by_display_width():
    rows = [("规范管理率（高血压）", "达成", "2020"), ("每万人全科医生数", "未达成", "—"),
            ("gps", "由输入决定，非预测", "2024")]
    lines = text_table(("指标", "结论", "首次达成"), rows, ["<", "<", ">"]).splitlines()
    starts = {columns_of(line, cell) for line, (_, cell, _) in zip(lines[2:], rows)}
    assert len(starts) == 1                                  # the verdicts start in one column
    ends = {display_width(line) for line in lines[2:]}
    assert len(ends) == 1                                    # right-aligned years end together
    # padding by len() (characters) would not line them up
    naive = [f"{a:<12}{b:<10}{c:>6}" for a, b, c in rows]
    assert len({columns_of(line, b) for line, (_, b, _) in zip(naive, rows)}) > 1


def test_wrap_breaks_at_spaces_underscores_and_between_chinese_characters():
    assert wrap("Standardized management rate", 14) == ["Standardized", "management", "rate"]
    assert wrap("hypertension_standardized_management", 16) == [
        "hypertension_", "standardized_", "management"]
    assert wrap("由输入决定，非预测", 8) == ["由输入决", "定，非预", "测"]
    assert all(display_width(x) <= 5 for x in wrap("abcdefghijkl", 5))


def test_a_table_wider_than_the_limit_is_wrapped_to_it():
    rows = [("a_rather_long_identifier_of_a_target", "A long English description of the "
             "indicator that would make the line far too wide", "≥ 70.0%")] * 3
    table = text_table(("target", "indicator", "level"), rows, max_width=60,
                       wrappable=[True, True, False])
    assert max(display_width(line) for line in table.splitlines()) <= 60
    assert "≥ 70.0%" in table                                # a column that may not wrap stays
    assert not any("description of the indicator that" in line for line in table.splitlines())
    wide = text_table(("target", "indicator", "level"), rows)
    assert max(display_width(line) for line in wide.splitlines()) > 60


def a_target(id_, indicator, select, level, deadline=2025):
    return Target(id_, indicator, select, ">=", level, deadline, "seeds/x.txt:1")


@pytest.fixture
def verdicts():
    ramp = [0.60 + 0.02 * i for i in range(len(YEARS))]
    targets = [a_target("hypertension_standardized_management_rate_long_id",
                        "standardized_management_rate", {"condition": "hypertension"}, 0.65),
               a_target("gps_per_10000", "gps_per_10000_hukou", {}, 6.0),
               a_target("nursing_beds_share_of_primary_care",
                        "nursing_share_of_primary_care_beds", {}, 0.3, 2020)]
    values = [ramp, [5 + 0.2 * i for i in range(len(YEARS))], [0.1] * len(YEARS)]
    return [judge(YEARS, v, t) for v, t in zip(values, targets)]


def test_the_chinese_verdict_table_has_chinese_names_not_ids(verdicts):
    table = verdict_text(verdicts, "zh")
    assert "规范管理率" in table and "（高血压）" in table and "每万人全科医生数" in table
    assert "gps_per_10000" not in table and "_" not in table
    assert "≥ 65.0%" in table and ">=" not in table
    lines = table.splitlines()
    body = lines[2:]
    assert len({columns_of(line, "2025") for line in body if "2025" in line}) == 1


def test_the_english_verdict_table_fits_120_columns(verdicts):
    table = verdict_text(verdicts, "en")
    assert max(display_width(line) for line in table.splitlines()) <= TERMINAL_WIDTH
    assert "gps_per_10000" in table and "reached" in table
    assert "hypertension_" in table and "set by input" in table  # the 2020 deadline


def test_the_run_summary_follows_the_language():
    from types import SimpleNamespace

    from sim.reports.run_report import summary_text

    summary = pd.DataFrame({"total_population": [11_936_010.0, 12_804_646.0],
                            "share_65_plus": [11.66, 14.23], "share_60_plus": [16.87, 21.46],
                            "total_births": [94_613.0, 70_367.0],
                            "implied_life_expectancy": [83.12, 84.12]}, index=[2020, 2025])
    region = SimpleNamespace(name_en="Hangzhou", name_zh="杭州市")
    result = SimpleNamespace(summary=summary, region=region,
                             scenario=SimpleNamespace(
                                 name="baseline",
                                 title_in=lambda lang: "基准情景" if lang == "zh" else "Baseline"))
    zh, en = summary_text(result, "zh"), summary_text(result, "en")
    assert zh.splitlines()[0].startswith("杭州市") and "常住人口" in zh and "residents" not in zh
    assert en.splitlines()[0].startswith("Hangzhou (杭州市)") and "residents" in en
    for text in (zh, en):
        rows = text.splitlines()[3:]
        assert len({display_width(r) for r in rows}) == 1   # right-aligned: rows end together
        assert "11,936,010" in text and "14.23%" in text


def test_the_probability_table_is_aligned_in_chinese_and_fits_120_columns_in_english():
    from types import SimpleNamespace

    import numpy as np
    import xarray as xr

    from sim.analysis.uncertainty import probabilities
    from sim.reports.uncertainty_report import format_probabilities

    years = np.array(YEARS)
    rate = np.stack([np.linspace(0.60, 0.80, len(YEARS)), np.linspace(0.70, 0.90, len(YEARS))])
    ds = xr.Dataset({"standardized_management_rate": (("sample", "time", "condition"),
                                                       rate[:, :, None])},
                    coords={"sample": [0, 1], "time": years, "condition": ["hypertension"]})
    targets = [a_target("hypertension_standardized_management", "standardized_management_rate",
                        {"condition": "hypertension"}, 0.65),
               a_target("hypertension_2020", "standardized_management_rate",
                        {"condition": "hypertension"}, 0.65, 2020)]
    result = SimpleNamespace(table=probabilities(ds, targets, []))
    zh = format_probabilities(result, targets, "zh")
    rows = zh.splitlines()[2:4]
    assert "hypertension_" not in zh.split("由输入决定，非预测：")[0]     # names, not ids
    assert "≥ 65.0%" in zh and ">=" not in zh
    assert len({display_width(row) for row in rows}) == 1        # numbers end in one column
    en = format_probabilities(result, targets, "en")
    table = en.split("\nSet by input")[0]
    assert max(display_width(line) for line in table.splitlines()) <= TERMINAL_WIDTH
    assert "hypertension_" in en and "set by input" in en


def test_every_scenario_keys_unit_has_a_chinese_name():
    """The what-if page, the compare page and the sensitivity charts show each key's unit in
    Chinese; a unit without one would appear in English on a Chinese page."""
    from sim.inputs.keys import KEYS
    from sim.reports.labels import UNITS_ZH

    assert sorted({k.unit for k in KEYS.values()} - set(UNITS_ZH)) == []
