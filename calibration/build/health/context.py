"""What the health build of one region works on (`RegionHealth`), and the helpers the sector
builders share.

The sector builders (calibration.build.health.beds, workforce, chronic, care) each have
`section_2020(b)`, which fills the region's `health_2020:` entries and the rounded 2020 `stocks`,
and `defaults(b)`, which fills the defaults of the sector's keys. calibration.build.health.baseline
runs every `section_2020` before any `defaults`, so a default may read any 2020 entry. Units are
sim's: sim.inputs.profile_schema.HEALTH_2020_UNITS for `health_2020:` entries,
sim.inputs.keys.KEYS for defaults.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from calibration import health_figures as hf
from calibration.build.health.counts import NATIONAL_GROWTH, NATIONAL_PACES, CityCounts
from calibration.build.quantities import Series, assumed, sourced
from sim.inputs.keys import BASE_YEAR, KEYS
from sim.inputs.profile_schema import HEALTH_2020_UNITS
from sim.inputs.tables import SEXES

#: The last year a level lever's observed trend is continued (the baseline scenarios' horizon); held after it.
TREND_END = hf.OBSERVED_TREND_END


@dataclass
class RegionHealth:
    """The inputs of one region's health build and what the sector builders fill in."""
    region: str
    name_en: str
    #: population_2020.csv: residents on 1 Nov 2020 by single age (rows) and sex (columns).
    pop: pd.DataFrame
    #: Registered (hukou) population 2020, person.
    hukou: float
    #: The region's population.net_migration default if it is one constant (person/year), else None.
    net_migration: float | None
    #: The national tables calibration/common/chronic_prevalence.csv and admission_rate.csv.
    prevalence: pd.DataFrame
    admission: pd.DataFrame
    #: Census total of residents on 1 Nov 2020.
    residents: float
    #: The city's later-year counts of beds and staff the 2020 stocks are backed out from.
    counts: CityCounts
    #: The city's yearly resident growth 1 Nov 2020 -> end 2022 (calibration.build.health.counts).
    population_growth: float
    #: The profile's `health_2020:` section, by entry name.
    health_2020: dict = field(default_factory=dict)
    #: Defaults of the health keys, by key.
    defaults: dict = field(default_factory=dict)
    #: Rounded 2020 stocks (beds by type, doctors, GPs, nurses), by health_2020 entry name.
    stocks: dict = field(default_factory=dict)
    #: Figures for the build's printed summary.
    summary: dict = field(default_factory=dict)
    #: Beds in the five model bed types on 1 Nov 2020, unrounded.
    model_beds_2020: float = 0.0
    #: All beds of medical and health institutions on 1 Nov 2020 (the five types, nursing homes, other
    #: institutions), unrounded: the nurse staffing ratio divides by it, as the model does.
    all_beds_2020: float = 0.0
    #: The nation as a region: 2020 stocks observed (bulletins), paces the nation's own 2020-21 (NATIONAL_PACES).
    national: bool = False

    @property
    def paces(self) -> dict[str, float] | None:
        """The per-1,000 growth rates the levers continue: the nation's own for the nation, else None (the
        national 2020-23 growth that backs out the cities' counts, counts.NATIONAL_GROWTH)."""
        return NATIONAL_PACES if self.national else None

    def per_1000_growth(self, kind: str) -> float:
        return (self.paces or NATIONAL_GROWTH)[kind]

    @property
    def years_to_count(self) -> float:
        """Years from 1 Nov 2020 to the date of the city's counts."""
        return self.counts.years

    @property
    def anchor(self) -> str:
        """The source of the backed-out stocks: the city's counts and the national ratios."""
        return f"{self.counts.source}; national ratios {hf.NHC_2020_SOURCE}"

    def growth_text(self, kind: str) -> str:
        """How a count of `kind` (beds, doctors, nurses) is backed out to 1 Nov 2020."""
        ratios = {"beds": hf.CHINA_BEDS_PER_1000, "doctors": hf.CHINA_DOCTORS_PER_1000,
                  "nurses": hf.CHINA_NURSES_PER_1000}
        (y0, v0), (y1, v1) = sorted(ratios[kind].items())
        return (f"national {kind} per 1,000 growth ({v0} -> {v1}, {y0}-{y1}: "
                f"{NATIONAL_GROWTH[kind]:+.2%}/yr) times {self.name_en}'s resident growth 2020-22 "
                f"({self.population_growth:+.2%}/yr), compounded over {self.years_to_count:.2f} years")

    def value_2020(self, name: str):
        """The value of a `health_2020:` entry already built."""
        return self.health_2020[name]["value"]

    def assume_2020(self, name: str, value, **quantity) -> None:
        """A `health_2020:` entry as an assumption (every 2020 city health figure is derived)."""
        self.health_2020[name] = assumed(value, HEALTH_2020_UNITS[name], **quantity)

    def observe_2020(self, name: str, value, *, source: str, method: str) -> None:
        """A `health_2020:` entry observed (the nation's bulletins), with the computation in `method`."""
        self.health_2020[name] = sourced(value, HEALTH_2020_UNITS[name], source, method)

    def assume(self, key: str, value, **quantity) -> None:
        """The default of a health assumption key (a fact about the region), as an assumption."""
        if KEYS[key].kind != "assumption":
            raise ValueError(f"{key} is a lever: use RegionHealth.lever")
        self.defaults[key] = assumed(value, KEYS[key].unit, **quantity)

    def lever(self, key: str, value, *, basis: str, **quantity) -> None:
        """The default of a lever: policy continued at its observed pace (`basis` OBSERVED, with the
        source of the observation and the method) or a judgement (`basis` ASSUMPTION), never a
        plan's aim (those are the plan scenarios). An assumption range makes it `assumed`."""
        if KEYS[key].kind != "lever":
            raise ValueError(f"{key} is not a lever")
        build = assumed if "low" in quantity else sourced
        self.defaults[key] = build(value, KEYS[key].unit, basis=basis, **quantity)


def round_step(x: float, step: float = 1) -> float:
    """x rounded to a multiple of step: an int for whole steps, else a float without noise."""
    v = step * round(x / step)
    return int(v) if float(step).is_integer() else round(v, 10)


def residents_aged(pop: pd.DataFrame, lo: int, hi: int = 100) -> float:
    """Residents aged lo..hi, both sexes."""
    return float((pop["female"] + pop["male"]).loc[lo:hi].sum())


def patients(pop: pd.DataFrame, prevalence: pd.DataFrame, condition: str) -> float:
    """People with the condition: the national prevalence by age and sex, applied."""
    return float(sum((prevalence.loc[prevalence["sex"] == s, condition].to_numpy() * pop[s].to_numpy()).sum()
                     for s in SEXES))


def admissions(pop: pd.DataFrame, admission: pd.DataFrame) -> float:
    """Admissions a year at the national age-sex rates."""
    return float(sum((admission.loc[admission["sex"] == s, "admissions_per_person_year"].to_numpy()
                      * pop[s].to_numpy()).sum() for s in SEXES))


def trend_ramp(start_value: float, per_year: float, digits: int = 2) -> Series:
    """A level rising by `per_year` from the base year to TREND_END, held after (an observed trend
    continued over the baseline horizon)."""
    end_value = round(start_value + per_year * (TREND_END - BASE_YEAR), digits)
    return Series(ramp=Series({"from": round(start_value, digits), "to": end_value, "start": BASE_YEAR,
                               "end": TREND_END}))
