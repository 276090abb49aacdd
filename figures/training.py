"""Training curves: loss, accuracy and gradient norms over the epochs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike

from figures.style import (
    CURVE_HEIGHT,
    NEUTRAL_COLOR,
    OKABE_ITO,
    apply_style,
    as_float_list,
    class_color,
    fmt,
    has_values,
    line_dash,
    thin,
)

LOSS_AXIS = "Loss (mean cross-entropy)"
ACCURACY_AXIS = "Accuracy (%)"
EPOCH_AXIS = "Epoch"
TRAIN_COLOR = OKABE_ITO[4]  # blue
VAL_COLOR = OKABE_ITO[5]  # vermillion
REFERENCE_COLOR = OKABE_ITO[7]  # black
MAX_EVENT_LABEL = 24


def _check_same_length(epochs: Sequence, **series: Sequence | None) -> None:
    """Raise when a per-epoch series does not match the epochs it is drawn against."""
    for name, values in series.items():
        if values is not None and len(values) != len(epochs):
            raise ValueError(
                f"{name} must have one value per epoch ({len(epochs)}), "
                f"got {len(values)}"
            )


def _thinned(epochs: Sequence, *series: Sequence | None) -> list[list]:
    """Epochs and each series as plain lists, thinned together to <= 1000 points."""
    keep = thin(len(epochs))
    x = as_float_list(epochs)
    out = [[x[i] for i in keep]]
    for values in series:
        ys = as_float_list(values) if values is not None else []
        out.append([ys[i] for i in keep] if ys else [])
    return out


def _first_last(x: list, y: list) -> tuple[tuple, tuple] | None:
    """The first and last (x, y) points with a value, for alt text."""
    if not y:
        return None
    points = [(a, b) for a, b in zip(x, y, strict=True) if b is not None]
    return (points[0], points[-1]) if points else None


def _trend(label: str, x: list, y: list, unit: str = "") -> str:
    """'training loss from 1.26 at epoch 0 to 1.12 at epoch 400' or '' when empty."""
    ends = _first_last(x, y)
    if ends is None:
        return ""
    (x0, y0), (x1, y1) = ends
    scale = 100.0 if unit == "%" else 1.0
    return (
        f"{label} from {fmt(y0 * scale)}{unit} at epoch {fmt(x0)} "
        f"to {fmt(y1 * scale)}{unit} at epoch {fmt(x1)}"
    )


def _curve_alt(
    kind: str, trends: list[str], n_epochs: int, extra: str = ""
) -> str:
    """One sentence summarising a curve chart, or saying it is still empty."""
    parts = [p for p in trends if p]
    if not parts:
        return f"{kind} chart with no epochs yet."
    if extra:
        parts.append(extra)
    return f"{kind} over {n_epochs} recorded epochs: " + "; ".join(parts) + "."


def loss_figure(
    epochs: Sequence[int],
    loss: Sequence[float],
    val_loss: Sequence[float | None] | None = None,
    reference: Sequence[tuple[float, float]] | None = None,
    events: Sequence[tuple[float, str]] | None = None,
    *,
    font_size: int = 14,
    height: int = CURVE_HEIGHT,
) -> go.Figure:
    """Training (and validation) loss per epoch: the first thing to watch while it learns."""
    _check_same_length(epochs, loss=loss, val_loss=val_loss)
    x, y, y_val = _thinned(epochs, loss, val_loss)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x, y=y, mode="lines", name="Training loss", line={"color": TRAIN_COLOR}
        )
    )
    if has_values(y_val):
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y_val,
                mode="lines",
                name="Validation loss",
                line={"color": VAL_COLOR, "dash": "dash"},
            )
        )
    if reference:
        ref = np.asarray(reference, dtype=float).reshape(-1, 2)
        fig.add_trace(
            go.Scatter(
                x=ref[:, 0].tolist(),
                y=ref[:, 1].tolist(),
                mode="markers",
                name="Seed report (logged)",
                marker={
                    "color": REFERENCE_COLOR,
                    "symbol": "x-thin",
                    "size": 12,
                    "line": {"width": 2, "color": REFERENCE_COLOR},
                },
                hovertemplate="Seed report, epoch %{x}: %{y:.4f}<extra></extra>",
            )
        )
    _add_events(fig, events)
    fig.update_xaxes(title_text=EPOCH_AXIS, rangemode="tozero")
    fig.update_yaxes(title_text=LOSS_AXIS)
    alt = _curve_alt(
        "Loss",
        [_trend("training loss", x, y), _trend("validation loss", x, y_val)],
        len(epochs),
    )
    return apply_style(
        fig, height=height, font_size=font_size, title="Loss", alt_text=alt
    )


def _add_events(fig: go.Figure, events: Sequence[tuple[float, str]] | None) -> None:
    """Mark mid-run changes (e.g. 'lr → 0.1') as dotted vertical lines with a label."""
    for epoch, text in events or ():
        label = text if len(text) <= MAX_EVENT_LABEL else text[: MAX_EVENT_LABEL - 1]
        if label != text:
            label += "…"
        fig.add_vline(
            x=float(epoch),
            line={"dash": "dot", "color": NEUTRAL_COLOR, "width": 1.5},
            annotation_text=label,
            annotation_position="top right",
            annotation_font_color=NEUTRAL_COLOR,
        )


def accuracy_figure(
    epochs: Sequence[int],
    accuracy: Sequence[float],
    val_accuracy: Sequence[float | None] | None = None,
    chance: float | None = None,
    *,
    font_size: int = 14,
    height: int = CURVE_HEIGHT,
) -> go.Figure:
    """Accuracy per epoch against chance: shows learning versus memorising."""
    _check_same_length(epochs, accuracy=accuracy, val_accuracy=val_accuracy)
    x, y, y_val = _thinned(epochs, accuracy, val_accuracy)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="lines",
            name="Training accuracy",
            line={"color": TRAIN_COLOR},
            hovertemplate="Epoch %{x}: %{y:.1%}<extra>Training</extra>",
        )
    )
    if has_values(y_val):
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y_val,
                mode="lines",
                name="Validation accuracy",
                line={"color": VAL_COLOR, "dash": "dash"},
                hovertemplate="Epoch %{x}: %{y:.1%}<extra>Validation</extra>",
            )
        )
    if chance is not None:
        fig.add_hline(
            y=float(chance),
            line={"dash": "dash", "color": NEUTRAL_COLOR, "width": 1.5},
            annotation_text=f"chance ({float(chance):.0%})",
            annotation_position="bottom right",
            annotation_font_color=NEUTRAL_COLOR,
        )
    fig.update_xaxes(title_text=EPOCH_AXIS, rangemode="tozero")
    fig.update_yaxes(title_text=ACCURACY_AXIS, tickformat=".0%", range=[0, 1.02])
    trends = [
        _trend("training accuracy", x, y, "%"),
        _trend("validation accuracy", x, y_val, "%"),
    ]
    extra = f"chance is {float(chance):.0%}" if chance is not None else ""
    alt = _curve_alt("Accuracy", trends, len(epochs), extra)
    return apply_style(
        fig, height=height, font_size=font_size, title="Accuracy", alt_text=alt
    )


def grad_norm_figure(
    epochs: Sequence[int],
    grad_norms: Sequence[Sequence[float]] | ArrayLike,
    layer_names: Sequence[str] | None = None,
    *,
    font_size: int = 14,
    height: int = CURVE_HEIGHT,
) -> go.Figure:
    """Gradient norm of each layer per epoch, log scale: spots vanishing/exploding."""
    G = _as_matrix(grad_norms, len(epochs))
    n_layers = G.shape[1]
    names = list(layer_names) if layer_names is not None else []
    names += [f"Layer {i + 1}" for i in range(len(names), n_layers)]
    keep = thin(len(epochs))
    all_x = as_float_list(epochs)
    x = [all_x[i] for i in keep]
    fig = go.Figure()
    for j in range(n_layers):
        # Log axis: zero or negative norms would be dropped anyway; make them gaps.
        y = [v if v is not None and v > 0 else None for v in as_float_list(G[keep, j])]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="lines",
                name=names[j],
                line={"color": class_color(j), "dash": line_dash(j)},
            )
        )
    fig.update_xaxes(title_text=EPOCH_AXIS, rangemode="tozero")
    fig.update_yaxes(title_text="Gradient norm (L2, log scale)", type="log")
    if len(epochs) and n_layers:
        last = ", ".join(f"{names[j]} {fmt(G[-1, j])}" for j in range(n_layers))
        alt = (
            f"Gradient norm per layer over {len(epochs)} recorded epochs, "
            f"log scale; at the last epoch: {last}."
        )
    else:
        alt = "Gradient-norm chart with no epochs yet."
    return apply_style(
        fig,
        height=height,
        font_size=font_size,
        title="Gradient norm per layer",
        alt_text=alt,
    )


def _as_matrix(rows: Sequence[Sequence[float]] | ArrayLike, n_rows: int) -> np.ndarray:
    """Per-epoch tuples as an (n_epochs, n_columns) float array; empty gives (0, 0)."""
    if n_rows == 0:
        return np.zeros((0, 0))
    M = np.array(
        [as_float_list(r) for r in rows] if not isinstance(rows, np.ndarray) else rows,
        dtype=float,
    )
    if M.ndim == 1:
        M = M[:, None]
    if M.shape[0] != n_rows:
        raise ValueError(
            f"need one row per epoch ({n_rows}), got {M.shape[0]} rows"
        )
    return M
