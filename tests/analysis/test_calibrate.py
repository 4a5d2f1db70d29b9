"""Calibration to history (sim.analysis.calibration): time mapping, synthetic recovery on the
model, the acceptance rule, fitted defaults reaching scenarios, and the committed fit files."""


import numpy as np
import pandas as pd
import pytest
import xarray as xr
import yaml

from sim.analysis.calibration import fit as region_fit
from sim.analysis.calibration.estimate import Problem, estimate, identifiability
from sim.analysis.calibration.record import DIGITS, sha256_of
from sim.analysis.calibration.runner import WindowModel
from sim.analysis.calibration.windows import (
    backcast_window,
    forward_window,
    model_time,
    read_history,
    simulated_at,
)
from sim.core.errors import InputError
from sim.core.paths import CALIBRATION_DIR, FIT_CHART_DIR, FIT_FILE
from sim.inputs.region import load_region
from tests.helpers import copy_regions

pytestmark = pytest.mark.slow  # fits run hundreds of model runs

REGIONS = ("hangzhou", "lishui", "jiamusi")


def test_model_time_counts_from_the_census_day():
    times = model_time(["2020-11-01", "2021-11-01", "2021-07-01", "2020-12-31"])
    assert times[:2].tolist() == [2020.0, 2021.0]
    assert times[2] == pytest.approx(2020 + 242 / 365)   # 1 Nov 2020 -> 1 Jul 2021: 242 days
    assert times[3] == pytest.approx(2020 + 60 / 365)


def test_flows_sit_at_the_middle_of_their_model_year():
    years = np.arange(2020, 2024)
    ds = xr.Dataset({"total_births": ("time", [100.0, 200.0, 300.0, 999.0]),
                     "total_population": ("time", [1e4, 2e4, 3e4, 4e4])},
                    coords={"time": years})
    # births of model year 2020 (100) at 2020.5, of 2021 (200) at 2021.5: 2021.0 is halfway
    assert simulated_at(ds, "births", np.array([2021.0]))[0, 0] == pytest.approx(150.0)
    # stocks are on the census day of each year
    assert simulated_at(ds, "resident_population", np.array([2021.25]))[0, 0] == 22500.0
    with pytest.raises(Exception, match="outside the simulated period"):
        simulated_at(ds, "births", np.array([2023.2]))   # the last year has no flow


def synthetic(window, runner, truth, noise_share, seed):
    """The window's fitted observations replaced by the model's values at `truth`, with
    seeded noise of `noise_share` of each observation's sigma."""
    rows = window.observations.of_role("fit")
    clean = runner.observed_values(np.array([truth]), rows)[0]
    noise = np.random.default_rng(seed).standard_normal(clean.size)
    return rows, clean + noise_share * rows["sigma"].to_numpy() * noise


@pytest.mark.parametrize("which, truth", [
    ("forward", [150_000.0, 220_000.0, 1.15]),
    ("backcast", [230_000.0, 1.2, 0.5]),
])
def test_recovers_known_parameters_from_synthetic_history(which, truth):
    region = load_region("hangzhou", use_fit=False)
    history = read_history("hangzhou")
    window = (forward_window(region, history) if which == "forward"
              else backcast_window(region, history, CALIBRATION_DIR / "hangzhou"))
    runner = WindowModel(region, window)
    rows, observed = synthetic(window, runner, truth, noise_share=0.2, seed=3)
    problem = Problem(window.parameters, lambda x: runner.observed_values(x, rows), observed,
                      rows["sigma"].to_numpy())
    result = estimate(problem, starts=1)
    report = identifiability(problem, result.jacobian)["parameters"]
    for q, value, true in zip(window.parameters, result.values, truth):
        entry = report[q.name]
        if entry["separable"]:   # within 3 of its standard errors
            assert abs(value - true) <= 3 * entry["standard_error"], (q.name, value, true)
        if entry["verdict"] == "identified":   # and then within 5% of its range
            assert abs(value - true) <= 0.05 * (q.high - q.low), (q.name, value, true)
    assert any(e["verdict"] == "identified" for e in report.values())


