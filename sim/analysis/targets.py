"""Plan targets of a region: ``calibration/<region>/targets.yaml``.

Each target names an indicator (a variable of the results Dataset, optionally one element of
a subscript such as ``condition: hypertension``), a comparison, a level, a deadline year and
the plan text that sets it. Charts draw them as target lines; verdicts (reached? when?)
build on the same catalog.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from sim.core.errors import InputError, Verbatim, did_you_mean, one_of
from sim.core.paths import CALIBRATION_DIR, TARGETS_FILE
from sim.core.schema import StrictModel, load_yaml_model
from sim.inputs.keys import BASE_YEAR, MAX_END_YEAR
from sim.model.outputs import BY_NAME

#: Subscripts a target may select one element of, and the elements allowed.
SELECTABLE = {"condition": ("hypertension", "diabetes"),
              "bed_type": ("hospital general", "hospital TCM", "hospital rehabilitation",
                           "primary general", "primary nursing")}


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


class _TargetsFile(StrictModel):
    region: str = Field(description="the region folder's name")
    targets: list[_Target] = Field(description="a list of targets")


@dataclass(frozen=True)
class Target:
    id: str
    indicator: str
    select: dict
    comparison: str
    level: float
    deadline: int
    source: str


def load_targets(region: str, calibration_dir: str | os.PathLike[str] | None = None
                 ) -> list[Target]:
    """The region's targets, validated; an empty list when the region has no targets file."""
    path = Path(calibration_dir or CALIBRATION_DIR) / region / TARGETS_FILE
    if not path.exists():
        return []
    parsed, _ = load_yaml_model(path, _TargetsFile)
    if parsed.region != region:
        raise InputError(path, "region", parsed.region, f"{region!r} (the folder's name)",
                         "region does not match its folder")
    seen: set[str] = set()
    targets = []
    for i, t in enumerate(parsed.targets):
        key = f"targets.{i}"
        if t.id in seen:
            raise InputError(path, f"{key}.id", t.id, "an id not used before in the file",
                             "duplicate target id")
        seen.add(t.id)
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
    return targets


def indicator_groups(targets) -> dict[str, list]:
    """Targets by the indicator they are set on (variable and selected element), keyed by the
    chart's file stem, e.g. standardized_management_rate_hypertension (one chart each)."""
    groups: dict[str, list] = {}
    for target in targets:
        parts = [target.indicator] + [str(v).replace(" ", "_").lower()
                                      for _, v in sorted(target.select.items())]
        groups.setdefault("_".join(parts), []).append(target)
    return groups
