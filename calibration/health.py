"""Health-sector baseline (briefs/health_data.md): the national chronic-disease prevalence and hospital
admission tables of calibration/common/, and each region's `health_2020:` section and the defaults of the
health keys (sim/keys.py).

Methods only; published numbers come from health_figures.py (and the census tables via demography.py).
Every city figure here is DERIVED (later-year city counts backed out to 2020, or national/provincial ratios
scaled to the city), so each is written as an assumption with a range and the source of its anchor.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import brentq, least_squares

import health_figures as hf
import published_figures as pf
from demography import AGES, SEXES, check, province_groups_2020, split_groups_to_single_years
from regions import BOUNDS, ESTIMATE, Series, assumed, ramp, sourced

NATIONAL_AREA = "全国"
CONDITIONS = ("hypertension", "diabetes")
_TABLE_1_5 = "census 2020 table 1-5 national age groups split to single years by table 6-4 (as for the cities)"


def expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def logit(p):
    return np.log(p / (1.0 - p))


def national_population_2020(single: pd.DataFrame) -> pd.DataFrame:
    """China's census population on 1 Nov 2020 by single year of age and sex (table 1-5 groups split by the
    table 6-4 single-year shape): the age structure the common tables are calibrated on."""
    return split_groups_to_single_years(province_groups_2020(NATIONAL_AREA), single)


def _mean(rates: dict[str, np.ndarray], pop: pd.DataFrame, lo: int = 0, hi: int = 100,
          sexes: tuple[str, ...] = SEXES) -> float:
    """Population-weighted mean of a rate over ages lo..hi and the given sexes."""
    num = sum(float((rates[s][lo:hi + 1] * pop[s].to_numpy()[lo:hi + 1]).sum()) for s in sexes)
    den = sum(float(pop[s].to_numpy()[lo:hi + 1].sum()) for s in sexes)
    return num / den


# ---------------------------------------------------------------------------------------------
# Chronic-disease prevalence (common/chronic_prevalence.csv)
# ---------------------------------------------------------------------------------------------
def _htn_anchors() -> list[tuple[int, int, str | None, float, str]]:
    """(age lo, age hi, sex or None for both, prevalence, survey) of the published age gradients."""
    rows = [(lo, hi, sex, v, "InterASIA") for sex, groups in hf.HTN_INTERASIA.items() for (lo, hi), v in groups.items()]
    rows += [(lo, hi, None, v, "CHS") for (lo, hi), v in hf.HTN_CHS.items()]
    rows += [(lo, hi, None, v, "CCDRFS2010") for (lo, hi), v in hf.HTN_CCDRFS_2010_AGE.items()]
    rows += [(hf.ADULT_AGE, 100, sex, v, "CCDRFS2010") for sex, v in hf.HTN_CCDRFS_2010_SEX.items()]
    return rows


def _htn_logits(params: np.ndarray) -> dict[str, np.ndarray]:
    a_f, b_f, a_m, b_m, g = params[:5]
    x = AGES - 50.0
    return {"female": a_f + b_f * x + g * x * x, "male": a_m + b_m * x + g * x * x}


def _shift_to(logits: dict[str, np.ndarray], target: float, pop: pd.DataFrame) -> tuple[dict[str, np.ndarray], float]:
    """Shift both sexes' logit curves by one constant so that the adult crude prevalence equals `target`."""
    def crude(d):
        return _mean({s: expit(logits[s] + d) for s in SEXES}, pop, hf.ADULT_AGE, 100) - target
    d = brentq(crude, -5, 5, xtol=1e-14)
    return {s: expit(logits[s] + d) for s in SEXES}, d


def hypertension_curves(pop: pd.DataFrame) -> tuple[dict[str, np.ndarray], dict]:
    """Smooth single-year hypertension prevalence by sex, adults 18+ (0 below 18).

    logit p_s(a) = alpha_s + beta_s (a-50) + gamma (a-50)^2 (gamma common to both sexes), fitted by least squares
    on the logit scale to the InterASIA (age x sex), CHS and CCDRFS-2010 points, with one level offset per survey
    (each survey has its own level); group values are population-weighted over the group's single years. Then one
    constant on the logit scale sets the level so that the adult crude prevalence on the census 2020 structure is
    HYPERTENSION_ADULT_PREVALENCE; finally made non-decreasing in age (running maximum)."""
    anchors = _htn_anchors()
    surveys = ["CHS", "CCDRFS2010"]  # InterASIA is the reference level

    def resid(params):
        logits = _htn_logits(params)
        offsets = {"InterASIA": 0.0, **dict(zip(surveys, params[5:]))}
        out = []
        for lo, hi, sex, value, survey in anchors:
            rates = {s: expit(logits[s] + offsets[survey]) for s in SEXES}
            est = _mean(rates, pop, lo, hi, (sex,) if sex else SEXES)
            out.append(logit(est) - logit(value))
        return np.array(out)

    fit = least_squares(resid, np.array([-1.0, 0.05, -1.0, 0.05, 0.0, 0.0, 0.0]), xtol=1e-14, ftol=1e-14)
    check(fit.success, "hypertension fit did not converge")
    curves, shift = _shift_to(_htn_logits(fit.x), hf.HYPERTENSION_ADULT_PREVALENCE, pop)
    for s in SEXES:
        curves[s] = np.maximum.accumulate(curves[s])
        curves[s][:hf.ADULT_AGE] = 0.0
    # the running maximum changes the level by a hair: rescale the adult part to hit the target exactly
    level = _mean(curves, pop, hf.ADULT_AGE, 100)
    for s in SEXES:
        curves[s] *= hf.HYPERTENSION_ADULT_PREVALENCE / level
    info = {"params": fit.x, "rms": float(np.sqrt(np.mean(fit.fun ** 2))), "shift": shift}
    return curves, info


def diabetes_curves(pop: pd.DataFrame) -> tuple[dict[str, np.ndarray], dict]:
    """ASSUMED shape (no national age-specific rates in the notes): logit-linear in age with slope
    DIABETES_LOGIT_SLOPE_ASSUMED, flat from DIABETES_PLATEAU_AGE_ASSUMED; a sex offset such that adult patients
    male : female = 70.4 : 59.4 million (TIDE); level such that the adult crude prevalence is
    DIABETES_ADULT_PREVALENCE on the census 2020 structure."""
    x = np.minimum(AGES, hf.DIABETES_PLATEAU_AGE_ASSUMED) - 50.0
    ratio = hf.DIABETES_PATIENTS_MILLION["male"] / hf.DIABETES_PATIENTS_MILLION["female"]

    def curves_for(sex_offset):
        logits = {"female": hf.DIABETES_LOGIT_SLOPE_ASSUMED * x,
                  "male": hf.DIABETES_LOGIT_SLOPE_ASSUMED * x + sex_offset}
        return _shift_to(logits, hf.DIABETES_ADULT_PREVALENCE, pop)

    def patients(curves, sex):
        return float((curves[sex][hf.ADULT_AGE:] * pop[sex].to_numpy()[hf.ADULT_AGE:]).sum())

    def gap(sex_offset):
        c, _ = curves_for(sex_offset)
        return patients(c, "male") / patients(c, "female") - ratio

    sex_offset = brentq(gap, -2, 2, xtol=1e-14)
    curves, shift = curves_for(sex_offset)
    for s in SEXES:
        curves[s][:hf.ADULT_AGE] = 0.0
    return curves, {"sex_offset": sex_offset, "shift": shift}


