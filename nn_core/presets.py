"""Tested starting settings: one per dataset, so every set trains well in one click.

Plain data shared by the CLI, the dashboard's presets and the tests that check each
preset really learns (tests/test_presets.py).
"""

from __future__ import annotations

from typing import NamedTuple

from .training import TrainConfig


class Preset(NamedTuple):
    """A dataset with how to draw and split it, and the training settings."""

    dataset: str
    config: TrainConfig
    noise: float = 0.0
    n_samples: int | None = None
    val_fraction: float = 0.3


# The report's own settings: its numbers are the reference curve.
SEED_REPORT = Preset("seed-report", TrainConfig(), val_fraction=0.0)

SEED_REPORT_LOG: tuple[tuple[int, float], ...] = (
    (0, 1.2587),
    (100, 1.1907),
    (200, 1.1536),
    (300, 1.1325),
    (400, 1.1193),
)

DATASET_PRESETS: dict[str, Preset] = {
    "seed-report": SEED_REPORT,
    "circles": Preset(
        "circles",
        TrainConfig(hidden_units=8, activation="tanh", learning_rate=0.5, epochs=500),
        noise=0.1,
    ),
    "xor": Preset(
        "xor",
        TrainConfig(hidden_units=8, activation="tanh", learning_rate=0.5, epochs=500),
        noise=0.1,
    ),
    "gaussians": Preset(
        "gaussians",
        TrainConfig(hidden_units=5, activation="tanh", learning_rate=0.3, epochs=200),
        noise=0.1,
    ),
    "spiral": Preset(
        "spiral",
        TrainConfig(
            hidden_units=(32, 32),
            activation="relu",
            learning_rate=0.05,
            epochs=500,
            optimizer="adam",
        ),
        noise=0.1,
    ),
    "moons": Preset(
        "moons",
        TrainConfig(hidden_units=16, activation="tanh", learning_rate=0.5, epochs=300),
        noise=0.1,
    ),
    "iris": Preset(
        "iris",
        TrainConfig(hidden_units=5, activation="tanh", learning_rate=0.1, epochs=150),
    ),
    "wine": Preset(
        "wine",
        TrainConfig(hidden_units=8, activation="tanh", learning_rate=0.3, epochs=300),
    ),
    "digits": Preset(
        "digits",
        TrainConfig(
            hidden_units=32,
            activation="relu",
            learning_rate=0.1,
            epochs=30,
            batch_size=64,
        ),
    ),
}
