"""Comparing runs: curves overlaid, and the learning-rate × hidden-units sweep."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike

import wording as text
from figures.style import (
    CURVE_HEIGHT,
    DIVERGED_COLOR,
    NO_DATA,
    SWEEP_HEIGHT,
    as_float_list,
    class_color,
    fmt,
    legend_right,
    line_dash,
    styled_figure,
    thin,
)

DIGITS = 5  # significant digits of a curve point: smooth lines, short JSON
# A legend above the plot holds one row; more runs or longer labels would wrap
# over the title, so they go in a column on the right.
TOP_LEGEND_RUNS = 3
TOP_LEGEND_CHARS = 40


def _legend(names: Sequence[str]) -> dict:
    """Legend placement for these run labels: on top if they fit in one row."""
    if len(names) <= TOP_LEGEND_RUNS and sum(map(len, names)) <= TOP_LEGEND_CHARS:
        return {}
    return legend_right()


METRIC_AXES = {
    "loss": text.CHART_AXES["loss"],
    "val_loss": text.CHART_AXES["val_loss"],
    "accuracy": text.CHART_AXES["accuracy"],
    "val_accuracy": text.CHART_AXES["val_accuracy"],
}


def metric_axis_title(metric: str) -> str:
    """Axis title with units for a history metric name ('loss' -> 'Loss (...)')."""
    return METRIC_AXES.get(metric, metric.replace("_", " ").capitalize())


def compare_figure(
    runs: Sequence[Mapping],
    metric: str = "loss",
    *,
    font_size: int = 14,
    height: int = CURVE_HEIGHT,
) -> go.Figure:
    """Kept runs' curves of one metric overlaid: which setting learns faster, better."""
    traces: list[go.Scatter] = []
    ends: list[str] = []
    for r, run in enumerate(runs):
        missing = {"label", "epochs", "values"} - set(run)
        if missing:
            raise ValueError(f"run {r} lacks {sorted(missing)}, got keys {sorted(run)}")
        epochs, values = list(run["epochs"]), list(run["values"])
        if len(epochs) != len(values):
            raise ValueError(
                f"run {run['label']!r} has {len(epochs)} epochs "
                f"but {len(values)} values"
            )
        keep = thin(len(epochs))
        xs, ys = as_float_list(epochs), as_float_list(values)
        y = [ys[i] for i in keep]
        traces.append(
            go.Scatter(
                x=[xs[i] for i in keep],
                y=y,
                mode="lines",
                name=str(run["label"]),
                line={"color": class_color(r), "dash": line_dash(r), "width": 2.5},
            )
        )
        last = next((v for v in reversed(y) if v is not None), None)
        if last is not None:
            ends.append(
                text.CHART_ALT["run_end"].format(
                    label=run["label"], value=_metric_value(metric, last)
                )
            )
    y_axis: dict = {"title": {"text": metric_axis_title(metric)}}
    if "accuracy" in metric:
        y_axis.update(tickformat=".0%", range=[0, 1.02])
    layout = {
        "xaxis": {"title": {"text": text.CHART_AXES["epoch"]}, "rangemode": "tozero"},
        "yaxis": y_axis,
        **_legend([str(run["label"]) for run in runs]),
    }
    name = text.CHART_METRICS.get(metric, metric.replace("_", " "))
    alt = (
        text.CHART_ALT["compare"].format(n=len(runs), name=name, ends="; ".join(ends))
        if ends
        else text.CHART_ALT["compare_empty"].format(name=name)
    )
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=text.CHART_TITLES["compare"].format(name=name),
        alt_text=alt,
        placeholder=None if ends else _no_curves(runs, name),
    )


def _no_curves(runs: Sequence[Mapping], name: str) -> str:
    """What an empty comparison says: nothing kept, or nothing of this metric."""
    if runs:
        return text.CHART_NOTES["no_values"].format(name=name)
    return text.CHART_NOTES["no_runs"]


def _metric_value(metric: str, value: float) -> str:
    """A metric value as people read it: accuracies in %, losses as numbers."""
    return f"{value:.0%}" if "accuracy" in metric else fmt(value)


