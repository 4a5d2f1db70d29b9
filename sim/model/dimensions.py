"""Between the model's labels and the project's: one convention for both engines.

Inputs and results label ages as integers 0..100 and call `bed type` `bed_type`; the Vensim
model names ages a0..a100. PySD (sim.engines.pysd_runner) and the batch engine
(sim.engines.batch) both relabel through these functions, so that their Datasets are labelled
alike by construction.
"""

from __future__ import annotations

import xarray as xr

# Model subscript names that are not valid-looking Dataset dimension names.
DIMENSION_NAMES = {"bed type": "bed_type"}


def to_model_array(values: xr.DataArray) -> xr.DataArray:
    """Relabel integer ages 0..100 as the model's subscript names a0..a100, and dimension
    names as the model spells them."""
    values = values.rename({ours: model for model, ours in DIMENSION_NAMES.items()
                            if ours in values.dims})
    if "age" in values.dims:
        values = values.assign_coords(age=[f"a{int(a)}" for a in values["age"].values])
    return values


def from_model_array(values: xr.DataArray) -> xr.DataArray:
    """Relabel the model's a0..a100 as integer ages, rename dimensions, keep float64 data."""
    values = values.rename({model: ours for model, ours in DIMENSION_NAMES.items()
                            if model in values.dims})
    if "age" in values.dims:
        values = values.assign_coords(age=[int(str(a)[1:]) for a in values["age"].values])
    return values.astype("float64")
