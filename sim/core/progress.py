"""Progress lines for long commands: each step with the time elapsed since the start."""

from __future__ import annotations

import sys
import time


class Progress:
    """Prints each step with the time elapsed, to stderr so stdout stays a clean summary."""

    def __init__(self, enabled: bool = True, stream=sys.stderr):
        self.enabled, self.stream, self.start = enabled, stream, time.perf_counter()

    def __call__(self, message: str) -> None:
        if self.enabled:
            print(f"[{time.perf_counter() - self.start:5.1f}s] {message}", file=self.stream,
                  flush=True)
