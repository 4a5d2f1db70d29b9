"""Workforce: the 2020 doctors, GPs and nurses, and the defaults of the workforce keys (attrition, staff
out-migration, GP training and transfer training, the hiring budget and the staffing standards)."""
from __future__ import annotations

from calibration import health_figures as hf
from calibration.build.demography import check, province_groups
from calibration.build.health.context import PLAN_YEARS, RegionHealth, round_step
from calibration.build.health.counts import GROWTH_UNCERTAINTY, backout_factor
from calibration.build.quantities import BOUNDS, ESTIMATE, ramp
from sim.inputs.keys import BASE_YEAR
from sim.inputs.tables import SEXES

#: Region of the 2017 nurse-turnover survey each city is in (hf.NURSE_TURNOVER).
NURSE_REGION = {"hangzhou": "east", "lishui": "east", "jiamusi": "central"}


def section_2020(b: RegionHealth) -> None:
    """Doctors and nurses on 1 Nov 2020 (later counts backed out), and GPs as the national share of doctors."""
    region, total, counts, stocks = b.region, b.residents, b.counts, b.stocks
    g_pop, t = b.population_growth, b.years_to_count
    f_doc, f_nur = backout_factor("doctors", g_pop, t), backout_factor("nurses", g_pop, t)
    doctors, nurses = counts.doctors / f_doc, counts.nurses / f_nur
    staff_widen = (0.95, 1.15) if region == "hangzhou" else (1.0, 1.0)
    for name, value, count, kind in (("doctors", doctors, counts.doctors, "doctors"), ("nurses", nurses, counts.nurses, "nurses")):
        lo_f, hi_f = (backout_factor(kind, g_pop, t, delta) for delta in (+GROWTH_UNCERTAINTY, -GROWTH_UNCERTAINTY))
        ratio = 1000 * value / total
        compare = (f" Compare Zhejiang 2020: {hf.ZHEJIANG_DOCTORS_PER_1000[2020]} doctors per 1,000 "
                   f"({hf.ZHEJIANG_WORK_REPORT_2021_SOURCE})." if name == "doctors" and region != "jiamusi" else "")
        b.assume_2020(
            name, round_step(value), low=round_step(count / lo_f * staff_widen[0]),
            high=round_step(count / hi_f * staff_widen[1]), source=b.anchor,
            method=(f"{counts.year_text}: {counts.staff_text}; divided by the growth since 1 Nov 2020 = "
                    f"{b.growth_text(kind)}: factor {(f_doc if name == 'doctors' else f_nur):.4f}; "
                    f"= {ratio:.2f} per 1,000 residents"),
            note=(f"Derived, not observed: no 2020 city {name} count was found (research/city_health_resources.md §5). "
                  f"Range: growth {GROWTH_UNCERTAINTY:.0%}/yr faster or slower"
                  + (", widened for the left-out clinics and the national staff shares" if region == "hangzhou" else "")
                  + "." + compare), distribution=ESTIMATE)
        stocks[name] = round_step(value)
    gps = hf.GP_SHARE_OF_DOCTORS * stocks["doctors"]
    gps_national = hf.CHINA_GPS_PER_10000_2020 * total / 10_000
    b.assume_2020(
        "gps", round_step(gps), low=round_step(min(gps_national, 0.07 * stocks["doctors"])),
        high=round_step(0.14 * stocks["doctors"]),
        source=f"national GPs {hf.CHINA_GPS_PER_10000_2020}/10,000 and doctors {hf.CHINA_DOCTORS_PER_1000[2020]}/1,000 "
               f"in 2020 ({hf.NHC_2020_SOURCE})",
        method=(f"GPs as the national share of doctors, 2.90/10,000 / 2.90/1,000 = {hf.GP_SHARE_OF_DOCTORS:.3f}, x the "
                f"2020 doctors {stocks['doctors']:,}; = {10_000 * gps / total:.2f} per 10,000 residents, "
                f"{10_000 * gps / b.hukou:.2f} per 10,000 hukou"),
        note=(f"No GP count was found for any city in any year (research/city_health_resources.md §5). low = the lower of the "
              f"national ratio per resident ({gps_national:,.0f}) and 7% of doctors; high = 14% of doctors."
              + (f" Hangzhou's plan aims at {hf.HANGZHOU_GP_PER_10000_HUKOU_TARGET_2025} per 10,000 hukou by 2025 "
                 "(000:L182)." if region == "hangzhou" else "")), distribution=ESTIMATE)
    stocks["gps"] = round_step(gps)
    check(stocks["gps"] <= stocks["doctors"], f"{region}: more GPs than doctors")


