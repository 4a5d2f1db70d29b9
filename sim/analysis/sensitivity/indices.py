"""Which assumptions decide which plan targets: global sensitivity indices of a scenario.

The pipeline: scenario -> its uncertain assumptions (sim.runs.assumption_space.assumption_space,
each with a range and a declared distribution) -> a Sobol or Morris design
(sim.analysis.sensitivity.methods) -> every sampled set run at once by the batch engine
(sim.runs.sampled.run_sampled) -> each target's value at its deadline (target_values) ->
indices over (target, assumption). Numbers only: the results folder (indices.csv, tables,
ranking charts, provenance) is written by sim.reports.sensitivity_report.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from sim.analysis.sensitivity.methods import INDICES, Design, analyse, design, runs_needed
from sim.analysis.targets import Target, load_targets
from sim.core.errors import InputError
from sim.inputs.region import Region, load_region
from sim.inputs.scenario import Scenario, load_scenario
from sim.model.outputs import BY_NAME
from sim.runs.assumption_space import Assumption, assumption_space, values_from_quantiles
from sim.runs.resources import SENSITIVITY_BYTES, check_memory
from sim.runs.sampled import run_sampled, target_values

DEFAULT_SAMPLES = {"sobol": 256, "morris": 20}   # Sobol base N (N (k+2) runs); Morris r
MAIN_INDEX = {"sobol": "ST", "morris": "mu_star"}  # what the ranking is by


@dataclass(frozen=True)
class SensitivityResult:
    scenario: Scenario
    region: Region
    method: str
    targets: list[Target]  # the targets analysed (deadline within the horizon)
    skipped: list[Target]  # the targets whose deadline lies outside it
    factors: list[Assumption]
    indices: xr.Dataset    # (output = target id, factor = assumption key)
    runs_outside_0_1: dict  # target id -> runs in which its share lies outside [0, 1]
    seconds: dict          # design, model, analysis, total
    design: Design         # the sampled assumption values, a row per model run
    outputs: np.ndarray    # (run, target): each target's value at its deadline
    folder: Path | None = None  # the results folder, once written


def scenario_indices(path, *, method: str = "sobol", samples: int | None = None, seed: int = 0,
                     progress=None, scheduler=None) -> SensitivityResult:
    """Sensitivity of every target of the scenario's region (deadline within the horizon) to
    every uncertain assumption of the scenario."""
    progress = progress or (lambda message: None)
    started = time.perf_counter()
    samples = _checked_samples(method, samples)
    scenario = load_scenario(path)
    region = load_region(scenario.region)
    every = load_targets(scenario.region)
    targets = [t for t in every if scenario.start <= t.deadline <= scenario.end]
    skipped = [t for t in every if t not in targets]
    if not targets:
        raise InputError(scenario.path, "years", f"{scenario.start}-{scenario.end}",
                         "a horizon that contains at least one target deadline of "
                         f"calibration/{scenario.region}/targets.yaml",
                         "no target to analyse")
    factors = list(assumption_space(scenario, region))
    # before the design is drawn: a size that cannot fit is one line, not MemoryError
    k = len(factors)
    check_memory(option="--samples", given=samples, units=runs_needed(method, samples, k),
                 what="model runs", unit_bytes=SENSITIVITY_BYTES * scenario.years.size,
                 to_option=lambda runs: _largest_samples(method, runs, k))
    progress(f"{method}: {len(factors)} assumptions, {len(targets)} targets, "
             f"{runs_needed(method, samples, len(factors)):,} model runs")
    plan = design(factors, method, samples, seed, transform=_to_values(factors))
    designed = time.perf_counter()
    values = {f.key: plan.values[:, j] for j, f in enumerate(factors)}
    indicators = sorted({t.indicator for t in targets})  # only what the targets read: memory
    ds = run_sampled(scenario, values, scheduler=scheduler, progress=progress,
                     outputs=indicators, region=region)
    outputs = target_values(ds, targets).transpose("sample", "target")
    ran = time.perf_counter()
    progress("computing the indices (bootstrap confidence intervals)")
    y = outputs.to_numpy()
    indices = analyse(factors, plan, y, [t.id for t in targets])
    analysed = time.perf_counter()
    seconds = {"design": designed - started, "model": ran - designed,
               "analysis": analysed - ran, "total": time.perf_counter() - started}
    return SensitivityResult(scenario, region, method, targets, skipped, factors, indices,
                             runs_outside_0_1(y, targets), seconds, plan, y)


def runs_outside_0_1(y: np.ndarray, targets) -> dict[str, int]:
    """Target id -> number of runs (rows of y) in which a share target (units '1') lies
    outside [0, 1]; only targets with such runs. A share cannot do that: those runs show the
    model failing (e.g. an outflow larger than its stock in one yearly step)."""
    counts = {t.id: int(np.sum((y[:, i] < -1e-9) | (y[:, i] > 1 + 1e-9)))
              for i, t in enumerate(targets) if BY_NAME[t.indicator].units == "1"}
    return {k: n for k, n in counts.items() if n}


def _to_values(factors: list):
    """Quantiles -> values, with the profile's pair rules (managed share <= aware share, GPs
    <= doctors) applied by truncation, as the uncertainty runs draw them."""
    def transform(unit: np.ndarray) -> np.ndarray:
        drawn = values_from_quantiles(factors, unit)
        return np.column_stack([drawn[f.key] for f in factors])

    return transform


def _checked_samples(method: str, samples: int | None) -> int:
    """The design size, defaulted; a bad one is an input error naming the option."""
    if method not in DEFAULT_SAMPLES:
        raise InputError(None, "--method", method, "sobol or morris", "unknown method")
    if samples is None:
        return DEFAULT_SAMPLES[method]
    if method == "sobol" and (samples < 2 or samples & (samples - 1)):
        raise InputError(None, "--samples", samples, "a power of 2 such as 256 (the Sobol' "
                         "sequence is balanced only then)", "not a power of 2")
    if method == "morris" and samples < 2:
        raise InputError(None, "--samples", samples, "2 or more Morris trajectories",
                         "too few trajectories")
    return samples


def _largest_samples(method: str, runs: int, factors: int) -> int:
    """The largest --samples whose design takes at most `runs` model runs (Sobol: a power of
    2, at least 2; Morris: at least 2 trajectories), or 0 if none."""
    most = runs // (factors + 2 if method == "sobol" else factors + 1)
    if method == "sobol":
        most = 1 << (most.bit_length() - 1) if most >= 2 else 0
    return most if most >= 2 else 0


def ranking(values: np.ndarray) -> np.ndarray:
    """Factor positions from most to least influential (undefined indices last)."""
    return np.argsort(-np.nan_to_num(values, nan=-np.inf), kind="stable")


def indices_table(result: SensitivityResult) -> pd.DataFrame:
    """A row per (target, assumption), ranked within each target by ST (Sobol) or mu_star
    (Morris); values in the target's own units (shares as fractions)."""
    main = MAIN_INDEX[result.method]
    rows = []
    for target in result.targets:
        block = result.indices.sel(output=target.id)
        order = ranking(block[main].to_numpy())
        for rank, j in enumerate(order, start=1):
            factor = result.factors[j]
            row = {"target": target.id, "deadline": target.deadline, "rank": rank,
                   "assumption": factor.key}
            row.update({name: float(block[name].values[j])
                        for name in INDICES[result.method]})
            row["target_unit"] = BY_NAME[target.indicator].units
            rows.append(row)
    return pd.DataFrame(rows)
