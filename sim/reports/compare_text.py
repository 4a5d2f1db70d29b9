"""The words of the scenario-comparison page (sim.reports.compare_html), in Chinese and English.

Chinese text is Chinese end to end: full-width punctuation (，：；（）), ≥ and ≤.
"""

from __future__ import annotations

from sim.reports.labels import LANGS

TEXT = {
    "title": {"zh": "{region}情景比较：{scenarios}", "en": "{region}: scenarios compared ({scenarios})"},
    "made": {"zh": "生成于{date}，health-sim", "en": "Made on {date} with health-sim"},
    "how": {"zh": "如何阅读：各情景只在“关键假设”所列的输入上不同。表中为各情景在期限年份的数值；{reached} 表示达成，{missed} 表示未达成，{input} 表示由输入决定、非预测（期限在基期或之前，或指标复现一项输入；不计入达成数）。“变化”是与第一个情景（{first}）之差。图中黑色虚线为目标值，画在期限前的规划期内，竖线标出期限年份。",
            "en": "How to read: the scenarios differ only in the inputs listed under “Key assumptions”. The tables give each scenario's value in the deadline year; {reached} reached, {missed} missed, {input} set by an input, not projected (a deadline at or before the base year, or an indicator that repeats an input; left out of the counts). “Change” is the difference from the first scenario ({first}). In the charts the black dashed line is the target level over the plan period, and a tick marks the deadline."},
    "start_same": {"zh": "起点相同：各情景{year}年的人口、出生、死亡、迁移和各目标指标数值相同。",
                   "en": "Same start: every scenario has the same {year} population, births, deaths, migration and targeted indicators."},
    "start_differs": {"zh": "起点不完全相同：{year}年，{clauses}。其余数值与{first}相同。",
                      "en": "Not the same start in {year}: {clauses}. Everything else starts as in {first}."},
    "nav_matrix": {"zh": "一览", "en": "At a glance"},
    "matrix": {"zh": "一览：情景 × 规划目标", "en": "At a glance: scenarios × plan targets"},
    "matrix_intro": {"zh": "每格为该情景在期限年份的数值与结论；详细数值、变化与依据见“规划目标”。",
                     "en": "Each cell: the scenario's value in the deadline year and the verdict; details, changes and sources under “Plan targets”."},
    "target_column": {"zh": "规划目标", "en": "Plan target"},
    "reached_count": {"zh": "达成 {n}/{total}", "en": "{n} of {total} reached"},
    "reached_count_inputs": {"zh": "达成 {n}/{total}（另有{inputs}项由输入决定）",
                             "en": "{n} of {total} reached ({inputs} more set by input)"},
    "targets": {"zh": "规划目标", "en": "Plan targets"},
    "no_targets": {"zh": "该地区没有规划目标。", "en": "This region has no plan targets."},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "level": {"zh": "目标值", "en": "Target"},
    "deadline": {"zh": "期限", "en": "By"},
    "value": {"zh": "期限值", "en": "Value"},
    "change": {"zh": "变化", "en": "Change"},
    "change_label": {"zh": "较{first}变化", "en": "Change vs {first}"},
    "set_by_input_short": {"zh": "由输入决定", "en": "set by input"},
    "first_reached": {"zh": "首次达成：{year}年", "en": "first reached {year}"},
    "notes": {"zh": "目标编号与依据", "en": "Target ids and sources"},
    "note": {"zh": "{id}：{source}", "en": "{id}: {source}"},
    "percent_points": {"zh": "个百分点", "en": " pt"},
    "charts": {"zh": "目标指标", "en": "Targeted indicators"},
    "pyramid": {"zh": "人口金字塔", "en": "Population pyramid"},
    "chart_note": {"zh": "来源：health-sim模拟，情景比较（{scenarios}）；基期为{year}年第七次全国人口普查。",
                   "en": "Source: health-sim projection, scenarios compared ({scenarios}); base year {year} census."},
    "chart_title": {"zh": "{region}：{indicator}", "en": "{region}: {indicator}"},
    "chart_target": {"zh": "目标 {level}（{deadline}年）", "en": "target {level} ({deadline})"},
    "pyramid_final": {"zh": "{scenario} {year}年", "en": "{scenario} {year}"},
    "files": {"zh": "图文件：{files}", "en": "Chart files: {files}"},
    "assumptions": {"zh": "关键假设", "en": "Key assumptions"},
    "assumptions_intro": {"zh": "各情景取值不同的输入（已计入区域默认值）。",
                          "en": "The inputs whose values differ between the scenarios (region defaults included)."},
    "same_inputs": {"zh": "各情景的输入完全相同。", "en": "The scenarios use the same inputs."},
    "input": {"zh": "输入", "en": "Input"},
    "kind_assumption": {"zh": "假设", "en": "assumption"},
    "kind_lever": {"zh": "政策杠杆", "en": "lever"},
    "region_default": {"zh": "区域默认值", "en": "region default"},
    "scenarios": {"zh": "情景说明", "en": "The scenarios"},
    "file_years": {"zh": "文件：{file}；模拟期：{years}年", "en": "File: {file}; years {years}"},
    "provenance": {"zh": "health-sim，git提交 {commit}，模型文件sha256 {model}。",
                   "en": "health-sim, git commit {commit}, model file sha256 {model}."},
    "page": {"zh": "第 {page} 页，共 {pages} 页", "en": "page {page} of {pages}"},
}

#: Separators of a list in running text.
LIST_SEP = {"zh": "、", "en": ", "}
ITEM_SEP = {"zh": "；", "en": "; "}


def ct(key: str, lang: str, **fields) -> str:
    """A text of the compare page in `lang`, with `fields` filled in."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    return TEXT[key][lang].format(**fields)
