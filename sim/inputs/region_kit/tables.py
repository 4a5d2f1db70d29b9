"""Reading the fill-in tables: one-line errors naming file, row and column
(sim.inputs.region_kit)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sim.core.errors import MISSING, InputError, Verbatim, did_you_mean, one_of
from sim.core.paths import PROFILE_FILE
from sim.core.yamlio import read_yaml
from sim.inputs.census import (
    POP_BY_PROVINCE,
    read_source,
)
from sim.inputs.history import FIRST_YEAR, LAST_YEAR
from sim.inputs.keys import BASE_YEAR, KEYS, MAX_END_YEAR
from sim.inputs.profile_schema import HEALTH_2020_UNITS
from sim.inputs.region_kit.figures import (
    BACKCAST_COLUMNS,
    BACKCAST_ROWS,
    BACKCAST_TABLE,
    BED_TYPES,
    BY_KEY,
    BY_KEY_2010,
    COUNTS,
    FIGURE_COLUMNS,
    FIGURES_2010_TABLE,
    FIGURES_TABLE,
    HISTORY_KIT_COLUMNS,
    HISTORY_TABLE,
    INPUT_COLUMNS,
    INPUTS_TABLE,
    KIT_FOLDER,
    LEVELS,
    MIGRATION_COLUMNS,
    MIGRATION_TABLE,
    NATIONAL_TEMPLATE,
    NOT_MODELLED_COLUMNS,
    NOT_MODELLED_TABLE,
    REGION_COLUMNS,
    REGION_KEYS,
    REGION_TABLE,
    SHARES,
    TARGET_COLUMNS,
    TARGETS_TABLE,
    Column,
    Figure,
)


@dataclass(frozen=True)
class Row:
    """A data row of a table: its row number as a spreadsheet shows it (header = 1) and cells."""

    number: int
    cells: dict[str, str]
    columns: tuple[Column, ...] = ()


@dataclass
class Kit:
    """The tables of one region, read and checked."""

    name: str
    folder: Path
    region: dict[str, str]
    level: str
    parent: str                       # the census area (浙江)
    figures: dict[str, tuple[float, str, int]]   # key -> (value, source, row number)
    history: list[Row]
    targets: list[Row]
    target_rows: list[dict] = field(default_factory=list)   # as written to targets.yaml
    not_modelled: list[dict] = field(default_factory=list)  # targets.yaml's not_modelled:
    #: inputs.csv: profile path (census_2020.total, health_2020.doctors, defaults.<key>) ->
    #: (the entry's fields as written to profile.yaml, `value` absent when the cell is empty;
    #: row number)
    inputs: dict[str, tuple[dict, int]] = field(default_factory=dict)
    #: migration_profile.csv: (its '#' comment lines, rows of age, female, male) or None
    migration: tuple[list[str], list[tuple[int, float, float]]] | None = None
    #: which optional tables exist (history.csv, targets.csv): an absent one leaves the
    #: region folder's own file (history.csv in the loader's format, targets.yaml) as it is
    has_history_table: bool = True
    has_targets_table: bool = True
    #: figures_2010.csv and backcast.csv, or None (no backcast)
    backcast: BackcastTables | None = None

    def value(self, key: str) -> float | None:
        got = self.figures.get(key)
        return None if got is None else got[0]


def kit_tables(folder: Path) -> Path:
    return folder / KIT_FOLDER


def _read_table(path: Path, columns: tuple[Column, ...], comments: bool = False) -> list[Row]:
    """Rows of a kit table; the header's English ids (last word of each cell) are matched.
    `comments`: lines starting with '#' (before the header) are skipped."""
    if not path.is_file():
        raise InputError(path, "(file)", MISSING, "the table written by `python -m sim region "
                         "init`", "file not found")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK (GB18030 contains it)
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(path, f"byte {error.start}", Verbatim("bytes neither UTF-8 nor GBK"),
                             "UTF-8 text (Excel: Save As, CSV UTF-8)", "unreadable text") from None
    lines = list(csv.reader(io.StringIO(text)))
    if comments:
        lines = [line for line in lines if not (line and line[0].startswith("#"))]
    if not lines:
        raise InputError(path, "row 1 (header)", MISSING, ", ".join(c.header for c in columns),
                         "no header row")
    ids = [cell.strip().split()[-1].lower() if cell.strip() else "" for cell in lines[0]]
    for column in columns:
        if column.required and column.id not in ids:
            raise InputError(path, "row 1 (header)", Verbatim(",".join(lines[0])),
                             f"a column {column.header!r}", f"missing required column "
                             f"{column.id!r}")
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append(Row(number, {ids[i]: cells[i].strip() for i in range(min(len(ids),
                                                                                len(cells)))
                                 if ids[i]}, columns))
    return rows


def _cell_where(row: Row, column: Column | str) -> str:
    """'row N, column 数值 value': where a cell is, as a spreadsheet shows it."""
    col = column if isinstance(column, Column) else next(
        (c for c in row.columns if c.id == column), None)
    return f"row {row.number}, column {col.header if col else column}"


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _number(path: Path, row: Row, column: str, allowed: str) -> float:
    raw = row.cells.get(column, "")
    text = raw.replace(",", "").replace("，", "")
    if not _NUMBER.fullmatch(text):
        hint = " (write shares as fractions, 0.65 not 65%)" if "%" in raw else ""
        raise InputError(path, _cell_where(row, column), raw, allowed, "not a number" + hint)
    return float(text)


def census_areas() -> list[str]:
    """The areas of the census table (31 provinces and 全国)."""
    return sorted(set(read_source(POP_BY_PROVINCE)["area"]))


#: English (pinyin) names of the census areas, for English text and an English --parent.
PROVINCE_EN = {"北京": "Beijing", "天津": "Tianjin", "河北": "Hebei", "山西": "Shanxi",
               "内蒙古": "Inner Mongolia", "辽宁": "Liaoning", "吉林": "Jilin",
               "黑龙江": "Heilongjiang", "上海": "Shanghai", "江苏": "Jiangsu", "浙江": "Zhejiang",
               "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong",
               "河南": "Henan", "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong",
               "广西": "Guangxi", "海南": "Hainan", "重庆": "Chongqing", "四川": "Sichuan",
               "贵州": "Guizhou", "云南": "Yunnan", "西藏": "Tibet", "陕西": "Shaanxi",
               "甘肃": "Gansu", "青海": "Qinghai", "宁夏": "Ningxia", "新疆": "Xinjiang"}
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")


def _area_name(text: str) -> str:
    text = "".join(text.split())
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[:-len(suffix)]
    return text


def _profiles(root: Path) -> dict[str, dict]:
    out = {}
    if root.is_dir():
        for folder in sorted(p for p in root.iterdir() if (p / PROFILE_FILE).is_file()):
            try:
                out[folder.name] = read_yaml(folder / PROFILE_FILE)
            except Exception:  # noqa: BLE001 - a damaged profile is reported when loaded
                continue
    return out


def resolve_parent(text: str, root: Path, where: tuple[Path | None, str]) -> str:
    """The census area of a parent province given as 浙江, 浙江省 or Zhejiang (the English name
    of a built region); `InputError` at `where` (file, location) when unknown."""
    areas = census_areas()
    name = _area_name(text)
    by_en = {en.casefold(): zh for zh, en in PROVINCE_EN.items()}
    name = by_en.get(name.casefold(), name)
    if name in areas and name != "全国":
        return name
    for profile in _profiles(root).values():
        if str(profile.get("name_en", "")).casefold() == text.strip().casefold():
            candidate = _area_name(str(profile.get("name_zh", "")))
            if candidate in areas and candidate != "全国":
                return candidate
    provinces = [a for a in areas if a != "全国"]
    raise InputError(where[0], where[1], text, "a province of the 2020 census: " +
                     "、".join(provinces), "unknown parent province" +
                     did_you_mean(name, provinces))


def template_of(parent: str, level: str, root: Path) -> str:
    """The region whose profile stands in for the parent's figures: the province's own profile
    (not for a province as a region), else the nation's."""
    if level != "province":
        for folder, profile in _profiles(root).items():
            zh = _area_name(str(profile.get("name_zh", "")))
            if folder != NATIONAL_TEMPLATE and zh == parent:
                return folder
    if not (root / NATIONAL_TEMPLATE / PROFILE_FILE).is_file():
        raise InputError(root / NATIONAL_TEMPLATE / PROFILE_FILE, "(file)", MISSING,
                         "the nation's profile, whose figures stand in for those of a parent "
                         "province without a profile", "file not found")
    return NATIONAL_TEMPLATE


