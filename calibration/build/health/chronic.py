"""Chronic care: the 2020 hypertension and diabetes cascade (aware, managed, standardized of
managed), and the defaults of the chronic keys (prevalence scales, patients per GP,
standardization and dropout) and of screening."""
from __future__ import annotations

from calibration import health_figures as hf
from calibration.build.demography import check
from calibration.build.health.context import RegionHealth, patients, residents_aged, round_step
from calibration.build.quantities import ASSUMPTION, BOUNDS, ESTIMATE
from sim.inputs.national import CONDITIONS

#: 2015 CCDNS: standardised / managed, both shares of the diagnosed (the 2020 entry is rounded).
STANDARDIZED_OF_MANAGED = hf.CCDNS_STANDARDIZED_OF_DIAGNOSED / hf.CCDNS_MANAGED_OF_DIAGNOSED


def section_2020(b: RegionHealth) -> None:
    """The chronic-disease cascade in 2020: national survey values applied to the city."""
    region = b.region
    managed_of_aware = hf.CCDNS_MANAGED_OF_DIAGNOSED
    std_of_managed = STANDARDIZED_OF_MANAGED
    lo_a, hi_a = hf.CASCADE_RANGES["aware_htn"]
    lo_m, hi_m = hf.CASCADE_RANGES["managed"]
    lo_s, hi_s = hf.CASCADE_RANGES["standardized"]
    ccdns = ("2015 CCDNS, diagnosed hypertensives >=35 (Song Z. et al., Chin J Epidemiol 2021;42(11):2001, "
             "html.rhhz.net/zhlxbx/20211116.htm; research/external_data_2020.md §5, high): community health-management "
             "rate 54.10%, standardised-management rate 45.72%, both of the diagnosed")
    national_note = "National survey value."
    for cond, aware, aware_src, (lo_aw, hi_aw) in (
            ("hypertension", hf.HTN_AWARE_SHARE, "CHS 2012-15 awareness 51.6% (as quoted in 中国高血压防治指南2024; "
             "research/external_data_2020.md §5, medium)", (lo_a, hi_a)),
            ("diabetes", hf.DM_AWARE_SHARE, "CCDRFS 2018 diabetes awareness 36.7% (Wang L. et al., JAMA 2021;326:2498; "
             "research/external_data_2020.md §5, high)", hf.CASCADE_RANGES["aware_dm"])):
        b.assume_2020(f"{cond}_aware_share", aware, low=lo_aw, high=hi_aw, source=aware_src,
                      note=national_note + (" Other surveys: CCDRFS 2013-14 31.9%, China PEACE 44.7%."
                                            if cond == "hypertension" else ""), distribution=ESTIMATE)
        managed = round(aware * managed_of_aware, 4)
        b.assume_2020(
            f"{cond}_managed_share", managed, low=lo_m, high=min(hi_m, aware), source=f"{aware_src}; {ccdns}",
            method=f"aware share x managed/diagnosed = {aware} x {managed_of_aware} = {managed}",
            note=(national_note + " managed/diagnosed is the 2015 survey value for hypertensives aged 35+; "
                  + ("it is applied to diabetes too (no diabetes figure in the notes). " if cond == "diabetes" else "")
                  + "The recalled (LOW) national BPHS counts of ~1.0-1.1亿 managed hypertensives would give ~0.4."), distribution=ESTIMATE)
        b.assume_2020(
            f"{cond}_standardized_of_managed", round(std_of_managed, 4), low=lo_s, high=hi_s, source=ccdns,
            method=f"standardised / managed = 45.72 / 54.10 = {std_of_managed:.4f}",
            note=(national_note + " Survey-reported (>=4 follow-ups a year); BPHS-reported 规范管理率 for 2019-20 are "
                  "recalled at ~60-70% (LOW), hence the wide range. The plans' 2025 targets (>70%, 000:L182; 65%, 004:L374) "
                  "may use other denominators."
                  + (" Applied to diabetes (no diabetes figure in the notes)." if cond == "diabetes" else "")), distribution=ESTIMATE)
        check(managed <= aware, f"{region}: managed above aware")