def chronic_prevalence_table(pop: pd.DataFrame) -> tuple[pd.DataFrame, list[str], dict]:
    htn, htn_info = hypertension_curves(pop)
    dm, dm_info = diabetes_curves(pop)
    table = pd.DataFrame({
        "age": np.concatenate([AGES, AGES]),
        "sex": np.repeat(list(SEXES), len(AGES)),
        "hypertension": np.concatenate([htn[s] for s in SEXES]),
        "diabetes": np.concatenate([dm[s] for s in SEXES]),
    })
    check(((table[list(CONDITIONS)] >= 0) & (table[list(CONDITIONS)] <= 1)).all().all(), "prevalence outside 0..1")
    both = {c: {s: table.loc[table["sex"] == s, c].to_numpy() for s in SEXES} for c in CONDITIONS}

    def grp(c, lo, hi, sexes=SEXES):
        return 100 * _mean(both[c], pop, lo, hi, sexes)

    a_f, b_f, a_m, b_m, g, d_chs, d_ccdrfs = htn_info["params"]
    checks = {
        "htn_adult": grp("hypertension", 18, 100), "dm_adult": grp("diabetes", 18, 100),
        "htn_men": grp("hypertension", 18, 100, ("male",)), "htn_women": grp("hypertension", 18, 100, ("female",)),
        "dm_men": grp("diabetes", 18, 100, ("male",)), "dm_women": grp("diabetes", 18, 100, ("female",)),
    }
    comments = [
        "National prevalence of hypertension and (type-2) diabetes by single year of age and sex, as a share (0..1) of "
        "the people of that age and sex; 0 below 18. Rows: female ages 0-100, then male ages 0-100 (100 = 100+).",
        f"Level (adults 18+, crude on the China census 2020 age-sex structure = {_TABLE_1_5}): hypertension "
        f"{hf.HYPERTENSION_ADULT_PREVALENCE:.1%} = CCDRFS 2018 (Zhang M. et al., Chin J Epidemiol 2021; medium-high); "
        f"diabetes {hf.DIABETES_ADULT_PREVALENCE:.1%} = CCDRFS 2018 (Wang L. et al., JAMA 2021;326:2498; high). "
        "research/external_data_2020.md §5. The surveys are weighted to the national population of their years; "
        "holding them on the 2020 structure is an approximation.",
        "Hypertension method: logit p_s(a) = alpha_s + beta_s (a-50) + gamma (a-50)^2 fitted (least squares on the logit "
        "scale, group values population-weighted) to InterASIA 2000-01 age x sex points 35-74 (men 17.4/28.2/40.7/47.3%, "
        "women 10.7/26.8/38.9/50.2%), CHS 2012-15 18-34 ~5% and 35-44 ~1/6, CCDRFS 2010 18-24 9.7%, >=75 72.8%, men "
        "35.1%, women 31.8%, with one level offset per survey (InterASIA = 0); fitted alpha_f, beta_f, alpha_m, beta_m, "
        f"gamma = {a_f:.4f}, {b_f:.5f}, {a_m:.4f}, {b_m:.5f}, {g:.7f}; offsets CHS {d_chs:+.3f}, CCDRFS2010 "
        f"{d_ccdrfs:+.3f}; rms logit residual {htn_info['rms']:.3f}. Then one logit shift ({htn_info['shift']:+.4f}) sets "
        "the 2020 level; made non-decreasing in age (running maximum) and rescaled to the level exactly.",
        f"Hypertension result: adults {checks['htn_adult']:.2f}% (men {checks['htn_men']:.1f}%, women "
        f"{checks['htn_women']:.1f}%; CCDRFS 2010 had men/women 1.10); 18-34 {grp('hypertension', 18, 34):.1f}%, "
        f"35-44 {grp('hypertension', 35, 44):.1f}%, 65-74 {grp('hypertension', 65, 74):.1f}% (CHS: >50%), "
        f">=75 {grp('hypertension', 75, 100):.1f}%.",
        f"Diabetes method (ASSUMED shape: the notes give no national age-specific rates, only 'higher at >=50 and in "
        f"men'): logit-linear in age, slope {hf.DIABETES_LOGIT_SLOPE_ASSUMED} per year (assumption, range 0.035-0.07), "
        f"flat from age {hf.DIABETES_PLATEAU_AGE_ASSUMED} (Chinese prevalence peaks at 70-89, Qiao Q. et al., Diabetes "
        "Care 2003;26:1770); male logit offset "
        f"{dm_info['sex_offset']:+.4f} so that adult patients men : women = 70.4 : 59.4 million (TIDE 2015-17, Li Y. et "
        "al., BMJ 2020;369:m997, reprint qidong0513.com); one logit shift sets the 2020 level.",
        f"Diabetes result: adults {checks['dm_adult']:.2f}% (men {checks['dm_men']:.1f}%, women {checks['dm_women']:.1f}%); "
        f"18-29 {grp('diabetes', 18, 29):.1f}%, 40-49 {grp('diabetes', 40, 49):.1f}%, 50-59 {grp('diabetes', 50, 59):.1f}%, "
        f"60-69 {grp('diabetes', 60, 69):.1f}%, >=70 {grp('diabetes', 70, 100):.1f}%.",
        "Units: share of persons (1). Regions scale these with chronic.hypertension_prevalence_scale / "
        "chronic.diabetes_prevalence_scale.",
    ]
    return table, comments, checks


# ---------------------------------------------------------------------------------------------
# Hospital admissions (common/admission_rate.csv)
# ---------------------------------------------------------------------------------------------
#: ASSUMED child rates before scaling (admissions per person-year): infants high, falling to a trough at 5-14.
CHILD_RATES_ASSUMED = {0: 0.20, 1: 0.10, 2: 0.07, 3: 0.06, 4: 0.05}
CHILD_TROUGH_ASSUMED = 0.04     # ages 5-14
ADULT_FROM, ADULT_RISE_TO = 20, 90  # adult non-obstetric rates rise exponentially from 20, flat from 90


def _admission_shape(level: float, slope: float, asfr: np.ndarray) -> dict[str, np.ndarray]:
    base = np.zeros(len(AGES))
    for age, rate in CHILD_RATES_ASSUMED.items():
        base[age] = rate
    base[5:15] = CHILD_TROUGH_ASSUMED
    adult = level * np.exp(slope * (np.minimum(AGES, ADULT_RISE_TO) - 60.0))
    base[ADULT_FROM:] = adult[ADULT_FROM:]
    base[15:ADULT_FROM] = np.interp(np.arange(15, ADULT_FROM), [14, ADULT_FROM], [CHILD_TROUGH_ASSUMED, adult[ADULT_FROM]])
    return {"female": base + asfr, "male": base.copy()}


def admission_rate_table(pop: pd.DataFrame, pattern: pd.DataFrame) -> tuple[pd.DataFrame, list[str], dict]:
    """ASSUMED J-shaped age pattern of admissions per person-year, by sex, calibrated to China 2020.

    Shape: fixed child rates (infants 0.20 ... 5-14 0.04), linear 15-19, then adult non-obstetric rates
    level x exp(slope (a-60)) from 20 (flat from 90), the same for both sexes; women add one delivery
    admission per birth (census 2020 ASFR = TFR 1.2786 x fertility pattern). The slope is set so that the
    60+ rate is 1.8175 times the all-ages rate (NHSS 2018: 24.9% vs about 13.7%); then everything is scaled
    so that the rates on the census 2020 structure give 16.3 admissions per 100 (23,013万 in 2020)."""
    asfr = hf.CHINA_CENSUS_TFR_2020 * pattern["share"].to_numpy()
    target = hf.CHINA_ADMISSIONS_PER_100_2020 / 100
    ratio = hf.NHSS_2018_OLDER_ADULT_ADMISSION_RATE / hf.NHSS_2018_ALL_AGES_ADMISSION_RATE_LOW_CONFIDENCE

    def level_for(slope):  # adult level giving the 60+ NHSS rate (before the final scaling)
        return brentq(lambda L: _mean(_admission_shape(L, slope, asfr), pop, 60, 100)
                      - hf.NHSS_2018_OLDER_ADULT_ADMISSION_RATE, 1e-4, 5, xtol=1e-14)

    def ratio_gap(slope):
        shape = _admission_shape(level_for(slope), slope, asfr)
        return _mean(shape, pop, 60, 100) / _mean(shape, pop) - ratio

    slope = brentq(ratio_gap, 0.0, 0.1, xtol=1e-14)
    level = level_for(slope)
    shape = _admission_shape(level, slope, asfr)
    scale = target / _mean(shape, pop)
    rates = {s: scale * shape[s] for s in SEXES}
    table = pd.DataFrame({"age": np.concatenate([AGES, AGES]), "sex": np.repeat(list(SEXES), len(AGES)),
                          "admissions_per_person_year": np.concatenate([rates[s] for s in SEXES])})
    got = 100 * _mean(rates, pop)
    check(abs(got - hf.CHINA_ADMISSIONS_PER_100_2020) < 1e-9, "admission table does not reproduce 16.3 per 100")
    births = float((asfr * pop["female"].to_numpy()).sum())
    delivery_share = births * scale / (target * float(pop[list(SEXES)].to_numpy().sum()))
    info = {"per_100": got, "60_plus": _mean(rates, pop, 60, 100), "slope": slope, "scale": scale,
            "delivery_share": delivery_share}
    comments = [
        "ASSUMPTION (not published): national hospital admissions per person-year by single year of age and sex. "
        "Age-specific admission rates are not in the research notes (research/external_data_2020.md §4a, 'not found'); "
        "this is a constructed J-shaped pattern, calibrated to two national figures. Rows: female 0-100, then male 0-100.",
        f"Calibration: on the China census 2020 age-sex structure ({_TABLE_1_5}) the rates give {got:.4f} admissions per "
        f"100 residents = 2020 admissions 23,013万 / year-end population 141,212万 (NHC 2020 bulletin via repo "
        "xujiann/health-indicators; external_data_2020.md §4a, medium; 2020 was a COVID year, 2019 had 26,596万).",
        f"Shape before scaling: ages 0-4 {', '.join(f'{v}' for v in CHILD_RATES_ASSUMED.values())}, 5-14 "
        f"{CHILD_TROUGH_ASSUMED}, linear 15-19, adult non-obstetric rate L exp(s (a-60)) from 20 (flat from 90), the same "
        "for both sexes (assumption: no sex split found); women add one delivery admission per birth, ASFR = census "
        f"TFR {hf.CHINA_CENSUS_TFR_2020} x common/fertility_pattern_2020.csv (deliveries = {delivery_share:.1%} of "
        "admissions; the fertility decline after 2020 is not in this table).",
        f"The slope s = {slope:.5f}/year makes the 60+ rate 24.9 / 13.7 = {ratio:.4f} times the all-ages rate "
        "(NHSS 2018: older adults 24.9% a year, Wu N. et al., Int J Equity Health 2023;22:169, high; whole population "
        "~13.7%, recalled, LOW); L sets the 60+ rate to 0.249, then all rates are multiplied by "
        f"{scale:.4f} to give 16.3 per 100, so the 60+ rate becomes {info['60_plus']:.4f}. The NHSS survey counts "
        "people (self-reported), the bulletin counts admissions (repeat stays included), so only the survey's ratio is used.",
        "Units: admissions per person per year. Regions scale these with beds.admission_rate_scale.",
    ]
    return table, comments, info


# ---------------------------------------------------------------------------------------------
# Region stocks 2020: later-year counts backed out to 1 Nov 2020
# ---------------------------------------------------------------------------------------------
def annual_growth(points: dict[int, float]) -> float:
    (y0, v0), (y1, v1) = sorted(points.items())
    return (v1 / v0) ** (1 / (y1 - y0)) - 1


NATIONAL_GROWTH = {"beds": annual_growth(hf.CHINA_BEDS_PER_1000),
                   "doctors": annual_growth(hf.CHINA_DOCTORS_PER_1000),
                   "nurses": annual_growth(hf.CHINA_NURSES_PER_1000)}