def read_kit(name: str, root: Path, indicators: Mapping[str, str]) -> Kit:
    """Read and check the tables of region `name` under calibration root `root`. `indicators`:
    the results variables a target may name, with their units ("1" for a share), from
    sim.model.outputs (passed in: this layer sits below the model). Raises `InputError` at the
    first problem, naming file, row and column."""
    folder = root / name
    tables = kit_tables(folder)
    if not tables.is_dir():
        raise InputError(tables, "(folder)", MISSING, f"the tables of `python -m sim region init "
                         f"{name}`", "no fill-in tables for this region")
    region, level, parent = _read_region(tables / REGION_TABLE, root)
    figures = _read_figures(tables / FIGURES_TABLE)
    has_history = (tables / HISTORY_TABLE).is_file() or not (folder / HISTORY_TABLE).is_file()
    history = _read_history(tables / HISTORY_TABLE) if has_history else []
    has_targets = (tables / TARGETS_TABLE).is_file() or not (folder / "targets.yaml").is_file()
    targets, target_rows = (_read_targets(tables / TARGETS_TABLE, name, indicators)
                            if has_targets else ([], _kept_targets(folder)))
    seen = {row["id"]: row for row in target_rows}
    not_modelled = (_read_not_modelled(tables / NOT_MODELLED_TABLE, seen)
                    if (tables / NOT_MODELLED_TABLE).is_file() else [])
    inputs = (_read_inputs(tables / INPUTS_TABLE, indicators)
              if (tables / INPUTS_TABLE).is_file() else {})
    migration = (_read_migration(tables / MIGRATION_TABLE)
                 if (tables / MIGRATION_TABLE).is_file() else None)
    if migration is not None and not migration[1]:
        migration = None
    return Kit(name, folder, region, level, parent, figures, history, targets, target_rows,
               not_modelled, inputs, migration, has_history, has_targets,
               read_backcast_tables(tables))


