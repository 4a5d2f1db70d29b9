"""`python -m sim region init | check | build`: a region from fill-in tables
(sim.inputs.region_kit), without Python.

- `init_region` writes ``calibration/<name>/tables/`` (CSV, UTF-8 with a byte-order mark).
- `check_region` reads and checks the tables, derives the region in memory and returns the
  coverage table: supplied / derived (method) / assumed (range), and the targets each figure
  that is not supplied affects. Nothing is written.
- `build_region_from_tables` writes ``calibration/<name>/`` (profile.yaml, population_2020.csv,
  migration_profile.csv, targets.yaml, history.csv and, when history rows exist, the fit) and
  ``scenarios/<name>/baseline.yaml``. Everything is made in a hidden staging folder first,
  loaded back with the project's own loaders and fitted there; the region's folder is replaced
  only when all of it succeeded, so a failed build leaves the previous files as they were, and a
  fit is always made from the profile it sits beside (a region without history rows has none).
  When the tables hold the 2010 figures (figures_2010.csv, backcast.csv) the build also writes
  the backcast's start (population_2010.csv, backcast_2010.yaml; sim.inputs.region_kit.backcast).
  Files of the folder the build does not derive are kept: the backcast inputs of a region
  without those tables, history.csv when there is no history table (then
  it is the history, in the loader's format), targets.yaml when there is no targets table. The
  fit on record is kept when every file it was made from is byte-identical after the build (it
  is current); otherwise the build fits again. scenarios/<name>/baseline.yaml is written when
  there is none or it is one the build wrote (an edited or hand-written baseline stays).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from sim.analysis.calibration.record import sha256_of
from sim.analysis.targets import load_catalog
from sim.core.errors import InputError, Verbatim
from sim.core.paths import (
    BACKCAST_FILE,
    CALIBRATION_DIR,
    FIT_CHART_DIR,
    FIT_FILE,
    HISTORY_FILE,
    MISSING_FILE,
    PROFILE_FILE,
    SCENARIOS_DIR,
)
from sim.core.yamlio import read_yaml
from sim.inputs.backcast import load_backcast
from sim.inputs.history import HISTORY_COLUMNS, MISSING_COLUMNS, POPULATION_2010_FILE, load_history
from sim.inputs.region import load_region
from sim.inputs.region_kit import (
    BACKCAST_TABLE,
    BY_KEY,
    FIGURES_TABLE,
    HISTORY_TABLE,
    KIT_FOLDER,
    Derived,
    Kit,
    derive_region,
    initial_tables,
    read_kit,
)
from sim.inputs.region_kit.tables import QUANTITY_ROWS, kept_history_rows
from sim.model.outputs import BY_NAME
from sim.reports.calibration_report import calibrate
from sim.reports.text_table import text_table

__all__ = ["init_region", "check_region", "build_region_from_tables", "coverage_table", "Built"]

_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
_STATUS = {"zh": {"supplied": "已填", "derived": "推算", "assumed": "假设"},
           "en": {"supplied": "supplied", "derived": "derived", "assumed": "assumed"}}


def indicator_units() -> dict[str, str]:
    """The results variables a target may name, with their units."""
    return {name: o.units for name, o in BY_NAME.items()}


def _check_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise InputError(None, "NAME", name, "a folder name: lower-case letters, digits and _, "
                         "starting with a letter (e.g. gongshu)", "not a region folder name")


def init_region(name: str, level: str, parent: str, lang: str = "zh",
                root: Path = CALIBRATION_DIR) -> Path:
    """Write the fill-in tables of a new region; refuse an existing folder."""
    _check_name(name)
    folder = Path(root) / name
    if folder.exists():
        raise InputError(folder, "(folder)", Verbatim("an existing folder"),
                         "a region name not used yet", "region folder already exists")
    tables = initial_tables(name, level, parent, lang, Path(root))
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.init-", dir=root))
    try:
        out = staging / KIT_FOLDER
        out.mkdir()
        for file, rows in tables.items():
            with open(out / file, "w", encoding="utf-8-sig", newline="") as fh:
                csv.writer(fh).writerows(rows)
        (out / "README.md").write_text(_readme(name, lang), encoding="utf-8")
        os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder / KIT_FOLDER


def _readme(name: str, lang: str) -> str:
    if lang == "zh":
        return (f"# {name}：填表说明\n\n"
                "1. region.csv：填中文名、英文名；级别和上级省份已填好。\n"
                "2. figures_2020.csv：每行一个2020年数字。“数值”列填数字（比例写小数，如0.65，"
                "不写65或65%），“来源”列写出处（公报、年鉴及表号或网址）。空着的行将按“缺省方法”"
                "推算或假设，“缺省值”为其给出的值。\n"
                "3. history.csv（可选）：历年观测值，用于校准；格式见 calibration/HISTORY.md。\n"
                "4. targets.csv（可选）：规划目标，来源写规划文件及行号。\n"
                "5. not_modelled.csv（可选）：模型不能评判的其他量化目标，每行写规划原文、水平、"
                "单位、年份、来源和原因。\n"
                "6. inputs.csv（可选）：本地区自定的其他模型输入，每行一项（键如"
                " health_2020.doctors、defaults.<情景键>），写数值、单位、范围（下限、上限）、"
                "分布、来源、方法和说明；"
                "它取代按上级推算或假设的值。数值空着则保留推算值，只改范围、来源和说明。\n"
                "7. migration_profile.csv（可选）：本地区净迁移的年龄性别分布（各年龄占一年"
                "净迁移人数的比例，合计为1）；空着则用上级省份的分布。\n"
                "8. figures_2010.csv 和 backcast.csv（可选，两表同填或同空）：第六次普查（2010年"
                "11月1日）的常住人口（及年龄占比、性别比）和2010-2020年回推输入（总和生育率、"
                "预期寿命、出生性别比、年净迁移人数及自然增长人数）的起始值、上下限、来源、方法和"
                "说明，每项一行，年度序列写成 {table: {2010: 1.2, ..., 2020: 1.0}}；格式见"
                " calibration/HISTORY.md。不填则没有2010-2020年回推。\n\n"
                f"然后：python -m sim region check {name}，再 python -m sim region build {name}。"
                "用Excel保存时选“CSV UTF-8（逗号分隔）”。\n")
    return (f"# {name}: how to fill the tables\n\n"
            "1. region.csv: the Chinese and English names; level and parent are filled in.\n"
            "2. figures_2020.csv: one 2020 figure a row. Write the number in `value` (shares as "
            "fractions, 0.65 not 65 or 65%) and where it comes from in `source`. An empty row is "
            "filled by the method in `if_empty`, which gives `value_if_empty`.\n"
            "3. history.csv (optional): observed series for calibration; format in "
            "calibration/HISTORY.md.\n"
            "4. targets.csv (optional): the plan's targets, with the plan document and line.\n"
            "5. not_modelled.csv (optional): the plan's other quantified targets, which the "
            "model cannot judge: the plan's words, level, unit, year, source and the reason.\n"
            "6. inputs.csv (optional): other model inputs your region sets itself, one a row "
            "(keys such as health_2020.doctors, defaults.<scenario key>): value, unit, range (low, "
            "high), distribution, source, method and note; a row replaces what would be derived "
            "from or assumed as the parent's. An empty value keeps the derived value and sets only "
            "the range, source and note.\n"
            "7. migration_profile.csv (optional): your region's net-migration age-sex profile "
            "(each age's share of a year's net migrants, summing to 1); empty: the parent's.\n"
            "8. figures_2010.csv and backcast.csv (optional, both or neither): the 6th census "
            "(1 Nov 2010) residents (and broad shares, sex ratio), and the starting values of the "
            "2010-2020 backcast inputs (TFR, life expectancy, sex ratio at birth, net migrants a "
            "year, natural increase), one a row with range, source, method and note; a yearly "
            "path is written {table: {2010: 1.2, ..., 2020: 1.0}} (calibration/HISTORY.md). "
            "Without them the region has no 2010-2020 backcast.\n\n"
            f"Then: python -m sim region check {name}, and python -m sim region build {name}. "
            "In Excel save as 'CSV UTF-8 (comma delimited)'.\n")


def check_region(name: str, root: Path = CALIBRATION_DIR) -> tuple[Kit, Derived]:
    """Read and check the tables, derive the region and check the derived files with the
    project's own loaders in a hidden folder, removed afterwards (nothing is left written)."""
    _check_name(name)
    kit = read_kit(name, Path(root), indicator_units())
    derived = derive_region(kit, Path(root))
    with _staged(kit, derived, Path(root)):
        pass
    return kit, derived


