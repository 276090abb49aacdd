"""Activation functions: their shape and slope, learned curves, learnable parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike

import wording as text
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

Z_AXIS = text.CHART_AXES["z"]
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


def _padded_names(given: Sequence[str] | None, n: int, prefix: str) -> list[str]:
    """Exactly ``n`` names: the given ones as strings, then numbered ones
    ('h3', 'h4', ...) for the rest, so a short or missing list never breaks a chart."""
    names = [str(s) for s in (() if given is None else given)][:n]
    return names + [f"{prefix}{i + 1}" for i in range(len(names), n)]


def _thinned_epochs(epochs: Sequence[int]) -> tuple[np.ndarray, list[float]]:
    """The indices kept by ``thin`` and the epochs at them: long runs stay light."""
    keep = thin(len(epochs))
    all_x = as_float_list(epochs)
    return keep, [all_x[i] for i in keep]


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
                name=text.CHART_TRACES["observed"],
                marker={"color": NEUTRAL_COLOR},
                opacity=0.3,
                hovertemplate=text.CHART_HOVER["observed"].format(),
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
                name=text.CHART_TRACES["function"].format(name=name),
                line={"color": OKABE_ITO[4], "width": 3},
            )
        )
    if dfa_rows.shape[0]:
        traces.append(
            go.Scatter(
                x=zs,
                y=as_float_list(dfa_rows[0, keep], DIGITS),
                mode="lines",
                name=text.CHART_TRACES["slope"].format(name=name),
                line={"color": OKABE_ITO[5], "width": 2.5, "dash": "dash"},
            )
        )
    layout = dict(
        xaxis={"title": {"text": Z_AXIS}},
        yaxis={"title": {"text": text.CHART_AXES["f_and_slope"]}},
        # A second y axis for counts, drawn over the first, on the right.
        yaxis2={
            "title": {"text": text.CHART_AXES["observed_z"]},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "tickmode": "auto",  # plotly.js 3 syncs an overlaying axis's ticks
            "rangemode": "tozero",
        },
    )
    if z.size and fa_rows.shape[0]:
        alt = text.CHART_ALT["activation"].format(
            name=name,
            z_low=fmt(z.min()),
            z_high=fmt(z.max()),
            f_low=fmt(np.nanmin(fa_rows[0])),
            f_high=fmt(np.nanmax(fa_rows[0])),
        )
        if dfa_rows.shape[0]:
            alt += text.CHART_ALT["activation_slope"].format(
                low=fmt(np.nanmin(dfa_rows[0])), high=fmt(np.nanmax(dfa_rows[0]))
            )
        alt += (hist_note or "") + "."
    else:
        alt = text.CHART_ALT["activation_empty"].format(name=name)
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=text.CHART_TITLES["activation"].format(name=name),
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
    return text.CHART_ALT["saturation"].format(n=observed.size, flat=flat)


def learned_curves_figure(
    z: ArrayLike,
    curves: ArrayLike,
    curves_epoch0: ArrayLike | None = None,
    faded: Sequence[ArrayLike] | None = None,
    title: str = text.CHART_TITLES["learned"],
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
    names = _padded_names(unit_names, n_units, "h")
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
        traces.append(_legend_key(text.CHART_TRACES["epoch0_key"], "dash", 1.0))
    if history:
        traces.append(_legend_key(text.CHART_TRACES["earlier_key"], "solid", 0.3))
    layout = {
        "xaxis": {"title": {"text": Z_AXIS}},
        "yaxis": {"title": {"text": text.CHART_AXES["f"]}},
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
        name=name
        if kind == "now"
        else text.CHART_TRACES["unit_kind"].format(name=name, kind=kind),
        legendgroup=f"unit{u}",
        showlegend=kind == "now",
        opacity=opacity,
        line={"color": class_color(u), **style},
        hoverinfo="skip" if kind == "faded" else None,
        hovertemplate=None
        if kind == "faded"
        else text.CHART_HOVER["unit_now" if kind == "now" else "unit_epoch0"].format(
            name=name
        ),
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
        return text.CHART_ALT["learned_empty"]
    alt = text.CHART_ALT["learned"].format(
        n=now.shape[0], low=fmt(z.min()), high=fmt(z.max())
    )
    if start.shape[0] == now.shape[0]:
        change = np.nanmean(np.abs(now - start), axis=1)
        u = int(np.nanargmax(change)) if np.isfinite(change).any() else 0
        alt += text.CHART_ALT["learned_moved"].format(
            name=names[u], change=fmt(change[u])
        )
    return alt + "."


# --- every unit's own curve and slope, over the range that unit sees -------------


class UnitCurves(NamedTuple):
    """Each unit's curve on its own grid of z: all three (n_units, n_z)."""

    z: ArrayLike
    fa: ArrayLike
    dfa: ArrayLike


