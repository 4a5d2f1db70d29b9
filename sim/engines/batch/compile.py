"""Compile one equation's abstract syntax tree (PySD's) into a NumPy function.

A compiled expression is a `Node`: the `Shape` of its value (dimensions and their elements),
the variables it reads, and `evaluate(values) -> array` where `values` maps each variable's key
to its current array (see sim.engines.batch.axes for the layout). The semantics are PySD's builders'
(pysd/builders/python/python_expressions_builder.py):

- a reference's subscripts line up position by position with the referenced variable's
  dimensions: a range keeps the dimension under the name written (`age before!`), a subrange
  keeps those elements, an element selects one and drops the dimension (`visit_loc`);
- a range that the equation's left-hand side does not have but maps to (an equivalence) is
  renamed to the range it maps to (`ReferenceBuilder.subscripts`);
- operations broadcast by dimension name; SUM and friends reduce the `!` dimensions.

Anything else raises `SimError` naming the construct: the batch engine supports the Vensim
subset listed in `supported()`, and refuses the rest rather than guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pysd.translators.structures import abstract_expressions as ae

from sim.core.errors import SimError
from sim.engines.batch import functions as fn
from sim.engines.batch.axes import Array, Shape, conformer, union
from sim.engines.batch.subscripts import Subscripts

#: Abstract structures the engine refuses, with their Vensim names.
UNSUPPORTED = {
    ae.DelayStructure: "DELAY1/DELAY3",
    ae.DelayNStructure: "DELAY N",
    ae.DelayFixedStructure: "DELAY FIXED",
    ae.SmoothStructure: "SMOOTH/SMOOTH3",
    ae.SmoothNStructure: "SMOOTH N",
    ae.TrendStructure: "TREND",
    ae.ForecastStructure: "FORECAST",
    ae.SampleIfTrueStructure: "SAMPLE IF TRUE",
    ae.InitialStructure: "INITIAL",
    ae.LookupsStructure: "a lookup table",
    ae.InlineLookupsStructure: "WITH LOOKUP",
    ae.GetLookupsStructure: "GET LOOKUPS",
    ae.GetDataStructure: "GET DATA",
    ae.GetConstantsStructure: "GET CONSTANTS",
    ae.DataStructure: "a data variable",
    ae.GameStructure: "GAME",
    ae.AllocateAvailableStructure: "ALLOCATE AVAILABLE",
    ae.AllocateByPriorityStructure: "ALLOCATE BY PRIORITY",
}


def supported() -> str:
    """The constructs the batch engine evaluates, for error messages and docs."""
    calls = sorted(fn.vensim_name(n) for n in (*fn.ELEMENTWISE, *fn.REDUCTIONS))
    return ("INTEG, numbers and number lists, + - * / ^, = <> < <= > >=, :AND: :OR: :NOT:, "
            + ", ".join(calls) + ", Time and the control variables")


@dataclass
class Node:
    shape: Shape
    evaluate: Callable[[dict], Array]
    reads: frozenset[str] = frozenset()
    uses_time: bool = False


@dataclass
class Context:
    """What compiling one component needs to know."""
    variable: str                        # the variable's name in the .mdl, for messages
    lhs: dict[str, tuple[str, ...]]      # the component's left-hand-side dimensions
    subscripts: Subscripts
    shapes: dict[str, Shape]             # every variable's key -> its dimensions
    names: dict[str, str] = field(default_factory=dict)  # key -> name in the .mdl


class Unsupported(SimError):
    """A construct outside the subset the batch engine evaluates."""


def reference_key(name: str) -> str:
    """How PySD's parser writes a reference to `name` (`vc[0].lower().replace(" ", "_")`)."""
    return name.strip().lower().replace(" ", "_")


