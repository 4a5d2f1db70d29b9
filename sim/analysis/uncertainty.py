"""Monte Carlo: how likely is each plan target, given what we do not know?

`run_uncertainty` draws every uncertain input of a scenario (sim.runs.assumptions) N times with a
seeded generator, runs the model once per draw (sim.runs.scaleout: here or on a Dask cluster), and
writes `results/<region>/<scenario>/uncertainty-<run-id>/`, all at once (sim.runs.results.run_folder):

    probabilities.csv            per target: P(reached by the deadline), value at the deadline
                                 (median, 5%, 95%), the held-fixed keys
    probabilities_zh.md / _en.md the same table for people
    <indicator>.png / .svg       fan chart per targeted indicator (median, 50% and 90% bands,
                                 target line)
    samples.nc                   the drawn input values, one variable per assumption (dim sample)
    outputs.nc                   the model outputs per sample (all but the sex-by-age arrays),
                                 value at each deadline and reached or not
    provenance.yaml              seed, N, chunking, scenario hash, distributions, versions

P(reached) is the share of samples whose verdict (sim.analysis.verdicts.judge) is "reached" at the
deadline; with N samples its sampling error is at most 0.5/sqrt(N) (1.6 points for N = 1,000).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr
import yaml

from sim.runs.assumptions import (BLOCK, DEFAULT_CHUNK, assumption_space, draw, held_fixed,
                             run_sampled, target_values)
from sim.core.errors import SimError
from sim.model.outputs import BY_NAME, OUTPUTS
from sim.core.paths import RESULTS_DIR
from sim.inputs.region import load_region
from sim.runs.sampling import DEFAULT_SAMPLES, DEFAULT_SEED
from sim.inputs.scenario import load_scenario
from sim.reports.labels import t as label
from sim.analysis.targets import indicator_groups, load_targets
from sim.analysis.verdicts import COMPARE, markdown
from sim.reports.labels import target_label

#: Outputs kept per sample: all but the sex-by-age arrays, which would take 129 kB a sample
#: (1.3 GB for 10,000 samples) and which no target reads.
AGE_STRUCTURED = {"population", "deaths", "net_migration", "central_death_rate",
                  "survival_ratio"}
SAMPLED_OUTPUTS = tuple(o.name for o in OUTPUTS if o.name not in AGE_STRUCTURED)

COLUMNS = {
    "zh": ("目标", "指标", "目标值", "期限", "达成概率", "期限值中位数", "期限值5%分位",
           "期限值95%分位", "依据"),
    "en": ("target", "indicator", "level", "deadline", "P(reached)", "value at deadline, median",
           "5th percentile", "95th percentile", "source"),
}
SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


@dataclass(frozen=True)
class UncertaintyResult:
    table: pd.DataFrame          # one row a target (numbers)
    dataset: xr.Dataset          # outputs per sample
    samples: dict                # key -> drawn values
    folder: Path | None
    seed: int
    n: int


def check_samples(samples) -> int:
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        raise SimError(f"--samples: given {samples!r}; allowed: a whole number from 1")
    return int(samples)


def probabilities(ds: xr.Dataset, targets, held: list[str]) -> pd.DataFrame:
    """One row a target: P(reached) and the value at the deadline's median and 5%/95%."""
    values = target_values(ds, targets)
    rows = []
    for i, t in enumerate(targets):
        v = values[:, i].to_numpy()
        inside = not np.all(np.isnan(v))
        reached = COMPARE[t.comparison](v, t.level) if inside else None
        q = np.quantile(v, [0.5, 0.05, 0.95]) if inside else [np.nan] * 3
        rows.append({"id": t.id, "indicator": t.indicator,
                     "select": ";".join(f"{k}={x}" for k, x in t.select.items()),
                     "comparison": t.comparison, "level": t.level, "deadline": t.deadline,
                     "p_reached": float(np.mean(reached)) if inside else np.nan,
                     "median": q[0], "p05": q[1], "p95": q[2], "samples": v.size,
                     # shares outside 0..1 mean the model left its valid range in that sample
                     "p_outside_0_1": (float(np.mean((v < 0) | (v > 1)))
                                       if BY_NAME[t.indicator].units == "1" and inside else np.nan),
                     "held_fixed": ";".join(held), "source": t.source})
    return pd.DataFrame(rows)


