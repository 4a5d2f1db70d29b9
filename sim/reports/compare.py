"""Scenario comparison: run several scenarios of one region and write one report folder.

`results/<region>/compare/<run-id>/` (written atomically, sim.runs.results.run_folder) holds
`compare.html`, one self-contained page (a one-page scenario × target matrix, the target table
with the change against the first scenario and the plan sources as numbered notes, a chart per
targeted indicator, the population pyramids, the inputs that differ written for people), and
every chart as PNG and SVG for slides.

The pipeline: check the files → run each scenario (sim.runs.simulate, no results folder of its
own) → the page's facts as plain data (this module) → charts (sim.reports.charts, drawn by
sim.reports.chart_jobs' workers while the page's text and font are made) → HTML
(sim.reports.compare_html).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sim.analysis.targets import indicator_groups, load_targets
from sim.analysis.verdicts import count_reached, indicator_path
from sim.core.errors import InputError, Verbatim
from sim.core.paths import RESULTS_DIR
from sim.core.progress import Progress
from sim.inputs.keys import KEYS
from sim.inputs.scenario import Scenario, effective_series, load_scenario
from sim.model.outputs import BY_NAME
from sim.reports import assumption_text, compare_html
from sim.reports.chart_jobs import PYRAMID_MARGINS, ChartJob, ChartWorkers
from sim.reports.compare_text import ITEM_SEP, LIST_SEP, ct
from sim.reports.labels import region_name, target_label
from sim.reports.observed import Observed, last_observed_time, load_observed, observed_points
from sim.reports.plan_sources import readable_source
from sim.reports.run_report import run_scenario
from sim.reports.verdict_tables import STATUS_TEXT, comparison_text, show_value
from sim.runs.results import new_run_id, run_folder

FOLDER = "compare"          # results/<region>/compare/<run-id>/
HTML_FILE = "compare.html"
PYRAMID_STEM = "population_pyramid"
COMMAND_LINE = "(command line)"
#: The most scenarios the page is laid out for (the target table fits an A4 page's width).
MOST_SCENARIOS = 4

# Chart sizes in inches, about the A4 column (210 mm less 2 × 13 mm margins = 7.2 in), so that
# printed at full column width the chart's text is at its nominal size (source line 8 pt) and
# two line charts fit a page.
LINE_FIGSIZE = (7.2, 4.3)
PYRAMID_FIGSIZE = (7.2, 6.4)
# Room at the right for the legend (scenario titles and targets); the source line at the bottom.
LINE_MARGINS = dict(left=0.10, right=0.70, top=0.90, bottom=0.20)

# What must be equal in the base year for "the same start" (with each targeted indicator).
START_QUANTITIES = ("total_population", "total_births", "total_deaths",
                    "total_net_migration", "hukou_population")


def load_compared(paths) -> list[Scenario]:
    """The scenarios to compare, checked before any run: two to four files, none given twice,
    all of one region, no two with the same name (names label the lines). Raises InputError."""
    paths = [Path(p) for p in paths]
    if len(paths) < 2:
        raise InputError(paths[0] if paths else None, COMMAND_LINE,
                         Verbatim(f"{len(paths)} scenario file"),
                         "two or more scenario files of one region", "nothing to compare")
    if len(paths) > MOST_SCENARIOS:
        raise InputError(paths[MOST_SCENARIOS], COMMAND_LINE,
                         Verbatim(f"{len(paths)} scenario files"),
                         f"two to {MOST_SCENARIOS} scenario files (the page is laid out for "
                         f"{MOST_SCENARIOS} columns on A4)", "too many scenarios")
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


def titles(scenarios: list[Scenario], lang: str) -> list[str]:
    """Each scenario's title in the language; where two titles are the same, with the name."""
    plain = [s.title_in(lang) for s in scenarios]
    return [f"{title} ({s.name})" if plain.count(title) > 1 else title
            for title, s in zip(plain, scenarios)]


# --- the page's facts ------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One compared scenario."""
    name: str
    title: str
    description: str
    file: str
    years: str


