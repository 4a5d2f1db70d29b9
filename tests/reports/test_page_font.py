"""The fonts embedded in a page (sim.reports.page_font): a subset of the page's characters."""

import base64
import io
import re

from fontTools.ttLib import TTFont

from sim.reports.page_font import CJK_FAMILY, SYMBOL_FAMILY, embedded_font


def faces(css: str) -> dict[str, TTFont]:
    found = {}
    for family, data in re.findall(
            r'font-family: "([^"]+)";[^}]*url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)', css):
        found[family] = TTFont(io.BytesIO(base64.b64decode(data)))
    return found


def test_subset_holds_the_page_characters_and_no_more():
    text = "杭州市规划目标：达成 ✓ 未达成 ✗ ≥ 70%"
    font = embedded_font(text)
    fonts = faces(font.css)
    assert set(fonts) == {CJK_FAMILY, SYMBOL_FAMILY}
    cjk = set(map(chr, fonts[CJK_FAMILY].getBestCmap()))
    assert set(text) - {"✗"} <= cjk  # ✓ and ≥ are in Noto Sans CJK
    assert "✗" not in cjk and "✗" in set(map(chr, fonts[SYMBOL_FAMILY].getBestCmap()))
    assert "海" not in cjk and len(cjk) < 40  # a subset: not the font's 44,000 glyphs
    assert font.missing_chars == ""
    assert len(font.css) < 60_000


def test_the_space_is_in_the_subset():
    """Without it every space would come from another (system) font."""
    font = embedded_font("规划")
    assert " " in font.cjk_chars


def test_an_english_page_sets_its_latin_text_in_dejavu_sans():
    """Noto Sans CJK would set “ ” full width in English text; the city's name stays CJK."""
    font = embedded_font("“Key assumptions” 杭州", "en")
    assert "“" in font.symbol_chars and "K" in font.symbol_chars
    assert set(font.cjk_chars) == {"杭", "州"}


def test_every_word_of_the_compare_page_has_a_glyph():
    """Nothing of the page's own text is left to the reader's fonts (tofu without them)."""
    from sim.reports.compare_html import MARKS
    from sim.reports.compare_text import TEXT

    for lang in ("zh", "en"):
        words = "".join(entry[lang] for entry in TEXT.values()) + "".join(MARKS.values())
        assert embedded_font(words, lang).missing_chars == "", lang