@contextmanager
def _staged(kit: Kit, derived: Derived, root: Path) -> Iterator[Path]:
    """A hidden calibration folder beside `root` holding the region's derived files, checked
    by the loaders (profile, history, targets); yields it and removes it afterwards."""
    staging_root = Path(tempfile.mkdtemp(prefix=f".{kit.name}.build-", dir=root))
    try:
        stage = staging_root / kit.name
        shutil.copytree(kit.folder / KIT_FOLDER, stage / KIT_FOLDER)
        written = _write_files(kit, derived, stage)
        _keep_others(kit.folder, stage, written)
        try:
            load_region(kit.name, staging_root, use_fit=False)   # the project's own checks
            if (stage / HISTORY_FILE).is_file():
                load_history(kit.name, staging_root)
            if (stage / "targets.yaml").is_file():
                load_catalog(kit.name, staging_root)
            if derived.backcast is not None:
                load_backcast(kit.name, staging_root)
        except InputError as error:
            raise InputError(kit.folder / KIT_FOLDER / _blame(error), error.key, error.given,
                             error.allowed, f"{error.problem} (in the derived "
                             f"{error.file.name if error.file else 'file'})") from None
        yield staging_root
    finally:
        shutil.rmtree(staging_root, ignore_errors=True)


def _keep_others(folder: Path, stage: Path, written: set[str]) -> None:
    """Copy the files of the region's folder the build did not derive into the stage (the
    backcast inputs, a history.csv or targets.yaml without a table, the fit and its charts)."""
    if not folder.is_dir():
        return
    for item in sorted(folder.iterdir()):
        if item.name == KIT_FOLDER or item.name in written or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, stage / item.name)
        else:
            shutil.copy2(item, stage / item.name)


