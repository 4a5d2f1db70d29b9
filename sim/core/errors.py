"""The one exception family of `sim`.

`SimError` is the base class; `InputError` is raised for anything wrong in a file an analyst or a
data engineer wrote (scenario YAML, region profile, calibration CSV). Its message is ONE line that
says where (file and dotted key), what was given and what is allowed, e.g. (one line, wrapped
here)::

    scenarios/hangzhou/low.yaml: assumptions.population.tfr: value out of range; given 7;
    allowed: a number from 0 to 5 (children per woman)

The CLI prints ``str(error)`` without a traceback, so everything needed to fix the file must be in
that line. The small helpers here (`show_value`, `did_you_mean`, `one_of`) word the parts of that
line; `sim.core.schema` turns pydantic's validation errors into it.
"""

from __future__ import annotations

import difflib
import json
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "SimError",
    "InputError",
    "Verbatim",
    "MISSING",
    "show_value",
    "did_you_mean",
    "one_of",
    "full_width_note",
    "InputWarning",
]

#: Longest rendering of a given value; longer ones are cut with an ellipsis so the line stays short.
_MAX_GIVEN = 80


class SimError(Exception):
    """Base class of every error raised on purpose by `sim`."""


class InputWarning(UserWarning):
    """A value in an input file that is allowed but probably not meant (e.g. 1 for a yearly
    rate: 100% a year). The CLI prints it as one line, "warning: file: key: ...", and goes on."""


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
        # A full-width character (typed with a Chinese input method) where YAML needs its
        # half-width form is named, so the analyst sees why "1.2" or "key: value" was not read.
        note = full_width_note(f"{key} {given}" if isinstance(given, str) else str(key))
        if note and note not in problem:
            problem = f"{problem} ({note})"
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


#: Full-width characters a Chinese input method types where YAML needs the half-width ones:
#: what each is called in Chinese and what to type instead.
FULL_WIDTH = {
    "\uff1a": ("全角冒号", ":"), "\u3000": ("全角空格", "a space"), "\uff0c": ("全角逗号", ","),
    "\uff0e": ("全角句点", "."), "\uff5b": ("全角括号", "{"), "\uff5d": ("全角括号", "}"),
    "\uff3b": ("全角括号", "["), "\uff3d": ("全角括号", "]"), "\uff0d": ("全角减号", "-"),
    "\uff02": ("全角引号", '"'), "\uff07": ("全角引号", "'"), "\uff03": ("全角井号", "#"),
    **{chr(0xFF10 + d): ("全角数字", str(d)) for d in range(10)},
}


def full_width_note(text: str) -> str:
    """Names the full-width characters of `text` that YAML does not read as their half-width
    forms, e.g. "full-width characters: '：' (全角冒号; type ':'), '２０' (全角数字; type 0-9)",
    or an empty string when there are none."""
    found: dict[str, list[str]] = {}
    for char in dict.fromkeys(c for c in str(text) if c in FULL_WIDTH):
        found.setdefault(FULL_WIDTH[char][0] if "0" <= FULL_WIDTH[char][1] <= "9" else char,
                         []).append(char)
    parts = []
    for group, chars in found.items():
        if group == "全角数字":
            parts.append(f"'{''.join(chars)}' (全角数字; type the digits 0-9)")
        elif group == "\u3000":
            parts.append("U+3000 (全角空格; type a half-width space)")
        else:
            name, instead = FULL_WIDTH[group]
            parts.append(f"'{group}' ({name}; type '{instead}')")
    return "full-width characters: " + ", ".join(parts) if parts else ""


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
    # Every character that ends a line somewhere (\n, \r, \v, \f, \x1c-\x1e, \x85, U+2028,
    # U+2029: what str.splitlines splits on), not only \n: a value may hold any of them.
    return " ".join(text.splitlines()) + (" " if text[-1:] in _BREAKS else "")


#: The line-ending characters of `str.splitlines`.
_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


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
        text = _bounded(value, _MAX_GIVEN + 1)
    text = _one_line(text)
    if len(text) > _MAX_GIVEN:
        text = text[: _MAX_GIVEN - 1] + "…"
    return text


def _bounded(value: Any, budget: int) -> str:
    """JSON-like text of a mapping or list, cut once it is `budget` characters long.

    Walks only as far as it prints: a value built from aliases (a YAML alias bomb) or one that
    contains itself is never expanded in full (json.dumps would take exponential time or fail).
    """
    out: list[str] = []
    length = 0
    # A stack of iterators of text pieces; containers are expanded lazily.
    stack = [iter([value])]
    seen: set[int] = set()
    while stack and length < budget:
        try:
            item = next(stack[-1])
        except StopIteration:
            stack.pop()
            continue
        if isinstance(item, _Text):
            piece = str(item)
        elif isinstance(item, (dict, list, tuple)):
            if id(item) in seen:
                piece = "[...]"
            else:
                seen.add(id(item))
                stack.append(_pieces(item))
                continue
        else:
            try:
                piece = json.dumps(item, ensure_ascii=False, default=str)
            except (TypeError, ValueError):
                piece = repr(item)
        out.append(piece)
        length += len(piece)
    return "".join(out)


class _Text(str):
    """A piece of `_bounded`'s output written as-is (brackets, commas)."""


def _pieces(container: dict | list | tuple):
    """The pieces of a container for `_bounded`: punctuation as `_Text`, items as values."""
    if isinstance(container, dict):
        yield _Text("{")
        for i, (key, item) in enumerate(container.items()):
            yield _Text(", " if i else "")
            yield str(key) if not isinstance(key, str) else key
            yield _Text(": ")
            yield item
        yield _Text("}")
    else:
        yield _Text("[")
        for i, item in enumerate(container):
            yield _Text(", " if i else "")
            yield item
        yield _Text("]")


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
