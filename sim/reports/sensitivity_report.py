"""The results folder of a sensitivity analysis (sim.analysis.sensitivity), its tables for people
and its terminal summary.

`run_sensitivity` runs the analysis and writes
`results/<region>/<scenario>/sensitivity-<method>-<run-id>/`, all at once
(sim.runs.results.run_folder):

    indices.csv            a row per (target, assumption): the method's indices, rank, unit
    sensitivity_zh.md/_en  the top assumptions of every target, and how to read the indices
    rank_<target>.png/svg  a ranking chart per target
    runs.csv               every run: the sampled assumption values and the targets' values
    sensitivity.yaml       design, factors (range, distribution), timing, provenance
"""

from __future__ import annotations

import textwrap
import time
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from sim.analysis.sensitivity.indices import (
    MAIN_INDEX,
    SensitivityResult,
    indices_table,
    ranking,
    scenario_indices,
)
from sim.analysis.sensitivity.methods import INDICES
from sim.core.paths import RESULTS_DIR
from sim.model.outputs import BY_NAME
from sim.reports.labels import region_name, t, target_label, unit_label, zh_text
from sim.reports.verdict_tables import markdown
from sim.runs.results import git_commit, new_run_id, package_versions, run_folder, write_csv

SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}   # comparisons as a plan writes them
TOP = 5            # assumptions per target in the tables
CHART_ROWS = 12    # assumptions per ranking chart (the rest are listed as a count)

# Table layout in both languages (the sentences are in sim.reports.labels, keys sensitivity_*).
COLUMNS = {"zh": ("排名", "假设", "键", "区间", "分布"),
           "en": ("rank", "assumption", "key", "range", "distribution")}
DISTRIBUTION_TEXT = {"zh": {"uniform": "均匀", "triangular": "三角"},
                     "en": {"uniform": "uniform", "triangular": "triangular"}}


def run_sensitivity(path, method: str = "sobol", samples: int | None = None, seed: int = 0,
                    out=None, lang: str = "zh", progress=None, scheduler=None,
                    write: bool = True) -> SensitivityResult:
    """Sensitivity of every target of the scenario's region (deadline within the horizon) to
    every uncertain assumption of the scenario; writes the results folder unless write=False."""
    started = time.perf_counter()
    result = scenario_indices(path, method=method, samples=samples, seed=seed,
                              progress=progress, scheduler=scheduler)
    if not write:
        return result
    if progress:
        progress("writing the tables and charts")
    folder = write_folder(result, Path(out) if out else RESULTS_DIR, lang)
    # the total includes the writing: recorded once the folder is complete
    result = replace(result, folder=folder,
                     seconds={**result.seconds, "total": time.perf_counter() - started})
    _record_seconds(folder, result.seconds)
    return result


# --------------------------------------------------------------------------------------------
# Tables

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
    names = COLUMNS[lang]
    rows = []
    for rank, j in enumerate(ranking(block[main].to_numpy())[:top], start=1):
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
        row[names[4]] = DISTRIBUTION_TEXT[lang].get(f.distribution, f.distribution)
        rows.append(row)
    return pd.DataFrame(rows)


def _unit(unit: str, lang: str) -> str:
    """A factor's unit for a table; none for a plain ratio ('1')."""
    return "" if unit == "1" else unit_label(unit, lang)


def markdown_report(result: SensitivityResult, lang: str) -> str:
    runs = int(result.indices.attrs["runs"])
    n = int(result.indices.attrs["base_samples"])
    heading = t("sensitivity_heading", lang, region=region_name(result.region, lang),
                scenario=result.scenario.name)
    lines = [f"# {heading}", "",
             t("sensitivity_how_" + result.method, lang, runs=f"{runs:,}", n=n), ""]
    for target in result.targets:
        lines += [f"## {_target_title(target, lang)}", ""]
        if bool(result.indices["constant"].sel(output=target.id)):
            lines += [t("sensitivity_constant", lang), ""]
            continue
        if target.id in result.runs_outside_0_1:
            lines += [t("sensitivity_outside", lang, count=result.runs_outside_0_1[target.id]),
                      ""]
        lines += [markdown(top_table(result, target, lang))]
    if result.skipped:
        lines += [t("sensitivity_skipped", lang, ids=", ".join(s.id for s in result.skipped)),
                  ""]
    return "\n".join(lines)


def _level(target) -> str:
    """The target's level as written in titles: shares in percent."""
    scale, unit = _scale(target)
    return f"{target.level * scale:g}%" if unit == "pt" else f"{target.level:g}"


