"""Between the model's labels and the project's: one convention, sim.engine's.

Inputs and results label ages as integers 0..100 and call `bed type` `bed_type`; the model
names ages a0..a100. sim.engine holds that convention (`DIMENSION_NAMES`, `to_model_array`,
`from_model_array`) for PySD; the batch engine uses the same functions, so that both engines'
Datasets are labelled alike by construction.
"""

from __future__ import annotations

import re

import numpy as np
import xarray as xr

from sim.engine import DIMENSION_NAMES, from_model_array, to_model_array

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
