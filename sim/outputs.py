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


OUTPUTS: tuple[Output, ...] = (
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

BY_NAME = {o.name: o for o in OUTPUTS}

# Broad groups whose shares of the total the summary reports, as (label, dataset variable).
SHARE_GROUPS = (
    ("share_0_14", "population_0_14"),
    ("share_15_59", "population_15_59"),
    ("share_60_plus", "population_60_plus"),
    ("share_65_plus", "population_65_plus"),
    ("share_80_plus", "population_80_plus"),
)
