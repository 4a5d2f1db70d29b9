"""Tables for the terminal, aligned by display width: a Chinese character takes two columns of
a terminal (Unicode East Asian width W or F), so padding by `len` misaligns Chinese tables.

`text_table` pads every cell to its column's display width and, given `max_width`, wraps the
widest wrappable columns (at spaces, after `_` or `/`, or between Chinese characters) until the
table fits, so English tables stay readable in a 120-column terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = ["display_width", "pad", "wrap", "text_table"]

GAP = "  "


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: 2 for wide and full-width characters, 0 for
    combining marks, 1 otherwise."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int, align: str = "<") -> str:
    """`text` padded with spaces to `width` display columns (align "<" left, ">" right)."""
    fill = " " * max(0, width - display_width(text))
    return text + fill if align == "<" else fill + text


# A piece that may end a line: a run of non-space characters up to and including `_` or `/`,
# one wide character, or a word with the spaces after it.
_PIECE = re.compile(r"[^\s_/]*[_/]|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]\s*|[^\s_/"
                    r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+")


def wrap(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` display columns (a piece longer than
    `width` is cut)."""
    if display_width(text) <= width:
        return [text]
    lines, line = [], ""
    for piece in _PIECE.findall(text):
        while display_width(piece.rstrip()) > width:  # a piece too long for any line: cut it
            if line:
                lines.append(line.rstrip())
                line = ""
            head = ""
            for char in piece:
                if display_width(head + char) > width:
                    break
                head += char
            lines.append(head)
            piece = piece[len(head):]
        if display_width((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _min_width(cells: list[str]) -> int:
    """The narrowest a column can wrap to: its longest unbreakable piece (at most 12 columns:
    longer pieces are cut)."""
    pieces = [display_width(p.rstrip()) for c in cells for p in _PIECE.findall(c)]
    return max(1, min(12, max(pieces, default=1)))


def _height(columns: list[list[str]], widths: list[int]) -> int:
    """Lines the table takes with these column widths (a row is as tall as its tallest cell)."""
    return sum(max(len(wrap(column[i], width)) for column, width in zip(columns, widths))
               for i in range(len(columns[0])))


def _fit(columns: list[list[str]], widths: list[int], floors: list[int], room: int) -> None:
    """Narrow `widths` (in place, not below `floors`) until they sum to at most `room`: each
    step takes one column from the column where that makes the table least taller (the widest
    of those)."""
    while sum(widths) > room:
        shrinkable = [j for j in range(len(widths)) if widths[j] > floors[j]]
        if not shrinkable:
            return

        def height(j: int) -> int:
            return _height(columns, [w - (k == j) for k, w in enumerate(widths)])

        best = min(shrinkable, key=lambda j: (height(j), -widths[j]))
        widths[best] -= 1


def text_table(headers: Sequence[str], rows: Sequence[Sequence[object]],
               align: Sequence[str] | None = None, max_width: int | None = None,
               wrappable: Sequence[bool] | None = None) -> str:
    """The table as lines of text: a header row, a rule and the rows, columns separated by two
    spaces and padded by display width. `align`: "<" or ">" per column (default: left);
    `wrappable`: the columns whose cells may wrap to fit `max_width` (default: all; headers
    may always wrap)."""
    n = len(headers)
    align = list(align or ["<"] * n)
    wrappable = list(wrappable if wrappable is not None else [True] * n)
    cells = [[str(x) for x in row] for row in rows]
    columns = [[headers[j], *(row[j] for row in cells)] for j in range(n)]
    widths = [max(display_width(c) for c in column) for column in columns]
    # a column that may not wrap keeps its cells whole; its header may still wrap
    floors = [_min_width(column) if wrappable[j] else
              max([_min_width(column[:1]), *(display_width(c) for c in column[1:])])
              for j, column in enumerate(columns)]
    if max_width is not None:
        _fit(columns, widths, floors, max_width - len(GAP) * (n - 1))
    out = []
    for k, row in enumerate([list(headers), *cells]):
        wrapped = [wrap(cell, widths[j]) for j, cell in enumerate(row)]
        for i in range(max(len(w) for w in wrapped)):
            parts = [pad(w[i] if i < len(w) else "", widths[j], align[j])
                     for j, w in enumerate(wrapped)]
            out.append(GAP.join(parts).rstrip())
        if k == 0:
            out.append(GAP.join("-" * w for w in widths))
    return "\n".join(out)
