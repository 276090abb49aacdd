"""The Activations tab through AppTest, and the numbers behind it (probes, core)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import nn_core as nn
import wording as text
from dashboard import probes
from dashboard.run import params_at
from dashboard.tabs import activations as tab
from nn_core.diagnostics import layer_health, layer_summaries
from nn_core.shapes import CLASSIC_SHAPES, closest_classic_shape, fit_classic_shapes

SPIRAL = "Spiral (2-D, 3 arms)"


def _open(make_app, act: str, **query: str) -> AppTest:
    """The Activations tab of a small spiral run with this activation, trained."""
    label = nn.ACTIVATIONS[act].display_name
    params = {"view": "Activations", "data": SPIRAL, "hidden": "5", "epochs": "30"}
    at = make_app(**{**params, "act1": label, **query}).run()
    next(b for b in at.button if b.label == "Train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _figures(at) -> dict[str, dict]:
    return {
        (f := json.loads(c.proto.spec))["layout"]["title"]["text"]: f
        for c in at.get("plotly_chart")
    }


def _learned(at) -> dict:
    return next(f for t, f in _figures(at).items() if "each unit's" in t)


def _trace(fig: dict, name: str) -> dict:
    return next(t for t in fig["data"] if t.get("name") == name)


def _z_range(run, epoch: int, layer: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Each unit's lowest and highest z on the training data at a kept epoch."""
    net = probes.network_from(params_at(run, epoch), run.network.activations)
    z = nn.forward(net, run.train.X.astype(np.float32)).z[layer]
    return z.min(axis=0), z.max(axis=0)


# ---------------------------------------------------------------- the tab


def test_learned_units_are_drawn_over_the_z_each_unit_sees(make_app):
    at = _open(make_app, "swish")
    run = at.session_state["run"]
    fig = _learned(at)
    assert fig["layout"]["title"]["text"].endswith("at epoch 30")
    lo, hi = _z_range(run, 30)
    for u in range(5):
        x = _trace(fig, f"h{u + 1}")["x"]
        assert x[0] == pytest.approx(lo[u], rel=1e-3, abs=1e-3)
        assert x[-1] == pytest.approx(hi[u], rel=1e-3, abs=1e-3)
        assert _trace(fig, f"h{u + 1} (slope)")["yaxis"] == "y"
    lo0, _ = _z_range(run, 0)
    start = _trace(fig, "h1 epoch 0 (top)")
    assert start["line"]["dash"] == "dash"
    assert start["x"][0] == pytest.approx(lo0[0], rel=1e-3, abs=1e-3)
    pale = _trace(fig, "h1 earlier (top)")["x"]
    assert pale.count(None) == tab.FADED - 1  # six earlier epochs, joined


def test_parameters_closest_shapes_and_health_are_shown_when_paused(make_app):
    at = _open(make_app, "apl")
    titles = set(_figures(at))
    assert {
        "Learnable activation parameters",
        "Saturated and dead units",
        "Slopes f′(z) at the training data",
        "Gradient norm per layer",
    } <= titles
    params = _figures(at)["Learnable activation parameters"]
    panels = {t["xaxis"] for t in params["data"]}
    assert len(panels) == 4 and len(params["data"]) == 4 * 5  # 4 params × 5 units
    table = at.dataframe[0].value
    assert list(table["Unit"]) == [f"h{u}" for u in range(1, 6)]
    assert table["R²"].dropna().between(0, 1).all()  # flat units have none
    names = {"identity z", "ReLU", "leaky ReLU", "tanh", "sigmoid", "softplus"}
    assert set(table["Closest shape"]) <= names | {"|z|", "z²", "flat: any shape fits"}
    health = _figures(at)["Saturated and dead units"]
    assert len(health["data"][0]["x"]) == 31  # every epoch up to 50 is kept


def test_replay_shows_an_earlier_epoch_everywhere(make_app):
    at = _open(make_app, "prelu")
    replay = next(s for s in at.select_slider if s.label == "Show epoch")
    assert replay.value == 30 and not replay.disabled
    replay.set_value(4).run()
    assert not at.exception
    run = at.session_state["run"]
    fig = _learned(at)
    assert fig["layout"]["title"]["text"].endswith("at epoch 4")
    _, hi = _z_range(run, 4)
    assert _trace(fig, "h2")["x"][-1] == pytest.approx(hi[1], rel=1e-3, abs=1e-3)
    assert _trace(fig, "h2 earlier (top)")["x"].count(None) == 2  # epochs 1, 2, 3
    figs = _figures(at)
    assert figs["Learnable activation parameters"]["layout"]["shapes"][0]["x0"] == 4


def test_a_fixed_activation_gets_its_curve_and_health_but_no_learned_views(make_app):
    at = _open(make_app, "tanh", layers="2", act2="ELU")
    titles = [
        json.loads(c.proto.spec)["layout"]["title"]["text"]
        for c in at.get("plotly_chart")
    ]
    assert titles[:2] == ["Tanh: function and slope", "ELU: function and slope"]
    assert not any("each unit's" in t for t in titles)
    assert "Learnable activation parameters" not in titles
    assert len(at.dataframe) == 0
    health = _figures(at)["Saturated and dead units"]
    lines = [t for t in health["data"] if t.get("legendrank") != 1]
    assert len(lines) == 4  # two layers × (saturated, dead)


