"""figures: pure data -> go.Figure; fixed heights, titled axes, safe on empty data."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest

import figures as F
from figures import activations, style

RNG = np.random.default_rng(0)
EPOCHS = list(range(501))
LOSS = (1.26 - 0.0003 * np.arange(501)).tolist()
SEED_REPORT = [(0, 1.2587), (100, 1.1907), (200, 1.1536), (300, 1.1325), (400, 1.1193)]
CLASSES = ["A", "B", "C"]
P3 = RNG.dirichlet(np.ones(3), size=120)
Y3 = RNG.integers(0, 3, size=120)
GX, GY = np.linspace(-2, 2, 40), np.linspace(-3, 3, 30)
Z = np.linspace(-4, 4, 201)


def _xy_title(fig, axis="xaxis"):
    """The axis title; in a subplot grid, the first titled axis of that direction."""
    names = sorted(k for k in fig.layout.to_plotly_json() if k.startswith(axis))
    titles = [fig.layout[k].title.text for k in [axis, *names]]
    return next((t for t in titles if t), None)


def _spec(fig):
    """The figure as the browser gets it (what AppTest's proto.spec holds)."""
    return json.loads(fig.to_json())


# One call per public figure function with ordinary data ...
BUILDERS = {
    "loss": lambda: F.loss_figure(EPOCHS, LOSS, LOSS, SEED_REPORT, [(200, "lr → 0.1")]),
    "accuracy": lambda: F.accuracy_figure(EPOCHS, [0.5] * 501, [0.3] * 501, 1 / 3),
    "grad_norm": lambda: F.grad_norm_figure(EPOCHS, [(1.0, 0.1)] * 501),
    "weights": lambda: F.weight_heatmap(RNG.normal(size=(10, 5)), "W1"),
    "bias": lambda: F.weight_heatmap(RNG.normal(size=5), "b1"),
    "digits": lambda: F.digit_weights_figure(RNG.normal(size=(64, 12))),
    "prob_bars": lambda: F.probability_bars(P3, Y3, CLASSES),
    "confidence": lambda: F.confidence_histogram(P3, Y3),
    "confusion": lambda: F.confusion_figure(Y3, P3.argmax(1), CLASSES),
    "regions": lambda: F.decision_regions(
        GX,
        GY,
        RNG.dirichlet(np.ones(3), (30, 40)),
        RNG.normal(size=(50, 2)),
        RNG.integers(0, 3, 50),
        CLASSES,
    ),
    "mosaic": lambda: F.unit_response_mosaic(GX, GY, RNG.normal(size=(30, 40, 5))),
    "activation": lambda: F.activation_figure(
        Z, np.tanh(Z), 1 - np.tanh(Z) ** 2, "tanh", RNG.normal(size=300)
    ),
    "learned": lambda: F.learned_curves_figure(
        Z, np.tanh(Z)[None].repeat(3, 0), np.tanh(Z)[None].repeat(3, 0) * 0.9
    ),
    "params": lambda: F.param_trace_figure(
        EPOCHS, RNG.normal(size=(501, 2)), ["a", "b"]
    ),
    "compare": lambda: F.compare_figure(
        [{"label": "sigmoid", "epochs": EPOCHS, "values": LOSS}]
    ),
    "sweep": lambda: F.sweep_heatmap(
        [0.01, 0.1], [2, 5], [[1.0, 0.5], [0.7, 0.3]], "S"
    ),
    "compare_curves": lambda: F.activation_overlay_figure(
        [{"label": "tanh", "z": Z, "mid": np.tanh(Z)}]
    ),
}

# ... and with nothing in it yet (no epochs, empty arrays).
EMPTY_BUILDERS = {
    "loss": lambda: F.loss_figure([], [], [], [], []),
    "loss_none": lambda: F.loss_figure([], []),
    "accuracy": lambda: F.accuracy_figure([], [], None, chance=1 / 3),
    "grad_norm": lambda: F.grad_norm_figure([], []),
    "weights": lambda: F.weight_heatmap(np.zeros((0, 0)), "W1"),
    "bias": lambda: F.weight_heatmap(np.zeros(0), "b1"),
    "digits": lambda: F.digit_weights_figure(np.zeros((0, 0))),
    "prob_bars": lambda: F.probability_bars(np.zeros((0, 3)), [], CLASSES),
    "prob_bars_flat": lambda: F.probability_bars([], [], CLASSES),
    "confidence": lambda: F.confidence_histogram(np.zeros((0, 3)), []),
    "confidence_no_labels": lambda: F.confidence_histogram([]),
    "confusion": lambda: F.confusion_figure([], [], CLASSES),
    "confusion_no_classes": lambda: F.confusion_figure([], [], []),
    "regions": lambda: F.decision_regions([], [], np.zeros((0, 0, 3)), [], [], []),
    "mosaic": lambda: F.unit_response_mosaic([], [], np.zeros((0, 0, 0))),
    "activation": lambda: F.activation_figure([], [], [], "relu", []),
    "learned": lambda: F.learned_curves_figure([], np.zeros((0, 0)), None, []),
    "params": lambda: F.param_trace_figure([], np.zeros((0, 0)), []),
    "compare": lambda: F.compare_figure([]),
    "compare_empty_run": lambda: F.compare_figure(
        [{"label": "new", "epochs": [], "values": []}]
    ),
    "sweep": lambda: F.sweep_heatmap([], [], np.zeros((0, 0)), "Sweep"),
    "compare_curves": lambda: F.activation_overlay_figure([]),
    "compare_curves_empty": lambda: F.activation_overlay_figure(
        [{"label": "new", "z": [], "mid": []}]
    ),
    "compare_no_values": lambda: F.compare_figure(
        [{"label": "a", "epochs": [0, 1], "values": [None, None]}], "val_loss"
    ),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_figure_has_fixed_height_readable_font_title_and_alt_text(name):
    fig = BUILDERS[name]()
    assert isinstance(fig, go.Figure)
    assert isinstance(fig.layout.height, int) and fig.layout.height >= 150
    assert fig.layout.font.size >= 14
    assert fig.layout.title.text
    alt = F.describe(fig)
    assert alt.endswith(".") and len(alt) > 20
    assert fig.layout.meta["alt_text"] == alt
    assert _xy_title(fig, "xaxis") and _xy_title(fig, "yaxis")
    _spec(fig)  # serialises (plotly validated every property on the way in)


@pytest.mark.parametrize("name", sorted(EMPTY_BUILDERS))
def test_empty_inputs_give_an_empty_chart_with_axes_and_titles(name):
    fig = EMPTY_BUILDERS[name]()
    assert isinstance(fig, go.Figure)
    assert _xy_title(fig, "xaxis") and _xy_title(fig, "yaxis")
    assert fig.layout.title.text and fig.layout.height
    assert F.describe(fig)
    texts = [a.text for a in fig.layout.annotations]
    assert any("yet" in t for t in texts), texts  # "No data yet" in the middle
    _spec(fig)


@pytest.mark.parametrize("name", ["loss", "weights", "regions", "mosaic", "sweep"])
def test_height_does_not_depend_on_the_data(name):
    assert BUILDERS[name]().layout.height == EMPTY_BUILDERS[name]().layout.height


@pytest.mark.parametrize(
    "name", ["loss", "accuracy", "grad_norm", "activation", "learned", "params"]
)
def test_curves_and_scatter_points_reach_the_browser_as_plain_lists(name):
    for trace in _spec(BUILDERS[name]())["data"]:
        if trace["type"] == "scatter":
            assert isinstance(trace["x"], list) and isinstance(trace["y"], list)


def test_apply_style_restyles_an_existing_figure_for_a_projector():
    fig = F.apply_style(go.Figure(), height=300, font_size=22, alt_text="A chart.")
    assert fig.layout.height == 300 and fig.layout.font.size == 22
    assert F.describe(fig) == "A chart."


def test_presentation_mode_enlarges_fonts_and_never_shrinks_below_14():
    big = F.loss_figure(EPOCHS, LOSS, font_size=24)
    small = F.loss_figure(EPOCHS, LOSS, font_size=8)
    assert big.layout.font.size == 24 and big.layout.title.font.size > 24
    assert small.layout.font.size == 14


# --- thinning --------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 2, 999, 1000, 1001, 5000, 123_457])
def test_thin_caps_at_max_points_and_keeps_both_ends(n):
    idx = F.thin(n)
    assert len(idx) == min(n, 1000)
    if n:
        assert idx[0] == 0 and idx[-1] == n - 1
        assert np.all(np.diff(idx) > 0)


def test_thin_accepts_a_sequence_and_rejects_a_useless_cap():
    assert F.thin([5, 6, 7], max_points=2).tolist() == [0, 2]
    with pytest.raises(ValueError, match="max_points must be >= 2, got 1"):
        F.thin(10, max_points=1)


def test_long_loss_curves_are_thinned_to_1000_points_keeping_ends():
    n = 20_000
    loss = np.linspace(2, 1, n)
    fig = F.loss_figure(list(range(n)), loss, loss)
    for trace in fig.data:
        assert len(trace.x) == len(trace.y) == 1000
        assert trace.x[0] == 0 and trace.x[-1] == n - 1
        assert trace.y[0] == 2.0 and trace.y[-1] == 1.0


# --- training curves -----------------------------------------------------------


def test_loss_figure_draws_train_validation_and_the_seed_report():
    fig = BUILDERS["loss"]()
    names = [t.name for t in fig.data]
    assert names == ["Training loss", "Validation loss", "Seed report (logged)"]
    ref = fig.data[2]
    assert ref.mode == "markers"
    assert list(ref.x) == [0, 100, 200, 300, 400]
    assert list(ref.y) == [loss for _, loss in SEED_REPORT]
    assert _xy_title(fig) == "Epoch"
    assert _xy_title(fig, "yaxis") == "Mean cross-entropy"


def test_curves_reach_the_browser_as_plain_lists():
    spec = _spec(F.loss_figure(np.arange(10), np.linspace(1, 0.5, 10)))
    assert isinstance(spec["data"][0]["x"], list)
    assert isinstance(spec["data"][0]["y"], list)
    assert spec["data"][0]["y"][-1] == 0.5


def test_validation_gaps_become_none_and_an_all_none_validation_is_not_drawn():
    val = [None, None, 1.0, float("nan"), 0.9]
    fig = F.loss_figure(range(5), [1.2, 1.1, 1.0, 0.95, 0.9], val)
    assert list(fig.data[1].y) == [None, None, 1.0, None, 0.9]
    assert len(F.loss_figure(range(3), [1, 1, 1], [None] * 3).data) == 1


def test_events_are_dotted_vertical_lines_with_a_label():
    fig = F.loss_figure(range(10), [1.0] * 10, events=[(4, "lr → 0.1")])
    (line,) = fig.layout.shapes
    assert line.x0 == line.x1 == 4 and line.line.dash == "dot"
    assert "lr → 0.1" in [a.text for a in fig.layout.annotations]


def test_mismatched_series_raise_naming_the_series():
    with pytest.raises(ValueError, match="val_loss must have one value per epoch"):
        F.loss_figure([0, 1, 2], [1.0, 0.9, 0.8], [1.0])


def test_accuracy_is_shown_in_percent_with_a_dashed_chance_line():
    fig = BUILDERS["accuracy"]()
    assert fig.layout.yaxis.tickformat == ".0%"
    assert tuple(fig.layout.yaxis.range) == (0, 1.02)
    (chance,) = fig.layout.shapes
    assert chance.line.dash == "dash" and chance.y0 == pytest.approx(1 / 3)
    assert any("chance" in a.text for a in fig.layout.annotations)


def test_grad_norms_one_log_line_per_layer_and_zero_becomes_a_gap():
    fig = F.grad_norm_figure([0, 1, 2], [(1.0, 0.0), (0.5, 0.2), (0.25, 0.1)])
    assert fig.layout.yaxis.type == "log"
    assert [t.name for t in fig.data] == ["Layer 1", "Layer 2"]
    assert list(fig.data[1].y) == [None, 0.2, 0.1]
    named = F.grad_norm_figure([0], [(1.0, 2.0)], layer_names=["W1", "W2"])
    assert [t.name for t in named.data] == ["W1", "W2"]


def test_grad_norm_log_axis_labels_decades_not_bare_minor_digits():
    wide = F.grad_norm_figure(range(3), [(1e-5, 0.3), (1e-3, 0.5), (0.2, 2.0)])
    assert list(wide.layout.yaxis.ticktext) == [
        "10⁻⁵", "10⁻⁴", "0.001", "0.01", "0.1", "1", "10"
    ]  # fmt: skip
    narrow = F.grad_norm_figure(range(2), [(0.2,), (0.8,)])
    assert list(narrow.layout.yaxis.ticktext) == ["0.1", "0.2", "0.5", "1"]


@pytest.mark.parametrize("n_epochs", [1, 3, 11, 501])
def test_curves_never_tick_fractional_epochs(n_epochs):
    epochs = list(range(n_epochs))
    for fig in (
        F.loss_figure(epochs, [1.0] * n_epochs),
        F.accuracy_figure(epochs, [0.5] * n_epochs),
        F.grad_norm_figure(epochs, [(1.0,)] * n_epochs),
    ):
        x = fig.layout.xaxis
        assert x.tickformat == "d"
        assert x.dtick is None or x.dtick >= 1


# --- weights -------------------------------------------------------------------


def test_weight_heatmap_is_diverging_centred_on_zero_with_from_to_hover():
    W = np.array([[0.412, -1.0], [0.0, 2.0], [3.0, -0.5]])
    fig = F.weight_heatmap(W, "W1", ["x1", "x2", "x3"], ["h1", "h2"])
    (hm,) = fig.data
    assert hm.type == "heatmap" and hm.zmid == 0
    assert hm.colorscale[0][1] != hm.colorscale[-1][1]  # two hues: diverging
    assert hm.text[0][0] == "from x1 → h1: 0.412"
    assert all("→" in cell for row in hm.text for cell in row)
    np.testing.assert_array_equal(hm.z, W)
    assert fig.layout.yaxis.autorange == "reversed"  # row 0 at the top, like W
    assert _xy_title(fig) == "To unit" and _xy_title(fig, "yaxis") == "From unit"


def test_a_fixed_zmax_keeps_the_colour_range_symmetric_for_the_whole_run():
    hm = F.weight_heatmap(np.ones((2, 2)) * 0.1, "W1", zmax=3.0).data[0]
    assert (hm.zmin, hm.zmid, hm.zmax) == (-3.0, 0, 3.0)


def test_a_bias_vector_is_a_one_row_heatmap():
    fig = F.weight_heatmap(np.array([0.5, -0.25]), "b1", col_labels=["h1", "h2"])
    (hm,) = fig.data
    assert np.asarray(hm.z).shape == (1, 2) and hm.zmid == 0
    assert list(hm.text[0]) == ["bias → h1: 0.500", "bias → h2: -0.250"]
    assert fig.layout.height < BUILDERS["weights"]().layout.height


def test_layer_unit_labels_name_inputs_hidden_units_and_classes():
    labels = F.layer_unit_labels([2, 3, 2], ["sepal", "petal"], ["yes", "no"])
    assert labels == [["sepal", "petal"], ["h1", "h2", "h3"], ["yes", "no"]]
    deep = F.layer_unit_labels([1, 2, 2, 1])
    assert deep == [["x1"], ["h1.1", "h1.2"], ["h2.1", "h2.2"], ["y1"]]


def test_digit_weights_are_one_tiled_image_with_shared_zero_centre():
    W = RNG.normal(size=(64, 12))
    fig = F.digit_weights_figure(W)
    (hm,) = fig.data
    assert hm.zmid == 0
    z = np.asarray(hm.z, dtype=float)
    # 12 units -> 4 columns x 3 rows of 8x8 tiles with one-pixel gaps
    assert z.shape == (3 * 9 - 1, 4 * 9 - 1)
    np.testing.assert_array_equal(z[:8, :8], W[:, 0].reshape(8, 8))
    np.testing.assert_array_equal(z[9:17, 9:17], W[:, 5].reshape(8, 8))
    assert np.isnan(z[8, :]).all() and np.isnan(z[:, 8]).all()
    assert "→ h6" in hm.text[9][9]
    assert np.sum(np.isfinite(z)) == 64 * 12


def test_digit_weights_cap_units_and_check_the_image_size():
    fig = F.digit_weights_figure(RNG.normal(size=(64, 100)), max_units=16)
    assert np.isfinite(np.asarray(fig.data[0].z, dtype=float)).sum() == 16 * 64
    assert "first 16 of 100" in fig.layout.title.text
    with pytest.raises(ValueError, match=r"shape \(64, n_units\)"):
        F.digit_weights_figure(np.zeros((10, 3)))


# --- outputs -------------------------------------------------------------------


def _bar_positions(fig):
    return sorted({x for t in fig.data if t.type == "bar" for x in t.x})


def test_probability_bars_show_at_most_300_samples_and_say_so():
    P = RNG.dirichlet(np.ones(4), size=1000)
    y = RNG.integers(0, 4, size=1000)
    fig = F.probability_bars(P, y, ["a", "b", "c", "d"])
    assert len(_bar_positions(fig)) == 300
    assert "300 of 1000" in fig.layout.title.text
    assert fig.layout.barmode == "stack"
    small = F.probability_bars(P3, Y3, CLASSES)
    assert len(_bar_positions(small)) == 120
    assert "shown" not in small.layout.title.text


def test_probability_bars_sort_by_true_class_then_confidence_and_mark_truth():
    fig = F.probability_bars(P3, Y3, CLASSES)
    bars = [t for t in fig.data if t.type == "bar"]
    strip = [t for t in fig.data if t.type == "scatter"]
    # Samples of one true class sit together, the true class at the bottom of each
    # stack, its probability falling from left to right.
    for c in range(3):
        bottom = next(t for t in bars if list(t.customdata) == _ids(Y3, c, bars))
        assert bottom.name == CLASSES[c]
        assert list(bottom.y) == sorted(bottom.y, reverse=True)
        assert bottom.marker.color == F.OKABE_ITO[c]
    assert [t.marker.color for t in strip] == list(F.OKABE_ITO[:3])
    assert len({t.marker.symbol for t in strip}) == 3
    assert sum(len(t.x) for t in strip) == 120
    legend = [t.name for t in bars if t.showlegend is not False]
    assert legend == CLASSES


def _ids(y, c, bars):
    """Sample ids of the first bar trace whose samples all have true class c."""
    for t in bars:
        ids = list(t.customdata)
        if all(y[i] == c for i in ids):
            return ids
    raise AssertionError(f"no group for class {c}")


def test_confidence_histogram_counts_every_sample_split_right_and_wrong():
    fig = F.confidence_histogram(P3, Y3)
    right, wrong = fig.data
    assert (right.name, wrong.name) == ("Correct", "Incorrect")
    n_right = int((P3.argmax(1) == Y3).sum())
    assert sum(right.y) == n_right and sum(wrong.y) == 120 - n_right
    assert _xy_title(fig) == "Top-class probability"
    assert tuple(fig.layout.xaxis.range) == (0, 1)
    (everything,) = F.confidence_histogram(P3).data
    assert sum(everything.y) == 120


def test_confusion_counts_and_labels():
    fig = F.confusion_figure([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0], CLASSES)
    (hm,) = fig.data
    np.testing.assert_array_equal(hm.z, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert hm.texttemplate == "%{z}" and hm.zmin == 0
    assert hm.text[2][0].startswith("true C → predicted A: 1 samples")
    assert _xy_title(fig) == "Predicted class"
    assert _xy_title(fig, "yaxis") == "True class"
    assert list(fig.layout.xaxis.ticktext) == CLASSES
    assert "most common mistake" in F.describe(fig)


def test_decision_regions_shade_the_grid_and_draw_points_by_class():
    fig = BUILDERS["regions"]()
    heat, *points = fig.data
    assert heat.type == "heatmap" and heat.showscale is False
    assert np.asarray(heat.z).shape == (30, 40)
    assert [p.marker.color for p in points] == list(F.OKABE_ITO[:3])
    assert len({p.marker.symbol for p in points}) == 3
    assert all(p.marker.line.width >= 1 for p in points)
    assert [p.name for p in points] == CLASSES


def test_decision_region_colours_pale_where_unsure_strong_where_sure():
    P = np.array([[[0.34, 0.33, 0.33], [0.0, 1.0, 0.0]]])
    heat = F.decision_regions([0, 1], [0], P, [], [], CLASSES).data[0]
    z = np.asarray(heat.z, dtype=float)
    assert z[0, 0] == pytest.approx(0.0, abs=0.02)  # class 0, barely above chance
    assert z[0, 1] == pytest.approx(1.999, abs=1e-3)  # class 1, certain
    assert heat.text[0] == ["A", "B"]


def test_decision_grids_are_capped_at_100_by_100_and_shapes_checked():
    gx, gy = np.linspace(0, 1, 250), np.linspace(0, 1, 130)
    P = np.full((130, 250, 2), 0.5)
    heat = F.decision_regions(gx, gy, P, [], [], ["a", "b"]).data[0]
    assert max(np.asarray(heat.z).shape) <= 100
    with pytest.raises(ValueError, match="P_grid must have shape"):
        F.decision_regions(gx, gy, P[:, :10], [], [], ["a", "b"])


def test_unit_response_mosaic_is_one_figure_sharing_a_zero_centred_scale():
    A = RNG.normal(size=(30, 40, 20))
    fig = F.unit_response_mosaic(GX, GY, A, max_units=16, zmax=2.0)
    assert len(fig.data) == 16 and {t.type for t in fig.data} == {"heatmap"}
    assert {t.coloraxis for t in fig.data} == {"coloraxis"}
    ca = fig.layout.coloraxis
    assert (ca.cmin, ca.cmid, ca.cmax) == (-2.0, 0, 2.0)
    assert "first 16 of 20" in fig.layout.title.text
    np.testing.assert_allclose(fig.data[3].z, A[:, :, 3], rtol=1e-6)


# --- activations ----------------------------------------------------------------


def test_activation_figure_draws_function_slope_and_observed_histogram():
    observed = RNG.normal(size=500)
    fig = F.activation_figure(Z, np.tanh(Z), 1 - np.tanh(Z) ** 2, "tanh", observed)
    hist, f, df = fig.data
    assert hist.type == "bar" and hist.yaxis == "y2"
    assert sum(hist.y) == np.sum((observed >= Z[0]) & (observed <= Z[-1]))
    assert f.type == df.type == "scatter" and df.line.dash == "dash"
    assert isinstance(_spec(fig)["data"][1]["y"], list)
    assert fig.layout.yaxis2.title.text == "Observed z (count)"
    assert "nearly flat" in F.describe(fig)


def test_learned_curves_dash_epoch0_fade_history_and_group_the_legend():
    now = np.stack([np.tanh(Z), np.maximum(Z, 0)])
    faded = [now * s for s in np.linspace(0.5, 0.9, 25)]
    fig = F.learned_curves_figure(Z, now, now * 0.5, faded=faded)
    pale = [t for t in fig.data if t.name.endswith("(faded)") and t.legendgroup]
    start = [t for t in fig.data if t.name.endswith("(epoch0)")]
    current = [t for t in fig.data if t.name in ("h1", "h2")]
    assert len(pale) == 2 * activations.MAX_FADED
    assert all(t.opacity < 0.5 and t.showlegend is False for t in pale)
    assert [t.line.dash for t in start] == ["dash", "dash"]
    assert [t.legendgroup for t in current] == ["unit0", "unit1"]
    assert {t.legendgroup for t in start} == {"unit0", "unit1"}
    assert current[0].line.color == start[0].line.color
    assert "h2 moved most" in F.describe(fig)


def test_param_trace_one_line_per_parameter_thinned():
    values = np.cumsum(RNG.normal(size=(3000, 3)), axis=0)
    fig = F.param_trace_figure(range(3000), values, ["a", "b_1", "b_2"])
    assert [t.name for t in fig.data] == ["a", "b_1", "b_2"]
    assert all(len(t.y) == 1000 for t in fig.data)
    assert fig.data[2].y[-1] == values[-1, 2]
    assert _xy_title(fig, "yaxis") == "Parameter value"


# --- compare and sweep ----------------------------------------------------------


def test_compare_overlays_runs_with_their_labels():
    runs = [
        {"label": "sigmoid", "epochs": [0, 1, 2], "values": [0.3, 0.5, 0.6]},
        {"label": "relu", "epochs": [0, 1], "values": [0.3, 0.7]},
    ]
    fig = F.compare_figure(runs, metric="accuracy")
    assert [t.name for t in fig.data] == ["sigmoid", "relu"]
    assert fig.data[0].line.color != fig.data[1].line.color
    assert _xy_title(fig, "yaxis") == "Accuracy (%)"
    assert "relu ends at 70%" in F.describe(fig)
    with pytest.raises(ValueError, match="lacks"):
        F.compare_figure([{"label": "x", "epochs": []}])


def test_sweep_heatmap_marks_diverged_cells_and_annotates_values():
    values = np.array([[1.0, 0.5, np.nan], [0.7, 0.3, np.nan]])
    fig = F.sweep_heatmap([0.01, 0.1, 10.0], [5, 16], values, "Final loss")
    main, diverged = fig.data
    z = np.asarray(main.z, dtype=float)
    assert np.isnan(z[:, 2]).all() and z[1, 1] == 0.3
    assert main.text[1][1] == "0.3" and main.texttemplate == "%{text}"
    assert diverged.text[0][2] == "diverged" and diverged.text[0][0] == ""
    dz = np.asarray(diverged.z, dtype=float)
    assert np.isfinite(dz[:, 2]).all() and np.isnan(dz[:, :2]).all()
    assert list(fig.layout.xaxis.ticktext) == ["0.01", "0.1", "10"]
    assert list(fig.layout.yaxis.ticktext) == ["5", "16"]
    assert _xy_title(fig).startswith("Learning rate")
    assert "2 configurations diverged" in F.describe(fig)
    all_bad = F.sweep_heatmap([0.1], [5], [[np.inf]], "S")
    assert all_bad.data[1].text[0][0] == "diverged"


def test_sweep_values_must_match_the_grid():
    with pytest.raises(ValueError, match="values must have shape"):
        F.sweep_heatmap([0.1, 1.0], [5], [1.0, 2.0, 3.0], "S")


def test_activation_overlay_draws_a_band_only_where_units_differ():
    relu = np.maximum(Z, 0)
    curves = [
        {"label": "ReLU", "z": Z, "mid": relu, "low": relu, "high": relu},
        {"label": "PReLU", "z": Z, "mid": relu, "low": relu - 1, "high": relu + 1},
    ]
    fig = F.activation_overlay_figure(curves)
    shown = [t for t in fig.data if t.showlegend is not False]
    assert [t.name for t in shown] == ["ReLU", "PReLU"]
    band = [t for t in fig.data if t.fill == "tonexty"]
    assert len(band) == 1 and band[0].legendgroup == shown[1].legendgroup
    assert band[0].fillcolor.startswith("rgba(")
    assert shown[0].line.color != shown[1].line.color
    assert _xy_title(fig) == "Pre-activation z"
    assert "2 runs" in F.describe(fig)
    with pytest.raises(ValueError, match="lacks"):
        F.activation_overlay_figure([{"label": "x", "z": Z}])
    with pytest.raises(ValueError, match="z values"):
        F.activation_overlay_figure([{"label": "x", "z": Z, "mid": Z[:3]}])


def test_compare_says_when_runs_lack_the_metric():
    fig = F.compare_figure(
        [{"label": "a", "epochs": [0], "values": [None]}], "val_loss"
    )
    assert [a.text for a in fig.layout.annotations] == ["No val loss values yet"]


# --- style ----------------------------------------------------------------------


def test_class_colours_are_okabe_ito_and_cycle_beyond_eight():
    assert F.OKABE_ITO == (
        "#E69F00", "#56B4E9", "#009E73", "#F0E442",
        "#0072B2", "#D55E00", "#CC79A7", "#000000",
    )  # fmt: skip
    assert F.class_colors(10)[8:] == ["#E69F00", "#56B4E9"]
    assert F.class_color(17) == F.OKABE_ITO[1]


def test_ten_digit_classes_get_colours_and_distinct_symbols():
    P = RNG.dirichlet(np.ones(10), size=200)
    y = np.arange(200) % 10
    fig = F.probability_bars(P, y, [str(d) for d in range(10)])
    strip = [t for t in fig.data if t.type == "scatter"]
    assert [t.marker.color for t in strip] == F.class_colors(10)
    assert len({t.marker.symbol for t in strip}) == 10


def test_classes_beyond_eight_reuse_colours_but_get_hatched_bars():
    P = RNG.dirichlet(np.ones(10), size=50)
    fig = F.probability_bars(P, np.arange(50) % 10, [str(d) for d in range(10)])
    shapes = {t.name: t.marker.pattern.shape for t in fig.data if t.type == "bar"}
    assert shapes["8"] == shapes["9"] == "/"
    assert not any(shapes[str(d)] for d in range(8))


def test_learned_curve_style_keys_come_first_in_the_legend():
    z = np.linspace(-1, 1, 5)
    fig = F.learned_curves_figure(z, [z, 2 * z], [z, z], faded=[np.stack([z, z])])
    keys = [t for t in fig.data if t.legendrank == 1]
    assert [t.name for t in keys] == ["Epoch 0 (dashed)", "Earlier epochs (faded)"]


def test_diverging_scale_is_white_at_zero_and_dark_at_both_ends():
    positions = [p for p, _ in style.DIVERGING]
    assert positions[0] == 0 and positions[-1] == 1
    middle = dict(style.DIVERGING)[0.5]
    assert middle.upper() in ("#F7F7F7", "#FFFFFF")


def test_describe_falls_back_to_the_title():
    fig = go.Figure(layout={"title": {"text": "Something"}})
    assert F.describe(fig) == "Something"
    assert F.describe(go.Figure()) == "Chart."


def test_a_curve_of_one_epoch_is_drawn_as_a_dot():
    """Before training the history has epoch 0 only: a line would draw nothing."""
    fig = F.loss_figure([0], [1.1], [1.2])
    assert [t.mode for t in fig.data[:2]] == ["markers", "markers"]
    grown = F.loss_figure([0, 1], [1.1, 1.0], [1.2, 1.1])
    assert [t.mode for t in grown.data[:2]] == ["lines", "lines"]
