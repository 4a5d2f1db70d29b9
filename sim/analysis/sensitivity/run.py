"""Which assumptions decide which plan targets: global sensitivity of a scenario.

The pipeline: scenario -> its uncertain assumptions (sim.runs.assumptions.assumption_space, each
with a range and a declared distribution) -> a Sobol or Morris design (sim.analysis.sensitivity.methods) ->
every sampled set run at once by the batch engine (sim.runs.assumptions.run_sampled) -> each
target's value at its deadline (target_values) -> indices -> a results folder
`results/<region>/<scenario>/sensitivity-<method>-<run-id>/`, written all at once:

    indices.csv            a row per (target, assumption): the method's indices, rank, unit
    sensitivity_zh.md/_en  the top assumptions of every target, and how to read the indices
    rank_<target>.png/svg  a ranking chart per target
    runs.csv               every run: the sampled assumption values and the targets' values
    sensitivity.yaml       design, factors (range, distribution), timing, provenance
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr
import yaml

from sim.core.errors import InputError
from sim.reports.labels import region_name, t
from sim.model.outputs import BY_NAME
from sim.core.paths import RESULTS_DIR
from sim.analysis.sensitivity.methods import INDICES, analyse, design, runs_needed
from sim.reports.labels import target_label

DEFAULT_SAMPLES = {"sobol": 256, "morris": 20}   # Sobol base N (N (k+2) runs); Morris r
TOP = 5            # assumptions per target in the tables
CHART_ROWS = 12    # assumptions per ranking chart (the rest are listed as a count)
MAIN_INDEX = {"sobol": "ST", "morris": "mu_star"}  # what the ranking is by

# Table layout in both languages (the sentences are in sim.reports.labels, keys sensitivity_*).
TABLE_TEXT = {
    "columns": {"zh": ("排名", "假设", "键", "区间", "分布"),
                "en": ("rank", "assumption", "key", "range", "distribution")},
    "distribution": {"zh": {"uniform": "均匀", "triangular": "三角"},
                     "en": {"uniform": "uniform", "triangular": "triangular"}},
}


@dataclass(frozen=True)
class SensitivityResult:
    scenario: object
    region: object
    method: str
    targets: list          # the targets analysed (deadline within the horizon)
    skipped: list          # the targets whose deadline lies outside it
    factors: list          # sim.runs.assumptions.Assumption
    indices: xr.Dataset    # (output = target id, factor = assumption key)
    runs_outside_0_1: dict  # target id -> runs in which its share lies outside [0, 1]
    seconds: dict          # design, model, analysis, total
    folder: Path | None


def run_sensitivity(path, method: str = "sobol", samples: int | None = None, seed: int = 0,
                    out=None, lang: str = "zh", progress=None, scheduler=None,
                    write: bool = True) -> SensitivityResult:
    """Sensitivity of every target of the scenario's region (deadline within the horizon) to
    every uncertain assumption of the scenario; writes the results folder unless write=False."""
    from sim.runs.assumptions import assumption_space, run_sampled, target_values
    from sim.inputs.region import load_region
    from sim.inputs.scenario import load_scenario
    from sim.analysis.targets import load_targets

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
               "analysis": analysed - ran}
    result = SensitivityResult(scenario, region, method, targets, skipped, factors, indices,
                               runs_outside_0_1(y, targets), seconds, None)
    if not write:
        return _with_total(result, started)
    progress("writing the tables and charts")
    folder = write_folder(result, plan, y, Path(out) if out else RESULTS_DIR, lang)
    result = replace(_with_total(result, started), folder=folder)
    _record_seconds(folder, result.seconds)
    return result


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
    from sim.runs.assumptions import values_from_quantiles

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


def _with_total(result: SensitivityResult, started: float) -> SensitivityResult:
    return replace(result, seconds={**result.seconds, "total": time.perf_counter() - started})


# --------------------------------------------------------------------------------------------
# Tables

def indices_table(result: SensitivityResult) -> pd.DataFrame:
    """A row per (target, assumption), ranked within each target by ST (Sobol) or mu_star
    (Morris); values in the target's own units (shares as fractions)."""
    main = MAIN_INDEX[result.method]
    rows = []
    for target in result.targets:
        block = result.indices.sel(output=target.id)
        order = _order(block[main].to_numpy())
        for rank, j in enumerate(order, start=1):
            factor = result.factors[j]
            row = {"target": target.id, "deadline": target.deadline, "rank": rank,
                   "assumption": factor.key}
            row.update({name: float(block[name].values[j])
                        for name in INDICES[result.method]})
            row["target_unit"] = BY_NAME[target.indicator].units
            rows.append(row)
    return pd.DataFrame(rows)


def _order(values: np.ndarray) -> np.ndarray:
    """Factor positions from most to least influential (undefined indices last)."""
    return np.argsort(-np.nan_to_num(values, nan=-np.inf), kind="stable")