@dataclass(frozen=True)
class Cell:
    """One scenario's result on one target."""
    value: str              # at the deadline, e.g. "78.6%"
    status: str             # sim.analysis.verdicts.STATUSES
    words: str              # the verdict in words
    first_year: str         # the first year reached, or ""
    change: str             # against the first scenario ("" for the first)


@dataclass(frozen=True)
class TargetRow:
    target_id: str
    label: str              # the indicator, in the language
    level: str              # "≥ 70.0%"
    deadline: int
    source: str             # plan documents by title and line
    cells: list[Cell]


def change_text(value: float | None, first: float | None, target, lang: str) -> str:
    """`value` less `first` as the table shows them (rounded as shown, so that 7.30 against
    7.31 reads −0.01, never 0): "+1.2个百分点" / "+1.2 pt" for shares, "+0.35" otherwise;
    "0" when they read the same."""
    if value is None or first is None:
        return "—"
    percent = BY_NAME[target.indicator].units == "1"
    shown_value, shown_first = (float(show_value(x, target).rstrip("%")) for x in (value, first))
    diff = shown_value - shown_first
    shown = f"{diff:+.1f}" if percent else f"{diff:+.2f}"
    if float(shown) == 0.0:
        return "0"
    return shown.replace("-", "−") + (ct("percent_points", lang) if percent else "")


def target_rows(results, lang: str) -> list[TargetRow]:
    """A row per target of the region (the targets of every result are the same, in order)."""
    rows = []
    for j, verdict in enumerate(results[0].verdicts):
        target = verdict.target
        first = verdict.value_at_deadline
        cells = []
        for i, result in enumerate(results):
            v = result.verdicts[j]
            cells.append(Cell(
                show_value(v.value_at_deadline, target), v.status,
                ct("set_by_input_short", lang) if v.status == "set_by_input"
                else STATUS_TEXT[v.status][lang],
                str(v.first_year_reached) if v.first_year_reached is not None else "",
                change_text(v.value_at_deadline, first, target, lang) if i else ""))
        rows.append(TargetRow(target.id, target_label(target, lang), comparison_text(target),
                              target.deadline, source_text(target.source, lang), cells))
    return rows


def source_text(source: str, lang: str) -> str:
    """A target's source for people: plan documents by title and line
    (sim.reports.plan_sources); in Chinese, a quote of the plan in full-width brackets and
    "definition" as 定义见."""
    text = readable_source(source, lang)
    if lang == "zh":
        text = re.sub(r" \(([^()]*)\)", r"（\1）", text)
        text = text.replace("; definition ", "；定义见")
    return text


@dataclass(frozen=True)
class InputRow:
    """One scenario key whose effective series differs between the scenarios."""
    key: str
    name: str            # in the language, with its unit where the values do not carry it
    kind: str            # assumption or lever
    values: list         # per scenario: the series for people
    defaults: list       # per scenario: True if the value is the region profile's default


def differing_inputs(results, lang: str) -> list[InputRow]:
    """The keys whose effective series (region defaults overlaid with the scenario) differ."""
    series = [effective_series(r.scenario, r.region) for r in results]
    rows = []
    for key, spec in KEYS.items():
        each = [s.get(key) for s in series]
        forms = {repr(x.to_yaml_value()) if x is not None else None for x in each}
        if len(forms) > 1:
            rows.append(InputRow(key, assumption_text.key_name(spec, lang), spec.kind,
                                 assumption_text.series_texts(spec, each, lang),
                                 [key not in r.scenario.values for r in results]))
    return rows


def start_statement(results, scenario_titles: list[str], lang: str) -> tuple[str, bool]:
    """Whether the scenarios start from the same base-year values. "Same start" only when
    the base-year population, births, deaths, migration and every targeted indicator read
    the same (at the precision shown); otherwise, for each scenario that starts elsewhere than
    the first, which values differ and the inputs whose base-year value differs (the reason).
    Returns the sentence and whether the start is the same."""
    year = int(results[0].dataset["time"][0])
    shown = [_start_values(r, year, lang) for r in results]
    series = [effective_series(r.scenario, r.region) for r in results]
    clauses = []
    for i in range(1, len(results)):
        differ = [(label, text, shown[0][label]) for label, text in shown[i].items()
                  if text != shown[0][label]]
        if not differ:
            continue
        causes = _start_inputs(series[0], series[i], year, lang)
        clauses.append(_start_clause(scenario_titles[i], scenario_titles[0], differ, causes,
                                     lang))
    if not clauses:
        return ct("start_same", lang, year=year), True
    return ct("start_differs", lang, year=year, first=scenario_titles[0],
              clauses=ITEM_SEP[lang].join(clauses)), False


