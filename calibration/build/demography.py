"""Demographic methods on the census tables: the national mortality and fertility schedules and
the migration age profile; reading the sources, splitting age groups into single years and raking
are in sim.inputs.census (shared with regions built from fill-in tables) and re-exported here.

Pure functions of the source tables in calibration/sources/ (see sources/README.md); no city
figures here. Used by calibration.build.profiles (2020) and calibration.build.backcast (2010).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.interpolate import PchipInterpolator

from sim.inputs.census import (  # noqa: F401  (re-exported for the builds)
    ALL_AREAS,
    BROAD_GROUPS,
    OPEN_AGE_LABEL,
    PERIOD_2010,
    PERIOD_2020,
    POP_BY_PROVINCE,
    SHARE_GROUPS,
    SINGLE_AGE_TABLE,
    SOURCES,
    broad_group_counts,
    check,
    national_single_year,
    parse_age_group,
    province_groups,
    rake,
    read_source,
    shares_percent,
    split_groups_to_single_years,
    tfr_matching_births,
)
from sim.inputs.tables import AGES, SEXES

BIRTHS_BY_MOTHER_AGE = "china_census2020_births_by_mother_age_parity.csv"  # long-form table 6-2
ASFR_DERIVED = "china_census2020_asfr_derived.csv"                      # research-derived ASFR (cross-check)
# survival-ratio net migration 2010-2020
NET_MIGRATION_TABLE = "netmigration_2010_2020_zhejiang_heilongjiang_derived.csv"


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
