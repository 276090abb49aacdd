"""Downloads: the trained network as .npz (no pickles) and the history as CSV."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import text
from dashboard.run import Run, history_rows


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
        st.header("Download", divider="gray")
        stem = f"{run.spec.name}-epoch{run.epoch}"
        st.download_button(
            "Weights (.npz)",
            data=weights_npz(run),
            file_name=f"{stem}-weights.npz",
            mime="application/octet-stream",
            on_click="ignore",
            help=text.HELP["download_npz"],
            width="stretch",
        )
        st.download_button(
            "History (.csv)",
            data=history_csv(run),
            file_name=f"{stem}-history.csv",
            mime="text/csv",
            on_click="ignore",
            help=text.HELP["download_csv"],
            width="stretch",
        )
