"""The joint posterior of a calibration window's parameters: what the history leaves uncertain
about them, as a sample that `sim uncertainty` draws from (issue 13, item 4).

**Model.** For the window's fitted observations y_i (sim.analysis.calibration.windows),

    y_i = f_i(theta) + e_i,   e_i ~ N(0, (tau * sigma_i)^2), independent,

with f the model (batch engine), sigma_i the fit's assumed standard error of observation i
(a share of its value by kind of series, times the source's confidence factor) and tau one
common scale of those errors, **estimated with theta**. Why one scale rather than one per
series: the forward window has 2-3 observations per series (Lishui and Jiamusi two in all,
fewer than the three parameters), so a per-series sigma would be set by its prior alone, or run
to zero where a series is fitted exactly; one scale keeps the fit's relative weights (which
encode the sources' confidence) and lets all the residuals together say whether the assumed
errors were too large or too small. Why not the plug-in residual variance: it has n - p = 4
degrees of freedom in Hangzhou and none in Lishui and Jiamusi, and it ignores its own error.

**Priors.** Each parameter: the distribution the profile declares for the key it sets
(`triangular` with its mode at the profile's value, or `uniform`) over the window's bounds,
the same bounds the least squares respects; so the posterior is the judged range updated by
the history. The health window's parameters (sim.analysis.calibration.health_window) declare
none: flat over their bounds. log tau ~ N(0, (ln 2)^2): the fit record states its assumed
errors as good to "half to double", taken as one standard deviation (weak: the data move tau
freely, as in Hangzhou, where they pull it well below 1).

**Sampler.** emcee's affine-invariant ensemble (Goodman & Weare 2010; Foreman-Mackey et al.
2013, emcee 3), `vectorize=True`: each half-ensemble's proposals are one call of the batch
engine, whose cost hardly grows with the number of parameter sets (0.1 s for 1 or 128 sets of
the forward window), which is why the ensemble is wide. Moves: differential evolution (80%)
and its snooker variant (20%), emcee's recommended mixture for correlated targets. Start:
`walkers` points importance-resampled (without replacement) from `START_DRAWS` prior draws, so
the ensemble starts spread over the posterior's region rather than in a ball; for a window
whose posterior is narrow against its bounds in many dimensions (the health window: 12), from
`START_DRAWS` draws of a Gaussian around the least-squares estimate instead (`laplace_start`,
covariance inflated x4, importance weights posterior / Gaussian), since few prior draws land
near the posterior there (measured: started from the prior, 64 walkers x 600 steps were still
burning in, acceptance 0.05 and the error scale's mean 8.5 where it settles at 1.5). The first
`burn` steps are discarded; the rest is thinned evenly to `draws` rows. Seeded: emcee's
generator and the start are set from `seed`, so a seed gives the same sample bit for bit.

**Diagnostics** (`diagnostics`): the mean and smallest walker acceptance fraction (0.2-0.5 is
healthy), emcee's integrated autocorrelation time tau_int per parameter (in steps), the kept
steps per tau_int (emcee's guidance: > 50 for a reliable tau_int estimate), and the effective
sample size walkers x kept steps / tau_int per parameter.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import emcee
import numpy as np
import pandas as pd

from sim.analysis.calibration.estimate import Estimate, Parameter, Problem
from sim.analysis.calibration.windows import (
    FORWARD_PARAMETERS,
    MIGRATION_KEY,
    TFR_KEY,
    Window,
)
from sim.core.paths import FIT_CHART_DIR, POSTERIOR_FILE
from sim.inputs.posterior import posterior_text, sha256_text

__all__ = ["SIGMA_SCALE", "SIGMA_SCALE_PRIOR_SD", "WALKERS", "STEPS", "BURN", "DRAWS",
           "HEALTH_WALKERS", "HEALTH_STEPS", "HEALTH_BURN",
           "Posterior", "log_prior", "laplace_start", "prior_draws", "log_likelihood",
           "sample_ensemble",
           "diagnostics", "thinned", "window_posterior", "posterior_files"]

#: Name of the common error scale tau in the sample (a column beside the parameters).
SIGMA_SCALE = "sigma_scale"
#: Prior standard deviation of log tau: the assumed errors are "half to double" (fit.yaml).
SIGMA_SCALE_PRIOR_SD = math.log(2.0)
#: Sampler settings, measured on the three regions (benchmarks/bench_posterior.py): tau_int
#: was 16-24 steps, so 64 walkers (two batches of 32 a step) x 1,800 steps, of which 300
#: burn-in, keep > 60 tau_int and an ESS of ~4,000 per parameter.
WALKERS = 64
STEPS = 1800
BURN = 300
#: Rows kept in the posterior sample (calibration/<region>/fit/posterior.csv).
DRAWS = 2000
#: The health window's (sim.analysis.calibration.health_window; China): 12 dimensions, one
#: batch-engine call of 32 parameter sets 0.06-0.1 s. Started around the least squares
#: (`laplace_start`), a trial of 64 walkers x 1,000 steps gave tau_int 28-38 steps; the
#: committed sample's 2,000 steps (300 burn-in) measured tau_int 39-56, so they keep ~30 tau_int
#: (below emcee's advised 50; ESS >= 1,949 a parameter) in ~4 minutes on 2 cores (benchmarks/
#: bench_posterior.py --health): ~3,100 steps would reach 50 but pass the 5-minute goal.
HEALTH_WALKERS = 64
HEALTH_STEPS = 2000
HEALTH_BURN = 300
#: Prior draws the starting ensemble is resampled from (one batch-engine call).
START_DRAWS = 2048
#: emcee's rule of thumb: a chain at least this many tau_int long estimates tau_int reliably.
TAU_FACTOR = 50


# ---------------------------------------------------------------------------------------------
# Priors

def _triangular_logpdf(x: np.ndarray, low: float, mode: float, high: float) -> np.ndarray:
    width = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        rising = np.log(2.0 * (x - low) / (width * (mode - low)))
        falling = np.log(2.0 * (high - x) / (width * (high - mode)))
    out = np.where(x < mode, rising, falling)
    if mode == low:
        out = falling
    elif mode == high:
        out = rising
    return np.where((x >= low) & (x <= high), out, -np.inf)


def log_prior(parameters: list[Parameter], x: np.ndarray) -> np.ndarray:
    """log prior density of parameter sets x (k, p + 1): each parameter by its declared
    distribution over its bounds (mode: its start), the last column log tau ~ N(0, (ln 2)^2)."""
    x = np.atleast_2d(x)
    total = np.zeros(x.shape[0])
    for j, q in enumerate(parameters):
        if q.distribution == "triangular":
            total = total + _triangular_logpdf(x[:, j], q.low, q.start, q.high)
        else:
            inside = (x[:, j] >= q.low) & (x[:, j] <= q.high)
            total = total + np.where(inside, -math.log(q.high - q.low), -np.inf)
    u = x[:, -1] / SIGMA_SCALE_PRIOR_SD
    return total - 0.5 * u * u - math.log(SIGMA_SCALE_PRIOR_SD * math.sqrt(2 * math.pi))


def prior_draws(parameters: list[Parameter], n: int, rng: np.random.Generator) -> np.ndarray:
    """n draws (n, p + 1) from the prior (`log_prior`), by inverse CDF."""
    u = rng.random((n, len(parameters)))
    columns = []
    for j, q in enumerate(parameters):
        width = q.high - q.low
        if q.distribution == "triangular":
            c, uj = (q.start - q.low) / width, u[:, j]
            columns.append(np.where(uj < c, q.low + np.sqrt(uj * width * (q.start - q.low)),
                                    q.high - np.sqrt((1 - uj) * width * (q.high - q.start))))
        else:
            columns.append(q.low + u[:, j] * width)
    columns.append(SIGMA_SCALE_PRIOR_SD * rng.standard_normal(n))
    return np.column_stack(columns)


def log_likelihood(simulated: np.ndarray, observed: np.ndarray, sigma: np.ndarray,
                   log_tau: np.ndarray) -> np.ndarray:
    """Gaussian log likelihood of each row of `simulated` (k, n), errors tau * sigma."""
    r = (simulated - observed) / sigma
    tau = np.exp(log_tau)
    n = observed.size
    return (-0.5 * (r * r).sum(axis=1) / tau**2 - n * log_tau
            - float(np.log(sigma).sum()) - 0.5 * n * math.log(2 * math.pi))


# ---------------------------------------------------------------------------------------------
# The sampler

def sample_ensemble(log_prob: Callable[[np.ndarray], np.ndarray], initial: np.ndarray, *,
                    steps: int, seed: int, progress=None) -> emcee.EnsembleSampler:
    """Run emcee's ensemble sampler from `initial` (walkers, d) for `steps` steps; `log_prob`
    maps (k, d) to (k,) (-inf outside the support) and is called once per half-ensemble."""
    walkers, dim = initial.shape
    moves = [(emcee.moves.DEMove(), 0.8), (emcee.moves.DESnookerMove(), 0.2)]
    sampler = emcee.EnsembleSampler(walkers, dim, log_prob, moves=moves, vectorize=True)
    sampler.random_state = np.random.RandomState(seed).get_state()
    every = max(1, steps // 10)
    for i, _ in enumerate(sampler.sample(initial, iterations=steps), start=1):
        if progress and (i % every == 0 or i == steps):
            progress(f"  posterior: step {i} of {steps}, acceptance "
                     f"{float(np.mean(sampler.acceptance_fraction)):.2f}")
    return sampler


def diagnostics(sampler: emcee.EnsembleSampler, burn: int, names: list[str]) -> dict:
    """Acceptance, integrated autocorrelation time (emcee, kept steps), ESS per parameter."""
    kept = sampler.iteration - burn
    tau = np.asarray(sampler.get_autocorr_time(discard=burn, quiet=True, tol=0), dtype=float)
    ess = sampler.nwalkers * kept / tau
    accept = np.asarray(sampler.acceptance_fraction, dtype=float)
    return {
        "walkers": int(sampler.nwalkers), "steps": int(sampler.iteration), "burn": int(burn),
        "acceptance_fraction_mean": float(accept.mean()),
        "acceptance_fraction_min": float(accept.min()),
        "autocorrelation_time_steps": {n: float(t) for n, t in zip(names, tau)},
        "kept_steps_per_autocorrelation_time": float(kept / tau.max()),
        "tau_reliable": bool(kept >= TAU_FACTOR * tau.max()),
        "effective_sample_size": {n: float(e) for n, e in zip(names, ess)},
    }


def thinned(chain: np.ndarray, draws: int) -> np.ndarray:
    """`draws` rows evenly spaced through a flattened chain (steps x walkers, step-major)."""
    flat = chain.reshape(-1, chain.shape[-1])
    if flat.shape[0] <= draws:
        return flat.copy()
    return flat[np.linspace(0, flat.shape[0] - 1, draws).round().astype(int)]


def start_ensemble(log_post: Callable[[np.ndarray], np.ndarray], prior: np.ndarray,
                   walkers: int, rng: np.random.Generator) -> np.ndarray:
    """`walkers` distinct rows of `prior` draws, resampled in proportion to their likelihood
    (importance resampling without replacement: a start spread like the posterior)."""
    lp = log_post(prior)
    finite = np.isfinite(lp)
    weights = np.where(finite, np.exp(lp - np.max(lp[finite])), 0.0)
    # a floor keeps enough candidates for a draw without replacement; they are burnt in
    weights = np.where(finite, weights + 1e-12, 0.0)
    pick = rng.choice(prior.shape[0], size=walkers, replace=False, p=weights / weights.sum())
    return prior[pick]


#: Variance inflation of the Gaussian a start is drawn from (`window_posterior`, `around`):
#: wider than the posterior, so that importance weights, not the proposal, shape the start.
START_INFLATION = 4.0


def _gaussian_draws(centre: np.ndarray, cov: np.ndarray, low: np.ndarray, high: np.ndarray,
                    n: int, rng: np.random.Generator) -> np.ndarray:
    """n draws of N(centre, START_INFLATION cov) inside the parameters' bounds (redrawn)."""
    out = np.empty((0, centre.size))
    while out.shape[0] < n:
        x = rng.multivariate_normal(centre, START_INFLATION * cov, size=2 * n,
                                    method="eigh")
        inside = np.all((x[:, :-1] >= low) & (x[:, :-1] <= high), axis=1)
        out = np.vstack([out, x[inside]])
    return out[:n]


