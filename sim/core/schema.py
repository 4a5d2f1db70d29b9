"""Strict schemas of input files: the one pydantic base class, loading a YAML file into a schema,
and pydantic's validation errors as the project's one-line `InputError`.

`StrictModel` is the base of the schema of every analyst-edited file (scenario, region profile,
backcast, targets, time series). `load_yaml_model` reads a file strictly (`sim.core.yamlio`) and
validates it; `validate` does the same for a mapping already read. Both report the first schema
error through `from_pydantic`, which names the file and the dotted key and takes the allowed text
from the field's ``description`` (pydantic ``Field(description=...)``), so schemas document their
own rules.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from sim.core.errors import MISSING, InputError, Verbatim, did_you_mean, one_of
from sim.core.yamlio import read_yaml_with_hash

__all__ = ["StrictModel", "validate", "load_yaml_model", "from_pydantic"]

_M = TypeVar("_M", bound=BaseModel)


class StrictModel(BaseModel):
    """Base of every input-file schema: unknown keys are errors (a typo must not be ignored), no
    silent coercion ("1.5" is not 1.5, true is not 1), immutable, and NaN/inf refused (never
    meaningful inputs)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


def validate(model: type[_M], raw: Any, file: str | os.PathLike[str] | None, *,
             prefix: str = "") -> _M:
    """`raw` validated as `model`; the first schema error raised as `InputError` naming `file`.

    `prefix` is the dotted key of `raw` within the file ('' for the whole file).
    """
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise from_pydantic(exc, file, prefix, model) from None


def load_yaml_model(path: str | os.PathLike[str], model: type[_M]) -> tuple[_M, str]:
    """Read the YAML file `path` strictly and validate it as `model`.

    Returns (the validated model, sha256 hex of the file's bytes). Raises `InputError` for a
    problem of the YAML (`sim.core.yamlio`) or of the schema.
    """
    raw, sha256 = read_yaml_with_hash(path)
    return validate(model, raw, path), sha256


# --------------------------------------------------------------------------------------------
# pydantic ValidationError -> InputError (reads the plain ``errors()`` dicts and field metadata)

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