def invalid_note(table: pd.DataFrame, lang: str) -> str:
    """A caution line naming the targets whose share left 0..1 in some sample, or nothing."""
    bad = table[table["p_outside_0_1"] > 0]
    if bad.empty:
        return ""
    ids = ", ".join(f"{r.id} ({100 * r.p_outside_0_1:.0f}%)" for r in bad.itertuples())
    return "\n" + label("uncertainty_invalid", lang, ids=ids) + "\n"


def _show(value: float, target) -> str:
    if np.isnan(value):
        return "—"
    if BY_NAME[target.indicator].units == "1":
        return f"{value * 100:.1f}%"
    return f"{value:,.2f}"


def people_table(table: pd.DataFrame, targets, lang: str) -> pd.DataFrame:
    rows = []
    for t, (_, r) in zip(targets, table.iterrows()):
        p = "—" if np.isnan(r.p_reached) else f"{100 * r.p_reached:.1f}%"
        rows.append((t.id, target_label(t, lang), f"{t.comparison} {_show(t.level, t)}", t.deadline, p,
                     _show(r["median"], t), _show(r.p05, t), _show(r.p95, t), t.source))
    return pd.DataFrame(rows, columns=COLUMNS[lang])


def run_uncertainty(path, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
                    out=None, lang: str = "zh", progress=None, scheduler=None,
                    chunk: int = DEFAULT_CHUNK, write: bool = True) -> UncertaintyResult:
    """Draw, run and (unless write=False) write a Monte Carlo run of scenario `path`."""
    from sim.runs.results import new_run_id, run_folder

    n = check_samples(samples)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise SimError(f"--seed: given {seed!r}; allowed: a whole number from 0")
    progress = progress or (lambda message: None)
    scenario = load_scenario(path)
    region = load_region(scenario.region)
    targets = load_targets(scenario.region)
    space = assumption_space(scenario, region)
    held = held_fixed(scenario, region)
    progress(f"scenario {scenario.name}: {len(space)} uncertain inputs, {n} samples, seed {seed}")
    values = draw(space, n, seed)
    started = time.perf_counter()
    ds = run_sampled(scenario, values, scheduler=scheduler, chunk=chunk, progress=progress,
                     outputs=SAMPLED_OUTPUTS, region=region)
    elapsed = time.perf_counter() - started
    table = probabilities(ds, targets, held)
    folder = None
    if write:
        progress("writing tables, fan charts and netCDF files")
        run_id = "uncertainty-" + new_run_id(scenario.sha256)
        with run_folder(Path(out) if out else RESULTS_DIR, scenario.region, scenario.name,
                        run_id) as (work, final):
            _write(work, ds, table, targets, values, space, held, scenario, region, n, seed,
                   chunk, scheduler, elapsed, lang)
        folder = final["path"]
    return UncertaintyResult(table, ds, values, folder, seed, n)


