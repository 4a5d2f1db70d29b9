"""Validity tests of the health sectors: conservation in the chronic-disease cascades,
extreme conditions, no negative stocks with levers at their bounds, and one test for each
feedback loop the model must have (README, "The health sectors", Feedback): change the driver,
see the effect with the expected sign."""

import numpy as np
import pytest

from sim.inputs.keys import KEYS, keys_of_kind
from tests.helpers import inputs_for, run, with_model_series

STOCKS = ("aware_unmanaged_patients", "managed_patients", "standardized_patients", "beds",
          "beds_under_construction", "nursing_home_beds", "general_practitioners",
          "registered_nurses", "gp_trainees", "contracted_residents", "infant_care_places",
          "population", "acute_bed_norm_per_1000", "desired_acute_beds", "doctor_target",
          "nurse_target")


@pytest.fixture(scope="module")
def baseline():
    return run(inputs_for("hangzhou"))


def with_constants(inputs, **values):
    import dataclasses

    constants = dict(inputs.constants)
    constants.update({k.replace("_", " "): v for k, v in values.items()})
    return dataclasses.replace(inputs, constants=constants)


@pytest.mark.parametrize("region", ["hangzhou", "lishui", "jiamusi"])
def test_cascade_conserves_patients(region):
    ds = run(inputs_for(region))
    known = (ds["aware_unmanaged_patients"] + ds["managed_patients"]
             + ds["standardized_patients"]).values
    flows = (ds["detection"] - ds["cascade_exits"]).values
    gap = known[1:] - (known[:-1] + flows[:-1])
    assert np.max(np.abs(gap) / known[1:]) < 1e-9


@pytest.mark.parametrize("destandardization", [None, 1.0])
def test_no_gps_makes_standardized_management_decay_but_never_negative(destandardization):
    # 1.0 a year, doubled when teams give no follow-ups: 2 a year, more than a one-year step
    # can take from the stock without the model's outflow limit
    overrides = {} if destandardization is None else {
        "chronic.destandardization_rate": destandardization}
    inputs = with_constants(inputs_for("hangzhou", **overrides), initial_GPs=0.0)
    inputs = with_model_series(inputs, GP_training_places=0.0, GP_transfer_training=0.0)
    ds = run(inputs)
    standardized = ds["standardized_patients"].values
    assert standardized.min() >= 0.0
    assert np.all((np.diff(standardized, axis=0) < 0) | (standardized[1:] == 0))  # falls to 0
    assert np.all(standardized[-1] < 0.2 * standardized[0])
    assert np.all(ds["general_practitioners"].values == 0.0)


def test_unlimited_capacity_brings_management_up_to_the_detection_ceiling(baseline):
    inputs = with_model_series(inputs_for("hangzhou"), patients_followed_per_GP=1e9)
    ds = run(inputs)
    managed = ds["management_rate"].values
    aware = ds["awareness_rate"].values
    assert np.all(managed <= aware + 1e-12)
    assert np.all(managed[-1] > baseline["management_rate"].values[-1])
    assert np.all(managed[-1] / aware[-1] > 0.75)


NO_CONSTRUCTION = dict(rehabilitation_bed_construction=0.0, nursing_bed_construction=0.0,
                       nursing_bed_conversions=0.0, primary_general_bed_construction=0.0,
                       approval_occupancy_threshold=1e9, acute_bed_replacement_share=0.0)


def test_no_construction_means_no_starts_and_beds_fall_once_the_pipeline_is_spent():
    from sim.engines import pysd_runner as engine

    ds = run(with_model_series(inputs_for("hangzhou"), **NO_CONSTRUCTION))
    beds, pipeline = ds["beds"].values, ds["beds_under_construction"].values
    assert np.all(ds["acute_bed_approvals"].values == 0.0)
    # nothing is started: the base year's pipeline only empties, beds only open from it
    assert np.all(np.diff(pipeline, axis=0) <= 1e-9) and pipeline.min() >= 0.0
    components = engine.load_model().components  # the model's own constants
    lifetime, build = components.bed_lifetime(), components.construction_time()
    change = np.diff(beds, axis=0)
    assert np.all(change >= -beds[:-1] / lifetime - 1e-9)    # no more than retirement is lost
    assert np.all(change <= pipeline[:-1] / build + 1e-9)     # no more than the pipeline opens
    assert np.all(change[-1] < 0)   # the pipeline is spent by 2035: every type only retires


