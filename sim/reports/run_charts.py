"""The charts of one run: population pyramid, age-group shares, vital events, and a 2x2 panel
chart per health sector with the region's targets drawn on their indicators.

Returns `ChartJob`s with their data as plain arrays (cheap to send to a worker process).
"""

from __future__ import annotations

from sim.model.outputs import BY_NAME
from sim.reports.chart_jobs import LINE_CHART_MARGINS, PANEL_MARGINS, PYRAMID_MARGINS, ChartJob
from sim.reports.labels import region_name, t

SHARE_COLUMNS = ("share_0_14", "share_60_plus", "share_65_plus", "share_80_plus")
EVENT_COLUMNS = {"births": "total_births", "deaths": "total_deaths",
                 "net_migration": "total_net_migration"}



def chart_jobs(ds, summary, region, scenario_name: str, lang: str,
               targets=()) -> list[ChartJob]:
    """The run's charts, with their data as plain arrays (cheap to send to a worker)."""
    name = region_name(region, lang)
    note = t("source_note", lang, scenario=scenario_name)
    years = summary.index.to_numpy()
    y0, y1 = int(years[0]), int(years[-1])
    pyramids = {y: {sex: ds["population"].sel(time=y, sex=sex).to_numpy() for sex in
                    ("male", "female")} for y in (y0, y1)}
    shares = {c: summary[c].to_numpy() for c in SHARE_COLUMNS}
    events = {k: summary[c].to_numpy() for k, c in EVENT_COLUMNS.items()}
    # Sector charts first: the four 2x2 panel charts take 0.3-0.5 s each, the three
    # population charts ~0.15 s; longest first balances the two workers.
    return [
        ChartJob(stem, "plot_panels", (years, panels, title), (12, 8.5), PANEL_MARGINS, note,
                 lang, grid=(2, 2))
        for stem, (title, panels) in sector_panels(ds, region, targets, lang).items()
    ] + [
        ChartJob("population_pyramid", "plot_pyramid", (ds["age"].to_numpy(), pyramids, name),
                 (8, 7), PYRAMID_MARGINS, note, lang),
        ChartJob("age_groups", "plot_age_group_shares", (years, shares, name), (9, 5),
                 LINE_CHART_MARGINS, note, lang),
        ChartJob("births_deaths", "plot_vital_events", (years, events, name), (9, 5),
                 LINE_CHART_MARGINS, note, lang),
    ]


def _label(name: str, lang: str) -> str:
    output = BY_NAME[name]
    return output.label_zh if lang == "zh" else output.long_name


def _panel(ds, lang, title, ylabel, names, targets, percent=False, select=None, scale=1.0):
    """Data of one indicator panel: a line per variable in `names` (with `select` applied),
    and the targets set on those variables."""
    select = select or {}
    lines, panel_targets = {}, []
    for name in names:
        values = ds[name].sel(**select).to_numpy() * scale
        label = _label(name, lang)
        lines[label] = values
        for target in targets:
            if target.indicator == name and all(select.get(k) == v for k, v in
                                                target.select.items()):
                text = f"{t('target', lang)} {target.comparison}{_format(target.level, percent)}" \
                       f" ({target.deadline})"
                panel_targets.append((label, target.level * scale, target.deadline, text))
    return {"title": title, "ylabel": ylabel, "percent": percent, "lines": lines,
            "targets": panel_targets}


def _format(level: float, percent: bool) -> str:
    return f"{level * 100:g}%" if percent else f"{level:g}"


def sector_panels(ds, region, targets, lang: str) -> dict[str, tuple[str, list]]:
    """Per sector: its chart title and its panels."""
    name = region_name(region, lang)
    pct, per1000 = t("percent", lang), t("per_1000", lang)
    rates = ["standardized_management_rate", "standardized_share_of_patients",
             "management_rate", "awareness_rate"]
    chronic = [
        _panel(ds, lang, t("hypertension", lang), pct, rates, targets, True,
               {"condition": "hypertension"}),
        _panel(ds, lang, t("diabetes", lang), pct, rates, targets, True,
               {"condition": "diabetes"}),
        _panel(ds, lang, f"{t('hypertension', lang)}: {t('thousand_patients', lang)}",
               t("thousand_patients", lang),
               ["estimated_patients", "standardized_patients"], targets, False,
               {"condition": "hypertension"}, 1e-3),
        _panel(ds, lang, t("capacity", lang), t("ratio", lang), ["chronic_care_utilisation"],
               targets),
    ]
    beds = [
        _panel(ds, lang, t("bed_mix_title", lang), per1000,
               ["beds_per_1000_residents"], targets),
        _panel(ds, lang, _label("nursing_share_of_primary_care_beds", lang), pct,
               ["nursing_share_of_primary_care_beds"], targets, True),
        _panel(ds, lang, t("occupancy_title", lang), pct, ["hospital_occupancy"], targets, True),
        _panel(ds, lang, per1000, per1000,
               ["rehabilitation_beds_per_1000", "tcm_beds_per_1000",
                "geriatric_rehabilitation_nursing_beds_per_1000_elderly"], targets),
    ]
    workforce = [
        _panel(ds, lang, per1000, per1000,
               ["doctors_per_1000_residents", "nurses_per_1000_residents"], targets),
        _panel(ds, lang, _label("gps_per_10000_hukou", lang), t("per_10000_hukou", lang),
               ["gps_per_10000_hukou"], targets),
        _panel(ds, lang, _label("hiring_budget_share", lang), pct, ["hiring_budget_share"],
               targets, True),
    ]
    care = [
        _panel(ds, lang, _label("family_doctor_contracting_rate", lang), pct,
               ["family_doctor_contracting_rate", "key_group_contracting_rate"], targets, True),
        _panel(ds, lang, _label("elderly_health_management_rate", lang), pct,
               ["elderly_health_management_rate"], targets, True),
        _panel(ds, lang, _label("infant_care_places_per_1000", lang), per1000,
               ["infant_care_places_per_1000"], targets),
        _panel(ds, lang, _label("growth_stations_per_1000_under_3", lang), per1000,
               ["growth_stations_per_1000_under_3"], targets),
    ]
    return {
        "chronic_disease": (t("chronic_title", lang, region=name), chronic),
        "beds": (t("beds_title", lang, region=name), beds),
        "workforce": (t("workforce_title", lang, region=name), workforce),
        "care": (t("care_title", lang, region=name), care),
    }