def sweep_heatmap(
    learning_rates: Sequence[float],
    hidden_units: Sequence[int],
    values: ArrayLike,
    title: str,
    value_label: str = text.CHART_AXES["final_loss"],
    *,
    font_size: int = 14,
    height: int = SWEEP_HEIGHT,
) -> go.Figure:
    """Final metric per (learning rate, hidden units); diverged runs shown as such."""
    lrs, units = list(learning_rates), list(hidden_units)
    V = np.asarray(values, dtype=float)
    if V.size == 0:
        V = np.zeros((len(units), 0))
    if V.shape != (len(units), len(lrs)):
        raise ValueError(
            f"values must have shape (len(hidden_units), len(learning_rates)) = "
            f"({len(units)}, {len(lrs)}), got {V.shape}"
        )
    x, y = list(range(len(lrs))), list(range(len(units)))
    diverged = ~np.isfinite(V)
    where = text.CHART_NOTES["sweep_cell"]
    cell = [[where.format(lr=lrs[j], units=units[i]) for j in x] for i in y]
    shown = [[fmt(V[i, j]) if not diverged[i, j] else "" for j in x] for i in y]
    values_map = go.Heatmap(
        x=x,
        y=y,
        z=np.where(diverged, np.nan, V),
        text=shown,
        texttemplate="%{text}",
        customdata=cell,
        hovertemplate=text.CHART_HOVER["sweep"].format(label=value_label),
        colorscale="Viridis",
        hoverongaps=False,
        xgap=2,
        ygap=2,
        name=value_label,
        colorbar={"title": {"text": value_label}},
    )
    # Diverged cells (NaN or inf) get their own grey layer with the word on it.
    diverged_map = go.Heatmap(
        x=x,
        y=y,
        z=np.where(diverged, 1.0, np.nan),
        text=[
            [text.CHART_NOTES["diverged"] if diverged[i, j] else "" for j in x]
            for i in y
        ],
        texttemplate="%{text}",
        customdata=cell,
        hovertemplate=text.CHART_HOVER["sweep_diverged"].format(),
        colorscale=[[0, DIVERGED_COLOR], [1, DIVERGED_COLOR]],
        showscale=False,
        hoverongaps=False,
        xgap=2,
        ygap=2,
        name=text.CHART_TRACES["diverged"],
    )
    layout = {
        "xaxis": {
            "title": {"text": text.CHART_AXES["learning_rate"]},
            "tickvals": x,
            "ticktext": [f"{lr:g}" for lr in lrs],
            "showgrid": False,
        },
        "yaxis": {
            "title": {"text": text.CHART_AXES["hidden_units"]},
            "tickvals": y,
            "ticktext": [str(u) for u in units],
            "showgrid": False,
        },
    }
    return styled_figure(
        [values_map, diverged_map],
        layout,
        height=height,
        font_size=font_size,
        title=title,
        alt_text=_sweep_alt(lrs, units, V, diverged, value_label),
        placeholder=None if V.size else NO_DATA,
    )


def _sweep_alt(
    lrs: list, units: list, V: np.ndarray, diverged: np.ndarray, label: str
) -> str:
    """Alt text: grid size, the lowest value and where, and how many diverged."""
    if V.size == 0:
        return text.CHART_ALT["sweep_empty"]
    alt = text.CHART_ALT["sweep"].format(n_lr=len(lrs), n_units=len(units))
    if (~diverged).any():
        i, j = np.unravel_index(np.nanargmin(np.where(diverged, np.nan, V)), V.shape)
        alt += text.CHART_ALT["sweep_lowest"].format(
            label=label.lower(), value=fmt(V[i, j]), lr=lrs[j], units=units[i]
        )
    n_div = int(diverged.sum())
    if n_div:
        many = "sweep_diverged_many" if n_div > 1 else "sweep_diverged"
        alt += text.CHART_ALT[many].format(n=n_div)
    return alt + "."


def activation_overlay_figure(
    curves: Sequence[Mapping],
    title: str = text.CHART_TITLES["overlay"],
    *,
    font_size: int = 14,
    height: int = CURVE_HEIGHT,
) -> go.Figure:
    """Each run's activation over z: a line for its middle unit, a faint band over
    the range of its units (learnable activations differ from unit to unit)."""
    traces: list[go.Scatter] = []
    names: list[str] = []
    for r, c in enumerate(curves):
        missing = {"label", "z", "mid"} - set(c)
        if missing:
            raise ValueError(f"curve {r} lacks {sorted(missing)}, got keys {sorted(c)}")
        z, mid = as_float_list(c["z"], DIGITS), as_float_list(c["mid"], DIGITS)
        if len(z) != len(mid):
            raise ValueError(
                f"curve {c['label']!r} has {len(z)} z values but {len(mid)} values"
            )
        if not z:
            continue
        color = class_color(r)
        group = f"run-{r}"  # the legend entry shows and hides the band too
        traces += _unit_band(c, z, color, group)
        traces.append(
            go.Scatter(
                x=z,
                y=mid,
                mode="lines",
                name=str(c["label"]),
                line={"color": color, "dash": line_dash(r), "width": 3},
                legendgroup=group,
                hovertemplate=text.CHART_HOVER["overlay"].format(),
            )
        )
        names.append(str(c["label"]))
    layout = {
        "xaxis": {"title": {"text": text.CHART_AXES["z"]}},
        "yaxis": {"title": {"text": text.CHART_AXES["f"]}},
        **_legend(names),
    }
    alt = (
        text.CHART_ALT["overlay"].format(n=len(names), names=", ".join(names))
        if names
        else text.CHART_ALT["overlay_empty"]
    )
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=title,
        alt_text=alt,
        placeholder=None if names else text.CHART_NOTES["no_runs"],
    )


def _unit_band(curve: Mapping, z: list, color: str, group: str) -> list[go.Scatter]:
    """The shaded range between a run's lowest and highest unit, if they differ."""
    low, high = curve.get("low"), curve.get("high")
    if low is None or high is None:
        return []
    lo, hi = as_float_list(low, DIGITS), as_float_list(high, DIGITS)
    if len(lo) != len(z) or len(hi) != len(z) or lo == hi:
        return []
    edge = {"width": 0, "color": color}
    return [
        go.Scatter(
            x=z, y=hi, mode="lines", line=edge, hoverinfo="skip",
            showlegend=False, legendgroup=group,
        ),
        go.Scatter(
            x=z, y=lo, mode="lines", line=edge, hoverinfo="skip",
            showlegend=False, legendgroup=group, fill="tonexty",
            fillcolor=_faint(color),
            name=text.CHART_TRACES["range"].format(label=curve["label"]),
        ),
    ]  # fmt: skip


def _faint(color: str, alpha: float = 0.18) -> str:
    """A '#RRGGBB' colour as a see-through rgba() fill."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"