def _kept_targets(folder: Path) -> list[dict]:
    """The targets of the region's own targets.yaml (no targets table): for the coverage table
    only; the file itself is kept as it is and checked by its loader."""
    raw = read_yaml(folder / "targets.yaml") or {}
    rows = raw.get("targets") if isinstance(raw, dict) else None
    return [dict(row) for row in rows or [] if isinstance(row, dict)]


def kept_history_rows(folder: Path) -> int:
    """Observations in the region's own history.csv (no history table): its data lines."""
    path = folder / HISTORY_TABLE
    if not path.is_file():
        return 0
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return max(0, len(lines) - 1)


def input_paths() -> dict[str, str]:
    """The profile entries inputs.csv may set, with their units."""
    out = {"census_2020.total": "person", "census_2020.male": "person",
           **{f"census_2020.{k}": "percent" for k in SHARES},
           "hukou_population_2020": "person"}
    out.update({f"health_2020.{k}": u for k, u in HEALTH_2020_UNITS.items()})
    out.update({f"defaults.{k}": spec.unit for k, spec in KEYS.items()})
    return out


_DISTRIBUTIONS = ("uniform", "triangular")
_BASES = ("observed", "assumption")


def _scalar(path: Path, row: Row, column: str, series: bool) -> Any:
    """A number (int or float as written) or, for `value`, a series in flow style."""
    raw = row.cells.get(column, "")
    try:
        got = yaml.safe_load(raw)
    except yaml.YAMLError:
        got = raw
    if isinstance(got, bool) or not (isinstance(got, (int, float)) or (
            series and isinstance(got, dict) and len(got) == 1)):
        raise InputError(path, _cell_where(row, column), raw, "a number" + (
            " or a series such as {ramp: {from: 1.0, to: 1.1, start: 2020, end: 2025}}"
            if series else ""), "not a number")
    return got


def _keyed_rows(path: Path, rows: list[Row], known: Collection[str], noun: str,
                allowed: str) -> Iterator[tuple[str, Row]]:
    """Each row's key and row, in order, when every key is one of `known` and none repeats;
    else a one-line `InputError` naming the row ("unknown figure", "duplicate row")."""
    first: dict[str, int] = {}
    for row in rows:
        key = row.cells.get("key", "")
        if key not in known:
            raise InputError(path, _cell_where(row, "key"), key, allowed,
                             f"unknown {noun}" + did_you_mean(key, known))
        if key in first:
            raise InputError(path, _cell_where(row, "key"), key, f"each {noun} once",
                             f"duplicate row (first on row {first[key]})")
        first[key] = row.number
        yield key, row