@pytest.fixture(scope="module")
def broken_copy(tmp_path_factory):
    """A copy of the calibration data whose 2021-2022 totals no migration in range explains."""
    root = copy_regions(tmp_path_factory.mktemp("calibration"), "hangzhou",
                        ignore=(FIT_FILE, "fit"))
    path = root / "hangzhou" / "history.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(("resident_population,2021-12-31", "resident_population,2022-12-31")):
            cells = line.split(",")
            cells[2] = str(int(float(cells[2]) * 1.3))
            lines[i] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    return root


def test_a_failing_fit_exits_non_zero_and_is_not_used(broken_copy, monkeypatch, capsys):
    from sim.interfaces.cli import main

    monkeypatch.setattr(region_fit, "CALIBRATION_DIR", broken_copy)
    status = main(["calibrate", "hangzhou", "--starts", "1", "--no-charts", "--quiet"])
    assert status == 1
    record = yaml.safe_load((broken_copy / "hangzhou" / FIT_FILE).read_text(encoding="utf-8"))
    assert record["windows"]["forward"]["accepted"] is False
    assert "[前推窗口" in (out := capsys.readouterr().out) and "拟合不接受" in out   # zh default
    # a fit that failed its rule leaves the profile's defaults in place
    assert (load_region("hangzhou", broken_copy).defaults["population.net_migration"]
            == load_region("hangzhou", broken_copy, use_fit=False)
            .defaults["population.net_migration"])


def test_fitted_defaults_reach_scenarios_and_a_stale_fit_is_refused(tmp_path):
    root = copy_regions(tmp_path / "calibration", "hangzhou")
    fit_path = root / "hangzhou" / FIT_FILE
    record = yaml.safe_load(fit_path.read_text(encoding="utf-8"))
    record["windows"]["forward"]["accepted"] = True
    record["scenario_defaults"]["population.net_migration"]["value"] = {
        "table": {2020: 123456.0, 2021: 98765.0}}
    fit_path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    region = load_region("hangzhou", root)
    years = np.array([2020, 2021, 2030])
    assert region.defaults["population.net_migration"].values(years).tolist() == [
        123456.0, 98765.0, 98765.0]
    assert "fit.yaml" in region.provenance["population.net_migration"].source
    # edit the profile: the fit no longer describes it
    profile = root / "hangzhou" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(InputError, match="re-run `python -m sim calibrate hangzhou`"):
        load_region("hangzhou", root)


@pytest.mark.parametrize("region", REGIONS)
def test_committed_fit_is_current_and_complete(region):
    """fit.yaml describes the data as they are now (else: python -m sim calibrate REGION)."""
    folder = CALIBRATION_DIR / region
    record = yaml.safe_load((folder / FIT_FILE).read_text(encoding="utf-8"))
    for name, digest in record["data_sha256"].items():
        assert sha256_of(folder / name) == digest, f"{name} changed since the fit"
    for window in record["windows"].values():
        for p in window["parameters"].values():
            assert p["low"] <= p["estimate"] <= p["high"]
            assert p["verdict"] in ("identified", "weak", "not identified")
        for stats in window["series"].values():
            shares = stats["u_m"] + stats["u_s"] + stats["u_c"]
            # each share is written to DIGITS significant digits (record.rounded)
            assert shares == pytest.approx(1.0, abs=3 * 10.0 ** -DIGITS) or shares == 0.0
            # 0: exact fit
        charts = {f"{window_name}_{s['series']}.png" for window_name, w in
                  record["windows"].items() for s in w["series"].values()}
        assert charts <= {p.name for p in (folder / FIT_CHART_DIR).iterdir()}
    assert pd.Timestamp(record["made"]) <= pd.Timestamp.now(tz="UTC")
