"""Drawn values of a scenario's uncertain inputs (sim.runs.assumption_space) -> model inputs
per sample -> the batch engine, in fixed blocks of samples, here or on a Dask cluster.

**Time-varying assumptions.** The profile's low..high of a series describe the level the
series reaches and holds (profile ``note:`` fields: the TFR ramp 1.04 -> 0.84 has range
0.624-1.352; life expectancy 83.12 (2020) -> 89.12 (2050), range 82.12-92.12; net migration
204,000 then 145,000 held, range 50,000-300,000). So `Assumption.central` is the series' end
value (its last written value), and a drawn value x gives the path

    central(t) + (x - central) · w(t)

with w rising linearly from 0 at the first year the series mentions to 1 at its last (held
at 0 before and 1 after; w = 1 for a constant). The base-year values, which come from data,
stay; the drawn value is the level reached. Every sampled path is checked against the key's
allowed range (`sim.inputs.keys.KEYS`); a path outside it is refused with an error, never clipped.

**Levers from a posterior.** Levers are not uncertain inputs (a plan decides them), except the
supply paces a health window fits (`sim.inputs.keys.HEALTH_FITTED_KEYS`, China), which
sim.analysis.posterior_draws may give as whole paths per sample from the window's posterior
sample when the scenario does not set them.

**Life expectancy** becomes the yearly mortality level through a tabulated solve
(`sim.model.mortality.solve_levels`, within 1e-7 of the exact bisection, tested) whenever life
expectancy or the sex ratio at birth is sampled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from sim.core.errors import SimError, did_you_mean
from sim.engines.batch import BatchModel
from sim.inputs.keys import HEALTH_FITTED_KEYS, KEYS
from sim.inputs.national import mortality_standard
from sim.inputs.region import Region, load_region
from sim.inputs.scenario import Scenario, effective_series
from sim.inputs.timeseries import Series
from sim.model import MODEL_FILE, model_sha256, mortality
from sim.model.outputs import BY_NAME
from sim.model.parameters import (
    BED_TYPES,
    CASCADE_SHARES,
    CONDITIONS,
    HEALTH_SCALARS,
    LIFE_EXPECTANCY_KEY,
    SEX_RATIO_KEY,
    ModelInputs,
    build_inputs,
    infant_separation_factors,
)
from sim.runs import scaleout
from sim.runs.assumption_space import (
    HEALTH_PREFIX,
    HUKOU_KEY,
    NOT_ABOVE,
    Assumption,
    assumption_space,
)
from sim.runs.results import describe, provenance
from sim.runs.sampling import BLOCK, DEFAULT_CHUNK
from sim.runs.simulate import engine_name, resolved_scenario

__all__ = ["sampled_inputs", "SampledInputs", "run_sampled", "run_chunk", "target_values",
           "sampled_path"]

def _weights(series: Series, years: np.ndarray) -> np.ndarray:
    mentioned = series.years_mentioned()
    if len(mentioned) < 2:
        return np.ones(years.shape)
    first, last = mentioned[0], mentioned[-1]
    return np.clip((years - first) / (last - first), 0.0, 1.0)


def sampled_path(a: Assumption, years: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Paths (samples, years) of a series assumption for drawn levels x (module docstring)."""
    if a.series is None:
        raise SimError(f"{a.key}: a single figure, not a series; it has no path to sample")
    central = a.series.values(years)
    return central[None, :] + (np.asarray(x, dtype=float)[:, None] - a.central) * \
        _weights(a.series, years)[None, :]


@dataclass(frozen=True)
class SampledInputs:
    """A scenario's model inputs with some varied per sample: `shared` (as build_inputs gives
    them) and, by model variable, `constants` (DataArrays with a leading `sample` dim) and
    `series` (arrays (samples, years)) that override them."""

    shared: ModelInputs
    constants: dict[str, xr.DataArray]
    series: dict[str, np.ndarray]
    samples: int

    def part(self, rows: slice) -> tuple[dict, dict, int, frozenset]:
        """(constants, series, samples, names varied per sample) of the samples `rows`, in the
        batch engine's form (per-sample constants: DataArrays with a `sample` dim; series:
        arrays (samples, years))."""
        constants = dict(self.shared.constants)
        constants.update({k: v.isel(sample=rows) for k, v in self.constants.items()})
        series: dict[str, pd.Series | np.ndarray] = dict(self.shared.series)
        series.update({k: v[rows] for k, v in self.series.items()})
        return (constants, series, len(range(*rows.indices(self.samples))),
                frozenset(self.constants) | frozenset(self.series))