def _read_inputs(path: Path, indicators: Mapping[str, str]) -> dict[str, tuple[dict, int]]:
    del indicators
    known = input_paths()
    out: dict[str, tuple[dict, int]] = {}
    for key, row in _keyed_rows(path, _read_table(path, INPUT_COLUMNS), known, "input",
                                "a profile entry such as census_2020.total, "
                                "health_2020.doctors or defaults.<scenario key>"):
        unit = row.cells.get("unit", "")
        if unit != known[key]:
            raise InputError(path, _cell_where(row, "unit"), unit, repr(known[key]),
                             "wrong unit")
        entry: dict[str, Any] = {}
        if row.cells.get("value", ""):
            entry["value"] = _scalar(path, row, "value", series=True)
        entry["unit"] = unit
        basis = row.cells.get("basis", "")
        if basis:
            if basis not in _BASES:
                raise InputError(path, _cell_where(row, "basis"), basis, one_of(_BASES),
                                 "unknown basis")
            entry["basis"] = basis
        for text in ("source", "method"):
            if row.cells.get(text, ""):
                entry[text] = row.cells[text]
        low, high = row.cells.get("low", ""), row.cells.get("high", "")
        if bool(low) != bool(high):
            raise InputError(path, _cell_where(row, "high" if low else "low"), MISSING,
                             "low and high both (a range) or neither", "half a range")
        if low:
            lo, hi = _scalar(path, row, "low", False), _scalar(path, row, "high", False)
            if lo > hi:
                raise InputError(path, _cell_where(row, "low"), low, f"at most high ({high})",
                                 "low above high")
            entry.update(assumption=True, low=lo, high=hi)
            if row.cells.get("note", ""):
                entry["note"] = row.cells["note"]
            dist = row.cells.get("distribution", "") or "uniform"
            if dist not in _DISTRIBUTIONS:
                raise InputError(path, _cell_where(row, "distribution"), dist,
                                 one_of(_DISTRIBUTIONS), "unknown distribution")
            entry["distribution"] = dist
        elif row.cells.get("note", ""):
            entry["note"] = row.cells["note"]
        if "value" in entry and "source" not in entry and "low" not in entry:
            raise InputError(path, _cell_where(row, "source"), MISSING, "the publication the "
                             "value comes from, or a range (low, high) for an assumption",
                             "a value without its source or range")
        out[key] = (entry, row.number)
    return out


def _read_migration(path: Path) -> tuple[list[str], list[tuple[int, float, float]]]:
    comments = [line[1:].strip() for line in path.read_text(encoding="utf-8-sig").splitlines()
                if line.startswith("#")]
    rows = _read_table(path, MIGRATION_COLUMNS, comments=True)
    out = []
    for i, row in enumerate(rows):
        age = _number(path, row, "age", "an age 0-100")
        if age != i:
            raise InputError(path, _cell_where(row, "age"), row.cells.get("age", ""),
                             f"age {i} (one row a year of age from 0)", "ages out of order")
        out.append((int(age), _number(path, row, "female", "a share"),
                    _number(path, row, "male", "a share")))
    total = sum(f + m for _, f, m in out)
    if not out:          # the header alone, as `region init` writes it: the parent's profile
        return comments, out
    if abs(total - 1) > 1e-6:
        raise InputError(path, "(rows)", Verbatim(f"sum {total:.6f}"), "1 (shares of a year's "
                         "net migrants over ages and sexes)", "shares do not add up")
    return comments, out


def read_region_table(name: str, root: Path) -> tuple[dict[str, str], str, str]:
    """The region table of region `name` under calibration root `root`: (values by key, level,
    parent census area)."""
    return _read_region(kit_tables(root / name) / REGION_TABLE, root)


def _read_region(path: Path, root: Path) -> tuple[dict[str, str], str, str]:
    values: dict[str, str] = {}
    rows: dict[str, Row] = {}
    for key, row in _keyed_rows(path, _read_table(path, REGION_COLUMNS), REGION_KEYS, "key",
                                one_of(REGION_KEYS)):
        values[key], rows[key] = row.cells.get("value", ""), row
    for key, (_, en, required) in REGION_KEYS.items():
        if required and not values.get(key):
            where = _cell_where(rows[key], "value") if key in rows else "(rows)"
            raise InputError(path, where, MISSING, f"the {en}", f"{key} is required")
    if values["level"] not in LEVELS:
        raise InputError(path, _cell_where(rows["level"], "value"), values["level"],
                         one_of(LEVELS), "unknown level")
    parent = resolve_parent(values["parent"], root, (path, _cell_where(rows["parent"], "value")))
    return values, values["level"], parent


