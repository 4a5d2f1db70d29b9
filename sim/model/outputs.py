"""What the results Dataset holds: each output's model variable, name, units and labels.

One table, so that the netCDF file, the CSV summary and the charts all describe a variable
the same way. Names are the Dataset's variable names; `model` is the Vensim variable.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    name: str          # variable name in the results Dataset
    model: str         # variable name in sim/model/health_system.mdl
    units: str
    long_name: str     # English
    label_zh: str      # Chinese
    description: str = ""


POPULATION_OUTPUTS: tuple[Output, ...] = (
    # Structured by sex and age.
    Output("population", "population", "person", "Resident population by sex and age",
           "常住人口(分性别、年龄)", "On 1 Nov of each year (census reference day)."),
    Output("deaths", "deaths", "person/year", "Deaths by sex and age at the start of the year",
           "死亡人数(分性别、年龄)"),
    Output("net_migration", "net migration", "person/year", "Net migrants by sex and age",
           "净迁移人数(分性别、年龄)"),
    Output("central_death_rate", "central death rate", "1/year",
           "Central death rate m(x) by sex and age", "年龄别死亡率 m(x)"),
    Output("survival_ratio", "survival ratio", "1",
           "Share of a cohort alive one year later", "存活比"),
    # Structured by sex.
    Output("births", "births", "person/year", "Live births by sex", "出生人数(分性别)"),
    Output("population_by_sex", "population by sex", "person", "Resident population by sex",
           "常住人口(分性别)"),
    Output("life_expectancy_by_sex", "life expectancy by sex", "year",
           "Period life expectancy at birth by sex", "分性别人均预期寿命"),
    # Totals and groups.
    Output("total_population", "total population", "person", "Resident population",
           "常住人口"),
    Output("population_0_2", "population aged 0 to 2", "person", "Population aged 0-2",
           "0—2岁人口"),
    Output("population_0_14", "population aged 0 to 14", "person", "Population aged 0-14",
           "0—14岁人口"),
    Output("population_15_59", "population aged 15 to 59", "person", "Population aged 15-59",
           "15—59岁人口"),
    Output("population_15_64", "population aged 15 to 64", "person", "Population aged 15-64",
           "15—64岁人口"),
    Output("population_60_plus", "population aged 60 plus", "person", "Population aged 60+",
           "60岁及以上人口"),
    Output("population_65_plus", "population aged 65 plus", "person", "Population aged 65+",
           "65岁及以上人口"),
    Output("population_80_plus", "population aged 80 plus", "person", "Population aged 80+",
           "80岁及以上人口"),
    Output("total_births", "total births", "person/year", "Live births", "出生人数"),
    Output("total_deaths", "total deaths", "person/year", "Deaths", "死亡人数"),
    Output("total_net_migration", "total net migration", "person/year", "Net migration",
           "净迁移人数"),
    Output("crude_birth_rate", "crude birth rate", "per 1000 per year",
           "Crude birth rate", "出生率(‰)"),
    Output("crude_death_rate", "crude death rate", "per 1000 per year",
           "Crude death rate", "死亡率(‰)"),
    Output("old_age_dependency_ratio", "old age dependency ratio", "per 100",
           "Old-age dependency ratio (65+ per 100 aged 15-64)", "老年抚养比"),
    Output("implied_life_expectancy", "implied life expectancy", "year",
           "Period life expectancy at birth implied by the death rates",
           "人均预期寿命(模型)"),
    Output("hukou_population", "hukou population", "person", "Registered (hukou) population",
           "户籍人口", "Denominator of GPs per 10,000 (seeds/000_bace529e69db1a54.txt:377)."),
    # Inputs recorded beside the outputs, as the model saw them.
    Output("total_fertility_rate", "total fertility rate", "children per woman",
           "Total fertility rate (input)", "总和生育率(输入)"),
    Output("mortality_level", "mortality level", "1",
           "Multiplier of the standard death rates (solved from life expectancy)",
           "死亡水平系数"),
    Output("net_migrants_total", "net migrants total", "person/year",
           "Net migrants before the non-negative cohort limit (input)", "净迁移人数(输入)"),
    Output("sex_ratio_at_birth", "sex ratio at birth", "boys per 100 girls",
           "Sex ratio at birth (input)", "出生性别比(输入)"),
    Output("hukou_net_transfers", "hukou net transfers", "person/year",
           "Net hukou transfers (input)", "户籍净迁入(输入)"),
)

# The health sectors' outputs and plan indicators (indicators.csv holds these).
HEALTH_OUTPUTS: tuple[Output, ...] = (
    # Chronic disease (by condition).
    Output("estimated_patients", "estimated patients", "person",
           "Estimated adult patients (diagnosed or not)", "估计患者数(应管理人数)"),
    Output("undiagnosed_patients", "undiagnosed patients", "person", "Undiagnosed patients",
           "未诊断患者"),
    Output("aware_unmanaged_patients", "aware unmanaged patients", "person",
           "Diagnosed patients not under primary-care management", "已知晓未管理患者"),
    Output("managed_patients", "managed patients", "person",
           "Patients under primary-care management, not standardized", "已管理未规范管理患者"),
    Output("standardized_patients", "standardized patients", "person",
           "Patients under standardized management", "规范管理患者"),
    Output("detection", "detection", "person/year", "Newly diagnosed patients", "新发现患者"),
    Output("cascade_exits", "cascade exits", "person/year",
           "Diagnosed patients who died or moved away", "死亡或迁出患者"),
    # 规范管理率 and 基层规范管理服务率 are one indicator (docs/indicators.md).
    Output("standardized_management_rate", "standardized management rate", "1",
           "Standardized management rate (standardized / managed patients)",
           "规范管理率（基层规范管理服务率）",
           "000:L182 (Hangzhou >70% by 2025); 004:L374 (Jiamusi >=65% by 2025)."),
    Output("standardized_share_of_patients", "standardized share of patients", "1",
           "Standardized patients as a share of all estimated patients (not a plan indicator)",
           "规范管理患者占估计患者比例", "Coverage and standard together; no plan sets a target "
           "on it (docs/indicators.md)."),
    Output("awareness_rate", "awareness rate", "1", "Awareness (detection) rate", "知晓率"),
    Output("management_rate", "management rate", "1",
           "Health management rate: under primary-care management / estimated patients",
           "健康管理率"),
    Output("chronic_care_capacity", "chronic care capacity", "person",
           "Patients GP-led teams can keep under management", "慢病管理能力(人)"),
    Output("chronic_care_utilisation", "chronic care utilisation", "1",
           "Managed patients per place in GP-led teams", "慢病管理负荷"),
    Output("detection_rate", "detection rate", "1/year",
           "Share of undiagnosed patients found per year", "年发现率"),
    # Beds (by type).
    Output("beds", "beds", "bed", "Beds by type", "床位数(分类型)"),
    Output("beds_under_construction", "beds under construction", "bed",
           "Beds approved and under construction", "在建床位"),
    Output("nursing_home_beds", "nursing home beds", "bed", "Nursing-home beds",
           "护理院床位"),
    Output("total_beds", "total beds", "bed", "Beds in medical and health institutions",
           "医疗卫生机构床位数"),
    Output("hospital_admissions", "hospital admissions", "person/year", "Inpatient admissions",
           "住院人次"),
    Output("required_acute_beds", "required acute beds", "bed",
           "Hospital general and TCM beds required at the target occupancy", "所需急性床位"),
    Output("hospital_occupancy", "hospital occupancy", "1",
           "Bed occupancy of hospital general and TCM beds", "医院病床使用率"),
    Output("acute_bed_approvals", "acute bed approvals", "bed/year",
           "Hospital acute beds approved", "急性床位审批"),
    Output("acute_bed_norm_per_1000", "acute bed norm per 1000", "per 1000 residents",
           "Planning norm of hospital general and TCM beds per 1,000 residents",
           "每千人急性床位配置标准"),
    Output("desired_acute_beds", "desired acute beds", "bed",
           "Hospital general and TCM beds approvals aim at (norm or demand)", "急性床位目标"),
    Output("nursing_beds_needed", "nursing beds needed", "bed",
           "Long-term nursing beds needed by people aged 80+", "80岁以上人口护理床位需求"),
    Output("beds_per_1000_residents", "beds per 1000 residents", "per 1000 residents",
           "Beds per 1,000 residents", "每千人医疗机构床位数", "000:L375."),
    Output("nursing_share_of_primary_care_beds", "nursing share of primary care beds", "1",
           "Nursing beds as a share of primary-care beds", "护理床位占基层床位比例",
           "000:L276, 002:L157 (>=30% by 2025)."),
    Output("rehabilitation_beds_per_1000", "rehabilitation beds per 1000", "per 1000 residents",
           "Rehabilitation beds per 1,000 residents", "每千人康复床位数",
           "002:L65 (0.3 by 2025)."),
    Output("tcm_beds_per_1000", "TCM beds per 1000", "per 1000 residents",
           "TCM hospital beds per 1,000 residents", "每千人中医类医院床位数",
           "002:L65 (about 0.77 by 2025)."),
    Output("geriatric_rehabilitation_nursing_beds_per_1000_elderly",
           "geriatric rehabilitation nursing beds per 1000 elderly", "per 1000 aged 60+",
           "Rehabilitation and nursing beds per 1,000 residents aged 60+",
           "每千名老年人康复护理床位数", "001:L63 (>=4)."),
    # Workforce.
    Output("general_practitioners", "general practitioners", "person", "Registered GPs",
           "注册全科医生"),
    Output("practising_doctors", "practising doctors", "person",
           "Practising (assistant) doctors", "执业(助理)医师"),
    Output("registered_nurses", "registered nurses", "person", "Registered nurses", "注册护士"),
    Output("doctor_target", "doctor target", "person", "Practising doctors the hiring plan aims at",
           "执业(助理)医师配置目标"),
    Output("nurse_target", "nurse target", "person", "Registered nurses the hiring plan aims at",
           "注册护士配置目标"),
    Output("gp_trainees", "GP trainees", "person", "GP trainees (5+3 and 3+2)", "全科医生培养在读"),
    Output("doctor_hires", "doctor hires", "person/year", "Doctors hired", "医师招聘"),
    Output("nurse_hires", "nurse hires", "person/year", "Nurses hired", "护士招聘"),
    Output("hiring_budget_share", "hiring budget share", "1",
           "Share of desired hires the budget allows", "招聘预算满足率"),
    Output("doctors_per_1000_residents", "doctors per 1000 residents", "per 1000 residents",
           "Practising (assistant) doctors per 1,000 residents", "每千人执业(助理)医师数",
           "000:L371."),
    Output("nurses_per_1000_residents", "nurses per 1000 residents", "per 1000 residents",
           "Registered nurses per 1,000 residents", "每千人注册护士数", "000:L373."),
    Output("gps_per_10000_hukou", "GPs per 10000 hukou", "per 10000 hukou residents",
           "GPs per 10,000 registered (hukou) residents", "每万人全科医生数",
           "000:L377 (denominator: hukou); target 6 by 2025, 000:L182."),
    # Care for young and old.
    Output("contracted_residents", "contracted residents", "person",
           "Residents with a family-doctor contract", "家庭医生签约居民"),
    Output("family_doctor_contracting_rate", "family doctor contracting rate", "1",
           "Family-doctor contracting rate, all residents", "家庭医生签约服务覆盖率",
           "000:L182 (40% by 2025); 001:L51."),
    Output("key_group_contracting_rate", "key group contracting rate", "1",
           "Family-doctor contracting rate, key groups", "重点人群签约率",
           "000:L182 (>80%); 001:L51 (>=70%)."),
    Output("elderly_served", "elderly served", "person/year",
           "People aged 65+ given elderly health management", "老年人健康管理服务人数"),
    Output("elderly_health_management_rate", "elderly health management rate", "1",
           "Elderly (65+) health management rate", "老年人健康管理率",
           "000:L385; target >=72% by 2025 (000:L278), >=65% Jiamusi (004:L422)."),
    Output("infant_care_places", "infant care places", "place", "Infant-care places", "托位数"),
    Output("infant_care_demand", "infant care demand", "place",
           "Infant-care places wanted by families of under-3s", "托位需求"),
    Output("infant_care_places_per_1000", "infant care places per 1000", "per 1000 residents",
           "Infant-care places per 1,000 residents", "每千人口托位数",
           "000:L381; national target 4.5 by 2025."),
    Output("growth_stations_per_1000_under_3", "growth stations per 1000 under 3",
           "per 1000 aged 0-2", "Growth stations per 1,000 children under 3",
           "每千名3岁以下婴幼儿成长驿站数", "000:L294 (2 by end-2025)."),
)

OUTPUTS: tuple[Output, ...] = POPULATION_OUTPUTS + HEALTH_OUTPUTS

BY_NAME = {o.name: o for o in OUTPUTS}

# Broad groups whose shares of the total the summary reports, as (label, dataset variable).
SHARE_GROUPS = (
    ("share_0_14", "population_0_14"),
    ("share_15_59", "population_15_59"),
    ("share_60_plus", "population_60_plus"),
    ("share_65_plus", "population_65_plus"),
    ("share_80_plus", "population_80_plus"),
)

# Outputs whose path reproduces a scenario key's input path (output name -> scenario key): a
# target on one of them is decided by the input, not projected (sim.analysis.verdicts).
# implied_life_expectancy: the model solves the mortality level each year so that e0 equals
# population.life_expectancy (sim.model.parameters, mortality.solve_level_path), to 0.05 years
# (tests/model/test_population_validity.py). The others are the keys' model variables
# themselves, recorded beside the outputs (see "Inputs recorded beside the outputs" above).
FOLLOWS_INPUT: dict[str, str] = {
    "implied_life_expectancy": "population.life_expectancy",
    "total_fertility_rate": "population.tfr",
    "net_migrants_total": "population.net_migration",
    "sex_ratio_at_birth": "population.sex_ratio_at_birth",
    "hukou_net_transfers": "population.hukou_net_transfers",
}
