"""The one exception family of `sim`.

`SimError` is the base class; `InputError` is raised for anything wrong in a file an analyst or a
data engineer wrote (scenario YAML, region profile, calibration CSV). Its message is ONE line that
says where (file and dotted key), what was given and what is allowed, e.g.::

    scenarios/hangzhou/low.yaml: assumptions.population.tfr: value out of range; given 7; allowed: a number from 0 to 5 (children per woman)

The CLI prints ``str(error)`` without a traceback, so everything needed to fix the file must be in
that line.

`from_pydantic` turns the first error of a pydantic ``ValidationError`` into an `InputError`; it
reads the plain ``errors()`` dicts and model field metadata, so this module does not import pydantic.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import types
import typing
from pathlib import Path
from typing import Any, Iterable

__all__ = [
    "SimError",
    "InputError",
    "Verbatim",
    "MISSING",
    "show_value",
    "did_you_mean",
    "one_of",
    "from_pydantic",
]

#: Longest rendering of a given value; longer ones are cut with an ellipsis so the line stays short.
_MAX_GIVEN = 80


class SimError(Exception):
    """Base class of every error raised on purpose by `sim`."""


class Verbatim(str):
    """A `given` text shown as-is (not quoted), e.g. ``nothing`` for a missing key."""


#: The `given` of a key that was not written at all.
MISSING = Verbatim("nothing")


class InputError(SimError):
    """A problem in an input file, reported as one line.

    Parameters
    ----------
    file:
        The file in which the bad value was written (shown relative to the current directory
        when it lies below it).
    key:
        Dotted path of the offending key (``assumptions.population.tfr.ramp.end``); for problems
        without a key, a location such as ``line 3, column 7`` or ``(top level)``.
    given:
        The value found. Strings are shown quoted, `Verbatim` strings as-is, `MISSING` as
        ``nothing``.
    allowed:
        What would be accepted, in words an analyst understands.
    problem:
        Short statement of what is wrong (``value out of range``).
    """

    def __init__(self, file: str | os.PathLike[str] | None, key: str, given: Any, allowed: str,
                 problem: str) -> None:
        self.file = Path(file) if file is not None else None
        self.key = key
        self.given = given
        self.allowed = allowed
        self.problem = problem
        # Computed once so that the message does not change if the current directory does.
        self.message = _one_line(
            f"{_display_path(self.file)}: {key or '(top level)'}: {problem}; "
            f"given {show_value(given)}; allowed: {allowed}"
        )
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # keep picklable (e.g. across multiprocessing) despite the 5-arg init
        return (type(self), (self.file, self.key, self.given, self.allowed, self.problem))


def _display_path(file: Path | None) -> str:
    """Path relative to the current directory when the file lies below it, else absolute."""
    if file is None:
        return "<input>"
    absolute = Path(os.path.abspath(file))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).replace("\r", " ")


def show_value(value: Any) -> str:
    """Render a given value compactly on one line (YAML-like: numbers bare, text quoted)."""
    if isinstance(value, Verbatim):
        text = str(value)
    elif value is None:
        text = "null (an empty value)"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = _show_float(value)
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, os.PathLike):
        text = _display_path(Path(value))
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            text = repr(value)
    text = _one_line(text)
    if len(text) > _MAX_GIVEN:
        text = text[: _MAX_GIVEN - 1] + "…"
    return text


def _show_float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    # Values are parsed to float; show a whole number the way it was most likely written (7).
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def did_you_mean(word: Any, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option (difflib), or an empty string."""
    matches = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def one_of(options: Iterable[str]) -> str:
    """``one of a, b, c`` (sorted, as analysts scan the list alphabetically)."""
    opts = sorted(options)
    return "one of " + ", ".join(opts) if opts else "nothing (none are defined)"


# --------------------------------------------------------------------------------------------
# pydantic ValidationError -> InputError

#: Allowed text for pydantic's built-in error types when the field has no description.
_ALLOWED_BY_TYPE = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "string_type": "text",
    "bool_type": "true or false",
    "dict_type": "a mapping of 'key: value' entries",
    "model_type": "a mapping of 'key: value' entries",
    "model_attributes_type": "a mapping of 'key: value' entries",
    "list_type": "a list",
}

