"""Presentation mode: large type, taller charts, chosen controls hidden, in the URL."""

from __future__ import annotations

import json

from dashboard import page, settings


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def page_css(at) -> str:
    return " ".join(block.proto.body for block in at.get("html"))


def chart_fonts(at) -> set[int]:
    return {
        json.loads(c.proto.spec)["layout"]["font"]["size"]
        for c in at.get("plotly_chart")
    }


def test_css_grows_type_only_when_presenting_and_hides_the_chosen_parts():
    assert "font-size: 20px" not in page.css(False, ["Data"])
    assert "display: none" not in page.css(False, ["Data"])
    css = page.css(True, ["Data", "Advanced training", "No such part"])
    assert "html { font-size: 20px; }" in css
    assert ".st-key-side-data" in css
    assert all(f".st-key-{key} " in css or f".st-key-{key}," in css
               for key in ("batch", "opt", "l2", "init", "seed"))  # fmt: skip
    assert ".st-key-side-training" not in css and ".st-key-lr" not in css
    assert page.hide_css([]) == ""


def test_charts_are_taller_only_when_presenting():
    assert page.taller(360, present=False) == "content"
    assert page.taller(360, present=True) == round(360 * settings.PRESENT_HEIGHT)
    assert page.taller(None, present=True) == "content"  # the figure's own


def test_every_hideable_part_names_a_drawn_container_or_widget(make_app):
    at = make_app().run()
    keys = {w.key for w in at.sidebar if getattr(w, "key", None)}
    for key in [k for part in settings.PRESENT_HIDEABLE.values() for k in part]:
        if not key.startswith("side-"):
            assert key in keys, key  # a widget key: the sidebar draws it
    blocks = str(at.sidebar)
    assert "Data" in blocks and "Network" in blocks


def test_a_link_opens_in_presentation_mode_with_parts_hidden(make_app):
    at = make_app(present="true", hide=["Data", "Training"]).run()
    no_exception(at)
    assert at.session_state["present"] is True
    assert at.session_state["hide"] == ["Data", "Training"]
    assert not at.warning  # both values were valid: no notice
    css = page_css(at)
    assert "font-size: 20px" in css
    assert ".st-key-side-data" in css and ".st-key-side-training" in css
    assert ".st-key-side-network" not in css
    assert chart_fonts(at) == {settings.PRESENT_FONT}
    # Hidden by CSS only: the widgets are still drawn and keep their values.
    assert at.slider(key="n_report").value == 100
    assert at.select_slider(key="lr").value == 0.01


def test_without_the_link_the_page_is_normal(make_app):
    at = make_app().run()
    assert at.session_state["present"] is False
    assert at.session_state["hide"] == settings.DEFAULTS["hide"]
    assert "font-size: 20px" not in page_css(at)
    assert "display: none" not in page_css(at)
    assert chart_fonts(at) == {settings.NORMAL_FONT}


def test_an_unknown_part_to_hide_is_named_in_the_notice(make_app):
    at = make_app(present="true", hide=["Data", "Bogus"]).run()
    no_exception(at)
    assert at.session_state["hide"] == ["Data"]
    notice = " ".join(w.value for w in at.warning)
    assert "hide=Bogus" in notice and "Data" in notice


def test_the_toggle_switches_presentation_on_and_a_lesson_leaves_it_on(make_app):
    at = make_app().run()
    at.toggle(key="present").set_value(True).run()
    assert "font-size: 20px" in page_css(at)
    next(b for b in at.button if b.label == "Load lesson").click().run()
    no_exception(at)
    assert at.session_state["present"] is True
    assert "font-size: 20px" in page_css(at)
