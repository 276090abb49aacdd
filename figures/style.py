"""Shared look of every figure: palette, colour scales, fonts, heights, alt text."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from numpy.typing import ArrayLike

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
NEUTRAL_COLOR = "#7F7F7F"
DIVERGED_COLOR = "#BDBDBD"

# Fixed heights in pixels: a chart keeps its size while training, so the page never
# jumps as data arrive.
CURVE_HEIGHT = 360
HEATMAP_HEIGHT = 360
BIAS_HEIGHT = 220
IMAGE_GRID_HEIGHT = 560
MOSAIC_HEIGHT = 560
REGIONS_HEIGHT = 500
BARS_HEIGHT = 400
HISTOGRAM_HEIGHT = 320
CONFUSION_HEIGHT = 440
SWEEP_HEIGHT = 420

MAX_CURVE_POINTS = 1000
MAX_GRID = 100


def class_color(index: int) -> str:
    """Okabe-Ito colour of class `index`, cycling after eight so any class count works."""
    return OKABE_ITO[index % len(OKABE_ITO)]


def class_colors(n_classes: int) -> list[str]:
    """Colours of classes 0..n_classes-1, one call for a whole legend."""
    return [class_color(i) for i in range(n_classes)]


def class_symbol(index: int) -> str:
    """Marker symbol of class `index`, so shape tells classes apart without colour."""
    return CLASS_SYMBOLS[index % len(CLASS_SYMBOLS)]


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


def apply_style(
    fig: go.Figure,
    *,
    height: int,
    font_size: int = 14,
    title: str | None = None,
    alt_text: str | None = None,
) -> go.Figure:
    """Give a figure the house look: fixed height, projector-sized fonts, alt text."""
    font_size = max(int(font_size), 14)
    fig.update_layout(
        template="plotly_white",
        height=height,
        font={"size": font_size},
        margin={"l": 70, "r": 30, "t": 80, "b": 60},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0.0,
            "font": {"size": font_size},
        },
        hoverlabel={"font": {"size": font_size}},
    )
    if title is not None:
        fig.update_layout(title={"text": title, "font": {"size": font_size + 4}})
    if alt_text is not None:
        fig.update_layout(meta={"alt_text": alt_text})
    return fig


def legend_right(fig: go.Figure) -> go.Figure:
    """Move the legend to a column on the right, for figures with many entries."""
    return fig.update_layout(
        legend={"orientation": "v", "yanchor": "top", "y": 1.0, "xanchor": "left", "x": 1.02}
    )


def describe(fig: go.Figure) -> str:
    """One-sentence description of a figure, for screen readers (alt text)."""
    meta = fig.layout.meta
    if isinstance(meta, dict) and meta.get("alt_text"):
        return str(meta["alt_text"])
    if fig.layout.title and fig.layout.title.text:
        return str(fig.layout.title.text)
    return "Chart."


def fmt(value: float | None, digits: int = 3) -> str:
    """A number for alt text and labels, short and never 'nan'."""
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:.{digits}g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.1e}"
