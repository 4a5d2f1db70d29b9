"""The order in which a run evaluates the variables, from their dependencies.

Two orders, as PySD initialises and then steps a model:

- at the initial time every variable is evaluated once; a stock's value then is its initial
  value, so a stock comes after what its initial value reads (which may be auxiliaries that
  read other stocks: `contracted residents` starts from `total population`);
- at each later time the stocks are known, so they break every feedback loop; only the
  variables that change over time are evaluated again, in dependency order.

A loop that no stock breaks (simultaneous equations) is an error that names its variables.
"""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

from sim.core.errors import SimError
from sim.engines.batch.structure import CompiledModel


@dataclass(frozen=True)
class Order:
    initial: tuple[str, ...]   # every variable, for the initial time
    step: tuple[str, ...]      # the time-varying non-stock variables, for each later time


def evaluation_order(model: CompiledModel, given: set[str], timed: set[str]) -> Order:
    """`given`: variables whose value the run supplies (inputs, control variables);
    `timed`: the given ones that change over time (yearly series)."""
    variables = model.variables
    initial_deps: dict[str, set[str]] = {}
    for key, var in variables.items():
        # a stock after what its initial value reads, any other variable after what it reads
        initial_deps[key] = set() if key in given else set(var.at_start.reads)
    initial = _sorted(initial_deps, model, "at the initial time")

    changing = set(timed)
    for key in initial:
        var = variables[key]
        if key in given:
            continue
        if var.is_stock or var.each_step.uses_time or var.each_step.reads & changing:
            changing.add(key)
    # (The initial order puts every variable after what it reads, so one pass is enough.)

    stocks = {k for k, v in variables.items() if v.is_stock}
    step_deps = {key: set(variables[key].each_step.reads) & (changing - stocks)
                 for key in changing if key not in given and not variables[key].is_stock}
    step = _sorted(step_deps, model, "during the run")
    return Order(tuple(initial), tuple(step))


def _sorted(deps: dict[str, set[str]], model: CompiledModel, when: str) -> list[str]:
    try:
        return list(TopologicalSorter({k: d & deps.keys() for k, d in deps.items()})
                    .static_order())
    except CycleError as error:
        loop = [model.variables[k].name for k in error.args[1]]
        raise SimError(f"{model.source}: the variables {' -> '.join(loop)} depend on each "
                       f"other {when} with no stock between them (simultaneous equations "
                       "are not supported)") from None
