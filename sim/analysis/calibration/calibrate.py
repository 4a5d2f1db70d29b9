"""Calibration to history: `python -m sim calibrate REGION`.

What is fitted, to what (the observed series in calibration/<region>/history.csv; sources there):

- **backcast** (validation of the population sector): the model starts from the 2010 census
  structure (population_2010.csv) and runs to the 2020 census with the 2010-2020 inputs of
  backcast_2010.yaml. Fitted: the decade's net migration (persons/year), a scale on the TFR
  path and a shift of the life-expectancy path, within the bounds that file states. Fitted to:
  the 2020 census total and the yearly crude birth and death rates; held out (out-of-sample
  check): the 2020 census age shares. Shown, not fitted: the pre-census year-end estimates of
  2011-2019, which were never revised to the 2020 census (Hangzhou's end-2019 estimate is 13%
  below the census ten months later), so their level is on another footing.
- **forward** (what scenarios use): the model starts from the 2020 census and runs with the
  region profile's inputs. Fitted: the net migration of model years 2020 and 2021 and a scale
  on the profile's TFR path, within the profile's ranges for those keys. Fitted to: year-end
  totals and crude rates up to end-2022; held out: later years (2023-2024 where published)
  and the age shares. The fitted values become the region's defaults for `population.net_migration`
  and `population.tfr` (sim.inputs.region reads them from fit.yaml) unless a scenario sets them.

Only resident-basis observations are used (hukou-basis and district figures measure another
population). Health-sector parameters are not calibrated: no city published a yearly health
series before 2022 (history_missing.csv), so fit.yaml lists them as not identified by data.

Weights: each observation's standard error is assumed to be a share of its value, by kind of
series and by the source's confidence (`SIGMA_SHARE`, `CONFIDENCE_FACTOR`; assumptions,
stated in fit.yaml). Rules, per window: *accepted* when every fitted series has a MAPE below
`ACCEPT_MAPE`; *validated* when every held-out series does too (a window with nothing held
out is not validated). The forward estimates are used by scenarios only when the forward
window is accepted, and then only those at no bound that the data can separate from the
others (`adoption`). The command writes fit.yaml in every case and exits with status 1
unless every window is accepted and validated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
import xarray as xr
import yaml

from sim.model import mortality
from sim.core.errors import SimError
from sim.analysis.calibration.estimate import Estimate, Parameter, Problem, estimate, identifiability
from sim.analysis.calibration.fitstats import fit_stats
from sim.inputs.keys import BASE_YEAR, KEYS
from sim.model.parameters import LIFE_EXPECTANCY_KEY, SEX_RATIO_KEY, build_inputs
from sim.core.paths import CALIBRATION_DIR, FIT_CHART_DIR, FIT_FILE
from sim.inputs.keys import FITTED_KEYS
from sim.inputs.region import Region, mortality_standard
from sim.inputs.timeseries import Constant, Ramp, Series, Step, Table

#: Assumed standard error of an observation of a high-confidence source, as a share of its
#: value, by series (assumptions, range half to double): resident totals are census counts or
#: estimates benchmarked to them (0.5%); age shares and crude rates come from the yearly
#: 1-per-mille sample survey, whose few thousand births or deaths in a city of millions
#: leave a sampling error of several percent on a crude rate.
SIGMA_SHARE = {"resident_population": 0.005, "share": 0.01, "rate": 0.05}
#: Multiplier of that error by the source's confidence (reprints and derived values carry
#: transcription and method error too).
CONFIDENCE_FACTOR = {"high": 1.0, "medium": 1.5, "low": 3.0, "derived": 2.0}
#: Accepted / validated: the MAPE of every fitted / held-out series is below this (the rule
#: issue 6 gives as its example; a convention, not a statistical test).
ACCEPT_MAPE = 0.05
MIGRATION_KEY, TFR_KEY = FITTED_KEYS   # the keys whose defaults a forward fit may set
#: Forward window: fitted to observations up to the end of 2022 (the last year every region
#: published a total when this was written); run to 2025 so 2023-24 serve as a check.
FORWARD_FIT_UNTIL = pd.Timestamp("2022-12-31")
FORWARD_END = 2025
#: Health-sector quantities the issue lists as unobserved, for the fit file's record.
NOT_CALIBRATED = ["chronic.standardization_rate", "chronic.dropout_rate",
                  "chronic.patients_per_gp", "detection and enrolment rates",
                  "bed construction and approval rates", "staff recruitment and attrition"]

# Observed series -> (kind, function of the Dataset giving the simulated yearly values)
_share = {
    "share_0_14": "population_0_14", "share_15_59": "population_15_59",
    "share_15_64": "population_15_64", "share_60_plus": "population_60_plus",
    "share_65_plus": "population_65_plus",
}
OBSERVABLE: dict[str, tuple[str, Callable[[xr.Dataset], xr.DataArray]]] = {
    "resident_population": ("stock", lambda ds: ds["total_population"]),
    "crude_birth_rate": ("flow", lambda ds: ds["crude_birth_rate"]),
    "crude_death_rate": ("flow", lambda ds: ds["crude_death_rate"]),
    "births": ("flow", lambda ds: ds["total_births"]),
    "deaths": ("flow", lambda ds: ds["total_deaths"]),
    **{name: ("stock", (lambda group: lambda ds: 100.0 * ds[group] / ds["total_population"])(g))
       for name, g in _share.items()},
}
OUTPUTS = ["total_population", "crude_birth_rate", "crude_death_rate", "total_births",
           "total_deaths", *_share.values()]


# ---------------------------------------------------------------------------------------------
# Observations

def read_history(region: str, calibration_dir: Path | None = None) -> pd.DataFrame:
    """The region's history.csv as a table (series, date, value, unit, basis, confidence)."""
    from sim.inputs.history import load_history

    return load_history(region, calibration_dir).frame()


