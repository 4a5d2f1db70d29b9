"""Global sensitivity analysis with SALib, independent of the model.

Given uncertain *factors* (each a name and a `ppf`: quantiles in [0, 1] -> values) and a
vectorised function f(X: (N, k)) -> Y: (N, m), this module estimates how much of each output's
variation each factor explains:

- **Sobol** (Saltelli's scheme on a scrambled Sobol' sequence, `SALib.sample.sobol`;
  `SALib.analyze.sobol`): first-order S1 (share of the output's variance due to the factor
  alone) and total ST (share including all its interactions), each with a 95% confidence
  half-width from SALib's bootstrap. N base samples cost N (k + 2) evaluations.
- **Morris** (elementary effects, `SALib.sample.morris` + `SALib.analyze.morris`): mu_star,
  the mean absolute change of the output when the factor moves by one grid step, divided by
  that step measured in quantiles, i.e. in output units per the factor's whole distribution
  range; its confidence half-width; sigma (spread of the effects: non-linearity or
  interactions). r trajectories cost r (k + 1) evaluations.

Why sample quantiles: SALib samples its own uniform box. We give it [0, 1] for every factor and
map each column through the factor's ppf, so a factor declared triangular is sampled as
triangular (Sobol indices are variance shares *under the declared distributions*), and Morris
steps are equal steps in probability, comparable across factors of different units.

Results are an `xarray.Dataset` over (output, factor); `to_table` gives the tidy rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import xarray as xr

from sim.core.errors import SimError

METHODS = ("sobol", "morris")
CONF_LEVEL = 0.95
BOOTSTRAP_RESAMPLES = 100      # SALib's default; enough for a 95% half-width to 2 digits
MORRIS_LEVELS = 4              # grid levels per factor (SALib's default; step = 2/3 of range)
INDICES = {"sobol": ("S1", "S1_conf", "ST", "ST_conf"),
           "morris": ("mu_star", "mu_star_conf", "sigma", "mu")}


class Factor(Protocol):
    """What an uncertain input must offer (sim.runs.assumption_space.Assumption does)."""
    @property
    def key(self) -> str: ...

    def ppf(self, u: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class UniformFactor:
    """A factor uniform on [low, high] (tests, and functions given by bounds only)."""
    key: str
    low: float
    high: float

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return self.low + np.asarray(u, dtype=float) * (self.high - self.low)


@dataclass(frozen=True)
class Design:
    """Where to evaluate f: the unit-quantile sample SALib made, and the factor values."""
    method: str
    unit: np.ndarray      # (runs, k) in [0, 1]: what SALib's analysis reads
    values: np.ndarray    # (runs, k): unit mapped through each factor's ppf
    base_samples: int     # Sobol N, or Morris trajectories r
    seed: int


def runs_needed(method: str, base_samples: int, factors: int) -> int:
    """Model evaluations a design costs: N (k + 2) for Sobol (no second order), r (k + 1)
    for Morris."""
    return base_samples * (factors + 2) if method == "sobol" else base_samples * (factors + 1)


def design(factors: Sequence[Factor], method: str, base_samples: int, seed: int = 0,
           transform: Callable[[np.ndarray], np.ndarray] | None = None) -> Design:
    """The sample of a Sobol or Morris analysis, in unit quantiles and in factor values.

    For Sobol, `base_samples` must be a power of 2 (the Sobol' sequence's balance properties
    hold only then; SALib warns otherwise). `transform` ((runs, k) quantiles -> (runs, k)
    values) replaces the column-by-column ppf where factors are tied by rules, e.g. a figure
    that may not exceed another is drawn from its distribution truncated at the other's value
    (sim.runs.assumption_space.values_from_quantiles). The indices then belong to the independent
    quantiles: a tied factor's index is the effect of where it lies *within* the range the
    rule leaves it (a Rosenblatt transform; the order of conditioning is the rule's).
    """
    _check(method, base_samples, factors)
    problem = _unit_problem(factors)
    if method == "sobol":
        from SALib.sample import sobol as sampler  # heavy: SALib, only when designing

        unit = sampler.sample(problem, base_samples, calc_second_order=False, seed=seed)
    else:
        from SALib.sample import morris as sampler  # heavy: SALib, only when designing

        unit = sampler.sample(problem, base_samples, num_levels=MORRIS_LEVELS, seed=seed)
    if transform is None:
        values = np.column_stack([np.asarray(f.ppf(unit[:, j]), dtype=float)
                                  for j, f in enumerate(factors)])
    else:
        values = np.asarray(transform(unit), dtype=float)
        if values.shape != unit.shape:
            raise SimError(f"transform gave shape {values.shape}; expected {unit.shape}")
    return Design(method, unit, values, base_samples, seed)


def analyse(factors: Sequence[Factor], design_: Design, outputs: np.ndarray,
            output_names: Sequence[str]) -> xr.Dataset:
    """Sensitivity indices of each output column (outputs: (runs, m)) to each factor.

    An output that does not vary at all has no variance to share out: its Sobol indices are
    NaN (undefined), its Morris effects zero; `constant` marks it.
    """
    outputs = np.asarray(outputs, dtype=float)
    if outputs.ndim == 1:
        outputs = outputs[:, None]
    if outputs.shape != (design_.unit.shape[0], len(output_names)):
        raise SimError(f"outputs of shape {outputs.shape}; expected "
                       f"({design_.unit.shape[0]}, {len(output_names)}): a row per run, a "
                       "column per output")
    bad = ~np.isfinite(outputs)
    if bad.any():
        run, column = np.argwhere(bad)[0]
        raise SimError(f"output {output_names[column]!r} is not finite in run {run} "
                       f"({int(bad.sum())} values in all): the model failed at some sampled "
                       "values; narrow the assumption ranges")
    problem = _unit_problem(factors)
    names = INDICES[design_.method]
    table = np.full((len(names), len(output_names), len(factors)), np.nan)
    constant = np.ptp(outputs, axis=0) <= 1e-12 * np.maximum(1.0, np.abs(outputs).max(axis=0))
    for j in range(outputs.shape[1]):
        if constant[j]:
            if design_.method == "morris":
                table[:, j, :] = 0.0
            continue
        result = _analyse_one(problem, design_, outputs[:, j])
        for i, name in enumerate(names):
            table[i, j] = result[name]
    coords = {"output": list(output_names), "factor": [f.key for f in factors]}
    ds = xr.Dataset({name: (("output", "factor"), table[i]) for i, name in enumerate(names)},
                    coords=coords)
    ds["constant"] = ("output", constant)
    ds.attrs.update(method=design_.method, base_samples=design_.base_samples,
                    runs=int(design_.unit.shape[0]), seed=design_.seed,
                    conf_level=CONF_LEVEL, bootstrap_resamples=BOOTSTRAP_RESAMPLES)
    if design_.method == "morris":
        ds.attrs["morris_levels"] = MORRIS_LEVELS
    return ds


def sensitivity(factors: Sequence[Factor], function: Callable[[np.ndarray], np.ndarray],
                method: str, base_samples: int, output_names: Sequence[str] | None = None,
                seed: int = 0) -> xr.Dataset:
    """Design, evaluate `function` on all runs at once ((runs, k) -> (runs, m) or (runs,)),
    analyse: the whole pipeline for a function that is cheap to call."""
    d = design(factors, method, base_samples, seed)
    y = np.asarray(function(d.values), dtype=float)
    y = y[:, None] if y.ndim == 1 else y
    names = list(output_names) if output_names is not None else [f"y{i}" for i in
                                                                 range(y.shape[1])]
    return analyse(factors, d, y, names)


def to_table(indices: xr.Dataset):
    """One row per (output, factor): the index columns of the method (pandas DataFrame)."""
    names = INDICES[indices.attrs["method"]]
    return indices[list(names)].to_dataframe().reset_index()


def _analyse_one(problem: dict, d: Design, y: np.ndarray) -> dict:
    if d.method == "sobol":
        from SALib.analyze import sobol as analyser  # heavy: SALib, only when analysing

        return analyser.analyze(problem, y, calc_second_order=False,
                                num_resamples=BOOTSTRAP_RESAMPLES, conf_level=CONF_LEVEL,
                                seed=d.seed)
    from SALib.analyze import morris as analyser  # heavy: SALib, only when analysing

    return analyser.analyze(problem, d.unit, y, num_resamples=BOOTSTRAP_RESAMPLES,
                            conf_level=CONF_LEVEL, num_levels=MORRIS_LEVELS, seed=d.seed)


def _unit_problem(factors: Sequence[Factor]) -> dict:
    return {"num_vars": len(factors), "names": [f.key for f in factors],
            "bounds": [[0.0, 1.0]] * len(factors)}


def _check(method: str, base_samples: int, factors: Sequence[Factor]) -> None:
    if method not in METHODS:
        raise SimError(f"method {method!r}; allowed: {', '.join(METHODS)}")
    if len(factors) < 2:
        raise SimError(f"{len(factors)} uncertain factor(s); a sensitivity analysis needs "
                       "at least 2")
    if len({f.key for f in factors}) != len(factors):
        raise SimError("factor names repeat; each must be unique")
    if method == "sobol" and (base_samples < 2 or base_samples & (base_samples - 1)):
        raise SimError(f"Sobol base samples: given {base_samples}; allowed: a power of 2 "
                       "such as 256 (the Sobol' sequence is balanced only then)")
    if method == "morris" and base_samples < 2:
        raise SimError(f"Morris trajectories: given {base_samples}; allowed: 2 or more")

