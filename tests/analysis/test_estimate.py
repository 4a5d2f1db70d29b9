"""The estimator (sim.analysis.calibration.estimate) on problems with known answers."""

import numpy as np
import pytest

from sim.analysis.calibration.estimate import Parameter, Problem, estimate, identifiability

TIMES = np.arange(0.0, 11.0)


def growth_problem(true=(100.0, 0.05), noise=0.005, seed=1):
    """y(t) = a exp(b t), observed with 0.5% multiplicative noise (seeded)."""
    def simulate(x):
        return x[:, :1] * np.exp(x[:, 1:2] * TIMES)

    clean = simulate(np.array([true]))[0]
    observed = clean * (1 + noise * np.random.default_rng(seed).standard_normal(TIMES.size))
    parameters = [Parameter("a", 80.0, 50.0, 150.0), Parameter("b", 0.0, -0.1, 0.2)]
    return Problem(parameters, simulate, observed, noise * clean)


def test_recovers_known_parameters_within_their_standard_errors():
    problem = growth_problem()
    result = estimate(problem, starts=3, seed=0)
    report = identifiability(problem, result.jacobian)
    for value, truth, name in zip(result.values, (100.0, 0.05), ("a", "b")):
        se = report["parameters"][name]["standard_error"]
        assert abs(value - truth) < 3 * se, (name, value, truth, se)
        assert report["parameters"][name]["verdict"] == "identified"
    assert result.objective < result.start_objective


def test_same_seed_same_answer_and_bounds_respected():
    problem = growth_problem()
    first, second = estimate(problem, starts=3, seed=7), estimate(problem, starts=3, seed=7)
    assert np.array_equal(first.values, second.values)
    for start in first.starts:
        assert all(q.low <= v <= q.high for q, v in zip(problem.parameters, start["estimate"]))


def test_truth_outside_bounds_ends_at_the_bound():
    problem = growth_problem(true=(100.0, 0.25))   # b = 0.25 > its upper bound 0.2
    result = estimate(problem, starts=1)
    assert result.values[1] == pytest.approx(0.2)
    assert result.at_bound == ["b"]


def test_product_of_two_parameters_is_not_pinned_down_and_unused_one_is_not_identified():
    # y = a * b * t: only the product is observable; c does not enter at all
    def simulate(x):
        return (x[:, 0] * x[:, 1])[:, None] * TIMES + 0.0 * x[:, 2:3]

    observed = 6.0 * TIMES + 1.0
    parameters = [Parameter("a", 2.0, 1.0, 4.0), Parameter("b", 2.0, 1.0, 4.0),
                  Parameter("c", 0.5, 0.0, 1.0)]
    problem = Problem(parameters, simulate, observed, np.full(TIMES.size, 0.1))
    result = estimate(problem, starts=1)
    # least squares through the origin: slope = sum(t y) / sum(t^2) = 6 + sum(t) / sum(t^2)
    slope = 6.0 + TIMES.sum() / (TIMES ** 2).sum()
    assert result.values[0] * result.values[1] == pytest.approx(slope, rel=1e-6)
    report = identifiability(problem, result.jacobian)["parameters"]
    assert report["a"]["verdict"] == report["b"]["verdict"] == "weak"
    assert report["a"]["max_abs_correlation"] > 0.99
    assert report["c"]["verdict"] == "not identified"


def test_parameter_start_outside_bounds_is_refused():
    with pytest.raises(ValueError, match="start within"):
        Parameter("x", 5.0, 0.0, 1.0)


def test_fewer_observations_than_parameters_are_never_identified():
    # two observations, three parameters acting separately: J'J is singular
    def simulate(x):
        return np.stack([x[:, 0] + x[:, 2], x[:, 1] + 0.5 * x[:, 2]], axis=1)

    parameters = [Parameter(n, 0.5, 0.0, 1.0) for n in ("a", "b", "c")]
    problem = Problem(parameters, simulate, np.array([0.6, 0.7]), np.full(2, 0.01))
    result = estimate(problem, starts=1)
    report = identifiability(problem, result.jacobian)["parameters"]
    assert {e["verdict"] for e in report.values()} == {"weak"}
    assert all(e["standard_error"] is None and not e["separable"] for e in report.values())
