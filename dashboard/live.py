"""Live training: time-bounded chunks in the script, each committed, then redrawn.

The loop runs inside the script (shared/STREAMLIT.md §1: the fastest, cleanest way
to update charts). A click on any widget stops the script at its next Streamlit
call; the stored run survives, and the next script run carries on if ``running``
is still set. Only the open tab is redrawn.
"""

from __future__ import annotations

import math
import time

import streamlit as st

from dashboard import state, text
from dashboard.run import Run, advance
from dashboard.settings import Settings, fmt_speed
from dashboard.tabs.base import Painter

# One redraw per frame. Each redraw of a Plotly chart mounts a new chart in the
# browser (Streamlit 1.67 keys the element by a hash of its spec), about 0.1 s of
# browser work on a 2-core machine: 5 frames a second leave it room for input.
FRAME_S = 0.2
DRAW_SHARE = 0.2  # drawing may take at most this share of a frame (25% extra)
MAX_CHUNK_S = 1.0
SMOOTHING = 0.3  # weight of the newest redraw time in the running estimate


def chunk_budget(draw_seconds: float) -> float:
    """Compute time per chunk: fill the frame, but keep drawing within its share."""
    fill = FRAME_S - draw_seconds
    ratio = draw_seconds * (1 - DRAW_SHARE) / DRAW_SHARE
    return min(MAX_CHUNK_S, max(fill, ratio, 0.01))


def epochs_per_frame(speed: int) -> int | None:
    """How many epochs one frame may train at a paced speed (None = full speed)."""
    return None if speed == 0 else max(1, round(speed * FRAME_S))


def _status(slot: st.delta_generator.DeltaGenerator, run: Run, speed: int) -> None:
    """The line above the tabs: progress and what the run is doing."""
    running = st.session_state["running"]
    total = max(run.config.epochs, 1)
    if run.diverged is not None:
        kept = run.epoch
        slot.error(text.diverged(run.diverged.epoch, run.diverged.reason, kept))
        return
    if run.done:
        what = "finished: raise Epochs to continue, or press Reset"
    elif running:
        what = f"training at {fmt_speed(speed).lower()}"
    elif run.epoch == 0:
        what = "ready: press Train (T) or Step (S)"
    else:
        what = "paused: Train (T) continues, Step (S) trains one epoch"
    slot.progress(
        min(run.epoch / total, 1.0),
        text=f"Epoch {run.epoch} of {run.config.epochs} · {what}",
    )


class Frames:
    """Hands out frame numbers, so chart keys never repeat within a script run."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count


def _draw(paint: Painter, run: Run, frames: Frames, live: bool) -> float:
    """Redraw the open tab; returns the seconds it took."""
    start = time.perf_counter()
    paint(run, frames.next(), live)
    return time.perf_counter() - start


def _remember_draw_time(seconds: float) -> None:
    old = st.session_state["draw_seconds"]
    st.session_state["draw_seconds"] = (1 - SMOOTHING) * old + SMOOTHING * seconds


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
    _remember_draw_time(_draw(paint, run, frames, live=trains))
    per_frame = epochs_per_frame(settings.speed)
    while st.session_state["running"]:
        if run.done or run.diverged is not None:
            st.session_state["running"] = False
            break
        started = time.perf_counter()
        budget = chunk_budget(st.session_state["draw_seconds"])
        run = advance(run, budget, max_epochs=per_frame)
        state.commit(run)
        _status(status_slot, run, settings.speed)
        _remember_draw_time(_draw(paint, run, frames, live=True))
        if per_frame is not None:
            time.sleep(max(0.0, started + FRAME_S - time.perf_counter()))
    if trains:  # the run stopped here: draw it once more in full detail
        _status(status_slot, run, settings.speed)
        _draw(paint, run, frames, live=False)
