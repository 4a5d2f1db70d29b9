"""Plan targets of a region: ``calibration/<region>/targets.yaml``.

The file has two lists. ``targets:`` are the targets the model judges: each names an indicator
(a variable of the results Dataset, optionally one element of a subscript such as
``condition: hypertension``), a comparison, a level, a deadline year and the plan text that sets
it. Charts draw them as target lines; verdicts (reached? when?) build on the same catalog.
``not_modelled:`` are the plans' other quantified targets on the model's themes, which the model
cannot judge: each quotes the plan (``text``), gives its level, unit, deadline, seed line and the
reason (what the model lacks). Ids are unique across both lists.

`source_problems` checks the catalog against the plan documents ("seeds"): every cited seed line
holds the target's level as text (shares, stored as fractions, as a percent), and every quote of
a not-modelled target is on its line.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from sim.core.errors import InputError, Verbatim, did_you_mean, one_of
from sim.core.paths import CALIBRATION_DIR, TARGETS_FILE
from sim.core.schema import StrictModel, load_yaml_model
from sim.inputs.keys import BASE_YEAR, MAX_END_YEAR
from sim.model.outputs import BY_NAME

#: Subscripts a target may select one element of, and the elements allowed.
SELECTABLE = {"condition": ("hypertension", "diabetes"),
              "bed_type": ("hospital general", "hospital TCM", "hospital rehabilitation",
                           "primary general", "primary nursing")}

#: The unit of a not-modelled target whose level is a share written as a fraction.
SHARE = "share"

_LEVEL_ALLOWED = ("a number in the unit (shares as fractions), or the plan's words when the "
                  "level is not a number, e.g. 全覆盖")


class _Target(StrictModel):
    id: str = Field(description="a short name, unique in the file")
    indicator: str = Field(description="a variable of the results Dataset")
    select: dict[str, str] = Field(default_factory=dict,
                                   description="one element of a subscript, e.g. "
                                               "{condition: hypertension}")
    comparison: Literal[">=", ">", "<=", "<"] = Field(description="one of >=, >, <=, <")
    level: float = Field(description="a number in the indicator's units (shares as fractions)")
    deadline: int = Field(ge=BASE_YEAR, le=MAX_END_YEAR,
                          description=f"a year from {BASE_YEAR} to {MAX_END_YEAR}")
    source: str = Field(min_length=1, description="the plan text: seed file and line, or a "
                                                  "publication")


class _NotModelled(StrictModel):
    id: str = Field(description="a short name, unique in the file (both lists)")
    text: str = Field(min_length=1, description="the plan's words with the level, quoted from "
                                                "the cited line (pieces joined by ……)")
    level: float | str = Field(description=_LEVEL_ALLOWED)
    unit: str = Field(min_length=1, description=f"'{SHARE}' for a share written as a fraction "
                                                "(0.95 = 95%), else the unit in words, e.g. "
                                                "per 100,000 residents")
    deadline: int = Field(ge=BASE_YEAR, le=MAX_END_YEAR,
                          description=f"a year from {BASE_YEAR} to {MAX_END_YEAR}")
    source: str = Field(min_length=1, description="the plan text: seed file and line, or a "
                                                  "publication")
    reason: str = Field(min_length=1, description="why the model cannot judge the target")

    @field_validator("level", mode="before")
    @classmethod
    def _number_or_words(cls, value):
        # Checked first so that a wrong type is reported once, at `level` (not per union member).
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise PydanticCustomError("level_type", "wrong type", {"allowed": _LEVEL_ALLOWED})
        return value


class _TargetsFile(StrictModel):
    region: str = Field(description="the region folder's name")
    targets: list[_Target] = Field(description="a list of targets")
    not_modelled: list[_NotModelled] = Field(default_factory=list,
                                             description="a list of targets the model cannot "
                                                         "judge, each with its reason")


@dataclass(frozen=True)
class Target:
    id: str
    indicator: str
    select: dict
    comparison: str
    level: float
    deadline: int
    source: str


@dataclass(frozen=True)
class NotModelled:
    """A quantified plan target the model cannot judge, and why."""
    id: str
    text: str
    level: float | str
    unit: str
    deadline: int
    source: str
    reason: str


@dataclass(frozen=True)
class Catalog:
    """A region's targets file: the targets judged and those not modelled."""
    targets: list[Target] = field(default_factory=list)
    not_modelled: list[NotModelled] = field(default_factory=list)
    path: Path | None = None          # None when the region has no targets file


def load_catalog(region: str, calibration_dir: str | os.PathLike[str] | None = None
                 ) -> Catalog:
    """The region's targets file, validated; an empty catalog when the region has none."""
    path = Path(calibration_dir or CALIBRATION_DIR) / region / TARGETS_FILE
    if not path.exists():
        return Catalog()
    parsed, _ = load_yaml_model(path, _TargetsFile)
    if parsed.region != region:
        raise InputError(path, "region", parsed.region, f"{region!r} (the folder's name)",
                         "region does not match its folder")
    seen: set[str] = set()

    def unique(key: str, id_: str) -> None:
        if id_ in seen:
            raise InputError(path, f"{key}.id", id_, "an id not used before in the file "
                             "(targets and not_modelled)", "duplicate target id")
        seen.add(id_)

    targets = []
    for i, t in enumerate(parsed.targets):
        key = f"targets.{i}"
        unique(key, t.id)
        if t.indicator not in BY_NAME:
            raise InputError(path, f"{key}.indicator", t.indicator, "a results variable",
                             "unknown indicator" + did_you_mean(t.indicator, BY_NAME))
        for dim, element in t.select.items():
            if dim not in SELECTABLE:
                raise InputError(path, f"{key}.select", Verbatim(dim), one_of(SELECTABLE),
                                 "unknown subscript")
            if element not in SELECTABLE[dim]:
                raise InputError(path, f"{key}.select.{dim}", element, one_of(SELECTABLE[dim]),
                                 "unknown element" + did_you_mean(element, SELECTABLE[dim]))
        targets.append(Target(t.id, t.indicator, dict(t.select), t.comparison, t.level,
                              t.deadline, t.source))
    not_modelled = []
    for i, n in enumerate(parsed.not_modelled):
        unique(f"not_modelled.{i}", n.id)
        not_modelled.append(NotModelled(n.id, n.text, n.level, n.unit, n.deadline, n.source,
                                        n.reason))
    return Catalog(targets, not_modelled, path)


