"""The Vensim operators and functions the batch engine evaluates, on NumPy arrays.

Each follows PySD's implementation (pysd/builders/python/python_functions.py and
pysd/py_backend/functions.py), which is the reference: same formula, same treatment of
near-zero denominators (ZIDZ/XIDZ compare with Vensim's 1e-6) and of missing values (SUM and
friends skip NaN, as xarray's reductions do).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

#: What Vensim (and PySD) treat as a zero denominator in ZIDZ and XIDZ.
SMALL_VENSIM = 1e-6


def zidz(numerator, denominator):
    return np.where(np.abs(denominator) < SMALL_VENSIM, 0.0, numerator / denominator)


def xidz(numerator, denominator, x):
    return np.where(np.abs(denominator) < SMALL_VENSIM, x, numerator / denominator)


def log(x, base):
    return np.log(x) / np.log(base)


#: Functions applied element by element: reference name -> (number of arguments, function).
ELEMENTWISE: dict[str, tuple[int, Callable[..., Any]]] = {
    "if_then_else": (3, np.where),
    "min": (2, np.minimum),
    "max": (2, np.maximum),
    "zidz": (2, zidz),
    "xidz": (3, xidz),
    "abs": (1, np.abs),
    "exp": (1, np.exp),
    "ln": (1, np.log),
    "log": (2, log),
    "sqrt": (1, np.sqrt),
    "power": (2, np.power),
}

#: Functions over the `!` dimensions of their argument: (plain, NaN-skipping). xarray's
#: reductions (PySD's) skip NaN; the plain one is used unless its result shows a NaN.
REDUCTIONS: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "sum": (np.sum, np.nansum),
    "prod": (np.prod, np.nanprod),
    "vmax": (np.max, np.nanmax),
    "vmin": (np.min, np.nanmin),
}

#: Binary operators; + - * / fold left to right, ^ and :AND:/:OR: right to left, as the
#: Python expression PySD writes for them evaluates.
BINARY: dict[str, Callable[..., Any]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.true_divide,
    "^": np.power,
    "=": np.equal,
    "<>": np.not_equal,
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    ":AND:": np.logical_and,
    ":OR:": np.logical_or,
}
RIGHT_TO_LEFT = {"^", ":AND:", ":OR:"}
COMPARISONS = {"=", "<>", "<", "<=", ">", ">="}


def negative(a):
    return -a.astype(float) if a.dtype == bool else -a


UNARY: dict[str, Callable[..., Any]] = {"negative": negative, ":NOT:": np.logical_not}

def vensim_name(reference: str) -> str:
    """Vensim spelling of the name PySD gives a function (`if_then_else` -> IF THEN ELSE)."""
    return reference.upper().replace("_", " ")
