"""Figures of the Activations tab: learned unit curves, parameters, unit health."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest

import figures as F
from figures import activations

RNG = np.random.default_rng(0)


def _units(lo: list[float], hi: list[float], scale: float = 1.0) -> F.UnitCurves:
    """tanh-like unit curves, each on its own grid from lo[u] to hi[u]."""
    z = np.linspace(lo, hi, 50).T  # (n_units, 50)
    return F.UnitCurves(z, scale * np.tanh(z), scale * (1 - np.tanh(z) ** 2))


def _spec(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


def _named(fig: go.Figure, name: str):
    return next(t for t in fig.data if t.name == name)


# --- every unit's curve and slope ------------------------------------------------


def test_each_unit_is_drawn_over_its_own_range_in_both_panels():
    now = _units([-1.0, 0.5], [2.0, 3.0])
    fig = F.learned_units_figure(now)
    h1, h2 = _named(fig, "h1"), _named(fig, "h2")
    assert (h1.x[0], h1.x[-1]) == (-1.0, 2.0) and (h2.x[0], h2.x[-1]) == (0.5, 3.0)
    assert h1.yaxis == "y2" and _named(fig, "h1 (slope)").yaxis == "y"
    slope = np.asarray(_named(fig, "h2 (slope)").y)
    np.testing.assert_allclose(slope, 1 - np.tanh(np.linspace(0.5, 3, 50)) ** 2, 1e-4)
    assert fig.layout.xaxis2.matches == "x"  # one z axis for both panels
    assert fig.layout.yaxis.domain[1] < fig.layout.yaxis2.domain[0]


def test_epoch0_is_dashed_and_earlier_epochs_are_faded_gapped_traces():
    now = _units([-1.0, 0.5], [2.0, 3.0])
    start = _units([-0.5, 0.0], [0.5, 1.0], scale=0.5)
    faded = [_units([-0.8, 0.2], [1.5, 2.0], s) for s in (0.6, 0.8)]
    fig = F.learned_units_figure(now, start, faded)
    dashed = [t for t in fig.data if "epoch 0" in t.name]
    assert len(dashed) == 4 and {t.line.dash for t in dashed} == {"dash"}
    assert _named(fig, "h1 epoch 0 (top)").x[-1] == 0.5
    pale = [t for t in fig.data if "earlier" in t.name]
    assert len(pale) == 4  # one trace per unit and panel, whatever the epochs
    assert all(t.opacity < 0.5 and not t.showlegend for t in pale)
    x = _named(fig, "h2 earlier (top)").x
    assert x.count(None) == 1  # two curves and one gap
    assert len(x) == 2 * activations.FADED_UNIT_POINTS + 1  # faint: fewer points
    groups = {t.legendgroup for t in fig.data if t.name.startswith("h1")}
    assert groups == {"unit0"}
    keys = [t.name for t in fig.data if t.legendrank == 1]
    assert keys == ["Epoch 0 (dashed)", "Earlier epochs (faded)"]
    assert "h1 changed most" in F.describe(fig)


def test_learned_units_figure_is_safe_on_nothing_and_checks_shapes():
    empty = F.learned_units_figure(F.UnitCurves(np.zeros((0, 0)), [], []))
    assert any("yet" in a.text for a in empty.layout.annotations)
    assert empty.layout.height == F.learned_units_figure(_units([0], [1])).layout.height
    with pytest.raises(ValueError, match="same shape"):
        F.learned_units_figure(F.UnitCurves(np.zeros((2, 5)), np.zeros((1, 5)), []))


# --- parameters over the epochs ------------------------------------------------


def test_per_unit_parameters_get_one_panel_each_and_one_line_per_unit():
    values = np.cumsum(RNG.normal(size=(40, 3, 4)), axis=0)  # 3 units, 4 params
    names = ["a₁", "a₂", "b₁", "b₂"]
    fig = F.param_trace_figure(range(40), values, names, marker_epoch=12)
    assert len(fig.data) == 12
    assert {t.xaxis for t in fig.data} == {"x", "x2", "x3", "x4"}
    assert [t.name for t in fig.data[:3]] == ["h1", "h2", "h3"]
    assert sum(t.showlegend for t in fig.data) == 3  # each unit once in the legend
    b1_h2 = next(t for t in fig.data if t.xaxis == "x3" and t.name == "h2")
    np.testing.assert_allclose(b1_h2.y, values[:, 1, 2], rtol=1e-4)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == [f"<b>{n}</b>" for n in names]
    assert [s.x0 for s in fig.layout.shapes] == [12] * 4
    assert fig.layout.xaxis3.title.text == "Epoch"  # bottom row only
    assert "of h" in F.describe(fig)


def test_one_parameter_per_unit_is_one_panel_titled_by_the_parameter():
    values = np.linspace(1, 2, 10)[:, None, None] * np.ones((1, 5, 1))
    fig = F.param_trace_figure(range(10), values, ["β"])
    assert len(fig.data) == 5 and {t.xaxis for t in fig.data} == {"x"}
    assert fig.layout.yaxis.title.text == "β"
    assert not fig.layout.annotations
    pau = F.param_trace_figure(range(10), np.zeros((10, 2, 10)), list("abcdefghij"))
    assert pau.layout.height > fig.layout.height  # five rows of panels


# --- unit health ------------------------------------------------------------------


def test_health_figure_draws_saturated_solid_and_dead_dotted_per_layer():
    saturated = np.array([[0.0, 0.5], [0.2, 0.75], [0.4, 1.0]])
    dead = np.array([[0.0, 0.0], [0.0, 0.25], [0.2, 0.25]])
    fig = F.health_figure([0, 1, 2], saturated, dead, ["L1", "L2"], marker_epoch=1)
    lines = [t for t in fig.data if t.legendrank != 1]
    assert [t.name for t in lines] == ["L1", "L1: dead", "L2", "L2: dead"]
    assert [t.line.dash for t in lines] == ["solid", "dot"] * 2
    assert [t.showlegend for t in lines] == [True, False] * 2  # one entry a layer
    keys = [t.name for t in fig.data if t.legendrank == 1]
    assert keys == ["Saturated (solid)", "Dead (dotted)"]
    assert list(_named(fig, "L2").y) == [0.5, 0.75, 1.0]
    assert fig.layout.yaxis.tickformat == ".0%" and fig.layout.shapes[0].x0 == 1
    assert "L2 100% saturated, 25% dead" in F.describe(fig)


def test_slope_histogram_gives_shares_per_layer_and_marks_the_flat_band():
    relu_like = np.where(RNG.normal(size=(200, 4)) > 0, 1.0, 0.0)
    smooth = RNG.uniform(0, 0.25, size=(200, 8))
    fig = F.slope_histogram([relu_like, smooth], ["L1", "L2"])
    assert [t.type for t in fig.data] == ["bar", "bar"]
    for trace in fig.data:
        assert sum(trace.y) == pytest.approx(1.0, abs=1e-3)
    band = fig.layout.shapes[0]
    assert (band.x0, band.x1) == (-0.05, 0.05)
    share = np.mean(relu_like == 0)
    assert f"L1 {share:.0%}" in F.describe(fig)


@pytest.mark.parametrize(
    "build",
    [
        lambda: F.health_figure([], [], []),
        lambda: F.slope_histogram([]),
        lambda: F.slope_histogram([np.zeros((0, 3))]),
        lambda: F.param_trace_figure([], np.zeros((0, 0, 0)), []),
    ],
)
def test_health_and_parameter_figures_are_safe_on_nothing(build):
    fig = build()
    assert fig.layout.height and fig.layout.title.text
    assert any("yet" in a.text for a in fig.layout.annotations)
    assert fig.layout.xaxis.title.text and F.describe(fig).endswith(".")
    _spec(fig)


@pytest.mark.parametrize(
    "build",
    [
        lambda: F.learned_units_figure(
            _units([-1, 0], [1, 2]), _units([-1, 0], [1, 2], 0.5), [_units([0], [1])]
        ),
        lambda: F.param_trace_figure(range(5), np.ones((5, 2, 4)), list("abcd")),
        lambda: F.health_figure([0, 1], [[0.1], [0.2]], [[0.0], [0.1]]),
        lambda: F.slope_histogram([RNG.normal(size=(10, 3))]),
    ],
)
def test_new_figures_send_plain_lists_with_fixed_height_and_alt_text(build):
    fig = build()
    assert isinstance(fig.layout.height, int) and fig.layout.font.size >= 14
    assert fig.layout.meta["alt_text"] == F.describe(fig)
    for trace in _spec(fig)["data"]:
        if trace["type"] in ("scatter", "bar") and trace.get("x") is not None:
            assert isinstance(trace["x"], list) and isinstance(trace["y"], list)


def test_a_single_epoch_shows_as_markers_not_an_invisible_line():
    params = F.param_trace_figure([0], np.ones((1, 2, 1)), ["a"])
    health = F.health_figure([0], [[0.5]], [[0.0]])
    lines = [t for t in (*params.data, *health.data) if t.legendrank != 1]
    assert {t.mode for t in lines} == {"markers"}