def _check_broad_ages(path: Path, out: dict, keys: tuple[str, ...], noun: str, whole: float,
                      whole_text: str, number: str) -> None:
    """The broad age figures `keys` (0-14, 15-59, 60+, 65+): all four or none; the first three
    add up to `whole` within 1%; 65+ at most 60+. One `InputError` naming the row otherwise."""
    given = [k for k in keys if k in out]
    if not given:
        return
    if len(given) < len(keys):
        missing = [k for k in keys if k not in out]
        raise InputError(path, f"row {out[given[0]][2]}, column {FIGURE_COLUMNS[3].header}",
                         Verbatim(", ".join(given)), f"all four broad age {noun}s or none",
                         f"age {noun}s incomplete ({', '.join(missing)} empty)")
    total = sum(out[k][0] for k in keys[:3])
    if abs(total - whole) > 0.01 * whole:
        raise InputError(path, f"row {out[keys[0]][2]}, column value",
                         Verbatim("0-14 + 15-59 + 60+ = " + number.format(total)), whole_text,
                         f"age {noun}s do not add up")
    if out[keys[3]][0] > out[keys[2]][0]:
        raise InputError(path, f"row {out[keys[3]][2]}, column value", out[keys[3]][0],
                         f"at most the 60+ {noun}", "65+ above 60+")

def _read_figures(path: Path, catalog: Mapping[str, Figure] = BY_KEY
                  ) -> dict[str, tuple[float, str, int]]:
    out: dict[str, tuple[float, str, int]] = {}
    for key, row in _keyed_rows(path, _read_table(path, FIGURE_COLUMNS), catalog, "figure",
                                "a key written by `region init`"):
        spec = catalog[key]
        raw = row.cells.get("value", "")
        if not raw:
            if spec.required:
                raise InputError(path, _cell_where(row, "value"), MISSING,
                                 f"a number of {spec.unit}s", f"{key} is required")
            continue
        unit = f"{spec.unit} ({spec.unit_zh})"
        value = _number(path, row, "value", f"a number in {unit}")
        if spec.share and 1 < value <= 100 * spec.high:
            raise InputError(path, _cell_where(row, "value"), raw,
                             f"a fraction from 0 to {spec.high:g} (write {value / 100:g} for "
                             f"{value:g}%)", "a share given in percent")
        if not spec.low <= value <= spec.high:
            hint = (f" (persons, not 万人: write {value * 1e4:,.0f} for {value:g}万)"
                    if spec.unit == "person" and 0 < value < spec.low else "")
            raise InputError(path, _cell_where(row, "value"), raw,
                             f"a number from {spec.low:g} to {spec.high:g} {spec.unit}",
                             "value out of range" + hint)
        source = row.cells.get("source", "")
        if not source:
            raise InputError(path, _cell_where(row, "source"), MISSING,
                             "the publication and table (or page) the figure comes from",
                             "a figure without its source")
        out[key] = (value, source, row.number)
    _check_broad_ages(path, out, SHARES, "share", 1.0, "1 (within 0.01)", "{:.3f}")
    if any(k in out for k in COUNTS):
        total = sum(out[k][0] for k in COUNTS[:3] if k in out)
        residents = out["residents"][0] if "residents" in out else total
        _check_broad_ages(path, out, COUNTS, "count", residents,
                          f"the residents ({residents:,.0f}, within 1%)", "{:,.0f}")
    for small, big, why in (("male", "residents", "males are residents"),
                            ("gps", "doctors", "GPs are doctors"),
                            ("hypertension_managed_share", "hypertension_aware_share",
                             "managed patients are aware ones"),
                            ("diabetes_managed_share", "diabetes_aware_share",
                             "managed patients are aware ones")):
        if small in out and big in out and out[small][0] > out[big][0]:
            raise InputError(path, f"row {out[small][2]}, column value", out[small][0],
                             f"at most {big} ({out[big][0]:g}): {why}", f"{small} above {big}")
    types = [k for k in BED_TYPES if k in out]
    if "beds_total" in out and types:
        part = sum(out[k][0] for k in types)
        limit = out["beds_total"][0] * (1.01 if len(types) < len(BED_TYPES) else 1)
        if (part > limit or (len(types) == len(BED_TYPES)
                             and abs(part - out["beds_total"][0]) > 0.01 * part)):
            raise InputError(path, f"row {out['beds_total'][2]}, column value",
                             out["beds_total"][0], f"the sum of the bed types given ({part:g}) "
                             "or more when some are empty", "bed types do not add up to the total")
    return out