def defaults(b: RegionHealth) -> None:
    """Attrition and staff out-migration (assumptions), then the levers' status quo: GP training, hiring,
    staffing standards."""
    region, name_en, total = b.region, b.name_en, b.residents
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
    if region == "jiamusi":
        net_migration = b.net_migration
        check(net_migration is not None, f"{region}: staff out-migration needs a constant net migration")
        out_rate = round(-net_migration / total, 4)
        b.assume(
            "workforce.staff_out_migration_rate", out_rate, low=0.0, high=0.03,
            source=f"{hf.JIAMUSI_PLAN}:53 (高层次人才流失); this profile's population.net_migration default",
            method=f"residents' net out-migration rate = {-net_migration:,.0f} / {total:,.0f} = {out_rate:.4f}",
            note="Staff are assumed to leave at the residents' net rate; the plan names talent loss but gives no number.", distribution=ESTIMATE)
    else:
        b.assume(
            "workforce.staff_out_migration_rate", 0.0, low=0.0, high=0.02,
            note=(f"{name_en}'s plan names no staff out-migration; people leaving the profession are in the attrition "
                  "rates. Lishui may lose some staff to Hangzhou (upper range)."
                  if region == "lishui" else f"{name_en} gains residents and staff; no out-migration assumed."), distribution=ESTIMATE)
    _training(b)
    _hiring_budget(b, nurse_attr)
    _standards(b)


def _training(b: RegionHealth) -> None:
    """GP training places and transfer training a year."""
    region, total = b.region, b.residents
    national_rate = hf.CHINA_GPS_TRAINED_2011_2020 / 10 / (hf.CHINA_YEAREND_POPULATION_2020_WAN * 1e4)
    national_equiv = national_rate * total
    ratio = hf.TRANSFER_TO_TRAINING_RATIO_ASSUMED
    if region == "hangzhou":
        places = round_step(hf.HANGZHOU_RURAL_GP_TRAINING_2021_2025 / PLAN_YEARS)
        b.cite(
            "workforce.gp_training_places", places,
            source=f"{hf.HANGZHOU_PLAN}:264 (定向免费培养农村全科医生和助理全科医生 700名以上)",
            method=f"700 over the plan period 2021-25 / 5 = {places} a year, held after 2025")
        # the seed's 700 is a floor ("以上") and covers only directed rural training
    elif region == "lishui":
        zj_pop = float(province_groups("浙江", BASE_YEAR)[list(SEXES)].to_numpy().sum())
        places = round_step(hf.ZHEJIANG_GPS_TRAINED_2020 * total / zj_pop * (1 + hf.LISHUI_RURAL_TRAINING_EXPANSION))
        b.assume(
            "workforce.gp_training_places", places, low=round_step(0.5 * places), high=round_step(2 * places),
            source=(f"Zhejiang 2020: 培养全科医师1000名 ({hf.ZHEJIANG_2020_PRIORITIES}:81); Lishui: 面向基层定向培养扩招20%以上 "
                    f"({hf.LISHUI_PLAN}:123)"),
            method=(f"1,000 x Lishui's share of Zhejiang's census population ({total:,.0f} / {zj_pop:,.0f}) x 1.2 = {places}"),
            note="The province's yearly GP training split by population, raised by the plan's 20% expansion of directed "
                 "training; Lishui's plan gives no GP number.", distribution=ESTIMATE)
    else:
        places = round_step(national_equiv / (1 + ratio))
        b.assume(
            "workforce.gp_training_places", places, low=round_step(0.5 * places), high=round_step(2 * places),
            source="国发〔2011〕23号: 到2020年通过多种途径培养30万名全科医生 (research/external_data_2020.md §6, medium)",
            method=(f"national 30万 over 2011-20, all pathways = {1e6 * national_rate:.1f} per million residents a year x "
                    f"{total:,.0f} = {national_equiv:.0f}, of which training places {1 / (1 + ratio):.0%} = {places}"),
            note="Jiamusi's plan names the pathways (004:L482) without numbers; the national rate per resident is assumed.", distribution=ESTIMATE)
    transfer = round_step(ratio * places)
    b.assume(
        "workforce.gp_transfer_training", transfer, low=0, high=round_step(hf.TRANSFER_TO_TRAINING_RANGE[1] * places),
        note=(f"No transfer-training numbers were found; assumed at {ratio} x the training places. Training plus "
              f"transfer = {places + transfer} a year; the national rate per resident of the 30万 GP goal would give "
              f"{national_equiv:.0f}."), distribution=BOUNDS)


