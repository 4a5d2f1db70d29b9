"""Monte Carlo: how likely is each plan target, given what we do not know?

`monte_carlo` draws every uncertain input of a scenario (sim.runs.assumption_space) N times with a
seeded generator (the calibrated keys jointly from the fit's posterior sample where there is
one: sim.analysis.posterior_draws), runs the model once per draw (sim.runs.scaleout: here or
on a Dask cluster) and returns the numbers: per target P(reached by the deadline) and the
value at the deadline (median, 5%, 95%), the outputs per sample and the drawn values. The
results folder (tables, fan charts, netCDF files, provenance) is written by
sim.reports.uncertainty_report.

P(reached) is the share of samples whose verdict (sim.analysis.verdicts.judge) is "reached" at the
deadline; with N samples its sampling error is at most 0.5/sqrt(N) (1.6 points for N = 1,000).
A target whose outcome an input sets (sim.analysis.verdicts.set_by_input) keeps its numbers but
is marked (`set_by_input`, `input_reason`): its P is the inputs' spread, not a projection.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from sim.analysis.posterior_draws import PosteriorDraws, posterior_draws
from sim.analysis.targets import Target, load_targets
from sim.analysis.verdicts import COMPARE, set_by_input
from sim.core.errors import SimError
from sim.inputs.keys import KEYS
from sim.inputs.region import Region, load_region
from sim.inputs.scenario import Scenario, load_scenario
from sim.model.outputs import BY_NAME, OUTPUTS
from sim.runs.assumption_space import Assumption, assumption_space, draw, held_fixed
from sim.runs.resources import UNCERTAINTY_BYTES, check_memory
from sim.runs.sampled import run_sampled, target_values
from sim.runs.sampling import DEFAULT_CHUNK, DEFAULT_SAMPLES, DEFAULT_SEED

#: Outputs kept per sample: all but the sex-by-age arrays, which would take 129 kB a sample
#: (1.3 GB for 10,000 samples) and which no target reads.
AGE_STRUCTURED = {"population", "deaths", "net_migration", "central_death_rate",
                  "survival_ratio"}
SAMPLED_OUTPUTS = tuple(o.name for o in OUTPUTS if o.name not in AGE_STRUCTURED)


@dataclass(frozen=True)
class UncertaintyResult:
    table: pd.DataFrame          # one row a target (numbers, `probabilities`)
    dataset: xr.Dataset          # outputs per sample
    samples: dict                # key -> drawn values
    folder: Path | None          # the results folder, once written (sim.reports.uncertainty_report)
    seed: int
    n: int
    scenario: Scenario
    region: Region
    targets: list[Target]        # the region's targets, in the table's order
    space: list[Assumption]      # the uncertain inputs drawn
    held: list[str]              # assumption keys the scenario file holds fixed
    chunk: int                   # samples per task
    scheduler: object            # None (this process), a Dask address or LOCAL
    run_seconds: float           # time of the model runs
    posterior: PosteriorDraws | None = None   # fitted keys drawn from the posterior, and why


def check_samples(samples) -> int:
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        raise SimError(f"--samples: given {samples!r}; allowed: a whole number from 1")
    return int(samples)


def check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise SimError(f"--seed: given {seed!r}; allowed: a whole number from 0")
    return int(seed)


def monte_carlo(path, *, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
                progress=None, scheduler=None, chunk: int = DEFAULT_CHUNK,
                posterior: bool = True) -> UncertaintyResult:
    """Draw the uncertain inputs of scenario `path` `samples` times, run and summarise. The
    fitted keys come from the calibration's posterior sample when there is one and `posterior`
    (sim.analysis.posterior_draws), else from their judged ranges like the rest."""
    n = check_samples(samples)
    seed = check_seed(seed)
    progress = progress or (lambda message: None)
    scenario = load_scenario(path)
    region = load_region(scenario.region)
    targets = load_targets(scenario.region)
    space = assumption_space(scenario, region)
    held = held_fixed(scenario, region)
    # before anything is drawn: a size that cannot fit is one line, not swapping or MemoryError
    check_memory(option="--samples", given=n, units=n, what="samples",
                 unit_bytes=UNCERTAINTY_BYTES * scenario.years.size)
    progress(f"scenario {scenario.name}: {len(space)} uncertain inputs, {n} samples, seed {seed}")
    values = draw(space, n, seed)
    drawn = (posterior_draws(scenario, region, space, n, seed) if posterior else
             PosteriorDraws([], note="fitted keys drawn from their judged ranges (posterior "
                                     "not used, as asked)"))
    values.update(drawn.paths)   # whole paths per sample (sim.runs.sampled)
    progress(drawn.note)
    started = time.perf_counter()
    ds = run_sampled(scenario, values, scheduler=scheduler, chunk=chunk, progress=progress,
                     outputs=SAMPLED_OUTPUTS, region=region)
    elapsed = time.perf_counter() - started
    table = probabilities(ds, targets, held)
    return UncertaintyResult(table, ds, values, None, seed, n, scenario, region, targets, space,
                             held, chunk, scheduler, elapsed, drawn)


def probabilities(ds: xr.Dataset, targets, held: list[str]) -> pd.DataFrame:
    """One row a target: P(reached) and the value at the deadline's median and 5%/95%, and
    whether an input sets the outcome (the run's base year is its first year)."""
    values = target_values(ds, targets)
    base_year = int(ds["time"][0])
    rows = []
    for i, t in enumerate(targets):
        v = values[:, i].to_numpy()
        inside = not np.all(np.isnan(v))
        # as judge: a deadline beyond the run is not judged at all
        reason = set_by_input(t, base_year=base_year) if inside else None
        reached = COMPARE[t.comparison](v, t.level)
        q = np.quantile(v, [0.5, 0.05, 0.95]) if inside else [np.nan] * 3
        rows.append({"id": t.id, "indicator": t.indicator,
                     "select": ";".join(f"{k}={x}" for k, x in t.select.items()),
                     "comparison": t.comparison, "level": t.level, "deadline": t.deadline,
                     "p_reached": float(np.mean(reached)) if inside else np.nan,
                     "median": q[0], "p05": q[1], "p95": q[2], "samples": v.size,
                     # shares outside 0..1 mean the model left its valid range in that sample
                     "p_outside_0_1": (float(np.mean((v < 0) | (v > 1)))
                                       if BY_NAME[t.indicator].units == "1" and inside else np.nan),
                     "held_fixed": ";".join(held), "set_by_input": reason is not None,
                     "input_reason": reason or "", "source": t.source})
    return pd.DataFrame(rows)


def samples_dataset(result: UncertaintyResult) -> xr.Dataset:
    """The drawn input values, one variable per assumption (dim sample), with its range."""
    posterior = result.posterior or PosteriorDraws([])
    inputs = xr.Dataset({a.key: (("sample", "year")[:np.ndim(result.samples[a.key])],
                                 result.samples[a.key], {
        "units": a.unit, "long_name": a.label_en, "label_zh": a.label_zh,
        "distribution": "posterior" if a.key in posterior.keys else a.distribution,
        "low": a.low, "high": a.high, "central": a.central})
        for a in result.space}, coords={"sample": np.arange(result.n)})
    if posterior.keys:   # the posterior rows drawn, and their parameters
        inputs = inputs.assign_coords(year=result.scenario.years)
    for part in posterior.used():   # one per window: forward as posterior.*, health_posterior.*
        prefix = "posterior" if part.window == "forward" else f"{part.window}_posterior"
        inputs[f"{prefix}_row"] = ("sample", part.rows, {"source": part.file})
        for name, x in part.parameters.items():
            inputs[f"{prefix}.{name}"] = ("sample", x, {"source": part.file})
    spec_keys = {a.key for a in result.space}
    for key in posterior.keys:   # levers drawn from a posterior (not among the assumptions)
        if key not in spec_keys:
            spec = KEYS[key]
            inputs[key] = (("sample", "year"), result.samples[key], {
                "units": spec.unit, "long_name": spec.label_en, "label_zh": spec.label_zh,
                "distribution": "posterior"})
    inputs.attrs.update(seed=result.seed, samples=result.n, scenario=result.scenario.name,
                        scenario_sha256=result.scenario.sha256)
    return inputs


def outputs_dataset(result: UncertaintyResult) -> xr.Dataset:
    """The outputs per sample, with each target's value at its deadline and reached or not."""
    ds, targets = result.dataset, result.targets
    tv = target_values(ds, targets)
    reached = xr.concat([COMPARE[t.comparison](tv.sel(target=t.id), t.level) for t in targets],
                        dim="target") if targets else None
    outputs = ds.copy()
    outputs["target_value_at_deadline"] = tv
    if reached is not None:
        outputs["target_reached"] = reached.transpose("sample", "target").astype("int8")
        # marked, not dropped: an input, not the projection, sets these (probabilities.csv)
        outputs["target_set_by_input"] = ("target", result.table["set_by_input"].to_numpy(
            dtype="int8"))
    return outputs
