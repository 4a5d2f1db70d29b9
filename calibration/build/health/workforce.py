"""Workforce: the 2020 doctors, GPs and nurses, and the defaults of the workforce keys (attrition, staff
out-migration, GP training and transfer training, the hiring budget and the staffing standards)."""
from __future__ import annotations

from calibration import health_figures as hf
from calibration.build.demography import check
from calibration.build.health.context import TREND_END, RegionHealth, round_step, trend_ramp
from calibration.build.health.counts import (
    interpolate_to_census_day,
)
from calibration.build.quantities import BOUNDS, ESTIMATE, OBSERVED

#: Region of the 2017 nurse-turnover survey each city is in (hf.NURSE_TURNOVER).
NURSE_REGION = {"china": "east and central (mean)"}


def section_2020(b: RegionHealth) -> None:
    """Doctors and nurses on 1 Nov 2020 (later counts backed out), and GPs as the national share of doctors."""
    _section_2020_national(b)


def _section_2020_national(b: RegionHealth) -> None:
    """The nation's doctors, nurses and GPs on 1 Nov 2020: the bulletins' year-end 2019 and 2020 counts interpolated
    (observed); GPs from the per-10,000 ratio and the year-end population (derived) and the 2019 count (low)."""
    wan, total = 10_000, b.residents
    for name, counts in (("doctors", hf.CHINA_DOCTORS_WAN), ("nurses", hf.CHINA_NURSES_WAN)):
        v19, v20 = counts[2019] * wan, counts[2020] * wan
        value = interpolate_to_census_day(v19, v20)
        b.observe_2020(
            name, round_step(value), source=hf.CHINA_BULLETIN_SOURCE.format(years="2019-2020", series=name),
            method=(f"year-end 2019 {v19:,.0f} and 2020 {v20:,.0f} interpolated linearly to 1 Nov 2020 (306 of the 366 "
                    f"days); = {1000 * value / total:.3f} per 1,000 census residents (bulletin 2020: "
                    f"{(hf.CHINA_DOCTORS_PER_1000_BULLETIN if name == 'doctors' else hf.CHINA_NURSES_PER_1000_BULLETIN)[2020]}"
                    " per 1,000 year-end residents)"))
        b.stocks[name] = round_step(value)
    g20 = hf.CHINA_GPS_PER_10000_2020 * hf.CHINA_YEAREND_POPULATION_2020_WAN   # 万人 x per 10,000 = persons
    g19 = hf.CHINA_GPS_2019_WAN_LOW_CONFIDENCE * wan
    gps = interpolate_to_census_day(g19, g20)
    b.assume_2020(
        "gps", round_step(gps), low=round_step(g19), high=round_step(g20),
        source=(f"{hf.CHINA_BULLETIN_SOURCE.format(years='2020', series='gps_per_10000')}; year-end population 141,212万 "
                f"({hf.NHC_2020_SOURCE}); end-2019 GPs 36.51万 (fx361.cc/page/2021/1123/12121289.shtml, observed.csv rows "
                "china,gps,2019; low)"),
        method=(f"end-2020 GPs = 2.90 per 10,000 x 141,212万 = {g20:,.0f} (derived); end-2019 {g19:,.0f}; interpolated "
                f"linearly to 1 Nov 2020 (306 of 366 days) = {gps:,.0f}, {10_000 * gps / total:.2f} per 10,000 census "
                "residents"),
        note=("Derived from the published ratio (the 2020 GP total itself is not in the sources found) and a low-confidence "
              "2019 count; range: the end-2019 to the end-2020 value. The GP definition (registered + certificate "
              "holders) may have changed around 2018-2022 (calibration/sources/health_series/README.md)."),
        distribution=ESTIMATE)
    b.stocks["gps"] = round_step(gps)
    check(b.stocks["gps"] <= b.stocks["doctors"], "china: more GPs than doctors")


