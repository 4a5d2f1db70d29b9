"""Euler integration of a compiled model, all samples at once, as PySD integrates it.

PySD (pysd/py_backend/model.py, `_integrate`): at the initial time every stock takes its
initial value (evaluated then, from constants, series at that time and auxiliaries); at each
time t the auxiliaries and the stocks' rates are computed from the state at t, the outputs due
at t are saved, then `stock(t + dt) = stock(t) + rate(t) * dt` and `t = t + dt`.

Outputs are saved every `saveper` from the start, as PySD saves them (pysd/py_backend/
components.py, `Time.in_return`: at each step whose time since the start is a multiple of
SAVEPER): start, start + saveper, ..., up to the end, the end included when it falls on that
grid. `saveper` must be a whole multiple of the time step and the run's length a whole number of
time steps (`save_times` refuses anything else by name: PySD then saves only where the two grids
happen to meet, or integrates past FINAL TIME).
"""

from __future__ import annotations

import numpy as np

from sim.core import interrupt
from sim.core.errors import SimError
from sim.engines.batch.inputs import Inputs
from sim.engines.batch.order import evaluation_order
from sim.engines.batch.structure import CompiledModel


def integrate(model: CompiledModel, inputs: Inputs, start: float, end: float,
              time_step: float, saveper: float, outputs: list[str]) -> dict[str, np.ndarray]:
    """Values of the `outputs` (variable keys) at each of `save_times(start, end, time_step,
    saveper)`: key -> (times, 1 or samples, *dimensions)."""
    steps, per_save = _steps(start, end, time_step, saveper)
    last = steps - steps % per_save  # the last step saved: no need to integrate past it
    controls = {"initial_time": start, "final_time": end, "time_step": time_step,
                "saveper": saveper}
    values: dict[str, np.ndarray] = dict(inputs.constants)
    values.update({k: np.array([float(v)]) for k, v in controls.items()
                   if k in model.variables})
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

        for k in range(last + 1):
            interrupt.check()  # a worker thread stops within a step of Ctrl-C
            if k % per_save == 0:
                for key in outputs:
                    saved[key].append(values[key])
            if k == last:
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


def save_times(start: float, end: float, time_step: float, saveper: float,
               source: str = "the run") -> np.ndarray:
    """The times at which a run saves its outputs: start, start + saveper, ... <= end
    (`source` names the model in an error)."""
    steps, per_save = _steps(start, end, time_step, saveper, source)
    return start + np.arange(steps // per_save + 1) * (per_save * time_step)


def _whole(x: float) -> int | None:
    """`x` as a whole number, if it is one to within rounding (1e-9 relative)."""
    n = round(x)
    return n if abs(x - n) <= 1e-9 * max(1.0, abs(x)) else None


def _steps(start: float, end: float, time_step: float, saveper: float,
           source: str = "the run") -> tuple[int, int]:
    """Number of Euler steps, and steps between two saved times."""
    if not time_step > 0:
        raise SimError(f"{source}: time step: given {time_step}; allowed: a positive number")
    if end < start:
        raise SimError(f"{source}: end {end:g} is before start {start:g}")
    steps = _whole((end - start) / time_step)
    if steps is None:
        raise SimError(f"{source}: time step: given {time_step:g}; allowed: a number that "
                       f"divides the run's length ({start:g} to {end:g}) a whole number of "
                       "times")
    per_save = _whole(saveper / time_step) if saveper > 0 else None
    if per_save is None or per_save < 1:
        # PySD saves only the steps that fall on a multiple of SAVEPER (Time.in_return), so
        # SAVEPER 1.5 with TIME STEP 1 saves 0, 3, 6...; Vensim's Reference Guide (TIME STEP)
        # asks for TIME STEP <= SAVEPER. Neither is a save every SAVEPER: refused.
        raise SimError(f"{source}: SAVEPER: given {saveper:g}; allowed: a whole multiple of "
                       f"the time step ({time_step:g})")
    return steps, per_save


def saveper_of(model: CompiledModel, start: float, end: float, time_step: float) -> float:
    """SAVEPER's value in the .mdl, from this run's control values (`SAVEPER = TIME STEP`
    follows the run's time step); the time step when the model has no SAVEPER (Vensim's
    default, "Save results every TIME STEP")."""
    value = model.control("saveper", {"initial_time": start, "final_time": end,
                                      "time_step": time_step})
    return time_step if value is None else value


def _stacked(arrays: list[np.ndarray]) -> np.ndarray:
    samples = max(a.shape[0] for a in arrays)
    out = np.empty((len(arrays), samples, *arrays[0].shape[1:]))
    for i, a in enumerate(arrays):
        out[i] = a
    return out

