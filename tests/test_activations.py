"""Every activation against finite differences, its limits, and the Padé unit's fit.

Gradient checks use central differences with a 1e-6 step in float64 and require a
relative error below 1e-6 everywhere; inputs are drawn at least 1e-3 away from every
kink (0 for the ReLU family and PAU, the hinges theta[:, 2:] for APL), never by
loosening the tolerance.
"""

import warnings

import numpy as np
import pytest

import nn_core as nn
from nn_core.activations import APL_HINGES, PAU_CLIP, PAU_INIT

EPS = 1e-6
TOL = 1e-6
KINK_GAP = 1e-3
N_UNITS = 4
NAMES = list(nn.ACTIVATIONS)
LEARNABLE = [name for name, act in nn.ACTIVATIONS.items() if act.learnable]


def _kinks(name: str, theta: np.ndarray) -> np.ndarray:
    """(n_units, n_kinks): where each unit's activation is not differentiable in z."""
    act = nn.ACTIVATIONS[name]
    fixed = np.tile(act.kinks, (theta.shape[0], 1))
    if name == "apl":
        return np.hstack([fixed, theta[:, APL_HINGES:]])
    return fixed


def _sample_z(name, theta, rng, n=60, low=-4.0, high=4.0):
    """(n, n_units) inputs, each at least KINK_GAP from its unit's kinks."""
    kinks = _kinks(name, theta)
    z = rng.uniform(low, high, (n, theta.shape[0]))
    while True:
        near = (np.abs(z[:, :, None] - kinks[None]) < KINK_GAP).any(axis=2)
        if not near.any():
            return z
        z[near] = rng.uniform(low, high, near.sum())


def _random_theta(name, rng):
    """A generic theta near the initial one (PAU's b_j kept >= 0.05 from their kink)."""
    theta = nn.ACTIVATIONS[name].init_theta(N_UNITS)
    theta = theta + 0.3 * rng.standard_normal(theta.shape)
    if name == "pau":
        b = theta[:, 6:]
        theta[:, 6:] = np.where(np.abs(b) < 0.05, np.copysign(0.05, b), b)
    return theta


def _thetas(name):
    rng = np.random.default_rng(sum(map(ord, name)))
    return {
        "init": nn.ACTIVATIONS[name].init_theta(N_UNITS),
        "random": _random_theta(name, rng),
    }


def _numeric_z_grad(act, z, theta):
    return (act.fn(z + EPS, theta) - act.fn(z - EPS, theta)) / (2 * EPS)


@pytest.mark.parametrize("which", ["init", "random"])
@pytest.mark.parametrize("name", NAMES)
def test_grad_matches_finite_differences(name, which):
    act = nn.ACTIVATIONS[name]
    theta = _thetas(name)[which]
    z = _sample_z(name, theta, np.random.default_rng(1))
    analytic = act.grad(z, act.fn(z, theta), theta)
    assert analytic.shape == z.shape
    assert nn.relative_error(analytic, _numeric_z_grad(act, z, theta)) < TOL


@pytest.mark.parametrize("which", ["init", "random"])
@pytest.mark.parametrize("name", LEARNABLE)
def test_theta_grad_matches_finite_differences(name, which):
    act = nn.ACTIVATIONS[name]
    theta = _thetas(name)[which]
    rng = np.random.default_rng(2)
    z = _sample_z(name, theta, rng, n=40)
    delta = rng.standard_normal(z.shape)
    analytic = act.theta_grad(z, act.fn(z, theta), theta, delta)
    numeric = np.zeros_like(theta)
    for idx in np.ndindex(theta.shape):
        up, down = theta.copy(), theta.copy()
        up[idx] += EPS
        down[idx] -= EPS
        numeric[idx] = (
            np.sum(delta * act.fn(z, up)) - np.sum(delta * act.fn(z, down))
        ) / (2 * EPS)
    assert analytic.shape == theta.shape == (N_UNITS, act.k)
    assert nn.relative_error(analytic, numeric) < TOL


