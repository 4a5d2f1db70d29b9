"""What would it take: the smallest change of a lever that reaches a target by its deadline.

The lever keeps the scenario's own path (its baseline) before the start year `start` (default:
the scenario's first year) and is held at one constant setting from then on, so years that have
happened are not rewritten (`--from 2024` for a mid-term review). The search starts from the
baseline setting, never from the bottom of the lever's range, so an existing lever (e.g. 140 GP
training places a year) is never set to 0 unless lowering it is what reaches the target:

1. the baseline (one run): if it reaches the target, nothing needs to change;
2. the lever's top: if that reaches it, scipy's brentq finds the smallest increase;
3. else, if the baseline is above the lever's bottom and the bottom reaches it (a lever that
   works the other way), brentq finds the smallest decrease;
4. else no setting in range reaches it.

With several levers, scipy's COBYLA minimises the weighted cost of the increases (each scaled to
its range) subject to a non-negative margin. Identical settings are run once per search (cached).
A target whose verdict an input sets (sim.analysis.verdicts.set_by_input) is refused: no lever
moves it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sim.analysis.targets import Target, load_targets
from sim.analysis.verdicts import indicator_path, judge, set_by_input
from sim.core.errors import InputError, one_of
from sim.inputs.keys import KEYS, keys_of_kind
from sim.inputs.region import load_region
from sim.inputs.scenario import effective_series, load_scenario
from sim.inputs.timeseries import Series
from sim.model.parameters import build_inputs
from sim.runs.simulate import model_runner

#: What a search found (ReachResult.outcome).
OUTCOMES = ("already_reached", "increase", "decrease", "unreachable")


@dataclass(frozen=True)
class FromYear:
    """A lever's path: its baseline `base` before `start`, `value` from `start` on."""
    base: Series          # the lever's effective series in the scenario
    start: int
    value: float

    def values(self, years) -> np.ndarray:
        years = np.asarray(years)
        return np.where(years >= self.start, float(self.value),
                        np.asarray(self.base.values(years), dtype=float))


@dataclass
class Search:
    """Runs the model with some levers held constant from `start` and judges one target."""
    scenario_path: str
    target_id: str
    progress: Callable[[str], object] | None = None
    which: str = "batch"          # model engine: "batch" (default) or "pysd"
    start: int | None = None      # first year of the change (default: the scenario's first)
    runs: int = 0
    history: list = field(default_factory=list)
    cache: dict = field(default_factory=dict)

    def __post_init__(self):
        self.scenario = load_scenario(self.scenario_path)
        self.region = load_region(self.scenario.region)
        self.series = effective_series(self.scenario, self.region)
        targets = {t.id: t for t in load_targets(self.scenario.region)}
        if self.target_id not in targets:
            raise InputError(None, "--target", self.target_id, one_of(targets),
                             f"no such target for {self.scenario.region}")
        self.target = targets[self.target_id]
        reason = set_by_input(self.target, base_year=self.scenario.start)
        if reason:
            raise InputError(None, "--target", self.target_id, "a target the model projects",
                             f"set by input, not projected ({reason}): no lever changes it")
        if not self.scenario.start < self.target.deadline <= self.scenario.end:
            raise InputError(None, "--target", self.target_id,
                             f"a target whose deadline lies in {self.scenario.start + 1}-"
                             f"{self.scenario.end}", "deadline outside the scenario's years")
        if self.start is None:
            self.start = self.scenario.start
        if not self.scenario.start <= self.start <= self.target.deadline:
            raise InputError(None, "--from", self.start,
                             f"a year from {self.scenario.start} to the target's deadline "
                             f"{self.target.deadline}", "the change would start outside that")
        baseline = self.margin({})
        self.baseline_margin = baseline
        self.baseline_value = self.history[-1][3]

    def base_setting(self, key: str) -> float:
        """The lever's baseline value in the start year (what the search changes)."""
        return float(self.series[key].values(np.array([self.start]))[0])

    def margin(self, settings: dict[str, float]) -> float:
        """The target's margin at its deadline with the levers held at `settings` from `start`
        (an identical setting is run once)."""
        key = tuple(sorted((k, float(v)) for k, v in settings.items()))
        if key not in self.cache:
            series: dict[str, object] = dict(self.series)
            for name, value in settings.items():
                series[name] = FromYear(self.series[name], int(self.start or 0), float(value))
            inputs = build_inputs(self.region, series, self.scenario.start, self.scenario.end)
            ds = model_runner(self.which)(inputs.constants, inputs.series, inputs.start,
                                          inputs.end)
            verdict = judge(ds["time"].to_numpy(), indicator_path(ds, self.target), self.target)
            self.runs += 1
            self.cache[key] = (verdict.margin, bool(verdict.reached), verdict.value_at_deadline)
            if self.progress:
                shown = ", ".join(f"{k} = {v:.6g}" for k, v in settings.items()) or "baseline"
                self.progress(f"run {self.runs}: {shown} -> margin {verdict.margin:+.4g}")
        margin, reached, value = self.cache[key]
        self.history.append((dict(settings), margin, reached, value))
        return margin

    def reached(self, settings: dict[str, float]) -> bool:
        self.margin(settings)
        return bool(self.history[-1][2])


