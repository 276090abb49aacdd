"""The Learn tab's stages: the core's numbers, laid out as readable LaTeX."""

from __future__ import annotations

import re

import numpy as np
import pytest

import nn_core as nn
from dashboard import stepper


def _step(hidden=5, activation="sigmoid", n_features=10, l2=0.0, lr=0.01, seed=0):
    rng = np.random.default_rng(seed)
    net = nn.init_network(n_features, hidden, 3, activation=activation, rng=rng)
    x = rng.standard_normal(n_features)
    return stepper.take_step(net, x, 2, lr, l2, ("a", "b", "c"))


def _latex(stage: stepper.Stage) -> str:
    return " ".join(stage.equations)


def test_the_step_is_the_cores_forward_backward_and_update():
    step = _step()
    X, y = step.x, np.array([2])
    loss, grads = nn.loss_and_grads(step.net, X, y)
    assert step.loss == loss
    for mine, core in zip(step.grads.layers, grads.layers):
        np.testing.assert_array_equal(mine.W, core.W)
    np.testing.assert_array_equal(step.trace.P, nn.forward(step.net, X).P)
    np.testing.assert_allclose(
        step.updated.layers[0].W, step.net.layers[0].W - 0.01 * grads.layers[0].W
    )
    assert step.loss_after < step.loss  # a small step downhill lowers the loss


@pytest.mark.parametrize("hidden", [5, (4, 3), (3, 3, 3)])
def test_one_stage_per_layer_each_way_plus_seven_fixed_ones(hidden):
    step = _step(hidden=hidden)
    n_hidden = len(np.atleast_1d(hidden))
    built = stepper.stages(step)
    assert len(built) == len(stepper.plan(step)) == 2 * n_hidden + 7
    phases = [s.phase for s in built]
    assert phases[0] == "Forward" and phases[-2:] == ["Update", "Check"]
    assert phases.index("Loss") == n_hidden + 3
    assert phases.count("Backward") == n_hidden + 1
    assert [title for title, _ in stepper.plan(step)] == [s.title for s in built]


def test_the_output_delta_shown_is_p_minus_onehot():
    step = _step()
    stage = next(s for s in stepper.stages(step) if "error at the output" in s.title)
    p = step.trace.P[0]
    delta = p - np.eye(3)[2]
    assert stepper.matrix(delta) in _latex(stage)
    np.testing.assert_allclose(step.grads.layers[-1].b, delta)  # from the core


def test_the_loss_shown_is_minus_log_of_the_true_class():
    step = _step()
    stage = next(s for s in stepper.stages(step) if s.phase == "Loss")
    p_true = step.trace.P[0, 2]
    assert f"-\\log {stepper.num(p_true)}" in _latex(stage)
    assert stepper.num(-np.log(p_true), 4) in _latex(stage)
    assert "lambda" not in _latex(stage)


def test_weight_decay_shows_its_penalty_and_its_gradient_term():
    step = _step(l2=0.01)
    built = stepper.stages(step)
    loss = next(s for s in built if s.phase == "Loss")
    assert r"\lambda" in _latex(loss)
    penalty = step.loss + step.trace.log_P[0, 2]
    assert penalty > 0 and stepper.num(penalty, 4) in _latex(loss)
    assert r"\lambda W" in _latex(next(s for s in built if s.phase == "Backward"))


def test_a_learnable_activation_shows_its_parameter_gradient():
    built = stepper.stages(_step(hidden=4, activation="swish"))
    back = next(s for s in built if s.title.startswith("Back through"))
    assert r"\partial \theta" in _latex(back)


def test_hidden_backward_shows_the_slope_from_the_activation():
    step = _step(activation="tanh")
    back = next(s for s in stepper.stages(step) if s.title.startswith("Back through"))
    z = step.trace.z[0]
    slope = nn.ACTIVATIONS["tanh"].grad(z, step.trace.a[0], step.net.layers[0].theta)
    assert stepper.matrix(slope[0]) in _latex(back)
    assert stepper.matrix(step.grads.layers[0].b) in _latex(back)


def test_the_gradient_check_passes_and_reports_every_array():
    stage = stepper.gradient_check(_step(hidden=(4, 3), activation="tanh"))
    assert stage.phase == "Check" and stage.passed is True
    assert "max relative error" in _latex(stage)
    table = stage.notes[0]
    assert table.count("\n| ") == 6  # W and b of three layers (no theta: k = 0)


def test_the_gradient_check_fails_when_the_tolerance_is_not_met(monkeypatch):
    monkeypatch.setattr(stepper, "CHECK_TOLERANCE", 0.0)
    stage = stepper.gradient_check(_step())
    assert stage.passed is False
    assert "differ" in stage.text


