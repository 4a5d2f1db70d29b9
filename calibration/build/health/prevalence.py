"""The national chronic-disease prevalence table, calibration/common/chronic_prevalence.csv:
hypertension and diabetes by single year of age and sex, smooth curves reproducing the CCDRFS 2018
adult prevalence on the census 2020 structure. Published numbers come from
calibration/health_figures.py."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import brentq, least_squares

from calibration import health_figures as hf
from calibration.build.demography import check
from calibration.build.health.national import TABLE_1_5, weighted_mean
from sim.inputs.national import CONDITIONS
from sim.inputs.tables import AGES, SEXES


def expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def logit(p):
    return np.log(p / (1.0 - p))


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
        return weighted_mean({s: expit(logits[s] + d) for s in SEXES}, pop, hf.ADULT_AGE, 100) - target
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
            est = weighted_mean(rates, pop, lo, hi, (sex,) if sex else SEXES)
            out.append(logit(est) - logit(value))
        return np.array(out)

    fit = least_squares(resid, np.array([-1.0, 0.05, -1.0, 0.05, 0.0, 0.0, 0.0]), xtol=1e-14, ftol=1e-14)
    check(fit.success, "hypertension fit did not converge")
    curves, shift = _shift_to(_htn_logits(fit.x), hf.HYPERTENSION_ADULT_PREVALENCE, pop)
    for s in SEXES:
        curves[s] = np.maximum.accumulate(curves[s])
        curves[s][:hf.ADULT_AGE] = 0.0
    # the running maximum changes the level by a hair: rescale the adult part to hit the target exactly
    level = weighted_mean(curves, pop, hf.ADULT_AGE, 100)
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
        return 100 * weighted_mean(both[c], pop, lo, hi, sexes)

    a_f, b_f, a_m, b_m, g, d_chs, d_ccdrfs = htn_info["params"]
    checks = {
        "htn_adult": grp("hypertension", 18, 100), "dm_adult": grp("diabetes", 18, 100),
        "htn_men": grp("hypertension", 18, 100, ("male",)), "htn_women": grp("hypertension", 18, 100, ("female",)),
        "dm_men": grp("diabetes", 18, 100, ("male",)), "dm_women": grp("diabetes", 18, 100, ("female",)),
    }
    comments = [
        "National prevalence of hypertension and (type-2) diabetes by single year of age and sex, as a share (0..1) of "
        "the people of that age and sex; 0 below 18. Rows: female ages 0-100, then male ages 0-100 (100 = 100+).",
        f"Level (adults 18+, crude on the China census 2020 age-sex structure = {TABLE_1_5}): hypertension "
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