GROWTH_UNCERTAINTY = 0.02  # +/- per year on the assumed growth, for the ranges
#: Hangzhou 2024Q1 composition of hospital beds (the only city breakdown found), used for Lishui and Jiamusi.
HOSPITAL_SHARES = {
    "tcm": (hf.HANGZHOU_2024Q1_BEDS_TCM + hf.HANGZHOU_2024Q1_BEDS_INTEGRATED_TCM) / hf.HANGZHOU_2024Q1_BEDS_HOSPITALS,
    "rehabilitation": hf.HANGZHOU_2024Q1_BEDS_REHABILITATION / hf.HANGZHOU_2024Q1_BEDS_HOSPITALS,
    "nursing_homes": hf.HANGZHOU_2024Q1_BEDS_NURSING_HOMES / hf.HANGZHOU_2024Q1_BEDS_HOSPITALS,
}
HOSPITAL_SHARES["general"] = 1 - sum(HOSPITAL_SHARES.values())
TECHNICIAN_SHARE = {"doctors": hf.CHINA_DOCTORS_2020_WAN / hf.CHINA_TECHNICIANS_2020_WAN,
                    "nurses": hf.CHINA_NURSES_2020_WAN / hf.CHINA_TECHNICIANS_2020_WAN}


@dataclass(frozen=True)
class CityCounts:
    """A city's later-year counts (year `t` years after 1 Nov 2020) by model category, with how they were split."""
    years: float
    year_text: str
    source: str
    beds: dict[str, float]          # hospital_general, hospital_tcm, hospital_rehabilitation, primary, excluded
    split_text: str
    doctors: float
    nurses: float
    staff_text: str
    split_assumed: bool             # True if the bed split by type is assumed (not published)


def city_population_growth(region: str) -> float:
    census = {"hangzhou": pf.HANGZHOU_CENSUS_TOTAL, "lishui": pf.LISHUI_CENSUS_TOTAL, "jiamusi": pf.JIAMUSI_CENSUS_TOTAL}[region]
    return (hf.YEAREND_RESIDENT_2022[region] / census) ** (12 / 26) - 1  # 1 Nov 2020 -> 31 Dec 2022


def _hospital_split(hospital: float) -> dict[str, float]:
    return {"hospital_general": hospital * HOSPITAL_SHARES["general"], "hospital_tcm": hospital * HOSPITAL_SHARES["tcm"],
            "hospital_rehabilitation": hospital * HOSPITAL_SHARES["rehabilitation"]}


def city_counts(region: str) -> CityCounts:
    sh = HOSPITAL_SHARES
    split_hosp = (f"hospital beds split as Hangzhou's 2024Q1 hospital beds (the only city breakdown found): general "
                  f"{sh['general']:.1%}, TCM-type {sh['tcm']:.1%}, rehabilitation {sh['rehabilitation']:.1%}, nursing homes "
                  f"{sh['nursing_homes']:.1%} (excluded)")
    if region == "hangzhou":
        hosp = hf.HANGZHOU_2024Q1_BEDS_HOSPITALS
        tcm = hf.HANGZHOU_2024Q1_BEDS_TCM + hf.HANGZHOU_2024Q1_BEDS_INTEGRATED_TCM
        rehab, homes = hf.HANGZHOU_2024Q1_BEDS_REHABILITATION, hf.HANGZHOU_2024Q1_BEDS_NURSING_HOMES
        beds = {"hospital_general": hosp - tcm - rehab - homes, "hospital_tcm": tcm, "hospital_rehabilitation": rehab,
                "primary": hf.HANGZHOU_2024Q1_BEDS_PRIMARY,
                "excluded": homes + hf.HANGZHOU_2024Q1_BEDS_PUBLIC_HEALTH_OTHER}
        check(sum(beds.values()) == hf.HANGZHOU_2024Q1_BEDS_TOTAL, "hangzhou: 2024Q1 bed breakdown does not add up")
        return CityCounts(
            hf.HANGZHOU_2024Q1_YEARS_AFTER_CENSUS, "end of March 2024", hf.HANGZHOU_2024Q1_SOURCE, beds,
            ("published breakdown: hospitals 95,386 = general (rest) 67,279 + TCM 12,517 + integrated TCM-Western 5,491 "
             "(TCM-type) + rehabilitation 3,834 + nursing homes 6,265; primary care 3,016; nursing homes, public-health "
             "institutions (1,186) and sanatoria (999) are in no model bed type"),
            hf.HANGZHOU_2024Q1_TECHNICIANS * TECHNICIAN_SHARE["doctors"],
            hf.HANGZHOU_2024Q1_TECHNICIANS * TECHNICIAN_SHARE["nurses"],
            (f"health technicians 143,624 x national 2020 shares (doctors 408.6/1067.8 = {TECHNICIAN_SHARE['doctors']:.1%}, "
             f"nurses 470.9/1067.8 = {TECHNICIAN_SHARE['nurses']:.1%}); the table leaves out 3,623 clinics and village "
             "clinics, so the count is low"),
            split_assumed=False)
    if region == "lishui":
        total = hf.LISHUI_2024_BEDS
        hosp = total * hf.CHINA_BEDS_HOSPITAL_SHARE_2020
        beds = {**_hospital_split(hosp), "primary": total * hf.CHINA_BEDS_PRIMARY_SHARE_2020}
        beds["excluded"] = total - sum(beds.values())
        return CityCounts(
            hf.LISHUI_2024_YEARS_AFTER_CENSUS, "end of 2024", hf.LISHUI_2024_SOURCE, beds,
            (f"total 17,487 split by the national 2020 shares (hospitals 78.4%, primary care 18.1%, rest excluded); "
             f"{split_hosp}"),
            hf.LISHUI_2024_DOCTORS, hf.LISHUI_2024_NURSES, "published doctors 10,504 and nurses 11,277", split_assumed=True)
    if region == "jiamusi":
        total, hosp = hf.JIAMUSI_2022_BEDS, hf.JIAMUSI_2022_BEDS_HOSPITALS
        primary = total * hf.CHINA_BEDS_PRIMARY_SHARE_2020
        check(primary >= hf.JIAMUSI_2022_BEDS_THC and hosp + primary <= total, "jiamusi: primary-care beds inconsistent")
        beds = {**_hospital_split(hosp), "primary": primary}
        beds["excluded"] = total - sum(beds.values())
        return CityCounts(
            hf.JIAMUSI_2022_YEARS_AFTER_CENSUS, "end of 2022", hf.JIAMUSI_2022_HEALTH_SOURCE, beds,
            (f"total 21,221 of which hospitals 16,945 (published); primary care = 18.1% of the total (national 2020 share; "
             f"at least the published 1,912 township-health-centre beds); rest excluded; {split_hosp}"),
            hf.JIAMUSI_2022_DOCTORS, hf.JIAMUSI_2022_NURSES, "published doctors 6,913 and nurses 8,110", split_assumed=True)
    raise KeyError(region)


def national_scale() -> float:
    """beds.admission_rate_scale of a region with China's 2020 beds per 1,000, hospital share, Hangzhou's acute
    (general + TCM) share of hospital beds, the 2021 occupancy and length of stay, and the national admission rate."""
    acute_per_person = (hf.CHINA_BEDS_PER_1000[2020] / 1000 * hf.CHINA_BEDS_HOSPITAL_SHARE_2020
                        * (HOSPITAL_SHARES["general"] + HOSPITAL_SHARES["tcm"]))
    return (hf.CHINA_OCCUPANCY_HOSPITALS[2021] * acute_per_person * 365
            / (hf.CHINA_ALOS_HOSPITALS[2021] * hf.CHINA_ADMISSIONS_PER_100_2020 / 100))


def backout_factor(kind: str, pop_growth: float, years: float, delta: float = 0.0) -> float:
    """Growth of a city count from 1 Nov 2020 to the count date: the national per-capita ratio's yearly growth
    (plus `delta`) times the city's resident population growth, compounded over `years`."""
    return ((1 + NATIONAL_GROWTH[kind] + delta) * (1 + pop_growth)) ** years


# ---------------------------------------------------------------------------------------------
# Region health_2020 section and health defaults
# ---------------------------------------------------------------------------------------------
UNITS = {  # must equal sim/keys.py (checked by the loader when profiles are read)
    "chronic.hypertension_prevalence_scale": "1", "chronic.diabetes_prevalence_scale": "1",
    "chronic.patients_per_gp": "patients per GP", "chronic.standardization_rate": "1/year",
    "chronic.dropout_rate": "1/year", "beds.average_length_of_stay": "day", "beds.admission_rate_scale": "1",
    "workforce.doctor_attrition_rate": "1/year", "workforce.nurse_attrition_rate": "1/year",
    "workforce.staff_out_migration_rate": "1/year", "care.infant_care_demand_share": "1",
    "care.elderly_served_per_gp": "person per GP per year", "beds.nursing_conversion": "bed/year",
    "beds.nursing_construction": "bed/year", "beds.rehabilitation_construction": "bed/year",
    "beds.approval_occupancy_threshold": "1", "beds.length_of_stay_cap": "day",
    "workforce.gp_training_places": "person/year",
    "workforce.gp_transfer_training": "person/year", "workforce.hiring_budget": "person/year",
    "workforce.nurses_per_bed_standard": "nurse per bed", "workforce.doctors_per_1000_target": "doctor per 1000 residents",
    "primary_care.contracting_target": "1", "primary_care.screening_rate": "1/year",
    "care.elderly_outreach_target": "1", "care.infant_place_construction": "place/year",
    "care.growth_station_construction": "station/year",
    **{key: spec[3] for key, spec in hf.STRUCTURAL_ASSUMPTIONS.items()},
}
HEALTH_2020_ORDER = ("beds_hospital_general", "beds_hospital_tcm", "beds_hospital_rehabilitation",
                     "beds_primary_general", "beds_primary_nursing", "doctors", "gps", "nurses",
                     "hypertension_aware_share", "hypertension_managed_share", "hypertension_standardized_of_managed",
                     "diabetes_aware_share", "diabetes_managed_share", "diabetes_standardized_of_managed",
                     "contracted_share", "key_group_contracted_share", "elderly_managed_share", "infant_care_places",
                     "growth_stations", "occupancy_hospital")
