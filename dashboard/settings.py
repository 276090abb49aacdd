"""What the sidebar can be set to: choices, defaults, lessons; no Streamlit here.

Widget values live in session state under the keys below (they double as URL query
parameter names), so presets and tests speak the same plain-data language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import nn_core as nn
import wording as text
from nn_core.datasets import TWO_D_DATASETS
from nn_core.presets import DATASET_PRESETS, SEED_REPORT, Preset
from nn_core.presets import LESSONS as CORE_LESSONS

UPLOAD = "upload"
DATASET_CHOICES: tuple[str, ...] = (*nn.DATASET_NAMES, UPLOAD)
DATASET_LABELS: dict[str, str] = text.DATASET_LABELS  # keys: DATASET_CHOICES

# A 1-2-3-5 ladder per decade: a log scale that hits every preset's value. It
# runs to 30, past the 10, for the lesson whose rate is too high.
LEARNING_RATES: tuple[float, ...] = tuple(
    round(m * 10.0**e, 6) for e in range(-4, 2) for m in (1, 2, 3, 5)
)[:-1]
L2_CHOICES: tuple[float, ...] = (0.0, 1e-5, 1e-4, 1e-3, 1e-2, 0.1)
BATCH_CHOICES: tuple[int, ...] = (0, 16, 32, 64, 128, 256)  # 0 = full batch
INIT_LABELS: dict[str, str] = text.INIT_LABELS
OPTIMIZER_LABELS: dict[str, str] = text.OPTIMIZER_LABELS
# Epochs per second; 0 = as fast as the machine goes (tests, benchmarks).
SPEEDS: tuple[int, ...] = (10, 30, 100, 300, 1000, 0)
MAX_LAYERS = 4
HIDDEN_RANGE = (1, 64)
EPOCH_RANGE = (10, 5000, 10)
SAMPLES_REPORT = (30, 1000, 10)
SAMPLES_2D = (30, 2000, 10)
SEED_MAX = 999_999
# Work budget of one run, samples x weights x epochs (nn_core.validation.check_work):
# every session trains in the one server process, so no run may hold it for long.
# The largest lesson needs ~1.3e8; this is a minute or two of one core.
MAX_WORK = 50_000_000_000
NORMAL_FONT = 14  # chart font sizes, px
PRESENT_FONT = 20  # presentation mode, for a projector
PRESENT_HEIGHT = 1.3  # presentation mode: charts this much taller
# Sidebar parts a presenter may hide -> the CSS keys (st-key-*) of what they cover:
# a section's container, or single widgets. Hidden by CSS, never by not drawing
# them: a widget not drawn loses its value (and its place in the URL).
PRESENT_HIDEABLE: dict[str, tuple[str, ...]] = {
    "Lessons": ("side-lessons",),
    "Data": ("side-data",),
    "Network": ("side-network",),
    "Training": ("side-training",),
    "Advanced training": ("batch", "opt", "l2", "init", "seed"),
}
ACTIVATION_KEYS = tuple(f"act{i}" for i in range(1, MAX_LAYERS + 1))


def fmt_number(value: float) -> str:
    """Short, stable text for a number: also its form in the URL."""
    return "0" if value == 0 else f"{value:g}"


def fmt_batch(size: int) -> str:
    return text.FULL_BATCH if size == 0 else str(size)


def fmt_speed(speed: int) -> str:
    return text.FULL_SPEED if speed == 0 else text.SPEED.format(speed=speed)


def fmt_activation(name: str) -> str:
    act = nn.ACTIVATIONS.get(name)
    return act.display_name if act else name


def widget_values(preset: Preset) -> dict[str, Any]:
    """A core preset as sidebar widget values (session-state key -> value)."""
    cfg = preset.config
    layers = cfg.hidden_layers
    values: dict[str, Any] = {
        "data": preset.dataset,
        "val": preset.val_fraction,
        "hidden": layers[0],
        "layers": len(layers),
        "lr": cfg.learning_rate,
        "epochs": cfg.epochs,
        "batch": cfg.batch_size or 0,
        "opt": cfg.optimizer,
        "l2": cfg.l2,
        "init": cfg.init,
        "seed": cfg.seed,
    }
    for key, name in zip(ACTIVATION_KEYS, cfg.activations, strict=False):
        values[key] = name
    if preset.dataset in TWO_D_DATASETS:
        values["noise"] = preset.noise
        values["n_2d"] = preset.n_samples or 300
    if preset.dataset == "seed-report":
        values["n_report"] = preset.n_samples or 100
    return values


LESSON_TITLES: dict[str, str] = text.LESSON_TITLES


def lesson_title(key: str) -> str:
    """A readable title for a core lesson key."""
    return LESSON_TITLES.get(key, key.replace("-", " ").capitalize())


LESSONS: dict[str, Preset] = {
    text.LESSON_REFERENCE: SEED_REPORT,
    **{lesson_title(key): lesson.preset for key, lesson in CORE_LESSONS.items()},
    **{
        text.LESSON_GOOD_START.format(dataset=DATASET_LABELS[name]): preset
        for name, preset in DATASET_PRESETS.items()
        if name != "seed-report"
    },
}

# Every widget's starting value: the seed report, plus neutral values for the rest.
DEFAULTS: dict[str, Any] = {
    "lesson": next(iter(LESSONS)),
    "noise": 0.1,
    "n_2d": 300,
    "n_report": 100,
    **{key: "relu" for key in ACTIVATION_KEYS},
    "speed": 100,
    "present": False,
    "hide": ["Advanced training"],  # sidebar parts hidden while presenting
    **widget_values(SEED_REPORT),
}


@dataclass(frozen=True)
class DataSpec:
    """Which data a run trains on: enough to load it again, compared on change."""

    name: str
    n_samples: int | None
    noise: float
    val_fraction: float
    seed: int
    upload_token: str | None = None

    def describe(self) -> str:
        """A short human description for notices."""
        label = DATASET_LABELS.get(self.name, self.name)
        return text.DATA_DESCRIPTION.format(label=label, val_fraction=self.val_fraction)


@dataclass(frozen=True)
class Settings:
    """The sidebar's current choices, as the runner needs them."""

    data: DataSpec
    config: nn.TrainConfig
    speed: int
    font_size: int


