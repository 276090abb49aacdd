"""Keep the stored run in step with the sidebar, by the design's mid-run rules.

Before any training, the run simply follows the sidebar (a new epoch-0 network
for every change). Once it has trained: learning rate, L2, batch size and epochs
apply from the next chunk and are noted on the loss curve; anything that defines
the network or its data pauses training and asks for Reset.
"""

from __future__ import annotations

import streamlit as st

import nn_core as nn
import wording as text
from dashboard import data, state
from dashboard.run import Run, apply_soft_changes, hard_changes, new_run
from dashboard.settings import Settings


def _fresh(settings: Settings, current: Run | None) -> Run | None:
    """A new epoch-0 run from the settings; the current one if the data is missing."""
    try:
        split = data.load(settings.data)
    except ValueError as exc:
        st.error(text.data_error(str(exc)))
        return current
    if split is None:  # "Upload CSV" chosen, no valid file yet
        return current
    train, val = split
    try:
        return new_run(state.next_run_id(), settings.data, train, val, settings.config)
    except (ValueError, nn.TrainingDiverged) as exc:
        st.error(text.config_error(str(exc)))
        return current


def current_run(settings: Settings | None) -> Run | None:
    """The run to show and train, updated for the settings; notices drawn here."""
    run = state.run()
    if settings is None:
        st.session_state["running"] = False
        return run
    if run is None or run.epoch == 0:
        if run is None or hard_changes(run, settings.data, settings.config):
            run = _fresh(settings, run)
        elif run is not None:
            run = apply_soft_changes(run, settings.config)
        state.commit(run)
        return run
    run = apply_soft_changes(run, settings.config)
    state.commit(run)
    changed = hard_changes(run, settings.data, settings.config)
    if changed:
        st.session_state["running"] = False
        st.session_state["steps"] = 0
        st.warning(text.hard_change(changed, run.epoch), icon=":material/pause_circle:")
    return run
