"""Scenario comparison: run several scenarios of one region and write one report folder.

`results/<region>/compare/<run-id>/` (written atomically, sim.runs.results.run_folder) holds
`compare.html`, one self-contained page (target table, a chart per targeted indicator, the
population pyramids, the inputs that differ), and every chart as PNG and SVG for slides.

The pipeline: check the files → run each scenario (sim.runs.simulate, no results folder of its
own) → chart data as plain arrays (this module) → charts (sim.reports.charts, drawn by
sim.reports.chart_jobs' workers) → HTML (sim.reports.compare_html).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from sim.analysis.targets import indicator_groups, load_targets
from sim.analysis.verdicts import count_reached, indicator_path
from sim.core.errors import InputError, Verbatim
from sim.core.paths import RESULTS_DIR
from sim.core.progress import Progress
from sim.inputs.keys import KEYS
from sim.inputs.scenario import Scenario, effective_series, load_scenario
from sim.model.outputs import BY_NAME
from sim.reports import compare_html
from sim.reports.chart_jobs import LINE_CHART_MARGINS, PYRAMID_MARGINS, ChartJob, ChartWorkers
from sim.reports.labels import region_name, t, target_label
from sim.reports.run_report import run_scenario
from sim.reports.verdict_tables import verdict_table
from sim.runs.results import new_run_id, run_folder

FOLDER = "compare"          # results/<region>/compare/<run-id>/
HTML_FILE = "compare.html"
PYRAMID_STEM = "population_pyramid"
COMMAND_LINE = "(command line)"


def load_compared(paths) -> list[Scenario]:
    """The scenarios to compare, checked before any run: two or more files, none given twice,
    all of one region, no two with the same name (names label the lines). Raises InputError."""
    paths = [Path(p) for p in paths]
    if len(paths) < 2:
        raise InputError(paths[0] if paths else None, COMMAND_LINE,
                         Verbatim(f"{len(paths)} scenario file"),
                         "two or more scenario files of one region", "nothing to compare")
    seen: dict[Path, Path] = {}
    for path in paths:
        if path.resolve() in seen:
            raise InputError(path, COMMAND_LINE, Verbatim("the same file twice"),
                             "each scenario file once", "file given twice")
        seen[path.resolve()] = path
    scenarios = [load_scenario(p) for p in paths]
    names: dict[str, Path] = {}
    for path, scenario in zip(paths, scenarios):
        if scenario.region != scenarios[0].region:
            raise InputError(path, "region", scenario.region,
                             f"{scenarios[0].region!r}, the region of {paths[0]}",
                             "scenarios of different regions cannot be compared")
        if scenario.name in names:
            raise InputError(path, "name", scenario.name,
                             f"a name other than that of {names[scenario.name]}",
                             "two compared scenarios have the same name")
        names[scenario.name] = path
    return scenarios


def run_all(scenarios: list[Scenario], progress, which: str = "batch") -> list:
    """Run each scenario (sim.runs.run.run_scenario, nothing written); their RunResults."""

    results = []
    for i, scenario in enumerate(scenarios, 1):
        progress(f"scenario {i}/{len(scenarios)}: {scenario.name} ({scenario.path.name}, "
                 f"{scenario.start}-{scenario.end})")
        results.append(run_scenario(scenario.path, write=False, progress=progress,
                                    which=which))
    return results


# --- chart data ------------------------------------------------------------------------------

def indicator_job(results, stem: str, targets: list, level_texts: dict, lang: str,
                  note: str) -> ChartJob:
    """One indicator under every scenario, with the targets set on it."""
    first = targets[0]
    output = BY_NAME[first.indicator]
    percent = output.units == "1"
    lines = {r.scenario.name: (r.dataset["time"].to_numpy(), indicator_path(r.dataset, first))
             for r in results}
    marks = [(x.level, x.deadline, f"{t('target', lang)} {level_texts[x.id]} ({x.deadline})")
             for x in targets]
    ylabel = "%" if percent else (output.label_zh if lang == "zh" else output.units)
    title = t("compare_chart_title", lang, region=region_name(results[0].region, lang),
              indicator=target_label(first, lang))
    return ChartJob(stem, "plot_scenario_lines", (lines, marks, title, ylabel), (9, 5),
                    LINE_CHART_MARGINS, note, lang, kwargs={"percent": percent})


def pyramid_job(results, lang: str, note: str) -> ChartJob:
    """The base-year pyramid (every scenario starts from the region's census population)
    and each scenario's final year."""
    def pyramid(ds, year):
        return {sex: ds["population"].sel(time=year, sex=sex).to_numpy()
                for sex in ("male", "female")}

    ds0 = results[0].dataset
    y0 = int(ds0["time"][0])
    finals = {f"{r.scenario.name} {r.scenario.end}": pyramid(r.dataset, r.scenario.end)
              for r in results}
    args = (ds0["age"].to_numpy(), y0, pyramid(ds0, y0), finals,
            region_name(results[0].region, lang))
    return ChartJob(PYRAMID_STEM, "plot_pyramid_scenarios", args, (8, 7), PYRAMID_MARGINS,
                    note, lang)


# --- inputs that differ ----------------------------------------------------------------------

@dataclass(frozen=True)
class InputRow:
    """One scenario key whose effective series differs between the scenarios."""
    key: str
    label: dict          # {"zh": ..., "en": ...}
    kind: str            # assumption or lever
    unit: str
    values: list         # per scenario: the series in YAML form
    defaults: list       # per scenario: True if the value is the region profile's default


def yaml_form(value) -> str:
    """A series as written in a scenario file, on one line: 0.84, {ramp: {from: …}}."""
    text = yaml.safe_dump(value, default_flow_style=True, sort_keys=False, width=10**6,
                          allow_unicode=True)
    return text.removesuffix("...\n").strip()


def differing_inputs(results) -> list[InputRow]:
    """The keys whose effective series (region defaults overlaid with the scenario) differ."""
    series = [effective_series(r.scenario, r.region) for r in results]
    rows = []
    for key, spec in KEYS.items():
        forms = [yaml_form(s[key].to_yaml_value()) if key in s else "—" for s in series]
        if len(set(forms)) > 1:
            rows.append(InputRow(key, {"zh": spec.label_zh, "en": spec.label_en}, spec.kind,
                                 spec.unit, forms,
                                 [key not in r.scenario.values for r in results]))
    return rows


# --- the report ------------------------------------------------------------------------------

def build_html(results, charts: dict[str, str], lang: str, today: dt.date) -> str:
    """The page; `charts` maps chart stems to their SVG text (indicator charts, then the
    pyramid), in the order shown."""
    names = [r.scenario.name for r in results]
    region = region_name(results[0].region, lang)
    joined = ("、" if lang == "zh" else ", ").join(names)
    title = t("compare_title", lang, region=region, scenarios=joined)
    tables = [verdict_table(r.verdicts, lang) for r in results]
    statuses = [[v.status for v in r.verdicts] for r in results]

    def figure(stem: str) -> str:
        files = t("compare_files", lang, files=f"{stem}.png, {stem}.svg")
        svg = compare_html.inline_svg(charts[stem], f"c-{stem}", stem)
        return compare_html.figure(svg, stem, files)

    indicator_figures = "\n".join(figure(stem) for stem in charts if stem != PYRAMID_STEM)
    described = [(r.scenario.name, r.scenario.description, _shown(r.scenario.path),
                  f"{r.scenario.start}–{r.scenario.end}") for r in results]
    sections = {
        "targets": (t("compare_targets", lang),
                    compare_html.target_table(names, tables, statuses, lang, counts=[
                        count_reached(r.verdicts) for r in results])),
        "indicators": (t("compare_charts", lang), indicator_figures),
        "pyramid": (t("compare_pyramid", lang), figure(PYRAMID_STEM)),
        "assumptions": (t("compare_assumptions", lang),
                        compare_html.inputs_table(names, differing_inputs(results), lang)
                        + "\n" + compare_html.scenario_list(described, lang)),
    }
    attrs = results[0].dataset.attrs
    footer = t("compare_provenance", lang, commit=attrs.get("git_commit", "?"),
               model=attrs.get("model_sha256", "?")[:12])
    links = {anchor: heading for anchor, (heading, _) in sections.items()}
    head = compare_html.header(title, t("compare_made", lang, date=today.isoformat()), lang,
                               links, set_by_input=any("set_by_input" in s for s in statuses))
    bodies = [compare_html.section(a, h, body) for a, (h, body) in sections.items()]
    return compare_html.page(lang, title, head, bodies, footer)


def compare(paths, out=None, lang: str = "zh", progress=None, which: str = "batch") -> Path:
    """Run the scenarios in `paths` and write their comparison folder; returns its path."""

    progress = progress or Progress(enabled=False)
    scenarios = load_compared(paths)
    region = scenarios[0].region
    targets = load_targets(region)
    with ChartWorkers() as workers:  # they start up while the models run
        results = run_all(scenarios, progress, which)
        note = t("compare_note", lang, scenarios=", ".join(s.name for s in scenarios))
        levels = verdict_table(results[0].verdicts, lang).iloc[:, compare_html.LEVEL]
        level_texts = dict(zip((x.id for x in targets), levels))
        jobs = [indicator_job(results, stem, group, level_texts, lang, note)
                for stem, group in indicator_groups(targets).items()]
        jobs.append(pyramid_job(results, lang, note))
        digest = hashlib.sha256("".join(s.sha256 for s in scenarios).encode()).hexdigest()
        with run_folder(Path(out) if out else RESULTS_DIR, region, FOLDER,
                        new_run_id(digest)) as (work, final):
            progress(f"drawing {len(jobs)} charts")
            workers.draw(jobs, work)
            charts = {job.stem: (work / f"{job.stem}.svg").read_text(encoding="utf-8")
                      for job in jobs}
            progress(f"writing {HTML_FILE}")
            (work / HTML_FILE).write_text(build_html(results, charts, lang, dt.date.today()),
                                          encoding="utf-8")
    return final["path"]


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
