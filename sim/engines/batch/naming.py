"""Between the model's labels and the project's, for the batch engine's arrays.

The convention itself (ages a0..a100 <-> 0..100, `bed type` <-> `bed_type`) is
sim.model.dimensions, shared with the PySD runner, so that both engines' Datasets are labelled
alike by construction.
"""

from __future__ import annotations

import re

import numpy as np
import xarray as xr

from sim.model.dimensions import DIMENSION_NAMES, from_model_array, to_model_array

_AGE_LABEL = re.compile(r"a\d+")


def to_model(values: xr.DataArray) -> xr.DataArray:
    """An input DataArray with the model's dimension names and element labels."""
    if "age" in values.dims and not np.issubdtype(values["age"].dtype, np.integer):
        return values.rename({ours: model for model, ours in DIMENSION_NAMES.items()
                              if ours in values.dims})
    return to_model_array(values)


def dataset_dims(dims: tuple[str, ...], coords: tuple[tuple[str, ...], ...]) -> dict:
    """Dimension name -> coordinate values as the results Dataset has them."""
    if not dims:
        return {}
    template = xr.DataArray(np.zeros([len(c) for c in coords]), dims=dims,
                            coords={d: list(c) for d, c in zip(dims, coords)})
    if "age" in dims and not all(_AGE_LABEL.fullmatch(str(a)) for a in template["age"].values):
        template = template.rename({m: o for m, o in DIMENSION_NAMES.items() if m in dims})
    else:
        template = from_model_array(template)
    return {d: template[d].values for d in template.dims}
