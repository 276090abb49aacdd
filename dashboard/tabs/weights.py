"""Weights tab: every weight matrix and bias as a heatmap, replayable by epoch."""

from __future__ import annotations

import streamlit as st

import figures
import wording as text
from dashboard.run import Run, params_at, replay_epochs
from dashboard.tabs.base import Painter, View, chart, explainer

DIGIT_SHAPE = (8, 8)


def _replay_epoch(view: View) -> int | None:
    """The epoch chosen for replay, or None to follow training live."""
    epochs = replay_epochs(view.run)
    if len(epochs) < 2:
        epochs = [0, 1]  # a placeholder, disabled: the page keeps its layout
    if view.running or view.run.epoch == 0:
        st.select_slider(
            text.WEIGHTS["replay"],
            epochs,
            value=epochs[-1],
            disabled=True,
            help=text.HELP["replay"] + text.WEIGHTS["replay_off"],
        )
        return None
    chosen = st.select_slider(
        text.WEIGHTS["replay"],
        epochs,
        value=epochs[-1],
        # A new key when the kept epochs change: the slider then starts at the
        # latest epoch again instead of holding on to a stale choice.
        key=f"replay-{view.run.run_id}-{len(epochs)}-{epochs[-1]}",
        help=text.HELP["replay"],
    )
    return None if chosen == epochs[-1] else chosen


def _layer_title(i: int, n_layers: int, kind: str) -> str:
    words = text.WEIGHTS
    hidden = words["hidden"]
    to = words["output"] if i == n_layers - 1 else hidden.format(layer=i + 1)
    source = words["inputs"] if i == 0 else hidden.format(layer=i)
    if kind == "W":
        return words["W_title"].format(layer=i + 1, source=source, target=to)
    return words["b_title"].format(layer=i + 1, target=to)


def paint_weights(run: Run, epoch: int, frame: int, font_size: int) -> None:
    """Heatmaps of W and b of every layer at one epoch, colour range fixed per run."""
    params = params_at(run, epoch)
    labels = figures.layer_unit_labels(
        run.network.sizes, run.train.feature_names, run.class_names
    )
    n = len(params)
    st.markdown(text.WEIGHTS["at_epoch"].format(epoch=epoch, trained=run.epoch))
    for start in range(0, n, 2):
        columns = st.columns(2)
        for i, column in zip(range(start, min(start + 2, n)), columns, strict=False):
            W, b, _ = params[i]
            w_max, b_max = run.weight_range[i]
            with column:
                fig = figures.weight_heatmap(
                    W,
                    _layer_title(i, n, "W"),
                    labels[i],
                    labels[i + 1],
                    zmax=w_max,
                    font_size=font_size,
                )
                chart(fig, f"W{i}", run, frame)
                fig = figures.weight_heatmap(
                    b,
                    _layer_title(i, n, "b"),
                    None,
                    labels[i + 1],
                    zmax=b_max,
                    font_size=font_size,
                )
                chart(fig, f"b{i}", run, frame)
    if run.spec.name == "digits":
        W = params[0][0]
        fig = figures.digit_weights_figure(
            W,
            DIGIT_SHAPE,
            zmax=run.weight_range[0][0],
            unit_labels=labels[1],
            font_size=font_size,
        )
        chart(fig, "digits", run, frame)


def render(view: View) -> Painter:
    """Replay slider (when paused), heatmaps, explainer."""
    chosen = _replay_epoch(view)
    slot = st.empty()
    explainer(text.EXPLAIN["Weights"])

    def paint(run: Run, frame: int, live: bool) -> None:
        epoch = run.epoch if chosen is None or chosen > run.epoch else chosen
        with slot.container():
            paint_weights(run, epoch, frame, view.font_size)

    return paint