def test_a_large_network_checks_a_sample_that_matches_the_core(monkeypatch):
    step = _step(hidden=(4, 3), activation="tanh")
    monkeypatch.setattr(stepper, "FULL_CHECK_MAX", 10)
    monkeypatch.setattr(stepper, "SAMPLED_ENTRIES", 12)
    sampled = stepper.checks(step)
    monkeypatch.setattr(stepper, "FULL_CHECK_MAX", 10_000)
    full = stepper.checks(step)
    assert [(c.layer, c.param, c.size) for c in sampled] == [
        (c.layer, c.param, c.size) for c in full
    ]
    assert all(1 <= c.analytic.size < c.size or c.size == 1 for c in sampled)
    for s, f in zip(sampled, full):
        assert s.analytic[0] == f.analytic[0]  # entry 0 always checked
        np.testing.assert_allclose(s.numeric[0], f.numeric[0], rtol=1e-6, atol=1e-12)
    monkeypatch.setattr(stepper, "FULL_CHECK_MAX", 10)
    stage = stepper.gradient_check(step)
    assert stage.passed and "sample" in stage.text and " of " in stage.notes[0]


def test_numbers_have_three_significant_digits_in_latex_form():
    assert stepper.num(0.123456) == "0.123"
    assert stepper.num(-1234.5) == "-1.23{\\times}10^{3}"
    assert stepper.num(1.5e-5) == "1.5{\\times}10^{-5}"
    assert stepper.num(0.0) == "0"
    assert stepper.num(1.25867, 4) == "1.259"


def test_small_matrices_are_shown_whole():
    A = np.arange(50, dtype=float).reshape(10, 5) / 7
    tex = stepper.matrix(A)
    assert tex.count(r"\\") == 9 and tex.count("&") == 40
    assert r"\cdots" not in tex and not stepper.is_cut(A)
    row = stepper.matrix(np.ones(12))
    assert row.count("&") == 11 and r"\\" not in row


def test_large_matrices_show_a_corner_and_a_summary():
    A = np.linspace(-1, 1, 64 * 32).reshape(64, 32)
    tex = stepper.matrix(A)
    assert r"\cdots" in tex and r"\vdots" in tex and r"\ddots" in tex
    assert tex.count(r"\\") == 4  # four rows shown, then the dots
    assert stepper.is_cut(A)
    note = stepper.summary("W(1)", A)
    assert "64 × 32" in note and "min -1" in note and "max 1" in note
    assert stepper.matrix(np.ones(64)).count("&") == 11  # a long row: cut


def test_a_large_network_summarises_what_it_cannot_show():
    built = stepper.stages(_step(hidden=32, activation="relu", n_features=64))
    hidden = built[1]
    assert any("64 × 32" in note for note in hidden.notes)
    assert "64 features" in built[0].text


def test_dot_products_are_spelled_out_then_cut():
    short = stepper.dot_product(np.array([1.0, -2.0]), np.array([3.0, 4.0]), 0.5, -4.5)
    assert short == "1 \\cdot 3 + (-2) \\cdot 4 + 0.5 = -4.5"
    long = stepper.dot_product(np.ones(10), np.ones(10), 0.0, 10.0)
    assert long.count(r"\cdot ") == 4 and r"\cdots" in long


def test_every_equation_is_well_formed_latex():
    """Braces balance, environments close, no double superscripts (KaTeX errors)."""
    for hidden, act in [(5, "sigmoid"), ((4, 3), "swish"), (32, "relu")]:
        n_features = 64 if hidden == 32 else 10
        for stage in stepper.stages(_step(hidden, act, n_features, l2=0.001)):
            for eq in stage.equations:
                depth = 0
                for char in eq.replace(r"\{", "").replace(r"\}", ""):
                    depth += {"{": 1, "}": -1}.get(char, 0)
                    assert depth >= 0, eq
                assert depth == 0, eq
                assert eq.count(r"\begin{") == eq.count(r"\end{"), eq
                assert not re.search(r"\^\{[^{}]*\}\^", eq), eq
                assert "nan" not in eq.lower(), eq


def test_a_float32_network_is_walked_through_in_float64():
    rng = np.random.default_rng(1)
    net = nn.init_network(4, 3, 3, activation="tanh", rng=rng, dtype="float32")
    step = stepper.take_step(net, rng.standard_normal(4), 0, 0.1)
    assert step.net.layers[0].W.dtype == np.float64
    assert step.class_names == ("class 0", "class 1", "class 2")
    assert step.feature_names == ("x1", "x2", "x3", "x4")
    assert stepper.gradient_check(step).passed


def test_names_from_the_data_cannot_change_the_markdown():
    rng = np.random.default_rng(0)
    net = nn.init_network(2, 2, 2, rng=rng)
    names = ("*bold*", "$x$")
    step = stepper.take_step(net, [0.5, -1.0], 0, 0.1, 0.0, names, ("a_b", "[c]"))
    built = stepper.stages(step)
    assert r"a\_b = 0.5" in built[0].text and r"\[c\]" in built[0].text
    softmax = next(s for s in built if s.title.startswith("Softmax"))
    assert r"\*bold\*" in softmax.text and "**$x$**" not in softmax.text
