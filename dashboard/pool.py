"""Training chunks on a pool of worker processes: one pool per server, every core.

Streamlit runs every session's script in one process, so chunks from many
sessions would otherwise take turns under the GIL (shared/DESIGN.md §5). Here a
chunk goes to a worker process and the script waits for it; a click still stops
the script at its next Streamlit call, once the chunk is back. The pool is the
one resource shared between sessions: it holds no run, only does the arithmetic.

Opt-in: LA_WORKERS=N starts N workers; unset or 0 trains on the script thread.
Why off by default: measured on this 2-core machine, small classroom runs spend
their time drawing, not training, so the pool added CPU and ~340 MB and made 4
sessions slower (53 s vs 33 s); and under `streamlit run` its forkserver workers
re-import the server's __main__, which stalled paced live training in Chromium.
Only what a chunk needs crosses to the worker: the run without its snapshots
and with one history entry, so pickling stays small.

No numpy or Streamlit import at the top: a worker imports this module before its
initializer runs, and BLAS must see one thread per worker when numpy loads.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dashboard.run import Run

ENV = "LA_WORKERS"
# One BLAS thread per worker: the pool already uses every core.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def size() -> int:
    """Workers wanted: LA_WORKERS (0, unset or not a number: no pool)."""
    raw = os.environ.get(ENV, "").strip()
    try:
        return max(0, int(raw)) if raw else 0
    except ValueError:
        return 0


def _init_worker() -> None:
    """Runs first in each worker, before numpy loads: one BLAS thread."""
    for name in BLAS_THREADS:
        os.environ[name] = "1"
    if "numpy" in sys.modules:  # loaded already (should not be): limit it now
        try:
            from threadpoolctl import threadpool_limits

            threadpool_limits(1)
        except ImportError:
            pass


def pool() -> ProcessPoolExecutor | None:
    """The server's pool, made on first use; None when LA_WORKERS=0."""
    global _pool
    workers = size()
    if workers == 0:
        return None
    with _lock:
        if _pool is None:
            # forkserver: workers start clean, not as forks of a threaded server.
            context = multiprocessing.get_context("forkserver")
            _pool = ProcessPoolExecutor(
                workers, mp_context=context, initializer=_init_worker
            )
        return _pool


def _discard(broken: ProcessPoolExecutor) -> None:
    """Forget a broken pool, so the next chunk makes a new one."""
    global _pool
    with _lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def light(run: Run) -> Run:
    """What a worker needs to continue a run: no snapshots, the last history entry
    (``advance`` keeps the snapshots and history it is given, and adds to them)."""
    history = {key: values[-1:] for key, values in run.history.items()}
    return dataclasses.replace(run, history=history, snapshots=())


def merge(run: Run, sent: Run, part: Run) -> Run:
    """``run`` with what the worker added to ``sent`` (its light copy)."""
    history = {
        key: list(run.history.get(key, ()))
        + part.history[key][len(sent.history.get(key, ())) :]
        for key in part.history
    }
    return dataclasses.replace(
        run,
        state=part.state,
        history=history,
        snapshots=run.snapshots + part.snapshots,
        weight_range=part.weight_range,
        diverged=part.diverged,
    )


def _advance_in_worker(run: Run, budget_s: float, max_epochs: int | None) -> Run:
    from dashboard.run import advance as advance_here

    return advance_here(run, budget_s, max_epochs=max_epochs)


def advance(run: Run, budget_s: float, max_epochs: int | None = None) -> Run:
    """``dashboard.run.advance`` on a worker (the budget is the worker's compute
    time); on the script thread when there is no pool or it broke."""
    from dashboard.run import advance as advance_here

    workers = pool()
    if workers is None or run.diverged is not None:
        return advance_here(run, budget_s, max_epochs=max_epochs)
    sent = light(run)
    try:
        part = workers.submit(_advance_in_worker, sent, budget_s, max_epochs).result()
    except BrokenProcessPool:  # a worker died (killed, out of memory): carry on here
        _discard(workers)
        return advance_here(run, budget_s, max_epochs=max_epochs)
    return merge(run, sent, part)