def _read_history(path: Path) -> list[Row]:
    rows = _read_table(path, HISTORY_KIT_COLUMNS)
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        date = row.cells.get("date", "")
        match = re.fullmatch(r"(\d{4})-\d{2}-\d{2}", date)
        if not match:
            raise InputError(path, _cell_where(row, "date"), date, "a date YYYY-MM-DD",
                             "not a date")
        if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
            raise InputError(path, _cell_where(row, "date"), date,
                             f"a date from {FIRST_YEAR} to {LAST_YEAR}", "year outside the horizon")
        _number(path, row, "value", "a number in the series' unit (calibration/HISTORY.md)")
        key = (row.cells.get("series", ""), date, row.cells.get("basis", ""))
        if key in seen:
            raise InputError(path, _cell_where(row, "series"), Verbatim(" ".join(key)),
                             "one observation per series, date and basis",
                             f"duplicate row (first on row {seen[key]})")
        seen[key] = row.number
    return rows


_COMPARISONS = (">=", ">", "<=", "<")


def _read_targets(path: Path, region: str, indicators: Mapping[str, str]
                  ) -> tuple[list[Row], list[dict]]:
    rows = _read_table(path, TARGET_COLUMNS)
    out: list[dict] = []
    seen: dict[str, int] = {}
    for row in rows:
        tid = row.cells.get("id", "")
        if not re.fullmatch(r"[A-Za-z0-9_]+", tid):
            raise InputError(path, _cell_where(row, "id"), tid, "a short name of letters, digits "
                             "and _", "not an id")
        if tid in seen:
            raise InputError(path, _cell_where(row, "id"), tid, "each target id once",
                             f"duplicate row (first on row {seen[tid]})")
        seen[tid] = row.number
        indicator = row.cells.get("indicator", "")
        if indicator not in indicators:
            raise InputError(path, _cell_where(row, "indicator"), indicator,
                             "a results variable (docs: sim/model/outputs.py)",
                             "unknown indicator" + did_you_mean(indicator, indicators))
        comparison = row.cells.get("comparison", "").replace("≥", ">=").replace("≤", "<=")
        if comparison not in _COMPARISONS:
            raise InputError(path, _cell_where(row, "comparison"), comparison,
                             one_of(_COMPARISONS), "unknown comparison")
        level = _number(path, row, "level", "a number in the indicator's unit")
        if indicators[indicator] == "1" and level > 1.5:
            raise InputError(path, _cell_where(row, "level"), row.cells["level"],
                             f"a fraction (write {level / 100:g} for {level:g}%)",
                             "a share given in percent")
        deadline = _number(path, row, "deadline", f"a year from {BASE_YEAR} to {MAX_END_YEAR}")
        if not (deadline.is_integer() and BASE_YEAR <= deadline <= MAX_END_YEAR):
            raise InputError(path, _cell_where(row, "deadline"), row.cells["deadline"],
                             f"a year from {BASE_YEAR} to {MAX_END_YEAR}",
                             "year outside the horizon")
        source = row.cells.get("source", "")
        if not source:
            raise InputError(path, _cell_where(row, "source"), MISSING,
                             "the plan document and line (seeds/<file>.txt:<line>) or title",
                             "a target without its source")
        select = {}
        for part in filter(None, re.split(r"[;；]", row.cells.get("select", ""))):
            pieces = re.split(r"\s*[=:：]\s*", part.strip(), maxsplit=1)
            if len(pieces) != 2 or not all(pieces):
                raise InputError(path, _cell_where(row, "select"), part,
                                 "subscript=element, e.g. condition=hypertension",
                                 "not a selection")
            select[pieces[0]] = pieces[1]
        entry: dict[str, Any] = {"id": tid, "indicator": indicator}
        if select:
            entry["select"] = select
        entry.update(comparison=comparison, level=level, deadline=int(deadline), source=source)
        out.append(entry)
    return rows, out


