"""Fuzzing the inputs (issue 14, item 7): valid scenario and region files, broken by hypothesis
in their types, structure, size, Unicode and YAML features, always give exit status 2 and ONE
line on stderr naming the broken file, never a traceback, and never modify a file.

Every mutation is built to make the file invalid (a wrong type, an unknown key, a control
character, bytes that are not UTF-8, more than the size, nesting, value or number limits, a
Python tag, a duplicate key, a second document), so a run that passes validation is a failure
too. `validate` is called in process (`sim.interfaces.cli.main`) for speed; the budget is fixed
and derandomized, so every CI run tries the same examples.

fit.yaml is a record written by `calibrate`, not an analyst's file; its loader reads only the
keys it needs, so it gets only the mutations that break any YAML file.
"""

from __future__ import annotations

import copy
import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim.inputs.folders
from sim.core.paths import CALIBRATION_DIR, SCENARIOS_DIR
from sim.core.yamlio import MAX_FILE_BYTES
from sim.interfaces.cli import main

BUDGET = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture,
                                         HealthCheck.too_slow])
SCENARIOS = ("baseline.yaml", "plan.yaml", "low_fertility.yaml")  # plan, low_fertility extend

# --------------------------------------------------------------------------------------------
# Mutations of the parsed data: a value of the wrong type, or an unknown key

_text = st.text(min_size=1, max_size=30)  # any Unicode: CJK, RTL, emoji, U+2028, combining …
_scalars = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True), _text,
                     st.booleans())


def _wrong_type(value: Any) -> st.SearchStrategy:
    """Values that a field holding `value` cannot take (never None: optional fields take it)."""
    if isinstance(value, bool):
        return st.one_of(_text, st.lists(st.integers(), max_size=3))
    if isinstance(value, (int, float)):
        return st.one_of(_text, st.booleans(), st.lists(st.integers(), min_size=1, max_size=3),
                         st.dictionaries(_text, st.integers(), min_size=1, max_size=2))
    if isinstance(value, str):
        return st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(),
                         st.lists(_text, min_size=1, max_size=3),
                         st.dictionaries(_text, st.integers(), min_size=1, max_size=2))
    if isinstance(value, dict):
        return st.one_of(st.integers(), _text, st.lists(_scalars, max_size=3))
    return st.one_of(st.integers(), _text, st.dictionaries(_text, _scalars, max_size=2))


