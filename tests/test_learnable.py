"""Learnable activations inside networks: exact gradients, training moves them, and
the learned curves with their closest classic shapes (nn_core.shapes)."""

import numpy as np
import pytest

import nn_core as nn
from nn_core.activations import APL_HINGES, PAU_INIT
from nn_core.gradcheck import check_gradients, max_relative_error
from nn_core.shapes import (
    CLASSIC_SHAPES,
    closest_classic_shape,
    unit_curves,
    unit_slopes,
)

LEARNABLE = [name for name, act in nn.ACTIVATIONS.items() if act.learnable]
KINK_GAP = 1e-3
RESOLVABLE = 1e-3
SPIRAL = nn.load_dataset("spiral", seed=0)


def _kink_distance(net: nn.Network, X: np.ndarray) -> float:
    """Smallest distance of any hidden pre-activation from its unit's kinks."""
    trace = nn.forward(net, X)
    nearest = np.inf
    for name, z, layer in zip(net.activations, trace.z, net.layers, strict=False):
        kinks = np.tile(nn.ACTIVATIONS[name].kinks, (z.shape[1], 1))
        if name == "apl":
            kinks = np.hstack([kinks, layer.theta[:, APL_HINGES:]])
        if kinks.size:
            nearest = min(nearest, np.abs(z[:, :, None] - kinks[None]).min())
    return nearest


def _jittered(net: nn.Network, rng: np.random.Generator) -> nn.Network:
    """Move every theta off its symmetric start (PAU's b_j stay >= 0.05 from 0)."""
    layers = []
    for i, layer in enumerate(net.layers):
        theta = layer.theta + 0.2 * rng.standard_normal(layer.theta.shape)
        if i < len(net.activations) and net.activations[i] == "pau":
            b = theta[:, 6:]
            theta[:, 6:] = np.where(np.abs(b) < 0.05, np.copysign(0.05, b), b)
        layers.append(layer._replace(theta=theta))
    return net._replace(layers=tuple(layers))


def _smallest_gradient(net: nn.Network, X, y, l2: float) -> float:
    """Smallest non-zero |entry| of the analytic gradient."""
    _, grads = nn.loss_and_grads(net, X, y, l2)
    values = np.abs(np.concatenate([p.ravel() for lay in grads.layers for p in lay]))
    return values[values > 0].min()


def _checked_net(hidden, activations, l2, first_seed, tries=100):
    """A small net and data that finite differences can referee to 1e-6.

    Two conditions, asserted by the tests too: every hidden pre-activation is
    KINK_GAP from a kink, and every non-zero gradient entry is >= RESOLVABLE.
    Central differences carry ~1e-10..1e-9 of rounding noise in float64 (ulps of
    the loss over 2 eps), so a relative error below 1e-6 is only measurable on
    entries well above 1e-4. Weights are doubled to spread z over PAU's curve
    and APL's hinges, where z^5 and second-hinge terms get real gradients. The
    first seed from ``first_seed`` that meets both conditions is used.
    """
    for seed in range(first_seed, first_seed + tries):
        rng = np.random.default_rng(seed)
        X = rng.standard_normal((8, 3))
        y = rng.integers(0, 3, 8)
        net = nn.init_network(3, hidden, 3, activations, rng=rng)
        net = net._replace(
            layers=tuple(lay._replace(W=2 * lay.W) for lay in net.layers)
        )
        net = _jittered(net, rng)
        if (
            _kink_distance(net, X) > KINK_GAP
            and _smallest_gradient(net, X, y, l2) >= RESOLVABLE
        ):
            return net, X, y
    raise AssertionError(f"no seed in {first_seed}..{first_seed + tries - 1} fits")


@pytest.mark.parametrize("activation", LEARNABLE)
def test_one_hidden_layer_network_gradients(activation):
    net, X, y = _checked_net(5, activation, l2=0.05, first_seed=10)
    checks = check_gradients(net, X, y, l2=0.05)
    assert max_relative_error(checks) < 1e-6
    theta_check = next(c for c in checks if c.layer == 0 and c.param == "theta")
    assert theta_check.analytic.shape == (5, nn.ACTIVATIONS[activation].k)


@pytest.mark.parametrize(
    ("activations", "seed"),
    [
        (("tanh", "prelu"), 20),
        (("swish", "apl"), 21),
        (("pau", "relu"), 22),
        (("apl", "pau"), 23),
        (("prelu", "swish"), 24),
        (("pau", "pau"), 25),
    ],
)
def test_two_hidden_layers_with_mixed_activations_and_l2(activations, seed):
    net, X, y = _checked_net((6, 4), activations, l2=0.1, first_seed=seed)
    checks = check_gradients(net, X, y, l2=0.1)
    assert len(checks) == 9
    assert max_relative_error(checks) < 1e-6


