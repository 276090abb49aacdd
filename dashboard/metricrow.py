"""A row of big numbers (epoch, loss, accuracy) as one HTML element.

Why not five ``st.metric``: the row is redrawn while a run trains, and in
Chromium on 2 cores five metrics in columns cost the browser about 45 ms a frame
against about 18 ms for one markdown element holding the same row (a toy page at
ten frames a second, measured with per-process CPU). The row looks like
``st.metric`` (sizes in rem, so presentation mode scales it the same way; the
delta's colours are Streamlit 1.67's for the light and dark themes) and its
style sheet is part of the page CSS (dashboard/page.py).
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

import streamlit as st

# Streamlit 1.67's delta colours, measured in Chromium: (text, background).
DELTA_COLORS = {
    "light": {
        "good": ("rgb(12, 90, 68)", "rgb(241, 251, 246)"),
        "bad": ("rgb(158, 48, 59)", "rgb(255, 241, 242)"),
        "off": ("rgb(104, 98, 85)", "rgb(245, 244, 242)"),
    },
    "dark": {
        "good": ("rgb(126, 213, 176)", "rgb(14, 47, 36)"),
        "bad": ("rgb(242, 145, 154)", "rgb(65, 32, 35)"),
        "off": ("rgb(184, 179, 168)", "rgb(44, 41, 37)"),
    },
}

# Laid out like st.columns(5) of st.metric: equal columns 1rem apart, label
# 0.875rem, value 2.25rem, delta a small pill (heights as measured: 24 + 52 + 23 px).
# The pill may run on under the next number (which has none) rather than be cut
# short: in presentation mode "since epoch 0" did not fit its column.
CSS = """
.la-metrics { display: grid; grid-template-columns: repeat(var(--la-n, 5), 1fr);
  gap: 1rem; margin-bottom: 1rem; min-height: 6.45rem; }
.la-metric { min-width: 0; }
.la-metric-label { font-size: 0.875rem; line-height: 1.5rem; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }
.la-metric-label[title] { text-decoration: underline dotted; cursor: help; }
.la-metric-value { font-size: 2.25rem; line-height: 3rem; padding-bottom: 0.25rem;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.la-metric-delta { display: inline-block; font-size: 0.875rem; line-height: 1.2rem;
  padding: 0.125rem 0.5rem; border-radius: 0.75rem; white-space: nowrap; }
"""

ARROWS = {"up": "↑", "down": "↓", "none": ""}


class Metric(NamedTuple):
    """One big number; ``delta`` (a change) is drawn in green when ``good``, red
    when not, grey when None; ``help`` becomes the label's tooltip."""

    label: str
    value: str
    delta: str | None = None
    direction: str = "none"  # the arrow: "up", "down" or "none"
    good: bool | None = None
    help: str | None = None


def theme_type() -> str:
    """The theme the browser reported, "light" or "dark" (light when unknown)."""
    try:
        kind = st.context.theme.type
    except AttributeError:  # no browser context (bare mode)
        kind = None
    return "dark" if kind == "dark" else "light"


def row_html(metrics: list[Metric], theme: str = "light") -> str:
    """The row's HTML. Each number carries its label and value as data
    attributes, so tests and benchmarks read them without parsing the text."""
    colors = DELTA_COLORS[theme]
    cells = []
    for m in metrics:
        label, value = html.escape(m.label), html.escape(m.value)
        tip = f' title="{html.escape(m.help)}"' if m.help else ""
        parts = [
            f'<div class="la-metric-label"{tip}>{label}</div>',
            f'<div class="la-metric-value">{value}</div>',
        ]
        if m.delta is not None:
            kind = "off" if m.good is None else ("good" if m.good else "bad")
            fg, bg = colors[kind]
            arrow = ARROWS[m.direction]
            shown = html.escape(f"{arrow} {m.delta}" if arrow else m.delta)
            parts.append(
                f'<div class="la-metric-delta" style="color: {fg}; '
                f'background: {bg}">{shown}</div>'
            )
        cells.append(
            f'<div class="la-metric" data-metric-label="{label}" '
            f'data-metric-value="{value}">{"".join(parts)}</div>'
        )
    return (
        f'<div class="la-metrics" style="--la-n: {len(metrics)}">{"".join(cells)}</div>'
    )


def draw(slot, metrics: list[Metric]) -> None:
    """Draw the row into ``slot`` (an ``st.empty``) as one element: markdown,
    which cost the browser less than ``st.html`` in the app (measured)."""
    slot.markdown(row_html(metrics, theme_type()), unsafe_allow_html=True)


_SHOWN = re.compile(r'data-metric-label="([^"]*)" data-metric-value="([^"]*)"')


def shown_values(row: str) -> dict[str, str]:
    """Label -> value of every number in a row's HTML (for tests and benchmarks)."""
    return {html.unescape(k): html.unescape(v) for k, v in _SHOWN.findall(row)}
