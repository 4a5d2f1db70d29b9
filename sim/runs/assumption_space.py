"""The uncertain inputs of a scenario, drawn within their stated ranges and run many times.

**What is uncertain.** Every input of the region profile marked ``assumption: true`` that the
model reads and the scenario file does not set itself:

- scenario keys of kind ``assumption`` (`sim.inputs.keys`) under ``defaults:`` (fertility, life
  expectancy, migration, prevalence, length of stay, attrition …). Levers are *not* sampled,
  even where their default is marked assumption: a lever is what the plan decides, and the
  analysis asks how likely targets are *given* the plan (EMA Workbench's uncertainties vs
  levers);
- ``health_2020:`` entries the model starts from (beds by type, doctors, GPs, nurses, cascade
  shares, contracting, infant care), as ``health_2020.<entry>``. The profile's
  ``elderly_managed_share`` and ``occupancy_hospital`` are not model inputs (they calibrate
  other defaults, which carry their own ranges) and are left out;
- ``hukou_population_2020``, the denominator of GPs per 10,000.

Keys the scenario file sets are held fixed: the scenario asserts them (`held_fixed`).

**Distribution.** Each quantity's profile entry declares ``distribution: uniform`` or
``triangular`` (mode = the profile value) over ``low..high``; `Assumption.ppf` maps quantiles
to values. Two profile rules bind pairs of health figures (managed share ≤ aware share; GPs ≤
doctors). A dependent figure is drawn from its declared distribution *truncated* at the value
drawn for the figure it may not exceed: quantile u becomes ppf(u · cdf(cap)). That is the
distribution conditional on the rule holding (what rejecting and redrawing would give), found
without redraws, so one quantile always gives one value (`values_from_quantiles`).

sim.runs.sampled turns drawn values into model inputs and runs them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.core.errors import InputError, SimError
from sim.core.paths import PROFILE_FILE
from sim.inputs.keys import KEYS
from sim.inputs.profile_schema import HEALTH_2020_NOT_ABOVE
from sim.inputs.region import Provenance, Region
from sim.inputs.scenario import Scenario, effective_series
from sim.inputs.timeseries import Series

__all__ = ["Assumption", "assumption_space", "held_fixed", "values_from_quantiles", "draw",
           "DISTRIBUTIONS", "HEALTH_PREFIX", "HUKOU_KEY", "HEALTH_LABELS", "NOT_ABOVE"]

DISTRIBUTIONS = ("uniform", "triangular")
HEALTH_PREFIX = "health_2020."
HUKOU_KEY = "hukou_population_2020"

#: health_2020 entries the model reads (sim.model.parameters), with labels for tables and charts.
HEALTH_LABELS: dict[str, tuple[str, str]] = {
    "beds_hospital_general": ("Hospital general beds, 2020", "2020年医院普通床位"),
    "beds_hospital_tcm": ("Hospital TCM beds, 2020", "2020年中医类医院床位"),
    "beds_hospital_rehabilitation": ("Hospital rehabilitation beds, 2020", "2020年康复床位"),
    "beds_primary_general": ("Primary-care general beds, 2020", "2020年基层普通床位"),
    "beds_primary_nursing": ("Primary-care nursing beds, 2020", "2020年基层护理床位"),
    "beds_nursing_home": ("Nursing-home beds, 2020", "2020年护理院床位"),
    "beds_other": ("Other institutions' beds, 2020", "2020年其他医疗卫生机构床位"),
    "doctors": ("Practising doctors, 2020", "2020年执业(助理)医师"),
    "gps": ("GPs, 2020", "2020年全科医生"),
    "nurses": ("Registered nurses, 2020", "2020年注册护士"),
    "hypertension_aware_share": ("Hypertension awareness, 2020", "2020年高血压知晓率"),
    "hypertension_managed_share": ("Hypertension under management, 2020", "2020年高血压管理率"),
    "hypertension_standardized_of_managed": ("Hypertension standardized of managed, 2020",
                                             "2020年高血压规范管理率"),
    "diabetes_aware_share": ("Diabetes awareness, 2020", "2020年糖尿病知晓率"),
    "diabetes_managed_share": ("Diabetes under management, 2020", "2020年糖尿病管理率"),
    "diabetes_standardized_of_managed": ("Diabetes standardized of managed, 2020",
                                         "2020年糖尿病规范管理率"),
    "contracted_share": ("Family-doctor contracting, 2020", "2020年家庭医生签约率"),
    "key_group_contracted_share": ("Key-group contracting, 2020", "2020年重点人群签约率"),
    "infant_care_places": ("Infant-care places, 2020", "2020年托位数"),
    "growth_stations": ("Growth stations, 2020", "2020年成长驿站"),
}
# (The same entries as sim.model.parameters feeds to the model: tests/runs/test_assumptions.py
# checks.)

#: Profile rules between figures, as sampled keys: the first may not exceed the second (the
#: profile's own rules, sim.inputs.profile_schema.HEALTH_2020_NOT_ABOVE, checked when it loads).
NOT_ABOVE = {f"{HEALTH_PREFIX}{figure}": f"{HEALTH_PREFIX}{rule.limit}"
             for figure, rule in HEALTH_2020_NOT_ABOVE.items()}


@dataclass(frozen=True)
class Assumption:
    """One uncertain input: its range, distribution and (for a series) its default path.

    key: scenario key (``population.tfr``), ``health_2020.<entry>`` or ``hukou_population_2020``.
    central: the value the range describes (a series' end value), in `unit`.
    """

    key: str
    label_en: str
    label_zh: str
    unit: str
    central: float
    low: float
    high: float
    distribution: str
    series: Series | None = None   # the default series of a scenario key; None for a constant

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Quantiles in [0, 1] -> values in [low, high]."""
        u = np.asarray(u, dtype=float)
        if np.any(~np.isfinite(u)) or np.any((u < 0) | (u > 1)):
            raise SimError(f"{self.key}: quantiles must lie in [0, 1]")
        low, high, width = self.low, self.high, self.high - self.low
        if width == 0:
            return np.full(u.shape, low)
        if self.distribution == "uniform":
            return np.minimum(high, low + u * width)
        c = (self.central - low) / width   # mode position, 0..1
        rising = low + np.sqrt(u * width * (self.central - low))
        falling = high - np.sqrt((1.0 - u) * width * (high - self.central))
        return np.where(u < c, rising, falling)

    def cdf(self, x: np.ndarray) -> np.ndarray:
        """Values -> quantiles (the inverse of `ppf`); 0 below low, 1 above high."""
        x = np.asarray(x, dtype=float)
        low, high, mode, width = self.low, self.high, self.central, self.high - self.low
        if width == 0:
            return (x >= low).astype(float)
        if self.distribution == "uniform":
            return np.clip((x - low) / width, 0.0, 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            rising = (x - low) ** 2 / (width * (mode - low))
            falling = 1.0 - (high - x) ** 2 / (width * (high - mode))
        out = np.where(x <= mode, rising, falling)
        return np.where(x <= low, 0.0, np.where(x >= high, 1.0, out))

    def to_dict(self) -> dict:
        """Plain mapping for provenance records."""
        return {"key": self.key, "unit": self.unit, "central": self.central, "low": self.low,
                "high": self.high, "distribution": self.distribution}


def _range(prov: Provenance) -> tuple[float, float]:
    """low, high of an assumption: the profile loader requires both with assumption: true."""
    assert prov.low is not None and prov.high is not None
    return float(prov.low), float(prov.high)


def _check_distribution(region: Region, key: str, where: str, prov) -> str:
    if prov.distribution not in DISTRIBUTIONS:
        raise InputError(region.path / PROFILE_FILE, f"{where}.distribution", prov.distribution,
                         "uniform or triangular (needed to sample this assumption; set it in the "
                         "region's tables/inputs.csv and run python -m sim region build, or for "
                         "china in calibration/build/ and run python -m "
                         "calibration.build.profiles)",
                         "no distribution declared")
    return prov.distribution


def assumption_space(scenario: Scenario, region: Region) -> list[Assumption]:
    """The scenario's uncertain inputs (see the module docstring), sorted by key.

    Raises `InputError` when one of them declares no distribution in the profile.
    """
    effective_series(scenario, region)  # checks the region is the scenario's
    space: list[Assumption] = []
    for key, prov in region.provenance.items():
        spec = KEYS[key]
        if spec.kind != "assumption" or not prov.assumption or key in scenario.values:
            continue
        series = region.defaults[key]
        end_value = series.value_items()[-1][1]
        space.append(Assumption(key, spec.label_en, spec.label_zh, spec.unit, float(end_value),
                                *_range(prov),
                                _check_distribution(region, key, f"defaults.{key}", prov),
                                series))
    for entry, (label_en, label_zh) in HEALTH_LABELS.items():
        prov = region.health_provenance[entry]
        if prov.assumption:
            key = HEALTH_PREFIX + entry
            space.append(Assumption(key, label_en, label_zh, prov.unit,
                                    float(region.health_2020[entry]), *_range(prov),
                                    _check_distribution(region, key, key, prov)))
    hukou = region.census_provenance.get(HUKOU_KEY)
    if hukou is not None and hukou.assumption:
        space.append(Assumption(HUKOU_KEY, "Hukou population, 2020", "2020年户籍人口", hukou.unit,
                                float(region.hukou_population_2020), *_range(hukou),
                                _check_distribution(region, HUKOU_KEY, HUKOU_KEY, hukou)))
    return sorted(space, key=lambda a: a.key)


def held_fixed(scenario: Scenario, region: Region) -> list[str]:
    """Assumption keys the profile marks uncertain but the scenario file sets (not sampled)."""
    return sorted(k for k in scenario.values
                  if KEYS[k].kind == "assumption" and region.provenance[k].assumption)


def values_from_quantiles(space: list[Assumption], u: np.ndarray) -> dict[str, np.ndarray]:
    """Values of each assumption for quantiles `u` (samples x len(space), columns in `space`
    order), with the profile's pair rules applied by truncation (module docstring)."""
    u = np.asarray(u, dtype=float)
    if u.ndim != 2 or u.shape[1] != len(space):
        raise SimError(f"quantiles: shape {u.shape}; allowed: (samples, {len(space)})")
    by_key = {a.key: (a, u[:, i]) for i, a in enumerate(space)}
    values: dict[str, np.ndarray] = {}
    # Parents (not constrained) first, then the figures capped by them.
    for a in sorted(space, key=lambda a: a.key in NOT_ABOVE):
        q = by_key[a.key][1]
        parent = NOT_ABOVE.get(a.key)
        if parent in by_key:  # a parent not sampled is a sourced figure: the profile checks it
            cap = values[parent]
            if np.any(cap < a.low):
                raise SimError(f"{a.key}: its low end {a.low:g} lies above the {parent} drawn "
                               f"({float(cap.min()):g}); the profile's ranges conflict")
            # ppf(cdf(cap)) can round a hair above the cap (q = 1, as Morris designs give)
            values[a.key] = np.minimum(a.ppf(q * a.cdf(cap)), cap)
            continue
        values[a.key] = a.ppf(q)
    return {a.key: values[a.key] for a in space}


def draw(space: list[Assumption], samples: int, seed: int) -> dict[str, np.ndarray]:
    """`samples` independent draws of every assumption (numpy PCG64 seeded with `seed`): the
    same seed always gives the same values, whatever the chunking or the scheduler later."""
    if not isinstance(samples, (int, np.integer)) or isinstance(samples, bool) or samples < 1:
        raise SimError(f"samples: given {samples!r}; allowed: a whole number from 1")
    rng = np.random.default_rng(seed)
    return values_from_quantiles(space, rng.random((samples, len(space))))
