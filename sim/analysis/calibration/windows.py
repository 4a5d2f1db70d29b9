"""Calibration windows: the periods fitted, their parameters, and the observations each is
fitted to (sim.analysis.calibration; `python -m sim calibrate REGION`).

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
population). Health-sector parameters: where a region's published health counts go back
before 2020 (China), the health window (sim.analysis.calibration.health_window) fits the
decade's supply paces to them, a test of the structure whose paces the region's scenarios then
continue from 2020 when it is accepted; no city published a yearly health
series before 2022 (history_missing.csv), so for cities fit.yaml lists them as not identified
by data.

Weights: each observation's standard error is assumed to be a share of its value, by kind of
series and by the source's confidence (`SIGMA_SHARE`, `CONFIDENCE_FACTOR`; assumptions,
stated in fit.yaml). The acceptance rule is in sim.analysis.calibration.runner, which
estimates are adopted in sim.analysis.calibration.record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from sim.analysis.calibration.estimate import Parameter
from sim.core.errors import MISSING, InputError, SimError
from sim.core.paths import BACKCAST_FILE, PROFILE_FILE
from sim.inputs.backcast import Backcast, load_backcast
from sim.inputs.history import load_history
from sim.inputs.keys import BASE_YEAR, FORWARD_FITTED_KEYS
from sim.inputs.region import Region
from sim.inputs.timeseries import Series
from sim.model.parameters import LIFE_EXPECTANCY_KEY

#: Assumed standard error of an observation of a high-confidence source, as a share of its
#: value, by series (assumptions, range half to double): resident totals are census counts or
#: estimates benchmarked to them (0.5%); age shares and crude rates come from the yearly
#: 1-per-mille sample survey, whose few thousand births or deaths in a city of millions
#: leave a sampling error of several percent on a crude rate.
SIGMA_SHARE = {"resident_population": 0.005, "share": 0.01, "rate": 0.05}
#: Multiplier of that error by the source's confidence (reprints and derived values carry
#: transcription and method error too).
CONFIDENCE_FACTOR = {"high": 1.0, "medium": 1.5, "low": 3.0, "derived": 2.0}
MIGRATION_KEY, TFR_KEY = FORWARD_FITTED_KEYS   # the keys whose defaults a forward fit may set
#: Forward window: fitted to observations up to the end of 2022 (the last year every region
#: published a total when this was written); run to 2025 so 2023-24 serve as a check.
FORWARD_FIT_UNTIL = pd.Timestamp("2022-12-31")
FORWARD_END = 2025

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
    return load_history(region, calibration_dir).frame()


def model_time(dates) -> np.ndarray:
    """Model time of each date: model year Y runs from 1 Nov of Y (the census day) to 1 Nov
    of Y + 1, so 2020-11-01 is 2020.0 and 2021-07-01 is 2020 + 242/365."""
    stamps = pd.to_datetime(pd.Series(dates))
    year = stamps.dt.year - (stamps.dt.month < 11).astype(int)
    start = pd.to_datetime(year.astype(str) + "-11-01")
    end = pd.to_datetime((year + 1).astype(str) + "-11-01")
    return (year + (stamps - start).dt.days / (end - start).dt.days).to_numpy(dtype=float)


#: What an observable is: its kind ("stock" or "flow") and the function of the Dataset giving
#: its simulated yearly values.
Observable = tuple[str, Callable[[xr.Dataset], xr.DataArray]]


def simulated_at(ds: xr.Dataset, series: str, times: np.ndarray,
                 observable: dict[str, Observable] | None = None) -> np.ndarray:
    """Simulated values of an observed series at model times, for every sample: (k, n).

    Stocks are the state on 1 Nov of each model year; a flow's yearly value covers the model
    year [t, t+1) and is placed at its middle, t + 0.5. Between those points the values are
    interpolated linearly. `observable`: the window's (default: the population sector's)."""
    kind, value = (observable or OBSERVABLE)[series]
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
                        role: Callable[[pd.Series], str | None], last_flow_year: float,
                        observable: dict[str, Observable] | None = None,
                        basis: str = "resident") -> Observations:
    """Rows of `basis` (resident: the population sector's; city: the health counts of the
    region's institutions) of observable series inside (start, end], with a role each.
    `observable`: the window's series (default: the population sector's)."""
    observable = observable or OBSERVABLE
    excluded: dict[str, str] = {}
    rows = history[history["value"].notna()].copy()
    rows["time"] = model_time(rows["date"])
    other_basis = rows[rows["basis"] != basis]
    if len(other_basis):
        excluded["hukou, district and other bases"] = (
            f"{len(other_basis)} rows: they count another population than the model's "
            "residents" if basis == "resident" else
            f"{len(other_basis)} rows: they count another scope than the window's ({basis})")
    rows = rows[rows["basis"] == basis]
    unknown = rows[~rows["series"].isin(list(observable))]
    if len(unknown):
        excluded[f"series the {'population sector' if basis == 'resident' else 'window'} "
                 "does not simulate"] = ", ".join(
            sorted(unknown["series"].unique()))
    rows = rows[rows["series"].isin(list(observable))]
    flow = rows["series"].map(lambda s: observable[s][0] == "flow")
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
    #: the series it simulates (default: the population sector's) and the model outputs they need
    observable: dict[str, Observable] = field(default_factory=lambda: dict(OBSERVABLE))
    outputs: list[str] = field(default_factory=lambda: list(OUTPUTS))
    #: model constants set per parameter set: (k, p) -> model variable -> (k, *shape); None: none
    constants: Callable[[np.ndarray], dict[str, np.ndarray]] | None = None

    @property
    def years(self) -> np.ndarray:
        return np.arange(self.start, self.end + 1)


def _path(backcast: Backcast, key: str, name: str) -> Series:
    """`low_path` or `high_path` of backcast input `key`: optional in the file, needed for the
    bounds of the window's parameter."""
    series = getattr(backcast.inputs[key], name)
    if series is None:
        raise InputError(backcast.path / BACKCAST_FILE, f"inputs.{key}.{name}", MISSING,
                         "a series (the calibration's bound for this input)",
                         "required key is missing")
    return series


