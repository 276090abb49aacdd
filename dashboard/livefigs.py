"""Light curve charts for live training: HTML and SVG drawn here, on the server.

Why not Plotly or Vega while a run trains (measured in Chromium on 2 cores):
Streamlit 1.67 mounts a new Plotly chart whenever a figure's data changes, about
0.1 s of browser work each. A Vega-Lite chart is updated in place, but its
dataflow still cost 30-110 ms per update on this page. The same chart as one
markdown element (HTML text around an SVG of polylines) costs about 10-15 ms, is
replaced in one step (no blank frame), and keeps its words in the page for
screen readers and tests. It is ``st.markdown(..., unsafe_allow_html=True)``
because ``st.html`` strips SVG; every text in it is escaped here. A custom
component drew to a canvas no faster, and blanked for a frame on each remount.
When the run stops, the full Plotly figures (toolbar, PNG download, hover) come
back, at the same height.

The plot area is an SVG stretched to its box (``preserveAspectRatio="none"``,
strokes that do not scale): the chart fills any width without knowing it, and
the text around it is HTML placed in percent. Style: ``CSS``, part of the page
CSS. Everything here is pure: data in, an HTML string out.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

import numpy as np

import figures
import wording as text
from figures.style import CURVE_HEIGHT, GRID_COLOR, NEUTRAL_COLOR, TEXT_COLOR
from figures.training import EPOCH_AXIS, REFERENCE_COLOR

LIVE_POINTS = 200  # per curve while training: the browser redraws it often
# Plotly's line dashes as SVG dash arrays, so a curve looks the same live and after.
DASHES = {"solid": "", "dash": "6 4", "dot": "2 3", "dashdot": "8 3 2 3",
          "longdash": "12 4"}  # fmt: skip
SPAN = 1000.0  # the plot area's SVG coordinates: 0..SPAN on both axes
MAX_TICKS = 6

CSS = f"""
.la-curve {{ display: flex; flex-direction: column; color: {TEXT_COLOR};
  background: #fff;  /* as the Plotly figures, in the light and dark themes */
  font-family: sans-serif; overflow: hidden; box-sizing: border-box;
  padding: 10px 20px 10px 10px;
  margin-bottom: 1rem; }}  /* st.markdown pulls the next element up by 1rem */
.la-curve-title {{ line-height: 1.3; }}
.la-curve-legend {{ display: flex; flex-wrap: wrap; gap: 0.2em 1.2em;
  margin-top: 0.3em; }}
.la-curve-legend svg {{ vertical-align: middle; margin-right: 0.4em; }}
.la-curve-body {{ flex: 1; min-height: 0; display: grid; margin-top: 0.5em;
  grid-template-columns: 1.6em auto 1fr; grid-template-rows: 1fr 1.5em 1.5em; }}
.la-curve-ytitle {{ grid-row: 1; grid-column: 1; writing-mode: vertical-rl;
  transform: rotate(180deg); text-align: center; white-space: nowrap; }}
.la-curve-yticks {{ grid-row: 1; grid-column: 2; position: relative;
  margin-right: 0.4em; }}
.la-curve-yticks span {{ position: absolute; right: 0; transform: translateY(-50%);
  white-space: nowrap; }}
.la-curve-plot {{ grid-row: 1; grid-column: 3; position: relative;
  border-left: 1px solid {NEUTRAL_COLOR}; border-bottom: 1px solid {NEUTRAL_COLOR}; }}
.la-curve-plot > svg {{ position: absolute; inset: 0; width: 100%; height: 100%;
  overflow: hidden; }}
.la-curve-plot * {{ vector-effect: non-scaling-stroke; }}
.la-curve-xticks {{ grid-row: 2; grid-column: 3; position: relative; }}
.la-curve-xticks span {{ position: absolute; top: 0.2em; transform: translateX(-50%);
  white-space: nowrap; }}
.la-curve-xtitle {{ grid-row: 3; grid-column: 3; text-align: center; }}
.la-curve-note {{ position: absolute; white-space: nowrap; }}
.la-curve-mark {{ position: absolute; transform: translate(-50%, -50%);
  color: {REFERENCE_COLOR}; line-height: 1; }}
