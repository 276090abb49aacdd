"""Each lesson shows what its text promises, on the data and seed it ships with."""

import numpy as np
import pytest

import nn_core as nn
from nn_core.diagnostics import layer_health
from nn_core.presets import LESSONS, Lesson


def _run(lesson: Lesson, seed: int = 0, **changes):
    preset = lesson.preset
    data = nn.load_dataset(preset.dataset, preset.n_samples, preset.noise, seed=seed)
    train, val = nn.split(data, preset.val_fraction, seed=seed)
    config = preset.config.replace(seed=seed, **changes)
    result = nn.fit(train.X, train.y, config, X_val=val.X, y_val=val.y)
    return result, train


def _contrast(lesson: Lesson, seed: int = 0):
    return _run(lesson, seed, **lesson.contrast)


@pytest.mark.parametrize("seed", [0, 1])
def test_seed_report_memorises_random_labels(seed):
    result, _ = _run(LESSONS["seed-report"], seed)
    history = result.history
    assert history[-1].loss < history[0].loss
    assert history[-1].val_accuracy < 0.5  # chance is 1/3


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_xor_needs_a_nonlinear_hidden_layer(seed):
    lesson = LESSONS["xor-needs-a-hidden-layer"]
    linear, _ = _run(lesson, seed)
    tanh, _ = _contrast(lesson, seed)
    assert linear.history[-1].val_accuracy < 0.7
    assert tanh.history[-1].val_accuracy > 0.9


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_learning_rate_too_high_diverges_and_a_small_one_learns(seed):
    lesson = LESSONS["learning-rate-too-high"]
    with pytest.raises(nn.TrainingDiverged):
        _run(lesson, seed)
    calm, _ = _contrast(lesson, seed)
    assert calm.history[-1].val_accuracy > 0.9


@pytest.mark.parametrize("seed", [0, 1])
def test_deep_sigmoid_stalls_where_relu_trains(seed):
    lesson = LESSONS["sigmoid-saturates-deep-nets"]
    sigmoid, _ = _run(lesson, seed)
    relu, _ = _contrast(lesson, seed)
    assert sigmoid.history[-1].loss > 1.0  # ln 3 = 1.0986 is knowing nothing
    assert relu.history[-1].loss < 0.5


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_large_learning_rate_kills_relus(seed):
    lesson = LESSONS["dead-relus"]
    big, train = _run(lesson, seed)
    small, _ = _contrast(lesson, seed)
    dead_big = np.mean([h.dead_share for h in layer_health(big.network, train.X)])
    dead_small = np.mean([h.dead_share for h in layer_health(small.network, train.X)])
    assert dead_big >= 0.3
    assert dead_small < dead_big / 2
    assert big.history[-1].loss > small.history[-1].loss


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_learnable_swish_fits_better_than_its_fixed_twin(seed):
    # Honest claim: lower training loss; held-out accuracy about the same.
    lesson = LESSONS["learnable-vs-fixed"]
    swish, _ = _run(lesson, seed)
    silu, _ = _contrast(lesson, seed)
    assert swish.history[-1].loss < silu.history[-1].loss
    assert abs(swish.history[-1].val_accuracy - silu.history[-1].val_accuracy) < 0.06
    assert not np.allclose(swish.network.layers[0].theta, 1.0)  # beta moved


def test_layer_health_flags_saturated_and_dead_units():
    X = np.linspace(-1, 1, 40)[:, None]
    W = np.array([[1.0, 100.0, 1.0]])
    b = np.array([0.0, 0.0, -5.0])
    hidden = nn.Layer(W, b, np.zeros((3, 0)))
    out = nn.Layer(np.ones((3, 2)), np.zeros(2), np.zeros((2, 0)))
    relu = layer_health(nn.Network((hidden, out), ("relu",)), X)[0]
    assert relu.dead.tolist() == [False, False, True]  # z < 0 everywhere: always 0
    sigmoid = layer_health(nn.Network((hidden, out), ("sigmoid",)), X)[0]
    assert sigmoid.saturated.tolist() == [False, True, True]
    assert sigmoid.dead.tolist() == [False, False, False]
    assert sigmoid.slopes.shape == (40, 3)
