"""The tables `region init` writes: every figure with its unit, where it is published and the
value its fallback would give (sim.inputs.region_kit)."""

from __future__ import annotations

from pathlib import Path

from sim.core.errors import InputError, one_of
from sim.inputs.region_kit.derive import (
    derive_region,
)
from sim.inputs.region_kit.figures import (
    BACKCAST_COLUMNS,
    BACKCAST_TABLE,
    COUNTS,
    FIGURE_COLUMNS,
    FIGURES,
    FIGURES_2010,
    FIGURES_2010_TABLE,
    FIGURES_TABLE,
    HISTORY_KIT_COLUMNS,
    HISTORY_TABLE,
    INPUT_COLUMNS,
    INPUTS_TABLE,
    LEVELS,
    MIGRATION_COLUMNS,
    MIGRATION_TABLE,
    NOT_MODELLED_COLUMNS,
    NOT_MODELLED_TABLE,
    REGION_COLUMNS,
    REGION_KEYS,
    REGION_TABLE,
    TARGET_COLUMNS,
    TARGETS_TABLE,
)
from sim.inputs.region_kit.tables import (
    PROVINCE_EN,
    Kit,
    resolve_parent,
)

#: Residents of the probe region `initial_tables` derives, to show each fallback per 1,000.
_PROBE = 1_000_000
_PER_RESIDENT_UNITS = ("person", "bed", "place", "station", "person/year")


def initial_tables(name: str, level: str, parent: str, lang: str, root: Path
                   ) -> dict[str, list[list[str]]]:
    """The rows (header first) of each table `region init` writes: the figures table lists
    every figure with its unit, where it is usually published and, for an empty value, the
    method and the value it gives (counts per 1,000 residents, since the residents are not
    known yet)."""
    if level not in LEVELS:
        raise InputError(None, "--level", level, one_of(LEVELS), "unknown level")
    area = resolve_parent(parent, root, (None, "--parent"))
    zh = lang == "zh"
    parent_zh, parent_en = area, PROVINCE_EN.get(area, area)
    probe = Kit(name, root / name, {"name_zh": name, "name_en": name, "level": level,
                                    "parent": area}, level, area,
                {"residents": (float(_PROBE), "", 0)}, [], [])
    derived = derive_region(probe, root)
    by_key = {c.key: c for c in derived.coverage}
    tz, te = derived.template_name
    figures = [[c.header for c in FIGURE_COLUMNS]]
    for f in FIGURES:
        c = by_key.get(f.key)
        if f.required:
            method, shown = ("必填" if zh else "required"), ""
        elif c is None and f.key in COUNTS:
            method, shown = ("空着则用上方的年龄占比（公报给出人数时填人数更准）" if zh else
                             "if empty: the shares above (fill the counts when the bulletin gives "
                             "them)"), ""
        elif c is None:
            method, shown = "", ""
        else:
            method = c.method_zh if zh else c.method_en
            if c.value is None:
                shown = ""
            elif f.unit in _PER_RESIDENT_UNITS:
                per = c.value / _PROBE * 1000
                shown = f"{per:.4g} " + ("/千常住人口" if zh else "per 1,000 residents")
            else:
                shown = f"{c.value:.4g}"
        unit = f.unit_zh if zh else ("fraction (0-1)" if f.share else f.unit)
        figures.append([f.key, f.zh if zh else f.en, unit, "", "",
                        f.published_zh if zh else f.published_en, method, shown])
    region = [[c.header for c in REGION_COLUMNS],
              ["name_zh", "", REGION_KEYS["name_zh"][0] if zh else REGION_KEYS["name_zh"][1]],
              ["name_en", name, REGION_KEYS["name_en"][0] if zh else REGION_KEYS["name_en"][1]],
              ["level", level, "city（市）、district（区县）或 province（省）" if zh
               else "city, district or province"],
              ["parent", area, (f"缺省数字取自{tz}的概况（calibration/{derived.template}/）" if zh
                                else f"empty figures come from {te}'s profile "
                                     f"(calibration/{derived.template}/)")],
              ["boundary", "", "数据所用的行政区划（如2021年调整后的边界）" if zh
               else "the boundary your figures describe (e.g. after the 2021 change)"]]
    figures_2010 = [[c.header for c in FIGURE_COLUMNS]]
    for f in FIGURES_2010:
        if f.required:
            method = ("可选：填写后（连同backcast.csv）才有2010-2020年回推" if zh else
                      "optional: with backcast.csv, gives the 2010-2020 backcast")
        else:
            method = (f"空着则用{parent_zh}2010年普查结构按总人口缩放" if zh else
                      f"if empty: {parent_en}'s 2010 census structure scaled to the total")
        unit = f.unit_zh if zh else ("fraction (0-1)" if f.share else f.unit)
        figures_2010.append([f.key, f.zh if zh else f.en, unit, "", "",
                             f.published_zh if zh else f.published_en, method, ""])
    return {
        REGION_TABLE: region,
        FIGURES_TABLE: figures,
        HISTORY_TABLE: [[c.header for c in HISTORY_KIT_COLUMNS]],
        TARGETS_TABLE: [[c.header for c in TARGET_COLUMNS]],
        NOT_MODELLED_TABLE: [[c.header for c in NOT_MODELLED_COLUMNS]],
        INPUTS_TABLE: [[c.header for c in INPUT_COLUMNS]],
        MIGRATION_TABLE: [[c.header for c in MIGRATION_COLUMNS]],
        FIGURES_2010_TABLE: figures_2010,
        BACKCAST_TABLE: [[c.header for c in BACKCAST_COLUMNS]],
    }
