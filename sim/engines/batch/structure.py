"""A Vensim model compiled for the batch engine: its variables, each with NumPy functions.

Built from PySD's `AbstractModel` (the parser's output, before PySD writes Python): every
element becomes a `Variable` with its dimensions and either a value (auxiliaries and constants)
or a rate and an initial value (stocks). An element defined piecewise (`x[female] = ...`,
`x[male] = ...`) is assembled element by element, as PySD's `ElementBuilder` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from pysd.translators.structures import abstract_model as am
from pysd.translators.structures.abstract_expressions import IntegStructure

from sim.core.errors import SimError
from sim.engines.batch.axes import Shape, conformer, full
from sim.engines.batch.compile import (
    Context,
    Node,
    Unsupported,
    compile_expression,
    reference_key,
    supported,
)
from sim.engines.batch.subscripts import Subscripts

#: Keys of Vensim's control variables; a run sets them (start, end, time step, saved times).
CONTROL = ("initial_time", "final_time", "time_step", "saveper")
CONTROL_NAMES = {"initial_time": "INITIAL TIME", "final_time": "FINAL TIME",
                 "time_step": "TIME STEP", "saveper": "SAVEPER"}


@dataclass
class Variable:
    name: str                   # as written in the .mdl
    key: str                    # PySD's reference form: lower case, spaces as underscores
    shape: Shape                # the element's dimensions, all their elements
    value: Node | None = None   # auxiliaries and constants
    rate: Node | None = None    # stocks: the INTEG's first argument
    initial: Node | None = None  # stocks: the INTEG's second argument

    @property
    def is_stock(self) -> bool:
        return self.rate is not None

    # compile_model gives a stock its rate and initial value and any other variable its value.
    @property
    def at_start(self) -> Node:
        """What the initial time evaluates: a stock's initial value, any other variable's."""
        node = self.initial if self.is_stock else self.value
        assert node is not None
        return node

    @property
    def each_step(self) -> Node:
        """What each time step evaluates: a stock's rate, any other variable's value."""
        node = self.rate if self.is_stock else self.value
        assert node is not None
        return node


@dataclass
class CompiledModel:
    source: str                       # file name, for messages
    subscripts: Subscripts
    variables: dict[str, Variable]    # key -> variable, in the .mdl's order

    def key_of(self, name: str) -> str | None:
        key = reference_key(name)
        return key if key in self.variables else None

    def control_default(self, key: str,
                        given: Mapping[str, float] | None = None) -> float | None:
        """The value the .mdl gives a control variable (INITIAL TIME, TIME STEP...): a
        number, or an expression of the other control variables (`TIME STEP = (FINAL TIME -
        INITIAL TIME) / 40`), evaluated with the values in `given` where a run sets them
        (PySD's `run(final_time=...)` likewise changes what the others read)."""
        values: dict = {k: np.array([float(v)]) for k, v in (given or {}).items()}
        progress = True
        while progress:  # in dependency order, whatever the order of the .mdl
            progress = False
            for k in CONTROL:
                node = self.variables[k].value if k in self.variables else None
                if (k not in values and node is not None and node.reads <= set(values)
                        and not node.uses_time):
                    values[k] = node.evaluate(values)
                    progress = True
        return float(np.asarray(values[key]).ravel()[0]) if key in values else None

    def control(self, key: str, given: Mapping[str, float] | None = None) -> float | None:
        """`control_default`, refusing a control variable the .mdl gives as anything but a
        constant or an expression of the other control variables (None when absent)."""
        value = self.control_default(key, given)
        if value is None and key in self.variables:
            raise SimError(f"{self.source}: {CONTROL_NAMES[key]}: {self.not_constant(key)}")
        return value

    def not_constant(self, key: str) -> str:
        """Why control variable `key` is refused, for `control`'s message."""
        node = self.variables[key].value
        if node is None:
            given = "a stock"
        elif node.uses_time:
            given = "an expression of Time"
        else:
            others = sorted(self.variables[k].name for k in node.reads if k in self.variables)
            given = "an expression of " + ", ".join(others)
        return (f"must be a constant; given {given}; allowed: a number or an expression of "
                "the control variables; run this model with PySD instead")


def compile_model(model: am.AbstractModel, source: str) -> CompiledModel:
    sections = model.sections
    if len(sections) != 1:
        macros = ", ".join(s.name for s in sections if s.type != "main")
        raise SimError(f"{source}: macros ({macros}) are not supported by the batch engine")
    section = sections[0]
    subscripts = Subscripts.from_abstract(section.subscripts, source)

    lhs_of: dict[str, list[dict]] = {}
    shapes: dict[str, Shape] = {}
    names: dict[str, str] = {}
    for element in section.elements:
        key = reference_key(element.name)
        if key in names:
            raise SimError(f"{source}: '{element.name}' and '{names[key]}' have the same "
                           "name once case and spaces are ignored")
        names[key] = element.name
        with _about(source, element.name):
            lhs_of[key] = [_lhs(c, subscripts) for c in element.components]
            shapes[key] = Shape.of(subscripts.merge(lhs_of[key]))

    variables = {}
    for element in section.elements:
        key = reference_key(element.name)
        with _about(source, element.name):
            variables[key] = _variable(element, key, lhs_of[key], shapes, names, subscripts)
    return CompiledModel(source, subscripts, variables)


def _lhs(component, subscripts: Subscripts) -> dict:
    if isinstance(component, am.AbstractLookup):
        raise Unsupported("a lookup table")
    if isinstance(component, am.AbstractData):
        raise Unsupported("a data variable")
    dims, exceptions = component.subscripts
    if exceptions:
        raise Unsupported(":EXCEPT:")
    return subscripts.coords(dims)


def _variable(element, key: str, lhs_list: list[dict], shapes, names, subscripts) -> Variable:
    shape = shapes[key]
    parts: list[tuple[Shape, Node]] = []      # each element's value, or its rate for a stock
    initials: list[tuple[Shape, Node]] = []   # each element's initial value, for a stock
    for component, lhs in zip(element.components, lhs_list):
        ctx = Context(element.name, lhs, subscripts, shapes, names)
        part = Shape.of(lhs)
        if isinstance(component.ast, IntegStructure):
            if component.ast.non_negative:
                raise Unsupported("a non-negative INTEG")
            parts.append((part, _fitted(compile_expression(component.ast.flow, ctx), part)))
            initials.append((part, _fitted(compile_expression(component.ast.initial, ctx), part)))
        else:
            parts.append((part, _fitted(compile_expression(component.ast, ctx), part)))
    if initials and len(initials) < len(parts):
        raise Unsupported("an INTEG for some elements and not for others")
    if initials:
        return Variable(element.name, key, shape, rate=_assembled(parts, shape),
                        initial=_assembled(initials, shape))
    return Variable(element.name, key, shape, value=_assembled(parts, shape))


def _fitted(node: Node, lhs: Shape) -> Node:
    """The right-hand side laid out along the left-hand side's dimensions."""
    extra = [d for d in node.shape.dims if d not in lhs.dims]
    if extra:
        raise SimError(f"the right-hand side has dimension '{extra[0]}', which the left-hand "
                       f"side {lhs} does not have")
    for dim, coords in zip(node.shape.dims, node.shape.coords):
        if lhs.as_dict()[dim] != coords:
            raise SimError(f"dimension '{dim}' has other elements on the right-hand side than "
                           "on the left")
    conform, evaluate = conformer(node.shape, lhs), node.evaluate
    laid = evaluate if conform is None else (lambda values: conform(evaluate(values)))
    return Node(lhs, laid, node.reads, node.uses_time)


def _assembled(parts: list[tuple[Shape, Node]], shape: Shape) -> Node:
    """One node for the whole variable: full-size arrays, pieces put in place."""
    reads = frozenset().union(*(n.reads for _, n in parts))
    uses_time = any(n.uses_time for _, n in parts)
    if len(parts) == 1 and parts[0][0] == shape:
        # Stored in C order: a dimension laid out for broadcasting (a transposed view) would
        # otherwise carry its memory order into every later operation, and einsum's matrix
        # products run several times slower on such arrays.
        whole = parts[0][1].evaluate
        return Node(shape, lambda values: np.ascontiguousarray(full(whole(values), shape)),
                    reads, uses_time)

    sizes = shape.sizes
    placed = []
    for part, node in parts:
        positions = [[coords.index(e) for e in elements]
                     for coords, elements in zip(shape.coords, part.coords)]
        flat = np.ravel_multi_index(np.ix_(*positions), sizes).ravel() if sizes \
            else np.zeros(1, dtype=int)
        placed.append((flat, part.sizes, node.evaluate))

    def evaluate(values):
        pieces = [(flat, psizes, e(values)) for flat, psizes, e in placed]
        samples = max(p[2].shape[0] for p in pieces)
        out = np.full((samples, *sizes), np.nan)
        flat_out = out.reshape(samples, -1)
        for flat, psizes, value in pieces:
            flat_out[:, flat] = np.broadcast_to(value, (samples, *psizes)).reshape(samples, -1)
        return out
    return Node(shape, evaluate, reads, uses_time)


class _about:
    """Prefix errors raised while compiling a variable with the file and variable name."""

    def __init__(self, source: str, name: str):
        self.prefix = f"{source}: '{name}': "

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, Unsupported):
            raise SimError(f"{self.prefix}uses {error}, which the batch engine does not "
                           f"support (it supports {supported()}); run this model with PySD "
                           "instead") from None
        if isinstance(error, SimError) and not str(error).startswith(self.prefix):
            raise SimError(self.prefix + str(error)) from None
        return False