_TYPE_NAMES = {bool: "true/false", int: "a whole number", float: "a number", str: "text",
               dict: "a mapping", list: "a list", type(None): "an empty value"}


def _kind(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] / X | None and Annotated[...] from a type annotation."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType) and len(args) == 1:
            annotation = args[0]
        else:
            return annotation


def _walk(model: Any, loc: tuple) -> tuple[Any, Any]:
    """Follow `loc` through pydantic model fields and dict values.

    Returns (field_info, annotation) at the end of `loc`: the FieldInfo of the last model field
    passed (None if the last step was a dict key) and the annotation found there.
    """
    annotation: Any = model
    field = None
    for part in loc:
        annotation = _unwrap(annotation)
        fields = getattr(annotation, "model_fields", None)
        if isinstance(fields, dict):
            info = fields.get(part)
            if info is None:
                # Fields declared with an alias (e.g. ramp `from`) are reported under the alias.
                info = next((f for f in fields.values() if f.alias == part), None)
            if info is None:
                return None, None
            field, annotation = info, info.annotation
        elif typing.get_origin(annotation) is dict:
            field, annotation = None, typing.get_args(annotation)[1]
        else:
            return None, None
    return field, _unwrap(annotation)


def _field_names(annotation: Any) -> list[str]:
    fields = getattr(annotation, "model_fields", None)
    if not isinstance(fields, dict):
        return []
    return [info.alias or name for name, info in fields.items()]


def from_pydantic(exc: Any, file: str | os.PathLike[str] | None, prefix: str,
                  model: Any) -> InputError:
    """Convert the first error of pydantic ``ValidationError`` `exc` (raised validating `model`).

    `prefix` is the dotted key of the validated mapping within the file ('' for the whole file).
    A field's ``description`` (pydantic ``Field(description=...)``) is used as the allowed text,
    so models document their own rules.
    """
    errors = exc.errors()
    # An unknown key is usually a typo of a required one; report it (with a suggestion) rather
    # than the "missing" error it causes.
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = tuple(err["loc"])
    etype = err["type"]
    ctx = err.get("ctx") or {}
    given: Any = err.get("input")

    if loc and loc[-1] == "[key]":
        # A mapping key of the wrong type (e.g. a year written as "2020" or 2020.5).
        key = _join(prefix, loc[:-2] + (given,))
        allowed = "a whole-number year such as 2025" if etype.startswith("int") else \
            _ALLOWED_BY_TYPE.get(etype, err["msg"])
        return InputError(file, key, given, allowed, f"key has the wrong type ({_kind(given)})")

    key = _join(prefix, loc)
    field, _ = _walk(model, loc)
    description = getattr(field, "description", None)

    if etype == "extra_forbidden":
        _, parent = _walk(model, loc[:-1])
        names = _field_names(parent)
        return InputError(file, key, Verbatim(str(loc[-1])), one_of(names),
                          "unknown key" + did_you_mean(loc[-1], names))
    if etype == "missing":
        return InputError(file, key, MISSING, description or "a value", "required key is missing")
    if etype in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {"greater_than": "above", "greater_than_equal": "at least",
                 "less_than": "below", "less_than_equal": "at most"}[etype]
        limit = next(iter(ctx.values()), "")
        return InputError(file, key, given, description or f"a value {bound} {limit}",
                          "value out of range")
    if etype in ("too_short", "too_long"):
        return InputError(file, key, given, description or err["msg"],
                          "too few entries" if etype == "too_short" else "too many entries")
    if etype == "literal_error":
        return InputError(file, key, given, description or str(ctx.get("expected", err["msg"])),
                          "value not allowed")
    if etype in _ALLOWED_BY_TYPE:
        problem = ("not a finite number" if etype == "finite_number"
                   else f"wrong type ({_kind(given)})")
        return InputError(file, key, given, description or _ALLOWED_BY_TYPE[etype], problem)
    # Custom errors (PydanticCustomError) may carry their own allowed text in ctx.
    allowed = ctx.get("allowed", description or "see the format description")
    return InputError(file, key, ctx.get("given", given), allowed, err["msg"])


def _join(prefix: str, loc: Iterable[Any]) -> str:
    parts = [prefix] if prefix else []
    parts += [str(p) for p in loc]
    return ".".join(parts)
