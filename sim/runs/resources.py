"""Memory a sampled run will need, checked before it starts.

`uncertainty` keeps every output of every sample (all but the sex-by-age arrays) until it has
written them; `sensitivity` keeps its design and the targets' indicators of every run. Both grow
linearly with the number of samples, so a size that does not fit is refused before anything is
drawn, with the estimate and the largest size that fits, instead of swapping for minutes and
dying with MemoryError.

The footprints are measured (peak resident memory, `resource.getrusage`, of
`python -m sim uncertainty|sensitivity scenarios/hangzhou/baseline.yaml`, 16 model years, on
2026-12-01):

- uncertainty, 250 -> 10,000 samples: 386 -> 545 MB, 16.3 kB a sample = 1,020 bytes a
  sample-year; its Dataset holds 744 bytes a sample-year (93 float64 values), so the peak is 1.4
  times the Dataset (chunk results and their concatenation overlap). We count
  `UNCERTAINTY_BYTES` = 1,500 bytes a sample-year (2x the Dataset; tests/runs/test_resources.py
  fails if the Dataset grows past it);
- sensitivity (Sobol), 1,792 -> 14,336 runs: 427 -> 466 MB, 3.1 kB a run = 195 bytes a
  run-year. We count `SENSITIVITY_BYTES` = 400 bytes a run-year;
- whatever the size: up to ~320 MB above the loaded program for the chunks being integrated and
  the writing (`WORKING_BYTES`, 400 MB counted).

The margins are our convention. Available memory is MemAvailable of /proc/meminfo (Linux); where
it cannot be read, nothing is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sim.core.errors import InputError

__all__ = ["UNCERTAINTY_BYTES", "SENSITIVITY_BYTES", "WORKING_BYTES", "available_bytes",
           "check_memory", "size_text"]

#: Bytes kept per sample and model year by `uncertainty` (module docstring).
UNCERTAINTY_BYTES = 1_500
#: Bytes kept per model run and model year by `sensitivity` (module docstring).
SENSITIVITY_BYTES = 400
#: Working memory beyond the loaded program, whatever the size (module docstring).
WORKING_BYTES = 400_000_000
#: Share of the available memory a run may plan to use (the rest: the system, other programs).
USABLE_SHARE = 0.8
MEMINFO = Path("/proc/meminfo")


def available_bytes(meminfo: Path = MEMINFO) -> int | None:
    """MemAvailable of /proc/meminfo in bytes (memory that can be used without swapping), or
    None where it cannot be read."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024  # given in kB (KiB)
    except (OSError, ValueError, IndexError):
        return None
    return None


def size_text(n: float) -> str:
    """Bytes for people: 1.5 GB, 820 MB, 16 kB (powers of 1,000)."""
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n:,.0f} bytes"


def check_memory(*, option: str, given: int, units: int, unit_bytes: int, what: str,
                 to_option: Callable[[int], int] = int, available: int | None = None) -> None:
    """Raise `InputError` (naming `option` and `given`) when `units` x `unit_bytes` plus
    `WORKING_BYTES` exceeds `USABLE_SHARE` of the available memory.

    `what` names the units in the message ("samples", "model runs"); `to_option` turns the most
    units that fit into the largest value of the option (e.g. a Sobol base sample: a power of 2
    of runs / (k + 2)); `available` defaults to `available_bytes()`.
    """
    available = available_bytes() if available is None else available
    if available is None:
        return
    need = units * unit_bytes + WORKING_BYTES
    usable = int(available * USABLE_SHARE)
    if need <= usable:
        return
    largest = to_option(max(0, (usable - WORKING_BYTES) // unit_bytes))
    fits = f"at most {largest:,} here" if largest > 0 else "none fits: free some memory first"
    raise InputError(None, option, given, f"{fits} ({size_text(usable)} usable: "
                     f"{USABLE_SHARE:.0%} of the {size_text(available)} available)",
                     f"needs about {size_text(need)} of memory ({units:,} {what} x "
                     f"{size_text(unit_bytes)} + {size_text(WORKING_BYTES)} working)")