def _read_not_modelled(path: Path, targets: Mapping[str, dict]) -> list[dict]:
    """The optional table of the plan's targets the model cannot judge; every cell is required
    (the reason above all); an id is unique across targets.csv and this table."""
    out: list[dict] = []
    seen: dict[str, int] = {}
    for row in _read_table(path, NOT_MODELLED_COLUMNS):
        tid = row.cells.get("id", "")
        if not re.fullmatch(r"[A-Za-z0-9_]+", tid):
            raise InputError(path, _cell_where(row, "id"), tid, "a short name of letters, digits "
                             "and _", "not an id")
        if tid in seen or tid in targets:
            first = f"row {seen[tid]}" if tid in seen else TARGETS_TABLE
            raise InputError(path, _cell_where(row, "id"), tid, "each target id once (here and "
                             f"in {TARGETS_TABLE})", f"duplicate id (first in {first})")
        seen[tid] = row.number
        for column in NOT_MODELLED_COLUMNS[1:]:
            if not row.cells.get(column.id, ""):
                raise InputError(path, _cell_where(row, column), MISSING, column.header,
                                 f"{column.id} is required")
        raw = row.cells["level"]
        level: float | str = (_number(path, row, "level", "a number or words")
                              if _NUMBER.fullmatch(raw.replace(",", "")) else raw)
        deadline = _number(path, row, "deadline", f"a year from {BASE_YEAR} to {MAX_END_YEAR}")
        if not (deadline.is_integer() and BASE_YEAR <= deadline <= MAX_END_YEAR):
            raise InputError(path, _cell_where(row, "deadline"), row.cells["deadline"],
                             f"a year from {BASE_YEAR} to {MAX_END_YEAR}",
                             "year outside the horizon")
        out.append({"id": tid, "text": row.cells["text"], "level": level,
                    "unit": row.cells["unit"], "deadline": int(deadline),
                    "source": row.cells["source"], "reason": row.cells["reason"]})
    return out


# ---------------------------------------------------------------------------------------------
# The 2010 start of the backcast (optional): figures_2010.csv and backcast.csv
# (derived by sim.inputs.region_kit.backcast)
# ---------------------------------------------------------------------------------------------
BACKCAST_YEARS = tuple(range(2010, 2021))
#: Rows of backcast.csv that are inputs with a value and a range (the rest are text).
QUANTITY_ROWS = tuple(k for k, (unit, _) in BACKCAST_ROWS.items()
                      if unit and k != "census_2010.total")


@dataclass(frozen=True)
class BackcastTables:
    """figures_2010.csv (key -> (value, source, row)) and backcast.csv (key -> (cells, row);
    numbers and series parsed)."""

    figures: dict[str, tuple[float, str, int]]
    rows: dict[str, tuple[dict[str, Any], int]]
    folder: Path                      # the tables' folder (for errors)


def read_backcast_tables(tables: Path) -> BackcastTables | None:
    """Read and check figures_2010.csv and backcast.csv (None: neither has rows)."""
    f_path, b_path = tables / FIGURES_2010_TABLE, tables / BACKCAST_TABLE
    # the rows `region init` writes, values empty, are no figures
    filled = f_path.is_file() and any(row.cells.get("value", "")
                                      for row in _read_table(f_path, FIGURE_COLUMNS))
    figures = _read_figures(f_path, BY_KEY_2010) if filled else {}
    raw = _read_table(b_path, BACKCAST_COLUMNS) if b_path.is_file() else []
    if not figures and not raw:
        return None
    if not figures:
        raise InputError(f_path, "(rows)", MISSING, "the 2010 census total (row residents), "
                         f"needed with the rows of {BACKCAST_TABLE}", "no 2010 figures")
    if not raw:
        raise InputError(b_path, "(rows)", MISSING, "the backcast inputs ("
                         + ", ".join(k for k, (_, req) in BACKCAST_ROWS.items() if req)
                         + f"), needed with {FIGURES_2010_TABLE}", "no backcast inputs")
    if "sex_ratio" in figures and "share_0_14" not in figures:
        raise InputError(f_path, f"row {figures['sex_ratio'][2]}, column 数值 value",
                         figures["sex_ratio"][0], "the sex ratio with the four broad shares",
                         "a sex ratio without the age shares")
    return BackcastTables(figures, _read_backcast_rows(b_path, raw), tables)


