"""The health window's posterior (China) and what takes it: the sampler centres on the least
squares, the sample file is refused when stale, China's scenarios continue the decade's
fitted paces from 2020 (sim.analysis.calibration.health_window.continued_series, through
sim.inputs.fitted), and `sim uncertainty` draws them jointly from the sample
(sim.analysis.posterior_draws)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
import yaml

from sim.analysis.calibration.health_window import (
    PACE_KEYS,
    continued_paths,
    continued_series,
    health_window,
)
from sim.analysis.calibration.posterior import laplace_start, window_posterior
from sim.analysis.calibration.runner import calibrate_window, window_problem
from sim.analysis.calibration.windows import backcast_window, read_history
from sim.analysis.posterior_draws import HEALTH_ROW_STREAM, posterior_draws
from sim.analysis.uncertainty import monte_carlo, samples_dataset
from sim.core.errors import InputError
from sim.core.paths import CALIBRATION_DIR, FIT_FILE, SCENARIOS_DIR
from sim.inputs.keys import HEALTH_FITTED_KEYS
from sim.inputs.posterior import load_posterior, posterior_path
from sim.inputs.region import load_region
from sim.inputs.scenario import load_scenario
from sim.runs.assumption_space import assumption_space
from tests.helpers import copy_regions, edit_history

BASELINE = SCENARIOS_DIR / "china" / "baseline.yaml"


def fit_yaml(root=CALIBRATION_DIR) -> dict:
    return yaml.safe_load((root / "china" / FIT_FILE).read_text(encoding="utf-8"))


def estimates(record: dict) -> dict[str, float]:
    return {name: p["estimate"]
            for name, p in record["windows"]["health"]["parameters"].items()}


def test_every_health_key_is_set_by_a_pace():
    assert {k for keys in PACE_KEYS.values() for k in keys} == set(HEALTH_FITTED_KEYS)


# --------------------------------------------------------------------------------------------
# China's scenarios take the fitted paces

def test_chinas_defaults_continue_the_decades_fitted_paces():
    """The loaded region's supply keys are the fit's paces from the profile's 2020 levels, not
    the profile's 2020-21 paces (fails if the fit is ignored)."""
    record = fit_yaml()
    assert record["windows"]["health"]["accepted"] is True
    region, profile = load_region("china"), load_region("china", use_fit=False)
    wanted = continued_series(profile, estimates(record))
    years = np.arange(2020, 2051)
    for key in HEALTH_FITTED_KEYS:
        got = region.defaults[key].values(years)
        np.testing.assert_allclose(got, wanted[key].values(years), rtol=1e-5, err_msg=key)
        assert not np.allclose(got, profile.defaults[key].values(years), rtol=1e-3), key
        assert "fitted to history" in region.provenance[key].source
    # the meaning, spelled out: the GP intake of 2021 held, split 2:1; ratios rise from 2020's
    est = estimates(record)
    training = region.defaults["workforce.gp_training_places"].values(years)
    assert np.allclose(training[years >= 2021], est["gp_intake_2021"] * 2 / 3, rtol=1e-5)
    doctors = region.defaults["workforce.doctors_per_1000_target"].values(years)
    start = profile.defaults["workforce.doctors_per_1000_target"].values(years[:1])[0]
    assert doctors[0] == pytest.approx(start)
    assert doctors[years == 2030][0] == pytest.approx(
        start + 10 * est["doctors_per_1000_rise_2010s"], rel=1e-5)
    # cities are not changed: Hangzhou keeps its profile's values
    hangzhou = load_region("hangzhou")
    for key in HEALTH_FITTED_KEYS:
        assert "fitted to history" not in (hangzhou.provenance[key].source or "")


@pytest.fixture
def copy(tmp_path):
    return copy_regions(tmp_path / "calibration", "china")


