"""Lessons: one click sets every control, and a note says what to watch and why."""

from __future__ import annotations

import pytest

import wording as text
from dashboard import settings
from nn_core.presets import LESSONS as CORE_LESSONS


def click(at, label: str):
    return next(b for b in at.button if b.label == label).click().run()


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def note(at) -> str:
    return " ".join(box.value for box in at.info if "**Lesson:" in box.value)


def test_every_lesson_sets_its_controls_and_shows_its_note(make_app):
    at = make_app().run()
    # Move some controls away first, so the lesson has something to undo.
    at.slider(key="hidden").set_value(40)
    at.select_slider(key="lr").set_value(0.5)
    at.run()
    for title, preset in settings.LESSONS.items():
        at.selectbox(key="lesson").set_value(title)
        click(at, "Load lesson")
        no_exception(at)
        for key, value in settings.widget_values(preset).items():
            assert at.session_state[key] == value, (title, key)
        run = at.session_state["run"]
        assert run.epoch == 0 and run.config == settings.train_config(
            at.session_state
        ), title
        shown = note(at)
        assert title in shown, title
        assert text.lesson_note(title) == shown


def test_every_core_lesson_has_its_own_note():
    titles = [settings.lesson_title(key) for key in CORE_LESSONS]
    assert all(title in settings.LESSONS for title in titles)
    assert all(title in text.LESSON_NOTES for title in titles)
    for title in titles:
        words = text.LESSON_NOTES[title]
        assert "**Watch**" in words and "**Why" in words, title


def test_the_seed_report_lesson_explains_memorisation():
    words = text.LESSON_NOTES[settings.lesson_title("seed-report")]
    assert "memorisation" in words and "1/3" in words and "random" in words
    preset = settings.LESSONS[settings.lesson_title("seed-report")]
    assert preset.val_fraction > 0  # a held-out split, to see chance level


@pytest.mark.parametrize(
    ("title", "key", "value"),
    [
        ("XOR needs a non-linear hidden layer", "act1", "linear"),
        ("A learning rate too high", "lr", 30.0),
        ("Deep sigmoid nets saturate", "layers", 4),
        ("Dead ReLUs", "lr", 3.0),
        ("A learnable activation (Swish-β)", "opt", "adam"),
    ],
)
def test_a_lesson_sets_the_control_it_is_about(make_app, title, key, value):
    at = make_app().run()
    at.selectbox(key="lesson").set_value(title)
    click(at, "Load lesson")
    assert at.session_state[key] == value


def test_the_note_can_be_put_away_and_comes_back_with_a_lesson(make_app):
    at = make_app().run()
    assert not note(at)  # no lesson loaded yet: no note
    click(at, "Load lesson")
    assert note(at)
    click(at, text.LESSON_NOTE_HIDE)
    no_exception(at)
    assert not note(at)
    click(at, "Load lesson")
    assert note(at)
