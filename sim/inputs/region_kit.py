"""A region from fill-in tables: the tables a planner fills (``calibration/<region>/tables/``),
their one-line checks, and the region profile derived from them (`derive_region`).

The tables are CSV, UTF-8 with a byte-order mark (Excel on Chinese Windows then opens them as
UTF-8), each header cell Chinese then English (``数值 value``; only the last word, the English
id, is read, so a planner may also write ``value`` alone). CSV rather than YAML because
planners fill tables in Excel, one figure a row, and a problem can be named by file, row and
column. The tables:

- ``region.csv``: the region's names, level (city, district, province), parent province and the
  boundary its figures describe;
- ``figures_2020.csv``: every 2020 figure the model needs, one a row, with its unit, where such
  figures are usually published, a ``source`` and, for an empty value, the method used instead;
- ``history.csv``: observed series for calibration (vocabulary: calibration/HISTORY.md);
- ``targets.csv``: the plan's quantified targets with the plan line or document;
- ``not_modelled.csv`` (optional): the plan's other quantified targets, which the model cannot
  judge, each with the reason (written to targets.yaml's ``not_modelled:``).

An empty figure is filled the way the profile builds (calibration/build/) fill a city's missing
figures: the parent's census age shape raked to the region's broad shares, the parent's ratio
per 1,000 residents times the region's residents, the parent's shares and paces. The parent's
figures are its own region profile when the province has one (``calibration/<folder>/``, e.g.
zhejiang), else the nation's (``calibration/china/``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.core.errors import MISSING, InputError, Verbatim, did_you_mean, one_of
from sim.core.paths import PROFILE_FILE
from sim.core.yamlio import read_yaml
from sim.inputs.census import (
    BROAD_GROUPS,
    PERIOD_2020,
    POP_BY_PROVINCE,
    broad_group_counts,
    national_single_year,
    province_groups,
    rake,
    read_source,
    shares_percent,
    split_groups_to_single_years,
    tfr_matching_births,
)
from sim.inputs.history import FIRST_YEAR, HISTORY_COLUMNS, LAST_YEAR
from sim.inputs.keys import BASE_YEAR, KEYS, MAX_END_YEAR
from sim.inputs.national import admission_rate, fertility_pattern
from sim.inputs.profile_schema import HEALTH_2020_MAX, HEALTH_2020_UNITS
from sim.inputs.tables import SEXES, read_age_csv

__all__ = ["KIT_FOLDER", "REGION_TABLE", "FIGURES_TABLE", "HISTORY_TABLE", "TARGETS_TABLE",
           "NOT_MODELLED_TABLE",
           "LEVELS", "FIGURES", "Figure", "Kit", "Derived", "Covered", "read_kit", "derive_region",
           "kit_tables", "resolve_parent", "NATIONAL_TEMPLATE"]

#: The folder of the fill-in tables inside calibration/<region>/ (the rest of the folder is
#: written by `python -m sim region build`).
KIT_FOLDER = "tables"
REGION_TABLE = "region.csv"
FIGURES_TABLE = "figures_2020.csv"
HISTORY_TABLE = "history.csv"
TARGETS_TABLE = "targets.csv"
NOT_MODELLED_TABLE = "not_modelled.csv"
LEVELS = ("city", "district", "province")
#: The region whose profile stands in for a parent province without its own profile.
NATIONAL_TEMPLATE = "china"
#: Range of a count derived from the parent's ratio per resident (or from the region's own total
#: by the parent's split), as multipliers on the value: a judgement, the profile build's range of
#: an assumed split by type (calibration/build/health/beds.py, x0.7-1.4).
COUNT_RANGE = (0.7, 1.4)
#: Range of an age share or a hukou total taken from the parent (multipliers; a judgement).
PARENT_SHARE_RANGE = (0.8, 1.2)
#: Keys whose unit is a yearly amount: the parent's value is scaled by the residents' ratio.
ABSOLUTE_UNITS = ("bed/year", "person/year", "place/year", "station/year")


@dataclass(frozen=True)
class Column:
    id: str
    zh: str
    required: bool = False

    @property
    def header(self) -> str:
        return f"{self.zh} {self.id}"


REGION_COLUMNS = (Column("key", "键", True), Column("value", "值", True), Column("note", "说明"))
FIGURE_COLUMNS = (Column("key", "键", True), Column("item", "项目"), Column("unit", "单位"),
                  Column("value", "数值", True), Column("source", "来源", True),
                  Column("published_in", "通常发布于"), Column("if_empty", "缺省方法"),
                  Column("value_if_empty", "缺省值"))
_HISTORY_ZH = {"series": "序列", "date": "日期", "value": "数值", "unit": "单位", "basis": "口径",
               "source": "来源", "confidence": "可信度", "note": "备注"}
HISTORY_KIT_COLUMNS = tuple(Column(c, _HISTORY_ZH[c], c != "note") for c in HISTORY_COLUMNS)
TARGET_COLUMNS = (Column("id", "编号", True), Column("indicator", "指标", True),
                  Column("select", "选择"), Column("comparison", "比较", True),
                  Column("level", "水平", True), Column("deadline", "年份", True),
                  Column("source", "来源（规划文件及行）", True))
#: The columns of targets.yaml's `not_modelled:` entries (sim.analysis.targets), one a column.
NOT_MODELLED_COLUMNS = (Column("id", "编号", True), Column("text", "规划原文", True),
                        Column("level", "水平", True), Column("unit", "单位", True),
                        Column("deadline", "年份", True),
                        Column("source", "来源（规划文件及行）", True),
                        Column("reason", "模型不能评判的原因", True))
REGION_KEYS = {"name_zh": ("中文名", "Chinese name", True),
               "name_en": ("英文名", "English name", True),
               "level": ("级别", "level: city, district or province", True),
               "parent": ("上级省份", "parent province", True),
               "boundary": ("区划口径", "the boundary your figures describe", False)}


# ---------------------------------------------------------------------------------------------
# The figures
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figure:
    """One row of figures_2020.csv: unit, bounds, where it is published, what it affects."""

    key: str
    zh: str
    en: str
    unit: str
    unit_zh: str
    low: float
    high: float
    published_zh: str
    published_en: str
    #: Results variables (sim.model.outputs) whose targets the figure moves; "*" = every target
    #: (a count per resident moves with the residents).
    affects: tuple[str, ...] = ()
    required: bool = False

    @property
    def share(self) -> bool:
        return self.unit == "1"


_CENSUS = ("第七次全国人口普查公报（地区）", "7th census bulletin of the region")
_STATS = ("统计公报、统计年鉴", "statistical bulletin, statistical yearbook")
_HEALTH = ("卫生健康统计年鉴、卫生健康事业发展统计公报", "health statistics yearbook or bulletin")
_PLAN = ("卫生健康“十四五”规划（现状）、工作总结", "the health plan's baseline, work reports")
_BEDS = ("total_beds", "beds_per_1000_residents")


def _f(key, zh, en, unit, unit_zh, low, high, where, affects=(), required=False) -> Figure:
    return Figure(key, zh, en, unit, unit_zh, low, high, where[0], where[1], tuple(affects),
                  required)


_AGE = ("population_0_14", "population_60_plus", "population_65_plus", "old_age_dependency_ratio",
        "elderly_health_management_rate", "geriatric_rehabilitation_nursing_beds_per_1000_elderly")
FIGURES: tuple[Figure, ...] = (
    _f("residents", "2020年常住人口（普查，11月1日）", "residents 2020 (census, 1 Nov)", "person",
       "人", 1e3, 2e9, _CENSUS, ("*",), required=True),
    _f("male", "男性人口", "males", "person", "人", 0, 2e9, _CENSUS, ("total_births",)),
    _f("share_0_14", "0-14岁占比", "share aged 0-14", "1", "比例（0-1）", 0, 1, _CENSUS, _AGE),
    _f("share_15_59", "15-59岁占比", "share aged 15-59", "1", "比例（0-1）", 0, 1, _CENSUS, _AGE),
    _f("share_60_plus", "60岁及以上占比", "share aged 60+", "1", "比例（0-1）", 0, 1, _CENSUS,
       _AGE),
    _f("share_65_plus", "65岁及以上占比", "share aged 65+", "1", "比例（0-1）", 0, 1, _CENSUS,
       _AGE),
    _f("hukou", "2020年末户籍人口", "registered (hukou) population, end 2020", "person", "人",
       1e3, 2e9, _STATS, ("gps_per_10000_hukou", "hukou_population")),
    _f("cbr", "2020年出生率", "crude birth rate 2020", "per mille", "‰", 1, 30, _STATS,
       ("total_births", "crude_birth_rate", "infant_care_places_per_1000",
        "growth_stations_per_1000_under_3")),
    _f("life_expectancy", "2020年人均预期寿命", "life expectancy 2020", "year", "岁", 60, 90,
       _PLAN, ("implied_life_expectancy", "total_deaths", "population_80_plus")),
    _f("net_migration", "年净迁入人口（常住）", "net migrants a year (residents)", "person/year",
       "人/年", -2e7, 2e7, _STATS, ("*",)),
    _f("hukou_net_transfers", "年户籍净迁入", "net hukou transfers a year", "person/year",
       "人/年", -2e7, 2e7, _STATS, ("gps_per_10000_hukou", "hukou_population")),
    _f("sex_ratio_at_birth", "出生人口性别比", "sex ratio at birth", "boys per 100 girls",
       "男婴/100女婴", 95, 130, _CENSUS, ("total_births",)),
    _f("beds_total", "医疗卫生机构床位总数", "beds of all medical institutions", "bed", "张",
       0, 1.5e7, _HEALTH, _BEDS),
    _f("beds_hospital_general", "医院床位：综合及专科", "hospital beds: general and specialist",
       "bed", "张", 0, 1.5e7, _HEALTH, (*_BEDS, "hospital_occupancy")),
    _f("beds_hospital_tcm", "医院床位：中医类", "hospital beds: TCM-type", "bed", "张", 0, 1.5e7,
       _HEALTH, (*_BEDS, "tcm_beds_per_1000")),
    _f("beds_hospital_rehabilitation", "医院床位：康复", "hospital beds: rehabilitation", "bed",
       "张", 0, 1.5e7, _HEALTH, (*_BEDS, "rehabilitation_beds_per_1000")),
    _f("beds_primary_general", "基层医疗机构床位：普通", "primary-care beds: general", "bed", "张",
       0, 1.5e7, _HEALTH, (*_BEDS, "nursing_share_of_primary_care_beds")),
    _f("beds_primary_nursing", "基层医疗机构床位：护理", "primary-care beds: nursing", "bed", "张",
       0, 1.5e7, _HEALTH, (*_BEDS, "nursing_share_of_primary_care_beds",
                           "geriatric_rehabilitation_nursing_beds_per_1000_elderly")),
    _f("beds_nursing_home", "护理院床位", "nursing-home beds", "bed", "张", 0, 1.5e7, _HEALTH,
       (*_BEDS, "nursing_home_beds")),
    _f("beds_other", "其他机构床位", "beds of other institutions", "bed", "张", 0, 1.5e7, _HEALTH,
       _BEDS),
    _f("doctors", "执业（助理）医师", "practising doctors", "person", "人", 0, 1e7, _HEALTH,
       ("doctors_per_1000_residents", "practising_doctors")),
    _f("gps", "全科医生", "general practitioners", "person", "人", 0, 1e7, _HEALTH,
       ("gps_per_10000_hukou", "general_practitioners", "family_doctor_contracting_rate",
        "elderly_health_management_rate")),
    _f("nurses", "注册护士", "registered nurses", "person", "人", 0, 1e7, _HEALTH,
       ("nurses_per_1000_residents", "registered_nurses")),
    _f("hypertension_aware_share", "高血压知晓率", "hypertension: aware share", "1", "比例（0-1）",
       0, 1, _PLAN, ("awareness_rate", "management_rate")),
    _f("hypertension_managed_share", "高血压患者规范管理率", "hypertension: managed share", "1",
       "比例（0-1）", 0, 1, _PLAN, ("management_rate", "standardized_management_rate")),
    _f("hypertension_standardized_of_managed", "高血压管理人群血压控制率",
       "hypertension: controlled of managed", "1", "比例（0-1）", 0, 1, _PLAN,
       ("standardized_management_rate", "standardized_share_of_patients")),
    _f("diabetes_aware_share", "糖尿病知晓率", "diabetes: aware share", "1", "比例（0-1）", 0, 1,
       _PLAN, ("awareness_rate", "management_rate")),
    _f("diabetes_managed_share", "糖尿病患者规范管理率", "diabetes: managed share", "1",
       "比例（0-1）", 0, 1, _PLAN, ("management_rate", "standardized_management_rate")),
    _f("diabetes_standardized_of_managed", "糖尿病管理人群血糖控制率",
       "diabetes: controlled of managed", "1", "比例（0-1）", 0, 1, _PLAN,
       ("standardized_management_rate", "standardized_share_of_patients")),
    _f("contracted_share", "家庭医生签约服务覆盖率", "family-doctor contracting rate", "1",
       "比例（0-1）", 0, 1, _PLAN, ("family_doctor_contracting_rate",)),
    _f("key_group_contracted_share", "重点人群签约率", "key-group contracting rate", "1",
       "比例（0-1）", 0, 1, _PLAN, ("key_group_contracting_rate",)),
    _f("elderly_managed_share", "老年人健康管理率", "elderly health-management rate", "1",
       "比例（0-1）", 0, 1, _PLAN, ("elderly_health_management_rate",)),
    _f("infant_care_places", "3岁以下婴幼儿托位数", "infant-care places (under 3)", "place", "个",
       0, 1e7, _PLAN, ("infant_care_places", "infant_care_places_per_1000")),
    _f("growth_stations", "儿童成长驿站数", "child growth stations", "station", "个", 0, 1e6,
       _PLAN, ("growth_stations_per_1000_under_3",)),
    _f("occupancy_hospital", "医院病床使用率", "hospital bed occupancy", "1", "比例（0-1.5）", 0,
       HEALTH_2020_MAX["occupancy_hospital"], _HEALTH, ("hospital_occupancy",)),
)
BY_KEY = {f.key: f for f in FIGURES}
SHARES = ("share_0_14", "share_15_59", "share_60_plus", "share_65_plus")
BED_TYPES = tuple(k for k in HEALTH_2020_UNITS if k.startswith("beds_"))


# ---------------------------------------------------------------------------------------------
# Reading the tables
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    """A data row of a table: its row number as a spreadsheet shows it (header = 1) and cells."""

    number: int
    cells: dict[str, str]
    columns: tuple[Column, ...] = ()


@dataclass
class Kit:
    """The tables of one region, read and checked."""

    name: str
    folder: Path
    region: dict[str, str]
    level: str
    parent: str                       # the census area (浙江)
    figures: dict[str, tuple[float, str, int]]   # key -> (value, source, row number)
    history: list[Row]
    targets: list[Row]
    target_rows: list[dict] = field(default_factory=list)   # as written to targets.yaml
    not_modelled: list[dict] = field(default_factory=list)  # targets.yaml's not_modelled:

    def value(self, key: str) -> float | None:
        got = self.figures.get(key)
        return None if got is None else got[0]


def kit_tables(folder: Path) -> Path:
    return folder / KIT_FOLDER


def _read_table(path: Path, columns: tuple[Column, ...]) -> list[Row]:
    """Rows of a kit table; the header's English ids (last word of each cell) are matched."""
    if not path.is_file():
        raise InputError(path, "(file)", MISSING, "the table written by `python -m sim region "
                         "init`", "file not found")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK (GB18030 contains it)
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(path, f"byte {error.start}", Verbatim("bytes neither UTF-8 nor GBK"),
                             "UTF-8 text (Excel: Save As, CSV UTF-8)", "unreadable text") from None
    lines = list(csv.reader(io.StringIO(text)))
    if not lines:
        raise InputError(path, "row 1 (header)", MISSING, ", ".join(c.header for c in columns),
                         "no header row")
    ids = [cell.strip().split()[-1].lower() if cell.strip() else "" for cell in lines[0]]
    for column in columns:
        if column.required and column.id not in ids:
            raise InputError(path, "row 1 (header)", Verbatim(",".join(lines[0])),
                             f"a column {column.header!r}", f"missing required column "
                             f"{column.id!r}")
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append(Row(number, {ids[i]: cells[i].strip() for i in range(min(len(ids),
                                                                                len(cells)))
                                 if ids[i]}, columns))
    return rows


