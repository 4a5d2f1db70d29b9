"""The what-if page in a real browser (headless Chromium through Playwright): it loads offline,
a lever moved with the mouse or typed changes a verdict, and "Save as scenario" writes a file
that `sim validate` accepts."""

from __future__ import annotations

import os

import pytest
import yaml

from sim.core.paths import SCENARIOS_DIR
from sim.interfaces import cli
from tests.browser import DESKTOP, PHONE
from tests.interfaces.live_server import live_server

pytestmark = pytest.mark.browser

LEVER = "primary_care.contracting_target"
TARGET = "family_doctor_contracting"  # reached at 40% by 2025 (calibration/hangzhou/targets.yaml)


@pytest.fixture(scope="module")
def url():
    with live_server("hangzhou/baseline.yaml", "zh") as base:
        yield base


@pytest.fixture(scope="module")
def page(browser, url):  # noqa: F811 (the fixture)
    context = browser.new_context(viewport=DESKTOP)
    outside: list[str] = []
    # Anything not asked of this server is refused and remembered: the page must work offline.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + "/")
    page.wait_for_selector("#status[data-runs='1']", timeout=30_000)
    settle(page)
    yield page
    assert errors == [] and outside == []
    context.close()


def settle(page) -> None:
    """Wait for the page's CJK font (served by the app when the machine has none): when it
    arrives the page lays its levers out again (app.js), which would replace what a test holds."""
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(200)


def runs(page) -> int:
    return int(page.get_attribute("#status", "data-runs"))


def wait_for_run(page, done: int) -> None:
    page.wait_for_function(f"Number(document.querySelector('#status').dataset.runs) > {done}"
                           " && !document.querySelector('#status').textContent.includes('…')",
                           timeout=30_000)


def status_of(page, target: str) -> str:
    return page.get_attribute(f"tr[data-target='{target}'] td.verdict", "data-status")


def test_page_shows_levers_targets_and_charts(page):
    assert page.locator(".lever").count() == 18
    assert page.locator("#targets-table tbody tr").count() == 16
    assert page.locator("figure.chart svg path.now").count() == page.locator("figure.chart").count()
    assert page.locator("figure[data-chart='total_population'] circle.hist").count() > 5
    assert "杭州" in page.inner_text("header") and "家庭医生签约" in page.inner_text("#levers")
    assert "error" != page.get_attribute("#status", "data-state")
    reached = page.locator("td.verdict[data-status='reached']").count()
    judged = 16 - page.locator("td.verdict[data-status='set_by_input']").count()
    assert f"期限前达成：{judged}项中{reached}项" in page.inner_text("#summary")


def test_moving_a_lever_changes_the_verdict_and_saving_writes_a_valid_file(page, capsys):
    assert status_of(page, TARGET) != "reached"
    slider = page.locator(f".lever[data-key='{LEVER}'] input[data-role='slider']")
    box = slider.bounding_box()
    done = runs(page)
    slider.click(position={"x": box["width"] * 0.85, "y": box["height"] / 2})  # to about 0.85
    wait_for_run(page, done)
    assert status_of(page, TARGET) == "reached"
    assert "flipped" in page.get_attribute(f"tr[data-target='{TARGET}']", "class")

    value = page.locator(f".lever[data-key='{LEVER}'] input[data-role='value']")
    done = runs(page)
    value.fill("0.2")
    value.press("Enter")
    wait_for_run(page, done)
    assert status_of(page, TARGET) in ("missed", "reached_then_lost")
    done = runs(page)
    value.fill("0.6")
    value.press("Enter")
    page.select_option(f".lever[data-key='{LEVER}'] select[data-role='start']", "2022")
    wait_for_run(page, done + 1)
    assert status_of(page, TARGET) == "reached"

    name = f"_browser_test_{os.getpid()}"
    path = SCENARIOS_DIR / "hangzhou" / f"{name}.yaml"
    try:
        page.click("#save-open")
        page.fill("#save-file", name)
        page.fill("#save-title-zh", "签约提速（浏览器测试）")
        page.fill("#save-title-en", "Faster contracting (browser test)")
        page.click("#save-form button[type='submit']")
        page.wait_for_selector("#save-result[data-file]", timeout=20_000)
        assert f"scenarios/hangzhou/{name}.yaml" in page.inner_text("#save-result")
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["extends"] == "baseline.yaml" and doc["title_en"].startswith("Faster")
        assert doc["levers"] == {LEVER: {"step": {2020: 0.4, 2022: 0.6}}}  # only the change
        assert "assumptions" not in doc
        assert cli.main(["validate", str(path)]) == 0
        assert "ok:" in capsys.readouterr().out
    finally:
        path.unlink(missing_ok=True)


def test_a_value_out_of_range_is_not_sent(page):
    value = page.locator(f".lever[data-key='{LEVER}'] input[data-role='value']")
    done = runs(page)
    value.fill("40")
    value.press("Enter")
    assert page.get_attribute("#status", "data-state") == "error"
    assert "超出允许范围 0–1" in page.inner_text("#status")
    assert runs(page) == done


def test_phone_width_fits_the_screen(browser, url):  # noqa: F811 (the fixture)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(url + "/?lang=en")
    page.wait_for_selector("#status[data-runs='1']", timeout=30_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "Plan targets" in page.inner_text("body")
    context.close()