def model_time(dates) -> np.ndarray:
    """Model time of each date: model year Y runs from 1 Nov of Y (the census day) to 1 Nov
    of Y + 1, so 2020-11-01 is 2020.0 and 2021-07-01 is 2020 + 242/365."""
    stamps = pd.to_datetime(pd.Series(dates))
    year = stamps.dt.year - (stamps.dt.month < 11).astype(int)
    start = pd.to_datetime(year.astype(str) + "-11-01")
    end = pd.to_datetime((year + 1).astype(str) + "-11-01")
    return (year + (stamps - start).dt.days / (end - start).dt.days).to_numpy(dtype=float)


def simulated_at(ds: xr.Dataset, series: str, times: np.ndarray) -> np.ndarray:
    """Simulated values of an observed series at model times, for every sample: (k, n).

    Stocks are the state on 1 Nov of each model year; a flow's yearly value covers the model
    year [t, t+1) and is placed at its middle, t + 0.5. Between those points the values are
    interpolated linearly."""
    kind, value = OBSERVABLE[series]
    data = value(ds)
    if "sample" not in data.dims:
        data = data.expand_dims("sample")
    years = ds["time"].to_numpy().astype(float) + (0.5 if kind == "flow" else 0.0)
    if kind == "flow":
        data, years = data.isel(time=slice(None, -1)), years[:-1]  # the last year has no flow
    if times.size and (times.min() < years[0] - 1e-9 or times.max() > years[-1] + 1e-9):
        raise SimError(f"{series}: an observation lies outside the simulated period")
    values = data.transpose("sample", "time").to_numpy()
    return np.stack([np.interp(times, years, row) for row in values])


@dataclass
class Observations:
    table: pd.DataFrame          # rows used: series, date, time, value, sigma, role, source...
    excluded: dict[str, str]     # description -> reason

    def of_role(self, *roles: str) -> pd.DataFrame:
        return self.table[self.table["role"].isin(roles)]