BED_KEYS = ("beds_hospital_general", "beds_hospital_tcm", "beds_hospital_rehabilitation", "beds_primary_general",
            "beds_primary_nursing")

# Region settings that are assumptions about the region (no city figure found); sources of anchors in the notes.
CONTRACTING_2020 = {  # (all residents, key groups): Zhejiang's 2020 targets assumed met; Jiamusi set below them
    "hangzhou": (hf.ZHEJIANG_CONTRACTING_TARGET_2020, hf.ZHEJIANG_KEY_GROUP_CONTRACTING_TARGET_2020),
    "lishui": (hf.ZHEJIANG_CONTRACTING_TARGET_2020, hf.ZHEJIANG_KEY_GROUP_CONTRACTING_TARGET_2020),
    "jiamusi": (0.30, 0.60)}
ELDERLY_MANAGED_2020 = {"hangzhou": 0.70, "lishui": 0.70, "jiamusi": 0.60}
NURSE_REGION = {"hangzhou": "east", "lishui": "east", "jiamusi": "central"}


def _round(x: float, step: float = 1) -> float:
    v = step * round(x / step)
    return int(v) if float(step).is_integer() else round(v, 10)


def _population(pop: pd.DataFrame, lo: int, hi: int = 100) -> float:
    return float((pop["female"] + pop["male"]).loc[lo:hi].sum())


def _patients(pop: pd.DataFrame, prevalence: pd.DataFrame, condition: str) -> float:
    return float(sum((prevalence.loc[prevalence["sex"] == s, condition].to_numpy() * pop[s].to_numpy()).sum()
                     for s in SEXES))


def _admissions(pop: pd.DataFrame, admission: pd.DataFrame) -> float:
    return float(sum((admission.loc[admission["sex"] == s, "admissions_per_person_year"].to_numpy()
                      * pop[s].to_numpy()).sum() for s in SEXES))


@dataclass
class _Build:
    """What the health build of one region works on; the sections below fill h (health_2020), d (defaults),
    stocks (rounded 2020 stocks), summary (for the build printout) and shared (values one section passes on)."""
    region: str
    name_en: str
    pop: pd.DataFrame
    hukou: float
    net_migration: float | None
    prevalence: pd.DataFrame
    admission: pd.DataFrame
    total: float
    counts: CityCounts
    g_pop: float
    t: float
    h: dict = field(default_factory=dict)
    d: dict = field(default_factory=dict)
    stocks: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)


def _stocks_2020(c: _Build) -> None:
    """Beds by type, doctors, GPs and nurses on 1 Nov 2020."""
    hukou = c.hukou
    region, name_en, total, counts, g_pop, t = c.region, c.name_en, c.total, c.counts, c.g_pop, c.t
    h, stocks, summary = c.h, c.stocks, c.summary
    ratios = {"beds": hf.CHINA_BEDS_PER_1000, "doctors": hf.CHINA_DOCTORS_PER_1000, "nurses": hf.CHINA_NURSES_PER_1000}

    def growth_text(kind: str) -> str:
        (y0, v0), (y1, v1) = sorted(ratios[kind].items())
        return (f"national {kind} per 1,000 growth ({v0} -> {v1}, {y0}-{y1}: {NATIONAL_GROWTH[kind]:+.2%}/yr) times "
                f"{name_en}'s resident growth 2020-22 ({g_pop:+.2%}/yr), compounded over {t:.2f} years")

    anchor = f"{counts.source}; national ratios {hf.NHC_2020_SOURCE}"

    # --- beds -----------------------------------------------------------------------------------
    f_beds = backout_factor("beds", g_pop, t)
    f_lo, f_hi = (backout_factor("beds", g_pop, t, d) for d in (+GROWTH_UNCERTAINTY, -GROWTH_UNCERTAINTY))
    widen = (0.7, 1.4) if counts.split_assumed else (1.0, 1.0)
    nursing = hf.PRIMARY_NURSING_SHARE_2020_ASSUMED
    beds2020 = {k: v / f_beds for k, v in counts.beds.items()}
    primary = beds2020.pop("primary")
    excluded = beds2020.pop("excluded")
    beds2020["primary_general"] = primary * (1 - nursing)
    beds2020["primary_nursing"] = primary * nursing
    bed_total = sum(beds2020.values())
    for key, value in beds2020.items():
        name = f"beds_{key}"
        base = counts.beds["primary"] if key.startswith("primary") else counts.beds[key]
        if key == "primary_general":
            lo_share, hi_share = 1 - hf.PRIMARY_NURSING_SHARE_2020_RANGE[1], 1 - hf.PRIMARY_NURSING_SHARE_2020_RANGE[0]
        elif key == "primary_nursing":
            lo_share, hi_share = hf.PRIMARY_NURSING_SHARE_2020_RANGE
        else:
            lo_share = hi_share = 1.0
        low = base * lo_share / f_lo * (widen[0] if key != "primary_nursing" else 1)
        high = base * hi_share / f_hi * (widen[1] if key != "primary_nursing" else 1)
        note = (f"Derived, not observed: no 2020 city bed count was found (research/city_health_resources.md §5). "
                f"Range: growth {GROWTH_UNCERTAINTY:.0%}/yr faster or slower"
                + (", and the assumed split by type x0.7-1.4" if counts.split_assumed and key != "primary_nursing" else ""))
        if key.startswith("primary"):
            note += (f". The nursing share of primary-care beds in 2020 is ASSUMED {nursing:.0%} (range "
                     f"{hf.PRIMARY_NURSING_SHARE_2020_RANGE[0]:.0%}-{hf.PRIMARY_NURSING_SHARE_2020_RANGE[1]:.0%}): none was "
                     "found; the plans' 2025 target of 30% (000:L276, 002:L157) implies it was lower")
        h[name] = assumed(
            _round(value), "bed", low=_round(low), high=_round(high), source=anchor,
            method=(f"{counts.year_text} count by type ({counts.split_text}) divided by the growth since 1 Nov 2020 = "
                    f"{growth_text('beds')}: factor {f_beds:.4f}"
                    + (f"; primary-care beds x {1 - nursing:.2f} general / {nursing:.2f} nursing" if key.startswith("primary") else "")),
            note=note + ".", distribution=BOUNDS if key.startswith("primary") else ESTIMATE)
        stocks[name] = _round(value)
    zj_beds = hf.ZHEJIANG_BEDS_PER_1000[2020] * total / 1000
    summary.update({"beds_total_2020": bed_total + excluded, "beds_model_2020": bed_total, "beds_excluded_2020": excluded,
               "beds_per_1000": 1000 * (bed_total + excluded) / total, "zhejiang_beds_equivalent": zj_beds})

    # --- doctors, GPs, nurses ------------------------------------------------------------------------
    f_doc, f_nur = backout_factor("doctors", g_pop, t), backout_factor("nurses", g_pop, t)
    doctors, nurses = counts.doctors / f_doc, counts.nurses / f_nur
    staff_widen = (0.95, 1.15) if region == "hangzhou" else (1.0, 1.0)
    for name, value, count, kind in (("doctors", doctors, counts.doctors, "doctors"), ("nurses", nurses, counts.nurses, "nurses")):
        lo_f, hi_f = (backout_factor(kind, g_pop, t, d) for d in (+GROWTH_UNCERTAINTY, -GROWTH_UNCERTAINTY))
        ratio = 1000 * value / total
        compare = (f" Compare Zhejiang 2020: {hf.ZHEJIANG_DOCTORS_PER_1000[2020]} doctors per 1,000 "
                   f"({hf.ZHEJIANG_WORK_REPORT_2021_SOURCE})." if name == "doctors" and region != "jiamusi" else "")
        h[name] = assumed(
            _round(value), "person", low=_round(count / lo_f * staff_widen[0]), high=_round(count / hi_f * staff_widen[1]),
            source=anchor,
            method=(f"{counts.year_text}: {counts.staff_text}; divided by the growth since 1 Nov 2020 = "
                    f"{growth_text(kind)}: factor {(f_doc if name == 'doctors' else f_nur):.4f}; "
                    f"= {ratio:.2f} per 1,000 residents"),
            note=(f"Derived, not observed: no 2020 city {name} count was found (research/city_health_resources.md §5). "
                  f"Range: growth {GROWTH_UNCERTAINTY:.0%}/yr faster or slower"
                  + (", widened for the left-out clinics and the national staff shares" if region == "hangzhou" else "")
                  + "." + compare), distribution=ESTIMATE)
        stocks[name] = _round(value)
    gps = hf.GP_SHARE_OF_DOCTORS * stocks["doctors"]
    gps_national = hf.CHINA_GPS_PER_10000_2020 * total / 10_000
    h["gps"] = assumed(
        _round(gps), "person", low=_round(min(gps_national, 0.07 * stocks["doctors"])), high=_round(0.14 * stocks["doctors"]),
        source=f"national GPs {hf.CHINA_GPS_PER_10000_2020}/10,000 and doctors {hf.CHINA_DOCTORS_PER_1000[2020]}/1,000 "
               f"in 2020 ({hf.NHC_2020_SOURCE})",
        method=(f"GPs as the national share of doctors, 2.90/10,000 / 2.90/1,000 = {hf.GP_SHARE_OF_DOCTORS:.3f}, x the "
                f"2020 doctors {stocks['doctors']:,}; = {10_000 * gps / total:.2f} per 10,000 residents, "
                f"{10_000 * gps / hukou:.2f} per 10,000 hukou"),
        note=(f"No GP count was found for any city in any year (research/city_health_resources.md §5). low = the lower of the "
              f"national ratio per resident ({gps_national:,.0f}) and 7% of doctors; high = 14% of doctors."
              + (f" Hangzhou's plan aims at {hf.HANGZHOU_GP_PER_10000_HUKOU_TARGET_2025} per 10,000 hukou by 2025 "
                 "(000:L182)." if region == "hangzhou" else "")), distribution=ESTIMATE)
    stocks["gps"] = _round(gps)
    check(stocks["gps"] <= stocks["doctors"], f"{region}: more GPs than doctors")

    c.shared.update(bed_total=bed_total, f_beds=f_beds)


