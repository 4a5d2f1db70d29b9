"""A run's inputs as arrays on the model's dimensions, per sample where they vary.

Inputs are keyed by model variable name, as `sim.model.parameters.build_inputs` makes them:

- constants: a number, an `xarray.DataArray` over (some of) the variable's dimensions (ages as
  integers, `bed_type` or `bed type`), or a NumPy array of the variable's shape; a leading
  `sample` dimension (DataArray) or axis of length `samples` (NumPy) varies it per sample;
- series: a yearly `pandas.Series` indexed by year, a NumPy array over the years start..end
  (shape `(years,)`, or `(samples, years)` per sample), or a DataArray over `time` (and
  `sample`). Between the years the value is interpolated linearly and beyond them held, as
  PySD does with `np.interp`.

As in PySD, any variable but a stock may be given; a series replaces its equation by a path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from sim.core.errors import SimError, did_you_mean
from sim.engines.batch.axes import Array, Shape, full
from sim.engines.batch.naming import to_model
from sim.engines.batch.structure import CONTROL, CompiledModel, Variable


@dataclass(frozen=True)
class TimePath:
    """A variable's yearly values, interpolated in time."""
    times: np.ndarray    # (n,) increasing
    values: np.ndarray   # (1 or samples, n)
    shape: Shape

    def at(self, t: float) -> Array:
        times, values = self.times, self.values
        if values.shape[0] == 1:
            column = np.array([np.interp(t, times, values[0])])
        else:
            i = int(np.searchsorted(times, t))
            if i < times.size and times[i] == t:
                column = values[:, i]
            elif i == 0:
                column = values[:, 0]
            elif i == times.size:
                column = values[:, -1]
            else:  # np.interp's formula
                slope = (values[:, i] - values[:, i - 1]) / (times[i] - times[i - 1])
                column = slope * (t - times[i - 1]) + values[:, i - 1]
        return full(column.reshape((-1,) + (1,) * len(self.shape.dims)), self.shape)


@dataclass(frozen=True)
class Inputs:
    constants: dict[str, Array]   # key -> (1 or samples, *sizes)
    paths: dict[str, TimePath]

    def subset(self, samples: slice) -> Inputs:
        """The inputs of some of the samples (those that vary; the others are shared)."""
        def cut(a):
            return a if a.shape[0] == 1 else a[samples]
        return Inputs({k: cut(a) for k, a in self.constants.items()},
                      {k: TimePath(p.times, cut(p.values), p.shape)
                       for k, p in self.paths.items()})


def bind(model: CompiledModel, constants: Mapping, series: Mapping, start: int, end: int,
         samples: int) -> Inputs:
    bound: dict[str, Array] = {}
    paths: dict[str, TimePath] = {}
    for name, value in constants.items():
        var = _variable(model, name, "constants")
        paths.pop(var.key, None)
        bound[var.key] = _constant(value, var, samples, f"constants['{name}']")
    for name, value in series.items():
        var = _variable(model, name, "series")
        bound.pop(var.key, None)  # a series replaces a constant, as PySD's params.update does
        paths[var.key] = _path(value, var, samples, start, end, f"series['{name}']")
    return Inputs(bound, paths)


def prepared(model: CompiledModel, constants: Mapping) -> dict:
    """`constants` with every DataArray that does not vary per sample converted once to the
    array `bind` would make of it (the variable's element order, broadcast axes kept), so a
    caller that runs the same constants thousands of times (a posterior sampler) skips the
    conversion in each run (about a third of a short run's time). Same values, same layout:
    the runs give the same bits."""
    out = dict(constants)
    for name, value in constants.items():
        if isinstance(value, xr.DataArray) and "sample" not in value.dims:
            var = _variable(model, name, "constants")
            out[name] = _from_dataarray(value, var.shape, 1, f"constants['{name}']")[0]
    return out