def _cell_where(row: Row, column: Column | str) -> str:
    """'row N, column 数值 value': where a cell is, as a spreadsheet shows it."""
    col = column if isinstance(column, Column) else next(
        (c for c in row.columns if c.id == column), None)
    return f"row {row.number}, column {col.header if col else column}"


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _number(path: Path, row: Row, column: str, allowed: str) -> float:
    raw = row.cells.get(column, "")
    text = raw.replace(",", "").replace("，", "")
    if not _NUMBER.fullmatch(text):
        hint = " (write shares as fractions, 0.65 not 65%)" if "%" in raw else ""
        raise InputError(path, _cell_where(row, column), raw, allowed, "not a number" + hint)
    return float(text)


def census_areas() -> list[str]:
    """The areas of the census table (31 provinces and 全国)."""
    return sorted(set(read_source(POP_BY_PROVINCE)["area"]))


#: English (pinyin) names of the census areas, for English text and an English --parent.
PROVINCE_EN = {"北京": "Beijing", "天津": "Tianjin", "河北": "Hebei", "山西": "Shanxi",
               "内蒙古": "Inner Mongolia", "辽宁": "Liaoning", "吉林": "Jilin",
               "黑龙江": "Heilongjiang", "上海": "Shanghai", "江苏": "Jiangsu", "浙江": "Zhejiang",
               "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong",
               "河南": "Henan", "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong",
               "广西": "Guangxi", "海南": "Hainan", "重庆": "Chongqing", "四川": "Sichuan",
               "贵州": "Guizhou", "云南": "Yunnan", "西藏": "Tibet", "陕西": "Shaanxi",
               "甘肃": "Gansu", "青海": "Qinghai", "宁夏": "Ningxia", "新疆": "Xinjiang"}
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")


