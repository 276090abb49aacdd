"""Tested settings: one per dataset, so every set trains well in one click, and the
lessons, each a setting that shows one phenomenon plus the one change that undoes it.

Plain data shared by the dashboard's presets and the tests that check each preset
really learns and each lesson really shows what its text promises
(tests/test_presets.py, tests/test_lessons.py). The lessons' words live with the
dashboard's text; only their numbers live here.
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


def _tanh(
    dataset: str,
    hidden_units: int,
    learning_rate: float,
    epochs: int,
    noise: float = 0.0,
) -> Preset:
    """One tanh layer trained by plain gradient descent: most sets need no more."""
    config = TrainConfig(
        hidden_units=hidden_units,
        activation="tanh",
        learning_rate=learning_rate,
        epochs=epochs,
    )
    return Preset(dataset, config, noise=noise)


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
    "circles": _tanh("circles", 8, 0.5, 500, noise=0.1),
    "xor": _tanh("xor", 8, 0.5, 500, noise=0.1),
    "gaussians": _tanh("gaussians", 5, 0.3, 200, noise=0.1),
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
    "moons": _tanh("moons", 16, 0.5, 300, noise=0.1),
    "iris": _tanh("iris", 5, 0.1, 150),
    "wine": _tanh("wine", 8, 0.3, 300),
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


class Lesson(NamedTuple):
    """A preset that shows a phenomenon, and the config change that contrasts it."""

    key: str
    preset: Preset
    contrast: dict  # TrainConfig fields to change for the comparison run


LESSONS: dict[str, Lesson] = {
    lesson.key: lesson
    for lesson in (
        # Random labels: training loss falls (memorisation), held-out stays at 1/3.
        Lesson("seed-report", SEED_REPORT._replace(val_fraction=0.3), {}),
        # A linear hidden layer collapses to a linear model, which cannot split XOR.
        Lesson(
            "xor-needs-a-hidden-layer",
            Preset(
                "xor",
                TrainConfig(
                    hidden_units=4, activation="linear", learning_rate=0.5, epochs=500
                ),
                noise=0.1,
            ),
            {"activation": "tanh"},
        ),
        # Each step overshoots the valley by more than it started: the loss explodes.
        Lesson(
            "learning-rate-too-high",
            Preset(
                "moons",
                TrainConfig(
                    hidden_units=16,
                    activation="tanh",
                    learning_rate=30.0,
                    epochs=300,
                ),
                noise=0.1,
            ),
            {"learning_rate": 0.5},
        ),
        # Four sigmoid layers: gradients shrink by <= 1/4 per layer and training stalls.
        Lesson(
            "sigmoid-saturates-deep-nets",
            Preset(
                "spiral",
                TrainConfig(
                    hidden_units=(16, 16, 16, 16),
                    activation="sigmoid",
                    learning_rate=0.3,
                    epochs=600,
                ),
                noise=0.1,
            ),
            {"activation": "relu"},
        ),
        # Big steps push ReLU units to negative z for every sample: they never recover.
        Lesson(
            "dead-relus",
            Preset(
                "spiral",
                TrainConfig(
                    hidden_units=(16, 16),
                    activation="relu",
                    learning_rate=3.0,
                    epochs=300,
                ),
                noise=0.1,
            ),
            {"learning_rate": 0.3},
        ),
        # Swish learns each unit's beta; SiLU is the same curve with beta fixed at 1.
        Lesson(
            "learnable-vs-fixed",
            Preset(
                "spiral",
                TrainConfig(
                    hidden_units=8,
                    activation="swish",
                    learning_rate=0.03,
                    epochs=800,
                    optimizer="adam",
                ),
                noise=0.1,
            ),
            {"activation": "silu"},
        ),
    )
}
