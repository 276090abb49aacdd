"""Weights as pictures: heatmaps of matrices and biases, digit weights as images."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike

import wording as text
from figures.style import (
    BIAS_HEIGHT,
    DIVERGING,
    HEATMAP_HEIGHT,
    IMAGE_GRID_HEIGHT,
    NO_DATA,
    fmt,
    styled_figure,
)

MAX_TICKS = 20


def layer_unit_labels(
    layer_sizes: Sequence[int],
    feature_names: Sequence[str] | None = None,
    class_names: Sequence[str] | None = None,
) -> list[list[str]]:
    """Unit names per layer (inputs, hidden..., outputs) for hover text and ticks."""
    sizes = list(layer_sizes)
    if not sizes:
        return []
    n_hidden_layers = max(len(sizes) - 2, 0)
    labels: list[list[str]] = []
    for layer, n in enumerate(sizes):
        if layer == 0:
            names = feature_names
            default = [f"x{i + 1}" for i in range(n)]
        elif layer == len(sizes) - 1:
            names = class_names
            default = [f"y{i + 1}" for i in range(n)]
        else:
            names = None
            prefix = "h" if n_hidden_layers == 1 else f"h{layer}."
            default = [f"{prefix}{i + 1}" for i in range(n)]
        ok = names is not None and len(names) == n
        labels.append([str(s) for s in names] if ok else default)
    return labels


def _ticks(labels: Sequence[str]) -> dict:
    """Tick positions and labels, every k-th one so at most MAX_TICKS show."""
    step = max(1, math.ceil(len(labels) / MAX_TICKS))
    idx = list(range(0, len(labels), step))
    return {"tickvals": idx, "ticktext": [labels[i] for i in idx]}


def _color_range(zmax: float | None) -> dict:
    """Diverging colours centred on 0; a given zmax fixes the range for a whole run."""
    settings: dict = {"colorscale": DIVERGING, "zmid": 0.0}
    if zmax is not None and zmax > 0:
        settings.update(zmin=-float(zmax), zmax=float(zmax))
    return settings


def weight_heatmap(
    W: ArrayLike,
    title: str,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    zmax: float | None = None,
    *,
    font_size: int = 14,
    height: int | None = None,
) -> go.Figure:
    """A weight matrix (n_in, n_out) or bias (n_out,) coloured by sign and size."""
    W = np.asarray(W, dtype=float)
    if W.ndim > 2:
        raise ValueError(f"W must be (n_in, n_out) or a bias (n_out,), got {W.shape}")
    is_bias = W.ndim < 2
    M = W.reshape(1, -1) if is_bias else W
    n_rows, n_cols = M.shape
    rows = _labels(row_labels, n_rows, text.CHART_NOTES["in_prefix"])
    if is_bias:
        rows = [text.CHART_NOTES["bias"]]
    cols = _labels(col_labels, n_cols, text.CHART_NOTES["out_prefix"])
    cell = text.CHART_NOTES["bias_cell" if is_bias else "weight_cell"]
    hover = [
        [cell.format(row=rows[i], col=cols[j], value=M[i, j]) for j in range(n_cols)]
        for i in range(n_rows)
    ]
    heatmap = go.Heatmap(
        z=M,
        x=list(range(n_cols)),
        y=list(range(n_rows)),
        text=hover,
        hovertemplate="%{text}<extra></extra>",
        xgap=1,
        ygap=1,
        colorbar=_colorbar(is_bias),
        **_color_range(zmax),
    )
    layout = {
        "xaxis": {
            "title": {"text": text.CHART_AXES["to_unit"]},
            "showgrid": False,
            **_ticks(cols),
        },
        "yaxis": {
            "title": {"text": text.CHART_AXES["bias" if is_bias else "from_unit"]},
            "autorange": "reversed",  # row 0 at the top, as W is printed
            "showgrid": False,
            "showticklabels": not is_bias,
            **_ticks(rows),
        },
    }
    if is_bias:  # one row and no legend above it: give the row the room
        layout["margin"] = {"t": 50, "b": 50}
    return styled_figure(
        [heatmap],
        layout,
        height=height or (BIAS_HEIGHT if is_bias else HEATMAP_HEIGHT),
        font_size=font_size,
        title=title,
        alt_text=_weights_alt(title, M, rows, cols, is_bias),
        placeholder=None if M.size else NO_DATA,
    )


def _colorbar(is_bias: bool) -> dict:
    """Colour bar; a bias row is short, so its bar is titled at the side, 3 ticks."""
    if is_bias:
        title = {"text": text.CHART_AXES["bias"], "side": "right"}
        return {"title": title, "nticks": 3, "len": 1.0}
    return {"title": {"text": text.CHART_AXES["weight"]}}


def _labels(labels: Sequence[str] | None, n: int, prefix: str) -> list[str]:
    """Given labels when they fit the axis, else numbered ones ('in 1', 'in 2', ...)."""
    if labels is not None and len(labels) == n:
        return [str(s) for s in labels]
    return [f"{prefix}{i + 1}" for i in range(n)]


def _weights_alt(
    title: str, M: np.ndarray, rows: list[str], cols: list[str], is_bias: bool
) -> str:
    """Alt text: shape, range and the strongest connection of a weight heatmap."""
    if M.size == 0:
        return text.CHART_ALT["weights_empty"].format(title=title)
    finite = np.where(np.isfinite(M), M, 0.0)
    i, j = np.unravel_index(np.argmax(np.abs(finite)), M.shape)
    if is_bias:
        what = text.CHART_ALT["biases"].format(n=M.shape[1])
    else:
        what = text.CHART_ALT["weights"].format(rows=M.shape[0], cols=M.shape[1])
    strongest = cols[j] if is_bias else f"{rows[i]} → {cols[j]}"
    return text.CHART_ALT["weights_range"].format(
        title=title,
        what=what,
        low=fmt(np.nanmin(M)),
        high=fmt(np.nanmax(M)),
        strongest=strongest,
        value=fmt(M[i, j]),
    )


def digit_weights_figure(
    W: ArrayLike,
    image_shape: tuple[int, int] = (8, 8),
    max_units: int = 64,
    zmax: float | None = None,
    unit_labels: Sequence[str] | None = None,
    *,
    font_size: int = 14,
    height: int = IMAGE_GRID_HEIGHT,
) -> go.Figure:
    """Each hidden unit's input weights as an image: what it sees."""
    W = np.asarray(W, dtype=float)
    h, w = image_shape
    if W.size == 0:
        W = np.zeros((h * w, 0))
    if W.ndim != 2 or W.shape[0] != h * w:
        raise ValueError(
            f"W must have shape ({h * w}, n_units) for {h}×{w} images, got {W.shape}"
        )
    n_units = min(W.shape[1], max_units)
    names = _labels(unit_labels, W.shape[1], "h")
    canvas, hover = _tile(W[:, :n_units], h, w, names)
    heatmap = go.Heatmap(
        z=canvas,
        text=hover,
        hovertemplate="%{text}<extra></extra>",
        hoverongaps=False,
        colorbar={"title": {"text": text.CHART_AXES["weight"]}},
        **_color_range(zmax),
    )
    bare = {
        "showticklabels": False,
        "showgrid": False,
        "zeroline": False,
        "constrain": "domain",
    }
    layout = {
        "xaxis": {
            "title": {"text": text.CHART_AXES["tiles_x"]},
            **bare,
        },
        "yaxis": {
            "title": {"text": text.CHART_AXES["tiles_y"].format(h=h, w=w)},
            "autorange": "reversed",  # images upright
            "scaleanchor": "x",  # square pixels
            **bare,
        },
    }
    some = text.CHART_TITLES["shown_some"].format(n=n_units, total=W.shape[1])
    shown = some if n_units < W.shape[1] else f"{n_units}"
    title = text.CHART_TITLES["digit_weights"].format(shown=shown)
    alt = (
        text.CHART_ALT["digit_weights"].format(n=n_units, h=h, w=w)
        if n_units
        else text.CHART_ALT["digit_weights_empty"]
    )
    return styled_figure(
        [heatmap],
        layout,
        height=height,
        font_size=font_size,
        title=title,
        alt_text=alt,
        placeholder=None if n_units else NO_DATA,
    )


def _tile(
    W: np.ndarray, h: int, w: int, names: list[str]
) -> tuple[np.ndarray, list[list[str]]]:
    """Lay the units' images out in a near-square grid with one-pixel NaN gaps."""
    n_units = W.shape[1]
    n_cols = max(1, math.ceil(math.sqrt(n_units)))
    n_rows = max(1, math.ceil(n_units / n_cols))
    canvas = np.full((n_rows * (h + 1) - 1, n_cols * (w + 1) - 1), np.nan)
    hover = [[""] * canvas.shape[1] for _ in range(canvas.shape[0])]
    cell = text.CHART_NOTES["pixel_cell"]
    for k in range(n_units):
        top, left = (k // n_cols) * (h + 1), (k % n_cols) * (w + 1)
        image = W[:, k].reshape(h, w)
        canvas[top : top + h, left : left + w] = image
        for r in range(h):
            for c in range(w):
                hover[top + r][left + c] = cell.format(
                    row=r + 1, col=c + 1, unit=names[k], value=image[r, c]
                )
    return canvas, hover
