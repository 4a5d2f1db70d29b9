"""The national hospital-admission table, calibration/common/admission_rate.csv: an ASSUMED
J-shaped age pattern of admissions per person-year by sex, calibrated to China's 2020 admissions.
Published numbers come from calibration/health_figures.py."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from calibration import health_figures as hf
from calibration.build.demography import check
from calibration.build.health.national import TABLE_1_5, weighted_mean
from sim.inputs.tables import AGES, SEXES

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
        return brentq(lambda L: weighted_mean(_admission_shape(L, slope, asfr), pop, 60, 100)
                      - hf.NHSS_2018_OLDER_ADULT_ADMISSION_RATE, 1e-4, 5, xtol=1e-14)

    def ratio_gap(slope):
        shape = _admission_shape(level_for(slope), slope, asfr)
        return weighted_mean(shape, pop, 60, 100) / weighted_mean(shape, pop) - ratio

    slope = brentq(ratio_gap, 0.0, 0.1, xtol=1e-14)
    level = level_for(slope)
    shape = _admission_shape(level, slope, asfr)
    scale = target / weighted_mean(shape, pop)
    rates = {s: scale * shape[s] for s in SEXES}
    table = pd.DataFrame({"age": np.concatenate([AGES, AGES]), "sex": np.repeat(list(SEXES), len(AGES)),
                          "admissions_per_person_year": np.concatenate([rates[s] for s in SEXES])})
    got = 100 * weighted_mean(rates, pop)
    check(abs(got - hf.CHINA_ADMISSIONS_PER_100_2020) < 1e-9, "admission table does not reproduce 16.3 per 100")
    births = float((asfr * pop["female"].to_numpy()).sum())
    delivery_share = births * scale / (target * float(pop[list(SEXES)].to_numpy().sum()))
    info = {"per_100": got, "60_plus": weighted_mean(rates, pop, 60, 100), "slope": slope, "scale": scale,
            "delivery_share": delivery_share}
    comments = [
        "ASSUMPTION (not published): national hospital admissions per person-year by single year of age and sex. "
        "Age-specific admission rates are not in the research notes (research/external_data_2020.md §4a, 'not found'); "
        "this is a constructed J-shaped pattern, calibrated to two national figures. Rows: female 0-100, then male 0-100.",
        f"Calibration: on the China census 2020 age-sex structure ({TABLE_1_5}) the rates give {got:.4f} admissions per "
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
