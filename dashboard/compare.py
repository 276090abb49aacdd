"""Comparing runs as plain data: kept-run summaries, the activation race, the sweep.

No Streamlit here. A summary is a small dict of lists, strings and floats (never a
network), so session state can keep several and a rerun can redraw them. The race
and the sweep train through the core (``nn.fit``, ``nn.sweep.run``) on a capped
share of the current data, so one click stays a few seconds long.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

import figures
import nn_core as nn
import wording as text
from dashboard import probes
from dashboard.run import Run
from dashboard.settings import (
    DATASET_LABELS,
    INIT_LABELS,
    OPTIMIZER_LABELS,
    DataSpec,
    fmt_batch,
)

MAX_KEPT = 8  # kept runs; keeping one more drops the oldest
MAX_HISTORY_POINTS = 500  # per kept curve: plenty for a chart, small in memory
Z_LIMIT = 4.0  # learned curves are sampled on the same z grid for every run
Z_POINTS = 161

# The race and the sweep are bounded so a click costs seconds, not minutes.
RACE_ACTIVATIONS = ("sigmoid", "relu", "prelu", "swish", "pau")
RACE_MAX_EPOCHS = 300
SWEEP_MAX_EPOCHS = 200
MAX_SAMPLES = 500  # training (and validation) samples used by the race and sweep
SWEEP_LEARNING_RATES = (0.01, 0.1, 1.0, 10.0)
SWEEP_HIDDEN_UNITS = (2, 5, 16, 32)
HIDDEN_CHOICES = (1, 2, 3, 4, 5, 8, 10, 16, 24, 32, 48, 64)
MAX_SWEEP_AXIS = 6  # values per sweep axis: at most 36 configurations

# Settings shown in the table, in order; each value is a short string so that
# "differs" is a plain comparison.
SETTING_NAMES = (
    "Data",
    "Training samples",
    "Validation",
    "Hidden units",
    "Activation",
    "Learning rate",
    "Epochs",
    "Batch",
    "Optimizer",
    "L2",
    "Initial weights",
    "Seed",
)
FINAL_NAMES = (
    "Loss",
    "Accuracy",
    "Validation loss",
    "Validation accuracy",
    "Diverged at epoch",
)

Progress = Callable[[int, int, str], Any]  # (done, total, what comes next)


# ---------------------------------------------------------------- summaries


def short_activation(name: str) -> str:
    """'Swish-β (learnable β)' -> 'Swish-β': short enough for a legend."""
    act = nn.ACTIVATIONS.get(name)
    return act.display_name.split(" (")[0] if act else name


def settings_of(spec: DataSpec, config: nn.TrainConfig, n_train: int) -> dict:
    """A run's settings as the table shows them (name -> short text)."""
    acts = list(dict.fromkeys(short_activation(a) for a in config.activations))
    return {
        "Data": DATASET_LABELS.get(spec.name, spec.name).split(" (")[0],
        "Training samples": str(n_train),
        "Validation": f"{spec.val_fraction:.0%}",
        "Hidden units": " × ".join(str(h) for h in config.hidden_layers),
        "Activation": ", ".join(acts),
        "Learning rate": f"{config.learning_rate:g}",
        "Epochs": str(config.epochs),
        "Batch": fmt_batch(config.batch_size or 0),
        "Optimizer": OPTIMIZER_LABELS.get(config.optimizer, config.optimizer),
        "L2": f"{config.l2:g}",
        "Initial weights": INIT_LABELS.get(config.init, config.init),
        "Seed": str(config.seed),
    }


def learned_curves(network: nn.Network) -> list[dict]:
    """Each hidden layer's activation on a shared z grid: the median unit's curve
    and the range over units (learnable ones differ per unit; fixed ones do not)."""
    curves = []
    for layer, name in zip(network.layers, network.activations, strict=False):
        c = probes.curve(name, layer.theta, -Z_LIMIT, Z_LIMIT, Z_POINTS)
        curves.append(
            {
                "activation": name,
                "z": c.z.tolist(),
                "mid": np.median(c.fa, axis=0).tolist(),
                "low": c.fa.min(axis=0).tolist(),
                "high": c.fa.max(axis=0).tolist(),
            }
        )
    return curves


def _thinned(history: Mapping[str, Sequence]) -> dict[str, list]:
    """Epoch, loss and accuracy lists, at most MAX_HISTORY_POINTS long."""
    keys = ("epoch", "loss", "accuracy", "val_loss", "val_accuracy")
    n = len(history.get("epoch", ()))
    keep = figures.thin(n, MAX_HISTORY_POINTS)
    return {
        k: [_plain(history[k][i]) for i in keep] if k in history else [] for k in keys
    }


