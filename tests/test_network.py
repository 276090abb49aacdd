"""Forward pass, initialisation and backprop against finite differences."""

import numpy as np
import pytest

import nn_core as nn
from nn_core.gradcheck import check_gradients, max_relative_error

SMOOTH = ["sigmoid", "tanh", "gelu", "softplus", "silu", "linear", "swish"]


def _data(n=12, d=4, k=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, d)), rng.integers(0, k, n)


def _net(d, hidden, k, activation, seed=1, init="xavier"):
    return nn.init_network(d, hidden, k, activation, init, np.random.default_rng(seed))


@pytest.mark.parametrize("activation", SMOOTH)
def test_one_hidden_layer_gradients_match_finite_differences(activation):
    X, y = _data()
    net = _net(4, 5, 3, activation)
    assert max_relative_error(check_gradients(net, X, y)) < 1e-6


@pytest.mark.parametrize(
    "activations", [("tanh", "sigmoid"), ("softplus", "gelu"), ("silu", "linear")]
)
@pytest.mark.parametrize("l2", [0.0, 0.1])
def test_two_hidden_layers_mixed_activations_with_l2(activations, l2):
    X, y = _data(seed=3)
    net = _net(4, (6, 4), 3, activations, seed=4)
    checks = check_gradients(net, X, y, l2=l2)
    assert len(checks) == 9  # W, b, theta of three layers
    assert max_relative_error(checks) < 1e-6


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "elu"])
def test_kinked_activations_away_from_the_kink(activation):
    # Big positive biases and small weights keep every pre-activation > 1e-3 from 0.
    X, y = _data(seed=5)
    net = _net(4, 5, 3, activation, seed=6)
    W, b, theta = net.layers[0]
    layer = nn.Layer(W * 0.1, b + np.array([1.0, -1.0, 1.5, -1.5, 2.0]), theta)
    net = net._replace(layers=(layer, *net.layers[1:]))
    z = X @ layer.W + layer.b
    assert np.abs(z).min() > 1e-3
    assert max_relative_error(check_gradients(net, X, y, l2=0.05)) < 1e-6


def test_gradcheck_catches_a_wrong_gradient():
    X, y = _data()
    net = _net(4, 3, 3, "tanh")
    loss, grads = nn.loss_and_grads(net, X, y)
    numeric = nn.numerical_grads(net, X, y)
    assert nn.relative_error(grads.layers[0].W, numeric.layers[0].W) < 1e-6
    wrong = grads.layers[0].W * 1.01
    assert nn.relative_error(wrong, numeric.layers[0].W) > 1e-3


def test_forward_trace_has_z_and_a_of_every_layer():
    X, _ = _data(n=7, d=4)
    net = _net(4, (5, 6), 3, ("tanh", "relu"))
    trace = nn.forward(net, X)
    assert [z.shape for z in trace.z] == [(7, 5), (7, 6), (7, 3)]
    assert [a.shape for a in trace.a] == [(7, 5), (7, 6), (7, 3)]
    np.testing.assert_allclose(trace.a[0], np.tanh(trace.z[0]))
    np.testing.assert_allclose(trace.a[1], np.maximum(trace.z[1], 0))
    np.testing.assert_array_equal(trace.a[-1], trace.P)
    np.testing.assert_allclose(trace.P.sum(axis=1), 1.0)
    np.testing.assert_allclose(nn.predict_proba(net, X), trace.P)


def test_init_is_seeded_shaped_and_read_only():
    a = _net(10, (5, 4), 3, "sigmoid", seed=0)
    b = _net(10, (5, 4), 3, "sigmoid", seed=0)
    c = _net(10, (5, 4), 3, "sigmoid", seed=1)
    assert a.sizes == (10, 5, 4, 3)
    assert all(
        np.array_equal(p, q)
        for la, lb in zip(a.layers, b.layers)
        for p, q in zip(la, lb)
    )
    assert not np.array_equal(a.layers[0].W, c.layers[0].W)
    assert all(not p.flags.writeable for layer in a.layers for p in layer)
    with pytest.raises(ValueError):
        a.layers[0].W[0, 0] = 1.0


@pytest.mark.parametrize(
    ("init", "expected_std"),
    [("xavier", np.sqrt(2 / (400 + 300))), ("he", np.sqrt(2 / 400)), ("normal", 0.1)],
)
def test_init_scales(init, expected_std):
    net = _net(400, 300, 2, "relu", init=init)
    assert net.layers[0].W.std() == pytest.approx(expected_std, rel=0.02)
    assert np.all(net.layers[0].b == 0)


def test_float32_network_stays_float32():
    net = nn.init_network(
        4, 5, 3, "tanh", rng=np.random.default_rng(0), dtype="float32"
    )
    X, y = _data()
    loss, grads = nn.loss_and_grads(net, X.astype(np.float32), y)
    assert all(p.dtype == np.float32 for layer in grads.layers for p in layer)
    assert nn.predict_proba(net, X).dtype == np.float32