"""


class _Scale:
    """Data values to percent of the plot (0 at the left or bottom edge)."""

    def __init__(self, lo: float, hi: float, log: bool = False) -> None:
        self.log = log
        self.lo, self.hi = (math.log10(lo), math.log10(hi)) if log else (lo, hi)

    def __call__(self, value):
        """A float for a float, an array for an array (a whole curve at once)."""
        v = np.log10(value) if self.log else value
        return 100.0 * (v - self.lo) / (self.hi - self.lo)


def _nice_step(span: float, max_ticks: int = MAX_TICKS) -> float:
    """1, 2 or 5 times a power of ten: the smallest such step giving at most
    ``max_ticks`` intervals over ``span``."""
    raw = span / max_ticks
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def _linear_ticks(lo: float, hi: float, integer: bool = False):
    """The domain and its ticks with their labels: for values, [lo, hi] widened
    to whole steps; for epochs (``integer``), exactly [lo, hi], as Plotly draws
    them, so the curve always reaches the right edge."""
    # A flat curve (epoch 0, one point) gets a span a reader can take in, not
    # ticks a millionth apart.
    least = 1.0 if integer else max(abs(lo), abs(hi), 1e-12) * 0.01
    if hi - lo < least:
        middle = (lo + hi) / 2
        lo, hi = (
            (lo, lo + least) if integer else (middle - least / 2, middle + least / 2)
        )
    step = _nice_step(hi - lo)
    if integer:
        step = max(1.0, round(step))
    first = math.ceil(lo / step - 1e-9) * step
    if not integer:  # values: widen to whole steps; epochs: end where the run is
        lo, hi = math.floor(lo / step) * step, math.ceil(hi / step) * step
        first = lo
    decimals = 0 if integer else max(0, -math.floor(math.log10(step)))
    count = math.floor((hi - first) / step + 1e-9)
    ticks = [first + i * step for i in range(count + 1)]
    return lo, hi, [(t, f"{t:.{decimals}f}") for t in ticks]


def _log_ticks(lo: float, hi: float):
    """Whole decades around [lo, hi] and a tick at each (at most MAX_TICKS + 1)."""
    first, last = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    last = max(last, first + 1)
    every = max(1, math.ceil((last - first) / MAX_TICKS))
    ticks = [10.0**k for k in range(first, last + 1, every)]
    return 10.0**first, 10.0**last, [(t, f"{t:g}") for t in ticks]


def _points(epochs: np.ndarray, values: np.ndarray, x: _Scale, y: _Scale) -> str:
    """SVG polyline points in plot coordinates (y grows downwards in SVG)."""
    xs = x(epochs) * SPAN / 100.0
    ys = SPAN - y(values) * SPAN / 100.0
    return " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(xs, ys, strict=True))


def _span(tag: str, cls: str, style: str, body: str) -> str:
    return f'<{tag} class="{cls}" style="{style}">{html.escape(body)}</{tag}>'


def curve_html(
    title: str,
    y_title: str,
    epochs: Sequence[float],
    curves: Mapping[str, Sequence[float | None]],
    colors: Sequence[str],
    dashes: Sequence[str],
    *,
    alt: str,
    font_size: int = 14,
    height: int = CURVE_HEIGHT,
    log: bool = False,
    percent: bool = False,
    events: Sequence[tuple[float, str]] = (),
    chance: float | None = None,
    chance_label: str = text.TRAINING["chance_line"],
    markers: Sequence[tuple[float, float]] = (),
    max_points: int = LIVE_POINTS,
) -> str:
    """A line chart of named curves against the epoch, as HTML.

    Sized like the Plotly figures (so the page does not jump when they swap),
    with one colour and Plotly dash name per curve, a legend only for two
    curves or more (as the figures have), dotted lines at
    mid-run changes, a dashed chance line (its label from the ``chance_label``
    template, with ``{chance}``) and reference crosses. Curves are thinned to
    ``max_points``; gaps (None, NaN) and, on a log axis, values <= 0 are left out.
    """
    font_size = max(int(font_size), 14)
    keep = figures.thin(len(epochs), max_points)
    x_all = np.asarray(epochs, dtype=np.float64)[keep]
    drawn = {}
    for name, values in curves.items():
        y = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        y = y[keep]
        ok = np.isfinite(y) & (y > 0) if log else np.isfinite(y)
        drawn[name] = (x_all[ok], y[ok])
    # One scale for every layer, as in a layered chart: the guides stay in view.
    ys = [v for _, y in drawn.values() for v in y]
    ys += [v for _, v in markers if not log or v > 0]
    if chance is not None:
        ys.append(chance)
    xs = list(x_all[:1]) + list(x_all[-1:]) + [e for e, _ in (*markers, *events)]
    x_lo, x_hi, x_ticks = _linear_ticks(min(xs, default=0), max(xs, default=1), True)
    if percent:
        y_lo, y_hi = 0.0, 1.02
        y_ticks = [(k / 5, f"{k * 20}%") for k in range(6)]
    elif log:
        y_lo, y_hi, y_ticks = _log_ticks(min(ys, default=1), max(ys, default=10))
    else:
        y_lo, y_hi, y_ticks = _linear_ticks(min(ys, default=0), max(ys, default=1))
    x, y = _Scale(x_lo, x_hi), _Scale(y_lo, y_hi, log)

    lines = []
    for t, _ in y_ticks:
        at = SPAN - y(t) * SPAN / 100
        lines.append(f'<line x1="0" x2="{SPAN:g}" y1="{at:.1f}" y2="{at:.1f}" />')
    grid = f'<g stroke="{GRID_COLOR}" stroke-width="1">{"".join(lines)}</g>'
    notes, paths = [], []
    small = f"font-size: {font_size - 2}px"
    for epoch, label in events:
        at = x(epoch)
        paths.append(
            f'<line x1="{at * SPAN / 100:.1f}" x2="{at * SPAN / 100:.1f}" y1="0" '
            f'y2="{SPAN:g}" stroke="{NEUTRAL_COLOR}" stroke-dasharray="2 3" />'
        )
        notes.append(_span("span", "la-curve-note", f"left: {at:.2f}%; top: 0; "
                           f"padding-left: 3px; {small}", label))  # fmt: skip
    if chance is not None:
        at = y(chance)
        paths.append(
            f'<line x1="0" x2="{SPAN:g}" y1="{SPAN - at * SPAN / 100:.1f}" '
            f'y2="{SPAN - at * SPAN / 100:.1f}" stroke="{NEUTRAL_COLOR}" '
            'stroke-dasharray="6 4" />'
        )
        label = chance_label.format(chance=float(chance))
        notes.append(_span("span", "la-curve-note", f"right: 4px; bottom: {at:.2f}%; "
                           f"{small}", label))  # fmt: skip
    for i, (name, (ex, ey)) in enumerate(drawn.items()):
        if not len(ex):
            continue
        dash = DASHES[dashes[i]]
        paths.append(
            f'<polyline data-series="{html.escape(name)}" fill="none" '
            f'stroke="{colors[i]}" stroke-width="2" '
            + (f'stroke-dasharray="{dash}" ' if dash else "")
            + f'points="{_points(ex, ey, x, y)}" />'
        )
    for epoch, value in markers:
        if log and value <= 0:
            continue
        notes.append(
            _span(
                "span",
                "la-curve-mark",
                f"left: {x(epoch):.2f}%; top: {100 - y(value):.2f}%; "
                f"font-size: {font_size + 2}px",
                "✕",
            )
        )
    svg = (
        f'<svg viewBox="0 0 {SPAN:g} {SPAN:g}" preserveAspectRatio="none" '
        f'aria-hidden="true">{grid}{"".join(paths)}</svg>'
    )
    widest = max((len(label) for _, label in y_ticks), default=1)
    y_labels = "".join(
        _span("span", "", f"top: {100 - y(t):.2f}%", label) for t, label in y_ticks
    )
    x_labels = "".join(
        _span("span", "", f"left: {x(t):.2f}%", label) for t, label in x_ticks
    )
    legend = ""
    if len(curves) > 1:
        items = []
        for i, name in enumerate(curves):
            dash = DASHES[dashes[i]]
            swatch = (
                '<svg width="28" height="10" aria-hidden="true"><line x1="0" x2="28" '
                f'y1="5" y2="5" stroke="{colors[i]}" stroke-width="2" '
                + (f'stroke-dasharray="{dash}"' if dash else "")
                + "/></svg>"
            )
            items.append(f"<span>{swatch}{html.escape(name)}</span>")
        legend = (
            f'<div class="la-curve-legend" style="font-size: {font_size}px">'
            f"{''.join(items)}</div>"
        )
    return (
        f'<div class="la-curve" role="img" aria-label="{html.escape(alt)}" '
        f'data-title="{html.escape(title)}" '
        f'style="height: {int(height)}px; font-size: {font_size - 2}px">'
        + _span("div", "la-curve-title", f"font-size: {font_size + 4}px", title)
        + legend
        + '<div class="la-curve-body">'
        + _span("div", "la-curve-ytitle", f"font-size: {font_size}px", y_title)
        # The tick labels sit out of the flow: their column gets their width.
        + f'<div class="la-curve-yticks" style="min-width: {widest * 0.6:.1f}em">'
        + f"{y_labels}</div>"
        + f'<div class="la-curve-plot">{svg}{"".join(notes)}</div>'
        + f'<div class="la-curve-xticks">{x_labels}</div>'
        + _span("div", "la-curve-xtitle", f"font-size: {font_size}px", EPOCH_AXIS)
        + "</div></div>"
    )
