"""The what-if page's JSON API without the web: request text -> validated scenario -> model
run -> plain dicts (the routes are sim.interfaces.serve.app).

A scenario posted to the API is YAML or JSON text of a scenario file, read with the same strict,
bounded reader as a file (sim.core.yamlio: 1 MB, no tags, alias bombs and deep nesting refused)
as though it were the file ``scenarios/<region>/request.yaml``: the library folder of the region
it names (``region:`` must be a region folder, or its English or Chinese name), or
``scenarios/request.yaml`` when it names none. So ``extends: baseline.yaml`` means the region's
baseline, and ``extends`` can only reach files inside the scenario library
(sim.inputs.scenario). Every problem is a `SimError` whose text is the CLI's one-line error,
with paths shown relative to the project (`error_text`).

Model runs are limited to one per core at a time (`_RUNS`), so twenty requests at once queue
instead of overrunning the machine.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from sim.analysis.targets import Target, load_targets
from sim.analysis.verdicts import Verdict, judge
from sim.core.errors import InputError, SimError, Verbatim, did_you_mean, one_of
from sim.core.paths import CALIBRATION_DIR, PROJECT_ROOT, RESULTS_DIR, SCENARIOS_DIR
from sim.core.yamlio import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml_text
from sim.engines.batch.model import BatchModel
from sim.inputs.history import load_history
from sim.inputs.keys import KEYS, keys_of_kind
from sim.inputs.national import mortality_standard
from sim.inputs.region import Region, list_regions, load_region, resolve_region
from sim.inputs.scenario import Scenario, check_name, effective_series, load_scenario
from sim.model import MODEL_FILE
from sim.model.outputs import BY_NAME
from sim.model.parameters import model_constants, model_series
from sim.reports.labels import UNITS_ZH, target_label
from sim.reports.verdict_tables import STATUS_TEXT, show_value
from sim.runs.sampling import DEFAULT_SEED

__all__ = ["MAX_BODY_BYTES", "REQUEST_FILE", "SECTORS", "error_text", "read_request",
           "load_request", "known_region", "library", "library_file", "levers", "run",
           "simulate_fast", "validate", "save", "uncertainty"]

#: Largest request body, in bytes: the limit of a scenario file (sim.core.yamlio).
MAX_BODY_BYTES = MAX_FILE_BYTES
#: The file name a posted scenario is read as (module docstring).
REQUEST_FILE = "request.yaml"
#: The lever sectors (the first part of a lever key), in Chinese and English.
SECTORS = {
    "beds": {"zh": "床位", "en": "Beds"},
    "workforce": {"zh": "卫生人力", "en": "Health workforce"},
    "primary_care": {"zh": "基层医疗与家庭医生", "en": "Primary care and family doctors"},
    "care": {"zh": "老年健康与托育", "en": "Elderly health and infant care"},
}
#: Published history drawn as points on a chart: model output -> history.csv series (same
#: unit and scope: residents counted by the census definition; life expectancy at birth).
HISTORY_POINTS = {"total_population": "resident_population",
                  "implied_life_expectancy": "life_expectancy"}
#: Charts beside the targeted indicators.
EXTRA_CHARTS = ("total_population",)
#: Draws of "How likely?" (issue 17: 1,000).
UNCERTAINTY_SAMPLES = 1000

_RUNS = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
_LIBRARY_PATH = re.compile(r"[\w.+() -]+/[\w.+() -]+\.ya?ml")
_TITLE_CHARS = 200


def error_text(error: BaseException) -> str:
    """The CLI's one line for `error` ("error: …"), with the project's folder left out of
    every path (the server may run from any directory)."""
    text = str(error)
    for root in {str(PROJECT_ROOT), str(PROJECT_ROOT.resolve())}:
        text = text.replace(root + os.sep, "").replace(root, ".")
    return f"error: {text}"


# --- reading a request ---------------------------------------------------------------------------

def read_request(body: bytes, content_type: str = "") -> tuple[str, Path]:
    """The scenario text of a request body (YAML, or JSON when `content_type` says so) and the
    path it is read as (module docstring). Raises `InputError`."""
    where = Path(REQUEST_FILE)
    text = _body_text(body, where)
    if "json" in content_type.lower():
        text = _json_as_yaml(text, where)
    data = parse_yaml_text(text, where)
    return text, _request_path(data.get("region"), where)


def _json_as_yaml(text: str, where: Path) -> str:
    """JSON text as the YAML text of the same mapping; object keys that are whole numbers
    (years, e.g. "2025" in a step) become numbers, as in a YAML file."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError(where, "(top level)", Verbatim(f"nesting deeper than {MAX_DEPTH} levels"),
                         f"at most {MAX_DEPTH} levels of nested mappings and lists",
                         "nested too deeply") from None
    except ValueError as exc:
        raise InputError(where, "(top level)", Verbatim(str(exc).split("\n")[0]),
                         "a JSON object of scenario keys", "malformed JSON") from None
    _check_depth(data, where)
    return yaml.safe_dump(_year_keys(data), allow_unicode=True, sort_keys=False)