def _hiring_budget(b: RegionHealth, nurse_attr: float) -> None:
    """The recruitment that reproduces the assumed 2020 -> count-date growth, plus replacing leavers."""
    counts, stocks = b.counts, b.stocks
    d_t, n_t = counts.doctors, counts.nurses
    out = b.defaults["workforce.staff_out_migration_rate"]["value"]
    leave = ((hf.DOCTOR_ATTRITION_ASSUMED + out) * (stocks["doctors"] + d_t) / 2
             + (nurse_attr + out) * (stocks["nurses"] + n_t) / 2)
    growth = (d_t + n_t - stocks["doctors"] - stocks["nurses"]) / b.years_to_count
    budget = round_step(growth + leave, 100)
    b.assume(
        "workforce.hiring_budget", budget, low=round_step(0.6 * budget, 100), high=round_step(1.5 * budget, 100),
        source=f"{counts.source}; health_2020 doctors and nurses; the attrition defaults of this profile",
        method=(f"status quo: net growth of doctors + nurses from 2020 to {counts.year_text} ({growth:,.0f}/yr) + leavers "
                f"at the attrition and out-migration defaults on the mean stock ({leave:,.0f}/yr) = {budget:,} (to 100)"),
        note=("The growth is the one assumed in the back-out of health_2020."
              + (f" The plan's {hf.HANGZHOU_GRADUATE_RECRUITS_PER_YEAR} graduate recruits a year (100 PhD + 500 master's, "
                 "000:L266) are part of this, not the whole budget." if b.region == "hangzhou" else "")), distribution=ESTIMATE)


def _standards(b: RegionHealth) -> None:
    """Nurses per bed and doctors per 1,000 residents the region staffs to."""
    region, stocks, bed_total = b.region, b.stocks, b.model_beds_2020
    if region == "jiamusi":
        std = round(stocks["nurses"] / bed_total, 2)
        b.assume(
            "workforce.nurses_per_bed_standard", std, low=0.3, high=0.7,
            source="health_2020 nurses and beds of this profile",
            method=f"2020 nurses / beds in the five model bed types = {stocks['nurses']:,} / {bed_total:,.0f} = {std}",
            note="Jiamusi's plan sets no nurse staffing standard; the 2020 ratio is kept (status quo).", distribution=ESTIMATE)
    else:
        b.assume(
            "workforce.nurses_per_bed_standard", hf.LISHUI_NURSES_PER_BED_STANDARD, low=0.5, high=0.7,
            source=f"{hf.LISHUI_PLAN}:79 (在岗护士每床 0.7 / 0.65 / 0.6 by hospital grade)",
            method="the lowest hospital standard (secondary general and 3B TCM hospitals), applied to all beds",
            note=(f"2020 nurses per bed (five model bed types): {stocks['nurses'] / bed_total:.2f}."
                  + (" Hangzhou's plan gives no number (医护比达到合理水平, 000:L260); Lishui's Zhejiang standard is used."
                     if region == "hangzhou" else "")), distribution=ESTIMATE)
    doc_ratio = round(1000 * stocks["doctors"] / b.residents, 2)
    if region == "jiamusi":
        b.assume(
            "workforce.doctors_per_1000_target", ramp(doc_ratio, hf.CHINA_DOCTORS_PER_1000_TARGET_2030, 2020, 2030),
            low=doc_ratio, high=4.0,
            source="15th five-year plan target 3.7 doctors per 1,000 by 2030 (健康报 via jkbayu.com; research/external_data_2020.md §6, medium)",
            method=f"ramp from the 2020 ratio {doc_ratio} (health_2020) to the national 2030 target 3.7",
            note="Jiamusi's plan gives no doctor ratio; the national target is assumed to guide hiring.", distribution=ESTIMATE)
    else:
        b.assume(
            "workforce.doctors_per_1000_target", ramp(doc_ratio, hf.ZHEJIANG_DOCTORS_PER_1000[2025], 2020, 2025),
            low=doc_ratio, high=5.0, source=hf.ZHEJIANG_WORK_REPORT_2021_SOURCE,
            method=f"ramp from the 2020 ratio {doc_ratio} (health_2020) to Zhejiang's 2025 goal 4.3, flat after",
            note="The provincial goal is assumed to guide the city's hiring; the city plans' own ratios were not found "
                 "(the Hangzhou indicator table is missing from the seed).", distribution=ESTIMATE)
