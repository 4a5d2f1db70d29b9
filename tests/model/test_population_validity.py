"""Validity tests of the population sector (Sterman ch. 21; Barlas 1996): mass balance,
exact cohort shift, extreme conditions, life expectancy, and the 2020 census baseline."""

import numpy as np
import pytest

from sim.inputs.region import load_region
from tests.helpers import REGIONS, assert_mass_balance, inputs_for, run, with_model_series


@pytest.fixture(scope="module")
def baselines():
    return {region: run(inputs_for(region)) for region in REGIONS}


@pytest.mark.parametrize("region", REGIONS)
def test_mass_balance_every_year(baselines, region):
    assert_mass_balance(baselines[region])


@pytest.mark.parametrize("region", REGIONS)
def test_cohort_structure_adds_up_to_the_totals(baselines, region):
    ds = baselines[region]
    by_age = ds["population"].sum(["sex", "age"]).values
    np.testing.assert_allclose(by_age, ds["total_population"].values, rtol=1e-12)
    # Total deaths = deaths by age + deaths of the year's newborns; the latter are a few per
    # thousand births (infant mortality), so the difference is positive and small.
    newborn_deaths = ds["total_deaths"].values - ds["deaths"].sum(["sex", "age"]).values
    assert np.all(newborn_deaths > 0)
    assert np.all(newborn_deaths < 0.01 * ds["total_births"].values)


def test_exact_cohort_shift_without_deaths_or_migration():
    inputs = with_model_series(inputs_for("hangzhou"), mortality_level=0.0,
                               net_migrants_total=0.0)
    pop = run(inputs)["population"]
    start = pop.sel(time=2020)
    for k in (1, 5, 15):
        later = pop.sel(time=2020 + k)
        for sex in ("female", "male"):
            shifted = later.sel(sex=sex, age=slice(k, 99)).values
            np.testing.assert_array_equal(shifted, start.sel(sex=sex, age=slice(0, 99 - k)).values)
            open_group = start.sel(sex=sex, age=slice(100 - k, 100)).sum().item()
            assert later.sel(sex=sex, age=100).item() == pytest.approx(open_group, rel=1e-12)


def test_no_births_empties_the_youngest_ages():
    inputs = with_model_series(inputs_for("hangzhou"), total_fertility_rate=0.0,
                               net_migrants_total=0.0)
    ds = run(inputs)
    assert np.all(ds["total_births"].values == 0.0)
    for k in (1, 3, 10, 15):
        assert ds["population"].sel(time=2020 + k, age=slice(0, k - 1)).sum().item() == 0.0
    # The last cohort born before births stopped (aged 0 in 2020) is aged 15 in 2035.
    assert ds["population"].sel(time=2035, age=14).sum().item() == 0.0
    assert ds["population"].sel(time=2035, age=15).sum().item() > 0.0


def test_huge_out_migration_never_makes_a_cohort_negative():
    inputs = with_model_series(inputs_for("jiamusi"), net_migrants_total=-1e9)
    ds = run(inputs)
    assert ds["population"].min().item() >= 0.0
    # Everyone in an age the migration profile covers leaves; what remains is a few hundred
    # people of the oldest ages, to which the profile gives no migrants.
    assert ds["total_population"].sel(time=2035).item() < 1e-3 * ds["total_population"].sel(
        time=2020).item()
    assert ds["total_net_migration"].sel(time=2020).item() > -ds["total_population"].sel(
        time=2020).item()


def test_very_high_life_expectancy_gives_few_non_negative_deaths(baselines):
    ds = run(inputs_for("hangzhou", **{"population.life_expectancy": 100}))
    assert ds["deaths"].min().item() >= 0.0
    assert ds["implied_life_expectancy"].values == pytest.approx(100.0, abs=0.05)
    baseline_deaths = baselines["hangzhou"]["total_deaths"].values
    assert ds["total_deaths"].values[0] < 0.35 * baseline_deaths[0]
    assert np.all(ds["total_deaths"].values < baseline_deaths)


def test_lower_life_expectancy_means_more_deaths(baselines):
    ds = run(inputs_for("hangzhou", **{"population.life_expectancy": 70}))
    assert np.all(ds["total_deaths"].values > baselines["hangzhou"]["total_deaths"].values)


@pytest.mark.parametrize("region", REGIONS)
def test_implied_life_expectancy_follows_the_input_path(baselines, region):
    ds = baselines[region]
    from tests.helpers import baseline_series

    _, _, series = baseline_series(region)
    target = series["population.life_expectancy"].values(ds["time"].values)
    np.testing.assert_allclose(ds["implied_life_expectancy"].values, target, atol=0.05)


@pytest.mark.parametrize("region", REGIONS)
def test_base_year_equals_the_census(baselines, region):
    ds = baselines[region].sel(time=2020)
    census = load_region(region).census
    total = ds["total_population"].item()
    assert total == pytest.approx(census["total"], rel=1e-9)
    shares = {"share_0_14": "population_0_14", "share_15_59": "population_15_59",
              "share_60_plus": "population_60_plus", "share_65_plus": "population_65_plus"}
    checked = 0
    for share, variable in shares.items():
        if share in census:
            assert 100 * ds[variable].item() / total == pytest.approx(census[share], abs=0.1)
            checked += 1
    assert checked == 4 or region == "jiamusi"


def test_hangzhou_base_year_births_match_the_published_crude_birth_rate(baselines):
    """The profile derives the 2020 TFR so that births equal CBR x census total, with CBR 7.76
    per 1,000 (2021 Hangzhou population bulletin); the calibration then scales it to fit the
    2021-2022 rates (tfr_scale in calibration/hangzhou/fit.yaml, 1.02). The base year's rate
    stays within 0.2 per 1,000 of the published one."""
    ds = baselines["hangzhou"].sel(time=2020)
    assert ds["crude_birth_rate"].item() == pytest.approx(7.76, abs=0.2)


def test_a_2040_horizon_runs_and_keeps_its_balance():
    from sim.core.paths import SCENARIOS_DIR
    from sim.inputs.scenario import load_scenario
    from sim.runs.simulate import simulate

    _, ds, _ = simulate(load_scenario(SCENARIOS_DIR / "hangzhou" / "baseline_2040.yaml"))
    assert int(ds["time"].values[-1]) == 2040
    assert_mass_balance(ds)
