"""Command line: `python -m sim <verb>`, a thin layer over the functions of the layers below.

Errors in the user's input print one line naming the file and key, and exit with status 2.

Each verb imports what it needs when it runs ("deferred" below), not at the top: `--help` and
`validate` then answer without loading the model and chart stack, and `run` starts its chart
worker processes before that stack loads, so they are ready to draw sooner (sim.reports.chart_jobs).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from sim.core import interrupt
from sim.core.errors import InputError, InputWarning, SimError
from sim.core.progress import Progress
from sim.runs.sampling import BLOCK, DEFAULT_CHUNK, DEFAULT_SAMPLES, DEFAULT_SEED

EXIT_INPUT_ERROR = 2
EXIT_INTERRUPTED = 130


def add_run_options(verb, many: bool = False) -> None:
    """The options of a verb that runs one scenario (`many`: one or more, files or patterns
    such as 'scenarios/*/baseline.yaml', each run in turn) and writes its results folder."""
    if many:
        verb.add_argument("files", nargs="+", metavar="SCENARIO",
                          help="scenario YAML file(s) or pattern(s) such as "
                               "'scenarios/*/baseline.yaml'")
    else:
        verb.add_argument("file", metavar="SCENARIO", help="scenario YAML file")
    verb.add_argument("--out", metavar="DIR", default=None,
                      help="results folder to write into (default: results/ in the project)")
    verb.add_argument("--lang", choices=("zh", "en"), default="zh",
                      help="language of tables and chart labels (default: zh)")
    verb.add_argument("--quiet", action="store_true", help="do not print progress")


def add_where_options(verb, what: str) -> None:
    """Where a sampled verb runs its work (sim.runs.scaleout): here, a local Dask cluster or a
    scheduler; `what` names the unit of work in the help text."""
    where = verb.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help=f"run the {what} on this Dask scheduler (tcp://host:8786)")
    where.add_argument("--local-cluster", action="store_true",
                       help=f"run the {what} on a local Dask cluster of 2 worker processes")


def add_uncertainty_verb(verbs) -> None:
    """`uncertainty`: Monte Carlo over the scenario's uncertain inputs
    (sim.analysis.uncertainty)."""

    verb = verbs.add_parser(
        "uncertainty", help="how likely is each plan target? (Monte Carlo over the assumptions)",
        description="Draw every input the region profile marks as an assumption (except those "
                    "the scenario file sets) within its range, by the distribution the profile "
                    "declares (the keys the calibration fits: jointly from its posterior "
                    "sample, calibration/<region>/fit/posterior.csv, when there is one; China's "
                    "supply paces, levers otherwise held, jointly from fit/health_posterior.csv); "
                    "run the "
                    "model once per draw; print the probability of reaching "
                    "each target by its deadline and write results/<region>/<scenario>/"
                    "uncertainty-<run-id>/ (probabilities.csv and tables, fan charts, samples.nc "
                    "and outputs.nc, provenance.yaml). Seeded: the same seed gives the same "
                    "numbers, whatever the chunking or the scheduler. Several scenarios: each in "
                    "turn.")
    add_run_options(verb, many=True)
    verb.add_argument("--samples", type=int, default=DEFAULT_SAMPLES, metavar="N",
                      help=f"number of draws (default {DEFAULT_SAMPLES})")
    verb.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="S",
                      help=f"random seed (default {DEFAULT_SEED}, recorded in the results)")
    verb.add_argument("--chunk", type=int, default=DEFAULT_CHUNK, metavar="K",
                      help=f"samples per task, a multiple of {BLOCK} (default {DEFAULT_CHUNK})")
    verb.add_argument("--no-posterior", action="store_true",
                      help="draw the calibrated keys (net migration, TFR) from their judged "
                           "ranges too, not from the fit's posterior sample (China's fitted "
                           "supply paces are then held at the fit)")
    add_where_options(verb, "chunks")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sim",
        description="Health-resource planning by system dynamics: run and check scenarios.")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    validate = verbs.add_parser(
        "validate", help="check scenario files without running them",
        description="Check scenario files against the schema and their region's data, "
                    "without running the model. Exit status 2 if any file is invalid.")
    validate.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML file(s)")

    run = verbs.add_parser(
        "run", help="run a scenario and write its results folder",
        description="Run one scenario; write results/<region>/<scenario>/<run-id>/ with a "
                    "netCDF Dataset, yearly summary and indicator CSVs (UTF-8 with a byte-order "
                    "mark, for Excel), the target tables, results.xlsx (sheets summary, "
                    "indicators, targets; Chinese and English headers) and charts (PNG and SVG).")
    add_run_options(run, many=True)
    add_uncertainty_verb(verbs)

    overview = verbs.add_parser(
        "overview", help="every scenario x every plan target, in one table and chart",
        description="Run each scenario (files or patterns, e.g. 'scenarios/*/baseline.yaml') "
                    "with the batch engine, judge it against its region's targets and write "
                    "results/overview/<run-id>/: overview.csv (every scenario x target), "
                    "overview_zh.md and overview_en.md, and the matrix chart overview_zh and "
                    "overview_en (PNG, SVG). Same verdicts wherever the runs are made.")
    overview.add_argument("files", nargs="+", metavar="SCENARIO",
                          help="scenario YAML file(s) or pattern(s)")
    overview.add_argument("--out", metavar="DIR", default=None,
                          help="results folder to write into (default: results/ in the project)")
    overview.add_argument("--lang", choices=("zh", "en"), default="zh",
                          help="language of the printed table (files: both; default: zh)")
    overview.add_argument("--quiet", action="store_true", help="do not print progress")
    add_where_options(overview, "scenario runs")

    targets = verbs.add_parser(
        "targets", help="print a scenario's plan-target verdicts",
        description="Print, for each target of the scenario's region (calibration/<region>/"
                    "targets.yaml): level, deadline, value at the deadline, reached or not, "
                    "first year reached, and the margin or shortfall. Reads the latest run "
                    "folder of the unchanged scenario (same scenario files, region data, model "
                    "and engine) if there is one; else runs the model without writing a folder "
                    "or drawing charts (python -m sim run writes the folder, with the same table "
                    "as targets.csv, targets_zh.md / targets_en.md and in results.xlsx).")
    add_run_options(targets)

    reach = verbs.add_parser(
        "reach", help="find the smallest lever setting that reaches a target",
        description="Keep a lever's scenario path before the start year (--from, default the "
                    "scenario's first year) and hold it at one constant setting from then on; "
                    "find the smallest change from its baseline setting, within its allowed "
                    "range, that reaches the target by its deadline (scipy brentq on the "
                    "target's margin). Shows the target's baseline value, each lever's baseline "
                    "and required setting and the change. With several --lever, find the "
                    "cheapest increases (cost = sum of weight x increase scaled to the lever's "
                    "range; scipy COBYLA). Says plainly when no setting in range reaches it, "
                    "and how many model runs it took (identical settings run once). A target "
                    "set by input (deadline at the base year, or an input path) is refused.")
    reach.add_argument("file", metavar="SCENARIO", help="scenario YAML file")
    reach.add_argument("--target", required=True, metavar="ID",
                       help="target id from calibration/<region>/targets.yaml")
    reach.add_argument("--lever", required=True, action="append", metavar="KEY",
                       help="lever key (see docs/scenario_keys.md); repeat for a joint search")
    reach.add_argument("--weight", action="append", default=[], metavar="KEY=W",
                       help="cost weight of a lever in a joint search (default 1)")
    reach.add_argument("--from", dest="start", type=int, default=None, metavar="YEAR",
                       help="first year of the change; earlier years keep the scenario's "
                            "values (default: the scenario's first year)")
    reach.add_argument("--lang", choices=("zh", "en"), default="zh",
                       help="language of the answer (default: zh)")
    reach.add_argument("--quiet", action="store_true", help="do not print each run")

    compare = verbs.add_parser(
        "compare", help="run several scenarios of one region and write a comparison report",
        description="Run two to four scenarios of one region and write "
                    "results/<region>/compare/<run-id>/: compare.html, one self-contained page "
                    "(opens offline, prints on A4) with the plan-target verdicts of every "
                    "scenario side by side and their change against the first, a chart per "
                    "targeted indicator with one line per scenario, the population pyramids "
                    "and the inputs that differ; and every chart as PNG and SVG.")
    compare.add_argument("files", nargs="+", metavar="SCENARIO",
                         help="scenario YAML files (two to four, of one region; the first is "
                              "the one the others are compared with)")
    compare.add_argument("--out", metavar="DIR", default=None,
                         help="results folder to write into (default: results/ in the project)")
    compare.add_argument("--lang", choices=("zh", "en"), default="zh",
                         help="language of the report and its charts (default: zh)")
    compare.add_argument("--quiet", action="store_true", help="do not print progress")
    sensitivity = verbs.add_parser(
        "sensitivity", help="which assumptions decide each plan target (Sobol or Morris)",
        description="Sample every uncertain assumption of the scenario over its range (SALib), "
                    "run the batch engine on all samples and rank the assumptions by their "
                    "effect on each target's value at its deadline: Sobol first-order and total "
                    "indices, or Morris mu_star and sigma, with 95%% confidence intervals. "
                    "Writes results/<region>/<scenario>/sensitivity-<method>-<run-id>/ "
                    "(indices.csv, tables, a ranking chart per target).")
    add_run_options(sensitivity)
    sensitivity.add_argument("--method", choices=("sobol", "morris"), default="sobol",
                             help="Sobol indices (default) or Morris screening (cheaper)")
    sensitivity.add_argument("--samples", type=int, default=None, metavar="N",
                             help="Sobol: base sample, a power of 2 (default 256; runs = "
                                  "N x (assumptions + 2)); Morris: trajectories (default 20)")
    sensitivity.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    add_where_options(sensitivity, "samples")
    calibrate = verbs.add_parser(
        "calibrate", help="fit the population sector to a region's history",
        description="Estimate the unobserved population parameters of a region by weighted "
                    "least squares against calibration/<region>/history.csv: a 2010-2020 "
                    "backcast from the 2010 census (2020 census age shares held out) and the "
                    "2020-2022 years after the census (later years held out). Writes "
                    "calibration/<region>/fit.yaml (estimates, bounds, MAPE and Theil "
                    "statistics per series, identifiability), fit charts in "
                    "calibration/<region>/fit/ and, when the forward fit is accepted, the joint "
                    "posterior of its parameters (emcee on the batch engine, seeded by --seed; "
                    "fit/posterior.csv, drawn from by `sim uncertainty`). Scenarios then use "
                    "the fitted net migration and TFR unless they set them. Where the region "
                    "published a decade of health counts (China), a health window fits the "
                    "supply paces of 2011-2021 (2022-23 held out); when it is accepted, "
                    "scenarios continue those paces from 2020 and its posterior is sampled "
                    "too (fit/health_posterior.csv). Exit status 1 when "
                    "a window's fit or "
                    "out-of-sample check misses the acceptance rule (MAPE < 5%%).")
    calibrate.add_argument("region", metavar="REGION",
                           help="region folder name, or its English or Chinese name, e.g. "
                                "hangzhou, Hangzhou, 杭州 or 杭州市")
    calibrate.add_argument("--seed", type=int, default=0,
                           help="seed of the extra starting points and of the posterior "
                                "sampler (default 0)")
    calibrate.add_argument("--starts", type=int, default=3,
                           help="starting points per window (default 3)")
    calibrate.add_argument("--no-charts", action="store_true", help="do not draw fit charts")
    calibrate.add_argument("--no-posterior", action="store_true",
                           help="do not sample the posteriors (fit/posterior.csv and "
                                "fit/health_posterior.csv are removed; "
                                "`sim uncertainty` then draws the fitted keys from their judged "
                                "ranges)")
    calibrate.add_argument("--quiet", action="store_true", help="do not print progress")
    calibrate.add_argument("--lang", choices=("zh", "en"), default="zh",
                           help="language of the printed summary (fit.yaml is English, the fit "
                                "charts come in both; default: zh)")
    anchors = verbs.add_parser(
        "anchors", help="compare the published health-resource counts with the baseline",
        description="Run scenarios/<region>/baseline.yaml and compare it, at each count's own "
                    "date (the model interpolated between its 1 Nov counts), with every "
                    "published count of beds, doctors, nurses, GPs and health technicians in "
                    "calibration/<region>/history.csv. Writes results/<region>/anchors/<run-id>/"
                    "anchors.csv (series, date, published, model, rel_error, source; rel_error "
                    "= (model - published) / published) and prints the table, how many rows "
                    "are within 5%%, and the counts the model does not hold or that are left "
                    "out, with reasons. It measures; it changes nothing.")
    anchors.add_argument("region", metavar="REGION",
                         help="region folder name, or its English or Chinese name, e.g. "
                              "hangzhou, 杭州 or 杭州市")
    anchors.add_argument("--out", metavar="DIR", default=None,
                         help="results folder to write into (default: results/ in the project)")
    anchors.add_argument("--lang", choices=("zh", "en"), default="zh",
                         help="language of the printed text (default: zh)")
    anchors.add_argument("--quiet", action="store_true", help="do not print progress")
    add_region_verb(verbs)
    serve = verbs.add_parser(
        "serve", help="the what-if page: move levers, see every target's verdict",
        description="Start a local web server with the what-if page (levers, target table, "
                    "charts; every change re-runs the model) and its JSON API, and print its "
                    "address. Ctrl-C stops it. There is no login: it listens on 127.0.0.1 "
                    "unless --host says otherwise.")
    serve.add_argument("start", nargs="?", default=None, metavar="REGION or SCENARIO",
                       help="region (its baseline) or library scenario file the page opens "
                            "on, e.g. hangzhou or scenarios/hangzhou/plan.yaml")
    serve.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0: any "
                                                             "free port)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--lang", choices=("zh", "en"), default="zh",
                       help="language of the page (default: zh)")
    for verb in (run, targets, reach, compare, anchors):
        verb.add_argument("--engine", choices=("batch", "pysd"), default="batch",
                          help="model engine: the batch NumPy engine (default, fast) or PySD, "
                               "the reference it is tested against (to cross-check)")
    return parser


def add_region_verb(verbs) -> None:
    """`region init | check | build`: a region from fill-in tables
    (sim.reports.region_kit_report)."""
    region = verbs.add_parser(
        "region", help="add your own region from fill-in tables (init, check, build)",
        description="A region from fill-in tables, without Python: `init` writes "
                    "calibration/NAME/tables/ (CSV with Chinese and English headers, UTF-8 for "
                    "Excel), `check` validates them and prints what is supplied, derived and "
                    "assumed, `build` writes the region's profile and scenarios/NAME/"
                    "baseline.yaml (and fits history rows).")
    actions = region.add_subparsers(dest="action", required=True, metavar="ACTION")
    init = actions.add_parser("init", help="write the fill-in tables of a new region")
    init.add_argument("name", metavar="NAME", help="region folder name, e.g. gongshu")
    init.add_argument("--level", required=True, choices=("city", "district", "province"))
    init.add_argument("--parent", required=True, metavar="PROVINCE",
                      help="the province, e.g. 浙江 or 浙江省 (a province region: itself)")
    check = actions.add_parser("check", help="check the tables; print the coverage table")
    check.add_argument("name", metavar="NAME")
    build = actions.add_parser("build", help="derive the profile and baseline from the tables")
    build.add_argument("name", metavar="NAME")
    build.add_argument("--seed", type=int, default=0, help="seed of the fit (default 0)")
    build.add_argument("--starts", type=int, default=3,
                       help="starting points of the fit (default 3)")
    build.add_argument("--no-charts", action="store_true", help="do not draw fit charts")
    build.add_argument("--no-posterior", action="store_true",
                       help="do not sample the fit's posterior")
    build.add_argument("--quiet", action="store_true", help="do not print progress")
    for action in (init, check, build):
        action.add_argument("--lang", choices=("zh", "en"), default="zh",
                            help="language of the tables and the printed text (default: zh)")
        action.add_argument("--calibration-dir", metavar="DIR", default=None,
                            help="calibration folder (default: the project's calibration/)")
    build.add_argument("--scenarios-dir", metavar="DIR", default=None,
                       help="scenarios folder (default: the project's scenarios/)")


def cmd_region(args) -> int:
    from sim.core.paths import CALIBRATION_DIR, SCENARIOS_DIR  # deferred, see above
    from sim.reports import region_kit_report as kit  # deferred, see above

    root = Path(args.calibration_dir) if args.calibration_dir else CALIBRATION_DIR
    zh = args.lang == "zh"
    if args.action == "init":
        tables = kit.init_region(args.name, args.level, args.parent, args.lang, root)
        print(("已写出填表文件：" if zh else "wrote the tables: ") + display_path(tables))
        print(f"填好后运行：python -m sim region check {args.name}" if zh else
               f"fill them in, then: python -m sim region check {args.name}")
        return 0
    if args.action == "check":
        found, derived = kit.check_region(args.name, root)
        print(kit.coverage_table(found, derived, args.lang))
        return 0
    built = kit.build_region_from_tables(
        args.name, root, Path(args.scenarios_dir) if args.scenarios_dir else SCENARIOS_DIR,
        calibrate_options={"seed": args.seed, "starts": args.starts,
                           "charts": not args.no_charts, "posterior": not args.no_posterior},
        progress=Progress(enabled=not args.quiet))
    print(kit.coverage_table(built.kit, built.derived, args.lang))
    if built.fit is not None:
        from sim.reports.calibration_report import format_record  # deferred, see above

        print(format_record(built.fit, args.lang))
    elif zh:
        print("无历史观测行：未校准（没有拟合文件）。")
    else:
        print("no history rows: not calibrated (no fit file).")
    print(("已写出：" if zh else "wrote: ") + display_path(built.folder)
          + (", " + display_path(built.scenario) if built.scenario else
             ("（已有的基准情景保留不变）" if zh else " (the existing baseline scenario kept)")))
    return 0


def cmd_validate(args) -> int:
    from sim.inputs.region import load_region  # deferred, see above
    from sim.inputs.scenario import effective_series, load_scenario  # deferred, see above

    failures = 0
    for file in args.files:
        try:
            scenario = load_scenario(file)
            effective_series(scenario, load_region(scenario.region))
            print(f"ok: {file} ({scenario.region}, {scenario.name}, "
                  f"{scenario.start}-{scenario.end})")
        except SimError as error:
            print(f"error: {error}", file=sys.stderr)
            failures += 1
    return EXIT_INPUT_ERROR if failures else 0


def format_verdicts(verdicts, lang: str) -> str:
    from sim.reports.labels import t  # deferred, see above
    from sim.reports.verdict_tables import (  # deferred, see above
        reached_count_text,
        verdict_text,
    )

    if not verdicts:
        return t("no_targets", lang)
    return verdict_text(verdicts, lang) + "\n" + reached_count_text(verdicts, lang)


def cmd_targets(args) -> int:
    from sim.analysis.targets import load_catalog  # deferred, see above
    from sim.reports.labels import t  # deferred, see above
    from sim.reports.run_report import judge_scenario, summary_heading  # deferred, see above

    result = judge_scenario(args.file, out=args.out, progress=Progress(enabled=not args.quiet),
                            which=args.engine)
    print(summary_heading(result, args.lang))
    print(format_verdicts(result.verdicts, args.lang))
    catalog = load_catalog(result.region.name)
    if catalog.path is not None:
        print(t("not_modelled_count", args.lang, n=len(catalog.not_modelled),
                file=display_path(catalog.path)))
    if result.folder is not None:
        print(t("results_folder", args.lang, path=display_path(result.folder)))
    else:
        print(t("targets_no_folder", args.lang, file=args.file))
    return 0


def cmd_reach(args) -> int:
    from sim.analysis.reach import reach_joint, reach_one  # deferred, see above
    from sim.reports.reach_report import reach_text  # deferred, see above

    progress = Progress(enabled=not args.quiet)
    if len(args.lever) == 1:
        result = reach_one(args.file, args.target, args.lever[0], progress, which=args.engine,
                           start=args.start)
    else:
        weights = {key: 1.0 for key in args.lever}
        for item in args.weight:
            key, _, value = item.partition("=")
            try:
                weights[key] = float(value)
            except ValueError:
                raise InputError(None, "--weight", item, "KEY=number, e.g. "
                                 "workforce.gp_training_places=2", "not a weight") from None
            if key not in args.lever:
                raise InputError(None, "--weight", key, "one of the --lever keys",
                                 "weight for a lever not searched")
        result = reach_joint(args.file, args.target, weights, progress, which=args.engine,
                             start=args.start)
    print(reach_text(result, args.lang))
    return 0 if result.setting is not None else 1


def cmd_uncertainty(args) -> int:
    from sim.analysis.targets import load_targets  # deferred, see above
    from sim.inputs.scenario import scenario_files  # deferred, see above
    from sim.reports.labels import t  # deferred, see above
    from sim.reports.uncertainty_report import (  # deferred, see above
        format_probabilities,
        posterior_note,
        run_uncertainty,
    )
    from sim.runs.scaleout import LOCAL  # deferred, see above

    for file in scenario_files(args.files):
        result = run_uncertainty(file, samples=args.samples, seed=args.seed, out=args.out,
                                 lang=args.lang, progress=Progress(enabled=not args.quiet),
                                 scheduler=LOCAL if args.local_cluster else args.scheduler,
                                 chunk=args.chunk, posterior=not args.no_posterior)
        scenario = result.dataset.attrs.get("scenario", "")
        print(t("uncertainty_heading", args.lang, scenario=scenario, n=f"{result.n:,}",
                seed=result.seed))
        if result.posterior is not None:   # printed even with --quiet: it changes the numbers
            print(posterior_note(result, args.lang))
        print(format_probabilities(result, load_targets(result.dataset.attrs["region"]),
                                   args.lang))
        print(t("results_folder", args.lang, path=display_path(written(result.folder))))
    return 0


def cmd_run(args) -> int:
    from sim.inputs.scenario import scenario_files  # deferred, see above
    from sim.reports.chart_jobs import ChartWorkers  # deferred, see above

    for file in scenario_files(args.files):
        with ChartWorkers() as workers:  # before the heavy imports below: ready sooner
            from sim.reports.labels import t  # deferred, see above
            from sim.reports.run_report import run_scenario, summary_text  # deferred
            from sim.reports.verdict_tables import reached_count_text  # deferred, see above

            result = run_scenario(file, out=args.out, lang=args.lang,
                                  progress=Progress(enabled=not args.quiet), which=args.engine,
                                  workers=workers)
        print(summary_text(result, args.lang))
        if result.verdicts:
            print(reached_count_text(result.verdicts, args.lang)
                  + t("targets_hint", args.lang, file=file))
        print(t("results_folder", args.lang, path=display_path(written(result.folder))))
    return 0


def cmd_overview(args) -> int:
    from sim.analysis.overview import overview  # deferred, see above
    from sim.reports.labels import t  # deferred, see above
    from sim.reports.overview_report import overview_text, write_overview  # deferred
    from sim.runs.scaleout import LOCAL  # deferred, see above

    items = overview(args.files, scheduler=LOCAL if args.local_cluster else args.scheduler,
                     progress=Progress(enabled=not args.quiet))
    folder = write_overview(items, out=args.out)
    print(overview_text(items, args.lang))
    print(t("results_folder", args.lang, path=display_path(folder)))
    return 0


def cmd_compare(args) -> int:
    from sim.reports.compare import HTML_FILE, compare  # deferred, see above

    folder = compare(args.files, out=args.out, lang=args.lang,
                     progress=Progress(enabled=not args.quiet), which=args.engine)
    print(f"report: {display_path(folder / HTML_FILE)}")
    return 0


def cmd_sensitivity(args) -> int:
    from sim.reports.labels import t  # deferred, see above
    from sim.reports.sensitivity_report import ranking_lines, run_sensitivity  # deferred, see above
    from sim.runs.scaleout import LOCAL  # deferred, see above

    result = run_sensitivity(args.file, args.method, args.samples, args.seed, out=args.out,
                             lang=args.lang, progress=Progress(enabled=not args.quiet),
                             scheduler=LOCAL if args.local_cluster else args.scheduler)
    print(f"{result.region.name_en} ({result.region.name_zh}), scenario "
          f"{result.scenario.name}: {args.method}, {len(result.factors)} assumptions, "
          f"{result.indices.attrs['runs']:,} runs in {result.seconds['total']:.1f} s")
    print(ranking_lines(result))
    print(t("results_folder", args.lang, path=display_path(written(result.folder))))
    return 0


def cmd_calibrate(args) -> int:
    from sim.inputs.region import resolve_region  # deferred, see above
    from sim.reports.calibration_report import (  # deferred, see above
        calibrate,
        format_posterior,
        format_record,
    )

    args.region = resolve_region(args.region)  # 杭州 or 杭州市 -> hangzhou
    if args.starts < 1:
        raise InputError(None, "--starts", args.starts, "a whole number from 1", "too few")
    record = calibrate(args.region, seed=args.seed, starts=args.starts,
                       progress=Progress(enabled=not args.quiet), charts=not args.no_charts,
                       posterior=not args.no_posterior)
    print(format_record(record, args.lang))
    for entry in ("posterior", "health_posterior"):
        if entry in record:
            print(format_posterior(record[entry], args.lang))
    return 0 if record["passed"] else 1


def cmd_serve(args) -> int:
    from sim.interfaces.serve.app import serve, start_scenario  # deferred, see above

    return serve(start_scenario(args.start), args.host, args.port, args.lang)


def cmd_anchors(args) -> int:
    from sim.inputs.region import resolve_region  # deferred, see above
    from sim.reports.anchors_report import (  # deferred, see above
        CSV_FILE,
        anchor_lines,
        run_anchors,
    )
    from sim.reports.labels import t  # deferred, see above

    result = run_anchors(resolve_region(args.region), out=args.out, which=args.engine,
                         progress=Progress(enabled=not args.quiet))
    print(anchor_lines(result.anchors, args.lang))
    print(t("results_folder", args.lang, path=display_path(result.folder / CSV_FILE)))
    return 0


def written(folder: Path | None) -> Path:
    """The results folder a command wrote (its result has one: write=True is the default)."""
    assert folder is not None, "results folder not written"
    return folder


def display_path(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def show_input_warnings() -> None:
    """Print an `InputWarning` (a value allowed but probably not meant) as one line,
    "warning: file: key: ...", on stderr; other warnings as Python shows them."""
    shown = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, InputWarning):
            print(f"warning: {message}", file=sys.stderr)
        else:
            shown(message, category, filename, lineno, file, line)

    warnings.showwarning = show


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    show_input_warnings()
    try:
        verbs = {"validate": cmd_validate, "run": cmd_run, "targets": cmd_targets,
                 "reach": cmd_reach, "compare": cmd_compare, "sensitivity": cmd_sensitivity}
        verbs["uncertainty"] = cmd_uncertainty
        verbs["calibrate"] = cmd_calibrate
        verbs["anchors"] = cmd_anchors
        verbs["overview"] = cmd_overview
        verbs["region"] = cmd_region
        verbs["serve"] = cmd_serve
        if getattr(args, "out", None) is not None:  # before any work: a bad --out fails at once
            from sim.runs.results import check_out  # deferred, see above

            check_out(args.out)
        with interrupt.remembering():   # a Ctrl-C lost in a finalizer still stops the command
            return verbs[args.verb](args)
    except SimError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        print("interrupted: nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        # Ctrl-C in the middle of an import or a library call may reach us wrapped in another
        # error ("… was the direct cause of …"): still the interrupt, not a failure to show.
        if not caused_by_interrupt(error):
            raise
        print("interrupted: nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED


def caused_by_interrupt(error: BaseException) -> bool:
    """Whether a KeyboardInterrupt is among the causes or contexts of `error`."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        item = todo.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, KeyboardInterrupt):
            return True
        todo += [item.__cause__, item.__context__]
    return False
