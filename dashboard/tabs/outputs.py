"""Outputs tab: the softmax outputs, how sure they are, what gets confused, and
for 2-D data the decision regions and each hidden unit's response map."""

from __future__ import annotations

import numpy as np
import streamlit as st

import figures
import nn_core as nn
import wording as text
from dashboard import probes
from dashboard.run import Run
from dashboard.tabs.base import Painter, View, chart, explainer

MAX_MOSAIC_UNITS = 64
# While training runs, coarser maps and fewer bars keep redraws quick.
LIVE_GRID, LIVE_MOSAIC_GRID, LIVE_BARS = 50, 24, 150
FULL_BARS = 300


def _samples_choice(view: View) -> str:
    """Which samples the bars and histogram show: training or validation."""
    if view.run.val is None:
        return "Training"
    return st.radio(
        text.OUTPUTS["split"],
        ["Training", "Validation"],
        key="outputs_split",
        format_func=text.SPLITS.get,
        horizontal=True,
        help=text.OUTPUTS["split_help"],
    )


def _layer_choice(view: View) -> int:
    """Which hidden layer the unit maps show (only asked with several layers)."""
    n = len(view.run.network.activations)
    if n == 1 or view.run.train.n_features != 2:
        return 0
    choice = st.selectbox(
        text.OUTPUTS["layer"],
        list(range(1, n + 1)),
        key="outputs_layer",
        help=text.OUTPUTS["layer_help"],
    )
    return int(choice) - 1


def _distribution(run: Run, frame: int, split: str, font: int, live: bool) -> None:
    data = run.val if split == "Validation" and run.val is not None else run.train
    P = nn.predict_proba(run.network, data.X)
    bars = LIVE_BARS if live else FULL_BARS
    fig = figures.probability_bars(
        P, data.y, run.class_names, max_samples=bars, font_size=font
    )
    chart(fig, "bars", run, frame)
    left, right = st.columns(2)
    with left:
        fig = figures.confidence_histogram(P, data.y, font_size=font)
        chart(fig, "confidence", run, frame)
    with right:
        st.markdown(
            text.OUTPUTS["summary"].format(
                split=text.SPLITS[split],
                n=len(data.y),
                accuracy=np.mean(P.argmax(axis=1) == data.y),
                p_true=P[np.arange(len(data.y)), data.y].mean(),
            )
        )


def _confusions(run: Run, frame: int, font: int) -> None:
    parts = [("Training", run.train)]
    if run.val is not None:
        parts.append(("Validation", run.val))
    columns = st.columns(2)
    for (name, data), column in zip(parts, columns, strict=False):
        predicted = nn.predict_proba(run.network, data.X).argmax(axis=1)
        fig = figures.confusion_figure(
            data.y,
            predicted,
            run.class_names,
            text.OUTPUTS["confusion"].format(split=text.SPLITS[name].lower()),
            font_size=font,
        )
        with column:
            chart(fig, f"confusion-{name}", run, frame)


def _plane(run: Run, frame: int, layer: int, font: int, live: bool) -> None:
    grid = probes.plane(run.train, run.val, LIVE_GRID if live else probes.GRID)
    P = probes.probabilities_on(run.network, grid)
    X = probes.raw_inputs(run.train)
    names = tuple(run.train.feature_names)
    fig = figures.decision_regions(
        grid.gx, grid.gy, P, X, run.train.y, run.class_names, names, font_size=font
    )
    cells = LIVE_MOSAIC_GRID if live else probes.MOSAIC_GRID
    small = probes.plane(run.train, run.val, cells)
    A = probes.unit_maps(run.network, small, layer)
    labels = figures.layer_unit_labels(run.network.sizes)[layer + 1]
    mosaic = figures.unit_response_mosaic(
        small.gx,
        small.gy,
        A,
        max_units=MAX_MOSAIC_UNITS,
        unit_names=labels,
        max_grid=cells,
        axis_titles=names,
        font_size=font,
    )
    left, right = st.columns(2)
    with left:
        chart(fig, "regions", run, frame)
    with right:
        chart(mosaic, "mosaic", run, frame)


def render(view: View) -> Painter:
    """Sample choice, then charts (redrawn live), then the explainer."""
    split = _samples_choice(view)
    layer = _layer_choice(view)
    slot = st.empty()
    explainer(text.EXPLAIN["Outputs"])

    def paint(run: Run, frame: int, live: bool) -> None:
        font = view.font_size
        with slot.container():
            if run.train.n_features == 2:
                _plane(run, frame, layer, font, live)
            _distribution(run, frame, split, font, live)
            _confusions(run, frame, font)

    return paint