def _shares_2020(c: _Build) -> None:
    """Chronic-disease cascade, contracting, elderly and infant care, hospital occupancy in 2020."""
    region, name_en, total = c.region, c.name_en, c.total
    h = c.h
    # --- chronic-disease cascade ----------------------------------------------------------------------
    managed_of_aware = hf.CCDNS_MANAGED_OF_DIAGNOSED
    std_of_managed = hf.CCDNS_STANDARDIZED_OF_DIAGNOSED / hf.CCDNS_MANAGED_OF_DIAGNOSED
    lo_a, hi_a = hf.CASCADE_RANGES["aware_htn"]
    lo_m, hi_m = hf.CASCADE_RANGES["managed"]
    lo_s, hi_s = hf.CASCADE_RANGES["standardized"]
    ccdns = ("2015 CCDNS, diagnosed hypertensives >=35 (Song Z. et al., Chin J Epidemiol 2021;42(11):2001, "
             "html.rhhz.net/zhlxbx/20211116.htm; research/external_data_2020.md §5, high): community health-management "
             "rate 54.10%, standardised-management rate 45.72%, both of the diagnosed")
    national_note = (f"National survey value applied to {name_en}: no city figure was found (research/city_health_resources.md §5)."
                     + (" Hangzhou ranked first nationally twice in the BPHS performance evaluation (000:L29), so its shares "
                        "may be higher." if region == "hangzhou" else ""))
    for cond, aware, aware_src, (lo_aw, hi_aw) in (
            ("hypertension", hf.HTN_AWARE_SHARE, "CHS 2012-15 awareness 51.6% (as quoted in 中国高血压防治指南2024; "
             "research/external_data_2020.md §5, medium)", (lo_a, hi_a)),
            ("diabetes", hf.DM_AWARE_SHARE, "CCDRFS 2018 diabetes awareness 36.7% (Wang L. et al., JAMA 2021;326:2498; "
             "research/external_data_2020.md §5, high)", hf.CASCADE_RANGES["aware_dm"])):
        h[f"{cond}_aware_share"] = assumed(aware, "1", low=lo_aw, high=hi_aw, source=aware_src,
                                           note=national_note + (" Other surveys: CCDRFS 2013-14 31.9%, China PEACE 44.7%."
                                                                 if cond == "hypertension" else ""), distribution=ESTIMATE)
        managed = round(aware * managed_of_aware, 4)
        h[f"{cond}_managed_share"] = assumed(
            managed, "1", low=lo_m, high=min(hi_m, aware), source=f"{aware_src}; {ccdns}",
            method=f"aware share x managed/diagnosed = {aware} x {managed_of_aware} = {managed}",
            note=(national_note + " managed/diagnosed is the 2015 survey value for hypertensives aged 35+; "
                  + ("it is applied to diabetes too (no diabetes figure in the notes). " if cond == "diabetes" else "")
                  + "The recalled (LOW) national BPHS counts of ~1.0-1.1亿 managed hypertensives would give ~0.4."), distribution=ESTIMATE)
        h[f"{cond}_standardized_of_managed"] = assumed(
            round(std_of_managed, 4), "1", low=lo_s, high=hi_s, source=ccdns,
            method=f"standardised / managed = 45.72 / 54.10 = {std_of_managed:.4f}",
            note=(national_note + " Survey-reported (>=4 follow-ups a year); BPHS-reported 规范管理率 for 2019-20 are "
                  "recalled at ~60-70% (LOW), hence the wide range. The plans' 2025 targets (>70%, 000:L182; 65%, 004:L374) "
                  "may use other denominators."
                  + (" Applied to diabetes (no diabetes figure in the notes)." if cond == "diabetes" else "")), distribution=ESTIMATE)
        check(managed <= aware, f"{region}: managed above aware")

    # --- contracting, elderly care, infant care --------------------------------------------------------
    contracted, key_contracted = CONTRACTING_2020[region]
    if region == "jiamusi":
        h["contracted_share"] = assumed(
            contracted, "1", low=0.20, high=0.45,
            source=(f"reference: Zhejiang 2020 target 40% ({hf.ZHEJIANG_2020_PRIORITIES}:51); national 'basically universal "
                    "by 2020' (research/external_data_2020.md §6, medium)"),
            note=("No Heilongjiang or Jiamusi rate was found; nationally contracting was 'basically universal' by 2020 "
                  "(qualitative, research/external_data_2020.md §6). Set below Zhejiang's 2020 target of 40% (001:L51) "
                  "because Jiamusi's plan names weak primary care (004:L53)."), distribution=BOUNDS)
        h["key_group_contracted_share"] = assumed(
            key_contracted, "1", low=0.45, high=0.80,
            source=f"reference: Zhejiang 2020 key-group target 70% ({hf.ZHEJIANG_2020_PRIORITIES}:51)",
            note="No figure found; set below Zhejiang's 2020 key-group target of 70% (001:L51), like the overall share.", distribution=BOUNDS)
    else:
        h["contracted_share"] = assumed(
            contracted, "1", low=0.30, high=0.45,
            source=f"Zhejiang 2020 target 签约服务率达到40%以上 ({hf.ZHEJIANG_2020_PRIORITIES}:51)",
            note=("The provincial 2020 target is assumed met in the city; no city rate was found. Zhejiang aimed at 42% "
                  f"in 2023 ({hf.ZHEJIANG_2023_PRIORITIES_SOURCE})"
                  + ("; Hangzhou's plan aims at 40% in 2025 (000:L182)." if region == "hangzhou"
                     else "; Lishui's plan aims at covering all households by 2025 (002:L137).")), distribution=ESTIMATE)
        h["key_group_contracted_share"] = assumed(
            key_contracted, "1", low=0.55, high=0.85,
            source=f"Zhejiang 2020 target 老年人、慢性病病人等重点人群签约率达70%以上 ({hf.ZHEJIANG_2020_PRIORITIES}:51)",
            note=("The provincial 2020 target is assumed met; 85% was the 2023 target (same 2023 document)"
                  + ("; Hangzhou's plan aims at >80% in 2025 (000:L182)." if region == "hangzhou" else ".")), distribution=ESTIMATE)
    elderly = ELDERLY_MANAGED_2020[region]
    if region == "jiamusi":
        h["elderly_managed_share"] = assumed(
            elderly, "1", low=0.45, high=0.70, source=f"{hf.JIAMUSI_PLAN}:422 (target 65% by 2025)",
            note=("No 2020 figure found; assumed below the plan's 2025 target of 65% for 65+ standardized community "
                  "health management (004:L422)."), distribution=BOUNDS)
    else:
        h["elderly_managed_share"] = assumed(
            elderly, "1", low=0.55, high=0.78, source=f"{hf.HANGZHOU_PLAN}:278 and :182 (targets 72% / >70% by 2025)",
            note=("No 2020 figure found; assumed at 70%, just below Hangzhou's 2025 target of 72% (000:L278), for "
                  + ("Hangzhou." if region == "hangzhou" else "Lishui as well (its plan gives no target).")
                  + " Definition: 65+ given >=1 elderly health-management service in the year / residents 65+ (000:L385)."), distribution=BOUNDS)
    places_per_1000 = hf.INFANT_PLACES_PER_1000["2020_recalled"]
    lo_p, hi_p = hf.INFANT_PLACES_PER_1000_RANGE
    h["infant_care_places"] = assumed(
        _round(places_per_1000 * total / 1000, 10), "place", low=_round(lo_p * total / 1000, 10),
        high=_round(hi_p * total / 1000, 10),
        source="national 托位 2.03 per 1,000 at end-2021 (CCTV / The Paper; research/external_data_2020.md §7, medium-low)",
        method=f"{places_per_1000} places per 1,000 residents x census total {total:,.0f}",
        note=("No city or province count was found (research/city_health_resources.md §5). 1.8 per 1,000 for 2020 is the "
              "research notes' recalled national value (LOW), one year's growth below the end-2021 2.03."), distribution=ESTIMATE)
    h["growth_stations"] = assumed(
        0, "station", low=0, high=50 if region == "hangzhou" else 10,
        source=(f"{hf.HANGZHOU_PLAN}:274 and :294 (stations to be built, 2 per 1,000 under-3s by end-2025)"
                if region == "hangzhou" else f"{hf.LISHUI_PLAN if region == 'lishui' else hf.JIAMUSI_PLAN} (no growth stations named)"),
        note=("The 成长驿站 programme appears in the 2021-25 plan as new work; assumed not started in 2020."
              if region == "hangzhou" else "The region's plan does not name the programme; assumed none in 2020."), distribution=ESTIMATE)

    # --- hospital occupancy ------------------------------------------------------------------------------
    occ = hf.CHINA_OCCUPANCY_HOSPITALS[2021]
    h["occupancy_hospital"] = assumed(
        occ, "1", low=hf.OCCUPANCY_RANGE[0], high=hf.OCCUPANCY_RANGE[1], source=hf.NATCM_2021_SOURCE,
        note=(f"National hospitals' occupancy applied to {name_en}'s hospital general and TCM beds: no city or provincial "
              "figure was found. 2021 is used because model year 2020 runs 1 Nov 2020 - 31 Oct 2021 (mostly calendar 2021); "
              "calendar 2020 was 72.3% (COVID year; medium-low)."), distribution=ESTIMATE)

    c.shared.update(std_of_managed=std_of_managed, occ=occ, contracted=contracted, elderly=elderly)