def _check_values(space: dict[str, Assumption], values: Mapping[str, np.ndarray],
                  scenario: Scenario, region: Region) -> int:
    lengths = set()
    for key, x in values.items():
        if key in scenario.values:
            raise SimError(f"{key}: set by the scenario file {scenario.path.name}, so held "
                           "fixed; it cannot be sampled")
        # a lever fitted by the health window may be given as posterior paths (module docstring)
        if key not in space and key not in HEALTH_FITTED_KEYS:
            raise SimError(f"{key}: not an uncertain input of this scenario"
                           + did_you_mean(key, space))
        x = np.asarray(x)
        # a series key may also be given whole paths, one row a sample (e.g. posterior draws)
        path = (x.ndim == 2 and (key not in space or space[key].series is not None)
                and x.shape[1] == len(scenario.years))
        if key not in space and not path:
            raise SimError(f"{key}: a lever drawn from the health posterior is given as paths "
                           f"(samples, {len(scenario.years)} years)")
        if not (x.ndim == 1 or path) or x.size == 0 or not np.all(np.isfinite(x.astype(float))):
            raise SimError(f"{key}: sampled values must be a non-empty 1-D array of numbers "
                           f"(or, for a series, an array (samples, {len(scenario.years)} years) "
                           "of paths)")
        lengths.add(x.shape[0])
    if len(lengths) > 1:
        raise SimError(f"sampled values: arrays of different lengths {sorted(lengths)}; allowed: "
                       "one value per sample for every key")
    n = lengths.pop() if lengths else 1
    for child, parent in NOT_ABOVE.items():
        if child in values or parent in values:
            c, p = (np.broadcast_to(np.asarray(values[k], dtype=float) if k in values else
                                    region.health_2020[k.removeprefix(HEALTH_PREFIX)], (n,))
                    for k in (child, parent))
            bad = np.flatnonzero(c > p)
            if bad.size:
                i = int(bad[0])
                raise SimError(f"{child}: sample {i} is {c[i]:g}, above {parent} ({p[i]:g}); "
                               "the profile requires it not to be "
                               "(sim.runs.assumption_space.NOT_ABOVE)")
    return n


def sampled_inputs(scenario: Scenario, region: Region,
                   values: Mapping[str, np.ndarray]) -> SampledInputs:
    """Model inputs of the scenario with each key of `values` set per sample (keys not given
    stay at their central/default values): a drawn level (1-D, module docstring) or, for a
    series, a whole path per sample (samples, scenario years). Raises `SimError` for unknown
    keys, unequal lengths, broken pair rules or a sampled path outside its key's allowed range."""
    space = {a.key: a for a in assumption_space(scenario, region)}
    n = _check_values(space, values, scenario, region)
    series = effective_series(scenario, region)
    shared = build_inputs(region, series, scenario.start, scenario.end)
    years = scenario.years
    paths: dict[str, np.ndarray] = {}
    constants: dict[str, xr.DataArray] = {}
    health = {}
    for key, x in values.items():
        x = np.asarray(x, dtype=float)
        a = space.get(key)
        if key in KEYS:
            path = sampled_path(a, years, x) if a is not None and x.ndim == 1 else x
            spec = KEYS[key]
            bad = np.argwhere((path < spec.low) | (path > spec.high))
            if bad.size:
                s, t = bad[0]
                raise SimError(f"{key}: sample {s} gives {path[s, t]:g} in {years[t]}, outside "
                               f"the allowed {spec.low:g} to {spec.high:g} ({spec.unit})"
                               + (f"; the sampled range {a.low:g}-{a.high:g} does not fit "
                                  "this path" if a is not None else ""))
            paths[key] = path
        elif key == HUKOU_KEY:
            constants["initial hukou population"] = xr.DataArray(x, dims=["sample"])
        else:
            health[key.removeprefix(HEALTH_PREFIX)] = x
    sampled_series = {KEYS[k].model_variable: p for k, p in paths.items()
                      if k not in (LIFE_EXPECTANCY_KEY, SEX_RATIO_KEY)}
    if SEX_RATIO_KEY in paths:
        sampled_series[KEYS[SEX_RATIO_KEY].model_variable] = paths[SEX_RATIO_KEY]
    if LIFE_EXPECTANCY_KEY in paths or SEX_RATIO_KEY in paths:
        e0 = paths.get(LIFE_EXPECTANCY_KEY, series[LIFE_EXPECTANCY_KEY].values(years)[None])
        srb = paths.get(SEX_RATIO_KEY, series[SEX_RATIO_KEY].values(years)[None])
        sampled_series["mortality level"] = np.broadcast_to(
            mortality.solve_levels(_level_table(), e0, srb), (n, years.size)).copy()
    constants.update(_health_constants(shared, health, n))
    return SampledInputs(shared, constants, sampled_series, n)


_TABLE: list = []


def _level_table() -> mortality.LevelTable:
    """The e0 table of the census standard (built once per process, 0.5 s)."""
    if not _TABLE:
        standard = mortality_standard()
        a0 = infant_separation_factors(standard)
        _TABLE.append(mortality.level_table(
            {s: standard.sel(sex=s).values for s in ("female", "male")}, a0))
    return _TABLE[0]


