"""Bounded, early input checks (issue 14, item 3): a hostile scenario or region file is one line
naming the file, at once, with bounded memory; `validate` refuses every name `run` could not
write; `extends` never leaves the scenario tree, and no error quotes a file that is not the
offending scenario."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.core import yamlio
from sim.core.errors import InputError, show_value
from sim.core.paths import SCENARIOS_DIR
from sim.core.yamlio import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES, parse_yaml_text
from sim.inputs.scenario import MAX_NAME_CHARS, check_name, load_scenario
from sim.interfaces.cli import main
from tests.scenario_fixtures import make_calibration

OK = "region: testville\nyears: {start: 2020, end: 2035}\n"
HANGZHOU = "region: hangzhou\nyears: {start: 2020, end: 2030}\n"


@pytest.fixture
def cal(tmp_path: Path) -> Path:
    return make_calibration(tmp_path / "cal")


def validate(path: Path, capsys) -> tuple[int, str]:
    """`python -m sim validate path`, in process: (exit status, stderr)."""
    status = main(["validate", str(path)])
    return status, capsys.readouterr().err


def one_line_about(err: str, path: Path) -> str:
    """The one error line, checked to be one line naming `path` and without a traceback."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and path.name in lines[0], err
    assert "Traceback" not in err
    return lines[0]


