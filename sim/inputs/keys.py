"""The one table mapping analyst keys to model variables.

Scenario files and region profiles name inputs by short dotted *keys* (``population.tfr``); the
model (Vensim/PySD) names them by variable (``total fertility rate``). `KEYS` is the only place
where the two meet, together with each key's unit and the range of values the model accepts. Later
sectors add rows here (levers too); nothing else should hard-code a key.

Also the model-wide horizon limits, which scenario files and region profiles both check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["KeySpec", "KEYS", "BASE_YEAR", "MAX_END_YEAR", "keys_of_kind", "range_text",
           "FITTED_KEYS", "FORWARD_FITTED_KEYS", "HEALTH_FITTED_KEYS"]

#: The base year: the census 2020 population (counted on 1 Nov 2020) is the initial state.
BASE_YEAR = 2020
#: Latest end year of a scenario horizon.
MAX_END_YEAR = 2050
#: The keys whose region defaults a calibration fit may set (sim.analysis.calibration): the
#: forward window's (net migration, the TFR) and, where a region has a health window (China:
#: a decade of published health counts), the supply paces it estimates, continued from 2020.
FORWARD_FITTED_KEYS = ("population.net_migration", "population.tfr")
HEALTH_FITTED_KEYS = ("beds.acute_norm_growth", "beds.primary_general_construction",
                      "beds.nursing_construction", "workforce.doctors_per_1000_target",
                      "workforce.nurses_per_bed_standard", "workforce.gp_training_places",
                      "workforce.gp_transfer_training")
FITTED_KEYS = FORWARD_FITTED_KEYS + HEALTH_FITTED_KEYS


@dataclass(frozen=True)
class KeySpec:
    """One analyst key.

    kind:
        ``assumption`` (a fact about the world the plan cannot change, e.g. fertility) or
        ``lever`` (something the plan decides, e.g. beds built). Scenario files list them under
        ``assumptions:`` and ``levers:`` respectively.
    model_variable:
        The exact model variable name the runner sets.
    unit:
        Unit of every value of the key's series.
    low, high:
        Inclusive range of values the model accepts; scenario and profile values outside are
        errors (not clipped), so a typo like 15 for 1.5 cannot slip through.
    """

    key: str
    kind: Literal["assumption", "lever"]
    model_variable: str
    unit: str
    low: float
    high: float
    label_en: str
    label_zh: str
    description: str


def _table(*specs: KeySpec) -> dict[str, KeySpec]:
    return {spec.key: spec for spec in specs}


KEYS: dict[str, KeySpec] = _table(
    KeySpec(
        key="population.tfr",
        kind="assumption",
        model_variable="total fertility rate",
        unit="children per woman",
        low=0.0, high=5.0,
        label_en="Total fertility rate",
        label_zh="总和生育率",
        description="Period total fertility rate: children a woman would have at current "
                    "age-specific rates. The age pattern is the census 2020 pattern "
                    "(calibration/common).",
    ),
    KeySpec(
        key="population.life_expectancy",
        kind="assumption",
        model_variable="life expectancy target",
        unit="year",
        low=40.0, high=100.0,
        label_en="Life expectancy at birth",
        label_zh="出生时预期寿命",
        description="Period life expectancy at birth, both sexes (years). The runner converts "
                    "it to a level of the census 2020 standard mortality schedule.",
    ),
    KeySpec(
        key="population.net_migration",
        kind="assumption",
        model_variable="net migrants total",
        unit="person/year",
        low=-5_000_000.0, high=5_000_000.0,
        label_en="Net migration",
        label_zh="净迁移人口",
        description="Net migrants into the region per model year (in minus out, persons/year), "
                    "spread by age and sex with the region's migration profile.",
    ),
    KeySpec(
        key="population.sex_ratio_at_birth",
        kind="assumption",
        model_variable="sex ratio at birth",
        unit="boys per 100 girls",
        low=90.0, high=130.0,
        label_en="Sex ratio at birth",
        label_zh="出生人口性别比",
        description="Boys born per 100 girls born.",
    ),
    KeySpec(
        key="population.hukou_net_transfers",
        kind="assumption",
        model_variable="hukou net transfers",
        unit="person/year",
        low=-5_000_000.0, high=5_000_000.0,
        label_en="Net hukou transfers",
        label_zh="户籍净迁入",
        description="Net transfers of household registration (hukou) into the region per model "
                    "year (persons/year); moves residents between the hukou and non-hukou "
                    "populations.",
    ),
    # Health sectors. Assumptions: facts about the region the plan cannot set.
    KeySpec("chronic.hypertension_prevalence_scale", "assumption", "hypertension prevalence scale",
            "1", 0.3, 2.0, "Hypertension prevalence, relative to national",
            "高血压患病率(相对全国)",
            "Multiplier of the national age-sex prevalence of hypertension (adults) for the "
            "region."),
    KeySpec("chronic.diabetes_prevalence_scale", "assumption", "diabetes prevalence scale",
            "1", 0.3, 2.0, "Diabetes prevalence, relative to national", "糖尿病患病率(相对全国)",
            "Multiplier of the national age-sex prevalence of type-2 diabetes (adults)."),
    KeySpec("chronic.patients_per_gp", "assumption", "patients followed per GP",
            "patients per GP", 50.0, 3000.0, "Chronic patients one GP-led team can follow",
            "每名全科医生团队可随访慢病患者数",
            "Hypertension and diabetes patients a GP-led family-doctor team can keep under "
            "primary-care management in a year (>= 4 follow-ups each)."),
    KeySpec("chronic.standardization_rate", "assumption", "standardization rate", "1/year",
            0.0, 5.0, "Rate of reaching standardized management", "规范管理转化率",
            "Share per year of managed patients brought to standardized management when "
            "capacity allows."),
    KeySpec("chronic.dropout_rate", "assumption", "management dropout rate", "1/year",
            0.0, 1.0, "Loss to follow-up", "失访率",
            "Share per year of patients under management who drop out of follow-up."),
    KeySpec("beds.average_length_of_stay", "assumption", "average length of stay", "day",
            2.0, 30.0, "Average length of stay", "平均住院日",
            "Average length of stay in hospital general and TCM beds (days)."),
    KeySpec("beds.admission_rate_scale", "assumption", "admission rate scale", "1", 0.3, 3.0,
            "Admissions relative to the national age pattern", "住院率(相对全国)",
            "Multiplier of the national age-specific hospital admission rates for the region."),
    KeySpec("workforce.doctor_attrition_rate", "assumption", "doctor attrition rate", "1/year",
            0.0, 0.3, "Doctor attrition (incl. retirement)", "医师流失率(含退休)",
            "Share of practising doctors leaving practice per year (retirement and quits)."),
    KeySpec("workforce.nurse_attrition_rate", "assumption", "nurse attrition rate", "1/year",
            0.0, 0.3, "Nurse attrition (incl. retirement)", "护士流失率(含退休)",
            "Share of registered nurses leaving practice per year (retirement and quits)."),
    KeySpec("workforce.staff_out_migration_rate", "assumption", "staff out migration rate",
            "1/year", 0.0, 0.3, "Staff out-migration", "卫生人才外流率",
            "Share of doctors and nurses leaving the region per year (e.g. Jiamusi, 004:L53)."),
    KeySpec("care.infant_care_demand_share", "assumption", "infant care demand share", "1",
            0.0, 1.0, "Under-3s whose families want a care place", "托育需求比例",
            "Share of children under 3 whose families want an infant-care place."),
    KeySpec("care.elderly_served_per_gp", "assumption", "elderly served per GP",
            "person per GP per year", 50.0, 10000.0, "Elderly health checks per GP team",
            "每名全科医生团队老年人健康管理能力",
            "People aged 65+ a GP-led team can give the yearly elderly health-management service."),
    # Structural assumptions: how the health system responds (modellers' judgements with
    # ranges, the same for every region unless its profile says otherwise).
    KeySpec("chronic.background_detection_rate", "assumption", "background detection rate",
            "1/year", 0.0, 1.0, "Detection without screening or a family doctor",
            "自然就诊发现率",
            "Share of undiagnosed patients diagnosed per year through ordinary hospital and "
            "outpatient visits."),
    KeySpec("chronic.detection_per_contracting", "assumption", "detection per contracting",
            "1/year", 0.0, 1.0, "Extra detection with full family-doctor contracting",
            "家庭医生签约带来的发现率",
            "Extra share of undiagnosed patients found per year when every resident is "
            "contracted to a family doctor (scaled by the contracting rate)."),
    KeySpec("chronic.enrolment_rate", "assumption", "enrolment rate", "1/year", 0.0, 1.0,
            "Enrolment of aware patients when teams have room", "知晓患者纳入管理率",
            "Share of aware, unmanaged patients who enrol in primary-care management per year "
            "if GP-led teams have room."),
    KeySpec("chronic.capacity_adjustment_time", "assumption", "capacity adjustment time", "year",
            0.5, 5.0, "Time to fill free places in GP teams", "团队空余能力填补时间",
            "Years GP-led teams take to fill free places with new patients."),
    KeySpec("chronic.destandardization_rate", "assumption", "base destandardization rate",
            "1/year", 0.0, 1.0, "Loss of standardized management when teams have room",
            "规范管理脱失率",
            "Share of standardized patients who fall out of the standard per year while teams "
            "have room (doubled when teams can give no follow-ups)."),
    KeySpec("beds.construction_time", "assumption", "construction time", "year", 1.0, 10.0,
            "Time from approval to an open bed", "床位建设周期",
            "Average years from approval to opening a bed."),
    KeySpec("beds.bed_lifetime", "assumption", "bed lifetime", "year", 5.0, 100.0,
            "Service life of a bed", "床位使用年限",
            "Average service life of a bed (building and equipment), years."),
    KeySpec("beds.acute_replacement_share", "assumption", "acute bed replacement share", "1",
            0.0, 1.0, "Retiring acute beds rebuilt", "到期急性床位重建比例",
            "Share of retiring hospital general and TCM beds that are rebuilt."),
    KeySpec("beds.approval_time", "assumption", "approval time", "year", 1.0, 10.0,
            "Time over which a bed gap is approved", "床位缺口审批时间",
            "Years over which a gap between required and existing acute beds is approved."),
    KeySpec("beds.target_occupancy", "assumption", "target occupancy", "1", 0.5, 1.0,
            "Occupancy hospitals are planned for", "规划床位使用率",
            "Bed occupancy that required acute beds are sized for."),
    KeySpec("beds.nursing_beds_per_1000_80_plus", "assumption",
            "nursing beds per 1000 aged 80 plus", "bed per 1000 aged 80+", 0.0, 500.0,
            "Nursing beds needed per 1,000 aged 80+", "每千名80岁以上老人护理床位需求",
            "Nursing beds needed per 1,000 people aged 80 and over."),
    KeySpec("workforce.gp_training_duration", "assumption", "GP training duration", "year",
            1.0, 5.0, "Years of GP training", "全科医生培养年限",
            "Years from entering GP training (5+3 residency or 3+2) to registering as a GP."),
    KeySpec("workforce.hiring_time", "assumption", "hiring time", "year", 1.0, 10.0,
            "Time to close a staffing gap", "人员缺口补充时间",
            "Years over which recruitment closes a gap to the staffing targets."),
    KeySpec("care.residents_per_gp_contract", "assumption", "residents per GP contract",
            "person per GP", 100.0, 10_000.0, "Residents one GP can contract",
            "每名全科医生签约居民数",
            "Residents a GP-led family-doctor team can hold under contract."),
    KeySpec("care.contracting_time", "assumption", "contracting time", "year", 1.0, 10.0,
            "Time to close a contracting gap", "签约缺口补齐时间",
            "Years over which contracting closes a gap to its target."),
    KeySpec("care.contract_lapse_rate", "assumption", "contract lapse rate", "1/year", 0.0, 1.0,
            "Contracts not renewed", "签约失效率",
            "Share of family-doctor contracts not renewed each year (residents moving or "
            "dying included)."),
    # Levers: what the plan decides.
    KeySpec("beds.nursing_conversion", "lever", "nursing bed conversions", "bed/year",
            0.0, 1_000_000.0, "Primary-care general beds converted to nursing beds",
            "基层普通床位转护理床位",
            "Primary-care general beds converted to nursing beds each year (000:L276)."),
    KeySpec("beds.nursing_construction", "lever", "nursing bed construction", "bed/year",
            0.0, 1_000_000.0, "New primary-care nursing beds started", "新建基层护理床位",
            "Primary-care nursing beds whose construction starts each year."),
    KeySpec("beds.primary_general_construction", "lever", "primary general bed construction",
            "bed/year", 0.0, 1_000_000.0, "New primary-care general beds started",
            "新建基层普通床位",
            "Primary-care general beds whose construction starts each year (retiring ones "
            "included: none are rebuilt otherwise)."),
    KeySpec("beds.rehabilitation_construction", "lever", "rehabilitation bed construction",
            "bed/year", 0.0, 1_000_000.0, "New rehabilitation beds started", "新建康复床位",
            "Hospital rehabilitation beds whose construction starts each year (002:L65)."),
    KeySpec("beds.nursing_home_construction", "lever", "nursing home bed construction",
            "bed/year", 0.0, 1_000_000.0, "New nursing-home beds started", "新建护理院床位",
            "Nursing-home (护理院) beds whose construction starts each year: medical "
            "institutions, counted in all beds and in the elderly rehabilitation and nursing beds "
            "(001:L63)."),
    KeySpec("beds.acute_norm_growth", "lever", "acute bed norm growth",
            "bed per 1000 residents per year", -2.0, 2.0,
            "Rise of the acute-bed norm per 1,000 residents a year", "急性床位配置标准年增量",
            "Yearly change of the planning norm of hospital general and TCM beds per 1,000 "
            "residents that approvals pursue (the norm starts at the base year's level)."),
    KeySpec("beds.approval_occupancy_threshold", "lever", "approval occupancy threshold", "1",
            0.0, 1.2, "Occupancy below which no new acute beds are approved",
            "新增床位审批使用率门槛",
            "New hospital general and TCM beds (beyond replacing retiring ones) are approved "
            "only while occupancy is at or above this level (Lishui's rule, 002:L69); 0 means no "
            "such rule."),
    KeySpec("beds.length_of_stay_cap", "lever", "length of stay cap", "day", 2.0, 30.0,
            "Cap on average length of stay", "平均住院日上限",
            "Ceiling on the average length of stay that hospitals must keep to (Lishui: 6.5-9.5 "
            "days by grade, 002:L67); 30 means no cap."),
    KeySpec("workforce.gp_training_places", "lever", "GP training places", "person/year",
            0.0, 200_000.0, "GP training places (5+3 and 3+2)", "全科医生培养名额",
            "New trainees a year in standardized GP residency (5+3) and assistant-GP (3+2) "
            "training (000:L264)."),
    KeySpec("workforce.gp_transfer_training", "lever", "GP transfer training", "person/year",
            0.0, 200_000.0, "Doctors in one-year GP transfer training", "全科医生转岗培训",
            "Practising doctors starting the one-year transfer training to GP each year."),
    KeySpec("workforce.hiring_budget", "lever", "hiring budget", "person/year", 0.0, 2_000_000.0,
            "Most doctors and nurses hired a year", "年度招聘上限",
            "Budget ceiling on doctors plus nurses hired per year (persons/year)."),
    KeySpec("workforce.nurses_per_bed_standard", "lever", "nurses per bed standard",
            "nurse per bed", 0.1, 2.0, "Nurses per bed, staffing standard", "床护比标准",
            "Registered nurses per bed that hiring aims at (0.6-0.7 by hospital grade, 002:L79)."),
    KeySpec("workforce.doctors_per_1000_target", "lever", "doctors per 1000 target",
            "doctor per 1000 residents", 0.5, 10.0, "Doctors per 1,000, hiring target",
            "每千人执业医师目标",
            "Practising doctors per 1,000 residents that hiring aims at."),
    KeySpec("primary_care.contracting_target", "lever", "contracting target", "1", 0.0, 1.0,
            "Family-doctor contracting, target share", "家庭医生签约目标",
            "Share of residents the family-doctor contracting push aims at (000:L182)."),
    KeySpec("primary_care.screening_rate", "lever", "screening rate", "1/year", 0.0, 1.0,
            "Screening of undiagnosed adults", "慢病筛查率",
            "Share of undiagnosed hypertensive and diabetic adults reached by screening a year."),
    KeySpec("care.elderly_outreach_target", "lever", "elderly outreach target", "1", 0.0, 1.0,
            "Elderly health management, target share", "老年人健康管理目标",
            "Share of residents aged 65+ the elderly health-management programme aims to serve."),
    KeySpec("care.infant_place_construction", "lever", "infant place construction",
            "place/year", 0.0, 2_000_000.0, "New infant-care places a year", "新增托位",
            "Infant-care places (托位) added each year."),
    KeySpec("care.growth_station_construction", "lever", "growth station construction",
            "station/year", 0.0, 10_000.0, "New infant growth stations a year", "新增成长驿站",
            "Infant and toddler growth stations (成长驿站) added each year (000:L294)."),
)


def keys_of_kind(kind: str) -> list[str]:
    """Keys of the given kind (``assumption`` or ``lever``), in table order."""
    return [k for k, spec in KEYS.items() if spec.kind == kind]


def _number(x: float) -> str:
    # Thousands separators only where they help: "5,000,000" but "0" and "1.5".
    if float(x).is_integer():
        return f"{int(x):,}" if abs(x) >= 10_000 else str(int(x))
    return repr(float(x))


def range_text(spec: KeySpec) -> str:
    """Allowed-values text of a key, e.g. ``a number from 0 to 5 (children per woman)``."""
    return f"a number from {_number(spec.low)} to {_number(spec.high)} ({spec.unit})"


def keys_markdown() -> str:
    """The reference table of scenario keys (docs/scenario_keys.md is this text; a test keeps
    them equal). Regenerate with: python -m sim.inputs.keys > docs/scenario_keys.md"""
    lines = ["# Scenario keys",
             "",
             "Generated from `sim/inputs/keys.py` by "
             "`python -m sim.inputs.keys > docs/scenario_keys.md`; "
             "a test fails if this file and the table drift apart. Region defaults, with their "
             "sources or ranges, are in `calibration/<region>/profile.yaml` under `defaults:`.",
             ""]
    for kind, heading in (("assumption", "Assumptions (under `assumptions:`)"),
                          ("lever", "Levers (under `levers:`)")):
        lines += [f"## {heading}", "", "| key | meaning | 中文 | unit | allowed |",
                  "|---|---|---|---|---|"]
        for key in keys_of_kind(kind):
            spec = KEYS[key]
            lines.append(f"| `{key}` | {spec.description} | {spec.label_zh} | {spec.unit} | "
                         f"{_number(spec.low)} to {_number(spec.high)} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(keys_markdown(), end="")
