"""Public entry points reject bad input with a ValueError naming the value."""

import numpy as np
import pytest

import nn_core as nn

X = np.random.default_rng(0).standard_normal((20, 3))
y = np.arange(20) % 2


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"hidden_units": 0}, "got 0"),
        ({"hidden_units": -3}, "got -3"),
        ({"hidden_units": (4, 0)}, "got 0"),
        ({"hidden_units": (2, 2, 2, 2, 2)}, "(2, 2, 2, 2, 2)"),
        ({"hidden_units": 2.5}, "2.5"),
        ({"learning_rate": 0.0}, "got 0.0"),
        ({"learning_rate": -1.0}, "got -1.0"),
        ({"learning_rate": float("nan")}, "got nan"),
        ({"learning_rate": float("inf")}, "got inf"),
        ({"learning_rate": 1e9}, "got 1000000000.0"),
        ({"epochs": -1}, "got -1"),
        ({"epochs": 10**9}, "got 1000000000"),
        ({"batch_size": 0}, "got 0"),
        ({"activation": "sigmoidd"}, "'sigmoidd'"),
        ({"activation": ("tanh", "relu")}, "('tanh', 'relu')"),
        ({"optimizer": "sgd2"}, "'sgd2'"),
        ({"init": "zeros"}, "'zeros'"),
        ({"l2": -0.1}, "got -0.1"),
        ({"seed": -5}, "got -5"),
        ({"dtype": "float16"}, "'float16'"),
    ],
)
def test_train_config_rejects_bad_values_naming_them(changes, expected):
    with pytest.raises(ValueError) as info:
        nn.TrainConfig(**changes)
    assert expected in str(info.value)
    assert next(iter(changes)) in str(info.value)


@pytest.mark.parametrize(
    ("X_bad", "y_bad", "expected"),
    [
        (X[:10], y, "one label per row"),
        (np.where(np.eye(20, 3) == 1, np.nan, X), y, "NaN"),
        (np.where(np.eye(20, 3) == 1, np.inf, X), y, "NaN or infinite"),
        (X[:, 0], y, "2-D"),
        (np.array([["a", "b", "c"]] * 20), y, "numeric"),
        (X, np.zeros(20, int), "at least 2 classes"),
        (X, y - 1, "labels from 0"),
        (X, y + 0.5, "integer class labels"),
        (np.zeros((0, 3)), np.zeros(0, int), "at least one row"),
    ],
)
def test_train_rejects_bad_data_at_the_call(X_bad, y_bad, expected):
    with pytest.raises(ValueError, match=expected):
        nn.train(X_bad, y_bad, nn.TrainConfig(epochs=1))


def test_validation_data_must_match():
    with pytest.raises(ValueError, match="together"):
        nn.train(X, y, X_val=X)
    with pytest.raises(ValueError, match="3 features"):
        nn.train(X, y, X_val=X[:, :2], y_val=y)
    with pytest.raises(ValueError, match="labels from 0 to 1"):
        nn.train(X, y, X_val=X, y_val=y + 1, n_classes=2)


def test_resume_with_a_mismatched_state_is_refused():
    state = nn.fit(X, y, nn.TrainConfig(epochs=2)).state
    with pytest.raises(ValueError, match="sizes"):
        nn.train(X, y, nn.TrainConfig(hidden_units=6), state=state)
    with pytest.raises(ValueError, match="optimizer"):
        nn.train(X, y, nn.TrainConfig(optimizer="adam"), state=state)
    with pytest.raises(ValueError, match="epochs must be >= the state's epoch 2"):
        nn.train(X, y, nn.TrainConfig(epochs=1), state=state)


def test_init_network_and_predict_reject_bad_arguments():
    with pytest.raises(ValueError, match="n_classes"):
        nn.init_network(3, 4, 1)
    with pytest.raises(ValueError, match="n_features"):
        nn.init_network(0, 4, 2)
    with pytest.raises(ValueError, match="'swoosh'"):
        nn.init_network(3, 4, 2, activation="swoosh")
    net = nn.init_network(3, 4, 2)
    with pytest.raises(ValueError, match="3 features"):
        nn.predict_proba(net, np.zeros((2, 5)))
    with pytest.raises(ValueError, match="l2 must be >= 0"):
        nn.loss_and_grads(net, X, y, l2=-1)