def _painter_script() -> None:
    """Paint the tab once for a trained swish run, live or not (session key)."""
    from types import SimpleNamespace

    import streamlit as st

    import nn_core as nn
    from dashboard.run import advance, new_run
    from dashboard.settings import DataSpec
    from dashboard.tabs import activations, base

    data = nn.load_dataset("moons", n_samples=120, seed=0)
    config = nn.TrainConfig(hidden_units=4, activation="swish", epochs=12)
    run = advance(
        new_run(1, DataSpec("moons", 120, 0.0, 0.0, 0), data, None, config), 60
    )
    st.session_state.setdefault("charts_drawn", 0)
    view = base.View(run, SimpleNamespace(font_size=14), running=True)
    activations.render(view)(run, 1, st.session_state["live"])


@pytest.mark.parametrize("live", [True, False])
def test_while_training_a_light_view_follows_the_latest_epoch(live):
    at = AppTest.from_function(_painter_script, default_timeout=60)
    at.session_state["live"] = live
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    titles = [
        json.loads(c.proto.spec)["layout"]["title"]["text"]
        for c in at.get("plotly_chart")
    ]
    replay = at.select_slider[0]
    assert replay.value == 12
    if live:
        assert titles == ["Layer 1: each unit's Swish-β at epoch 12"]
        assert replay.disabled and len(at.dataframe) == 0
    else:
        assert len(titles) == 5 and len(at.dataframe) == 1
        assert not replay.disabled


# ---------------------------------------------------------------- the numbers


def test_layer_summaries_agree_with_layer_health_and_the_forward_pass():
    data = nn.load_dataset("circles", n_samples=90, seed=1)
    net = nn.init_network(2, (6, 4), 2, ("relu", "tanh"), rng=np.random.default_rng(3))
    summaries = layer_summaries(net, data.X)
    health = layer_health(net, data.X)
    trace = nn.forward(net, data.X)
    for i, (s, h) in enumerate(zip(summaries, health, strict=True)):
        np.testing.assert_array_equal(s.z_min, trace.z[i].min(axis=0))
        np.testing.assert_array_equal(s.z_max, trace.z[i].max(axis=0))
        assert (s.saturated_share, s.dead_share) == (h.saturated_share, h.dead_share)


def test_summaries_are_cached_by_identity_of_kept_parameters():
    data = nn.load_dataset("moons", n_samples=60, seed=0)
    net = nn.init_network(2, 3, 2, "prelu", rng=np.random.default_rng(0))
    params = tuple(tuple(layer) for layer in net.layers)
    first = probes.summaries(params, net.activations, data.X)
    assert probes.summaries(params, net.activations, data.X) is first
    copy = tuple(tuple(np.array(p) for p in layer) for layer in params)
    again = probes.summaries(copy, net.activations, data.X)
    assert again is not first
    np.testing.assert_array_equal(again[0].z_max, first[0].z_max)


def test_unit_curve_uses_each_units_grid_and_parameters():
    theta = np.array([[0.1], [0.5]])  # PReLU slopes a
    z = probes.unit_grid(np.array([-2.0, -1.0]), np.array([1.0, 3.0]), 7)
    assert (z[0, 0], z[0, -1], z[1, 0], z[1, -1]) == (-2.0, 1.0, -1.0, 3.0)
    curve = probes.unit_curve("prelu", theta, z)
    expected = np.where(z > 0, z, theta * z)
    np.testing.assert_allclose(curve.fa, expected)
    np.testing.assert_allclose(curve.dfa, np.where(z > 0, 1.0, theta * np.ones_like(z)))
    point = probes.unit_grid(np.array([0.4]), np.array([0.4]), 5)
    assert point[0, 0] < 0.4 < point[0, -1]  # a unit that sees one z still shows


def test_faded_epochs_are_a_few_kept_ones_between_the_start_and_now():
    kept = list(range(51)) + [53, 57, 61]
    assert tab.faded_epochs(kept, 4, 6) == [1, 2, 3]
    picked = tab.faded_epochs(kept, 61, 6)
    assert len(picked) == 6 and picked[0] == 1 and picked[-1] == 57
    assert tab.faded_epochs(kept, 0, 6) == []


@pytest.mark.parametrize("name", ["tanh", "softplus", "abs"])
def test_shape_fits_recover_stretch_and_shift(name):
    z = np.linspace(-3, 3, 101)
    best = fit_classic_shapes(z, 0.7 - 2.0 * CLASSIC_SHAPES[name](z))[0]
    assert best.name == name and best.r2 == pytest.approx(1.0)
    assert (best.c0, best.c1) == (pytest.approx(0.7), pytest.approx(-2.0))
    assert closest_classic_shape(z, np.tanh(z))[0] == ("tanh", pytest.approx(1.0))


def test_shape_table_lists_ties_and_flat_units():
    summary = layer_summaries(
        nn.Network(
            (
                nn.Layer(
                    np.array([[1.0, 0.0]]), np.array([2.0, 0.0]), np.zeros((2, 1))
                ),
                nn.Layer(np.ones((2, 2)), np.zeros(2), np.zeros((2, 0))),
            ),
            ("prelu",),
        ),
        np.linspace(0, 1, 20)[:, None],
    )[0]
    table = tab.shape_rows("prelu", np.array([[0.25], [0.25]]), summary)
    positive, flat = table.to_dict("records")
    assert positive["Closest shape"] == "identity z"  # z in [2, 3]: a straight line
    assert {"ReLU", "leaky ReLU"} <= set(positive["Also fits"].split(", "))
    assert flat["Closest shape"] == "flat: any shape fits"


def test_explainer_display_formulas_sit_on_one_line():
    """KaTeX in st.markdown renders $$...$$ only when it is not broken over lines."""
    blocks = text.ACT_EXPLAIN.split("$$")[1::2]
    assert len(blocks) == 4
    assert all("\n" not in block for block in blocks)
