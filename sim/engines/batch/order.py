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

import threading
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

from sim.core.errors import SimError
from sim.engines.batch.structure import CompiledModel


@dataclass(frozen=True)
class Order:
    initial: tuple[str, ...]   # every variable, for the initial time
    step: tuple[str, ...]      # the time-varying non-stock variables, for each later time


#: Orders already found, by model (identity) and inputs: a sampler's thousands of runs of the
#: same inputs find it once (~20 ms each time otherwise). The model is kept with its entry so
#: that its id is not reused.
_ORDERS: dict[tuple[int, frozenset[str], frozenset[str]], tuple[CompiledModel, Order]] = {}
_LOCK = threading.Lock()


def evaluation_order(model: CompiledModel, given: set[str], timed: set[str]) -> Order:
    """`given`: variables whose value the run supplies (inputs, control variables);
    `timed`: the given ones that change over time (yearly series)."""
    key = (id(model), frozenset(given), frozenset(timed))
    with _LOCK:
        found = _ORDERS.get(key)
    if found is not None and found[0] is model:
        return found[1]
    order = _evaluation_order(model, given, timed)
    with _LOCK:
        if len(_ORDERS) > 64:   # a bound: runs vary their inputs in few ways
            _ORDERS.clear()
        _ORDERS[key] = (model, order)
    return order


def _evaluation_order(model: CompiledModel, given: set[str], timed: set[str]) -> Order:
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