def _plain(value: Any) -> float | int | None:
    """A history value as a plain Python number (None stays None)."""
    if value is None:
        return None
    return int(value) if isinstance(value, int | np.integer) else float(value)


def summary(
    label: str,
    settings: dict,
    history: Mapping[str, Sequence],
    network: nn.Network,
    diverged_epoch: int | None = None,
    source: str = "kept",
) -> dict:
    """A compact, plain-data record of one run: what the Compare tab keeps."""
    h = _thinned(history)
    last = {k: (h[k][-1] if h[k] else None) for k in h}
    return {
        "label": label,
        "source": source,
        "settings": dict(settings),
        "history": h,
        "final": {
            "epoch": last["epoch"],
            "Loss": last["loss"],
            "Accuracy": last["accuracy"],
            "Validation loss": last["val_loss"],
            "Validation accuracy": last["val_accuracy"],
            "Diverged at epoch": diverged_epoch,
        },
        "curves": learned_curves(network),
    }


def summarise_run(run: Run, name: str = "") -> dict:
    """The current run as a kept summary; ``name`` replaces the automatic label."""
    settings = settings_of(run.spec, run.config, run.train.n_samples)
    settings["Epochs"] = str(run.epoch)  # what it trained, not what it was set to
    diverged = None if run.diverged is None else run.diverged.epoch
    s = summary(name.strip(), settings, run.history, run.network, diverged)
    s["run_id"] = run.run_id
    return s


def keep(kept: Sequence[dict], new: dict, limit: int = MAX_KEPT) -> list[dict]:
    """The kept list with ``new`` added (a new list): the same run at the same epoch
    replaces its earlier copy, and past ``limit`` the oldest goes."""
    key = (new.get("run_id"), new["final"]["epoch"])
    out = [s for s in kept if (s.get("run_id"), s["final"]["epoch"]) != key]
    out.append(new)
    return out[-limit:]


def remove(kept: Sequence[dict], index: int) -> list[dict]:
    """The kept list without entry ``index`` (a new list; a bad index: no change)."""
    return [s for i, s in enumerate(kept) if i != index]


# ---------------------------------------------------------------- what differs


def differing(summaries: Sequence[Mapping]) -> list[str]:
    """Settings whose values are not the same for every summary (table order)."""
    return [
        name
        for name in SETTING_NAMES
        if len({s["settings"].get(name) for s in summaries}) > 1
    ]


def labels(summaries: Sequence[Mapping]) -> list[str]:
    """A legend label per summary: its own name, else the settings that differ
    (else its run number); repeated labels get a number so lines stay apart."""
    differ = [d for d in differing(summaries) if d != "Training samples"]
    out = []
    for i, s in enumerate(summaries):
        label = s.get("label") or ", ".join(
            _short_setting(d, s["settings"].get(d, "")) for d in differ
        )
        out.append(label or text.COMPARE_RUN.format(run_id=s.get("run_id", i + 1)))
    seen: dict[str, int] = {}
    for label in out:
        seen[label] = seen.get(label, 0) + 1
    return [
        f"{label} (#{i + 1})" if seen[label] > 1 else label
        for i, label in enumerate(out)
    ]


def _short_setting(name: str, value: str) -> str:
    """A setting as a few words for a legend: 'lr 0.1', '16 units', 'relu'."""
    return text.COMPARE_SHORT.get(name, "{value}").format(value=value)


def table_rows(summaries: Sequence[Mapping]) -> list[dict]:
    """One row per summary: label, the settings that differ, the final numbers,
    then the shared settings (the columns a reader needs first come first)."""
    differ = differing(summaries)
    shared = [n for n in SETTING_NAMES if n not in differ]
    rows = []
    for label, s in zip(labels(summaries), summaries, strict=True):
        row: dict[str, Any] = {"Run": label}
        row.update({name: s["settings"].get(name, "") for name in differ})
        row.update({name: s["final"].get(name) for name in FINAL_NAMES})
        row.update({name: s["settings"].get(name, "") for name in shared})
        rows.append(row)
    return rows


def series(summaries: Sequence[Mapping], metric: str) -> list[dict]:
    """One curve per summary, as ``figures.compare_figure`` takes them."""
    return [
        {
            "label": label,
            "epochs": s["history"]["epoch"],
            "values": s["history"][metric],
        }
        for label, s in zip(labels(summaries), summaries, strict=True)
    ]


def curves_of_layer(summaries: Sequence[Mapping], layer: int) -> list[dict]:
    """The learned curves of one hidden layer, one per summary that has it."""
    out = []
    for label, s in zip(labels(summaries), summaries, strict=True):
        if layer < len(s["curves"]):
            c = s["curves"][layer]
            out.append({"label": label, **c})
    return out


