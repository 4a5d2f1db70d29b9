"""A tiny fake calibration folder for tests of the scenario and region loaders.

Tests must not depend on the real region data (written separately), so they build this in
``tmp_path``: one region ``testville`` with 1000 persons per sex and age (total 202,000), a uniform
migration profile, made-up 2020 health figures and health-key defaults, and the shared tables in
``common/`` (mortality, fertility, chronic-disease prevalence, hospital admissions).
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import yaml

from sim.inputs.keys import KEYS

REGION = "testville"
PERSONS_PER_CELL = 1000.0
TOTAL = PERSONS_PER_CELL * 2 * 101

_SRC = "test fixture, tests/scenario_fixtures.py"

def _q(value, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "source": _SRC}


#: Made-up 2020 health figures (the health_2020 section of sim/inputs/profile_schema.py); one is
#: an assumption with a range.
HEALTH_2020: dict[str, Any] = {
    "beds_hospital_general": _q(800, "bed"),
    "beds_hospital_tcm": _q(150, "bed"),
    "beds_hospital_rehabilitation": _q(30, "bed"),
    "beds_primary_general": _q(180, "bed"),
    "beds_primary_nursing": _q(20, "bed"),
    "beds_nursing_home": _q(40, "bed"),
    "beds_other": _q(10, "bed"),
    "doctors": _q(600, "person"),
    "gps": _q(60, "person"),
    "nurses": _q(700, "person"),
    "hypertension_aware_share": {"value": 0.5, "unit": "1", "assumption": True, "low": 0.3,
                                 "high": 0.7, "note": "a made-up awareness"},
    "hypertension_managed_share": _q(0.3, "1"),
    "hypertension_standardized_of_managed": _q(0.8, "1"),
    "diabetes_aware_share": _q(0.4, "1"),
    "diabetes_managed_share": _q(0.2, "1"),
    "diabetes_standardized_of_managed": _q(0.8, "1"),
    "contracted_share": _q(0.4, "1"),
    "key_group_contracted_share": _q(0.7, "1"),
    "elderly_managed_share": _q(0.7, "1"),
    "infant_care_places": _q(400, "place"),
    "growth_stations": _q(0, "station"),
    "occupancy_hospital": _q(0.75, "1"),
}

#: Made-up defaults of the health keys (sim/keys.py), all within the keys' ranges.
HEALTH_DEFAULTS: dict[str, Any] = {
    "chronic.hypertension_prevalence_scale": _q(1.0, "1"),
    "chronic.diabetes_prevalence_scale": _q(1.0, "1"),
    "chronic.patients_per_gp": _q(300, "patients per GP"),
    "chronic.standardization_rate": _q(0.8, "1/year"),
    "chronic.dropout_rate": _q(0.1, "1/year"),
    "beds.average_length_of_stay": _q({"table": {2020: 9.2, 2022: 8.8}}, "day"),
    "beds.admission_rate_scale": _q(1.0, "1"),
    "workforce.doctor_attrition_rate": _q(0.035, "1/year"),
    "workforce.nurse_attrition_rate": _q(0.04, "1/year"),
    "workforce.staff_out_migration_rate": _q(0.0, "1/year"),
    "care.infant_care_demand_share": _q(0.3, "1"),
    "care.elderly_served_per_gp": _q(300, "person per GP per year"),
    "beds.nursing_conversion": _q({"step": {2020: 10, 2025: 0}}, "bed/year"),
    "beds.nursing_construction": _q(0, "bed/year"),
    "beds.primary_general_construction": _q(6, "bed/year"),
    "beds.rehabilitation_construction": _q(5, "bed/year"),
    "beds.nursing_home_construction": _q(2, "bed/year"),
    "beds.acute_norm_growth": _q(0.1, "bed per 1000 residents per year"),
    "beds.approval_occupancy_threshold": _q(0.85, "1"),
    "beds.length_of_stay_cap": _q(30, "day"),
    "workforce.gp_training_places": _q(5, "person/year"),
    "workforce.gp_transfer_training": _q(2, "person/year"),
    "workforce.hiring_budget": _q(100, "person/year"),
    "workforce.nurses_per_bed_standard": _q(0.6, "nurse per bed"),
    "workforce.doctors_per_1000_target": _q({"ramp": {"from": 3.0, "to": 3.5, "start": 2020,
                                                      "end": 2025}}, "doctor per 1000 residents"),
    "primary_care.contracting_target": _q(0.4, "1"),
    "primary_care.screening_rate": _q(0.05, "1/year"),
    "care.elderly_outreach_target": _q(0.7, "1"),
    "care.infant_place_construction": _q(50, "place/year"),
    "care.growth_station_construction": _q(0, "station/year"),
    "chronic.background_detection_rate": _q(0.02, "1/year"),
    "chronic.detection_per_contracting": _q(0.05, "1/year"),
    "chronic.enrolment_rate": _q(0.5, "1/year"),
    "chronic.capacity_adjustment_time": _q(1, "year"),
    "chronic.destandardization_rate": _q(0.15, "1/year"),
    "beds.construction_time": _q(3, "year"),
    "beds.bed_lifetime": _q(30, "year"),
    "beds.acute_replacement_share": _q(1, "1"),
    "beds.approval_time": _q(3, "year"),
    "beds.target_occupancy": _q(0.85, "1"),
    "beds.nursing_beds_per_1000_80_plus": _q(50, "bed per 1000 aged 80+"),
    "workforce.gp_training_duration": _q(3, "year"),
    "workforce.hiring_time": _q(2, "year"),
    "care.residents_per_gp_contract": _q(2000, "person per GP"),
    "care.contracting_time": _q(2, "year"),
    "care.contract_lapse_rate": _q(0.1, "1/year"),
}

# Every lever default says its basis (sim.inputs.profile_schema): here made-up observations.
for _key, _quantity in HEALTH_DEFAULTS.items():
    if KEYS[_key].kind == "lever":
        _quantity.update(basis="observed", method="made up for the test")

#: Fake national tables: prevalence per condition for ages 18+ (0 below), flat admission rate.
PREVALENCE = {"hypertension": 0.3, "diabetes": 0.1}
ADMISSIONS_PER_PERSON_YEAR = 0.15

BASE_PROFILE: dict[str, Any] = {
    "region": REGION,
    "name_en": "Testville",
    "name_zh": "测试市",
    "base_year": 2020,
    "files": {"population": "population_2020.csv", "migration_profile": "migration_profile.csv"},
    "census_2020": {
        "total": {"value": TOTAL, "unit": "person", "source": _SRC},
        "male": {"value": TOTAL / 2, "unit": "person", "source": _SRC},
        "share_65_plus": {"value": 35.6, "unit": "percent", "source": _SRC},
    },
    "hukou_population_2020": {"value": 150000, "unit": "person", "source": _SRC,
                              "method": "made up"},
    "health_2020": HEALTH_2020,
    "defaults": {
        "population.tfr": {"value": {"ramp": {"from": 1.1, "to": 0.9, "start": 2020, "end": 2030}},
                           "unit": "children per woman", "assumption": True, "low": 0.7,
                           "high": 1.5, "note": "a made-up decline"},
        "population.life_expectancy": {"value": {"table": {2020: 80.0, 2035: 83.0}},
                                       "unit": "year", "source": _SRC},
        "population.net_migration": {"value": 20000, "unit": "person/year", "source": _SRC},
        "population.sex_ratio_at_birth": {"value": 108, "unit": "boys per 100 girls",
                                          "source": _SRC},
        "population.hukou_net_transfers": {"value": {"step": {2020: 5000, 2025: 3000}},
                                           "unit": "person/year", "source": _SRC},
        **HEALTH_DEFAULTS,
    },
}


def base_profile() -> dict[str, Any]:
    """A deep copy of the valid profile, for tests to break."""
    return copy.deepcopy(BASE_PROFILE)


def _sex_age_csv(value_of_age, comment: str) -> str:
    lines = [f"# {comment}", "# units: see the profile format", "age,female,male"]
    lines += [f"{a},{value_of_age(a)!r},{value_of_age(a)!r}" for a in range(101)]
    return "\n".join(lines) + "\n"


def _sex_age_long_csv(columns: dict[str, Any], comment: str) -> str:
    """Long table ``age,sex,<columns>``; each column maps age -> value."""
    lines = [f"# {comment}", "age,sex," + ",".join(columns)]
    lines += [f"{a},{sex}," + ",".join(repr(float(f(a))) for f in columns.values())
              for sex in ("female", "male") for a in range(101)]
    return "\n".join(lines) + "\n"


def write_profile(root: Path, profile: dict[str, Any] | str, region: str = REGION) -> Path:
    """Write `profile` (mapping, or raw YAML text) as <root>/<region>/profile.yaml."""
    path = root / region / "profile.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = profile if isinstance(profile, str) else yaml.safe_dump(profile, allow_unicode=True,
                                                                   sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def make_calibration(root: Path, region: str = REGION,
                     profile: dict[str, Any] | str | None = None) -> Path:
    """Create a valid fake calibration folder at `root` (returned); `profile` replaces the
    default profile.yaml contents."""
    common = root / "common"
    common.mkdir(parents=True, exist_ok=True)
    (common / "mortality_standard_2020.csv").write_text(
        _sex_age_csv(lambda a: 0.0005 * math.exp(0.085 * a), "fake Gompertz mortality"))
    fert = ["# fake flat fertility pattern over 15..49", "age,share"]
    fert += [f"{a},{(1 / 35 if 15 <= a <= 49 else 0.0)!r}" for a in range(101)]
    (common / "fertility_pattern_2020.csv").write_text("\n".join(fert) + "\n")
    (common / "chronic_prevalence.csv").write_text(_sex_age_long_csv(
        {c: (lambda a, v=v: v if a >= 18 else 0.0) for c, v in PREVALENCE.items()},
        "fake flat adult prevalence"))
    (common / "admission_rate.csv").write_text(_sex_age_long_csv(
        {"admissions_per_person_year": lambda a: ADMISSIONS_PER_PERSON_YEAR},
        "fake flat admission rate"))

    folder = root / region
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "population_2020.csv").write_text(
        _sex_age_csv(lambda a: PERSONS_PER_CELL, "fake flat population"))
    (folder / "migration_profile.csv").write_text(
        _sex_age_csv(lambda a: 1 / 202, "fake uniform migration profile"))
    if profile is None:
        profile = {**base_profile(), "region": region}
    write_profile(root, profile, region)
    return root
