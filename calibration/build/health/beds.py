"""Beds: the 2020 beds by model bed type, of nursing homes (护理院) and of the other medical institutions,
and hospital occupancy; the defaults of the beds keys (length of stay, the admission scale that reproduces
the 2020 occupancy, nursing, rehabilitation and nursing-home beds, the length-of-stay cap and the approval
threshold)."""
from __future__ import annotations

import pandas as pd

from calibration import health_figures as hf
from calibration.build.demography import PERIOD_2010, PERIOD_2020, national_single_year
from calibration.build.health.context import TREND_END, RegionHealth, admissions, round_step
from calibration.build.health.counts import (
    HOSPITAL_SHARES,
    NATIONAL_GROWTH,
    NATIONAL_PACES,
    backout_factor,
    interpolate_to_census_day,
    national_scale,
)
from calibration.build.quantities import ASSUMPTION, BOUNDS, ESTIMATE, OBSERVED, Series
from sim.inputs.keys import BASE_YEAR


def section_2020(b: RegionHealth) -> None:
    """Beds by type, nursing-home beds and the other institutions' beds on 1 Nov 2020 (later counts backed
    out), and hospital occupancy."""
    _section_2020_national(b)
    _occupancy(b)


def _occupancy(b: RegionHealth) -> None:
    occ = hf.CHINA_OCCUPANCY_HOSPITALS[2021]
    b.assume_2020(
        "occupancy_hospital", occ, low=hf.OCCUPANCY_RANGE[0], high=hf.OCCUPANCY_RANGE[1], source=hf.NATCM_2021_SOURCE,
        note=(f"National hospitals' occupancy, on {b.name_en}'s hospital general and TCM beds (all hospitals: the "
              "occupancy of general and TCM hospitals alone was not found). "
              + "2021 is used because model year 2020 runs 1 Nov 2020 - 31 Oct 2021 (mostly calendar 2021); "
              "calendar 2020 was 72.3% (COVID year; medium-low)."), distribution=ESTIMATE)