def defaults(b: RegionHealth) -> None:
    """Attrition and staff out-migration (assumptions), then the levers' status quo: GP training, hiring,
    staffing standards."""
    region, name_en = b.region, b.name_en
    turnover = hf.NURSE_TURNOVER[NURSE_REGION[region]]
    b.assume(
        "workforce.doctor_attrition_rate", hf.DOCTOR_ATTRITION_ASSUMED,
        low=hf.DOCTOR_ATTRITION_RANGE[0], high=hf.DOCTOR_ATTRITION_RANGE[1],
        note=("No doctor turnover figure was found: retirement ~2.5% a year (a working life of ~35 years) plus ~1% quits, "
              "assumed."), distribution=ESTIMATE)
    nurse_attr = round(turnover + hf.NURSE_RETIREMENT_RATE_ASSUMED, 4)
    b.assume(
        "workforce.nurse_attrition_rate", nurse_attr, low=hf.NURSE_ATTRITION_RANGE[0], high=hf.NURSE_ATTRITION_RANGE[1],
        source=("nurse turnover 2017, 940 hospitals (Gan L. et al., 中华护理杂志 2020;55(2):198; research/external_data_2020.md "
                f"§6, high): {NURSE_REGION[region]} region {turnover:.2%}"),
        method=f"turnover {turnover:.2%} + assumed retirement {hf.NURSE_RETIREMENT_RATE_ASSUMED:.0%} = {nurse_attr:.2%}",
        note=("Retirement (nurses retire at 50-55) is an assumption for a young workforce; the platform's turnover may be "
              "quarterly-based (the notes flag this)."), distribution=ESTIMATE)
    b.assume(
        "workforce.staff_out_migration_rate", 0.0, low=0.0, high=0.02,
        note=f"{name_en} gains residents and staff; no out-migration assumed.", distribution=ESTIMATE)
    _training(b)
    _hiring_budget(b, nurse_attr)
    _standards(b)
    _national_levers(b, nurse_attr)


def _national_levers(b: RegionHealth, nurse_attr: float) -> None:
    """The nation's workforce levers at its own observed pace, end-2020 -> end-2021 (2022-23 held out): GP training
    sized to the national GPs per 10,000 of 2020-21; the standards and hiring as in the cities, re-described (the
    nation's 2020 stocks are observed, not backed out)."""
    gps = hf.CHINA_GPS_PER_10000_BULLETIN
    pace = gps[2021] - gps[2020]
    fast = (gps[2021] - gps[2015]) / (2021 - 2015)
    ratio = hf.TRANSFER_TO_TRAINING_RATIO_ASSUMED
    inflow, inflow_fast, inflow_slow = (_gp_inflow(b, p) for p in (pace, fast, pace / 2))
    places = round_step(inflow / (1 + ratio))
    transfer = round_step(ratio * places)
    source = hf.OBSERVED_SERIES_SOURCE.format(series="gps_per_10000")
    inflow_text = (f"national GPs per 10,000 residents {gps[2020]:.2f} (2020) -> {gps[2021]:.2f} (2021): +{pace:.2f} a year, "
                   f"continued: {pace:.2f} x {b.residents:,.0f} / 10,000 = {pace * b.residents / 1e4:,.0f} more GPs a year, "
                   f"plus leavers replaced ({hf.DOCTOR_ATTRITION_ASSUMED} + 0) x {b.stocks['gps']:,} GPs; = {inflow:,.0f} "
                   "new GPs a year")
    b.lever(
        "workforce.gp_training_places", places, basis=OBSERVED, low=round_step(inflow_slow / (1 + ratio)),
        high=round_step(inflow_fast / (1 + ratio)), source=source,
        method=f"{inflow_text}, of which training places 1/(1 + {ratio}) = {places}",
        note=(f"The 2020-21 pace (2022-23 held out). high: the 2015-21 pace (+{fast:.3f} a year: 1.38 -> 3.08); low: half "
              "the 2020-21 pace (a judgement). The split between training and transfer training is assumed. The model's "
              "GPs are everyone counted as a GP (registered or certificate holder)."), distribution=ESTIMATE)
    _transfer_training(b, places, transfer, ratio, source, inflow_text)
    # Hiring and standards: the city formulas (_hiring_budget, _standards) on the nation's observed 1 Nov 2020 stocks
    # and end-2021 counts; re-described here.
    counts, stocks, t = b.counts, b.stocks, b.years_to_count
    bulletin = hf.CHINA_BULLETIN_SOURCE.format(years="2019-2021", series="doctors / nurses / beds_total")
    budget = b.defaults["workforce.hiring_budget"]
    b.defaults["workforce.hiring_budget"] = {
        **budget, "source": f"{bulletin}; the attrition defaults of this profile",
        "note": ("The nation's own growth of doctors and nurses from 1 Nov 2020 (interpolated) to the end-2021 bulletin "
                 f"({t:.2f} years), plus leavers; 2022-23 held out. Range 0.6-1.5x.")}
    nurses = b.defaults["workforce.nurses_per_bed_standard"]
    per_bed_2020, per_bed_count = stocks["nurses"] / b.all_beds_2020, counts.nurses / counts.all_beds
    b.defaults["workforce.nurses_per_bed_standard"] = {
        **nurses, "source": bulletin,
        "method": (f"nurses per bed (all beds of medical institutions, as the model's nurse requirement): 1 Nov 2020 "
                   f"{stocks['nurses']:,} / {b.all_beds_2020:,.0f} = {per_bed_2020:.3f}; end-2021 {counts.nurses:,.0f} / "
                   f"{counts.all_beds:,.0f} = {per_bed_count:.3f}: {(per_bed_count - per_bed_2020) / t:+.4f} a year, "
                   f"continued to {TREND_END} and held after"),
        "note": "The ratio the nation staffed to, rising as it did in 2020-21 (2022-23 held out); low: the 2020 ratio held."}
    doctors = b.defaults["workforce.doctors_per_1000_target"]
    residents_at_count = b.residents * (1 + b.population_growth) ** t
    doc_2020, doc_count = 1000 * stocks["doctors"] / b.residents, 1000 * counts.doctors / residents_at_count
    b.defaults["workforce.doctors_per_1000_target"] = {
        **doctors, "source": f"{bulletin}; {hf.CHINA_2021_COMMUNIQUE_SOURCE}",
        "method": (f"practising doctors per 1,000 residents: 1 Nov 2020 {doc_2020:.3f}; end-2021 {counts.doctors:,.0f} / "
                   f"{residents_at_count / 1000:,.0f} thousand residents (the census total grown at the 2021 natural "
                   f"increase, {b.population_growth * 1000:+.2f} per mille) = {doc_count:.3f} (bulletin 3.04): "
                   f"{(doc_count - doc_2020) / t:+.4f} a year, continued to {TREND_END} and held after"),
        "note": "The level hiring aims at rises as the nation's ratio did in 2020-21 (2022-23 held out); low: the 2020 ratio held."}


