"""Light curve charts for live training: Vega-Lite specs whose data changes in place.

Streamlit 1.67 mounts a new Plotly chart in the browser whenever a figure's data
changes (its element id hashes the spec): about 0.1 s of browser work per chart
on a 2-core machine, which capped redraws and slowed training. A
``st.vega_lite_chart`` with an unchanged spec and new data is updated in place
(measured: one mount for a whole run of frames). So while a run trains, the
curves are drawn from these specs with thinned data; when it stops, the full
Plotly figures (toolbar, PNG download, hover) come back.

Everything here is pure: data in, a spec dict or a pyarrow table out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyarrow as pa

import figures
import wording as text
from figures.style import CURVE_HEIGHT, GRID_COLOR, NEUTRAL_COLOR, TEXT_COLOR
from figures.training import EPOCH_AXIS, REFERENCE_COLOR

LIVE_POINTS = 200  # per curve while training: the browser redraws it often
DASHES = ([1, 0], [6, 4], [2, 3], [8, 3, 2, 3])  # solid, dash, dot, dash-dot


def wide_table(
    epochs: Sequence[float],
    series: Mapping[str, Sequence[float | None]],
    max_points: int = LIVE_POINTS,
) -> pa.Table:
    """Curves as columns (epoch, then one per name), thinned. A pyarrow table
    straight from NumPy: a pandas frame costs ten times as much to build and send
    (measured), and this is done every frame."""
    keep = figures.thin(len(epochs), max_points)
    columns = {"epoch": np.asarray(epochs, dtype=np.float64)[keep]}
    for name, values in series.items():
        y = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        columns[name] = y[keep]
    return pa.table(columns)


def _guide_layers(
    rows: list[dict],
    channel: str,
    field: str,
    *,
    dash: list[int],
    label_at: dict,
    font_size: int,
    **label_mark,
) -> list[dict]:
    """Dashed rules at the rows' ``field`` along ``channel`` ("x" or "y"), each
    with its ``label``: mid-run changes and the chance level are drawn alike,
    from their own small inline data."""
    at = {channel: {"field": field, "type": "quantitative"}}
    rule = {
        "data": {"values": rows},
        "mark": {"type": "rule", "strokeDash": dash, "color": NEUTRAL_COLOR},
        "encoding": at,
    }
    label = {
        "data": {"values": rows},
        "mark": {
            "type": "text",
            "fontSize": font_size - 2,
            "color": TEXT_COLOR,
            "align": "left",
            **label_mark,
        },
        "encoding": {**at, **label_at, "text": {"field": "label"}},
    }
    return [rule, label]


def curve_spec(
    title: str,
    y_title: str,
    names: Sequence[str],
    colors: Sequence[str],
    *,
    font_size: int = 14,
    height: int = CURVE_HEIGHT,
    log: bool = False,
    percent: bool = False,
    events: Sequence[tuple[float, str]] = (),
    chance: float | None = None,
    chance_label: str = text.TRAINING["chance_line"],
    markers: Sequence[tuple[float, float]] = (),
) -> dict:
    """A line chart of named curves against the epoch, sized like the Plotly ones
    (so the page does not jump when they swap), with dotted lines for mid-run
    changes, a chance line (labelled by the ``chance_label`` template, with
    ``{chance}``) and reference crosses. Data: a ``wide_table``."""
    font_size = max(int(font_size), 14)
    y_scale: dict = {"type": "log"} if log else {"zero": False}
    y_axis: dict = {"format": "~g"}
    if percent:
        y_scale, y_axis = {"domain": [0, 1.02]}, {"format": ".0%"}
    # A legend only for two curves or more, as in the Plotly figures that replace
    # these when the run stops: the chart keeps its layout across the swap.
    legend = (
        {"orient": "top", "title": None, "labelFontSize": font_size}
        if len(names) > 1
        else None
    )
    dashes = [DASHES[i % len(DASHES)] for i in range(len(names))]
    # One column per curve in the data (wide_table); Vega folds them into rows
    # and drops gaps (and, on a log axis, values <= 0) that it cannot draw.
    keep = "isFinite(datum.value)" + (" && datum.value > 0" if log else "")
    layers: list[dict] = [
        {
            "transform": [
                {"fold": list(names), "as": ["series", "value"]},
                {"filter": keep},
            ],
            "mark": {"type": "line", "clip": True, "strokeWidth": 2},
            "encoding": {
                "x": {
                    "field": "epoch",
                    "type": "quantitative",
                    "title": EPOCH_AXIS,
                    "axis": {"format": "d", "tickMinStep": 1},
                },
                "y": {
                    "field": "value",
                    "type": "quantitative",
                    "title": y_title,
                    "scale": y_scale,
                    "axis": y_axis,
                },
                "color": {
                    "field": "series",
                    "type": "nominal",
                    "scale": {"domain": list(names), "range": list(colors)},
                    "legend": legend,
                },
                "strokeDash": {
                    "field": "series",
                    "type": "nominal",
                    "scale": {"domain": list(names), "range": dashes},
                    "legend": legend,
                },
            },
        }
    ]
    if events:
        rows = [{"epoch": float(e), "label": label} for e, label in events]
        layers += _guide_layers(
            rows,
            "x",
            "epoch",
            dash=[2, 3],  # dotted, as in Plotly
            label_at={"y": {"value": 0}},
            font_size=font_size,
            baseline="top",
            dx=3,
        )
    if chance is not None:
        label = chance_label.format(chance=float(chance))
        rows = [{"value": float(chance), "label": label}]
        layers += _guide_layers(
            rows,
            "y",
            "value",
            dash=[6, 4],  # dashed, as in Plotly
            label_at={"x": {"value": 4}},
            font_size=font_size,
            baseline="bottom",
        )
    if markers:
        layers.append(
            {
                "data": {
                    "values": [
                        {"epoch": float(e), "value": float(v)} for e, v in markers
                    ]
                },
                "mark": {
                    "type": "point",
                    "shape": "M-1,-1L1,1M1,-1L-1,1",  # a thin ✕, as in Plotly
                    "size": 100,
                    "strokeWidth": 2,
                    "color": REFERENCE_COLOR,
                    "clip": False,
                },
                "encoding": {
                    "x": {"field": "epoch", "type": "quantitative"},
                    "y": {"field": "value", "type": "quantitative"},
                },
            }
        )
    return {
        "title": {
            "text": title,
            "anchor": "start",
            "fontSize": font_size + 4,
            "fontWeight": "normal",  # as the Plotly titles
        },
        "height": height,
        "width": "container",
        "autosize": {"type": "fit", "contains": "padding"},
        "padding": {"left": 10, "right": 20, "top": 10, "bottom": 10},
        "layer": layers,
        "config": {
            "font": "sans-serif",
            "view": {"stroke": None},
            "axis": {
                "labelFontSize": font_size - 2,
                "titleFontSize": font_size,
                "titleFontWeight": "normal",
                "gridColor": GRID_COLOR,
            },
            "title": {"color": TEXT_COLOR},
        },
        # SVG keeps the labels in the page (screen readers, tests); a few
        # hundred points per curve draw as quickly as on a canvas.
        "usermeta": {"embedOptions": {"renderer": "svg", "actions": False}},
    }
