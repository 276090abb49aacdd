"""Live training: time-bounded chunks in the script, each committed, then redrawn.

The loop runs inside the script (shared/STREAMLIT.md §1: the fastest, cleanest way
to update charts). A click on any widget stops the script at its next Streamlit
call; the stored run survives, and the next script run carries on if ``running``
is still set. Only the open tab is redrawn.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from collections.abc import Iterator

import streamlit as st

import wording as text
from dashboard import pool, state
from dashboard.run import Run, advance
from dashboard.settings import Settings, fmt_speed
from dashboard.tabs.base import Painter, numbers_due

# Pacing. Each redraw of a Plotly chart mounts a new chart in the browser
# (Streamlit 1.67 keys the element by a hash of its spec): measured about 0.1 s of
# browser work per chart on a 2-core machine. So a frame lasts at least FRAME_S
# and MOUNT_S per chart it redraws: a heavy tab redraws less often, and the
# browser keeps time to answer clicks. Live curves drawn as HTML
# (dashboard/livefigs.py) count as a small fraction of a chart (tabs.base).
# Ten frames a second: a Training-tab frame (the loss curve; every second frame
# the status line and metric row, every third the other two curves) costs
# Chromium about 60 ms (measured at steady state), so the browser keeps up on the
# core the training leaves it. With Vega-Lite curves and five st.metric a frame
# cost 100-200 ms, and even five frames a second fell behind
# (bench/live_dashboard.py; numbers in README, Benchmarks).
FRAME_S = 0.1
MOUNT_S = 0.12
DRAW_SHARE = 0.2  # drawing may take at most this share of a frame (25% extra)
MAX_CHUNK_S = 1.0
SMOOTHING = 0.3  # weight of the newest frame in the running estimates
CORES = os.cpu_count() or 1
_training = 0  # script runs of this server process training right now
_training_lock = threading.Lock()


def frame_seconds(charts_per_frame: float, training: int = 1) -> float:
    """How long one frame should last, for the charts it redraws and the number
    of sessions training on this server: each frame's drawing costs the server
    CPU, so with more trainers than cores every one of them redraws less often
    and the compute (what finishes a run) keeps its share."""
    crowd = max(1.0, training / CORES)
    return max(FRAME_S * crowd, MOUNT_S * charts_per_frame)


def training_now() -> int:
    """How many sessions of this server process are training at this moment."""
    return _training


@contextlib.contextmanager
def counted_as_training() -> Iterator[None]:
    """Count this script run among the trainers while the block runs (a script
    stopped by a click or a closed tab leaves the count too)."""
    global _training
    with _training_lock:
        _training += 1
    try:
        yield
    finally:
        with _training_lock:
            _training -= 1


def chunk_budget(draw_seconds: float, frame_s: float = FRAME_S) -> float:
    """Compute time per chunk: fill the frame, but keep drawing within its share."""
    fill = frame_s - draw_seconds
    ratio = draw_seconds * (1 - DRAW_SHARE) / DRAW_SHARE
    return min(MAX_CHUNK_S, max(fill, ratio, 0.01))


def epochs_per_frame(speed: int, frame_s: float = FRAME_S) -> int | None:
    """How many epochs one frame may train at a paced speed (None = full speed)."""
    return None if speed == 0 else max(1, round(speed * frame_s))


def _status(slot: st.delta_generator.DeltaGenerator, run: Run, speed: int) -> None:
    """The line above the tabs: progress and what the run is doing."""
    running = st.session_state["running"]
    total = max(run.config.epochs, 1)
    if run.diverged is not None:
        kept = run.epoch
        slot.error(text.diverged(run.diverged.epoch, run.diverged.reason, kept))
        return
    words = text.STATUS_WHAT
    if run.done:
        what = words["done"]
    elif running:
        what = words["running"].format(speed=fmt_speed(speed).lower())
    elif run.epoch == 0:
        what = words["ready"]
    else:
        what = words["paused"]
    slot.progress(
        min(run.epoch / total, 1.0),
        text=text.STATUS.format(epoch=run.epoch, epochs=run.config.epochs, what=what),
    )


class Frames:
    """Hands out frame numbers, so chart keys never repeat within a script run."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count


def _draw(
    paint: Painter, run: Run, frames: Frames, live: bool, since: float | None = None
) -> None:
    """Redraw the open tab; remember how long it took (from ``since``, when the
    frame's other work began) and how many charts it drew."""
    charts = st.session_state["charts_drawn"]
    start = time.perf_counter() if since is None else since
    paint(run, frames.next(), live)
    _remember("draw_seconds", time.perf_counter() - start)
    _remember("charts_per_frame", st.session_state["charts_drawn"] - charts)


def _remember(key: str, value: float) -> None:
    """Fold the newest frame into a running estimate kept in session state."""
    old = st.session_state[key]
    st.session_state[key] = (1 - SMOOTHING) * old + SMOOTHING * value


def take_steps(run: Run) -> Run:
    """Carry out the epochs asked for with the Step button."""
    steps = st.session_state["steps"]
    st.session_state["steps"] = 0
    if steps <= 0 or run.done:
        return run
    run = advance(run, math.inf, max_epochs=steps)
    state.commit(run)
    return run


def drive(run: Run, status_slot, paint: Painter, settings: Settings) -> None:
    """Draw the run, then train and redraw chunk by chunk while Train is on."""
    frames = Frames()
    _status(status_slot, run, settings.speed)
    trains = st.session_state["running"] and not run.done and run.diverged is None
    _draw(paint, run, frames, live=trains)
    with counted_as_training():
        run = _train_live(run, status_slot, paint, settings, frames)
    if trains:  # the run stopped here: draw it once more in full detail
        _status(status_slot, run, settings.speed)
        _draw(paint, run, frames, live=False)


def _train_live(
    run: Run, status_slot, paint: Painter, settings: Settings, frames: Frames
) -> Run:
    """Train and redraw frame by frame while Train is on; the run as it ended."""
    while st.session_state["running"]:
        if run.done or run.diverged is not None:
            st.session_state["running"] = False
            break
        started = time.perf_counter()
        frame_s = frame_seconds(st.session_state["charts_per_frame"], training_now())
        budget = chunk_budget(st.session_state["draw_seconds"], frame_s)
        per_frame = epochs_per_frame(settings.speed, frame_s)
        run = pool.advance(run, budget, max_epochs=per_frame)  # on a worker
        # Everything but the compute counts as drawing, so a frame lasts FRAME_S.
        computed = time.perf_counter()
        state.commit(run)
        if numbers_due(frames.count + 1):  # the frame _draw is about to paint
            _status(status_slot, run, settings.speed)
        _draw(paint, run, frames, live=True, since=computed)
        if per_frame is not None:  # paced: these epochs take 1/speed s each
            ends = started + per_frame / settings.speed
            time.sleep(max(0.0, ends - time.perf_counter()))
    return run