def _section_2020_national(b: RegionHealth) -> None:
    """The nation's beds on 1 Nov 2020: the bulletins' year-end counts (observed), interpolated between the end of
    2019 and the end of 2020; hospital beds split into TCM-type (observed), rehabilitation and nursing homes
    (Hangzhou's shares, assumed) and general (the rest); primary care split as in the cities (assumed share)."""
    wan, total = 10_000, b.residents
    t19, t20 = hf.CHINA_BEDS_TOTAL_WAN[2019] * wan, hf.CHINA_BEDS_TOTAL_WAN[2020] * wan
    f = interpolate_to_census_day(t19, t20) / t20
    hosp, primary = hf.CHINA_BEDS_HOSPITAL_WAN[2020] * wan, hf.CHINA_BEDS_PRIMARY_WAN[2020] * wan
    other = t20 - hosp - primary
    sh, nursing = HOSPITAL_SHARES, hf.PRIMARY_NURSING_SHARE_2020_ASSUMED
    source = hf.CHINA_BULLETIN_SOURCE.format(years="2019-2020", series="beds_total / beds_hospital / beds_primary_care")
    interp = (f"year-end 2019 {t19:,.0f} and 2020 {t20:,.0f} all beds interpolated linearly to 1 Nov 2020 (306 of the "
              f"366 days): factor {f:.5f} on each end-2020 count (the 2019 split by type was not found)")
    fujian_share = hf.FUJIAN_2020_BEDS_NURSING_HOMES / hf.FUJIAN_2020_BEDS_HOSPITALS
    stocks = {
        "beds_hospital_tcm": hf.CHINA_TCM_TYPE_HOSPITAL_BEDS_2020 * f,
        "beds_hospital_rehabilitation": hosp * sh["rehabilitation"] * f,
        "beds_nursing_home": hosp * sh["nursing_homes"] * f,
    }
    stocks["beds_hospital_general"] = hosp * f - sum(stocks.values())
    stocks.update(beds_primary_general=primary * (1 - nursing) * f, beds_primary_nursing=primary * nursing * f,
                  beds_other=other * f)
    b.observe_2020("beds_hospital_tcm", round_step(stocks["beds_hospital_tcm"]),
                   source=f"{hf.CHINA_TCM_2020_SOURCE}; {source}",
                   method=f"TCM-type hospital beds at the end of 2020, 1,148,135 x {f:.5f} ({interp})")
    rehab_lo, rehab_hi = (hosp * sh["rehabilitation"] * f * w for w in (0.7, 1.4))
    b.assume_2020(
        "beds_hospital_rehabilitation", round_step(stocks["beds_hospital_rehabilitation"]), low=round_step(rehab_lo),
        high=round_step(rehab_hi), source=f"{source}; {hf.HANGZHOU_2024Q1_SOURCE}",
        method=(f"hospital beds 713.1万 x Hangzhou's rehabilitation share of hospital beds {sh['rehabilitation']:.2%} x "
                f"{f:.5f}"),
        note=("ASSUMED split: no national count of rehabilitation-hospital beds was found; Hangzhou's share (the only "
              "breakdown found) is applied, range x0.7-1.4."), distribution=BOUNDS)
    b.assume_2020(
        "beds_nursing_home", round_step(stocks["beds_nursing_home"]), low=round_step(hosp * fujian_share * f),
        high=round_step(hosp * sh["nursing_homes"] * f * 1.4), source=f"{source}; {hf.HANGZHOU_2024Q1_SOURCE}",
        method=f"hospital beds 713.1万 x Hangzhou's nursing-home share of hospital beds {sh['nursing_homes']:.2%} x {f:.5f}",
        note=(f"ASSUMED: no national nursing-home (护理院) bed count was found (calibration/sources/health_series/README.md); "
              f"Hangzhou's share is applied as for Lishui and Jiamusi. Low end: Fujian's 2020 share, {fujian_share:.2%} "
              f"({hf.FUJIAN_2020_SOURCE}); high end: Hangzhou's share x1.4. The national share is probably nearer the "
              "low end than Hangzhou's (nursing homes cluster in the rich east); the beds stay inside the published "
              "hospital total either way, so the anchors of hospital and total beds do not depend on it."),
        distribution=BOUNDS)
    gen = stocks["beds_hospital_general"]
    b.assume_2020(
        "beds_hospital_general", round_step(gen), low=round_step(gen - (rehab_hi - stocks["beds_hospital_rehabilitation"])
                                                                     - (hosp * sh["nursing_homes"] * f * 0.4)),
        high=round_step(gen + (stocks["beds_hospital_rehabilitation"] - rehab_lo)
                        + stocks["beds_nursing_home"] - hosp * fujian_share * f),
        source=f"{source}; {hf.CHINA_TCM_2020_SOURCE}",
        method=(f"hospital beds 713.1万 x {f:.5f} minus TCM-type, rehabilitation and nursing-home beds (the rest of the "
                "observed hospital total)"),
        note="The remainder of an observed total; its range mirrors the assumed rehabilitation and nursing-home splits.",
        distribution=BOUNDS)
    share_lo, share_hi = hf.PRIMARY_NURSING_SHARE_2020_RANGE
    for key, share, lo, hi in (("beds_primary_general", 1 - nursing, 1 - share_hi, 1 - share_lo),
                               ("beds_primary_nursing", nursing, share_lo, share_hi)):
        b.assume_2020(
            key, round_step(primary * share * f), low=round_step(primary * lo * f), high=round_step(primary * hi * f),
            source=source, method=f"primary-care (基层) beds 164.9万 x {share:.2f} x {f:.5f}",
            note=(f"The primary-care total is observed; the nursing share of primary-care beds in 2020 is ASSUMED "
                  f"{nursing:.0%} (range {share_lo:.0%}-{share_hi:.0%}), as in the cities: none was found."),
            distribution=BOUNDS)
    b.observe_2020("beds_other", round_step(stocks["beds_other"]), source=source,
                   method=(f"all beds 910.1万 - hospitals 713.1万 - primary care 164.9万 = {other:,.0f} (professional "
                           f"public-health institutions and others) x {f:.5f}"))
    for name, value in stocks.items():
        b.stocks[name] = round_step(value)
    bed_total = sum(v for k, v in stocks.items() if k not in ("beds_nursing_home", "beds_other"))
    all_beds = sum(stocks.values())
    b.summary.update({"beds_total_2020": all_beds, "beds_model_2020": bed_total, "beds_per_1000": 1000 * all_beds / total,
                      "growth_factor_beds": f})
    b.model_beds_2020, b.all_beds_2020 = bed_total, all_beds


