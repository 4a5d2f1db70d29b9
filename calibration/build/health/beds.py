"""Beds: the 2020 beds by model bed type and hospital occupancy, and the defaults of the beds keys
(length of stay, the admission scale that reproduces the 2020 occupancy, nursing and rehabilitation
beds, the length-of-stay cap and the approval threshold)."""
from __future__ import annotations

import numpy as np

from calibration import health_figures as hf
from calibration.build.health.context import (
    PLAN_END,
    PLAN_START,
    PLAN_YEARS,
    RegionHealth,
    admissions,
    plan_step,
    round_step,
)
from calibration.build.health.counts import GROWTH_UNCERTAINTY, backout_factor, national_scale
from calibration.build.quantities import BOUNDS, ESTIMATE, Series


def section_2020(b: RegionHealth) -> None:
    """Beds by type on 1 Nov 2020 (later counts backed out) and hospital occupancy."""
    counts, total, t, g_pop = b.counts, b.residents, b.years_to_count, b.population_growth
    f_beds = backout_factor("beds", g_pop, t)
    f_lo, f_hi = (backout_factor("beds", g_pop, t, delta)
                  for delta in (+GROWTH_UNCERTAINTY, -GROWTH_UNCERTAINTY))
    widen = (0.7, 1.4) if counts.split_assumed else (1.0, 1.0)
    nursing = hf.PRIMARY_NURSING_SHARE_2020_ASSUMED
    beds2020 = {k: v / f_beds for k, v in counts.beds.items()}
    primary = beds2020.pop("primary")
    excluded = beds2020.pop("excluded")
    beds2020["primary_general"] = primary * (1 - nursing)
    beds2020["primary_nursing"] = primary * nursing
    bed_total = sum(beds2020.values())
    for key, value in beds2020.items():
        name = f"beds_{key}"
        base = counts.beds["primary"] if key.startswith("primary") else counts.beds[key]
        if key == "primary_general":
            lo_share, hi_share = 1 - hf.PRIMARY_NURSING_SHARE_2020_RANGE[1], 1 - hf.PRIMARY_NURSING_SHARE_2020_RANGE[0]
        elif key == "primary_nursing":
            lo_share, hi_share = hf.PRIMARY_NURSING_SHARE_2020_RANGE
        else:
            lo_share = hi_share = 1.0
        low = base * lo_share / f_lo * (widen[0] if key != "primary_nursing" else 1)
        high = base * hi_share / f_hi * (widen[1] if key != "primary_nursing" else 1)
        note = (f"Derived, not observed: no 2020 city bed count was found (research/city_health_resources.md §5). "
                f"Range: growth {GROWTH_UNCERTAINTY:.0%}/yr faster or slower"
                + (", and the assumed split by type x0.7-1.4" if counts.split_assumed and key != "primary_nursing" else ""))
        if key.startswith("primary"):
            note += (f". The nursing share of primary-care beds in 2020 is ASSUMED {nursing:.0%} (range "
                     f"{hf.PRIMARY_NURSING_SHARE_2020_RANGE[0]:.0%}-{hf.PRIMARY_NURSING_SHARE_2020_RANGE[1]:.0%}): none was "
                     "found; the plans' 2025 target of 30% (000:L276, 002:L157) implies it was lower")
        b.assume_2020(
            name, round_step(value), low=round_step(low), high=round_step(high), source=b.anchor,
            method=(f"{counts.year_text} count by type ({counts.split_text}) divided by the growth since 1 Nov 2020 = "
                    f"{b.growth_text('beds')}: factor {f_beds:.4f}"
                    + (f"; primary-care beds x {1 - nursing:.2f} general / {nursing:.2f} nursing" if key.startswith("primary") else "")),
            note=note + ".", distribution=BOUNDS if key.startswith("primary") else ESTIMATE)
        b.stocks[name] = round_step(value)
    zj_beds = hf.ZHEJIANG_BEDS_PER_1000[2020] * total / 1000
    b.summary.update({"beds_total_2020": bed_total + excluded, "beds_model_2020": bed_total, "beds_excluded_2020": excluded,
                      "beds_per_1000": 1000 * (bed_total + excluded) / total, "zhejiang_beds_equivalent": zj_beds,
                      "growth_factor_beds": f_beds})
    b.model_beds_2020 = bed_total

    occ = hf.CHINA_OCCUPANCY_HOSPITALS[2021]
    b.assume_2020(
        "occupancy_hospital", occ, low=hf.OCCUPANCY_RANGE[0], high=hf.OCCUPANCY_RANGE[1], source=hf.NATCM_2021_SOURCE,
        note=(f"National hospitals' occupancy applied to {b.name_en}'s hospital general and TCM beds: no city or provincial "
              "figure was found. 2021 is used because model year 2020 runs 1 Nov 2020 - 31 Oct 2021 (mostly calendar 2021); "
              "calendar 2020 was 72.3% (COVID year; medium-low)."), distribution=ESTIMATE)


