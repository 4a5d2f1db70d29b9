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

from dataclasses import dataclass

import numpy as np

# Bounds of the search for the level multiplier k (on log k): k from e^-12 to e^8 covers e0
# from well over 100 years down to under 1 year for the census shape.
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


def both_sexes_e0(level, standard: dict[str, np.ndarray], a0: dict[str, float],
                  male_share_at_birth):
    """e0 of both sexes: each sex's e0 weighted by its share of births (as in the model).

    `level` and `male_share_at_birth` may be arrays of the same shape (one value per year).
    """
    level = np.asarray(level, dtype=float)
    e0 = {sex: np.vectorize(lambda k, s=sex: life_expectancy(k * standard[s], a0[s]))(level)
          for sex in ("male", "female")}
    share = np.asarray(male_share_at_birth, dtype=float)
    return share * e0["male"] + (1.0 - share) * e0["female"]


def solve_level_path(e0_path: np.ndarray, standard: dict[str, np.ndarray],
                     a0: dict[str, float], srb_path: np.ndarray) -> np.ndarray:
    """Mortality level for each year of a life-expectancy path (and sex ratio at birth path).

    Bisection on log k, all years at once: e0 falls strictly as k rises, so the root is unique
    and 70 halvings of the bracket pin it to double precision. (scipy's brentq would do it
    in fewer evaluations, but importing scipy.optimize alone costs 0.4 s of a run's 3 s.)
    """
    target = np.asarray(e0_path, dtype=float)
    srb = np.asarray(srb_path, dtype=float)
    male_share = srb / (100.0 + srb)
    lo = np.full(target.shape, _LOG_LEVEL_BOUNDS[0])
    hi = np.full(target.shape, _LOG_LEVEL_BOUNDS[1])
    e0_max = both_sexes_e0(np.exp(lo), standard, a0, male_share)
    e0_min = both_sexes_e0(np.exp(hi), standard, a0, male_share)
    outside = (target > e0_max) | (target < e0_min)
    if outside.any():
        i = int(np.argmax(outside))
        raise ValueError(
            f"life expectancy {target[i]} is outside what the mortality pattern can give "
            f"({e0_min[i]:.1f} to {e0_max[i]:.1f} years)")
    for _ in range(70):
        mid = 0.5 * (lo + hi)
        too_long = both_sexes_e0(np.exp(mid), standard, a0, male_share) > target
        lo = np.where(too_long, mid, lo)   # e0 above target: raise mortality
        hi = np.where(too_long, hi, mid)
    return np.exp(0.5 * (lo + hi))


def solve_level(e0_target: float, standard: dict[str, np.ndarray], a0: dict[str, float],
                male_share_at_birth: float) -> float:
    """The multiplier k of the standard death rates whose life table gives e0_target."""
    srb = 100.0 * male_share_at_birth / (1.0 - male_share_at_birth)
    return float(solve_level_path(np.array([e0_target]), standard, a0, np.array([srb]))[0])


# ---------------------------------------------------------------------------------------------
# Many paths at once (uncertainty analysis): a table of e0 against the level, searched per value

#: Spacing of the log-level grid of `LevelTable`. Linear interpolation between grid points is
#: within 1e-7 of the exact level (relative) for e0 of 40 to 100 years
#: (tests/runs/test_assumptions.py measures it against `solve_level_path`).
LEVEL_TABLE_STEP = 0.0005


@dataclass(frozen=True)
class LevelTable:
    """Each sex's e0 on a grid of log mortality levels (e0 falling along the grid)."""

    log_level: np.ndarray   # (G,) increasing, evenly spaced
    e0_female: np.ndarray   # (G,) years, decreasing
    e0_male: np.ndarray


def life_expectancy_rows(m: np.ndarray, a0: float) -> np.ndarray:
    """`life_expectancy` of each row of death rates m (rows, ages 0..100+), same life table."""
    m = np.asarray(m, dtype=float)
    a = np.full(m.shape[-1], 0.5)
    a[0] = a0
    q = np.minimum(1.0, m / (1.0 + (1.0 - a) * m))
    log_p = np.log(np.maximum(1e-300, 1.0 - q))
    l = np.exp(np.concatenate((np.zeros(m.shape[:-1] + (1,)), np.cumsum(log_p[..., :-1], axis=-1)),
                              axis=-1))
    big_l = l * (1.0 - (1.0 - a) * q)
    big_l[..., -1] = l[..., -1] / m[..., -1]
    return big_l.sum(axis=-1)


def level_table(standard: dict[str, np.ndarray], a0: dict[str, float],
                step: float = LEVEL_TABLE_STEP) -> LevelTable:
    """Tabulate e0 by sex over the solver's whole bracket of log levels."""
    low, high = _LOG_LEVEL_BOUNDS
    grid = np.linspace(low, high, int(round((high - low) / step)) + 1)
    level = np.exp(grid)[:, None]
    return LevelTable(grid, life_expectancy_rows(level * standard["female"], a0["female"]),
                      life_expectancy_rows(level * standard["male"], a0["male"]))


def solve_levels(table: LevelTable, e0, srb) -> np.ndarray:
    """Mortality level for each e0 (years) with the sex ratio at birth `srb` (boys per 100
    girls); arrays of any shape that broadcast together, e.g. (samples, years).

    The same equation as `solve_level_path` (both sexes' e0 weighted by the male share of
    births), solved on the table: a binary search for the grid interval holding the root, then
    linear interpolation of log level within it. Vectorised, so 10,000 paths take a fraction
    of a second instead of minutes.
    """
    target, srb = np.broadcast_arrays(np.asarray(e0, dtype=float), np.asarray(srb, dtype=float))
    share = srb / (100.0 + srb)
    ef, em = table.e0_female, table.e0_male

    def both(i):
        return ef[i] + share * (em[i] - ef[i])

    lo = np.zeros(target.shape, dtype=np.intp)
    hi = np.full(target.shape, table.log_level.size - 1, dtype=np.intp)
    e0_max, e0_min = both(lo), both(hi)
    outside = (target > e0_max) | (target < e0_min)
    if outside.any():
        i = np.unravel_index(int(np.argmax(outside)), target.shape)
        raise ValueError(
            f"life expectancy {target[i]} is outside what the mortality pattern can give "
            f"({e0_min[i]:.1f} to {e0_max[i]:.1f} years)")
    while np.any(hi - lo > 1):  # invariant: both(lo) >= target >= both(hi)
        mid = (lo + hi) // 2
        above = both(mid) >= target
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    g_lo, g_hi = both(lo), both(hi)
    span = np.where(g_lo > g_hi, g_lo - g_hi, 1.0)
    fraction = np.clip((g_lo - target) / span, 0.0, 1.0)
    grid = table.log_level
    return np.exp(grid[lo] + fraction * (grid[hi] - grid[lo]))
