"""The batch engine (sim.engines.batch): agrees with PySD, with closed forms, and with itself
per sample.

- Every scenario file runs through PySD (the reference) and the batch engine; every output
  agrees to 1e-9 relative.
- Tiny models written here have closed-form Euler solutions (exponential growth, a first-order
  material delay, an aging chain); one exercises the other constructs the engine supports
  against PySD; models with constructs it does not support are refused by name.
- Fifty samples in one run equal fifty single runs.
"""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from sim.core.errors import SimError
from sim.core.paths import SCENARIOS_DIR
from sim.engines.batch import BatchModel, run_batch
from sim.engines.pysd_runner import run_pysd
from tests.helpers import (
    LIBRARY,
    inputs_for,
    library_id,
    library_run,
    run,
    run_reference,
    scenario_inputs,
    with_model_series,
)

CONTROL = """
********************************************************
	.Control
********************************************************~
		Simulation Control Parameters
	|

FINAL TIME  = {end}
	~	Year
	~	|

INITIAL TIME  = 0
	~	Year
	~	|

SAVEPER  = TIME STEP
	~	Year [0,?]
	~	|

TIME STEP  = {dt}
	~	Year [0,?]
	~	|
"""


def write_model(tmp_path: Path, equations: str, end: int = 10, dt: float = 1,
                name: str = "tiny") -> Path:
    """A .mdl of `equations` (Vensim text, one `name = expression ~ units ~ |` each) and the
    control section."""
    path = tmp_path / f"{name}.mdl"
    path.write_text("{UTF-8}\n" + textwrap.dedent(equations) + CONTROL.format(end=end, dt=dt),
                    encoding="utf-8")
    return path


# --- agreement with PySD ------------------------------------------------------------------

