"""The batch engine's results as the same xarray Dataset as PySD's
(sim.engines.pysd_runner.frame_to_dataset).

One variable per output, dimensions `time` (whole years) then the model variable's dimensions
with the project's labels (sim.engines.batch.naming); with more than one sample, a leading
`sample` dimension (0..samples-1). Values shared by every sample are broadcast views, not copies.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from sim.engines.batch.naming import dataset_dims
from sim.engines.batch.structure import CompiledModel


def to_dataset(saved: dict[str, np.ndarray], model: CompiledModel, outputs: dict[str, str],
               start: int, samples: int) -> xr.Dataset:
    """`saved`: variable key -> (years, 1 or samples, *dims); `outputs`: Dataset name ->
    variable key."""
    years: np.ndarray | list[int] = (
        np.arange(start, start + next(iter(saved.values())).shape[0]) if saved else [])
    coords: dict = {"time": years}
    if samples > 1:
        coords = {"sample": np.arange(samples), **coords}
    data = {}
    for name, key in outputs.items():
        values = saved[key]
        shape = model.variables[key].shape
        dims = dataset_dims(shape.dims, shape.coords)
        coords.update(dims)
        if samples == 1:
            data[name] = (("time", *dims), values[:, 0])
        else:
            values = np.broadcast_to(values, (values.shape[0], samples, *values.shape[2:]))
            data[name] = (("sample", "time", *dims), values.swapaxes(0, 1))
    # One set of coordinates for all variables (each dimension is one model range): cheaper
    # than aligning a DataArray per variable, and the same Dataset.
    return xr.Dataset(data, coords=coords)