def _area_name(text: str) -> str:
    text = "".join(text.split())
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[:-len(suffix)]
    return text


def _profiles(root: Path) -> dict[str, dict]:
    out = {}
    if root.is_dir():
        for folder in sorted(p for p in root.iterdir() if (p / PROFILE_FILE).is_file()):
            try:
                out[folder.name] = read_yaml(folder / PROFILE_FILE)
            except Exception:  # noqa: BLE001 - a damaged profile is reported when loaded
                continue
    return out


def resolve_parent(text: str, root: Path, where: tuple[Path | None, str]) -> str:
    """The census area of a parent province given as 浙江, 浙江省 or Zhejiang (the English name
    of a built region); `InputError` at `where` (file, location) when unknown."""
    areas = census_areas()
    name = _area_name(text)
    by_en = {en.casefold(): zh for zh, en in PROVINCE_EN.items()}
    name = by_en.get(name.casefold(), name)
    if name in areas and name != "全国":
        return name
    for profile in _profiles(root).values():
        if str(profile.get("name_en", "")).casefold() == text.strip().casefold():
            candidate = _area_name(str(profile.get("name_zh", "")))
            if candidate in areas and candidate != "全国":
                return candidate
    provinces = [a for a in areas if a != "全国"]
    raise InputError(where[0], where[1], text, "a province of the 2020 census: " +
                     "、".join(provinces), "unknown parent province" +
                     did_you_mean(name, provinces))


def template_of(parent: str, level: str, root: Path) -> str:
    """The region whose profile stands in for the parent's figures: the province's own profile
    (not for a province as a region), else the nation's."""
    if level != "province":
        for folder, profile in _profiles(root).items():
            zh = _area_name(str(profile.get("name_zh", "")))
            if folder != NATIONAL_TEMPLATE and zh == parent:
                return folder
    if not (root / NATIONAL_TEMPLATE / PROFILE_FILE).is_file():
        raise InputError(root / NATIONAL_TEMPLATE / PROFILE_FILE, "(file)", MISSING,
                         "the nation's profile, whose figures stand in for those of a parent "
                         "province without a profile", "file not found")
    return NATIONAL_TEMPLATE


def read_kit(name: str, root: Path, indicators: Mapping[str, str]) -> Kit:
    """Read and check the tables of region `name` under calibration root `root`. `indicators`:
    the results variables a target may name, with their units ("1" for a share), from
    sim.model.outputs (passed in: this layer sits below the model). Raises `InputError` at the
    first problem, naming file, row and column."""
    folder = root / name
    tables = kit_tables(folder)
    if not tables.is_dir():
        raise InputError(tables, "(folder)", MISSING, f"the tables of `python -m sim region init "
                         f"{name}`", "no fill-in tables for this region")
    region, level, parent = _read_region(tables / REGION_TABLE, root)
    figures = _read_figures(tables / FIGURES_TABLE)
    history = _read_history(tables / HISTORY_TABLE)
    targets, target_rows = _read_targets(tables / TARGETS_TABLE, name, indicators)
    seen = {row["id"]: row for row in target_rows}
    not_modelled = (_read_not_modelled(tables / NOT_MODELLED_TABLE, seen)
                    if (tables / NOT_MODELLED_TABLE).is_file() else [])
    return Kit(name, folder, region, level, parent, figures, history, targets, target_rows,
               not_modelled)


def _read_region(path: Path, root: Path) -> tuple[dict[str, str], str, str]:
    values: dict[str, str] = {}
    rows: dict[str, Row] = {}
    for row in _read_table(path, REGION_COLUMNS):
        key = row.cells.get("key", "")
        if key not in REGION_KEYS:
            raise InputError(path, _cell_where(row, "key"), key, one_of(REGION_KEYS),
                             "unknown key" + did_you_mean(key, REGION_KEYS))
        if key in values:
            raise InputError(path, _cell_where(row, "key"), key, "each key once",
                             f"duplicate row (first on row {rows[key].number})")
        values[key], rows[key] = row.cells.get("value", ""), row
    for key, (_, en, required) in REGION_KEYS.items():
        if required and not values.get(key):
            where = _cell_where(rows[key], "value") if key in rows else "(rows)"
            raise InputError(path, where, MISSING, f"the {en}", f"{key} is required")
    if values["level"] not in LEVELS:
        raise InputError(path, _cell_where(rows["level"], "value"), values["level"],
                         one_of(LEVELS), "unknown level")
    parent = resolve_parent(values["parent"], root, (path, _cell_where(rows["parent"], "value")))
    return values, values["level"], parent


