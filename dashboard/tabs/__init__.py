"""The tab registry: a list of (title, render) pairs; only the open tab runs.

``render(view)`` draws a tab's fixed parts (its widgets and explainer) once per
script run and returns a painter, ``paint(run, frame, live)``, that (re)draws the
tab's charts into placeholders while training goes on. To add a tab, add a pair to TABS.
"""

from __future__ import annotations

import streamlit as st

import wording as text
from dashboard.tabs import activations, compare, learn, outputs, training, weights
from dashboard.tabs.base import Painter, Render, View

TABS: list[tuple[str, Render]] = [
    (text.TAB_TITLES["training"], training.render),
    (text.TAB_TITLES["weights"], weights.render),
    (text.TAB_TITLES["outputs"], outputs.render),
    (text.TAB_TITLES["activations"], activations.render),
    (text.TAB_TITLES["compare"], compare.render),
    (text.TAB_TITLES["learn"], learn.render),
]


def show(tabs: list[tuple[str, Render]], view: View) -> Painter:
    """Draw the tab bar and the open tab's fixed parts; return its painter."""
    boxes = st.tabs(
        [title for title, _ in tabs], key="view", on_change="rerun", bind="query-params"
    )
    for (_, render), box in zip(tabs, boxes, strict=True):
        if box.open:
            with box:
                return render(view)
    return lambda run, frame, live: None


__all__ = ["TABS", "Painter", "Render", "View", "show"]
