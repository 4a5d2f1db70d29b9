"""Care for young and old, and family-doctor contracting: the 2020 contracting and elderly
health-management shares, infant care places and growth stations, and the defaults of the care and
contracting keys."""
from __future__ import annotations

from calibration import health_figures as hf
from calibration.build.health.context import (
    PLAN_END,
    PLAN_YEARS,
    RegionHealth,
    plan_step,
    residents_aged,
    round_step,
)
from calibration.build.quantities import BOUNDS, ESTIMATE

# Region settings that are assumptions about the region (no city figure found); sources of anchors in the notes.
CONTRACTING_2020 = {  # (all residents, key groups): Zhejiang's 2020 targets assumed met; Jiamusi set below them
    "hangzhou": (hf.ZHEJIANG_CONTRACTING_TARGET_2020, hf.ZHEJIANG_KEY_GROUP_CONTRACTING_TARGET_2020),
    "lishui": (hf.ZHEJIANG_CONTRACTING_TARGET_2020, hf.ZHEJIANG_KEY_GROUP_CONTRACTING_TARGET_2020),
    "jiamusi": (0.30, 0.60)}
ELDERLY_MANAGED_2020 = {"hangzhou": 0.70, "lishui": 0.70, "jiamusi": 0.60}


def section_2020(b: RegionHealth) -> None:
    """Contracting, elderly health management, infant care places and growth stations in 2020."""
    region, total = b.region, b.residents
    contracted, key_contracted = CONTRACTING_2020[region]
    if region == "jiamusi":
        b.assume_2020(
            "contracted_share", contracted, low=0.20, high=0.45,
            source=(f"reference: Zhejiang 2020 target 40% ({hf.ZHEJIANG_2020_PRIORITIES}:51); national 'basically universal "
                    "by 2020' (research/external_data_2020.md §6, medium)"),
            note=("No Heilongjiang or Jiamusi rate was found; nationally contracting was 'basically universal' by 2020 "
                  "(qualitative, research/external_data_2020.md §6). Set below Zhejiang's 2020 target of 40% (001:L51) "
                  "because Jiamusi's plan names weak primary care (004:L53)."), distribution=BOUNDS)
        b.assume_2020(
            "key_group_contracted_share", key_contracted, low=0.45, high=0.80,
            source=f"reference: Zhejiang 2020 key-group target 70% ({hf.ZHEJIANG_2020_PRIORITIES}:51)",
            note="No figure found; set below Zhejiang's 2020 key-group target of 70% (001:L51), like the overall share.", distribution=BOUNDS)
    else:
        b.assume_2020(
            "contracted_share", contracted, low=0.30, high=0.45,
            source=f"Zhejiang 2020 target 签约服务率达到40%以上 ({hf.ZHEJIANG_2020_PRIORITIES}:51)",
            note=("The provincial 2020 target is assumed met in the city; no city rate was found. Zhejiang aimed at 42% "
                  f"in 2023 ({hf.ZHEJIANG_2023_PRIORITIES_SOURCE})"
                  + ("; Hangzhou's plan aims at 40% in 2025 (000:L182)." if region == "hangzhou"
                     else "; Lishui's plan aims at covering all households by 2025 (002:L137).")), distribution=ESTIMATE)
        b.assume_2020(
            "key_group_contracted_share", key_contracted, low=0.55, high=0.85,
            source=f"Zhejiang 2020 target 老年人、慢性病病人等重点人群签约率达70%以上 ({hf.ZHEJIANG_2020_PRIORITIES}:51)",
            note=("The provincial 2020 target is assumed met; 85% was the 2023 target (same 2023 document)"
                  + ("; Hangzhou's plan aims at >80% in 2025 (000:L182)." if region == "hangzhou" else ".")), distribution=ESTIMATE)
    elderly = ELDERLY_MANAGED_2020[region]
    if region == "jiamusi":
        b.assume_2020(
            "elderly_managed_share", elderly, low=0.45, high=0.70, source=f"{hf.JIAMUSI_PLAN}:422 (target 65% by 2025)",
            note=("No 2020 figure found; assumed below the plan's 2025 target of 65% for 65+ standardized community "
                  "health management (004:L422)."), distribution=BOUNDS)
    else:
        b.assume_2020(
            "elderly_managed_share", elderly, low=0.55, high=0.78, source=f"{hf.HANGZHOU_PLAN}:278 and :182 (targets 72% / >70% by 2025)",
            note=("No 2020 figure found; assumed at 70%, just below Hangzhou's 2025 target of 72% (000:L278), for "
                  + ("Hangzhou." if region == "hangzhou" else "Lishui as well (its plan gives no target).")
                  + " Definition: 65+ given >=1 elderly health-management service in the year / residents 65+ (000:L385)."), distribution=BOUNDS)
    places_per_1000 = hf.INFANT_PLACES_PER_1000["2020_recalled"]
    lo_p, hi_p = hf.INFANT_PLACES_PER_1000_RANGE
    b.assume_2020(
        "infant_care_places", round_step(places_per_1000 * total / 1000, 10), low=round_step(lo_p * total / 1000, 10),
        high=round_step(hi_p * total / 1000, 10),
        source="national 托位 2.03 per 1,000 at end-2021 (CCTV / The Paper; research/external_data_2020.md §7, medium-low)",
        method=f"{places_per_1000} places per 1,000 residents x census total {total:,.0f}",
        note=("No city or province count was found (research/city_health_resources.md §5). 1.8 per 1,000 for 2020 is the "
              "research notes' recalled national value (LOW), one year's growth below the end-2021 2.03."), distribution=ESTIMATE)
    b.assume_2020(
        "growth_stations", 0, low=0, high=50 if region == "hangzhou" else 10,
        source=(f"{hf.HANGZHOU_PLAN}:274 and :294 (stations to be built, 2 per 1,000 under-3s by end-2025)"
                if region == "hangzhou" else f"{hf.LISHUI_PLAN if region == 'lishui' else hf.JIAMUSI_PLAN} (no growth stations named)"),
        note=("The 成长驿站 programme appears in the 2021-25 plan as new work; assumed not started in 2020."
              if region == "hangzhou" else "The region's plan does not name the programme; assumed none in 2020."), distribution=ESTIMATE)