def _write(work: Path, ds, table, targets, values, space, held, scenario, region, n, seed,
           chunk, scheduler, elapsed, lang) -> None:
    from sim.model import model_sha256
    from sim.reports.fancharts import write_fan_chart
    from sim.runs.results import data_sha256, git_commit, package_versions, write_netcdf

    table.to_csv(work / "probabilities.csv", index=False)
    err = 100 * 0.5 / np.sqrt(n)
    for language in ("zh", "en"):
        keys = ", ".join(held) if held else label("uncertainty_none", language)
        body = (label("uncertainty_intro", language, n=n, seed=seed, err=err) + "\n\n"
                + markdown(people_table(table, targets, language)) + "\n"
                + label("uncertainty_held", language, keys=keys) + "\n"
                + invalid_note(table, language))
        (work / f"probabilities_{language}.md").write_text(body, encoding="utf-8")

    inputs = xr.Dataset({a.key: ("sample", values[a.key], {
        "units": a.unit, "long_name": a.label_en, "label_zh": a.label_zh,
        "distribution": a.distribution, "low": a.low, "high": a.high, "central": a.central})
        for a in space}, coords={"sample": np.arange(n)})
    inputs.attrs.update(seed=seed, samples=n, scenario=scenario.name,
                        scenario_sha256=scenario.sha256)
    write_netcdf(inputs, work / "samples.nc")
    tv = target_values(ds, targets)
    reached = xr.concat([COMPARE[t.comparison](tv.sel(target=t.id), t.level) for t in targets],
                        dim="target") if targets else None
    outputs = ds.copy()
    outputs["target_value_at_deadline"] = tv
    if reached is not None:
        outputs["target_reached"] = reached.transpose("sample", "target").astype("int8")
    write_netcdf(outputs, work / "outputs.nc")

    name = region.name_zh if lang == "zh" else region.name_en
    note = label("fan_note", lang, seed=seed)
    years = ds["time"].to_numpy()
    for stem, group in indicator_groups(targets).items():
        first = group[0]
        output = BY_NAME[first.indicator]
        percent = output.units == "1"
        paths = ds[first.indicator].sel(**first.select).transpose("sample", "time").to_numpy()
        probs = dict(zip(table["id"], table["p_reached"]))
        marks = []
        for t in group:
            p = probs[t.id]
            legend = label("fan_target", lang, level=f"{SYMBOL[t.comparison]} {_show(t.level, t)}",
                          deadline=t.deadline)
            if not np.isnan(p):
                legend += "\n" + label("fan_probability", lang, p=f"{100 * p:.0f}%")
            marks.append((t.level, t.deadline, legend))
        title = (label("fan_title", lang, region=name, indicator=target_label(first, lang)) + "\n"
                 + label("fan_subtitle", lang, scenario=scenario.name, n=f"{n:,}"))
        # the title names the indicator; the axis its unit (as sim.reports.compare's charts)
        ylabel = "%" if percent else (output.label_zh if lang == "zh" else output.units)
        write_fan_chart(work, stem, years, paths, marks, title, ylabel, lang, percent, note)

    record = {
        "what": "Monte Carlo over the scenario's uncertain inputs (sim.analysis.uncertainty)",
        "scenario": scenario.name, "scenario_file": str(scenario.path),
        "scenario_sha256": scenario.sha256, "region": region.name,
        "region_data_sha256": data_sha256(region.path), "model_sha256": model_sha256(),
        "seed": int(seed), "samples": int(n), "generator": "numpy PCG64 (default_rng)",
        "chunk": int(chunk), "block": BLOCK,
        "scheduler": "this process" if scheduler is None else str(scheduler),
        "run_seconds": round(elapsed, 1),
        "sampling_rule": "series: central(t) + (x - central) * w(t), w from 0 at the series' "
                         "first year to 1 at its last; pairs managed <= aware, GPs <= doctors "
                         "by truncation (sim/assumptions.py)",
        "held_fixed": held,
        "distributions": [a.to_dict() for a in space],
        "git_commit": git_commit(), "package_versions": package_versions(),
    }
    (work / "provenance.yaml").write_text(yaml.safe_dump(record, allow_unicode=True,
                                                         sort_keys=False), encoding="utf-8")


def format_probabilities(result: UncertaintyResult, targets, lang: str) -> str:
    table = people_table(result.table, targets, lang)
    return (table.drop(columns=table.columns[-1]).to_string(index=False)
            + invalid_note(result.table, lang).rstrip("\n"))