def _start_values(result, year: int, lang: str) -> dict[str, str]:
    """The base-year values compared, as shown: {label: text}."""
    values = {}
    for name in START_QUANTITIES:
        output = BY_NAME[name]
        label = output.label_zh if lang == "zh" else output.long_name
        values[label] = f"{float(result.dataset[name].sel(time=year)):,.0f}"
    for verdict in result.verdicts:
        target = verdict.target
        values[target_label(target, lang)] = show_value(
            float(indicator_path(result.dataset, target)[0]), target)
    return values


def _start_inputs(first: dict, other: dict, year: int, lang: str) -> list[tuple[str, str, str]]:
    """The inputs whose value in `year` differs: (name, value, value in the first scenario)."""
    found = []
    for key, spec in KEYS.items():
        if key not in first or key not in other:
            continue
        a = assumption_text.value_at(other[key], year)
        b = assumption_text.value_at(first[key], year)
        if np.isclose(a, b, rtol=1e-12, atol=0.0):
            continue
        for digits in assumption_text.DIGITS:
            shown, base = (assumption_text.value_text(spec, x, lang, digits) for x in (a, b))
            if shown != base:
                break
        found.append((spec.label_zh if lang == "zh" else spec.label_en, shown, base))
    return found


def _start_clause(title: str, first: str, differ: list, causes: list, lang: str) -> str:
    """"低生育率的出生人数为92,620（基准情景94,613），因其总和生育率为1.04（基准情景1.06）"."""
    def listed(items) -> str:
        if lang == "zh":
            return "，".join(f"{label}为{value}（{first}{base}）" for label, value, base in items)
        return ", ".join(f"{label} {value} ({first}: {base})" for label, value, base in items)

    if lang == "en":
        differ = [(_lower_first(label), *rest) for label, *rest in differ]
        causes = [(_lower_first(label), *rest) for label, *rest in causes]
    if lang == "zh":
        why = f"，因其{listed(causes)}" if causes else "，但未找到该年取值不同的输入"
        return f"{title}的{listed(differ)}{why}"
    why = (f", because its {listed(causes)}" if causes
           else ", though no input differs in that year")
    return f"{title}: {listed(differ)}{why}"


