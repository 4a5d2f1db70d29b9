"""Summary statistics of a model's fit to history, as the system-dynamics field reports them.

Sterman (1984), "Appropriate summary statistics for evaluating the historical fit of system
dynamics models", Dynamica 10(2): 51-66. For simulated values S and observed values A (n
points, paired):

    MSE  = mean((S - A)^2)                      RMSE = sqrt(MSE)
    MAPE = mean(|S - A| / |A|)                  (a fraction; x 100 for percent)
    U_M  = (mean(S) - mean(A))^2 / MSE          bias: the means differ
    U_S  = (sd(S) - sd(A))^2 / MSE              unequal variation: the spreads differ
    U_C  = 2 (1 - r) sd(S) sd(A) / MSE          unequal covariation: point-by-point noise

with sd the population standard deviation (divide by n) and r the correlation of S and A, so
that U_M + U_S + U_C = 1. A good fit puts its error in U_C (unsystematic); a large U_M or U_S
is a systematic error worth explaining. With one point only U_M is defined (= 1); with a
constant series r is undefined and U_S + U_C is reported as U_S (the spread term).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

__all__ = ["FitStats", "fit_stats", "mape", "rmse", "theil"]


@dataclass(frozen=True)
class FitStats:
    n: int
    mape: float        # fraction (0.02 = 2%)
    rmse: float        # in the series' unit
    u_m: float         # Theil bias share of MSE
    u_s: float         # Theil variance share
    u_c: float         # Theil covariance share

    def to_dict(self) -> dict[str, float | int]:
        return {k: (v if isinstance(v, int) else float(v)) for k, v in asdict(self).items()}


def _pair(simulated, observed) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(simulated, dtype=float).ravel()
    a = np.asarray(observed, dtype=float).ravel()
    if s.shape != a.shape or s.size == 0:
        raise ValueError(f"simulated and observed must be paired and non-empty: {s.size} and "
                         f"{a.size} values")
    if not (np.isfinite(s).all() and np.isfinite(a).all()):
        raise ValueError("simulated and observed values must be finite")
    return s, a


def mape(simulated, observed) -> float:
    """Mean absolute percentage error, as a fraction. Observed values must be non-zero."""
    s, a = _pair(simulated, observed)
    if np.any(a == 0):
        raise ValueError("MAPE is undefined for an observed value of 0")
    return float(np.mean(np.abs(s - a) / np.abs(a)))


def rmse(simulated, observed) -> float:
    s, a = _pair(simulated, observed)
    return float(np.sqrt(np.mean((s - a) ** 2)))


def theil(simulated, observed) -> tuple[float, float, float]:
    """(U_M, U_S, U_C), shares of the mean squared error; (0, 0, 0) for a perfect fit."""
    s, a = _pair(simulated, observed)
    mse = float(np.mean((s - a) ** 2))
    # An error at the level of rounding (a fit through every point) has no meaningful
    # decomposition: report it as perfect.
    if mse <= (1e-12 * float(np.max(np.abs(a)))) ** 2:
        return 0.0, 0.0, 0.0
    u_m = (s.mean() - a.mean()) ** 2 / mse
    sd_s, sd_a = s.std(), a.std()
    if sd_s == 0.0 or sd_a == 0.0:  # no correlation defined: all non-bias error is spread
        return float(u_m), float(1.0 - u_m), 0.0
    u_s = (sd_s - sd_a) ** 2 / mse
    # U_C = 2 (1 - r) sd(S) sd(A) / MSE, taken as the remainder: the same number without
    # the cancellation in 1 - r when r is within rounding of 1.
    u_c = max(0.0, 1.0 - u_m - u_s)
    return float(u_m), float(u_s), float(u_c)


def fit_stats(simulated, observed) -> FitStats:
    s, a = _pair(simulated, observed)
    u_m, u_s, u_c = theil(s, a)
    return FitStats(int(s.size), mape(s, a), rmse(s, a), u_m, u_s, u_c)
