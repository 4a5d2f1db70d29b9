"""A what-if server (sim.interfaces.serve) listening on a free port of 127.0.0.1, in a thread of
the test process, for tests that need real HTTP (concurrent requests, the browser)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from sim.interfaces.serve.app import create_app


@contextmanager
def live_server(start: str | None = "hangzhou/baseline.yaml", lang: str = "zh") -> Iterator[str]:
    """The base URL ("http://127.0.0.1:PORT") of a server of `create_app(start, lang)`, stopped
    on leaving."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(start, lang), log_level="warning",
                                           access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