@dataclass(frozen=True)
class ReachResult:
    target_id: str
    levers: tuple[str, ...]
    setting: dict | None         # None when no setting in range reaches the target
    margin: float                # at the setting found, or the best margin seen
    runs: int
    message: str
    outcome: str = "increase"                                 # one of OUTCOMES
    start: int | None = None                                  # first year of the change
    baseline: dict = field(default_factory=dict)              # each lever's baseline setting
    baseline_margin: float | None = None                      # the target's, at the baseline
    baseline_value: float | None = None                       # its value at the deadline
    value: float | None = None                                # its value at the setting found
    target: Target | None = None


def check_lever(key: str) -> None:
    if key not in KEYS or KEYS[key].kind != "lever":
        raise InputError(None, "--lever", key, one_of(keys_of_kind("lever")), "not a lever")


def _result(search: Search, levers: tuple[str, ...], setting: dict | None, outcome: str,
            message: str, entry=None) -> ReachResult:
    """The result, with the baseline and the run at `setting` (or `entry` of the history)."""
    if entry is None:
        entry = search.history[-1] if setting is None else next(
            h for h in reversed(search.history) if h[0] == setting)
    return ReachResult(search.target_id, levers, setting, entry[1], search.runs, message,
                       outcome, search.start, {k: search.base_setting(k) for k in levers},
                       search.baseline_margin, search.baseline_value, entry[3], search.target)


def reach_one(scenario_path: str, target_id: str, lever: str, progress=None,
              rtol: float = 1e-6, which: str = "batch", start: int | None = None
              ) -> ReachResult:
    """The smallest change of `lever` from its baseline, held from `start` on, that reaches the
    target (see the module's docstring)."""
    from scipy.optimize import brentq  # heavy: scipy.optimize, only for a search

    check_lever(lever)
    spec = KEYS[lever]
    search = Search(scenario_path, target_id, progress, which=which, start=start)
    base = min(max(search.base_setting(lever), spec.low), spec.high)
    levers = (lever,)
    if search.history[0][2]:
        return _result(search, levers, {lever: base}, "already_reached",
                       f"reached at the baseline setting ({base:.6g} {spec.unit}): no change "
                       "needed", search.history[0])

    def margin(x):
        return search.margin({lever: x})

    tol = rtol * (spec.high - spec.low)
    for end, outcome, step in ((spec.high, "increase", tol), (spec.low, "decrease", -tol)):
        if end == base or not search.reached({lever: end}):
            continue
        setting = brentq(margin, min(base, end), max(base, end), xtol=tol)
        while not search.reached({lever: setting}):  # a strict comparison needs a hair more
            setting = min(spec.high, max(spec.low, setting + step))
        word = "smallest increase" if outcome == "increase" else "smallest decrease"
        return _result(search, levers, {lever: setting}, outcome,
                       f"{word}: from {base:.6g} to {setting:.6g} {spec.unit}")
    best = max(h[1] for h in search.history)
    entry = max(search.history, key=lambda h: h[1])
    return _result(search, levers, None, "unreachable",
                   f"no setting of {lever} from {spec.low:g} to {spec.high:g} {spec.unit} "
                   f"reaches it; best margin {best:+.4g}", entry)


def reach_joint(scenario_path: str, target_id: str, weights: dict[str, float], progress=None,
                max_runs: int = 80, which: str = "batch", start: int | None = None
                ) -> ReachResult:
    """The cheapest increases of several levers from their baselines (cost = Σ weight ×
    increase, each scaled to the lever's range) that reach the target, by COBYLA."""
    from scipy.optimize import minimize  # heavy: scipy.optimize, only for a search

    for key in weights:
        check_lever(key)
    keys = tuple(weights)
    search = Search(scenario_path, target_id, progress, which=which, start=start)
    high = np.array([KEYS[k].high for k in keys])
    low = np.array([min(max(search.base_setting(k), KEYS[k].low), KEYS[k].high) for k in keys])
    span = np.array([KEYS[k].high - KEYS[k].low for k in keys])
    w = np.array([weights[k] for k in keys], dtype=float)
    base = {k: float(v) for k, v in zip(keys, low)}
    if search.history[0][2]:
        return _result(search, keys, base, "already_reached",
                       "reached at the baseline settings: no change needed", search.history[0])

    def settings(z):
        return {k: float(v) for k, v in zip(keys, low + np.clip(z, 0, 1) * (high - low))}

    if not search.reached(settings(np.ones(len(keys)))):
        return _result(search, keys, None, "unreachable",
                       "not reached even with every lever at its highest setting")
    result = minimize(lambda z: float(w @ (np.clip(z, 0, 1) * (high - low) / span)),
                      x0=np.ones(len(keys)), method="COBYLA",
                      options={"maxiter": max_runs, "rhobeg": 0.25},
                      constraints=[{"type": "ineq", "fun": lambda z: search.margin(settings(z))},
                                   {"type": "ineq", "fun": lambda z: z},
                                   {"type": "ineq", "fun": lambda z: 1 - z}])
    search.margin(settings(result.x))

    def cost(entry):
        return float(w @ ((np.array([entry[0].get(k, base[k]) for k in keys]) - low) / span))

    best = min((h for h in search.history if h[2] and h[0]), key=cost)  # cheapest that reached
    return _result(search, keys, best[0], "increase",
                   "cheapest settings found: " + ", ".join(f"{k} = {v:.6g}"
                                                           for k, v in best[0].items()), best)
