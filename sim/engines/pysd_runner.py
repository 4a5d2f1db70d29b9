"""Run the Vensim model with PySD and return an xarray Dataset.

PySD translates the .mdl into a Python module once; the translation is cached under
`.cache/pysd/<model hash>/` so that later runs only load it (translation takes ~2 s, a load
a fraction of that). A changed .mdl has a new hash and is translated afresh. Being code, the
translation is imported only from a private folder (mode 0700, ours) and only while its files
match the SHA-256 recorded beside them when it was made.
"""

from __future__ import annotations

import hashlib
import json
import os
import py_compile
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from sim.core.errors import SimError
from sim.core.paths import private_cache_folder
from sim.core.paths import why_not_private as _private
from sim.model import MODEL_FILE, model_sha256
from sim.model.dimensions import from_model_array, to_model_array
from sim.model.outputs import OUTPUTS

#: The record of a translation's files and their SHA-256, kept beside them in the protected folder.
RECORD = "translation.sha256.json"


def _notice(progress, message: str) -> None:
    """One line on stderr, through `progress` when it prints, else directly: a cache that is
    thrown away is never thrown away silently (not even with --quiet)."""
    if progress and getattr(progress, "enabled", True):
        progress(message)
    else:
        print(message, file=sys.stderr, flush=True)


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cache_root(progress) -> Path:
    """`<cache>/pysd`, created with mode 0700. One that exists but fails `_private` is emptied
    and its permissions fixed when it is ours; otherwise this process translates into a
    private temporary folder of its own. Either way with a notice."""
    root, problem = private_cache_folder("pysd")
    if problem is None:
        return root
    try:
        if root.is_dir() and not root.is_symlink() and os.lstat(root).st_uid == os.getuid():
            os.chmod(root, 0o700)
            for entry in root.iterdir():  # anyone could have written here: keep nothing
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
            if _private(root) is None:
                _notice(progress, f"{root}: {problem}; emptied it and set mode 700, so the "
                                  "model is translated afresh")
                return root
    except OSError:
        pass
    elsewhere = Path(tempfile.mkdtemp(prefix="health-sim-pysd-"))  # mode 0700
    _notice(progress, f"{root}: {problem}; not trusted, translating into {elsewhere} instead")
    return elsewhere


def _verified(target: Path, translated: Path) -> str | None:
    """Why the cached translation in `target` cannot be imported, or None if it can: the
    folder is private and every file in its record has the SHA-256 recorded at translation."""
    if not target.exists() and not target.is_symlink():
        return ""  # not translated yet: nothing to report
    try:
        problem = _private(target)
        if problem:
            return f"{target} {problem}"
        record = json.loads((target / RECORD).read_text(encoding="utf-8"))
        if not isinstance(record, dict) or translated.name not in record:
            return f"{target / RECORD}: no record of {translated.name}"
        for name, digest in record.items():
            if not isinstance(name, str) or "/" in name.replace("__pycache__/", "", 1) \
                    or ".." in name:
                return f"{target / RECORD}: {name!r} is not a file of the translation"
            if _file_sha256(target / name) != digest:
                return f"{target / name}: its SHA-256 differs from the one recorded"
    except (OSError, ValueError) as error:
        return f"{target}: cannot be checked ({getattr(error, 'strerror', None) or error})"
    return None