def test_gradient_check_would_catch_a_wrong_theta_gradient():
    # The referee must be able to fail: scale PAU's theta gradient and it does.
    net, X, y = _checked_net(4, "pau", l2=0.0, first_seed=30)
    _, grads = nn.loss_and_grads(net, X, y)
    numeric = nn.numerical_grads(net, X, y)
    good, wrong = grads.layers[0].theta, grads.layers[0].theta * 1.001
    assert nn.relative_error(good, numeric.layers[0].theta) < 1e-6
    assert nn.relative_error(wrong, numeric.layers[0].theta) > 1e-4


def test_pau_network_starts_from_the_fitted_coefficients():
    net = nn.init_network(2, (3, 4), 2, ("pau", "tanh"), rng=np.random.default_rng(0))
    np.testing.assert_array_equal(net.layers[0].theta, np.tile(PAU_INIT, (3, 1)))
    assert net.layers[1].theta.shape == (4, 0)
    assert net.layers[2].theta.shape == (2, 0)


@pytest.mark.parametrize("optimizer", ["gd", "adam"])
@pytest.mark.parametrize("activation", LEARNABLE)
def test_learnable_parameters_change_during_training(activation, optimizer):
    lr = {"gd": 0.5, "adam": 0.02}[optimizer]
    cfg = nn.TrainConfig(
        hidden_units=(8, 8),
        activation=activation,
        learning_rate=lr,
        epochs=10,
        optimizer=optimizer,
    )
    records = list(nn.train(SPIRAL.X, SPIRAL.y, cfg, n_classes=3))
    for layer in range(2):
        before = records[0].state.network.layers[layer].theta
        after = records[-1].state.network.layers[layer].theta
        assert np.isfinite(after).all()
        moved = np.abs(after - before) > 1e-6
        # every kind of parameter (every column) moved in at least one unit
        assert moved.any(axis=0).all(), (layer, moved)
    assert records[-1].loss < records[0].loss


@pytest.mark.parametrize("activation", LEARNABLE)
def test_float32_training_keeps_learnable_parameters_float32(activation):
    cfg = nn.TrainConfig(
        hidden_units=6,
        activation=activation,
        epochs=3,
        optimizer="adam",
        learning_rate=0.01,
        dtype="float32",
    )
    result = nn.fit(SPIRAL.X, SPIRAL.y, cfg)
    assert all(p.dtype == np.float32 for layer in result.network.layers for p in layer)


# --- closest classic shape -------------------------------------------------------

Z = np.linspace(-3, 3, 301)


def _one_unit_net(activation, theta):
    net = nn.init_network(1, 1, 2, activation, rng=np.random.default_rng(0))
    layer = net.layers[0]._replace(theta=np.asarray(theta, dtype=float).reshape(1, -1))
    return net._replace(layers=(layer, *net.layers[1:]))


def _best(activation, theta, z=Z):
    net = _one_unit_net(activation, theta)
    return closest_classic_shape(z, unit_curves(net, 0, z)[0])


def test_prelu_with_slope_one_is_the_identity():
    ranking = _best("prelu", [1.0])
    assert ranking[0] == ("identity", pytest.approx(1.0, abs=1e-12))


def test_prelu_with_slope_zero_is_a_relu():
    ranking = _best("prelu", [0.0])
    assert ranking[0] == ("relu", pytest.approx(1.0, abs=1e-12))
    assert ranking[1][0] == "leaky_relu" and ranking[1][1] < 1.0


def test_prelu_with_slope_minus_one_is_the_absolute_value():
    assert _best("prelu", [-1.0])[0][0] == "abs"


def test_swish_with_a_huge_beta_is_nearly_a_relu():
    name, r2 = _best("swish", [1e3])[0]
    assert name == "relu" and r2 > 0.99999


def test_swish_with_a_tiny_beta_is_nearly_linear():
    # z sigma(beta z) = z/2 + beta z^2/4 + ...: affine in z up to a small square.
    name, r2 = _best("swish", [1e-4])[0]
    assert name == "identity" and r2 > 0.99999


def test_pau_at_its_start_looks_like_a_leaky_relu():
    ranking = dict(_best("pau", PAU_INIT))
    assert ranking["leaky_relu"] > 0.999
    assert ranking["leaky_relu"] > max(ranking["tanh"], ranking["identity"])


