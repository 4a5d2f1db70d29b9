"""Baselines that do not assume the answer (issue 12): every lever default of every region profile
continues the observed pace or is a stated assumption, and none is derived from a target the
region is judged against; the baseline scenarios set no lever of their own.

The rule, checked on each lever default (sim.inputs.keys.keys_of_kind("lever")) of each
calibration/<region>/profile.yaml against that region's calibration/<region>/targets.yaml
(`targets:` and `not_modelled:`, both the plans' aims):

1. ``basis:`` is ``observed`` or ``assumption``. Observed: ``source`` names a publication, a
   research note or a data file (not only plan lines) and ``method`` says how the value continues
   it. Assumption: ``assumption: true`` with a range.
2. Its ``source`` and ``method`` (the value's derivation; a ``note`` may give context) cite no seed
   line that a target of the region cites, unless the basis is observed and the method says
   "observed" (a base-year value printed on a target's line).
3. Its ``source`` and ``method`` use no word of aiming (target, goal, aim, 目标): a baseline
   pursues no aim.
4. Its ``source`` and ``method`` do not write the level of any of the region's targets as a
   density (4.5 per 1,000, 6 per 10,000) or as the percentage of a share (30% for 0.30): this
   catches a derivation from a target that a publication sets, which has no seed line to cite.

And every scenarios/<region>/baseline*.yaml (and any file it extends) has no ``levers:``.
The guard tests plant each kind of derivation and check that it is caught.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from sim.core.errors import InputError
from sim.inputs.keys import keys_of_kind
from sim.inputs.region import load_region
from tests.scenario_fixtures import REGION, base_profile, make_calibration

ROOT = Path(__file__).resolve().parents[2]
CAL = ROOT / "calibration"
SCENARIOS = ROOT / "scenarios"
REGIONS = ["hangzhou", "lishui", "jiamusi"]
LEVERS = keys_of_kind("lever")

#: A seed line: "seeds/000_bace529e69db1a54.txt:276", "000:L276", "004:107-113".
SEED_REF = re.compile(r"seeds/(\d{3})_[0-9a-f]+\.txt:L?(\d+)(?:\s*[-–]\s*(\d+))?"
                      r"|(?<![\d.,])(\d{3}):L?(\d+)(?:[-–](\d+))?")
#: Words of aiming: a derivation that uses them pursues a plan's aim.
AIM_WORDS = re.compile(r"\b(targets?|goals?|aims?|aimed|aiming)\b|目标", re.IGNORECASE)
#: A publication, research note or data file in a source (what is left once plan lines are cut).
PUBLICATION = re.compile(r"https?://|www\.|\.(?:cn|com|org|net|html?|shtml)\b|research/|\.csv\b|"
                         r"health_2020|bulletin|communiqu|yearbook|公报|统计|年鉴|\(.*\d{4}.*\)")
#: A number written with a density unit or as a percentage.
WITH_UNIT = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s*(?:[^\s\d]+\s+){0,2}?"
                       r"(?:per\s+1,?000\b|per\s+10,?000\b|/\s*1,?000\b|/\s*10,?000\b|‰)")
PERCENT = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s*%")


def seed_lines(text: str) -> set[tuple[str, int]]:
    """(seed file number, line) of every seed line `text` cites, ranges expanded."""
    lines = set()
    for m in SEED_REF.finditer(text or ""):
        seed, first, last = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (
            m.group(4), m.group(5), m.group(6))
        lines.update((seed, n) for n in range(int(first), int(last or first) + 1))
    return lines


def catalog_entries(catalog: dict) -> list[dict]:
    """The plans' aims of a region: its judged targets and those it does not model."""
    return [*(catalog.get("targets") or []), *(catalog.get("not_modelled") or [])]


def catalog_levels(catalog: dict) -> list[tuple[str, float]]:
    """(id, level) of every aim of the catalog that has a number."""
    return [(t["id"], float(t["level"])) for t in catalog_entries(catalog)
            if isinstance(t.get("level"), (int, float))]


def writes_level(text: str, level: float) -> bool:
    """Whether `text` writes `level` with a density unit (4.5 per 1,000) or as a percentage of a
    share (70% for 0.70)."""
    if any(float(m.group(1)) == level for m in WITH_UNIT.finditer(text)):
        return True
    return level <= 1 and any(float(m.group(1)) == round(100 * level, 6)
                              for m in PERCENT.finditer(text))


