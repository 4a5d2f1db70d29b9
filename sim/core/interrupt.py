"""Ctrl-C (SIGINT) that stops long work promptly and never leaves a file half-written.

Python delivers Ctrl-C as `KeyboardInterrupt` in the main thread only. Work spread over threads
(`sim.runs.scaleout`) would go on computing every remaining chunk, and the interpreter waits for
those threads before it exits. So:

- a pool of worker threads shares a stop event (`watching`), which the main thread sets when
  it is interrupted (or fails) while they work; the batch engine calls `check()` at every time
  step, so each worker stops within one step (~0.1 s) with `Interrupted`. The event belongs to
  that one pool: a later run, in any thread, is not affected;
- `deferred()` holds Ctrl-C back while a file is being written by a C library (netCDF/HDF5,
  which an exception raised in the middle of a write can leave locked: a deadlock in 2 of ~8
  tries before) and raises it as soon as the write is done.

The command line turns the `KeyboardInterrupt` into the one line "interrupted: nothing was
written" and exit status 130; the results folder being written is removed on the way
(`sim.runs.results.run_folder`).

A `KeyboardInterrupt` raised while the main thread runs a finalizer (`__del__`, e.g. NumPy's
NpzFile during garbage collection) is printed as "Exception ignored" and lost: the command then
went on and wrote its results (CI, stop 21). So the command line installs `remembering()`: the
handler raises as Python's does and also remembers the signal; `check()` raises for it in any
thread, and `raise_if_received()` is called before a results folder is claimed, so a Ctrl-C
swallowed anywhere still means nothing is written.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Interrupted", "check", "watching", "deferred", "remembering", "raise_if_received"]

#: The stop event of the pool the current thread works for (`watching`), if any.
_local = threading.local()
#: Set by the remembering handler when Ctrl-C arrives (`remembering`).
_received = threading.Event()


def _remember(signum, frame) -> None:
    _received.set()
    raise KeyboardInterrupt


@contextmanager
def remembering() -> Iterator[None]:
    """For the block (a command), Ctrl-C raises `KeyboardInterrupt` as Python's own handler
    does and is also remembered (`raise_if_received`). Only in the main thread with Python's
    handler installed; the previous handler is restored after."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    _received.clear()
    previous = signal.signal(signal.SIGINT, _remember)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _received.clear()


def raise_if_received() -> None:
    """Raise `KeyboardInterrupt` if Ctrl-C arrived during the command, even if the exception
    it raised then was swallowed (a finalizer)."""
    if _received.is_set():
        raise KeyboardInterrupt


class Interrupted(KeyboardInterrupt):
    """Raised in a worker thread at its next `check()` once its stop event is set."""


def check() -> None:
    """Raise `Interrupted` if the stop event this thread watches is set (cheap: call it in
    loops); nothing in a thread that watches none."""
    stop = getattr(_local, "stop", None)
    if (stop is not None and stop.is_set()) or _received.is_set():
        raise Interrupted("stopped: the main thread was interrupted")


@contextmanager
def watching(stop: threading.Event) -> Iterator[None]:
    """`check()` in this thread raises once `stop` is set, for the duration of the block."""
    _local.stop = stop
    try:
        yield
    finally:
        _local.stop = None


@contextmanager
def deferred() -> Iterator[None]:
    """Hold Ctrl-C back for the duration of the block; raise it (KeyboardInterrupt) after.

    Only in the main thread with Python's own SIGINT handler installed; elsewhere (a worker
    thread, a host program with its own handler) the block runs as is.
    """
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) not in (signal.default_int_handler, _remember):
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        if previous is _remember:
            _received.set()
        raise KeyboardInterrupt
