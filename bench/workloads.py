"""The three core workloads of issue 2/7, their data and their TrainConfig."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

import nn_core as nn


class Workload(NamedTuple):
    name: str
    n_samples: int
    n_features: int
    hidden_units: int
    n_classes: int
    epochs: int
    batch_size: int | None
    activation: str
    learning_rate: float
    repeats: int  # interleaved rounds in the bench

    def config(self, dtype: str = "float64") -> nn.TrainConfig:
        return nn.TrainConfig(
            hidden_units=self.hidden_units,
            activation=self.activation,
            learning_rate=self.learning_rate,
            epochs=self.epochs,
            batch_size=self.batch_size,
            seed=0,
            dtype=dtype,
        )

    def matmul_flops(self) -> float:
        """Multiply-add flops of the matrix products one ``fit`` performs.

        Per sample and update: forward (X W1, a W2), backward (a_prev^T delta for
        both layers, delta W2^T); with mini-batches, one forward pass over the whole
        set per epoch for the recorded loss. Elementwise work is not counted.
        """
        d, h, c = self.n_features, self.hidden_units, self.n_classes
        forward = 2.0 * (d * h + h * c)
        backward = 2.0 * (d * h + h * c) + 2.0 * h * c
        n = self.n_samples
        if self.batch_size is None:  # epochs + 1 forward passes, epochs updates
            return n * ((self.epochs + 1) * forward + (self.epochs + 1) * backward)
        per_epoch = n * (forward + backward) + n * forward
        return n * (forward + backward) + self.epochs * per_epoch


WORKLOADS = (
    Workload("seed", 100, 10, 5, 3, 500, None, "sigmoid", 0.01, repeats=11),
    Workload("medium", 10_000, 64, 128, 10, 20, 256, "relu", 0.1, repeats=5),
    Workload("large", 60_000, 784, 256, 10, 2, 128, "relu", 0.1, repeats=3),
)


def make_data(w: Workload, dtype: str = "float64") -> tuple[np.ndarray, np.ndarray]:
    """X ~ N(0, 1); labels from a random linear teacher, so the loss can fall."""
    if w.name == "seed":
        data = nn.load_dataset("seed-report", seed=0)
        return data.X.astype(dtype), data.y.copy()  # writable, for torch
    rng = np.random.default_rng(1234)
    X = rng.standard_normal((w.n_samples, w.n_features))
    teacher = rng.standard_normal((w.n_features, w.n_classes))
    y = (X @ teacher).argmax(axis=1).astype(np.int64)
    return X.astype(dtype), y