def test_pau_gradients_are_exact_far_out_inside_the_clip():
    act = nn.ACTIVATIONS["pau"]
    theta = act.init_theta(N_UNITS)
    rng = np.random.default_rng(3)
    z = rng.uniform(5.0, 0.9 * PAU_CLIP, (30, N_UNITS)) * rng.choice([-1, 1], (30, 1))
    analytic = act.grad(z, act.fn(z, theta), theta)
    assert nn.relative_error(analytic, _numeric_z_grad(act, z, theta)) < TOL


def test_fixed_activations_have_no_parameters():
    for act in nn.ACTIVATIONS.values():
        if act.learnable:
            continue
        z = np.ones((3, 2))
        theta = act.init_theta(2)
        assert theta.shape == (2, 0)
        assert act.theta_grad(z, act.fn(z, theta), theta, z).shape == (2, 0)


@pytest.mark.parametrize("name", NAMES)
def test_init_theta_is_deterministic_fresh_and_shaped(name):
    act = nn.ACTIVATIONS[name]
    for n_units in (1, 7):
        first, second = act.init_theta(n_units), act.init_theta(n_units)
        assert first.shape == (n_units, act.k)
        assert first.dtype == np.float64
        np.testing.assert_array_equal(first, second)
        if act.k:
            first[0, 0] += 1.0  # a caller's copy: changing it changes no later init
            assert not np.array_equal(first, act.init_theta(n_units))
    assert len(act.param_names) == act.k
    assert act.display_name and act.latex


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", NAMES)
def test_finite_and_warning_free_at_extreme_inputs(name, dtype):
    act = nn.ACTIVATIONS[name]
    big = 1e4 if dtype is np.float64 else 1e30  # float32: far beyond any real z
    z = np.linspace(-big, big, 2001, dtype=dtype)[:, None].repeat(N_UNITS, axis=1)
    for theta in _thetas(name).values():
        theta = theta.astype(dtype)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            a = act.fn(z, theta)
            g = act.grad(z, a, theta)
            tg = act.theta_grad(z, a, theta, np.ones_like(z))
        for out in (a, g, tg):
            assert np.isfinite(out).all()
            assert out.dtype == dtype


def test_sigmoid_limits_are_exact():
    sigmoid = nn.ACTIVATIONS["sigmoid"].fn
    z = np.array([[-1e4, -800.0, 0.0, 800.0, 1e4]])
    with np.errstate(all="raise"):  # no overflow or underflow on the way
        a = sigmoid(z, None)
    np.testing.assert_array_equal(a[0, 2:], [0.5, 1.0, 1.0])
    assert np.all((a[0, :2] >= 0) & (a[0, :2] < 1e-300))  # e^-800 is below 1e-300
    with np.errstate(all="raise"):
        a32 = sigmoid(z.astype(np.float32), None)
    assert a32.dtype == np.float32 and np.all(a32[0, :2] < 1e-30)
    assert sigmoid(np.array([[-30.0]]), None)[0, 0] == pytest.approx(np.exp(-30.0))


def test_softplus_limits_are_exact():
    softplus = nn.ACTIVATIONS["softplus"].fn
    z = np.array([[-1e4, 0.0, 50.0, 1e4]])
    np.testing.assert_array_equal(softplus(z, None), [[0.0, np.log(2.0), 50.0, 1e4]])
    assert softplus(np.array([[-30.0]]), None)[0, 0] == pytest.approx(np.exp(-30.0))


def test_learnable_activations_reduce_to_their_fixed_relatives():
    z = np.linspace(-3, 3, 61)[:, None].repeat(2, axis=1)
    A = nn.ACTIVATIONS
    leak = np.full((2, 1), 0.01)
    np.testing.assert_allclose(A["prelu"].fn(z, leak), A["leaky_relu"].fn(z, None))
    np.testing.assert_allclose(A["swish"].fn(z, np.ones((2, 1))), A["silu"].fn(z, None))
    flat_hinges = np.array([[0.0, 0.0, 0.5, -1.0]] * 2)
    np.testing.assert_allclose(A["apl"].fn(z, flat_hinges), A["relu"].fn(z, None))