def compile_expression(ast, ctx: Context) -> Node:
    if isinstance(ast, bool):
        raise Unsupported("a boolean literal")
    if isinstance(ast, (int, float)):
        value = np.array([float(ast)])
        return Node(Shape(), lambda values: value)
    if isinstance(ast, np.ndarray):
        return _array(ast, ctx)
    if isinstance(ast, (ae.ArithmeticStructure, ae.LogicStructure)):
        return _operation(ast, ctx)
    if isinstance(ast, ae.ReferenceStructure):
        return _reference(ast, ctx)
    if isinstance(ast, ae.CallStructure):
        return _call(ast, ctx)
    if isinstance(ast, ae.IntegStructure):
        raise Unsupported("INTEG inside an expression (it must be the whole equation)")
    raise Unsupported(UNSUPPORTED.get(type(ast), type(ast).__name__))


def _array(ast: np.ndarray, ctx: Context) -> Node:
    shape = Shape.of(ctx.lhs)
    try:
        value = np.asarray(ast, dtype=float).reshape((1, *shape.sizes))
    except ValueError:
        raise SimError(f"a list of {ast.size} numbers for the dimensions {shape}") from None
    return Node(shape, lambda values: value)


def _operation(ast, ctx: Context) -> Node:
    operators = list(ast.operators)
    _refuse_negative_base(ast)
    args = [compile_expression(a, ctx) for a in ast.arguments]
    if len(args) == 1:
        (only,) = args
        unary = fn.UNARY.get(operators[0])
        if unary is None:
            raise Unsupported(f"the operator {operators[0]}")
        evaluate = only.evaluate
        return Node(only.shape, lambda values: unary(evaluate(values)), only.reads,
                    only.uses_time)
    for op in operators:
        if op not in fn.BINARY:
            raise Unsupported(f"the operator {op}")
    if len([op for op in operators if op in fn.COMPARISONS]) > 1:
        raise Unsupported("a chain of comparisons (a < b < c)")
    shape = union([a.shape for a in args])
    laid = [_laid_out(a, shape) for a in args]
    ufuncs = [fn.BINARY[op] for op in operators]

    if operators[-1] in fn.RIGHT_TO_LEFT:
        def evaluate(values):
            result = laid[-1](values)
            for ufunc, arg in zip(reversed(ufuncs), reversed(laid[:-1])):
                result = ufunc(arg(values), result)
            return result
    elif len(laid) == 2:
        (ufunc,), (left, right) = ufuncs, laid

        def evaluate(values):
            return ufunc(left(values), right(values))
    else:
        def evaluate(values):
            result = laid[0](values)
            for ufunc, arg in zip(ufuncs, laid[1:]):
                result = ufunc(result, arg(values))
            return result
    return _node(shape, evaluate, args)


def _refuse_negative_base(ast) -> None:
    """Refuse a negative number as the base of `^`.

    Vensim computes `-2^2` as -(2^2) = -4 (unary minus binds looser than ^, SDEverywhere
    issue 569; PySD issue 60), but `(-2)^2` as 4. PySD's parser folds the minus into the
    number in both (pysd/translators/vensim/vensim_element.py, `visit_neg_expr`), so both reach
    the engine as `(-2)^2`: the syntax tree cannot tell them apart. (`-x^2` with a variable
    stays `negative(x^2)` and is computed.) In a chain `a^b^c` (right to left, as PySD's
    builder writes `**`), every argument but the last is a base.
    """
    if "^" not in ast.operators:
        return
    arguments = ast.arguments
    for i, op in enumerate(ast.operators):
        base = arguments[i]
        if (op == "^" and isinstance(base, (int, float)) and not isinstance(base, bool)
                and base < 0):
            raise Unsupported(
                f"a negative number as the base of ^ ({base:g}^x: PySD's parser reads "
                f"-{-base:g}^x and (-{-base:g})^x alike; rewrite it as -({-base:g}^x) or "
                f"(0-{-base:g})^x)")


