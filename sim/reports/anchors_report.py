"""Published counts against the model (sim.analysis.anchors): the anchors.csv file, written at
once in results/<region>/anchors/<run-id>/ (sim.runs.results.run_folder), and the table printed
for a person, with the counts not compared listed apart with their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.analysis.anchors import TOLERANCE, Anchors, measure_anchors
from sim.core.paths import RESULTS_DIR
from sim.reports.labels import t
from sim.reports.text_table import text_table
from sim.runs.results import new_run_id, run_folder, write_csv
from sim.runs.simulate import DEFAULT_ENGINE

__all__ = ["COLUMNS", "CSV_FILE", "FOLDER", "AnchorsResult", "anchors_table", "anchor_lines",
           "write_anchors", "run_anchors"]

#: The columns of anchors.csv, in order (issue 13, item 5).
COLUMNS = ("series", "date", "published", "model", "rel_error", "source")
CSV_FILE = "anchors.csv"
#: results/<region>/<FOLDER>/<run-id>/
FOLDER = "anchors"


@dataclass(frozen=True)
class AnchorsResult:
    anchors: Anchors
    folder: Path


def anchors_table(anchors: Anchors) -> pd.DataFrame:
    """The compared rows as anchors.csv holds them (dates ISO)."""
    return pd.DataFrame([(r.series, r.date.isoformat(), r.published, r.model, r.rel_error,
                          r.source) for r in anchors.rows], columns=list(COLUMNS))


def write_anchors(anchors: Anchors, out: str | Path | None = None) -> Path:
    """Write anchors.csv into a new results/<region>/anchors/<run-id>/ folder; its path."""
    assert anchors.scenario is not None, "anchors of a run: the scenario names the run"
    run_id = new_run_id(anchors.scenario.sha256)
    with run_folder(Path(out) if out else RESULTS_DIR, anchors.region, FOLDER,
                    run_id) as (work, final):
        write_csv(anchors_table(anchors), work / CSV_FILE, index=False, float_format="%.10g")
    return final["path"]


def anchor_lines(anchors: Anchors, lang: str = "zh") -> str:
    """The table (one line per compared count, then the count within ±5% and the largest
    gap), then the counts not in the model and those left out, with reasons."""
    name = anchors.names[1] if lang == "en" else anchors.names[0]
    # English keeps anchors.csv's column names and series ids; Chinese names them in Chinese.
    lines = [t("anchors_heading", lang, region=name or anchors.region,
               scenario=anchors.scenario.name if anchors.scenario else "", engine=anchors.engine),
             text_table(t("anchors_columns", lang).split("|"),
                        [(series_name(r.series, lang), r.date.isoformat(), f"{r.published:,.0f}",
                          f"{r.model:,.0f}", f"{r.rel_error:+.2%}") for r in anchors.rows],
                        align="<<>>>")]
    largest = anchors.largest()
    if largest is None:
        lines.append(t("anchors_no_rows", lang))
    else:
        lines.append(t("anchors_within", lang, k=anchors.within(), n=len(anchors.rows),
                       tol=f"{TOLERANCE:.0%}", series=series_name(largest.series, lang),
                       date=largest.date.isoformat(), gap=f"{largest.rel_error:+.2%}"))
    for kind in ("not_in_model", "left_out"):
        # One item per series and reason, with all its dates.
        dates: dict[tuple, list[str]] = {}
        for s in anchors.skipped:
            if s.kind == kind:
                dates.setdefault((s.series, s.why, s.fields), []).append(s.date.isoformat())
        items = [t("anchors_item", lang, series=series_name(series, lang),
                   date=t("anchors_sep", lang).join(days),
                   why=t(f"anchors_why_{why}", lang, **dict(fields)))
                 for (series, why, fields), days in dates.items()]
        if items:
            lines.append(t(f"anchors_{kind}", lang, items=t("anchors_sep", lang).join(items)))
    return "\n".join(lines)


def series_name(series: str, lang: str) -> str:
    """A published series as the table names it: its id in English, its bulletin name in Chinese."""
    return t(f"anchors_series_{series}", lang)


def run_anchors(region: str, out: str | Path | None = None, which: str = DEFAULT_ENGINE,
                progress=None) -> AnchorsResult:
    """Run the region's baseline, compare it with the published counts and write anchors.csv."""
    anchors = measure_anchors(region, which, progress)
    return AnchorsResult(anchors, write_anchors(anchors, out))
