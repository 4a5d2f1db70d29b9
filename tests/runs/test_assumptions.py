"""The uncertain inputs: which they are, how they are drawn, how a draw becomes model inputs."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from sim.analysis.targets import load_targets
from sim.analysis.verdicts import indicator_path, judge
from sim.core.errors import SimError
from sim.core.paths import SCENARIOS_DIR
from sim.inputs.keys import KEYS
from sim.inputs.national import mortality_standard
from sim.inputs.region import load_region
from sim.inputs.scenario import load_scenario
from sim.model import mortality
from sim.model.parameters import (
    BED_TYPES,
    CASCADE_SHARES,
    CONDITIONS,
    HEALTH_SCALARS,
    infant_separation_factors,
)
from sim.runs.assumption_space import (
    HEALTH_LABELS,
    NOT_ABOVE,
    Assumption,
    assumption_space,
    draw,
    held_fixed,
)
from sim.runs.sampled import run_sampled, sampled_inputs, sampled_path, target_values
from sim.runs.simulate import simulate
from tests.helpers import short_baseline


@pytest.fixture(scope="module")
def short(tmp_path_factory):
    """Hangzhou's baseline to 2025 (the deadline of most targets): fast runs."""
    scenario = load_scenario(short_baseline(tmp_path_factory.mktemp("scenarios"), 2025))
    return scenario, load_region("hangzhou")


@pytest.fixture(scope="module")
def space(short):
    return assumption_space(*short)


def test_health_entries_are_the_ones_the_model_reads():
    model_inputs = (set(HEALTH_SCALARS) | set(BED_TYPES.values())
                    | {f"{c}_{s}" for c in CONDITIONS for s in CASCADE_SHARES.values()})
    assert set(HEALTH_LABELS) == model_inputs


def test_space_holds_assumptions_not_levers_sorted_with_distributions(space):
    keys = [a.key for a in space]
    assert keys == sorted(keys)
    assert "population.tfr" in keys and "health_2020.gps" in keys
    assert "hukou_population_2020" in keys
    assert not any(k in KEYS and KEYS[k].kind == "lever" for k in keys)
    # not model inputs: they calibrate other defaults
    assert "health_2020.occupancy_hospital" not in keys
    for a in space:
        assert a.distribution in ("uniform", "triangular")
        assert a.low <= a.central <= a.high, a.key


def test_keys_the_scenario_sets_are_held_fixed():
    scenario = load_scenario(SCENARIOS_DIR / "hangzhou" / "low_fertility.yaml")
    region = load_region("hangzhou")
    keys = [a.key for a in assumption_space(scenario, region)]
    assert "population.tfr" not in keys and "population.life_expectancy" in keys
    assert held_fixed(scenario, region) == ["population.tfr"]


def test_series_central_is_the_end_value(short, space):
    by_key = {a.key: a for a in space}
    assert by_key["population.life_expectancy"].central == pytest.approx(89.12)  # 2050
    # the last value written, whatever the defaults are (a calibration fit may replace them)
    region = short[1]
    for key in ("population.tfr", "population.net_migration"):
        assert by_key[key].central == region.defaults[key].value_items()[-1][1]


def test_triangular_and_uniform_quantiles():
    tri = Assumption("x", "", "", "1", central=2.0, low=1.0, high=5.0, distribution="triangular")
    uni = Assumption("y", "", "", "1", central=2.0, low=1.0, high=5.0, distribution="uniform")
    u = np.linspace(0, 1, 101)
    for a in (tri, uni):
        x = a.ppf(u)
        assert x[0] == a.low and x[-1] == pytest.approx(a.high)
        assert np.all(np.diff(x) >= 0)
        np.testing.assert_allclose(a.cdf(x), u, atol=1e-12)
    # the mode's quantile: (c - a) / (b - a) = 0.25
    assert tri.ppf(np.array([0.25]))[0] == pytest.approx(2.0)
    assert uni.ppf(np.array([0.25]))[0] == pytest.approx(2.0)
    with pytest.raises(SimError):
        tri.ppf(np.array([1.5]))


def test_draws_are_seeded_in_range_and_follow_the_declared_distribution(space):
    a = draw(space, 3000, seed=11)
    b = draw(space, 3000, seed=11)
    c = draw(space, 3000, seed=12)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["population.tfr"], c["population.tfr"])
    for spec in space:
        x = a[spec.key]
        assert np.all((x >= spec.low) & (x <= spec.high)), spec.key
        if spec.key in NOT_ABOVE or spec.low == spec.high:
            continue
        # generous alpha: a correct sampler fails this one time in 10,000 per key
        assert stats.kstest(x, spec.cdf).pvalue > 1e-4, spec.key