def _scale(target) -> tuple[float, str]:
    """Shares are shown in percentage points; other units as they are."""
    unit = BY_NAME[target.indicator].units
    return (100.0, "pt") if unit == "1" else (1.0, unit)


def _cell(value: float, conf: float, scale: float = 1.0, digits: int = 2) -> str:
    if not np.isfinite(value):
        return "—"
    return f"{value * scale:.{digits}f} ± {conf * scale:.{digits}f}"


def top_table(result: SensitivityResult, target, lang: str, top: int = TOP) -> pd.DataFrame:
    """The `top` assumptions of one target, for people."""
    block = result.indices.sel(output=target.id)
    main = MAIN_INDEX[result.method]
    names = TABLE_TEXT["columns"][lang]
    rows = []
    for rank, j in enumerate(_order(block[main].to_numpy())[:top], start=1):
        f = result.factors[j]
        row = {names[0]: rank, names[1]: f.label_zh if lang == "zh" else f.label_en,
               names[2]: f"`{f.key}`"}
        if result.method == "sobol":
            row["S1"] = _cell(block["S1"].values[j], block["S1_conf"].values[j])
            row["ST"] = _cell(block["ST"].values[j], block["ST_conf"].values[j])
        else:
            scale, unit = _scale(target)
            row[f"μ* ({unit})"] = _cell(block["mu_star"].values[j],
                                        block["mu_star_conf"].values[j], scale, 3)
            row[f"σ ({unit})"] = f"{block['sigma'].values[j] * scale:.3f}"
        row[names[3]] = f"{f.low:g} – {f.high:g} {_unit(f.unit, lang)}".strip()
        row[names[4]] = TABLE_TEXT["distribution"][lang].get(f.distribution, f.distribution)
        rows.append(row)
    return pd.DataFrame(rows)


def _unit(unit: str, lang: str) -> str:
    """A factor's unit for a table; none for a plain ratio ('1')."""
    from sim.reports.labels import unit_label

    return "" if unit == "1" else unit_label(unit, lang)


def markdown_report(result: SensitivityResult, lang: str) -> str:
    from sim.analysis.verdicts import markdown

    runs = int(result.indices.attrs["runs"])
    n = int(result.indices.attrs["base_samples"])
    lines = [f"# {t('sensitivity_heading', lang, region=region_name(result.region, lang), scenario=result.scenario.name)}",
             "", t("sensitivity_how_" + result.method, lang, runs=f"{runs:,}", n=n), ""]
    for target in result.targets:
        lines += [f"## {_target_title(target, lang)}", ""]
        if bool(result.indices["constant"].sel(output=target.id)):
            lines += [t("sensitivity_constant", lang), ""]
            continue
        if target.id in result.runs_outside_0_1:
            lines += [t("sensitivity_outside", lang, count=result.runs_outside_0_1[target.id]), ""]
        lines += [markdown(top_table(result, target, lang))]
    if result.skipped:
        lines += [t("sensitivity_skipped", lang, ids=", ".join(t.id for t in result.skipped)), ""]
    return "\n".join(lines)


def _target_title(target, lang: str) -> str:
    scale, unit = _scale(target)
    level = f"{target.level * scale:g}%" if unit == "pt" else f"{target.level:g}"
    if lang == "zh":
        return f"{target_label(target, lang)}:{target.deadline}年{target.comparison}{level}(`{target.id}`)"
    return f"{target_label(target, lang)}: {target.comparison} {level} by {target.deadline} (`{target.id}`)"


def ranking_lines(result: SensitivityResult, top: int = 3) -> str:
    """A short ranking for the terminal: each target and its `top` assumptions."""
    main = MAIN_INDEX[result.method]
    width = max(len(t.id) for t in result.targets)
    lines = [f"{'target':<{width}}  year  top assumptions ({main}"
             + (", share points" if result.method == "morris" else "") + ")"]
    for target in result.targets:
        block = result.indices.sel(output=target.id)
        if bool(result.indices["constant"].sel(output=target.id)):
            ranked = "(constant: no assumption changes it)"
        else:
            values = block[main].to_numpy()
            scale = _scale(target)[0] if result.method == "morris" else 1.0
            ranked = ", ".join(f"{result.factors[j].key} {values[j] * scale:.2f}"
                               for j in _order(values)[:top])
        flag = " (!)" if target.id in result.runs_outside_0_1 else ""
        lines.append(f"{target.id:<{width}}  {target.deadline}  {ranked}{flag}")
    if result.runs_outside_0_1:
        lines.append("(!) share outside 0-1 in some runs: the model is numerically unstable at "
                     "some sampled values (see the markdown report)")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Files