def load_targets(region: str, calibration_dir: str | os.PathLike[str] | None = None
                 ) -> list[Target]:
    """The region's targets the model judges, validated; an empty list when the region has no
    targets file."""
    return load_catalog(region, calibration_dir).targets


def indicator_groups(targets) -> dict[str, list]:
    """Targets by the indicator they are set on (variable and selected element), keyed by the
    chart's file stem, e.g. standardized_management_rate_hypertension (one chart each)."""
    groups: dict[str, list] = {}
    for target in targets:
        parts = [target.indicator] + [str(v).replace(" ", "_").lower()
                                      for _, v in sorted(target.select.items())]
        groups.setdefault("_".join(parts), []).append(target)
    return groups


# --------------------------------------------------------------------------------------------
# The catalog against the plan documents

#: A seed line or line range as sources cite it: seeds/004_7550778e61264481.txt:107-113.
SEED_CITATION = re.compile(r"seeds/(?P<file>[\w.-]+?\.txt):(?P<first>\d+)(?:-(?P<last>\d+))?")

#: The seeds mix half- and full-width punctuation (000 writes "到2025年,65岁"); quotes in the
#: catalog are written full-width, so both sides are compared in one form, without spaces
#: (000:146 writes "6.6名/   10万人", 000:182 "50 %").
_ONE_WIDTH = str.maketrans({",": "，", "(": "（", ")": "）", ";": "；", ":": "：", "％": "%"})

#: Numbers as the plans write them: 30%, 0.77, 1:1.25, 20万 (= 200,000).
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(万)?(%)?")

#: The piece separator of a quote joined from parts of a line (or of a table's cells).
QUOTE_JOIN = "……"


def _plain(text: str) -> str:
    return "".join(text.split()).translate(_ONE_WIDTH)


def _numbers(lines: list[str], *, share: bool, percent_table: bool) -> list[float]:
    """The numbers written on `lines`, in the level's units: for a share, the percents (and the
    bare numbers of a table whose unit cell is a lone %); else every number, 万 multiplied out."""
    found = []
    for line in lines:
        for match in _NUMBER.finditer(line):
            value = float(match[1]) * (1e4 if match[2] else 1)
            if not share:
                found.append(value)
            elif match[3] or percent_table:
                found.append(value / 100)
    return found


def _has_level(entry, lines: list[str], *, percent_table: bool) -> bool:
    if isinstance(entry.level, str):
        return any(_plain(entry.level) in line for line in lines)
    return any(math.isclose(value, entry.level, rel_tol=1e-9, abs_tol=1e-12)
               for value in _numbers(lines, share=_is_share(entry), percent_table=percent_table))


def _shown(entry) -> str:
    if isinstance(entry.level, str):
        return entry.level
    return f"{entry.level * 100:g}%" if _is_share(entry) else f"{entry.level:g}"


def _is_share(entry) -> bool:
    if isinstance(entry, NotModelled):
        return entry.unit == SHARE
    output = BY_NAME.get(entry.indicator)
    return output is not None and output.units == "1"


def source_problems(entries, *, seeds_dir: str | os.PathLike[str]) -> list[str]:
    """What is wrong with the seed citations of `entries` (targets or not-modelled targets), one
    line each; empty when every cited seed line (or line range) holds the entry's level as text
    and, for a not-modelled target, each piece of its quote. A source that cites no seed line
    names a publication and is not checked here."""
    seeds = Path(seeds_dir)
    cache: dict[str, list[str]] = {}
    problems = []
    for entry in entries:
        for cite in SEED_CITATION.finditer(entry.source):
            where = f"{entry.id}: {cite[0]}"
            name = cite["file"]
            if name not in cache:
                path = seeds / name
                cache[name] = (path.read_text(encoding="utf-8").splitlines()
                               if path.is_file() else [])
            first, last = int(cite["first"]), int(cite["last"] or cite["first"])
            if not cache[name]:
                problems.append(f"{where}: no seed file {name} in {seeds}")
                continue
            if not 1 <= first <= last <= len(cache[name]):
                problems.append(f"{where}: the file has lines 1 to {len(cache[name])}")
                continue
            lines = [_plain(line) for line in cache[name][first - 1:last]]
            percent_table = "%" in lines
            if not _has_level(entry, lines, percent_table=percent_table):
                problems.append(f"{where}: the level {_shown(entry)} is not on the cited line")
            text = getattr(entry, "text", None)
            if text is None:
                continue
            for piece in text.split(QUOTE_JOIN):
                if not any(_plain(piece) in line for line in lines):
                    problems.append(f"{where}: the quote {piece!r} is not on the cited line")
            if not _has_level(entry, [_plain(text)], percent_table=percent_table):
                problems.append(f"{entry.id}: the quote {text!r} does not hold the level "
                                f"{_shown(entry)}")
    return problems