def test_pau_with_zero_b_is_its_numerator_polynomial():
    a = np.array([0.3, -1.0, 0.5, 0.25, -0.1, 0.02])
    theta = np.concatenate([a, np.zeros(4)])[None, :]
    z = np.linspace(-4, 4, 81)[:, None]
    expected = np.polyval(a[::-1], z)
    np.testing.assert_allclose(nn.ACTIVATIONS["pau"].fn(z, theta), expected)


def test_pau_matches_its_formula_written_out():
    theta = _thetas("pau")["random"]
    z = np.random.default_rng(4).uniform(-3, 3, (25, N_UNITS))
    a, b = theta[:, :6], theta[:, 6:]
    P = sum(a[:, i] * z**i for i in range(6))
    Q = 1 + sum(np.abs(b[:, j - 1] * z**j) for j in range(1, 5))
    np.testing.assert_allclose(nn.ACTIVATIONS["pau"].fn(z, theta), P / Q, rtol=1e-13)


def test_pau_depends_on_the_size_of_b_only():
    act = nn.ACTIVATIONS["pau"]
    theta = _thetas("pau")["random"]
    flipped = theta.copy()
    flipped[:, 6:] *= -1
    z = _sample_z("pau", theta, np.random.default_rng(5))
    np.testing.assert_array_equal(act.fn(z, theta), act.fn(z, flipped))
    delta = np.ones_like(z)
    g, g_flipped = (act.theta_grad(z, act.fn(z, t), t, delta) for t in (theta, flipped))
    np.testing.assert_array_equal(g[:, :6], g_flipped[:, :6])
    np.testing.assert_array_equal(g[:, 6:], -g_flipped[:, 6:])


def test_pau_starts_as_a_leaky_relu_on_minus_3_to_3():
    act = nn.ACTIVATIONS["pau"]
    z = np.linspace(-3, 3, 6001)[:, None]
    error = np.abs(
        act.fn(z, act.init_theta(1)) - nn.ACTIVATIONS["leaky_relu"].fn(z, None)
    )
    # The least-squares fit: max error 0.0298 (at z = 0, where f = a_0), RMS 0.005.
    assert error.max() < 0.03
    assert np.sqrt(np.mean(error**2)) < 0.0051
    assert error[np.abs(z) > 0.5].max() < 0.012
    assert act.init_theta(1)[0].tolist() == list(PAU_INIT)
    assert np.all(np.abs(act.init_theta(1)[0, 6:]) > 0.1)  # away from the |b| kink


def test_pau_clips_z_with_a_flat_exact_tail():
    act = nn.ACTIVATIONS["pau"]
    theta = _thetas("pau")["random"]
    edge = np.full((1, N_UNITS), PAU_CLIP)
    far = np.full((1, N_UNITS), 10 * PAU_CLIP)
    for sign in (1.0, -1.0):
        np.testing.assert_array_equal(
            act.fn(sign * far, theta), act.fn(sign * edge, theta)
        )
        a = act.fn(sign * far, theta)
        np.testing.assert_array_equal(act.grad(sign * far, a, theta), 0.0)
        delta = np.ones_like(far)
        np.testing.assert_array_equal(
            act.theta_grad(sign * far, a, theta, delta),
            act.theta_grad(sign * edge, a, theta, delta),
        )
    inside = np.full((1, N_UNITS), 0.99 * PAU_CLIP)
    assert np.all(act.grad(inside, act.fn(inside, theta), theta) != 0.0)


def test_pau_is_registered_with_ten_named_parameters():
    act = nn.get_activation("pau")
    assert act.k == 10 and act.learnable
    assert act.param_names == (
        "a₀",
        "a₁",
        "a₂",
        "a₃",
        "a₄",
        "a₅",
        "b₁",
        "b₂",
        "b₃",
        "b₄",
    )
    assert "b_4 z^4" in act.latex and act.kinks == (0.0,)


def test_unknown_activation_names_the_value():
    with pytest.raises(ValueError, match="got 'padé'"):
        nn.get_activation("padé")