SLOPE_PANEL = (0.0, 0.38)  # the slope panel sits under the function panel
CURVE_PANEL = (0.46, 1.0)
UNIT_CURVES_HEIGHT = 560
FADED_UNIT_POINTS = 40
# The figures below build their traces as plain dicts: the figure then validates
# each trace once (a go.Scatter is validated again when the figure takes it in),
# which is most of the drawing time with 64 units and six traces each.


def _unit_rows(curves: UnitCurves | None) -> tuple[np.ndarray, ...]:
    """z, f, f' as float (n_units, n_z) arrays of one shape; empty if None."""
    if curves is None:
        return (np.zeros((0, 0)),) * 3
    z = np.asarray(curves.z, dtype=float)
    if z.size == 0:
        return (np.zeros((0, 0)),) * 3
    z = z.reshape(1, -1) if z.ndim == 1 else z.reshape(len(z), -1)
    fa = _curve_rows(curves.fa, z.shape[1], "fa")
    dfa = _curve_rows(curves.dfa, z.shape[1], "dfa")
    if not fa.shape == dfa.shape == z.shape:
        raise ValueError(
            f"z, fa and dfa must have the same shape, got {z.shape}, {fa.shape}, "
            f"{dfa.shape}"
        )
    return z, fa, dfa


def _joined(xs: list[np.ndarray], ys: list[np.ndarray]) -> tuple[list, list]:
    """Several curves as one trace, a gap (None) between them: fewer traces to draw."""
    x: list = []
    y: list = []
    for xi, yi in zip(xs, ys, strict=True):
        if x:
            x.append(None)
            y.append(None)
        x += as_float_list(xi, DIGITS)
        y += as_float_list(yi, DIGITS)
    return x, y


