"""Checks of the 2020 population- and health-sector baseline files: written by calibration.build.profiles
(china, zhejiang, common/) and, for the cities, by `python -m sim region build` from their tables.

Reads the CSVs and profile.yaml files directly (format: sim/inputs/profile_schema.py);
does not import `sim`.
"""
from __future__ import annotations

from numbers import Number
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CAL = ROOT / "calibration"
REGIONS = ["hangzhou", "lishui", "jiamusi", "zhejiang"]
AGES = list(range(101))

TOP_KEYS = {"region", "name_en", "name_zh", "base_year", "files", "census_2020", "hukou_population_2020", "health_2020",
            "defaults"}
CENSUS_KEYS = {"total", "male", "share_0_14", "share_15_59", "share_60_plus", "share_65_plus"}
POPULATION_KEYS = {"population.tfr", "population.life_expectancy", "population.net_migration",
                   "population.sex_ratio_at_birth", "population.hukou_net_transfers"}
HEALTH_KEYS = {  # sim/keys.py (health sectors)
    "chronic.hypertension_prevalence_scale", "chronic.diabetes_prevalence_scale", "chronic.patients_per_gp",
    "chronic.standardization_rate", "chronic.dropout_rate", "beds.average_length_of_stay", "beds.admission_rate_scale",
    "workforce.doctor_attrition_rate", "workforce.nurse_attrition_rate", "workforce.staff_out_migration_rate",
    "care.infant_care_demand_share", "care.elderly_served_per_gp", "beds.nursing_conversion", "beds.nursing_construction",
    "beds.primary_general_construction", "beds.rehabilitation_construction", "beds.nursing_home_construction",
    "beds.acute_norm_growth", "beds.approval_occupancy_threshold", "beds.length_of_stay_cap",
    "workforce.gp_training_places", "workforce.gp_transfer_training", "workforce.hiring_budget",
    "workforce.nurses_per_bed_standard", "workforce.doctors_per_1000_target", "primary_care.contracting_target",
    "primary_care.screening_rate", "care.elderly_outreach_target", "care.infant_place_construction",
    "care.growth_station_construction"}
STRUCTURAL_KEYS = {  # sim/keys.py (structural assumptions, once constants of the .mdl)
    "chronic.background_detection_rate", "chronic.detection_per_contracting", "chronic.enrolment_rate",
    "chronic.capacity_adjustment_time", "chronic.destandardization_rate", "beds.construction_time",
    "beds.bed_lifetime", "beds.acute_replacement_share", "beds.approval_time", "beds.target_occupancy",
    "beds.nursing_beds_per_1000_80_plus", "workforce.gp_training_duration", "workforce.hiring_time",
    "care.residents_per_gp_contract", "care.contracting_time", "care.contract_lapse_rate"}
DEFAULT_KEYS = POPULATION_KEYS | HEALTH_KEYS | STRUCTURAL_KEYS
# health_2020 figures and their units (sim/inputs/profile_schema.py)
HEALTH_UNITS = {
    "beds_hospital_general": "bed", "beds_hospital_tcm": "bed", "beds_hospital_rehabilitation": "bed",
    "beds_primary_general": "bed", "beds_primary_nursing": "bed", "beds_nursing_home": "bed", "beds_other": "bed",
    "doctors": "person", "gps": "person",
    "nurses": "person", "hypertension_aware_share": "1", "hypertension_managed_share": "1",
    "hypertension_standardized_of_managed": "1", "diabetes_aware_share": "1", "diabetes_managed_share": "1",
    "diabetes_standardized_of_managed": "1", "contracted_share": "1", "key_group_contracted_share": "1",
    "elderly_managed_share": "1", "infant_care_places": "place", "growth_stations": "station",
    "occupancy_hospital": "1"}
# National adult (18+) crude prevalence chosen for common/chronic_prevalence.csv: CCDRFS 2018 (see its header)
NATIONAL_ADULT_PREVALENCE = {"hypertension": 27.5, "diabetes": 12.4}   # percent
NATIONAL_ADMISSIONS_PER_100 = 16.3   # 2020: 23,013万 / 141,212万 (research/external_data_2020.md §4a)
QUANTITY_KEYS = {"value", "unit", "basis", "source", "method", "assumption", "low", "high", "note", "distribution"}
SHARE_AGES = {"share_0_14": (0, 14), "share_15_59": (15, 59), "share_60_plus": (60, 100), "share_65_plus": (65, 100)}


def read_csv(path: Path) -> pd.DataFrame:
    with open(path, encoding="utf-8") as fh:
        assert fh.readline().startswith("#"), f"{path} must open with '#' comment lines"
    return pd.read_csv(path, comment="#")


