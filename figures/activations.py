"""Activation functions: their shape and slope, learned curves, learnable parameters."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike

from figures.style import (
    CURVE_HEIGHT,
    MANY_CURVES_HEIGHT,
    NEUTRAL_COLOR,
    NO_DATA,
    OKABE_ITO,
    as_float_list,
    class_color,
    fmt,
    legend_right,
    line_dash,
    styled_figure,
    thin,
)

Z_AXIS = "Pre-activation z"
MAX_FADED = 10
MAX_Z_POINTS = 300  # a smooth curve needs few points; many units share one chart
MAX_FADED_POINTS = 100
DIGITS = 5
FLAT_SLOPE = 0.05  # a slope below this share of the peak counts as saturated


def _curve_rows(curves: ArrayLike | None, n_z: int, name: str) -> np.ndarray:
    """Curves as (n_units, n_z) floats; a single curve becomes one row."""
    C = np.asarray(curves if curves is not None else [], dtype=float)
    if C.size == 0:
        return np.zeros((0, n_z))
    C = C.reshape(1, -1) if C.ndim == 1 else C
    if C.shape[1] != n_z:
        raise ValueError(
            f"{name} must have one value per z ({n_z}) in each row, got {C.shape}"
        )
    return C


def activation_figure(
    z: ArrayLike,
    fa: ArrayLike,
    dfa: ArrayLike,
    name: str,
    z_hist: ArrayLike | None = None,
    n_bins: int = 40,
    *,
    font_size: int = 14,
    height: int = CURVE_HEIGHT,
) -> go.Figure:
    """An activation and its slope over z, with where the real pre-activations fall."""
    z = np.asarray(z, dtype=float).ravel()
    fa_rows = _curve_rows(fa, len(z), "fa")
    dfa_rows = _curve_rows(dfa, len(z), "dfa")
    keep = thin(len(z), MAX_Z_POINTS)
    zs = as_float_list(z[keep], DIGITS)
    traces: list = []
    hist_note = ""
    observed = np.asarray(z_hist if z_hist is not None else [], float).ravel()
    observed = observed[np.isfinite(observed)]
    if observed.size:
        lo, hi = (z.min(), z.max()) if z.size else (observed.min(), observed.max())
        hi = hi if hi > lo else lo + 1.0
        counts, edges = np.histogram(observed, bins=n_bins, range=(lo, hi))
        traces.append(
            go.Bar(
                x=((edges[:-1] + edges[1:]) / 2).tolist(),
                y=counts.tolist(),
                width=float(edges[1] - edges[0]),
                name="Observed pre-activations",
                marker={"color": NEUTRAL_COLOR},
                opacity=0.3,
                hovertemplate="z ≈ %{x:.2f}: %{y} values<extra></extra>",
                yaxis="y2",
            )
        )
        if dfa_rows.shape[0] and z.size:
            hist_note = _saturation_note(observed, z, dfa_rows[0])
    if fa_rows.shape[0]:
        traces.append(
            go.Scatter(
                x=zs,
                y=as_float_list(fa_rows[0, keep], DIGITS),
                mode="lines",
                name=f"{name}(z)",
                line={"color": OKABE_ITO[4], "width": 3},
            )
        )
    if dfa_rows.shape[0]:
        traces.append(
            go.Scatter(
                x=zs,
                y=as_float_list(dfa_rows[0, keep], DIGITS),
                mode="lines",
                name=f"{name}′(z) (slope)",
                line={"color": OKABE_ITO[5], "width": 2.5, "dash": "dash"},
            )
        )
    layout = dict(
        xaxis={"title": {"text": Z_AXIS}},
        yaxis={"title": {"text": "f(z) and slope f′(z)"}},
        # A second y axis for counts, drawn over the first, on the right.
        yaxis2={
            "title": {"text": "Observed z (count)"},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "tickmode": "auto",  # plotly.js 3 syncs an overlaying axis's ticks
            "rangemode": "tozero",
        },
    )
    if z.size and fa_rows.shape[0]:
        alt = (
            f"{name} and its derivative for z from {fmt(z.min())} to {fmt(z.max())}: "
            f"output from {fmt(np.nanmin(fa_rows[0]))} to {fmt(np.nanmax(fa_rows[0]))}"
        )
        if dfa_rows.shape[0]:
            alt += (
                f", slope from {fmt(np.nanmin(dfa_rows[0]))} "
                f"to {fmt(np.nanmax(dfa_rows[0]))}"
            )
        alt += (hist_note or "") + "."
    else:
        alt = f"Chart of {name} and its derivative, nothing to show yet."
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=f"{name}: function and slope",
        alt_text=alt,
        placeholder=None if z.size else NO_DATA,
    )


def _saturation_note(observed: np.ndarray, z: np.ndarray, dfa: np.ndarray) -> str:
    """'; 12% of observed pre-activations sit where the slope is nearly flat'."""
    order = np.argsort(z)
    slope = np.abs(np.interp(observed, z[order], dfa[order]))
    peak = np.nanmax(np.abs(dfa))
    if not np.isfinite(peak) or peak == 0:
        return ""
    flat = (slope < FLAT_SLOPE * peak).mean()
    return (
        f"; {observed.size} observed pre-activations, {flat:.0%} of them where the "
        "slope is nearly flat"
    )


def learned_curves_figure(
    z: ArrayLike,
    curves: ArrayLike,
    curves_epoch0: ArrayLike | None = None,
    faded: Sequence[ArrayLike] | None = None,
    title: str = "Learned activation of each hidden unit",
    unit_names: Sequence[str] | None = None,
    *,
    font_size: int = 14,
    height: int = MANY_CURVES_HEIGHT,
) -> go.Figure:
    """Each unit's learned activation now, at epoch 0 (dashed) and between (faded)."""
    z = np.asarray(z, dtype=float).ravel()
    now = _curve_rows(curves, len(z), "curves")
    start = _curve_rows(curves_epoch0, len(z), "curves_epoch0")
    n_units = now.shape[0]
    names = [str(s) for s in (unit_names or [])][:n_units]
    names += [f"h{i + 1}" for i in range(len(names), n_units)]
    keep = thin(len(z), MAX_Z_POINTS)
    zs = as_float_list(z[keep], DIGITS)
    pale = thin(len(z), MAX_FADED_POINTS)
    zs_pale = as_float_list(z[pale], DIGITS)
    traces: list = []
    history = list(faded or [])
    history = [history[i] for i in thin(len(history), MAX_FADED)] if history else []
    for step, snapshot in enumerate(history):
        rows = _curve_rows(snapshot, len(z), "faded")
        opacity = 0.1 + 0.25 * (step + 1) / len(history)
        for u in range(min(n_units, rows.shape[0])):
            traces.append(
                _unit_line(zs_pale, rows[u, pale], u, names[u], "faded", opacity)
            )
    for u in range(min(n_units, start.shape[0])):
        traces.append(_unit_line(zs, start[u, keep], u, names[u], "epoch0", 1.0))
    for u in range(n_units):
        traces.append(_unit_line(zs, now[u, keep], u, names[u], "now", 1.0))
    if start.shape[0]:
        traces.append(_legend_key("Epoch 0 (dashed)", "dash", 1.0))
    if history:
        traces.append(_legend_key("Earlier epochs (faded)", "solid", 0.3))
    layout = {
        "xaxis": {"title": {"text": Z_AXIS}},
        "yaxis": {"title": {"text": "Activation f(z)"}},
        **legend_right(),
    }
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=title,
        alt_text=_learned_alt(z, now, start, names),
        placeholder=None if n_units and z.size else NO_DATA,
    )