def _assumption_defaults(c: _Build) -> None:
    """Defaults of the health keys that are assumptions (facts about the region)."""
    region, name_en, pop, total = c.region, c.name_en, c.pop, c.total
    h, d, stocks, summary = c.h, c.d, c.stocks, c.summary
    std_of_managed, occ = c.shared["std_of_managed"], c.shared["occ"]
    prevalence, admission, net_migration = c.prevalence, c.admission, c.net_migration
    adults = _population(pop, hf.ADULT_AGE)
    patients = {cond: _patients(pop, prevalence, cond) for cond in CONDITIONS}
    managed_total = sum(patients[cond] * h[f"{cond}_managed_share"]["value"] for cond in CONDITIONS)
    lo_sc, hi_sc = hf.PREVALENCE_SCALE_RANGE
    for cond, label in (("hypertension", "Hypertension"), ("diabetes", "Diabetes")):
        d[f"chronic.{cond}_prevalence_scale"] = assumed(
            1.0, "1", low=lo_sc, high=hi_sc,
            note=(f"{label} prevalence of {name_en} assumed equal to the national age-sex pattern "
                  f"(common/chronic_prevalence.csv): no city or provincial figure is in the research notes."
                  + (" Northern China tends to have higher hypertension prevalence; hence the upper range."
                     if region == "jiamusi" and cond == "hypertension" else "")
                  + (" TIDE 2015-17 found provincial diabetes prevalence from 6.2% (Guizhou) to 19.9% (Inner Mongolia)."
                     if cond == "diabetes" else "")), distribution=ESTIMATE)
    per_gp = managed_total / stocks["gps"]
    d["chronic.patients_per_gp"] = assumed(
        _round(per_gp, 10), UNITS["chronic.patients_per_gp"], low=_round(0.5 * per_gp, 10), high=_round(2.0 * per_gp, 10),
        source="health_2020 of this profile (managed shares, GPs) and common/chronic_prevalence.csv",
        method=(f"2020 managed patients / GPs = (hypertension {patients['hypertension']:,.0f} x "
                f"{h['hypertension_managed_share']['value']} + diabetes {patients['diabetes']:,.0f} x "
                f"{h['diabetes_managed_share']['value']}) / {stocks['gps']:,} = {per_gp:,.0f}"),
        note=("Assumes GP-led teams were working at capacity in 2020 (both the managed shares and the GP count are "
              "derived). Range 0.5-2x."), distribution=ESTIMATE)
    d["chronic.standardization_rate"] = assumed(
        round(hf.MODEL_BASE_DESTANDARDIZATION_RATE * std_of_managed / (1 - std_of_managed), 2), "1/year",
        low=hf.STANDARDIZATION_RATE_RANGE[0], high=hf.STANDARDIZATION_RATE_RANGE[1],
        source="health_2020 hypertension_standardized_of_managed (2015 CCDNS, Song Z. et al., Chin J Epidemiol 2021)",
        method=(f"balance of the 2020 share f = {std_of_managed:.4f}: rate = 0.15 x f / (1 - f), with 0.15 the default of "
                "chronic.destandardization_rate; standardization of managed patients then equals destandardization of "
                "standardized ones"),
        note="Holds the 2020 standardized share steady while teams have room; the 0.15 is an assumption too.", distribution=ESTIMATE)
    d["chronic.dropout_rate"] = assumed(
        hf.DROPOUT_RATE_ASSUMED, "1/year", low=hf.DROPOUT_RATE_RANGE[0], high=hf.DROPOUT_RATE_RANGE[1],
        note="No loss-to-follow-up rate was found in the notes; 10% a year of managed (not standardized) patients is assumed.", distribution=BOUNDS)
    alos = hf.CHINA_ALOS_HOSPITALS
    d["beds.average_length_of_stay"] = assumed(
        Series(table=Series({2020: alos[2021], 2022: alos[2023]})), "day", low=hf.ALOS_RANGE[0], high=hf.ALOS_RANGE[1],
        source=f"{hf.NATCM_2021_SOURCE}; 2023 8.8 days (2023 NHC bulletin reprint, medium)",
        method="national hospitals: model year 2020 ~ calendar 2021 (9.2), model year 2022 ~ calendar 2023 (8.8); flat after",
        note=(f"National values applied to {name_en}: no city figure was found."
              + (" Zhejiang hospitals are likely shorter: Lishui caps tertiary general hospitals at 6.5-7.5 days and TCM "
                 "at 8.5-9.5 (002:L67)." if region != "jiamusi" else "")), distribution=ESTIMATE)
    caps = hf.LISHUI_ALOS_CAPS
    cap = round(float(np.mean(list(caps.values()))), 2) if region == "lishui" else hf.NO_LENGTH_OF_STAY_CAP
    stay = min(alos[2021], cap)  # the model's effective length of stay in 2020
    acute = stocks["beds_hospital_general"] + stocks["beds_hospital_tcm"]
    adm = _admissions(pop, admission)
    scale = occ * acute * 365 / (stay * adm)
    d["beds.admission_rate_scale"] = assumed(
        round(scale, 3), "1", low=round(0.6 * scale, 3), high=round(1.5 * scale, 3),
        source="health_2020 (hospital general + TCM beds, occupancy_hospital) of this profile; common/admission_rate.csv",
        method=(f"scale = occupancy x acute beds x 365 / (effective length of stay x national-pattern admissions) = {occ} x "
                f"{acute:,} x 365 / ({stay} x {adm:,.0f}) = {scale:.3f}, so that the model's 2020 occupancy equals "
                "occupancy_hospital (effective length of stay = the 2020 default, capped by beds.length_of_stay_cap)"),
        note=("The national table counts all admissions (hospitals and primary care); this scale turns them into demand "
              "for the region's hospital general and TCM beds, so it also absorbs patients coming from or going to other "
              f"regions and admissions to other beds. A region with national beds, mix and use would get {national_scale():.2f}."), distribution=ESTIMATE)
    turnover = hf.NURSE_TURNOVER[NURSE_REGION[region]]
    d["workforce.doctor_attrition_rate"] = assumed(
        hf.DOCTOR_ATTRITION_ASSUMED, "1/year", low=hf.DOCTOR_ATTRITION_RANGE[0], high=hf.DOCTOR_ATTRITION_RANGE[1],
        note=("No doctor turnover figure was found: retirement ~2.5% a year (a working life of ~35 years) plus ~1% quits, "
              "assumed."), distribution=ESTIMATE)
    nurse_attr = round(turnover + hf.NURSE_RETIREMENT_RATE_ASSUMED, 4)
    d["workforce.nurse_attrition_rate"] = assumed(
        nurse_attr, "1/year", low=hf.NURSE_ATTRITION_RANGE[0], high=hf.NURSE_ATTRITION_RANGE[1],
        source=("nurse turnover 2017, 940 hospitals (Gan L. et al., 中华护理杂志 2020;55(2):198; research/external_data_2020.md "
                f"§6, high): {NURSE_REGION[region]} region {turnover:.2%}"),
        method=f"turnover {turnover:.2%} + assumed retirement {hf.NURSE_RETIREMENT_RATE_ASSUMED:.0%} = {nurse_attr:.2%}",
        note=("Retirement (nurses retire at 50-55) is an assumption for a young workforce; the platform's turnover may be "
              "quarterly-based (the notes flag this)."), distribution=ESTIMATE)
    if region == "jiamusi":
        out_rate = round(-net_migration / total, 4)
        d["workforce.staff_out_migration_rate"] = assumed(
            out_rate, "1/year", low=0.0, high=0.03,
            source=f"{hf.JIAMUSI_PLAN}:53 (高层次人才流失); this profile's population.net_migration default",
            method=f"residents' net out-migration rate = {-net_migration:,.0f} / {total:,.0f} = {out_rate:.4f}",
            note="Staff are assumed to leave at the residents' net rate; the plan names talent loss but gives no number.", distribution=ESTIMATE)
    else:
        d["workforce.staff_out_migration_rate"] = assumed(
            0.0, "1/year", low=0.0, high=0.02,
            note=(f"{name_en}'s plan names no staff out-migration; people leaving the profession are in the attrition "
                  "rates. Lishui may lose some staff to Hangzhou (upper range)."
                  if region == "lishui" else f"{name_en} gains residents and staff; no out-migration assumed."), distribution=ESTIMATE)
    d["care.infant_care_demand_share"] = assumed(
        hf.INFANT_CARE_DEMAND_SHARE, "1", low=hf.INFANT_CARE_DEMAND_SHARE_RANGE[0], high=hf.INFANT_CARE_DEMAND_SHARE_RANGE[1],
        source="'more than 30% of families want care' (CCTV / The Paper; research/external_data_2020.md §7, medium)",
        note="National survey statement applied to the city; enrolment was ~6% nationally.", distribution=ESTIMATE)
    pop65 = _population(pop, 65)
    served = h["elderly_managed_share"]["value"] * pop65
    per_gp_elderly = served / stocks["gps"]
    d["care.elderly_served_per_gp"] = assumed(
        _round(per_gp_elderly, 10), UNITS["care.elderly_served_per_gp"], low=_round(0.5 * per_gp_elderly, 10),
        high=_round(2.0 * per_gp_elderly, 10), source="health_2020 (elderly_managed_share, gps) and population_2020.csv",
        method=(f"2020 elderly served / GPs = {h['elderly_managed_share']['value']} x {pop65:,.0f} (65+) / "
                f"{stocks['gps']:,} = {per_gp_elderly:,.0f}"),
        note="Assumes teams served the elderly at capacity in 2020 (both inputs are derived). Range 0.5-2x.", distribution=ESTIMATE)

    for key, (value, low, high, unit, distribution, note) in hf.STRUCTURAL_ASSUMPTIONS.items():
        d[key] = assumed(value, unit, low=low, high=high, note=note, distribution=distribution)

    c.shared.update(cap=cap, caps=caps, nurse_attr=nurse_attr)
    summary.update({"scale": scale, "patients": patients, "adults": adults, "pop65": pop65})


