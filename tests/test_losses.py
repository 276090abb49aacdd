"""Softmax and cross-entropy: correct, stable for huge logits, never log(0)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nn_core.losses import (
    cross_entropy,
    log_softmax,
    softmax,
    softmax_cross_entropy_delta,
)

logit_rows = arrays(
    np.float64,
    st.tuples(st.integers(1, 6), st.integers(2, 5)),
    elements=st.floats(-1e4, 1e4, allow_nan=False),
)


@given(logit_rows)
def test_softmax_rows_are_distributions(logits):
    P = softmax(logits)
    assert np.all(np.isfinite(P))
    assert np.all(P >= 0)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)


@given(logit_rows, st.floats(-1e3, 1e3))
def test_softmax_is_shift_invariant(logits, shift):
    np.testing.assert_allclose(softmax(logits + shift), softmax(logits), atol=1e-12)


@given(logit_rows)
def test_log_softmax_is_finite_and_matches_log_of_softmax(logits):
    log_p = log_softmax(logits)
    assert np.all(np.isfinite(log_p))
    P = softmax(logits)
    big = P > 1e-300
    np.testing.assert_allclose(log_p[big], np.log(P[big]), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("scale", [1.0, 1e2, 1e4, 1e8])
def test_cross_entropy_of_huge_wrong_logits_is_finite(scale):
    logits = np.array([[scale, -scale, 0.0]])
    loss = cross_entropy(logits, np.array([1]))
    assert math.isfinite(loss)
    # -log p1 = 2s + log(1 + e^-s + e^-2s), computed here without overflow.
    expected = 2 * scale + np.log1p(np.exp(-scale) + np.exp(-2 * scale))
    np.testing.assert_allclose(loss, expected, rtol=1e-12)


def test_cross_entropy_hand_example_is_minus_log_p():
    logits = np.array([[1.0, 2.0, 3.0]])
    p = np.exp([1.0, 2.0, 3.0]) / np.exp([1.0, 2.0, 3.0]).sum()
    assert cross_entropy(logits, np.array([0])) == pytest.approx(-np.log(p[0]))
    # Written out: p0 = e / (e + e^2 + e^3) = 0.09003057..., -log p0 = 2.40760596...
    assert cross_entropy(logits, np.array([0])) == pytest.approx(2.4076059644443806)


def test_cross_entropy_is_the_mean_over_samples():
    logits = np.array([[0.0, 0.0], [0.0, 10.0]])
    y = np.array([0, 1])
    expected = (np.log(2.0) + np.log1p(np.exp(-10.0))) / 2
    assert cross_entropy(logits, y) == pytest.approx(expected, rel=1e-12)


def test_fused_delta_matches_finite_differences():
    rng = np.random.default_rng(0)
    logits = rng.standard_normal((4, 3))
    y = np.array([0, 2, 1, 2])
    delta = softmax_cross_entropy_delta(softmax(logits), y)
    eps = 1e-6
    numeric = np.zeros_like(logits)
    for idx in np.ndindex(logits.shape):
        up, down = logits.copy(), logits.copy()
        up[idx] += eps
        down[idx] -= eps
        numeric[idx] = (cross_entropy(up, y) - cross_entropy(down, y)) / (2 * eps)
    np.testing.assert_allclose(delta, numeric, rtol=1e-6, atol=1e-10)
