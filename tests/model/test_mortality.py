"""The life table and the mortality-level solver, on cases with closed-form answers."""

import numpy as np
import pytest

from sim.model import mortality

AGES = 101


def constant_hazard_e0(mu: float) -> float:
    """e0 of the model's life table when m(x) = mu at every age (a = 0.5 everywhere).

    q = mu / (1 + mu/2), p = 1 - q, l(x) = p^x; L(x) = l(x)(1 - q/2) for x < 100 and
    L(100+) = p^100 / mu, so e0 = (1 - q/2)(1 - p^100)/(1 - p) + p^100/mu.
    """
    q = mu / (1 + 0.5 * mu)
    p = 1 - q
    return (1 - 0.5 * q) * (1 - p**100) / (1 - p) + p**100 / mu


@pytest.mark.parametrize("mu", [0.001, 0.02, 0.1, 0.5])
def test_life_table_matches_closed_form_for_constant_hazard(mu):
    m = np.full(AGES, mu)
    assert mortality.life_expectancy(m, a0=0.5) == pytest.approx(constant_hazard_e0(mu), rel=1e-12)


def test_e0_falls_as_the_level_rises():
    m = np.geomspace(1e-4, 0.5, AGES)
    e0 = [mortality.life_expectancy(k * m, 0.1) for k in (0.5, 1.0, 2.0, 4.0)]
    assert all(a > b for a, b in zip(e0, e0[1:]))


@pytest.mark.parametrize("target", [45.0, 70.0, 83.12, 95.0])
def test_solver_reproduces_the_target(target):
    standard = {"female": np.geomspace(5e-5, 0.3, AGES), "male": np.geomspace(8e-5, 0.35, AGES)}
    a0 = {"female": 0.06, "male": 0.05}
    k = mortality.solve_level(target, standard, a0, male_share_at_birth=0.527)
    assert mortality.both_sexes_e0(k, standard, a0, 0.527) == pytest.approx(target, abs=1e-8)


def test_solver_refuses_an_unreachable_target():
    standard = {"female": np.full(AGES, 0.01), "male": np.full(AGES, 0.01)}
    with pytest.raises(ValueError, match="outside what the mortality pattern can give"):
        mortality.solve_level(0.1, standard, {"female": 0.5, "male": 0.5}, 0.5)


def test_infant_separation_factor_follows_coale_demeny():
    assert mortality.infant_separation_factor(0.01, "male") == pytest.approx(0.045 + 0.02684)
    assert mortality.infant_separation_factor(0.01, "female") == pytest.approx(0.053 + 0.028)
    assert mortality.infant_separation_factor(0.2, "female") == 0.35
