"""The results folder of a Monte Carlo run (sim.analysis.uncertainty), and its tables for people.

`run_uncertainty` runs the analysis and writes `results/<region>/<scenario>/uncertainty-<run-id>/`,
all at once (sim.runs.results.run_folder):

    probabilities.csv            per target: P(reached by the deadline), value at the deadline
                                 (median, 5%, 95%), the held-fixed keys, set by input or not
    probabilities_zh.md / _en.md the same table for people
    <indicator>.png / .svg       fan chart per targeted indicator (median, 50% and 90% bands,
                                 target line)
    samples.nc                   the drawn input values, one variable per assumption (dim sample)
    outputs.nc                   the model outputs per sample (all but the sex-by-age arrays),
                                 value at each deadline and reached or not
    provenance.yaml              seed, N, chunking, scenario hash, distributions, versions
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from sim.analysis.targets import indicator_groups
from sim.analysis.uncertainty import (
    UncertaintyResult,
    monte_carlo,
    outputs_dataset,
    samples_dataset,
)
from sim.core.paths import RESULTS_DIR
from sim.inputs.keys import FITTED_KEYS
from sim.model import model_sha256
from sim.model.outputs import BY_NAME
from sim.reports.labels import t as label
from sim.reports.labels import target_label
from sim.reports.observed import last_observed_time, load_observed, observed_points
from sim.reports.text_table import text_table
from sim.reports.verdict_tables import TERMINAL_WIDTH, markdown
from sim.runs.results import (
    data_sha256,
    git_commit,
    new_run_id,
    package_versions,
    run_folder,
    write_csv,
    write_netcdf,
)
from sim.runs.sampling import BLOCK, DEFAULT_CHUNK, DEFAULT_SAMPLES, DEFAULT_SEED
from sim.runs.simulate import simulate

COLUMNS = {
    "zh": ("目标", "指标", "目标值", "期限", "达成概率", "期限值中位数", "期限值5%分位",
           "期限值95%分位", "依据"),
    "en": ("target", "indicator", "level", "deadline", "P(reached)", "value at deadline, median",
           "5th percentile", "95th percentile", "source"),
}
SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def run_uncertainty(path, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
                    out=None, lang: str = "zh", progress=None, scheduler=None,
                    chunk: int = DEFAULT_CHUNK, write: bool = True,
                    posterior: bool = True) -> UncertaintyResult:
    """Draw, run and (unless write=False) write a Monte Carlo run of scenario `path`."""
    result = monte_carlo(path, samples=samples, seed=seed, progress=progress,
                         scheduler=scheduler, chunk=chunk, posterior=posterior)
    if not write:
        return result
    if progress:
        progress("writing tables, fan charts and netCDF files")
    return replace(result, folder=write_folder(result, Path(out) if out else RESULTS_DIR, lang))


def write_folder(result: UncertaintyResult, results_dir: Path, lang: str) -> Path:
    """Write the run's folder under `results_dir` at once; its path."""
    scenario = result.scenario
    run_id = "uncertainty-" + new_run_id(scenario.sha256)
    with run_folder(results_dir, scenario.region, scenario.name, run_id) as (work, final):
        write_csv(result.table, work / "probabilities.csv", index=False)
        for language in ("zh", "en"):
            (work / f"probabilities_{language}.md").write_text(probabilities_markdown(
                result, language), encoding="utf-8")
        write_netcdf(samples_dataset(result), work / "samples.nc")
        write_netcdf(outputs_dataset(result), work / "outputs.nc")
        write_fan_charts(result, work, lang)
        (work / "provenance.yaml").write_text(yaml.safe_dump(
            provenance(result), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return final["path"]


def probabilities_markdown(result: UncertaintyResult, lang: str) -> str:
    """probabilities_<lang>.md: how the run was made, the table, the held keys, cautions."""
    err = 100 * 0.5 / np.sqrt(result.n)  # bound on P's sampling error, in points
    keys = ", ".join(result.held) if result.held else label("uncertainty_none", lang)
    return (label("uncertainty_intro", lang, n=result.n, seed=result.seed, err=err) + "\n\n"
            + markdown(people_table(result.table, result.targets, lang)) + "\n"
            + label("uncertainty_held", lang, keys=keys) + "\n"
            + origin_note(result, lang)
            + input_note(result.table, lang) + invalid_note(result.table, lang))


def write_fan_charts(result: UncertaintyResult, folder: Path, lang: str) -> None:
    """A fan chart per targeted indicator, every target on it marked with its P(reached)."""
    from sim.reports.fancharts import write_fan_chart  # heavy: matplotlib, only when drawing

    ds, region, n = result.dataset, result.region, result.n
    name = region.name_zh if lang == "zh" else region.name_en
    posterior = drawn_from(result)[0]
    # more than two keys (China's supply paces) would run off the chart's one-line note
    keys = (("、" if lang == "zh" else ", ").join(posterior) if len(posterior) <= 2 else
            (f"{len(posterior)}项校准输入" if lang == "zh" else
             f"{len(posterior)} calibrated inputs (provenance.yaml)"))
    note = (label("fan_note_posterior", lang, seed=result.seed, keys=keys) if posterior else
            label("fan_note", lang, seed=result.seed))
    years = ds["time"].to_numpy()
    # the central run (every assumption at its central value): the run `sim run` shows
    central = simulate(result.scenario)[1]
    observed = observed_points(load_observed(region.name))
    last = last_observed_time(observed)
    probs = dict(zip(result.table["id"], result.table["p_reached"]))
    by_input = dict(zip(result.table["id"], result.table["set_by_input"]))
    for stem, group in indicator_groups(result.targets).items():
        first = group[0]
        output = BY_NAME[first.indicator]
        percent = output.units == "1"
        paths = ds[first.indicator].sel(**first.select).transpose("sample", "time").to_numpy()
        marks = []
        for t in group:
            p = probs[t.id]
            legend = label("fan_target", lang, level=f"{SYMBOL[t.comparison]} {_show(t.level, t)}",
                           deadline=t.deadline)
            if by_input[t.id]:  # no probability shown for an outcome an input sets
                legend += "\n" + label("set_by_input", lang)
            elif not np.isnan(p):
                legend += "\n" + label("fan_probability", lang, p=f"{100 * p:.0f}%")
            marks.append((t.comparison, t.level, t.deadline, legend))
        title = (label("fan_title", lang, region=name, indicator=target_label(first, lang)) + "\n"
                 + label("fan_subtitle", lang, scenario=result.scenario.title_in(lang),
                         n=f"{n:,}"))
        seen = observed.get(first.indicator) if not first.select else None
        # the title names the indicator; the axis its unit (as sim.reports.compare's charts)
        ylabel = "%" if percent else (output.label_zh if lang == "zh" else output.units)
        write_fan_chart(folder, stem, years, paths, marks, title, ylabel, lang, percent, note,
                        central=central[first.indicator].sel(**first.select).to_numpy(),
                        observed=None if seen is None else (seen.times, seen.values),
                        last_observed=last)


def provenance(result: UncertaintyResult) -> dict:
    """provenance.yaml: what was drawn, how, from which inputs, with which code."""
    scenario, region = result.scenario, result.region
    return {
        "what": "Monte Carlo over the scenario's uncertain inputs (sim.analysis.uncertainty)",
        "scenario": scenario.name, "scenario_file": str(scenario.path),
        "scenario_sha256": scenario.sha256, "region": region.name,
        "region_data_sha256": data_sha256(region.path), "model_sha256": model_sha256(),
        "seed": int(result.seed), "samples": int(result.n),
        "generator": "numpy PCG64 (default_rng)", "chunk": int(result.chunk), "block": BLOCK,
        "scheduler": "this process" if result.scheduler is None else str(result.scheduler),
        "run_seconds": round(result.run_seconds, 1),
        "sampling_rule": "series: central(t) + (x - central) * w(t), w from 0 at the series' "
                         "first year to 1 at its last; pairs managed <= aware, GPs <= doctors "
                         "by truncation (sim.runs.sampled)",
        "held_fixed": result.held,
        "drawn_from_posterior": {
            "keys": drawn_from(result)[0],
            "file": result.posterior.file if result.posterior else "",
            "note": result.posterior.note if result.posterior else "",
            "sampling": "rows resampled with replacement, each window's sample with a generator "
                        "of its own (numpy PCG64 seeded with [seed, sim.analysis.posterior_draws"
                        ".ROW_STREAM] forward, [seed, HEALTH_ROW_STREAM] health); each row gives "
                        "the keys' paths as the fit does (sim.analysis.calibration.windows."
                        "forward_paths; health_window.continued_series)",
            "posterior_method": (result.posterior.header.get("method", {})
                                 if result.posterior else {}),
            "posterior_diagnostics": (result.posterior.header.get("diagnostics", {})
                                      if result.posterior else {}),
            "by_window": {part.window: {"keys": part.keys, "file": part.file,
                                        "rows": part.sample_rows,
                                        "fit_made": part.header.get("fit_made", "?"),
                                        # copies: one object twice is a YAML alias
                                        "method": copy.deepcopy(part.header.get("method", {})),
                                        "diagnostics": copy.deepcopy(
                                            part.header.get("diagnostics", {}))}
                          for part in (result.posterior.used() if result.posterior else ())}},
        "drawn_from_judged_ranges": drawn_from(result)[1],
        "distributions": [a.to_dict() for a in result.space],
        "git_commit": git_commit(), "package_versions": package_versions(),
    }


def drawn_from(result: UncertaintyResult) -> tuple[list[str], list[str]]:
    """(keys drawn from the calibration's posterior, keys drawn from judged ranges)."""
    posterior = result.posterior.keys if result.posterior else []
    return list(posterior), [a.key for a in result.space if a.key not in posterior]


def origin_note(result: UncertaintyResult, lang: str) -> str:
    """Which inputs came from the posterior and which are judgement, and why."""
    posterior, judged = drawn_from(result)
    sep = "、" if lang == "zh" else ", "
    none = label("uncertainty_none", lang)
    return "\n" + label("uncertainty_origin", lang, posterior=sep.join(posterior) or none,
                        judged=sep.join(judged) or none, note=posterior_note(result, lang)) + "\n"


def posterior_note(result: UncertaintyResult, lang: str) -> str:
    """Where the fitted inputs were drawn from, for people: the analysis layer's note in English;
    in Chinese from its fields (a reason for not using a posterior in the loader's Chinese)."""
    drawn = result.posterior
    if drawn is None:
        return ""
    if lang == "en":
        return drawn.note
    fitted = [a.key for a in result.space if a.key in FITTED_KEYS and a.key not in drawn.keys]
    notes = [label("posterior_used", lang, keys="、".join(part.keys), region=result.region.name,
                   file=Path(part.file).name, rows=part.sample_rows,
                   made=part.header.get("fit_made", "?")) for part in drawn.used()]
    if fitted or not notes:
        notes.append(label("posterior_not_used", lang, keys="、".join(fitted) or "—",
                           reason=drawn.reason_zh or drawn.reason or drawn.note))
    return "；".join(notes)


def input_note(table: pd.DataFrame, lang: str) -> str:
    """A line naming the targets whose outcome an input sets, or nothing."""
    ids = table.loc[table["set_by_input"], "id"]
    if ids.empty:
        return ""
    joined = ("、" if lang == "zh" else ", ").join(ids)
    return "\n" + label("uncertainty_set_by_input", lang, ids=joined) + "\n"


def invalid_note(table: pd.DataFrame, lang: str) -> str:
    """A caution line naming the targets whose share left 0..1 in some sample, or nothing."""
    bad = table[table["p_outside_0_1"] > 0]
    if bad.empty:
        return ""
    ids = ", ".join(f"{i} ({100 * share:.0f}%)"
                    for i, share in zip(bad["id"], bad["p_outside_0_1"]))
    return "\n" + label("uncertainty_invalid", lang, ids=ids) + "\n"


def _show(value: float, target) -> str:
    if np.isnan(value):
        return "—"
    if BY_NAME[target.indicator].units == "1":
        return f"{value * 100:.1f}%"
    return f"{value:,.2f}"


def people_table(table: pd.DataFrame, targets, lang: str) -> pd.DataFrame:
    """The probabilities table (`probabilities`) as formatted text, in Chinese or English; a
    target an input sets shows that instead of a probability (its number: probabilities.csv)."""
    rows = []
    for t, r in zip(targets, table.to_dict("records")):
        p = "—" if np.isnan(r["p_reached"]) else f"{100 * r['p_reached']:.1f}%"
        if r["set_by_input"]:
            p = label("set_by_input", lang)
        rows.append((t.id, target_label(t, lang), f"{SYMBOL[t.comparison]} {_show(t.level, t)}",
                     t.deadline, p, _show(r["median"], t), _show(r["p05"], t),
                     _show(r["p95"], t), t.source))
    return pd.DataFrame(rows, columns=COLUMNS[lang])


def format_probabilities(result: UncertaintyResult, targets, lang: str) -> str:
    """The table for the terminal, aligned by display width (sources left out: they are in the
    files); in Chinese, Chinese names in place of the ids; in English, wrapped to 120 columns."""
    table = people_table(result.table, targets, lang)
    table = table.drop(columns=table.columns[-1])
    if lang == "zh":
        table = table.drop(columns=table.columns[0])
    align = ["<" if j < (1 if lang == "zh" else 2) else ">" for j in range(len(table.columns))]
    text = text_table(list(table.columns), table.to_numpy().tolist(), align,
                      TERMINAL_WIDTH if lang == "en" else None,
                      [j < 2 or name == COLUMNS[lang][4] for j, name in enumerate(table.columns)])
    return (text + input_note(result.table, lang).rstrip("\n")
            + invalid_note(result.table, lang).rstrip("\n"))
