"""The fill-in tables' file names and columns, and the catalog of 2020 figures a region
needs (sim.inputs.region_kit)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.inputs.history import HISTORY_COLUMNS
from sim.inputs.profile_schema import HEALTH_2020_MAX, HEALTH_2020_UNITS

#: The folder of the fill-in tables inside calibration/<region>/ (the rest of the folder is
#: written by `python -m sim region build`).
KIT_FOLDER = "tables"
REGION_TABLE = "region.csv"
FIGURES_TABLE = "figures_2020.csv"
HISTORY_TABLE = "history.csv"
TARGETS_TABLE = "targets.csv"
NOT_MODELLED_TABLE = "not_modelled.csv"
#: Optional: other model inputs the region sets itself, one profile entry a row (key, value,
#: unit, range, distribution, source, method, note); each replaces what the kit would derive or
#: take from the parent for that entry.
INPUTS_TABLE = "inputs.csv"
#: Optional: the region's own net-migration age-sex profile (else the parent's).
MIGRATION_TABLE = "migration_profile.csv"
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
#: The columns of inputs.csv. `value` is a number or a series written as in a scenario file
#: ({ramp: {from: 1.0, to: 1.1, start: 2020, end: 2025}}); empty = the value the kit gives (a
#: figure of figures_2020.csv or its fallback), the row then sets only unit, range, source,
#: method and note. low and high (both or neither) make the entry an assumption with a range.
INPUT_COLUMNS = (Column("key", "键", True), Column("value", "数值", True),
                 Column("unit", "单位", True), Column("basis", "依据"), Column("low", "下限"),
                 Column("high", "上限"), Column("distribution", "分布"),
                 Column("source", "来源"), Column("method", "方法"), Column("note", "说明"))
#: The columns of migration_profile.csv: the share of a year's net migrants at each age.
MIGRATION_COLUMNS = (Column("age", "年龄", True), Column("female", "女性", True),
                     Column("male", "男性", True))
REGION_KEYS = {"name_zh": ("中文名", "Chinese name", True),
               "name_en": ("英文名", "English name", True),
               "level": ("级别", "level: city, district or province", True),
               "parent": ("上级省份", "parent province", True),
               "boundary": ("区划口径", "the boundary your figures describe", False),
               "note": ("说明", "a note on the figures for the head of profile.yaml", False)}


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
    _f("count_0_14", "0-14岁人口", "persons aged 0-14", "person", "人", 0, 2e9, _CENSUS, _AGE),
    _f("count_15_59", "15-59岁人口", "persons aged 15-59", "person", "人", 0, 2e9, _CENSUS, _AGE),
    _f("count_60_plus", "60岁及以上人口", "persons aged 60+", "person", "人", 0, 2e9, _CENSUS,
       _AGE),
    _f("count_65_plus", "65岁及以上人口", "persons aged 65+", "person", "人", 0, 2e9, _CENSUS,
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
#: Broad age counts: when given, the population is raked to them (60-64 = 60+ minus 65+) rather
#: than to the shares (a bulletin that publishes counts gives the exact groups).
COUNTS = ("count_0_14", "count_15_59", "count_60_plus", "count_65_plus")
BED_TYPES = tuple(k for k in HEALTH_2020_UNITS if k.startswith("beds_"))

# ---------------------------------------------------------------------------------------------
# The 2010 start of the 2010-2020 backcast (optional tables; sim.inputs.region_kit.backcast)
# ---------------------------------------------------------------------------------------------
#: Optional: the region's 6th-census (1 Nov 2010) figures, in the format of figures_2020.csv.
FIGURES_2010_TABLE = "figures_2010.csv"
#: Optional: the starting values and bounds of the 2010-2020 backcast inputs, one a row.
BACKCAST_TABLE = "backcast.csv"
_CENSUS_2010 = ("第六次全国人口普查公报（地区），第七次普查公报中的2010年对比数", "6th census "
                "bulletin of the region; the 2010 figures restated in the 7th census bulletin")
FIGURES_2010: tuple[Figure, ...] = (
    _f("residents", "2010年常住人口（第六次普查，11月1日）", "residents 2010 (6th census, 1 Nov)",
       "person", "人", 1e3, 2e9, _CENSUS_2010, required=True),
    _f("share_0_14", "0-14岁占比", "share aged 0-14", "1", "比例（0-1）", 0, 1, _CENSUS_2010),
    _f("share_15_59", "15-59岁占比", "share aged 15-59", "1", "比例（0-1）", 0, 1, _CENSUS_2010),
    _f("share_60_plus", "60岁及以上占比", "share aged 60+", "1", "比例（0-1）", 0, 1,
       _CENSUS_2010),
    _f("share_65_plus", "65岁及以上占比", "share aged 65+", "1", "比例（0-1）", 0, 1,
       _CENSUS_2010),
    _f("sex_ratio", "性别比（女性为100）", "sex ratio (males per 100 females)",
       "males per 100 females", "男/100女", 80, 130, _CENSUS_2010),
)
BY_KEY_2010 = {f.key: f for f in FIGURES_2010}
#: The columns of backcast.csv: `value`, `low_path`, `high_path` are a number or a yearly table
#: written as in a scenario file ({table: {2010: 1.2, ..., 2020: 1.0}}).
BACKCAST_COLUMNS = (Column("key", "键", True), Column("value", "数值", True),
                    Column("unit", "单位", True), Column("low", "下限"), Column("high", "上限"),
                    Column("low_path", "下限路径"), Column("high_path", "上限路径"),
                    Column("source", "来源"), Column("method", "方法"), Column("note", "说明"))
#: The rows of backcast.csv: key -> (unit, required). The four scenario keys are the inputs the
#: fit starts from (sim.inputs.backcast.BACKCAST_KEYS); natural_increase_2010_2020 is the births
#: minus deaths behind the net-migration guess; census_2010.total (empty value) gives the 2010
#: total a range and a note; population_2010 (text only): its method is the basis of the 2010
#: shares, its note the assumption written when the tables give no 2010 shares; note_timing
#: (text only): what is known about the timing of the decade's migration.
BACKCAST_ROWS: dict[str, tuple[str, bool]] = {
    "population.tfr": ("children per woman", True),
    "population.life_expectancy": ("year", True),
    "population.sex_ratio_at_birth": ("boys per 100 girls", True),
    "population.net_migration": ("person/year", True),
    "natural_increase_2010_2020": ("person", True),
    "census_2010.total": ("person", False),
    "population_2010": ("", False),
    "note_timing": ("", False),
}