def _target_title(target, lang: str) -> str:
    name, level, key = target_label(target, lang), _level(target), f"`{target.id}`"
    if lang == "zh":
        return f"{name}:{target.deadline}年{target.comparison}{level}({key})"
    return f"{name}: {target.comparison} {level} by {target.deadline} ({key})"


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
                               for j in ranking(values)[:top])
        flag = " (!)" if target.id in result.runs_outside_0_1 else ""
        lines.append(f"{target.id:<{width}}  {target.deadline}  {ranked}{flag}")
    if result.runs_outside_0_1:
        lines.append("(!) share outside 0-1 in some runs: the model is numerically unstable at "
                     "some sampled values (see the markdown report)")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Files

def write_folder(result: SensitivityResult, results_dir: Path, lang: str) -> Path:
    """Write the analysis' folder under `results_dir` at once; its path."""
    scenario = result.scenario
    run_id = f"sensitivity-{result.method}-{new_run_id(scenario.sha256)}"
    with run_folder(results_dir, scenario.region, scenario.name, run_id) as (work, final):
        write_csv(indices_table(result), work / "indices.csv", index=False, float_format="%.6g")
        runs = pd.DataFrame(result.design.values, columns=[f.key for f in result.factors])
        for i, target in enumerate(result.targets):
            runs[target.id] = result.outputs[:, i]
        write_csv(runs, work / "runs.csv", index_label="run", float_format="%.10g")
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
    """sensitivity.yaml: the design, the factors, the targets, timing and provenance."""
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
        "package_versions": {**package_versions(), "SALib": version("SALib")},
    }


def write_charts(result: SensitivityResult, folder: Path, lang: str) -> list[Path]:
    """A ranking chart per target that some assumption moves."""
    from sim.reports.sensitivity_charts import (  # heavy: matplotlib, only when drawing
        effect_directions,
        plot_morris_ranking,
        plot_sobol_ranking,
        save_chart,
        shown,
    )

    paths = []
    runs = int(result.indices.attrs["runs"])
    main = MAIN_INDEX[result.method]
    for i, target in enumerate(result.targets):
        if bool(result.indices["constant"].sel(output=target.id)):
            continue
        block = result.indices.sel(output=target.id)
        main_values = block[main].to_numpy()
        worth = shown(main_values, relative=result.method == "morris")
        order = [j for j in ranking(main_values) if worth[j]][:CHART_ROWS]
        if not order:   # every index about zero: nothing to rank
            continue
        signs = effect_directions(result.design.values, result.outputs[:, i])[order]
        labels = [_factor_label(result.factors[j], lang) for j in order]
        scale, unit = _scale(target)
        title = t("sensitivity_title", lang, region=region_name(result.region, lang),
                  target=target_label(target, lang), deadline=target.deadline,
                  comparison=SYMBOL.get(target.comparison, target.comparison),
                  level=_level(target))
        note = t("sensitivity_note", lang, method="Sobol" if result.method == "sobol" else "Morris",
                 runs=f"{runs:,}", scenario=result.scenario.title_in(lang),
                 others=len(result.factors) - len(order))

        def draw(ax, block=block, order=order, labels=labels, title=title, scale=scale,
                 unit=unit, deadline=target.deadline, signs=signs):
            if result.method == "sobol":
                pick = {k: block[k].to_numpy()[order] for k in INDICES["sobol"]}
                return plot_sobol_ranking(labels, pick["S1"], pick["S1_conf"], pick["ST"],
                                          pick["ST_conf"], title,
                                          t("sensitivity_axis_sobol", lang, deadline=deadline),
                                          lang, ax=ax, signs=signs)
            pick = {k: block[k].to_numpy()[order] * scale for k in INDICES["morris"]}
            unit_text = (("百分点" if lang == "zh" else "percentage points") if unit == "pt"
                         else unit_label(unit, lang))
            return plot_morris_ranking(labels, pick["mu_star"], pick["mu_star_conf"],
                                       pick["sigma"], title,
                                       t("sensitivity_axis_morris", lang, deadline=deadline,
                                         unit=unit_text), lang, ax=ax, signs=signs)

        warning = (t("sensitivity_outside", lang, count=result.runs_outside_0_1[target.id])
                   if target.id in result.runs_outside_0_1 else "")
        paths += save_chart(draw, folder, f"rank_{target.id}", lang, note, rows=len(order),
                            warning=warning)
    return paths


def _factor_label(factor, lang: str) -> str:
    """The assumption's name in the language, wrapped so that long names fit the margin."""
    name = zh_text(factor.label_zh, lang) if lang == "zh" else factor.label_en
    longest = 15 if lang == "zh" else 34
    if len(name) <= longest:
        return name or factor.key
    # two lines of about equal length rather than a full line and a stray character
    return "\n".join(textwrap.wrap(name, (len(name) + 1) // 2 + (0 if lang == "zh" else 6)))
