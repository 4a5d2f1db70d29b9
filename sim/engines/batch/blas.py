"""Keep the BLAS library to one thread while the batch engine runs.

The engine's matrix products are small (a chunk's samples x 101 ages times 101 x 101) and the
engine already runs chunks of samples in parallel threads. OpenBLAS's own threads then only
add synchronisation, and on a busy machine they spin waiting for a core: measured here, a
samples x 101 by 101 x 101 product took 1.5 ms with OpenBLAS's two threads against 0.2 ms
with one, which made whole runs three times slower. threadpoolctl sets the limit for the
duration of a run and restores it afterwards.
"""

from __future__ import annotations

import contextlib
import threading

from threadpoolctl import ThreadpoolController

_CONTROLLER: list[ThreadpoolController] = []
_LOCK = threading.Lock()


def _controller() -> ThreadpoolController:
    """One controller per process: finding the loaded libraries takes ~10 ms, a short run's
    worth (a posterior sampler makes thousands of runs)."""
    with _LOCK:
        if not _CONTROLLER:
            _CONTROLLER.append(ThreadpoolController())
        return _CONTROLLER[0]


@contextlib.contextmanager
def single_threaded():
    with _controller().limit(limits=1, user_api="blas"):
        yield