def _variable(model: CompiledModel, name: str, where: str) -> Variable:
    key = model.key_of(str(name))
    if key is None:
        names = [v.name for v in model.variables.values()]
        raise SimError(f"{where}['{name}']: not a variable of {model.source}"
                       + did_you_mean(name, names))
    var = model.variables[key]
    if var.is_stock:
        raise SimError(f"{where}['{name}']: '{var.name}' is a stock; give its initial value "
                       "instead")
    if key in CONTROL:
        raise SimError(f"{where}['{name}']: the run's start, end and time step set "
                       f"'{var.name}'")
    return var


def _constant(value, var: Variable, samples: int, where: str) -> Array:
    shape = var.shape
    if isinstance(value, xr.DataArray):
        return _from_dataarray(value, shape, samples, where)
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise SimError(f"{where}: given {type(value).__name__}; allowed: a number, an "
                       "xarray.DataArray or a NumPy array") from None
    if array.ndim == 0:  # a number, for every element
        array = array.reshape((1,) * (1 + len(shape.dims)))
    elif array.shape == shape.sizes:
        array = array[None]
    elif array.shape != (samples, *shape.sizes):
        allowed = f"a number, shape {shape.sizes} for {shape}" if shape.dims else "a number"
        raise SimError(f"{where}: an array of shape {array.shape}; allowed: {allowed}, or "
                       f"shape {(samples, *shape.sizes)} (one per sample)")
    return full(array, shape)


def _from_dataarray(value: xr.DataArray, shape: Shape, samples: int, where: str) -> Array:
    value = to_model(value)
    extra = [d for d in value.dims if d not in shape.dims and d != "sample"]
    if extra:
        raise SimError(f"{where}: dimension '{extra[0]}' is not one of the variable's "
                       f"{shape}")
    _check_samples(value, samples, where)
    for dim, elements in zip(shape.dims, shape.coords):
        if dim in value.dims:
            labels = [str(c) for c in value[dim].values]
            missing = [e for e in elements if e not in labels]
            if missing:
                raise SimError(f"{where}: no value for {dim} '{missing[0]}'")
            value = value.isel({dim: [labels.index(e) for e in elements]})
    order = [d for d in ("sample", *shape.dims) if d in value.dims]
    array = np.asarray(value.transpose(*order).values, dtype=float)
    if "sample" not in value.dims:
        array = array[None]
    index = (slice(None), *(slice(None) if d in value.dims else None for d in shape.dims))
    return full(array[index], shape)


def _check_samples(value: xr.DataArray, samples: int, where: str) -> None:
    if "sample" in value.dims and value.sizes["sample"] != samples:
        raise SimError(f"{where}: {value.sizes['sample']} samples; the run has {samples}")


def _path(value, var: Variable, samples: int, start: int, end: int, where: str) -> TimePath:
    years = np.arange(start, end + 1, dtype=float)
    if isinstance(value, pd.Series):
        times = np.asarray(value.index, dtype=float)
        values = value.to_numpy(dtype=float)[None]
    elif isinstance(value, xr.DataArray):
        if "time" not in value.dims or set(value.dims) - {"time", "sample"}:
            raise SimError(f"{where}: dimensions {value.dims}; allowed: ('time',) or "
                           "('sample', 'time')")
        _check_samples(value, samples, where)
        times = np.asarray(value["time"].values, dtype=float)
        values = np.asarray(value.transpose(*[d for d in ("sample", "time")
                                              if d in value.dims]).values, dtype=float)
        values = values if values.ndim == 2 else values[None]
    else:
        try:
            values = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise SimError(f"{where}: given {type(value).__name__}; allowed: a pandas.Series "
                           "indexed by year, a NumPy array or an xarray.DataArray") from None
        times = years
        if values.shape == years.shape:
            values = values[None]
        elif values.shape != (samples, years.size):
            raise SimError(f"{where}: an array of shape {values.shape}; allowed: shape "
                           f"({years.size},) for the years {start}-{end}, or "
                           f"({samples}, {years.size}) (one path per sample)")
    if times.size == 0 or np.any(np.diff(times) <= 0):
        raise SimError(f"{where}: the years must be increasing")
    return TimePath(times, values, var.shape)
