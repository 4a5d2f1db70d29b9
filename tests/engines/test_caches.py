"""No code from caches (issue 14): what the engines keep on disk cannot make a later run execute
a planted file.

- The batch engine keeps PySD's parse as JSON data: a code-running pickle planted where the old
  cache lived never runs, and a JSON entry naming a class outside PySD's abstract model is not
  built (the cache is parsed afresh).
- PySD's translation (a Python module) is imported only from a private folder and only while
  its files match the SHA-256 recorded when it was made: an edited, a truncated, or a
  group/world-writable cache is translated afresh with a one-line notice, and heals.

Every test points HEALTH_SIM_CACHE at its own tmp_path, so the project's cache is untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import stat
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest

from sim.engines import pysd_runner
from sim.engines.batch import model as batch_model
from sim.engines.batch.model import BatchModel
from sim.model import MODEL_FILE, model_sha256
from tests.helpers import inputs_for

PLANT = "import pathlib; pathlib.Path({marker!r}).touch()\n"


class _Planted:
    """Unpickling this creates `marker`: the kind of file the old pickle cache would run."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _batch_run(inputs):
    model = BatchModel.from_mdl(MODEL_FILE)
    return model.run(inputs.constants, inputs.series, inputs.start, inputs.end)


@pytest.mark.slow  # parses the model from scratch (~1.3 s) twice
def test_a_planted_pickle_in_the_batch_cache_never_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTH_SIM_CACHE", str(tmp_path / "cache"))
    marker = tmp_path / "ran"
    planted = pickle.dumps(_Planted(marker))
    pickle.loads(planted)  # the plant works: loading it the old way runs code
    assert marker.exists()
    marker.unlink()
    key = hashlib.sha256(MODEL_FILE.read_bytes()).hexdigest()[:16] + "-pysd" + version("pysd")
    old = tmp_path / "cache" / "batch" / f"{MODEL_FILE.stem}-{key}.pickle"
    old.parent.mkdir(parents=True)
    old.write_bytes(planted)

    inputs = inputs_for("hangzhou")
    monkeypatch.setattr(batch_model, "_CACHE", {})
    parsed = _batch_run(inputs)  # parses the .mdl, writes the JSON entry
    written = list(old.parent.glob("*.json"))
    assert len(written) == 1
    monkeypatch.setattr(batch_model, "_CACHE", {})
    cached = _batch_run(inputs)  # reads the JSON entry
    assert not marker.exists()
    for name in parsed.data_vars:
        np.testing.assert_array_equal(cached[name].values, parsed[name].values)


@pytest.mark.slow  # parses the model from scratch (~1.3 s) twice
def test_the_batch_cache_is_data_and_builds_only_pysds_classes(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTH_SIM_CACHE", str(tmp_path))
    parsed = batch_model._abstract_model(MODEL_FILE)
    [entry] = (tmp_path / "batch").glob("*.json")
    loaded = batch_model._abstract_model(MODEL_FILE)
    assert type(loaded) is type(parsed)
    assert batch_model._to_json(loaded) == batch_model._to_json(parsed)

    # An entry naming anything outside PySD's abstract model is not built: parsed afresh.
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["@"] = "system"
    entry.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KeyError):
        batch_model._from_json(data)
    healed = batch_model._abstract_model(MODEL_FILE)
    assert batch_model._to_json(healed) == batch_model._to_json(parsed)
    assert json.loads(entry.read_text(encoding="utf-8"))["@"] == type(parsed).__name__


# --- PySD's translation ------------------------------------------------------------------

@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """One translation for the module, copied into each test's cache (translation takes
    ~2-6 s)."""
    cache = tmp_path_factory.mktemp("pristine")
    saved = os.environ.get("HEALTH_SIM_CACHE")
    os.environ["HEALTH_SIM_CACHE"] = str(cache)
    try:
        translated = pysd_runner.translated_model_path()
    finally:
        if saved is None:
            del os.environ["HEALTH_SIM_CACHE"]
        else:
            os.environ["HEALTH_SIM_CACHE"] = saved
    return cache / "pysd", translated.read_bytes()