def select_observations(history: pd.DataFrame, start: float, end: float,
                        role: Callable[[pd.Series], str | None], last_flow_year: float
                        ) -> Observations:
    """Resident-basis rows of observable series inside (start, end], with a role each."""
    excluded: dict[str, str] = {}
    rows = history[history["value"].notna()].copy()
    rows["time"] = model_time(rows["date"])
    other_basis = rows[rows["basis"] != "resident"]
    if len(other_basis):
        excluded["hukou, district and other bases"] = (
            f"{len(other_basis)} rows: they count another population than the model's "
            "residents")
    rows = rows[rows["basis"] == "resident"]
    unknown = rows[~rows["series"].isin(list(OBSERVABLE))]
    if len(unknown):
        excluded["series the population sector does not simulate"] = ", ".join(
            sorted(unknown["series"].unique()))
    rows = rows[rows["series"].isin(list(OBSERVABLE))]
    flow = rows["series"].map(lambda s: OBSERVABLE[s][0] == "flow")
    inside = (rows["time"] > start + 1e-9) & (rows["time"] <= end + 1e-9)
    inside &= ~flow | ((rows["time"] >= start + 0.5) & (rows["time"] <= last_flow_year + 0.5))
    rows = rows[inside].copy()
    rows["role"] = [role(r) for _, r in rows.iterrows()]
    rows = rows[rows["role"].notna()]
    rows["sigma"] = [abs(v) * sigma_share(series) * CONFIDENCE_FACTOR[c]
                     for series, v, c in zip(rows["series"], rows["value"], rows["confidence"])]
    return Observations(rows.sort_values(["series", "time"]).reset_index(drop=True), excluded)


def sigma_share(series: str) -> float:
    if series == "resident_population":
        return SIGMA_SHARE["resident_population"]
    return SIGMA_SHARE["share" if series.startswith("share_") else "rate"]


# ---------------------------------------------------------------------------------------------
# Windows: a period, its parameters, how they set the inputs, its observations

@dataclass
class Window:
    name: str
    start: int
    end: int
    parameters: list[Parameter]
    paths: Callable[[np.ndarray], dict[str, np.ndarray]]   # (k, p) -> key -> (k, years)
    base_series: dict[str, Series]
    initial_population: xr.DataArray | None                # None: the region's 2020 census
    observations: Observations
    description: str
    notes: list[str] = field(default_factory=list)

    @property
    def years(self) -> np.ndarray:
        return np.arange(self.start, self.end + 1)


def scaled(series: Series, factor: float) -> Series:
    """The same series form with every value multiplied by `factor`."""
    if isinstance(series, Constant):
        return Constant(value=series.value * factor)
    if isinstance(series, Ramp):
        spec = series.ramp
        return Ramp(ramp=spec.model_copy(update={"from_": spec.from_ * factor,
                                                 "to": spec.to * factor}))
    if isinstance(series, (Step, Table)):
        name = "step" if isinstance(series, Step) else "table"
        return type(series)(**{name: {y: v * factor for y, v in getattr(series, name).items()}})
    raise SimError(f"cannot scale a {type(series).__name__}")


def backcast_window(region: Region, history: pd.DataFrame, folder: Path) -> Window:
    from sim.inputs.history import load_backcast

    backcast = load_backcast(region.name, folder.parent)
    inputs = backcast.inputs
    years = np.arange(backcast.years[0], backcast.years[1] + 1)
    base = dict(region.defaults)
    base.update({key: q.series for key, q in inputs.items()})
    tfr, e0 = inputs[TFR_KEY], inputs[LIFE_EXPECTANCY_KEY]
    guess_tfr = tfr.series.values(years)
    tfr_low = float(np.min(tfr.low_path.values(years) / guess_tfr))
    tfr_high = float(np.max(tfr.high_path.values(years) / guess_tfr))
    e0_guess = e0.series.values(years)
    e0_low = float(np.min(e0.low_path.values(years) - e0_guess))
    e0_high = float(np.max(e0.high_path.values(years) - e0_guess))
    migration = inputs[MIGRATION_KEY]
    start_migration = float(migration.series.values(years[:1])[0])
    parameters = [
        Parameter("net_migration_2010s", start_migration, migration.low, migration.high,
                  "person/year", "net migrants per year, model years 2010-2019 (constant)",
                  f"{folder.name}/backcast_2010.yaml inputs.{MIGRATION_KEY}"),
        Parameter("tfr_scale_2010s", 1.0, min(tfr_low, 1.0), max(tfr_high, 1.0), "1",
                  "multiplier of the 2010-2020 TFR guess path",
                  f"{folder.name}/backcast_2010.yaml inputs.{TFR_KEY} (low_path, high_path)"),
        Parameter("life_expectancy_shift_2010s", 0.0, min(e0_low, 0.0), max(e0_high, 0.0),
                  "year", "years added to the 2010-2020 life-expectancy path",
                  f"{folder.name}/backcast_2010.yaml inputs.{LIFE_EXPECTANCY_KEY} (low/high)"),
    ]

    def paths(x: np.ndarray) -> dict[str, np.ndarray]:
        k = x.shape[0]
        return {MIGRATION_KEY: np.repeat(x[:, :1], years.size, axis=1),
                TFR_KEY: x[:, 1:2] * guess_tfr[None],
                LIFE_EXPECTANCY_KEY: np.broadcast_to(e0_guess, (k, years.size)) + x[:, 2:3]}

    census_day = float(years[-1])

    def role(row) -> str | None:
        if abs(row["time"] - census_day) < 1e-6:   # the 2020 census
            return "fit" if row["series"] == "resident_population" else "check"
        if OBSERVABLE[row["series"]][0] == "flow":
            return "fit"
        return "shown"   # pre-census estimates: not revised to the census (module docstring)

    observations = select_observations(history, float(years[0]), census_day, role,
                                       last_flow_year=census_day - 1)
    if (observations.table["role"] == "shown").any():
        observations.excluded["pre-census estimates (shown, not fitted)"] = (
            "year-end totals and shares of 2011-2019 were not revised to the 2020 census, so "
            "their level is on another footing (module docstring of sim/calibrate.py)")
    return Window("backcast", int(years[0]), int(years[-1]), parameters, paths, base,
                  backcast.population_2010, observations,
                  f"2010 census structure -> 2020 census ({folder.name}/population_2010.csv; "
                  "inputs backcast_2010.yaml)", notes=[backcast.note_timing])