def write_folder(result: SensitivityResult, plan, y: np.ndarray, results_dir: Path,
                 lang: str) -> Path:
    from sim.runs.results import new_run_id, run_folder

    scenario = result.scenario
    run_id = f"sensitivity-{result.method}-{new_run_id(scenario.sha256)}"
    with run_folder(results_dir, scenario.region, scenario.name, run_id) as (work, final):
        indices_table(result).to_csv(work / "indices.csv", index=False, float_format="%.6g")
        runs = pd.DataFrame(plan.values, columns=[f.key for f in result.factors])
        for i, target in enumerate(result.targets):
            runs[target.id] = y[:, i]
        runs.to_csv(work / "runs.csv", index_label="run", float_format="%.10g")
        for language in ("zh", "en"):
            (work / f"sensitivity_{language}.md").write_text(
                markdown_report(result, language), encoding="utf-8")
        (work / "sensitivity.yaml").write_text(
            yaml.safe_dump(description(result), allow_unicode=True, sort_keys=False),
            encoding="utf-8")
        write_charts(result, work, lang)
    return final["path"]


def _record_seconds(folder: Path, seconds: dict) -> None:
    """Add the total time to sensitivity.yaml once the folder is complete."""
    path = folder / "sensitivity.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["seconds"] = {k: round(v, 2) for k, v in seconds.items()}
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def description(result: SensitivityResult) -> dict:
    from sim.runs.results import git_commit, package_versions

    attrs = result.indices.attrs
    return {
        "scenario": result.scenario.name, "scenario_file": str(result.scenario.path),
        "scenario_sha256": result.scenario.sha256, "region": result.scenario.region,
        "years": {"start": result.scenario.start, "end": result.scenario.end},
        "method": result.method,
        "design": {k: (v.item() if hasattr(v, "item") else v) for k, v in attrs.items()},
        "factors": [{"key": f.key, "low": float(f.low), "central": float(f.central),
                     "high": float(f.high), "unit": f.unit, "distribution": f.distribution}
                    for f in result.factors],
        "targets": [t.id for t in result.targets],
        "targets_skipped": [t.id for t in result.skipped],
        "runs_with_share_outside_0_1": result.runs_outside_0_1,
        "seconds": {k: round(v, 2) for k, v in result.seconds.items()},
        "git_commit": git_commit(),
        "package_versions": {**package_versions(), **_salib_version()},
    }


def _salib_version() -> dict:
    from importlib.metadata import version

    return {"SALib": version("SALib")}


def write_charts(result: SensitivityResult, folder: Path, lang: str) -> list[Path]:
    from sim.reports.sensitivity_charts import plot_morris_ranking, plot_sobol_ranking, save_chart

    paths = []
    runs = int(result.indices.attrs["runs"])
    main = MAIN_INDEX[result.method]
    for target in result.targets:
        if bool(result.indices["constant"].sel(output=target.id)):
            continue
        block = result.indices.sel(output=target.id)
        order = _order(block[main].to_numpy())[:CHART_ROWS]
        labels = [_factor_label(result.factors[j], lang) for j in order]
        scale, unit = _scale(target)
        title = t("sensitivity_title", lang, region=region_name(result.region, lang),
                     target=target_label(target, lang), deadline=target.deadline,
                     comparison=target.comparison,
                     level=f"{target.level * scale:g}%" if unit == "pt" else
                     f"{target.level:g}")
        note = t("sensitivity_note", lang, method="Sobol" if result.method == "sobol" else "Morris",
                    runs=f"{runs:,}", scenario=result.scenario.name,
                    others=len(result.factors) - len(order))

        def draw(ax, block=block, order=order, labels=labels, title=title, scale=scale,
                 unit=unit, deadline=target.deadline):
            if result.method == "sobol":
                pick = {k: block[k].to_numpy()[order] for k in INDICES["sobol"]}
                return plot_sobol_ranking(labels, pick["S1"], pick["S1_conf"], pick["ST"],
                                          pick["ST_conf"], title,
                                          t("sensitivity_axis_sobol", lang, deadline=deadline), lang,
                                          ax=ax)
            pick = {k: block[k].to_numpy()[order] * scale for k in INDICES["morris"]}
            shown = ("百分点" if lang == "zh" else "percentage points") if unit == "pt" else unit
            return plot_morris_ranking(labels, pick["mu_star"], pick["mu_star_conf"],
                                       pick["sigma"], title,
                                       t("sensitivity_axis_morris", lang, deadline=deadline,
                                            unit=shown), lang, ax=ax)

        warning = (t("sensitivity_outside", lang, count=result.runs_outside_0_1[target.id])
                   if target.id in result.runs_outside_0_1 else "")
        paths += save_chart(draw, folder, f"rank_{target.id}", lang, note, rows=len(order),
                            warning=warning)
    return paths


def _factor_label(factor, lang: str) -> str:
    """The assumption's name in the language, wrapped so that long names fit the margin."""
    import textwrap

    name = factor.label_zh if lang == "zh" else factor.label_en
    longest = 15 if lang == "zh" else 34
    if len(name) <= longest:
        return name or factor.key
    # two lines of about equal length rather than a full line and a stray character
    return "\n".join(textwrap.wrap(name, (len(name) + 1) // 2 + (0 if lang == "zh" else 6)))
