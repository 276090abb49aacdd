"""Training curves: loss, accuracy and gradient norms over the epochs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike

import wording as text
from figures.style import (
    CURVE_HEIGHT,
    OKABE_ITO,
    as_float_list,
    class_color,
    fmt,
    has_values,
    hline,
    line_dash,
    merge,
    styled_figure,
    thin,
    vline,
)

LOSS_AXIS = text.CHART_AXES["loss"]
ACCURACY_AXIS = text.CHART_AXES["accuracy"]
EPOCH_AXIS = text.CHART_AXES["epoch"]
TRAIN_COLOR = OKABE_ITO[4]  # blue
VAL_COLOR = OKABE_ITO[5]  # vermillion
REFERENCE_COLOR = OKABE_ITO[7]  # black
MAX_EVENT_LABEL = 24
NO_EPOCHS = text.CHART_NOTES["no_epochs"]
# The legend is a row above the plot that wraps onto more rows when the chart is
# narrow or its font large (two columns on a projector); with Plotly's default
# title, in the middle of a fixed top margin, those rows ran over the title. The
# title is pinned to the top of the figure and reserves its own band there
# (automargin), and the legend's rows push the plot down beneath that band.
TITLE_PAD = {"t": 12, "b": 8}
TITLE_CLEAR_OF_LEGEND: dict = {
    "title": {
        "yref": "container",
        "y": 1.0,
        "yanchor": "top",
        "pad": TITLE_PAD,
        "automargin": True,
    },
    # Less than any title needs, so the title always reserves its band: Plotly
    # stacks that reserved band on top of the legend's push.
    "margin": {"t": 10},
}


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


def _line(x: list, y: list, name: str, color: str, dash: str = "solid") -> go.Scatter:
    """One curve of a training chart; a lone point (epoch 0, before training)
    is drawn as a dot, since a line through one point draws nothing."""
    return go.Scatter(
        x=x,
        y=y,
        mode="markers" if len(x) == 1 else "lines",
        cliponaxis=len(x) != 1,  # the dot sits on the axis at epoch 0: show it whole
        name=name,
        line={"color": color, "dash": dash},
        marker={"color": color, "size": 8},
    )


def _trend(label: str, x: list, y: list, percent: bool = False) -> str:
    """'training loss from 1.26 at epoch 0 to 1.12 at epoch 400', or '' when empty."""
    points = [(a, b) for a, b in zip(x, y, strict=False) if b is not None]
    if not points:
        return ""
    (x0, y0), (x1, y1) = points[0], points[-1]

    def show(v: float) -> str:
        return f"{v:.0%}" if percent else fmt(v)

    return text.CHART_ALT["trend"].format(
        label=label, start=show(y0), first=fmt(x0), end=show(y1), last=fmt(x1)
    )


def _curve_alt(kind: str, trends: list[str], n_epochs: int, extra: str = "") -> str:
    """One sentence summarising a curve chart, or saying it is still empty."""
    parts = [p for p in trends if p]
    if not parts:
        return text.CHART_ALT["curves_empty"].format(kind=kind)
    if extra:
        parts.append(extra)
    return text.CHART_ALT["curves"].format(
        kind=kind, n=n_epochs, trends="; ".join(parts)
    )


# Up to this many epochs, tick every epoch: Plotly would otherwise put ticks at
# 0.5 steps, and an epoch is never fractional.
EVERY_EPOCH_TICKS = 10
MAX_DECADE_TICKS = 8
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _axes(y_title: str, last_epoch: float = 0.0, **y_extra: object) -> dict:
    """Epoch on x (from 0, whole epochs only), the quantity on y, and the title
    clear of the legend."""
    xaxis = {"title": {"text": EPOCH_AXIS}, "rangemode": "tozero", "tickformat": "d"}
    if last_epoch <= EVERY_EPOCH_TICKS:
        xaxis.update(tick0=0, dtick=1)
    return {
        "xaxis": xaxis,
        "yaxis": {"title": {"text": y_title}, **y_extra},
        **TITLE_CLEAR_OF_LEGEND,
    }


def _last_epoch(x: list) -> float:
    """The largest epoch drawn (0 when none), to choose the x ticks."""
    finite = [v for v in x if v is not None and np.isfinite(v)]
    return max(finite, default=0.0)


def _power_label(value: float) -> str:
    """0.01, 0.2, 1, 50 as plain numbers; beyond a thousand either way 10⁻⁴, 2×10⁵."""
    exponent = int(np.floor(np.log10(value) + 1e-9))
    if -3 <= exponent <= 3:
        return f"{value:g}"
    mantissa = round(value / 10.0**exponent, 6)
    power = "10" + str(exponent).translate(SUPERSCRIPT)
    return power if mantissa == 1 else f"{mantissa:g}×{power}"


def log_ticks(values: ArrayLike) -> dict:
    """Tick values and labels for a log axis: powers of ten only, or 1-2-5 steps
    when the data spans less than two decades (Plotly's default labels minor ticks
    with bare digits like 5, 4, 3, 2, which read as values)."""
    v = np.asarray(values, dtype=float).ravel()
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return {}
    lo, hi = int(np.floor(np.log10(v.min()))), int(np.ceil(np.log10(v.max())))
    hi = max(hi, lo + 1)  # a single power of ten: show the decade around it
    # A wide range labels every second (third...) decade only.
    every = max(1, -(-(hi - lo) // MAX_DECADE_TICKS))
    decades = [10.0**k for k in range(lo, hi + 1, every)]
    steps = (1.0,) if hi - lo >= 2 else (1.0, 2.0, 5.0)
    ticks = [d * s for d in decades for s in steps if d * s <= 10.0**hi]
    return {
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [_power_label(t) for t in ticks],
    }


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
    """Training (and validation) loss per epoch: the first thing to watch."""
    _check_same_length(epochs, loss=loss, val_loss=val_loss)
    x, y, y_val = _thinned(epochs, loss, val_loss)
    traces = [_line(x, y, text.CHART_TRACES["train_loss"], TRAIN_COLOR)]
    if has_values(y_val):
        traces.append(_line(x, y_val, text.CHART_TRACES["val_loss"], VAL_COLOR, "dash"))
    if reference:
        traces.append(_reference_markers(reference))
    # The reference marks and event lines widen the axis too: a tick per epoch
    # over the report's 400 epochs would print 400 labels (and stall the browser).
    drawn = [*x, *(e for e, _ in reference or ()), *(e for e, _ in events or ())]
    layout = merge(_axes(LOSS_AXIS, _last_epoch(drawn)), _event_lines(events))
    alt = _curve_alt(
        text.CHART_TITLES["loss"],
        [
            _trend(text.CHART_ALT["train_loss"], x, y),
            _trend(text.CHART_ALT["val_loss"], x, y_val),
        ],
        len(epochs),
    )
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=text.CHART_TITLES["loss"],
        alt_text=alt,
        placeholder=None if has_values(y) else NO_EPOCHS,
    )


def _reference_markers(reference: Sequence[tuple[float, float]]) -> go.Scatter:
    """The seed report's logged losses, as black crosses over the live curve."""
    ref = np.asarray(reference, dtype=float).reshape(-1, 2)
    return go.Scatter(
        x=ref[:, 0].tolist(),
        y=ref[:, 1].tolist(),
        mode="markers",
        name=text.CHART_TRACES["reference"],
        cliponaxis=False,  # the epoch-0 cross sits on the axis; draw it whole
        marker={
            "color": REFERENCE_COLOR,
            "symbol": "x-thin",
            "size": 12,
            "line": {"width": 2, "color": REFERENCE_COLOR},
        },
        hovertemplate=text.CHART_HOVER["reference"].format(),
    )


