"""Run the Vensim model with PySD and return an xarray Dataset.

PySD translates the .mdl into a Python module once; the translation is cached under
`.cache/pysd/<model hash>/` so that later runs only load it (translation takes ~2 s, a load
a fraction of that). A changed .mdl has a new hash and is translated afresh.
"""

from __future__ import annotations

import py_compile
import shutil
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from sim.core.errors import SimError
from sim.core.paths import cache_dir
from sim.model import MODEL_FILE, model_sha256
from sim.model.dimensions import from_model_array, to_model_array
from sim.model.outputs import OUTPUTS


def translated_model_path(path: Path = MODEL_FILE, progress=None) -> Path:
    """Path of PySD's Python translation of `path`, translating it if not cached yet.

    The translation is written to a temporary folder and renamed into place, so that an
    interrupted translation never leaves a half-written cache entry.
    """
    import pysd  # heavy: ~1 s to import, only for the PySD engine

    digest = model_sha256(path)[:16]
    target = cache_dir() / "pysd" / digest
    translated = target / (path.stem + ".py")
    if translated.exists():
        return translated
    if progress:
        progress("translating the Vensim model with PySD (first run after a model change)")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{digest}-", dir=target.parent))
    try:
        shutil.copy(path, work / path.name)
        pysd.read_vensim(str(work / path.name))
        # Compile once here: where bytecode writing is off (PYTHONDONTWRITEBYTECODE), every
        # load would otherwise recompile the ~1,500-line translation.
        py_compile.compile(str(work / (path.stem + ".py")), doraise=True)
        try:
            work.rename(target)
        except OSError:  # another process finished first; its copy is as good as ours
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
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
