"""All session state, set up in one place: plain data only, one entry per key.

Widget keys (see ``settings.DEFAULTS``) hold the sidebar's values; the rest is the
run and the intents the buttons leave for the script. Nothing here is shared between
browser sessions: never ``st.cache_resource`` a network or a run.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.run import Run
from dashboard.settings import DEFAULTS

APP_DEFAULTS: dict[str, Any] = {
    "run": None,  # Run | None: the current run, replaced whole after each chunk
    "running": False,  # True while Train is on: reruns keep training
    "steps": 0,  # epochs asked for by Step, done by the next script run
    "run_counter": 0,  # gives each run an id, for chart keys
    "upload": None,  # dict(token, file_name, dataset) of the last valid CSV
    "upload_error": None,  # (token, message) of the last rejected CSV
    "weights_seen": None,  # (file id, run id or None, message) of the last .npz
    "url_checked": False,  # the first run compares the URL with what was applied
    "url_notice": (),  # query parameters that were ignored, for the notice
    "draw_seconds": 0.02,  # running estimate of one redraw, to size chunks
    "charts_per_frame": 1.0,  # running estimate, to pace the browser's work
    "charts_drawn": 0,  # counts every chart sent, for that estimate
    # Compare tab (lists and dicts are replaced whole, never changed in place):
    "kept_runs": [],  # summaries of kept runs (dashboard/compare.py), oldest first
    "race_runs": [],  # summaries of the last activation race
    "sweep_result": None,  # the last learning-rate × hidden-units sweep
    "compare_prefs": {},  # the Compare tab's choices, kept while it is hidden
    "learn_stage": 0,  # the Learn tab's stage, moved by its buttons
    "learn_sample": 0,  # the Learn tab's sample (a widget key, kept while hidden)
    "lesson_note": None,  # title of the lesson last loaded, for its note
}


def init() -> None:
    """Give every key its starting value once per session (widgets included)."""
    for key, value in {**DEFAULTS, **APP_DEFAULTS}.items():
        if key not in st.session_state:
            st.session_state[key] = value


def run() -> Run | None:
    return st.session_state["run"]


def commit(new_run: Run | None) -> None:
    """Store a run in one assignment: a rerun sees the old one or the new one."""
    st.session_state["run"] = new_run


def next_run_id() -> int:
    st.session_state["run_counter"] += 1
    return st.session_state["run_counter"]


def widget_values() -> dict[str, Any]:
    """The sidebar's current values, read from session state by key."""
    return {key: st.session_state.get(key, value) for key, value in DEFAULTS.items()}


def request_reset() -> None:
    """Drop the run and stop; the next script run builds a fresh one at epoch 0."""
    st.session_state["running"] = False
    st.session_state["steps"] = 0
    st.session_state["run"] = None
    st.session_state["url_notice"] = ()
