"""Euler integration of a compiled model, all samples at once, as PySD integrates it.

PySD (pysd/py_backend/model.py, `_integrate`): at the initial time every stock takes its
initial value (evaluated then, from constants, series at that time and auxiliaries); at each
time t the auxiliaries and the stocks' rates are computed from the state at t, the outputs due
at t are saved, then `stock(t + dt) = stock(t) + rate(t) * dt` and `t = t + dt`. Outputs are
saved at every whole year from start to end, the end included, whatever SAVEPER is (SAVEPER
takes its .mdl value where an equation uses it).
"""

from __future__ import annotations

import numpy as np

from sim.core import interrupt
from sim.core.errors import SimError
from sim.engines.batch.inputs import Inputs
from sim.engines.batch.order import evaluation_order
from sim.engines.batch.structure import CompiledModel


def integrate(model: CompiledModel, inputs: Inputs, start: int, end: int, time_step: float,
              outputs: list[str]) -> dict[str, np.ndarray]:
    """Values of the `outputs` (variable keys) at each year: key -> (years, 1 or samples,
    *dimensions)."""
    steps, per_year = _steps(start, end, time_step)
    controls = {"initial_time": start, "final_time": end, "time_step": time_step}
    values: dict[str, np.ndarray] = dict(inputs.constants)
    values.update({k: np.array([float(v)]) for k, v in controls.items()
                   if k in model.variables})
    if "saveper" in model.variables:
        values["saveper"] = np.array([_saveper(model, values)])
    given = set(values) | set(inputs.paths)
    order = evaluation_order(model, given, set(inputs.paths))
    variables = model.variables
    # Only what the outputs depend on is evaluated (a population-only calibration run skips
    # the health sectors); filtering a dependency order keeps it one.
    needed = _needed(model, outputs, given)
    stocks = [(k, v.each_step.evaluate) for k, v in variables.items()
              if v.is_stock and k in needed]
    step = [(k, variables[k].each_step.evaluate) for k in order.step if k in needed]
    paths = [(key, path) for key, path in inputs.paths.items() if key in needed]

    saved: dict[str, list[np.ndarray]] = {key: [] for key in outputs}
    # Divisions by zero and the like give inf and nan, as in PySD's arrays; ZIDZ and IF THEN
    # ELSE discard them where the model says so.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        t = float(start)
        values["time"] = np.array([t])
        for key, path in paths:
            values[key] = path.at(t)
        for key in order.initial:
            if key not in given and key in needed:
                var = variables[key]
                values[key] = var.at_start.evaluate(values)

        for k in range(steps + 1):
            interrupt.check()  # a worker thread stops within a step of Ctrl-C
            if k % per_year == 0:
                for key in outputs:
                    saved[key].append(values[key])
            if k == steps:
                break
            rates = [(key, rate(values)) for key, rate in stocks]
            for key, rate in rates:
                values[key] = values[key] + rate * time_step
            t = t + time_step
            values["time"] = np.array([t])
            for key, path in paths:
                values[key] = path.at(t)
            for key, evaluate in step:
                values[key] = evaluate(values)
    return {key: _stacked(arrays) for key, arrays in saved.items()}


def _needed(model: CompiledModel, outputs: list[str], given: set[str]) -> set[str]:
    """The outputs and every variable they read, directly or through others, at the initial
    time or at a step (a stock's initial value and rate both count)."""
    variables = model.variables
    needed: set[str] = set()
    todo = [key for key in outputs if key in variables]
    while todo:
        key = todo.pop()
        if key in needed:
            continue
        needed.add(key)
        if key in given:
            continue
        var = variables[key]
        reads = set(var.at_start.reads) | set(var.each_step.reads)
        todo.extend(k for k in reads if k in variables and k not in needed)
    return needed


def _steps(start: int, end: int, time_step: float) -> tuple[int, int]:
    """Number of Euler steps, and steps per year (outputs are yearly)."""
    if not time_step > 0:
        raise SimError(f"time step: given {time_step}; allowed: a positive number")
    if end < start:
        raise SimError(f"end {end} is before start {start}")
    per_year = round(1 / time_step)
    if per_year < 1 or abs(per_year * time_step - 1) > 1e-9:
        raise SimError(f"time step: given {time_step}; allowed: 1 divided by a whole number "
                       "(outputs are saved every year)")
    return (end - start) * per_year, per_year


def _saveper(model: CompiledModel, values: dict[str, np.ndarray]) -> float:
    """SAVEPER's value in equations: the .mdl's, from this run's other control values
    (`SAVEPER = TIME STEP` follows the run's time step). Outputs are saved every year
    whatever SAVEPER is."""
    node = model.variables["saveper"].value
    if node is None or node.uses_time or not node.reads <= set(values) & {
            "initial_time", "final_time", "time_step"}:
        raise SimError(f"{model.source}: SAVEPER: {model.not_constant('saveper')}")
    return float(np.asarray(node.evaluate(values)).ravel()[0])


def _stacked(arrays: list[np.ndarray]) -> np.ndarray:
    samples = max(a.shape[0] for a in arrays)
    out = np.empty((len(arrays), samples, *arrays[0].shape[1:]))
    for i, a in enumerate(arrays):
        out[i] = a
    return out

