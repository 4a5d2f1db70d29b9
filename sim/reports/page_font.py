"""Fonts embedded in an HTML page: a subset of the characters the page uses, as `@font-face`
rules with `data:` URLs, so that a page renders its Chinese without any system font and stays
one file that opens offline.

The faces:

- Noto Sans CJK SC Regular (SIL Open Font License 1.1, which allows subsetting and
  embedding), the file the `mplfonts` package ships (sim.reports.fonts.cjk_font_path): the
  face the charts use. A package font rather than a system one: the build machine has no CJK
  font (`fc-list :lang=zh` is empty), and a font from a declared dependency gives every machine
  the same page.
- DejaVu Sans (Bitstream Vera licence), the file matplotlib ships: on a Chinese page for the
  few marks Noto Sans CJK lacks (✗); on an English page for the Latin text (font_stack).

fontTools subsets them to the page's characters and writes WOFF2 (brotli): ~40 KB for a
Chinese compare page of ~300 distinct characters.
"""

from __future__ import annotations

import base64
import importlib.util
import io
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from sim.reports.fonts import cjk_font_path

#: Family names of the embedded faces.
CJK_FAMILY = "health-sim Noto Sans CJK SC"
SYMBOL_FAMILY = "health-sim DejaVu Sans"


def font_stack(lang: str) -> str:
    """The CSS font stack of a page in `lang`: a Chinese page draws every character Noto Sans
    CJK has with it (full-width quotes and punctuation), DejaVu Sans the rest; an English page
    draws its Latin text with DejaVu Sans (Noto Sans CJK would set “ ” full width) and its
    Chinese (a city's name, a plan's title) with Noto Sans CJK."""
    order = (CJK_FAMILY, SYMBOL_FAMILY) if lang == "zh" else (SYMBOL_FAMILY, CJK_FAMILY)
    return ", ".join(f'"{family}"' for family in order) + ", sans-serif"
# Name records kept in a subset: family and style names (1-6) and the licence (13, 14).
_NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]


def dejavu_sans_path() -> Path:
    """DejaVu Sans as matplotlib ships it (found without importing matplotlib)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("matplotlib is not installed: DejaVu Sans comes with it")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"


@dataclass(frozen=True)
class EmbeddedFont:
    """The `@font-face` rules of a page and which characters each face covers."""
    css: str
    cjk_chars: str          # the characters drawn from the CJK face
    symbol_chars: str       # from DejaVu Sans (the Latin text of an English page)
    missing_chars: str      # in neither (left to the reader's fonts)


def _covered(font: TTFont, chars: set[str]) -> set[str]:
    cmap = font.getBestCmap()
    return {c for c in chars if ord(c) in cmap}


def _subset_woff2(font: TTFont, chars: str) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.name_IDs = _NAME_IDS
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # a FontForge timestamp fontTools cannot subset
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def _face(family: str, data: bytes) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return (f'@font-face {{ font-family: "{family}"; font-style: normal; font-weight: 400; '
            f'src: url(data:font/woff2;base64,{encoded}) format("woff2"); }}')


def embedded_font(text: str, lang: str = "zh") -> EmbeddedFont:
    """The faces for the characters of `text` (the page's visible text: no markup needed, but
    markup does no harm beyond a few more Latin glyphs), each character in the face that
    `font_stack(lang)` draws it with."""
    # the space too: a face without it would leave every space to another font
    chars = {c for c in text if c.isprintable()} | {" ", "\u00a0"}
    # each file read once (lazily): its character map, then the subset in place
    cjk_font = TTFont(str(cjk_font_path()), lazy=True)
    symbol_font = TTFont(str(dejavu_sans_path()), lazy=True)
    if lang == "zh":
        cjk = _covered(cjk_font, chars)
        symbols = _covered(symbol_font, chars - cjk)
    else:
        symbols = _covered(symbol_font, chars)
        cjk = _covered(cjk_font, chars - symbols)
    faces = []
    if cjk:
        faces.append(_face(CJK_FAMILY, _subset_woff2(cjk_font, "".join(sorted(cjk)))))
    if symbols:
        faces.append(_face(SYMBOL_FAMILY, _subset_woff2(symbol_font, "".join(sorted(symbols)))))
    return EmbeddedFont("\n".join(faces), "".join(sorted(cjk)), "".join(sorted(symbols)),
                        "".join(sorted(chars - cjk - symbols)))