def has_validation(summaries: Sequence[Mapping]) -> bool:
    """Whether any summary has validation numbers to draw."""
    return any(v is not None for s in summaries for v in s["history"]["val_loss"])


# ---------------------------------------------------------------- bounded data


def capped(data: nn.Dataset | None, seed: int, limit: int = MAX_SAMPLES):
    """At most ``limit`` samples of a dataset: a seeded random subset, same every
    time, so every configuration of a race or sweep sees the same rows."""
    if data is None or data.n_samples <= limit:
        return data
    rows = np.sort(np.random.default_rng(seed).permutation(data.n_samples)[:limit])
    X, y = np.asarray(data.X)[rows], np.asarray(data.y)[rows]
    return nn.Dataset(
        X, y, data.feature_names, data.class_names, data.name, data.mean, data.scale
    )


def _arrays(train: nn.Dataset, val: nn.Dataset | None) -> dict:
    return {
        "X_val": None if val is None else val.X,
        "y_val": None if val is None else val.y,
        "n_classes": train.n_classes,
    }


# ---------------------------------------------------------------- the race


def race_config(config: nn.TrainConfig, activation: str) -> nn.TrainConfig:
    """The current network and training settings with one activation everywhere,
    trained for at most RACE_MAX_EPOCHS."""
    epochs = min(config.epochs, RACE_MAX_EPOCHS)
    return config.replace(activation=activation, epochs=epochs)


def race(
    run: Run, activations: Sequence[str], progress: Progress | None = None
) -> list[dict]:
    """Train the current setup once per activation (same data, seed and shapes);
    one summary each, in the order given. Divergence is recorded, never raised."""
    train = capped(run.train, run.config.seed)
    val = capped(run.val, run.config.seed)
    out = []
    for done, name in enumerate(activations):
        if progress is not None:
            progress(done, len(activations), short_activation(name))
        config = race_config(run.config, name)
        try:
            result = nn.fit(train.X, train.y, config, **_arrays(train, val))
            history, network, diverged = result.history, result.network, None
        except nn.TrainingDiverged as err:
            history, network, diverged = err.history, err.state.network, err.epoch
        columns = {
            key: [getattr(r, key) for r in history]
            for key in ("epoch", "loss", "accuracy", "val_loss", "val_accuracy")
        }
        settings = settings_of(run.spec, config, train.n_samples)
        out.append(
            summary(
                short_activation(name), settings, columns, network, diverged, "race"
            )
        )
    if progress is not None:
        progress(len(activations), len(activations), "")
    return out


# ---------------------------------------------------------------- the sweep


def sweep(
    run: Run,
    activation: str,
    learning_rates: Sequence[float],
    hidden_units: Sequence[int],
    progress: Progress | None = None,
) -> dict:
    """Final validation loss (training loss without a split) for every learning
    rate × hidden units, through ``nn.sweep.run``; diverged cells are NaN.

    Every hidden layer of the current network takes each width in turn.
    """
    lrs = sorted({float(v) for v in learning_rates})
    units = sorted({int(v) for v in hidden_units})
    if not lrs or not units:
        raise ValueError("choose at least one learning rate and one hidden-unit count")
    train = capped(run.train, run.config.seed)
    val = capped(run.val, run.config.seed)
    n_layers = len(run.config.hidden_layers)
    base = run.config.replace(
        activation=activation, epochs=min(run.config.epochs, SWEEP_MAX_EPOCHS)
    )
    grid = {
        "hidden_units": [(h,) * n_layers if n_layers > 1 else h for h in units],
        "learning_rate": lrs,
    }
    total = len(lrs) * len(units)

    def report(done: int, _total: int) -> None:
        if progress is not None:
            progress(done, total, "")

    report(0, total)
    records = nn.sweep.run(
        grid, train.X, train.y, base=base, progress=report, **_arrays(train, val)
    )
    key = "final_val_loss" if val is not None else "final_loss"
    values = [
        math.nan if r["diverged_epoch"] is not None or r[key] is None else r[key]
        for r in records
    ]
    return {
        "activation": activation,
        "learning_rates": lrs,
        "hidden_units": units,
        "values": np.reshape(values, (len(units), len(lrs))).tolist(),
        "metric": text.COMPARE_METRICS["train" if val is None else "val"],
        "epochs": base.epochs,
        "n_layers": n_layers,
        "n_train": train.n_samples,
        "data": DATASET_LABELS.get(run.spec.name, run.spec.name).split(" (")[0],
    }
