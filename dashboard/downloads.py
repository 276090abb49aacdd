"""Downloads: the trained network as .npz (no pickles) and the history as CSV.

A downloaded .npz can come back through "Load weights", checked by
``weights_file`` without pickles, to inspect it or train on.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import streamlit as st

import wording as text
from dashboard import data, state, weights_file
from dashboard.run import Run, history_rows
from dashboard.settings import Settings


def weights_npz(run: Run) -> bytes:
    """Weights, biases, activation parameters and the input scaling, as .npz bytes.

    Plain arrays and strings only, so ``np.load(..., allow_pickle=False)`` reads it;
    ``mean`` and ``scale`` standardise raw inputs as in training: (X - mean) / scale.
    """
    arrays: dict[str, np.ndarray] = {}
    for i, layer in enumerate(run.network.layers, start=1):
        arrays[f"W{i}"] = np.asarray(layer.W)
        arrays[f"b{i}"] = np.asarray(layer.b)
        arrays[f"theta{i}"] = np.asarray(layer.theta)
    n = run.train.n_features
    mean = run.train.mean if run.train.mean is not None else np.zeros(n)
    scale = run.train.scale if run.train.scale is not None else np.ones(n)
    arrays["mean"] = np.asarray(mean, dtype=np.float64)
    arrays["scale"] = np.asarray(scale, dtype=np.float64)
    arrays["activations"] = np.array(run.network.activations, dtype=np.str_)
    arrays["feature_names"] = np.array(run.train.feature_names, dtype=np.str_)
    arrays["class_names"] = np.array(run.train.class_names, dtype=np.str_)
    arrays["epoch"] = np.array(run.epoch)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def history_csv(run: Run) -> bytes:
    """One row per recorded epoch: loss, accuracy (train, validation), grad norms."""
    return pd.DataFrame(history_rows(run)).to_csv(index=False).encode("utf-8")


def section(run: Run | None) -> None:
    """The download buttons at the foot of the sidebar (no rerun when clicked)."""
    if run is None:
        return
    with st.sidebar:
        st.header(text.SIDEBAR_HEADERS["download"], divider="gray")
        stem = f"{run.spec.name}-epoch{run.epoch}"
        npz, csv = weights_npz(run), history_csv(run)
        _download(
            "download_npz", npz, f"{stem}-weights.npz", "application/octet-stream"
        )
        _download("download_csv", csv, f"{stem}-history.csv", "text/csv")


def _download(key: str, payload: bytes, file_name: str, mime: str) -> None:
    """A full-width download button, its words from ``text`` under ``key``;
    ``on_click="ignore"``: a download must not rerun (and so redraw) the app."""
    st.download_button(
        text.LABELS[key],
        data=payload,
        file_name=file_name,
        mime=mime,
        on_click="ignore",
        help=text.HELP[key],
        width="stretch",
    )


# ---------------------------------------------------------------- and back again


def weights_uploader():
    """The "Load weights (.npz)" picker, and a slot for what became of the file."""
    file = st.file_uploader(
        text.LABELS["load_weights"],
        type=["npz"],
        key="weights_file",
        help=text.HELP["load_weights"],
    )
    return file, st.empty()


def take_weights(file, slot, settings: Settings) -> None:
    """Start a run from a newly uploaded weights file; on any problem keep the run.

    Each upload is read once (by its file id): reruns only repeat the message.
    """
    if file is None:
        return
    seen = st.session_state["weights_seen"]
    if seen is None or seen[0] != file.file_id:
        seen = _load_weights(file, settings)
        st.session_state["weights_seen"] = seen
    _, run_id, message = seen
    current = state.run()
    if run_id is None:
        slot.error(message)
    elif current is not None and current.run_id == run_id:
        slot.success(message)


def _load_weights(file, settings: Settings) -> tuple[str, int | None, str]:
    """(file id, id of the run it started or None, message for the user)."""
    try:
        weights = weights_file.read_weights(file.getvalue())
        split = data.load(settings.data)
        if split is None:
            raise ValueError(text.WEIGHTS_ERRORS["no_data"])
        run = weights_file.run_from_weights(
            weights, state.next_run_id(), settings.data, *split, settings.config
        )
    except ValueError as exc:
        return file.file_id, None, text.weights_error(str(exc))
    state.commit(run)
    st.session_state["running"] = False
    st.session_state["steps"] = 0
    return file.file_id, run.run_id, text.weights_loaded(file.name, weights.epoch)