def data_spec(values: dict[str, Any], upload_token: str | None) -> DataSpec:
    """The data part of the widget values."""
    name = values["data"]
    n_samples = None
    noise = 0.0
    if name == "seed-report":
        n_samples = int(values["n_report"])
    elif name in TWO_D_DATASETS:
        n_samples, noise = int(values["n_2d"]), float(values["noise"])
    token = upload_token if name == UPLOAD else None
    return DataSpec(
        name, n_samples, noise, float(values["val"]), int(values["seed"]), token
    )


def train_config(values: dict[str, Any]) -> nn.TrainConfig:
    """The training part of the widget values; ValueError if the core rejects it."""
    layers = int(values["layers"])
    hidden = (int(values["hidden"]),) * layers
    activation = tuple(values[key] for key in ACTIVATION_KEYS[:layers])
    return nn.TrainConfig(
        hidden_units=hidden,
        activation=activation,
        learning_rate=float(values["lr"]),
        epochs=int(values["epochs"]),
        batch_size=int(values["batch"]) or None,
        optimizer=values["opt"],
        l2=float(values["l2"]),
        init=values["init"],
        seed=int(values["seed"]),
    )


# Fields that a running network can take on from the next chunk (-> their name
# in notices).
SOFT_FIELDS: dict[str, str] = {
    field: text.SOFT_FIELD_NAMES[field]
    for field in ("learning_rate", "l2", "batch_size", "epochs")
}
# Fields that define the network or its start: changing them needs a new run.
HARD_FIELDS: dict[str, str] = {
    field: text.HARD_FIELD_NAMES[field]
    for field in ("hidden_units", "activation", "init", "seed", "optimizer")
}
