"""Build the 2020 baseline data of the population and health sectors.

Run from the project root:  .venv/bin/python -m calibration.build.profiles

Reads only calibration/sources/*.csv (census tables, see sources/README.md) and the numbers in
calibration/published_figures.py and calibration/health_figures.py. Writes:
  calibration/common/mortality_standard_2020.csv
  calibration/common/fertility_pattern_2020.csv
  calibration/common/chronic_prevalence.csv, admission_rate.csv
  calibration/<region>/population_2020.csv, migration_profile.csv, profile.yaml
for the nation (calibration.build.regions.REGIONS). Provinces, cities and districts are built
from their own fill-in tables by `python -m sim region build` (sim.inputs.region_kit).
Deterministic: the same inputs give byte-identical outputs.
File names and key units are sim's (sim.core.paths, sim.inputs.national, sim.inputs.keys), so the
files are what the loaders read.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from calibration import published_figures as pf
from calibration.build.demography import (
    ASFR_DERIVED,
    BIRTHS_BY_MOTHER_AGE,
    PERIOD_2020,
    POP_BY_PROVINCE,
    SINGLE_AGE_TABLE,
    check,
    fertility_pattern,
    mortality_standard,
    national_single_year,
    province_groups,
    shares_percent,
    split_groups_to_single_years,
)
from calibration.build.health import admissions, prevalence
from calibration.build.health.baseline import health_2020_and_defaults
from calibration.build.health.context import residents_aged
from calibration.build.health.national import national_population_2020
from calibration.build.regions import DEFAULT_BUILDERS, REGIONS, RegionSpec, census_block
from calibration.build.writing import write_csv, write_yaml
from sim.core.paths import CALIBRATION_DIR, PROFILE_FILE
from sim.inputs.keys import BASE_YEAR, KEYS
from sim.inputs.national import (
    ADMISSION_RATE_FILE,
    CHRONIC_PREVALENCE_FILE,
    COMMON_FOLDER,
    FERTILITY_PATTERN_FILE,
    MORTALITY_STANDARD_FILE,
)
from sim.inputs.tables import SEXES
from sim.model.parameters import BED_TYPES

COMMON = CALIBRATION_DIR / COMMON_FOLDER
#: A region's population and migration tables; profile.yaml names them under `files:`.
POPULATION_FILE = "population_2020.csv"
MIGRATION_PROFILE_FILE = "migration_profile.csv"


# ---------------------------------------------------------------------------------------------
# Population and migration files of a region
# ---------------------------------------------------------------------------------------------
def baseline_population(spec: RegionSpec, single: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Single-year population on 1 Nov 2020 and the method lines for the CSV header."""
    groups = province_groups(spec.province, BASE_YEAR)
    pop = split_groups_to_single_years(groups, single)
    method = [
        f"Start: {spec.province_en} census 2020 table 1-5 by sex and age group (0, 1-4, 5-year, 100+), "
        f"sources/{POP_BY_PROVINCE}.",
        "Split within each group by the national single-year average population of census 2020 table 6-4, same sex "
        f"(sources/{SINGLE_AGE_TABLE}); group sums preserved. Keeps cohort echoes (1959-61 famine trough at 58-61); "
        "the average population is a period average, so single-year detail is blurred by about half a year.",
    ]
    if spec.national:
        method.append(f"The whole census: the 全国 rows are the nation's own structure, total {spec.total:,} (31 "
                      "provinces; the 2 million servicemen of the census communiqué are not in the table). No scaling.")
    else:
        raise KeyError(f"{spec.key}: a city or district is built from its tables (python -m sim region build)")
    check(abs(pop[list(SEXES)].to_numpy().sum() - spec.total) < 1e-6, f"{spec.key}: total not reproduced")
    return pop, method


def migration_for(spec: RegionSpec) -> tuple[pd.DataFrame, list[str]]:
    groups = province_groups(spec.province, BASE_YEAR)
    if spec.national:  # no cohort migration table for the nation; international net migration is assumed 0
        single = split_groups_to_single_years(groups, national_single_year(PERIOD_2020))
        shares = single[list(SEXES)] / single[list(SEXES)].to_numpy().sum()
        return pd.DataFrame({"age": single["age"], **{s: shares[s] for s in SEXES}}), [
            "ASSUMPTION: the nation's net migration is international only and its default is 0 (profile.yaml), so this "
            "profile is used only by a scenario that sets a non-zero value; no age profile of China's international "
            "migrants is in the project's sources.",
            f"Shape: the census 2020 population's own age-sex structure (sources/{POP_BY_PROVINCE}, 全国 rows, split to "
            f"single years by table 6-4, sources/{SINGLE_AGE_TABLE}): migrants proportional to residents.",
            "Units: share of a year's net migrants; sum over ages and sexes = 1. Age = age at the start of the projection year.",
        ]
    raise KeyError(f"{spec.key}: a province's or city's migration profile is built from its tables")


