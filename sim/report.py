"""Files of a run folder besides the netCDF: summary CSV, resolved scenario, charts."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import yaml

from sim import charts
from sim.fonts import use_fonts
from sim.labels import region_name

CHART_FORMATS = ("png", "svg")


def save_figure(fig, folder: Path, stem: str) -> list[Path]:
    paths = []
    for fmt in CHART_FORMATS:
        path = folder / f"{stem}.{fmt}"
        fig.savefig(path)
        paths.append(path)
    plt.close(fig)
    return paths


def write_charts(folder: Path, ds, summary, region, lang: str) -> list[Path]:
    name = region_name(region, lang)
    written = []
    with plt.style.context(str(charts.STYLE)):
        use_fonts(lang)
        fig, ax = plt.subplots(figsize=(8, 7))
        charts.plot_pyramid(ds, name, lang, ax=ax)
        written += save_figure(fig, folder, "population_pyramid")
        fig, ax = plt.subplots()
        charts.plot_age_group_shares(summary, name, lang, ax=ax)
        written += save_figure(fig, folder, "age_groups")
        fig, ax = plt.subplots()
        charts.plot_vital_events(summary, name, lang, ax=ax)
        written += save_figure(fig, folder, "births_deaths")
    return written


def write_run_files(folder: Path, ds, summary, resolved: dict, region, scenario,
                    lang: str) -> None:
    summary.to_csv(folder / "summary.csv", float_format="%.10g")
    (folder / "scenario_resolved.yaml").write_text(
        yaml.safe_dump(resolved, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_charts(folder, ds, summary, region, lang)
