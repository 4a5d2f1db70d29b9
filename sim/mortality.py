"""Mortality level from a life-expectancy path.

The model's death rates are a standard age pattern (the 2020 census shape, by sex) times one
level multiplier per year. The census under-records deaths (about 0.77 of the UN estimate,
research/demographic_inputs.md §2a), so its rates give the *shape* of mortality, not its
level; the level is solved here so that the period life table's life expectancy at birth
equals the scenario's path.

The life table below is the same one the Vensim model computes (view "Mortality" in
sim/model/health_system.mdl), so the model's reported "implied life expectancy" reproduces
the target; tests check that it does.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

# Bounds of the search for the level multiplier k (on log k): k from e^-12 to e^8 covers e0
# from over 100 years down to about 20 years for the census shape.
_LOG_LEVEL_BOUNDS = (-12.0, 8.0)


def infant_separation_factor(m0: float, sex: str) -> float:
    """Coale-Demeny a0: average fraction of the first year lived by infants who die.

    Preston, Heuveline & Guillot, *Demography* (2001), Table 3.3 (Coale-Demeny West, for
    m0 < 0.107): male 0.045 + 2.684 m0, female 0.053 + 2.800 m0; above it 0.330 / 0.350.
    """
    if sex == "male":
        return 0.330 if m0 >= 0.107 else 0.045 + 2.684 * m0
    if sex == "female":
        return 0.350 if m0 >= 0.107 else 0.053 + 2.800 * m0
    raise ValueError(f"sex must be 'female' or 'male', not {sex!r}")


def person_years(m: np.ndarray, a0: float) -> np.ndarray:
    """Life-table L(x) per newborn for central death rates m (ages 0..100+, last is open).

    q(x) = m / (1 + (1 - a) m), capped at 1; a = a0 at age 0 and 0.5 elsewhere;
    l(x) = prod_{i<x} (1 - q(i)); L(x) = l(x) (1 - (1 - a) q(x)); L(100+) = l(100) / m(100+).
    """
    m = np.asarray(m, dtype=float)
    a = np.full(m.shape, 0.5)
    a[0] = a0
    q = np.minimum(1.0, m / (1.0 + (1.0 - a) * m))
    log_p = np.log(np.maximum(1e-300, 1.0 - q))
    l = np.exp(np.concatenate(([0.0], np.cumsum(log_p[:-1]))))
    big_l = l * (1.0 - (1.0 - a) * q)
    big_l[-1] = l[-1] / m[-1]
    return big_l


def life_expectancy(m: np.ndarray, a0: float) -> float:
    """Period life expectancy at birth, in years, for death rates m (ages 0..100+)."""
    return float(person_years(m, a0).sum())


def both_sexes_e0(level: float, standard: dict[str, np.ndarray], a0: dict[str, float],
                  male_share_at_birth: float) -> float:
    """e0 of both sexes: each sex's e0 weighted by its share of births (as in the model)."""
    e0_m = life_expectancy(level * standard["male"], a0["male"])
    e0_f = life_expectancy(level * standard["female"], a0["female"])
    return male_share_at_birth * e0_m + (1.0 - male_share_at_birth) * e0_f


def solve_level(e0_target: float, standard: dict[str, np.ndarray], a0: dict[str, float],
                male_share_at_birth: float) -> float:
    """The multiplier k of the standard death rates whose life table gives e0_target.

    e0 falls strictly as k rises, so the root is unique; brentq finds it to 1e-12 in log k.
    """
    def gap(log_k: float) -> float:
        return both_sexes_e0(np.exp(log_k), standard, a0, male_share_at_birth) - e0_target

    lo, hi = _LOG_LEVEL_BOUNDS
    if gap(lo) < 0 or gap(hi) > 0:
        e0_max = gap(lo) + e0_target
        e0_min = gap(hi) + e0_target
        raise ValueError(
            f"life expectancy {e0_target} is outside what the mortality pattern can give "
            f"({e0_min:.1f} to {e0_max:.1f} years)")
    return float(np.exp(brentq(gap, lo, hi, xtol=1e-12)))


def solve_level_path(e0_path: np.ndarray, standard: dict[str, np.ndarray],
                     a0: dict[str, float], srb_path: np.ndarray) -> np.ndarray:
    """Mortality level for each year of a life-expectancy path (and sex ratio at birth path)."""
    male_share = np.asarray(srb_path, dtype=float) / (100.0 + np.asarray(srb_path, dtype=float))
    return np.array([solve_level(e, standard, a0, s) for e, s in zip(e0_path, male_share)])