def forward_window(region: Region, history: pd.DataFrame) -> Window:
    years = np.arange(BASE_YEAR, FORWARD_END + 1)
    base = dict(region.defaults)   # the profile's own (loaded without fit.yaml)
    migration, tfr = base[MIGRATION_KEY], base[TFR_KEY]
    prov_m, prov_t = region.provenance[MIGRATION_KEY], region.provenance[TFR_KEY]
    m = migration.values(np.array([BASE_YEAR, BASE_YEAR + 1]))
    tfr_path = tfr.values(years)
    tfr_start = float(tfr_path[0])
    parameters = [
        Parameter(f"net_migration_{BASE_YEAR + i}", float(m[i]), prov_m.low, prov_m.high,
                  "person/year", f"net migrants in model year {BASE_YEAR + i} "
                  f"(1 Nov {BASE_YEAR + i} - 31 Oct {BASE_YEAR + i + 1}); held after",
                  f"profile.yaml defaults.{MIGRATION_KEY} (value, low, high)")
        for i in range(2)
    ] + [Parameter("tfr_scale", 1.0, prov_t.low / tfr_start, prov_t.high / tfr_start, "1",
                   "multiplier of the profile's TFR path",
                   f"profile.yaml defaults.{TFR_KEY} (low, high relative to the 2020 value)")]

    def paths(x: np.ndarray) -> dict[str, np.ndarray]:
        held = np.where(years[None] <= BASE_YEAR, x[:, :1], x[:, 1:2])
        return {MIGRATION_KEY: held, TFR_KEY: x[:, 2:3] * tfr_path[None]}

    until = float(model_time([FORWARD_FIT_UNTIL])[0])

    def role(row) -> str | None:
        # Each parameter is fitted to its direct observable (totals for migration, crude
        # rates for fertility); age shares are left as a check of the age structure: fitted
        # too, they pulled migration to compensate for the structure's own error.
        if row["series"].startswith("share_"):
            return "check"
        return "fit" if row["time"] <= until + 1e-9 else "check"

    observations = select_observations(history, float(BASE_YEAR), float(FORWARD_END), role,
                                       last_flow_year=FORWARD_END - 1)
    return Window("forward", BASE_YEAR, FORWARD_END, parameters, paths, base, None,
                  observations, "2020 census -> projection with the profile's inputs; "
                  f"fitted to observations up to {FORWARD_FIT_UNTIL.date()}, later ones held out")


# ---------------------------------------------------------------------------------------------
# Running a window for many parameter sets

