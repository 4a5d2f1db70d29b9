"""Build the 2010 start of the nation's 2010-2020 backcast (format: calibration/HISTORY.md):

  calibration/china/population_2010.csv   resident population on 1 Nov 2010 by sex and single age 0..100+
  calibration/china/backcast_2010.yaml    TFR, life expectancy, sex ratio at birth and net migration
                                          2010-2020 as starting values with plausible ranges (not observations)

Run from the project root:  .venv/bin/python -m calibration.build.backcast

The regions built from fill-in tables (Hangzhou, Lishui, Jiamusi, Zhejiang) get theirs from their own
tables (tables/figures_2010.csv, tables/backcast.csv) by `python -m sim region build <region>`
(sim.inputs.region_kit.backcast). Reads calibration/sources/*.csv (census tables),
calibration/china/profile.yaml (the 2020 TFR and life expectancy the 2020 baseline uses) and the
constants in calibration/history_figures.py. Does not touch any file that calibration.build.profiles writes.
Deterministic: the same inputs give byte-identical outputs. The observed series
(calibration/<region>/history.csv) are hand-curated, not written here. sim.inputs.history and
sim.inputs.backcast load all of these.
"""
from __future__ import annotations

import pandas as pd
import yaml

from calibration import history_figures as hf
from calibration.build.demography import (
    PERIOD_2010,
    POP_BY_PROVINCE,
    SINGLE_AGE_TABLE,
    check,
    national_single_year,
    province_groups,
    shares_percent,
    split_groups_to_single_years,
)
from calibration.build.regions import REGIONS as REGION_SPECS
from calibration.build.writing import write_csv, write_yaml
from sim.core.paths import BACKCAST_FILE, CALIBRATION_DIR, PROFILE_FILE
from sim.inputs.backcast import CENSUS_2010_DATE
from sim.inputs.history import POPULATION_2010_FILE
from sim.inputs.tables import SEXES

YEARS = list(range(2010, 2021))        # model years of the backcast (2010 = Nov 2010 - Oct 2011, ...)
NET_MIGRATION_MARGIN_ASSUMED = 0.20    # widen the net-migration range by 20% of the guess on each side

# ---------------------------------------------------------------------------------------------
# The nation: names as in the 2020 baseline, its 2010 census total (the 全国 rows)
# ---------------------------------------------------------------------------------------------
CENSUS_2010_FIGURES = {
    "china": {"total": int(province_groups("全国", 2010)[list(SEXES)].to_numpy().sum()),
              "total_source": hf.CHINA_2010_SOURCE},
}


def _names(key: str) -> dict:
    spec = REGION_SPECS[key]
    return {"name_en": spec.name_en, "name_zh": spec.name_zh, "province": spec.province,
            "province_en": spec.province_en}


REGIONS = {key: {**_names(key), **figures} for key, figures in CENSUS_2010_FIGURES.items()}


