"""Shared look of every figure: palette, colour scales, fonts, heights, alt text."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike

import wording as text

# Okabe & Ito (2008): eight colours that stay distinct under the common colour-vision
# deficiencies. Classes take them in order and cycle beyond eight.
OKABE_ITO: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)

# Marker symbols per class, so classes differ by shape as well as by colour.
CLASS_SYMBOLS: tuple[str, ...] = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "x",
    "cross",
    "star",
    "triangle-down",
    "pentagon",
    "hexagram",
)

# Line dashes to tell apart more lines than there are colours.
DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash")

# Blue (negative) - white (zero) - orange (positive). Lightness grows with |w| on both
# sides, so the magnitude still reads in greyscale and the hues avoid red/green.
DIVERGING: list[list[float | str]] = [
    [0.0, "#08306B"],
    [0.25, "#4A90C8"],
    [0.5, "#F7F7F7"],
    [0.75, "#F4A259"],
    [1.0, "#7F2704"],
]

# Counts and scores: light to dark, one hue.
SEQUENTIAL = "Blues"

CORRECT_COLOR = "#009E73"
INCORRECT_COLOR = "#D55E00"
NEUTRAL_COLOR = "#767676"  # grey text on white at 4.5:1 (WCAG AA); #7F7F7F is 4.0
DIVERGED_COLOR = "#BDBDBD"

# Fixed heights in pixels: a chart keeps its size while training, so the page never
# jumps as data arrive.
CURVE_HEIGHT = 360
MANY_CURVES_HEIGHT = 440  # one curve per unit: room for the legend column
HEATMAP_HEIGHT = 360
BIAS_HEIGHT = 220
IMAGE_GRID_HEIGHT = 560
MOSAIC_HEIGHT = 560
REGIONS_HEIGHT = 500
BARS_HEIGHT = 400
HISTOGRAM_HEIGHT = 320
CONFUSION_HEIGHT = 440
SWEEP_HEIGHT = 420

NO_DATA = text.CHART_NOTES["no_data"]

MAX_CURVE_POINTS = 1000
MAX_GRID = 100

TEXT_COLOR = "#222222"  # near black: contrast on a washed-out projector
GRID_COLOR = "#E5E9F0"
_AXIS = {
    "gridcolor": GRID_COLOR,
    "linecolor": GRID_COLOR,
    "zerolinecolor": GRID_COLOR,
    "zerolinewidth": 2,
    "ticks": "",
    "automargin": True,
    "title": {"standoff": 12},
}
# A small template of our own, built once. Plotly's named templates are deep-copied
# and validated on every use (~20 ms a figure), too slow for a chart redrawn live.
HOUSE_TEMPLATE = go.layout.Template(
    layout={
        "font": {"color": TEXT_COLOR},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(OKABE_ITO),
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "title": {"x": 0.02},
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "autotypenumbers": "strict",
    }
)


def class_color(index: int) -> str:
    """Okabe-Ito colour of class `index`, cycling after eight for any class count."""
    return OKABE_ITO[index % len(OKABE_ITO)]


def class_colors(n_classes: int) -> list[str]:
    """Colours of classes 0..n_classes-1, one call for a whole legend."""
    return [class_color(i) for i in range(n_classes)]


def class_symbol(index: int) -> str:
    """Marker symbol of class `index`, so shape tells classes apart without colour."""
    return CLASS_SYMBOLS[index % len(CLASS_SYMBOLS)]


def class_pattern(index: int) -> dict:
    """Bar fill: plain for the first eight classes, hatched once colours repeat."""
    shape = ("", "/", "x", "\\", ".")[(index // len(OKABE_ITO)) % 5]
    if not shape:
        return {}
    # overlay: the class colour stays the fill, white hatching goes over it
    return {"shape": shape, "fillmode": "overlay", "fgcolor": "white", "solidity": 0.3}


def line_dash(index: int) -> str:
    """Dash of the `index`-th line: a new dash each time the colours wrap around."""
    return DASHES[(index // len(OKABE_ITO)) % len(DASHES)]


def thin(x: ArrayLike | int, max_points: int = MAX_CURVE_POINTS) -> np.ndarray:
    """Indices of at most `max_points` evenly spaced items, first and last kept."""
    if max_points < 2:
        raise ValueError(f"max_points must be >= 2, got {max_points}")
    n = int(x) if isinstance(x, int | np.integer) else len(np.asarray(x, dtype=object))
    if n <= max_points:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, max_points).round().astype(int))


def grid_stride(n: int, max_n: int = MAX_GRID) -> int:
    """Step that takes an axis of `n` cells down to at most `max_n` cells."""
    return max(1, math.ceil(n / max_n))


def as_float_list(
    values: ArrayLike | None, digits: int | None = None
) -> list[float | None]:
    """Plain floats for a trace, None (a gap) for None/NaN/inf; `digits` significant."""
    if values is None:
        return []
    out: list[float | None] = []
    for v in np.asarray(values, dtype=object).ravel().tolist():
        f = math.nan if v is None else float(v)
        if not math.isfinite(f):
            out.append(None)
        elif digits is None:
            out.append(f)
        else:  # shorter JSON for smooth curves whose last digits nobody can see
            out.append(float(f"{f:.{digits}g}"))
    return out


def has_values(values: Sequence[float | None] | None) -> bool:
    """Whether a series holds at least one finite number worth a trace."""
    return values is not None and any(v is not None for v in as_float_list(values))


def house_layout(
    *,
    height: int,
    font_size: int = 14,
    title: str | None = None,
    alt_text: str | None = None,
    placeholder: str | None = None,
) -> dict:
    """The layout every chart shares: fixed height, projector-sized fonts, alt text.

    `placeholder` is written in the middle of a chart that has no data yet.
    """
    font_size = max(int(font_size), 14)
    layout: dict = {
        "template": HOUSE_TEMPLATE,
        "height": int(height),
        "font": {"size": font_size},
        "margin": {"l": 70, "r": 30, "t": 80, "b": 60},
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0.0,
            "font": {"size": font_size},
        },
        "hoverlabel": {"font": {"size": font_size}},
    }
    if title is not None:
        layout["title"] = {"text": title, "font": {"size": font_size + 4}}
    if alt_text is not None:
        layout["meta"] = {"alt_text": alt_text}
    if placeholder:
        layout["annotations"] = [
            {
                "text": placeholder,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "font": {"size": font_size + 2, "color": NEUTRAL_COLOR},
            }
        ]
    return layout


def merge(base: dict, extra: dict) -> dict:
    """Nested dict merge, `extra` winning; lists of shapes/annotations are joined."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        elif isinstance(value, list) and key in ("shapes", "annotations"):
            out[key] = [*out.get(key, []), *value]
        else:
            out[key] = value
    return out


