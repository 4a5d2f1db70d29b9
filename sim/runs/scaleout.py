"""Run independent chunks of work here or on a Dask cluster, and give the results back in order.

Uncertainty and sensitivity runs split their samples into chunks (`chunk_slices`) and map one
function over them (`run_chunks`). The samples are drawn once, before chunking, so what a
sample gives never depends on the chunk it lands in or the machine that runs it: local and
cluster runs give identical results (tests/runs/test_scaleout.py).

Where chunks run (`scheduler`):

- ``None``: in this process, chunks spread over threads (the batch engine's NumPy work releases
  the GIL), one per CPU;
- ``"local"``: a `dask.distributed.LocalCluster` started for the call (2 worker processes, one
  thread each), closed afterwards;
- an address such as ``tcp://10.0.0.5:8786``: an existing Dask scheduler; its workers need this
  project installed (same versions: results are only identical with the same code);
- a `dask.distributed.Client`: used as is and left open (tests share one cluster).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

import numpy as np

from sim.core import interrupt
from sim.core.errors import SimError
from sim.engines.batch.blas import single_threaded

__all__ = ["chunk_slices", "run_chunks", "LOCAL", "LOCAL_WORKERS", "CONNECT_TIMEOUT"]

LOCAL = "local"
#: Workers of the local cluster ("--local-cluster"): the project's machines have 2 cores.
LOCAL_WORKERS = 2
#: Seconds to wait for a scheduler address to answer before giving up with an error.
CONNECT_TIMEOUT = 10


def chunk_slices(samples: int, chunk: int) -> list[slice]:
    """Consecutive slices of at most `chunk` samples covering 0..samples-1."""
    if not isinstance(chunk, (int, np.integer)) or isinstance(chunk, bool) or chunk < 1:
        raise SimError(f"chunk: given {chunk!r}; allowed: a whole number of samples from 1")
    if not isinstance(samples, (int, np.integer)) or samples < 1:
        raise SimError(f"samples: given {samples!r}; allowed: a whole number from 1")
    return [slice(i, min(i + chunk, samples)) for i in range(0, samples, chunk)]


def run_chunks(task: Callable[[Any], Any], payloads: Sequence[Any], *, scheduler=None,
               progress: Callable[[str], None] | None = None) -> list:
    """`[task(p) for p in payloads]`, run where `scheduler` says (module docstring), results in
    the order of `payloads`. `progress` gets "chunks done k / n" as chunks finish. `task` must
    be a module-level function when a cluster runs it (it is sent by reference)."""
    total = len(payloads)
    report = _Reporter(progress, total)
    if scheduler is None:
        return _in_threads(task, payloads, report)
    from dask.distributed import Client  # heavy: dask, only for a cluster

    if isinstance(scheduler, Client):
        return _on_client(scheduler, task, payloads, report)
    with _client(scheduler) as client:
        return _on_client(client, task, payloads, report)


def _in_threads(task, payloads, report) -> list:
    """The chunks on threads of this process. Interrupted (Ctrl-C) or failed, the chunks not
    started are cancelled and those running stop at their next time step (`interrupt.STOP`),
    so the process can exit at once instead of computing every remaining chunk."""
    workers = max(1, min(len(payloads), os.cpu_count() or 1))
    results: list = [None] * len(payloads)
    stop = threading.Event()
    pool = ThreadPoolExecutor(workers)
    try:
        with single_threaded():
            futures = {pool.submit(_watched, stop, task, p): i for i, p in enumerate(payloads)}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                report.done()
    except BaseException:
        stop.set()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results


def _watched(stop: threading.Event, task, payload):
    with interrupt.watching(stop):
        return task(payload)


class _Reporter:
    def __init__(self, progress, total):
        self.progress, self.total, self.count = progress, total, 0

    def done(self):
        self.count += 1
        if self.progress:
            self.progress(f"chunks done {self.count} / {self.total}")


def _on_client(client, task, payloads, report) -> list:
    from dask.distributed import as_completed  # heavy: dask, only for a cluster

    # pure=False: identical payloads (possible in tests) are still separate tasks.
    futures = [client.submit(task, p, pure=False) for p in payloads]
    index = {f.key: i for i, f in enumerate(futures)}
    results: list = [None] * len(futures)
    try:
        for future in as_completed(futures):
            results[index[future.key]] = future.result()
            report.done()
    finally:
        for future in futures:
            future.release()
    return results


def _not_a_scheduler(error: BaseException, what: str) -> SimError:
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return SimError(f"--scheduler: {what} ({reason[:120]}); allowed: the address of a running "
                    "Dask scheduler, e.g. tcp://host:8786")


def _connect(address: str):
    """A Client of the scheduler at `address`, or a one-line `SimError` within
    CONNECT_TIMEOUT.

    Dask's own timeout covers the TCP connection but not the handshake after it: a server that
    accepts and stays silent would hang the Client for ever. So the Client is made in a helper
    thread, and given up (left to the daemon thread) when it does not come in time.
    """
    from dask.distributed import Client  # heavy: dask, only for a cluster

    _probe(address)
    box: dict[str, Any] = {}

    def connect() -> None:
        try:
            box["client"] = Client(address, timeout=CONNECT_TIMEOUT)
        except BaseException as error:  # noqa: BLE001 - reported by the caller
            box["error"] = error

    helper = threading.Thread(target=connect, name="dask-connect", daemon=True)
    helper.start()
    helper.join(CONNECT_TIMEOUT)
    unreachable = f"cannot reach the Dask scheduler at {address} within {CONNECT_TIMEOUT} s"
    if helper.is_alive():  # connected, but no handshake: something else listens there
        raise _not_a_scheduler(TimeoutError("connected, but no answer as a Dask scheduler"),
                               unreachable)
    error = box.get("error")
    if isinstance(error, (OSError, TimeoutError)):  # refused, unreachable
        raise _not_a_scheduler(error, unreachable)
    if isinstance(error, Exception):
        # A server that answers with something else makes Dask read garbage as frame lengths
        # (a 3 EiB MemoryError, struct.error, ValueError, AssertionError …).
        raise _not_a_scheduler(error, f"{address} answered, but not as a Dask scheduler")
    if error is not None:
        raise error  # KeyboardInterrupt and the like
    return box["client"]


def _probe(address: str) -> None:
    """A one-line `SimError` at once when nothing listens at a tcp:// or tls:// address (Dask
    would retry a refused connection until its own timeout, and the message would then blame
    the handshake)."""
    scheme, _, rest = address.partition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("tcp", "tls") or not port.isdigit():
        return   # other address forms: Dask's own connect says what is wrong
    try:
        with socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)),
                                      timeout=CONNECT_TIMEOUT):
            pass
    except OSError as error:
        raise _not_a_scheduler(error, f"nothing answers at {address}") from None


class _client:
    """A Client for "local" (a LocalCluster started and closed here) or an address."""

    def __init__(self, scheduler):
        self.scheduler, self.cluster, self.client = scheduler, None, None

    def __enter__(self):
        from dask.distributed import Client, LocalCluster  # heavy: dask, only for a cluster

        if self.scheduler == LOCAL:
            # Processes, one thread each: the batch engine holds the GIL between NumPy calls.
            try:
                self.cluster = LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1,
                                            processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
            except KeyboardInterrupt:  # Ctrl-C as the cluster starts: it is not ours yet
                from dask.distributed import SpecCluster  # heavy: dask, only for a cluster

                for cluster in list(SpecCluster._instances):  # what Dask's exit hook closes
                    _end_workers(cluster)
                    cluster.shutdown_on_close = False
                raise
            return self.client
        if not isinstance(self.scheduler, str) or "://" not in self.scheduler and \
                ":" not in self.scheduler:
            raise SimError(f"--scheduler: given {self.scheduler!r}; allowed: a Dask scheduler "
                           "address such as tcp://host:8786")
        self.client = _connect(self.scheduler)
        return self.client

    def __exit__(self, kind, value, traceback):
        interrupted = kind is not None and issubclass(kind, KeyboardInterrupt)
        if self.cluster is not None and interrupted:
            # Ctrl-C: the workers' chunks are thrown away; end the busy worker processes now
            # rather than wait for the chunk they compute (seconds) and a 4 s close timeout.
            _end_workers(self.cluster)
        try:
            if self.client is not None:
                self.client.close()
            if self.cluster is not None:
                self.cluster.close()
        except KeyboardInterrupt:  # Ctrl-C while closing: the same, then stop
            interrupted = True
            if self.cluster is not None:
                _end_workers(self.cluster)
            raise
        except Exception:
            # A cluster stopped half-way (Ctrl-C as it started) may fail its own close checks;
            # the interrupt is what to report, not that.
            if not interrupted:
                raise
        finally:
            if self.cluster is not None and interrupted:
                # and Dask's exit hook must not close it again (it would fail the same checks,
                # with a traceback, after waiting up to 10 s)
                self.cluster.shutdown_on_close = False
        return False


def _end_workers(cluster) -> None:
    """Stop the local cluster's nannies from restarting, then kill their worker processes."""
    # their warnings as the cluster stops half-way (a worker killed, a nanny that did not
    # start) are noise now: the interrupt is what is reported
    for name in ("distributed", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    for nanny in list(getattr(cluster, "workers", {}).values()):
        nanny.auto_restart = False
        process = getattr(getattr(nanny, "process", None), "process", None)
        pid = getattr(process, "pid", None)
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
