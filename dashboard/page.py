"""Page setup: title, layout, the loaded lesson's note, and projector mode's CSS."""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go
import streamlit as st

import wording as text
from dashboard import livefigs, metricrow
from dashboard.settings import PRESENT_HEIGHT, PRESENT_HIDEABLE

# Less empty space above the title. Accessibility (axe-core, tests/test_accessibility):
# a button's shortcut badge in the full text colour (faded it is 3.5:1), and a wide
# equation overflowing visibly instead of in a scroll box no keyboard can reach.
BASE_CSS = """
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
kbd { color: inherit !important; opacity: 1 !important; }
.katex-display { overflow: visible !important; }
"""
# Presentation mode: every rem-sized thing (text, widgets, metrics, tab labels,
# equations) grows by a quarter; chart fonts and heights grow separately (the
# figures' font_size, chart_height below). The sidebar widens a little so its
# larger labels still fit on one line; the main area uses the whole width.
PRESENT_CSS = """
html { font-size: 20px; }
[data-testid="stSidebar"] { min-width: 380px; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding-left: 2rem;
  padding-right: 2rem; }
[data-testid="stTab"] p { font-size: 1.1rem; font-weight: 600; }
[data-testid="stCaptionContainer"] { font-size: 0.95rem; }
.katex-display { font-size: 1.1em; }
"""


def setup() -> None:
    """Must come first: the browser tab's title and the wide layout."""
    st.set_page_config(page_title=text.TITLE, page_icon="🧠", layout="wide")


def hide_css(parts: Iterable[str]) -> str:
    """CSS that hides the chosen sidebar parts (by their st-key-* classes)."""
    keys = [key for part in parts for key in PRESENT_HIDEABLE.get(part, ())]
    if not keys:
        return ""
    selectors = ", ".join(f'[data-testid="stSidebar"] .st-key-{key}' for key in keys)
    return f"{selectors} {{ display: none; }}\n"


def css(present: bool, hidden: Iterable[str] = ()) -> str:
    """The page's CSS: presentation mode adds large type and hides chosen parts."""
    base = BASE_CSS + metricrow.CSS + livefigs.CSS
    if not present:
        return base
    return base + PRESENT_CSS + hide_css(hidden)


def style(present: bool) -> None:
    """Inject the page CSS (style-only HTML adds no visible element)."""
    hidden = st.session_state.get("hide", ())
    st.html(f"<style>{css(present, hidden)}</style>")


def chart_height(fig: go.Figure) -> int | str:
    """A chart's height on the page: its own, or taller in presentation mode
    (given to st.plotly_chart, so a figure kept between frames is never changed)."""
    return taller(fig.layout.height, bool(st.session_state.get("present")))


def taller(height: float | None, present: bool) -> int | str:
    """The height to ask for: "content" (the figure's own) unless presenting."""
    if not present or not height:
        return "content"
    return round(height * PRESENT_HEIGHT)


def _hide_note() -> None:
    st.session_state["lesson_note"] = None


def header() -> None:
    st.title(text.TITLE)
    st.caption(text.TAGLINE)
    lesson = st.session_state.get("lesson_note")
    if lesson:
        # A row, not columns: the note takes the room the button leaves, and the
        # button keeps its whole caption at any width and presentation size (a
        # fixed column share cut it to "Hide this n…").
        row = st.container(horizontal=True, vertical_alignment="center", wrap=False)
        row.info(text.lesson_note(lesson), icon=":material/school:")
        row.button(
            text.LESSON_NOTE_HIDE,
            on_click=_hide_note,
            key="hide_note",
            help=text.LESSON_NOTE_HIDE_HELP,
            width="content",
        )