def fit_is_current(stage: Path) -> bool:
    """Whether the stage's fit.yaml was made from the very files beside it (its data_sha256)."""
    path = stage / FIT_FILE
    if not path.is_file():
        return False
    hashes = (read_yaml(path) or {}).get("data_sha256") or {}
    return bool(hashes) and all(sha256_of(stage / name) == digest
                                for name, digest in hashes.items())


def coverage_table(kit: Kit, derived: Derived, lang: str = "zh", max_width: int = 120) -> str:
    """The coverage table: every figure supplied, derived (method) or assumed (range), and the
    targets each one that is not supplied affects."""
    zh = lang == "zh"
    ids: dict[str, list[str]] = {row["indicator"]: [] for row in kit.target_rows}
    for row in kit.target_rows:
        ids[row["indicator"]].append(row["id"])
    rows = []
    counts = {"supplied": 0, "derived": 0, "assumed": 0}
    for c in derived.coverage:
        counts[c.status] += 1
        spec = BY_KEY.get(c.key)
        item = (spec.zh if zh else spec.en) if spec else ("其余默认值" if zh else "other defaults")
        affects = spec.affects if spec else ("*",)
        if c.status == "supplied":
            hit = ""
        elif "*" in affects:
            hit = ("全部" if zh else "all") if kit.target_rows else "—"
        else:
            hit = "，".join(t for ind in affects for t in ids.get(ind, [])) if zh else \
                ", ".join(t for ind in affects for t in ids.get(ind, []))
            hit = hit or "—"
        how = c.method_zh if zh else c.method_en
        if c.low is not None and c.high is not None:
            rng = f"{_num(c.low)}–{_num(c.high)}"
            how = f"{how}（{rng}）" if zh else f"{how} ({rng})"
        rows.append([item, _STATUS[lang][c.status], "" if c.value is None else _num(c.value),
                     how, hit])
    headers = (["项目", "状态", "数值", "方法（范围）", "影响的目标"] if zh else
               ["figure", "status", "value", "method (range)", "targets affected"])
    title = (f"{kit.region['name_zh']}（{kit.name}）：缺省数字取自{derived.template_name[0]}"
             f"（calibration/{derived.template}/）" if zh else
             f"{kit.region['name_en']} ({kit.name}): empty figures from "
             f"{derived.template_name[1]} (calibration/{derived.template}/)")
    n = len(kit.not_modelled)
    n_history = len(kit.history) if kit.has_history_table else kept_history_rows(kit.folder)
    total = (f"已填{counts['supplied']}项，推算{counts['derived']}项，假设{counts['assumed']}项；"
             f"历史观测{n_history}行，规划目标{len(kit.target_rows)}项"
             f"{f'（另有{n}项模型不能评判，见not_modelled.csv）' if n else ''}。" if zh else
             f"{counts['supplied']} supplied, {counts['derived']} derived, {counts['assumed']} "
             f"assumed; {n_history} history rows, {len(kit.target_rows)} targets"
             f"{f' ({n} more the model cannot judge, in not_modelled.csv)' if n else ''}.")
    lines = [title, text_table(headers, rows, align=["<", "<", ">", "<", "<"],
                               max_width=max_width, wrappable=[True, False, False, True, True]),
             total]
    if kit.backcast is not None:
        # the 2010 start is checked like the rest; say it is there, or a reader of the table
        # cannot tell whether `sim calibrate` will fit the 2010-2020 backcast
        b = kit.backcast
        inputs = sum(1 for key in b.rows if key in QUANTITY_ROWS)
        lines.append(f"2010年回推起点：figures_2010.csv {len(b.figures)}项，backcast.csv "
                     f"{inputs}项输入（各有区间）；sim calibrate 将拟合2010—2020年。" if zh else
                     f"2010 backcast start: {len(b.figures)} figures in figures_2010.csv, "
                     f"{inputs} inputs with ranges in backcast.csv; sim calibrate fits 2010-2020.")
    return "\n".join(lines)


