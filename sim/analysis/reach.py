"""What would it take: the smallest lever setting that reaches a target by its deadline.

The lever is held at one constant setting over the whole horizon (from the base year), and the
search runs the model: first at the lever's two bounds, then scipy's brentq on the target's
margin (positive = reached) between them. With several levers, scipy's COBYLA minimises the
weighted cost of the settings subject to a non-negative margin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sim.analysis.targets import load_targets
from sim.analysis.verdicts import indicator_path, judge
from sim.core.errors import InputError, one_of
from sim.inputs.keys import KEYS, keys_of_kind
from sim.inputs.region import load_region
from sim.inputs.scenario import effective_series, load_scenario
from sim.inputs.timeseries import parse_series
from sim.model.parameters import build_inputs
from sim.runs.simulate import model_runner


@dataclass
class Search:
    """Runs the model with some levers held constant and judges one target."""
    scenario_path: str
    target_id: str
    progress: Callable[[str], object] | None = None
    which: str = "batch"          # model engine: "batch" (default) or "pysd"
    runs: int = 0
    history: list = field(default_factory=list)

    def __post_init__(self):
        self.scenario = load_scenario(self.scenario_path)
        self.region = load_region(self.scenario.region)
        self.series = effective_series(self.scenario, self.region)
        targets = {t.id: t for t in load_targets(self.scenario.region)}
        if self.target_id not in targets:
            raise InputError(None, "--target", self.target_id, one_of(targets),
                             f"no such target for {self.scenario.region}")
        self.target = targets[self.target_id]

    def margin(self, settings: dict[str, float]) -> float:
        """The target's margin at its deadline with the levers held at `settings`."""
        series = dict(self.series)
        for key, value in settings.items():
            series[key] = parse_series(float(value), "search", key)
        inputs = build_inputs(self.region, series, self.scenario.start, self.scenario.end)
        ds = model_runner(self.which)(inputs.constants, inputs.series, inputs.start, inputs.end)
        verdict = judge(ds["time"].to_numpy(), indicator_path(ds, self.target), self.target)
        self.runs += 1
        self.history.append((dict(settings), verdict.margin, verdict.reached))
        if self.progress:
            shown = ", ".join(f"{k} = {v:g}" for k, v in settings.items())
            self.progress(f"run {self.runs}: {shown} -> margin {verdict.margin:+.4g}")
        if verdict.margin is None:
            raise InputError(None, "--target", self.target_id,
                             f"a target whose deadline lies in {self.scenario.start}-"
                             f"{self.scenario.end}", "deadline outside the scenario's years")
        return verdict.margin

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


def check_lever(key: str) -> None:
    if key not in KEYS or KEYS[key].kind != "lever":
        raise InputError(None, "--lever", key, one_of(keys_of_kind("lever")), "not a lever")


def reach_one(scenario_path: str, target_id: str, lever: str, progress=None,
              rtol: float = 1e-6, which: str = "batch") -> ReachResult:
    """The smallest constant setting of `lever` within its range that reaches the target."""
    from scipy.optimize import brentq  # heavy: scipy.optimize, only for a search

    check_lever(lever)
    spec = KEYS[lever]
    search = Search(scenario_path, target_id, progress, which=which)

    def margin(x):
        return search.margin({lever: x})

    at_low, at_high = margin(spec.low), margin(spec.high)
    if search.history[0][2]:
        return ReachResult(target_id, (lever,), {lever: spec.low}, at_low, search.runs,
                           f"reached even at the lever's lowest setting ({spec.low:g} "
                           f"{spec.unit})")
    if not search.history[1][2]:
        best = max(at_low, at_high)
        return ReachResult(target_id, (lever,), None, best, search.runs,
                           f"no setting of {lever} from {spec.low:g} to {spec.high:g} "
                           f"{spec.unit} reaches it; best margin {best:+.4g}")
    root = brentq(margin, spec.low, spec.high, xtol=rtol * (spec.high - spec.low))
    setting = root
    while not search.reached({lever: setting}):  # a strict comparison needs a hair more
        setting = min(spec.high, setting + rtol * (spec.high - spec.low))
    return ReachResult(target_id, (lever,), {lever: setting}, search.history[-1][1],
                       search.runs, f"smallest constant setting: {setting:.6g} {spec.unit}")


def reach_joint(scenario_path: str, target_id: str, weights: dict[str, float], progress=None,
                max_runs: int = 80, which: str = "batch") -> ReachResult:
    """The cheapest constant settings of several levers (cost = Σ weight × setting, each setting
    scaled to its range) that reach the target, by COBYLA."""
    from scipy.optimize import minimize  # heavy: scipy.optimize, only for a search

    for key in weights:
        check_lever(key)
    keys = tuple(weights)
    low = np.array([KEYS[k].low for k in keys])
    span = np.array([KEYS[k].high - KEYS[k].low for k in keys])
    w = np.array([weights[k] for k in keys], dtype=float)
    search = Search(scenario_path, target_id, progress, which=which)

    def settings(z):
        return {k: float(v) for k, v in zip(keys, low + np.clip(z, 0, 1) * span)}

    if not search.reached(settings(np.ones(len(keys)))):
        return ReachResult(target_id, keys, None, search.history[-1][1], search.runs,
                           "not reached even with every lever at its highest setting")
    result = minimize(lambda z: float(w @ np.clip(z, 0, 1)), x0=np.ones(len(keys)),
                      method="COBYLA", options={"maxiter": max_runs, "rhobeg": 0.25},
                      constraints=[{"type": "ineq", "fun": lambda z: search.margin(settings(z))},
                                   {"type": "ineq", "fun": lambda z: z},
                                   {"type": "ineq", "fun": lambda z: 1 - z}])
    search.margin(settings(result.x))

    def cost(entry):
        return float(w @ ((np.array([entry[0][k] for k in keys]) - low) / span))

    best, margin, _ = min((h for h in search.history if h[2]), key=cost)  # cheapest that reached
    return ReachResult(target_id, keys, best, margin, search.runs,
                       "cheapest settings found: " + ", ".join(f"{k} = {v:.6g}"
                                                               for k, v in best.items()))