def _edit_fit(root, edit) -> None:
    path = root / "china" / FIT_FILE
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_health_window_not_accepted_leaves_the_profiles_paces(copy):
    _edit_fit(copy, lambda raw: raw["windows"]["health"].update(accepted=False))
    region, profile = load_region("china", copy), load_region("china", copy, use_fit=False)
    for key in HEALTH_FITTED_KEYS:
        assert region.defaults[key] == profile.defaults[key], key


def test_a_fitted_pace_outside_the_fits_range_is_refused(copy):
    def edit(raw):
        raw["scenario_defaults"]["workforce.gp_training_places"]["high"] = 50_000.0
    _edit_fit(copy, edit)
    with pytest.raises(InputError, match="outside the fit's range") as error:
        load_region("china", copy)
    assert "\n" not in str(error.value)


def test_a_stale_fit_is_refused_with_one_line(copy):
    profile = copy / "china" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="fitted to another version of profile.yaml") as error:
        load_region("china", copy)
    assert "\n" not in str(error.value)


# --------------------------------------------------------------------------------------------
# The sample file

def test_the_committed_health_posterior_is_current_and_converged():
    """fit/health_posterior.csv belongs to fit.yaml and the data as they are now (else: python
    -m sim calibrate china), and its chains are long against tau_int."""
    sample = load_posterior(load_region("china"), "health").sample
    assert sample is not None
    assert sample.header["window"] == "health"
    assert len(sample.table) == 2000 and not sample.table.isna().any().any()
    d = sample.header["diagnostics"]
    assert 0.15 < d["acceptance_fraction_mean"] < 0.6
    # below emcee's 50 tau_int (tau_int 39-56 steps; the 5-minute budget allows 2,000 steps),
    # so tau_int itself is uncertain; the sample is still ~2,000 independent draws
    assert d["kept_steps_per_autocorrelation_time"] > 25
    assert min(d["effective_sample_size"].values()) > 1000
    # centred on the least squares: each estimate within one posterior sd of the mean
    est = estimates(fit_yaml())
    for name, value in est.items():
        column = sample.table[name]
        assert abs(column.mean() - value) < column.std(), name