def _health_constants(shared: ModelInputs, health: dict[str, np.ndarray], n: int
                      ) -> dict[str, xr.DataArray]:
    """Per-sample model constants for sampled health_2020 entries (others keep the profile's)."""
    out: dict[str, xr.DataArray] = {}
    for entry, model in HEALTH_SCALARS.items():
        if entry in health:
            out[model] = xr.DataArray(health[entry], dims=["sample"])
    groups = [("initial beds", "bed type", {e: bt for bt, e in BED_TYPES.items()})]
    for model, suffix in CASCADE_SHARES.items():
        groups.append((model, "condition", {f"{c}_{suffix}": c for c in CONDITIONS}))
    for model, dim, elements in groups:
        if not any(e in health for e in elements):
            continue
        base = shared.constants[model]
        assert isinstance(base, xr.DataArray)  # build_inputs gives arrayed constants as arrays
        columns = [health[e] if e in health else np.full(n, float(base.sel({dim: el})))
                   for e, el in elements.items()]
        out[model] = xr.DataArray(np.stack(columns, axis=1), dims=["sample", dim],
                                  coords={dim: list(elements.values())})
    return out


# ---------------------------------------------------------------------------------------------
# Running and reading

# BLOCK and DEFAULT_CHUNK: see sim.runs.sampling (light, so the CLI's parser can show them).


def run_sampled(scenario: Scenario, values: Mapping[str, np.ndarray], *, scheduler=None,
                chunk: int = DEFAULT_CHUNK, progress=None, outputs=None,
                region: Region | None = None, block: int = BLOCK) -> xr.Dataset:
    """Run the scenario once per sample, each assumption key of `values` set per sample (arrays
    of equal length N; keys not given stay central). Chunks of `chunk` samples (a multiple of
    `block`) run in this process, or on a Dask cluster (`scheduler`: see
    sim.runs.scaleout.run_chunks). Returns the described results Dataset with a leading `sample`
    dimension (0..N-1); `outputs` (Dataset names) defaults to all of sim.model.outputs.OUTPUTS.
    Identical bits for any chunk size and scheduler, given the same `block`."""
    if not isinstance(block, (int, np.integer)) or block < 1:
        raise SimError(f"block: given {block!r}; allowed: a whole number of samples from 1")
    if isinstance(chunk, (int, np.integer)) and not isinstance(chunk, bool) and chunk >= 1 \
            and chunk % block:
        raise SimError(f"chunk: given {chunk}; allowed: a multiple of {block} (samples are "
                       f"integrated in blocks of {block}, so that results do not depend on the "
                       "chunking)")
    region = region or load_region(scenario.region)
    inputs = sampled_inputs(scenario, region, values)
    wanted = None if outputs is None else {name: BY_NAME[name].model for name in outputs}
    tasks = [(inputs.part(rows), scenario.start, scenario.end, wanted, block)
             for rows in scaleout.chunk_slices(inputs.samples, chunk)]
    parts = scaleout.run_chunks(run_chunk, tasks, scheduler=scheduler, progress=progress)
    ds = _concat(parts).assign_coords(sample=np.arange(inputs.samples))
    attrs = provenance(scenario, resolved_scenario(scenario, region), region, model_sha256(),
                       engine_name("batch"))
    return describe(ds, attrs)


def _concat(parts: list[xr.Dataset]) -> xr.Dataset:
    if len(parts) == 1:
        return parts[0]
    return xr.concat(parts, dim="sample", data_vars="all", coords="minimal", compat="override",
                     join="override")


def run_chunk(task) -> xr.Dataset:
    """One chunk on the batch engine, block by block (module-level, so Dask can ship it)."""
    (constants, series, n, sampled), start, end, outputs, block = task
    model = BatchModel.from_mdl(MODEL_FILE)
    parts = []
    for rows in (slice(i, min(i + block, n)) for i in range(0, n, block)):
        c = {k: v.isel(sample=rows) if k in sampled else v for k, v in constants.items()}
        s = {k: v[rows] if k in sampled else v for k, v in series.items()}
        size = rows.stop - rows.start
        # One engine chunk, one thread: the block is the unit (module docstring of BLOCK).
        # Yearly outputs (saveper=1), which the verdicts and fan charts read by year.
        ds = model.run(c, s, start, end, samples=size, saveper=1, outputs=outputs,
                       chunk=max(size, 2), threads=1)
        if "sample" not in ds.dims:
            ds = ds.expand_dims(sample=1)
        # Values shared by every sample are broadcast views: give each block its own copy.
        parts.append(ds.transpose("sample", ...).copy(deep=True))
    return _concat(parts)


def target_values(ds: xr.Dataset, targets) -> xr.DataArray:
    """(sample, target) value of each target's indicator in its deadline year, as
    sim.analysis.verdicts.judge reads it (the target's `select` applied); NaN where the deadline
    lies outside the run. Coordinate `target` holds the target ids."""
    years = ds["time"].to_numpy()
    columns = []
    for t in targets:
        if t.deadline in years:
            column = ds[t.indicator].sel(**t.select).sel(time=t.deadline).to_numpy()
        else:
            column = np.full(ds.sizes["sample"], np.nan)
        columns.append(np.asarray(column, dtype=float).reshape(ds.sizes["sample"]))
    data = np.stack(columns, axis=1) if columns else np.empty((ds.sizes["sample"], 0))
    return xr.DataArray(data, dims=("sample", "target"),
                        coords={"sample": ds["sample"].values, "target": [t.id for t in targets]},
                        name="value_at_deadline")