class WindowModel:
    """Runs a window's model for parameter sets (k, p) with the batch engine."""

    def __init__(self, region: Region, window: Window):
        from sim.engines.batch import BatchModel
        from sim.model import MODEL_FILE

        self.window, self.model = window, BatchModel.from_mdl(MODEL_FILE)
        shared = build_inputs(region, window.base_series, window.start, window.end)
        self.constants = dict(shared.constants)
        if window.initial_population is not None:
            self.constants["initial population"] = window.initial_population
        self.series = dict(shared.series)
        standard = mortality_standard()
        self.standard = {s: standard.sel(sex=s).values for s in ("female", "male")}
        from sim.model.parameters import infant_separation_factors

        self.a0 = infant_separation_factors(standard)
        self.srb = window.base_series[SEX_RATIO_KEY].values(window.years)
        self.runs = 0
        from sim.model.outputs import BY_NAME

        self.outputs = {name: BY_NAME[name].model for name in OUTPUTS}

    def run(self, x: np.ndarray) -> xr.Dataset:
        x = np.atleast_2d(np.asarray(x, dtype=float))
        k = x.shape[0]
        series = dict(self.series)
        for key, path in self.window.paths(x).items():
            if key == LIFE_EXPECTANCY_KEY:
                series["mortality level"] = np.stack([
                    mortality.solve_level_path(row, self.standard, self.a0, self.srb)
                    for row in path])
            else:
                series[KEYS[key].model_variable] = np.ascontiguousarray(path)
        self.runs += k
        return self.model.run(self.constants, series, self.window.start, self.window.end,
                              samples=k, outputs=self.outputs, threads=1,
                              backcast=self.window.initial_population is not None)

    def observed_values(self, x: np.ndarray, rows: pd.DataFrame) -> np.ndarray:
        ds = self.run(x)
        out = np.empty((np.atleast_2d(x).shape[0], len(rows)))
        for series, group in rows.groupby("series", sort=False):
            idx = rows.index.get_indexer(group.index)
            out[:, idx] = simulated_at(ds, series, group["time"].to_numpy())
        return out


# ---------------------------------------------------------------------------------------------
# Calibrating a window, and the fit record

@dataclass
class WindowFit:
    window: Window
    estimate: Estimate
    identifiability: dict
    simulated: pd.DataFrame        # the observations with `simulated` (at the estimate)
    stats: dict[str, dict]         # series -> role, n, mape, rmse, u_m, u_s, u_c
    accepted: bool                 # every fitted series within ACCEPT_MAPE
    validated: bool | None         # every held-out series within ACCEPT_MAPE (None: none)
    seconds: float
    dataset: xr.Dataset            # the run at the estimate (for charts)


def calibrate_window(region: Region, window: Window, seed: int, starts: int,
                     progress=None) -> WindowFit:
    began = time.perf_counter()
    fit_rows = window.observations.of_role("fit")
    if fit_rows.empty:
        raise SimError(f"{region.name}: no observation to fit the {window.name} window to "
                       f"(calibration/{region.name}/history.csv)")
    runner = WindowModel(region, window)
    problem = Problem(window.parameters,
                      lambda x: runner.observed_values(x, fit_rows),
                      fit_rows["value"].to_numpy(float), fit_rows["sigma"].to_numpy(float))
    result = estimate(problem, starts=starts, seed=seed, progress=progress)
    report = identifiability(problem, result.jacobian)
    table = window.observations.table.copy()
    ds = runner.run(result.values[None])
    table["simulated"] = runner.observed_values(result.values[None], table)[0]
    stats = {}
    for (series, role), group in table.groupby(["series", "role"]):
        s = fit_stats(group["simulated"], group["value"]).to_dict()
        stats[f"{series} ({role})"] = {"series": series, "role": role, **s}
    def within(role) -> bool | None:   # None: no series of that role to judge
        mapes = [s["mape"] for s in stats.values() if s["role"] == role]
        return all(m < ACCEPT_MAPE for m in mapes) if mapes else None

    return WindowFit(window, result, report, table, stats, bool(within("fit")),
                     within("check"), time.perf_counter() - began, ds)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def fit_record(region: Region, fits: list[WindowFit], seed: int, starts: int,
               folder: Path) -> dict:
    passed = all(f.accepted and f.validated is True for f in fits)
    record = {
        "region": region.name,
        "made": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "command": f"python -m sim calibrate {region.name} --seed {seed} --starts {starts}",
        "data_sha256": {name: sha256_of(folder / name) for name in
                        ("profile.yaml", "history.csv", "backcast_2010.yaml",
                         "population_2010.csv", "population_2020.csv")},
        "method": ("weighted least squares, scipy.optimize.least_squares (trf) within the "
                   f"bounds, {starts} starts (stated start + scrambled Sobol', seed {seed}); "
                   "sim/calibrate.py and sim/estimate.py"),
        "weights": {"sigma_share_of_value": SIGMA_SHARE,
                    "confidence_factor": CONFIDENCE_FACTOR,
                    "note": "assumed standard errors (range: half to double)"},
        "acceptance_rule": (f"a window is accepted when every fitted series has MAPE < "
                            f"{ACCEPT_MAPE:.0%}, validated when every held-out series does; "
                            "scenarios use the forward estimates when the forward window is "
                            "accepted; the command exits 1 unless all windows pass both (a "
                            "window with no held-out observation is not validated)"),
        "passed": passed,
        "windows": {f.window.name: window_record(f) for f in fits},
        "not_calibrated": {name: "no observed series for the region (history_missing.csv)"
                           for name in NOT_CALIBRATED},
    }
    forward = next((f for f in fits if f.window.name == "forward"), None)
    if forward is not None:
        record["scenario_defaults"] = scenario_defaults(region, forward)
    return record