def _corrected(log_post: Callable[[np.ndarray], np.ndarray], centre: np.ndarray,
               cov: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """log posterior minus the log density of the Gaussian the draws come from: importance
    weights of Gaussian draws (truncation to the bounds is a constant factor)."""
    inverse = np.linalg.pinv(START_INFLATION * cov)

    def weight(x: np.ndarray) -> np.ndarray:
        d = np.atleast_2d(x) - centre
        return log_post(x) + 0.5 * np.einsum("ij,jk,ik->i", d, inverse, d)
    return weight


# ---------------------------------------------------------------------------------------------
# A window's posterior

@dataclass
class Posterior:
    names: list[str]               # the window's parameters, then SIGMA_SCALE
    units: list[str]
    draws: np.ndarray              # (DRAWS, p + 1): parameters in their units, tau (not log)
    diagnostics: dict
    method: dict                   # sampler, likelihood, priors, seed: for the file header
    evaluations: int               # model runs
    seconds: float
    extra: dict = field(default_factory=dict)

    def summary(self) -> dict:
        """Mean, standard deviation, 5/50/95% quantiles and correlations of the draws."""
        q = np.quantile(self.draws, [0.05, 0.5, 0.95], axis=0)
        corr = np.corrcoef(self.draws, rowvar=False)
        return {"parameters": {n: {"mean": float(self.draws[:, j].mean()),
                                   "sd": float(self.draws[:, j].std(ddof=1)),
                                   "q05": float(q[0, j]), "median": float(q[1, j]),
                                   "q95": float(q[2, j])}
                               for j, n in enumerate(self.names)},
                "correlation": {a: {b: float(corr[i, j]) for j, b in enumerate(self.names)}
                                for i, a in enumerate(self.names)}}


def laplace_start(problem: Problem, fit: Estimate) -> tuple[np.ndarray, np.ndarray]:
    """(centre, covariance) of a Gaussian around the least-squares estimate `fit` in the
    sampler's coordinates (parameters, then log tau): the parameters' covariance (J'J)^-1 of
    the fit's Jacobian scaled by tau^2, tau the residual scale sqrt(2 objective / (n - p)), and
    log tau's variance 1 / (2 (n - p)) (its asymptotic variance). The start of a window whose
    posterior is narrow against its bounds (`window_posterior`, `around`)."""
    n, p = problem.observed.size, len(problem.parameters)
    dof = max(n - p, 1)
    tau = math.sqrt(max(2.0 * fit.objective / dof, 1e-12))
    span = problem.high - problem.low
    cov_scaled = np.linalg.pinv(fit.jacobian.T @ fit.jacobian)
    cov = np.zeros((p + 1, p + 1))
    cov[:p, :p] = tau**2 * cov_scaled * np.outer(span, span)
    cov[p, p] = 1.0 / (2.0 * dof)
    return np.append(fit.values, math.log(tau)), cov


def window_posterior(problem: Problem, *, seed: int = 0, walkers: int = WALKERS,
                     steps: int = STEPS, burn: int = BURN, draws: int = DRAWS,
                     around: tuple[np.ndarray, np.ndarray] | None = None,
                     progress=None) -> Posterior:
    """Sample the posterior of `problem`'s parameters and the error scale (module docstring).
    `around` (centre, covariance; `laplace_start`): the starting ensemble is importance-resampled
    from `START_DRAWS` draws of that Gaussian (inflated x4 in variance, inside the bounds)
    instead of from the prior: in many dimensions few prior draws land where the posterior
    is, and the walkers would spend the burn-in finding it."""
    began = time.perf_counter()
    params = problem.parameters
    low, high = problem.low, problem.high
    count = {"runs": 0}

    def log_post(x: np.ndarray) -> np.ndarray:
        x = np.atleast_2d(x)
        lp = log_prior(params, x)
        ok = np.isfinite(lp) & np.all((x[:, :-1] >= low) & (x[:, :-1] <= high), axis=1)
        out = np.full(x.shape[0], -np.inf)
        if ok.any():
            count["runs"] += int(ok.sum())
            simulated = problem.simulate(x[ok, :-1])
            out[ok] = lp[ok] + log_likelihood(simulated, problem.observed, problem.sigma,
                                              x[ok, -1])
        return out

    rng = np.random.default_rng(seed)
    if around is None:
        initial = start_ensemble(log_post, prior_draws(params, START_DRAWS, rng), walkers, rng)
        start = f"{walkers} of {START_DRAWS} prior draws, importance-resampled without replacement"
    else:
        initial = start_ensemble(_corrected(log_post, *around), _gaussian_draws(
            *around, low, high, START_DRAWS, rng), walkers, rng)
        start = (f"{walkers} of {START_DRAWS} draws of a Gaussian around the least-squares "
                 "estimate (its covariance x 4, inside the bounds), importance-resampled "
                 "without replacement")
    sampler = sample_ensemble(log_post, initial, steps=steps, seed=seed, progress=progress)
    names = [q.name for q in params] + [SIGMA_SCALE]
    chain = sampler.get_chain(discard=burn)
    kept = thinned(chain, draws)
    kept[:, -1] = np.exp(kept[:, -1])   # the file holds tau itself
    report = diagnostics(sampler, burn, names)
    method = {
        "sampler": f"emcee {emcee.__version__} EnsembleSampler, vectorised on the batch engine; "
                   "moves DEMove 0.8 + DESnookerMove 0.2",
        "walkers": walkers, "steps": steps, "burn": burn, "draws": int(kept.shape[0]),
        "thinning": "kept steps x walkers, evenly spaced rows",
        "start": start,
        "seed": seed,
        "likelihood": "y_i ~ N(f_i(theta), (sigma_scale * sigma_i)^2), sigma_i the fit's "
                      "assumed errors (fit.yaml weights), over the window's fitted observations",
        "priors": {**{q.name: f"{q.distribution} on [{q.low:.6g}, {q.high:.6g}]"
                      + (f", mode {q.start:.6g}" if q.distribution == "triangular" else "")
                      for q in params},
                   SIGMA_SCALE: "log sigma_scale ~ N(0, (ln 2)^2)"},
        "observations": int(problem.observed.size),
    }
    return Posterior(names, [q.unit for q in params] + ["1"], kept, report, method,
                     count["runs"], time.perf_counter() - began)


# ---------------------------------------------------------------------------------------------
# The sample as a file, and its entry in fit.yaml

def posterior_header(posterior: Posterior, record: dict, window: Window,
                     keys: dict[str, str] | None = None) -> dict:
    """The file's header: what it is, which fit and data it belongs to, how it was made, and
    (`keys`) which scenario keys its rows set and how (the forward window's by default)."""
    if keys is None:
        keys = {MIGRATION_KEY: f"{FORWARD_PARAMETERS[0]} in model year {window.start}, "
                               f"{FORWARD_PARAMETERS[1]} from {window.start + 1} on (held)",
                TFR_KEY: "the profile's TFR path x tfr_scale"}
    return {
        "what": f"joint posterior sample of the {window.name} window's parameters and the "
                "error scale (sim.analysis.calibration.posterior); one row a draw; `sim "
                "uncertainty` resamples rows; written by `python -m sim calibrate`, do not edit",
        "region": record["region"], "window": window.name, "fit_made": record["made"],
        "command": record["command"],
        "data_sha256": record["data_sha256"],
        "keys": keys,
        "columns": {n: {"unit": u, "description": d} for n, u, d in zip(
            posterior.names, posterior.units,
            [q.description for q in window.parameters]
            + ["common scale of the fit's assumed observation errors"])},
        "method": posterior.method,
        "diagnostics": posterior.diagnostics,
        "model_runs": posterior.evaluations,
        "seconds": round(posterior.seconds, 1),
    }


def posterior_files(posterior: Posterior, record: dict, window: Window,
                    keys: dict[str, str] | None = None, file: str = POSTERIOR_FILE
                    ) -> tuple[str, dict]:
    """(the sample file's text, its fit.yaml entry: file, its hash, method, diagnostics,
    summary). `keys`: as `posterior_header`; `file`: its name in the fit folder."""
    table = pd.DataFrame(posterior.draws, columns=posterior.names)
    text = posterior_text(posterior_header(posterior, record, window, keys), table)
    entry = {"file": f"{FIT_CHART_DIR}/{file}", "sha256": sha256_text(text),
             "window": window.name,
             "method": posterior.method["sampler"], "seed": posterior.method["seed"],
             "draws": int(posterior.draws.shape[0]), "diagnostics": posterior.diagnostics,
             "model_runs": posterior.evaluations, "seconds": round(posterior.seconds, 1),
             **posterior.summary()}
    return text, entry