def test_a_health_posterior_of_another_calibration_is_refused(copy):
    path = posterior_path(copy / "china", "health")
    path.write_text(path.read_text(encoding="utf-8") + "1" + ",1" * 11 + "\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match="written by another calibration than fit.yaml") as e:
        load_posterior(load_region("china", copy), "health")
    assert "\n" not in str(e.value) and "health posterior" in str(e.value)


def test_a_health_posterior_from_other_data_is_refused(copy):
    region = load_region("china", copy)
    edit_history(copy, "china")
    with pytest.raises(InputError, match="sampled from another version of history.csv; "
                                         "re-run `python -m sim calibrate china`"):
        load_posterior(region, "health")


def test_a_missing_health_posterior_holds_the_paces_and_says_so(copy):
    posterior_path(copy / "china", "health").unlink()
    region = load_region("china", copy)
    scenario = load_scenario(BASELINE)
    drawn = posterior_draws(scenario, region, assumption_space(scenario, region), 10, 1)
    assert not set(HEALTH_FITTED_KEYS) & set(drawn.keys)
    assert "held at their defaults" in drawn.note and "not found" in drawn.note


def test_regions_without_a_health_window_say_nothing_about_it():
    scenario = load_scenario(SCENARIOS_DIR / "hangzhou" / "baseline.yaml")
    region = load_region("hangzhou")
    drawn = posterior_draws(scenario, region, assumption_space(scenario, region), 10, 1)
    assert "health" not in drawn.note and drawn.window == "forward"


# --------------------------------------------------------------------------------------------
# `sim uncertainty` draws them jointly

def test_uncertainty_draws_the_paces_jointly_from_the_health_posterior():
    region = load_region("china")
    scenario = load_scenario(BASELINE)
    space = assumption_space(scenario, region)
    n = 4_000
    drawn = posterior_draws(scenario, region, space, n, seed=1)
    assert set(HEALTH_FITTED_KEYS) <= set(drawn.keys)
    health = next(p for p in drawn.used() if p.window == "health")
    table = load_posterior(region, "health").sample.table
    # the rows come from a stream of their own: (seed, HEALTH_ROW_STREAM)
    rows = np.random.default_rng([1, HEALTH_ROW_STREAM]).integers(0, len(table), size=n)
    assert np.array_equal(health.rows, rows)
    # correlations of the sample kept
    names = list(PACE_KEYS)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            rho = float(np.corrcoef(table[a], table[b])[0, 1])
            got = float(np.corrcoef(health.parameters[a], health.parameters[b])[0, 1])
            assert abs(got - rho) < 4 * (1 - rho**2) / math.sqrt(n) + 1e-9, (a, b, got, rho)
    # each sample's paths are the row's paces continued (the definition scenarios run on)
    profile = load_region("china", use_fit=False)
    years = scenario.years
    some = table.iloc[rows[:5]]
    expected = continued_paths(profile, some, years)
    for key in HEALTH_FITTED_KEYS:
        np.testing.assert_allclose(drawn.paths[key][:5], expected[key], rtol=1e-12)
    # the keys as drawn keep the parameters' correlation (doctors target 2035 vs GP intake)
    doctors = drawn.paths["workforce.doctors_per_1000_target"][:, -1]
    rho = float(np.corrcoef(table["doctors_per_1000_rise_2010s"], table["gp_intake_2021"])[0, 1])
    got = float(np.corrcoef(doctors, drawn.paths["workforce.gp_training_places"][:, -1])[0, 1])
    assert abs(got - rho) < 4 * (1 - rho**2) / math.sqrt(n)


def test_the_judged_draws_are_the_same_with_or_without_the_health_posterior():
    result = monte_carlo(BASELINE, samples=40, seed=3)
    judged = monte_carlo(BASELINE, samples=40, seed=3, posterior=False)
    assert set(HEALTH_FITTED_KEYS) <= set(result.posterior.keys)
    assert judged.posterior.keys == []
    for a in result.space:
        assert np.array_equal(result.samples[a.key], judged.samples[a.key]), a.key
    ds = samples_dataset(result)
    key = "workforce.gp_training_places"
    assert ds[key].attrs["distribution"] == "posterior" and ds[key].dims == ("sample", "year")
    assert "health_posterior_row" in ds and "health_posterior.gp_intake_2021" in ds
    # the paces change the outcome: GPs differ between samples only with the posterior
    spread = result.dataset["general_practitioners"].isel(time=-1).std().item()
    assert spread > judged.dataset["general_practitioners"].isel(time=-1).std().item()


# --------------------------------------------------------------------------------------------
# The sampler on the health window

@pytest.mark.slow  # the least squares (~100 runs) and 32 walkers x 150 steps: ~25 s
def test_the_sampler_on_the_health_window_centres_on_the_least_squares():
    region = load_region("china", use_fit=False)
    history = read_history("china")
    window = backcast_window(region, history, CALIBRATION_DIR / "china")
    record = fit_yaml()
    backcast = SimpleNamespace(window=window, estimate=SimpleNamespace(values=np.array(
        [record["windows"]["backcast"]["parameters"][p.name]["estimate"]
         for p in window.parameters])))
    health = health_window(region, history, backcast)  # type: ignore[arg-type]
    fit = calibrate_window(region, health, seed=0, starts=1)
    _, problem = window_problem(region, health)
    post = window_posterior(problem, seed=0, walkers=32, steps=150, burn=50, draws=1000,
                            around=laplace_start(problem, fit.estimate))
    assert post.draws.shape == (1000, len(health.parameters) + 1)
    summary = post.summary()["parameters"]
    for q, value in zip(health.parameters, fit.estimate.values):
        s = summary[q.name]
        assert abs(s["mean"] - value) < 0.75 * s["sd"], (q.name, s, value)
        assert q.low <= s["q05"] and s["q95"] <= q.high
    # the error scale: the residuals' (sqrt(2 objective / (n - p)) ~ 1.5), not the prior's 1
    assert 1.1 < summary["sigma_scale"]["median"] < 2.2
