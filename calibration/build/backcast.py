"""Build the 2010 start of a 2010-2020 backcast for each region (format: calibration/HISTORY.md):

  calibration/<region>/population_2010.csv   resident population on 1 Nov 2010 by sex and single age 0..100+
  calibration/<region>/backcast_2010.yaml    TFR, life expectancy, sex ratio at birth and net migration
                                             2010-2020 as starting values with plausible ranges (not observations)

Run from the project root:  .venv/bin/python -m calibration.build.backcast

Reads calibration/sources/*.csv (census tables), calibration/<region>/profile.yaml (the 2020
TFR and life expectancy the 2020 baseline uses) and the constants in
calibration/history_figures.py. Does not touch any file that calibration.build.profiles writes.
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
    broad_group_counts,
    check,
    national_single_year,
    province_groups,
    rake,
    shares_percent,
    split_groups_to_single_years,
)
from calibration.build.regions import REGIONS as REGION_SPECS
from calibration.build.writing import write_csv, write_yaml
from sim.core.paths import BACKCAST_FILE, CALIBRATION_DIR, PROFILE_FILE
from sim.inputs.backcast import CENSUS_2010_DATE
from sim.inputs.history import POPULATION_2010_FILE
from sim.inputs.region_kit.tables import PROVINCE_EN, read_region_table
from sim.inputs.tables import SEXES

YEARS = list(range(2010, 2021))        # model years of the backcast (2010 = Nov 2010 - Oct 2011, ...)
NET_MIGRATION_MARGIN_ASSUMED = 0.20    # widen the net-migration range by 20% of the guess on each side

# ---------------------------------------------------------------------------------------------
# Regions: names and provinces as in the 2020 baseline, with their 2010 census figures
# ---------------------------------------------------------------------------------------------
CENSUS_2010_FIGURES = {
    "hangzhou": {"total": hf.HANGZHOU_2010_TOTAL, "total_source": hf.HANGZHOU_2010_SOURCE,
                 "shares": hf.HANGZHOU_2010_SHARES, "sex_ratio": hf.HANGZHOU_2010_SEX_RATIO},
    "lishui": {"total": hf.LISHUI_2010_TOTAL, "total_source": hf.LISHUI_2010_SOURCE,
               "shares": None, "sex_ratio": None},
    "jiamusi": {"total": hf.JIAMUSI_2010_TOTAL, "total_source": hf.JIAMUSI_2010_SOURCE,
                "shares": None, "sex_ratio": None},
    "china": {"total": int(province_groups("全国", 2010)[list(SEXES)].to_numpy().sum()),
              "total_source": hf.CHINA_2010_SOURCE, "shares": None, "sex_ratio": None},
    "zhejiang": {"total": int(province_groups("浙江", 2010)[list(SEXES)].to_numpy().sum()),
                 "total_source": hf.ZHEJIANG_2010_SOURCE, "shares": None, "sex_ratio": None},
}


def _names(key: str) -> dict:
    """Names and province of a region: the nation's from calibration.build.regions, a province's or city's from its
    fill-in table calibration/<region>/tables/region.csv (its profile is built from its tables)."""
    if key in REGION_SPECS:
        spec = REGION_SPECS[key]
        return {"name_en": spec.name_en, "name_zh": spec.name_zh, "province": spec.province,
                "province_en": spec.province_en, "provincial": False}
    values, level, parent = read_region_table(key, CALIBRATION_DIR)
    return {"name_en": values["name_en"], "name_zh": values["name_zh"], "province": parent,
            "province_en": PROVINCE_EN[parent], "provincial": level == "province"}


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
    if r["shares"]:
        targets = broad_group_counts(total, r["shares"])
        male = total * r["sex_ratio"] / (100 + r["sex_ratio"])
        pop = rake(pop, targets, {"male": male, "female": total - male})
        shares = "; ".join(f"{k} {v}%" for k, v in r["shares"].items())
        method.append(f"Raked (iterative proportional fitting) to the published 2010 broad shares {shares} "
                      "(0-14, 60+, 65+ as printed; 15-59 derived 70.12 + 5.09 from the 2020 bulletin; 60-64 = 60+ minus "
                      f"65+) and to the sex ratio {r['sex_ratio']} (male = total x {r['sex_ratio']} / "
                      f"{100 + r['sex_ratio']:.2f} = {male:,.1f}). The province's shape is kept within each broad group.")
    elif key == "china":
        method.append("The whole census (the 全国 rows): no scaling or raking (factor 1).")
    elif r["provincial"]:
        method.append(f"The whole province (the {r['province']} rows): no scaling or raking (factor 1).")
    elif key == "lishui":
        method.append("ASSUMPTION: no whole-city 2010 age or sex structure was found; Zhejiang's structure is scaled to the "
                      "Lishui total. Only Liandu district's 2010 shares are known (0-14 14.33, 15-59 72.66, 60+ 13.01, "
                      "65+ 8.92, derived; history.csv); Lishui's 2020 census 60+ share (21.24, derived) is above "
                      "Zhejiang's (18.70), so the city's 2010 population was probably older than this table.")
    else:
        method.append("ASSUMPTION: no Jiamusi 2010 age or sex structure was found; Heilongjiang's structure is scaled to "
                      "the Jiamusi total, whose exact figure is itself unverified (low confidence).")
    check(abs(pop[list(SEXES)].to_numpy().sum() - total) < 1e-6, f"{key}: 2010 total not reproduced")
    if r["shares"]:
        got = shares_percent(pop)
        for k, v in r["shares"].items():
            check(abs(got[k] - v) <= 1e-6, f"{key}: 2010 share {k} {got[k]:.6f} vs published {v}")
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


def tfr_input(key: str, province: str, profile: dict) -> dict:
    value = profile["defaults"]["population.tfr"]["value"]
    tfr2020 = value["ramp"]["from"] if "ramp" in value else value["table"][2020]
    ratio = tfr2020 / hf.WPP2024_CHINA_TFR[2020]
    guess = {y: ratio * hf.WPP2024_CHINA_TFR[y] for y in YEARS}
    if key == "china":
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
    census = hf.PROVINCIAL_TFR_CENSUS[province]
    low = {y: tfr2020 * (census[2010] + (census[2020] - census[2010]) * (y - 2010) / 10) / census[2020] for y in YEARS}
    high = {y: hf.TFR_HIGH_FACTOR_ASSUMED * v for y, v in guess.items()}
    return {
        "value": table(guess, 4), "unit": "children per woman",
        "source": (f"2020 level: calibration/{key}/profile.yaml defaults.population.tfr (TFR2020 = {tfr2020}); "
                   f"path: {hf.WPP_SOURCE}; low path: {hf.PROVINCIAL_TFR_SOURCE}"),
        "method": (f"TFR(y) = TFR2020 x WPP2024 China TFR(y) / WPP2024 China TFR(2020) = {tfr2020} x WPP(y) / 1.2357 "
                   f"(ratio {ratio:.4f}); low path: TFR2020 x provincial census TFR interpolated 2010->2020 / its 2020 value "
                   f"({census[2010]} -> {census[2020]}, i.e. nearly flat); high path: {hf.TFR_HIGH_FACTOR_ASSUMED} x the guess"),
        "assumption": True,
        "low": round(min(low.values()), 4), "high": round(max(high.values()), 4),
        "low_path": table(low, 4), "high_path": table(high, 4),
        "note": ("Starting values for the fit, not observations: no city TFR for 2010-2019 was found. WPP (adjusted for "
                 "under-registration) has China falling 1.69 -> 1.24 over 2010-2020; the provincial census TFRs are flat "
                 "(they under-count births, above all in 2010). The truth probably lies between the two paths."),
    }


def e0_input(key: str, profile: dict) -> dict:
    e2020 = profile["defaults"]["population.life_expectancy"]["value"]["ramp"]["from"]

    def wpp_back(anchor_year: int, anchor: float, y: int) -> float:
        return anchor - (wpp_e0_both(anchor_year) - wpp_e0_both(y))

    if key == "china":
        guess = {y: wpp_back(2020, e2020, y) for y in YEARS}
        source = f"2020: calibration/china/profile.yaml (NHC bulletin 77.93); before: {hf.WPP_SOURCE}"
        method = (f"{e2020} in 2020 minus WPP2024 China's gain since each year (both sexes approximated as the mean of "
                  "male and female e0)")
        note = "The published 2020 level with WPP's path before it."
    elif key == "hangzhou":
        (y0, a), (y1, b) = sorted(hf.HANGZHOU_E0.items())
        guess = {y: a + (b - a) * (y - y0) / (y1 - y0) for y in YEARS}
        source = f"{hf.HANGZHOU_E0_SOURCE}; comparison: {hf.WPP_SOURCE}"
        method = f"linear interpolation between the published {a} ({y0}) and {b} ({y1})"
        note = (f"Observed end points (2009 medium-low). WPP China's change applied back from 2020 would give "
                f"{wpp_back(2020, b, 2010):.2f} in 2010 (this path: {guess[2010]:.2f}).")
    else:
        anchors, source = ((hf.JIAMUSI_E0, hf.JIAMUSI_E0_SOURCE) if key == "jiamusi" else
                           (hf.ZHEJIANG_E0, hf.ZHEJIANG_E0_SOURCE) if key == "zhejiang"
                           else (hf.ZHEJIANG_E0, f"{hf.ZHEJIANG_E0_SOURCE} (Zhejiang's values ASSUMED for Lishui)"))
        (y0, a), (y1, b) = sorted(anchors.items())
        guess = {y: (a + (b - a) * (y - y0) / (y1 - y0)) if y >= y0 else wpp_back(y0, a, y) for y in YEARS}
        source = f"{source}; before {y0}: {hf.WPP_SOURCE}"
        method = (f"{y0}-{y1}: linear between {a} and {b}; before {y0}: {a} minus WPP2024 China's gain since that year "
                  "(both sexes approximated as the mean of male and female e0)")
        note = ("No Lishui figure: Zhejiang's path is assumed (the 2020 baseline does the same)." if key == "lishui" else
                "Observed end points (provincial government work report 2021); before 2015 China's pace is assumed."
                if key == "zhejiang" else
                "Observed end points from the plan (2015 start year implied); before 2015 China's pace is assumed.")
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


def srb_input(province: str, province_en: str, key: str) -> dict:
    g = province_groups(province, 2010)
    age0 = g[g["age"] == "0"].iloc[0]
    srb2010 = 100 * age0["male"] / age0["female"]
    boys, girls = hf.SRB_2020_BIRTHS[province]
    srb2020 = 100 * boys / girls
    guess = {y: srb2010 + (srb2020 - srb2010) * (y - 2010) / 10 for y in YEARS}
    lishui = " Lishui's hukou births in 2020 had 108.49 (history.csv)." if key == "lishui" else ""
    return {
        "value": table(guess, 2), "unit": "boys per 100 girls",
        "source": f"{province_en} census 2010 table 1-7 age 0 (sources/{POP_BY_PROVINCE}); {hf.SRB_2020_SOURCE}",
        "method": (f"linear from the 2010 census sex ratio at age 0 (100 x {age0['male']:,} / {age0['female']:,} = "
                   f"{srb2010:.2f}) to the 2020 census births ratio (100 x {boys:,} / {girls:,} = {srb2020:.2f})"),
        "assumption": True, "low": hf.SRB_RANGE_ASSUMED[0], "high": hf.SRB_RANGE_ASSUMED[1],
        "note": (("The province's own census values." if REGIONS[key]["provincial"] else
                  f"The province's values applied to the city (no city SRB found).{lishui}") + " The age-0 ratio is a proxy for "
                 "the SRB (under-reported girls and infant deaths move it)."),
    }


def natural_increase(p2010: float, p2020: float, rates: dict[int, float]) -> float:
    """Persons added by births minus deaths, 1 Nov 2010 -> 1 Nov 2020, from per-mille rates for calendar years
    2011..2020 times a population interpolated linearly between the censuses (mid-year)."""
    return sum(rates[y] / 1000 * (p2010 + (p2020 - p2010) * (y - 2010.5) / 10) for y in range(2011, 2021))


def net_migration_input(key: str, p2010: float, p2020: float) -> tuple[dict, dict]:
    if key == "china":
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
    if key == "jiamusi":
        lo_s, hi_s = hf.JIAMUSI_NIR_SHIFT_RANGE_ASSUMED
        rates = {s: {y: v + s for y, v in hf.HEILONGJIANG_NIR.items()} for s in (0.0, lo_s, hi_s)}
        ni, ni_low, ni_high = (natural_increase(p2010, p2020, rates[s]) for s in (0.0, lo_s, hi_s))
        p_lo, p_hi = hf.JIAMUSI_2010_TOTAL_RANGE_ASSUMED
        rate_text = (f"Heilongjiang's rates 2011-2020 ({hf.HEILONGJIANG_NIR_SOURCE}) ASSUMED for Jiamusi, shifted by "
                     f"{lo_s} to +{hi_s} per mille for the range")
        source = f"{hf.JIAMUSI_2010_SOURCE}; 2020 census total (profile.yaml); {hf.HEILONGJIANG_NIR_SOURCE}"
    else:
        found, (g, lo, hi) = ((hf.HANGZHOU_NIR_FOUND, hf.HANGZHOU_NIR_OTHER_YEARS_ASSUMED) if key == "hangzhou"
                              else (hf.ZHEJIANG_NIR_FOUND, hf.ZHEJIANG_NIR_OTHER_YEARS_ASSUMED) if key == "zhejiang"
                              else (hf.LISHUI_NIR_FOUND, hf.LISHUI_NIR_OTHER_YEARS_ASSUMED))
        rates = {v: {y: found.get(y, v) for y in range(2011, 2021)} for v in (g, lo, hi)}
        ni, ni_low, ni_high = (natural_increase(p2010, p2020, rates[v]) for v in (g, lo, hi))
        p_lo = p_hi = p2010
        basis = "resident" if key in ("hangzhou", "zhejiang") else "HUKOU (resident rates not published)"
        rate_text = (f"{basis} natural-increase rates found {found} per mille (calibration/{key}/history.csv); other years "
                     f"ASSUMED {g} (range {lo}-{hi})")
        source = f"2010 and 2020 census totals (history.csv); natural-increase rates in calibration/{key}/history.csv"
    nm = (p2020 - p2010 - ni) / 10
    nm_low = (p2020 - p_hi - ni_high) / 10
    nm_high = (p2020 - p_lo - ni_low) / 10
    margin = NET_MIGRATION_MARGIN_ASSUMED * abs(nm)
    quantity = {
        "value": int(round(nm, -2)), "unit": "person/year", "source": source,
        "method": (f"[census 2020 {p2020:,.0f} - census 2010 {p2010:,.0f} - natural increase {ni:,.0f}] / 10 years = "
                   f"{nm:,.0f}/yr (rounded to 100); natural increase = sum over 2011-2020 of rate x population "
                   f"interpolated between the censuses; {rate_text}"),
        "assumption": True,
        "low": int(round(nm_low - margin, -2)), "high": int(round(nm_high + margin, -2)),
        "note": (f"A constant starting value for the fit, not an observation. The input ranges alone give "
                 f"{nm_low:,.0f} to {nm_high:,.0f}/yr; the bounds add {NET_MIGRATION_MARGIN_ASSUMED:.0%} of the guess on "
                 "each side for timing and for the model's own births and deaths. Flows were not constant within the "
                 "decade (see note_timing)."),
    }
    derived = {
        "value": int(round(ni, -2)), "unit": "person", "source": source,
        "method": f"sum over calendar years 2011-2020 of rate x interpolated population; {rate_text}",
        "assumption": True, "low": int(round(min(ni_low, ni_high), -2)), "high": int(round(max(ni_low, ni_high), -2)),
        "note": "Births minus deaths 1 Nov 2010 -> 1 Nov 2020, used only for the net-migration guess.",
    }
    return quantity, derived


TIMING_NOTES = {
    "hangzhou": ("The pre-census year-end estimates (history.csv) grew only 3.8-6.4万 a year in 2011-2014, 12.6万 in 2015, "
                 "17-55万 a year in 2016-2019; but they sum to 166万 over 2010-2019 against 324万 between the censuses, so "
                 "they understate the inflow. The net inflow was probably back-loaded (rising after 2015)."),
    "lishui": "No annual resident series 2011-2019 was found; nothing is known about the timing.",
    "china": ("No national annual resident series 2011-2019 is in the sources (history_missing.csv); international "
              "migration is assumed negligible throughout."),
    "zhejiang": ("No annual resident series 2011-2019 is in the sources; the census residents grew 10.1 million in "
                 "2010-2020, of which the migrant stock from other provinces reached 16.2 million in 2020."),
    "jiamusi": ("No annual series 2011-2019 was found. Heilongjiang's decline accelerated after 2015 (the provincial "
                "pre-census estimates were revised down by the census)."),
}


def backcast(key: str, pop2010: pd.DataFrame) -> dict:
    r = REGIONS[key]
    profile = profile_2020(key)
    p2020 = float(profile["census_2020"]["total"]["value"])
    nm, ni = net_migration_input(key, r["total"], p2020)
    census = {"total": {"value": r["total"], "unit": "person", "source": r["total_source"]}}
    if key == "jiamusi":
        census["total"].update({"note": "low confidence: not verified against a bulletin",
                                "low": hf.JIAMUSI_2010_TOTAL_RANGE_ASSUMED[0], "high": hf.JIAMUSI_2010_TOTAL_RANGE_ASSUMED[1]})
    if r["shares"]:
        for k, v in r["shares"].items():
            census[f"share_{k}"] = {"value": v, "unit": "percent", "source": hf.HANGZHOU_2010_SOURCE}
        census["sex_ratio"] = {"value": r["sex_ratio"], "unit": "males per 100 females", "source": hf.HANGZHOU_2010_SOURCE}
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
            "population.tfr": tfr_input(key, r["province"], profile),
            "population.life_expectancy": e0_input(key, profile),
            "population.sex_ratio_at_birth": srb_input(r["province"], r["province_en"], key) if key != "china" else {
                **srb_input(r["province"], r["province_en"], key),
                "note": ("The nation's own census values (2020: long-form table 6-2, national births by sex). The age-0 "
                         "ratio of 2010 is a proxy for the SRB (under-reported girls and infant deaths move it).")},
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
        # The headers name the build by its old path: new text would change the committed files.
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