def _read_figures(path: Path) -> dict[str, tuple[float, str, int]]:
    out: dict[str, tuple[float, str, int]] = {}
    for row in _read_table(path, FIGURE_COLUMNS):
        key = row.cells.get("key", "")
        if key not in BY_KEY:
            raise InputError(path, _cell_where(row, "key"), key, "a key written by `region init`",
                             "unknown figure" + did_you_mean(key, BY_KEY))
        if key in out:
            raise InputError(path, _cell_where(row, "key"), key, "each figure once",
                             f"duplicate row (first on row {out[key][2]})")
        spec = BY_KEY[key]
        raw = row.cells.get("value", "")
        if not raw:
            if spec.required:
                raise InputError(path, _cell_where(row, "value"), MISSING,
                                 f"a number of {spec.unit}s", f"{key} is required")
            continue
        unit = f"{spec.unit} ({spec.unit_zh})"
        value = _number(path, row, "value", f"a number in {unit}")
        if spec.share and 1 < value <= 100 * spec.high:
            raise InputError(path, _cell_where(row, "value"), raw,
                             f"a fraction from 0 to {spec.high:g} (write {value / 100:g} for "
                             f"{value:g}%)", "a share given in percent")
        if not spec.low <= value <= spec.high:
            hint = (f" (persons, not 万人: write {value * 1e4:,.0f} for {value:g}万)"
                    if spec.unit == "person" and 0 < value < spec.low else "")
            raise InputError(path, _cell_where(row, "value"), raw,
                             f"a number from {spec.low:g} to {spec.high:g} {spec.unit}",
                             "value out of range" + hint)
        source = row.cells.get("source", "")
        if not source:
            raise InputError(path, _cell_where(row, "source"), MISSING,
                             "the publication and table (or page) the figure comes from",
                             "a figure without its source")
        out[key] = (value, source, row.number)
    given = [k for k in SHARES if k in out]
    if given and len(given) < len(SHARES):
        missing = [k for k in SHARES if k not in out]
        raise InputError(path, f"row {out[given[0]][2]}, column {FIGURE_COLUMNS[3].header}",
                         Verbatim(", ".join(given)), "all four broad age shares or none",
                         f"age shares incomplete ({', '.join(missing)} empty)")
    if given:
        total = sum(out[k][0] for k in ("share_0_14", "share_15_59", "share_60_plus"))
        if abs(total - 1) > 0.01:
            raise InputError(path, f"row {out['share_0_14'][2]}, column value",
                             Verbatim(f"0-14 + 15-59 + 60+ = {total:.3f}"), "1 (within 0.01)",
                             "age shares do not add up")
        if out["share_65_plus"][0] > out["share_60_plus"][0]:
            raise InputError(path, f"row {out['share_65_plus'][2]}, column value",
                             out["share_65_plus"][0], "at most the 60+ share", "65+ above 60+")
    for small, big, why in (("male", "residents", "males are residents"),
                            ("gps", "doctors", "GPs are doctors"),
                            ("hypertension_managed_share", "hypertension_aware_share",
                             "managed patients are aware ones"),
                            ("diabetes_managed_share", "diabetes_aware_share",
                             "managed patients are aware ones")):
        if small in out and big in out and out[small][0] > out[big][0]:
            raise InputError(path, f"row {out[small][2]}, column value", out[small][0],
                             f"at most {big} ({out[big][0]:g}): {why}", f"{small} above {big}")
    types = [k for k in BED_TYPES if k in out]
    if "beds_total" in out and types:
        part = sum(out[k][0] for k in types)
        limit = out["beds_total"][0] * (1.01 if len(types) < len(BED_TYPES) else 1)
        if (part > limit or (len(types) == len(BED_TYPES)
                             and abs(part - out["beds_total"][0]) > 0.01 * part)):
            raise InputError(path, f"row {out['beds_total'][2]}, column value",
                             out["beds_total"][0], f"the sum of the bed types given ({part:g}) "
                             "or more when some are empty", "bed types do not add up to the total")
    return out


def _read_history(path: Path) -> list[Row]:
    rows = _read_table(path, HISTORY_KIT_COLUMNS)
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        date = row.cells.get("date", "")
        match = re.fullmatch(r"(\d{4})-\d{2}-\d{2}", date)
        if not match:
            raise InputError(path, _cell_where(row, "date"), date, "a date YYYY-MM-DD",
                             "not a date")
        if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
            raise InputError(path, _cell_where(row, "date"), date,
                             f"a date from {FIRST_YEAR} to {LAST_YEAR}", "year outside the horizon")
        _number(path, row, "value", "a number in the series' unit (calibration/HISTORY.md)")
        key = (row.cells.get("series", ""), date, row.cells.get("basis", ""))
        if key in seen:
            raise InputError(path, _cell_where(row, "series"), Verbatim(" ".join(key)),
                             "one observation per series, date and basis",
                             f"duplicate row (first on row {seen[key]})")
        seen[key] = row.number
    return rows


_COMPARISONS = (">=", ">", "<=", "<")


def _read_targets(path: Path, region: str, indicators: Mapping[str, str]
                  ) -> tuple[list[Row], list[dict]]:
    rows = _read_table(path, TARGET_COLUMNS)
    out: list[dict] = []
    seen: dict[str, int] = {}
    for row in rows:
        tid = row.cells.get("id", "")
        if not re.fullmatch(r"[A-Za-z0-9_]+", tid):
            raise InputError(path, _cell_where(row, "id"), tid, "a short name of letters, digits "
                             "and _", "not an id")
        if tid in seen:
            raise InputError(path, _cell_where(row, "id"), tid, "each target id once",
                             f"duplicate row (first on row {seen[tid]})")
        seen[tid] = row.number
        indicator = row.cells.get("indicator", "")
        if indicator not in indicators:
            raise InputError(path, _cell_where(row, "indicator"), indicator,
                             "a results variable (docs: sim/model/outputs.py)",
                             "unknown indicator" + did_you_mean(indicator, indicators))
        comparison = row.cells.get("comparison", "").replace("≥", ">=").replace("≤", "<=")
        if comparison not in _COMPARISONS:
            raise InputError(path, _cell_where(row, "comparison"), comparison,
                             one_of(_COMPARISONS), "unknown comparison")
        level = _number(path, row, "level", "a number in the indicator's unit")
        if indicators[indicator] == "1" and level > 1.5:
            raise InputError(path, _cell_where(row, "level"), row.cells["level"],
                             f"a fraction (write {level / 100:g} for {level:g}%)",
                             "a share given in percent")
        deadline = _number(path, row, "deadline", f"a year from {BASE_YEAR} to {MAX_END_YEAR}")
        if not (deadline.is_integer() and BASE_YEAR <= deadline <= MAX_END_YEAR):
            raise InputError(path, _cell_where(row, "deadline"), row.cells["deadline"],
                             f"a year from {BASE_YEAR} to {MAX_END_YEAR}",
                             "year outside the horizon")
        source = row.cells.get("source", "")
        if not source:
            raise InputError(path, _cell_where(row, "source"), MISSING,
                             "the plan document and line (seeds/<file>.txt:<line>) or title",
                             "a target without its source")
        select = {}
        for part in filter(None, re.split(r"[;；]", row.cells.get("select", ""))):
            pieces = re.split(r"\s*[=:：]\s*", part.strip(), maxsplit=1)
            if len(pieces) != 2 or not all(pieces):
                raise InputError(path, _cell_where(row, "select"), part,
                                 "subscript=element, e.g. condition=hypertension",
                                 "not a selection")
            select[pieces[0]] = pieces[1]
        entry: dict[str, Any] = {"id": tid, "indicator": indicator}
        if select:
            entry["select"] = select
        entry.update(comparison=comparison, level=level, deadline=int(deadline), source=source)
        out.append(entry)
    return rows, out


