"""Interruption (issue 14, item 5): a killed run's temporary folder is removed by the next run;
Ctrl-C (a real SIGINT to a real process) stops uncertainty, sensitivity, calibrate and reach
within 2 s with one line and exit status 130, writing nothing; the run-folder claim holds under
concurrent saves."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from sim.core import interrupt
from sim.core.paths import CALIBRATION_DIR, PROJECT_ROOT
from sim.runs.results import PARTIAL, STALE_AFTER, remove_stale, run_folder
from sim.runs.scaleout import run_chunks

INTERRUPTED = "interrupted: nothing was written"


# --------------------------------------------------------------------------------------------
# Stale temporary folders

def test_next_run_removes_stale_partial_folders_with_one_line(tmp_path, capsys):
    parent = tmp_path / "hangzhou" / "baseline"
    old = parent / f"{PARTIAL}20260101T000000Z-aaaa-x1"
    fresh = parent / f"{PARTIAL}20260101T000000Z-bbbb-x2"
    for folder in (old, fresh):
        folder.mkdir(parents=True)
        (folder / "outputs.nc").write_bytes(b"half")
    hours_ago = time.time() - STALE_AFTER - 60
    os.utime(old, (hours_ago, hours_ago))
    with run_folder(tmp_path, "hangzhou", "baseline", "run1") as (work, final):
        (work / "a.txt").write_text("done")
    err = capsys.readouterr().err
    assert not old.exists() and fresh.exists(), "only the folder older than an hour goes"
    assert (final["path"] / "a.txt").read_text() == "done"
    assert err.count("\n") == 1 and "removed 1 unfinished results folder left by an " \
        "interrupted run (older than 1 h)" in err and old.name in err, err


def test_remove_stale_keeps_other_folders(tmp_path):
    (tmp_path / "20260101T000000Z-aaaa").mkdir()       # a finished run: never touched
    (tmp_path / f"{PARTIAL}x").mkdir()
    later = time.time() + 2 * STALE_AFTER
    assert remove_stale(tmp_path, now=later) == [tmp_path / f"{PARTIAL}x"]
    assert [p.name for p in tmp_path.iterdir()] == ["20260101T000000Z-aaaa"]


# --------------------------------------------------------------------------------------------
# Concurrent saves: the claim of the run folder's name is atomic

SAVER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from sim.runs.results import run_folder
    root, start, saves = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    while time.time() < start:      # all processes begin together
        time.sleep(0.001)
    for i in range(saves):
        with run_folder(root, "r", "s", "same-id") as (work, final):
            (work / "who.txt").write_text(sys.argv[4] + "-" + str(i))
""")

PROCESSES, SAVES = 4, 200


@pytest.mark.slow
def test_concurrent_saves_into_one_run_id_all_succeed(tmp_path):
    start = time.time() + 4  # after the imports of every process
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", SAVER, str(tmp_path), str(start),
                               str(SAVES), f"p{k}"], cwd=PROJECT_ROOT, env=env,
                              stderr=subprocess.PIPE, text=True) for k in range(PROCESSES)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * PROCESSES, errors
    folders = list((tmp_path / "r" / "s").iterdir())
    assert len(folders) == PROCESSES * SAVES and not any(f.name.startswith(".") for f in folders)
    written = {(f / "who.txt").read_text() for f in folders}
    assert written == {f"p{k}-{i}" for k in range(PROCESSES) for i in range(SAVES)}


# --------------------------------------------------------------------------------------------
# Worker threads stop within a step; Ctrl-C in the main thread

def test_threads_stop_when_the_main_thread_fails():
    """One chunk fails: the others, still computing, stop at their next check instead of
    running to the end (the main thread does not wait for them)."""
    finished = []

    def task(k):
        if k == 0:
            raise ValueError("chunk 0 failed")
        for _ in range(200):          # ~10 s unless stopped
            interrupt.check()
            time.sleep(0.05)
        finished.append(k)

    started = time.perf_counter()
    with pytest.raises(ValueError):
        run_chunks(task, [0, 1, 2, 3])
    time.sleep(0.3)
    assert time.perf_counter() - started < 2 and finished == []
    assert all(t.name.startswith("MainThread") or "ThreadPoolExecutor" not in t.name
               for t in threading.enumerate()), "the pool's threads ended"


