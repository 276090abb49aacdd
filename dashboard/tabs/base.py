"""What every tab shares: the view it is set up with and how it draws a chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

import figures
import wording as text
from dashboard import page
from dashboard.run import Run
from dashboard.settings import Settings

# paint(run, frame, live): live=True while training runs, to draw lighter charts.
Painter = Callable[[Run, int, bool], None]

# Plotly's toolbar, trimmed to what a class needs: download as PNG, zoom, reset.
CHART_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


@dataclass(frozen=True)
class View:
    """What a tab needs to set itself up: the run as the script starts, settings."""

    run: Run
    settings: Settings
    running: bool

    @property
    def font_size(self) -> int:
        return self.settings.font_size


Render = Callable[[View], Painter]

# While a run trains, the numbers (the status line above the tabs and a tab's own
# numbers, such as the Training tab's metric row) redraw every second frame: five
# times a second is plenty to read, and every element sent costs the browser
# about 20 ms on this page, chart or not (measured in Chromium on 2 cores).
NUMBERS_EVERY = 2


def numbers_due(frame: int) -> bool:
    """Whether live frame ``frame`` redraws the numbers: a script run's first
    frame does (its slots start empty), then every NUMBERS_EVERY-th."""
    return frame == 1 or frame % NUMBERS_EVERY == 0


def chart(fig: go.Figure, name: str, run: Run, frame: int) -> None:
    """Draw a figure with alt text and a key unique within the script run."""
    st.session_state["charts_drawn"] += 1  # the live loop paces by this count
    st.plotly_chart(
        fig,
        key=f"{name}-{run.run_id}-{frame}",
        config=CHART_CONFIG,
        theme=None,  # keep the figures' own fonts and colours (projector-sized)
        alt=figures.describe(fig),
        height=page.chart_height(fig),  # taller in presentation mode
    )


# Share of a Plotly mount's browser work that a live chart costs: one HTML
# element replaced in place (dashboard/livefigs.py). Measured in Chromium on 2
# cores: about 10 ms against about 100 ms.
LIVE_CHART_COST = 0.1


def live_chart(slot, chart_html: str) -> None:
    """Draw a light live chart (dashboard/livefigs.py) into ``slot`` (an
    ``st.empty``): the browser replaces the old chart's HTML in one step."""
    st.session_state["charts_drawn"] += LIVE_CHART_COST
    slot.markdown(chart_html, unsafe_allow_html=True)


def explainer(body: str) -> None:
    """The "what am I looking at?" box under a tab's charts."""
    with st.expander(text.EXPLAINER_TITLE):
        st.markdown(body)
