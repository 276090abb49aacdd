"""Argument checks shared by the public entry points.

Every failure is a ValueError that names the parameter and the value received, so a
user (or the dashboard, which shows the message) knows what to change.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

MAX_HIDDEN_LAYERS = 4
MAX_UNITS = 4096


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise ValueError(
            f"{name} must be one of {', '.join(choices)}; got {_short(value)}"
        )
    return value


def check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    """An integer in [low, high] (bools are not integers here)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{name} must be an integer, got {_short(value)}")
    if value < low or (high is not None and value > high):
        bound = f">= {low}" if high is None else f"between {low} and {high}"
        raise ValueError(f"{name} must be {bound}, got {value}")
    return int(value)


def _as_float(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise ValueError(f"{name} must be a number, got {_short(value)}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def check_positive(name: str, value: object, high: float | None = None) -> float:
    value = _as_float(name, value)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be <= {high:g}, got {value}")
    return value


def check_nonnegative(name: str, value: object, high: float | None = None) -> float:
    value = _as_float(name, value)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be <= {high:g}, got {value}")
    return value


def normalise_hidden(hidden_units: object) -> tuple[int, ...]:
    """An int or a tuple of 1 to 4 ints, each a layer's unit count."""
    layers = (
        (hidden_units,)
        if isinstance(hidden_units, int | np.integer)
        and not isinstance(hidden_units, bool)
        else hidden_units
    )
    if (
        not isinstance(layers, tuple | list)
        or not 1 <= len(layers) <= MAX_HIDDEN_LAYERS
    ):
        raise ValueError(
            "hidden_units must be an integer or a tuple of 1 to "
            f"{MAX_HIDDEN_LAYERS} integers, got {_short(hidden_units)}"
        )
    return tuple(check_int("hidden_units", n, 1, MAX_UNITS) for n in layers)


def check_matrix(name: str, X: object, n_features: int | None = None) -> np.ndarray:
    """A finite, numeric 2-D array (n_samples, n_features) with at least one row."""
    try:
        X = np.asarray(X)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be a 2-D numeric array ({err})") from None
    if X.dtype.kind not in "fiu" or X.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D numeric array (n_samples, n_features), "
            f"got shape {X.shape} of dtype {X.dtype}"
        )
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{name} must have at least one row and column, got {X.shape}")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(
            f"{name} must have {n_features} features (columns), got {X.shape[1]}"
        )
    if X.dtype.kind == "f" and not np.isfinite(X).all():
        bad = int(np.size(X) - np.isfinite(X).sum())
        raise ValueError(f"{name} contains {bad} NaN or infinite value(s)")
    return X


def check_labels(y: object, n_samples: int, n_classes: int | None = None) -> np.ndarray:
    """Integer labels (n_samples,) in 0..n_classes-1."""
    y = np.asarray(y)
    if y.ndim != 1 or len(y) != n_samples:
        raise ValueError(
            f"y must be a 1-D array with one label per row of X ({n_samples}), "
            f"got shape {y.shape}"
        )
    if y.dtype.kind == "f" and np.all(np.isfinite(y)) and np.all(y == np.round(y)):
        y = y.astype(np.int64)
    if y.dtype.kind not in "iu":
        raise ValueError(f"y must hold integer class labels, got dtype {y.dtype}")
    if y.min() < 0 or (n_classes is not None and y.max() >= n_classes):
        top = "n_classes-1" if n_classes is None else str(n_classes - 1)
        raise ValueError(
            f"y must hold labels from 0 to {top}, "
            f"got values from {y.min()} to {y.max()}"
        )
    return y.astype(np.int64, copy=False)


def n_weights(sizes: Iterable[int]) -> int:
    """Weights and biases of a dense network with layer sizes (n_in, ..., n_out)."""
    sizes = tuple(int(n) for n in sizes)
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def training_work(n_samples: int, sizes: Iterable[int], epochs: int) -> int:
    """samples x weights x epochs: the multiply-adds of a run, up to a constant."""
    return int(n_samples) * n_weights(sizes) * int(epochs)


def check_work(n_samples: int, sizes: Iterable[int], epochs: int, max_work: int) -> int:
    """The run's work, or a ValueError saying how many epochs would fit the budget.

    A shared server trains every session in one process, so one huge run would
    starve the others: the message names each thing the user can lower.
    """
    sizes = tuple(sizes)
    work = training_work(n_samples, sizes, epochs)
    if work > max_work:
        fit = max_work // max(training_work(n_samples, sizes, 1), 1)
        raise ValueError(
            f"a run of {epochs:,} epochs on {n_samples:,} samples with "
            f"{n_weights(sizes):,} weights needs {work:.2g} steps of work, more than "
            f"the {max_work:.2g} allowed; lower epochs (at most {fit:,} fit), "
            "hidden units or layers, or use fewer samples"
        )
    return work
