"""The health window: does the supply structure reproduce a decade of published health counts?

Where a region's history.csv holds health-resource counts from before 2020 (China: the
national bulletins 2011-2023, calibration/china/history.csv), the model is run from the 2010
census, its population driven by the backcast's fitted inputs (and the profile's defaults
after 2020), and the supply parameters below are fitted to the counts of 2011-2021; the counts
of 2022-2023 are held out (issue 13 item 3). Counts (city basis: all institutions of the
region, sim.analysis.anchors.MAPPINGS): total, hospital and primary-care beds, practising
doctors, registered nurses, registered GPs.

Fitted (each constant over the decade, so the estimate is the decade's pace):

- the 2010 stocks: hospital-side beds (hospital general, TCM, rehabilitation, 护理院 and the
  other institutions scaled together from the 2020 profile's split), primary-care beds,
  practising doctors, registered nurses, GPs: no 2010 count is in history.csv, so they are
  parameters, pinned by the 2011-2012 counts;
- the acute-bed norm's growth (beds per 1,000 a year), primary-care bed construction (beds a
  year, split between general and nursing beds as in the profile), the rise of the doctors per
  1,000 target (from its 2010 level, doctors per 1,000 a year), the rise of nurses per bed
  (from its 2010 level, a year), and the GP intake (training places plus transfer training,
  split 2:1 as in the China profile's 26,303 : 13,152) in model years 2010 and 2021, linear
  between and held after: the published GP series grows faster in the late 2010s than any
  constant intake allows.

Driven by observations, not fitted: admissions (the admission-rate scale of each model year
makes the model's admissions move as the published ones do, interpolated between published
years and held beyond them, from the profile's 2020 level; `_drive_admissions`) and the
average length of stay (published years, interpolated). Held at the profile's values (judged;
stated in the record): construction time, bed lifetime, approval time, target occupancy,
hiring time, attrition rates, the hiring budget, GP training duration, and other institutions'
beds (a constant in the model, 319,300 in 2020 for China).

The estimates are evidence about the structure (does it grow as history did, at what pace),
recorded in fit.yaml with each count's published and simulated pace (`decade_paces`).

**Scenarios continue the decade's pace.** When the window is accepted, its pace estimates
become the region's defaults of the keys they set, from 2020 on, starting from the profile's
2020 levels (`continued_series`; sim.analysis.calibration.record writes them into fit.yaml's
`scenario_defaults` with `window: health`, sim.inputs.fitted reads them only while the fit is
current and the window accepted): the acute-bed norm grows `acute_norm_growth_2010s` a year;
primary-care beds are built `primary_construction_2010s` a year (split general : nursing as in
the profile); the doctors per 1,000 target and the nurses per bed standard rise from the
profile's 2020 levels by `doctors_per_1000_rise_2010s` and `nurses_per_bed_rise_2010s` a year
to the profile's ramp end (2035) and are held after, as the profile's own ramps are; the GP
intake is `gp_intake_2021` from 2021 on (held), split 2:1 into training places and transfer
training. Its 2020 value: the model starts each training pipeline in equilibrium with the 2020
intake (trainees = places x duration, sim/model/health_system.mdl), whereas under the window's
rising intake the pipeline of 2020 held less (a first-order delay of duration D under an intake
rising s a year holds D x (intake - D x s)); so the 2020 value is intake(2020) - D x s, which
starts the pipeline as the window had it (the 2020 flow is then that much lower for one year:
the model ties the two). Without it the trainees of 2020 would be those of an intake the decade
never had, and GPs would outgrow the window by another 4-7% in 2021-2023 (measured).

Why the decade and not the profile's 2020-21 pace: 2020-21 alone were pandemic years (two
counts a series), while the decade's estimate is the observed pace with its uncertainty, which
the window's posterior sample states (fit/health_posterior.csv, drawn by `sim uncertainty`).
The 2010 stocks are not carried forward: a scenario starts from the profile's 2020 counts. The
judged quantities above (construction time, attrition, ...) keep the profile's values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.analysis.anchors import MAPPINGS, model_value
from sim.analysis.calibration.estimate import Parameter
from sim.analysis.calibration.runner import WindowFit, WindowModel
from sim.analysis.calibration.windows import (
    CONFIDENCE_FACTOR,
    Observable,
    Observations,
    Window,
    model_time,
    select_observations,
)
from sim.inputs.keys import BASE_YEAR, HEALTH_FITTED_KEYS, KEYS
from sim.inputs.region import Region
from sim.inputs.timeseries import Constant, Ramp, Series, Table
from sim.model import model_number
from sim.model.parameters import BED_TYPES

#: The counts the window fits, and how the model gives each (sim.analysis.anchors.MAPPINGS).
SERIES = ("beds_total", "beds_hospital", "beds_primary", "doctors", "nurses", "gps")
OBSERVABLE: dict[str, Observable] = {
    name: ("stock", (lambda mapping: lambda ds: model_value(ds, mapping))(MAPPINGS[name]))
    for name in SERIES}
OUTPUTS = ["total_population", "total_beds", "beds", "nursing_home_beds", "practising_doctors",
           "registered_nurses", "general_practitioners", "hospital_admissions"]
START, END = 2010, 2024            # the 2010 census to past the last held-out count (end 2023)
FIT_UNTIL = pd.Timestamp("2021-12-31")   # fitted to 2011-2021; 2022-2023 held out (issue 13)
#: Assumed standard error of a published health count as a share of its value (assumption,
#: range half to double): the yearly statistical reports enumerate institutions, so the error
#: is one of definition and reprint, not sampling.
COUNT_SIGMA_SHARE = 0.01
#: GP intake split (China profile: training places 26,303, transfer training 13,152 a year).
TRAINING_SHARE_OF_INTAKE = 2 / 3

_HOSPITAL_TYPES = ("hospital general", "hospital TCM", "hospital rehabilitation")
_PRIMARY_TYPES = ("primary general", "primary nursing")
_DRIVEN = ("beds.admission_rate_scale", "beds.average_length_of_stay")


#: The counts the window needs before 2020: one per parameter group (beds, doctors, nurses,
#: GPs); with fewer, the 2010 stocks of a group would be fixed by nothing.
REQUIRED = ("beds_total", "doctors", "nurses", "gps")


def has_health_history(history: pd.DataFrame) -> bool:
    """Whether the region published, before 2020, counts of beds, doctors, nurses and GPs
    (what the window needs; Zhejiang's 2010-2011 beds and doctors alone are not enough)."""
    rows = history[history["series"].isin(REQUIRED) & history["value"].notna()]
    early = rows[pd.to_datetime(rows["date"]) < pd.Timestamp(f"{BASE_YEAR}-01-01")]
    return set(early["series"]) == set(REQUIRED)


def _combined(before: Series, after: Series, years: np.ndarray) -> Table:
    """`before`'s values up to the 2020 census year, `after`'s from the next year on."""
    values = np.where(years <= BASE_YEAR, before.values(years), after.values(years))
    return Table(table={int(y): float(v) for y, v in zip(years, values)})


def _observed_path(history: pd.DataFrame, series: str, years: np.ndarray) -> np.ndarray:
    """A published flow's values at the middle of each model year (linear between published
    years, held beyond them)."""
    rows = history[(history["series"] == series) & history["value"].notna()]
    times = model_time(rows["date"])
    order = np.argsort(times)
    return np.interp(years + 0.5, times[order], rows["value"].to_numpy(float)[order])


def health_window(region: Region, history: pd.DataFrame, backcast: WindowFit) -> Window:
    """The health window of `region`, its population driven by the accepted backcast."""
    years = np.arange(START, END + 1)
    fitted_population = backcast.window.paths(backcast.estimate.values[None])
    base: dict[str, Series] = dict(region.defaults)
    for key, series in backcast.window.base_series.items():
        if key in fitted_population:
            path = fitted_population[key][0]
            series = Table(table={int(y): float(v)
                                  for y, v in zip(backcast.window.years, path)})
        if key in region.defaults and series is not region.defaults[key]:
            base[key] = _combined(series, region.defaults[key], years)
    stay = _observed_path(history, "average_length_of_stay", years)
    base["beds.average_length_of_stay"] = Table(table=dict(zip(map(int, years), map(float,
                                                                                 stay))))
    base["beds.admission_rate_scale"] = Constant(value=1.0)

    health = region.health_2020
    hospital_2020 = (sum(health[BED_TYPES[t]] for t in _HOSPITAL_TYPES)
                     + health["beds_nursing_home"] + health["beds_other"])
    primary_2020 = sum(health[BED_TYPES[t]] for t in _PRIMARY_TYPES)
    population_2010 = float(backcast.window.initial_population.sum())   # type: ignore[union-attr]
    defaults = region.defaults
    general = defaults["beds.primary_general_construction"].values(years[:1])[0]
    nursing = defaults["beds.nursing_construction"].values(years[:1])[0]
    nursing_share = nursing / (general + nursing)
    src = f"{region.name}/history.csv (2011-2021 counts)"

    def first_count(series: str) -> float:
        """The series' first published count, taken back to 2011 at 7% a year (China's
        2011-2019 pace of beds and doctors): a start for the fit, not a datum."""
        rows = history[(history["series"] == series) & history["value"].notna()]
        rows = rows.assign(year=pd.to_datetime(rows["date"]).dt.year).sort_values("year")
        return float(rows["value"].iloc[0]) / 1.07 ** (int(rows["year"].iloc[0]) - 2011)

    # Starts from the first counts (the factors 0.93, 0.97, 0.7 take them back towards 2010 at
    # roughly the decade's pace: starts only). Bounds (assumptions, as multiples of the first
    # count): hospital beds 0.5-1.2, primary beds 0.5-2, doctors 0.8-1.05, nurses 0.7-1.05,
    # GPs 0.2-1.2 (a stock in 2010 cannot exceed the 2011 count by much); paces from none (or a
    # small fall for nurses per bed) to about three times the decade's (beds 0.6 per 1,000 a
    # year, doctors 0.3, GP intake 150,000 a year). No estimate lies at one (tested).
    beds_2011, doctors_2011 = first_count("beds_total"), first_count("doctors")
    nurses_2011, gps_2012 = first_count("nurses"), 1.07 * first_count("gps")
    hospital_share = hospital_2020 / (hospital_2020 + primary_2020)
    parameters = [
        Parameter("hospital_beds_2010", 0.93 * hospital_share * beds_2011,
                  0.5 * hospital_share * beds_2011, 1.2 * hospital_share * beds_2011, "bed",
                  "hospital general, TCM and rehabilitation beds, 护理院 and other "
                  "institutions' beds on 1 Nov 2010 (split as in the 2020 profile)", src),
        Parameter("primary_beds_2010", 0.93 * (1 - hospital_share) * beds_2011,
                  0.5 * (1 - hospital_share) * beds_2011,
                  2.0 * (1 - hospital_share) * beds_2011, "bed",
                  "primary-care general and nursing beds on 1 Nov 2010", src),
        Parameter("acute_norm_growth_2010s", 0.2, 0.0, 0.6, "bed per 1000 residents per year",
                  "rise of the acute-bed planning norm a year, 2010-2024", src),
        Parameter("primary_construction_2010s", general + nursing, 0.0,
                  3.0 * (general + nursing), "bed/year",
                  "primary-care beds built a year (general and nursing, split as in the "
                  "profile)", src),
        Parameter("doctors_2010", 0.97 * doctors_2011, 0.8 * doctors_2011, 1.05 * doctors_2011,
                  "person", "practising (assistant) doctors on 1 Nov 2010", src),
        Parameter("doctors_per_1000_rise_2010s", 0.1, 0.0, 0.3, "doctor per 1000 per year",
                  "rise of the doctors per 1,000 target a year, from its 2010 level", src),
        Parameter("nurses_2010", 0.93 * nurses_2011, 0.7 * nurses_2011, 1.05 * nurses_2011,
                  "person", "registered nurses on 1 Nov 2010", src),
        Parameter("nurses_per_bed_rise_2010s", 0.0, -0.03, 0.05, "nurse per bed per year",
                  "rise of the nurses per bed standard a year, from its 2010 level", src),
        Parameter("gps_2010", 0.7 * gps_2012, 0.2 * gps_2012, 1.2 * gps_2012, "person",
                  "registered GPs on 1 Nov 2010", src),
        Parameter("gp_intake_2010", 20_000.0, 0.0, 150_000.0, "person/year",
                  "GP training places plus transfer training a year (split 2:1) in model "
                  "year 2010; linear to the next parameter's value", src),
        Parameter("gp_intake_2021", 40_000.0, 0.0, 150_000.0, "person/year",
                  "the same in model year 2021, held after", src),
    ]

    t = (years - START)[None].astype(float)
    ramp = np.clip(t / (2021 - START), 0.0, 1.0)   # GP intake: 2010 -> 2021, held after

    def paths(x: np.ndarray) -> dict[str, np.ndarray]:
        beds_2010 = x[:, 0:1] + x[:, 1:2]
        intake = x[:, 9:10] + (x[:, 10:11] - x[:, 9:10]) * ramp
        return {
            "beds.acute_norm_growth": np.repeat(x[:, 2:3], years.size, axis=1),
            "beds.primary_general_construction": np.repeat(x[:, 3:4] * (1 - nursing_share),
                                                           years.size, axis=1),
            "beds.nursing_construction": np.repeat(x[:, 3:4] * nursing_share, years.size,
                                                   axis=1),
            "workforce.doctors_per_1000_target":
                1000 * x[:, 4:5] / population_2010 + x[:, 5:6] * t,
            "workforce.nurses_per_bed_standard": x[:, 6:7] / beds_2010 + x[:, 7:8] * t,
            "workforce.gp_training_places": intake * TRAINING_SHARE_OF_INTAKE,
            "workforce.gp_transfer_training": intake * (1 - TRAINING_SHARE_OF_INTAKE),
        }

    bed_2020 = np.array([health[BED_TYPES[t]] for t in BED_TYPES], dtype=float)
    is_primary = np.array([t in _PRIMARY_TYPES for t in BED_TYPES])

    def constants(x: np.ndarray) -> dict[str, np.ndarray]:
        hospital_scale = x[:, 0:1] / hospital_2020
        primary_scale = x[:, 1:2] / primary_2020
        beds = bed_2020[None] * np.where(is_primary[None], primary_scale, hospital_scale)
        return {"initial beds": beds,
                "initial nursing home beds": hospital_scale[:, 0] * health["beds_nursing_home"],
                "initial doctors": x[:, 4].copy(), "initial nurses": x[:, 6].copy(),
                "initial GPs": x[:, 8].copy()}

    until = float(model_time([FIT_UNTIL])[0])

    def role(row) -> str | None:
        return "fit" if row["time"] <= until + 1e-9 else "check"

    selected = select_observations(history, float(START), float(END), role,
                                   last_flow_year=END - 1, observable=OBSERVABLE, basis="city")
    table = selected.table.copy()
    table["sigma"] = [abs(v) * COUNT_SIGMA_SHARE * CONFIDENCE_FACTOR[c]
                      for v, c in zip(table["value"], table["confidence"])]
    notes = [
        "admissions and average length of stay are inputs driven by the published series "
        "(not fitted); other institutions' beds are held at the 2020 profile's "
        f"{health['beds_other']:,.0f} (a constant in the model)",
        "scenarios take the pace estimates from 2020 on when the window is accepted "
        "(scenario_defaults, window: health), from the profile's 2020 stocks and levels; the "
        "2010 stocks are not carried forward",
    ]
    window = Window("health", START, END, parameters, paths, base,
                    backcast.window.initial_population, Observations(table, selected.excluded),
                    "2010 census -> 2024, population from the backcast's estimates; health "
                    "supply fitted to the published counts of 2011-2021, 2022-2023 held out",
                    notes=notes, observable=OBSERVABLE, outputs=OUTPUTS, constants=constants)
    _drive_admissions(region, window, history)
    return window


def _drive_admissions(region: Region, window: Window, history: pd.DataFrame) -> None:
    """Set the window's admission-rate scale so that the model's admissions move from year to
    year as the published ones do, from the profile's 2020 level: the profile's scale fits the
    2020 occupancy of the beds the model holds (sim/model/health_system.mdl, hospital
    occupancy), and the published count includes primary-care admissions, so the level is
    the profile's and the path the publication's. A pre-run at scale 1 gives the model's
    admissions per unit scale (they are proportional to it)."""
    years = window.years
    start = np.array([[p.start for p in window.parameters]])
    run = WindowModel(region, window).run(start)
    per_unit = run["hospital_admissions"].to_numpy().reshape(-1)[:years.size]
    published = _observed_path(history, "admissions", years)
    at_base = int(np.flatnonzero(years == BASE_YEAR)[0])
    profile_scale = float(region.defaults["beds.admission_rate_scale"].values(
        np.array([BASE_YEAR]))[0])
    wanted = profile_scale * per_unit[at_base] * published / published[at_base]
    scale = wanted / per_unit
    window.base_series["beds.admission_rate_scale"] = Table(
        table={int(y): float(v) for y, v in zip(years, scale)})
    window.notes.append(
        "admission-rate scale by model year (the model's admissions follow the published "
        f"ones relative to {BASE_YEAR}, from the profile's {BASE_YEAR} scale "
        f"{profile_scale:.3f}): " + ", ".join(f"{y} {v:.3f}" for y, v in zip(years, scale)))


def decade_paces(fit: WindowFit) -> dict[str, dict[str, float | str]]:
    """Each count's yearly growth (per cent a year) between its first and last fitted
    observation, published and simulated at the estimate: what history says beside what the
    fitted structure does."""
    out: dict[str, dict[str, float | str]] = {}
    rows = fit.simulated[fit.simulated["role"] == "fit"].sort_values("time")
    for series, group in rows.groupby("series", sort=True):
        first, last = group.iloc[0], group.iloc[-1]
        span = float(last["time"] - first["time"])
        if span < 1:
            continue

        def pace(a: float, b: float, span: float = span) -> float:
            return round(100 * (float(b / a) ** (1 / span) - 1), 2)

        out[str(series)] = {
            "period": f"{pd.Timestamp(first['date']).year}-{pd.Timestamp(last['date']).year}",
            "published": pace(first["value"], last["value"]),
            "model": pace(first["simulated"], last["simulated"])}
    return out


#: The window's parameters that set scenario keys from 2020 on (`continued_series`), and the
#: keys each sets.
PACE_KEYS: dict[str, tuple[str, ...]] = {
    "acute_norm_growth_2010s": ("beds.acute_norm_growth",),
    "primary_construction_2010s": ("beds.primary_general_construction",
                                   "beds.nursing_construction"),
    "doctors_per_1000_rise_2010s": ("workforce.doctors_per_1000_target",),
    "nurses_per_bed_rise_2010s": ("workforce.nurses_per_bed_standard",),
    "gp_intake_2010": ("workforce.gp_training_places", "workforce.gp_transfer_training"),
    "gp_intake_2021": ("workforce.gp_training_places", "workforce.gp_transfer_training"),
}
#: End of the rise of the two staffing ratios where the profile's own series is not a ramp.
RAMP_END = 2035


def continued_series(profile: Region, pace: dict[str, float]) -> dict[str, Series]:
    """The keys of `PACE_KEYS` continuing the window's paces `pace` (parameter name -> value)
    from the profile's 2020 levels (module docstring): what a scenario runs on when the window
    is accepted. Every key is non-decreasing in each pace."""
    defaults, y0 = profile.defaults, np.array([BASE_YEAR])
    general = float(defaults["beds.primary_general_construction"].values(y0)[0])
    nursing = float(defaults["beds.nursing_construction"].values(y0)[0])
    share = nursing / (general + nursing)

    def rising(key: str, rise: float) -> Ramp:
        own = defaults[key]
        end = own.ramp.end if isinstance(own, Ramp) and own.ramp.end > BASE_YEAR else RAMP_END
        level = float(own.values(y0)[0])
        return Ramp.model_validate({"ramp": {"from": level, "to": level + rise * (end - BASE_YEAR),
                                             "start": BASE_YEAR, "end": end}})

    built = pace["primary_construction_2010s"]
    i2010, i2021 = pace["gp_intake_2010"], pace["gp_intake_2021"]
    slope = (i2021 - i2010) / (2021 - START)   # the window's intake: linear 2010 -> 2021
    at_2020 = i2010 + slope * (BASE_YEAR - START)
    duration = {"workforce.gp_training_places":
                float(defaults["workforce.gp_training_duration"].values(y0)[0]),
                # a model constant, not a scenario key: read from the model itself
                "workforce.gp_transfer_training": model_number("transfer training duration")}
    split = {"workforce.gp_training_places": TRAINING_SHARE_OF_INTAKE,
             "workforce.gp_transfer_training": 1 - TRAINING_SHARE_OF_INTAKE}

    def intake(key: str) -> Table:
        # 2020: the intake whose equilibrium pipeline is the window's at 2020 (a first-order
        # delay of duration D under an intake rising `slope` a year holds D x (intake - D x
        # slope)); 2021 on: gp_intake_2021, held
        return Table(table={BASE_YEAR: split[key] * (at_2020 - duration[key] * slope),
                            2021: split[key] * i2021})

    return {
        "beds.acute_norm_growth": Constant(value=pace["acute_norm_growth_2010s"]),
        "beds.primary_general_construction": Constant(value=built * (1 - share)),
        "beds.nursing_construction": Constant(value=built * share),
        "workforce.doctors_per_1000_target": rising("workforce.doctors_per_1000_target",
                                                    pace["doctors_per_1000_rise_2010s"]),
        "workforce.nurses_per_bed_standard": rising("workforce.nurses_per_bed_standard",
                                                    pace["nurses_per_bed_rise_2010s"]),
        "workforce.gp_training_places": intake("workforce.gp_training_places"),
        "workforce.gp_transfer_training": intake("workforce.gp_transfer_training"),
    }


def continued_paths(profile: Region, table: pd.DataFrame, years: np.ndarray
                    ) -> dict[str, np.ndarray]:
    """`continued_series` of each row of `table` (columns: the pace parameters), as paths
    (rows, years): the draws of `sim uncertainty` from the window's posterior sample."""
    values = table[list(PACE_KEYS)].to_numpy(float)
    out = {key: np.empty((len(values), years.size)) for key in HEALTH_FITTED_KEYS}
    for i, row in enumerate(values):
        for key, series in continued_series(profile, dict(zip(PACE_KEYS, row))).items():
            out[key][i] = series.values(years)
    return out


def continued_range(profile: Region, parameters: list[Parameter]) -> dict[str, list[float]]:
    """Each key's range of values when the paces span the window's bounds (every key is
    non-decreasing in each pace), within the key's allowed range: the range the fitted default
    is checked against and recorded with (sim.inputs.fitted)."""
    years = np.arange(BASE_YEAR, RAMP_END + 1)
    low = continued_series(profile, {q.name: q.low for q in parameters})
    high = continued_series(profile, {q.name: q.high for q in parameters})
    return {key: [max(float(low[key].values(years).min()), KEYS[key].low),
                  min(float(high[key].values(years).max()), KEYS[key].high)]
            for key in HEALTH_FITTED_KEYS}


__all__ = ["health_window", "has_health_history", "decade_paces", "SERIES", "OBSERVABLE",
           "PACE_KEYS", "continued_series", "continued_paths", "continued_range"]
