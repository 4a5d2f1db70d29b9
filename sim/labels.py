"""Chart and table text in Chinese and English."""

from __future__ import annotations

LANGS = ("zh", "en")

TEXT = {
    "pyramid_title": {"zh": "{region}人口金字塔:{y0}年与{y1}年", "en": "{region}: population pyramid, {y0} vs {y1}"},
    "male": {"zh": "男", "en": "Male"},
    "female": {"zh": "女", "en": "Female"},
    "age": {"zh": "年龄(岁)", "en": "Age (years)"},
    "persons_thousand": {"zh": "人数(千人)", "en": "Persons (thousands)"},
    "age_groups_title": {"zh": "{region}各年龄组人口占比", "en": "{region}: age groups, share of residents"},
    "share_percent": {"zh": "占常住人口比例(%)", "en": "Share of resident population (%)"},
    "year": {"zh": "年份", "en": "Year"},
    "vital_title": {"zh": "{region}出生、死亡与净迁移", "en": "{region}: births, deaths and net migration"},
    "persons_per_year_thousand": {"zh": "人数(千人/年)", "en": "Persons per year (thousands)"},
    "births": {"zh": "出生", "en": "Births"},
    "deaths": {"zh": "死亡", "en": "Deaths"},
    "net_migration": {"zh": "净迁移", "en": "Net migration"},
    "share_0_14": {"zh": "0—14岁", "en": "Aged 0-14"},
    "share_15_59": {"zh": "15—59岁", "en": "Aged 15-59"},
    "share_60_plus": {"zh": "60岁及以上", "en": "Aged 60+"},
    "share_65_plus": {"zh": "65岁及以上", "en": "Aged 65+"},
    "share_80_plus": {"zh": "80岁及以上", "en": "Aged 80+"},
    "scenario": {"zh": "情景", "en": "Scenario"},
    "chronic_title": {"zh": "{region}慢病管理:高血压与糖尿病", "en": "{region}: hypertension and diabetes management"},
    "beds_title": {"zh": "{region}床位", "en": "{region}: beds"},
    "workforce_title": {"zh": "{region}卫生人力", "en": "{region}: health workforce"},
    "care_title": {"zh": "{region}签约服务与一老一小", "en": "{region}: family doctors, elderly and infant care"},
    "hypertension": {"zh": "高血压", "en": "Hypertension"},
    "diabetes": {"zh": "糖尿病", "en": "Diabetes"},
    "percent": {"zh": "%", "en": "%"},
    "thousand_patients": {"zh": "患者(千人)", "en": "Patients (thousands)"},
    "per_1000": {"zh": "每千人", "en": "Per 1,000"},
    "per_10000_hukou": {"zh": "每万户籍人口", "en": "Per 10,000 hukou residents"},
    "ratio": {"zh": "比值", "en": "Ratio"},
    "target": {"zh": "目标", "en": "target"},
    "capacity": {"zh": "管理能力", "en": "Capacity"},
    "bed_mix_title": {"zh": "每千人床位", "en": "Beds per 1,000"},
    "occupancy_title": {"zh": "医院病床使用率", "en": "Hospital bed occupancy"},
    "source_note": {"zh": "来源:health-sim 模拟,{scenario}情景;基期为2020年第七次人口普查。",
                    "en": "Source: health-sim projection, scenario {scenario}; base year 2020 census."},
    # Scenario comparison (sim.compare): charts and the HTML report.
    "compare_title": {"zh": "{region}情景比较:{scenarios}", "en": "{region}: scenarios compared: {scenarios}"},
    "compare_made": {"zh": "生成于{date}", "en": "Made on {date}"},
    "compare_how_to_read": {"zh": "如何阅读:各情景从同一个2020年起点出发,只在“关键假设”所列的数值上不同。目标表给出每个情景在期限年份的数值,{reached} 表示达成,{missed} 表示未达成;图中黑色虚线为目标值,星号标在期限年份。",
                            "en": "How to read: every scenario starts from the same 2020 population and differs only in the values listed under “Key assumptions”. The target table gives each scenario's value in the deadline year, {reached} reached and {missed} missed; in the charts the black dashed line is the target level and the star marks the deadline."},
    "compare_targets": {"zh": "规划目标", "en": "Plan targets"},
    "compare_no_targets": {"zh": "该地区没有规划目标。", "en": "This region has no plan targets."},
    "compare_reached_count": {"zh": "达成 {n}/{total}", "en": "{n} of {total} reached"},
    "compare_charts": {"zh": "目标指标", "en": "Targeted indicators"},
    "compare_chart_title": {"zh": "{region}:{indicator}", "en": "{region}: {indicator}"},
    "compare_files": {"zh": "图文件:{files}", "en": "Chart files: {files}"},
    "compare_pyramid": {"zh": "人口金字塔", "en": "Population pyramid"},
    "compare_pyramid_title": {"zh": "{region}人口金字塔:{y0}年与各情景末年", "en": "{region}: population pyramid, {y0} and each scenario's final year"},
    "compare_base_year": {"zh": "{year}年(各情景相同)", "en": "{year} (all scenarios)"},
    "compare_assumptions": {"zh": "关键假设", "en": "Key assumptions"},
    "compare_assumptions_intro": {"zh": "各情景取值不同的输入(区域默认值已计入),按情景文件的写法列出。", "en": "The inputs whose values differ between the scenarios (region defaults included), written as in a scenario file."},
    "compare_same_inputs": {"zh": "各情景的输入完全相同。", "en": "The scenarios use the same inputs."},
    "compare_key": {"zh": "参数", "en": "key"},
    "compare_kind": {"zh": "类别", "en": "kind"},
    "compare_unit": {"zh": "单位", "en": "unit"},
    "assumption": {"zh": "假设", "en": "assumption"},
    "lever": {"zh": "政策杠杆", "en": "lever"},
    "compare_region_default": {"zh": "区域默认值", "en": "region default"},
    "compare_scenarios": {"zh": "情景说明", "en": "The scenarios"},
    "compare_file_years": {"zh": "文件:{file};模拟期:{years}", "en": "file: {file}; years: {years}"},
    "compare_provenance": {"zh": "health-sim,git 提交 {commit},模型文件 sha256 {model}。", "en": "health-sim, git commit {commit}, model file sha256 {model}."},
    "compare_note": {"zh": "来源:health-sim 模拟,情景比较({scenarios});基期为2020年第七次人口普查。",
                     "en": "Source: health-sim projection, scenarios {scenarios}; base year 2020 census."},
}


# Units of scenario keys (sim.keys) in Chinese, for the comparison report; others shown as is.
UNITS_ZH = {
    "children per woman": "孩子数/妇女", "year": "年", "person/year": "人/年",
    "boys per 100 girls": "男婴/100名女婴", "1": "比值", "patients per GP": "患者/全科医生",
    "1/year": "1/年", "day": "天", "bed/year": "张/年", "nurse per bed": "护士/床",
    "doctor per 1000 residents": "医师/千人", "place/year": "托位/年",
    "station/year": "驿站/年", "person per GP per year": "人/全科医生/年",
}


def unit_label(unit: str, lang: str) -> str:
    return UNITS_ZH.get(unit, unit) if lang == "zh" else unit


def t(key: str, lang: str, **fields) -> str:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    return TEXT[key][lang].format(**fields)


def region_name(region, lang: str) -> str:
    return region.name_zh if lang == "zh" else region.name_en