def test_capped_figures_follow_their_distribution_truncated_at_the_cap(space):
    by_key = {a.key: a for a in space}
    values = draw(space, 3000, seed=5)
    for child, parent in NOT_ABOVE.items():
        a = by_key[child]
        x, cap = values[child], values[parent]
        assert np.all(x <= cap)
        # the quantile within the truncated range is uniform
        u = a.cdf(x) / a.cdf(cap)
        assert stats.kstest(u, "uniform").pvalue > 1e-4, child
    # the rule binds for diabetes: some draws would break it without the truncation
    dm = by_key["health_2020.diabetes_managed_share"]
    assert np.mean(dm.ppf(np.random.default_rng(0).random(3000))
                   > values["health_2020.diabetes_aware_share"]) > 0.01


@pytest.mark.slow  # solves 2 x 400 life tables exactly
def test_level_table_matches_the_exact_solve():
    standard = mortality_standard()
    a0 = infant_separation_factors(standard)
    by_sex = {s: standard.sel(sex=s).values for s in ("female", "male")}
    table = mortality.level_table(by_sex, a0)
    rng = np.random.default_rng(3)
    e0, srb = rng.uniform(40, 100, 200), rng.uniform(90, 130, 200)
    exact = mortality.solve_level_path(e0, by_sex, a0, srb)
    tabulated = mortality.solve_levels(table, e0, srb)
    assert np.max(np.abs(tabulated / exact - 1)) < 1e-7
    back = mortality.both_sexes_e0(tabulated, by_sex, a0, srb / (100 + srb))
    assert np.max(np.abs(back - e0)) < 1e-5


def test_sampled_path_moves_the_level_reached(space):
    by_key = {a.key: a for a in space}
    years = np.arange(2020, 2036)
    tfr = by_key["population.tfr"]
    paths = sampled_path(tfr, years, np.array([tfr.central, 0.7, 1.3]))
    np.testing.assert_array_equal(paths[0], tfr.series.values(years))
    assert np.all(paths[:, 0] == tfr.series.values(years)[0])  # the base year stays
    held = years >= tfr.series.years_mentioned()[-1]            # from the series' last year:
    np.testing.assert_allclose(paths[1:, held], np.repeat([[0.7], [1.3]], held.sum(), axis=1))
    e0 = by_key["population.life_expectancy"]
    path = sampled_path(e0, years, np.array([92.12]))[0]
    assert path[0] == 83.12 and path[-1] == pytest.approx(83.12 + 15 * 0.2 + 0.5 * 3.0)
    dropout = by_key["chronic.dropout_rate"]                  # a constant: the draw everywhere
    np.testing.assert_array_equal(sampled_path(dropout, years, np.array([0.2]))[0], 0.2)


def test_a_path_outside_the_keys_range_is_refused_not_clipped(short):
    with pytest.raises(SimError, match=r"population.tfr: sample 1 gives 6 in 2023, outside"):
        sampled_inputs(*short, {"population.tfr": np.array([1.0, 6.0])})


@pytest.mark.parametrize("values, message", [
    ({"population.fertility": [1.0]}, "not an uncertain input"),
    ({"population.tfr": [1.0, 1.1], "chronic.dropout_rate": [0.1]}, "different lengths"),
    ({"population.tfr": []}, "non-empty 1-D array"),
    ({"health_2020.diabetes_managed_share": [0.5]}, "above health_2020.diabetes_aware_share"),
])
def test_bad_sampled_values_give_one_line(short, values, message):
    with pytest.raises(SimError, match=message) as error:
        sampled_inputs(*short, {k: np.asarray(v) for k, v in values.items()})
    assert "\n" not in str(error.value)


def test_central_values_reproduce_the_scenario_run(short, space):
    scenario, region = short
    # every input but life expectancy and the sex ratio, whose mortality level comes from the
    # table when sampled (tested above), at its central value
    values = {a.key: np.full(2, a.central) for a in space
              if a.key not in ("population.life_expectancy", "population.sex_ratio_at_birth")}
    ds = run_sampled(scenario, values, chunk=250)
    _, reference, _ = simulate(scenario)
    for name in ("total_population", "standardized_management_rate", "gps_per_10000_hukou",
                 "beds", "infant_care_places_per_1000"):
        for i in range(2):
            np.testing.assert_allclose(ds[name].isel(sample=i), reference[name], rtol=1e-10)


def test_target_values_are_what_the_verdicts_read(short, space):
    scenario, region = short
    targets = load_targets("hangzhou")
    ds = run_sampled(scenario, draw(space, 5, seed=1), chunk=250)
    values = target_values(ds, targets)
    years = ds["time"].to_numpy()
    for i in range(5):
        one = ds.isel(sample=i)
        for j, t in enumerate(targets):
            verdict = judge(years, indicator_path(one, t), t)
            if verdict.value_at_deadline is None:      # deadline after 2025
                assert np.isnan(values[i, j])
            else:
                assert values[i, j] == verdict.value_at_deadline
    assert list(values["target"].values) == [t.id for t in targets]