#: The extreme inputs of the validity tests (tests/model/), which run on the batch engine:
#: PySD must give the same numbers there too.
EXTREMES = {
    "no births": ("hangzhou", {}, {"total_fertility_rate": 0.0, "net_migrants_total": 0.0}),
    "no deaths or migration": ("hangzhou", {}, {"mortality_level": 0.0, "net_migrants_total": 0.0}),
    "huge out-migration": ("jiamusi", {}, {"net_migrants_total": -1e9}),
    "very long lives": ("hangzhou", {"population.life_expectancy": 92}, {}),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", EXTREMES)
def test_batch_engine_agrees_with_pysd_on_the_validity_extremes(case):
    region, overrides, model_series = EXTREMES[case]
    inputs = with_model_series(inputs_for(region, **overrides), **model_series)
    assert_agree(run(inputs), run_reference(inputs))


def assert_agree(batch: xr.Dataset, reference: xr.Dataset) -> None:
    """Same variables, dims and coordinates; values within 1e-9 relative.

    The absolute floor, 1e-12 of the variable's largest value, is for values that are zero or
    nearly so (levers at zero, MAX(0, ...) clamps, migrants that cancel): relative error means
    nothing there, while two correct evaluations of a sum whose terms are of the variable's
    scale may differ by rounding of that order (1e-16 per operation).
    """
    assert list(batch.data_vars) == list(reference.data_vars)
    xr.testing.assert_identical(batch.coords.to_dataset(), reference.coords.to_dataset())
    for name in reference.data_vars:
        got, want = batch[name], reference[name]
        assert got.dims == want.dims, name
        g, w = got.values, want.values
        finite = np.isfinite(g) & np.isfinite(w)
        floor = 1e-12 * float(np.max(np.abs(w[finite]), initial=0.0))
        # Identical values agree, infinities included (no deaths: life expectancy is infinite);
        # a non-finite value on one side only, or NaN anywhere, never does.
        error = np.where(g == w, 0.0, np.where(finite, np.abs(g - w), np.inf))
        allowed = 1e-9 * np.abs(np.where(finite, w, 0.0)) + floor
        worst = np.unravel_index(np.argmax(error - allowed), error.shape)
        assert np.all(error <= allowed), (
            f"{name} at {worst}: batch {got.values[worst]!r}, PySD {want.values[worst]!r}")


#: PySD runs take 1-3 s each: the library's agreement is the slow tier (CI runs it); the fast
#: tier compares the engines on the small models of the other constructs.
AGREEMENT_CASES = [pytest.param(p, id=library_id(p), marks=pytest.mark.slow) for p in LIBRARY]


@pytest.mark.parametrize("path", AGREEMENT_CASES)
def test_batch_engine_agrees_with_pysd_on_every_scenario(path):
    inputs = scenario_inputs(path)
    reference = run_pysd(inputs.constants, inputs.series, inputs.start, inputs.end)
    assert_agree(library_run(path), reference)


def test_batch_engine_agrees_with_pysd_on_the_other_constructs(tmp_path):
    """Subranges, an equivalence used with and without `!`, element references, piecewise
    definitions, logic, the functions, the control variables and SUM over a missing value
    (skipped, as xarray does), on a tiny model; PySD runs it too, with a constant and a series
    given as inputs."""
    path = write_model(tmp_path, CONSTRUCTS, end=10, dt=0.5, name="constructs")
    names = ["people", "births", "moves in", "destination share", "mapped order", "total",
             "coastal old", "coastal", "largest", "smallest", "product", "share young",
             "ratio", "checks", "flag", "negated", "comparison", "clock", "levered", "holes",
             "sum of holes", "sum of twice holes"]
    lever = pd.Series([1.0, 2.0, 0.5], index=[0, 5, 10])
    batch = BatchModel.from_mdl(path).run({"move rate": 0.2}, {"lever": lever}, 0, 10,
                                          saveper=1, outputs=names)

    import pysd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = pysd.read_vensim(str(path)).run(
            params={"move rate": 0.2, "lever": lever}, return_columns=names,
            flatten_output=False, saveper=1)
    assert list(frame.index) == list(batch["time"].values)
    for name in names:
        reference = np.stack([np.asarray(getattr(cell, "values", cell), dtype=float)
                              for cell in frame[name]])
        np.testing.assert_allclose(batch[name].values, reference, rtol=1e-12, atol=1e-12,
                                   err_msg=name)
    # The case where ZIDZ's 1e-6 threshold decides, and NOT/AND/OR both ways, did happen.
    assert (batch["ratio"].sel(region="north") == 0).all()
    assert set(np.unique(batch["flag"].values)) == {0.0, 1.0}
    assert (batch["negated"].values != 0).any() and (batch["negated"].values == 0).any()
    assert (batch["sum of holes"] == 4).all() and (batch["sum of twice holes"] == 8).all()


CONSTRUCTS = """\
region: north, south, east
	~	~	|
coast: south, east
	~	~	|
region from <-> region
	~	~	|
band: young, old
	~	~	|
people[region,band] = INTEG(births[region,band] + moves in[region,band] - deaths[region,band] \
	- moves out[region,band], initial people[region,band])
	~	person	~	|
initial people[region,band] = 100, 50; 80, 40; 60, 90
	~	person	~	|
births[region,young] = fertility[region] * people[region,old] ~~|
births[region,old] = 0
	~	person/Year	~	|
fertility[north] = 0.02 ~~|
fertility[coast] = 0.03
	~	1/Year	~	|
deaths[region,band] = people[region,band] * death rate[band] * IF THEN ELSE(Time >= 5 :AND: \
	Time < 8, 1.5, 1)
	~	person/Year	~	|
death rate[band] = 0.01, 0.05
	~	1/Year	~	|
move rate = 0.1
	~	1/Year	~	|
moves out[region,band] = people[region,band] * move rate
	~	person/Year	~	|
moves in[region,band] = SUM(moves out[region from!,band] * destination share[region from!,region])
	~	person/Year	~	|
destination share[region from,region] = IF THEN ELSE(region order[region from] = region \
	order[region], 0, 0.5)
	~	dmnl	~	|
region order[region] = 1, 2, 3
	~	dmnl	~	|
mapped order[region] = region order[region from] * 2
	~	dmnl	~	|
total = SUM(people[region!,band!])
	~	person	~	|
coastal old = SUM(people[coast!,old])
	~	person	~	|
coastal[coast] = people[coast,young] + 1
	~	person	~	|
largest = VMAX(people[region!,young])
	~	person	~	|
smallest = VMIN(people[region!,old])
	~	person	~	|
product = PROD(death rate[band!])
	~	dmnl	~	|
share young[region] = XIDZ(people[region,young], people[region,young] + people[region,old], -1)
	~	dmnl	~	|
ratio[region] = ZIDZ(people[region,old], people[region,young] - people[north,young] + 1e-07)
	~	dmnl	~	|
checks = ABS(-3) + SQRT(people[north,young]) + POWER(2, 3) + 2 ^ 3 ^ 0.5 + LN(EXP(1)) + MIN(1, \
	2) - MAX(1, 2) / 4 * 3 - 1 - 2
	~	dmnl	~	|
flag[region] = IF THEN ELSE(region order[region] > 1 :OR: people[region,old] < 45 :AND: Time > \
	2, 1, 0)
	~	dmnl	~	|
negated[region] = IF THEN ELSE(:NOT: (people[region,old] >= 45), -region order[region], 0)
	~	dmnl	~	|
comparison[region] = IF THEN ELSE(people[region,young] <> people[region,old], 1, 0) + IF THEN \
	ELSE(people[region,young] <= 100, 1, 0)
	~	dmnl	~	|
clock = Time * TIME STEP + INITIAL TIME + FINAL TIME
	~	Year	~	|
holes[region] = IF THEN ELSE(region order[region] = 2, (region order[region] - 2) / (region \
	order[region] - 2), region order[region])
	~	dmnl	~	|
sum of holes = SUM(holes[region!])
	~	dmnl	~	|
sum of twice holes = SUM(holes[region!] * 2)
	~	dmnl	~	|
lever = 1
	~	dmnl	~	|
levered[region] = lever * region order[region]
	~	dmnl	~	|
"""


# --- closed forms ---------------------------------------------------------------------------

GROWTH = """\
stock = INTEG(growth, initial stock)
	~	person	~	|
growth = stock * rate
	~	person/Year	~	|
rate = 0.05
	~	1/Year	~	|
initial stock = 100
	~	person	~	|
"""


@pytest.mark.parametrize("dt", [1, 0.25])
def test_exponential_growth_follows_eulers_closed_form(tmp_path, dt):
    """stock(n dt) = stock(0) (1 + r dt)^n, saved every year; per-sample rates too."""
    model = BatchModel.from_mdl(write_model(tmp_path, GROWTH, end=20, dt=dt))
    years = np.arange(21)
    run = model.run({}, {}, 0, 20, saveper=1, outputs=["stock", "growth"])
    expected = 100 * (1 + 0.05 * dt) ** (years / dt)
    np.testing.assert_allclose(run["stock"].values, expected, rtol=1e-13)
    np.testing.assert_allclose(run["growth"].values, 0.05 * expected, rtol=1e-13)

    rates = np.array([-0.1, 0.0, 0.02, 0.3])
    runs = model.run({"rate": rates}, {}, 0, 20, samples=4, saveper=1, outputs=["stock"])
    assert runs["stock"].dims == ("sample", "time")
    expected = 100 * (1 + rates[:, None] * dt) ** (years[None] / dt)
    np.testing.assert_allclose(runs["stock"].values, expected, rtol=1e-13)


DELAY = """\
pipeline = INTEG(inflow - outflow, 0)
	~	widget	~	|
outflow = pipeline / delay time
	~	widget/Year	~	|
inflow = 10
	~	widget/Year	~	|
delay time = 4
	~	Year	~	|
"""


@pytest.mark.parametrize("dt", [1, 0.5])
def test_first_order_material_delay_follows_eulers_closed_form(tmp_path, dt):
    """A constant inflow u into a delay of time T (outflow = pipeline / T) from empty:
    pipeline(n dt) = u T (1 - (1 - dt/T)^n), so outflow = u (1 - (1 - dt/T)^n)."""
    model = BatchModel.from_mdl(write_model(tmp_path, DELAY, end=15, dt=dt))
    run = model.run({}, {}, 0, 15, saveper=1, outputs=["pipeline", "outflow"])
    steps = np.arange(16) / dt
    np.testing.assert_allclose(run["outflow"].values, 10 * (1 - (1 - dt / 4) ** steps),
                               rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(run["pipeline"].values, 40 * (1 - (1 - dt / 4) ** steps),
                               rtol=1e-13, atol=1e-13)


AGING = """\
cohort: c0, c1, c2, c3
	~	~	|
older: c2, c3
	~	~	|
people[cohort] = INTEG(entering[cohort] - leaving[cohort], initial people[cohort])
	~	person	~	|
initial people[cohort] = 100, 200, 300, 400
	~	person	~	|
leaving[cohort] = people[cohort] / TIME STEP
	~	person/Year	~	|
entering[c0] = births ~~|
entering[c1] = leaving[c0] ~~|
entering[older] = leaving[c1] * is first of older[older] + leaving[c2] * (1 - is first of \
	older[older])
	~	person/Year	~	|
is first of older[older] = 1, 0
	~	dmnl	~	|
births = 10
	~	person/Year	~	|
total = SUM(people[cohort!])
	~	person	~	|
older total = SUM(people[older!])
	~	person	~	|
"""


def test_subscripted_aging_chain_moves_each_cohort_up_one_step_a_year(tmp_path):
    """With TIME STEP 1 every cohort leaves within the step: people[c](n) is the initial
    cohort that was c - n at time 0, or the births once n > c."""
    model = BatchModel.from_mdl(write_model(tmp_path, AGING, end=6, dt=1))
    run = model.run({"births": pd.Series(10.0, index=[0])}, {}, 0, 6,
                    outputs=["people", "total", "older total"])
    initial = np.array([100, 200, 300, 400])
    expected = np.array([[initial[c - n] if n <= c else 10 for c in range(4)]
                         for n in range(7)], dtype=float)
    assert run["people"].dims == ("time", "cohort")
    assert list(run["cohort"].values) == ["c0", "c1", "c2", "c3"]
    np.testing.assert_array_equal(run["people"].values, expected)
    np.testing.assert_array_equal(run["total"].values, expected.sum(axis=1))
    np.testing.assert_array_equal(run["older total"].values, expected[:, 2:].sum(axis=1))


# --- refusals ---------------------------------------------------------------------------------

@pytest.mark.parametrize("expression, construct", [
    ("DELAY FIXED(stock, 2, 0)", "DELAY FIXED"),
    ("SMOOTH(stock, 2)", "SMOOTH"),
    ("RANDOM UNIFORM(0, 1, 0)", "the function RANDOM UNIFORM"),
    ("WITH LOOKUP(Time, ([(0,0)-(10,10)],(0,0),(10,10)))", "WITH LOOKUP"),
    ("INITIAL(stock)", "INITIAL"),
])
def test_unsupported_constructs_are_refused_naming_variable_and_construct(
        tmp_path, expression, construct):
    path = write_model(tmp_path, GROWTH.replace("rate = 0.05", f"rate = 0.05 + 0 * {expression}"))
    with pytest.raises(SimError) as error:
        BatchModel.from_mdl(path)
    message = str(error.value)
    assert message.startswith("tiny.mdl: 'rate': uses ")
    assert construct in message and "not support" in message


def test_lookup_tables_are_refused(tmp_path):
    table = "my table(\n\t[(0,0)-(10,10)],(0,0),(10,10))\n\t~\tdmnl\t~\t|\n"
    path = write_model(tmp_path, table + GROWTH.replace("rate = 0.05", "rate = my table(Time)"))
    with pytest.raises(SimError, match=r"'my table': uses a lookup table"):
        BatchModel.from_mdl(path)


@pytest.mark.parametrize("constants, series, samples, message", [
    ({"rat": 0.1}, {}, 1,
     r"constants\['rat'\]: not a variable of tiny.mdl \(did you mean 'rate'\?\)"),
    ({"stock": 5.0}, {}, 1, r"constants\['stock'\]: 'stock' is a stock; give its initial value"),
    ({"rate": np.ones(3)}, {}, 2,
     r"constants\['rate'\]: an array of shape \(3,\); allowed: a number, or shape \(2,\)"),
    ({}, {"rate": np.ones(4)}, 1,
     r"series\['rate'\]: an array of shape \(4,\); allowed: shape \(11,\) for the years 0-10"),
    ({"rate": "high"}, {}, 1, r"constants\['rate'\]: given str; allowed: a number"),
    ({"rate": xr.DataArray(np.ones(3), dims=["sample"])}, {}, 2,
     r"constants\['rate'\]: 3 samples; the run has 2"),
])
def test_bad_inputs_are_refused_with_the_key(tmp_path, constants, series, samples, message):
    model = BatchModel.from_mdl(write_model(tmp_path, GROWTH))
    with pytest.raises(SimError, match=message):
        model.run(constants, series, 0, 10, samples=samples, outputs=["stock"])


def test_a_start_other_than_the_models_initial_time_is_refused(tmp_path):
    model = BatchModel.from_mdl(write_model(tmp_path, GROWTH))
    with pytest.raises(SimError, match="the model's INITIAL TIME is 0, the run starts 2020"):
        model.run({}, {}, 2020, 2030, outputs=["stock"])


# --- vectorisation ----------------------------------------------------------------------------

def test_fifty_samples_in_one_run_equal_fifty_single_runs():
    inputs = scenario_inputs(SCENARIOS_DIR / "hangzhou" / "baseline.yaml")
    rng = np.random.default_rng(20201101)
    n = 50
    tfr = inputs.series["total fertility rate"].to_numpy() * rng.uniform(0.6, 1.4, (n, 1))
    level = inputs.series["mortality level"].to_numpy() * rng.uniform(0.8, 1.2, (n, 1))
    gps = xr.DataArray(inputs.constants["initial GPs"] * rng.uniform(0.5, 2, n), dims=["sample"])
    series = {**inputs.series, "total fertility rate": tfr, "mortality level": level}
    constants = {**inputs.constants, "initial GPs": gps}

    batch = run_batch(constants, series, inputs.start, inputs.end, samples=n)
    assert batch["population"].dims == ("sample", "time", "sex", "age")
    assert list(batch["sample"].values) == list(range(n))
    years = inputs.series["total fertility rate"].index
    for i in (0, 1, 17, 33, 49):
        single = run_batch(
            {**inputs.constants, "initial GPs": float(gps[i])},
            {**inputs.series, "total fertility rate": pd.Series(tfr[i], index=years),
             "mortality level": pd.Series(level[i], index=years)},
            inputs.start, inputs.end)
        for name in single.data_vars:
            np.testing.assert_allclose(batch[name].isel(sample=i).values, single[name].values,
                                       rtol=1e-12, atol=1e-9, err_msg=f"{name}, sample {i}")
    # The samples differ where the varied inputs reach; what they do not reach is one array
    # shared by all samples (a broadcast view, no copy).
    assert batch["total_births"].std("sample").min() > 0
    assert batch["general_practitioners"].std("sample").min() > 0
    shared = batch["sex_ratio_at_birth"].values
    assert shared.strides[0] == 0 and (shared == shared[0]).all()