def defaults(b: RegionHealth) -> None:
    """Infant-care demand and elderly served per GP (assumptions), then the levers' status quo:
    contracting and elderly outreach targets, infant places and growth stations built."""
    region, name_en, pop, total, stocks = b.region, b.name_en, b.pop, b.residents, b.stocks
    b.assume(
        "care.infant_care_demand_share", hf.INFANT_CARE_DEMAND_SHARE,
        low=hf.INFANT_CARE_DEMAND_SHARE_RANGE[0], high=hf.INFANT_CARE_DEMAND_SHARE_RANGE[1],
        source="'more than 30% of families want care' (CCTV / The Paper; research/external_data_2020.md §7, medium)",
        note="National survey statement applied to the city; enrolment was ~6% nationally.", distribution=ESTIMATE)
    pop65 = residents_aged(pop, 65)
    served = b.value_2020("elderly_managed_share") * pop65
    per_gp_elderly = served / stocks["gps"]
    b.assume(
        "care.elderly_served_per_gp", round_step(per_gp_elderly, 10), low=round_step(0.5 * per_gp_elderly, 10),
        high=round_step(2.0 * per_gp_elderly, 10), source="health_2020 (elderly_managed_share, gps) and population_2020.csv",
        method=(f"2020 elderly served / GPs = {b.value_2020('elderly_managed_share')} x {pop65:,.0f} (65+) / "
                f"{stocks['gps']:,} = {per_gp_elderly:,.0f}"),
        note="Assumes teams served the elderly at capacity in 2020 (both inputs are derived). Range 0.5-2x.", distribution=ESTIMATE)
    b.summary["pop65"] = pop65

    contracted, _ = CONTRACTING_2020[region]
    if region == "hangzhou":
        b.cite("primary_care.contracting_target", hf.HANGZHOU_CONTRACTING_TARGET_2025,
               source=f"{hf.HANGZHOU_PLAN}:182 (全市签约覆盖率达到40%)")
    elif region == "lishui":
        b.assume(
            "primary_care.contracting_target", hf.ZHEJIANG_CONTRACTING_TARGET_2023, low=0.40, high=0.70,
            source=hf.ZHEJIANG_2023_PRIORITIES_SOURCE,
            note=("Lishui's plan aims at covering all households by 2025 (002:L137), which cannot be turned into a share of "
                  "residents; the provincial 2023 target of 42% of residents is used."), distribution=BOUNDS)
    else:
        b.assume(
            "primary_care.contracting_target", contracted, low=contracted, high=0.50,
            source=f"{hf.JIAMUSI_PLAN}:474 (稳步扩大家庭医生签约服务覆盖范围)",
            note="The plan gives no rate; the assumed 2020 share is kept (status quo). 'Steady expansion' is the upper range.", distribution=ESTIMATE)
    elderly = ELDERLY_MANAGED_2020[region]
    if region == "hangzhou":
        b.cite("care.elderly_outreach_target", hf.HANGZHOU_ELDERLY_TARGET_2025,
               source=f"{hf.HANGZHOU_PLAN}:278 (65岁以上老年人健康管理率达到72%以上)")
    elif region == "jiamusi":
        b.cite("care.elderly_outreach_target", hf.JIAMUSI_ELDERLY_TARGET_2025,
               source=f"{hf.JIAMUSI_PLAN}:422 (65岁及以上老年人城乡社区规范化健康管理服务率达到65%以上)")
    else:
        b.assume(
            "care.elderly_outreach_target", elderly, low=elderly, high=0.80,
            note="Lishui's plan gives no elderly health-management target; the assumed 2020 share is kept (status quo).", distribution=ESTIMATE)
    y1 = PLAN_END
    places_2020 = b.value_2020("infant_care_places")
    target_places = hf.INFANT_PLACES_PER_1000[2025] * total / 1000
    place_rate = round_step((target_places - places_2020) / PLAN_YEARS, 10)
    b.assume(
        "care.infant_place_construction", plan_step(place_rate), low=0, high=round_step(2 * place_rate, 10),
        source="national target 4.5 托位 per 1,000 residents by 2025 (十四五公共服务规划; research/external_data_2020.md §7, medium)",
        method=(f"(4.5 per 1,000 x census total {total:,.0f} - 2020 places {places_2020:,}) / "
                f"{PLAN_YEARS} = {place_rate:,}; 0 from {y1 + 1}"),
        note=("The national target applies to all cities"
              + (" (Jiamusi's plan names only a city centre and one public institution per county, 004:L418)" if region == "jiamusi" else "")
              + "; no construction assumed after the plan period."), distribution=ESTIMATE)
    if region == "hangzhou":
        under3 = residents_aged(pop, 0, 2)
        stations = round_step(hf.HANGZHOU_GROWTH_STATIONS_PER_1000_UNDER3_2025 * under3 / 1000 / PLAN_YEARS)
        b.assume(
            "care.growth_station_construction", plan_step(stations), low=0, high=round_step(2 * stations),
            source=f"{hf.HANGZHOU_PLAN}:294 (到2025年底,每千名3岁以下婴幼儿拥有2家成长驿站)",
            method=(f"2 per 1,000 x 2020 children aged 0-2 ({under3:,.0f}) / {PLAN_YEARS} = {stations}; 0 from {y1 + 1}"),
            note="Uses the 2020 number of under-3s; with falling births fewer stations would reach the ratio.", distribution=ESTIMATE)
    else:
        b.assume(
            "care.growth_station_construction", 0, low=0, high=20,
            note=f"{name_en}'s plan does not name growth stations; none assumed.", distribution=BOUNDS)