@pytest.fixture
def cache(pristine, tmp_path, monkeypatch):
    """A copy of the pristine cache as this test's HEALTH_SIM_CACHE; returns its module file."""
    root, _ = pristine
    shutil.copytree(root, tmp_path / "cache" / "pysd")  # keeps the 0700 modes
    monkeypatch.setenv("HEALTH_SIM_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "pysd" / model_sha256()[:16] / (MODEL_FILE.stem + ".py")


def _notices(lines: list[str]) -> list[str]:
    return [line for line in lines if "translating" in line]


@pytest.mark.slow  # re-translates the model with PySD (~2-6 s)
def test_an_edited_translation_is_not_imported_and_heals(pristine, cache, tmp_path):
    _, original = pristine
    marker = tmp_path / "ran"
    cache.write_bytes(PLANT.format(marker=str(marker)).encode() + original)
    lines: list[str] = []
    model = pysd_runner.load_model(progress=lines.append)
    assert not marker.exists()
    [notice] = _notices(lines)
    assert "\n" not in notice and str(cache) in notice and "SHA-256" in notice
    assert cache.read_bytes() == original
    assert model.time() == 2020
    lines.clear()
    pysd_runner.load_model(progress=lines.append)  # healed: loads without a word
    assert _notices(lines) == []


@pytest.mark.slow  # re-translates the model with PySD (~2-6 s)
def test_a_truncated_translation_heals_with_a_notice_even_when_quiet(pristine, cache, capsys):
    _, original = pristine
    cache.write_bytes(original[: len(original) // 2])
    pysd_runner.load_model()  # progress=None, as with --quiet: the notice still prints
    err = capsys.readouterr().err.splitlines()
    assert len(_notices(err)) == 1 and str(cache) in err[0]
    assert cache.read_bytes() == original


@pytest.mark.slow  # re-translates the model with PySD (~2-6 s)
def test_a_cache_folder_others_can_write_is_not_trusted(pristine, cache, tmp_path):
    _, original = pristine
    # Whoever could write the folder could rewrite the record as well: plant both.
    marker = tmp_path / "ran"
    cache.write_bytes(PLANT.format(marker=str(marker)).encode() + original)
    record = cache.parent / pysd_runner.RECORD
    hashes = json.loads(record.read_text(encoding="utf-8"))
    hashes[cache.name] = hashlib.sha256(cache.read_bytes()).hexdigest()
    record.write_text(json.dumps(hashes), encoding="utf-8")
    root = cache.parent.parent
    os.chmod(root, 0o777)
    lines: list[str] = []
    pysd_runner.load_model(progress=lines.append)
    assert not marker.exists()
    assert any("writable by group or others" in line and str(root) in line for line in lines)
    assert stat.S_IMODE(os.stat(root).st_mode) == 0o700
    assert cache.read_bytes() == original


@pytest.mark.slow  # translates the model with PySD (~2-6 s)
def test_a_cache_folder_of_another_user_is_not_used(pristine, cache, tmp_path, monkeypatch):
    root = cache.parent.parent
    try:
        os.chown(root, 65534, 65534)
    except PermissionError:
        # only root can give a folder away; otherwise the runner is shown the folder as
        # another user's (uid 65534 in what lstat says of it, and of nothing else)
        real_lstat = os.lstat

        def lstat(path, *args, **kwargs):
            info = real_lstat(path, *args, **kwargs)
            if Path(path) != root:
                return info
            fields = list(info[:10])
            fields[stat.ST_UID] = 65534
            return os.stat_result(fields)

        monkeypatch.setattr(pysd_runner.os, "lstat", lstat)
    marker = tmp_path / "ran"
    cache.write_bytes(PLANT.format(marker=str(marker)).encode())
    lines: list[str] = []
    translated = pysd_runner.translated_model_path(progress=lines.append)
    assert not marker.exists()
    assert any("not by the current user" in line for line in lines)
    assert root not in translated.parents
    assert translated.read_bytes() == pristine[1]
    shutil.rmtree(translated.parent.parent)
