"""Sweep throughput: 100 configurations of the seed preset (500 epochs each) trained
stacked by ``nn_core.sweep`` (local threads), one by one with ``nn.fit``, and on
Dask with 2 local single-threaded worker processes.

    python -m bench.sweep            # about half a minute
"""

from __future__ import annotations

import contextlib
import os
import sys
import time

import numpy as np

import nn_core as nn
from bench.timing import fmt_seconds, interleaved, median
from nn_core import sweep

GRID = {
    "learning_rate": [float(v) for v in np.geomspace(0.001, 1.0, 10)],
    "seed": list(range(10)),
}


def _one_by_one(data, configs) -> None:
    for config in configs:
        with contextlib.suppress(nn.TrainingDiverged):
            nn.fit(data.X, data.y, config, n_classes=data.n_classes)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    repeats = 2 if "--quick" in argv else 5
    data = nn.load_dataset("seed-report", seed=0)
    configs = sweep.expand(GRID)
    n = len(configs)
    print(
        f"\nSweep: {n} configurations of the seed preset, 500 epochs each "
        f"(load average {os.getloadavg()[0]:.2f})"
    )

    def local():
        return sweep.run(GRID, data.X, data.y, n_classes=3)

    # Local first, with no Dask in the process: a running LocalCluster keeps its
    # scheduler's event loop in this process, and its GIL share slows the local
    # threads (measured: about a fifth), so local is also timed beside it below.
    alone = interleaved({"local": local}, repeats)["local"]
    started = time.perf_counter()
    _one_by_one(data, configs)
    one_by_one = time.perf_counter() - started

    from dask.distributed import LocalCluster

    started = time.perf_counter()
    cold = sweep.run(GRID, data.X, data.y, n_classes=3, backend="dask")
    dask_cold = time.perf_counter() - started
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:

        def dask():
            return sweep.run(
                GRID,
                data.X,
                data.y,
                n_classes=3,
                backend="dask",
                scheduler=cluster.scheduler_address,
            )

        times = interleaved({"local": local, "dask": dask}, repeats)
        same = dask() == local() == cold
    rows = [
        ("sweep, local (stacked, 1 thread per core)", median(alone)),
        ("  the same, beside an idle Dask scheduler", median(times["local"])),
        ("one by one with nn.fit", one_by_one),
        ("sweep, Dask, 2 workers (cluster running)", median(times["dask"])),
        ("sweep, Dask, 2 workers (incl. cluster start)", dask_cold),
    ]
    print(f"{'how':<46} {'time':>9} {'configs/s':>10} {'vs local':>9}")
    for name, seconds in rows:
        print(
            f"{name:<46} {fmt_seconds(seconds):>9} {n / seconds:>10.0f} "
            f"{seconds / rows[0][1]:>8.1f}x"
        )
    print(
        f"Dask records identical to local: {same}. Medians of {repeats} repeats "
        "(local alone, then local and Dask interleaved); one-by-one and cold Dask: "
        "one run each."
    )


if __name__ == "__main__":
    main()
