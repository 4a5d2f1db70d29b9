"""Care for young and old, and family-doctor contracting: the 2020 contracting and elderly
health-management shares, infant care places and growth stations, and the defaults of the care and
contracting keys."""
from __future__ import annotations

from calibration import health_figures as hf
from calibration.build.demography import province_groups
from calibration.build.health.context import RegionHealth, residents_aged, round_step
from calibration.build.quantities import ASSUMPTION, BOUNDS, ESTIMATE
from sim.inputs.keys import BASE_YEAR
from sim.inputs.tables import SEXES

# Region settings that are assumptions about the region (no city figure found); sources of anchors in the notes.
CONTRACTING_2020 = {"china": hf.CHINA_CONTRACTING_2020_ASSUMED}   # (all residents, key groups)
ELDERLY_MANAGED_2020 = {"china": hf.CHINA_ELDERLY_MANAGED_2020_ASSUMED}


def section_2020(b: RegionHealth) -> None:
    """Contracting, elderly health management, infant care places and growth stations in 2020."""
    region, total = b.region, b.residents
    contracted, key_contracted = CONTRACTING_2020[region]
    b.assume_2020(
        "contracted_share", contracted, low=0.25, high=0.50,
        source=(f"reference: Zhejiang 2020 target 40% ({hf.ZHEJIANG_2020_PRIORITIES}:51); national 'basically universal "
                "by 2020' (research/external_data_2020.md §6, medium)"),
        note=("No national contracting rate was found (calibration/sources/health_series/missing.csv); nationally "
              "contracting was 'basically universal' by 2020 (qualitative, research/external_data_2020.md §6). Assumed "
              "between Jiamusi's assumed 30% and Zhejiang's 2020 target of 40% (001:L51); range 25-50%."),
        distribution=BOUNDS)
    b.assume_2020(
        "key_group_contracted_share", key_contracted, low=0.50, high=0.80,
        source=f"reference: Zhejiang 2020 key-group target 70% ({hf.ZHEJIANG_2020_PRIORITIES}:51)",
        note="No national figure found; set below Zhejiang's 2020 key-group target of 70% (001:L51), like the overall share.",
        distribution=BOUNDS)
    elderly = ELDERLY_MANAGED_2020[region]
    b.assume_2020(
        "elderly_managed_share", elderly, low=0.50, high=0.78,
        source=f"{hf.HANGZHOU_PLAN}:278 (Hangzhou target 72% by 2025) and {hf.JIAMUSI_PLAN}:422 (Jiamusi 65% by 2025)",
        note=("No national 2020 figure found (calibration/sources/health_series/missing.csv); assumed between the "
              "cities' assumed 2020 levels (Jiamusi 60%, Hangzhou 70%). Definition: 65+ given >=1 elderly "
              "health-management service in the year / residents 65+ (000:L385)."), distribution=BOUNDS)
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
        "growth_stations", 0, low=0, high=10, source=f"{hf.JIAMUSI_PLAN} (no growth stations named)",
        note="The region's plan does not name the programme; assumed none in 2020.", distribution=ESTIMATE)


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

    # Levers: the policy as observed, continued (the baseline); the plans' own levels are scenarios/<region>/plan.yaml.
    plan_file = f"scenarios/{region}/plan.yaml"
    contracted = b.value_2020("contracted_share")
    contracted_2020 = b.health_2020["contracted_share"]
    b.lever(
        "primary_care.contracting_target", contracted, basis=ASSUMPTION, low=contracted_2020["low"],
        high=contracted_2020["high"],
        note=("The 2020 share held: no national contracting rate was found for 2020 or any later year, and the 2020 share "
              "is itself an assumption (health_2020.contracted_share, same range)."), distribution=BOUNDS)
    elderly = b.value_2020("elderly_managed_share")
    elderly_2020 = b.health_2020["elderly_managed_share"]
    b.lever(
        "care.elderly_outreach_target", elderly, basis=ASSUMPTION, low=elderly_2020["low"], high=elderly_2020["high"],
        note=("The 2020 share held: no national elderly health-management rate was found for 2020 or later; the 2020 "
              "share is itself an assumption (health_2020.elderly_managed_share, same range)."), distribution=BOUNDS)
    places_2020 = b.value_2020("infant_care_places")
    per_1000 = hf.INFANT_PLACES_PER_1000
    pace = per_1000[2021] - per_1000["2020_recalled"]   # per 1,000 residents, end-2020 -> end-2021
    place_rate = round_step(pace * total / 1000, 10)
    zj_pop = float(province_groups("浙江", BASE_YEAR)[list(SEXES)].to_numpy().sum())
    zj_rate = round_step(hf.ZHEJIANG_NEW_INFANT_PLACES_2020 * total / zj_pop, 10)
    b.lever(
        # An assumption, not an observed pace: one end of the national rise (1.8 in 2020) is a
        # recalled figure the research notes could not find (research/external_data_2020.md §7).
        "care.infant_place_construction", place_rate, basis=ASSUMPTION, low=0,
        high=round_step(2 * place_rate, 10),
        source=("national 托位 per 1,000 residents: 2.03 at end-2021 (CCTV / The Paper) and about 1.8 in 2020 "
                "(recalled from the 14th FYP outline table); research/external_data_2020.md §7, medium-low and low"),
        method=(f"national rise {per_1000['2020_recalled']} -> {per_1000[2021]} = +{pace:.2f} places per 1,000 residents "
                f"a year, continued in {name_en}: {pace:.2f} x census total {total:,.0f} / 1,000 = {place_rate:,} a year, "
                f"every year (2020 places {places_2020:,})"),
        note=("No city or provincial count of places was found for any year (research/city_health_resources.md §5); the "
              "national pace is applied, and its 2020 point is recalled (LOW). Zhejiang's 2020 programme of 5,000 new "
              f"places province-wide (001:L61) would give {zj_rate:,} a year for {name_en} by population."
              + f" The national 4.5 places per 1,000 by 2025 is pursued in {plan_file}. Range: none to twice the pace."),
        distribution=BOUNDS)
    b.lever(
        "care.growth_station_construction", 0, basis=ASSUMPTION, low=0, high=20,
        note=f"{name_en}'s plan does not name growth stations and none were found; none assumed.", distribution=BOUNDS)
