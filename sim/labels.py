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
}


def t(key: str, lang: str, **fields) -> str:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    return TEXT[key][lang].format(**fields)


def region_name(region, lang: str) -> str:
    return region.name_zh if lang == "zh" else region.name_en