def test_replacement_alone_keeps_beds_per_1000_constant_under_an_unchanged_norm():
    """No double counting: with the norm unchanged and demand below it, acute beds per 1,000
    stay at the base year's level and approvals stay at replacement plus the population's share
    of growth: the replacement beds already being built are not approved a second time."""
    ds = run(with_model_series(inputs_for("hangzhou"), acute_bed_norm_growth=0.0,
                               admission_rate_scale=0.5))
    acute = ds["beds"].sel(bed_type=["hospital general", "hospital TCM"]).sum("bed_type")
    per_1000 = (1000 * acute / ds["total_population"]).values
    # within 1%: as population growth slows, the pipeline started for faster growth still opens
    assert np.allclose(per_1000, per_1000[0], rtol=0.01)
    replacement = (acute / engine_bed_lifetime()).values
    growth = np.diff(ds["total_population"].values, append=np.nan) * per_1000[0] / 1000
    extra = (ds["acute_bed_approvals"].values - replacement - growth)[:-1]
    # never more than replacement plus growth (slowing growth asks for less): had the pipeline
    # been ignored (the old rule), the base year's 3 years of replacement starts would have been
    # approved again, an excess of about 3 x replacement
    assert np.max(extra / replacement[:-1]) < 0.01


def engine_bed_lifetime() -> float:
    from sim.engines import pysd_runner as engine

    return float(engine.load_model().components.bed_lifetime())


@pytest.mark.parametrize("region", ["hangzhou", "lishui", "jiamusi"])
def test_acute_beds_converge_to_a_raised_norm(region):
    """Supply under a norm converges to the norm: raise it by 1 per 1,000 over 2020-24, then hold;
    by 2035 acute beds per 1,000 are within 2% of the norm (demand held below it)."""
    base = with_model_series(inputs_for(region), admission_rate_scale=0.5)
    level = run(base)["acute_bed_norm_per_1000"].values[0]
    ds = run(with_model_series(base, acute_bed_norm_growth=np.where(
        np.arange(2020, 2036) < 2025, 0.2, 0.0)))
    acute = ds["beds"].sel(bed_type=["hospital general", "hospital TCM"]).sum("bed_type")
    per_1000 = (1000 * acute / ds["total_population"]).values
    norm = ds["acute_bed_norm_per_1000"].values
    assert norm[-1] == pytest.approx(level + 1.0, rel=1e-9)
    distance = per_1000 - norm
    # the beds being built when the norm stops rising still open (an overshoot no larger than
    # the norm's rise over one construction time, 0.2 x 3 per 1,000), then retirement brings
    # beds back to the norm: the distance shrinks every year after its peak
    peak = int(np.argmax(distance))
    assert distance[peak] < 0.2 * 3
    assert np.all(np.diff(np.abs(distance[peak:])) <= 1e-9)
    assert abs(distance[-1]) / norm[-1] < 0.02


def test_a_faster_norm_builds_more_beds_and_hires_more_nurses(baseline):
    faster = run(inputs_for("hangzhou", **{"beds.acute_norm_growth": 0.5}))
    approvals = faster["acute_bed_approvals"].values[1:]
    assert approvals.sum() > baseline["acute_bed_approvals"].values[1:].sum()
    assert faster["total_beds"].values[-1] > baseline["total_beds"].values[-1]
    assert faster["registered_nurses"].values[-1] > baseline["registered_nurses"].values[-1]


@pytest.mark.parametrize("region", ["hangzhou", "lishui", "jiamusi"])
def test_rising_staffing_standards_are_followed_without_lag(region):
    """Doctors and nurses follow targets that rise every year: the target-growth term keeps them
    within 2.5% of their targets from 2022 and 1% from 2024 (the standards' change is seen one
    step late, so the first year falls behind by one year's rise of the standard)."""
    ds = run(with_model_series(inputs_for(region), hiring_budget=1e9))  # the budget never binds
    for stock, target in (("practising_doctors", "doctor_target"),
                          ("registered_nurses", "nurse_target")):
        assert np.all(np.diff(ds[target].values) > 0), target
        gap = (ds[stock] / ds[target] - 1).values
        assert np.all(np.abs(gap[2:]) < 0.025), (stock, gap.round(4))   # from 2022
        assert np.all(np.abs(gap[4:]) < 0.01), (stock, gap.round(4))    # from 2024


@pytest.mark.parametrize("region", ["hangzhou", "lishui", "jiamusi"])
def test_no_nursing_home_construction_means_they_only_fall_by_retirement(region):
    from sim.engines import pysd_runner as engine

    ds = run(with_model_series(inputs_for(region), nursing_home_bed_construction=0.0))
    homes = ds["nursing_home_beds"].values
    change = np.diff(homes)
    retirement = homes[:-1] / engine.load_model().components.bed_lifetime()
    assert homes.min() >= 0.0
    assert np.all(change <= 1e-9) and np.all(change >= -retirement - 1e-9)
    assert change[-1] < 0   # the pipeline of the base year is spent: they retire unreplaced
    # beds that never retire hold still
    still = run(with_model_series(inputs_for(region), nursing_home_bed_construction=0.0,
                                  bed_lifetime=1e12))
    assert np.allclose(still["nursing_home_beds"].values, homes[0], rtol=1e-9)


