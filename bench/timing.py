"""Interleaved repeats and medians: every contender runs once per round, in turn, so
slow drifts of the machine (another process, CPU clocks) hit all of them alike."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def interleaved(
    contenders: dict[str, Callable[[], object]], repeats: int, pause: float = 0.05
) -> dict[str, list[float]]:
    """Seconds per call of each contender over ``repeats`` rounds (after one warm-up).

    The short pause lets the other library's idle BLAS/OpenMP threads stop spinning
    before the next contender starts.
    """
    for run in contenders.values():  # warm-up: imports, allocations, caches
        run()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, run in contenders.items():
            time.sleep(pause)
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def fmt_seconds(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"
