"""Live training frames: light HTML charts while a run trains, Plotly when it stops."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data, livefigs, settings
from dashboard import run as runs
from dashboard.tabs import base

CURVE_TITLES = ["Loss", "Accuracy", "Gradient norm per layer"]


def _run(epochs: int = 30, val: float = 0.3) -> runs.Run:
    spec = settings.data_spec(settings.DEFAULTS, None)
    train, held = data.load_split.__wrapped__("seed-report", 100, 0.0, val, 0)
    config = settings.train_config(settings.DEFAULTS).replace(epochs=epochs)
    run = runs.new_run(1, spec, train, held, config)
    while not run.done:
        run = runs.advance(run, budget_s=1.0)
    return run


def _paint_script() -> None:
    """Paints the training tab once, live or not, as the live loop does."""
    import streamlit as st

    from dashboard import state
    from dashboard.tabs import training

    state.init()
    slots = training.Slots()
    run = st.session_state["test_run"]
    if st.session_state["test_live"]:
        training.paint_live(run, slots, 14, every=st.session_state["test_every"])
    else:
        training.paint_charts(run, slots, 1, 14)


def _paint(run: runs.Run, live: bool, every: bool = True) -> AppTest:
    at = AppTest.from_function(_paint_script, default_timeout=60)
    at.session_state["test_run"] = run
    at.session_state["test_live"] = live
    at.session_state["test_every"] = every
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


class _Chart(HTMLParser):
    """What a live chart shows: its title, legend, curves' points, texts."""

    def __init__(self, body: str) -> None:
        super().__init__()
        self.root: dict = {}
        self.curves: dict[str, list[tuple[float, float]]] = {}
        self.dashes: dict[str, str] = {}
        self.texts: list[str] = []
        self.legend = 0
        self.feed(body)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "la-curve" in (a.get("class") or "").split() and not self.root:
            self.root = a
        if a.get("class") == "la-curve-legend":
            self.legend += 1
        if tag == "polyline":
            pts = [tuple(map(float, p.split(","))) for p in a["points"].split()]
            self.curves[a["data-series"]] = pts
            self.dashes[a["data-series"]] = a.get("stroke-dasharray", "")

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data.strip())


def _live(at: AppTest) -> list[_Chart]:
    charts = [_Chart(m.body) for m in at.markdown if 'class="la-curve"' in m.body]
    return [c for c in charts if c.root]


def _plotly(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _chart(**kwargs) -> _Chart:
    args = {
        "title": "Loss",
        "y_title": "Loss (mean cross-entropy)",
        "epochs": list(range(101)),
        "curves": {
            "Training loss": [1.0 / (1 + e) for e in range(101)],
            "Validation loss": [1.1 / (1 + e) for e in range(101)],
        },
        "colors": ["#0072B2", "#D55E00"],
        "dashes": ["solid", "dash"],
        "alt": "Loss while training",
        **kwargs,
    }
    names = ("title", "y_title", "epochs", "curves", "colors", "dashes")
    positional = [args.pop(k) for k in names]
    return _Chart(livefigs.curve_html(*positional, **args))


def test_a_live_chart_draws_every_curve_thinned_inside_the_plot():
    rising = [float(e) for e in range(1001)]
    chart = _chart(
        epochs=list(range(1001)),
        curves={"a": rising},
        colors=["#000"],
        dashes=["solid"],
    )
    (points,) = chart.curves.values()
    assert 2 <= len(points) <= livefigs.LIVE_POINTS
    span = livefigs.SPAN
    assert all(0 <= x <= span and 0 <= y <= span for x, y in points)
    assert points[0][0] == 0 and points[-1][0] == span  # epochs 0 and 1000 kept
    # y = x here: the line rises from the bottom-left to the top-right corner.
    assert points[0][1] == span and points[-1][1] == 0


def test_a_live_chart_names_itself_and_its_axes_for_readers():
    chart = _chart(events=[(40, "lr → 0.1")], markers=[(0, 1.1), (100, 0.5)])
    assert chart.root["role"] == "img"
    assert chart.root["aria-label"] == "Loss while training"
    assert chart.root["data-title"] == "Loss"
    for words in ("Loss", "Loss (mean cross-entropy)", "Epoch", "lr → 0.1"):
        assert words in chart.texts
    assert chart.texts.count("✕") == 2  # the reference crosses
    assert chart.dashes == {"Training loss": "", "Validation loss": "6 4"}


def test_live_curves_show_a_legend_only_for_two_curves_or_more():
    """As the Plotly figures that replace them: the layout survives the swap."""
    assert _chart().legend == 1
    one = _chart(
        curves={"Training loss": [1.0] * 101}, colors=["#000"], dashes=["solid"]
    )
    assert one.legend == 0


def test_live_axes_get_nice_ticks_percent_and_log_scales():
    chance = _chart(percent=True, chance=1 / 3)
    assert {"0%", "20%", "100%", "chance (33%)"} <= set(chance.texts)
    falling = [10.0 ** -(e / 25) for e in range(101)]
    log = _chart(curves={"g": falling}, colors=["#000"], dashes=["solid"], log=True)
    assert {"1", "0.1", "0.001", "0.0001"} <= set(log.texts)
    # Values a log axis cannot draw are left out, not drawn at -inf.
    holes = [0.0, -1.0, float("nan"), *[0.5] * 98]
    gaps = _chart(curves={"g": holes}, colors=["#000"], dashes=["solid"], log=True)
    assert len(gaps.curves["g"]) == 98
    # A flat curve (epoch 0) gets readable ticks, not a millionth apart.
    flat = _chart(
        epochs=[0], curves={"a": [1.10467]}, colors=["#000"], dashes=["solid"]
    )
    assert "1.110" in flat.texts or "1.11" in flat.texts
    assert not any(len(t) > 6 and t[0].isdigit() for t in flat.texts)


def test_a_live_chart_has_the_height_of_the_figure_it_replaces():
    assert "height: 360px" in _chart().root["style"]
    assert "height: 450px" in _chart(height=450).root["style"]


def test_a_live_frame_draws_light_thinned_charts_only():
    run = _run(epochs=600)
    at = _paint(run, live=True)
    charts = _live(at)
    assert [c.root["data-title"] for c in charts] == CURVE_TITLES
    assert not _plotly(at)
    assert all(c.root["aria-label"] for c in charts)
    for name in ("Training loss", "Validation loss"):
        points = charts[0].curves[name]
        assert 2 <= len(points) <= livefigs.LIVE_POINTS
    assert at.session_state["charts_drawn"] == pytest.approx(3 * base.LIVE_CHART_COST)


def test_a_quick_live_frame_redraws_the_loss_alone():
    at = _paint(_run(), live=True, every=False)
    assert [c.root["data-title"] for c in _live(at)] == ["Loss"]


def test_a_stopped_run_is_drawn_in_full_with_plotly():
    run = _run(epochs=40)
    at = _paint(run, live=False)
    figs = _plotly(at)
    assert [f["layout"]["title"]["text"] for f in figs] == CURVE_TITLES
    assert not _live(at)
    assert len(figs[0]["data"][0]["y"]) == 41  # every epoch, not thinned


def test_the_numbers_redraw_on_the_first_frame_then_every_second():
    due = [f for f in range(1, 9) if base.numbers_due(f)]
    assert due == [1, 2, 4, 6, 8]
    assert base.NUMBERS_EVERY == 2