def load_profile(region: str) -> dict:
    with open(CAL / region / "profile.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def population(region: str) -> pd.DataFrame:
    return read_csv(CAL / region / "population_2020.csv")


def series_numbers(value) -> list[float]:
    """All numbers a <series> can take (constant, step, ramp or table); fails on bad syntax."""
    if isinstance(value, Number) and not isinstance(value, bool):
        return [float(value)]
    assert isinstance(value, dict) and len(value) == 1, f"bad series {value!r}"
    (kind, body), = value.items()
    if kind in ("step", "table"):
        assert body and all(isinstance(y, int) for y in body), f"{kind}: years must be integers"
        return [float(v) for v in body.values()]
    assert kind == "ramp", f"unknown series kind {kind!r}"
    assert set(body) == {"from", "to", "start", "end"}, f"ramp keys {set(body)}"
    assert isinstance(body["start"], int) and isinstance(body["end"], int) and body["start"] < body["end"]
    return [float(body["from"]), float(body["to"])]


def quantities(profile: dict) -> dict[str, dict]:
    out = {f"census_2020.{k}": q for k, q in profile["census_2020"].items()}
    out["hukou_population_2020"] = profile["hukou_population_2020"]
    out.update({f"health_2020.{k}": q for k, q in profile["health_2020"].items()})
    out.update({f"defaults.{k}": q for k, q in profile["defaults"].items()})
    return out


# --- common files -----------------------------------------------------------------------------
def test_fertility_pattern_sums_to_one_and_is_zero_outside_15_49():
    f = read_csv(CAL / "common" / "fertility_pattern_2020.csv")
    assert list(f.columns) == ["age", "share"]
    assert f["age"].tolist() == AGES
    assert abs(f["share"].sum() - 1) < 1e-12
    inside = f["age"].between(15, 49)
    assert (f.loc[~inside, "share"] == 0).all()
    assert (f.loc[inside, "share"] > 0).all()
    # China 2020: the single-year ASFR peaks in the late twenties
    assert 25 <= int(f.loc[f["share"].idxmax(), "age"]) <= 30


def test_mortality_standard_positive_and_increasing_above_30():
    m = read_csv(CAL / "common" / "mortality_standard_2020.csv")
    assert list(m.columns) == ["age", "female", "male"]
    assert m["age"].tolist() == AGES
    assert (m[["female", "male"]] > 0).all().all()
    # Strictly increasing from 30 to 95. Above 95 the published census rates flatten and fall
    # (age misstatement at extreme ages); the file keeps them as published (see its header).
    for sex in ("female", "male"):
        rates = m.loc[30:95, sex].to_numpy()
        assert (np.diff(rates) > 0).all(), f"{sex} m(x) not increasing over 30..95"
    # male excess mortality at every age up to 95
    assert (m.loc[0:95, "male"] > m.loc[0:95, "female"]).all()


def test_mortality_standard_is_census_table_6_4_as_published():
    t = pd.read_csv(CAL / "sources" / "china_census_deaths_rates_single_age_sex.csv", comment="#")
    t = t[(t["period"] == "2019.11.1-2020.10.31") & (t["type"] == "不分城乡")]
    t = t[t["age"].str.fullmatch(r"\d+") | (t["age"] == "100岁及以上")]
    m = read_csv(CAL / "common" / "mortality_standard_2020.csv")
    for sex in ("female", "male"):
        expected = (t[f"deaths_{sex}"] / t[f"avg_pop_{sex}"]).to_numpy()
        np.testing.assert_allclose(m[sex].to_numpy(), expected, rtol=1e-12)
    # published per-mille rates agree to their rounding (checks the age alignment)
    np.testing.assert_allclose(1000 * m["male"].to_numpy(), t["rate_permille_male"].to_numpy(), atol=0.006)


# --- regional population ----------------------------------------------------------------------
@pytest.mark.parametrize("region", REGIONS)
def test_population_has_101_ages_and_no_negatives(region):
    p = population(region)
    assert list(p.columns) == ["age", "female", "male"]
    assert p["age"].tolist() == AGES
    assert (p[["female", "male"]] >= 0).all().all()


@pytest.mark.parametrize("region", REGIONS)
def test_population_sums_to_census_total(region):
    total = load_profile(region)["census_2020"]["total"]["value"]
    p = population(region)
    assert abs(p[["female", "male"]].to_numpy().sum() - total) <= 1e-6


@pytest.mark.parametrize("region", REGIONS)
def test_broad_shares_match_census(region):
    census = load_profile(region)["census_2020"]
    p = population(region)
    both = p["female"] + p["male"]
    given = [k for k in SHARE_AGES if k in census]
    if region in ("hangzhou", "lishui"):
        assert len(given) == 4, "Hangzhou and Lishui have all four broad shares"
    for key in given:
        lo, hi = SHARE_AGES[key]
        share = 100 * both.loc[lo:hi].sum() / both.sum()
        assert abs(share - census[key]["value"]) <= 0.1, f"{key}: {share:.3f} vs {census[key]['value']}"


# Only Hangzhou's census bulletin gives the male total; Lishui and Jiamusi keep the province's
# sex ratio by age (an assumption stated in their profiles).
@pytest.mark.parametrize("region", ["hangzhou"])
def test_male_total_matches_census(region):
    census = load_profile(region)["census_2020"]
    assert "male" in census
    p = population(region)
    assert abs(p["male"].sum() - census["male"]["value"]) <= 1e-6


@pytest.mark.parametrize("region", REGIONS)
def test_population_keeps_the_famine_cohort_trough(region):
    # Born 1959-61 (ages 58-61 in 2020) is a deep trough in every Chinese census; smooth interpolation
    # of 5-year groups would erase it.
    both = population(region).eval("female + male")
    assert both.loc[59] < 0.6 * both.loc[57]
    assert both.loc[62] > both.loc[60]


# --- migration profile ------------------------------------------------------------------------
@pytest.mark.parametrize("region", REGIONS)
def test_migration_profile_non_negative_and_sums_to_one(region):
    m = read_csv(CAL / region / "migration_profile.csv")
    assert list(m.columns) == ["age", "female", "male"]
    assert m["age"].tolist() == AGES
    assert (m[["female", "male"]] >= 0).all().all()
    assert abs(m[["female", "male"]].to_numpy().sum() - 1) < 1e-12


@pytest.mark.parametrize("region", REGIONS)
def test_migration_profile_shape(region):
    m = read_csv(CAL / region / "migration_profile.csv")
    both = m["female"] + m["male"]
    # peak at young working ages (age at moving), little at the oldest ages
    assert 15 <= int(both.idxmax()) <= 35
    assert both.loc[85:].sum() < 0.01
    # assumed child migrants: ages 0-4 uniform and positive
    assert both.loc[0] > 0 and np.allclose(both.loc[0:4], both.loc[0])


# --- profile.yaml -----------------------------------------------------------------------------
@pytest.mark.parametrize("region", REGIONS)
def test_profile_structure(region):
    prof = load_profile(region)
    assert set(prof) == TOP_KEYS
    assert prof["region"] == region
    assert prof["base_year"] == 2020
    assert set(prof["census_2020"]) <= CENSUS_KEYS and "total" in prof["census_2020"]
    assert set(prof["defaults"]) == DEFAULT_KEYS
    for name in prof["files"].values():
        assert (CAL / region / name).is_file()


@pytest.mark.parametrize("region", REGIONS)
def test_every_quantity_has_provenance(region):
    for key, q in quantities(load_profile(region)).items():
        assert set(q) <= QUANTITY_KEYS, f"{key}: unknown keys {set(q) - QUANTITY_KEYS}"
        assert "value" in q and isinstance(q.get("unit"), str) and q["unit"], f"{key}: value and unit required"
        numbers = series_numbers(q["value"])
        if q.get("assumption") is True:
            assert isinstance(q.get("note"), str) and q["note"], f"{key}: assumption needs a note"
            assert q["low"] <= q["high"], f"{key}: low > high"
            for v in numbers:
                assert q["low"] <= v <= q["high"], f"{key}: {v} outside [{q['low']}, {q['high']}]"
        else:
            assert "assumption" not in q, f"{key}: assumption must be true or absent"
            assert isinstance(q.get("source"), str) and q["source"].strip(), f"{key}: needs a source or assumption"


@pytest.mark.parametrize("region", REGIONS)
def test_default_values_are_plausible(region):
    d = load_profile(region)["defaults"]
    tfr = series_numbers(d["population.tfr"]["value"])
    assert all(0.4 < v < 2.0 for v in tfr)
    e0 = series_numbers(d["population.life_expectancy"]["value"])
    assert 75 < e0[0] < 85 and e0[1] > e0[0]
    assert 100 < series_numbers(d["population.sex_ratio_at_birth"]["value"])[0] < 120
    migration = series_numbers(d["population.net_migration"]["value"])
    if region == "hangzhou":
        assert all(v > 0 for v in migration)
    if region == "jiamusi":
        assert all(v < 0 for v in migration)


def test_tfr_2020_reproduces_hangzhou_births():
    # Hangzhou: births in model year 2020 = CBR 7.76 per mille x census total (the derivation of TFR2020).
    prof = load_profile("hangzhou")
    tfr = prof["defaults"]["population.tfr"]["value"]["ramp"]["from"]
    pattern = read_csv(CAL / "common" / "fertility_pattern_2020.csv")["share"].to_numpy()
    births = tfr * (population("hangzhou")["female"].to_numpy() * pattern).sum()
    assert births == pytest.approx(7.76e-3 * prof["census_2020"]["total"]["value"], rel=1e-3)


# --- health sector (sim/inputs/profile_schema.py) -------------------------------------------------------
def census_2020_china() -> pd.DataFrame:
    """China's census population on 1 Nov 2020 by single age and sex: table 1-5 national age groups spread over
    single years in proportion to the table 6-4 average population (the structure the build calibrates on)."""
    groups = pd.read_csv(CAL / "sources" / "china_census_2010_2020_pop_by_province_age_sex.csv", comment="#")
    groups = groups[(groups["census_year"] == 2020) & (groups["area"] == "全国") & (groups["age"] != "total")]
    t = pd.read_csv(CAL / "sources" / "china_census_deaths_rates_single_age_sex.csv", comment="#")
    t = t[(t["period"] == "2019.11.1-2020.10.31") & (t["type"] == "不分城乡")]
    t = t[t["age"].str.fullmatch(r"\d+") | (t["age"] == "100岁及以上")]
    t = t.assign(age=t["age"].replace({"100岁及以上": "100"}).astype(int)).set_index("age").sort_index()
    out = pd.DataFrame({"age": AGES, "female": 0.0, "male": 0.0})
    for label, row in groups.set_index("age").iterrows():
        lo, hi = (int(label[:-1]), 100) if label.endswith("+") else \
            tuple(int(x) for x in label.split("-")) if "-" in label else (int(label), int(label))
        for sex in ("female", "male"):
            w = t.loc[lo:hi, f"avg_pop_{sex}"].to_numpy(dtype=float)
            out.loc[lo:hi, sex] = row[sex] * w / w.sum()
    assert abs(out[["female", "male"]].to_numpy().sum() - 1_409_778_724) < 1
    return out


def long_table(name: str, columns: list[str]) -> pd.DataFrame:
    t = read_csv(CAL / "common" / name)
    assert list(t.columns) == ["age", "sex", *columns]
    assert len(t) == 202 and not t.duplicated(["age", "sex"]).any()
    for sex in ("female", "male"):
        assert sorted(t.loc[t["sex"] == sex, "age"]) == AGES
    return t


def weighted_mean(t: pd.DataFrame, column: str, pop: pd.DataFrame, lo: int = 0, hi: int = 100) -> float:
    num = den = 0.0
    for sex in ("female", "male"):
        rates = t[t["sex"] == sex].set_index("age")[column].sort_index().loc[lo:hi].to_numpy()
        weights = pop[sex].to_numpy()[lo:hi + 1]
        num += float((rates * weights).sum())
        den += float(weights.sum())
    return num / den


def test_prevalence_table_shape():
    t = long_table("chronic_prevalence.csv", ["hypertension", "diabetes"])
    for condition in ("hypertension", "diabetes"):
        assert t[condition].between(0, 1).all()
        assert (t.loc[t["age"] < 18, condition] == 0).all()
        assert (t.loc[t["age"] >= 18, condition] > 0).all()
        for sex in ("female", "male"):
            adult = t[(t["sex"] == sex) & (t["age"] >= 18)].sort_values("age")[condition].to_numpy()
            assert (np.diff(adult) >= 0).all(), f"{condition} {sex}: not rising with age"
            assert adult[-1] > 3 * adult[0]


@pytest.mark.parametrize("condition", ["hypertension", "diabetes"])
def test_prevalence_reproduces_national_adult_crude_prevalence(condition):
    t = long_table("chronic_prevalence.csv", ["hypertension", "diabetes"])
    got = 100 * weighted_mean(t, condition, census_2020_china(), 18, 100)
    assert abs(got - NATIONAL_ADULT_PREVALENCE[condition]) <= 0.5, f"{condition}: {got:.3f}%"


def test_admission_rates_reproduce_16_3_per_100():
    t = long_table("admission_rate.csv", ["admissions_per_person_year"])
    pop = census_2020_china()
    got = 100 * weighted_mean(t, "admissions_per_person_year", pop)
    assert abs(got - NATIONAL_ADMISSIONS_PER_100) <= 0.2, f"{got:.3f} per 100"
    rate = t.set_index(["sex", "age"])["admissions_per_person_year"]
    assert (rate > 0).all() and (rate < 1).all()
    for sex in ("female", "male"):   # J shape: infants high, trough at school ages, rising in old age
        r = rate.loc[sex]
        assert r.loc[0] > 2 * r.loc[10] and r.loc[80] > r.loc[60] > r.loc[40] > r.loc[10]
    assert (rate.loc["female"].loc[25:34] > rate.loc["male"].loc[25:34]).all()  # deliveries


@pytest.mark.parametrize("region", REGIONS)
def test_health_2020_has_every_figure_with_unit_and_derived_provenance(region):
    h = load_profile(region)["health_2020"]
    assert list(h) == list(HEALTH_UNITS)
    for name, q in h.items():
        assert q["unit"] == HEALTH_UNITS[name], name
        # No 2020 city figure was published: every value is derived, so an assumption with a range, anchored
        # on a source.
        assert q.get("assumption") is True and q["low"] <= q["value"] <= q["high"], name
        assert isinstance(q.get("source"), str) and q["source"].strip(), f"{name}: no source for the anchor"
        assert isinstance(q.get("note"), str) and q["note"].strip(), name


@pytest.mark.parametrize("region", REGIONS)
def test_health_2020_values_are_consistent(region):
    h = {k: q["value"] for k, q in load_profile(region)["health_2020"].items()}
    total = load_profile(region)["census_2020"]["total"]["value"]
    for name, unit in HEALTH_UNITS.items():
        assert h[name] >= 0, name
        if unit == "1" and name != "occupancy_hospital":
            assert 0 <= h[name] <= 1, name
    assert 0.3 <= h["occupancy_hospital"] <= 1.2
    for condition in ("hypertension", "diabetes"):
        assert h[f"{condition}_managed_share"] <= h[f"{condition}_aware_share"]
    assert h["gps"] <= h["doctors"]
    assert h["key_group_contracted_share"] >= h["contracted_share"]
    # plausible densities for a Chinese city in 2020 (national: 6.46 beds, 2.90 doctors, 3.34 nurses per 1,000)
    beds = sum(h[k] for k in HEALTH_UNITS if k.startswith("beds_"))
    assert 4 < 1000 * beds / total < 11
    assert 2 < 1000 * h["doctors"] / total < 5 and 2 < 1000 * h["nurses"] / total < 6
    assert 1 < 10_000 * h["gps"] / total < 6


@pytest.mark.parametrize("region", REGIONS)
def test_health_defaults_fit_their_plausible_ranges(region):
    d = load_profile(region)["defaults"]
    for key in HEALTH_KEYS:
        q = d[key]
        numbers = series_numbers(q["value"])
        assert all(v >= 0 for v in numbers), key
        if q.get("assumption"):
            assert all(q["low"] <= v <= q["high"] for v in numbers), key
    # hospital occupancy in 2020 implied by the defaults equals health_2020.occupancy_hospital (demand calibration)
    h = {k: q["value"] for k, q in load_profile(region)["health_2020"].items()}
    t = read_csv(CAL / "common" / "admission_rate.csv")
    pop = population(region)
    admissions = sum((t[t["sex"] == s].sort_values("age")["admissions_per_person_year"].to_numpy()
                      * pop[s].to_numpy()).sum() for s in ("female", "male"))
    stay = min(series_numbers(d["beds.average_length_of_stay"]["value"])[0],
               series_numbers(d["beds.length_of_stay_cap"]["value"])[0])
    scale_2020 = series_numbers(d["beds.admission_rate_scale"]["value"])[0]
    occupancy = (admissions * scale_2020 * stay
                 / (365 * (h["beds_hospital_general"] + h["beds_hospital_tcm"])))
    assert occupancy == pytest.approx(h["occupancy_hospital"], abs=0.002)


def test_structural_defaults_equal_the_model_files_constants():
    """Each structural assumption's profile default is the constant the .mdl holds, so a run
    without the profile (PySD on the bare file) and a run with it tell the same story."""
    from sim.engines import pysd_runner as engine
    from sim.inputs.keys import KEYS

    components = engine.load_model().components
    for region in REGIONS:
        defaults = load_profile(region)["defaults"]
        for key in STRUCTURAL_KEYS:
            name = KEYS[key].model_variable.replace(" ", "_").lower()   # PySD's Python name
            assert defaults[key]["value"] == pytest.approx(getattr(components, name)()), key
