"""The batch engine's results as the same xarray Dataset as PySD's
(sim.engines.pysd_runner.frame_to_dataset).

One variable per output, dimensions `time` (the saved times; integers when they are all
whole numbers, as PySD's frame_to_dataset makes the project's yearly times) then the model
variable's dimensions with the project's labels (sim.engines.batch.naming); with more than one
sample, a leading `sample` dimension (0..samples-1). Values shared by every sample are
broadcast views, not copies.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from sim.engines.batch.naming import dataset_dims
from sim.engines.batch.structure import CompiledModel


def to_dataset(saved: dict[str, np.ndarray], model: CompiledModel, outputs: dict[str, str],
               times: np.ndarray, samples: int) -> xr.Dataset:
    """`saved`: variable key -> (times, 1 or samples, *dims); `outputs`: Dataset name ->
    variable key; `times`: the saved times."""
    whole = np.round(times)
    # The times as PySD's output index has them (rounded to the step's precision); whole
    # numbers as integers, as the project's yearly Datasets have always had them.
    labels = (whole.astype(int) if np.allclose(times, whole, rtol=0, atol=1e-9)
              else np.round(times, 10))
    coords: dict = {"time": labels}
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
