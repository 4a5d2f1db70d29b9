"""The plan indicators' definitions (sim.model.indicators, docs/indicators.md): the page is up to
date, every record names exactly the variables of its .mdl equation, the quoted plan lines are
verbatim, and each indicator, computed by the batch engine, equals its definition recomputed from
the stocks in the results, on the baseline and on hand-computed cases."""

import os
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
import yaml

from sim.core.paths import CALIBRATION_DIR, PROJECT_ROOT, TARGETS_FILE
from sim.engines.batch.model import BatchModel
from sim.model import MODEL_FILE
from sim.model.indicators import (
    BY_INDICATOR,
    INDICATORS,
    indicators_markdown,
    model_equations,
    references,
)
from sim.model.outputs import BY_NAME, OUTPUTS
from tests.helpers import inputs_for

# The results variables that plan targets use or the run charts show as plan indicators.
PLAN_INDICATORS = {
    "standardized_management_rate", "management_rate", "awareness_rate",
    "standardized_share_of_patients", "beds_per_1000_residents",
    "nursing_share_of_primary_care_beds",
    "geriatric_rehabilitation_nursing_beds_per_1000_elderly", "rehabilitation_beds_per_1000",
    "tcm_beds_per_1000", "doctors_per_1000_residents", "nurses_per_1000_residents",
    "gps_per_10000_hukou", "family_doctor_contracting_rate", "key_group_contracting_rate",
    "elderly_health_management_rate", "infant_care_places_per_1000",
    "growth_stations_per_1000_under_3", "hospital_occupancy", "implied_life_expectancy"}
# Model variables the definitions need beyond the results Dataset.
EXTRA = {"growth_stations": "growth stations", "bed_days_demanded": "bed days demanded",
         "acute_beds": "acute beds", "nursing_home_beds_": "nursing home beds",
         "other_institution_beds_": "other institution beds"}
SEEDS = Path(os.environ.get("HEALTH_SIM_SEEDS", PROJECT_ROOT.parent / "shared" / "seeds"))


def run_batch(inputs) -> xr.Dataset:
    outputs = {o.name: o.model for o in OUTPUTS} | EXTRA
    return BatchModel.from_mdl(MODEL_FILE).run(inputs.constants, inputs.series, inputs.start,
                                               inputs.end, outputs=outputs)


@pytest.fixture(scope="module")
def baseline():
    return run_batch(inputs_for("hangzhou"))