def translated_model_path(path: Path = MODEL_FILE, progress=None) -> Path:
    """Path of PySD's Python translation of `path`, translating it if not cached yet.

    The translation is written to a temporary folder and renamed into place, so that an
    interrupted translation never leaves a half-written cache entry. It is imported only from
    a folder owned by the current user and writable by nobody else, after each of its files
    has matched the SHA-256 recorded when it was made; one that does not is translated afresh
    with a one-line notice on stderr.
    """
    import pysd  # heavy: ~1 s to import, only for the PySD engine

    digest = model_sha256(path)[:16]
    root = _cache_root(progress)
    target = root / digest
    translated = target / (path.stem + ".py")
    problem = _verified(target, translated)
    if problem is None:
        return translated
    if problem:
        _notice(progress, f"{problem}; not loaded, translating the model afresh")
        try:
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink()
        except OSError as error:
            raise SimError(f"{target}: cannot remove the untrusted translation "
                           f"({error.strerror}); remove it by hand") from None
    elif progress:
        progress("translating the Vensim model with PySD (first run after a model change)")
    work = Path(tempfile.mkdtemp(prefix=f".{digest}-", dir=root))  # mode 0700
    try:
        shutil.copy(path, work / path.name)
        pysd.read_vensim(str(work / path.name))
        # Compile once here: where bytecode writing is off (PYTHONDONTWRITEBYTECODE), every
        # load would otherwise recompile the ~1,500-line translation.
        py_compile.compile(str(work / translated.name), doraise=True)
        record = {str(f.relative_to(work)): _file_sha256(f)
                  for f in sorted(work.rglob("*")) if f.is_file()}
        (work / RECORD).write_text(json.dumps(record, indent=1), encoding="utf-8")
        try:
            work.rename(target)
        except OSError:  # another process finished first; its copy is checked as ours is
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if _verified(target, translated) is not None:
        raise SimError(f"{target}: the translation just made does not match its record; "
                       "remove the folder and run again")
    return translated


def load_model(path: Path = MODEL_FILE, progress=None):
    import pysd  # heavy: ~1 s to import, only for the PySD engine

    return pysd.load(str(translated_model_path(path, progress)))


def run_pysd(constants: dict[str, xr.DataArray | float], series: dict[str, pd.Series],
             start: int, end: int, progress=None) -> xr.Dataset:
    """Run the model from `start` to `end` with yearly output.

    `constants` maps model variable names to numbers or DataArrays (ages 0..100 as integers);
    `series` maps model variable names to yearly pandas Series. Returns a Dataset of every
    variable in sim.model.outputs.OUTPUTS with a numeric `time` coordinate.
    """
    model = load_model(progress=progress)
    params: dict[str, object] = {}
    for name, value in constants.items():
        params[name] = to_model_array(value) if isinstance(value, xr.DataArray) else value
    params.update(series)
    if progress:
        progress(f"running the model with PySD, {start}-{end}")
    with warnings.catch_warnings():
        # PySD warns each time a constant becomes a time series; that is how we feed paths.
        warnings.filterwarnings("ignore", message="Replacing a constant value with a time")
        frame = model.run(
            params=params,
            initial_condition="original",
            final_time=end,
            time_step=1,
            saveper=1,
            return_columns=[o.model for o in OUTPUTS],
            flatten_output=False,
        )
    if int(round(frame.index[0])) != start:
        raise SimError(f"the model's INITIAL TIME is {frame.index[0]}, the scenario starts {start}")
    return frame_to_dataset(frame)


def frame_to_dataset(frame: pd.DataFrame) -> xr.Dataset:
    """PySD's output (one column per variable, DataArrays in cells) as an xarray Dataset.

    The cells' values are stacked as plain arrays and labelled once: relabelling each cell
    with xarray costs more than the whole stack.
    """
    years = np.asarray(frame.index, dtype=float).round().astype(int)
    data = {}
    for output in OUTPUTS:
        column = frame[output.model]
        first = column.iloc[0]
        if isinstance(first, xr.DataArray):
            values = np.stack([np.asarray(cell.values, dtype="float64") for cell in column])
            template = from_model_array(first)
            data[output.name] = xr.DataArray(
                values, dims=("time", *template.dims),
                coords={"time": years, **{d: template[d].values for d in template.dims}})
        else:
            data[output.name] = xr.DataArray(column.to_numpy(dtype="float64"), dims=["time"],
                                             coords={"time": years})
    return xr.Dataset(data)