def defaults(b: RegionHealth) -> None:
    """Length of stay and the admission scale (assumptions), then the levers' status quo."""
    region, name_en, pop, total = b.region, b.name_en, b.pop, b.residents
    stocks = b.stocks
    alos = hf.CHINA_ALOS_HOSPITALS
    b.assume(
        "beds.average_length_of_stay", Series(table=Series({2020: alos[2021], 2022: alos[2023]})),
        low=hf.ALOS_RANGE[0], high=hf.ALOS_RANGE[1],
        source=f"{hf.NATCM_2021_SOURCE}; 2023 8.8 days (2023 NHC bulletin reprint, medium)",
        method="national hospitals: model year 2020 ~ calendar 2021 (9.2), model year 2022 ~ calendar 2023 (8.8); flat after",
        note=(f"National values applied to {name_en}: no city figure was found."
              + (" Zhejiang hospitals are likely shorter: Lishui caps tertiary general hospitals at 6.5-7.5 days and TCM "
                 "at 8.5-9.5 (002:L67)." if region != "jiamusi" else "")), distribution=ESTIMATE)
    caps = hf.LISHUI_ALOS_CAPS  # only Lishui's plan caps the stay (tertiary hospitals, by grade)
    cap = round(float(np.mean(list(caps.values()))), 2) if region == "lishui" else hf.NO_LENGTH_OF_STAY_CAP
    stay = min(alos[2021], cap)  # the model's effective length of stay in 2020
    acute = stocks["beds_hospital_general"] + stocks["beds_hospital_tcm"]
    adm = admissions(pop, b.admission)
    occ = b.value_2020("occupancy_hospital")
    scale = occ * acute * 365 / (stay * adm)
    b.assume(
        "beds.admission_rate_scale", round(scale, 3), low=round(0.6 * scale, 3), high=round(1.5 * scale, 3),
        source="health_2020 (hospital general + TCM beds, occupancy_hospital) of this profile; common/admission_rate.csv",
        method=(f"scale = occupancy x acute beds x 365 / (effective length of stay x national-pattern admissions) = {occ} x "
                f"{acute:,} x 365 / ({stay} x {adm:,.0f}) = {scale:.3f}, so that the model's 2020 occupancy equals "
                "occupancy_hospital (effective length of stay = the 2020 default, capped by beds.length_of_stay_cap)"),
        note=("The national table counts all admissions (hospitals and primary care); this scale turns them into demand "
              "for the region's hospital general and TCM beds, so it also absorbs patients coming from or going to other "
              f"regions and admissions to other beds. A region with national beds, mix and use would get {national_scale():.2f}."), distribution=ESTIMATE)
    b.summary["scale"] = scale

    # levers: the region's current policy (status quo), from the plans where they state it
    y1 = PLAN_END
    primary_total = stocks["beds_primary_general"] + stocks["beds_primary_nursing"]
    if region == "jiamusi":
        b.assume(
            "beds.nursing_conversion", 0, low=0, high=100,
            note="Jiamusi's plan sets no nursing-bed share (004); no conversions assumed (it names nursing as a shortage "
                 "area for social investment, 004:L464).", distribution=BOUNDS)
    else:
        need = hf.PRIMARY_NURSING_SHARE_TARGET_2025 * primary_total - stocks["beds_primary_nursing"]
        conv = round_step(need / PLAN_YEARS)
        seed = f"{hf.HANGZHOU_PLAN}:276" if region == "hangzhou" else f"{hf.LISHUI_PLAN}:157"
        b.assume(
            "beds.nursing_conversion", plan_step(conv), low=0, high=round_step(2 * conv),
            source=f"{seed} (基层医疗卫生机构护理床位占比达到30%以上 by 2025)",
            method=(f"(30% x {primary_total:,} primary-care beds - {stocks['beds_primary_nursing']:,} nursing beds) / "
                    f"{PLAN_YEARS} model years {PLAN_START}-{y1} (calendar 2021-25) = {conv}; 0 from {y1 + 1}"),
            note="The plan's target reached by converting existing primary-care general beds (the lever the plan names); "
                 "no conversions after the plan period (no policy decided yet). Depends on the assumed 2020 nursing share.", distribution=ESTIMATE)
    b.assume(
        "beds.nursing_construction", 0, low=0, high=200,
        note="No plan gives new primary-care nursing beds to build; the Hangzhou and Lishui plans convert existing beds "
             "(000:L276, 002:L157). Lishui's 9 new nursing homes and rehabilitation hospitals (002:L155) are not primary care.", distribution=BOUNDS)
    rehab = stocks["beds_hospital_rehabilitation"]
    if region == "lishui":
        target_beds = hf.LISHUI_REHAB_BEDS_PER_1000_2025 * total / 1000
        rate = round_step(max(0.0, target_beds - rehab) / PLAN_YEARS)
        b.assume(
            "beds.rehabilitation_construction", plan_step(rate), low=0, high=round_step(2 * rate),
            source=f"{hf.LISHUI_PLAN}:65 (每千常住人口康复床位数0.3张 by 2025)",
            method=(f"(0.3 per 1,000 x census total {total:,.0f} - 2020 rehabilitation beds {rehab:,}) / {PLAN_YEARS} = "
                    f"{rate}; 0 from {y1 + 1}"),
            note="Building starts spread evenly over the plan; none after it. Uses the census population for 2025.", distribution=ESTIMATE)
    else:
        growth = backout_factor("beds", b.population_growth, 1) - 1
        rate = round_step(rehab * growth)
        b.assume(
            "beds.rehabilitation_construction", plan_step(rate), low=0, high=round_step(3 * rate),
            source=b.counts.source,
            method=(f"status quo: the 2020 rehabilitation beds {rehab:,} growing as assumed in the back-out of "
                    f"health_2020 ({growth:+.2%}/yr) = {rate}; 0 from {y1 + 1}"),
            note=(f"{name_en}'s plan gives no rehabilitation-bed number"
                  + (" (it names rehabilitation as a shortage area, 004:L464)" if region == "jiamusi" else "")
                  + "; the assumed recent growth continues through the plan period, none after it."), distribution=BOUNDS)
    if region == "lishui":
        b.assume(
            "beds.length_of_stay_cap", cap, low=min(caps.values()), high=max(caps.values()),
            source=f"{hf.LISHUI_PLAN}:67 (平均住院日控制在 3A/3B general 6.5/7.5, 3A/3B TCM 8.5/9.5 days)",
            method=f"mean of the four caps by grade = {cap}",
            note=("One cap for the average of all general and TCM hospitals: the plan caps tertiary hospitals by grade "
                  "(secondary hospitals have no cap); the unweighted mean is assumed."), distribution=ESTIMATE)
    else:
        b.assume(
            "beds.length_of_stay_cap", hf.NO_LENGTH_OF_STAY_CAP, low=min(hf.LISHUI_ALOS_CAPS.values()),
            high=hf.NO_LENGTH_OF_STAY_CAP,
            note=(f"{name_en}'s plan sets no length-of-stay cap: {hf.NO_LENGTH_OF_STAY_CAP} days means no cap "
                  "(sim/keys.py). Lishui's caps of 6.5-9.5 days by grade (002:L67) show what a cap could be."), distribution=BOUNDS)
    lo_t, hi_t = hf.APPROVAL_THRESHOLD_RANGE
    b.assume(
        "beds.approval_occupancy_threshold", hf.APPROVAL_THRESHOLD_ASSUMED, low=lo_t, high=hi_t,
        source=(f"{hf.LISHUI_PLAN}:69 (no new acute beds if occupancy fails the hospital grading standard)"
                if region == "lishui" else
                f"{hf.ZHEJIANG_2020_PRIORITIES}:45 (bed allocation tied to hospital performance)"
                if region == "hangzhou" else f"{hf.JIAMUSI_PLAN}:474 (严控公立医院债务规模)"),
        note=("The grading standard's occupancy level is not in the notes; 85% (the usual planning norm; grading "
              "standards use about 85-93%, recalled, not verified) is assumed."
              + ("" if region == "lishui" else f" {name_en}'s plan has no explicit occupancy rule; the same threshold "
                 "is assumed.")), distribution=ESTIMATE)
