"""`sim uncertainty` draws the calibrated keys jointly from the fit's posterior sample
(sim.analysis.posterior_draws, sim.inputs.posterior): correlations kept, paths as the fit
defines them, a stale posterior refused, a missing one announced and replaced by the judged
ranges."""

from __future__ import annotations

import math

import numpy as np
import pytest
import xarray as xr

from sim.analysis.posterior_draws import posterior_draws
from sim.analysis.uncertainty import monte_carlo, samples_dataset
from sim.core.errors import InputError
from sim.core.paths import SCENARIOS_DIR
from sim.inputs.keys import FORWARD_FITTED_KEYS
from sim.inputs.posterior import load_posterior, posterior_path
from sim.inputs.region import load_region
from sim.inputs.scenario import load_scenario
from sim.runs.assumption_space import assumption_space
from tests.helpers import copy_regions, edit_history, short_baseline

MIGRATION, TFR = FORWARD_FITTED_KEYS
BASELINE = SCENARIOS_DIR / "hangzhou" / "baseline.yaml"


def draws(region, n=20_000, seed=1):
    scenario = load_scenario(BASELINE)
    return scenario, posterior_draws(scenario, region, assumption_space(scenario, region), n,
                                     seed)


def test_joint_draws_keep_the_posteriors_correlations_and_paths():
    region = load_region("hangzhou")
    scenario, drawn = draws(region)
    assert sorted(drawn.keys) == sorted(FORWARD_FITTED_KEYS)
    assert "posterior" in drawn.note
    table = load_posterior(region).sample.table
    n = drawn.rows.size
    names = list(table.columns)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            rho = float(np.corrcoef(table[a], table[b])[0, 1])
            got = float(np.corrcoef(drawn.parameters[a], drawn.parameters[b])[0, 1])
            assert abs(got - rho) < 4 * (1 - rho**2) / math.sqrt(n) + 1e-9, (a, b, got, rho)
    # the two keys' levels as drawn keep the correlation of their parameters
    years = scenario.years
    migration, tfr = drawn.paths[MIGRATION], drawn.paths[TFR]
    rho = float(np.corrcoef(table["net_migration_2021"], table["tfr_scale"])[0, 1])
    got = float(np.corrcoef(migration[:, -1], tfr[:, -1])[0, 1])
    assert abs(got - rho) < 4 * (1 - rho**2) / math.sqrt(n)
    # paths as the fit defines them: 2020's migration, then 2021's held; the TFR path scaled
    assert np.array_equal(migration[:, years == 2020][:, 0], drawn.parameters["net_migration_2020"])
    assert np.all(migration[:, years >= 2021] == drawn.parameters["net_migration_2021"][:, None])
    profile = load_region("hangzhou", use_fit=False).defaults[TFR].values(years)
    assert np.allclose(tfr / profile, drawn.parameters["tfr_scale"][:, None], rtol=1e-12)
    # seeded
    assert np.array_equal(draws(region)[1].rows, drawn.rows)


def test_judged_draws_differ_from_posterior_draws_only_in_the_fitted_keys():
    region = load_region("hangzhou")
    _, drawn = draws(region, n=200)
    assert set(drawn.paths) == set(FORWARD_FITTED_KEYS)   # every other key keeps its judged draw


@pytest.fixture
def copy(tmp_path):
    return copy_regions(tmp_path / "calibration", "hangzhou")


def test_a_posterior_from_other_data_is_refused(copy):
    region = load_region("hangzhou", copy)
    edit_history(copy, "hangzhou")
    # the region was loaded before the edit (a loader now refuses the fit: fit.yaml records
    # history.csv's hash too); the posterior checks the history again when it is drawn from
    with pytest.raises(InputError, match="sampled from another version of history.csv; "
                                         "re-run `python -m sim calibrate hangzhou`"):
        draws(region)
    with pytest.raises(InputError, match="fitted to another version of history.csv"):
        load_region("hangzhou", copy)


def test_a_posterior_of_another_calibration_is_refused(copy):
    path = posterior_path(copy / "hangzhou")
    path.write_text(path.read_text(encoding="utf-8") + "1,1,1,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="written by another calibration than fit.yaml") as e:
        draws(load_region("hangzhou", copy))
    assert "\n" not in str(e.value)


def test_a_missing_posterior_falls_back_to_judged_ranges_and_says_so(copy):
    posterior_path(copy / "hangzhou").unlink()
    _, drawn = draws(load_region("hangzhou", copy))
    assert drawn.keys == [] and drawn.paths == {}
    assert "judged ranges" in drawn.note and "not found" in drawn.note


@pytest.mark.slow  # 50 model runs
def test_uncertainty_records_which_inputs_came_from_the_posterior(tmp_path):
    short = short_baseline(tmp_path, 2025)
    result = monte_carlo(short, samples=50, seed=3)
    assert sorted(result.posterior.keys) == sorted(FORWARD_FITTED_KEYS)
    ds = samples_dataset(result)
    assert ds[MIGRATION].attrs["distribution"] == "posterior"
    assert ds[MIGRATION].dims == ("sample", "year")
    assert "posterior_row" in ds and "posterior.tfr_scale" in ds
    judged = monte_carlo(short, samples=50, seed=3, posterior=False)
    assert judged.posterior.keys == []
    # the other inputs are drawn the same with or without the posterior
    for a in result.space:
        if a.key not in FORWARD_FITTED_KEYS:
            assert np.array_equal(result.samples[a.key], judged.samples[a.key])
    assert isinstance(ds, xr.Dataset)


@pytest.mark.parametrize("region", ["hangzhou", "lishui", "jiamusi"])
def test_committed_posteriors_are_current_and_converged(region):
    """fit/posterior.csv belongs to fit.yaml and the data as they are now (else: python -m sim
    calibrate REGION), and its chains passed emcee's length rule."""
    sample = load_posterior(load_region(region)).sample
    assert sample is not None
    assert len(sample.table) == 2000 and not sample.table.isna().any().any()
    d = sample.header["diagnostics"]
    assert d["tau_reliable"] and 0.15 < d["acceptance_fraction_mean"] < 0.6
    assert min(d["effective_sample_size"].values()) > 1000


def test_the_chinese_line_says_where_the_fitted_inputs_came_from(tmp_path):
    from sim.reports.uncertainty_report import posterior_note

    result = monte_carlo(short_baseline(tmp_path, 2022), samples=8, seed=3)
    line = posterior_note(result, "zh")
    assert line.startswith("、".join(result.posterior.keys) + "：由校准后验样本 ")
    assert f"（{result.posterior.sample_rows}行，拟合于" in line
    assert result.posterior.sample_rows == len(load_posterior(result.region).sample.table)
    assert posterior_note(result, "en") == result.posterior.note


def test_a_reason_for_judged_ranges_is_chinese_in_the_chinese_line(copy):
    """Hangzhou without its posterior file: the Chinese line gives the loader's reason in
    Chinese (it printed the English one), the English line the English one."""
    from types import SimpleNamespace

    from sim.reports.uncertainty_report import posterior_note

    posterior_path(copy / "hangzhou").unlink()
    region = load_region("hangzhou", copy)
    scenario, drawn = draws(region, n=4)
    result = SimpleNamespace(posterior=drawn, space=assumption_space(scenario, region),
                             region=region)
    zh, en = posterior_note(result, "zh"), posterior_note(result, "en")
    assert "未用后验（找不到" in zh and "请用`python -m sim calibrate hangzhou`重新生成" in zh
    assert "not found" not in zh and "re-create" not in zh
    assert "not found (re-create it with `python -m sim calibrate hangzhou`)" in en