_TREND_YEARS = TREND_END - BASE_YEAR


def _per_resident(year: int) -> float:
    """National admissions per resident (residents = beds / beds per 1,000, same bulletin)."""
    residents_wan = hf.CHINA_BEDS_WAN[year] / hf.CHINA_BEDS_PER_1000_BULLETIN[year] * 1000
    return hf.CHINA_ADMISSIONS_WAN[year] / residents_wan


def _crude(y0: int, y1: int) -> float:
    return (_per_resident(y1) / _per_resident(y0)) ** (1 / (y1 - y0)) - 1


def _ageing_growth(admission: pd.DataFrame) -> float:
    """Yearly growth of admissions per resident that the age structure alone explains: the national
    admission table (common/admission_rate.csv, an assumption) on the national single-age census
    structures of 2010 and 2020 (table 6-4 average population, calibration/sources)."""
    def per_resident(period: str) -> float:
        t = national_single_year(period)
        pop = pd.DataFrame({"female": t["avg_pop_female"], "male": t["avg_pop_male"]})
        return admissions(pop, admission) / float(pop.to_numpy().sum())

    return (per_resident(PERIOD_2020) / per_resident(PERIOD_2010)) ** (1 / 10) - 1


def _admission_growth(b: RegionHealth, y0: int, y1: int) -> float:
    """Yearly rise of national admissions per resident at fixed age structure, y0 -> y1."""
    return _crude(y0, y1) - _ageing_growth(b.admission)


def _admission_trend(b: RegionHealth, scale: float) -> Series:
    """The 2020 scale, rising linearly at the 2019-23 national pace to TREND_END, held after."""
    end = scale * (1 + _admission_growth(b, 2019, 2023) * _TREND_YEARS)
    return Series(ramp=Series({"from": round(scale, 3), "to": round(end, 3), "start": BASE_YEAR, "end": TREND_END}))