def _read_not_modelled(path: Path, targets: Mapping[str, dict]) -> list[dict]:
    """The optional table of the plan's targets the model cannot judge; every cell is required
    (the reason above all); an id is unique across targets.csv and this table."""
    out: list[dict] = []
    seen: dict[str, int] = {}
    for row in _read_table(path, NOT_MODELLED_COLUMNS):
        tid = row.cells.get("id", "")
        if not re.fullmatch(r"[A-Za-z0-9_]+", tid):
            raise InputError(path, _cell_where(row, "id"), tid, "a short name of letters, digits "
                             "and _", "not an id")
        if tid in seen or tid in targets:
            first = f"row {seen[tid]}" if tid in seen else TARGETS_TABLE
            raise InputError(path, _cell_where(row, "id"), tid, "each target id once (here and "
                             f"in {TARGETS_TABLE})", f"duplicate id (first in {first})")
        seen[tid] = row.number
        for column in NOT_MODELLED_COLUMNS[1:]:
            if not row.cells.get(column.id, ""):
                raise InputError(path, _cell_where(row, column), MISSING, column.header,
                                 f"{column.id} is required")
        raw = row.cells["level"]
        level: float | str = (_number(path, row, "level", "a number or words")
                              if _NUMBER.fullmatch(raw.replace(",", "")) else raw)
        deadline = _number(path, row, "deadline", f"a year from {BASE_YEAR} to {MAX_END_YEAR}")
        if not (deadline.is_integer() and BASE_YEAR <= deadline <= MAX_END_YEAR):
            raise InputError(path, _cell_where(row, "deadline"), row.cells["deadline"],
                             f"a year from {BASE_YEAR} to {MAX_END_YEAR}",
                             "year outside the horizon")
        out.append({"id": tid, "text": row.cells["text"], "level": level,
                    "unit": row.cells["unit"], "deadline": int(deadline),
                    "source": row.cells["source"], "reason": row.cells["reason"]})
    return out


# ---------------------------------------------------------------------------------------------
# Deriving the region
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Covered:
    """One line of the coverage table: how a figure of the region is filled."""

    key: str
    status: str          # supplied | derived | assumed
    value: float | None
    method_zh: str = ""
    method_en: str = ""
    low: float | None = None
    high: float | None = None


@dataclass
class Derived:
    profile: dict
    population: pd.DataFrame
    migration: pd.DataFrame
    coverage: list[Covered]
    template: str
    template_name: tuple[str, str]       # zh, en


def _series_map(value: Any, fn: Callable[[float], float]) -> Any:
    """A profile series (number, ramp, table, step) with `fn` applied to every value."""
    if isinstance(value, (int, float)):
        return fn(value)
    if "ramp" in value:
        r = value["ramp"]
        return {"ramp": {**r, "from": fn(r["from"]), "to": fn(r["to"])}}
    kind = next(iter(value))
    return {kind: {y: fn(v) for y, v in value[kind].items()}}


def _first(value: Any) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    if "ramp" in value:
        return float(value["ramp"]["from"])
    kind = next(iter(value))
    return float(value[kind][min(value[kind])])


def _round(x: float, digits: int = 4) -> float:
    return float(f"{x:.{digits}g}") if x else 0.0


def _count(x: float) -> int:
    return int(round(x))


def derive_region(kit: Kit, root: Path) -> Derived:
    """The profile, population and migration tables of the region from its tables and the
    template (its parent's profile, else the nation's), and the coverage of every figure."""
    template = template_of(kit.parent, kit.level, root)
    t = read_yaml(root / template / PROFILE_FILE)
    t_name = (str(t["name_zh"]), str(t["name_en"]))
    tz, te = t_name
    t_res = float(t["census_2020"]["total"]["value"])
    residents = float(kit.value("residents") or 0)
    ratio = residents / t_res
    cov: list[Covered] = []
    name_en = kit.region["name_en"]

    def supplied(key: str) -> None:
        cov.append(Covered(key, "supplied", kit.value(key)))

    # population by age and sex: the builder's method (calibration/build/profiles.py)
    groups = province_groups(kit.parent, BASE_YEAR)
    single = national_single_year(PERIOD_2020)
    pop = split_groups_to_single_years(groups, single)
    census: dict[str, Any] = {"total": _sourced(residents, "person", kit, "residents")}
    male = kit.value("male")
    shares_given = kit.value("share_0_14") is not None
    if shares_given:
        shares = {k.removeprefix("share_"): 100 * float(kit.value(k) or 0) for k in SHARES}
        targets = broad_group_counts(residents, shares)
        pop = rake(pop, targets, {"male": male, "female": residents - male} if male else None)
    elif male:
        pop[list(SEXES)] *= residents / pop[list(SEXES)].to_numpy().sum()
        pop = rake(pop, {k: float((pop["female"] + pop["male"]).loc[lo:hi].sum())
                         for k, (lo, hi) in BROAD_GROUPS.items()},
                   {"male": male, "female": residents - male})
    else:
        pop[list(SEXES)] *= residents / pop[list(SEXES)].to_numpy().sum()
    pop_shares = shares_percent(pop)
    for k in SHARES:
        if shares_given:
            census[k] = _sourced(round(100 * float(kit.value(k) or 0), 2), "percent", kit, k,
                                 method="the table's fraction x 100")
            supplied(k)
        else:
            v = round(pop_shares[k.removeprefix("share_")], 2)
            lo, hi = (round(v * m, 2) for m in PARENT_SHARE_RANGE)
            census[k] = _assumed(v, "percent", lo, hi, f"census 2020 table 1-5, {kit.parent} rows "
                                 f"(calibration/sources/{POP_BY_PROVINCE})",
                                 f"ASSUMED: {kit.parent}'s census age structure scaled to "
                                 f"{name_en}'s residents; no age shares in the tables. Range "
                                 "x0.8-1.2 (a judgement).")
            parent_en = PROVINCE_EN.get(kit.parent, kit.parent)
            cov.append(Covered(k, "assumed", v / 100, f"{kit.parent}普查年龄结构",
                               f"{parent_en}'s census age structure", lo / 100, hi / 100))
    if male:
        census["male"] = _sourced(male, "person", kit, "male")
        supplied("male")
    else:
        m = float(pop["male"].sum())
        cov.append(Covered("male", "assumed", m, f"{kit.parent}各年龄性别比",
                           f"{PROVINCE_EN.get(kit.parent, kit.parent)}'s sex ratio at each age"))
    supplied("residents")

    # hukou
    t_huk = float(t["hukou_population_2020"]["value"])
    if kit.value("hukou") is not None:
        hukou = _sourced(kit.value("hukou"), "person", kit, "hukou")
        supplied("hukou")
    else:
        v = _count(residents * t_huk / t_res)
        lo, hi = (_count(v * m) for m in PARENT_SHARE_RANGE)
        hukou = _assumed(v, "person", lo, hi, f"{te} profile (calibration/{template}/)",
                         f"ASSUMED: residents x {te}'s hukou/residents ratio "
                         f"{t_huk / t_res:.3f}; range x0.8-1.2 (a judgement).")
        cov.append(Covered("hukou", "assumed", v, f"常住人口×{tz}户籍/常住之比{t_huk / t_res:.3f}",
                           f"residents x {te}'s hukou/resident ratio {t_huk / t_res:.3f}", lo, hi))
    hukou_value = float(hukou["value"])

    health, hcov = _health(kit, t, template, residents, ratio)
    cov += hcov
    common = root if (root / "common").is_dir() else None
    defaults, dcov = _defaults(kit, t, template, residents, ratio, hukou_value / t_huk, pop,
                               fertility_pattern(common), health, common)
    cov += dcov
    mig = read_age_csv(root / template / str(t["files"]["migration_profile"]),
                       ("age", "female", "male"))
    migration = pd.DataFrame({"age": np.arange(len(mig)), **{s: mig[:, j]
                                                                for j, s in enumerate(SEXES)}})
    profile = {
        "region": kit.name, "name_en": name_en, "name_zh": kit.region["name_zh"],
        "base_year": BASE_YEAR,
        "files": {"population": "population_2020.csv",
                  "migration_profile": "migration_profile.csv"},
        "census_2020": census, "hukou_population_2020": hukou, "health_2020": health,
        "defaults": defaults,
    }
    pop["age"] = pop["age"].astype(int)
    order = [f.key for f in FIGURES]
    cov.sort(key=lambda c: order.index(c.key) if c.key in order else len(order))
    return Derived(profile, pop, migration, cov, template, t_name)


