"""The charts of one run: population pyramid, age-group shares, vital events, and a 2x2 panel
chart per health sector with the region's targets drawn on their indicators.

Returns `ChartJob`s with their data as plain arrays (cheap to send to a worker process).
"""

from __future__ import annotations

import numpy as np

from sim.model.outputs import BY_NAME
from sim.reports.chart_jobs import LINE_CHART_MARGINS, PANEL_MARGINS, PYRAMID_MARGINS, ChartJob
from sim.reports.labels import region_name, t, zh_text
from sim.reports.observed import Observed, last_observed_time, observed_points

SHARE_COLUMNS = ("share_0_14", "share_60_plus", "share_65_plus", "share_80_plus")
EVENT_COLUMNS = {"births": "total_births", "deaths": "total_deaths",
                 "net_migration": "total_net_migration"}


def _assumed_note(region, lang: str) -> str:
    """How many of the region's 2020 starting figures (census and health) are derived or
    assumed rather than published, so that a reader of any chart sees it (a district built
    from one published figure says 27 of 28): a second line of the source note. Nothing when
    every one is published."""
    figures = [*region.census_provenance.values(), *region.health_provenance.values()]
    assumed = sum(p.assumption for p in figures)
    if not assumed:
        return ""
    return "\n" + t("assumed_note", lang, total=len(figures), assumed=assumed,
                     region=region.name)


def chart_jobs(ds, summary, region, scenario_name: str, lang: str,
               targets=(), inputs=None, history=None) -> list[ChartJob]:
    """The run's charts, with their data as plain arrays (cheap to send to a worker).

    `scenario_name`: the scenario's title in the language (its id when it has none);
    `inputs`: the run's effective input series (sim.inputs.scenario.effective_series; the
    region's defaults when None), for the reference lines; `history`: the region's observed
    history (sim.inputs.history.History; None: none drawn).
    """
    name = region_name(region, lang)
    note = t("source_note", lang, scenario=scenario_name) + _assumed_note(region, lang)
    years = summary.index.to_numpy()
    y0, y1 = int(years[0]), int(years[-1])
    observed = observed_points(history)
    last = last_observed_time(observed)
    pyramids = {y: {sex: ds["population"].sel(time=y, sex=sex).to_numpy() for sex in
                    ("male", "female")} for y in (y0, y1)}
    shares = {c: summary[c].to_numpy() for c in SHARE_COLUMNS}
    events = {k: summary[c].to_numpy() for k, c in EVENT_COLUMNS.items()}
    seen_shares = {c: _arrays(observed[c]) for c in SHARE_COLUMNS if c in observed}
    seen_events = {k: _arrays(observed[c]) for k, c in EVENT_COLUMNS.items() if c in observed}
    inputs = inputs if inputs is not None else region.defaults
    # Sector charts first: the 2x2 panel charts take 0.3-0.5 s each, the three population
    # charts ~0.15 s; longest first balances the two workers.
    jobs = []
    for stem, (title, panels, extra) in sector_panels(ds, region, targets, lang, inputs,
                                                      observed, last).items():
        grid = {4: (2, 2), 5: (2, 3), 6: (2, 3)}.get(len(panels), (1, len(panels)))
        size = (5.6 * grid[1], 5 * grid[0]) if grid[0] == 2 else (5.2 * len(panels), 6)
        jobs.append(ChartJob(stem, "plot_panels", (years, panels, title), size, PANEL_MARGINS,
                             note if not extra else f"{note} {extra}", lang, grid=grid))
    return jobs + [
        ChartJob("population_pyramid", "plot_pyramid", (ds["age"].to_numpy(), pyramids, name),
                 (8, 7), PYRAMID_MARGINS, note, lang),
        ChartJob("age_groups", "plot_age_group_shares", (years, shares, name), (9, 5),
                 LINE_CHART_MARGINS, note, lang,
                 kwargs={"observed": seen_shares, "last_observed": last}),
        ChartJob("births_deaths", "plot_vital_events", (years, events, name), (9, 5),
                 LINE_CHART_MARGINS, note, lang,
                 kwargs={"observed": seen_events, "last_observed": last}),
    ]


def _arrays(points: Observed) -> tuple:
    return (points.times, points.values)


def _label(name: str, lang: str) -> str:
    output = BY_NAME[name]
    return zh_text(output.label_zh, lang) if lang == "zh" else output.long_name


def _panel(ds, lang, title, ylabel, names, targets, percent=False, select=None, scale=1.0,
           observed=None, last=None, references=()):
    """Data of one indicator panel (one unit on its axis): a line per variable in `names`
    (with `select` applied), its published points, and the targets set on those variables."""
    select = select or {}
    observed = observed or {}
    lines, seen, panel_targets = {}, {}, []
    for name in names:
        values = ds[name].sel(**select).to_numpy() * scale
        label = _label(name, lang)
        lines[label] = values
        if name in observed and not select:
            seen[label] = _arrays(observed[name])
        for target in targets:
            if target.indicator == name and all(select.get(k) == v for k, v in
                                                target.select.items()):
                panel_targets.append((label, target.comparison, target.level * scale,
                                      target.deadline))
    return {"title": title, "ylabel": ylabel, "percent": percent, "lines": lines,
            "targets": panel_targets, "observed": seen, "references": list(references),
            "last_observed": last}


