"""`sim uncertainty`: probabilities that are the share of samples reached, a complete results
folder, reproducible draws, one-line errors and no folder on failure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from sim.analysis.targets import load_targets
from sim.analysis.uncertainty import monte_carlo
from sim.analysis.verdicts import indicator_path, judge
from sim.interfaces.cli import main
from tests.helpers import short_baseline

pytestmark = pytest.mark.slow  # hundreds to thousands of sampled runs, a Dask cluster

N = 50


@pytest.fixture(scope="module")
def short(tmp_path_factory):
    return short_baseline(tmp_path_factory.mktemp("scenarios"), 2025)


@pytest.fixture(scope="module")
def folder(short, tmp_path_factory):
    out = tmp_path_factory.mktemp("results")
    assert main(["uncertainty", str(short), "--samples", str(N), "--seed", "7", "--out",
                 str(out), "--lang", "en", "--quiet"]) == 0
    (run,) = (out / "hangzhou" / "short").iterdir()
    return run


def test_folder_holds_tables_charts_netcdf_and_provenance(folder):
    names = {p.name for p in folder.iterdir()}
    assert {"probabilities.csv", "probabilities_zh.md", "probabilities_en.md", "samples.nc",
            "outputs.nc", "provenance.yaml"} <= names
    assert folder.name.startswith("uncertainty-")
    assert "standardized_management_rate_hypertension.png" in names
    assert "gps_per_10000_hukou.svg" in names
    samples = xr.open_dataset(folder / "samples.nc")
    assert samples.sizes["sample"] == N and "population.tfr" in samples
    # the calibrated keys come from the fit's posterior, the rest from their judged ranges
    assert samples["population.tfr"].attrs["distribution"] == "posterior"
    assert samples["population.life_expectancy"].attrs["distribution"] == "triangular"
    text = (folder / "provenance.yaml").read_text(encoding="utf-8")
    assert "seed: 7" in text and "samples: 50" in text and "scenario_sha256" in text


def test_probability_is_the_share_of_samples_whose_verdict_is_reached(folder):
    table = pd.read_csv(folder / "probabilities.csv")
    outputs = xr.open_dataset(folder / "outputs.nc")
    years = outputs["time"].to_numpy()
    targets = {t.id: t for t in load_targets("hangzhou")}
    checked = 0
    for row in table.itertuples():
        t = targets[row.id]
        verdicts = [judge(years, indicator_path(outputs.isel(sample=i), t), t) for i in range(N)]
        if verdicts[0].reached is None:           # deadline after the run
            assert np.isnan(row.p_reached)
            continue
        assert row.p_reached == np.mean([v.reached for v in verdicts])
        assert row.median == np.median([v.value_at_deadline for v in verdicts])
        checked += 1
    assert checked >= 10
    # not all 0 or 1: the draws do move the verdicts
    assert ((table.p_reached > 0) & (table.p_reached < 1)).any()


def test_same_seed_same_numbers_other_seed_others(short):
    a = monte_carlo(short, samples=20, seed=3)
    b = monte_carlo(short, samples=20, seed=3)
    c = monte_carlo(short, samples=20, seed=4)
    pd.testing.assert_frame_equal(a.table, b.table)
    for name in a.dataset.data_vars:
        assert np.array_equal(a.dataset[name].values, b.dataset[name].values, equal_nan=True)
    assert not np.array_equal(a.samples["population.tfr"], c.samples["population.tfr"])


@pytest.mark.parametrize("args, message", [
    (["--samples", "0"], "--samples: given 0; allowed: a whole number from 1"),
    (["--chunk", "30"], "chunk: given 30; allowed: a multiple of 250"),
    (["--seed", "-1"], "--seed: given -1"),
    (["--scheduler", "tcp://127.0.0.1:9"], "nothing answers at tcp://127.0.0.1:9"),
])
def test_bad_input_gives_one_line_status_2_and_no_folder(short, tmp_path, capsys, monkeypatch,
                                                         args, message):
    from sim.runs import scaleout

    monkeypatch.setattr(scaleout, "CONNECT_TIMEOUT", 2)
    out = tmp_path / "results"
    # argparse keeps the last value of an option given twice
    code = main(["uncertainty", str(short), "--samples", "4", "--out", str(out), "--quiet",
                 *args])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and message in err
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))