def lever_problems(region: str, defaults: dict, catalog: dict) -> list[str]:
    """Every breach of the module's rule by the lever defaults of `region` (empty: none)."""
    target_lines = set().union(*(seed_lines(str(t.get("source", "")))
                                 for t in catalog_entries(catalog)))
    levels = catalog_levels(catalog)
    problems = []
    for key in LEVERS:
        q = defaults.get(key) or {}
        where = f"{region}: defaults.{key}"
        basis = q.get("basis")
        source, method = str(q.get("source") or ""), str(q.get("method") or "")
        if basis not in ("observed", "assumption"):
            problems.append(f"{where}: basis is {basis!r}, not observed or assumption")
        if basis == "observed":
            if not method.strip():
                problems.append(f"{where}: observed, but no method says how it continues "
                                "the source")
            if not PUBLICATION.search(SEED_REF.sub("", source)):
                problems.append(f"{where}: observed, but the source names no publication, research "
                                f"note or data file: {source!r}")
        if basis == "assumption" and not (q.get("assumption") is True
                                          and q.get("low") is not None
                                          and q.get("high") is not None):
            problems.append(f"{where}: basis assumption without assumption: true and a range")
        derivation = f"{source} {method}"
        cited = seed_lines(derivation) & target_lines
        if cited and not (basis == "observed" and "observed" in method.lower()):
            lines = ", ".join(f"{seed}:L{n}" for seed, n in sorted(cited))
            problems.append(f"{where}: derived from the line of a target it is judged against "
                            f"({lines})")
        if AIM_WORDS.search(derivation):
            problems.append(f"{where}: the derivation pursues an aim "
                            f"({AIM_WORDS.search(derivation).group(0)!r})")
        for target, level in levels:
            if writes_level(derivation, level):
                problems.append(f"{where}: writes the level {level:g} of target {target}")
    return problems


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def baseline_scenario_problems(path: Path) -> list[str]:
    """A baseline scenario (and every file it extends) sets no lever: its levers are the
    profile's, policy continued at its observed pace."""
    problems = []
    while path is not None:
        data = read_yaml(path)
        if data.get("levers"):
            problems.append(f"{path.relative_to(path.parents[1])}: sets levers "
                            f"{sorted(data['levers'])} in a baseline")
        path = path.parent / data["extends"] if data.get("extends") else None
    return problems


# ---------------------------------------------------------------------------------------------
# The real profiles and baseline scenarios

@pytest.mark.parametrize("region", REGIONS)
def test_no_lever_default_is_derived_from_a_target(region):
    defaults = read_yaml(CAL / region / "profile.yaml")["defaults"]
    assert set(LEVERS) <= set(defaults)
    problems = lever_problems(region, defaults, read_yaml(CAL / region / "targets.yaml"))
    assert not problems, "\n".join(problems)


def test_the_catalogs_give_the_rule_something_to_check():
    # The rule is empty if the catalogs cite no plan line or no published level.
    catalogs = {r: read_yaml(CAL / r / "targets.yaml") for r in REGIONS}
    assert seed_lines(str(catalogs["hangzhou"])) >= {("000", 276), ("000", 182)}
    assert {level for _, level in catalog_levels(catalogs["hangzhou"])} >= {4.5, 3.7, 0.3}


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*/baseline*.yaml")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_baseline_scenarios_set_no_lever(path):
    assert not baseline_scenario_problems(path)


def test_every_region_has_a_baseline_and_a_plan():
    for region in REGIONS:
        assert (SCENARIOS / region / "baseline.yaml").is_file()
        plan = read_yaml(SCENARIOS / region / "plan.yaml")
        assert plan["extends"] == "baseline.yaml" and plan["levers"], region


# ---------------------------------------------------------------------------------------------
# Guards: each kind of derivation, planted, is caught.

@pytest.fixture(scope="module")
def hangzhou():
    return (read_yaml(CAL / "hangzhou" / "profile.yaml")["defaults"],
            read_yaml(CAL / "hangzhou" / "targets.yaml"))


def _planted(defaults: dict, key: str, **fields) -> dict:
    planted = copy.deepcopy(defaults)
    planted[key] = {"value": 100, "unit": planted[key]["unit"], **fields}
    return planted


