"""Fit statistics on cases computed by hand (sim.analysis.calibration.fitstats)."""

import numpy as np
import pytest

from sim.analysis.calibration.fitstats import fit_stats, mape, rmse, theil


def test_mape_by_hand():
    # |110-100|/100 = 0.10, |180-200|/200 = 0.10, |400-400|/400 = 0  -> mean 0.2/3
    assert mape([110, 180, 400], [100, 200, 400]) == pytest.approx(0.2 / 3)


def test_rmse_by_hand():
    # errors 3, -4 -> sqrt((9 + 16) / 2)
    assert rmse([13, 16], [10, 20]) == pytest.approx(np.sqrt(12.5))


def test_pure_bias_is_all_u_m():
    observed = np.array([1.0, 2.0, 4.0, 8.0])
    assert theil(observed + 3.0, observed) == pytest.approx((1.0, 0.0, 0.0))


def test_scaled_about_the_mean_is_all_u_s():
    # S - mean = 2 (A - mean): same mean, r = 1, sd(S) = 2 sd(A) -> MSE = sd(A)^2 = U_S part
    observed = np.array([1.0, 3.0, 5.0, 7.0])
    simulated = observed.mean() + 2.0 * (observed - observed.mean())
    assert theil(simulated, observed) == pytest.approx((0.0, 1.0, 0.0))


def test_mirror_image_is_all_u_c():
    # S = reversed A: same mean and sd, r = -1 -> U_C = 2 (1 - (-1)) sd^2 / MSE = 1
    observed = np.array([1.0, 2.0, 3.0])
    simulated = observed[::-1]
    # by hand: MSE = (4 + 0 + 4) / 3 = 8/3; sd^2 = 2/3; U_C = 2 * 2 * (2/3) / (8/3) = 1
    assert theil(simulated, observed) == pytest.approx((0.0, 0.0, 1.0))


def test_mixed_case_by_hand():
    observed = np.array([2.0, 4.0, 6.0])
    simulated = np.array([3.0, 4.0, 8.0])
    # errors 1, 0, 2: MSE = 5/3; means 5 vs 4 -> U_M = 1 / (5/3) = 0.6
    # sd(A) = sqrt(8/3), sd(S) = sqrt(((-2)^2 + (-1)^2 + 3^2)/3) = sqrt(14/3)
    sd_a, sd_s = np.sqrt(8 / 3), np.sqrt(14 / 3)
    r = np.corrcoef(simulated, observed)[0, 1]
    expected_u_s = (sd_s - sd_a) ** 2 / (5 / 3)
    expected_u_c = 2 * (1 - r) * sd_s * sd_a / (5 / 3)
    u_m, u_s, u_c = theil(simulated, observed)
    assert (u_m, u_s, u_c) == pytest.approx((0.6, expected_u_s, expected_u_c))
    assert u_m + u_s + u_c == pytest.approx(1.0)


def test_error_at_rounding_level_counts_as_perfect():
    observed = np.array([2.5e6, 2.6e6])
    assert theil(observed * (1 + 1e-15), observed) == (0.0, 0.0, 0.0)


def test_perfect_fit_and_single_point():
    assert theil([1, 2, 3], [1, 2, 3]) == (0.0, 0.0, 0.0)
    assert theil([5.0], [4.0]) == pytest.approx((1.0, 0.0, 0.0))
    stats = fit_stats([5.0], [4.0])
    assert (stats.n, stats.mape, stats.rmse) == (1, pytest.approx(0.25), pytest.approx(1.0))


@pytest.mark.parametrize("simulated, observed", [([1, 2], [1]), ([], []), ([1], [np.nan])])
def test_bad_pairs_are_refused(simulated, observed):
    with pytest.raises(ValueError):
        fit_stats(simulated, observed)


def test_mape_refuses_zero_observation():
    with pytest.raises(ValueError, match="undefined"):
        mape([1.0], [0.0])
