"""Page setup: title, layout and the little CSS a projector needs."""

from __future__ import annotations

import streamlit as st

from dashboard import text

# Less empty space above the title; presentation mode scales every rem-sized
# thing (text, widgets, metrics) by a quarter, charts get larger fonts separately.
BASE_CSS = """
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
"""
PRESENT_CSS = "html { font-size: 20px; }"


def setup() -> None:
    """Must come first: the browser tab's title and the wide layout."""
    st.set_page_config(page_title=text.TITLE, page_icon="🧠", layout="wide")


def style(present: bool) -> None:
    """Inject the page CSS (style-only HTML adds no visible element)."""
    css = BASE_CSS + (PRESENT_CSS if present else "")
    st.html(f"<style>{css}</style>")


def header() -> None:
    st.title(text.TITLE)
    st.caption(text.TAGLINE)