def _range(region: Region, key: str) -> tuple[float, float]:
    """The plausible range low..high the profile states for default `key` (the bounds of the
    forward window's parameter)."""
    low, high = region.provenance[key].low, region.provenance[key].high
    if low is None or high is None:
        raise InputError(region.path / PROFILE_FILE, f"defaults.{key}.low", MISSING,
                         "assumption: true with low: and high: (the calibration's bounds for "
                         "this key)", "no plausible range to fit within")
    return low, high


#: The forward window's parameters, in the order of `forward_paths`' columns.
FORWARD_PARAMETERS = (f"net_migration_{BASE_YEAR}", f"net_migration_{BASE_YEAR + 1}", "tfr_scale")


def forward_paths(tfr_path: np.ndarray, x: np.ndarray, years: np.ndarray
                  ) -> dict[str, np.ndarray]:
    """Paths (k, years) of the fitted keys for forward-window parameter sets x (k, 3): net
    migration x[:, 0] in model year 2020 and x[:, 1] from 2021 on (held after); the TFR the
    profile's path `tfr_path` (over `years`) times x[:, 2]. The fit's scenario defaults
    (sim.analysis.calibration.record) and the posterior draws of `sim uncertainty` are these
    paths."""
    held = np.where(years[None] <= BASE_YEAR, x[:, :1], x[:, 1:2])
    return {MIGRATION_KEY: held, TFR_KEY: x[:, 2:3] * tfr_path[None]}


def _distribution(region: Region, key: str) -> str:
    """The distribution the profile declares for `key` (the prior of a posterior sample;
    uniform where none is declared)."""
    declared = region.provenance[key].distribution
    return declared if declared in ("uniform", "triangular") else "uniform"


def backcast_window(region: Region, history: pd.DataFrame, folder: Path) -> Window:
    backcast = load_backcast(region.name, folder.parent)
    inputs = backcast.inputs
    years = np.arange(backcast.years[0], backcast.years[1] + 1)
    base = dict(region.defaults)
    base.update({key: q.series for key, q in inputs.items()})
    tfr, e0 = inputs[TFR_KEY], inputs[LIFE_EXPECTANCY_KEY]
    guess_tfr = tfr.series.values(years)
    tfr_low = float(np.min(_path(backcast, TFR_KEY, "low_path").values(years) / guess_tfr))
    tfr_high = float(np.max(_path(backcast, TFR_KEY, "high_path").values(years) / guess_tfr))
    e0_guess = e0.series.values(years)
    e0_low = float(np.min(_path(backcast, LIFE_EXPECTANCY_KEY, "low_path").values(years)
                          - e0_guess))
    e0_high = float(np.max(_path(backcast, LIFE_EXPECTANCY_KEY, "high_path").values(years)
                           - e0_guess))
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
            "their level is on another footing (module docstring of "
            "sim.analysis.calibration.windows)")
    return Window("backcast", int(years[0]), int(years[-1]), parameters, paths, base,
                  backcast.population_2010, observations,
                  f"2010 census structure -> 2020 census ({folder.name}/population_2010.csv; "
                  "inputs backcast_2010.yaml)", notes=[backcast.note_timing])


def forward_window(region: Region, history: pd.DataFrame) -> Window:
    years = np.arange(BASE_YEAR, FORWARD_END + 1)
    base = dict(region.defaults)   # the profile's own (loaded without fit.yaml)
    migration, tfr = base[MIGRATION_KEY], base[TFR_KEY]
    (m_low, m_high), (t_low, t_high) = _range(region, MIGRATION_KEY), _range(region, TFR_KEY)
    m = migration.values(np.array([BASE_YEAR, BASE_YEAR + 1]))
    tfr_path = tfr.values(years)
    tfr_start = float(tfr_path[0])
    parameters = [
        Parameter(f"net_migration_{BASE_YEAR + i}", float(m[i]), m_low, m_high,
                  "person/year", f"net migrants in model year {BASE_YEAR + i} "
                  f"(1 Nov {BASE_YEAR + i} - 31 Oct {BASE_YEAR + i + 1}); held after",
                  f"profile.yaml defaults.{MIGRATION_KEY} (value, low, high)",
                  _distribution(region, MIGRATION_KEY))
        for i in range(2)
    ] + [Parameter("tfr_scale", 1.0, t_low / tfr_start, t_high / tfr_start, "1",
                   "multiplier of the profile's TFR path",
                   f"profile.yaml defaults.{TFR_KEY} (low, high relative to the 2020 value)",
                   _distribution(region, TFR_KEY))]

    def paths(x: np.ndarray) -> dict[str, np.ndarray]:
        return forward_paths(tfr_path, x, years)

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