def test_nursing_home_beds_count_in_all_beds_and_in_the_elderly_beds(baseline):
    """Nursing homes are medical institutions: their beds count in 每千人医疗机构床位数 (000:L375)
    and in the elderly rehabilitation and nursing beds per 1,000 aged 60+ (001:L63)."""
    from sim.inputs.region import load_region

    health = load_region("hangzhou").health_2020
    pop = baseline["total_population"].values
    pop60 = baseline["population_60_plus"].values
    homes = baseline["nursing_home_beds"].values
    beds = baseline["beds"].values   # (time, bed type)
    np.testing.assert_allclose(baseline["total_beds"].values,
                               beds.sum(axis=1) + homes + health["beds_other"], rtol=1e-12)
    np.testing.assert_allclose(baseline["beds_per_1000_residents"].values,
                               1000 * baseline["total_beds"].values / pop, rtol=1e-12)
    bed_type = list(baseline["beds"].coords["bed_type"].values)
    elderly = (beds[:, bed_type.index("hospital rehabilitation")]
               + beds[:, bed_type.index("primary nursing")] + homes)
    np.testing.assert_allclose(
        baseline["geriatric_rehabilitation_nursing_beds_per_1000_elderly"].values,
        1000 * elderly / pop60, rtol=1e-12)
    # base year: the profile's stocks, 2020 Hangzhou = (3,185 + 251 + 5,205) / 2,013 thousand 60+
    assert homes[0] == health["beds_nursing_home"]
    assert baseline["geriatric_rehabilitation_nursing_beds_per_1000_elderly"].values[0] == \
        pytest.approx(1000 * (health["beds_hospital_rehabilitation"]
                              + health["beds_primary_nursing"] + health["beds_nursing_home"])
                      / pop60[0], rel=1e-12)
    none = run(with_constants(inputs_for("hangzhou"), initial_nursing_home_beds=0.0))
    assert none["beds_per_1000_residents"].values[0] == pytest.approx(
        1000 * (baseline["total_beds"].values[0] - homes[0]) / pop[0], rel=1e-12)


@pytest.mark.parametrize("bound", ["low", "high"])
def test_no_stock_goes_negative_with_every_lever_at_a_bound(bound):
    overrides = {key: getattr(KEYS[key], bound) for key in keys_of_kind("lever")}
    ds = run(inputs_for("jiamusi", **overrides))
    for name in STOCKS:
        assert ds[name].min().item() >= 0.0, name


@pytest.mark.parametrize("region", ["hangzhou", "lishui", "jiamusi"])
def test_no_demand_no_training_no_budget_keep_every_stock_at_or_above_zero(region):
    """Extreme conditions: no admissions, no GP training of either kind, no hiring budget and a
    norm falling as fast as the lever allows. Stocks stay >= 0; with no budget nobody is hired,
    so doctors and nurses only leave."""
    ds = run(with_model_series(inputs_for(region), admission_rate_scale=0.0,
                               gp_training_places=0.0, gp_transfer_training=0.0,
                               hiring_budget=0.0,
                               acute_bed_norm_growth=KEYS["beds.acute_norm_growth"].low))
    for name in STOCKS:
        assert ds[name].min().item() >= 0.0, name
    assert np.all(ds["doctor_hires"].values == 0.0) and np.all(ds["nurse_hires"].values == 0.0)
    assert np.all(np.diff(ds["registered_nurses"].values) < 0)
    assert ds["hospital_occupancy"].max().item() == 0.0


STRUCTURAL = ("chronic.background_detection_rate", "chronic.detection_per_contracting",
              "chronic.enrolment_rate", "chronic.capacity_adjustment_time",
              "chronic.destandardization_rate", "beds.construction_time", "beds.bed_lifetime",
              "beds.acute_replacement_share", "beds.approval_time", "beds.target_occupancy",
              "beds.nursing_beds_per_1000_80_plus", "workforce.gp_training_duration",
              "workforce.hiring_time", "care.residents_per_gp_contract", "care.contracting_time",
              "care.contract_lapse_rate", "chronic.standardization_rate", "chronic.dropout_rate")


@pytest.mark.parametrize("bound", ["low", "high"])
def test_no_stock_goes_negative_with_every_structural_assumption_at_a_bound(bound):
    """Beyond the profiles' ranges: at the limits the model accepts (sim/keys.py), e.g. a
    destandardization rate of 1 a year doubled by overloaded teams."""
    overrides = {key: getattr(KEYS[key], bound) for key in STRUCTURAL}
    ds = run(inputs_for("hangzhou", **overrides))
    for name in STOCKS:
        assert ds[name].min().item() >= 0.0, name


