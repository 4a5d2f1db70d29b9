"""A font that renders Chinese chart labels, registered with matplotlib.

Noto Sans CJK SC (SIL Open Font License) comes with the `mplfonts` package, a declared
dependency, so a bare machine needs no system font. We only register the file; we do not
use mplfonts' own rc settings.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"


def cjk_font_path() -> Path:
    return Path(str(resources.files("mplfonts") / "fonts" / CJK_FONT_FILE))


@lru_cache(maxsize=1)
def cjk_font_family() -> str:
    """Register the CJK font with matplotlib and return its family name."""
    from matplotlib import font_manager  # heavy: matplotlib, only where charts are drawn

    path = cjk_font_path()
    if not path.exists():
        raise FileNotFoundError(f"CJK font missing: {path} (reinstall the 'mplfonts' package)")
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def use_fonts(lang: str) -> None:
    """Set matplotlib's fonts: the CJK font first for Chinese, after DejaVu Sans for English."""
    import matplotlib as mpl  # heavy: matplotlib, only where charts are drawn

    family = cjk_font_family()
    # A list in font.family gives per-glyph fallback (matplotlib >= 3.6): Chinese characters
    # in an English chart (a city's name) still come from the CJK font.
    mpl.rcParams["font.family"] = [family, "DejaVu Sans"] if lang == "zh" else ["DejaVu Sans",
                                                                             family]
    mpl.rcParams["axes.unicode_minus"] = False