def _gp_inflow(b: RegionHealth, per_10000_a_year: float) -> float:
    """GPs who must qualify a year for the city's GPs per 10,000 residents to rise by `per_10000_a_year` while
    leavers (attrition and out-migration at this profile's defaults) are replaced."""
    out = b.defaults["workforce.staff_out_migration_rate"]["value"]
    return per_10000_a_year * b.residents / 10_000 + (hf.DOCTOR_ATTRITION_ASSUMED + out) * b.stocks["gps"]


def _training(b: RegionHealth) -> None:
    """GP training places and transfer training a year: the national GPs per 10,000 observed 2020-23,
    continued in the city."""
    gps = hf.CHINA_GPS_PER_10000
    pace = (gps[2023] - gps[2020]) / (2023 - 2020)
    slow = (gps[2022] - gps[2020]) / (2022 - 2020)
    inflow, inflow_slow = _gp_inflow(b, pace), _gp_inflow(b, slow)
    ratio = hf.TRANSFER_TO_TRAINING_RATIO_ASSUMED
    places, places_slow = round_step(inflow / (1 + ratio)), round_step(inflow_slow / (1 + ratio))
    transfer = round_step(ratio * places)
    out = b.defaults["workforce.staff_out_migration_rate"]["value"]
    source = hf.OBSERVED_SERIES_SOURCE.format(series="gps_per_10000")
    inflow_text = (f"national GPs per 10,000 residents {gps[2020]:.2f} (2020) -> {gps[2023]:.2f} (2023): +{pace:.3f} a year, "
                   f"continued in {b.name_en}: {pace:.3f} x {b.residents:,.0f} / 10,000 = {pace * b.residents / 1e4:,.0f} "
                   f"more GPs a year, plus leavers replaced ({hf.DOCTOR_ATTRITION_ASSUMED} + {out}) x {b.stocks['gps']:,} "
                   f"GPs; = {inflow:,.0f} new GPs a year")
    b.lever(
        "workforce.gp_training_places", places, basis=OBSERVED, low=places_slow, high=round_step(1.5 * places),
        source=source,
        method=f"{inflow_text}, of which training places 1/(1 + {ratio}) = {places}",
        note=(f"No GP count was found for {b.name_en} in any year (research/city_health_resources.md §5); the national "
              f"pace is assumed to hold in the city, whose 2020 GPs are the national share of doctors. low: the slower "
              f"2020-22 pace (+{slow:.2f} a year; 2022-23 rose by {gps[2023] - gps[2022]:.2f}, which may include doctors "
              "adding a GP registration). The split between training and transfer training is assumed."),
        distribution=ESTIMATE)
    _transfer_training(b, places, transfer, ratio, source, inflow_text)


def _transfer_training(b: RegionHealth, places: float, transfer: float, ratio: float, source: str,
                       inflow_text: str) -> None:
    """The transfer-training lever: an assumed share of the new GPs a year (no numbers found)."""
    b.lever(
        "workforce.gp_transfer_training", transfer, basis=OBSERVED, low=0,
        high=round_step(hf.TRANSFER_TO_TRAINING_RANGE[1] * places), source=source,
        method=f"{inflow_text}, of which transfer training {ratio} x the training places = {transfer}",
        note=(f"No transfer-training numbers were found; {ratio} transfer starts per training place is an "
              "assumption (range 0 to 1.5 times the places)."), distribution=BOUNDS)