def _laid_out(node: Node, shape: Shape) -> Callable[[dict], Array]:
    """`node.evaluate` followed by the layout along `shape`."""
    conform = conformer(node.shape, shape)
    evaluate = node.evaluate
    if conform is None:
        return evaluate
    return lambda values: conform(evaluate(values))


def _node(shape: Shape, evaluate, args: list[Node]) -> Node:
    return Node(shape, evaluate, frozenset().union(*(a.reads for a in args)),
                any(a.uses_time for a in args))


def _reference(ast: ae.ReferenceStructure, ctx: Context) -> Node:
    key = ast.reference
    if key == "time":
        return Node(Shape(), lambda values: values["time"], frozenset(), True)
    if key not in ctx.shapes:
        names = {*ctx.subscripts.ranges, *(e for r in ctx.subscripts.ranges.values() for e in r)}
        if key in {reference_key(n) for n in names}:
            raise Unsupported(f"the subscript '{key}' used as a number")
        raise SimError(f"refers to '{key}', which is not a variable of the model")
    whole = ctx.shapes[key]
    written = list(getattr(ast.subscripts, "subscripts", None) or [])
    if not written:
        return Node(whole, lambda values: values[key], frozenset({key}))
    name = ctx.names.get(key, key)
    dims = ctx.subscripts.coords(written)
    if len(dims) != len(written):
        raise Unsupported(f"the same subscript range twice in {name}[{', '.join(written)}]")
    if len(dims) != len(whole.dims):
        raise SimError(f"{name}[{', '.join(written)}] gives {len(dims)} subscripts; "
                       f"'{name}' has {len(whole.dims)}")

    index: list = []
    kept: dict[str, tuple[str, ...]] = {}
    for (dim, elements), own in zip(dims.items(), whole.coords):
        missing = [e for e in elements if e not in own]
        if missing:
            raise SimError(f"{name}[{', '.join(written)}]: '{missing[0]}' is not an element "
                           f"of the dimension the variable has there")
        positions = [own.index(e) for e in elements]
        if len(elements) == 1:
            index.append(positions[0])
            continue
        first = positions[0]
        if positions == list(range(len(own))):
            index.append(slice(None))
        elif positions == list(range(first, first + len(positions))):
            index.append(slice(first, first + len(positions)))
        else:
            index.append(np.array(positions))
        kept[dim] = elements

    shape = Shape.of(_mapped(kept, dims, ctx))
    return Node(shape, _selector(key, index), frozenset({key}))


def _mapped(kept: dict, written: dict, ctx: Context) -> dict:
    """Rename a range the left-hand side does not have to one it maps to (an equivalence such
    as `age before <-> age`), as PySD relabels such references."""
    result = {}
    for dim, elements in kept.items():
        target = None
        if dim not in ctx.lhs and not dim.endswith("!"):
            target = next((m for m in ctx.subscripts.mapping.get(dim, ())
                           if m in ctx.lhs and m not in written), None)
        if target is None:
            result[dim] = elements
        else:
            if len(ctx.subscripts.ranges[target]) != len(elements):
                raise SimError(f"range '{dim}' maps to '{target}' of another size")
            result[target] = ctx.subscripts.ranges[target]
    return result


def _selector(key: str, index: list) -> Callable[[dict], Array]:
    """Read variable `key` and take the elements `index` gives per dimension."""
    basic = (slice(None), *(i if isinstance(i, (int, slice)) else slice(None) for i in index))
    # Axis of each index array once the integer-indexed dimensions are gone.
    fancy, axis = [], 1
    for i in index:
        if isinstance(i, np.ndarray):
            fancy.append((axis, i))
        if not isinstance(i, int):
            axis += 1
    if all(isinstance(i, slice) and i == slice(None) for i in index):
        return lambda values: values[key]
    if not fancy:
        return lambda values: values[key][basic]

    def select(values):
        a = values[key][basic]
        for ax, positions in fancy:
            a = np.take(a, positions, axis=ax)
        return a
    return select