def _places(node: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every value below the top level."""
    found = []
    items = node.items() if isinstance(node, dict) else \
        enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        found.append(path + (key,))
        found.extend(_places(value, path + (key,)))
    return found


def _at(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def data_mutation(draw, data: dict) -> bytes:
    data = copy.deepcopy(data)
    if draw(st.booleans()):
        path = draw(st.sampled_from(_places(data)))
        parent = _at(data, path[:-1])
        parent[path[-1]] = draw(_wrong_type(parent[path[-1]]))
    else:
        mappings = [()] + [p for p in _places(data) if isinstance(_at(data, p), dict)]
        where = _at(data, draw(st.sampled_from(mappings)))
        where["zz" + draw(_text)] = draw(_scalars)  # "zz": never a key of ours
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                          default_flow_style=draw(st.sampled_from([False, None, True])),
                          width=draw(st.sampled_from([80, 10**6]))).encode()


# --------------------------------------------------------------------------------------------
# Mutations of the text: what breaks any YAML file

def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def _bomb(levels: int) -> str:
    lines = ["  b0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"  b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n" + "\n".join(lines)


APPENDED = st.one_of(
    st.integers(51, 3000).map(lambda d: f"zz_deep: {_deep(d)}\n"),
    st.integers(6, 14).map(lambda n: f"zz_bomb:{_bomb(n)}\n"),
    st.integers(51, 6000).map(lambda n: f"zz_number: {'7' * n}\n"),
    st.just("zz_loop: &loop [1, *loop]\n"),
    st.just("zz_tag: !!python/object/apply:os.system ['echo planted']\n"),
    st.just("zz_tag: !custom 1\n"),
    st.just("zz_open: [unclosed, {\n"),
    st.just("---\nsecond: document\n"),
)


@st.composite
def text_mutation(draw, text: str) -> bytes:
    kind = draw(st.sampled_from(["control", "not utf-8", "oversize", "append", "duplicate"]))
    raw = text.encode()
    if kind == "control":
        at = draw(st.integers(0, len(text)))
        char = draw(st.sampled_from("\x00\x01\x07\x08\x0c\x0e\x1b\x7f\ufffe"))
        return (text[:at] + char + text[at:]).encode()
    if kind == "not utf-8":
        at = draw(st.integers(0, len(raw)))
        bad = draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80\x80"]))
        return raw[:at] + bad + raw[at:]
    if kind == "oversize":
        return raw + b"\n# " + b"x" * (MAX_FILE_BYTES - len(raw)) + b"\n"
    if kind == "duplicate":  # the first top-level line again at the end
        first = next(line for line in text.splitlines() if line[:1].isalpha())
        return (text.rstrip("\n") + "\n" + first + "\n").encode()
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""  # allowed, and not the problem
    return bom + (text.rstrip("\n") + "\n" + draw(APPENDED)).encode()


# --------------------------------------------------------------------------------------------
# The checks

def _hashes(root: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _check(capsys, root: Path, scenario: Path, broken: Path, content: bytes) -> None:
    broken.write_bytes(content)
    before = _hashes(root)
    status = main(["validate", str(scenario)])
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert status == 2 and out == "", (status, out, err, content[:300])
    assert len(lines) == 1 and lines[0].startswith("error: "), (err, content[:300])
    assert broken.name in lines[0], (lines[0], broken.name)
    assert "Traceback" not in err
    assert _hashes(root) == before, "a file was modified"


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """A copy of Hangzhou's scenarios (the fuzz writes target.yaml beside them)."""
    root = tmp_path_factory.mktemp("fuzz-scenarios")
    shutil.copytree(SCENARIOS_DIR / "hangzhou", root / "hangzhou")
    return root


@pytest.fixture(scope="module")
def calibration(tmp_path_factory) -> Path:
    """A copy of the calibration folder whose Hangzhou has no history.csv and fit.yaml (a fit
    is tied to the profile's hash, so any change of the profile would be refused for that
    alone), and Lishui keeps its fit for the fit.yaml mutations."""
    root = tmp_path_factory.mktemp("fuzz-calibration") / "calibration"
    for name in ("common", "hangzhou", "lishui"):
        shutil.copytree(CALIBRATION_DIR / name, root / name,
                        ignore=shutil.ignore_patterns("fit"))
    (root / "hangzhou" / "history.csv").unlink()
    (root / "hangzhou" / "fit.yaml").unlink()
    return root


@pytest.mark.slow
@BUDGET
@given(data=st.data())
def test_broken_scenarios_give_one_line(library, capsys, data):
    source = library / "hangzhou" / data.draw(st.sampled_from(SCENARIOS))
    text = source.read_text(encoding="utf-8")
    content = data.draw(st.one_of(data_mutation(yaml.safe_load(text)), text_mutation(text)))
    target = library / "hangzhou" / "target.yaml"
    _check(capsys, library, target, target, content)


@pytest.mark.slow
@settings(BUDGET, max_examples=40)
@given(data=st.data())
def test_broken_region_files_give_one_line(calibration, tmp_path_factory, capsys, data):
    which = data.draw(st.sampled_from(["hangzhou/profile.yaml", "lishui/fit.yaml"]))
    broken = calibration / which
    original = broken.read_bytes()
    text = original.decode("utf-8")
    mutation = text_mutation(text) if which.endswith("fit.yaml") else \
        st.one_of(data_mutation(yaml.safe_load(text)), text_mutation(text))
    content = data.draw(mutation)
    scenario = calibration.parent / "s.yaml"
    region = which.split("/")[0]
    scenario.write_text(f"region: {region}\nyears: {{start: 2020, end: 2030}}\n")
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sim.inputs.folders, "CALIBRATION_DIR", calibration)
            _check(capsys, calibration.parent, scenario, broken, content)
    finally:
        broken.write_bytes(original)


def test_the_unbroken_copies_validate(library, calibration, capsys, monkeypatch):
    """The fuzz starts from valid files: each passes unbroken (so exit 2 is the mutation's)."""
    for name in SCENARIOS:
        assert main(["validate", str(library / "hangzhou" / name)]) == 0, capsys.readouterr()
    monkeypatch.setattr(sim.inputs.folders, "CALIBRATION_DIR", calibration)
    for region in ("hangzhou", "lishui"):
        scenario = calibration.parent / f"{region}.yaml"
        scenario.write_text(f"region: {region}\nyears: {{start: 2020, end: 2030}}\n")
        assert main(["validate", str(scenario)]) == 0, capsys.readouterr()
