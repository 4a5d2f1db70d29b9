"""The page's CJK font in slices (sim.interfaces.serve.font_slices): the CSS that declares
them, and each slice as WOFF2, made with fontTools on its first request and kept.

Why made on request, and kept on disk: a slice takes 1-3 s to make (fontTools reads the 16 MB
font's outlines and layout tables each time), all 91 about 3 minutes of CPU, so making them
all at every start, or even once in advance under a lock, would cost far more than the one or
two a page needs. A page's first visit waits for its own slices only (the first: ~3 s); later
visits, and later starts of the server, read them from `<cache>/fonts/`.

A cached slice is used only from a private folder (owned by the current user, writable by
nobody else: sim.core.paths.why_not_private) and only while its bytes match the SHA-256
recorded beside them when it was made; otherwise it is made afresh (with a notice on stderr).
A folder that is not private is not used at all: slices are then made for this process only.
Font files are data (never executed), but served as ours: the folder's privacy keeps others
from planting one, the record catches one damaged or cut short.

A slice's file name, which is also its address, carries a key: the hash of the font file, the
fontTools version and options, and the slice's characters. A browser may keep a slice for a
year, and a slice whose characters change gets a new address, so an old copy is never paired
with a new `unicode-range`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import tempfile
import threading
import time
from importlib.metadata import version
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from sim.core.paths import private_cache_folder
from sim.interfaces.serve.font_slices import font_faces, page_characters, slice_characters

#: Where the slices are addressed (app.py routes `FONT_PREFIX + name`).
FONT_PREFIX = "/fonts/"
#: Beside a cached slice `<name>`: `<name>` + RECORD_SUFFIX holds its SHA-256 (hex).
RECORD_SUFFIX = ".sha256"
#: The cached slices and records (`SlicedFont.names` are of this form).
SLICE_GLOB = "sim-cjk-*.woff2*"
#: A slice not named by the current text and font is removed once this old (seconds): a day.
STALE_AFTER = 86_400


def subset_options() -> subset.Options:
    options = subset.Options()
    options.flavor = "woff2"
    # CFF without subroutines compresses better in WOFF2 (~6% smaller) and subsets faster.
    options.desubroutinize = True
    # The family, style and licence names (SIL OFL), nothing else of the name table.
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    # `locl` holds the Japanese, Korean and Traditional forms; the page is zh-CN (index.html)
    # and never draws them, and they would add ~50% to every slice.
    options.layout_features = [f for f in options.layout_features if f != "locl"]
    return options


def make_woff2(font_path: Path, codepoints: tuple[int, ...]) -> bytes:
    """The subset of the font at `font_path` with exactly `codepoints` in its character map."""
    options = subset_options()
    font = subset.load_font(str(font_path), options, dontLoadGlyphNames=True)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        out = io.BytesIO()
        subset.save_font(font, out, options)
    finally:
        font.close()
    return out.getvalue()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _notice(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class SlicedFont:
    """The font at `path` in slices: `css` declares them, `woff2(name)` gives one."""

    def __init__(self, path: Path):
        self.path = path
        font = TTFont(str(path), lazy=True)
        try:
            cmap = font.getBestCmap()
        finally:
            font.close()
        self.slices = slice_characters(cmap, page_characters())
        recipe = "|".join((_sha256(path.read_bytes()), version("fonttools"),
                           json.dumps(vars(subset_options()), sort_keys=True, default=str)))
        self.names = [f"sim-cjk-{i}-{self._key(recipe, chars)}.woff2"
                      for i, chars in enumerate(self.slices)]
        self._index = {name: i for i, name in enumerate(self.names)}
        self.css = font_faces(self.slices, [FONT_PREFIX + name for name in self.names])
        self._kept: dict[str, bytes] = {}  # checked or made here: 8.3 MB if all are
        self._making = threading.Lock()
        self._folder_checked = False
        self._folder: Path | None = None

    @staticmethod
    def _key(recipe: str, chars: tuple[int, ...]) -> str:
        return _sha256((recipe + "|" + ",".join(map(str, chars))).encode())[:16]

    def woff2(self, name: str) -> bytes | None:
        """The slice called `name` (one of `names`), or None when there is no such slice."""
        index = self._index.get(name)
        if index is None:
            return None
        if name in self._kept:
            return self._kept[name]
        data = self._cached(name)
        if data is None:
            # One slice made at a time: making is CPU work under the GIL anyway, and a second
            # request for the same slice then finds it made instead of making it again.
            with self._making:
                data = self._kept.get(name) or self._cached(name)
                if data is None:
                    data = make_woff2(self.path, self.slices[index])
                    self._store(name, data)
        self._kept[name] = data
        return data

    def _cache_folder(self) -> Path | None:
        """`<cache>/fonts`, created with mode 0700; None (after a notice) when it cannot be
        created or is not private."""
        if not self._folder_checked:
            folder, problem = private_cache_folder("fonts")
            if problem:
                _notice(f"{folder}: {problem}; not used, the page's font slices are made "
                        "for this server only (make it a folder of yours with mode 700)")
            else:
                self._prune(folder)
            self._folder = None if problem else folder
            self._folder_checked = True
        return self._folder

    def _prune(self, folder: Path) -> None:
        """Remove the slices (and records) of earlier versions of the page's text or font,
        left more than `STALE_AFTER` seconds ago: each change of the text leaves 100-250 KB
        behind. Younger ones are kept, as another server of another version may serve them."""
        current = set(self.names) | {name + RECORD_SUFFIX for name in self.names}
        now = time.time()
        for path in folder.glob(SLICE_GLOB):
            try:
                if path.name not in current and now - path.stat().st_mtime > STALE_AFTER:
                    path.unlink()
            except OSError:
                pass  # gone already, or not ours to remove: it only takes space

    def _cached(self, name: str) -> bytes | None:
        """The cached slice `name` if it matches its record, else None (a mismatch noticed)."""
        folder = self._cache_folder()
        if folder is None:
            return None
        try:
            data = (folder / name).read_bytes()
            recorded = (folder / (name + RECORD_SUFFIX)).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None  # not made yet
        except (OSError, UnicodeDecodeError) as error:
            _notice(f"{folder / name}: cannot be read ({error}); made afresh")
            return None
        if _sha256(data) != recorded:
            _notice(f"{folder / name}: its SHA-256 differs from the one recorded; made afresh")
            return None
        return data

    def _store(self, name: str, data: bytes) -> None:
        """Keep `data` and its SHA-256 in the cache folder, each written whole and renamed into
        place (another server may be reading); a failure only costs making it again later."""
        folder = self._cache_folder()
        if folder is None:
            return
        for file, content in ((name, data),
                              (name + RECORD_SUFFIX, _sha256(data).encode("ascii"))):
            written = None
            try:
                with tempfile.NamedTemporaryFile(dir=folder, prefix=".", delete=False) as out:
                    written = Path(out.name)
                    out.write(content)
                os.replace(written, folder / file)
            except OSError as error:
                if written is not None:
                    written.unlink(missing_ok=True)
                _notice(f"{folder / name}: cannot be kept ({error.strerror}); made again "
                        "next time")
                return