def _sourced(value: Any, unit: str, kit: Kit, key: str, method: str | None = None) -> dict:
    q: dict[str, Any] = {"value": _plain(value), "unit": unit,
                         "source": f"{kit.figures[key][1]} (calibration/{kit.name}/{KIT_FOLDER}/"
                                   f"{FIGURES_TABLE} row {kit.figures[key][2]})"}
    if method:
        q["method"] = method
    return q


def _assumed(value: Any, unit: str, low: float, high: float, source: str | None, note: str,
             method: str | None = None, distribution: str = "triangular") -> dict:
    q: dict[str, Any] = {"value": _plain(value), "unit": unit}
    if source:
        q["source"] = source
        if method:
            q["method"] = method
    q.update(assumption=True, low=_plain(low), high=_plain(high), note=note,
             distribution=distribution)
    return q


def _plain(x: Any) -> Any:
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        f = float(x)
        return int(f) if f.is_integer() and abs(f) < 1e15 else f
    return x


def _health(kit: Kit, t: dict, template: str, residents: float, ratio: float
            ) -> tuple[dict, list[Covered]]:
    th = t["health_2020"]
    tz, te = str(t["name_zh"]), str(t["name_en"])
    src = f"{te} profile health_2020 (calibration/{template}/{PROFILE_FILE})"
    out: dict[str, dict] = {}
    cov: list[Covered] = []
    lo_m, hi_m = COUNT_RANGE

    def count(key: str, value: float, zh: str, en: str, status: str = "assumed") -> None:
        v = _count(value)
        lo, hi = _count(v * lo_m), _count(v * hi_m)
        out[key] = _assumed(v, HEALTH_2020_UNITS[key], lo, hi, src,
                            f"{'DERIVED' if status == 'derived' else 'ASSUMED'}: {en}. Range "
                            "x0.7-1.4 (a judgement: the profile build's range of an assumed "
                            "split).",
                            method=en)
        cov.append(Covered(key, status, v, zh, en, lo, hi))

    def per_resident(key: str) -> None:
        per = float(th[key]["value"]) / float(t["census_2020"]["total"]["value"]) * 1000
        count(key, per * residents / 1000, f"{tz}每千人{per:.3g}×常住人口",
              f"{te}'s {per:.3g} per 1,000 residents x the residents")

    # beds
    total = kit.value("beds_total")
    t_types = {k: float(th[k]["value"]) for k in BED_TYPES}
    if total is not None:
        cov.append(Covered("beds_total", "supplied", total))
    else:
        per = sum(t_types.values()) / float(t["census_2020"]["total"]["value"]) * 1000
        cov.append(Covered("beds_total", "assumed", _count(per * residents / 1000),
                           f"{tz}每千人{per:.3g}张×常住人口",
                           f"{te}'s {per:.3g} per 1,000 residents x the residents"))
    given = {k: float(kit.value(k) or 0) for k in BED_TYPES if kit.value(k) is not None}
    rest = [k for k in BED_TYPES if k not in given]
    rest_total = sum(t_types[k] for k in rest) or 1.0
    for k in BED_TYPES:
        if k in given:
            out[k] = _sourced(given[k], "bed", kit, k)
            cov.append(Covered(k, "supplied", given[k]))
        elif total is not None:
            share = t_types[k] / rest_total
            left = max(0.0, total - sum(given.values()))
            count(k, left * share, f"床位总数（余额）×{tz}该类占比{share:.1%}",
                  f"your total beds (what the given types leave) x {te}'s share of this type "
                  f"{share:.1%}", "derived")
        else:
            per_resident(k)
    # staff: GPs and nurses in proportion to doctors (as the province build does for nurses)
    if kit.value("doctors") is not None:
        out["doctors"] = _sourced(kit.value("doctors"), "person", kit, "doctors")
        cov.append(Covered("doctors", "supplied", kit.value("doctors")))
        status = "derived"
    else:
        per_resident("doctors")
        status = "assumed"
    doctors = float(out["doctors"]["value"])
    for k in ("gps", "nurses"):
        if kit.value(k) is not None:
            out[k] = _sourced(kit.value(k), "person", kit, k)
            cov.append(Covered(k, "supplied", kit.value(k)))
        else:
            per = float(th[k]["value"]) / float(th["doctors"]["value"])
            staff = "全科医生" if k == "gps" else "护士"
            count(k, doctors * per, f"医师数×{tz}{staff}/医师之比{per:.3f}",
                  f"doctors x {te}'s {k}/doctor ratio {per:.3f}", status)
    # shares: the parent's; a managed share in proportion to the region's aware share
    for k, unit in HEALTH_2020_UNITS.items():
        if k in out:
            continue
        if kit.value(k) is not None:
            out[k] = _sourced(kit.value(k), unit, kit, k)
            cov.append(Covered(k, "supplied", kit.value(k)))
            continue
        if unit != "1":
            per_resident(k)
            continue
        q = th[k]
        aware = k.replace("managed_share", "aware_share")
        if k.endswith("managed_share") and kit.value(aware) is not None:
            r = float(q["value"]) / float(th[aware]["value"])
            v = round(float(kit.value(aware) or 0) * r, 4)
            lo, hi = round(v * COUNT_RANGE[0], 4), round(min(v * COUNT_RANGE[1], 1.0), 4)
            out[k] = _assumed(v, unit, lo, hi, src, f"DERIVED: your aware share x {te}'s "
                              f"managed/aware ratio {r:.3f}; range x0.7-1.4 (a judgement).",
                              method=f"aware share x {r:.3f}")
            cov.append(Covered(k, "derived", v, f"知晓率×{tz}管理/知晓之比{r:.3f}",
                               f"your aware share x {te}'s managed/aware ratio {r:.3f}", lo, hi))
            continue
        entry = _copy(q, note=f"ASSUMED for {kit.region['name_en']}: {te}'s value. ")
        out[k] = entry
        cov.append(Covered(k, "assumed", float(entry["value"]), f"{tz}的值", f"{te}'s value",
                           entry.get("low"), entry.get("high")))
    return {k: out[k] for k in HEALTH_2020_UNITS}, cov


