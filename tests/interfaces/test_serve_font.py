"""The what-if page's CJK font in slices (sim.interfaces.serve.font_slices, font_cache): every
character of the font in exactly one slice, each slice's WOFF2 holding exactly its characters,
the cache checked before use, and in Chromium, with no font but the app's, the Hangzhou page
fetches a small part of the 16 MB font and draws all its Chinese.

The tests share one empty cache folder (HEALTH_SIM_CACHE), so the project's is untouched and the
slices are made here (~2 s each: only a few are asked for; all 91 took 188 s, too long for the
suite).
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fontTools.ttLib import TTFont

from sim.interfaces.serve import app, font_cache
from sim.interfaces.serve.font_slices import FAMILY
from tests.browser import DESKTOP
from tests.interfaces.live_server import live_server

FULL_FONT = app.cjk_font_path()
#: Font bytes (WOFF2 bodies) the Hangzhou page may fetch when every text is drawn with "Sim CJK"
#: only. Measured: 146,424 bytes in Chinese and in English, one slice each (the first: the
#: page's own characters; the whole font is 16,412,332 bytes).
FONT_BYTES_BOUND = 250_000
RANGE = re.compile(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?")

@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEALTH_SIM_CACHE", str(folder))
        yield folder


@contextmanager
def server() -> Iterator[httpx.Client]:
    """A client of a new server (nothing in its memory)."""
    with live_server() as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def client(cache) -> Iterator[httpx.Client]:
    with server() as client:
        yield client


def faces(css: str) -> dict[str, set[int]]:
    """The address of each `@font-face` rule of `css` and the code points of its unicode-range."""
    found: dict[str, set[int]] = {}
    for url, ranges in re.findall(r'url\("([^"]+)"\) format\("woff2"\);\s*unicode-range: '
                                  r'([^;]+);', css):
        found[url] = {c for low, high in RANGE.findall(ranges)
                      for c in range(int(low, 16), int(high or low, 16) + 1)}
    return found


@pytest.fixture(scope="module")
def slices(client) -> dict[str, set[int]]:
    answer = client.get("/fonts/sim-cjk.css")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/css")
    assert answer.text.count(f'font-family: "{FAMILY}"') == len(faces(answer.text)) > 50
    return faces(answer.text)


def cmap(data: bytes | Path) -> set[int]:
    return set(TTFont(io.BytesIO(data) if isinstance(data, bytes) else str(data)).getBestCmap())


def test_slices_are_disjoint_and_cover_the_whole_font(slices):
    union: set[int] = set().union(*slices.values())
    assert sum(map(len, slices.values())) == len(union)  # no character in two slices
    assert union == cmap(FULL_FONT)                         # none left out, none invented
    assert max(map(len, slices.values())) < 1200


def test_the_first_slice_holds_the_pages_text(slices):
    first = next(iter(slices.values()))
    for text in ("杭州市", "黑龙江省", "佳木斯市", "期限前达成", "家庭医生签约", "情景推演",
                 "How likely? 0-9 ，。：（）"):
        assert {ord(c) for c in text} <= first, text


def served(client, url: str) -> bytes:
    answer = client.get(url)
    assert answer.status_code == 200, url
    assert answer.headers["content-type"] == "font/woff2" and "immutable" in \
        answer.headers["cache-control"]
    assert answer.content[:4] == b"wOF2"
    assert "content-encoding" not in answer.headers     # WOFF2 is compressed already
    return answer.content


def test_the_stylesheet_is_sent_compressed_to_a_browser_that_accepts_it(client):
    packed = client.get("/fonts/sim-cjk.css", headers={"Accept-Encoding": "gzip"})
    plain = client.get("/fonts/sim-cjk.css", headers={"Accept-Encoding": "identity"})
    assert packed.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert packed.text == plain.text
    assert packed.num_bytes_downloaded < len(plain.content) / 3   # measured 56,635 -> 14,282


@pytest.mark.parametrize("which", [0, 1, 45, -1])
def test_a_slice_holds_exactly_its_characters(client, slices, which):
    url = list(slices)[which]
    assert cmap(served(client, url)) == slices[url]


@pytest.mark.parametrize("address", [
    "/fonts/sim-cjk-999-0123456789abcdef.woff2",  # no such slice
    "/fonts/sim-cjk-0-0123456789abcdef.woff2",    # slice 0 with another key (another font)
    "/fonts/NotoSansCJKsc-Regular.otf",           # the whole font is no longer served
    "/fonts/..%2Fapp.py", "/fonts/sim-cjk.css.sha256"])
def test_anything_else_under_fonts_is_404(client, address):
    assert client.get(address).status_code == 404


def test_a_slice_is_kept_and_read_back_without_making_it(cache, client, slices, monkeypatch):
    url = list(slices)[0]
    made = served(client, url)
    kept = cache / "fonts" / url.rsplit("/", 1)[1]
    assert kept.read_bytes() == made and oct(kept.parent.stat().st_mode & 0o777) == "0o700"
    monkeypatch.setattr(font_cache, "make_woff2", lambda *args: pytest.fail("made again"))
    with server() as again:  # a new server: nothing in its memory
        assert served(again, url) == made


def test_a_changed_cached_slice_is_made_afresh(cache, client, slices, capfd):
    url = list(slices)[-1]
    made = served(client, url)
    kept = cache / "fonts" / url.rsplit("/", 1)[1]
    kept.write_bytes(made[:-100] + b"\0" * 100)
    with server() as again:
        assert served(again, url) == made
    assert "its SHA-256 differs from the one recorded; made afresh" in capfd.readouterr().err
    assert kept.read_bytes() == made


def test_slices_of_an_earlier_text_are_removed_after_a_day(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTH_SIM_CACHE", str(tmp_path))
    folder = tmp_path / "fonts"
    folder.mkdir(mode=0o700)
    old, young = folder / "sim-cjk-0-00000000000000aa.woff2", folder / "sim-cjk-0-bb.woff2"
    other = folder / "notes.txt"                       # not a slice: never touched
    for path in (old, old.with_name(old.name + ".sha256"), young, other):
        path.write_bytes(b"x")
    day_and_a_bit = time.time() - 90_000
    os.utime(old, (day_and_a_bit, day_and_a_bit))
    os.utime(old.with_name(old.name + ".sha256"), (day_and_a_bit, day_and_a_bit))
    with server() as client:
        url = list(faces(client.get("/fonts/sim-cjk.css").text))[0]
        served(client, url)                            # the folder is checked on first use
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([young.name, other.name, url.rsplit("/", 1)[1],
                           url.rsplit("/", 1)[1] + ".sha256"])


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, monkeypatch, capfd):
    monkeypatch.setenv("HEALTH_SIM_CACHE", str(tmp_path))
    (tmp_path / "fonts").mkdir(mode=0o777)
    os.chmod(tmp_path / "fonts", 0o777)
    with server() as client:
        url = list(faces(client.get("/fonts/sim-cjk.css").text))[-1]
        planted = tmp_path / "fonts" / url.rsplit("/", 1)[1]
        planted.write_bytes(b"not a font")  # with a matching record: still never served
        planted.with_name(planted.name + ".sha256").write_text(
            font_cache._sha256(b"not a font"))
        assert cmap(served(client, url)) == faces(client.get("/fonts/sim-cjk.css").text)[url]
    assert "is writable by group or others" in capfd.readouterr().err
    assert planted.read_bytes() == b"not a font"  # nothing written there either


def test_without_mplfonts_the_page_uses_the_machines_fonts(monkeypatch):
    monkeypatch.setattr(app, "cjk_font_path", lambda: None)
    with server() as client:
        css = client.get("/fonts/sim-cjk.css")
        assert css.status_code == 200 and "@font-face" not in css.text
        assert client.get("/fonts/sim-cjk-0-0123456789abcdef.woff2").status_code == 404
        assert client.get("/").status_code == 200


# In the browser -----------------------------------------------------------------------------

#: Every text drawn with the app's font only: as on a machine without any Chinese font (this
#: one has none either: `fc-list :lang=zh` is empty), and its Latin text too.
ONLY_THE_APPS_FONT = (
    "document.addEventListener('DOMContentLoaded', () => { const style = "
    "document.createElement('style'); style.textContent = '*, *::before, *::after "
    f"{{ font-family: \"{FAMILY}\" !important; }}'; document.head.append(style); }});")


@pytest.fixture(scope="module")
def url(cache):
    with live_server("hangzhou/baseline.yaml", "zh") as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_fetches_a_small_part_of_the_font_and_draws_its_chinese(
        browser, url, slices, lang, tmp_path):
    context = browser.new_context(viewport=DESKTOP)  # a new context: no font cached
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
                  else route.abort())
    page = context.new_page()
    page.add_init_script(ONLY_THE_APPS_FONT)
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(f"{url}/?lang={lang}")
    page.wait_for_selector("#status[data-runs='1']", timeout=30_000)
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)
    page.evaluate("document.fonts.ready")  # text laid out again may ask for another slice
    fetched = {r.url.removeprefix(url): r.sizes()["responseBodySize"] for r in finished
               if r.url.endswith(".woff2")}
    text = page.evaluate("document.body.innerText")
    chinese = {ord(c) for c in text if "\u3400" <= c <= "\u9fff"}

    devtools = context.new_cdp_session(page)
    devtools.send("DOM.enable")
    devtools.send("CSS.enable")
    root = devtools.send("DOM.getDocument")["root"]["nodeId"]
    drawn: dict[tuple[str, bool], int] = {}
    for node in devtools.send("DOM.querySelectorAll", {"nodeId": root, "selector":
                              "h1, #summary, .lever .name, #targets-table td"})["nodeIds"]:
        for font in devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            key = (font["familyName"], font["isCustomFont"])
            drawn[key] = drawn.get(key, 0) + font["glyphCount"]
    page.screenshot(path=str(tmp_path / f"hangzhou-{lang}.png"), full_page=False)
    context.close()

    print(f"{lang}: {sum(fetched.values()):,} bytes of font in {len(fetched)} slice(s)")
    assert 0 < sum(fetched.values()) < FONT_BYTES_BOUND, fetched
    assert set(fetched) <= set(slices)
    assert len(chinese) > (60 if lang == "zh" else 2)
    assert chinese <= set().union(*(slices[u] for u in fetched)), "a character in no slice fetched"
    assert {key for key in drawn if not key[1]} == set(), drawn  # no glyph from a system font
    assert drawn.get(("Noto Sans CJK SC Regular", True), 0) > len(chinese), drawn