# ---------------------------------------------------------------------------------------------
# The national tables (calibration/common/) and each region's files
# ---------------------------------------------------------------------------------------------
def build_common(single: pd.DataFrame) -> pd.DataFrame:
    """Write the two national files and return the fertility pattern."""
    write_csv(COMMON / MORTALITY_STANDARD_FILE, [
        f"Source: China census 2020 yearbook table 6-4 (全国分年龄、性别的死亡人口状况), sources/{SINGLE_AGE_TABLE}; "
        "research/demographic_inputs.md §2a (high as a transcription).",
        "Method: m(x) = deaths / average population, 2019-11-01..2020-10-31, national, all areas, by sex; age 100 = 100+ row.",
        "Units: deaths per person-year. Shape only: census-registered deaths are about 0.77-0.80 of NBS/WPP deaths, "
        "so the model scales the level to its e0 path. Not smoothed: the rates flatten or fall above age 95.",
    ], mortality_standard(single))
    pattern = fertility_pattern(single)
    write_csv(COMMON / FERTILITY_PATTERN_FILE, [
        f"Source: China census 2020 long-form table 6-2 births by single year of mother's age (sources/{BIRTHS_BY_MOTHER_AGE}) "
        f"and table 6-4 average female population (sources/{SINGLE_AGE_TABLE}); research/demographic_inputs.md §3a.",
        "Method: recomputed here as ASFR_a proportional to births_a / average female population_a (ages 15-49, "
        "the sampling fraction cancels), normalised to sum 1; cross-checked against the research-derived "
        f"sources/{ASFR_DERIVED} (national TFR 1.2786).",
        "Units: share of a woman's lifetime births at each age; zero outside 15-49. National pattern (no provincial ASFR found).",
    ], pattern)
    return pattern


def build_health_common(single: pd.DataFrame, pattern: pd.DataFrame) -> dict:
    """Write the two national health tables; return them with their calibration figures."""
    national = national_population_2020(single)
    prevalence_table, prev_comments, prev_checks = prevalence.chronic_prevalence_table(national)
    write_csv(COMMON / CHRONIC_PREVALENCE_FILE, prev_comments, prevalence_table)
    admission_table, adm_comments, adm_info = admissions.admission_rate_table(national, pattern)
    write_csv(COMMON / ADMISSION_RATE_FILE, adm_comments, admission_table)
    return {"prevalence": prevalence_table, "admission": admission_table, "prevalence_checks": prev_checks,
            "admission_info": adm_info}


