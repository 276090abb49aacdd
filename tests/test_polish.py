"""Projector polish (issue 8): titles clear of legends, icons that always render,
the lesson note's button caption whole, and no hard-coded notice wording."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import wording as text
from dashboard import urlstate
from figures import training

ROOT = Path(__file__).resolve().parents[1]
EPOCHS = list(range(50))


def curve_figures(font_size: int):
    """Every curve figure, with a legend of two or more entries (the rows that
    wrap onto a narrow chart)."""
    ones = [1.0] * len(EPOCHS)
    half = [0.5] * len(EPOCHS)
    yield training.loss_figure(EPOCHS, ones, ones, font_size=font_size)
    yield training.accuracy_figure(
        EPOCHS, half, half, chance=1 / 3, font_size=font_size
    )
    names = ["Hidden layer 1", "Hidden layer 2", "Hidden layer 3", "Output layer"]
    grads = [[0.1, 0.2, 0.3, 0.4]] * len(EPOCHS)
    yield training.grad_norm_figure(EPOCHS, grads, names, font_size=font_size)


@pytest.mark.parametrize("font_size", [14, 20])
def test_curve_titles_sit_in_a_band_of_their_own_above_the_legend(font_size):
    # Plotly stacks a container title's reserved band (automargin) on top of the
    # margin a paper legend above the plot pushes; a title left in the middle of a
    # fixed margin had the legend's second row (presentation fonts) run over it.
    for fig in curve_figures(font_size):
        title, legend = fig.layout.title, fig.layout.legend
        assert title.text
        assert title.yref == "container"
        assert (title.y, title.yanchor) == (1.0, "top")
        assert title.automargin is True
        # A base margin below any title's height, so the title always reserves.
        assert fig.layout.margin.t < title.font.size
        assert legend.yref in (None, "paper")
        assert legend.yanchor == "bottom" and legend.y >= 1.0
        assert legend.font.size == font_size


def _icon_arguments() -> list[tuple[str, int, object]]:
    found = []
    for path in [ROOT / "app.py", *sorted((ROOT / "dashboard").rglob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "icon":
                        where = f"{path.relative_to(ROOT)}:{node.lineno}"
                        value = getattr(kw.value, "value", None)
                        found.append((where, node.lineno, value))
    return found


def test_icons_are_material_symbols_not_emoji():
    # Emoji need an emoji font (Debian's chromium has none: a missing-glyph box);
    # Material symbols come with Streamlit's own font.
    icons = _icon_arguments()
    assert icons, "expected some st.info/st.warning icons"
    for where, _, value in icons:
        assert isinstance(value, str), f"{where}: icon must be a literal"
        assert value.isascii(), f"{where}: emoji icon {value!r}"
        assert value.startswith(":material/") and value.endswith(":"), where


def test_lesson_note_button_keeps_its_whole_caption():
    # A fixed column share cut the caption to "Hide this n…": the button sits in
    # a horizontal row at its content's width instead.
    source = (ROOT / "dashboard" / "page.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and any(
            kw.arg == "key" and getattr(kw.value, "value", None) == "hide_note"
            for kw in node.keywords
        )
    ]
    assert len(calls) == 1
    width = {kw.arg: getattr(kw.value, "value", None) for kw in calls[0].keywords}
    assert width.get("width") == "content"
    assert "st.columns" not in ast.get_source_segment(
        source, next(n for n in tree.body if getattr(n, "name", "") == "header")
    )


def test_url_notice_wording_comes_from_text():
    source = (ROOT / "dashboard" / "urlstate.py").read_text(encoding="utf-8")
    assert "(using {" not in source  # the docstring may still say "(using X)"
    assert '"none"' not in source
    item = text.URL_IGNORED_ITEM.format(key="lr", value="abc", used="0.05")
    assert item == "`lr=abc` (using 0.05)"
    assert urlstate.ignored({}, {}) == []