def _unit_line(
    zs: list[float], y: np.ndarray, u: int, name: str, kind: str, opacity: float
) -> go.Scatter:
    """One unit's curve: solid now, dashed at epoch 0, thin and pale for history."""
    style = {
        "now": {"width": 2.5, "dash": "solid"},
        "epoch0": {"width": 1.5, "dash": "dash"},
        "faded": {"width": 1.0, "dash": "solid"},
    }[kind]
    return go.Scatter(
        x=zs,
        y=as_float_list(y, DIGITS),
        mode="lines",
        name=name if kind == "now" else f"{name} ({kind})",
        legendgroup=f"unit{u}",
        showlegend=kind == "now",
        opacity=opacity,
        line={"color": class_color(u), **style},
        hoverinfo="skip" if kind == "faded" else None,
        hovertemplate=None
        if kind == "faded"
        else f"{name} ({'now' if kind == 'now' else 'epoch 0'}): "
        "f(%{x:.2f}) = %{y:.3f}<extra></extra>",
    )


def _legend_key(name: str, dash: str, opacity: float) -> go.Scatter:
    """A legend entry with no data that explains a line style (listed first)."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="lines",
        name=name,
        legendrank=1,
        opacity=opacity,
        line={"color": NEUTRAL_COLOR, "dash": dash, "width": 2},
        hoverinfo="skip",
    )


def _learned_alt(
    z: np.ndarray, now: np.ndarray, start: np.ndarray, names: list[str]
) -> str:
    """Alt text: how many curves, and which unit moved most since epoch 0."""
    if now.shape[0] == 0 or z.size == 0:
        return "Learned activation curves, nothing to show yet."
    text = (
        f"{now.shape[0]} learned activation curves over z from {fmt(z.min())} "
        f"to {fmt(z.max())}"
    )
    if start.shape[0] == now.shape[0]:
        change = np.nanmean(np.abs(now - start), axis=1)
        u = int(np.nanargmax(change)) if np.isfinite(change).any() else 0
        text += (
            f", dashed at epoch 0; {names[u]} moved most (mean change {fmt(change[u])})"
        )
    return text + "."


def param_trace_figure(
    epochs: Sequence[int],
    values: ArrayLike,
    names: Sequence[str],
    *,
    font_size: int = 14,
    height: int = MANY_CURVES_HEIGHT,
) -> go.Figure:
    """Each learnable activation parameter over the epochs: what training changed."""
    V = np.asarray(values, dtype=float)
    n_epochs = len(epochs)
    V = V.reshape(len(V), -1) if V.size else np.zeros((n_epochs, 0))
    if V.shape[0] != n_epochs:
        raise ValueError(
            f"values must have one row per epoch ({n_epochs}), got {V.shape[0]}"
        )
    n_params = V.shape[1]
    labels = [str(s) for s in names][:n_params]
    labels += [f"param {i + 1}" for i in range(len(labels), n_params)]
    keep = thin(n_epochs)
    all_x = as_float_list(epochs)
    x = [all_x[i] for i in keep]
    traces = [
        go.Scatter(
            x=x,
            y=as_float_list(V[keep, j]),
            mode="lines",
            name=labels[j],
            line={"color": class_color(j), "dash": line_dash(j)},
        )
        for j in range(n_params)
    ]
    layout = {
        "xaxis": {"title": {"text": "Epoch"}, "rangemode": "tozero"},
        "yaxis": {"title": {"text": "Parameter value"}},
        **legend_right(),
    }
    if n_epochs and n_params:
        moved = np.abs(V[-1] - V[0])
        j = int(np.nanargmax(moved)) if np.isfinite(moved).any() else 0
        alt = (
            f"{n_params} learnable parameters over {n_epochs} recorded epochs; "
            f"{labels[j]} changed most, from {fmt(V[0, j])} to {fmt(V[-1, j])}."
        )
    else:
        alt = "Learnable-parameter chart, nothing to show yet."
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title="Learnable activation parameters",
        alt_text=alt,
        placeholder=None if n_epochs and n_params else NO_DATA,
    )
