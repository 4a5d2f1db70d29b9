"""The what-if page's JSON API (sim.interfaces.serve): answers, every bad input of issue 17
item 4 refused with HTTP 400 (413 for size) and the CLI's line, saving, 20 requests at once, and
`python -m sim serve` started and stopped with Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import yaml

from sim.analysis.targets import load_targets
from sim.analysis.verdicts import judge_all
from sim.core.paths import PROJECT_ROOT, SCENARIOS_DIR
from sim.inputs.scenario import load_scenario
from sim.interfaces import cli
from sim.interfaces.serve import api, app
from sim.interfaces.serve.app import is_loopback
from sim.runs.simulate import simulate
from tests.interfaces.live_server import live_server

BASE = "region: hangzhou\nextends: baseline.yaml\n"
CONTRACTING = "family_doctor_contracting"  # target id (calibration/hangzhou/targets.yaml)


@pytest.fixture(scope="module")
def client():
    with live_server() as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def post(client, path, text, content_type="application/yaml"):
    return client.post(path, content=text.encode("utf-8") if isinstance(text, str) else text,
                       headers={"Content-Type": content_type})


def verdict(answer, target_id):
    return next(v for v in answer["verdicts"] if v["id"] == target_id)


def test_run_answers_every_target_and_chart(client):
    answer = post(client, "/api/run", BASE).json()
    targets = yaml.safe_load((PROJECT_ROOT / "calibration/hangzhou/targets.yaml").read_text(
        encoding="utf-8"))["targets"]
    assert [v["id"] for v in answer["verdicts"]] == [t["id"] for t in targets]
    assert answer["years"] == list(range(2020, 2036))
    assert all(len(s) == 16 for s in answer["series"].values())
    assert {v["chart"] for v in answer["verdicts"]} <= set(answer["series"])


def test_the_pages_fast_run_judges_as_sim_targets_does(client):
    """The page's run (only the charted outputs, constants prepared once a region) gives the
    verdicts of the full run that `sim targets` prints."""
    _, ds, _ = simulate(load_scenario(SCENARIOS_DIR / "hangzhou" / "plan.yaml"))
    full = judge_all(ds, load_targets("hangzhou"))
    page = post(client, "/api/run", "region: hangzhou\nextends: plan.yaml\n").json()
    assert [(v.target.id, v.status, v.first_year_reached) for v in full] == \
        [(v["id"], v["status"], v["first_year"]) for v in page["verdicts"]]
    assert [v.value_at_deadline for v in full] == pytest.approx(
        [v["value"] for v in page["verdicts"]], rel=1e-12)


def test_a_lever_moves_its_target_and_json_equals_yaml(client):
    base = post(client, "/api/run", BASE).json()
    doc = {"region": "hangzhou", "extends": "baseline.yaml",
           "levers": {"primary_care.contracting_target": {"step": {"2020": 0.4, "2022": 0.6}}}}
    as_json = post(client, "/api/run", json.dumps(doc), "application/json").json()
    as_yaml = post(client, "/api/run", BASE + "levers:\n  primary_care.contracting_target: "
                   "{step: {2020: 0.4, 2022: 0.6}}\n").json()
    assert as_json["verdicts"] == as_yaml["verdicts"]
    before, after = verdict(base, CONTRACTING), verdict(as_json, CONTRACTING)
    assert before["status"] != "reached" and after["status"] == "reached"
    assert after["value"] > before["value"] + 0.1


def test_bad_value_is_400_with_the_clis_line(client, tmp_path, capsys):
    text = "region: hangzhou\nyears: {start: 2020, end: 2035}\nassumptions:\n" \
           "  population.tfr: 9\n"
    answer = post(client, "/api/run", text)
    assert answer.status_code == 400
    file = tmp_path / "request.yaml"
    file.write_text(text, encoding="utf-8")
    assert cli.main(["validate", str(file)]) == 2
    cli_line = capsys.readouterr().err.strip().replace(str(file), "scenarios/hangzhou/request.yaml")
    assert answer.json()["error"] == cli_line
    assert "population.tfr: value out of range; given 9" in cli_line


@pytest.mark.parametrize("chunked", [False, True])
def test_body_over_1_mb_is_refused(client, chunked):
    body = b"# " + b"x" * api.MAX_BODY_BYTES + b"\nregion: hangzhou\n"
    content = iter([body[i:i + 65536] for i in range(0, len(body), 65536)]) if chunked else body
    answer = client.post("/api/run", content=content)
    assert answer.status_code == 413
    assert "request too large" in answer.json()["error"]


BOMB = "".join(f"{a}: &{a} [{', '.join(['*' + p] * 10 if p else ['x'] * 10)}]\n"
               for a, p in zip("abcdef", ["", "a", "b", "c", "d", "e"]))


@pytest.mark.parametrize(("text", "expected"), [
    (BASE.replace("baseline.yaml", "!!python/object/apply:os.system ['echo pwned']"),
     "could not determine a constructor for the tag"),
    ("region: hangzhou\n" + BOMB, "too many values"),
    ("region: hangzhou\nextends: /etc/passwd\n", "outside the scenario tree (not read)"),
    ("region: hangzhou\nextends: ../../../../../etc/passwd\n", "outside the scenario tree"),
    ("region: hangzhou\nextends: ../../calibration/hangzhou/profile.yaml\n",
     "outside the scenario tree"),
    ("region: ../calibration\nextends: baseline.yaml\n", "unknown region"),
    ("region: common\nextends: baseline.yaml\n", "unknown region"),
    ("region: /etc\nextends: baseline.yaml\n", "unknown region"),
    (BASE + "levers:\n  beds.nope: 1\n", "levers.beds.nope: unknown key"),
    (BASE + "levers:\n  primary_care.contracting_target: 40\n", "value out of range"),
    ("region: hangzhou\nextends: [\n", "malformed YAML"),
])
@pytest.mark.parametrize("route", ["/api/run", "/api/validate"])
def test_bad_scenarios_are_400_and_echo_nothing_from_outside(client, route, text, expected):
    started = time.perf_counter()
    answer = post(client, route, text)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error.startswith("error: ") and "\n" not in error and expected in error
    assert str(PROJECT_ROOT) not in error and "root:" not in error  # no path, no /etc/passwd
    assert time.perf_counter() - started < 5  # the alias bomb is refused, not expanded


@pytest.mark.parametrize(("body", "content_type", "expected"), [
    (b"{bad", "application/json", "malformed JSON"),
    (b"[1, 2]", "application/json", "not a mapping"),
    (b"\xff\xfe region", "application/yaml", "not UTF-8"),
    (b"[" * 5000 + b"]" * 5000, "application/json", "nested too deeply"),
])
def test_bad_bodies_are_400(client, body, content_type, expected):
    answer = client.post("/api/run", content=body, headers={"Content-Type": content_type})
    assert answer.status_code == 400 and expected in answer.json()["error"]


@pytest.mark.parametrize("query", ["region=nowhere", "region=../../etc", "region=common",
                                   "scenario=../../pyproject.toml", "scenario=/etc/passwd",
                                   "scenario=hangzhou/../../../etc/passwd.yaml",
                                   "scenario=hangzhou/nothing.yaml", ""])
def test_levers_of_a_bad_region_or_scenario_is_400(client, query):
    answer = client.get("/api/levers?" + query)
    assert answer.status_code == 400
    assert str(PROJECT_ROOT) not in answer.json()["error"]


def test_levers_and_library(client):
    meta = client.get("/api/levers?region=杭州").json()
    assert meta["scenario"]["file"] == "hangzhou/baseline.yaml"
    keys = [lever["key"] for lever in meta["levers"]]
    assert "primary_care.contracting_target" in keys and len(keys) == len(set(keys))
    assert all(lever["low"] <= lever["value"] <= lever["high"] for lever in meta["levers"])
    assert {lever["sector"] for lever in meta["levers"]} <= set(meta["sectors"])
    population = next(c for c in meta["charts"] if c["id"] == "total_population")
    assert len(population["history"]) > 5  # observed census/yearbook points
    library = client.get("/api/scenarios").json()["scenarios"]
    plan = next(s for s in library if s["file"] == "hangzhou/plan.yaml")
    assert plan["title_zh"] and plan["title_en"]
    assert client.post("/api/validate", content=BASE).json()["ok"] is True


@pytest.fixture
def saved_name():
    name = f"_test_serve_{os.getpid()}"
    yield name
    (SCENARIOS_DIR / "hangzhou" / f"{name}.yaml").unlink(missing_ok=True)


def test_save_writes_only_the_differences_and_never_overwrites(client, saved_name, capsys):
    scenario = {"region": "hangzhou", "extends": "plan.yaml", "levers": {
        "primary_care.contracting_target": 0.55,  # plan.yaml sets 0.40: differs
        "care.elderly_outreach_target": {"ramp": {"from": 0.70, "to": 0.72, "start": 2020,
                                                  "end": 2025}}}}  # as in plan.yaml: left out
    request = {"scenario": scenario, "file": saved_name, "title_zh": "签约提速（测试）",
               "title_en": "Faster contracting (test)"}
    answer = client.post("/api/save", json=request)
    assert answer.status_code == 200, answer.text
    path = SCENARIOS_DIR / "hangzhou" / f"{saved_name}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert doc == {"name": saved_name, "title_zh": "签约提速（测试）",
                   "title_en": "Faster contracting (test)", "extends": "plan.yaml",
                   "levers": {"primary_care.contracting_target": 0.55}}
    assert cli.main(["validate", str(path)]) == 0
    capsys.readouterr()
    again = client.post("/api/save", json=request | {"title_en": "other"})
    assert again.status_code == 400 and "never overwritten" in again.json()["error"]
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["title_en"] == doc["title_en"]


@pytest.mark.parametrize(("change", "expected"), [
    ({"file": "baseline"}, "file exists"),
    ({"file": "../../evil"}, "unusable name"),
    ({"file": "a/b"}, "unusable name"),
    ({"title_zh": ""}, "unusable title"),
    ({"title_en": "two\nlines"}, "unusable title"),
    ({"scenario": {"region": "hangzhou", "extends": "/etc/passwd"}}, "outside the scenario tree"),
    ({"scenario": {"region": "hangzhou"}}, "a saved scenario extends its base"),
    ({"scenario": {"extends": "hangzhou/baseline.yaml"}}, "a saved scenario names its region"),
])
def test_save_refuses_bad_requests(client, change, expected):
    request = {"scenario": {"region": "hangzhou", "extends": "baseline.yaml",
                            "levers": {"primary_care.contracting_target": 0.5}},
               "file": "never_written", "title_zh": "测试", "title_en": "test"} | change
    before = sorted(p.name for p in SCENARIOS_DIR.rglob("*"))
    answer = client.post("/api/save", json=request)
    assert answer.status_code == 400 and expected in answer.json()["error"], answer.text
    assert sorted(p.name for p in SCENARIOS_DIR.rglob("*")) == before


def test_twenty_requests_at_once_all_answer_correctly():
    levels = [round(0.42 + 0.02 * i, 2) for i in range(20)]

    def body(level):
        return (BASE + f"levers:\n  primary_care.contracting_target: {level}\n").encode()

    with live_server() as url:
        def ask(level):
            request = urllib.request.Request(url + "/api/run", data=body(level), method="POST")
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())

        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(ask, levels))
    values = [verdict(a, CONTRACTING)["value"] for a in answers]
    assert values == sorted(values) and len(set(values)) == 20  # each answer its own request
    for i in (0, 19):  # and the same as the request run alone
        alone = api.run(body(levels[i]))
        assert verdict(alone, CONTRACTING) == verdict(answers[i], CONTRACTING)


def test_loopback():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_serve_prints_its_address_answers_and_stops_on_ctrl_c():
    process = subprocess.Popen([sys.executable, "-m", "sim", "serve", "lishui", "--port", "0"],
                               cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        line = process.stdout.readline()
        address = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert address, line
        with urllib.request.urlopen(address.group(0), timeout=20) as response:
            page = response.read().decode("utf-8")
        assert '"start": "lishui/baseline.yaml"' in page
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err


def test_serve_refuses_a_scenario_outside_the_library(capsys):
    assert cli.main(["serve", "/etc/passwd.yaml", "--port", "0"]) == 2
    assert "not a scenario of the library" in capsys.readouterr().err
    assert cli.main(["serve", "nowhere", "--port", "0"]) == 2


@pytest.mark.slow  # the uncertainty stack loads and samples (about 9 s)
def test_how_likely_gives_probabilities_and_bands(client):
    answer = post(client, "/api/uncertainty?samples=40", BASE)
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["samples"] == 40 and result["uncertain_inputs"] > 10
    assert all(r["p_reached"] is None or 0 <= r["p_reached"] <= 1 for r in result["targets"])
    low, q25, mid, q75, high = result["bands"]["total_population"]
    assert all(a <= b <= c <= d <= e for a, b, c, d, e in zip(low, q25, mid, q75, high))
    assert high[-1] > low[-1]  # the draws differ
    for bad in ("5", "x", "100000"):
        refused = post(client, f"/api/uncertainty?samples={bad}", BASE)
        assert refused.status_code == 400 and "samples" in refused.json()["error"]


@pytest.mark.parametrize(("files", "expected"), [
    (["hangzhou/baseline.yaml"], "nothing to compare"),
    (["hangzhou/baseline.yaml", "lishui/baseline.yaml"], "region"),
    (["hangzhou/baseline.yaml", "../../etc/passwd.yaml"], "not a scenario of the library"),
    ("hangzhou/baseline.yaml", "wrong type"),
])
def test_compare_refuses_bad_choices(client, files, expected):
    answer = client.post("/api/compare", json={"files": files})
    assert answer.status_code == 400 and expected in answer.json()["error"], answer.text


@pytest.mark.parametrize("address", ["/reports/hangzhou/compare/../../../etc/passwd",
                                     "/reports/nowhere/compare/20261201T220153Z-23840bd2/"
                                     "compare.html",
                                     "/reports/hangzhou/compare/x/compare.html",
                                     "/reports/hangzhou/compare/20991201T220153Z-23840bd2/"
                                     "compare.html"])
def test_reports_outside_the_results_are_not_served(client, address):
    assert client.get(address).status_code == 404


@pytest.mark.slow  # runs two scenarios and draws the report's charts (half a minute)
def test_compare_writes_the_report_and_serves_it(client):
    answer = client.post("/api/compare?lang=en",
                         json={"files": ["lishui/baseline.yaml", "lishui/plan.yaml"]})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    folder = PROJECT_ROOT / result["folder"]
    try:
        page = client.get(result["url"])
        assert page.status_code == 200 and "<svg" in page.text and "plan" in page.text
    finally:
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()


def test_serve_warns_when_not_on_loopback_and_refuses_a_busy_port(monkeypatch, capsys):
    monkeypatch.setattr(app, "is_loopback", lambda host: False)
    monkeypatch.setattr(app.uvicorn.Server, "run", lambda self, sockets=None: None)
    assert app.serve(None, "127.0.0.1", 0, "zh") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("warning: listening on 127.0.0.1") and "no login" in out
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        assert cli.main(["serve", "--port", str(busy.getsockname()[1])]) == 2
    finally:
        busy.close()
    assert "cannot listen" in capsys.readouterr().err