def test_every_scenario_key_reaches_a_model_variable():
    from sim.engines import pysd_runner as engine

    names = set(engine.load_model().doc["Real Name"])
    missing = [k for k, spec in KEYS.items()
               if spec.model_variable not in names and k != "population.life_expectancy"]
    assert not missing


# Feedback loops (README, "The health sectors", Feedback): change the driver, see the effect
# with the expected sign.

def test_aging_raises_patients_and_workload(baseline):
    older = run(inputs_for("hangzhou", **{"population.life_expectancy": 92}))
    assert np.all(older["estimated_patients"].values[-1]
                  > baseline["estimated_patients"].values[-1])
    assert (older["chronic_care_utilisation"].values[-1]
            > baseline["chronic_care_utilisation"].values[-1])
    assert older["hospital_admissions"].values[-1] > baseline["hospital_admissions"].values[-1]


def test_more_gps_raise_standardized_management(baseline):
    more = run(inputs_for("hangzhou", **{"workforce.gp_training_places": 3000}))
    # Coverage of all patients: more GPs enrol more patients, so the rate ÷ managed patients
    # (standardized_management_rate) dips while the newly enrolled are not yet standardized.
    rate = "standardized_share_of_patients"
    assert np.all(more[rate].values[-1] > baseline[rate].values[-1])


def test_births_drive_infant_care_demand(baseline):
    more_births = run(inputs_for("hangzhou", **{"population.tfr": 1.6}))
    assert more_births["infant_care_demand"].values[-1] > baseline["infant_care_demand"].values[-1]


def test_beds_raise_the_nurse_requirement_and_hiring(baseline):
    more_beds = run(inputs_for("hangzhou", **{"beds.nursing_construction": 5000}))
    assert more_beds["nurse_hires"].values[-1] > baseline["nurse_hires"].values[-1]
    assert more_beds["registered_nurses"].values[-1] > baseline["registered_nurses"].values[-1]


def test_occupancy_drives_acute_bed_approval(baseline):
    busier = run(inputs_for("hangzhou", **{"beds.admission_rate_scale": 2.0}))
    assert busier["hospital_occupancy"].values[0] > baseline["hospital_occupancy"].values[0]
    assert busier["acute_bed_approvals"].values.sum() > baseline["acute_bed_approvals"].values.sum()
    blocked = run(inputs_for("hangzhou", **{"beds.admission_rate_scale": 2.0,
                                            "beds.approval_occupancy_threshold": 1.2}))
    assert blocked["acute_bed_approvals"].values.sum() < busier["acute_bed_approvals"].values.sum()


def test_contracting_drives_detection(baseline):
    push = run(inputs_for("hangzhou", **{"primary_care.contracting_target": 0.9,
                                         "workforce.gp_training_places": 3000}))
    assert push["family_doctor_contracting_rate"].values[-1] > \
        baseline["family_doctor_contracting_rate"].values[-1]
    assert np.all(push["awareness_rate"].values[-1] > baseline["awareness_rate"].values[-1])


SHARE_OUTPUTS = ("standardized_management_rate", "standardized_share_of_patients",
                 "awareness_rate", "management_rate", "nursing_share_of_primary_care_beds",
                 "family_doctor_contracting_rate", "key_group_contracting_rate",
                 "elderly_health_management_rate")


def test_corners_of_the_assumption_space_keep_stocks_and_shares_in_range():
    """Every uncertain assumption at the low or the high end of its range (200 seeded
    combinations, batch engine): no stock of people or beds goes negative and every share
    stays within 0-1. (The one-year step once let high standardization rates empty the
    managed stock more than fully; see `managed outflow limit` in the model.)"""
    from sim.core.paths import SCENARIOS_DIR
    from sim.inputs.region import load_region
    from sim.inputs.scenario import load_scenario
    from sim.model.outputs import BY_NAME
    from sim.runs.assumption_space import assumption_space, values_from_quantiles
    from sim.runs.sampled import run_sampled

    scenario = load_scenario(SCENARIOS_DIR / "hangzhou" / "baseline.yaml")
    space = assumption_space(scenario, load_region(scenario.region))
    corners = np.random.default_rng(0).integers(0, 2, size=(200, len(space))).astype(float)
    ds = run_sampled(scenario, values_from_quantiles(space, corners))
    stocks = [name for name, o in BY_NAME.items() if o.units in ("person", "bed")]
    for name in stocks:
        assert float(ds[name].min()) >= -1e-6, name
    for name in SHARE_OUTPUTS:
        assert -1e-9 <= float(ds[name].min()) and float(ds[name].max()) <= 1 + 1e-9, name