def _copy(q: dict, note: str, fn: Callable[[float], float] | None = None, basis: bool = False
          ) -> dict:
    """A template quantity for the new region: values (and range) through `fn`, an assumption
    whose note says so; a lever's basis becomes assumption (the parent's pace, not the
    region's observation)."""
    out: dict[str, Any] = {"value": _series_map(q["value"], fn) if fn else q["value"],
                           "unit": q["unit"]}
    if basis:
        out["basis"] = "assumption"
    if q.get("source"):
        out["source"] = q["source"]
        if q.get("method"):
            out["method"] = q["method"]
    low, high = q.get("low"), q.get("high")
    if fn and low is not None:
        low, high = sorted((fn(float(low)), fn(float(high or 0))))
    if low is None:
        v = _first(out["value"])
        low, high = sorted((v * COUNT_RANGE[0], v * COUNT_RANGE[1]))
    out.update(assumption=True, low=_plain(low), high=_plain(high),
               note=note + str(q.get("note", "")).strip(),
               distribution=q.get("distribution", "uniform"))
    return out


def _defaults(kit: Kit, t: dict, template: str, residents: float, ratio: float,
              hukou_ratio: float, pop: pd.DataFrame, pattern, health: dict,
              calibration: Path | None) -> tuple[dict, list[Covered]]:
    td = t["defaults"]
    tz, te = str(t["name_zh"]), str(t["name_en"])
    name = kit.region["name_en"]
    out: dict[str, dict] = {}
    cov: list[Covered] = []
    # TFR: your CBR gives the 2020 level (the builder's method); the parent's path after it
    q = td["population.tfr"]
    t_tfr = _first(q["value"])
    cbr = kit.value("cbr")
    if cbr is not None:
        frame = pd.DataFrame({"share": np.asarray(pattern.values, dtype=float)})
        tfr = tfr_matching_births(pop, frame, cbr, residents)
        f = tfr / t_tfr
        out["population.tfr"] = _copy(q, f"DERIVED: TFR 2020 = {tfr:.4f} from {name}'s CBR "
                                         f"{cbr:g} per mille (model births in 2020 = CBR x "
                                         f"residents, the profile build's method); {te}'s path "
                                         f"after 2020 scaled by {f:.4f}. ",
                                      lambda v: round(v * f, 4))
        out["population.tfr"]["source"] = _sourced(cbr, "", kit, "cbr")["source"]
        out["population.tfr"].pop("method", None)
        cov.append(Covered("cbr", "supplied", cbr))
    else:
        out["population.tfr"] = _copy(q, f"ASSUMED for {name}: {te}'s TFR path. ")
        cov.append(Covered("cbr", "assumed", None, f"{tz}生育率路径（2020年TFR {t_tfr:.3g}）",
                           f"{te}'s TFR path (2020: {t_tfr:.3g})", q.get("low"), q.get("high")))
    q = td["population.life_expectancy"]
    t_e0 = _first(q["value"])
    e0 = kit.value("life_expectancy")
    if e0 is not None:
        d = e0 - t_e0
        out["population.life_expectancy"] = _copy(
            q, f"DERIVED: {name}'s 2020 level {e0:g}, {te}'s pace after ({d:+.2f} years on its "
               "path and range). ", lambda v: round(v + d, 2))
        out["population.life_expectancy"]["source"] = _sourced(e0, "", kit,
                                                               "life_expectancy")["source"]
        out["population.life_expectancy"].pop("method", None)
        cov.append(Covered("life_expectancy", "supplied", e0))
    else:
        out["population.life_expectancy"] = _copy(q, f"ASSUMED for {name}: {te}'s path. ")
        cov.append(Covered("life_expectancy", "assumed", t_e0, f"{tz}的路径", f"{te}'s path",
                           q.get("low"), q.get("high")))
    for key, fig, scale, zh_base, en_base in (
            ("population.net_migration", "net_migration", ratio, "常住人口", "residents"),
            ("population.hukou_net_transfers", "hukou_net_transfers", hukou_ratio, "户籍人口",
             "hukou population")):
        q = td[key]
        mine = kit.value(fig)
        if mine is not None:
            lo, hi = sorted((float(q["low"]) * scale, float(q["high"]) * scale))
            lo, hi = min(lo, mine - 0.5 * abs(mine)), max(hi, mine + 0.5 * abs(mine))
            out[key] = _assumed(_count(mine), q["unit"], _count(lo), _count(hi),
                                _sourced(mine, "", kit, fig)["source"],
                                f"SUPPLIED, held constant; range: {te}'s per resident, widened to "
                                "+-50% of the value (a judgement), for the fit and uncertainty.")
            cov.append(Covered(fig, "supplied", mine))
        else:
            def times(v: float, s: float = scale) -> float:
                return _count(v * s)

            out[key] = _copy(q, f"ASSUMED for {name}: {te}'s value x the {en_base} ratio "
                                f"{scale:.4f}. ", times)
            v = _first(out[key]["value"])
            cov.append(Covered(fig, "assumed", v, f"{tz}人均×{zh_base}",
                               f"{te}'s per head x the {en_base}", out[key]["low"],
                               out[key]["high"]))
    q = td["population.sex_ratio_at_birth"]
    srb = kit.value("sex_ratio_at_birth")
    if srb is not None:
        out["population.sex_ratio_at_birth"] = _assumed(
            srb, q["unit"], min(srb, float(q["low"])), max(srb, float(q["high"])),
            _sourced(srb, "", kit, "sex_ratio_at_birth")["source"],
            f"SUPPLIED; range {te}'s, widened to include the value.")
        cov.append(Covered("sex_ratio_at_birth", "supplied", srb))
    else:
        out["population.sex_ratio_at_birth"] = _copy(q, f"ASSUMED for {name}: {te}'s value. ")
        cov.append(Covered("sex_ratio_at_birth", "assumed", float(q["value"]), f"{tz}的值",
                           f"{te}'s value", q.get("low"), q.get("high")))
    scaled = 0
    starts = _staffing_levels(health, residents)
    for key, spec in KEYS.items():
        if key in out:
            continue
        q = td[key]
        lever = spec.kind == "lever"
        if key in STAFFING_LEVERS:
            # a staffing standard continues from the region's own 2020 level at the parent's
            # pace (the profile build's lever: the 2020 level plus the observed yearly change)
            d = starts[key] - _first(q["value"])

            def moved(v: float, d: float = d) -> float:
                return round(v + d, 4)

            out[key] = _copy(q, f"ASSUMED for {name}: {te}'s path moved by {d:+.4f} to start "
                                f"from {name}'s own 2020 level {starts[key]:.4f}. ", moved,
                             basis=lever)
        elif spec.unit in ABSOLUTE_UNITS:
            scaled += 1
            stock = STOCK_PACES.get(key, ())
            mine = sum(float(health[k]["value"]) for k in stock)
            theirs = sum(float(t["health_2020"][k]["value"]) for k in stock)
            f, per = ((mine / theirs, f"the ratio of the 2020 stocks ({' + '.join(stock)})")
                      if theirs > 0 else (ratio, "the residents ratio (per resident)"))

            def times_f(v: float, f: float = f) -> float:
                return _count(v * f)

            out[key] = _copy(q, f"ASSUMED for {name}: {te}'s value x {per} {f:.4f}. ", times_f,
                             basis=lever)
        else:
            out[key] = _copy(q, f"ASSUMED for {name}: {te}'s value. ", basis=lever)
        if spec.low is not None:
            for which in ("low", "high"):
                out[key][which] = _plain(min(max(float(out[key][which]), spec.low), spec.high))
    _admission_scale(out, td, health, pop, kit, te, calibration)
    cov.append(Covered("other_defaults", "assumed", None,
                       f"其余{len(KEYS) - 5}个情景键默认值：{tz}的值"
                       f"（其中{scaled}个年增量按存量或常住人口之比缩放）",
                       f"the other {len(KEYS) - 5} scenario-key defaults: {te}'s ({scaled} yearly "
                       "amounts scaled by the stocks' or the residents' ratio)"))
    return {k: out[k] for k in KEYS}, cov


