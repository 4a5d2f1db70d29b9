"""Global sensitivity (sim.analysis.sensitivity.methods): checked on functions whose indices
are known in closed form before it is trusted on the model, then the `sensitivity` verb end to
end."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from sim.analysis.sensitivity.indices import runs_outside_0_1, scenario_indices
from sim.analysis.sensitivity.methods import UniformFactor, design, sensitivity, to_table
from sim.analysis.targets import load_targets
from sim.core.errors import SimError
from sim.interfaces.cli import main
from tests.helpers import short_baseline

pytestmark = pytest.mark.slow  # thousands of sampled runs

# --------------------------------------------------------------------------------------------
# Ishigami: f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U(-pi, pi)

A, B = 7.0, 0.1
ISHIGAMI = [UniformFactor(f"x{i}", -np.pi, np.pi) for i in (1, 2, 3)]


def ishigami(x: np.ndarray) -> np.ndarray:
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_indices(a: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """Analytic S1 and ST (Ishigami & Homma 1990; Sobol' & Levitan 1999): the partial
    variances V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V3 = 0, V13 = 8 b^2 pi^8 / 225, and the
    total V = V1 + V2 + V13 = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2."""
    pi4 = np.pi ** 4
    v1 = 0.5 * (1 + b * pi4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = 8 * b ** 2 * np.pi ** 8 / 225
    total = a ** 2 / 8 + b * pi4 / 5 + b ** 2 * np.pi ** 8 / 18 + 0.5
    assert total == pytest.approx(v1 + v2 + v13, rel=1e-12)  # the decomposition adds up
    return np.array([v1, v2, 0.0]) / total, np.array([v1 + v13, v2, v13]) / total


def test_ishigami_closed_form_is_the_published_one():
    s1, st = ishigami_indices(A, B)
    assert s1 == pytest.approx([0.3139, 0.4424, 0.0], abs=1e-4)
    assert st == pytest.approx([0.5576, 0.4424, 0.2437], abs=1e-4)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sobol_recovers_ishigami_indices_within_their_confidence_intervals(seed):
    """N = 4096 base samples (20,480 evaluations). SALib's bootstrap gives a 95% half-width
    of about 0.015-0.05 at this N; the estimate must lie within it of the analytic value for
    every index and seed (a scrambled Sobol' sequence usually does better than the bootstrap,
    which assumes random sampling, so this can fail only if the estimator or our mapping is
    wrong). The half-widths must also be small, or the check would be empty."""
    s1, st = ishigami_indices(A, B)
    table = to_table(sensitivity(ISHIGAMI, ishigami, "sobol", 4096, seed=seed))
    assert (table[["S1_conf", "ST_conf"]] < 0.06).all().all()
    assert np.all(np.abs(table["S1"] - s1) <= table["S1_conf"])
    assert np.all(np.abs(table["ST"] - st) <= table["ST_conf"])
    # What a planner reads from it: x3 acts only through its interaction with x1.
    assert table["ST"][2] - table["S1"][2] > 0.15


def test_morris_on_a_linear_function_gives_coefficient_times_range():
    """For f = sum c_i x_i with x_i ~ U(lo_i, hi_i), every elementary effect of x_i, per unit
    quantile, is c_i (hi_i - lo_i): mu_star equals |c_i| (hi_i - lo_i) exactly and sigma is 0.
    Coefficients and ranges are chosen so that ranking by |c_i| alone would be wrong."""
    coefficients = np.array([3.0, -0.5, 10.0, 0.0])
    factors = [UniformFactor("a", 0.0, 1.0), UniformFactor("b", -20.0, 20.0),
               UniformFactor("c", 5.0, 5.1), UniformFactor("d", 0.0, 100.0)]
    spans = np.array([f.high - f.low for f in factors])
    result = sensitivity(factors, lambda x: x @ coefficients, "morris", 20, seed=3)
    expected = np.abs(coefficients) * spans           # 3, 20, 1, 0
    assert result["mu_star"].values[0] == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert result["sigma"].values[0] == pytest.approx(np.zeros(4), abs=1e-9)
    ranking = list(result["mu_star"].to_series().droplevel("output")
                   .sort_values(ascending=False).index)
    assert ranking == ["b", "a", "c", "d"]


def test_triangular_factor_is_sampled_as_triangular():
    """Samples are drawn on [0, 1] and mapped through each factor's ppf. For f = x1 + x2 the
    first-order index of x1 is Var(x1) / (Var(x1) + Var(x2)): with x1 ~ Tri(0, 0.5, 1)
    (variance 1/24) and x2 ~ U(0, 1) (variance 1/12) that is 1/3, whereas sampling x1 as
    uniform on its range would give 1/2."""

    class Triangular:
        key = "x1"

        def ppf(self, u):
            return stats.triang.ppf(u, c=0.5, loc=0.0, scale=1.0)

    factors = [Triangular(), UniformFactor("x2", 0.0, 1.0)]
    d = design(factors, "sobol", 1024, seed=0)
    assert stats.kstest(d.values[:, 0], stats.triang(c=0.5).cdf).pvalue > 0.01
    result = sensitivity(factors, lambda x: x[:, 0] + x[:, 1], "sobol", 1024, seed=0)
    s1 = result["S1"].values[0]
    conf = result["S1_conf"].values[0]
    assert abs(s1[0] - 1 / 3) <= conf[0] and abs(s1[1] - 2 / 3) <= conf[1]
    assert conf[0] < 0.1  # 1/3 and 1/2 are told apart


def test_an_output_that_never_varies_is_marked_constant():
    result = sensitivity(ISHIGAMI[:2], lambda x: np.column_stack([x[:, 0], np.ones(len(x))]),
                         "sobol", 64, output_names=["moves", "flat"])
    assert result["constant"].values.tolist() == [False, True]
    assert np.isnan(result["ST"].sel(output="flat")).all()
    assert result["ST"].sel(output="moves", factor="x1") == pytest.approx(1.0, abs=0.05)


@pytest.mark.parametrize("method, samples, message", [
    ("sobol", 1000, "allowed: a power of 2"),
    ("morris", 1, "allowed: 2 or more"),
    ("fast", 64, "allowed: sobol, morris"),
])
def test_bad_designs_are_one_line_errors(method, samples, message):
    with pytest.raises(SimError, match=message) as error:
        design(ISHIGAMI, method, samples)
    assert "\n" not in str(error.value)


def test_a_failed_evaluation_is_a_one_line_error():
    def fails(x):
        y = x[:, 0].copy()
        y[5] = np.nan
        return y

    with pytest.raises(SimError, match="not finite in run 5"):
        sensitivity(ISHIGAMI, fails, "sobol", 16)


# --------------------------------------------------------------------------------------------
# The model: `python -m sim sensitivity` end to end

def short_scenario(folder) -> str:
    """Hangzhou baseline to 2030, with the dropout rate held at its profile value (a
    scenario may fix any assumption; it is then not sampled)."""
    return str(short_baseline(folder, 2030, "assumptions:\n  chronic.dropout_rate: 0.1\n"))


# No model path at all: infant-care demand is an output only (health_system.mdl: nothing
# reads `infant care demand`).
NO_PATH_ANYWHERE = "care.infant_care_demand_share"
# Beds reach the chronic cascade only through hiring (nurses per bed share the hiring budget
# with doctors) -> other doctors -> transfer training starts = MIN(GP transfer training,
# other doctors), which binds only if other doctors fall below the yearly transfer quota:
# never in Hangzhou. So they cannot move the chronic-disease targets.
BED_ASSUMPTIONS = ("beds.average_length_of_stay", "beds.admission_rate_scale")
CHRONIC_TARGETS = ("hypertension_standardized_management", "diabetes_standardized_management",
                   "hypertension_standardized_management_2030",
                   "diabetes_primary_care_standardized_management_2030")


@pytest.fixture(scope="module")
def morris_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sensitivity")
    out = folder / "out"
    code = main(["sensitivity", short_scenario(folder), "--method", "morris", "--samples", "4",
                 "--out", str(out), "--quiet", "--lang", "en"])
    (run,) = (out / "hangzhou" / "short").iterdir()
    return code, run


def test_the_verb_writes_indices_tables_and_a_chart_per_target(morris_run):
    code, run = morris_run
    assert code == 0 and run.name.startswith("sensitivity-morris-")
    table = pd.read_csv(run / "indices.csv")
    targets = [t for t in load_targets("hangzhou") if t.deadline <= 2030]
    assert set(table["target"]) == {t.id for t in targets}
    assumptions = set(table["assumption"])
    assert "chronic.dropout_rate" not in assumptions  # the scenario fixes it
    assert len(table) == len(targets) * len(assumptions)
    assert np.isfinite(table[["mu_star", "mu_star_conf", "sigma", "mu"]].to_numpy()).all()
    for name in ("runs.csv", "sensitivity.yaml", "sensitivity_zh.md", "sensitivity_en.md"):
        assert (run / name).stat().st_size > 0
    moved = table.groupby("target")["mu_star"].max() > 0
    for target in moved[moved].index:  # a chart for every target some assumption moves
        assert (run / f"rank_{target}.png").exists() and (run / f"rank_{target}.svg").exists()
    runs = pd.read_csv(run / "runs.csv")
    assert len(runs) == 4 * (len(assumptions) + 1)  # r (k + 1) model runs
    assert "2020年全科医生" in (run / "sensitivity_zh.md").read_text(encoding="utf-8")


def test_assumptions_without_a_path_have_no_effect_and_capacity_ranks_high(morris_run):
    _, run = morris_run
    table = pd.read_csv(run / "indices.csv")
    by = table.set_index(["target", "assumption"])
    largest = table.groupby("target")["mu_star"].max()
    # 0 up to rounding: 1e-9 of the target's largest effect
    no_path = by.xs(NO_PATH_ANYWHERE, level="assumption")["mu_star"]
    assert (no_path <= 1e-9 * largest[no_path.index]).all()
    for target in CHRONIC_TARGETS:
        assert largest[target] > 0.01  # 1 percentage point: the targets do move
        for assumption in BED_ASSUMPTIONS:
            assert by.loc[(target, assumption), "mu_star"] <= 1e-9 * largest[target]
    # What a GP team can follow limits how many patients reach the standard where teams are
    # full: a real effect, though no longer a top-3 one now that the baseline's GPs grow at
    # their observed pace (national GPs per 10,000 2.90 -> 3.99, 2020-23), so teams are full in
    # fewer draws. The standardization rates decide it.
    target = "diabetes_primary_care_standardized_management_2030"
    assert by.loc[(target, "chronic.patients_per_gp"), "mu_star"] > 0.01 * largest[target]
    top = table[table["target"] == target].sort_values("rank")["assumption"].head(3).tolist()
    assert {"chronic.standardization_rate", "chronic.destandardization_rate"} <= set(top)
    # and the beds themselves answer to the bed assumptions
    nurses = table[table["target"] == "nurses_per_1000_2030"].set_index("assumption")
    assert nurses.loc["beds.admission_rate_scale", "mu_star"] > 0


def test_sobol_on_the_model_gives_zero_to_an_assumption_without_a_path(tmp_path):
    """Saltelli's estimators of S1 and ST difference runs that differ only in one factor: a
    factor with no path gives the same runs, so both indices are 0 up to rounding (the batch
    engine's matrix products may differ in the last bit between positions in a block)."""
    result = scenario_indices(short_scenario(tmp_path), method="sobol", samples=8)
    indices = result.indices
    assert indices.attrs["runs"] == 8 * (len(result.factors) + 2)
    for name in ("S1", "ST"):
        assert (abs(indices[name].sel(factor=NO_PATH_ANYWHERE)) < 1e-12).all()
    varied = ~indices["constant"].to_numpy()
    assert np.isfinite(indices["ST"].to_numpy()[varied]).all()


def test_bad_sample_size_is_one_line_and_exit_status_2(tmp_path, capsys):
    code = main(["sensitivity", short_scenario(tmp_path), "--samples", "100", "--quiet",
                 "--out", str(tmp_path / "out")])
    error = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in error
    assert error.startswith("error: <input>: --samples: not a power of 2; given 100")
    assert not (tmp_path / "out").exists()


def test_runs_where_a_share_leaves_0_to_1_are_counted_for_share_targets_only():
    targets = {t.id: t for t in load_targets("hangzhou")}
    picked = [targets["hypertension_standardized_management"], targets["gps_per_10000"]]
    y = np.array([[0.5, 7.0], [1.3, 9.0], [-0.2, 12.0], [1.0, 0.5]])
    assert runs_outside_0_1(y, picked) == {"hypertension_standardized_management": 2}
    assert runs_outside_0_1(y[[0, 3]], picked) == {}
