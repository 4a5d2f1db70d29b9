"""Strict, read-only YAML reading for analyst-edited files.

Plain ``yaml.safe_load`` silently keeps the last of two duplicate keys, which in a scenario file
means one of two contradictory edits wins unseen. `StrictLoader` rejects duplicates, and
`read_yaml` turns every YAML problem (syntax, duplicates, empty file, top level not a mapping) into
a one-line `InputError` naming the file. This module never writes files.

**Bounds, checked before anything is built** (issue 14): a file of more than `MAX_FILE_BYTES`
is refused before it is parsed, and `check_bounds` walks the parser's event stream (flat: no
recursion, no object built) and refuses nesting deeper than `MAX_DEPTH`, more than `MAX_VALUES`
keys and values counted with every alias (``*name``) expanded, an alias inside the value it
names (a structure that contains itself) and numbers longer than `MAX_NUMBER_CHARS`
characters. So an alias bomb, a 1,000-level nesting or a 5,000-digit integer is one line at
once, and nothing downstream (schema, error rendering) ever meets an expanded alias bomb.
The limits are our convention, far above any file of the project (a region profile: 53 kB,
about 1,600 values, 6 levels).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    ScalarEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sim.core.errors import MISSING, InputError, Verbatim, full_width_note

__all__ = ["StrictLoader", "read_yaml", "read_yaml_with_hash", "parse_yaml_text",
           "check_bounds", "MAX_FILE_BYTES", "MAX_DEPTH", "MAX_VALUES", "MAX_NUMBER_CHARS"]

#: Largest input file read, in bytes (1 MB; our convention, a region profile is 53 kB).
MAX_FILE_BYTES = 1_000_000
#: Deepest nesting of mappings and lists (a scenario needs 5, a profile 6).
MAX_DEPTH = 50
#: Most keys and values in a file, every alias counted as often as it is used (a profile: ~1,600).
MAX_VALUES = 100_000
#: Longest number, in characters (a year has 4, a population 8, a float ~20).
MAX_NUMBER_CHARS = 50
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")

_MERGE_TAG = "tag:yaml.org,2002:merge"
_WELL_FORMED = ("well-formed YAML: 'key: value' lines, nesting by consistent space indentation "
                "(no tabs), matching quotes and brackets")
_A_MAPPING = "a mapping of 'key: value' lines at the top level"


if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader  # same interface; the stubs cannot follow a getattr base
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_SafeLoader):
    """SafeLoader that raises `InputError` on a duplicate mapping key. Built on libyaml's C
    parser where PyYAML has it (5x faster on a region profile and its fit; same documents).

    The error names the dotted path of the key and the line numbers of both occurrences. Set
    ``loader.file`` before loading so the error can name the file.
    """

    file: Path | None = None

    def construct_document(self, node: Node) -> Any:
        # Index the dotted path of every mapping before construction, so a duplicate found deep
        # inside can be reported as e.g. `assumptions.population.tfr`.
        self._paths: dict[int, str] = {}
        _index_paths(node, "", self._paths)
        return super().construct_document(node)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict:
        # Typed as PyYAML's own; a `!!map` tag on a scalar still arrives here, and PyYAML's
        # construct_mapping below reports it.
        if isinstance(node, MappingNode):
            first_line: dict[Any, int] = {}
            for key_node, _value in node.value:
                if key_node.tag == _MERGE_TAG:
                    continue  # `<<: *anchor` merges may legitimately be overridden
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    continue  # unhashable keys: let SafeLoader report them
                line = key_node.start_mark.line + 1
                if key in first_line:
                    parent = getattr(self, "_paths", {}).get(id(node), "")
                    dotted = f"{parent}.{key}" if parent else str(key)
                    raise InputError(
                        self.file, dotted, Verbatim(str(key)),
                        "each key once per mapping (delete or merge one of them)",
                        f"duplicate key (first at line {first_line[key]}, again at line {line})")
                first_line[key] = line
        return super().construct_mapping(node, deep=deep)


def _index_paths(node: Node, path: str, out: dict[int, str]) -> None:
    """Record the dotted path of every node under `node` (first path wins for aliased nodes)."""
    if id(node) in out:
        # An alias (*x) reuses a node: visiting it again could loop forever (recursive anchors)
        # or blow up exponentially (nested aliases).
        return
    out[id(node)] = path
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            nested = isinstance(key_node, (MappingNode, SequenceNode))
            name = "?" if nested else str(key_node.value)
            _index_paths(value_node, f"{path}.{name}" if path else name, out)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _index_paths(item, f"{path}.{i}" if path else str(i), out)


def _line_text(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def _where(event) -> str:
    mark = event.start_mark
    return f"line {mark.line + 1}, column {mark.column + 1}"


def check_bounds(text: str, file: str | os.PathLike[str] | None = None) -> None:
    """Raise `InputError` if `text` nests deeper than `MAX_DEPTH`, holds more than `MAX_VALUES`
    keys and values with aliases expanded, an alias inside its own anchor, or a number longer
    than `MAX_NUMBER_CHARS`. Reads parser events only: time and memory linear in the text.
    Malformed YAML raises PyYAML's error (`parse_yaml_text` words it)."""
    loader = _SafeLoader(text)
    # Each open mapping or list: [values counted so far, its anchor or None].
    stack: list[list] = []
    sizes: dict[str, int] = {}      # anchor -> values it holds, aliases expanded
    total = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise InputError(file, _where(event), Verbatim(
                        f"nesting deeper than {MAX_DEPTH} levels"),
                        f"at most {MAX_DEPTH} levels of nested mappings and lists",
                        "nested too deeply")
                stack.append([1, event.anchor])
                continue
            if isinstance(event, CollectionEndEvent):
                size, anchor = stack.pop()
                if anchor is not None:
                    sizes[anchor] = size
            elif isinstance(event, AliasEvent):
                if any(anchor == event.anchor for _, anchor in stack):
                    raise InputError(file, _where(event), Verbatim(f"*{event.anchor}"),
                                     "an alias to a value completed before it",
                                     "an alias inside the value it names (a structure that "
                                     "contains itself)")
                size = sizes.get(event.anchor or "", 1)  # undefined: the composer says so
            elif isinstance(event, ScalarEvent):
                size = 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
                value = event.value
                if (len(value) > MAX_NUMBER_CHARS and not event.style and event.implicit[0]
                        and loader.resolve(ScalarNode, value, event.implicit) in _NUMBER_TAGS):
                    raise InputError(file, _where(event), Verbatim(
                        f"a number of {len(value):,} characters"),
                        f"a number of at most {MAX_NUMBER_CHARS} characters", "number too long")
            else:
                continue  # stream and document start and end
            if stack:
                stack[-1][0] += size
                size = stack[-1][0]
            else:
                total += size
                size = total
            if size > MAX_VALUES:
                raise InputError(file, _where(event), Verbatim(
                    f"more than {MAX_VALUES:,} keys and values (aliases counted each time "
                    "they are used)"),
                    f"at most {MAX_VALUES:,} keys and values, each alias (*name) counted as "
                    "the values it stands for", "too many values")
    finally:
        loader.dispose()