def styled_figure(
    traces: Sequence[go.BaseTraceType | dict],
    layout: dict | None = None,
    *,
    height: int,
    font_size: int = 14,
    title: str | None = None,
    alt_text: str | None = None,
    placeholder: str | None = None,
) -> go.Figure:
    """Build a figure in one step from its traces, its own layout and the house look.

    One construction validates everything once; adding traces and updating the
    layout step by step costs about four times as much, on every live redraw.
    """
    house = house_layout(
        height=height,
        font_size=font_size,
        title=title,
        alt_text=alt_text,
        placeholder=placeholder,
    )
    return go.Figure(data=list(traces), layout=merge(house, layout or {}))


def apply_style(
    fig: go.Figure,
    *,
    height: int,
    font_size: int = 14,
    title: str | None = None,
    alt_text: str | None = None,
    placeholder: str | None = None,
) -> go.Figure:
    """Give an existing figure the house look (e.g. presentation-size fonts)."""
    house = house_layout(
        height=height,
        font_size=font_size,
        title=title,
        alt_text=alt_text,
        placeholder=placeholder,
    )
    annotations = house.pop("annotations", [])
    fig.update_layout(house)
    for note in annotations:
        fig.add_annotation(note)
    return fig


def legend_right() -> dict:
    """Layout that puts the legend in a column on the right, for many entries."""
    legend = {"orientation": "v", "yanchor": "top", "y": 1.0}
    return {"legend": {**legend, "xanchor": "left", "x": 1.02}}


def _guide(axis: str, at: float, text: str, dash: str) -> dict:
    """A labelled line across the plot at x=at (axis "x") or y=at (axis "y")."""
    other = "y" if axis == "x" else "x"
    line = {"dash": dash, "color": NEUTRAL_COLOR, "width": 1.5}
    shape = {"type": "line", "xref": f"{other} domain", "yref": f"{other} domain"}
    shape |= {f"{axis}ref": axis, f"{axis}0": at, f"{axis}1": at}
    shape |= {f"{other}0": 0, f"{other}1": 1, "line": line}
    out: dict = {"shapes": [shape]}
    if text:
        corner = {"x": (at, 1, "left"), "y": (1, at, "right")}[axis]
        out["annotations"] = [
            {
                "text": text,
                "xref": shape["xref"],
                "yref": shape["yref"],
                "x": corner[0],
                "y": corner[1],
                "xanchor": corner[2],
                "yanchor": "top",
                "showarrow": False,
                "font": {"color": NEUTRAL_COLOR},
            }
        ]
    return out


def vline(x: float, text: str = "", dash: str = "dot") -> dict:
    """Shape and label of a vertical line across the plot at x (a layout fragment)."""
    return _guide("x", x, text, dash)


def hline(y: float, text: str = "", dash: str = "dash") -> dict:
    """Shape and label of a horizontal line across the plot at y (a layout fragment)."""
    return _guide("y", y, text, dash)


def describe(fig: go.Figure) -> str:
    """One-sentence description of a figure, for screen readers (alt text)."""
    meta = fig.layout.meta
    if isinstance(meta, dict) and meta.get("alt_text"):
        return str(meta["alt_text"])
    if fig.layout.title and fig.layout.title.text:
        return str(fig.layout.title.text)
    return text.CHART_ALT["chart"]


def fmt(value: float | None, digits: int = 3) -> str:
    """A number for alt text and labels, short and never 'nan'."""
    if value is None or not math.isfinite(value):
        return text.CHART_NOTES["not_available"]
    return f"{value:.{digits}g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.1e}"