def _num(x: float) -> str:
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.4g}"


# ---------------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------------
@dataclass
class Built:
    kit: Kit
    derived: Derived
    folder: Path
    scenario: Path | None  # the baseline scenario written (None: an existing one kept)
    fit: dict | None       # the fit record, when history rows were fitted


def build_region_from_tables(name: str, root: Path = CALIBRATION_DIR,
                             scenarios: Path = SCENARIOS_DIR, *, calibrate_options: dict | None
                             = None, progress=None) -> Built:
    """Derive and write the region (see the module docstring); `calibrate_options`: keyword
    arguments of sim.reports.calibration_report.calibrate (seed, starts, charts, posterior)."""
    root, scenarios = Path(root), Path(scenarios)
    _check_name(name)
    kit = read_kit(name, root, indicator_units())
    derived = derive_region(kit, root)
    folder, old = root / name, root / f".{name}.old-{os.getpid()}"
    target = scenarios / name / "baseline.yaml"
    tmp = target.with_name(f".baseline.yaml.{os.getpid()}.tmp")
    record = None
    with _staged(kit, derived, root) as staging_root:
        try:
            stage = staging_root / name
            if (stage / HISTORY_FILE).is_file():
                if fit_is_current(stage):
                    record = read_yaml(stage / FIT_FILE)
                    if progress:
                        progress(f"{name}: the fit on record is current (made from these "
                                 "files); not fitted again")
                else:
                    if progress:
                        progress(f"{name}: calibrating to the history rows")
                    record = calibrate(name, calibration_dir=staging_root, progress=progress,
                                       **(calibrate_options or {}))
            else:
                for stale in (stage / FIT_FILE, stage / FIT_CHART_DIR):
                    if stale.is_dir():
                        shutil.rmtree(stale)
                    stale.unlink(missing_ok=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_baseline = not target.is_file() or _GENERATED in target.read_text(
                encoding="utf-8")
            if write_baseline:
                tmp.write_text(_baseline(kit, derived), encoding="utf-8")
            # every file is made and checked: replace the region's folder, then its baseline
            os.rename(folder, old)
            try:
                os.rename(staging_root / name, folder)
            except BaseException:
                os.rename(old, folder)      # put the previous files back
                raise
            if write_baseline:
                os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
            shutil.rmtree(old, ignore_errors=True)
    return Built(kit, derived, folder, target if write_baseline else None, record)


def _blame(error: InputError) -> str:
    """The kit table behind a file the build derived."""
    name = error.file.name if error.file else ""
    return HISTORY_TABLE if name == HISTORY_FILE else (
        "targets.csv" if name == "targets.yaml" else
        BACKCAST_TABLE if name in (BACKCAST_FILE, POPULATION_2010_FILE) else FIGURES_TABLE)


class _Dumper(yaml.SafeDumper):
    pass


def _yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


_GENERATED = "GENERATED by `python -m sim region build"


def _write_files(kit: Kit, derived: Derived, stage: Path) -> set[str]:
    """Write the derived files into the stage; return their names."""
    written = {PROFILE_FILE, "population_2020.csv", "migration_profile.csv"}
    source = f"calibration/{kit.name}/{KIT_FOLDER}/"
    head = (f"# {kit.region['name_en']} ({kit.region['name_zh']}) profile, base year 2020. "
            f"GENERATED by `python -m sim region build {kit.name}` from {source} (edit the tables, "
            "not this file).\n"
            f"# Figures not in the tables are {derived.template_name[1]}'s "
            f"(calibration/{derived.template}/): its ratios per resident times the residents, its "
            "shares and paces; each says so in its note.\n")
    boundary = kit.region.get("boundary")
    if boundary:
        head += f"# Boundary of the figures: {boundary}\n"
    if kit.region.get("note"):
        head += f"# {kit.region['note']}\n"
    (stage / PROFILE_FILE).write_text(head + _yaml(derived.profile), encoding="utf-8")
    counts = kit.value("count_0_14") is not None
    migration = (
        " ".join(kit.migration[0]) + f" Supplied in {source}migration_profile.csv."
        if kit.migration is not None else
        f"Net-migration age-sex profile: {derived.template_name[1]}'s "
        f"(calibration/{derived.template}/migration_profile.csv), ASSUMED for "
        f"{kit.region['name_en']}.")
    for file, frame, what in (
            ("population_2020.csv", derived.population,
             f"{kit.region['name_en']} residents on 1 Nov 2020 by single year of age and sex; "
             f"{kit.parent}'s census 2020 age groups split by the national single-year shape, "
             + ("raked to the tables' broad age counts (60-64 = 60+ minus 65+) and sex totals "
                "where given (sim.inputs.census)." if counts else
                "raked to the tables' broad shares and sex totals where given, else scaled to "
                "the residents (sim.inputs.census).")),
            ("migration_profile.csv", derived.migration, migration)):
        with open(stage / file, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(f"# {what}\n# GENERATED by `python -m sim region build {kit.name}`.\n")
            frame.to_csv(fh, index=False, float_format="%.17g", lineterminator="\n")
    if kit.has_targets_table and (kit.target_rows or kit.not_modelled):
        written.add("targets.yaml")
        body: dict = {"region": kit.name, "targets": kit.target_rows}
        if kit.not_modelled:
            body["not_modelled"] = kit.not_modelled
        (stage / "targets.yaml").write_text(
            f"# Plan targets of {kit.region['name_en']}, GENERATED from {source}targets.csv"
            f"{' and not_modelled.csv' if kit.not_modelled else ''}.\n"
            + _yaml(body), encoding="utf-8")
    if derived.backcast is not None:
        written.update((BACKCAST_FILE, POPULATION_2010_FILE))
        b = derived.backcast
        with open(stage / POPULATION_2010_FILE, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("".join(f"# {line}\n" for line in b.population_header))
            b.population.to_csv(fh, index=False, float_format="%.17g", lineterminator="\n")
        (stage / BACKCAST_FILE).write_text(
            "".join(f"# {line}\n" for line in b.header)
            + yaml.dump(b.data, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True,
                        width=120, default_flow_style=False), encoding="utf-8")
    if kit.has_history_table:
        written.update((HISTORY_FILE, MISSING_FILE))
    if kit.history:
        with open(stage / HISTORY_FILE, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(HISTORY_COLUMNS)
            for row in kit.history:
                writer.writerow([row.cells.get(c, "") for c in HISTORY_COLUMNS])
        with open(stage / MISSING_FILE, "w", encoding="utf-8", newline="") as fh:
            fh.write(f"# Series searched for and not found: not part of the fill-in tables of "
                     f"{kit.name}.\n")
            csv.writer(fh, lineterminator="\n").writerow(MISSING_COLUMNS)
    return written


def _baseline(kit: Kit, derived: Derived) -> str:
    zh, en = kit.region["name_zh"], kit.region["name_en"]
    return (f"# {en} baseline: where do the figures of calibration/{kit.name}/{KIT_FOLDER}/ "
            f"(empty ones: {derived.template_name[1]}'s),\n"
            "# with every policy lever continued at the default pace of the profile, lead by "
            "2035?\n"
            f"# GENERATED by `python -m sim region build {kit.name}`; copy it to make other "
            "scenarios.\n"
            + _yaml({"name": "baseline",
                     "description": f"Central values of the {en} tables, policy continued.",
                     "title_zh": f"{zh}基准情景", "title_en": f"{en} baseline",
                     "description_zh": f"{zh}填表数据的中心值，政策按默认力度延续。",
                     "description_en": f"Central values of the {en} tables, policy continued.",
                     "region": kit.name})
            + "years: {start: 2020, end: 2035}\n")