def defaults(b: RegionHealth) -> None:
    """Length of stay and the admission scale (assumptions), then the levers' status quo."""
    region, name_en, pop = b.region, b.name_en, b.pop
    stocks = b.stocks
    alos = hf.CHINA_ALOS_HOSPITALS
    b.assume(
        "beds.average_length_of_stay", Series(table=Series({2020: alos[2021], 2022: alos[2023]})),
        low=hf.ALOS_RANGE[0], high=hf.ALOS_RANGE[1],
        source=f"{hf.NATCM_2021_SOURCE}; 2023 8.8 days (2023 NHC bulletin reprint, medium)",
        method="national hospitals: model year 2020 ~ calendar 2021 (9.2), model year 2022 ~ calendar 2023 (8.8); flat after",
        note=(f"National values applied to {name_en}: no city figure was found."
              + " Zhejiang hospitals are likely shorter: Lishui caps tertiary general hospitals at 6.5-7.5 days and TCM "
                "at 8.5-9.5 (002:L67)."), distribution=ESTIMATE)
    # No baseline caps the stay (Lishui's plan caps, 002:L67, are its plan scenario's): the effective stay is the default.
    stay = min(alos[2021], hf.NO_LENGTH_OF_STAY_CAP)  # the model's effective length of stay in 2020
    acute = stocks["beds_hospital_general"] + stocks["beds_hospital_tcm"]
    adm = admissions(pop, b.admission)
    occ = b.value_2020("occupancy_hospital")
    scale = occ * acute * 365 / (stay * adm)
    b.assume(
        "beds.admission_rate_scale", _admission_trend(b, scale),
        low=round(scale, 3), high=round(scale * (1 + _admission_growth(b, 2015, 2019) * _TREND_YEARS), 3),
        source="health_2020 (hospital general + TCM beds, occupancy_hospital) of this profile; common/admission_rate.csv",
        method=(f"2020: scale = occupancy x acute beds x 365 / (effective length of stay x national-pattern admissions) "
                f"= {occ} x {acute:,} x 365 / ({stay} x {adm:,.0f}) = {scale:.3f}, so that the model's 2020 occupancy equals "
                "occupancy_hospital (effective length of stay = the 2020 default, capped by beds.length_of_stay_cap); "
                f"then rising {_admission_growth(b, 2019, 2023):+.2%} a year to {TREND_END} (linear): national admissions per "
                f"resident 2019-23 ({_per_resident(2019):.4f} -> {_per_resident(2023):.4f}, {_crude(2019, 2023):+.2%} a "
                f"year; residents = beds / beds per 1,000) less the {_ageing_growth(b.admission):.2%} a year the ageing "
                "explains (the admission table on the national census age structures of 2010 and 2020, table 6-4)"),
        note=("The national table counts all admissions (hospitals and primary care); this scale turns them into demand "
              "for the region's hospital general and TCM beds, so it also absorbs patients coming from or going to other "
              f"regions and admissions to other beds. A region with national beds, mix and use would get {national_scale():.2f}. "
              "The rise is the national one, continued (no city admissions series was found). Range of the level "
              f"reached in 2035: low = no further rise (the 2020 scale); high = the faster 2015-19 rise ({_admission_growth(b, 2015, 2019):+.2%} "
              "a year, net of ageing)."), distribution=ESTIMATE)
    b.summary["scale"] = scale

    # Levers: the policy as observed, continued (the baseline); the plans' own paces are scenarios/<region>/plan.yaml.
    plan_file = f"scenarios/{region}/plan.yaml"
    b.lever(
        "beds.nursing_conversion", 0, basis=ASSUMPTION, low=0, high=200,
        note=(f"No conversion of primary-care general beds to nursing beds was observed: no {name_en} count of "
              "primary-care nursing beds was found for any year (research/city_health_resources.md §5), so none beyond "
              "the assumed 2020 stock is continued."
              + f" The plan's 30% nursing share of primary-care beds by 2025 (002:L157) is pursued in {plan_file}."),
        distribution=BOUNDS)
    growth = backout_factor("beds", b.population_growth, 1) - 1
    lifetime = hf.STRUCTURAL_ASSUMPTIONS["beds.bed_lifetime"][0]
    pace = (f"grow at the pace the health_2020 back-out uses ({growth:+.2%} a year: national beds per 1,000 2020-23 "
            f"times the city's resident growth 2020-22), and retiring beds are rebuilt (1/{lifetime:g} of the stock a "
            "year, beds.bed_lifetime)")
    source = f"{b.counts.source}; national beds per 1,000 {hf.NHC_2020_SOURCE}"

    def status_quo(key: str, entry: str, what: str, note: str) -> None:
        stock = stocks[entry]
        rate = round_step(stock * (growth + 1 / lifetime))
        b.lever(key, rate, basis=OBSERVED, low=0, high=round_step(2 * rate), source=source,
                method=(f"status quo: the 2020 {what} {stock:,} {pace}: {stock:,} x ({growth:.4f} + 1/{lifetime:g}) = "
                        f"{rate} starts a year, every year"),
                note=note + " Range: none to twice the pace.", distribution=BOUNDS)

    primary_count = f"{name_en}'s primary-care beds are its beds times the national 2020 share of primary care"
    status_quo("beds.primary_general_construction", "beds_primary_general", "primary-care general beds",
               f"Continues the growth assumed between 1 Nov 2020 and the city's count ({primary_count}; the 2020 stock "
               "is backed out).")
    status_quo("beds.nursing_construction", "beds_primary_nursing", "primary-care nursing beds",
               f"Primary-care beds as a whole grow at the pace of the count ({primary_count}); their split is not "
               f"observed, so nursing beds keep the assumed 2020 share of {hf.PRIMARY_NURSING_SHARE_2020_ASSUMED:.0%} (health_2020).")
    status_quo(
        "beds.rehabilitation_construction", "beds_hospital_rehabilitation", "rehabilitation beds",
        note=("Continues the growth assumed between 1 Nov 2020 and the city's count"
              " (the city's rehabilitation beds are not published: its stock is its hospital beds split as "
              f"Hangzhou's). {name_en}'s plan gives no rehabilitation-bed number."))
    status_quo(
        "beds.nursing_home_construction", "beds_nursing_home", "nursing-home beds",
        note=("Continues the growth assumed between 1 Nov 2020 and the city's count"
              " (no nursing-home count was found for the city: its stock is an assumed share of its hospital beds, "
              "health_2020.beds_nursing_home)."))
    caps = hf.LISHUI_ALOS_CAPS
    b.lever(
        "beds.length_of_stay_cap", hf.NO_LENGTH_OF_STAY_CAP, basis=ASSUMPTION, low=min(caps.values()),
        high=hf.NO_LENGTH_OF_STAY_CAP,
        note=(f"No cap on {name_en}'s average length of stay was observed: {hf.NO_LENGTH_OF_STAY_CAP} days means no cap "
              "(sim/inputs/keys.py). "
              "Lishui's plan caps of 6.5-9.5 days by grade (002:L67) show what a cap could be."), distribution=BOUNDS)
    _acute_norm(
        b, source, NATIONAL_GROWTH["beds"],
        lambda g, slope, t, reached: (
            f"on the path of the health_2020 back-out (national beds per 1,000 {hf.CHINA_BEDS_PER_1000[2020]} -> "
            f"{hf.CHINA_BEDS_PER_1000[2023]}, 2020-23: {g:+.2%} a year) it reaches {reached:.3f} at the "
            f"{b.counts.year_text} count, {t:.2f} years later: {slope:+.4f} per 1,000 a year, continued"),
        note=("The norm rises as the city's beds per 1,000 did up to its count (the count observed, the 2020 stock "
              "derived with the national pace); continued at that pace over the baseline horizon. Range: no rise to "
              "twice the pace. The plans' own bed norms (Zhejiang 7.5 per 1,000 all beds by 2025) are scenarios."))
    lo_t, hi_t = hf.APPROVAL_THRESHOLD_RANGE
    occ = hf.CHINA_OCCUPANCY_HOSPITALS
    b.lever(
        "beds.approval_occupancy_threshold", 0.0, basis=OBSERVED, low=0.0, high=hi_t,
        source=f"{hf.NHC_2020_SOURCE}; national beds per 1,000 and hospital occupancy, "
               + hf.OBSERVED_SERIES_SOURCE.format(series="beds_per_1000, occupancy_hospital"),
        method=(f"no occupancy rule is observed: national beds per 1,000 rose {hf.CHINA_BEDS_PER_1000[2020]} -> "
                f"{hf.CHINA_BEDS_PER_1000[2023]} (2020-23) while hospitals' occupancy was {occ[2020]:.1%} (2020), "
                f"{occ[2021]:.2%} (2021), 71% (2022) and 79.4% (2023), all below the {hf.APPROVAL_THRESHOLD_ASSUMED:.0%} "
                "planning norm; 0 = approvals are not gated by occupancy"),
        note=("High end: a grading-standard occupancy (85-93%, recalled, not verified) gating every new acute bed. "
              + "Jiamusi's plan has no explicit occupancy rule (it curbs public-hospital debt, 004:L474)."
              + f" Range low {lo_t:.0%} is unused: the low end is no rule."), distribution=BOUNDS)
    if b.national:
        _national_levers(b)


