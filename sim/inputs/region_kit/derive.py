"""Deriving a region's profile, population tables and defaults from its tables, filling
what is empty from the parent (sim.inputs.region_kit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.core.errors import MISSING, InputError
from sim.core.paths import PROFILE_FILE
from sim.core.yamlio import read_yaml
from sim.inputs.census import (
    BROAD_GROUPS,
    PERIOD_2020,
    POP_BY_PROVINCE,
    broad_group_counts,
    national_single_year,
    province_groups,
    rake,
    shares_percent,
    split_groups_to_single_years,
    tfr_matching_births,
)
from sim.inputs.keys import BASE_YEAR, KEYS
from sim.inputs.national import admission_rate, fertility_pattern
from sim.inputs.profile_schema import HEALTH_2020_UNITS
from sim.inputs.region_kit.backcast import Backcast2010, derive_backcast
from sim.inputs.region_kit.figures import (
    ABSOLUTE_UNITS,
    BED_TYPES,
    COUNT_RANGE,
    COUNTS,
    FIGURES,
    FIGURES_TABLE,
    INPUTS_TABLE,
    KIT_FOLDER,
    PARENT_SHARE_RANGE,
    SHARES,
)
from sim.inputs.region_kit.tables import (
    PROVINCE_EN,
    Kit,
    template_of,
)
from sim.inputs.tables import SEXES, read_age_csv


@dataclass(frozen=True)
class Covered:
    """One line of the coverage table: how a figure of the region is filled."""

    key: str
    status: str          # supplied | derived | assumed
    value: float | None
    method_zh: str = ""
    method_en: str = ""
    low: float | None = None
    high: float | None = None


@dataclass
class Derived:
    profile: dict
    population: pd.DataFrame
    migration: pd.DataFrame
    coverage: list[Covered]
    template: str
    template_name: tuple[str, str]       # zh, en
    #: population_2010.csv and backcast_2010.yaml, when the tables hold the 2010 figures
    backcast: Backcast2010 | None = None


def _series_map(value: Any, fn: Callable[[float], float]) -> Any:
    """A profile series (number, ramp, table, step) with `fn` applied to every value."""
    if isinstance(value, (int, float)):
        return fn(value)
    if "ramp" in value:
        r = value["ramp"]
        return {"ramp": {**r, "from": fn(r["from"]), "to": fn(r["to"])}}
    kind = next(iter(value))
    return {kind: {y: fn(v) for y, v in value[kind].items()}}


def _first(value: Any) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    if "ramp" in value:
        return float(value["ramp"]["from"])
    kind = next(iter(value))
    return float(value[kind][min(value[kind])])


def _round(x: float, digits: int = 4) -> float:
    return float(f"{x:.{digits}g}") if x else 0.0


def _count(x: float) -> int:
    return int(round(x))


def derive_region(kit: Kit, root: Path) -> Derived:
    """The profile, population and migration tables of the region from its tables and the
    template (its parent's profile, else the nation's), and the coverage of every figure."""
    template = template_of(kit.parent, kit.level, root)
    t = read_yaml(root / template / PROFILE_FILE)
    t_name = (str(t["name_zh"]), str(t["name_en"]))
    tz, te = t_name
    t_res = float(t["census_2020"]["total"]["value"])
    residents = float(kit.value("residents") or 0)
    ratio = residents / t_res
    cov: list[Covered] = []
    name_en = kit.region["name_en"]

    def supplied(key: str) -> None:
        cov.append(Covered(key, "supplied", kit.value(key)))

    # population by age and sex: the builder's method (calibration/build/profiles.py)
    groups = province_groups(kit.parent, BASE_YEAR)
    single = national_single_year(PERIOD_2020)
    pop = split_groups_to_single_years(groups, single)
    census: dict[str, Any] = {"total": _sourced(residents, "person", kit, "residents")}
    male = kit.value("male")
    shares_given = kit.value("share_0_14") is not None
    counts_given = kit.value("count_0_14") is not None
    if counts_given:      # published counts: the exact groups (60-64 = 60+ minus 65+)
        c = {k.removeprefix("count_"): float(kit.value(k) or 0) for k in COUNTS}
        targets = {"0_14": c["0_14"], "15_59": c["15_59"],
                   "60_64": c["60_plus"] - c["65_plus"], "65_plus": c["65_plus"]}
        pop = rake(pop, targets, {"male": male, "female": residents - male} if male else None)
        for k in COUNTS:
            supplied(k)
    elif shares_given:
        # percent to 10 decimals: 100 x 0.1597 is 15.970000000000002, the bulletin's 15.97
        shares = {k.removeprefix("share_"): round(100 * float(kit.value(k) or 0), 10)
                  for k in SHARES}
        targets = broad_group_counts(residents, shares)
        pop = rake(pop, targets, {"male": male, "female": residents - male} if male else None)
    elif male:
        pop[list(SEXES)] *= residents / pop[list(SEXES)].to_numpy().sum()
        pop = rake(pop, {k: float((pop["female"] + pop["male"]).loc[lo:hi].sum())
                         for k, (lo, hi) in BROAD_GROUPS.items()},
                   {"male": male, "female": residents - male})
    else:
        pop[list(SEXES)] *= residents / pop[list(SEXES)].to_numpy().sum()
    pop_shares = shares_percent(pop)
    for k in SHARES:
        if shares_given:
            census[k] = _sourced(round(100 * float(kit.value(k) or 0), 2), "percent", kit, k,
                                 method="the table's fraction x 100")
            supplied(k)
        else:
            v = round(pop_shares[k.removeprefix("share_")], 2)
            lo, hi = (round(v * m, 2) for m in PARENT_SHARE_RANGE)
            census[k] = _assumed(v, "percent", lo, hi, f"census 2020 table 1-5, {kit.parent} rows "
                                 f"(calibration/sources/{POP_BY_PROVINCE})",
                                 f"ASSUMED: {kit.parent}'s census age structure scaled to "
                                 f"{name_en}'s residents; no age shares in the tables. Range "
                                 "x0.8-1.2 (a judgement).")
            parent_en = PROVINCE_EN.get(kit.parent, kit.parent)
            cov.append(Covered(k, "assumed", v / 100, f"{kit.parent}普查年龄结构",
                               f"{parent_en}'s census age structure", lo / 100, hi / 100))
    if male:
        census["male"] = _sourced(male, "person", kit, "male")
        supplied("male")
    else:
        m = float(pop["male"].sum())
        cov.append(Covered("male", "assumed", m, f"{kit.parent}各年龄性别比",
                           f"{PROVINCE_EN.get(kit.parent, kit.parent)}'s sex ratio at each age"))
    supplied("residents")

    # hukou
    t_huk = float(t["hukou_population_2020"]["value"])
    if kit.value("hukou") is not None:
        hukou = _sourced(kit.value("hukou"), "person", kit, "hukou")
        supplied("hukou")
    else:
        v = _count(residents * t_huk / t_res)
        lo, hi = (_count(v * m) for m in PARENT_SHARE_RANGE)
        hukou = _assumed(v, "person", lo, hi, f"{te} profile (calibration/{template}/)",
                         f"ASSUMED: residents x {te}'s hukou/residents ratio "
                         f"{t_huk / t_res:.3f}; range x0.8-1.2 (a judgement).")
        cov.append(Covered("hukou", "assumed", v, f"常住人口×{tz}户籍/常住之比{t_huk / t_res:.3f}",
                           f"residents x {te}'s hukou/resident ratio {t_huk / t_res:.3f}", lo, hi))
    hukou_value = float(hukou["value"])

    health, hcov = _health(kit, t, template, residents, ratio)
    cov += hcov
    common = root if (root / "common").is_dir() else None
    defaults, dcov = _defaults(kit, t, template, residents, ratio, hukou_value / t_huk, pop,
                               fertility_pattern(common), health, common)
    cov += dcov
    if kit.migration is not None:
        rows = kit.migration[1]
        migration = pd.DataFrame({"age": np.array([r[0] for r in rows], dtype=int),
                                  "female": np.array([r[1] for r in rows]),
                                  "male": np.array([r[2] for r in rows])})
    else:
        mig = read_age_csv(root / template / str(t["files"]["migration_profile"]),
                           ("age", "female", "male"))
        migration = pd.DataFrame({"age": np.arange(len(mig)),
                                  **{s: mig[:, j] for j, s in enumerate(SEXES)}})
    profile = {
        "region": kit.name, "name_en": name_en, "name_zh": kit.region["name_zh"],
        "base_year": BASE_YEAR,
        "files": {"population": "population_2020.csv",
                  "migration_profile": "migration_profile.csv"},
        "census_2020": census, "hukou_population_2020": hukou, "health_2020": health,
        "defaults": defaults,
    }
    _apply_inputs(kit, profile, cov)
    pop["age"] = pop["age"].astype(int)
    order = [f.key for f in FIGURES]
    cov.sort(key=lambda c: order.index(c.key) if c.key in order else len(order))
    backcast = (None if kit.backcast is None else
                derive_backcast(kit.name, kit.region, kit.level, kit.parent,
                                PROVINCE_EN[kit.parent], kit.backcast, profile))
    return Derived(profile, pop, migration, cov, template, t_name, backcast)


#: The profile entry behind a figure of figures_2020.csv (for the coverage of inputs.csv rows).
_FIGURE_ENTRY = {"residents": "census_2020.total", "male": "census_2020.male",
                 **{k: f"census_2020.{k}" for k in SHARES},
                 "hukou": "hukou_population_2020", "cbr": "defaults.population.tfr",
                 "life_expectancy": "defaults.population.life_expectancy",
                 "net_migration": "defaults.population.net_migration",
                 "hukou_net_transfers": "defaults.population.hukou_net_transfers",
                 "sex_ratio_at_birth": "defaults.population.sex_ratio_at_birth",
                 **{k: f"health_2020.{k}" for k in HEALTH_2020_UNITS}}
#: The fields of a profile entry in the order profile.yaml writes them.
_ENTRY_ORDER = ("value", "unit", "basis", "source", "method", "assumption", "low", "high", "note",
                "distribution")


#: Characters of an inputs.csv method the coverage table shows.
_SHORT = 60


def _apply_inputs(kit: Kit, profile: dict, cov: list[Covered]) -> None:
    """inputs.csv: each row replaces the profile entry at its path (keeping the derived value
    when the row's value is empty); the coverage of the figure behind it says so."""
    for path, (entry, row) in kit.inputs.items():
        section, _, key = path.partition(".")
        holder = profile[section] if key else profile
        name = key or section
        new = {**entry}
        if "value" not in new:
            if name not in holder:
                raise InputError(kit.folder / KIT_FOLDER / INPUTS_TABLE, f"row {row}",
                                 MISSING, "a value (the tables give none for this entry)",
                                 f"{path}: nothing to keep")
            new["value"] = holder[name]["value"]
        holder[name] = {f: new[f] for f in _ENTRY_ORDER if f in new}
    where = f"{INPUTS_TABLE} row"
    for i, c in enumerate(cov):
        entry_path = _FIGURE_ENTRY.get(c.key)
        if entry_path is None or entry_path not in kit.inputs or c.status == "supplied":
            continue
        entry, row = kit.inputs[entry_path]
        q = _lookup(profile, entry_path)
        value: float | None = _first(q["value"])
        if entry_path == "defaults.population.tfr" and c.key == "cbr":
            value = None      # the coverage shows a CBR; the entry is a TFR path
        status = "assumed" if q.get("assumption") else "supplied"
        method = str(q.get("method", "")) if q.get("method") else ""
        if len(method) > _SHORT:      # the table shows the start; profile.yaml has it whole
            method = method[:_SHORT - 1].rstrip() + "…"
        cov[i] = Covered(c.key, "derived" if status == "assumed" and method and "value" in entry
                         else status, value, f"{where}{row}：{method}".rstrip("："),
                         f"{where} {row}: {method}".rstrip(": "), q.get("low"), q.get("high"))
    defaults_set = sum(1 for p in kit.inputs if p.startswith("defaults."))
    if defaults_set:
        for i, c in enumerate(cov):
            if c.key == "other_defaults" and defaults_set >= len(KEYS):
                cov[i] = Covered(c.key, "supplied", None, f"全部{len(KEYS)}个情景键默认值取自"
                                 f"{INPUTS_TABLE}", f"all {len(KEYS)} scenario-key defaults "
                                 f"set in {INPUTS_TABLE}")
            elif c.key == "other_defaults":
                cov[i] = Covered(c.key, c.status, c.value, c.method_zh +
                                 f"；其中{defaults_set}个取自{INPUTS_TABLE}",
                                 c.method_en + f"; {defaults_set} set in {INPUTS_TABLE}")


def _lookup(profile: dict, path: str) -> dict:
    section, _, key = path.partition(".")
    return profile[section][key] if key else profile[section]


def _sourced(value: Any, unit: str, kit: Kit, key: str, method: str | None = None) -> dict:
    q: dict[str, Any] = {"value": _plain(value), "unit": unit,
                         "source": f"{kit.figures[key][1]} (calibration/{kit.name}/{KIT_FOLDER}/"
                                   f"{FIGURES_TABLE} row {kit.figures[key][2]})"}
    if method:
        q["method"] = method
    return q


def _assumed(value: Any, unit: str, low: float, high: float, source: str | None, note: str,
             method: str | None = None, distribution: str = "triangular") -> dict:
    q: dict[str, Any] = {"value": _plain(value), "unit": unit}
    if source:
        q["source"] = source
        if method:
            q["method"] = method
    q.update(assumption=True, low=_plain(low), high=_plain(high), note=note,
             distribution=distribution)
    return q


def _plain(x: Any) -> Any:
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        f = float(x)
        return int(f) if f.is_integer() and abs(f) < 1e15 else f
    return x


def _health(kit: Kit, t: dict, template: str, residents: float, ratio: float
            ) -> tuple[dict, list[Covered]]:
    th = t["health_2020"]
    tz, te = str(t["name_zh"]), str(t["name_en"])
    src = f"{te} profile health_2020 (calibration/{template}/{PROFILE_FILE})"
    out: dict[str, dict] = {}
    cov: list[Covered] = []
    lo_m, hi_m = COUNT_RANGE

    def count(key: str, value: float, zh: str, en: str, status: str = "assumed") -> None:
        v = _count(value)
        lo, hi = _count(v * lo_m), _count(v * hi_m)
        out[key] = _assumed(v, HEALTH_2020_UNITS[key], lo, hi, src,
                            f"{'DERIVED' if status == 'derived' else 'ASSUMED'}: {en}. Range "
                            "x0.7-1.4 (a judgement: the profile build's range of an assumed "
                            "split).",
                            method=en)
        cov.append(Covered(key, status, v, zh, en, lo, hi))

    def per_resident(key: str) -> None:
        per = float(th[key]["value"]) / float(t["census_2020"]["total"]["value"]) * 1000
        count(key, per * residents / 1000, f"{tz}每千人{per:.3g}×常住人口",
              f"{te}'s {per:.3g} per 1,000 residents x the residents")

    # beds
    total = kit.value("beds_total")
    t_types = {k: float(th[k]["value"]) for k in BED_TYPES}
    if total is not None:
        cov.append(Covered("beds_total", "supplied", total))
    else:
        per = sum(t_types.values()) / float(t["census_2020"]["total"]["value"]) * 1000
        cov.append(Covered("beds_total", "assumed", _count(per * residents / 1000),
                           f"{tz}每千人{per:.3g}张×常住人口",
                           f"{te}'s {per:.3g} per 1,000 residents x the residents"))
    given = {k: float(kit.value(k) or 0) for k in BED_TYPES if kit.value(k) is not None}
    rest = [k for k in BED_TYPES if k not in given]
    rest_total = sum(t_types[k] for k in rest) or 1.0
    for k in BED_TYPES:
        if k in given:
            out[k] = _sourced(given[k], "bed", kit, k)
            cov.append(Covered(k, "supplied", given[k]))
        elif total is not None:
            share = t_types[k] / rest_total
            left = max(0.0, total - sum(given.values()))
            count(k, left * share, f"床位总数（余额）×{tz}该类占比{share:.1%}",
                  f"your total beds (what the given types leave) x {te}'s share of this type "
                  f"{share:.1%}", "derived")
        else:
            per_resident(k)
    # staff: GPs and nurses in proportion to doctors (as the province build does for nurses)
    if kit.value("doctors") is not None:
        out["doctors"] = _sourced(kit.value("doctors"), "person", kit, "doctors")
        cov.append(Covered("doctors", "supplied", kit.value("doctors")))
        status = "derived"
    else:
        per_resident("doctors")
        status = "assumed"
    doctors = float(out["doctors"]["value"])
    for k in ("gps", "nurses"):
        if kit.value(k) is not None:
            out[k] = _sourced(kit.value(k), "person", kit, k)
            cov.append(Covered(k, "supplied", kit.value(k)))
        else:
            per = float(th[k]["value"]) / float(th["doctors"]["value"])
            staff = "全科医生" if k == "gps" else "护士"
            count(k, doctors * per, f"医师数×{tz}{staff}/医师之比{per:.3f}",
                  f"doctors x {te}'s {k}/doctor ratio {per:.3f}", status)
    # shares: the parent's; a managed share in proportion to the region's aware share
    for k, unit in HEALTH_2020_UNITS.items():
        if k in out:
            continue
        if kit.value(k) is not None:
            out[k] = _sourced(kit.value(k), unit, kit, k)
            cov.append(Covered(k, "supplied", kit.value(k)))
            continue
        if unit != "1":
            per_resident(k)
            continue
        q = th[k]
        aware = k.replace("managed_share", "aware_share")
        if k.endswith("managed_share") and kit.value(aware) is not None:
            r = float(q["value"]) / float(th[aware]["value"])
            v = round(float(kit.value(aware) or 0) * r, 4)
            lo, hi = round(v * COUNT_RANGE[0], 4), round(min(v * COUNT_RANGE[1], 1.0), 4)
            out[k] = _assumed(v, unit, lo, hi, src, f"DERIVED: your aware share x {te}'s "
                              f"managed/aware ratio {r:.3f}; range x0.7-1.4 (a judgement).",
                              method=f"aware share x {r:.3f}")
            cov.append(Covered(k, "derived", v, f"知晓率×{tz}管理/知晓之比{r:.3f}",
                               f"your aware share x {te}'s managed/aware ratio {r:.3f}", lo, hi))
            continue
        entry = _copy(q, note=f"ASSUMED for {kit.region['name_en']}: {te}'s value. ")
        out[k] = entry
        cov.append(Covered(k, "assumed", float(entry["value"]), f"{tz}的值", f"{te}'s value",
                           entry.get("low"), entry.get("high")))
    return {k: out[k] for k in HEALTH_2020_UNITS}, cov


def _copy(q: dict, note: str, fn: Callable[[float], float] | None = None, basis: bool = False
          ) -> dict:
    """A template quantity for the new region: values (and range) through `fn`, an assumption
    whose note says so; a lever's basis becomes assumption (the parent's pace, not the
    region's observation)."""
    out: dict[str, Any] = {"value": _series_map(q["value"], fn) if fn else q["value"],
                           "unit": q["unit"]}
    if basis:
        out["basis"] = "assumption"
    if q.get("source"):
        out["source"] = q["source"]
        if q.get("method"):
            out["method"] = q["method"]
    low, high = q.get("low"), q.get("high")
    if fn and low is not None:
        low, high = sorted((fn(float(low)), fn(float(high or 0))))
    if low is None:
        v = _first(out["value"])
        low, high = sorted((v * COUNT_RANGE[0], v * COUNT_RANGE[1]))
    out.update(assumption=True, low=_plain(low), high=_plain(high),
               note=note + str(q.get("note", "")).strip(),
               distribution=q.get("distribution", "uniform"))
    return out


def _defaults(kit: Kit, t: dict, template: str, residents: float, ratio: float,
              hukou_ratio: float, pop: pd.DataFrame, pattern, health: dict,
              calibration: Path | None) -> tuple[dict, list[Covered]]:
    td = t["defaults"]
    tz, te = str(t["name_zh"]), str(t["name_en"])
    name = kit.region["name_en"]
    out: dict[str, dict] = {}
    cov: list[Covered] = []
    # TFR: your CBR gives the 2020 level (the builder's method); the parent's path after it
    q = td["population.tfr"]
    t_tfr = _first(q["value"])
    cbr = kit.value("cbr")
    if cbr is not None:
        frame = pd.DataFrame({"share": np.asarray(pattern.values, dtype=float)})
        tfr = tfr_matching_births(pop, frame, cbr, residents)
        f = tfr / t_tfr
        out["population.tfr"] = _copy(q, f"DERIVED: TFR 2020 = {tfr:.4f} from {name}'s CBR "
                                         f"{cbr:g} per mille (model births in 2020 = CBR x "
                                         f"residents, the profile build's method); {te}'s path "
                                         f"after 2020 scaled by {f:.4f}. ",
                                      lambda v: round(v * f, 4))
        out["population.tfr"]["source"] = _sourced(cbr, "", kit, "cbr")["source"]
        out["population.tfr"].pop("method", None)
        cov.append(Covered("cbr", "supplied", cbr))
    else:
        out["population.tfr"] = _copy(q, f"ASSUMED for {name}: {te}'s TFR path. ")
        cov.append(Covered("cbr", "assumed", None, f"{tz}生育率路径（2020年TFR {t_tfr:.3g}）",
                           f"{te}'s TFR path (2020: {t_tfr:.3g})", q.get("low"), q.get("high")))
    q = td["population.life_expectancy"]
    t_e0 = _first(q["value"])
    e0 = kit.value("life_expectancy")
    if e0 is not None:
        d = e0 - t_e0
        out["population.life_expectancy"] = _copy(
            q, f"DERIVED: {name}'s 2020 level {e0:g}, {te}'s pace after ({d:+.2f} years on its "
               "path and range). ", lambda v: round(v + d, 2))
        out["population.life_expectancy"]["source"] = _sourced(e0, "", kit,
                                                               "life_expectancy")["source"]
        out["population.life_expectancy"].pop("method", None)
        cov.append(Covered("life_expectancy", "supplied", e0))
    else:
        out["population.life_expectancy"] = _copy(q, f"ASSUMED for {name}: {te}'s path. ")
        cov.append(Covered("life_expectancy", "assumed", t_e0, f"{tz}的路径", f"{te}'s path",
                           q.get("low"), q.get("high")))
    for key, fig, scale, zh_base, en_base in (
            ("population.net_migration", "net_migration", ratio, "常住人口", "residents"),
            ("population.hukou_net_transfers", "hukou_net_transfers", hukou_ratio, "户籍人口",
             "hukou population")):
        q = td[key]
        mine = kit.value(fig)
        if mine is not None:
            lo, hi = sorted((float(q["low"]) * scale, float(q["high"]) * scale))
            lo, hi = min(lo, mine - 0.5 * abs(mine)), max(hi, mine + 0.5 * abs(mine))
            out[key] = _assumed(_count(mine), q["unit"], _count(lo), _count(hi),
                                _sourced(mine, "", kit, fig)["source"],
                                f"SUPPLIED, held constant; range: {te}'s per resident, widened to "
                                "+-50% of the value (a judgement), for the fit and uncertainty.")
            cov.append(Covered(fig, "supplied", mine))
        else:
            def times(v: float, s: float = scale) -> float:
                return _count(v * s)

            out[key] = _copy(q, f"ASSUMED for {name}: {te}'s value x the {en_base} ratio "
                                f"{scale:.4f}. ", times)
            v = _first(out[key]["value"])
            cov.append(Covered(fig, "assumed", v, f"{tz}人均×{zh_base}",
                               f"{te}'s per head x the {en_base}", out[key]["low"],
                               out[key]["high"]))
    q = td["population.sex_ratio_at_birth"]
    srb = kit.value("sex_ratio_at_birth")
    if srb is not None:
        out["population.sex_ratio_at_birth"] = _assumed(
            srb, q["unit"], min(srb, float(q["low"])), max(srb, float(q["high"])),
            _sourced(srb, "", kit, "sex_ratio_at_birth")["source"],
            f"SUPPLIED; range {te}'s, widened to include the value.")
        cov.append(Covered("sex_ratio_at_birth", "supplied", srb))
    else:
        out["population.sex_ratio_at_birth"] = _copy(q, f"ASSUMED for {name}: {te}'s value. ")
        cov.append(Covered("sex_ratio_at_birth", "assumed", float(q["value"]), f"{tz}的值",
                           f"{te}'s value", q.get("low"), q.get("high")))
    scaled = 0
    starts = _staffing_levels(health, residents)
    for key, spec in KEYS.items():
        if key in out:
            continue
        q = td[key]
        lever = spec.kind == "lever"
        if key in STAFFING_LEVERS:
            # a staffing standard continues from the region's own 2020 level at the parent's
            # pace (the profile build's lever: the 2020 level plus the observed yearly change)
            d = starts[key] - _first(q["value"])

            def moved(v: float, d: float = d) -> float:
                return round(v + d, 4)

            out[key] = _copy(q, f"ASSUMED for {name}: {te}'s path moved by {d:+.4f} to start "
                                f"from {name}'s own 2020 level {starts[key]:.4f}. ", moved,
                             basis=lever)
        elif spec.unit in ABSOLUTE_UNITS:
            scaled += 1
            stock = STOCK_PACES.get(key, ())
            mine = sum(float(health[k]["value"]) for k in stock)
            theirs = sum(float(t["health_2020"][k]["value"]) for k in stock)
            f, per = ((mine / theirs, f"the ratio of the 2020 stocks ({' + '.join(stock)})")
                      if theirs > 0 else (ratio, "the residents ratio (per resident)"))

            def times_f(v: float, f: float = f) -> float:
                return _count(v * f)

            out[key] = _copy(q, f"ASSUMED for {name}: {te}'s value x {per} {f:.4f}. ", times_f,
                             basis=lever)
        else:
            out[key] = _copy(q, f"ASSUMED for {name}: {te}'s value. ", basis=lever)
        if spec.low is not None:
            for which in ("low", "high"):
                out[key][which] = _plain(min(max(float(out[key][which]), spec.low), spec.high))
    _admission_scale(out, td, health, pop, kit, te, calibration)
    cov.append(Covered("other_defaults", "assumed", None,
                       f"其余{len(KEYS) - 5}个情景键默认值：{tz}的值"
                       f"（其中{scaled}个年增量按存量或常住人口之比缩放）",
                       f"the other {len(KEYS) - 5} scenario-key defaults: {te}'s ({scaled} yearly "
                       "amounts scaled by the stocks' or the residents' ratio)"))
    return {k: out[k] for k in KEYS}, cov


#: Yearly amounts the profile build computes from a stock (its growth plus replacement): the
#: parent's scaled by the region's stock over the parent's; the other yearly amounts (a pace per
#: resident) by the residents ratio.
STOCK_PACES = {"beds.nursing_construction": ("beds_primary_nursing",),
               "beds.primary_general_construction": ("beds_primary_general",),
               "beds.rehabilitation_construction": ("beds_hospital_rehabilitation",),
               "beds.nursing_home_construction": ("beds_nursing_home",),
               "workforce.hiring_budget": ("doctors", "nurses")}
def _admission_scale(out: dict, td: dict, health: dict, pop: pd.DataFrame, kit: Kit, te: str,
                     calibration: Path | None) -> None:
    """beds.admission_rate_scale by the profile build's method (calibration/build/health/
    beds.py): the 2020 scale that makes the model's 2020 occupancy equal occupancy_hospital on
    the region's acute beds and age structure, then the parent's path relative to its 2020
    value."""
    key = "beds.admission_rate_scale"
    rate = admission_rate(calibration)
    admissions = float(sum((rate.sel(sex=s).values * pop[s].to_numpy()).sum() for s in SEXES))
    acute = float(health["beds_hospital_general"]["value"]) + float(
        health["beds_hospital_tcm"]["value"])
    occupancy = float(health["occupancy_hospital"]["value"])
    stay = min(_first(out["beds.average_length_of_stay"]["value"]),
               _first(out["beds.length_of_stay_cap"]["value"]))
    scale = occupancy * acute * 365 / (stay * admissions)
    q = td[key]
    f = scale / _first(q["value"])

    def times(v: float, f: float = f) -> float:
        return round(v * f, 4)

    out[key] = _copy(q, f"DERIVED for {kit.region['name_en']}: 2020 scale = occupancy x acute "
                        f"beds x 365 / (length of stay x national-pattern admissions) = "
                        f"{occupancy:g} x {acute:,.0f} x 365 / ({stay:g} x {admissions:,.0f}) = "
                        f"{scale:.4f}, so that the model's 2020 occupancy equals "
                        f"occupancy_hospital (the profile build's method); {te}'s path after, "
                        f"x {f:.4f}. ", times)
    spec = KEYS[key]
    for which in ("low", "high"):
        out[key][which] = _plain(min(max(float(out[key][which]), spec.low), spec.high))


#: Levers that are a staffing level (the 2020 level plus a pace): moved to start from the region's
#: own 2020 level.
STAFFING_LEVERS = ("workforce.doctors_per_1000_target", "workforce.nurses_per_bed_standard")


def _staffing_levels(health: dict, residents: float) -> dict[str, float]:
    """Doctors per 1,000 residents and nurses per bed (all beds) of a health_2020 section."""
    beds = sum(float(q["value"]) for k, q in health.items() if k.startswith("beds_"))
    return {"workforce.doctors_per_1000_target": float(health["doctors"]["value"]) / residents
            * 1000,
            "workforce.nurses_per_bed_standard": float(health["nurses"]["value"]) / beds}