def build_region(spec: RegionSpec, single: pd.DataFrame, pattern: pd.DataFrame, tables: dict) -> dict:
    folder = CALIBRATION_DIR / spec.key
    pop, pop_method = baseline_population(spec, single)
    write_csv(folder / POPULATION_FILE, [
        f"{spec.name_en} ({spec.name_zh}) resident population on 1 Nov 2020 (7th census reference date), single year "
        "of age x sex; age 100 = 100+. Units: persons (fractional after splitting and raking).",
        *pop_method,
    ], pop)
    mig, mig_method = migration_for(spec)
    write_csv(folder / MIGRATION_PROFILE_FILE, [f"{spec.name_en} net-migration age-sex profile.", *mig_method], mig)

    hukou, defaults = DEFAULT_BUILDERS[spec.key](pop, pattern)
    net_migration = defaults["population.net_migration"]["value"]
    health_2020, health_defaults, health_summary = health_2020_and_defaults(
        spec.key, spec.name_en, pop, hukou["value"], net_migration if np.isscalar(net_migration) else None,
        tables["prevalence"], tables["admission"], national=spec.national)
    all_defaults = {**defaults, **health_defaults}
    for key, q in all_defaults.items():
        check(q["unit"] == KEYS[key].unit, f"{spec.key}: unit of {key} differs from sim.inputs.keys.KEYS")
    check(set(all_defaults) == set(KEYS), f"{spec.key}: defaults do not cover sim.inputs.keys.KEYS")
    profile = {
        "region": spec.key,
        "name_en": spec.name_en,
        "name_zh": spec.name_zh,
        "base_year": BASE_YEAR,
        "files": {"population": POPULATION_FILE, "migration_profile": MIGRATION_PROFILE_FILE},
        "census_2020": census_block(spec, pop),
        "hukou_population_2020": hukou,
        "health_2020": health_2020,
        "defaults": all_defaults,
    }
    write_yaml(folder / PROFILE_FILE, [
        f"{spec.name_en} profile (population and health sectors), base year 2020. GENERATED by "
        "python -m calibration.build.profiles (do not edit by hand; change calibration/build/ or "
        "calibration/published_figures.py, health_figures.py and re-run).",
        "Format: the schema in sim/inputs/profile_schema.py; keys in docs/scenario_keys.md. Research notes cited as "
        "research/... (shared research notes); plan texts as seeds/file:line.",
        ("health_2020: beds, doctors, nurses and GPs are the national bulletins' year-end 2019 and 2020 counts "
         "interpolated to 1 Nov 2020 (observed; the split of hospital beds into rehabilitation and nursing homes is "
         "assumed, with a range); the care and chronic-disease shares are national survey values or assumptions."),
        "defaults: every lever's basis says whether it continues an observed pace (source and method) or is an assumption "
        "(with a range); none is derived from a plan's aim: the plans' own paces are scenarios/<region>/plan.yaml.",
        f"migration_profile.csv: ages 0-9 carry an ASSUMED {pf.CHILD_MIGRANT_SHARE_ASSUMED:.0%} of net migrants "
        "(children born after 2010, not covered by the 2010-2020 census method); see the CSV header.",
    ], profile)
    tfr = defaults["population.tfr"]["value"]
    return {"pop": pop, "tfr": tfr["ramp"]["from"] if "ramp" in tfr else tfr["table"][BASE_YEAR], "mig": mig,
            "health_2020": health_2020, "health_defaults": health_defaults, "health_summary": health_summary}


def summarise(spec: RegionSpec, result: dict) -> str:
    pop = result["pop"]
    both = pop["female"] + pop["male"]
    shares = shares_percent(pop)
    lines = [f"{spec.name_en}: total {both.sum():,.3f}  male {pop['male'].sum():,.0f}  TFR2020 {result['tfr']}",
             "  shares % " + ", ".join(f"{k} {v:.3f}" for k, v in shares.items()),
             f"  ages 0-2: {both.loc[0:2].sum():,.0f} ({', '.join(f'{x:,.0f}' for x in both.loc[0:2])});  80+: {both.loc[80:].sum():,.0f}"]
    return "\n".join(lines)


def summarise_health(spec: RegionSpec, result: dict) -> str:
    h, d, s = result["health_2020"], result["health_defaults"], result["health_summary"]
    total = result["pop"][list(SEXES)].to_numpy().sum()
    beds = " ".join(f"{k.removeprefix('beds_')} {h[k]['value']:,}"
                    for k in (*BED_TYPES.values(), "beds_nursing_home", "beds_other"))
    elderly = (h["beds_hospital_rehabilitation"]["value"] + h["beds_primary_nursing"]["value"]
               + h["beds_nursing_home"]["value"]) / residents_aged(result["pop"], 60) * 1000
    return "\n".join([
        f"  health 2020: beds {beds} (five types {s['beds_model_2020']:,.0f}, all {s['beds_total_2020']:,.0f}; "
        f"{s['beds_per_1000']:.2f}/1000 all; rehabilitation and nursing {elderly:.2f}/1000 aged 60+)",
        f"    doctors {h['doctors']['value']:,} ({1000 * h['doctors']['value'] / total:.2f}/1000)  gps {h['gps']['value']:,}  "
        f"nurses {h['nurses']['value']:,} ({1000 * h['nurses']['value'] / total:.2f}/1000)",
        f"    admission scale {d['beds.admission_rate_scale']['value']}  patients/GP {d['chronic.patients_per_gp']['value']}  "
        f"elderly/GP {d['care.elderly_served_per_gp']['value']}  hiring budget {d['workforce.hiring_budget']['value']:,}",
    ])


def main() -> None:
    single = national_single_year(PERIOD_2020)
    pattern = build_common(single)
    tables = build_health_common(single, pattern)
    c, a = tables["prevalence_checks"], tables["admission_info"]
    print(f"National: hypertension adults {c['htn_adult']:.3f}%  diabetes adults {c['dm_adult']:.3f}%  "
          f"admissions {a['per_100']:.3f} per 100 (60+ {a['60_plus']:.4f})")
    for spec in REGIONS.values():
        result = build_region(spec, single, pattern, tables)
        print(summarise(spec, result))
        print(summarise_health(spec, result))


if __name__ == "__main__":
    main()
