"""The census tables of ``calibration/sources/`` and the demographic methods on them that both
the profile builds (calibration/build/) and a region built from fill-in tables
(`sim.inputs.region_kit`) use: a province's 2020 (or 2010) age groups, split into single years by
the national single-year shape, raked to a region's broad age groups and sex totals, and the TFR
that makes model births in 2020 equal a crude birth rate.

Pure functions of the source tables (see calibration/sources/README.md); no city figures here.
Moved here from calibration/build/demography.py, which re-exports them.
"""
from __future__ import annotations

import pandas as pd

from sim.core.paths import CALIBRATION_DIR
from sim.inputs.tables import AGES, SEXES

SOURCES = CALIBRATION_DIR / "sources"

# Source files (copied unchanged from the research data folder; see sources/README.md).
#: census tables 1-5 (2020), 1-7 (2010): persons by province, age group and sex
POP_BY_PROVINCE = "china_census_2010_2020_pop_by_province_age_sex.csv"
SINGLE_AGE_TABLE = "china_census_deaths_rates_single_age_sex.csv"      # census table 6-4

PERIOD_2020 = "2019.11.1-2020.10.31"  # census reference year of table 6-4 / 6-2
PERIOD_2010 = "2009.11.1-2010.10.31"  # census 2010 reference year of table 6-4
ALL_AREAS = "不分城乡"                 # city + town + rural
OPEN_AGE_LABEL = "100岁及以上"

# Broad age groups published by the city bulletins (60-64 = 60+ minus 65+).
BROAD_GROUPS = {"0_14": (0, 14), "15_59": (15, 59), "60_64": (60, 64), "65_plus": (65, 100)}
SHARE_GROUPS = {"0_14": (0, 14), "15_59": (15, 59), "60_plus": (60, 100), "65_plus": (65, 100)}


def check(condition: bool, message: str) -> None:
    """Stop the build with a message if an internal consistency check fails."""
    if not condition:
        raise RuntimeError(message)


def read_source(name: str) -> pd.DataFrame:
    """A source CSV without its leading '#' comment lines."""
    return pd.read_csv(SOURCES / name, comment="#")


def parse_age_group(label: str) -> tuple[int, int]:
    """'0' -> (0, 0); '1-4' -> (1, 4); '100+' -> (100, 100) (100 = the open group)."""
    if label.endswith("+"):
        return int(label[:-1]), 100
    if "-" in label:
        lo, hi = label.split("-")
        return int(lo), int(hi)
    return int(label), int(label)


def national_single_year(period: str) -> pd.DataFrame:
    """Census table 6-4 (all areas) for one reference year (PERIOD_2020, PERIOD_2010): average
    population and deaths by single age 0..100+ and sex."""
    t = read_source(SINGLE_AGE_TABLE)
    t = t[(t["period"] == period) & (t["type"] == ALL_AREAS)]
    total_row = t[t["age"] == "总计"].iloc[0]
    t = t[t["age"].str.fullmatch(r"\d+") | (t["age"] == OPEN_AGE_LABEL)].copy()
    t["age"] = t["age"].replace({OPEN_AGE_LABEL: "100"}).astype(int)
    t = t.sort_values("age").set_index("age")
    check(list(t.index) == list(AGES), f"table 6-4 {period}: expected single ages 0..100+")
    for col in ("avg_pop_male", "avg_pop_female", "deaths_male", "deaths_female"):
        check(abs(t[col].sum() - total_row[col]) < 0.5,
              f"table 6-4 {period}: single ages do not add up to the total ({col})")
    return t


def province_groups(area: str, year: int) -> pd.DataFrame:
    """Census table 1-5 (2020) or 1-7 (2010) for one province: persons by age group (0, 1-4,
    5-year, 100+) and sex."""
    t = read_source(POP_BY_PROVINCE)
    t = t[(t["census_year"] == year) & (t["area"] == area)]
    total = t[t["age"] == "total"].iloc[0]
    groups = t[t["age"] != "total"].copy()
    groups[["lo", "hi"]] = [parse_age_group(a) for a in groups["age"]]
    for sex in SEXES:
        check(groups[sex].sum() == total[sex],
              f"{area} {year}: age groups do not add up to the {sex} total")
    return groups[["age", "lo", "hi", "female", "male"]].reset_index(drop=True)


def split_groups_to_single_years(groups: pd.DataFrame, shape: pd.DataFrame) -> pd.DataFrame:
    """Spread each census age group over its single years in proportion to the national
    single-year average population of table 6-4 (same sex). Keeps cohort echoes (e.g. the 1959-61
    famine trough at ages 58-61) and preserves every group sum exactly."""
    out = pd.DataFrame({"age": AGES, "female": 0.0, "male": 0.0})
    for g in groups.itertuples():
        for sex in SEXES:
            weights = shape.loc[g.lo:g.hi, f"avg_pop_{sex}"].to_numpy(dtype=float)
            out.loc[g.lo:g.hi, sex] = getattr(g, sex) * weights / weights.sum()
    return out


def rake(pop: pd.DataFrame, age_targets: dict[str, float], sex_targets: dict[str, float] | None,
         tol: float = 1e-7, max_iter: int = 10_000) -> pd.DataFrame:
    """Iterative proportional fitting of an age x sex table to broad-age-group counts (both
    sexes together, groups in BROAD_GROUPS) and, if given, to sex totals. Scales cells within each
    margin, so the single-year shape inside a broad group and the sex ratio are changed as little
    as possible."""
    arr = pop[list(SEXES)].to_numpy(dtype=float).copy()
    for _ in range(max_iter):
        for key, target in age_targets.items():
            lo, hi = BROAD_GROUPS[key]
            arr[lo:hi + 1] *= target / arr[lo:hi + 1].sum()
        if sex_targets:
            for j, sex in enumerate(SEXES):
                arr[:, j] *= sex_targets[sex] / arr[:, j].sum()
        gap = max(abs(arr[BROAD_GROUPS[k][0]:BROAD_GROUPS[k][1] + 1].sum() - v)
                  for k, v in age_targets.items())
        if gap < tol:
            break
    else:
        raise RuntimeError("raking did not converge")
    return pd.DataFrame({"age": AGES, "female": arr[:, 0], "male": arr[:, 1]})


def broad_group_counts(total: float, shares: dict[str, float]) -> dict[str, float]:
    """Counts of 0-14, 15-59, 60-64 and 65+ from published shares (percent) of the total."""
    return {
        "0_14": total * shares["0_14"] / 100,
        "15_59": total * shares["15_59"] / 100,
        "60_64": total * (shares["60_plus"] - shares["65_plus"]) / 100,
        "65_plus": total * shares["65_plus"] / 100,
    }


def shares_percent(pop: pd.DataFrame) -> dict[str, float]:
    """Broad-age shares (percent of both sexes) of a single-year population table."""
    both = pop["female"] + pop["male"]
    return {k: 100 * both.loc[lo:hi].sum() / both.sum() for k, (lo, hi) in SHARE_GROUPS.items()}


def tfr_matching_births(pop: pd.DataFrame, pattern: pd.DataFrame, cbr_permille: float,
                        total: float) -> float:
    """TFR such that births in model year 2020 = CBR x census total:
    TFR = (CBR/1000 x total) / sum_a female_2020(a) x pattern(a)."""
    exposure = float((pop["female"] * pattern["share"]).sum())
    return cbr_permille / 1000 * total / exposure