def population_2010(key: str, single: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Single-year population on 1 Nov 2010 and the method lines for the CSV header."""
    r = REGIONS[key]
    groups = province_groups(r["province"], 2010)
    pop = split_groups_to_single_years(groups, single)
    total = r["total"]
    method = [
        f"Start: {r['province_en']} census 2010 table 1-7 by sex and age group (0, 1-4, 5-year, 100+), "
        f"sources/{POP_BY_PROVINCE}.",
        "Split within each group by the national single-year average population of census 2010 table 6-4 "
        f"(2009-11-01..2010-10-31), same sex (sources/{SINGLE_AGE_TABLE}); group sums preserved.",
    ]
    pop[list(SEXES)] *= total / pop[list(SEXES)].to_numpy().sum()
    method.append(f"Scaled to the {r['name_en']} 6th-census total {total:,} ({r['total_source']}).")
    method.append("The whole census (the 全国 rows): no scaling or raking (factor 1).")
    check(abs(pop[list(SEXES)].to_numpy().sum() - total) < 1e-6, f"{key}: 2010 total not reproduced")
    return pop, method


# ---------------------------------------------------------------------------------------------
# Backcast inputs (starting values and ranges for the fit)
# ---------------------------------------------------------------------------------------------
def table(values: dict[int, float], digits: int) -> dict:
    return {"table": {int(y): round(float(v), digits) for y, v in values.items()}}


def wpp_e0_both(year: int) -> float:
    """Both-sexes e0 approximated as the mean of WPP male and female e0 (an approximation: the true value weights
    the sexes by births and survival; it differs by well under 0.1 year)."""
    return (hf.WPP2024_CHINA_E0_MALE[year] + hf.WPP2024_CHINA_E0_FEMALE[year]) / 2


def profile_2020(key: str) -> dict:
    with open(CALIBRATION_DIR / key / PROFILE_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def tfr_input(key: str, profile: dict) -> dict:
    value = profile["defaults"]["population.tfr"]["value"]
    tfr2020 = value["ramp"]["from"] if "ramp" in value else value["table"][2020]
    ratio = tfr2020 / hf.WPP2024_CHINA_TFR[2020]
    guess = {y: ratio * hf.WPP2024_CHINA_TFR[y] for y in YEARS}
    low = {y: tfr2020 for y in YEARS}
    high = {y: hf.TFR_HIGH_FACTOR_ASSUMED * v for y, v in guess.items()}
    return {
        "value": table(guess, 4), "unit": "children per woman",
        "source": (f"2020 level: calibration/{key}/profile.yaml defaults.population.tfr (TFR2020 = {tfr2020}); "
                   f"path: {hf.WPP_SOURCE}"),
        "method": (f"TFR(y) = TFR2020 x WPP2024 China TFR(y) / WPP2024 China TFR(2020) = {tfr2020} x WPP(y) / 1.2357 "
                   f"(ratio {ratio:.4f}); low path: TFR2020 held flat back to 2010 (ASSUMPTION: the registered births "
                   f"the census counts were nearly flat in TFR terms, as the provincial census TFRs are); high path: "
                   f"{hf.TFR_HIGH_FACTOR_ASSUMED} x the guess"),
        "assumption": True,
        "low": round(min(low.values()), 4), "high": round(max(high.values()), 4),
        "low_path": table(low, 4), "high_path": table(high, 4),
        "note": ("Starting values for the fit, not observations: WPP (adjusted for under-registration) has China "
                 "falling 1.69 -> 1.24 over 2010-2020; the national census TFR was not in the sources."),
    }


def e0_input(key: str, profile: dict) -> dict:
    e2020 = profile["defaults"]["population.life_expectancy"]["value"]["ramp"]["from"]

    def wpp_back(anchor_year: int, anchor: float, y: int) -> float:
        return anchor - (wpp_e0_both(anchor_year) - wpp_e0_both(y))

    guess = {y: wpp_back(2020, e2020, y) for y in YEARS}
    source = f"2020: calibration/china/profile.yaml (NHC bulletin 77.93); before: {hf.WPP_SOURCE}"
    method = (f"{e2020} in 2020 minus WPP2024 China's gain since each year (both sexes approximated as the mean of "
              "male and female e0)")
    note = "The published 2020 level with WPP's path before it."
    check(abs(guess[2020] - e2020) < 1e-9, f"{key}: e0 path does not end at the profile's 2020 value {e2020}")
    band = hf.E0_BAND_ASSUMED
    return {
        "value": table(guess, 2), "unit": "year", "source": source, "method": method, "assumption": True,
        "low": round(min(guess.values()) - band, 2), "high": round(max(guess.values()) + band, 2),
        "low_path": table({y: v - band for y, v in guess.items()}, 2),
        "high_path": table({y: v + band for y, v in guess.items()}, 2),
        "note": (f"{note} Band +-{band} year for basis differences (published city e0 is often hukou / CDC surveillance "
                 "based). The model scales the census 2020 mortality shape to this level."),
    }


def srb_input(province: str, province_en: str) -> dict:
    g = province_groups(province, 2010)
    age0 = g[g["age"] == "0"].iloc[0]
    srb2010 = 100 * age0["male"] / age0["female"]
    boys, girls = hf.SRB_2020_BIRTHS[province]
    srb2020 = 100 * boys / girls
    guess = {y: srb2010 + (srb2020 - srb2010) * (y - 2010) / 10 for y in YEARS}
    return {
        "value": table(guess, 2), "unit": "boys per 100 girls",
        "source": f"{province_en} census 2010 table 1-7 age 0 (sources/{POP_BY_PROVINCE}); {hf.SRB_2020_SOURCE}",
        "method": (f"linear from the 2010 census sex ratio at age 0 (100 x {age0['male']:,} / {age0['female']:,} = "
                   f"{srb2010:.2f}) to the 2020 census births ratio (100 x {boys:,} / {girls:,} = {srb2020:.2f})"),
        "assumption": True, "low": hf.SRB_RANGE_ASSUMED[0], "high": hf.SRB_RANGE_ASSUMED[1],
        "note": ("The nation's own census values (2020: long-form table 6-2, national births by sex). The age-0 "
                 "ratio of 2010 is a proxy for the SRB (under-reported girls and infant deaths move it)."),
    }


def net_migration_input(p2010: float, p2020: float) -> tuple[dict, dict]:
    lo, hi = hf.CHINA_NET_MIGRATION_2010_2020_RANGE
    ni = p2020 - p2010
    source = f"{hf.CHINA_2010_SOURCE}; 2020 census total (profile.yaml)"
    return ({"value": 0, "unit": "person/year", "source": source,
             "method": "ASSUMPTION: the nation's net migration is international only; 0 a year",
             "assumption": True, "low": lo, "high": hi,
             "note": ("A constant starting value for the fit, not an observation: no national net-migration figure is "
                      "in the project's sources. Bounds +-500,000 a year, a judgement; the fit also absorbs the 2010 "
                      "census under-count of children, which makes the 2020 census larger than 2010 + births - deaths.")},
            {"value": int(round(ni, -2)), "unit": "person", "source": source,
             "method": "census 2020 minus census 2010 (net migration assumed 0)", "assumption": True,
             "low": int(round(ni - 10 * hi, -2)), "high": int(round(ni - 10 * lo, -2)),
             "note": "Births minus deaths 1 Nov 2010 -> 1 Nov 2020 implied by the two censuses with no net migration."})


TIMING_NOTES = {
    "china": ("No national annual resident series 2011-2019 is in the sources (history_missing.csv); international "
              "migration is assumed negligible throughout."),
}


def backcast(key: str, pop2010: pd.DataFrame) -> dict:
    r = REGIONS[key]
    profile = profile_2020(key)
    p2020 = float(profile["census_2020"]["total"]["value"])
    nm, ni = net_migration_input(r["total"], p2020)
    census = {"total": {"value": r["total"], "unit": "person", "source": r["total_source"]}}
    got = shares_percent(pop2010)
    return {
        "region": key,
        "name_en": r["name_en"],
        "name_zh": r["name_zh"],
        "start": {"date": CENSUS_2010_DATE, "population_file": POPULATION_2010_FILE},
        "check": {"date": "2020-11-01", "population_file": "population_2020.csv", "total": int(p2020),
                  "note": ("out-of-sample check of the population sector: the 2020 census total and broad shares "
                           "(profile.yaml census_2020) and the single-age table population_2020.csv")},
        "years": {"start": YEARS[0], "end": YEARS[-1]},
        "census_2010": census,
        "population_2010_shares": {k: round(v, 4) for k, v in got.items()},
        "hukou_population_2010": {"value": None, "unit": "person", "missing": True,
                                  "note": f"not found (calibration/{key}/history_missing.csv)"},
        "inputs": {
            "population.tfr": tfr_input(key, profile),
            "population.life_expectancy": e0_input(key, profile),
            "population.sex_ratio_at_birth": srb_input(r["province"], r["province_en"]),
            "population.net_migration": nm,
        },
        "derived": {"natural_increase_2010_2020": ni},
        "note_timing": TIMING_NOTES[key],
    }


def main() -> None:
    single = national_single_year(PERIOD_2010)
    for key, r in REGIONS.items():
        folder = CALIBRATION_DIR / key
        pop, method = population_2010(key, single)
        write_csv(folder / POPULATION_2010_FILE, [
            f"{r['name_en']} ({r['name_zh']}) resident population on 1 Nov 2010 (6th census reference date), single year "
            "of age x sex; age 100 = 100+. Units: persons (fractional after splitting, scaling and raking). "
            "GENERATED by python -m calibration.build.backcast.",
            *method,
        ], pop)
        data = backcast(key, pop)
        write_yaml(folder / BACKCAST_FILE, [
            f"{r['name_en']} backcast inputs 2010-2020. GENERATED by python -m calibration.build.backcast (change "
            "calibration/build/ or history_figures.py and re-run). Format: calibration/HISTORY.md.",
            "These are STARTING VALUES AND BOUNDS for fitting the population sector to the 2020 census, not observations: "
            "every input is assumption: true with low/high (and low_path/high_path for series).",
        ], data)
        both = pop["female"] + pop["male"]
        s = shares_percent(pop)
        nm = data["inputs"]["population.net_migration"]
        print(f"{r['name_en']}: 2010 total {both.sum():,.3f} male {pop['male'].sum():,.0f} "
              f"shares {', '.join(f'{k} {v:.2f}' for k, v in s.items())}; net migration guess {nm['value']:,} "
              f"({nm['low']:,} to {nm['high']:,})/yr")


if __name__ == "__main__":
    main()