def test_check_outside_a_pool_never_stops():
    interrupt.check()  # no pool, no stop event: a plain run is never stopped by an old one


def test_deferred_holds_ctrl_c_until_the_block_ends():
    events = []
    with pytest.raises(KeyboardInterrupt):
        with interrupt.deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            events.append("block finished")
    assert events == ["block finished"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def _interrupt(args: list[str], marker: str, delay: float, tmp_path: Path,
               prelude: str = "") -> tuple[int, str, float]:
    """Start `python -m sim ARGS`, wait for `marker` on its stderr, wait `delay` s more, send
    SIGINT; (exit status, stderr, seconds from the signal to the exit)."""
    code = prelude + "import sys\nfrom sim.interfaces.cli import main\nsys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if marker in line:
            break
    else:
        proc.wait()
        pytest.fail(f"{marker!r} never printed: {''.join(seen)}")
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    sent = time.perf_counter()
    _, rest = proc.communicate(timeout=60)
    return proc.returncode, "".join(seen) + rest, time.perf_counter() - sent


def stop_limit() -> float:
    """The issue's 2 s from Ctrl-C to exit, on a machine that is not busy; on a machine whose
    load exceeds its cores (CI is not; a shared development machine can be, 6.8 on 2 cores was
    seen), 2 s times the load per core: the stop is a few hundred ms of work, and a loaded
    machine gives the child a share of a core, not a core."""
    per_core = os.getloadavg()[0] / (os.cpu_count() or 1)
    return 2.0 * max(1.0, per_core)


def _assert_clean_stop(status: int, err: str, seconds: float, out: Path | None) -> None:
    assert status == 130, err
    assert err.strip().splitlines()[-1] == INTERRUPTED and "Traceback" not in err, err
    assert seconds < stop_limit(), f"took {seconds:.2f} s to stop (limit {stop_limit():.1f} s)"
    if out is not None:
        assert not any(out.rglob("*")), list(out.rglob("*"))  # nothing written, no .partial-


@pytest.mark.slow
@pytest.mark.parametrize("marker, delay", [
    ("uncertain inputs", 1.0),                         # computing the chunks
    ("writing tables, fan charts and netCDF", 0.3),    # writing the folder
], ids=["computing", "writing"])
def test_ctrl_c_stops_uncertainty(tmp_path, marker, delay):
    out = tmp_path / "out"
    status, err, seconds = _interrupt(
        ["uncertainty", "scenarios/hangzhou/baseline.yaml", "--samples", "500", "--chunk", "250",
         "--out", str(out)], marker, delay, tmp_path)
    _assert_clean_stop(status, err, seconds, out)


@pytest.mark.slow
def test_ctrl_c_stops_uncertainty_on_a_local_cluster(tmp_path):
    """The worker processes, busy with a chunk, are ended rather than waited for (was 4.9 s
    and two Dask warnings)."""
    out = tmp_path / "out"
    status, err, seconds = _interrupt(
        ["uncertainty", "scenarios/hangzhou/baseline.yaml", "--samples", "2000",
         "--local-cluster", "--out", str(out)], "uncertain inputs", 6.0, tmp_path)
    _assert_clean_stop(status, err, seconds, out)


@pytest.mark.slow
def test_ctrl_c_while_a_local_cluster_closes(tmp_path):
    """Interrupted in the cluster's own close, after the last chunk: was 11 s in Dask's exit
    hook closing it again."""
    out = tmp_path / "out"
    status, err, seconds = _interrupt(
        ["sensitivity", "scenarios/hangzhou/baseline.yaml", "--samples", "16",
         "--local-cluster", "--out", str(out)], "chunks done 2", 0.1, tmp_path)
    _assert_clean_stop(status, err, seconds, out)


@pytest.mark.slow
def test_ctrl_c_stops_sensitivity(tmp_path):
    out = tmp_path / "out"
    status, err, seconds = _interrupt(
        ["sensitivity", "scenarios/hangzhou/baseline.yaml", "--samples", "8", "--out", str(out)],
        "model runs", 1.0, tmp_path)
    _assert_clean_stop(status, err, seconds, out)


@pytest.mark.slow
def test_ctrl_c_stops_reach(tmp_path):
    # the whole search takes ~1 s on the batch engine, so a signal 0.5 s after "run 1" could
    # arrive after it ended (CI, stop 19): each run is slowed to 1 s so Ctrl-C lands mid-search
    prelude = textwrap.dedent("""
        import time
        import sim.analysis.reach as reach
        _run = reach.model_runner
        def _slow(which):
            def run(*args, **kwargs):
                time.sleep(1.0)
                return _run(which)(*args, **kwargs)
            return run
        reach.model_runner = _slow
    """)
    status, err, seconds = _interrupt(
        ["reach", "scenarios/hangzhou/baseline.yaml", "--target", "infant_care_places",
         "--lever", "care.infant_place_construction"], "run 1:", 0.5, tmp_path, prelude)
    _assert_clean_stop(status, err, seconds, None)


@pytest.mark.slow
def test_ctrl_c_stops_calibrate_and_leaves_the_fit_alone(tmp_path):
    # on a copy of the calibration folder: a failed stop must not rewrite the project's fit
    copy = tmp_path / "calibration"
    shutil.copytree(CALIBRATION_DIR, copy, ignore=shutil.ignore_patterns("build", "__pycache__"))
    fit = copy / "hangzhou" / "fit.yaml"
    before = hashlib.sha256(fit.read_bytes()).hexdigest()
    prelude = f"import sim.core.paths as p\np.CALIBRATION_DIR = p.Path({str(copy)!r})\n"
    status, err, seconds = _interrupt(["calibrate", "hangzhou", "--no-charts"], "window",
                                      1.0, tmp_path, prelude)
    _assert_clean_stop(status, err, seconds, None)
    assert hashlib.sha256(fit.read_bytes()).hexdigest() == before
    assert not [p for p in (copy / "hangzhou").iterdir() if p.name.startswith(".")]


def test_an_error_caused_by_ctrl_c_is_the_interrupt(monkeypatch, capsys):
    """Ctrl-C inside an import can surface as another error raised from it (seen once in
    `sensitivity` as SALib loaded): still one line and status 130."""
    import sim.interfaces.cli as cli

    def interrupted_import(args):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as interrupt_:
            raise ImportError("cannot import name 'sobol'") from interrupt_

    monkeypatch.setitem(cli.__dict__, "cmd_validate", interrupted_import)
    assert cli.main(["validate", "x.yaml"]) == 130
    assert capsys.readouterr().err == INTERRUPTED + "\n"


def test_other_errors_still_raise(monkeypatch):
    import sim.interfaces.cli as cli

    def broken(args):
        raise ImportError("a real bug")

    monkeypatch.setitem(cli.__dict__, "cmd_validate", broken)
    with pytest.raises(ImportError, match="a real bug"):
        cli.main(["validate", "x.yaml"])


def test_a_ctrl_c_swallowed_by_a_finalizer_still_stops_the_save(tmp_path):
    """CI, stop 21: SIGINT arrived while NumPy's NpzFile.__del__ ran; Python printed
    "Exception ignored … KeyboardInterrupt" and the command went on to write its results. With
    the command's remembering handler, the folder is not claimed and the interrupt is raised."""
    class Finalizer:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)   # raised inside __del__: swallowed by Python
            time.sleep(0.05)

    with interrupt.remembering():
        with pytest.raises(KeyboardInterrupt):
            with run_folder(tmp_path, "hangzhou", "baseline", "run-1") as (work, _):
                (work / "summary.csv").write_text("year\n", encoding="utf-8")
                Finalizer()   # dropped at once: __del__ runs here
                (work / "more.csv").write_text("year\n", encoding="utf-8")   # goes on
        assert not any(tmp_path.rglob("*.csv"))
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler   # restored
    interrupt.raise_if_received()   # and forgotten after the command
