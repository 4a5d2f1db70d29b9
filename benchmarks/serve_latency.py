"""Update latency of the what-if page (python -m sim serve) in a real browser.

Starts the server in this process (127.0.0.1, a free port), opens the page in headless Chromium
(the system package, driven by Playwright) on Hangzhou's baseline, and makes 50 lever changes one
after another (each waits for the previous update): a value typed into a lever's box, cycling
through the 18 levers and a few values within each slider's range. For each change the page
records the time from the change event to the table and charts being redrawn (the next
animation frame after the DOM update; `window.simTimings`), the server's own time for the
request (parse, model run, verdicts, JSON), the CPU time its worker thread used, and the
page's own time from the answer to the redrawn table and charts. Prints the
median and 90th percentile of each, and, measured in the same process right after, the model run
alone (`api.simulate_fast`: inputs and the batch engine) and the whole request without HTTP
(`api.run`), median of 20 each. The goal (issue 17) is a median update under 300 ms on 2 cores.
Asserts nothing.

The machine's load average is printed too: on a shared machine the times grow with it.

    .venv/bin/python benchmarks/serve_latency.py [--changes 50] [--screenshots docs/images]

With --screenshots, also writes serve_desktop.png and serve_phone.png (a lever changed, so the
table shows a changed verdict and the charts the reference line) and serve_likely.png (after
"How likely?", 1,000 draws) into that folder.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import uvicorn  # noqa: E402

from sim.interfaces.serve import api  # noqa: E402
from sim.interfaces.serve.app import create_app  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START = "hangzhou/baseline.yaml"
FRACTIONS = (0.2, 0.5, 0.8, 0.35, 0.65)  # of each slider's range


def start_server() -> tuple[uvicorn.Server, str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(START, "zh"), log_level="warning",
                                           access_log=False, lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return server, f"http://127.0.0.1:{sock.getsockname()[1]}"


def quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


CHANGE = """([key, fraction]) => new Promise((resolve) => {
  const row = document.querySelector(`.lever[data-key="${key}"]`);
  const slider = row.querySelector("input[data-role=slider]");
  const box = row.querySelector("input[data-role=value]");
  const lo = Number(slider.min), hi = Number(slider.max);
  const before = window.simTimings.length;
  box.value = +(lo + fraction * (hi - lo)).toPrecision(4);
  box.dispatchEvent(new Event("change"));
  const wait = () => window.simTimings.length > before ? resolve(window.simTimings[before])
                                                        : setTimeout(wait, 2);
  wait();
})"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--screenshots", type=Path, default=None, metavar="DIR")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright  # heavy: only this benchmark needs it

    server, url = start_server()
    load_before = os.getloadavg()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "/")
        page.wait_for_selector("#status[data-runs='1']", timeout=60_000)
        page.evaluate("document.fonts.ready")
        keys = page.eval_on_selector_all(".lever", "rows => rows.map(r => r.dataset.key)")
        for i in range(3):  # warm-up
            page.evaluate(CHANGE, [keys[i], FRACTIONS[i]])
            page.evaluate(CHANGE, [keys[i], FRACTIONS[i + 1]])
        page.click("#reset")
        page.wait_for_timeout(1500)
        page.evaluate("window.simTimings = []")
        page_ms, server_ms, server_cpu_ms, wall_ms = [], [], [], []
        draw_ms, frame_ms = [], []
        for i in range(args.changes):
            key, fraction = keys[i % len(keys)], FRACTIONS[(i // len(keys)) % len(FRACTIONS)]
            started = time.perf_counter()
            timing = page.evaluate(CHANGE, [key, fraction])
            wall_ms.append((time.perf_counter() - started) * 1000)
            page_ms.append(timing["ms"])
            server_ms.append(timing["server_ms"])
            server_cpu_ms.append(timing["server_cpu_ms"])
            draw_ms.append(timing["draw_ms"])
            frame_ms.append(timing["frame_ms"])
        errors = page.get_attribute("#status", "data-state")
        if args.screenshots:
            shots(page, browser, url, args.screenshots)
        browser.close()
    server.should_exit = True
    load_after = os.getloadavg()

    body = f"region: hangzhou\nextends: baseline.yaml\nlevers:\n  {keys[13]}: 0.5\n".encode()
    scenario = api.load_request(body)
    model, whole = [], []
    for _ in range(20):
        started = time.perf_counter()
        api.simulate_fast(scenario, ["family_doctor_contracting_rate"])
        model.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        api.run(body)
        whole.append((time.perf_counter() - started) * 1000)

    print(f"what-if page, {args.changes} lever changes in headless Chromium ({url}), "
          f"{os.cpu_count()} CPUs, load average {load_before[0]:.1f} before, "
          f"{load_after[0]:.1f} after; last status: {errors}")
    for label, values in (("update in the page (change -> redrawn)", page_ms),
                          ("  of which the server (request)", server_ms),
                          ("  CPU time of the server's worker thread", server_cpu_ms),
                          ("  the page: table and charts rebuilt", draw_ms),
                          ("  the page: answer received -> next frame", frame_ms),
                          ("  as Playwright saw it (round trip)", wall_ms),
                          ("model run alone (inputs + batch engine)", model),
                          ("api.run without HTTP (parse, run, verdicts)", whole)):
        print(f"{label:45s} median {statistics.median(values):6.0f} ms   "
              f"p90 {quantile(values, 0.9):6.0f} ms   (n={len(values)})")
    print(f"goal: median update under 300 ms: "
          f"{'met' if statistics.median(page_ms) < 300 else 'NOT met'}")
    return 0


def shots(page, browser, url: str, folder: Path) -> None:
    """The screenshots of the README: a lever changed (contracting to 60% from 2022)."""
    folder.mkdir(parents=True, exist_ok=True)
    page.click("#reset")
    page.wait_for_timeout(1500)
    box = page.locator(".lever[data-key='primary_care.contracting_target'] input[data-role=value]")
    box.fill("0.6")
    box.press("Enter")
    page.select_option(".lever[data-key='primary_care.contracting_target'] select", "2022")
    page.wait_for_timeout(2500)
    page.evaluate("document.fonts.ready")
    page.set_viewport_size({"width": 1280, "height": 1200})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=folder / "serve_desktop.png")
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    phone.goto(url + "/?lang=zh")
    phone.wait_for_selector("#status[data-runs='1']", timeout=60_000)
    phone.evaluate("document.fonts.ready")
    phone.wait_for_timeout(1000)
    phone.screenshot(path=folder / "serve_phone.png")
    page.click("#likely")
    page.wait_for_selector("td[data-role='p']", timeout=120_000)
    page.wait_for_timeout(500)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=folder / "serve_likely.png")


if __name__ == "__main__":
    sys.exit(main())
