"""The three regions and the population part of each profile.yaml: the region specifications, the
census_2020 block, hukou_population_2020 and the defaults of the population keys.

Publication numbers come from calibration/published_figures.py; quantities are built with
calibration.build.quantities (`sourced` or `assumed`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calibration import health_figures as hfig
from calibration import published_figures as pf
from calibration.build.demography import (
    POP_BY_PROVINCE,
    province_groups,
    shares_percent,
    tfr_matching_births,
)
from calibration.build.quantities import BOUNDS, ESTIMATE, assumed, ramp, sourced, table
from sim.inputs.keys import BASE_YEAR, KEYS


def tfr_default(tfr2020: float, cbr_text: str, comparison: str) -> dict:
    """TFR path: ramp from the derived 2020 value to 0.81 x that value in 2023, flat afterwards."""
    decline = round(pf.WPP2024_CHINA_TFR[2023] / pf.WPP2024_CHINA_TFR[2020], 2)  # 0.9995 / 1.2357 = 0.81
    t0 = round(tfr2020, 4)
    lo_f, hi_f = pf.TFR_RANGE_FACTORS
    return assumed(
        ramp(t0, round(decline * t0, 4), 2020, 2023), KEYS["population.tfr"].unit,
        low=round(lo_f * t0, 4), high=round(hi_f * t0, 4),
        source=f"2020 level: {cbr_text}; decline: {pf.WPP_SOURCE}; age pattern: census 2020 (common/fertility_pattern_2020.csv)",
        method=(f"TFR2020 = (CBR/1000 x census total) / sum_a female_2020(a) x pattern(a) = {t0}, so that model "
                f"births in year 2020 equal CBR x total; then ramp to {decline} x TFR2020 in 2023 "
                f"(WPP2024 China ratio 0.9995/1.2357), flat after"),
        note=(f"The 2020 level is derived (see method); the 2021-2023 decline assumes the city follows China's "
              f"relative decline. Range = {lo_f} to {hi_f} x TFR2020. Model year 2020 is mostly calendar 2021, "
              f"whose births were already lower than 2020's. {comparison}"),
        distribution=ESTIMATE)


def e0_default(e0_2020: float, rate: float, rate_range: tuple[float, float], e0_range: tuple[float, float],
               source: str, note: str, low_reason: str) -> dict:
    """Life expectancy path: ramp from e0_2020 (2020) to e0_2020 + 30 x rate (2050)."""
    horizon = pf.E0_HORIZON_YEARS
    end = round(e0_2020 + horizon * rate, 2)
    high = round(e0_range[1] + horizon * rate_range[1], 2)
    return assumed(
        ramp(e0_2020, end, BASE_YEAR, BASE_YEAR + horizon), KEYS["population.life_expectancy"].unit,
        low=e0_range[0], high=high, source=source,
        method=f"ramp {e0_2020} (2020) -> {e0_2020} + {horizon} x {rate} = {end} (2050), flat after",
        note=(f"{note} Improvement rate {rate}/yr is an assumption (range {rate_range[0]}-{rate_range[1]}/yr). "
              f"low = {e0_range[0]} ({low_reason}); high = {e0_range[1]} + "
              f"{horizon} x {rate_range[1]}."),
        distribution=ESTIMATE)


def srb_default(boys: int, girls: int, province_en: str) -> dict:
    srb = round(100 * boys / girls, 2)
    n, p = boys + girls, boys / (boys + girls)
    se = 100 * np.sqrt(p * (1 - p) / n) / (1 - p) ** 2  # delta method for 100 p / (1 - p)
    return assumed(
        srb, KEYS["population.sex_ratio_at_birth"].unit, low=pf.SRB_RANGE[0], high=pf.SRB_RANGE[1], source=pf.SRB_SOURCE,
        method=f"{province_en} census births 2019-11..2020-10, 100 x boys / girls = 100 x {boys} / {girls}",
        note=(f"The province's value ({province_en}) applied to the city: no city figure was found. The sample "
              f"has {n:,} births, so the sampling standard error is about {se:.1f}."),
        distribution=ESTIMATE)


def natural_increase(rate_permille: float, mean_population: float, years: float) -> float:
    return rate_permille / 1000 * mean_population * years


def round_to(x: float, step: int) -> int:
    return int(step * round(x / step))


# ---------------------------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RegionSpec:
    key: str
    name_en: str
    name_zh: str
    province: str            # area name in the census files
    province_en: str
    total: int
    shares: dict | None      # published broad shares (percent); None = none published (province structure)
    male: int | None         # published male total; None = keep the province's sex ratio by age
    migration_direction: int  # +1 net inflow, -1 net outflow, 0 none (the nation: international migration assumed 0)
    #: True for the nation as a region: its census structure is the whole census (no split or raking), its 2020
    #: health stocks are the national bulletins' counts (observed, not backed out from a later count).
    national: bool = False
    #: True for a province as a region: its census structure is the province's own census rows (no scaling or
    #: raking); its health build is the cities' (2020 stocks backed out of a provincial count, RegionHealth.provincial).
    provincial: bool = False


def lishui_shares() -> dict[str, float]:
    """Lishui city shares = Qingtian county share - (Qingtian - city) gap."""
    return {k: round(pf.LISHUI_QINGTIAN_SHARES[k] - pf.LISHUI_QINGTIAN_MINUS_CITY[k], 2)
            for k in pf.LISHUI_QINGTIAN_SHARES}


REGIONS = {
    "hangzhou": RegionSpec("hangzhou", "Hangzhou", "杭州市", "浙江", "Zhejiang", pf.HANGZHOU_CENSUS_TOTAL,
                           pf.HANGZHOU_SHARES_PUBLISHED, pf.HANGZHOU_CENSUS_MALE, +1),
    "lishui": RegionSpec("lishui", "Lishui", "丽水市", "浙江", "Zhejiang", pf.LISHUI_CENSUS_TOTAL,
                         lishui_shares(), None, +1),
    "jiamusi": RegionSpec("jiamusi", "Jiamusi", "佳木斯市", "黑龙江", "Heilongjiang", pf.JIAMUSI_CENSUS_TOTAL,
                          None, None, -1),
    "china": RegionSpec("china", "China", "中国", pf.CHINA_NATIONAL_AREA, "China",
                        int(province_groups(pf.CHINA_NATIONAL_AREA, BASE_YEAR)[["female", "male"]].to_numpy().sum()),
                        None, None, 0, national=True),
    "zhejiang": RegionSpec("zhejiang", "Zhejiang", "浙江省", pf.ZHEJIANG_AREA, "Zhejiang",
                           int(province_groups(pf.ZHEJIANG_AREA, BASE_YEAR)[["female", "male"]].to_numpy().sum()),
                           None, None, +1, provincial=True),
}


def census_block(spec: RegionSpec, pop: pd.DataFrame) -> dict:
    if spec.national:
        method = "sum of the 全国 rows (census 2020 table 1-5, 31 provinces; servicemen not included)"
        block = {"total": sourced(spec.total, "person", pf.CHINA_CENSUS_SOURCE, method=method),
                 "male": sourced(round(float(pop["male"].sum())), "person", pf.CHINA_CENSUS_SOURCE, method=method)}
        for k, v in shares_percent(pop).items():
            block[f"share_{k}"] = sourced(round(v, 2), "percent", pf.CHINA_CENSUS_SOURCE,
                                          method="share of the 全国 rows' total (age groups summed)")
        return block
    if spec.provincial:
        src = pf.PROVINCE_CENSUS_SOURCE.format(area=spec.province)
        method = f"sum of the {spec.province} rows (census 2020 table 1-5)"
        block = {"total": sourced(spec.total, "person", src, method=method),
                 "male": sourced(round(float(pop["male"].sum())), "person", src, method=method)}
        for k, v in shares_percent(pop).items():
            block[f"share_{k}"] = sourced(round(v, 2), "percent", src,
                                          method=f"share of the {spec.province} rows' total (age groups summed)")
        return block
    if spec.key == "hangzhou":
        src = pf.HANGZHOU_CENSUS_SOURCE
        block = {"total": sourced(spec.total, "person", src), "male": sourced(spec.male, "person", src)}
        for k, v in pf.HANGZHOU_SHARES_PUBLISHED.items():
            block[f"share_{k}"] = sourced(v, "percent", src)
        return block
    if spec.key == "lishui":
        block = {"total": sourced(spec.total, "person", pf.LISHUI_CENSUS_TOTAL_SOURCE)}
        for k, v in spec.shares.items():
            qt, gap = pf.LISHUI_QINGTIAN_SHARES[k], pf.LISHUI_QINGTIAN_MINUS_CITY[k]
            block[f"share_{k}"] = sourced(v, "percent", pf.LISHUI_SHARES_SOURCE,
                                          method=f"city = Qingtian {qt} - (Qingtian - city gap {gap:+}) = {v}")
        return block
    # Jiamusi: only the total is published; the shares below are Heilongjiang's, flagged as assumptions.
    block = {"total": sourced(spec.total, "person", pf.JIAMUSI_CENSUS_TOTAL_SOURCE)}
    for k, v in shares_percent(pop).items():
        low, high = pf.JIAMUSI_SHARE_RANGES_ASSUMED[k]
        block[f"share_{k}"] = assumed(
            round(v, 2), "percent", low=low, high=high,
            source=f"Heilongjiang census 2020 table 1-5 (sources/{POP_BY_PROVINCE}); research/demographic_inputs.md §1",
            method="Heilongjiang's age structure scaled to the Jiamusi census total",
            note=("NOT a Jiamusi figure: no Jiamusi census age structure was found. For comparison the Jiamusi 2022 "
                  f"hukou population had 60+ = {pf.JIAMUSI_HUKOU_60_PLUS_SHARE_2022}% ({pf.JIAMUSI_2022_SOURCE}), "
                  "so the resident 60+ share may be higher than Heilongjiang's."),
            distribution=ESTIMATE)
    return block


def hangzhou_defaults(pop: pd.DataFrame, pattern: pd.DataFrame) -> tuple[dict, dict]:
    tfr = tfr_matching_births(pop, pattern, pf.HANGZHOU_CBR_2020, pf.HANGZHOU_CENSUS_TOTAL)
    # Net migration = change in year-end resident population - natural increase.
    res = {y: v * 1e4 for y, v in pf.HANGZHOU_YEAREND_RESIDENT_WAN.items()}
    nm2021 = (res[2021] - res[2020]) - natural_increase(pf.HANGZHOU_CBR_2021 - pf.HANGZHOU_CDR_2021, (res[2020] + res[2021]) / 2, 1)
    nm2022 = (res[2022] - res[2021]) - natural_increase(pf.HANGZHOU_CBR_2022 - pf.HANGZHOU_CDR_2022, (res[2021] + res[2022]) / 2, 1)
    if round_to(nm2022, 1000) != pf.HANGZHOU_NET_MIGRATION_ASSUMED_LATER:
        raise RuntimeError("hangzhou: the flat net migration after 2021 no longer equals the 2022-derived value")
    # Hukou: interpolation 2019 -> 2022; transfers = hukou growth - natural increase (resident rates as proxy).
    huk = {y: v * 1e4 for y, v in pf.HANGZHOU_HUKOU_WAN.items()}
    growth = (huk[2022] - huk[2019]) / 3
    hukou2020 = huk[2019] + growth
    nat_rate = np.mean([pf.HANGZHOU_CBR_2020 - pf.HANGZHOU_CDR_2020, pf.HANGZHOU_CBR_2021 - pf.HANGZHOU_CDR_2021,
                        pf.HANGZHOU_CBR_2022 - pf.HANGZHOU_CDR_2022])
    transfers = growth - natural_increase(nat_rate, (huk[2019] + huk[2022]) / 2, 1)
    hukou = assumed(
        round_to(hukou2020, 1000), "person", low=pf.HANGZHOU_HUKOU_2020_RANGE[0], high=pf.HANGZHOU_HUKOU_2020_RANGE[1],
        source="Hangzhou year-end hukou 795.4万 (2019, statistical bulletin via The Paper, medium) and 846.7万 "
               "(2022, unattributed page, LOW); research/city_health_resources.md §1a",
        method="linear interpolation to year-end 2020: 795.4 + (846.7 - 795.4)/3 = 812.5万",
        note="No published 2020 hukou figure was found; the 2022 end point is low confidence.",
        distribution=ESTIMATE)
    defaults = {
        "population.tfr": tfr_default(tfr, f"Hangzhou CBR 2020 {pf.HANGZHOU_CBR_2020} per mille (2021 Hangzhou "
                                           "population bulletin, research/external_data_2020.md §2)",
                                      f"For comparison, Zhejiang's census TFR 2020 is {pf.ZHEJIANG_TFR_2020_CENSUS} "
                                      f"({pf.PROVINCIAL_TFR_SOURCE})."),
        "population.life_expectancy": e0_default(
            pf.HANGZHOU_E0_2020, pf.HANGZHOU_E0_RATE_ASSUMED, pf.HANGZHOU_E0_RATE_RANGE,
            (round(pf.HANGZHOU_E0_2020 - pf.E0_LOW_MARGIN, 2), pf.HANGZHOU_E0_2020),
            source=f"{pf.HANGZHOU_E0_SOURCE}; 80.26 in 2009 (research/city_health_resources.md §1c)",
            note=(f"Hangzhou gained {(pf.HANGZHOU_E0_2020 - pf.HANGZHOU_E0_2009) / 11:.2f}/yr in 2009-2020; a slower "
                  f"future gain is assumed at this high level. The {pf.HANGZHOU_E0_2020} is far above Zhejiang's {pf.ZHEJIANG_E0_2020} (2020), so its "
                  "basis (probably hukou population, CDC surveillance) may differ from the resident population."),
            low_reason="2020 level minus one year, for a setback or a different basis"),
        "population.net_migration": assumed(
            table({2020: round_to(nm2021, 100), 2021: round_to(nm2022, 100)}), KEYS["population.net_migration"].unit,
            low=pf.HANGZHOU_NET_MIGRATION_RANGE[0], high=pf.HANGZHOU_NET_MIGRATION_RANGE[1],
            source="Hangzhou year-end resident population 1196.5/1220.4/1237.6万 (2020/21/22) and CBR/CDR 7.6/4.7 "
                   "(2021), 7.2/5.0 (2022) per mille, Hangzhou population bulletins; research/external_data_2020.md §2-3",
            method=(f"model year 2020 ~ calendar 2021: (1220.4 - 1196.5)万 - (7.6 - 4.7) per mille x 1208.45万 = "
                    f"{nm2021:,.0f}; model year 2021 ~ calendar 2022: (1237.6 - 1220.4)万 - (7.2 - 5.0) per mille x "
                    f"1229.0万 = {nm2022:,.0f}; rounded to 100; flat after 2021"),
            note=(f"From 2022 on the 2022-derived value {pf.HANGZHOU_NET_MIGRATION_ASSUMED_LATER:,} is held flat "
                  "(assumption). The 2010-2020 average was about +265,000/yr (external_data_2020.md §3). Age-sex "
                  "pattern: migration_profile.csv (Zhejiang 2010-2020 cohort profile; ages 0-9 get an assumed 10%)."), distribution=ESTIMATE),
        "population.sex_ratio_at_birth": srb_default(pf.ZHEJIANG_BIRTHS_BOYS_SAMPLE, pf.ZHEJIANG_BIRTHS_GIRLS_SAMPLE, "Zhejiang"),
        "population.hukou_net_transfers": assumed(
            round_to(transfers, 100), KEYS["population.hukou_net_transfers"].unit,
            low=pf.HANGZHOU_HUKOU_TRANSFERS_RANGE[0], high=pf.HANGZHOU_HUKOU_TRANSFERS_RANGE[1],
            source="Hangzhou hukou 795.4万 (2019) and 846.7万 (2022, LOW); resident CBR-CDR 2020-2022; "
                   "research/city_health_resources.md §1a, external_data_2020.md §2",
            method=(f"(846.7 - 795.4)万 / 3 = {growth:,.0f}/yr hukou growth minus hukou natural increase, "
                    f"approximated by the mean resident rate {nat_rate:.2f} per mille x mean hukou 821.05万"),
            note="Hukou natural increase is not published; the resident rate is used as a proxy. The 2022 hukou "
                 "figure is low confidence, hence the wide range.",
            distribution=ESTIMATE),
    }
    return hukou, defaults


def lishui_defaults(pop: pd.DataFrame, pattern: pd.DataFrame) -> tuple[dict, dict]:
    tfr = tfr_matching_births(pop, pattern, pf.LISHUI_HUKOU_CBR_2020, pf.LISHUI_CENSUS_TOTAL)
    # Resident net migration implied by census -> end-2021 -> end-2022, natural increase at the 2020 hukou
    # rate (resident rate not published).
    nat = pf.LISHUI_HUKOU_CBR_2020 - pf.LISHUI_HUKOU_CDR_2020
    res21, res22 = (pf.LISHUI_YEAREND_RESIDENT_WAN[y] * 1e4 for y in (2021, 2022))
    months = 14  # 1 Nov 2020 -> 31 Dec 2021
    nm_a = ((res21 - pf.LISHUI_CENSUS_TOTAL) - natural_increase(nat, (res21 + pf.LISHUI_CENSUS_TOTAL) / 2, months / 12)) / (months / 12)
    nm_b = (res22 - res21) - natural_increase(nat, (res21 + res22) / 2, 1)
    nm_default = round_to((nm_a + nm_b) / 2, 1000)
    e0_lo, e0_hi = pf.LISHUI_E0_RANGE
    zj_rate = round((pf.ZHEJIANG_E0_2020 - pf.ZHEJIANG_E0_2015) / 5, 2)
    hukou = sourced(pf.LISHUI_HUKOU_2020, "person", pf.LISHUI_YEARBOOK_SOURCE + " (high)",
                    method="year-end 2020 registered population as published")
    defaults = {
        "population.tfr": tfr_default(tfr, f"Lishui CBR 2020 {pf.LISHUI_HUKOU_CBR_2020} per mille on the HUKOU "
                                           f"basis (births 22,799; {pf.LISHUI_YEARBOOK_SOURCE}) applied to the "
                                           "resident census total; the resident CBR is not published",
                                    f"Zhejiang's census TFR 2020 is {pf.ZHEJIANG_TFR_2020_CENSUS} "
                                    f"({pf.PROVINCIAL_TFR_SOURCE}); the higher Lishui value may partly reflect the hukou "
                                    "basis of its CBR (births to registered residents living elsewhere)."),
        "population.life_expectancy": e0_default(
            pf.ZHEJIANG_E0_2020, zj_rate, pf.LISHUI_E0_RATE_RANGE, (e0_lo, e0_hi),
            source=pf.ZHEJIANG_E0_SOURCE,
            note=("No Lishui figure was found: Zhejiang's 2020 value is assumed for Lishui (range 78.0-81.5) and "
                  f"Zhejiang's 2015-2020 gain ({pf.ZHEJIANG_E0_2015} -> {pf.ZHEJIANG_E0_2020}, {zj_rate}/yr) continues. "
                  "City CDC figures in Zhejiang are higher (Hangzhou 83.12; Ningbo 81.94 in 2020, People's Daily Zhejiang "
                  "zj.people.com.cn/n2/2021/0305/c186806-34605907.html) and may use another basis."),
            low_reason="lower end of the assumed 2020 level"),
        "population.net_migration": assumed(
            nm_default, KEYS["population.net_migration"].unit, low=pf.LISHUI_NET_MIGRATION_RANGE[0], high=pf.LISHUI_NET_MIGRATION_RANGE[1],
            source=f"{pf.LISHUI_CENSUS_TOTAL_SOURCE}; year-end resident 251.4万 (2021, derived) and 251.5万 (2022) "
                   f"(research/city_health_resources.md §2a); hukou CBR-CDR 2020 {nat:.2f} per mille ({pf.LISHUI_YEARBOOK_SOURCE})",
            method=(f"implied net migration = change in residents - natural increase at {nat:.2f} per mille: "
                    f"1 Nov 2020 -> end-2021 (14 months) {nm_a:,.0f}/yr; 2022 {nm_b:,.0f}/yr; mean rounded to 1,000"),
            note=("Post-census residents barely change, so net migration is near zero; the year-end figures are rounded "
                  "to 0.1万 (+/-500 each), so each yearly value is uncertain by about +/-1,000, and the resident natural "
                  "increase is unknown (hukou rate used; the yearbook also prints -0.95 per mille). 2010-2020 residents "
                  "grew +390,439 (about +30,000/yr net of natural increase), hence the upper range. Age-sex pattern: "
                  "migration_profile.csv (Zhejiang inflow profile; ages 0-9 get an assumed 10%)."), distribution=ESTIMATE),
        "population.sex_ratio_at_birth": srb_default(pf.ZHEJIANG_BIRTHS_BOYS_SAMPLE, pf.ZHEJIANG_BIRTHS_GIRLS_SAMPLE, "Zhejiang"),
        "population.hukou_net_transfers": assumed(
            pf.LISHUI_HUKOU_NET_MIGRATION_2020, KEYS["population.hukou_net_transfers"].unit,
            low=pf.LISHUI_HUKOU_TRANSFERS_RANGE[0], high=pf.LISHUI_HUKOU_TRANSFERS_RANGE[1],
            source=pf.LISHUI_YEARBOOK_SOURCE + " (high): hukou migration in 9,056, out 14,854, net -5,793 (2020)",
            method="2020 published net hukou migration, held constant",
            note=("Holding the 2020 value is an assumption. The yearbook is internally inconsistent: in - out = "
                  "-5,798, not -5,793, and the natural increase is printed both as 2.08 and -0.95 per mille."),
            distribution=ESTIMATE),
    }
    return hukou, defaults


def jiamusi_defaults(pop: pd.DataFrame, pattern: pd.DataFrame) -> tuple[dict, dict]:
    tfr = tfr_matching_births(pop, pattern, pf.HEILONGJIANG_CBR_2020, pf.JIAMUSI_CENSUS_TOTAL)
    nat = pf.HEILONGJIANG_CBR_2020 - pf.HEILONGJIANG_CDR_2020  # -4.48 per mille, assumed for the city
    years = 26 / 12  # 1 Nov 2020 -> 31 Dec 2022
    p0, p1 = pf.JIAMUSI_CENSUS_TOTAL, pf.JIAMUSI_YEAREND_RESIDENT_2022
    nm = ((p1 - p0) - natural_increase(nat, (p0 + p1) / 2, years)) / years
    # sensitivity: start from the year-end 2020 estimate instead of the census (two full years)
    p0_alt = pf.JIAMUSI_YEAREND_2020_WAN * 1e4
    nm_alt = ((p1 - p0_alt) - natural_increase(nat, (p0_alt + p1) / 2, 2)) / 2
    h21, h22 = (pf.JIAMUSI_HUKOU_WAN[y] * 1e4 for y in (2021, 2022))
    hukou2020 = h21 + (h21 - h22)
    hukou_nat_2022 = pf.JIAMUSI_HUKOU_BIRTHS_2022 - pf.JIAMUSI_HUKOU_DEATHS_2022
    transfers = (h22 - h21) - hukou_nat_2022
    # sensitivity: hukou deaths at Heilongjiang's CDR instead of the registered 5,399
    transfers_alt = (h22 - h21) - (pf.JIAMUSI_HUKOU_BIRTHS_2022 - pf.HEILONGJIANG_CDR_2020 / 1000 * (h21 + h22) / 2)
    lo_cbr, hi_cbr = pf.JIAMUSI_CBR_RANGE
    hukou = assumed(
        round_to(hukou2020, 1000), "person", low=round_to(h21, 1000), high=pf.JIAMUSI_HUKOU_2020_HIGH,
        source=f"Jiamusi year-end hukou 227.9万 (2021, maigoo.com/news/624192.html) and 225.6万 (2022, "
               f"{pf.JIAMUSI_2022_SOURCE}); medium",
        method="linear extrapolation back one year: 227.9 + (227.9 - 225.6) = 230.2万",
        note=(f"No 2020 figure was found. low = the 2021 value; high allows for the 2019 table value "
              f"{pf.JIAMUSI_HUKOU_2019_WAN}万 (basis unclear, low-medium)."),
        distribution=ESTIMATE)
    defaults = {
        "population.tfr": tfr_default(tfr, f"Heilongjiang CBR 2020 {pf.HEILONGJIANG_CBR_2020} per mille "
                                           f"({pf.HEILONGJIANG_RATES_SOURCE}), ASSUMED for Jiamusi (no city CBR 2020; "
                                           f"range {lo_cbr}-{hi_cbr}, Jiamusi 2022 hukou CBR 2.9)",
                                     f"Heilongjiang's census TFR 2020 is {pf.HEILONGJIANG_TFR_2020_CENSUS} "
                                     f"({pf.PROVINCIAL_TFR_SOURCE}); the census sample births imply a provincial CBR of "
                                     f"{pf.HEILONGJIANG_CBR_CENSUS_IMPLIED} per mille (demographic_inputs.md §3c), which "
                                     f"would give TFR {tfr * pf.HEILONGJIANG_CBR_CENSUS_IMPLIED / pf.HEILONGJIANG_CBR_2020:.2f} here."),
        "population.life_expectancy": e0_default(
            pf.JIAMUSI_E0_2020, pf.JIAMUSI_E0_RATE_ASSUMED, pf.JIAMUSI_E0_RATE_RANGE,
            (round(pf.JIAMUSI_E0_2020 - pf.E0_LOW_MARGIN, 2), pf.JIAMUSI_E0_2020),
            source=f"{pf.JIAMUSI_E0_SOURCE}, which also gives {pf.JIAMUSI_E0_2015} five years earlier",
            note=(f"The plan's history gives +{(pf.JIAMUSI_E0_2020 - pf.JIAMUSI_E0_2015) / 5:.2f}/yr (2015-2020); "
                  "a slightly slower gain is assumed."),
            low_reason="2020 level minus one year, for a setback or a different basis"),
        "population.net_migration": assumed(
            round_to(nm, 100), KEYS["population.net_migration"].unit, low=pf.JIAMUSI_NET_MIGRATION_RANGE[0], high=pf.JIAMUSI_NET_MIGRATION_RANGE[1],
            source=f"{pf.JIAMUSI_CENSUS_TOTAL_SOURCE}; end-2022 resident 210.17万 ({pf.JIAMUSI_2022_SOURCE}); "
                   f"Heilongjiang CBR-CDR 2020 ({pf.HEILONGJIANG_RATES_SOURCE})",
            method=(f"[(2,101,700 - 2,156,505) - ({nat:.2f} per mille x mean pop x 26/12 yr)] / (26/12 yr) = "
                    f"{nm:,.0f}/yr, rounded to 100; constant"),
            note=("Natural increase assumed at Heilongjiang's 2020 rate -4.48 per mille (the city's resident rate is not "
                  "published; its 2022 hukou births 6,150 and deaths 5,399 imply a CDR of 2.4 per mille, implausibly low). "
                  f"Using the year-end 2020 estimate {pf.JIAMUSI_YEAREND_2020_WAN}万 instead of the census gives {nm_alt:,.0f}/yr. Age-sex "
                  "pattern: migration_profile.csv (Heilongjiang outflow profile; ages 0-9 get an assumed 10%)."), distribution=ESTIMATE),
        "population.sex_ratio_at_birth": srb_default(pf.HEILONGJIANG_BIRTHS_BOYS_SAMPLE,
                                                     pf.HEILONGJIANG_BIRTHS_GIRLS_SAMPLE, "Heilongjiang"),
        "population.hukou_net_transfers": assumed(
            round_to(transfers, 100), KEYS["population.hukou_net_transfers"].unit,
            low=pf.JIAMUSI_HUKOU_TRANSFERS_RANGE[0], high=pf.JIAMUSI_HUKOU_TRANSFERS_RANGE[1],
            source=f"Jiamusi hukou 227.9万 (2021) -> 225.6万 (2022), hukou births 6,150 and deaths 5,399 (2022); "
                   f"{pf.JIAMUSI_2022_SOURCE} (medium)",
            method=f"(225.6 - 227.9)万 - (6,150 - 5,399) = {transfers:,.0f}/yr, rounded to 100; constant",
            note=("If hukou deaths are under-registered (CDR 2.4 per mille vs Heilongjiang 8.23), the true natural "
                  f"decrease is larger and the transfers smaller in magnitude ({transfers_alt:,.0f}/yr with deaths at "
                  "Heilongjiang's CDR), hence the range. The hukou totals are rounded to 0.1万."),
            distribution=ESTIMATE),
    }
    return hukou, defaults


def tfr_national(tfr2020: float) -> dict:
    """The nation's TFR path: the derived 2020 level, then WPP2024 China's own year-by-year path to 2023 (the cities
    take only its 2020 -> 2023 ratio), flat after."""
    wpp = pf.WPP2024_CHINA_TFR_2020_2023
    t0 = round(tfr2020, 4)
    path = {y: round(t0 * wpp[y] / wpp[2020], 4) for y in sorted(wpp)}
    lo_f, hi_f = pf.TFR_RANGE_FACTORS
    return assumed(
        table(path), KEYS["population.tfr"].unit, low=round(lo_f * t0, 4), high=round(hi_f * t0, 4),
        source=(f"2020 level: {pf.CHINA_RATES_2020_SOURCE}; path: {pf.WPP2024_TFR_FILE}; age pattern: census 2020 "
                "(common/fertility_pattern_2020.csv)"),
        method=(f"TFR2020 = (CBR/1000 x census total) / sum_a female_2020(a) x pattern(a) = {t0}, so that model births in "
                "year 2020 equal CBR x total (the cities' method); then TFR(y) = TFR2020 x WPP2024 China TFR(y) / "
                "TFR(2020) for 2021-2023 (" + ", ".join(f"{y}: {wpp[y]}" for y in sorted(wpp)) + "), flat after"),
        note=(f"The national equivalent of the cities' default: they ramp to the WPP 2023/2020 ratio, the nation follows "
              f"WPP's path year by year. Registered births fell 1200万 (2020) -> 1062万 (2021) -> 956万 (2022) -> 902万 "
              f"(2023) (research/data/china_annual_births_1949_2024.csv; history.csv), faster than the TFR because the "
              f"number of women aged 20-35 falls too; the forward fit (fit.yaml) scales the path to the observed crude "
              f"birth rates. The census-derived TFR of the 2020 long form is {hfig.CHINA_CENSUS_TFR_2020} (research file "
              f"china_census2020_asfr_derived.csv; registered births under-count). Range = {lo_f} to {hi_f} x TFR2020."),
        distribution=ESTIMATE)


def china_defaults(pop: pd.DataFrame, pattern: pd.DataFrame) -> tuple[dict, dict]:
    total = float(pop[["female", "male"]].to_numpy().sum())
    tfr = tfr_matching_births(pop, pattern, pf.CHINA_CBR_2020, total)
    lo_h = round_to(total * (1 - pf.CHINA_HUKOU_RANGE_SHARE), 1000)
    hi_h = round_to(total * (1 + pf.CHINA_HUKOU_RANGE_SHARE), 1000)
    hukou = assumed(
        round_to(total, 1000), "person", low=lo_h, high=hi_h, source=pf.CHINA_CENSUS_SOURCE,
        method="the census residents of the 31 provinces, rounded to 1,000",
        note=("ASSUMPTION: for the nation the registered (hukou) population is its residents: moves between regions "
              "cancel, and the unregistered and international moves are small against 1.41 billion. The model needs "
              "a hukou stock only for indicators per hukou resident (GPs per 10,000 hukou), which for the nation are "
              "per resident. Range +-1%."),
        distribution=ESTIMATE)
    e0_lo = round(pf.CHINA_E0_2020 - pf.E0_LOW_MARGIN, 2)
    boys, girls = pf.CHINA_BIRTHS_BOYS_SAMPLE, pf.CHINA_BIRTHS_GIRLS_SAMPLE
    srb = srb_default(boys, girls, "China")
    srb.update(source=pf.CHINA_SRB_SOURCE,
               method=f"national census births 2019-11..2020-10, 100 x boys / girls = 100 x {boys} / {girls}",
               note=(f"The nation's own census value. The sample has {boys + girls:,} births, so its sampling error is "
                     "negligible; the range allows for under-reported girls and a further fall of the ratio."))
    lo_m, hi_m = pf.CHINA_NET_MIGRATION_RANGE
    lo_t, hi_t = pf.CHINA_HUKOU_TRANSFERS_RANGE
    defaults = {
        "population.tfr": tfr_national(tfr),
        "population.life_expectancy": e0_default(
            pf.CHINA_E0_2020, pf.CHINA_E0_RATE_ASSUMED, pf.CHINA_E0_RATE_RANGE, (e0_lo, pf.CHINA_E0_2020),
            source=f"{pf.CHINA_E0_SOURCE}; pace: {pf.WPP_SOURCE.split(';')[0]} e0 2010-2019",
            note=(f"Published {pf.CHINA_E0_2020} (2020) and {pf.CHINA_E0_2021} (2021, +{pf.CHINA_E0_2021 - pf.CHINA_E0_2020:.2f}); "
                  "WPP2024's both-sexes e0 (mean of male and female) gained +0.25 a year in 2010-2019."),
            low_reason="2020 level minus one year, for a setback"),
        "population.net_migration": assumed(
            0, KEYS["population.net_migration"].unit, low=lo_m, high=hi_m,
            note=("ASSUMPTION: the nation's net migration is international only and small: no national figure is in "
                  "the project's sources. Range +-500,000 a year (+-0.035% of the population), a judgement. Age-sex "
                  "pattern (only used if a scenario sets a non-zero value): migration_profile.csv, the census "
                  "population's own structure."),
            distribution=BOUNDS),
        "population.sex_ratio_at_birth": srb,
        "population.hukou_net_transfers": assumed(
            0, KEYS["population.hukou_net_transfers"].unit, low=lo_t, high=hi_t,
            note=("ASSUMPTION: hukou transfers between regions cancel for the nation; range +-100,000 a year for "
                  "international registrations and cancellations (a judgement)."),
            distribution=BOUNDS),
    }
    return hukou, defaults


def zhejiang_defaults(pop: pd.DataFrame, pattern: pd.DataFrame) -> tuple[dict, dict]:
    """Zhejiang as a region: the province's own CBR, e0, SRB and year-end residents; hukou from the census's
    inter-provincial in-migrants (an upper bound, see the note)."""
    total = float(pop[["female", "male"]].to_numpy().sum())
    tfr = tfr_matching_births(pop, pattern, pf.ZHEJIANG_CBR_2020, total)
    res = {y: v * 1e4 for y, v in pf.ZHEJIANG_YEAREND_RESIDENT_WAN.items()}
    nat21 = pf.ZHEJIANG_CBR_2021 - pf.ZHEJIANG_CDR_2021
    nm2021 = (res[2021] - res[2020]) - natural_increase(nat21, (res[2020] + res[2021]) / 2, 1)
    p2010 = float(province_groups(pf.ZHEJIANG_AREA, 2010)[["female", "male"]].to_numpy().sum())
    decade = (total - p2010) / 10
    hukou_upper = total - pf.ZHEJIANG_INTERPROVINCIAL_IN_MIGRANTS_2020
    lo_h, hi_h = pf.ZHEJIANG_HUKOU_RANGE_ASSUMED
    hukou = assumed(
        round_to(hukou_upper, 1000), "person", low=lo_h, high=hi_h,
        source=f"{pf.PROVINCE_CENSUS_SOURCE.format(area=pf.ZHEJIANG_AREA)}; {pf.ZHEJIANG_IN_MIGRANTS_SOURCE}",
        method=f"census residents {total:,.0f} - inter-provincial in-migrants 16,186,500 = {hukou_upper:,.0f}, rounded to 1,000",
        note=("ASSUMPTION: no Zhejiang hukou total was found in the project's sources. Residents minus the people from other "
              "provinces approximates the registered population living in Zhejiang; Zhejiang hukou holders living in other "
              "provinces (not found) would add to it, and in-migrants who took a Zhejiang hukou are in both, hence the "
              "range (a judgement). The model uses the hukou stock only for per-hukou indicators."),
        distribution=ESTIMATE)
    lo_m, hi_m = pf.ZHEJIANG_NET_MIGRATION_RANGE
    lo_t, hi_t = pf.ZHEJIANG_HUKOU_TRANSFERS_RANGE
    zj_rate = round((pf.ZHEJIANG_E0_2020 - pf.ZHEJIANG_E0_2015) / 5, 2)
    srb = srb_default(pf.ZHEJIANG_BIRTHS_BOYS_SAMPLE, pf.ZHEJIANG_BIRTHS_GIRLS_SAMPLE, "Zhejiang")
    n = pf.ZHEJIANG_BIRTHS_BOYS_SAMPLE + pf.ZHEJIANG_BIRTHS_GIRLS_SAMPLE
    srb["note"] = f"The province's own census value (sample of {n:,} births)."
    tfr_q = tfr_default(tfr, f"Zhejiang CBR 2020 {pf.ZHEJIANG_CBR_2020} per mille ({pf.ZHEJIANG_RATES_SOURCE})",
                        f"Zhejiang's census TFR 2020 is {pf.ZHEJIANG_TFR_2020_CENSUS} ({pf.PROVINCIAL_TFR_SOURCE}).")
    tfr_q["note"] = tfr_q["note"].replace("assumes the city follows", "assumes the province follows")
    defaults = {
        "population.tfr": tfr_q,
        "population.life_expectancy": e0_default(
            pf.ZHEJIANG_E0_2020, zj_rate, pf.LISHUI_E0_RATE_RANGE, pf.ZHEJIANG_E0_RANGE, source=pf.ZHEJIANG_E0_SOURCE,
            note=(f"The province's own published value; its 2015-2020 gain ({pf.ZHEJIANG_E0_2015} -> {pf.ZHEJIANG_E0_2020}, "
                  f"{zj_rate}/yr) continues."),
            low_reason="2020 level minus one year, for a setback or a different basis"),
        "population.net_migration": assumed(
            round_to(nm2021, 1000), KEYS["population.net_migration"].unit, low=lo_m, high=hi_m,
            source=(f"Zhejiang year-end residents 6468万 (2020) and 6540万 (2021), CBR/CDR 2021 {pf.ZHEJIANG_CBR_2021}/"
                    f"{pf.ZHEJIANG_CDR_2021} per mille ({pf.ZHEJIANG_RATES_SOURCE})"),
            method=(f"model year 2020 ~ calendar 2021: (6540 - 6468)万 - ({pf.ZHEJIANG_CBR_2021} - {pf.ZHEJIANG_CDR_2021}) "
                    f"per mille x 6504万 = {nm2021:,.0f}, rounded to 1,000; constant (the Hangzhou method, one year)"),
            note=(f"One year of evidence (2022 residents were not in the sources), held flat: an assumption. For comparison "
                  f"the census residents grew {decade:,.0f} a year in 2010-2020 ({p2010:,.0f} -> {total:,.0f}, natural "
                  "increase included). Range (a judgement): about half the 2021 value to the 2010-2020 growth. Age-sex "
                  "pattern: migration_profile.csv (Zhejiang 2010-2020 cohort profile; ages 0-9 get an assumed 10%)."),
            distribution=ESTIMATE),
        "population.sex_ratio_at_birth": srb,
        "population.hukou_net_transfers": assumed(
            0, KEYS["population.hukou_net_transfers"].unit, low=lo_t, high=hi_t,
            note=("ASSUMPTION: no Zhejiang hukou series was found, so no net transfer is continued; range -100,000 to "
                  "+300,000 a year (a judgement: Zhejiang's cities admit migrants to hukou, Lishui loses registrations "
                  "abroad)."),
            distribution=BOUNDS),
    }
    return hukou, defaults


DEFAULT_BUILDERS = {"hangzhou": hangzhou_defaults, "lishui": lishui_defaults, "jiamusi": jiamusi_defaults,
                    "china": china_defaults, "zhejiang": zhejiang_defaults}
