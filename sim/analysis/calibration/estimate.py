"""Weighted least-squares estimation of a model's unobserved parameters, and what the data
say about them (identifiability). Model-agnostic: a `Problem` says how to simulate many
parameter sets at once and where the observations are; sim.analysis.calibration.runner builds
the model's.

Method:

- residuals r_i = (simulated_i - observed_i) / sigma_i over the observations marked `fit`
  (sigma: the observation's assumed standard error, see sim.analysis.calibration.windows); objective
  0.5 * sum r_i^2, minimised by scipy.optimize.least_squares ('trf', within the bounds);
- parameters are scaled to [0, 1] over their bounds, so step sizes and the Jacobian are
  comparable across parameters of different units;
- the Jacobian is a forward difference computed in ONE vectorised call (the batch engine runs
  the p + 1 parameter sets together);
- several starts: the stated start plus `starts - 1` points of a scrambled Sobol' sequence
  (scipy.stats.qmc, seeded), so the result is reproducible for a seed; the best is kept;
- identifiability from the Jacobian J at the estimate: covariance (J'J)^-1 (sigma taken as
  known), each parameter's standard error and 95% interval, the correlation matrix and J's
  singular values. A parameter is `identified` when its 95% half-interval is under 25% of its
  range and no correlation with another parameter exceeds 0.9 in size; `weak` when the data
  move it but do not pin it down, or fix only a combination of it with others (it has weight
  in J's null space, e.g. fewer observations than parameters); `not identified` when the fit
  does not depend on it (a zero column of J).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import least_squares
from scipy.stats import qmc

__all__ = ["Parameter", "Problem", "Estimate", "estimate", "identifiability"]

#: Forward-difference step in scaled units (fraction of each parameter's range): large against
#: the model's rounding (~1e-12 relative), small against its curvature.
STEP = 1e-4
#: Identification thresholds (see the module docstring): our conventions, not a published
#: standard; reported with the numbers they judge, so a reader can apply others.
CI_SHARE_OF_RANGE = 0.25
CORRELATION_LIMIT = 0.9


@dataclass(frozen=True)
class Parameter:
    name: str
    start: float
    low: float
    high: float
    unit: str = ""
    description: str = ""
    source: str = ""          # where the start and bounds come from
    distribution: str = "uniform"   # prior over low..high (mode: start) of a posterior

    def __post_init__(self):
        if not (self.low < self.high) or not (self.low <= self.start <= self.high):
            raise ValueError(f"parameter {self.name}: need low < high and start within; "
                             f"given {self.low}, {self.start}, {self.high}")
        if self.distribution not in ("uniform", "triangular"):
            raise ValueError(f"parameter {self.name}: distribution uniform or triangular; "
                             f"given {self.distribution!r}")


@dataclass(frozen=True)
class Problem:
    """parameters; simulate(X) maps an (k, p) array of parameter sets to an (k, n) array of
    the simulated values of the n observations (in order); observed and sigma: (n,)."""
    parameters: list[Parameter]
    simulate: Callable[[np.ndarray], np.ndarray]
    observed: np.ndarray
    sigma: np.ndarray

    @property
    def low(self) -> np.ndarray:
        return np.array([p.low for p in self.parameters])

    @property
    def high(self) -> np.ndarray:
        return np.array([p.high for p in self.parameters])

    def unscale(self, z: np.ndarray) -> np.ndarray:
        return self.low + np.asarray(z) * (self.high - self.low)

    def scale(self, x: ArrayLike) -> np.ndarray:
        return (np.asarray(x) - self.low) / (self.high - self.low)


@dataclass
class Estimate:
    values: np.ndarray                 # (p,) in parameter units
    objective: float                   # 0.5 * sum of squared weighted residuals
    start_objective: float             # at the stated start
    evaluations: int                   # parameter sets simulated, Jacobians included
    jacobian: np.ndarray               # (n, p) of weighted residuals w.r.t. scaled params
    starts: list[dict] = field(default_factory=list)   # each start: point, objective
    at_bound: list[str] = field(default_factory=list)  # names of parameters at a bound


def estimate(problem: Problem, starts: int = 4, seed: int = 0, progress=None) -> Estimate:
    """Minimise the weighted squared residuals from `starts` starting points; keep the best."""
    p = len(problem.parameters)
    counter: dict[str, float] = {"sets": 0, "best": math.inf}  # "sets" stays an int

    def residuals_many(z: np.ndarray) -> np.ndarray:
        x = problem.unscale(np.atleast_2d(z))
        counter["sets"] += x.shape[0]
        return (problem.simulate(x) - problem.observed) / problem.sigma

    def residuals(z):
        r = residuals_many(z)[0]
        value = 0.5 * float(r @ r)
        if value < counter["best"]:
            counter["best"] = value
            if progress:
                progress(f"  objective {value:.6g} after {counter['sets']} model runs")
        return r

    def jacobian(z):
        signs = np.where(z + STEP > 1.0, -1.0, 1.0)  # at the upper bound, step down
        points = np.vstack([z, z + STEP * np.diag(signs)])
        r = residuals_many(points)
        return ((r[1:] - r[0]) / (STEP * signs[:, None])).T

    first = problem.scale([q.start for q in problem.parameters])
    points = [first]
    if starts > 1:
        sobol = qmc.Sobol(d=p, scramble=True, seed=seed)
        points += list(sobol.random(starts - 1))
    results = []
    for i, z0 in enumerate(points):
        if progress:
            progress(f"start {i + 1} of {len(points)}")
        fit = least_squares(residuals, z0, jac=jacobian, bounds=(0.0, 1.0), method="trf",
                            x_scale=1.0, xtol=1e-10, ftol=1e-12, gtol=1e-10, max_nfev=200)
        results.append(fit)
    best = min(results, key=lambda f: f.cost)
    start_r = residuals_many(first)[0]
    values = problem.unscale(best.x)
    near = 1e-6
    at_bound = [q.name for q, z in zip(problem.parameters, best.x) if z < near or z > 1 - near]
    return Estimate(values=values, objective=float(best.cost),
                    start_objective=0.5 * float(start_r @ start_r),
                    evaluations=int(counter["sets"]), jacobian=jacobian(best.x),
                    starts=[{"start": problem.unscale(z).tolist(), "objective": float(f.cost),
                             "estimate": problem.unscale(f.x).tolist()}
                            for z, f in zip(points, results)],
                    at_bound=at_bound)


def identifiability(problem: Problem, jacobian: np.ndarray) -> dict:
    """Standard errors, 95% intervals, correlations and a verdict per parameter, from the
    Jacobian of the weighted residuals w.r.t. the scaled parameters (see module docstring)."""
    names = [q.name for q in problem.parameters]
    span = problem.high - problem.low
    _, singular, vt = np.linalg.svd(jacobian, full_matrices=True)
    informed = np.linalg.norm(jacobian, axis=0) > 1e-12 * max(1.0, float(singular.max(initial=0)))
    # Directions the data cannot see (fewer observations than parameters, or parameters that
    # only act together): a parameter with weight there is not separable from the others,
    # and (J'J)^-1 would understate its error.
    rank = int((singular > 1e-9 * singular.max(initial=0)).sum())
    unseparable = np.sqrt((vt[rank:] ** 2).sum(axis=0)) > 0.1
    cov_scaled = np.full((len(names), len(names)), np.nan)
    if informed.any():
        sub = jacobian[:, informed]
        cov_scaled[np.ix_(informed, informed)] = np.linalg.pinv(sub.T @ sub)
    se_scaled = np.sqrt(np.clip(np.diag(cov_scaled), 0.0, None))
    with np.errstate(invalid="ignore", divide="ignore"):
        correlation = cov_scaled / np.outer(se_scaled, se_scaled)
    report = {"singular_values": singular.tolist(),
              "condition_number": float(singular.max() / singular.min())
              if singular.size and singular.min() > 0 else math.inf,
              "parameters": {}}
    for i, name in enumerate(names):
        others = [abs(correlation[i, j]) for j in range(len(names))
                  if j != i and np.isfinite(correlation[i, j])]
        strongest = max(others, default=0.0)
        half_ci_share = 1.96 * se_scaled[i]   # scaled units = share of the range
        if not informed[i]:
            verdict = "not identified"
        elif unseparable[i]:
            verdict = "weak"
            se_scaled[i] = math.inf
        elif half_ci_share < CI_SHARE_OF_RANGE and strongest < CORRELATION_LIMIT:
            verdict = "identified"
        else:
            verdict = "weak"
        known = informed[i] and not unseparable[i]
        report["parameters"][name] = {
            "standard_error": float(se_scaled[i] * span[i]) if known else None,
            "ci95_half_width_share_of_range": float(half_ci_share) if known else None,
            "separable": bool(not unseparable[i]),
            "max_abs_correlation": float(strongest),
            "verdict": verdict,
        }
    report["correlation"] = {a: {b: (float(correlation[i, j]) if np.isfinite(correlation[i, j])
                                     else None) for j, b in enumerate(names)}
                             for i, a in enumerate(names)}
    return report