def test_pau_set_to_a_square_is_the_square():
    theta = np.zeros(10)
    theta[2] = 1.0  # P = z^2, Q = 1
    assert _best("pau", theta)[0] == ("square", pytest.approx(1.0, abs=1e-12))


@pytest.mark.parametrize("name", list(CLASSIC_SHAPES))
def test_each_classic_shape_recognises_itself_scaled_and_shifted(name):
    z = np.linspace(-2.5, 3.5, 200)  # asymmetric, so |z| and z^2 differ from the rest
    ranking = closest_classic_shape(z, -2.0 * CLASSIC_SHAPES[name](z) + 0.7)
    best_name, best_r2 = ranking[0]
    assert best_r2 == pytest.approx(1.0, abs=1e-12)
    assert best_name == name
    assert all(r2 < 1.0 - 1e-6 for other, r2 in ranking[1:] if other != name)


def test_ranking_is_sorted_and_covers_every_shape():
    ranking = closest_classic_shape(Z, np.sin(Z))
    assert [name for name, _ in sorted(ranking)] == sorted(CLASSIC_SHAPES)
    r2s = [r2 for _, r2 in ranking]
    assert r2s == sorted(r2s, reverse=True)
    assert all(r2 <= 1.0 for r2 in r2s)


def test_a_constant_curve_fits_every_shape():
    ranking = closest_classic_shape(Z, np.full_like(Z, 0.3))
    assert [r2 for _, r2 in ranking] == [1.0] * len(CLASSIC_SHAPES)
    assert [name for name, _ in ranking] == list(CLASSIC_SHAPES)


def test_closest_shape_rejects_bad_curves():
    with pytest.raises(ValueError, match="fz must have one value per z"):
        closest_classic_shape(Z, Z[:-1])
    with pytest.raises(ValueError, match="finite"):
        closest_classic_shape(Z, np.where(Z > 0, np.nan, Z))
    with pytest.raises(ValueError, match="1-D"):
        closest_classic_shape([[1.0, 2.0]], [[1.0, 2.0]])


def test_unit_curves_use_each_units_own_theta():
    net = nn.init_network(2, (3, 2), 2, ("prelu", "tanh"), rng=np.random.default_rng(0))
    slopes = np.array([[0.0], [0.5], [1.0]])
    net = net._replace(layers=(net.layers[0]._replace(theta=slopes), *net.layers[1:]))
    curves = unit_curves(net, 0, Z)
    assert curves.shape == (3, len(Z))
    for unit, a in enumerate(slopes[:, 0]):
        np.testing.assert_allclose(curves[unit], np.where(Z > 0, Z, a * Z))
    np.testing.assert_allclose(unit_curves(net, 1, Z), np.tile(np.tanh(Z), (2, 1)))


def test_unit_slopes_match_finite_differences_of_the_curves():
    net = nn.init_network(2, 3, 2, "pau", rng=np.random.default_rng(0))
    net = _jittered(net, np.random.default_rng(1))
    z = np.linspace(-3, 3, 60) + 0.0123  # never at the kink z = 0
    eps = 1e-6
    numeric = (unit_curves(net, 0, z + eps) - unit_curves(net, 0, z - eps)) / (2 * eps)
    assert nn.relative_error(unit_slopes(net, 0, z), numeric) < 1e-6


@pytest.mark.parametrize("bad", [-1, 2, 1.0, True, "0"])
def test_unit_curves_reject_layers_that_are_not_hidden(bad):
    net = nn.init_network(2, (3, 2), 2, "swish", rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=f"got {bad!r}"):
        unit_curves(net, bad, Z)


def test_learned_units_can_be_ranked_after_training():
    cfg = nn.TrainConfig(
        hidden_units=8,
        activation="apl",
        learning_rate=0.02,
        epochs=20,
        optimizer="adam",
    )
    result = nn.fit(SPIRAL.X, SPIRAL.y, cfg)
    z_seen = nn.forward(result.network, SPIRAL.X).z[0]
    for unit in range(8):
        grid = np.linspace(z_seen[:, unit].min(), z_seen[:, unit].max(), 101)
        ranking = closest_classic_shape(
            grid, unit_curves(result.network, 0, grid)[unit]
        )
        assert len(ranking) == len(CLASSIC_SHAPES)
        assert all(np.isfinite(r2) and r2 <= 1.0 for _, r2 in ranking)
