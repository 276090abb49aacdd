"""Live training frames: light Vega charts while a run trains, Plotly when it stops."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
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


def _vega(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _plotly(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_wide_table_thins_every_curve_together_and_keeps_gaps():
    epochs = list(range(1001))
    table = livefigs.wide_table(
        epochs, {"a": [float(e) for e in epochs], "b": [None] * 1001}, max_points=200
    )
    assert table.column_names == ["epoch", "a", "b"]
    x = table["epoch"].to_numpy()
    assert len(x) <= 200 and x[0] == 0 and x[-1] == 1000
    np.testing.assert_array_equal(table["a"].to_numpy(), x)
    assert np.isnan(table["b"].to_numpy()).all()


def test_curve_spec_folds_the_curves_and_marks_changes_chance_and_reference():
    spec = livefigs.curve_spec(
        "Loss",
        "Loss (mean cross-entropy)",
        ["Training loss", "Validation loss"],
        ["#0072B2", "#D55E00"],
        events=[(40, "lr → 0.1")],
        chance=1 / 3,
        markers=[(0, 1.1), (100, 0.5)],
        height=400,
    )
    line, *extra = spec["layer"]
    fold, keep = line["transform"]
    assert fold["fold"] == ["Training loss", "Validation loss"]
    assert "isFinite" in keep["filter"] and "> 0" not in keep["filter"]
    assert line["encoding"]["color"]["scale"]["range"] == ["#0072B2", "#D55E00"]
    texts = [
        v["label"] for layer in extra for v in layer["data"]["values"] if "label" in v
    ]
    assert "lr → 0.1" in texts and "chance (33%)" in texts
    assert any(len(layer["data"]["values"]) == 2 for layer in extra)  # the crosses
    assert spec["height"] == 400 and spec["title"]["text"] == "Loss"
    log = livefigs.curve_spec("G", "norm", ["L1"], ["#000"], log=True)
    assert log["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    assert "datum.value > 0" in log["layer"][0]["transform"][1]["filter"]


def test_live_curves_show_a_legend_only_for_two_curves_or_more():
    # As the Plotly figures that replace them: no layout jump when a run stops.
    one = livefigs.curve_spec("Loss", "loss", ["Training loss"], ["#000"])
    two = livefigs.curve_spec("Loss", "loss", ["Training", "Validation"], ["#0", "#1"])
    for spec, shown in ((one, False), (two, True)):
        encoding = spec["layer"][0]["encoding"]
        for channel in ("color", "strokeDash"):
            assert (encoding[channel]["legend"] is not None) is shown
    assert one["title"]["fontWeight"] == "normal"


def test_a_live_frame_draws_light_thinned_charts_only():
    run = _run(epochs=600)
    at = _paint(run, live=True)
    specs = _vega(at)
    assert [s["title"]["text"] for s in specs] == CURVE_TITLES
    assert not _plotly(at)
    charts = at.get("vega_lite_chart")
    assert all(c.proto.alt for c in charts)
    loss = pa.ipc.open_stream(charts[0].proto.data.data).read_all()
    assert loss.num_rows <= livefigs.LIVE_POINTS
    assert loss["epoch"][-1].as_py() == 600
    assert at.session_state["charts_drawn"] == pytest.approx(3 * base.LIVE_CHART_COST)


def test_a_quick_live_frame_redraws_the_loss_alone():
    at = _paint(_run(), live=True, every=False)
    assert [s["title"]["text"] for s in _vega(at)] == ["Loss"]


def test_a_stopped_run_is_drawn_in_full_with_plotly():
    run = _run(epochs=40)
    at = _paint(run, live=False)
    figs = _plotly(at)
    assert [f["layout"]["title"]["text"] for f in figs] == CURVE_TITLES
    assert not _vega(at)
    assert len(figs[0]["data"][0]["y"]) == 41  # every epoch, not thinned