def window_record(fit: WindowFit) -> dict:
    params = {}
    for q, value in zip(fit.window.parameters, fit.estimate.values):
        ident = fit.identifiability["parameters"][q.name]
        params[q.name] = {"unit": q.unit, "description": q.description, "source": q.source,
                          "low": q.low, "high": q.high, "start": q.start,
                          "estimate": float(value), "at_bound": q.name in fit.estimate.at_bound,
                          **ident}
        if fit.window.name == "forward":
            reason = adoption(fit)[q.name] or ("" if fit.accepted else "the fit is not accepted")
            params[q.name]["used_by_scenarios"] = not reason
            if reason:
                params[q.name]["not_used_because"] = reason
    points = []
    for _, row in fit.simulated.iterrows():
        points.append({"series": row["series"], "date": str(pd.Timestamp(row["date"]).date()),
                       "role": row["role"], "observed": float(row["value"]),
                       "simulated": float(row["simulated"]), "confidence": row["confidence"]})
    return {
        "description": fit.window.description,
        "period": [fit.window.start, fit.window.end],
        "accepted": fit.accepted,
        "validated": fit.validated,
        "parameters": params,
        "objective": {"start": fit.estimate.start_objective, "estimate": fit.estimate.objective},
        "model_runs": fit.estimate.evaluations,
        "seconds": round(fit.seconds, 2),
        "series": fit.stats,
        "identifiability": {"condition_number": fit.identifiability["condition_number"],
                            "singular_values": fit.identifiability["singular_values"],
                            "correlation": fit.identifiability["correlation"]},
        "excluded": fit.window.observations.excluded,
        "notes": fit.window.notes,
        "points": points,
    }


def adoption(fit: WindowFit) -> dict[str, str | None]:
    """Why scenarios would not take each forward estimate (None: they take it). Not one at a
    bound of its range (the data then say the stated range, or the model, is wrong there),
    nor one the data do not inform or cannot separate from the others (e.g. fewer
    observations than parameters): those keep the profile's value."""
    report = fit.identifiability["parameters"]
    reasons = {}
    for q in fit.window.parameters:
        if q.name in fit.estimate.at_bound:
            reasons[q.name] = "estimate at a bound of its range"
        elif report[q.name]["verdict"] == "not identified":
            reasons[q.name] = "no observation depends on it"
        elif not report[q.name]["separable"]:
            reasons[q.name] = "the data fix only a combination of it with other parameters"
        else:
            reasons[q.name] = None
    return reasons