def defaults(b: RegionHealth) -> None:
    """Prevalence scales, GP team capacity, standardization and dropout (assumptions), and
    screening (lever)."""
    region, name_en, pop, stocks = b.region, b.name_en, b.pop, b.stocks
    std_of_managed = STANDARDIZED_OF_MANAGED
    adults = residents_aged(pop, hf.ADULT_AGE)
    ill = {cond: patients(pop, b.prevalence, cond) for cond in CONDITIONS}
    managed_total = sum(ill[cond] * b.value_2020(f"{cond}_managed_share") for cond in CONDITIONS)
    lo_sc, hi_sc = hf.PREVALENCE_SCALE_RANGE
    for cond, label in (("hypertension", "Hypertension"), ("diabetes", "Diabetes")):
        b.assume(
            f"chronic.{cond}_prevalence_scale", 1.0, low=lo_sc, high=hi_sc,
            note=(f"{label} prevalence of {name_en} assumed equal to the national age-sex pattern "
                  f"(common/chronic_prevalence.csv): no city or provincial figure is in the research notes."
                  + (" TIDE 2015-17 found provincial diabetes prevalence from 6.2% (Guizhou) to 19.9% (Inner Mongolia)."
                     if cond == "diabetes" else "")), distribution=ESTIMATE)
    per_gp = managed_total / stocks["gps"]
    b.assume(
        "chronic.patients_per_gp", round_step(per_gp, 10), low=round_step(0.5 * per_gp, 10),
        high=round_step(2.0 * per_gp, 10),
        source="health_2020 of this profile (managed shares, GPs) and common/chronic_prevalence.csv",
        method=(f"2020 managed patients / GPs = (hypertension {ill['hypertension']:,.0f} x "
                f"{b.value_2020('hypertension_managed_share')} + diabetes {ill['diabetes']:,.0f} x "
                f"{b.value_2020('diabetes_managed_share')}) / {stocks['gps']:,} = {per_gp:,.0f}"),
        note=("Assumes GP-led teams were working at capacity in 2020 (both the managed shares and the GP count are "
              "derived). Range 0.5-2x."), distribution=ESTIMATE)
    b.assume(
        "chronic.standardization_rate",
        round(hf.MODEL_BASE_DESTANDARDIZATION_RATE * std_of_managed / (1 - std_of_managed), 2),
        low=hf.STANDARDIZATION_RATE_RANGE[0], high=hf.STANDARDIZATION_RATE_RANGE[1],
        source="health_2020 hypertension_standardized_of_managed (2015 CCDNS, Song Z. et al., Chin J Epidemiol 2021)",
        method=(f"balance of the 2020 share f = {std_of_managed:.4f}: rate = 0.15 x f / (1 - f), with 0.15 the default of "
                "chronic.destandardization_rate; standardization of managed patients then equals destandardization of "
                "standardized ones"),
        note="Holds the 2020 standardized share steady while teams have room; the 0.15 is an assumption too.", distribution=ESTIMATE)
    b.assume(
        "chronic.dropout_rate", hf.DROPOUT_RATE_ASSUMED, low=hf.DROPOUT_RATE_RANGE[0], high=hf.DROPOUT_RATE_RANGE[1],
        note="No loss-to-follow-up rate was found in the notes; 10% a year of managed (not standardized) patients is assumed.", distribution=BOUNDS)
    b.summary.update({"patients": ill, "adults": adults})

    lo_sr, hi_sr = hf.SCREENING_RATE_RANGE
    b.lever(
        "primary_care.screening_rate", hf.SCREENING_RATE_ASSUMED[region], basis=ASSUMPTION, low=lo_sr, high=hi_sr,
        note=("Screening beyond routine diagnosis and the checks family doctors give (both are separate in the model): "
              + f"Zhejiang aimed at free health checks for {hf.ZHEJIANG_FREE_CHECKS_2023:,} residents in 2023 (~15% a year; "
                f"{hf.ZHEJIANG_2023_PRIORITIES_SOURCE}); a third of that reach is assumed to find undiagnosed patients."),
        distribution=BOUNDS)
