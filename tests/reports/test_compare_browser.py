"""The compare page in a real browser (headless Chromium through Playwright, tests/browser.py):
four Hangzhou scenarios — the most the page is laid out for — at a desktop's 1,280 px and a
phone's 390 px, and printed to A4 PDF.

It checks what a reader would see: nothing wider than the window (the page, and every element,
also content overflowing its own box), the embedded Chinese font in use (no system font
needed), A4 pages, every scenario's column and every source note in the printed text, the
matrix on the first page alone, and the page count with no page left nearly empty.

With HEALTH_SIM_SCREENSHOTS=<folder> it also saves the screenshots of docs/images/
(compare_desktop.png, compare_phone.png, compare_phone_targets.png, compare_pdf_page2.png).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from sim.core.paths import CALIBRATION_DIR, SCENARIOS_DIR
from sim.inputs.scenario import load_scenario
from sim.reports.compare import compare, source_text
from tests.browser import DESKTOP, PHONE, poppler

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # runs 4 scenarios, draws 14 charts

FILES = [SCENARIOS_DIR / "hangzhou" / f"{name}.yaml"
         for name in ("baseline", "low_fertility", "gp_expansion", "high_in_migration")]
TITLES = [load_scenario(f).title_in("zh") for f in FILES]
# Read directly, not through sim.analysis.targets, so that a loader bug cannot hide a row.
TARGETS = yaml.safe_load((CALIBRATION_DIR / "hangzhou" / "targets.yaml").read_text(
    encoding="utf-8"))["targets"]
A4_POINTS = (595.3, 841.9)  # 210 × 297 mm
# Pages of this comparison: 1 the title and the matrix; 2 the target table and source notes
# 1-13; 3 notes 14-16 and the first two of the 13 indicator charts; 4-9 the other 11, two a
# page; 10 the pyramid; 11 the assumptions. Recount when targets or charts are added.
EXPECTED_PAGES = 11
# A page (but the last) whose content ends above this share of its height is "nearly empty"
# (a page with one chart of two reaches ~0.43).
LEAST_FILL = 0.35

# The elements that hold the page's text (the charts' text is drawn as paths).
TEXT_ELEMENTS = "h1, h2, h3, p, nav a, th, td, li, dt, dd, figcaption, footer, span, code, sup a"
# Every element (but the inside of a chart) that reaches beyond the window, or whose content
# overflows its own box (text wider than its cell), as [tag, class, left, right, text].
OVERFLOWING = """(width) => {
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const r = el.getBoundingClientRect();
    const beyond = r.right > width + 0.5 || r.left < -0.5;
    const spills = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
    if (beyond || spills) found.push([el.tagName, String(el.className.baseVal ?? el.className),
                                      Math.round(r.left), Math.round(r.right),
                                      (el.textContent || '').trim().slice(0, 40)]);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    return compare(FILES, out=tmp_path_factory.mktemp("compare"), lang="zh") / "compare.html"


@pytest.fixture(scope="module")
def pdf(browser, page_file, tmp_path_factory) -> Path:  # noqa: F811
    path = tmp_path_factory.mktemp("pdf") / "compare.pdf"
    page = browser.new_page()
    page.goto(page_file.as_uri())
    page.emulate_media(media="print")
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    page.close()
    return path


def screenshots_folder() -> Path | None:
    folder = os.environ.get("HEALTH_SIM_SCREENSHOTS")
    return Path(folder) if folder else None


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_nothing_is_wider_than_the_window(browser, page_file, viewport):  # noqa: F811
    page = browser.new_page(viewport=viewport)
    page.goto(page_file.as_uri())
    width = viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(OVERFLOWING, width) == []
    # the charts take the column's full width
    charts = page.evaluate("""() => [...document.querySelectorAll('svg.chart')].map(
        s => [s.getBoundingClientRect().width, s.parentElement.getBoundingClientRect().width])""")
    assert len(charts) == 14 and all(w >= 0.99 * column for w, column in charts)
    folder = screenshots_folder()
    if folder is not None:
        name = "desktop" if width == DESKTOP["width"] else "phone"
        page.screenshot(path=str(folder / f"compare_{name}.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": width, "height": 1600})
        if name == "phone":  # the target table as cards
            top = page.evaluate("document.getElementById('targets').offsetTop")
            page.screenshot(path=str(folder / "compare_phone_targets.png"), full_page=True,
                            clip={"x": 0, "y": top, "width": width, "height": 1200})
    page.close()


def test_all_text_is_drawn_with_the_embedded_fonts(browser, page_file):  # noqa: F811
    """Chromium's own account (DevTools CSS.getPlatformFontsForNode) of the fonts that draw
    each text element: the embedded faces only, never a system font (the page needs none)."""
    page = browser.new_page()
    page.goto(page_file.as_uri())
    page.evaluate("document.fonts.ready.then(() => true)")
    devtools = page.context.new_cdp_session(page)
    devtools.send("DOM.enable")
    devtools.send("CSS.enable")
    root = devtools.send("DOM.getDocument")["root"]["nodeId"]
    nodes = devtools.send("DOM.querySelectorAll", {"nodeId": root, "selector": TEXT_ELEMENTS})
    used: dict[tuple, int] = {}
    for node in nodes["nodeIds"]:
        for font in devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            key = (font["familyName"], font["isCustomFont"])
            used[key] = used.get(key, 0) + font["glyphCount"]
    page.close()
    assert len(nodes["nodeIds"]) > 300
    assert {key for key in used if not key[1]} == set(), used   # no system font
    assert used[("Noto Sans CJK SC Regular", True)] > 5000, used


def test_the_pdf_embeds_no_system_font(pdf):
    """The printed page (its page numbers too) uses the embedded faces: Noto Sans CJK, a CFF
    font, which Chromium's PDF writer embeds as Type 3 fonts, and DejaVu Sans for ✗."""
    listing = subprocess.run([poppler("pdffonts"), str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in listing}
    assert names <= {"[none]", "DejaVuSans"}, names
    assert any(line.split()[1:3] == ["Type", "3"] for line in listing)


@pytest.fixture(scope="module")
def pdf_pages(pdf) -> list[str]:
    """The text of each page (pdftotext), without white space (table cells wrap)."""
    info = subprocess.run([poppler("pdfinfo"), "-f", "1", "-l", "999", str(pdf)],
                          capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)
    assert sizes and all(abs(float(w) - A4_POINTS[0]) < 1 and abs(float(h) - A4_POINTS[1]) < 1
                         for w, h in sizes), "not A4"
    text = subprocess.run([poppler("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = [squeeze(page) for page in text.split("\f")]
    return pages[:-1] if pages and not pages[-1] else pages


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_printed_pdf_has_every_scenario_and_every_source(pdf_pages):
    pages = pdf_pages
    first, table = pages[0], pages[1]
    for title in TITLES:
        assert squeeze(title) in first, title           # a column of the matrix
        assert squeeze(title) in table, title           # a column of the target table
    assert table.count("变化") >= len(TITLES) - 1      # a change column for each but the first
    text = "".join(pages)
    for n, target in enumerate(TARGETS, 1):
        # the note: its number, the target's id and the source with the plan's title and line
        assert squeeze(f"{target['id']}：{source_text(target['source'], 'zh')}") in text, n
    assert "《杭州市卫生健康事业发展“十四五”规划》第182行" in text
    assert "seeds/000_" not in text  # plan documents by title, never by file


def test_matrix_alone_on_the_first_page(pdf_pages):
    pages = pdf_pages
    assert "一览：情景×规划目标" in pages[0]
    assert pages[0].count("达成8/14") == len(TITLES)  # the counts row closes the matrix
    assert "目标编号与依据" not in pages[0] and "目标编号与依据" in "".join(pages[1:3])


def page_fill(pdf: Path, tmp_path: Path) -> list[float]:
    """Per page: how far down its content reaches, as a share of the page's height (the page
    number in the bottom margin left out)."""
    subprocess.run([poppler("pdftoppm"), "-r", "20", "-gray", str(pdf), str(tmp_path / "p")],
                   check=True)
    fills = []
    for image in sorted(tmp_path.glob("p-*.pgm")):
        data = image.read_bytes()
        header = data.split(b"\n", 3)
        width, height = map(int, header[1].split())
        pixels = header[3]
        bottom = int(height * (1 - 15 / 297))  # above the 15 mm margin with the page number
        rows = [y for y in range(bottom) if min(pixels[y * width:(y + 1) * width]) < 200]
        fills.append((max(rows) + 1) / height if rows else 0.0)
    return fills


def test_page_count_and_no_nearly_empty_page(pdf, pdf_pages, tmp_path):
    fills = page_fill(pdf, tmp_path)
    assert len(fills) == EXPECTED_PAGES, fills
    assert all(f >= LEAST_FILL for f in fills[:-1]), " ".join(f"{f:.2f}" for f in fills)
    assert len(pdf_pages) == EXPECTED_PAGES
    folder = screenshots_folder()
    if folder is not None:
        subprocess.run([poppler("pdftoppm"), "-r", "80", "-png", "-f", "2", "-l", "2",
                        "-singlefile", str(pdf), str(folder / "compare_pdf_page2")], check=True)
