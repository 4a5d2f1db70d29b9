"""A tiny fake calibration folder for tests of the scenario and region loaders.

Tests must not depend on the real region data (written separately), so they build this in
``tmp_path``: one region ``testville`` with 1000 persons per sex and age (total 202,000), a uniform
migration profile, and the shared tables in ``common/``.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import yaml

REGION = "testville"
PERSONS_PER_CELL = 1000.0
TOTAL = PERSONS_PER_CELL * 2 * 101

_SRC = "test fixture, tests/scenario_fixtures.py"

BASE_PROFILE: dict[str, Any] = {
    "region": REGION,
    "name_en": "Testville",
    "name_zh": "测试市",
    "base_year": 2020,
    "files": {"population": "population_2020.csv", "migration_profile": "migration_profile.csv"},
    "census_2020": {
        "total": {"value": TOTAL, "unit": "person", "source": _SRC},
        "male": {"value": TOTAL / 2, "unit": "person", "source": _SRC},
        "share_65_plus": {"value": 35.6, "unit": "percent", "source": _SRC},
    },
    "hukou_population_2020": {"value": 150000, "unit": "person", "source": _SRC,
                              "method": "made up"},
    "defaults": {
        "population.tfr": {"value": {"ramp": {"from": 1.1, "to": 0.9, "start": 2020, "end": 2030}},
                           "unit": "children per woman", "assumption": True, "low": 0.7,
                           "high": 1.5, "note": "a made-up decline"},
        "population.life_expectancy": {"value": {"table": {2020: 80.0, 2035: 83.0}},
                                       "unit": "year", "source": _SRC},
        "population.net_migration": {"value": 20000, "unit": "person/year", "source": _SRC},
        "population.sex_ratio_at_birth": {"value": 108, "unit": "boys per 100 girls",
                                          "source": _SRC},
        "population.hukou_net_transfers": {"value": {"step": {2020: 5000, 2025: 3000}},
                                           "unit": "person/year", "source": _SRC},
    },
}


def base_profile() -> dict[str, Any]:
    """A deep copy of the valid profile, for tests to break."""
    return copy.deepcopy(BASE_PROFILE)


def _sex_age_csv(value_of_age, comment: str) -> str:
    lines = [f"# {comment}", "# units: see the profile format", "age,female,male"]
    lines += [f"{a},{value_of_age(a)!r},{value_of_age(a)!r}" for a in range(101)]
    return "\n".join(lines) + "\n"


def write_profile(root: Path, profile: dict[str, Any] | str, region: str = REGION) -> Path:
    """Write `profile` (mapping, or raw YAML text) as <root>/<region>/profile.yaml."""
    path = root / region / "profile.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = profile if isinstance(profile, str) else yaml.safe_dump(profile, allow_unicode=True,
                                                                   sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def make_calibration(root: Path, region: str = REGION,
                     profile: dict[str, Any] | str | None = None) -> Path:
    """Create a valid fake calibration folder at `root` (returned); `profile` replaces the
    default profile.yaml contents."""
    common = root / "common"
    common.mkdir(parents=True, exist_ok=True)
    (common / "mortality_standard_2020.csv").write_text(
        _sex_age_csv(lambda a: 0.0005 * math.exp(0.085 * a), "fake Gompertz mortality"))
    fert = ["# fake flat fertility pattern over 15..49", "age,share"]
    fert += [f"{a},{(1 / 35 if 15 <= a <= 49 else 0.0)!r}" for a in range(101)]
    (common / "fertility_pattern_2020.csv").write_text("\n".join(fert) + "\n")

    folder = root / region
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "population_2020.csv").write_text(
        _sex_age_csv(lambda a: PERSONS_PER_CELL, "fake flat population"))
    (folder / "migration_profile.csv").write_text(
        _sex_age_csv(lambda a: 1 / 202, "fake uniform migration profile"))
    if profile is None:
        profile = {**base_profile(), "region": region}
    write_profile(root, profile, region)
    return root