def _event_lines(events: Sequence[tuple[float, str]] | None) -> dict:
    """Mid-run changes (e.g. 'lr → 0.1') as dotted vertical lines with a short label."""
    layout: dict = {}
    for epoch, note in events or ():
        label = note
        if len(note) > MAX_EVENT_LABEL:
            label = note[: MAX_EVENT_LABEL - 1] + "…"
        layout = merge(layout, vline(float(epoch), label))
    return layout


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
    traces = [_line(x, y, text.CHART_TRACES["train_accuracy"], TRAIN_COLOR)]
    if has_values(y_val):
        traces.append(
            _line(x, y_val, text.CHART_TRACES["val_accuracy"], VAL_COLOR, "dash")
        )
    hover = text.CHART_HOVER["accuracy"].format()
    for trace in traces:
        trace.hovertemplate = hover
    layout = _axes(ACCURACY_AXIS, _last_epoch(x), tickformat=".0%", range=[0, 1.02])
    if chance is not None:
        note = text.CHART_NOTES["chance"].format(chance=float(chance))
        layout = merge(layout, hline(float(chance), note))
    trends = [
        _trend(text.CHART_ALT["train_accuracy"], x, y, percent=True),
        _trend(text.CHART_ALT["val_accuracy"], x, y_val, percent=True),
    ]
    extra = (
        text.CHART_ALT["chance"].format(chance=float(chance))
        if chance is not None
        else ""
    )
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=text.CHART_TITLES["accuracy"],
        alt_text=_curve_alt(text.CHART_TITLES["accuracy"], trends, len(epochs), extra),
        placeholder=None if has_values(y) else NO_EPOCHS,
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
    names = [str(s) for s in (layer_names or [])][:n_layers]
    names += [
        text.CHART_TRACES["layer"].format(n=i + 1) for i in range(len(names), n_layers)
    ]
    keep = thin(len(epochs))
    all_x = as_float_list(epochs)
    x = [all_x[i] for i in keep]
    traces = []
    for j in range(n_layers):
        # Log axis: a zero or negative norm cannot be drawn; make it a gap.
        y = [v if v is not None and v > 0 else None for v in as_float_list(G[keep, j])]
        traces.append(_line(x, y, names[j], class_color(j), line_dash(j)))
    if len(epochs) and n_layers:
        last = ", ".join(f"{names[j]} {fmt(G[-1, j])}" for j in range(n_layers))
        alt = text.CHART_ALT["grad_norm"].format(n=len(epochs), last=last)
    else:
        alt = text.CHART_ALT["grad_norm_empty"]
    return styled_figure(
        traces,
        _axes(
            text.CHART_AXES["grad_norm"],
            _last_epoch(x),
            type="log",
            **log_ticks(G[keep] if len(epochs) else []),
        ),
        height=height,
        font_size=font_size,
        title=text.CHART_TITLES["grad_norm"],
        alt_text=alt,
        placeholder=None if len(epochs) and n_layers else NO_EPOCHS,
    )


def _as_matrix(rows: Sequence[Sequence[float]] | ArrayLike, n_rows: int) -> np.ndarray:
    """Per-epoch tuples as an (n_epochs, n_columns) float array; empty gives (0, 0)."""
    if n_rows == 0:
        return np.zeros((0, 0))
    if isinstance(rows, np.ndarray):
        M = rows.astype(float)
    else:  # None entries become NaN, then gaps
        M = np.array([as_float_list(r) for r in rows], dtype=float)
    if M.ndim == 1:
        M = M[:, None]
    if M.shape[0] != n_rows:
        raise ValueError(
            f"grad_norms needs one row per epoch ({n_rows}), got {M.shape}"
        )
    return M