def test_the_indicator_reference_is_up_to_date():
    written = (PROJECT_ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert written == indicators_markdown(), \
        "regenerate: python -m sim.model.indicators > docs/indicators.md"


def test_every_plan_indicator_and_every_targeted_output_has_one_record():
    assert len(BY_INDICATOR) == len(INDICATORS)
    assert PLAN_INDICATORS <= set(BY_INDICATOR)
    assert set(BY_INDICATOR) <= set(BY_NAME)
    for path in sorted(CALIBRATION_DIR.glob(f"*/{TARGETS_FILE}")):
        targets = yaml.safe_load(path.read_text(encoding="utf-8"))["targets"]
        missing = {t["indicator"] for t in targets} - set(BY_INDICATOR)
        assert not missing, f"{path}: no definition in sim/model/indicators.py for {missing}"


def test_each_record_names_exactly_the_variables_of_its_equation():
    equations = model_equations()
    for indicator in INDICATORS:
        assert set(indicator.variables) <= set(equations), indicator.name
        (equation, _), = equations[BY_NAME[indicator.name].model]
        assert references(equation, equations) == set(indicator.variables), \
            f"{indicator.name}: the record and the .mdl equation disagree: {equation}"


def test_references_refuses_what_it_cannot_read():
    names = {"beds", "total beds", "total population"}
    assert references("x = 1000 * ZIDZ(total beds, total population)", names) == {
        "total beds", "total population"}
    assert references("x = SUM(beds[bed type!])", names) == {"beds"}
    with pytest.raises(ValueError, match="hospital beds"):
        references("x = ZIDZ(hospital beds, total population)", names)


def test_quoted_plan_lines_are_verbatim():
    # CI checks the plan documents out beside the project (../shared/seeds): a missing folder
    # is a failure, never a skip.
    assert SEEDS.is_dir(), f"the plan documents are not at {SEEDS} (set HEALTH_SIM_SEEDS)"
    lines = {path.name: path.read_text(encoding="utf-8").splitlines()
             for path in SEEDS.glob("*.txt")}
    checked = 0
    for indicator in INDICATORS:
        for quote in indicator.plan_lines + indicator.definitions:
            if quote.source.startswith("seeds/"):
                name, line = quote.source.removeprefix("seeds/").split(":")
                assert quote.text in lines[name][int(line) - 1], (indicator.name, quote)
                checked += 1
    assert checked >= 25


def close(actual, expected):
    np.testing.assert_allclose(np.asarray(actual), np.asarray(expected), rtol=1e-12, atol=0)


def test_chronic_disease_rates_follow_their_definitions(baseline):
    ds = baseline
    managed, standardized = ds["managed_patients"], ds["standardized_patients"]
    patients = ds["estimated_patients"]
    # 规范管理率 = 基层规范管理服务率: standardized / all under primary-care management.
    close(ds["standardized_management_rate"], standardized / (managed + standardized))
    close(ds["standardized_share_of_patients"], standardized / patients)
    close(ds["management_rate"], (managed + standardized) / patients)
    close(ds["awareness_rate"],
          (ds["aware_unmanaged_patients"] + managed + standardized) / patients)
    # The two standardized ratios are different indicators: ÷ managed is far above ÷ patients.
    assert np.all(ds["standardized_management_rate"] > 2 * ds["standardized_share_of_patients"])


def test_bed_indicators_follow_their_definitions(baseline):
    ds = baseline
    beds, nursing_homes = ds["beds"], ds["nursing_home_beds_"]
    # All beds of medical and health institutions (000:375): the five bed types, nursing
    # homes (护理院) and the other institutions.
    close(ds["total_beds"], beds.sum("bed_type") + nursing_homes + ds["other_institution_beds_"])
    thousands = ds["total_population"] / 1000
    close(ds["beds_per_1000_residents"], ds["total_beds"] / thousands)
    primary = beds.sel(bed_type=["primary general", "primary nursing"]).sum("bed_type")
    close(ds["nursing_share_of_primary_care_beds"], beds.sel(bed_type="primary nursing") / primary)
    close(ds["rehabilitation_beds_per_1000"],
          beds.sel(bed_type="hospital rehabilitation") / thousands)
    close(ds["tcm_beds_per_1000"], beds.sel(bed_type="hospital TCM") / thousands)
    close(ds["geriatric_rehabilitation_nursing_beds_per_1000_elderly"],
          (beds.sel(bed_type="hospital rehabilitation") + beds.sel(bed_type="primary nursing")
           + nursing_homes) / (ds["population_60_plus"] / 1000))
    close(ds["acute_beds"], beds.sel(bed_type=["hospital general", "hospital TCM"]).sum("bed_type"))
    close(ds["hospital_occupancy"], ds["bed_days_demanded"] / (ds["acute_beds"] * 365))


def test_staff_care_and_life_expectancy_indicators_follow_their_definitions(baseline):
    ds = baseline
    thousands = ds["total_population"] / 1000
    close(ds["doctors_per_1000_residents"], ds["practising_doctors"] / thousands)
    close(ds["nurses_per_1000_residents"], ds["registered_nurses"] / thousands)
    # GPs per 10,000 of the hukou (registered) population (000:377), not of residents.
    close(ds["gps_per_10000_hukou"],
          ds["general_practitioners"] / (ds["hukou_population"] / 10_000))
    per_resident = ds["general_practitioners"] / (ds["total_population"] / 10_000)
    assert np.all(ds["gps_per_10000_hukou"] > 1.2 * per_resident)
    close(ds["family_doctor_contracting_rate"],
          ds["contracted_residents"] / ds["total_population"])
    close(ds["elderly_health_management_rate"], ds["elderly_served"] / ds["population_65_plus"])
    close(ds["infant_care_places_per_1000"], ds["infant_care_places"] / thousands)
    close(ds["growth_stations_per_1000_under_3"],
          ds["growth_stations"] / (ds["population_0_2"] / 1000))
    srb = ds["sex_ratio_at_birth"]
    share = xr.concat([100 / (100 + srb), srb / (100 + srb)], dim="sex").assign_coords(
        sex=["female", "male"])
    close(ds["implied_life_expectancy"], (ds["life_expectancy_by_sex"] * share).sum("sex"))


def with_constants(inputs, **constants):
    import dataclasses

    return dataclasses.replace(inputs, constants={**inputs.constants, **constants})


def test_hand_computed_base_year():
    """Base-year stocks set by hand; the 2020 indicators worked out on paper:
    - 30% of hypertension patients under management, 60% of those standardized: 规范管理率
      (基层规范管理服务率) 0.6; standardized share of all patients 0.3 x 0.6 = 0.18. Diabetes
      20% and 50%: 0.5 and 0.10.
    - primary-care beds 700 general + 300 nursing: nursing share 300 / 1000 = 0.30; with
      63,000 hospital beds, 500 nursing-home beds and 200 in other institutions, all beds
      63,000 + 1,000 + 500 + 200 = 64,700.
    - 600 GPs, 1,000,000 hukou residents: 600 / 100 = 6.0 per 10,000 hukou residents.
    - 25% of residents contracted, key groups 60%: key group priority 0.6 / 0.25 = 2.4."""
    condition = {"dims": ["condition"], "coords": {"condition": ["hypertension", "diabetes"]}}
    bed_type = {"dims": ["bed type"], "coords": {"bed type": [
        "hospital general", "hospital TCM", "hospital rehabilitation", "primary general",
        "primary nursing"]}}
    inputs = with_constants(
        inputs_for("hangzhou"),
        **{"initial managed share": xr.DataArray([0.3, 0.2], **condition),
           "initial standardized of managed": xr.DataArray([0.6, 0.5], **condition),
           "initial aware share": xr.DataArray([0.5, 0.4], **condition),
           "initial beds": xr.DataArray([50_000.0, 10_000.0, 3_000.0, 700.0, 300.0],
                                        **bed_type),
           "initial nursing home beds": 500.0, "other institution beds": 200.0,
           "initial GPs": 600.0, "initial hukou population": 1_000_000.0,
           "initial contracting rate": 0.25, "initial key group contracting rate": 0.6})
    ds = run_batch(inputs).sel(time=2020)
    np.testing.assert_allclose(ds["standardized_management_rate"], [0.6, 0.5], rtol=1e-12)
    np.testing.assert_allclose(ds["standardized_share_of_patients"], [0.18, 0.10], rtol=1e-12)
    np.testing.assert_allclose(ds["management_rate"], [0.3, 0.2], rtol=1e-12)
    np.testing.assert_allclose(ds["awareness_rate"], [0.5, 0.4], rtol=1e-12)
    assert float(ds["nursing_share_of_primary_care_beds"]) == pytest.approx(0.30, rel=1e-12)
    assert float(ds["total_beds"]) == pytest.approx(64_700, rel=1e-12)
    assert float(ds["gps_per_10000_hukou"]) == pytest.approx(6.0, rel=1e-12)
    assert float(ds["family_doctor_contracting_rate"]) == pytest.approx(0.25, rel=1e-12)
    assert float(ds["key_group_contracting_rate"]) == pytest.approx(0.6, rel=1e-12)
