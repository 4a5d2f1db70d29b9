"""A real browser for page tests: the system Chromium (Debian package `chromium`, which
.ci/run installs when absent) driven by Playwright.

Use the `browser` fixture (registered once in tests/conftest.py); import DESKTOP, PHONE here.
A missing Chromium is a failure with the command that installs it, never a skip: a page test
that skips itself would be green without having looked at the page.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

# Flags for a headless run in a container: no sandbox (root in CI), no GPU, nothing fetched.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("no Chromium on this machine: apt-get install chromium (.ci/run does this)")
    return found


def poppler(tool: str) -> str:
    """The path of a poppler-utils tool (pdftotext, pdfinfo, pdffonts, pdftoppm) that reads the
    printed PDF; missing, a failure naming the package (never a skip)."""
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"no {tool} on this machine: apt-get install poppler-utils (.ci/run does this)")
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # heavy: only page tests need it

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(),
                                              args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