def parse_yaml_text(text: str, file: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Parse YAML `text` strictly; the top level must be a non-empty mapping.

    `file` is only used in error messages. The bounds (`check_bounds`) are checked first.
    """
    try:
        loader = StrictLoader(text)
    except UnicodeError:  # a lone surrogate in a str given by a caller (files are decoded)
        raise InputError(file, "(top level)", Verbatim("a character that is not Unicode text"),
                         "text that can be saved as UTF-8", "not UTF-8 text") from None
    loader.file = Path(file) if file is not None else None
    try:
        check_bounds(text, file)
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else 0
        offending = _line_text(text, line)
        if not offending and exc.context_mark is not None:
            # e.g. an unclosed bracket reported at end of file: show where it was opened.
            offending = _line_text(text, exc.context_mark.line + 1)
        what = ": ".join(p for p in (exc.context, exc.problem) if p) or "syntax error"
        # A full-width colon or space one line up often breaks the line the parser reports.
        nearby = " ".join(_line_text(text, n) for n in (line - 1, line))
        note = full_width_note(nearby)
        if note:
            what = f"{what}; {note}"
        raise InputError(file, f"line {line}, column {column}", offending or MISSING, _WELL_FORMED,
                         f"malformed YAML ({what})") from None
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        raise InputError(file, "(top level)", Verbatim(str(exc).split("\n")[0]), _WELL_FORMED,
                         "malformed YAML") from None
    finally:
        loader.dispose()
    if data is None:
        raise InputError(file, "(top level)", Verbatim("an empty file"), _A_MAPPING,
                         "the file is empty (or only comments)")
    if not isinstance(data, dict):
        raise InputError(file, "(top level)", data, _A_MAPPING, "the top level is not a mapping")
    return data


def read_yaml_with_hash(path: str | os.PathLike[str]) -> tuple[dict[str, Any], str]:
    """Read `path` (read-only) and return (mapping, sha256 hex of the file bytes).

    Hashing the same bytes that were parsed makes the recorded hash match what was run even if
    the file is edited concurrently.
    """
    path = Path(path)
    try:
        with open(path, "rb") as stream:
            # at most one byte over the limit: a huge file (or /dev/zero) is never read whole
            raw = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "(file)", Verbatim(str(path)), "an existing YAML file",
                         "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "(file)", Verbatim(str(path)), "a YAML file, not a folder",
                         "is a folder") from None
    except OSError as exc:
        raise InputError(path, "(file)", Verbatim(str(path)), "a readable YAML file",
                         f"cannot read file ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        # a regular file's size; a device or pipe only has "more than the limit"
        shown = (f"{path.stat().st_size:,} bytes" if path.is_file()
                 else f"more than {MAX_FILE_BYTES:,} bytes")
        raise InputError(path, "(file)", Verbatim(shown),
                         f"a file of at most 1 MB ({MAX_FILE_BYTES:,} bytes)", "file too large")
    try:
        # utf-8-sig: tolerate the byte-order mark some Windows editors add.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, f"line {line}", Verbatim(repr(raw[exc.start:exc.start + 4])),
                         "text saved as UTF-8", "not UTF-8 text") from None
    return parse_yaml_text(text, path), hashlib.sha256(raw).hexdigest()


def read_yaml(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read the YAML mapping in `path`; raise `InputError` for any problem (see module doc)."""
    return read_yaml_with_hash(path)[0]