def alias_bomb(levels: int, inside: str) -> str:
    """`levels` of anchors, each a list of ten aliases of the one before (10**levels values
    once expanded), placed under the key `inside`."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return HANGZHOU + "bomb:\n" + "\n".join("  " + line for line in lines) + \
        f"\n{inside}: *a{levels - 1}\n"


# --------------------------------------------------------------------------------------------
# Size, aliases, nesting, numbers, key count

def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path, capsys):
    path = tmp_path / "big.yaml"
    path.write_text(HANGZHOU + "description: '" + "x" * MAX_FILE_BYTES + "'\n")
    status, err = validate(path, capsys)
    line = one_line_about(err, path)
    assert status == 2
    assert "file too large" in line and "at most 1 MB (1,000,000 bytes)" in line, line
    assert f"given {path.stat().st_size:,} bytes" in line, line


def test_endless_file_is_read_only_up_to_the_limit(capsys):
    started = time.perf_counter()
    status, err = validate(Path("/dev/zero"), capsys)
    assert status == 2 and "file too large" in err and "more than 1,000,000 bytes" in err, err
    assert time.perf_counter() - started < 2


def test_alias_bomb_in_description_fails_fast_in_one_line(tmp_path, capsys):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(14, "description"))
    started = time.perf_counter()
    status, err = validate(path, capsys)
    seconds = time.perf_counter() - started
    line = one_line_about(err, path)
    assert status == 2 and seconds < 2, (status, seconds)
    assert "too many values" in line and f"at most {MAX_VALUES:,} keys and values" in line, line


def test_error_rendering_never_expands_aliases():
    bomb: list = ["lol"] * 10
    for _ in range(30):
        bomb = [bomb] * 10        # 10**31 values if expanded
    started = time.perf_counter()
    text = show_value(bomb)
    assert time.perf_counter() - started < 0.1 and len(text) <= 80, text
    itself: list = [1]
    itself.append(itself)
    assert show_value(itself) == "[1, [...]]"


def test_alias_inside_its_own_value_is_refused(tmp_path, capsys):
    path = tmp_path / "loop.yaml"
    path.write_text(HANGZHOU + "description: &x [1, *x]\n")
    status, err = validate(path, capsys)
    line = one_line_about(err, path)
    assert status == 2 and "line 3, column 21" in line and "contains itself" in line, line


def test_small_aliases_still_load():
    data = parse_yaml_text("a: &x {b: 1}\nc: *x\n")
    assert data == {"a": {"b": 1}, "c": {"b": 1}}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 990])
def test_deep_nesting_is_one_line(tmp_path, capsys, depth):
    path = tmp_path / "deep.yaml"
    path.write_text(HANGZHOU + "".join(" " * i + f"k{i}:\n" for i in range(depth))
                    + " " * depth + "v: 1\n")
    status, err = validate(path, capsys)
    line = one_line_about(err, path)
    assert status == 2 and "nested too deeply" in line, line
    assert f"at most {MAX_DEPTH} levels" in line, line


def test_flow_nesting_past_the_parser_limit_is_one_line(tmp_path, capsys):
    path = tmp_path / "deep.yaml"
    path.write_text(HANGZHOU + "description: " + "[" * 5000 + "]" * 5000 + "\n")
    status, err = validate(path, capsys)
    line = one_line_about(err, path)
    assert status == 2 and ("nested too deeply" in line or "malformed YAML" in line), line


def test_nesting_at_the_limit_is_read():
    # MAX_DEPTH mappings: the top level and MAX_DEPTH - 1 nested in it
    text = "".join(" " * i + f"k{i}:\n" for i in range(MAX_DEPTH - 1)) + \
        " " * (MAX_DEPTH - 1) + "v: 1\n"
    node = parse_yaml_text(text)
    for i in range(MAX_DEPTH - 1):
        node = node[f"k{i}"]
    assert node == {"v": 1}


@pytest.mark.parametrize("number", ["1" * 5000, "-" + "9" * 60, "1." + "5" * 60 + "e+3"])
def test_long_number_is_one_line(tmp_path, capsys, number):
    path = tmp_path / "long.yaml"
    path.write_text(HANGZHOU + f"assumptions:\n  population.tfr: {number}\n")
    status, err = validate(path, capsys)
    line = one_line_about(err, path)
    assert status == 2 and "number too long" in line, line
    assert f"a number of {len(number):,} characters" in line, line


def test_long_quoted_text_is_not_a_number():
    assert parse_yaml_text(f"d: '{'1' * 5000}'\n")["d"] == "1" * 5000


def test_too_many_values_is_one_line_at_once(tmp_path, capsys):
    path = tmp_path / "many.yaml"
    path.write_text(HANGZHOU + "description: [" + "1," * (MAX_VALUES + 10) + "1]\n")
    assert path.stat().st_size < MAX_FILE_BYTES  # the count, not the size, refuses it
    started = time.perf_counter()
    status, err = validate(path, capsys)
    line = one_line_about(err, path)
    assert status == 2 and "too many values" in line and time.perf_counter() - started < 2


def test_bounds_apply_to_region_files_too(tmp_path):
    cal = make_calibration(tmp_path / "cal")
    profile = cal / "testville" / "profile.yaml"
    profile.write_text(profile.read_text() + "\nzz: [" + "1," * (MAX_VALUES + 1) + "1]\n")
    from sim.inputs.region import load_region
    with pytest.raises(InputError, match=r"profile\.yaml: line \d+, column \d+: too many values"):
        load_region("testville", calibration_dir=cal)


def test_bounds_check_reads_events_only(monkeypatch):
    """The bounds are checked before anything is constructed: a bomb never reaches the
    constructor (which would build it)."""
    built = []
    monkeypatch.setattr(yamlio.StrictLoader, "construct_document",
                        lambda self, node: built.append(node))
    with pytest.raises(InputError, match="too many values"):
        parse_yaml_text(alias_bomb(8, "description"))
    assert built == []


# --------------------------------------------------------------------------------------------
# Names: validate refuses what run could not write

BAD_NAMES = {
    "NUL": '"a\\0b"',
    "newline": '"a\\nb"',
    "tab": '"a\\tb"',
    "bell": '"a\\ab"',
    "slash": "a/b",
    "backslash": '"a\\\\b"',
    "dot-dot": "..",
    "hidden": ".hidden",
    "dash first": "-rf",
    "trailing space": '"plan "',
    "empty": '""',
    "too many characters": "a" * (MAX_NAME_CHARS + 1),
    "over 255 bytes": "规划" * 43,  # 86 characters, 258 bytes
    "colon-free punctuation": '"a*b"',
}


@pytest.mark.parametrize("written", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_validate_refuses_unusable_names(tmp_path, capsys, written):
    path = tmp_path / "s.yaml"
    path.write_text(HANGZHOU + f"name: {written}\n", encoding="utf-8")
    status, err = validate(path, capsys)
    line = one_line_about(err, path)
    assert status == 2 and ": name: unusable name; given " in line, line


@pytest.mark.parametrize("name", ["low_fertility", "plan (2025)", "杭州 基线", "v1.2+gp", "_x"])
def test_usable_names_pass(tmp_path, capsys, name):
    path = tmp_path / "s.yaml"
    path.write_text(HANGZHOU + f"name: '{name}'\n", encoding="utf-8")
    status, err = validate(path, capsys)
    assert status == 0 and err == "", err


def test_name_taken_from_an_unusable_file_name_is_refused(tmp_path, capsys):
    path = tmp_path / "bad\nname.yaml"
    path.write_text(HANGZHOU)
    status, err = validate(path, capsys)
    assert status == 2 and "unusable name (taken from the file name)" in err, err
    assert len(err.strip().splitlines()) == 1, err


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(min_size=1, max_size=120))
def test_every_accepted_name_can_name_a_folder(tmp_path_factory, name):
    try:
        check_name(name, Path("s.yaml"))
    except InputError:
        return
    folder = tmp_path_factory.mktemp("names") / name
    folder.mkdir()
    assert folder.is_dir() and folder.name == name and "\n" not in name


# --------------------------------------------------------------------------------------------
# extends stays in the scenario tree; errors quote no other file

def test_extends_outside_the_tree_is_refused_without_reading(tmp_path, capsys, monkeypatch):
    path = tmp_path / "s.yaml"
    path.write_text(HANGZHOU + "extends: /etc/passwd\n")
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda f, *a, **k: (opened.append(str(f)),
                                                             real_open(f, *a, **k))[1])
    status, err = validate(path, capsys)
    line = one_line_about(err, path)
    assert status == 2 and "extends: outside the scenario tree (not read)" in line, line
    assert "root:" not in line and "/etc/passwd" not in opened


def test_extends_of_a_secret_outside_quotes_nothing_of_it(tmp_path, cal):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "secret.yaml").write_text("SECRET-TOKEN: [unclosed\n")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "s.yaml").write_text(OK + "extends: ../other/secret.yaml\n")
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "lib" / "s.yaml", calibration_dir=cal)
    assert "SECRET" not in str(info.value) and "outside the scenario tree" in str(info.value)


def test_extends_through_a_symlink_out_of_the_tree_is_refused(tmp_path, cal):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "secret.yaml").write_text("SECRET-TOKEN: [unclosed\n")
    (tmp_path / "lib").mkdir()
    os.symlink(tmp_path / "other" / "secret.yaml", tmp_path / "lib" / "base.yaml")
    (tmp_path / "lib" / "s.yaml").write_text(OK + "extends: base.yaml\n")
    with pytest.raises(InputError, match="outside the scenario tree") as info:
        load_scenario(tmp_path / "lib" / "s.yaml", calibration_dir=cal)
    assert "SECRET" not in str(info.value)


def test_extends_of_a_file_that_is_not_yaml_is_refused(tmp_path, cal):
    (tmp_path / "notes.txt").write_text("region: testville\n")
    (tmp_path / "s.yaml").write_text(OK + "extends: notes.txt\n")
    with pytest.raises(InputError, match=r"extends: outside the scenario tree \(not read\); "
                                         r'given "notes.txt"; allowed: a \.yaml scenario'):
        load_scenario(tmp_path / "s.yaml", calibration_dir=cal)


def test_extends_resolves_from_the_real_folder_of_a_symlinked_file(tmp_path, cal):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "base.yaml").write_text(OK)
    (tmp_path / "real" / "child.yaml").write_text("extends: base.yaml\n")
    (tmp_path / "links").mkdir()
    os.symlink(tmp_path / "real" / "child.yaml", tmp_path / "links" / "child.yaml")
    s = load_scenario(tmp_path / "links" / "child.yaml", calibration_dir=cal)
    assert s.chain[1] == tmp_path / "real" / "base.yaml" and s.region == "testville"


def test_a_draft_anywhere_may_extend_the_library(tmp_path):
    (tmp_path / "draft.yaml").write_text(f"extends: {SCENARIOS_DIR / 'hangzhou' / 'baseline.yaml'}"
                                         "\nyears: {end: 2030}\n")
    s = load_scenario(tmp_path / "draft.yaml")
    assert s.region == "hangzhou" and s.end == 2030 and len(s.chain) == 2
