"""A region's `health_2020:` section and the defaults of its health keys, built sector by sector.

The nation's 2020 stocks are the bulletins' counts (observed), its paces its own 2020-21 ones. (A
city's or a province's figures, later counts backed out to 2020 and the like, are in its tables:
calibration/<region>/tables/inputs.csv, each with its source and method.) The entries and keys are sim's (sim.inputs.profile_schema.HEALTH_2020_UNITS,
sim.inputs.keys.KEYS).
"""
from __future__ import annotations

import pandas as pd

from calibration import health_figures as hf
from calibration.build.demography import check
from calibration.build.health import beds, care, chronic, workforce
from calibration.build.health.context import RegionHealth
from calibration.build.health.counts import national_counts, region_population_growth
from sim.inputs.keys import KEYS
from sim.inputs.profile_schema import HEALTH_2020_UNITS
from sim.inputs.tables import SEXES

#: The sector builders. All 2020 sections are built before any defaults, which read them (GPs,
#: the beds of the model's bed types, the 2020 shares).
SECTORS = (beds, workforce, chronic, care)
#: The health keys in the order profile.yaml lists them: the region-specific defaults in KEYS
#: order, then the structural assumptions (the same in every region, hf.STRUCTURAL_ASSUMPTIONS).
HEALTH_KEYS = (tuple(k for k in KEYS
                     if not k.startswith("population.") and k not in hf.STRUCTURAL_ASSUMPTIONS)
               + tuple(k for k in KEYS if k in hf.STRUCTURAL_ASSUMPTIONS))


def structural_defaults(b: RegionHealth) -> None:
    """The model's behavioural constants: the same judgement in every region."""
    for key, (value, low, high, distribution, note) in hf.STRUCTURAL_ASSUMPTIONS.items():
        b.assume(key, value, low=low, high=high, note=note, distribution=distribution)


def health_2020_and_defaults(region: str, name_en: str, pop: pd.DataFrame, hukou: float, net_migration: float | None,
                             prevalence: pd.DataFrame, admission: pd.DataFrame,
                             national: bool = False) -> tuple[dict, dict, dict]:
    """The region's health_2020 section, the defaults of the health keys, and figures for the build summary.
    `national`: the nation as a region (2020 stocks observed, its own paces; RegionHealth.national)."""
    b = RegionHealth(region, name_en, pop, hukou, net_migration, prevalence, admission,
                     residents=float(pop[list(SEXES)].to_numpy().sum()),
                     counts=national_counts(),
                     population_growth=region_population_growth(region, national), national=national,
)
    for sector in SECTORS:
        sector.section_2020(b)
    for sector in SECTORS:
        sector.defaults(b)
    structural_defaults(b)
    check(set(b.defaults) == set(HEALTH_KEYS), f"{region}: health defaults incomplete")
    check(set(b.health_2020) == set(HEALTH_2020_UNITS), f"{region}: health_2020 incomplete")
    b.summary["stocks"] = b.stocks
    return ({k: b.health_2020[k] for k in HEALTH_2020_UNITS}, {k: b.defaults[k] for k in HEALTH_KEYS},
            b.summary)