def scenario_defaults(region: Region, fit: WindowFit) -> dict:
    """The forward estimates as region defaults of the keys they set (read by sim.inputs.region);
    a key none of whose estimates is taken is left out (the profile's value stands)."""
    values = dict(zip([q.name for q in fit.window.parameters], fit.estimate.values))
    reasons = adoption(fit)
    defaults = {}
    years = (BASE_YEAR, BASE_YEAR + 1)
    names = [f"net_migration_{year}" for year in years]
    if any(reasons[n] is None for n in names):
        profile = fit.window.base_series[MIGRATION_KEY]
        table, kept = {}, []
        for year, name in zip(years, names):
            if reasons[name] is None:
                table[year] = round(float(values[name]), 0)
            else:
                table[year] = float(profile.values(np.array([year]))[0])
                kept.append(f"{name}: profile value kept ({reasons[name]})")
        defaults[MIGRATION_KEY] = {
            "value": {"table": table},
            "method": "; ".join(["net_migration_2020 and net_migration_2021 of the forward "
                                 "fit, the 2021 value held after", *kept])}
    if reasons["tfr_scale"] is None:
        scale = float(values["tfr_scale"])
        defaults[TFR_KEY] = {
            "value": scaled(fit.window.base_series[TFR_KEY], scale).to_yaml_value(),
            "method": f"the profile's path x tfr_scale {scale:.4f} of the forward fit"}
    return defaults


# ---------------------------------------------------------------------------------------------
# The command

def calibrate(region_name: str, seed: int = 0, starts: int = 3, progress=None,
              calibration_dir: Path | None = None, charts: bool = True) -> dict:
    """Fit both windows, write calibration/<region>/fit.yaml (and fit charts); return the
    record. The record's `accepted` says whether the acceptance rule holds."""
    from sim.inputs.region import load_region

    root = Path(calibration_dir) if calibration_dir else CALIBRATION_DIR
    region = load_region(region_name, root, use_fit=False)
    folder = root / region.name
    history = read_history(region.name, root)
    fits = []
    for make in (lambda: backcast_window(region, history, folder),
                 lambda: forward_window(region, history)):
        window = make()
        if progress:
            progress(f"{region.name}: {window.name} window {window.start}-{window.end}, "
                     f"{len(window.parameters)} parameters, "
                     f"{len(window.observations.of_role('fit'))} observations to fit")
        fits.append(calibrate_window(region, window, seed, starts, progress))
    record = fit_record(region, fits, seed, starts, folder)
    write_fit(folder, record, fits, charts and region.name_en, progress)
    return record


def write_fit(folder: Path, record: dict, fits: list[WindowFit], charts: str | bool,
              progress=None) -> None:
    """fit.yaml and (when `charts` names the region for their titles) the charts, each
    replaced whole (written beside, then renamed)."""
    import os
    import shutil
    import tempfile

    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
    tmp = folder / f".{FIT_FILE}.tmp"
    tmp.write_text("# Written by `python -m sim calibrate`; do not edit by hand.\n" + text,
                   encoding="utf-8")
    if charts:
        from sim.reports.fitcharts import draw_fit_charts

        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".fit-charts-"))
        try:
            draw_fit_charts(fits, staging, str(charts))
            target = folder / FIT_CHART_DIR
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            tmp.unlink(missing_ok=True)
            raise
    os.replace(tmp, folder / FIT_FILE)
    if progress:
        progress(f"wrote {folder / FIT_FILE}" + (f" and {folder / FIT_CHART_DIR}/" if charts else ""))


def format_record(record: dict) -> str:
    lines = [f"{record['region']}: calibration {'passed' if record['passed'] else 'NOT passed'}"
             f" ({record['acceptance_rule']})"]
    for name, window in record["windows"].items():
        lines.append(f"\n[{name}] {window['description']}")
        check = {True: "passed", False: "NOT passed",
                 None: "not possible (no held-out observation)"}[window["validated"]]
        lines.append(f"  fit {'accepted' if window['accepted'] else 'NOT accepted'}; "
                     f"out-of-sample check {check}; {window['model_runs']} model runs, "
                     f"{window['seconds']} s")
        lines.append(f"  {'parameter':<30} {'estimate':>14} {'bounds':>27}  identification")
        for pname, p in window["parameters"].items():
            bound = " (at bound)" if p["at_bound"] else ""
            lines.append(f"  {pname:<30} {p['estimate']:>14.6g} "
                         f"[{p['low']:>11.6g}, {p['high']:>11.6g}]  {p['verdict']}{bound}")
        lines.append(f"  {'series':<34} {'n':>3} {'MAPE':>7} {'U_M':>5} {'U_S':>5} {'U_C':>5}")
        for label, s in window["series"].items():
            lines.append(f"  {label:<34} {s['n']:>3} {s['mape']:>7.2%} {s['u_m']:>5.2f} "
                         f"{s['u_s']:>5.2f} {s['u_c']:>5.2f}")
    return "\n".join(lines)