def learned_units_figure(
    now: UnitCurves,
    epoch0: UnitCurves | None = None,
    faded: Sequence[UnitCurves] = (),
    title: str = text.CHART_TITLES["learned"],
    unit_names: Sequence[str] | None = None,
    *,
    font_size: int = 14,
    height: int = UNIT_CURVES_HEIGHT,
) -> go.Figure:
    """Every unit's f(z) (top) and slope f′(z) (bottom), each over its own z range:
    now (solid), at epoch 0 (dashed) and at a few epochs between (faded)."""
    z, fa, dfa = _unit_rows(now)
    z0, fa0, dfa0 = _unit_rows(epoch0)
    history = [_unit_rows(c) for c in faded]
    n_units = z.shape[0]
    names = _padded_names(unit_names, n_units, "h")
    traces: list = []
    for u in range(n_units):
        color = class_color(u)
        pale = [h for h in history if h[0].shape[0] > u]
        for panel, k in (("top", 1), ("bottom", 2)):
            common = {
                "mode": "lines",
                "legendgroup": f"unit{u}",
                "showlegend": False,
                "xaxis": "x2" if panel == "top" else "x",
                "yaxis": "y2" if panel == "top" else "y",
            }
            if pale:
                few = thin(pale[0][0].shape[1], FADED_UNIT_POINTS)  # faint: few points
                x, y = _joined(
                    [h[0][u][few] for h in pale], [h[k][u][few] for h in pale]
                )
                traces.append(
                    dict(
                        type="scatter",
                        x=x,
                        y=y,
                        name=text.CHART_TRACES["unit_earlier"].format(
                            name=names[u], panel=panel
                        ),
                        opacity=0.3,
                        line={"color": color, "width": 1},
                        hoverinfo="skip",
                        **common,
                    )
                )
            if z0.shape[0] > u:
                y0 = (fa0 if k == 1 else dfa0)[u]
                traces.append(
                    dict(
                        type="scatter",
                        x=as_float_list(z0[u], DIGITS),
                        y=as_float_list(y0, DIGITS),
                        name=text.CHART_TRACES["unit_epoch0"].format(
                            name=names[u], panel=panel
                        ),
                        line={"color": color, "width": 1.5, "dash": "dash"},
                        hovertemplate=text.CHART_HOVER[
                            "unit_f_epoch0" if k == 1 else "unit_slope_epoch0"
                        ].format(name=names[u]),
                        **common,
                    )
                )
            yn = (fa if k == 1 else dfa)[u]
            traces.append(
                dict(
                    type="scatter",
                    x=as_float_list(z[u], DIGITS),
                    y=as_float_list(yn, DIGITS),
                    name=names[u]
                    if panel == "top"
                    else text.CHART_TRACES["unit_slope"].format(name=names[u]),
                    line={"color": color, "width": 2.5},
                    hovertemplate=text.CHART_HOVER[
                        "unit_f" if k == 1 else "unit_slope"
                    ].format(name=names[u]),
                    **{**common, "showlegend": panel == "top"},
                )
            )
    if z0.shape[0]:
        traces.append(_legend_key(text.CHART_TRACES["epoch0_key"], "dash", 1.0))
    if history:
        traces.append(_legend_key(text.CHART_TRACES["earlier_key"], "solid", 0.3))
    layout = {
        "xaxis": {"title": {"text": Z_AXIS}, "anchor": "y"},
        "yaxis": {
            "title": {"text": text.CHART_AXES["slope"]},
            "domain": list(SLOPE_PANEL),
        },
        "xaxis2": {"anchor": "y2", "matches": "x", "showticklabels": False},
        "yaxis2": {"title": {"text": "f(z)"}, "domain": list(CURVE_PANEL)},
        **legend_right(),
    }
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=title,
        alt_text=_units_alt(z, fa, fa0, names),
        placeholder=None if n_units and z.size else NO_DATA,
    )


def _units_alt(z: np.ndarray, fa: np.ndarray, fa0: np.ndarray, names: list) -> str:
    """Alt text: how many units, their z ranges, and which unit's output moved most."""
    if z.size == 0:
        return text.CHART_ALT["units_empty"]
    alt = text.CHART_ALT["units"].format(
        n=z.shape[0], low=fmt(np.nanmin(z)), high=fmt(np.nanmax(z))
    )
    if fa0.shape == fa.shape:
        change = np.abs(fa[:, [0, -1]] - fa0[:, [0, -1]]).mean(axis=1)
        if np.isfinite(change).any():
            u = int(np.nanargmax(change))
            alt += text.CHART_ALT["units_changed"].format(name=names[u])
    return alt + "."


# --- learnable parameters over the epochs ------------------------------------------

PANEL_HEIGHT = 170  # per row of parameter panels
PANEL_GAP = 0.06