#: Yearly amounts the profile build computes from a stock (its growth plus replacement): the
#: parent's scaled by the region's stock over the parent's; the other yearly amounts (a pace per
#: resident) by the residents ratio.
STOCK_PACES = {"beds.nursing_construction": ("beds_primary_nursing",),
               "beds.primary_general_construction": ("beds_primary_general",),
               "beds.rehabilitation_construction": ("beds_hospital_rehabilitation",),
               "beds.nursing_home_construction": ("beds_nursing_home",),
               "workforce.hiring_budget": ("doctors", "nurses")}
def _admission_scale(out: dict, td: dict, health: dict, pop: pd.DataFrame, kit: Kit, te: str,
                     calibration: Path | None) -> None:
    """beds.admission_rate_scale by the profile build's method (calibration/build/health/
    beds.py): the 2020 scale that makes the model's 2020 occupancy equal occupancy_hospital on
    the region's acute beds and age structure, then the parent's path relative to its 2020
    value."""
    key = "beds.admission_rate_scale"
    rate = admission_rate(calibration)
    admissions = float(sum((rate.sel(sex=s).values * pop[s].to_numpy()).sum() for s in SEXES))
    acute = float(health["beds_hospital_general"]["value"]) + float(
        health["beds_hospital_tcm"]["value"])
    occupancy = float(health["occupancy_hospital"]["value"])
    stay = min(_first(out["beds.average_length_of_stay"]["value"]),
               _first(out["beds.length_of_stay_cap"]["value"]))
    scale = occupancy * acute * 365 / (stay * admissions)
    q = td[key]
    f = scale / _first(q["value"])

    def times(v: float, f: float = f) -> float:
        return round(v * f, 4)

    out[key] = _copy(q, f"DERIVED for {kit.region['name_en']}: 2020 scale = occupancy x acute "
                        f"beds x 365 / (length of stay x national-pattern admissions) = "
                        f"{occupancy:g} x {acute:,.0f} x 365 / ({stay:g} x {admissions:,.0f}) = "
                        f"{scale:.4f}, so that the model's 2020 occupancy equals "
                        f"occupancy_hospital (the profile build's method); {te}'s path after, "
                        f"x {f:.4f}. ", times)
    spec = KEYS[key]
    for which in ("low", "high"):
        out[key][which] = _plain(min(max(float(out[key][which]), spec.low), spec.high))


#: Levers that are a staffing level (the 2020 level plus a pace): moved to start from the region's
#: own 2020 level.
STAFFING_LEVERS = ("workforce.doctors_per_1000_target", "workforce.nurses_per_bed_standard")


def _staffing_levels(health: dict, residents: float) -> dict[str, float]:
    """Doctors per 1,000 residents and nurses per bed (all beds) of a health_2020 section."""
    beds = sum(float(q["value"]) for k, q in health.items() if k.startswith("beds_"))
    return {"workforce.doctors_per_1000_target": float(health["doctors"]["value"]) / residents
            * 1000,
            "workforce.nurses_per_bed_standard": float(health["nurses"]["value"]) / beds}


# ---------------------------------------------------------------------------------------------
# The tables `region init` writes
# ---------------------------------------------------------------------------------------------
#: Residents of the probe region `initial_tables` derives, to show each fallback per 1,000.
_PROBE = 1_000_000
_PER_RESIDENT_UNITS = ("person", "bed", "place", "station", "person/year")


def initial_tables(name: str, level: str, parent: str, lang: str, root: Path
                   ) -> dict[str, list[list[str]]]:
    """The rows (header first) of each table `region init` writes: the figures table lists
    every figure with its unit, where it is usually published and, for an empty value, the
    method and the value it gives (counts per 1,000 residents, since the residents are not
    known yet)."""
    if level not in LEVELS:
        raise InputError(None, "--level", level, one_of(LEVELS), "unknown level")
    area = resolve_parent(parent, root, (None, "--parent"))
    zh = lang == "zh"
    probe = Kit(name, root / name, {"name_zh": name, "name_en": name, "level": level,
                                    "parent": area}, level, area,
                {"residents": (float(_PROBE), "", 0)}, [], [])
    derived = derive_region(probe, root)
    by_key = {c.key: c for c in derived.coverage}
    tz, te = derived.template_name
    figures = [[c.header for c in FIGURE_COLUMNS]]
    for f in FIGURES:
        c = by_key.get(f.key)
        if f.required:
            method, shown = ("必填" if zh else "required"), ""
        elif c is None:
            method, shown = "", ""
        else:
            method = c.method_zh if zh else c.method_en
            if c.value is None:
                shown = ""
            elif f.unit in _PER_RESIDENT_UNITS:
                per = c.value / _PROBE * 1000
                shown = f"{per:.4g} " + ("/千常住人口" if zh else "per 1,000 residents")
            else:
                shown = f"{c.value:.4g}"
        unit = f.unit_zh if zh else ("fraction (0-1)" if f.share else f.unit)
        figures.append([f.key, f.zh if zh else f.en, unit, "", "",
                        f.published_zh if zh else f.published_en, method, shown])
    region = [[c.header for c in REGION_COLUMNS],
              ["name_zh", "", REGION_KEYS["name_zh"][0] if zh else REGION_KEYS["name_zh"][1]],
              ["name_en", name, REGION_KEYS["name_en"][0] if zh else REGION_KEYS["name_en"][1]],
              ["level", level, "city（市）、district（区县）或 province（省）" if zh
               else "city, district or province"],
              ["parent", area, (f"缺省数字取自{tz}的概况（calibration/{derived.template}/）" if zh
                                else f"empty figures come from {te}'s profile "
                                     f"(calibration/{derived.template}/)")],
              ["boundary", "", "数据所用的行政区划（如2021年调整后的边界）" if zh
               else "the boundary your figures describe (e.g. after the 2021 change)"]]
    return {
        REGION_TABLE: region,
        FIGURES_TABLE: figures,
        HISTORY_TABLE: [[c.header for c in HISTORY_KIT_COLUMNS]],
        TARGETS_TABLE: [[c.header for c in TARGET_COLUMNS]],
        NOT_MODELLED_TABLE: [[c.header for c in NOT_MODELLED_COLUMNS]],
    }