def _hiring_budget(b: RegionHealth, nurse_attr: float) -> None:
    """The recruitment that reproduces the assumed 2020 -> count-date growth, plus replacing leavers."""
    counts, stocks = b.counts, b.stocks
    d_t, n_t = counts.doctors, counts.nurses
    out = b.defaults["workforce.staff_out_migration_rate"]["value"]
    leave = ((hf.DOCTOR_ATTRITION_ASSUMED + out) * (stocks["doctors"] + d_t) / 2
             + (nurse_attr + out) * (stocks["nurses"] + n_t) / 2)
    growth = (d_t + n_t - stocks["doctors"] - stocks["nurses"]) / b.years_to_count
    budget = round_step(growth + leave, 100)
    b.lever(
        "workforce.hiring_budget", budget, basis=OBSERVED, low=round_step(0.6 * budget, 100),
        high=round_step(1.5 * budget, 100),
        source=f"{counts.source}; health_2020 doctors and nurses; the attrition defaults of this profile",
        method=(f"status quo: net growth of doctors + nurses from 2020 to {counts.year_text} ({growth:,.0f}/yr) + leavers "
                f"at the attrition and out-migration defaults on the mean stock ({leave:,.0f}/yr) = {budget:,} (to 100)"),
        note=("The growth is the one assumed in the back-out of health_2020 (the count is observed, the 2020 stock "
              "derived)."),
        distribution=ESTIMATE)


def _trend(b: RegionHealth, value_2020: float, value_at_count: float) -> float:
    """Yearly change of a ratio from its 2020 value to its value at the city's count."""
    return (value_at_count - value_2020) / b.years_to_count


def _standards(b: RegionHealth) -> None:
    """Nurses per bed and doctors per 1,000 residents the region staffs to: each ratio's path from 2020 to the
    city's count (the count observed, the 2020 stock backed out), continued to the baseline horizon."""
    stocks, counts, t = b.stocks, b.counts, b.years_to_count
    beds_2020, beds_count = b.all_beds_2020, counts.all_beds
    per_bed_2020, per_bed_count = stocks["nurses"] / beds_2020, counts.nurses / beds_count
    slope = _trend(b, per_bed_2020, per_bed_count)
    series = trend_ramp(per_bed_2020, slope)
    b.lever(
        "workforce.nurses_per_bed_standard", series, basis=OBSERVED, low=series["ramp"]["from"],
        high=round(series["ramp"]["to"] + 0.1, 2), source=f"{counts.source}; health_2020 nurses and beds of this profile",
        method=(f"nurses per bed (all beds of medical institutions, as the model's nurse requirement): 2020 {stocks['nurses']:,} / {beds_2020:,.0f} = "
                f"{per_bed_2020:.3f}; {counts.year_text} {counts.nurses:,.0f} / {beds_count:,.0f} = {per_bed_count:.3f}: "
                f"{slope:+.4f} a year, continued to {TREND_END} and held after"),
        note=("The ratio the city was observed to staff to, rising as it did up to the count (low: the 2020 ratio held); the 2020 stock is backed "
              "out from the count with national growth, so the rise is the national nurses-per-1,000 growth over the "
              "national beds-per-1,000 growth."), distribution=ESTIMATE)
    residents_at_count = b.residents * (1 + b.population_growth) ** t
    doc_2020, doc_count = 1000 * stocks["doctors"] / b.residents, 1000 * counts.doctors / residents_at_count
    slope = _trend(b, doc_2020, doc_count)
    series = trend_ramp(doc_2020, slope)
    b.lever(
        "workforce.doctors_per_1000_target", series, basis=OBSERVED, low=series["ramp"]["from"],
        high=round(series["ramp"]["to"] + 0.5, 2), source=f"{counts.source}; health_2020 doctors of this profile",
        method=(f"practising doctors per 1,000 residents: 2020 {doc_2020:.3f}; {counts.year_text} {counts.doctors:,.0f} / "
                f"{residents_at_count / 1000:,.0f} thousand residents (the census total grown at "
                f"{b.population_growth:+.2%} a year) = {doc_count:.3f}: {slope:+.4f} a year, continued to {TREND_END} and "
                "held after"),
        note=("The level hiring aims at rises as the city's ratio did up to the count; the 2020 stock is backed out "
              "from the count with the national doctors-per-1,000 growth, so this is the national pace applied to the "
              "city. low: the 2020 ratio held."
              + f" Compare Zhejiang's 2025 goal of {hf.ZHEJIANG_DOCTORS_PER_1000[2025]} "
                f"({hf.ZHEJIANG_WORK_REPORT_2021_SOURCE})."), distribution=ESTIMATE)
