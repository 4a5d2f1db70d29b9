"""Chinese labels render: the shipped CJK font has a glyph for every character we print."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from sim.model.outputs import OUTPUTS  # noqa: E402
from sim.reports.fonts import cjk_font_path, use_fonts  # noqa: E402
from sim.reports.labels import TEXT  # noqa: E402


def chinese_texts():
    yield from (entry["zh"] for entry in TEXT.values())
    yield from (o.label_zh for o in OUTPUTS)
    yield from ("杭州市", "丽水市", "佳木斯市")


def test_font_has_every_character_we_print():
    font = FT2Font(str(cjk_font_path()))
    missing = {ch for text in chinese_texts() for ch in text
               if not ch.isspace() and font.get_char_index(ord(ch)) == 0}
    assert not missing, f"characters without a glyph: {sorted(missing)}"


def test_a_chinese_chart_draws_without_missing_glyphs(tmp_path):
    use_fonts("zh")
    fig, ax = plt.subplots()
    ax.set_title("杭州市人口金字塔:2020年与2035年")
    ax.set_xlabel("人数(千人)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "zh.png")
    plt.close(fig)
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_the_test_would_notice_a_missing_glyph(tmp_path):
    """Guard: with a Latin-only font the same chart does warn, so the test above can fail."""
    import matplotlib as mpl

    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = ["DejaVu Sans"]
    fig, ax = plt.subplots()
    ax.set_title("杭州市")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "latin.png")
    plt.close(fig)
    assert [w for w in caught if "missing from font" in str(w.message)]
