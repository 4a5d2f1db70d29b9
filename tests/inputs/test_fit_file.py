"""A missing or damaged fit.yaml (sim.inputs.fitted.apply_fit) and a missing history.csv
(sim.inputs.folders.region_folder): one line naming the file, the key and what to do, never a
silent fall-back to the unfitted defaults (2020 births 92,620 instead of 94,613) nor a traceback.

Decision: a region whose folder holds history.csv is meant to be fitted, so its fit.yaml must be
there; a draft region without history.csv runs on its profile alone. Every test damages a copy
of the calibration folder in tmp_path, never the real files."""

import shutil

import pytest
import yaml

from sim.analysis.calibration import fit as region_fit
from sim.core.errors import InputError
from sim.core.paths import CALIBRATION_DIR, FIT_FILE, HISTORY_FILE
from sim.inputs.history import load_history
from sim.inputs.region import load_region
from sim.interfaces import cli
from tests.helpers import edit_history


@pytest.fixture
def copy(tmp_path):
    """A copy of hangzhou's calibration folder (and the common age patterns)."""
    root = tmp_path / "calibration"
    for name in ("hangzhou", "common"):
        shutil.copytree(CALIBRATION_DIR / name, root / name, ignore=shutil.ignore_patterns("fit"))
    return root


def fit_error(root) -> str:
    with pytest.raises(InputError) as caught:
        load_region("hangzhou", root)
    message = str(caught.value)
    assert "\n" not in message and message.split(": ")[0].endswith(f"hangzhou/{FIT_FILE}")
    return message


def test_the_copy_loads_with_its_fit(copy):
    fitted = load_region("hangzhou", copy).provenance["population.net_migration"].source
    assert FIT_FILE in fitted


def test_a_deleted_fit_names_the_file_and_the_command(copy):
    (copy / "hangzhou" / FIT_FILE).unlink()
    message = fit_error(copy)
    assert "fit file not found" in message
    assert "`python -m sim calibrate hangzhou`" in message
    # the profile alone still loads for calibrate itself
    assert load_region("hangzhou", copy, use_fit=False).name == "hangzhou"


def test_a_region_without_history_needs_no_fit(copy):
    (copy / "hangzhou" / FIT_FILE).unlink()
    (copy / "hangzhou" / HISTORY_FILE).unlink()
    region = load_region("hangzhou", copy)
    assert FIT_FILE not in region.provenance["population.net_migration"].source


@pytest.mark.parametrize("lines", [400, 200, 20])   # forward window, scenario_defaults lost
def test_a_fit_cut_short_names_the_missing_key(copy, lines):
    path = copy / "hangzhou" / FIT_FILE
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(text[:lines]), encoding="utf-8")
    message = fit_error(copy)
    assert "windows.forward: missing (file cut short?)" in message or "windows: missing" in message
    assert "python -m sim calibrate hangzhou" in message


def test_a_fit_cut_before_its_defaults_names_scenario_defaults(copy):
    path = copy / "hangzhou" / FIT_FILE
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert record["windows"]["forward"]["accepted"] is True
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("scenario_defaults:")], encoding="utf-8")
    assert "scenario_defaults: missing (file cut short?)" in fit_error(copy)


def test_a_fit_cut_mid_line_is_malformed_yaml_or_a_missing_key(copy):
    path = copy / "hangzhou" / FIT_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:len(text) // 2] + "\n  broken: [", encoding="utf-8")
    assert "malformed YAML" in fit_error(copy)


@pytest.mark.parametrize("replace, key, problem", [
    ("profile.yaml: ", "data_sha256.profile.yaml", "not a hash"),    # non-hex digest
    ("data_sha256:\n", "data_sha256", "not a mapping"),                # a text, not a mapping
])
def test_a_non_hex_or_mistyped_hash_names_the_key(copy, replace, key, problem):
    path = copy / "hangzhou" / FIT_FILE
    text = path.read_text(encoding="utf-8")
    assert replace in text
    changed = {"profile.yaml: ": "profile.yaml: zz", "data_sha256:\n": "data_sha256: abc\nold:\n"}
    path.write_text(text.replace(replace, changed[replace], 1), encoding="utf-8")
    message = fit_error(copy)
    assert f": {key}: {problem}" in message


@pytest.mark.parametrize("edit, key, problem", [
    (lambda r: r["windows"]["forward"].update(accepted="yes"), "windows.forward.accepted",
     "not a yes/no"),
    (lambda r: r.update(scenario_defaults=[1, 2]), "scenario_defaults", "not a mapping"),
    (lambda r: r["scenario_defaults"].update({"population.tfr": 1.1}),
     "scenario_defaults.population.tfr", "not a mapping"),
])
def test_wrong_types_name_the_key(copy, edit, key, problem):
    path = copy / "hangzhou" / FIT_FILE
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(record)
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    assert f": {key}: {problem}" in fit_error(copy)


def test_a_fit_that_is_not_a_mapping_names_the_file(copy):
    (copy / "hangzhou" / FIT_FILE).write_text("- 1\n- 2\n", encoding="utf-8")
    assert "(top level): the top level is not a mapping" in fit_error(copy)


def test_a_missing_history_names_the_file_not_an_unknown_region(copy, monkeypatch, capsys):
    (copy / "hangzhou" / HISTORY_FILE).unlink()
    with pytest.raises(InputError, match="history.csv: \\(file\\): file not found") as caught:
        load_history("hangzhou", copy)
    assert "unknown region" not in str(caught.value)
    monkeypatch.setattr(region_fit, "CALIBRATION_DIR", copy)
    assert cli.main(["calibrate", "hangzhou", "--no-charts", "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "hangzhou/history.csv" in err[0] and "file not found" in err[0]
    with pytest.raises(InputError, match="unknown region"):   # a folder that is not there
        load_history("hangzhuo", copy)


def test_a_history_removed_or_edited_since_the_fit_is_refused(copy):
    """fit.yaml records history.csv's hash: scenarios refuse the fitted defaults once the
    history they were fitted to is gone or changed (as for an edited profile)."""
    history = copy / "hangzhou" / HISTORY_FILE
    text = edit_history(copy, "hangzhou")
    assert "data_sha256.history.csv" in fit_error(copy)
    assert "fitted to another version of history.csv" in fit_error(copy)
    history.unlink()
    with pytest.raises(InputError, match=r"hangzhou/history.csv: \(file\): file not found; "
                                         "restore it"):
        load_region("hangzhou", copy)
    history.write_bytes(text)
    load_region("hangzhou", copy)   # the history it was fitted to: fine again
