"""The Training tab's row of big numbers: one HTML element that reads like st.metric."""

from __future__ import annotations

from dashboard import metricrow
from dashboard.metricrow import Metric


def test_the_row_shows_every_number_with_its_label():
    row = metricrow.row_html(
        [Metric("Epoch", "3/50"), Metric("Accuracy (train)", "91.0%")]
    )
    assert metricrow.shown_values(row) == {"Epoch": "3/50", "Accuracy (train)": "91.0%"}
    assert "--la-n: 2" in row  # as many columns as numbers


def test_a_delta_is_green_when_good_red_when_bad_grey_when_off():
    def delta_style(good, theme="light"):
        row = metricrow.row_html([Metric("Loss", "0.5", "-0.1", "down", good)], theme)
        return row.split('class="la-metric-delta" style="')[1].split('"')[0]

    light = metricrow.DELTA_COLORS["light"]
    assert light["good"][0] in delta_style(True)
    assert light["bad"][0] in delta_style(False)
    assert light["off"][0] in delta_style(None)
    assert metricrow.DELTA_COLORS["dark"]["good"][0] in delta_style(True, "dark")


def test_the_arrow_follows_the_direction_and_help_becomes_a_tooltip():
    row = metricrow.row_html(
        [Metric("Loss", "0.5", "-0.1 since epoch 0", "down", True, help="Mean CE.")]
    )
    assert "↓ -0.1 since epoch 0" in row
    assert 'title="Mean CE."' in row
    flat = metricrow.row_html([Metric("Loss", "0.5", "+0.0000", "none", None)])
    assert "↑" not in flat and "↓" not in flat


def test_words_and_values_are_escaped():
    row = metricrow.row_html([Metric('<b>"x"</b>', "<1>")])
    assert "<b>" not in row and "<1>" not in row
    assert metricrow.shown_values(row) == {'<b>"x"</b>': "<1>"}