def _national_levers(b: RegionHealth) -> None:
    """The nation's bed levers at its own observed pace, end-2020 -> end-2021 (2022-23 held out): the city formulas
    with the nation's paces (counts.NATIONAL_PACES) in place of the growth a city's back-out assumes."""
    stocks, paces, g_pop = b.stocks, NATIONAL_PACES, b.population_growth
    lifetime = hf.STRUCTURAL_ASSUMPTIONS["beds.bed_lifetime"][0]
    bulletin = hf.CHINA_BULLETIN_SOURCE.format(years="2020-2021", series="beds_hospital / beds_primary_care")
    b.lever(
        "beds.nursing_conversion", 0, basis=ASSUMPTION, low=0, high=200,
        note=("No conversion of primary-care general beds to nursing beds was observed: no national count of primary-care "
              "nursing beds was found for any year (calibration/sources/health_series/missing.csv), so none beyond the "
              "assumed 2020 stock is continued. Range: none to 200 a year (a judgement)."), distribution=BOUNDS)
    pop_text = f"residents +{g_pop * 1000:.2f} per mille a year (2021 natural increase, {hf.CHINA_2021_COMMUNIQUE_SOURCE})"
    for key, entry, what, kind, counts_text in (
            ("beds.primary_general_construction", "beds_primary_general", "primary-care general beds", "primary_beds",
             "primary-care beds 164.9万 -> 171.2万"),
            ("beds.nursing_construction", "beds_primary_nursing", "primary-care nursing beds", "primary_beds",
             "primary-care beds 164.9万 -> 171.2万 (the nursing share held)"),
            ("beds.rehabilitation_construction", "beds_hospital_rehabilitation", "rehabilitation beds", "hospital_beds",
             "hospital beds 713.1万 -> 741.3万 (rehabilitation beds are an assumed share of them)"),
            ("beds.nursing_home_construction", "beds_nursing_home", "nursing-home beds", "hospital_beds",
             "hospital beds 713.1万 -> 741.3万 (nursing-home beds are an assumed share of them)")):
        growth = (1 + paces[kind]) * (1 + g_pop) - 1
        stock = stocks[entry]
        rate = round_step(stock * (growth + 1 / lifetime))
        b.lever(key, rate, basis=OBSERVED, low=0, high=round_step(2 * rate), source=bulletin,
                method=(f"status quo: the 2020 {what} {stock:,} grow as the nation's {counts_text} did from the end of "
                        f"2020 to the end of 2021 per resident ({paces[kind]:+.2%} a year) with {pop_text}: "
                        f"{growth:+.2%} a year, and retiring beds are rebuilt (1/{lifetime:g} of the stock a year, "
                        f"beds.bed_lifetime): {stock:,} x ({growth:.4f} + 1/{lifetime:g}) = {rate} starts a year"),
                note=("The nation's own count 2020-21 (2022-23 held out for the anchors test). Range: none to twice "
                      "the pace."), distribution=BOUNDS)
    _acute_norm(
        b, bulletin, paces["hospital_beds"],
        lambda g, slope, t, reached: (
            f"hospital beds per resident grew {g:+.2%} from the end of 2020 to the end of 2021 (713.1万 -> 741.3万, "
            f"residents {pop_text}); on that path the level gains {slope:+.4f} per 1,000 a year over the "
            f"{t:.2f} years to the end-2021 count, continued"),
        note=("The nation's hospital beds per 1,000 pace of 2020-21 (all beds per 1,000: 6.46 -> 6.70, +3.7%), "
              "continued; 2022-23 are held out. Range: no rise to twice the pace."))
    occ = hf.CHINA_OCCUPANCY_HOSPITALS
    b.lever(
        "beds.approval_occupancy_threshold", 0.0, basis=OBSERVED, low=0.0, high=hf.APPROVAL_THRESHOLD_RANGE[1],
        source=f"{hf.NHC_2020_SOURCE}; {hf.NATCM_2021_SOURCE}; "
               + hf.CHINA_BULLETIN_SOURCE.format(years="2020-2021", series="beds_per_1000"),
        method=(f"no occupancy rule is observed: beds per 1,000 rose {hf.CHINA_BEDS_PER_1000[2020]} -> "
                f"{hf.CHINA_BEDS_PER_1000_2021} (2020-21) while hospitals' occupancy was {occ[2020]:.1%} (2020) and "
                f"{occ[2021]:.2%} (2021), below the {hf.APPROVAL_THRESHOLD_ASSUMED:.0%} planning norm; 0 = approvals are "
                "not gated by occupancy"),
        note=("High end: a grading-standard occupancy (85-93%, recalled, not verified) gating every new acute bed. The "
              "low end is no rule."), distribution=BOUNDS)


def _acute_norm(b: RegionHealth, source: str, g: float, pace_text, note: str) -> None:
    """The acute-bed norm's yearly rise: the 2020 hospital general + TCM beds per 1,000 on the path of a
    yearly growth `g` of the ratio up to the region's count, continued (linear). `pace_text(g, slope, t,
    reached)` says where `g` comes from."""
    acute = b.stocks["beds_hospital_general"] + b.stocks["beds_hospital_tcm"]
    level = 1000 * acute / b.residents
    t = b.years_to_count
    slope = level * ((1 + g) ** t - 1) / t
    b.lever(
        "beds.acute_norm_growth", round(slope, 4), basis=OBSERVED, low=0.0, high=round(2 * slope, 4), source=source,
        method=(f"2020 hospital general + TCM beds {acute:,} / {b.residents:,.0f} residents = {level:.3f} per 1,000; "
                + pace_text(g, slope, t, level * (1 + g) ** t)),
        note=note, distribution=BOUNDS)