def _read_backcast_rows(path: Path, raw: list) -> dict[str, tuple[dict[str, Any], int]]:
    out: dict[str, tuple[dict[str, Any], int]] = {}
    for key, row in _keyed_rows(path, raw, BACKCAST_ROWS, "input", one_of(BACKCAST_ROWS)):
        unit = row.cells.get("unit", "")
        if unit != BACKCAST_ROWS[key][0]:
            raise InputError(path, _cell_where(row, "unit"), unit,
                             repr(BACKCAST_ROWS[key][0]) if BACKCAST_ROWS[key][0] else
                             "nothing (a row of text)", "wrong unit")
        cells: dict[str, Any] = {c: row.cells[c] for c in ("source", "method", "note")
                                 if row.cells.get(c, "")}
        numbers = ("value", "low", "high", "low_path", "high_path")
        if key not in QUANTITY_ROWS:
            allowed = ("low", "high") if key == "census_2010.total" else ()
            for column in numbers:
                if row.cells.get(column, "") and column not in allowed:
                    raise InputError(path, _cell_where(row, column), row.cells[column],
                                     "nothing (" + ("the total is in figures_2010.csv)"
                                                    if column == "value" else "a row of text)"),
                                     "a number in a row without one")
            if allowed:
                cells.update(_range(path, row, "low", "high", series=False))
            out[key] = (cells, row.number)
            continue
        for column in ("value", "low", "high", "source", "method", "note"):
            if not row.cells.get(column, ""):
                raise InputError(path, _cell_where(row, column), MISSING, {
                    "value": "a number or a yearly table {table: {2010: ..., 2020: ...}}",
                    "low": "the low end of the plausible range",
                    "high": "the high end of the plausible range",
                    "source": "the publications the value rests on",
                    "method": "how the value was worked out", "note": "why this value"}[column],
                    f"{column} is required")
        cells["value"] = _series(path, row, "value")
        cells.update(_range(path, row, "low", "high", series=False))
        cells.update(_range(path, row, "low_path", "high_path", series=True))
        lo, hi = cells["low"], cells["high"]
        for column in ("value", "low_path", "high_path"):
            if column in cells:
                for year, v in backcast_values(cells[column]):
                    if not lo <= v <= hi:
                        raise InputError(path, _cell_where(row, column), Verbatim(
                            f"{v:g}" + (f" in {year}" if year else "")),
                            f"a number from low {lo:g} to high {hi:g}", "value outside the range")
        out[key] = (cells, row.number)
    for key, (_, required) in BACKCAST_ROWS.items():
        if required and key not in out:
            raise InputError(path, "(rows)", MISSING, f"a row {key}", f"{key} is required")
    return out


def _series(path: Path, row, column: str) -> Any:
    """A number, or {table: {2010: v, ..., 2020: v}} (every year of the backcast)."""
    raw = row.cells.get(column, "")
    try:
        got = yaml.safe_load(raw)
    except yaml.YAMLError:
        got = raw
    if isinstance(got, (int, float)) and not isinstance(got, bool):
        return got
    table = got.get("table") if isinstance(got, dict) and len(got) == 1 else None
    if (isinstance(table, dict) and sorted(table) == list(BACKCAST_YEARS)
            and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                    for v in table.values())):
        return {"table": {int(y): table[y] for y in BACKCAST_YEARS}}
    raise InputError(path, _cell_where(row, column), raw, "a number or a yearly table "
                     "{table: {2010: 1.2, 2011: 1.1, ..., 2020: 1.0}} (every year 2010-2020)",
                     "not a number or yearly table")


def _range(path: Path, row, low: str, high: str, series: bool) -> dict[str, Any]:
    lo_raw, hi_raw = row.cells.get(low, ""), row.cells.get(high, "")
    if bool(lo_raw) != bool(hi_raw):
        raise InputError(path, _cell_where(row, high if lo_raw else low), MISSING,
                         f"{low} and {high} both or neither", "half a range")
    if not lo_raw:
        return {}
    if series:
        return {low: _series(path, row, low), high: _series(path, row, high)}
    lo, hi = _scalar(path, row, low, False), _scalar(path, row, high, False)
    if lo > hi:
        raise InputError(path, _cell_where(row, low), lo_raw, f"at most high ({hi_raw})",
                         "low above high")
    return {low: lo, high: hi}


def backcast_values(series: Any) -> list[tuple[int | None, float]]:
    if isinstance(series, dict):
        return list(series["table"].items())
    return [(None, series)]