#: Below this the hiring budget binds in some year; at or above it in every year the panel
#: would be a flat 100% line, and is left out (the note says so).
FULL_BUDGET = 0.9995


def sector_panels(ds, region, targets, lang: str, inputs=None, observed=None,
                  last=None) -> dict[str, tuple[str, list, str]]:
    """Per sector: its chart title, its panels and a sentence for the note ("" if none).
    Every panel holds one indicator or indicators of one unit."""
    name = region_name(region, lang)
    inputs = inputs if inputs is not None else region.defaults
    years = ds["time"].to_numpy()
    pct = t("percent", lang)
    common = dict(observed=observed or {}, last=last)
    rates = ["standardized_management_rate", "standardized_share_of_patients",
             "management_rate", "awareness_rate"]
    chronic = [
        _panel(ds, lang, t("hypertension", lang), pct, rates, targets, True,
               {"condition": "hypertension"}, **common),
        _panel(ds, lang, t("diabetes", lang), pct, rates, targets, True,
               {"condition": "diabetes"}, **common),
        _panel(ds, lang, t("patients_title", lang), t("thousand_patients", lang),
               ["estimated_patients", "standardized_patients"], targets, False,
               {"condition": "hypertension"}, 1e-3, **common),
        _panel(ds, lang, t("capacity", lang), t("load_unit", lang),
               ["chronic_care_utilisation"], targets,
               references=[(1.0, t("capacity_line", lang))], **common),
    ]
    norm = inputs["beds.target_occupancy"].values(years) if "beds.target_occupancy" in \
        inputs else None
    occupancy_refs = [] if norm is None else [
        (norm, t("occupancy_norm", lang, level="/".join(
            f"{100 * v:g}%" for v in dict.fromkeys(np.round(norm, 4)))))]
    beds = [
        _panel(ds, lang, t("bed_mix_title", lang), t("beds_unit", lang),
               ["beds_per_1000_residents"], targets, **common),
        # apart from all beds (about 7-10 per 1,000): their targets (0.3, 0.77) stay legible
        _panel(ds, lang, t("bed_types_title", lang), t("beds_unit", lang),
               ["tcm_beds_per_1000", "rehabilitation_beds_per_1000"], targets, **common),
        _panel(ds, lang, _label("geriatric_rehabilitation_nursing_beds_per_1000_elderly", lang),
               t("elderly_beds_unit", lang),
               ["geriatric_rehabilitation_nursing_beds_per_1000_elderly"], targets, **common),
        _panel(ds, lang, t("occupancy_title", lang), pct, ["hospital_occupancy"], targets, True,
               references=occupancy_refs, **common),
        _panel(ds, lang, _label("nursing_share_of_primary_care_beds", lang), pct,
               ["nursing_share_of_primary_care_beds"], targets, True, **common),
    ]
    workforce = [
        _panel(ds, lang, t("staff_title", lang), t("staff_unit", lang),
               ["doctors_per_1000_residents", "nurses_per_1000_residents"], targets, **common),
        _panel(ds, lang, _label("gps_per_10000_hukou", lang), t("per_10000_hukou", lang),
               ["gps_per_10000_hukou"], targets, **common),
    ]
    hiring_note = ""
    if float(ds["hiring_budget_share"].min()) < FULL_BUDGET:
        workforce.append(_panel(ds, lang, _label("hiring_budget_share", lang), pct,
                                ["hiring_budget_share"], targets, True, **common))
    else:
        hiring_note = t("hiring_full", lang)
    care = [
        _panel(ds, lang, _label("family_doctor_contracting_rate", lang), pct,
               ["family_doctor_contracting_rate", "key_group_contracting_rate"], targets, True,
               **common),
        _panel(ds, lang, _label("elderly_health_management_rate", lang), pct,
               ["elderly_health_management_rate"], targets, True, **common),
        _panel(ds, lang, _label("infant_care_places_per_1000", lang), t("places_unit", lang),
               ["infant_care_places_per_1000"], targets, **common),
        _panel(ds, lang, _label("growth_stations_per_1000_under_3", lang),
               t("stations_unit", lang), ["growth_stations_per_1000_under_3"], targets,
               **common),
    ]
    return {
        "chronic_disease": (t("chronic_title", lang, region=name), chronic, ""),
        "beds": (t("beds_title", lang, region=name), beds, ""),
        "workforce": (t("workforce_title", lang, region=name), workforce, hiring_note),
        "care": (t("care_title", lang, region=name), care, ""),
    }