def _lower_first(text: str) -> str:
    """"Live births" → "live births" in running text; "GP training places" stays."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


# --- chart data ------------------------------------------------------------------------------

def indicator_job(results, scenario_titles: list[str], stem: str, targets: list, lang: str,
                  note: str, observed: dict[str, Observed] | None = None) -> ChartJob:
    """One indicator under every scenario, with the targets set on it; `observed`: the
    region's published values by indicator (sim.reports.observed), drawn as dots with the
    last observed year marked."""
    first = targets[0]
    output = BY_NAME[first.indicator]
    percent = output.units == "1"
    lines = {title: (r.dataset["time"].to_numpy(), indicator_path(r.dataset, first))
             for title, r in zip(scenario_titles, results)}
    marks = [(x.level, x.deadline, ct("chart_target", lang, level=comparison_text(x),
                                      deadline=x.deadline)) for x in targets]
    ylabel = "%" if percent else (output.label_zh if lang == "zh" else output.units)
    title = ct("chart_title", lang, region=region_name(results[0].region, lang),
               indicator=target_label(first, lang))
    points = (observed or {}).get(first.indicator) if not first.select else None
    kwargs = {"percent": percent,
              "observed": (points.times, points.values) if points is not None else None,
              "last_observed": last_observed_time(observed or {})}
    return ChartJob(stem, "plot_scenario_lines", (lines, marks, title, ylabel), LINE_FIGSIZE,
                    LINE_MARGINS, note, lang, kwargs=kwargs)


def pyramid_job(results, scenario_titles: list[str], lang: str, note: str) -> ChartJob:
    """The base-year pyramid (every scenario starts from the region's census population)
    and each scenario's final year."""
    def pyramid(ds, year):
        return {sex: ds["population"].sel(time=year, sex=sex).to_numpy()
                for sex in ("male", "female")}

    ds0 = results[0].dataset
    y0 = int(ds0["time"][0])
    finals = {ct("pyramid_final", lang, scenario=title, year=r.scenario.end):
              pyramid(r.dataset, r.scenario.end) for title, r in zip(scenario_titles, results)}
    args = (ds0["age"].to_numpy(), y0, pyramid(ds0, y0), finals,
            region_name(results[0].region, lang))
    return ChartJob(PYRAMID_STEM, "plot_pyramid_scenarios", args, PYRAMID_FIGSIZE,
                    PYRAMID_MARGINS, note, lang)


# --- the report ------------------------------------------------------------------------------

def page_parts(results, lang: str, today: dt.date) -> compare_html.Parts:
    """Everything on the page but the charts."""
    scenario_titles = titles([r.scenario for r in results], lang)
    region = region_name(results[0].region, lang)
    columns = [Column(r.scenario.name, title, r.scenario.description_in(lang),
                      _shown(r.scenario.path), f"{r.scenario.start}–{r.scenario.end}")
               for title, r in zip(scenario_titles, results)]
    rows = target_rows(results, lang)
    attrs = results[0].dataset.attrs
    start, same_start = start_statement(results, scenario_titles, lang)
    return compare_html.Parts(
        lang=lang,
        title=ct("title", lang, region=region, scenarios=LIST_SEP[lang].join(scenario_titles)),
        made=ct("made", lang, date=today.isoformat()),
        start=start, same_start=same_start,
        columns=columns, rows=rows,
        counts=[count_reached(r.verdicts) for r in results],
        inputs=differing_inputs(results, lang),
        footer=ct("provenance", lang, commit=attrs.get("git_commit", "?"),
                  model=attrs.get("model_sha256", "?")[:12]))


def compare(paths, out=None, lang: str = "zh", progress=None, which: str = "batch") -> Path:
    """Run the scenarios in `paths` and write their comparison folder; returns its path."""

    progress = progress or Progress(enabled=False)
    scenarios = load_compared(paths)
    region = scenarios[0].region
    targets = load_targets(region)
    with ChartWorkers() as workers:  # they start up while the models run
        results = run_all(scenarios, progress, which)
        scenario_titles = titles(scenarios, lang)
        note = ct("chart_note", lang, scenarios=LIST_SEP[lang].join(scenario_titles),
                  year=scenarios[0].start)
        observed = observed_points(load_observed(region))
        jobs = [indicator_job(results, scenario_titles, stem, group, lang, note, observed)
                for stem, group in indicator_groups(targets).items()]
        jobs.append(pyramid_job(results, scenario_titles, lang, note))
        digest = hashlib.sha256("".join(s.sha256 for s in scenarios).encode()).hexdigest()
        with run_folder(Path(out) if out else RESULTS_DIR, region, FOLDER,
                        new_run_id(digest)) as (work, final):
            progress(f"drawing {len(jobs)} charts")
            drawn = workers.submit(jobs, work)
            # meanwhile: the page's text and its font (the charts' text is drawn as paths)
            parts = page_parts(results, lang, dt.date.today())
            stems = [job.stem for job in jobs]
            font = compare_html.page_font(parts, stems, PYRAMID_STEM)
            drawn()
            charts = {stem: (work / f"{stem}.svg").read_text(encoding="utf-8")
                      for stem in stems}
            progress(f"writing {HTML_FILE}")
            (work / HTML_FILE).write_text(compare_html.build(parts, charts, font, PYRAMID_STEM),
                                          encoding="utf-8")
    return final["path"]


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