def _call(ast: ae.CallStructure, ctx: Context) -> Node:
    name = ast.function.reference
    if name in ctx.shapes:
        raise Unsupported(f"a lookup call ({ctx.names.get(name, name)}(...))")
    if name in fn.REDUCTIONS:
        if len(ast.arguments) != 1:
            raise SimError(f"{fn.vensim_name(name)} takes one argument")
        return _reduction(name, ast.arguments[0], ctx)
    if name not in fn.ELEMENTWISE:
        raise Unsupported(f"the function {fn.vensim_name(name)}")
    count, ufunc = fn.ELEMENTWISE[name]
    if len(ast.arguments) != count:
        raise SimError(f"{fn.vensim_name(name)} takes {count} arguments, "
                       f"given {len(ast.arguments)}")
    args = [compile_expression(a, ctx) for a in ast.arguments]
    shape = union([a.shape for a in args])
    laid = [_laid_out(a, shape) for a in args]
    if count == 1:
        (only,) = laid
        return _node(shape, lambda values: ufunc(only(values)), args)
    if count == 2:
        first, second = laid
        return _node(shape, lambda values: ufunc(first(values), second(values)), args)
    return _node(shape, lambda values: ufunc(*(a(values) for a in laid)), args)


def _reduction(name: str, arg_ast, ctx: Context) -> Node:
    """SUM, PROD, VMAX, VMIN over the `!` dimensions of the argument.

    SUM of a product (the usual `SUM(a[x!] * b[x!, y])`) is contracted with `np.einsum`
    without forming the product's full array: for the life table's
    `SUM(log survival[sex, age before!] * is younger[age, age before!])` that array would be
    samples x 2 x 101 x 101.
    """
    if name == "sum" and isinstance(arg_ast, ae.ArithmeticStructure) \
            and set(arg_ast.operators) == {"*"}:
        factors = [compile_expression(a, ctx) for a in arg_ast.arguments]
        return _contraction(factors)
    arg = compile_expression(arg_ast, ctx)
    axes = tuple(1 + i for i, d in enumerate(arg.shape.dims) if d.endswith("!"))
    shape = arg.shape.without([d for d in arg.shape.dims if d.endswith("!")])
    (plain, skipping_nan), evaluate = fn.REDUCTIONS[name], arg.evaluate
    if not axes:
        return arg

    def reduce(values):
        a = evaluate(values)
        result = plain(a, axis=axes)
        return skipping_nan(a, axis=axes) if np.isnan(result).any() else result
    return _node(shape, reduce, [arg])


def _contraction(factors: list[Node]) -> Node:
    whole = union([f.shape for f in factors])
    summed = [d for d in whole.dims if d.endswith("!")]
    shape = whole.without(summed)
    label = {d: i + 1 for i, d in enumerate(whole.dims)}  # 0 is the sample axis
    subs = [[label[d] for d in f.shape.dims] for f in factors]
    out = [label[d] for d in shape.dims]
    evaluates = [f.evaluate for f in factors]
    laid = [_laid_out(f, whole) for f in factors]
    all_axes = tuple(1 + whole.dims.index(d) for d in summed)

    def evaluate(values):
        arrays = [e(values) for e in evaluates]
        per_sample = any(a.shape[0] > 1 for a in arrays)
        operands: list[Any] = []   # einsum's interleaved form: array, its axis labels, ...
        for a, s in zip(arrays, subs):
            if a.shape[0] > 1:
                operands += [a, [0, *s]]
            else:
                operands += [a[0], s]
        result = np.einsum(*operands, [0, *out] if per_sample else out, optimize=True)
        if not per_sample:
            result = result[None]
        if np.isnan(result).any():  # xarray's sum skips NaN: redo it the long way
            product = laid[0](values)
            for f in laid[1:]:
                product = product * f(values)
            result = np.nansum(product, axis=all_axes)
        return result
    return _node(shape, evaluate, factors)
