"""Keep the BLAS library to one thread while the batch engine runs.

The engine's matrix products are small (a chunk's samples x 101 ages times 101 x 101) and the
engine already runs chunks of samples in parallel threads. OpenBLAS's own threads then only
add synchronisation, and on a busy machine they spin waiting for a core: measured here, a
samples x 101 by 101 x 101 product took 1.5 ms with OpenBLAS's two threads against 0.2 ms
with one, which made whole runs three times slower.

`threadpoolctl` does this properly when it is installed; otherwise the OpenBLAS that NumPy
loaded is found in /proc/self/maps (Linux) and told directly. Elsewhere this does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import re
import threading

_LOCK = threading.Lock()
_DEPTH = 0
_SAVED: int | None = None


@contextlib.contextmanager
def single_threaded():
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        threadpool_limits = None
    if threadpool_limits is not None:
        with threadpool_limits(limits=1, user_api="blas"):
            yield
        return
    _enter()
    try:
        yield
    finally:
        _exit()


def _enter() -> None:
    global _DEPTH, _SAVED
    with _LOCK:
        _DEPTH += 1
        if _DEPTH == 1:
            functions = _openblas()
            if functions:
                get, set_ = functions
                _SAVED = get()
                set_(1)


def _exit() -> None:
    global _DEPTH, _SAVED
    with _LOCK:
        _DEPTH -= 1
        if _DEPTH == 0 and _SAVED is not None:
            functions = _openblas()
            if functions:
                functions[1](_SAVED)
            _SAVED = None


_FUNCTIONS: list = []


def _openblas():
    """(get_num_threads, set_num_threads) of the loaded OpenBLAS, or None."""
    if not _FUNCTIONS:
        _FUNCTIONS.append(_find_openblas())
    return _FUNCTIONS[0]


def _find_openblas():
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = sorted(set(re.findall(r"(/\S*openblas\S*\.so\S*)", maps.read())))
    except OSError:
        return None
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas", "64_"), ("scipy_openblas", ""),
                               ("openblas", "64_"), ("openblas", "")):
            get = getattr(library, f"{prefix}_get_num_threads{suffix}", None)
            set_ = getattr(library, f"{prefix}_set_num_threads{suffix}", None)
            if get is not None and set_ is not None:
                set_.argtypes = [ctypes.c_int]
                return get, set_
    return None