def _panel_axes(n_panels: int, titles: Sequence[str]) -> tuple[dict, list[str]]:
    """A grid of panels (2 across when more than one) sharing the epoch axis:
    the layout and each panel's axis suffix ('' for the first, then '2', '3', ...)."""
    cols = 1 if n_panels == 1 else 2
    rows = -(-n_panels // cols)
    layout: dict = {"annotations": []}
    suffixes = []
    for p in range(n_panels):
        row, col = divmod(p, cols)
        s = "" if p == 0 else str(p + 1)
        suffixes.append(s)
        x0, x1 = col / cols + (PANEL_GAP if col else 0), (col + 1) / cols
        top = 1 - row / rows
        y0, y1 = 1 - (row + 1) / rows + PANEL_GAP, top - PANEL_GAP / 2
        bottom_row = p + cols >= n_panels
        layout[f"xaxis{s}"] = {
            "domain": [x0, x1],
            "anchor": f"y{s}",
            "showticklabels": bottom_row,
            "rangemode": "tozero",
            **({"matches": "x"} if p else {}),
            **({"title": {"text": text.CHART_AXES["epoch"]}} if bottom_row else {}),
        }
        layout[f"yaxis{s}"] = {"domain": [y0, y1], "anchor": f"x{s}"}
        if n_panels > 1:
            layout["annotations"].append(
                {
                    "text": f"<b>{titles[p]}</b>",
                    "xref": "paper",
                    "yref": "paper",
                    "x": (x0 + x1) / 2,
                    "y": y1,
                    "xanchor": "center",
                    "yanchor": "bottom",
                    "showarrow": False,
                }
            )
    return layout, suffixes


def param_trace_figure(
    epochs: Sequence[int],
    values: ArrayLike,
    names: Sequence[str],
    unit_names: Sequence[str] | None = None,
    *,
    marker_epoch: int | None = None,
    font_size: int = 14,
    height: int | None = None,
) -> go.Figure:
    """Each learnable activation parameter over the epochs: what training changed.

    ``values`` (n_epochs, n_params) gives one line per parameter; (n_epochs,
    n_units, n_params) gives one panel per parameter with one line per unit.
    ``marker_epoch`` draws a dotted line at the epoch being shown.
    """
    V = np.asarray(values, dtype=float)
    n_epochs = len(epochs)
    per_unit = V.ndim == 3
    if not per_unit:
        V = V.reshape(len(V), 1, -1) if V.size else np.zeros((n_epochs, 1, 0))
    if V.shape[0] != n_epochs:
        raise ValueError(
            f"values must have one row per epoch ({n_epochs}), got {V.shape[0]}"
        )
    n_units, n_params = V.shape[1], V.shape[2]
    labels = _padded_names(names, n_params, text.CHART_TRACES["param_prefix"])
    units = _padded_names(unit_names, n_units, "h")
    keep, x = _thinned_epochs(epochs)
    if per_unit and n_params:
        layout, suffixes = _panel_axes(n_params, labels)
        traces = [
            dict(
                type="scatter",
                x=x,
                y=as_float_list(V[keep, u, j], DIGITS),
                mode=_line_mode(n_epochs),
                name=units[u],
                legendgroup=f"unit{u}",
                showlegend=j == 0,
                line={"color": class_color(u), "dash": line_dash(u), "width": 2},
                hovertemplate=text.CHART_HOVER["param"].format(
                    unit=units[u], param=labels[j]
                ),
                xaxis=f"x{suffixes[j]}",
                yaxis=f"y{suffixes[j]}",
            )
            for j in range(n_params)
            for u in range(n_units)
        ]
        if n_params == 1:
            layout["yaxis"]["title"] = {"text": labels[0]}
        rows = -(-n_params // (1 if n_params == 1 else 2))
    else:
        layout = {
            "xaxis": {
                "title": {"text": text.CHART_AXES["epoch"]},
                "rangemode": "tozero",
            },
            "yaxis": {"title": {"text": text.CHART_AXES["parameter"]}},
        }
        traces = [
            dict(
                type="scatter",
                x=x,
                y=as_float_list(V[keep, 0, j]),
                mode=_line_mode(n_epochs),
                name=labels[j],
                line={"color": class_color(j), "dash": line_dash(j)},
            )
            for j in range(n_params)
        ]
        rows = 1
    layout.setdefault("yaxis", {})
    if layout["yaxis"].get("title") is None:
        layout["yaxis"]["title"] = {
            "text": text.CHART_AXES["parameter"] if rows == 1 else ""
        }
    if marker_epoch is not None and n_epochs:
        layout["shapes"] = [
            _epoch_line(marker_epoch, suffix)
            for suffix in (_suffixes(n_params) if per_unit else [""])
        ]
    layout.update(legend_right())
    if height is None:
        height = MANY_CURVES_HEIGHT if rows <= 2 else 110 + PANEL_HEIGHT * rows
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=text.CHART_TITLES["params"],
        alt_text=_params_alt(V, labels, units, n_epochs),
        placeholder=None if n_epochs and n_params else NO_DATA,
    )


def _line_mode(n_points: int) -> str:
    """Lines, or a marker while there is one point (a one-point line is invisible)."""
    return "lines" if n_points > 1 else "markers"


def _suffixes(n_panels: int) -> list[str]:
    return ["" if p == 0 else str(p + 1) for p in range(n_panels)]


def _epoch_line(epoch: float, suffix: str = "") -> dict:
    """A dotted vertical line at the epoch on show, in one panel."""
    return {
        "type": "line",
        "xref": f"x{suffix}",
        "yref": f"y{suffix} domain",
        "x0": epoch,
        "x1": epoch,
        "y0": 0,
        "y1": 1,
        "line": {"dash": "dot", "color": NEUTRAL_COLOR, "width": 1.5},
    }


def _params_alt(V: np.ndarray, labels: list, units: list, n_epochs: int) -> str:
    """Alt text: how many parameters, and the one that moved most."""
    n_units, n_params = V.shape[1], V.shape[2]
    if not (n_epochs and n_params):
        return text.CHART_ALT["params_empty"]
    moved = np.abs(V[-1] - V[0])
    if not np.isfinite(moved).any():
        return text.CHART_ALT["params_count"].format(
            n=n_units * n_params, epochs=n_epochs
        )
    u, j = np.unravel_index(int(np.nanargmax(moved)), moved.shape)
    who = (
        labels[j]
        if n_units == 1
        else text.CHART_ALT["param_of_unit"].format(param=labels[j], unit=units[u])
    )
    return text.CHART_ALT["params"].format(
        n=n_units * n_params,
        epochs=n_epochs,
        who=who,
        start=fmt(V[0, u, j]),
        end=fmt(V[-1, u, j]),
    )


# --- unit health over the epochs --------------------------------------------------


def legend_below() -> dict:
    """Legend in rows under the x axis: narrow charts keep their title clear."""
    legend = {"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0.0}
    return {"legend": legend, "margin": {"b": 120}}


def health_figure(
    epochs: Sequence[int],
    saturated: ArrayLike,
    dead: ArrayLike,
    layer_names: Sequence[str] | None = None,
    *,
    marker_epoch: int | None = None,
    font_size: int = 14,
    height: int = CURVE_HEIGHT,
) -> go.Figure:
    """Share of saturated (solid) and dead (dotted) units per layer over the epochs;
    ``saturated`` and ``dead`` are (n_epochs, n_layers) shares in [0, 1]."""
    n_epochs = len(epochs)
    S = _share_rows(saturated, n_epochs, "saturated")
    D = _share_rows(dead, n_epochs, "dead")
    n_layers = S.shape[1]
    names = _padded_names(layer_names, n_layers, text.CHART_TRACES["layer_prefix"])
    keep, x = _thinned_epochs(epochs)
    traces = []
    for j in range(n_layers):
        for what, M, dash in (("saturated", S, "solid"), ("dead", D, "dot")):
            traces.append(
                dict(
                    type="scatter",
                    x=x,
                    y=as_float_list(M[keep, j], 4),
                    mode=_line_mode(n_epochs),
                    name=names[j]
                    if what == "saturated"
                    else text.CHART_TRACES["dead"].format(name=names[j]),
                    legendgroup=f"layer{j}",  # one legend entry per layer
                    showlegend=what == "saturated",
                    line={"color": class_color(j), "dash": dash, "width": 2.5},
                    hovertemplate=text.CHART_HOVER[f"health_{what}"].format(
                        name=names[j]
                    ),
                )
            )
    if n_epochs and n_layers:
        traces.append(_legend_key(text.CHART_TRACES["saturated_key"], "solid", 1.0))
        traces.append(_legend_key(text.CHART_TRACES["dead_key"], "dot", 1.0))
    layout = {
        "xaxis": {"title": {"text": text.CHART_AXES["epoch"]}, "rangemode": "tozero"},
        "yaxis": {
            "title": {"text": text.CHART_AXES["layer_share"]},
            "range": [-0.03, 1.03],
            "tickformat": ".0%",
        },
        **legend_below(),
    }
    if marker_epoch is not None and n_epochs:
        layout["shapes"] = [_epoch_line(marker_epoch)]
    if n_epochs and n_layers:
        last = "; ".join(
            text.CHART_ALT["health_layer"].format(
                name=names[j], saturated=S[-1, j], dead=D[-1, j]
            )
            for j in range(n_layers)
        )
        alt = text.CHART_ALT["health"].format(n=n_epochs, last=last)
    else:
        alt = text.CHART_ALT["health_empty"]
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=text.CHART_TITLES["health"],
        alt_text=alt,
        placeholder=None if n_epochs and n_layers else NO_DATA,
    )


def _share_rows(values: ArrayLike, n_epochs: int, name: str) -> np.ndarray:
    M = np.asarray(values, dtype=float)
    M = M.reshape(n_epochs, -1) if M.size else np.zeros((n_epochs, 0))
    if M.shape[0] != n_epochs:
        raise ValueError(
            f"{name} must have one row per epoch ({n_epochs}), got {M.shape}"
        )
    return M


def slope_histogram(
    slopes: Sequence[ArrayLike],
    layer_names: Sequence[str] | None = None,
    n_bins: int = 40,
    *,
    flat: float = FLAT_SLOPE,
    font_size: int = 14,
    height: int = CURVE_HEIGHT,
) -> go.Figure:
    """Where the slopes f′(z) of each layer's units fall over the training samples
    (share of sample-unit pairs per bin); the band |f′| < ``flat`` is saturated."""
    layers = [np.asarray(s, dtype=float).ravel() for s in slopes]
    layers = [s[np.isfinite(s)] for s in layers]
    names = _padded_names(layer_names, len(layers), text.CHART_TRACES["layer_prefix"])
    values = np.concatenate(layers) if layers else np.zeros(0)
    traces = []
    shapes: list[dict] = []
    notes: list[dict] = []
    if values.size:  # the range always holds the whole flat band around 0
        lo, hi = float(min(values.min(), -2 * flat)), float(values.max())
        hi = hi if hi > lo else lo + 1.0
        edges = np.linspace(lo, hi, n_bins + 1)
        centres = ((edges[:-1] + edges[1:]) / 2).tolist()
        for j, s in enumerate(layers):
            counts = np.histogram(s, bins=edges)[0] / max(s.size, 1)
            traces.append(
                dict(
                    type="bar",
                    x=centres,
                    y=as_float_list(counts, 4),
                    width=float(edges[1] - edges[0]),
                    name=names[j],
                    marker={"color": class_color(j)},
                    opacity=0.75 if len(layers) == 1 else 0.55,
                    hovertemplate=text.CHART_HOVER["slope_bar"].format(name=names[j]),
                )
            )
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "y domain",
                "x0": -flat,
                "x1": flat,
                "y0": 0,
                "y1": 1,
                "fillcolor": NEUTRAL_COLOR,
                "opacity": 0.15,
                "line": {"width": 0},
            }
        )
        notes.append(
            {
                "text": text.CHART_NOTES["saturated"],
                "xref": "x",
                "yref": "y domain",
                "x": 0.0,
                "y": 1.0,
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"color": NEUTRAL_COLOR},
            }
        )
    layout = {
        "xaxis": {"title": {"text": text.CHART_AXES["slope_samples"]}},
        "yaxis": {
            "title": {"text": text.CHART_AXES["pair_share"]},
            "tickformat": ".0%",
        },
        "barmode": "overlay",
        "shapes": shapes,
        "annotations": notes,
        **legend_below(),
    }
    if values.size:
        flat_share = ", ".join(
            f"{names[j]} {np.mean(np.abs(s) < flat):.0%}"
            for j, s in enumerate(layers)
            if s.size
        )
        alt = text.CHART_ALT["slopes"].format(
            low=fmt(values.min()), high=fmt(values.max()), flat=flat, shares=flat_share
        )
    else:
        alt = text.CHART_ALT["slopes_empty"]
    return styled_figure(
        traces,
        layout,
        height=height,
        font_size=font_size,
        title=text.CHART_TITLES["slopes"],
        alt_text=alt,
        placeholder=None if values.size else NO_DATA,
    )
