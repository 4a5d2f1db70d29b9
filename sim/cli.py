"""Command line: `python -m sim <verb>`, a thin layer over sim.run and sim.scenario.

Errors in the user's input print one line naming the file and key, and exit with status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.errors import SimError

SUMMARY_YEARS = (2020, 2025, 2030, 2035, 2040, 2045, 2050)
EXIT_INPUT_ERROR = 2
EXIT_INTERRUPTED = 130


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
                    "netCDF Dataset, a yearly summary CSV and charts (PNG and SVG).")
    run.add_argument("file", metavar="FILE", help="scenario YAML file")
    run.add_argument("--out", metavar="DIR", default=None,
                     help="results folder to write into (default: results/ in the project)")
    run.add_argument("--lang", choices=("zh", "en"), default="zh",
                     help="language of chart labels (default: zh)")
    run.add_argument("--quiet", action="store_true", help="do not print progress")
    return parser


def cmd_validate(args) -> int:
    from sim.region import load_region
    from sim.scenario import effective_series, load_scenario

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


def format_summary(result) -> str:
    table = result.summary
    lines = [f"{result.region.name_en} ({result.region.name_zh}), scenario {result.scenario.name}",
             f"{'year':>6} {'residents':>12} {'65+ share':>10} {'60+ share':>10} "
             f"{'births':>9} {'e0':>6}"]
    for year in SUMMARY_YEARS:
        if year in table.index:
            row = table.loc[year]
            lines.append(f"{year:>6} {row.total_population:>12,.0f} {row.share_65_plus:>9.2f}% "
                         f"{row.share_60_plus:>9.2f}% {row.total_births:>9,.0f} "
                         f"{row.implied_life_expectancy:>6.2f}")
    return "\n".join(lines)


def cmd_run(args) -> int:
    from sim.run import Progress, run_scenario

    result = run_scenario(args.file, out=args.out, lang=args.lang,
                          progress=Progress(enabled=not args.quiet))
    print(format_summary(result))
    print(f"results: {display_path(result.folder)}")
    return 0


def display_path(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"validate": cmd_validate, "run": cmd_run}[args.verb](args)
    except SimError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        print("interrupted: nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
