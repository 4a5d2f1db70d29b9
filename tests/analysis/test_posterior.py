"""The calibration's posterior sampler (sim.analysis.calibration.posterior): checked against
closed-form posteriors of linear-Gaussian problems, its densities against scipy's, and seeded.

Monte Carlo tolerances: an estimate from a chain with effective sample size ESS has standard
error sd / sqrt(ESS) for a mean, about sd^2 sqrt(2 / ESS) for a variance and
(1 - rho^2) / sqrt(ESS) for a correlation; the checks allow 4 to 5 of those (a false failure
about once in 10^4 runs per check), with ESS the smallest emcee reports.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from sim.analysis.calibration.estimate import Parameter, Problem
from sim.analysis.calibration.posterior import (
    SIGMA_SCALE_PRIOR_SD,
    diagnostics,
    log_likelihood,
    log_prior,
    prior_draws,
    sample_ensemble,
    thinned,
    window_posterior,
)

RNG = np.random.default_rng(11)
A = RNG.normal(size=(12, 3)) * np.array([1.0, 3.0, 0.5])
A[:, 2] += 0.8 * A[:, 0]            # correlated columns: a correlated posterior
THETA = np.array([0.5, -1.0, 2.0])
SIGMA = 0.7
Y = A @ THETA + SIGMA * RNG.normal(size=12)


def test_matches_the_closed_form_posterior_of_a_linear_gaussian_problem():
    """y = A theta + e, e ~ N(0, sigma^2 I), theta ~ N(m0, S0): the posterior is
    N(m, S), S = (S0^-1 + A'A / sigma^2)^-1, m = S (S0^-1 m0 + A'y / sigma^2)."""
    m0, s0 = np.array([0.0, 0.0, 1.0]), np.diag([4.0, 1.0, 9.0])
    s0_inv = np.linalg.inv(s0)
    cov = np.linalg.inv(s0_inv + A.T @ A / SIGMA**2)
    mean = cov @ (s0_inv @ m0 + A.T @ Y / SIGMA**2)

    def log_prob(x):
        d, r = x - m0, (x @ A.T - Y) / SIGMA
        return -0.5 * np.einsum("ki,ij,kj->k", d, s0_inv, d) - 0.5 * (r * r).sum(axis=1)

    start = np.random.default_rng(0).multivariate_normal(m0, s0, size=32)
    sampler = sample_ensemble(log_prob, start, steps=2000, seed=5)
    burn = 300
    report = diagnostics(sampler, burn, ["a", "b", "c"])
    draws = sampler.get_chain(discard=burn, flat=True)
    ess = min(report["effective_sample_size"].values())
    assert report["tau_reliable"] and 0.15 < report["acceptance_fraction_mean"] < 0.7
    sd = np.sqrt(np.diag(cov))
    assert np.all(np.abs(draws.mean(axis=0) - mean) < 4 * sd / math.sqrt(ess))
    # covariance, whitened by the exact one: the identity within the MC error
    chol = np.linalg.cholesky(cov)
    white = np.linalg.solve(chol, np.linalg.solve(chol, np.cov(draws, rowvar=False)).T)
    assert np.abs(white - np.eye(3)).max() < 5 * math.sqrt(2 / ess)


@pytest.mark.slow  # 10 s: an ensemble of 64 walkers, 2,000 steps
def test_estimated_error_scale_keeps_the_least_squares_centre_and_shape():
    """With flat priors on theta (bounds 25 standard errors away), the posterior of theta under
    any prior on the error scale is elliptical about the least-squares estimate with the shape
    (A'A)^-1: its mean is that estimate and its correlations those of (A'A)^-1."""
    ls = np.linalg.lstsq(A, Y, rcond=None)[0]
    shape = np.linalg.inv(A.T @ A / SIGMA**2)
    se = np.sqrt(np.diag(shape))
    params = [Parameter(f"p{i}", float(ls[i]), float(ls[i] - 25 * se[i]),
                        float(ls[i] + 25 * se[i])) for i in range(3)]
    problem = Problem(params, lambda x: x @ A.T, Y, np.full(Y.size, SIGMA))
    post = window_posterior(problem, seed=3, steps=2000, burn=300, draws=200_000)
    ess = min(post.diagnostics["effective_sample_size"].values())
    theta = post.draws[:, :3]
    sd = theta.std(axis=0)
    assert np.all(np.abs(theta.mean(axis=0) - ls) < 4 * sd / math.sqrt(ess))
    corr = np.corrcoef(theta, rowvar=False)
    exact = shape / np.outer(se, se)
    assert np.all(np.abs(corr - exact) < 5 * (1 - exact**2 + 1e-3) / math.sqrt(ess))
    # the residuals are those of sigma = 0.7 exactly: the scale is near 1
    assert 0.6 < np.median(post.draws[:, 3]) < 1.5


def test_densities_match_scipy():
    params = [Parameter("t", 2.0, 1.0, 5.0, distribution="triangular"),
              Parameter("u", 0.0, -1.0, 3.0)]
    x = np.array([[1.5, 0.2, 0.1], [4.0, 2.9, -0.3], [2.0, -1.0, 0.0]])
    expected = (stats.triang.logpdf(x[:, 0], c=0.25, loc=1.0, scale=4.0)
                + stats.uniform.logpdf(x[:, 1], loc=-1.0, scale=4.0)
                + stats.norm.logpdf(x[:, 2], scale=SIGMA_SCALE_PRIOR_SD))
    assert log_prior(params, x) == pytest.approx(expected)
    assert log_prior(params, np.array([[5.5, 0.0, 0.0]]))[0] == -np.inf   # outside the bounds
    sim = np.array([[1.0, 2.0, 2.5], [0.0, 0.0, 0.0]])
    obs, sig, log_tau = np.array([1.2, 1.9, 3.0]), np.array([0.1, 0.2, 0.5]), np.array([0.3, -1])
    expected = [stats.norm.logpdf(obs, loc=row, scale=sig * math.exp(t)).sum()
                for row, t in zip(sim, log_tau)]
    assert log_likelihood(sim, obs, sig, log_tau) == pytest.approx(expected)


def test_prior_draws_follow_the_declared_distributions():
    params = [Parameter("t", 2.0, 1.0, 5.0, distribution="triangular"),
              Parameter("u", 0.0, -1.0, 3.0)]
    x = prior_draws(params, 20_000, np.random.default_rng(0))
    assert stats.kstest(x[:, 0], stats.triang(c=0.25, loc=1.0, scale=4.0).cdf).pvalue > 1e-3
    assert stats.kstest(x[:, 1], stats.uniform(loc=-1.0, scale=4.0).cdf).pvalue > 1e-3
    assert stats.kstest(x[:, 2], stats.norm(scale=SIGMA_SCALE_PRIOR_SD).cdf).pvalue > 1e-3


def test_same_seed_same_sample_and_thinning_is_even():
    params = [Parameter("a", 0.0, -10.0, 10.0), Parameter("b", 0.0, -10.0, 10.0)]
    problem = Problem(params, lambda x: x @ A[:, :2].T, Y, np.full(Y.size, SIGMA))
    one = window_posterior(problem, seed=9, walkers=16, steps=60, burn=20, draws=100)
    two = window_posterior(problem, seed=9, walkers=16, steps=60, burn=20, draws=100)
    other = window_posterior(problem, seed=10, walkers=16, steps=60, burn=20, draws=100)
    assert np.array_equal(one.draws, two.draws)
    assert not np.array_equal(one.draws, other.draws)
    chain = np.arange(5 * 4 * 1, dtype=float).reshape(5, 4, 1)
    assert thinned(chain, 5)[:, 0].tolist() == [0.0, 5.0, 10.0, 14.0, 19.0]