PLANTED = [
    ("the target's plan line",
     "beds.nursing_conversion",
     {"basis": "assumption", "source": "seeds/000_bace529e69db1a54.txt:276",
      "method": "(30% x 2,506 primary-care beds - 251 nursing beds) / 5 = 100",
      "assumption": True, "low": 0, "high": 200, "note": "the plan's share reached"},
     "derived from the line of a target it is judged against (000:L276)"),
    ("the plan line in short form",
     "primary_care.contracting_target",
     {"basis": "observed", "source": "Hangzhou plan (000:L182), www.example.cn",
      "method": "the 2025 level, held"},
     "(000:L182)"),
    ("a published target's level",
     "care.infant_place_construction",
     {"basis": "observed", "source": "十四五公共服务规划 (research/external_data_2020.md §7)",
      "method": "(4.5 places per 1,000 x census total - 2020 places) / 5"},
     "writes the level 4.5 of target infant_care_places"),
    ("a target's share as a percentage, no line cited",
     "beds.nursing_conversion",
     {"basis": "assumption", "method": "(30% of primary-care beds - nursing beds) / 5",
      "assumption": True, "low": 0, "high": 200, "note": "none"},
     "writes the level 0.3 of target nursing_beds_share_of_primary_care"),
    ("a word of aiming",
     "workforce.doctors_per_1000_target",
     {"basis": "observed", "source": "Zhejiang work report 2021 (m.fyrmtzx.cn)",
      "method": "ramp from the 2020 ratio to the provincial goal"},
     "pursues an aim ('goal')"),
    ("no basis",
     "beds.nursing_construction",
     {"assumption": True, "low": 0, "high": 200, "note": "none"},
     "basis is None"),
    ("observed without a publication",
     "beds.rehabilitation_construction",
     {"basis": "observed", "source": "seeds/000_bace529e69db1a54.txt:260",
      "method": "the pace observed"},
     "the source names no publication"),
    ("an assumption without a range",
     "primary_care.screening_rate",
     {"basis": "assumption", "source": "www.example.cn (2023)", "method": "judgement"},
     "basis assumption without assumption: true and a range"),
]


@pytest.mark.parametrize("key, fields, expected", [c[1:] for c in PLANTED],
                         ids=[c[0] for c in PLANTED])
def test_a_planted_derivation_is_caught(hangzhou, key, fields, expected):
    defaults, catalog = hangzhou
    assert not lever_problems("hangzhou", defaults, catalog)
    problems = lever_problems("hangzhou", _planted(defaults, key, **fields), catalog)
    assert any(key in p and expected in p for p in problems), problems


def test_an_observed_base_year_value_on_a_target_line_is_allowed(hangzhou):
    defaults, catalog = hangzhou
    planted = _planted(defaults, "primary_care.contracting_target", basis="observed",
                       source="seeds/000_bace529e69db1a54.txt:182; 2020 bulletin",
                       method="the 2020 rate observed, printed on the plan line, held")
    assert not lever_problems("hangzhou", planted, catalog)


def test_a_baseline_that_sets_a_lever_is_caught(tmp_path):
    region = tmp_path / "scenarios" / "testville"
    region.mkdir(parents=True)
    (region / "base.yaml").write_text("name: base\nregion: testville\n"
                                      "levers:\n  beds.nursing_conversion: 100\n")
    (region / "baseline.yaml").write_text("name: baseline\nextends: base.yaml\n")
    problems = baseline_scenario_problems(region / "baseline.yaml")
    assert problems == ["testville/base.yaml: sets levers ['beds.nursing_conversion'] in a "
                        "baseline"]


# ---------------------------------------------------------------------------------------------
# The loader holds the basis rule for every profile, not only the three regions'.

LOADER_CASES = [
    ("lever without basis", "beds.nursing_conversion", {"basis": None},
     "defaults.beds.nursing_conversion.basis", "lever default without basis"),
    ("basis on an assumption key", "chronic.dropout_rate", {"basis": "observed"},
     "defaults.chronic.dropout_rate.basis", "basis on a value that is not a lever's default"),
    ("observed without method", "beds.nursing_conversion", {"method": None},
     "defaults.beds.nursing_conversion", "observed basis not cited"),
    ("assumption basis without a range", "beds.nursing_conversion", {"basis": "assumption"},
     "defaults.beds.nursing_conversion.assumption", "assumed basis without a range"),
    ("unknown basis", "beds.nursing_conversion", {"basis": "plan"},
     "defaults.beds.nursing_conversion.basis", "observed"),
]


@pytest.mark.parametrize("key, change, where, problem", [c[1:] for c in LOADER_CASES],
                         ids=[c[0] for c in LOADER_CASES])
def test_the_loader_requires_a_lever_basis(tmp_path, key, change, where, problem):
    profile = base_profile()
    quantity = profile["defaults"][key]
    for field, value in change.items():
        if value is None:
            quantity.pop(field, None)
        else:
            quantity[field] = value
    make_calibration(tmp_path, profile=profile)
    with pytest.raises(InputError) as info:
        load_region(REGION, calibration_dir=tmp_path)
    message = str(info.value)
    assert f": {where}: " in message and problem in message, message
