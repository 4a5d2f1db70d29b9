"""Which characters of the page's CJK font go into which slice, and the CSS that declares them.

The what-if page falls back to Noto Sans CJK SC (16 MB) on a machine without a Chinese font.
Like Google Fonts' CJK families, the app serves it in slices: each a WOFF2 subset
(sim.interfaces.serve.font_cache) declared by an `@font-face` rule of its own with a
`unicode-range`, so that the browser fetches only the slices holding characters on the page.

- Slice 0 holds what the page is likely to show: ASCII, Latin-1, general and CJK punctuation,
  the fullwidth forms, and every non-ASCII character of the text the page and its API draw from
  (`page_characters`): ~1,100 characters, ~150 KB.
- The rest of the font's character map follows by code point, in slices of `SLICE_SIZE`
  characters. Their boundaries are cut from the whole map, not from what slice 0 leaves: a new
  word in a label changes slice 0 and the slices that held its characters, not every slice
  after it (a changed slice has a new address and cache file: font_cache).

Every character of the font is in exactly one slice, so no character can lose its glyph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from sim.core.paths import PROJECT_ROOT

#: The family the page's style asks for after the system fonts (static/style.css).
FAMILY = "Sim CJK"
#: Characters in each slice after the first (~100 KB of WOFF2; 91 slices in all, about as many
#: as Google Fonts cuts Noto Sans SC into).
SLICE_SIZE = 500
#: Code point ranges that go into slice 0 whatever the page's text: the Latin and punctuation
#: written with Chinese (a planner's own scenario title may use any of them).
COMMON_RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF01, 0xFF5E))
#: The files whose text the page shows: the page itself, the label dictionaries and messages of
#: the Python code (its comments hold no Chinese, so the whole file is read: no parsing), the
#: plans' targets and the scenario library (titles). Relative to the project root.
PAGE_TEXT_FILES = ("sim/interfaces/serve/static/*", "sim/**/*.py", "calibration/*/targets.yaml",
                   "scenarios/**/*.yaml")
#: Of a region's profile.yaml the page shows only its name (the rest are sources and notes).
PROFILE_NAME = re.compile(r"^name_zh:(.*)$", re.MULTILINE)
NON_ASCII = re.compile(r"[^\x00-\x7f]")


def page_characters(root: Path = PROJECT_ROOT) -> set[int]:
    """The code points of every non-ASCII character in the page's text (PAGE_TEXT_FILES and
    the regions' names), and of COMMON_RANGES."""
    texts = [path.read_text(encoding="utf-8", errors="replace")
             for pattern in PAGE_TEXT_FILES for path in sorted(root.glob(pattern))
             if path.is_file()]
    for profile in sorted(root.glob("calibration/*/profile.yaml")):
        texts += PROFILE_NAME.findall(profile.read_text(encoding="utf-8", errors="replace"))
    found = {ord(c) for text in texts for c in NON_ASCII.findall(text)}
    return found | {c for low, high in COMMON_RANGES for c in range(low, high + 1)}


def slice_characters(cmap: Iterable[int], first: set[int],
                     size: int = SLICE_SIZE) -> list[tuple[int, ...]]:
    """The font's code points (`cmap`) in slices: those in `first`, then the rest by code point
    in runs cut every `size` characters of the whole map (module docstring)."""
    ordered = sorted(set(cmap))
    slices = [tuple(c for c in ordered if c in first)]
    for start in range(0, len(ordered), size):
        rest = tuple(c for c in ordered[start:start + size] if c not in first)
        if rest:
            slices.append(rest)
    return [s for s in slices if s]


def unicode_range(codepoints: Iterable[int]) -> str:
    """CSS `unicode-range` of exactly `codepoints`: runs of consecutive code points as ranges."""
    runs: list[list[int]] = []
    for c in sorted(codepoints):
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return ", ".join(f"U+{low:X}" if low == high else f"U+{low:X}-{high:X}"
                     for low, high in runs)


def font_faces(slices: Sequence[Sequence[int]], urls: Sequence[str]) -> str:
    """One `@font-face` rule per slice (its WOFF2 at the matching address of `urls`). The
    machine's own Noto Sans CJK SC comes first: where it is installed nothing is fetched."""
    return "\n".join(
        f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: 400; '
        'font-display: swap;\n  src: local("Noto Sans CJK SC"), local("NotoSansCJKsc-Regular"), '
        f'url("{url}") format("woff2");\n  unicode-range: {unicode_range(chars)}; }}'
        for chars, url in zip(slices, urls, strict=True)) + "\n"
