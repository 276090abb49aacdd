"""Optimizers: their update rules, that they learn (learnable activations too), exact
pause/resume with their moments, and random configurations that never misbehave."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import nn_core as nn
from nn_core import optimizers
from nn_core.optimizers import ADAM_BETA1, ADAM_BETA2, ADAM_EPS, MOMENTUM

GAUSSIANS = nn.load_dataset("gaussians", seed=0)
SPIRAL = nn.load_dataset("spiral", seed=0)
LEARNING_RATES = {"gd": 0.5, "momentum": 0.1, "adam": 0.02}


def _params(net: nn.Network) -> list[np.ndarray]:
    return [p for layer in net.layers for p in layer]


def _net_and_grads(activation=("prelu", "pau"), seed=0):
    rng = np.random.default_rng(seed)
    net = nn.init_network(2, (4, 3), 3, activation, rng=rng)
    _, grads = nn.loss_and_grads(net, SPIRAL.X[:40], SPIRAL.y[:40])
    return net, grads


# --- update rules ----------------------------------------------------------------


def test_gradient_descent_moves_every_parameter_theta_too_against_its_gradient():
    net, grads = _net_and_grads()
    new, state = optimizers.step(optimizers.init_state("gd", net), net, grads, 0.1)
    for p, g, q in zip(_params(net), _params(grads), _params(new), strict=True):
        np.testing.assert_array_equal(q, p - 0.1 * g)
    assert state.step == 1 and state.moments == ()
    assert np.abs(grads.layers[0].theta).max() > 0  # theta really was updated


def test_momentum_two_steps_by_hand():
    net, g1 = _net_and_grads()
    state = optimizers.init_state("momentum", net)
    net1, state = optimizers.step(state, net, g1, 0.1)
    _, g2 = nn.loss_and_grads(net1, SPIRAL.X[:40], SPIRAL.y[:40])
    net2, state = optimizers.step(state, net1, g2, 0.1)
    for p0, a, b, p2, v in zip(
        _params(net), _params(g1), _params(g2), _params(net2),
        _params(state.moments[0]), strict=True,
    ):  # fmt: skip
        v1 = -0.1 * a
        v2 = MOMENTUM * v1 - 0.1 * b
        np.testing.assert_allclose(v, v2, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(p2, p0 + v1 + v2, rtol=1e-12, atol=1e-15)
    assert state.step == 2


def test_adam_two_steps_follow_kingma_and_ba():
    # Algorithm 1 of Kingma & Ba (2015) in its "more efficient" order (section 2):
    # alpha_t = alpha sqrt(1 - beta2^t) / (1 - beta1^t),
    # theta -= alpha_t m / (sqrt(v) + eps).
    net, g1 = _net_and_grads()
    state = optimizers.init_state("adam", net)
    net1, state = optimizers.step(state, net, g1, 0.01)
    _, g2 = nn.loss_and_grads(net1, SPIRAL.X[:40], SPIRAL.y[:40])
    net2, state = optimizers.step(state, net1, g2, 0.01)
    for p0, a, b, p2 in zip(
        _params(net), _params(g1), _params(g2), _params(net2), strict=True
    ):
        p, m, v = p0.copy(), np.zeros_like(p0), np.zeros_like(p0)
        for t, g in ((1, a), (2, b)):
            m = ADAM_BETA1 * m + (1 - ADAM_BETA1) * g
            v = ADAM_BETA2 * v + (1 - ADAM_BETA2) * g * g
            alpha_t = 0.01 * math.sqrt(1 - ADAM_BETA2**t) / (1 - ADAM_BETA1**t)
            p = p - alpha_t * m / (np.sqrt(v) + ADAM_EPS)
        np.testing.assert_allclose(p2, p, rtol=1e-12, atol=1e-15)
    assert state.step == 2 and len(state.moments) == 2


def test_adams_first_step_is_the_learning_rate_times_the_sign():
    net, grads = _net_and_grads()
    new, _ = optimizers.step(optimizers.init_state("adam", net), net, grads, 0.01)
    assert np.abs(grads.layers[0].theta).max() > 1e-3
    for p, g, q in zip(_params(net), _params(grads), _params(new), strict=True):
        # |step| = lr |g| / (|g| + eps / sqrt(1 - beta2)): lr to 3e-4 once |g| > 1e-3
        big = np.abs(g) > 1e-3
        np.testing.assert_allclose((p - q)[big], 0.01 * np.sign(g[big]), rtol=4e-4)
        assert np.all(np.abs(p - q) <= 0.01)


@pytest.mark.parametrize("name", nn.OPTIMIZERS)
def test_step_leaves_its_inputs_alone_and_hands_out_read_only_arrays(name):
    net, grads = _net_and_grads()
    state = optimizers.init_state(name, net)
    copies = [p.copy() for p in _params(net) + _params(grads)]
    new, new_state = optimizers.step(state, net, grads, 0.1)
    for p, c in zip(_params(net) + _params(grads), copies, strict=True):
        np.testing.assert_array_equal(p, c)
    handed_out = _params(new) + [p for m in new_state.moments for p in _params(m)]
    assert all(not p.flags.writeable for p in handed_out)
    assert all(m.activations == net.activations for m in new_state.moments)


@pytest.mark.parametrize("name", nn.OPTIMIZERS)
def test_float32_parameters_and_moments_stay_float32(name):
    net = nn.init_network(2, 4, 3, "pau", rng=np.random.default_rng(0), dtype="float32")
    _, grads = nn.loss_and_grads(net, SPIRAL.X[:20], SPIRAL.y[:20])
    state = optimizers.init_state(name, net)
    for _ in range(2):
        net, state = optimizers.step(state, net, grads, 0.01)
    arrays = _params(net) + [p for m in state.moments for p in _params(m)]
    assert all(p.dtype == np.float32 for p in arrays)


# --- learning ----------------------------------------------------------------------


@pytest.mark.parametrize("activation", ["tanh", "prelu", "swish", "apl", "pau"])
@pytest.mark.parametrize("optimizer", nn.OPTIMIZERS)
def test_each_optimizer_learns_a_separable_set(optimizer, activation):
    cfg = nn.TrainConfig(
        hidden_units=8,
        activation=activation,
        learning_rate=LEARNING_RATES[optimizer],
        epochs=40,
        optimizer=optimizer,
    )
    history = nn.fit(GAUSSIANS.X, GAUSSIANS.y, cfg).history
    assert history[-1].loss < 0.5 * history[0].loss
    assert history[-1].accuracy >= 0.95


# --- pause and resume ------------------------------------------------------------


@pytest.mark.parametrize("batch_size", [None, 32])
@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
@pytest.mark.parametrize("pause_at", [1, 6])
def test_pause_and_resume_is_bit_for_bit(optimizer, batch_size, pause_at):
    cfg = nn.TrainConfig(
        hidden_units=(6, 5),
        activation=("pau", "apl"),
        learning_rate=LEARNING_RATES[optimizer] / 5,
        epochs=12,
        optimizer=optimizer,
        batch_size=batch_size,
    )
    X, y = SPIRAL.X, SPIRAL.y
    whole = list(nn.train(X, y, cfg, n_classes=3))
    first = []
    for rec in nn.train(X, y, cfg, n_classes=3):
        first.append(rec)
        if rec.epoch == pause_at:
            break
    paused = first[-1].state
    assert paused.optimizer.name == optimizer and paused.optimizer.step > 0
    rest = list(nn.train(X, y, cfg, n_classes=3, state=paused))
    assert [r.epoch for r in rest] == list(range(pause_at + 1, 13))
    assert [r.loss for r in first + rest] == [r.loss for r in whole]
    assert [r.grad_norms for r in first + rest] == [r.grad_norms for r in whole]
    end, expected = rest[-1].state, whole[-1].state
    for p, q in zip(_params(end.network), _params(expected.network), strict=True):
        assert np.array_equal(p, q)
    assert end.optimizer.step == expected.optimizer.step
    for m, n in zip(end.optimizer.moments, expected.optimizer.moments, strict=True):
        assert all(np.array_equal(p, q) for p, q in zip(_params(m), _params(n)))


# --- random configurations -------------------------------------------------------


@st.composite
def configurations(draw):
    n_layers = draw(st.integers(1, 2))
    hidden = tuple(draw(st.integers(1, 8)) for _ in range(n_layers))
    activation = tuple(draw(st.sampled_from(list(nn.ACTIVATIONS))) for _ in hidden)
    cfg = nn.TrainConfig(
        hidden_units=hidden,
        activation=activation,
        learning_rate=10 ** draw(st.floats(-4, 1)),
        epochs=draw(st.integers(1, 4)),
        batch_size=draw(st.one_of(st.none(), st.integers(1, 39))),
        optimizer=draw(st.sampled_from(nn.OPTIMIZERS)),
        l2=draw(st.sampled_from([0.0, 1e-3, 0.1])),
        init=draw(st.sampled_from(["xavier", "he", "normal"])),
        seed=draw(st.integers(0, 2**32 - 1)),
        dtype=draw(st.sampled_from(["float64", "float32"])),
    )
    n_features = draw(st.integers(1, 4))
    n_classes = draw(st.integers(2, 4))
    # Each feature its own scale, from 1e-3 to 1e3: raw, unstandardised data.
    scales = np.array([10 ** draw(st.floats(-3, 3)) for _ in range(n_features)])
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = rng.standard_normal((N_RANDOM, n_features)) * scales
    y = rng.permutation(np.arange(N_RANDOM) % n_classes)  # every class present
    return cfg, X, y, n_classes


N_RANDOM = 40
RANDOM_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same 40 cases on every run and machine
    suppress_health_check=[HealthCheck.too_slow],
)


def _event(text: str) -> None:
    """Label a hypothesis example; a no-op when called outside @given."""
    from hypothesis.control import currently_in_test_context

    if currently_in_test_context():
        event(text)


def _train_or_stop_cleanly(cfg, X, y, n_classes):
    """Train with warnings as errors: finite numbers, or a clean stop."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning is a failure too
        try:
            result = nn.fit(X, y, cfg, n_classes=n_classes)
        except nn.TrainingDiverged as err:
            _event("diverged")
            assert all(math.isfinite(r.loss) for r in err.history)
            assert all(np.isfinite(p).all() for p in _params(err.state.network))
            return
        except ValueError as err:
            _event(f"ValueError: {err}")
            return
        P = nn.predict_proba(result.network, X)
    _event("trained")
    assert len(result.history) == cfg.epochs + 1
    assert all(math.isfinite(r.loss) for r in result.history)
    assert all(np.isfinite(p).all() for p in _params(result.network))
    assert all(p.dtype == np.dtype(cfg.dtype) for p in _params(result.network))
    assert P.shape == (len(X), n_classes)
    assert np.isfinite(P).all() and (P >= 0).all()
    atol = 1e-12 if cfg.dtype == "float64" else 1e-5
    np.testing.assert_allclose(P.sum(axis=1), 1.0, atol=atol)


@RANDOM_SETTINGS
@given(configurations())
def test_random_configurations_train_or_stop_cleanly(case):
    _train_or_stop_cleanly(*case)


def test_mini_batches_stop_cleanly_when_they_diverge_within_an_epoch():
    # Hypothesis's smallest case: 40 single-sample steps with lr 1 on inputs of
    # size ~100 multiply a linear net's weights ~100-fold per step, to overflow
    # (float64) within the first epoch, before its end-of-epoch check can stop it.
    rng = np.random.default_rng(0)
    X = 100.0 * rng.standard_normal((40, 1))
    y = np.arange(40) % 2
    cfg = nn.TrainConfig(
        hidden_units=(1, 1), activation="linear", learning_rate=1.0, epochs=1,
        batch_size=1,
    )  # fmt: skip
    _train_or_stop_cleanly(cfg, X, y, 2)