def _lever_defaults(c: _Build) -> None:
    """Defaults of the levers: the region's current policy (status quo), from the plans where they state it."""
    region, name_en, pop, total, counts, g_pop, t = c.region, c.name_en, c.pop, c.total, c.counts, c.g_pop, c.t
    h, d, stocks = c.h, c.d, c.stocks
    contracted, elderly, bed_total = c.shared["contracted"], c.shared["elderly"], c.shared["bed_total"]
    cap, caps, nurse_attr = c.shared["cap"], c.shared["caps"], c.shared["nurse_attr"]
    # levers -----------------------------------------------------------------------------------------
    y0, y1 = hf.PLAN_PERIOD_MODEL_YEARS
    plan_years = y1 - y0 + 1

    def plan_step(value):
        return Series(step=Series({y0: value, y1 + 1: 0}))

    primary_total = stocks["beds_primary_general"] + stocks["beds_primary_nursing"]
    if region == "jiamusi":
        d["beds.nursing_conversion"] = assumed(
            0, "bed/year", low=0, high=100,
            note="Jiamusi's plan sets no nursing-bed share (004); no conversions assumed (it names nursing as a shortage "
                 "area for social investment, 004:L464).", distribution=BOUNDS)
    else:
        need = hf.PRIMARY_NURSING_SHARE_TARGET_2025 * primary_total - stocks["beds_primary_nursing"]
        conv = _round(need / plan_years)
        seed = f"{hf.HANGZHOU_PLAN}:276" if region == "hangzhou" else f"{hf.LISHUI_PLAN}:157"
        d["beds.nursing_conversion"] = assumed(
            plan_step(conv), "bed/year", low=0, high=_round(2 * conv),
            source=f"{seed} (基层医疗卫生机构护理床位占比达到30%以上 by 2025)",
            method=(f"(30% x {primary_total:,} primary-care beds - {stocks['beds_primary_nursing']:,} nursing beds) / "
                    f"{plan_years} model years {y0}-{y1} (calendar 2021-25) = {conv}; 0 from {y1 + 1}"),
            note="The plan's target reached by converting existing primary-care general beds (the lever the plan names); "
                 "no conversions after the plan period (no policy decided yet). Depends on the assumed 2020 nursing share.", distribution=ESTIMATE)
    d["beds.nursing_construction"] = assumed(
        0, "bed/year", low=0, high=200,
        note="No plan gives new primary-care nursing beds to build; the Hangzhou and Lishui plans convert existing beds "
             "(000:L276, 002:L157). Lishui's 9 new nursing homes and rehabilitation hospitals (002:L155) are not primary care.", distribution=BOUNDS)
    rehab = stocks["beds_hospital_rehabilitation"]
    if region == "lishui":
        target_beds = hf.LISHUI_REHAB_BEDS_PER_1000_2025 * total / 1000
        rate = _round(max(0.0, target_beds - rehab) / plan_years)
        d["beds.rehabilitation_construction"] = assumed(
            plan_step(rate), "bed/year", low=0, high=_round(2 * rate),
            source=f"{hf.LISHUI_PLAN}:65 (每千常住人口康复床位数0.3张 by 2025)",
            method=(f"(0.3 per 1,000 x census total {total:,.0f} - 2020 rehabilitation beds {rehab:,}) / {plan_years} = "
                    f"{rate}; 0 from {y1 + 1}"),
            note="Building starts spread evenly over the plan; none after it. Uses the census population for 2025.", distribution=ESTIMATE)
    else:
        rate = _round(rehab * (backout_factor("beds", g_pop, 1) - 1))
        d["beds.rehabilitation_construction"] = assumed(
            plan_step(rate), "bed/year", low=0, high=_round(3 * rate),
            source=counts.source,
            method=(f"status quo: the 2020 rehabilitation beds {rehab:,} growing as assumed in the back-out of "
                    f"health_2020 ({backout_factor('beds', g_pop, 1) - 1:+.2%}/yr) = {rate}; 0 from {y1 + 1}"),
            note=(f"{name_en}'s plan gives no rehabilitation-bed number"
                  + (" (it names rehabilitation as a shortage area, 004:L464)" if region == "jiamusi" else "")
                  + "; the assumed recent growth continues through the plan period, none after it."), distribution=BOUNDS)
    if region == "lishui":
        d["beds.length_of_stay_cap"] = assumed(
            cap, "day", low=min(caps.values()), high=max(caps.values()),
            source=f"{hf.LISHUI_PLAN}:67 (平均住院日控制在 3A/3B general 6.5/7.5, 3A/3B TCM 8.5/9.5 days)",
            method=f"mean of the four caps by grade = {cap}",
            note=("One cap for the average of all general and TCM hospitals: the plan caps tertiary hospitals by grade "
                  "(secondary hospitals have no cap); the unweighted mean is assumed."), distribution=ESTIMATE)
    else:
        d["beds.length_of_stay_cap"] = assumed(
            hf.NO_LENGTH_OF_STAY_CAP, "day", low=min(hf.LISHUI_ALOS_CAPS.values()), high=hf.NO_LENGTH_OF_STAY_CAP,
            note=(f"{name_en}'s plan sets no length-of-stay cap: {hf.NO_LENGTH_OF_STAY_CAP} days means no cap "
                  "(sim/keys.py). Lishui's caps of 6.5-9.5 days by grade (002:L67) show what a cap could be."), distribution=BOUNDS)
    lo_t, hi_t = hf.APPROVAL_THRESHOLD_RANGE
    d["beds.approval_occupancy_threshold"] = assumed(
        hf.APPROVAL_THRESHOLD_ASSUMED, "1", low=lo_t, high=hi_t,
        source=(f"{hf.LISHUI_PLAN}:69 (no new acute beds if occupancy fails the hospital grading standard)"
                if region == "lishui" else
                f"{hf.ZHEJIANG_2020_PRIORITIES}:45 (bed allocation tied to hospital performance)"
                if region == "hangzhou" else f"{hf.JIAMUSI_PLAN}:474 (严控公立医院债务规模)"),
        note=("The grading standard's occupancy level is not in the notes; 85% (the usual planning norm; grading "
              "standards use about 85-93%, recalled, not verified) is assumed."
              + ("" if region == "lishui" else f" {name_en}'s plan has no explicit occupancy rule; the same threshold "
                 "is assumed.")), distribution=ESTIMATE)
    # GP training
    national_rate = hf.CHINA_GPS_TRAINED_2011_2020 / 10 / (hf.CHINA_YEAREND_POPULATION_2020_WAN * 1e4)
    national_equiv = national_rate * total
    ratio = hf.TRANSFER_TO_TRAINING_RATIO_ASSUMED
    if region == "hangzhou":
        places = _round(hf.HANGZHOU_RURAL_GP_TRAINING_2021_2025 / plan_years)
        d["workforce.gp_training_places"] = sourced(
            places, "person/year", source=f"{hf.HANGZHOU_PLAN}:264 (定向免费培养农村全科医生和助理全科医生 700名以上)",
            method=f"700 over the plan period 2021-25 / 5 = {places} a year, held after 2025")
        # the seed's 700 is a floor ("以上") and covers only directed rural training
    elif region == "lishui":
        zj_pop = float(province_groups_2020("浙江")[list(SEXES)].to_numpy().sum())
        places = _round(hf.ZHEJIANG_GPS_TRAINED_2020 * total / zj_pop * (1 + hf.LISHUI_RURAL_TRAINING_EXPANSION))
        d["workforce.gp_training_places"] = assumed(
            places, "person/year", low=_round(0.5 * places), high=_round(2 * places),
            source=(f"Zhejiang 2020: 培养全科医师1000名 ({hf.ZHEJIANG_2020_PRIORITIES}:81); Lishui: 面向基层定向培养扩招20%以上 "
                    f"({hf.LISHUI_PLAN}:123)"),
            method=(f"1,000 x Lishui's share of Zhejiang's census population ({total:,.0f} / {zj_pop:,.0f}) x 1.2 = {places}"),
            note="The province's yearly GP training split by population, raised by the plan's 20% expansion of directed "
                 "training; Lishui's plan gives no GP number.", distribution=ESTIMATE)
    else:
        places = _round(national_equiv / (1 + ratio))
        d["workforce.gp_training_places"] = assumed(
            places, "person/year", low=_round(0.5 * places), high=_round(2 * places),
            source="国发〔2011〕23号: 到2020年通过多种途径培养30万名全科医生 (research/external_data_2020.md §6, medium)",
            method=(f"national 30万 over 2011-20, all pathways = {1e6 * national_rate:.1f} per million residents a year x "
                    f"{total:,.0f} = {national_equiv:.0f}, of which training places {1 / (1 + ratio):.0%} = {places}"),
            note="Jiamusi's plan names the pathways (004:L482) without numbers; the national rate per resident is assumed.", distribution=ESTIMATE)
    transfer = _round(ratio * places)
    d["workforce.gp_transfer_training"] = assumed(
        transfer, "person/year", low=0, high=_round(hf.TRANSFER_TO_TRAINING_RANGE[1] * places),
        note=(f"No transfer-training numbers were found; assumed at {ratio} x the training places. Training plus "
              f"transfer = {places + transfer} a year; the national rate per resident of the 30万 GP goal would give "
              f"{national_equiv:.0f}."), distribution=BOUNDS)
    # hiring budget: the recruitment that reproduces the assumed 2020 -> count-date growth, plus replacing leavers
    d_t, n_t = counts.doctors, counts.nurses
    out = d["workforce.staff_out_migration_rate"]["value"]
    leave = ((hf.DOCTOR_ATTRITION_ASSUMED + out) * (stocks["doctors"] + d_t) / 2
             + (nurse_attr + out) * (stocks["nurses"] + n_t) / 2)
    growth = (d_t + n_t - stocks["doctors"] - stocks["nurses"]) / t
    budget = _round(growth + leave, 100)
    d["workforce.hiring_budget"] = assumed(
        budget, "person/year", low=_round(0.6 * budget, 100), high=_round(1.5 * budget, 100),
        source=f"{counts.source}; health_2020 doctors and nurses; the attrition defaults of this profile",
        method=(f"status quo: net growth of doctors + nurses from 2020 to {counts.year_text} ({growth:,.0f}/yr) + leavers "
                f"at the attrition and out-migration defaults on the mean stock ({leave:,.0f}/yr) = {budget:,} (to 100)"),
        note=("The growth is the one assumed in the back-out of health_2020."
              + (f" The plan's {hf.HANGZHOU_GRADUATE_RECRUITS_PER_YEAR} graduate recruits a year (100 PhD + 500 master's, "
                 "000:L266) are part of this, not the whole budget." if region == "hangzhou" else "")), distribution=ESTIMATE)
    # staffing standards
    if region == "jiamusi":
        std = round(stocks["nurses"] / bed_total, 2)
        d["workforce.nurses_per_bed_standard"] = assumed(
            std, "nurse per bed", low=0.3, high=0.7,
            source="health_2020 nurses and beds of this profile",
            method=f"2020 nurses / beds in the five model bed types = {stocks['nurses']:,} / {bed_total:,.0f} = {std}",
            note="Jiamusi's plan sets no nurse staffing standard; the 2020 ratio is kept (status quo).", distribution=ESTIMATE)
    else:
        d["workforce.nurses_per_bed_standard"] = assumed(
            hf.LISHUI_NURSES_PER_BED_STANDARD, "nurse per bed", low=0.5, high=0.7,
            source=f"{hf.LISHUI_PLAN}:79 (在岗护士每床 0.7 / 0.65 / 0.6 by hospital grade)",
            method="the lowest hospital standard (secondary general and 3B TCM hospitals), applied to all beds",
            note=(f"2020 nurses per bed (five model bed types): {stocks['nurses'] / bed_total:.2f}."
                  + (" Hangzhou's plan gives no number (医护比达到合理水平, 000:L260); Lishui's Zhejiang standard is used."
                     if region == "hangzhou" else "")), distribution=ESTIMATE)
    doc_ratio = round(1000 * stocks["doctors"] / total, 2)
    if region == "jiamusi":
        d["workforce.doctors_per_1000_target"] = assumed(
            ramp(doc_ratio, hf.CHINA_DOCTORS_PER_1000_TARGET_2030, 2020, 2030), UNITS["workforce.doctors_per_1000_target"],
            low=doc_ratio, high=4.0,
            source="15th five-year plan target 3.7 doctors per 1,000 by 2030 (健康报 via jkbayu.com; research/external_data_2020.md §6, medium)",
            method=f"ramp from the 2020 ratio {doc_ratio} (health_2020) to the national 2030 target 3.7",
            note="Jiamusi's plan gives no doctor ratio; the national target is assumed to guide hiring.", distribution=ESTIMATE)
    else:
        d["workforce.doctors_per_1000_target"] = assumed(
            ramp(doc_ratio, hf.ZHEJIANG_DOCTORS_PER_1000[2025], 2020, 2025), UNITS["workforce.doctors_per_1000_target"],
            low=doc_ratio, high=5.0, source=hf.ZHEJIANG_WORK_REPORT_2021_SOURCE,
            method=f"ramp from the 2020 ratio {doc_ratio} (health_2020) to Zhejiang's 2025 goal 4.3, flat after",
            note="The provincial goal is assumed to guide the city's hiring; the city plans' own ratios were not found "
                 "(the Hangzhou indicator table is missing from the seed).", distribution=ESTIMATE)
    # contracting, screening, elderly, infant care
    if region == "hangzhou":
        d["primary_care.contracting_target"] = sourced(
            hf.HANGZHOU_CONTRACTING_TARGET_2025, "1", source=f"{hf.HANGZHOU_PLAN}:182 (全市签约覆盖率达到40%)")
    elif region == "lishui":
        d["primary_care.contracting_target"] = assumed(
            hf.ZHEJIANG_CONTRACTING_TARGET_2023, "1", low=0.40, high=0.70, source=hf.ZHEJIANG_2023_PRIORITIES_SOURCE,
            note=("Lishui's plan aims at covering all households by 2025 (002:L137), which cannot be turned into a share of "
                  "residents; the provincial 2023 target of 42% of residents is used."), distribution=BOUNDS)
    else:
        d["primary_care.contracting_target"] = assumed(
            contracted, "1", low=contracted, high=0.50, source=f"{hf.JIAMUSI_PLAN}:474 (稳步扩大家庭医生签约服务覆盖范围)",
            note="The plan gives no rate; the assumed 2020 share is kept (status quo). 'Steady expansion' is the upper range.", distribution=ESTIMATE)
    lo_sr, hi_sr = hf.SCREENING_RATE_RANGE
    d["primary_care.screening_rate"] = assumed(
        hf.SCREENING_RATE_ASSUMED[region], "1/year", low=lo_sr, high=hi_sr,
        note=("Screening beyond routine diagnosis and the checks family doctors give (both are separate in the model): "
              + (f"Zhejiang aimed at free health checks for {hf.ZHEJIANG_FREE_CHECKS_2023:,} residents in 2023 (~15% a year; "
                 f"{hf.ZHEJIANG_2023_PRIORITIES_SOURCE}); a third of that reach is assumed to find undiagnosed patients."
                 if region != "jiamusi" else "no screening programme with numbers in the plan (lung-function checks at "
                 "40+, 004:L374, are not for these conditions); small assumed.")), distribution=BOUNDS)
    if region == "hangzhou":
        d["care.elderly_outreach_target"] = sourced(
            hf.HANGZHOU_ELDERLY_TARGET_2025, "1", source=f"{hf.HANGZHOU_PLAN}:278 (65岁以上老年人健康管理率达到72%以上)")
    elif region == "jiamusi":
        d["care.elderly_outreach_target"] = sourced(
            hf.JIAMUSI_ELDERLY_TARGET_2025, "1", source=f"{hf.JIAMUSI_PLAN}:422 (65岁及以上老年人城乡社区规范化健康管理服务率达到65%以上)")
    else:
        d["care.elderly_outreach_target"] = assumed(
            elderly, "1", low=elderly, high=0.80,
            note="Lishui's plan gives no elderly health-management target; the assumed 2020 share is kept (status quo).", distribution=ESTIMATE)
    target_places = hf.INFANT_PLACES_PER_1000[2025] * total / 1000
    place_rate = _round((target_places - h["infant_care_places"]["value"]) / plan_years, 10)
    d["care.infant_place_construction"] = assumed(
        plan_step(place_rate), "place/year", low=0, high=_round(2 * place_rate, 10),
        source="national target 4.5 托位 per 1,000 residents by 2025 (十四五公共服务规划; research/external_data_2020.md §7, medium)",
        method=(f"(4.5 per 1,000 x census total {total:,.0f} - 2020 places {h['infant_care_places']['value']:,}) / "
                f"{plan_years} = {place_rate:,}; 0 from {y1 + 1}"),
        note=("The national target applies to all cities"
              + (" (Jiamusi's plan names only a city centre and one public institution per county, 004:L418)" if region == "jiamusi" else "")
              + "; no construction assumed after the plan period."), distribution=ESTIMATE)
    if region == "hangzhou":
        under3 = _population(pop, 0, 2)
        stations = _round(hf.HANGZHOU_GROWTH_STATIONS_PER_1000_UNDER3_2025 * under3 / 1000 / plan_years)
        d["care.growth_station_construction"] = assumed(
            plan_step(stations), "station/year", low=0, high=_round(2 * stations),
            source=f"{hf.HANGZHOU_PLAN}:294 (到2025年底,每千名3岁以下婴幼儿拥有2家成长驿站)",
            method=(f"2 per 1,000 x 2020 children aged 0-2 ({under3:,.0f}) / {plan_years} = {stations}; 0 from {y1 + 1}"),
            note="Uses the 2020 number of under-3s; with falling births fewer stations would reach the ratio.", distribution=ESTIMATE)
    else:
        d["care.growth_station_construction"] = assumed(
            0, "station/year", low=0, high=20,
            note=f"{name_en}'s plan does not name growth stations; none assumed.", distribution=BOUNDS)



def health_2020_and_defaults(region: str, name_en: str, pop: pd.DataFrame, hukou: float, net_migration: float | None,
                             prevalence: pd.DataFrame, admission: pd.DataFrame) -> tuple[dict, dict, dict]:
    """The region's health_2020 section, the defaults of the health keys, and figures for the build summary."""
    counts = city_counts(region)
    c = _Build(region, name_en, pop, hukou, net_migration, prevalence, admission,
               total=float(pop[list(SEXES)].to_numpy().sum()), counts=counts, g_pop=city_population_growth(region),
               t=counts.years)
    _stocks_2020(c)
    _shares_2020(c)
    _assumption_defaults(c)
    _lever_defaults(c)
    h, d = c.h, c.d
    for key, q in d.items():
        check(q["unit"] == UNITS[key], f"{c.region}: unit of {key}")
    check(set(d) == set(UNITS), f"{c.region}: health defaults incomplete")
    check(set(h) == set(HEALTH_2020_ORDER), f"{c.region}: health_2020 incomplete")
    h = {k: h[k] for k in HEALTH_2020_ORDER}
    d = {k: d[k] for k in UNITS}
    c.summary.update({"stocks": c.stocks, "growth_factor_beds": c.shared["f_beds"]})
    return h, d, c.summary
