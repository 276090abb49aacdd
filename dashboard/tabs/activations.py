"""Activations tab: each hidden layer's function and slope where its inputs fall."""

from __future__ import annotations

import numpy as np
import streamlit as st

import figures
import nn_core as nn
from dashboard import probes, text
from dashboard.run import Run, params_at
from dashboard.settings import NORMAL_FONT
from dashboard.tabs.base import Painter, View, chart, explainer
from nn_core.diagnostics import LayerHealth, layer_health


def _health(health: LayerHealth) -> None:
    n = len(health.dead)
    left, right = st.columns(2)
    left.metric(
        "Saturated units",
        f"{int(health.saturated.sum())} of {n}",
        help="Units whose slope |f′(z)| is under 0.05 for most training samples: "
        "they pass back less than 5% of the error, so they learn slowly.",
    )
    right.metric(
        "Dead units",
        f"{int(health.dead.sum())} of {n}",
        help="Units whose output is the same for every training sample: they "
        "can teach the next layer nothing.",
    )


def _learned(run: Run, layer: int, lo: float, hi: float, frame: int, font: int) -> None:
    """For learnable activations: every unit's curve now and at epoch 0."""
    name = run.network.activations[layer]
    now = probes.curve(name, run.network.layers[layer].theta, lo, hi)
    start = probes.curve(name, params_at(run, 0)[layer][2], lo, hi)
    fig = figures.learned_curves_figure(
        now.z,
        now.fa,
        start.fa,
        title=f"Hidden layer {layer + 1}: learned {nn.ACTIVATIONS[name].display_name}",
        font_size=font,
    )
    chart(fig, f"learned-{layer}", run, frame)


def short_name(name: str) -> str:
    """'Swish-β (learnable β)' -> 'Swish-β': short enough for a legend entry."""
    return nn.ACTIVATIONS[name].display_name.split(" (")[0]


def paint_layer(
    run: Run, layer: int, z: np.ndarray, health: LayerHealth, frame: int, font: int
) -> None:
    """One hidden layer: its activation with the observed z, and its health."""
    name = run.network.activations[layer]
    act = nn.ACTIVATIONS[name]
    theta = run.network.layers[layer].theta
    lo, hi = probes.z_range(z)
    shown = probes.curve(
        name, theta.mean(axis=0, keepdims=True) if act.k else theta, lo, hi
    )
    st.markdown(f"**Hidden layer {layer + 1}: {act.display_name}**  ·  ${act.latex}$")
    fig = figures.activation_figure(
        shown.z,
        shown.fa[0],
        shown.dfa[0],
        short_name(name),
        z_hist=z.ravel(),
        font_size=font,
    )
    chart(fig, f"activation-{layer}", run, frame)
    _health(health)
    if act.k:
        st.caption("Drawn with the mean of the units' learned parameters.")
        _learned(run, layer, lo, hi, frame, font)


def render(view: View) -> Painter:
    """Per hidden layer: the activation and its slope, redrawn live; explainer."""
    slot = st.empty()
    explainer(text.EXPLAIN["Activations"])

    def paint(run: Run, frame: int, live: bool) -> None:
        zs = probes.pre_activations(run.network, run.train.X)
        health = layer_health(run.network, run.train.X)
        with slot.container():
            wide = view.font_size > NORMAL_FONT  # large fonts: one layer per row
            columns = st.columns(1 if wide else min(len(zs), 2))
            for layer, z in enumerate(zs):
                with columns[layer % len(columns)]:
                    paint_layer(run, layer, z, health[layer], frame, view.font_size)

    return paint