def _check_depth(data: Any, where: Path) -> None:
    todo = [(data, 0)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                raise InputError(where, "(top level)", Verbatim(
                    f"nesting deeper than {MAX_DEPTH} levels"),
                    f"at most {MAX_DEPTH} levels of nested mappings and lists",
                    "nested too deeply")
            todo += [(x, depth + 1) for x in (item.values() if isinstance(item, dict) else item)]


def _year_keys(data: Any) -> Any:
    if isinstance(data, dict):
        return {(int(k) if isinstance(k, str) and k.isascii() and k.isdigit() and len(k) <= 4
                 else k): _year_keys(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_year_keys(x) for x in data]
    return data


def _request_path(region: Any, where: Path) -> Path:
    if not isinstance(region, str):
        return SCENARIOS_DIR / REQUEST_FILE  # no region, or a wrong type: the loader says so
    return SCENARIOS_DIR / known_region(region, where, "region") / REQUEST_FILE


def known_region(name: str, where: Path | None, key: str) -> str:
    """The folder name of region `name` (folder, English or Chinese name); `InputError` when
    it is not a region folder of calibration/."""
    known = list_regions()
    folder = resolve_region(name)
    if folder not in known:
        raise InputError(where, key, name, one_of(known),
                         "unknown region" + did_you_mean(name, known))
    return folder


def load_request(body: bytes, content_type: str = "") -> Scenario:
    text, path = read_request(body, content_type)
    return load_scenario(path, text=text)


# --- the scenario library ------------------------------------------------------------------------

def library_file(name: str) -> Path:
    """The library file named `name` ("hangzhou/plan.yaml", relative to scenarios/); refused
    unless it is a .yaml file of a region folder of the library."""
    if not isinstance(name, str) or not _LIBRARY_PATH.fullmatch(name) or ".." in name:
        raise InputError(None, "scenario", name, "a library scenario as <region>/<file>.yaml, "
                         "e.g. hangzhou/baseline.yaml", "not a scenario of the library")
    path = SCENARIOS_DIR / name
    if not path.resolve().is_relative_to(SCENARIOS_DIR.resolve()) or not path.is_file():
        raise InputError(None, "scenario", name, one_of(library_names()),
                         "no such scenario in the library"
                         + did_you_mean(name, library_names()))
    return path


def library_names() -> list[str]:
    return sorted(f"{p.parent.name}/{p.name}" for p in SCENARIOS_DIR.glob("*/*.yaml"))


def library() -> list[dict]:
    """Every scenario of the library that loads: its name, region and titles."""
    out = []
    for name in library_names():
        try:
            s = load_scenario(SCENARIOS_DIR / name)
        except SimError:
            continue  # `sim validate scenarios/*/*.yaml` names the problem
        out.append({"file": name, "region": s.region, "name": s.name,
                    "description": s.description, **_titles(s.path)})
    return out


def _titles(path: Path) -> dict[str, str]:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return {k: doc[k] for k in ("title_zh", "title_en") if isinstance(doc.get(k), str)}


# --- regions and targets, cached while their files are unchanged ------------------------------

_cache: dict[tuple, Any] = {}
_cache_lock = threading.Lock()


def _signature(region: str) -> tuple:
    folder = CALIBRATION_DIR / region
    files = [p for f in (folder, folder / "fit", CALIBRATION_DIR / "common") if f.is_dir()
             for p in f.iterdir() if p.is_file()]
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


def _cached(kind: str, region: str, load):
    key = (kind, region, _signature(region))
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    value = load(region)
    with _cache_lock:
        for old in [k for k in _cache if k[:2] == (kind, region)]:
            del _cache[old]
        _cache[key] = value
    return value


def region_of(name: str) -> Region:
    return _cached("region", name, load_region)


def targets_of(name: str) -> list[Target]:
    return _cached("targets", name, load_targets)


# --- the page's data -------------------------------------------------------------------------

def _number(x: Any) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


def _chart_id(indicator: str, select: dict[str, str]) -> str:
    return indicator + "".join(f"|{k}={v}" for k, v in sorted(select.items()))


def _charts(targets: list[Target]) -> list[tuple[str, str, dict[str, str]]]:
    seen: dict[str, tuple[str, str, dict[str, str]]] = {}
    for name in EXTRA_CHARTS:
        seen[name] = (name, name, {})
    for t in targets:
        seen.setdefault(_chart_id(t.indicator, t.select), (_chart_id(t.indicator, t.select),
                                                            t.indicator, dict(t.select)))
    return list(seen.values())


def _model_year(day: _dt.date) -> float:
    """A date on the model's time axis: year t is 1 Nov of t (README "Dates")."""
    return round(day.year + (day - _dt.date(day.year, 11, 1)).days / 365.25, 3)


def levers(scenario_name: str | None = None, region: str | None = None) -> dict:
    """What the page needs to draw one scenario of the library: the region, the scenario,
    every lever (names, unit, range, the scenario's path), the targets, the charts with their
    observed history."""
    if scenario_name is None:
        folder = known_region(region or "", None, "region")
        scenario_name = f"{folder}/baseline.yaml"
    path = library_file(scenario_name)
    scenario = load_scenario(path)
    reg = region_of(scenario.region)
    series = effective_series(scenario, reg)
    years = scenario.years
    lever_rows = []
    for key in keys_of_kind("lever"):
        spec = KEYS[key]
        s = series[key]
        path_values = s.values(years)
        lever_rows.append({
            "key": key, "sector": key.split(".")[0], "label_zh": spec.label_zh,
            "label_en": spec.label_en, "unit": spec.unit,
            "unit_zh": UNITS_ZH.get(spec.unit, spec.unit), "low": spec.low, "high": spec.high,
            "description": spec.description, "base": _plain(s.to_yaml_value()),
            "path": [float(v) for v in path_values], "value": float(path_values[0]),
            "set_by": "scenario" if key in scenario.values else "region profile"})
    targets = targets_of(scenario.region)
    history = load_history(scenario.region) if (CALIBRATION_DIR / scenario.region /
                                                 "history.csv").exists() else None
    charts = []
    for cid, indicator, select in _charts(targets):
        out = BY_NAME[indicator]
        points = []
        if history is not None and indicator in HISTORY_POINTS and not select:
            points = [{"x": _model_year(o.date), "y": o.value, "source": o.source}
                      for o in history.select(HISTORY_POINTS[indicator])
                      if o.basis in ("resident", "city")]
        charts.append({"id": cid, "indicator": indicator, "select": select,
                       "label_zh": _label(indicator, select, "zh"),
                       "label_en": _label(indicator, select, "en"), "units": out.units,
                       "percent": out.units == "1", "history": points,
                       "targets": [{"id": t.id, "comparison": t.comparison, "level": t.level,
                                    "deadline": t.deadline} for t in targets
                                   if _chart_id(t.indicator, t.select) == cid]})
    return {
        "region": {"name": reg.name, "name_zh": reg.name_zh, "name_en": reg.name_en},
        "scenario": {"file": scenario_name, "name": scenario.name,
                     "description": scenario.description, "start": scenario.start,
                     "end": scenario.end, **_titles(path)},
        "sectors": SECTORS, "levers": lever_rows, "charts": charts,
        "targets": [{"id": t.id, "label_zh": target_label(t, "zh"),
                     "label_en": target_label(t, "en"), "source": t.source} for t in targets],
    }


def _label(indicator: str, select: dict[str, str], lang: str) -> str:
    return target_label(Target(id="", indicator=indicator, select=select, comparison=">=",
                               level=0.0, deadline=2025, source=""), lang)


def _plain(value: Any) -> Any:
    """A series' YAML value for JSON (year keys as text, as JSON has them)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


# --- running -------------------------------------------------------------------------------------

def simulate_fast(scenario: Scenario, indicators: list[str] | None = None):
    """The run of `scenario` by the batch engine, as `sim.runs.simulate` runs it, with what
    does not change between the page's runs kept: the region, its model constants converted for
    the engine (they come from the region's data alone, sim.model.parameters), the mortality
    standard. The Dataset holds only `indicators` (default: every output) and is not described
    (no provenance: nothing is written)."""
    region = region_of(scenario.region)
    model = BatchModel.from_mdl(MODEL_FILE)
    standard = _cached("standard", "", lambda _: mortality_standard())
    constants = _cached("constants", scenario.region,
                        lambda _: model.prepared(model_constants(region, standard)))
    series = model_series(effective_series(scenario, region), scenario.start, scenario.end,
                          standard)
    outputs = None if indicators is None else {name: BY_NAME[name].model for name in indicators}
    with _RUNS:
        return region, model.run(constants, series, scenario.start, scenario.end,
                                 time_step=1, outputs=outputs, threads=1)


def _verdict(v: Verdict) -> dict:
    t = v.target
    return {"id": t.id, "indicator": t.indicator, "select": t.select,
            "chart": _chart_id(t.indicator, t.select),
            "label_zh": target_label(t, "zh"), "label_en": target_label(t, "en"),
            "comparison": t.comparison, "level": t.level, "deadline": t.deadline,
            "value": v.value_at_deadline, "reached": v.reached, "status": v.status,
            "status_zh": STATUS_TEXT[v.status]["zh"], "status_en": STATUS_TEXT[v.status]["en"],
            "first_year": v.first_year_reached, "margin": v.margin,
            "shown": {"level": show_value(t.level, t), "value": show_value(v.value_at_deadline, t),
                      "margin": show_value(v.margin, t, signed=True)},
            "input_reason": v.input_reason, "source": t.source}


def _path(ds, indicator: str, select: dict[str, str]) -> np.ndarray:
    """`ds[indicator].sel(select)` by positions (xarray's label lookup costs more than the rest
    of the page's answer)."""
    variable = ds[indicator]
    index = tuple(slice(None) if dim not in select else
                  int(np.flatnonzero(ds[dim].to_numpy() == select[dim])[0])
                  for dim in variable.dims)
    return variable.to_numpy()[index]


def run(body: bytes, content_type: str = "") -> dict:
    """POST /api/run: the scenario's verdict on every target and the charts' series."""
    scenario = load_request(body, content_type)
    targets = targets_of(scenario.region)
    charts = _charts(targets)
    _, ds = simulate_fast(scenario, sorted({indicator for _, indicator, _ in charts}))
    years = ds["time"].to_numpy()
    paths = {cid: _path(ds, indicator, select) for cid, indicator, select in charts}
    # As judge_all judges, from the paths already taken out of the Dataset.
    verdicts = [judge(years, paths[_chart_id(t.indicator, t.select)], t,
                      base_year=int(years[0])) for t in targets]
    series = {cid: [_number(x) for x in path] for cid, path in paths.items()}
    return {"region": scenario.region, "scenario": scenario.name,
            "years": [int(y) for y in years], "verdicts": [_verdict(v) for v in verdicts],
            "series": series}


def validate(body: bytes, content_type: str = "") -> dict:
    """POST /api/validate: the scenario checked as `sim validate` checks a file."""
    scenario = load_request(body, content_type)
    effective_series(scenario, region_of(scenario.region))
    return {"ok": True, "region": scenario.region, "name": scenario.name,
            "start": scenario.start, "end": scenario.end,
            "keys": sorted(scenario.values)}


# --- saving --------------------------------------------------------------------------------------

def save(body: bytes) -> dict:
    """POST /api/save: write the posted scenario into its region's library folder as a file
    that extends its base and lists only what differs from it, with a Chinese and an English
    title. JSON body: {"scenario": {...}, "file": name, "title_zh": …, "title_en": …}. An
    existing file is never replaced (the library's files are the analysts')."""
    where = Path(REQUEST_FILE)
    request = json.loads(_json_as_yaml_check(body, where))
    for key in ("scenario", "file", "title_zh", "title_en"):
        if key not in request:
            raise InputError(where, key, Verbatim("nothing"), "see the API in the README",
                             "required key is missing")
    scenario_doc = request["scenario"]
    if not isinstance(scenario_doc, dict) or not isinstance(scenario_doc.get("extends"), str):
        raise InputError(where, "scenario.extends", scenario_doc.get("extends")
                         if isinstance(scenario_doc, dict) else scenario_doc,
                         "the library file the what-if starts from, e.g. plan.yaml",
                         "a saved scenario extends its base")
    if not isinstance(scenario_doc.get("region"), str):
        raise InputError(where, "scenario.region", scenario_doc.get("region"),
                         "the region whose library folder the file goes into, e.g. hangzhou",
                         "a saved scenario names its region")
    titles = {k: request[k] for k in ("title_zh", "title_en")}
    for key, title in titles.items():
        if not isinstance(title, str) or not title.strip() or len(title) > _TITLE_CHARS \
                or "\n" in title:
            raise InputError(where, key, title, f"one line of 1 to {_TITLE_CHARS} characters",
                             "unusable title")
    name = request["file"]
    if not isinstance(name, str):
        raise InputError(where, "file", name, "a file name without .yaml", "wrong type")
    name = name.removesuffix(".yaml")
    check_name(name, where)
    text = yaml.safe_dump(_year_keys(scenario_doc), allow_unicode=True, sort_keys=False)
    path = _request_path(scenario_doc.get("region"), where)
    scenario = load_scenario(path, text=text)
    base = load_scenario(scenario.chain[1])
    region = region_of(scenario.region)
    old, new = effective_series(base, region), effective_series(scenario, region)
    years = scenario.years
    differs = {k: s for k, s in scenario.values.items()
               if not np.array_equal(new[k].values(years), old[k].values(years))}
    doc: dict[str, Any] = {"name": name, **titles}
    if isinstance(scenario_doc.get("description"), str):
        doc["description"] = scenario_doc["description"]
    doc["extends"] = scenario_doc["extends"]
    if (scenario.start, scenario.end) != (base.start, base.end):
        doc["years"] = {"start": scenario.start, "end": scenario.end}
    for section, kind in (("assumptions", "assumption"), ("levers", "lever")):
        part = {k: s.to_yaml_value() for k, s in differs.items() if KEYS[k].kind == kind}
        if part:
            doc[section] = part
    target = path.parent / f"{name}.yaml"
    if target.resolve().parent != path.parent.resolve():
        raise InputError(where, "file", name, "a file in the region's library folder",
                         "outside the library")
    header = (f"# {titles['title_zh']} / {titles['title_en']}\n"
              f"# Saved from the what-if page (python -m sim serve): what differs from "
              f"{doc['extends']}.\n")
    content = header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    _write(target, content)
    try:
        saved = load_scenario(target)
        effective_series(saved, region)
    except SimError:
        target.unlink(missing_ok=True)
        raise
    shown = f"scenarios/{target.parent.name}/{target.name}"
    return {"ok": True, "file": shown, "library": f"{target.parent.name}/{target.name}",
            "keys": sorted(differs), "text": content}


def _body_text(body: bytes, where: Path) -> str:
    """A request body as text: at most `MAX_BODY_BYTES`, UTF-8. Raises `InputError`."""
    if len(body) > MAX_BODY_BYTES:
        raise InputError(where, "(file)", Verbatim(f"{len(body):,} bytes"),
                         f"a request of at most 1 MB ({MAX_BODY_BYTES:,} bytes)",
                         "request too large")
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(where, "(file)", Verbatim(repr(body[exc.start:exc.start + 4])),
                         "text sent as UTF-8", "not UTF-8 text") from None


def _json_as_yaml_check(body: bytes, where: Path) -> str:
    data = parse_yaml_text(_json_as_yaml(_body_text(body, where), where), where)
    return json.dumps(data)


def _write(target: Path, content: str) -> None:
    """Write `content` into the new file `target`; refused when it exists (created with "x":
    two saves at once cannot both write it)."""
    try:
        with open(target, "x", encoding="utf-8") as stream:
            stream.write(content)
    except FileExistsError:
        raise InputError(Path(f"scenarios/{target.parent.name}/{target.name}"), "file",
                         target.stem, "a name no file of the library has",
                         "file exists (never overwritten)") from None


# --- compare -------------------------------------------------------------------------------------

_RUN_ID = re.compile(r"[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}(-[0-9]+)?")


def compare_report(body: bytes, lang: str = "zh") -> dict:
    """POST /api/compare: the compare report (`python -m sim compare`) of library scenarios,
    written into results/<region>/compare/<run-id>/ as the command writes it. JSON body:
    {"files": ["hangzhou/baseline.yaml", "hangzhou/plan.yaml", ...]}."""
    from sim.reports.compare import HTML_FILE, compare  # heavy: runs and draws (matplotlib)

    where = Path(REQUEST_FILE)
    request = json.loads(_json_as_yaml_check(body, where))
    files = request.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise InputError(where, "files", files, "a list of library scenarios, e.g. "
                         "[hangzhou/baseline.yaml, hangzhou/plan.yaml]", "wrong type")
    paths = [library_file(name) for name in files]
    folder = compare(paths, lang=lang)
    return {"folder": f"results/{folder.parent.parent.name}/compare/{folder.name}",
            "url": f"/reports/{folder.parent.parent.name}/compare/{folder.name}/{HTML_FILE}"}


def compare_html(region: str, run_id: str) -> Path:
    """The compare report results/<region>/compare/<run_id>/compare.html; `InputError` unless
    `region` is a region and `run_id` a run id that exists."""
    from sim.reports.compare import HTML_FILE  # heavy: see compare_report

    folder = known_region(region, None, "region")
    if not _RUN_ID.fullmatch(run_id):
        raise InputError(None, "run", run_id, "a run id such as 20261201T220153Z-23840bd2",
                         "not a run id")
    path = RESULTS_DIR / folder / "compare" / run_id / HTML_FILE
    if not path.is_file():
        raise InputError(None, "run", run_id, "a compare report written by this project",
                         "no such report")
    return path


# --- how likely ----------------------------------------------------------------------------------

def uncertainty(body: bytes, content_type: str = "", samples: int = UNCERTAINTY_SAMPLES,
                seed: int | None = None) -> dict:
    """POST /api/uncertainty: Monte Carlo over the scenario's uncertain inputs
    (sim.analysis.uncertainty, `samples` draws): P(reached) of each target and the 5-25-50-75-95%
    bands of each chart. Nothing is written (`sim uncertainty` writes the results folder)."""
    from sim.analysis.uncertainty import monte_carlo  # heavy: SALib/scipy stack, on demand

    scenario = load_request(body, content_type)
    with tempfile.TemporaryDirectory(prefix="health-sim-serve-") as folder:
        # The scenario flattened (no extends: the values it sets, region and years), so the
        # Monte Carlo holds fixed exactly what the page's scenario sets.
        flat = Path(folder) / f"{scenario.name}.yaml"
        flat.write_text(yaml.safe_dump(scenario.resolved(), allow_unicode=True,
                                       sort_keys=False), encoding="utf-8")
        with _RUNS:
            result = monte_carlo(flat, samples=samples,
                                 seed=DEFAULT_SEED if seed is None else seed)
    ds = result.dataset
    bands = {}
    for cid, indicator, select in _charts(result.targets):
        values = ds[indicator].sel(select).transpose("sample", "time").to_numpy()
        q = np.nanquantile(values, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)
        bands[cid] = [[_number(x) for x in row] for row in q]
    rows = []
    for row in result.table.to_dict("records"):
        rows.append({"id": row["id"], "p_reached": _number(row["p_reached"]),
                     "median": _number(row["median"]), "p05": _number(row["p05"]),
                     "p95": _number(row["p95"]), "set_by_input": bool(row["set_by_input"])})
    return {"samples": result.n, "seed": result.seed, "uncertain_inputs": len(result.space),
            "held_fixed": result.held, "posterior": getattr(result.posterior, "note", ""),
            "seconds": round(result.run_seconds, 2),
            "years": [int(y) for y in ds["time"].to_numpy()], "targets": rows, "bands": bands}

