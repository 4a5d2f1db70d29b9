"""Demographic methods on the census tables: reading the sources, the national mortality and
fertility schedules, splitting age groups into single years, raking, and the migration age profile.

Pure functions of the source tables in calibration/sources/ (see sources/README.md); no city
figures here. Used by calibration.build.profiles (2020) and calibration.build.backcast (2010).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.interpolate import PchipInterpolator

from sim.core.paths import CALIBRATION_DIR
from sim.inputs.tables import AGES, SEXES

SOURCES = CALIBRATION_DIR / "sources"

# Source files (copied unchanged from the research data folder; see sources/README.md).
POP_BY_PROVINCE = "china_census_2010_2020_pop_by_province_age_sex.csv"  # census tables 1-5 (2020), 1-7 (2010)
SINGLE_AGE_TABLE = "china_census_deaths_rates_single_age_sex.csv"      # census table 6-4
BIRTHS_BY_MOTHER_AGE = "china_census2020_births_by_mother_age_parity.csv"  # long-form table 6-2
ASFR_DERIVED = "china_census2020_asfr_derived.csv"                      # research-derived ASFR (cross-check)
# survival-ratio net migration 2010-2020
NET_MIGRATION_TABLE = "netmigration_2010_2020_zhejiang_heilongjiang_derived.csv"

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


# ---------------------------------------------------------------------------------------------
# Reading the census sources
# ---------------------------------------------------------------------------------------------
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
        check(groups[sex].sum() == total[sex], f"{area} {year}: age groups do not add up to the {sex} total")
    return groups[["age", "lo", "hi", "female", "male"]].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Common files: mortality standard and fertility pattern
# ---------------------------------------------------------------------------------------------
def mortality_standard(single: pd.DataFrame) -> pd.DataFrame:
    """m(x) = deaths / average population, national census 2020 table 6-4, single ages, as published.

    Not smoothed: the raw rates flatten or fall above age 95 (age misstatement / under-registration at the
    oldest ages); the model scales the level to its e0 path.
    """
    return pd.DataFrame({
        "age": AGES,
        "female": (single["deaths_female"] / single["avg_pop_female"]).to_numpy(),
        "male": (single["deaths_male"] / single["avg_pop_male"]).to_numpy(),
    })


def fertility_pattern(single: pd.DataFrame) -> pd.DataFrame:
    """Normalised single-year ASFR 15-49 from census 2020 births by mother's age and average female population.

    ASFR_a = B_a / (f * W_a); f (long-form sampling fraction) cancels in the normalisation, so
    share_a = (B_a / W_a) / sum_a (B_a / W_a). Recomputed here and cross-checked against the research
    file china_census2020_asfr_derived.csv.
    """
    b = read_source(BIRTHS_BY_MOTHER_AGE)
    b = b[(b["period"] == PERIOD_2020) & (b["type"] == ALL_AREAS) & b["age_of_mother"].str.fullmatch(r"\d+")].copy()
    b["age"] = b["age_of_mother"].astype(int)
    b = b.set_index("age").sort_index()
    check(list(b.index) == list(range(15, 50)), "table 6-2: expected mother's ages 15..49")
    relative_asfr = b["births_total"] / single.loc[15:49, "avg_pop_female"]
    share = pd.Series(0.0, index=AGES)
    share.loc[15:49] = (relative_asfr / relative_asfr.sum()).to_numpy()

    derived = read_source(ASFR_DERIVED).set_index("age")
    check((derived["births_sample"] == b["births_total"]).all(), "ASFR file: births differ from table 6-2")
    check((derived["avg_female_pop_fullcount"] == single.loc[15:49, "avg_pop_female"]).all(),
          "ASFR file: female population differs from table 6-4")
    derived_share = derived["asfr_per_woman"] / derived["asfr_per_woman"].sum()
    check(np.abs(derived_share.to_numpy() - share.loc[15:49].to_numpy()).max() < 2e-5,
          "ASFR file: normalised pattern differs from the recomputed one beyond rounding")
    return pd.DataFrame({"age": AGES, "share": share.to_numpy()})


# ---------------------------------------------------------------------------------------------
# Population by single year of age and sex
# ---------------------------------------------------------------------------------------------
def split_groups_to_single_years(groups: pd.DataFrame, shape: pd.DataFrame) -> pd.DataFrame:
    """Spread each census age group over its single years in proportion to the national single-year
    average population of table 6-4 (same sex). Keeps cohort echoes (e.g. the 1959-61 famine trough at
    ages 58-61) and preserves every group sum exactly."""
    out = pd.DataFrame({"age": AGES, "female": 0.0, "male": 0.0})
    for g in groups.itertuples():
        for sex in SEXES:
            weights = shape.loc[g.lo:g.hi, f"avg_pop_{sex}"].to_numpy(dtype=float)
            out.loc[g.lo:g.hi, sex] = getattr(g, sex) * weights / weights.sum()
    return out


def rake(pop: pd.DataFrame, age_targets: dict[str, float], sex_targets: dict[str, float] | None,
         tol: float = 1e-7, max_iter: int = 10_000) -> pd.DataFrame:
    """Iterative proportional fitting of an age x sex table to broad-age-group counts (both sexes
    together, groups in BROAD_GROUPS) and, if given, to sex totals. Scales cells within each margin, so
    the single-year shape inside a broad group and the sex ratio are changed as little as possible."""
    arr = pop[list(SEXES)].to_numpy(dtype=float).copy()
    for _ in range(max_iter):
        for key, target in age_targets.items():
            lo, hi = BROAD_GROUPS[key]
            arr[lo:hi + 1] *= target / arr[lo:hi + 1].sum()
        if sex_targets:
            for j, sex in enumerate(SEXES):
                arr[:, j] *= sex_targets[sex] / arr[:, j].sum()
        gap = max(abs(arr[BROAD_GROUPS[k][0]:BROAD_GROUPS[k][1] + 1].sum() - v) for k, v in age_targets.items())
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


# ---------------------------------------------------------------------------------------------
# Migration age profile
# ---------------------------------------------------------------------------------------------
def migration_groups(area: str, direction: int) -> pd.DataFrame:
    """Net migrants 2010-2020 by cohort from the survival-ratio file, as non-negative weights by age at
    moving. direction = +1 for a net-inflow region (use positive net migrants), -1 for a net-outflow
    region (use the magnitudes of negative net migrants). Entries of the other sign are artefacts
    (2010 under-count of children; mortality differences at old ages) and are set to zero.
    Age at moving = age in 2020 minus 5 (the midpoint of the 10-year interval)."""
    t = read_source(NET_MIGRATION_TABLE)
    t = t[t["area"] == area]
    rows = []
    for label, g in t.groupby("age_2020", sort=False):
        lo, hi = parse_age_group(label)
        values = {sex: max(0.0, direction * float(g.loc[g["sex"] == sex, "net_migrants_2010_2020"].iloc[0]))
                  for sex in SEXES}
        rows.append({"lo": lo - 5, "hi": hi if label.endswith("+") else hi - 5, **values})
    groups = pd.DataFrame(rows).sort_values("lo").reset_index(drop=True)
    check((groups["lo"].iloc[1:].to_numpy() == groups["hi"].iloc[:-1].to_numpy() + 1).all(),
          f"{area}: migration age groups are not contiguous")
    return groups


def spread_monotone(groups: pd.DataFrame, sex: str) -> np.ndarray:
    """Single-year values from grouped counts: monotone (PCHIP) interpolation of the cumulative count at
    the group boundaries, differenced at integer ages. Non-negative, smooth across groups, and group sums
    are preserved exactly (the cumulative passes through every boundary)."""
    bounds = np.append(groups["lo"].to_numpy(), groups["hi"].iloc[-1] + 1)
    cumulative = np.append(0.0, np.cumsum(groups[sex].to_numpy()))
    fine = PchipInterpolator(bounds, cumulative)(np.arange(bounds[0], bounds[-1] + 1))
    single = np.clip(np.diff(fine), 0.0, None)
    out = np.zeros(len(AGES))
    out[bounds[0]:bounds[-1]] = single
    # re-impose exact group sums (clipping only removes float noise of order 1e-9)
    for g in groups.itertuples():
        seg = slice(int(g.lo), int(g.hi) + 1)
        if out[seg].sum() > 0:
            out[seg] *= getattr(g, sex) / out[seg].sum()
    return out


def migration_profile(area: str, direction: int, child_share: float, child_sex_share: dict[str, float]) -> pd.DataFrame:
    """Shares of a year's net migrants by age at the start of the projection year and sex (sum 1).

    (1 - child_share) follows the census-derived cohort profile (ages 5+ at moving); child_share is given
    uniformly to ages 0-9 (ASSUMPTION: children born after 2010 move with their parents), split by sex
    as in the province's 2020 census population aged 0-9."""
    groups = migration_groups(area, direction)
    census = np.column_stack([spread_monotone(groups, sex) for sex in SEXES])
    census /= census.sum()
    child = np.zeros_like(census)
    for j, sex in enumerate(SEXES):
        child[0:10, j] = child_sex_share[sex] / 10
    profile = (1 - child_share) * census + child_share * child
    return pd.DataFrame({"age": AGES, "female": profile[:, 0], "male": profile[:, 1]})


def child_sex_shares(groups: pd.DataFrame) -> dict[str, float]:
    """Sex composition of the province's census population aged 0-9."""
    young = groups[groups["hi"] <= 9]
    total = young["female"].sum() + young["male"].sum()
    return {sex: young[sex].sum() / total for sex in SEXES}


# ---------------------------------------------------------------------------------------------
# Fertility level
# ---------------------------------------------------------------------------------------------
def tfr_matching_births(pop: pd.DataFrame, pattern: pd.DataFrame, cbr_permille: float, total: float) -> float:
    """TFR such that births in model year 2020 = CBR x census total:
    TFR = (CBR/1000 x total) / sum_a female_2020(a) x pattern(a)."""
    exposure = float((pop["female"] * pattern["share"]).sum())
    return cbr_permille / 1000 * total / exposure
