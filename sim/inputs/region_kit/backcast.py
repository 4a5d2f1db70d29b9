"""The 2010 start of a region's 2010-2020 backcast from its fill-in tables
(sim.inputs.region_kit): ``population_2010.csv`` and ``backcast_2010.yaml`` (format:
calibration/HISTORY.md; loaded by sim.inputs.history and sim.inputs.backcast).

Two optional tables, both or neither:

- ``figures_2010.csv`` (format of figures_2020.csv): the 6th-census total (1 Nov 2010) and,
  when published, the broad age shares and the sex ratio, each with its source;
- ``backcast.csv``: the starting values and bounds of the backcast inputs (TFR, life
  expectancy, sex ratio at birth and net migration 2010-2020, and the natural increase behind
  the net-migration guess), one a row with source, method and note, as the region worked them
  out; rows of text: the basis of the 2010 shares (population_2010), what is known about the
  timing of the decade's migration (note_timing), a range and note on the 2010 total
  (census_2010.total).

The start population is derived the way the nation's is (calibration/build/backcast.py): the
parent province's census 2010 age groups (table 1-7) split into single years by the national
single-year shape (table 6-4), scaled to the region's 2010 total and, when the tables give
them, raked to its broad shares and sex ratio (sim.inputs.census). A region without the
tables has no backcast (and keeps any files of its folder).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.core.errors import InputError, Verbatim
from sim.inputs.backcast import CENSUS_2010_DATE
from sim.inputs.census import (
    PERIOD_2010,
    POP_BY_PROVINCE,
    SINGLE_AGE_TABLE,
    broad_group_counts,
    check,
    national_single_year,
    province_groups,
    rake,
    shares_percent,
    split_groups_to_single_years,
)
from sim.inputs.history import POPULATION_2010_FILE
from sim.inputs.region_kit.figures import (
    BACKCAST_ROWS,
    BACKCAST_TABLE,
    FIGURES_2010_TABLE,
    KIT_FOLDER,
    SHARES,
)
from sim.inputs.region_kit.tables import (
    BACKCAST_YEARS,
    QUANTITY_ROWS,
    BackcastTables,
    backcast_values,
)
from sim.inputs.tables import SEXES

__all__ = ["Backcast2010", "derive_backcast"]

#: Rounding of the path that must end at the profile's 2020 value (digits of the table).
_ENDS_AT_PROFILE = {"population.tfr": 5e-5, "population.life_expectancy": 5e-3}


@dataclass(frozen=True)
class Backcast2010:
    """The two files: population_2010.csv (frame and its '#' lines) and backcast_2010.yaml
    (data and its '#' lines)."""

    population: pd.DataFrame
    population_header: list[str]
    data: dict
    header: list[str]


def _profile_2020(profile: dict, key: str) -> float | None:
    value = ((profile.get("defaults") or {}).get(key) or {}).get("value")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict) and "ramp" in value:
        return float(value["ramp"]["from"])
    if isinstance(value, dict) and value:
        table = next(iter(value.values()))
        return float(table[2020]) if isinstance(table, dict) and 2020 in table else None
    return None


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def derive_backcast(name: str, region: dict[str, str], level: str, parent: str,
                    parent_en: str, tables: BackcastTables, profile: dict) -> Backcast2010:
    """The start population and backcast inputs of region `name` (folder name) with names
    `region`, level and parent census area from its tables and its derived 2020 `profile`."""
    folder = f"calibration/{name}/{KIT_FOLDER}/"      # as the headers name it
    f_path = Path(folder) / FIGURES_2010_TABLE
    for key, tolerance in _ENDS_AT_PROFILE.items():
        cells, number = tables.rows[key]
        end = backcast_values(cells["value"])[-1][1]
        expected = _profile_2020(profile, key)
        if expected is not None and abs(end - expected) > tolerance + 1e-12:
            raise InputError(tables.folder / BACKCAST_TABLE, f"row {number}, column 数值 value",
                             Verbatim(f"{end:g} in 2020"),
                             f"the profile's 2020 value {expected:g} (figures_2020.csv, "
                             "inputs.csv)", "the path does not end where the 2020 baseline "
                             "starts")
    population, lines = _population(region, level, parent, parent_en, tables)
    fig = tables.figures
    total = _number(fig["residents"][0])
    census: dict[str, dict] = {"total": {"value": total, "unit": "person",
                                         "source": fig["residents"][1]}}
    extra, _ = tables.rows.get("census_2010.total", ({}, 0))
    if "note" in extra:
        census["total"]["note"] = extra["note"]
    if "low" in extra:
        census["total"].update(low=extra["low"], high=extra["high"])
    for key in SHARES:
        if key in fig:
            census[key] = {"value": round(100 * fig[key][0], 8), "unit": "percent",
                           "source": fig[key][1]}
    if "sex_ratio" in fig:
        census["sex_ratio"] = {"value": fig["sex_ratio"][0], "unit": "males per 100 females",
                               "source": fig["sex_ratio"][1]}
    p2020 = profile["census_2020"]["total"]["value"]

    def entry(key: str) -> dict:
        cells = tables.rows[key][0]
        out = {"value": cells["value"], "unit": BACKCAST_ROWS[key][0], "source": cells["source"],
               "method": cells["method"], "assumption": True, "low": cells["low"],
               "high": cells["high"]}
        if "low_path" in cells:
            out.update(low_path=cells["low_path"], high_path=cells["high_path"])
        out["note"] = cells["note"]
        return out

    timing = tables.rows.get("note_timing", ({}, 0))[0].get(
        "note", f"nothing is recorded about the timing ({folder}{BACKCAST_TABLE} has no "
        "note_timing row)")
    data = {
        "region": name, "name_en": region["name_en"], "name_zh": region["name_zh"],
        "start": {"date": CENSUS_2010_DATE, "population_file": POPULATION_2010_FILE},
        "check": {"date": "2020-11-01", "population_file": "population_2020.csv",
                  "total": int(p2020),
                  "note": ("out-of-sample check of the population sector: the 2020 census total "
                           "and broad shares (profile.yaml census_2020) and the single-age table "
                           "population_2020.csv")},
        "years": {"start": BACKCAST_YEARS[0], "end": BACKCAST_YEARS[-1]},
        "census_2010": census,
        "population_2010_shares": {k: round(float(v), 4)
                                   for k, v in shares_percent(population).items()},
        "hukou_population_2010": {"value": None, "unit": "person", "missing": True,
                                  "note": f"not found (calibration/{name}/history_missing.csv)"},
        "inputs": {key: entry(key) for key in QUANTITY_ROWS if key.startswith("population.")},
        "derived": {"natural_increase_2010_2020": entry("natural_increase_2010_2020")},
        "note_timing": timing,
    }
    header = [
        f"{region['name_en']} backcast inputs 2010-2020. GENERATED by `python -m sim region build "
        f"{name}` from {f_path} and {BACKCAST_TABLE} (edit the tables, not this file). Format: "
        "calibration/HISTORY.md.",
        "These are STARTING VALUES AND BOUNDS for fitting the population sector to the 2020 "
        "census, not observations: every input is assumption: true with low/high (and "
        "low_path/high_path for series).",
    ]
    population_header = [
        f"{region['name_en']} ({region['name_zh']}) resident population on 1 Nov 2010 (6th census "
        "reference date), single year of age x sex; age 100 = 100+. Units: persons (fractional "
        f"after splitting, scaling and raking). GENERATED by `python -m sim region build {name}` "
        f"from {f_path}.",
        *lines,
    ]
    return Backcast2010(population, population_header, data, header)


def _population(region: dict[str, str], level: str, parent: str, parent_en: str,
                tables: BackcastTables) -> tuple[pd.DataFrame, list[str]]:
    """Single-year population on 1 Nov 2010 and the method lines for the CSV header (the
    method of calibration/build/backcast.py, on the tables' figures)."""
    fig = tables.figures
    text = tables.rows.get("population_2010", ({}, 0))[0]
    groups = province_groups(parent, 2010)
    pop = split_groups_to_single_years(groups, national_single_year(PERIOD_2010))
    total = _number(fig["residents"][0])
    method = [
        f"Start: {parent_en} census 2010 table 1-7 by sex and age group (0, 1-4, 5-year, 100+), "
        f"sources/{POP_BY_PROVINCE}.",
        "Split within each group by the national single-year average population of census 2010 "
        f"table 6-4 (2009-11-01..2010-10-31), same sex (sources/{SINGLE_AGE_TABLE}); group sums "
        "preserved.",
    ]
    pop[list(SEXES)] *= total / pop[list(SEXES)].to_numpy().sum()
    method.append(f"Scaled to the {region['name_en']} 6th-census total {total:,} "
                  f"({fig['residents'][1]}).")
    shares = {k.removeprefix("share_"): round(100 * fig[k][0], 8) for k in SHARES if k in fig}
    ratio = fig["sex_ratio"][0] if "sex_ratio" in fig else None
    whole = int(groups[list(SEXES)].to_numpy().sum())
    if shares:
        targets = broad_group_counts(total, shares)
        basis = f"{text['method']}; " if "method" in text else ""
        listed = "; ".join(f"{k} {v}%" for k, v in shares.items())
        line = (f"Raked (iterative proportional fitting) to the published 2010 broad shares "
                f"{listed} ({basis}60-64 = 60+ minus 65+)")
        if ratio is not None:
            male = total * ratio / (100 + ratio)
            pop = rake(pop, targets, {"male": male, "female": total - male})
            line += (f" and to the sex ratio {_number(ratio)} (male = total x {_number(ratio)} / "
                     f"{100 + ratio:.2f} = {male:,.1f})")
        else:
            pop = rake(pop, targets, None)
        method.append(line + ". The province's shape is kept within each broad group.")
    elif level == "province" and total == whole:
        method.append(f"The whole province (the {parent} rows): no scaling or raking (factor 1).")
    else:
        method.append(text.get("note", f"ASSUMPTION: no {region['name_en']} 2010 age or sex "
                               f"structure in {FIGURES_2010_TABLE}; {parent_en}'s structure is "
                               f"scaled to the {region['name_en']} total."))
    check(abs(pop[list(SEXES)].to_numpy().sum() - total) < 1e-6,
          f"{region['name_en']}: 2010 total not reproduced")
    got = shares_percent(pop)
    for k, v in shares.items():
        check(abs(got[k] - v) <= 1e-6,
              f"{region['name_en']}: 2010 share {k} {got[k]:.6f} vs published {v}")
    return pop, method
