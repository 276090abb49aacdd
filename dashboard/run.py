"""One training run as plain data, and the pure steps that move it forward.

A ``Run`` is what session state keeps: the config, the core's ``TrainState``, the
scalar history, bounded float32 snapshots for replay and notes for the loss curve.
Every function returns a new ``Run``; the caller commits it in one assignment, so a
rerun that interrupts the script never sees half a chunk. No Streamlit here.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

import nn_core as nn
from dashboard.settings import HARD_FIELDS, SOFT_FIELDS, DataSpec, fmt_batch
from nn_core.presets import SEED_REPORT, SEED_REPORT_LOG

# Snapshots: every epoch up to DENSE_EPOCHS, then about GROWTH apart (geometric):
# at most ~125 for the 5000-epoch slider, ~200 up to the core's million epochs.
DENSE_EPOCHS = 50
GROWTH = 1.068
MAX_SNAPSHOT_EPOCH = 1_000_000
HISTORY_KEYS = ("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "grad_norms")


def _snapshot_epochs() -> frozenset[int]:
    kept, value = set(range(DENSE_EPOCHS + 1)), float(DENSE_EPOCHS)
    while value < MAX_SNAPSHOT_EPOCH:
        value *= GROWTH
        kept.add(round(value))
    return frozenset(kept)


SNAPSHOT_EPOCHS = _snapshot_epochs()

Params = tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...]  # (W, b, theta) each


@dataclass(frozen=True)
class Divergence:
    """Where and why training blew up (the run keeps its last good state)."""

    epoch: int
    reason: str


@dataclass(frozen=True)
class Run:
    """Everything one run needs to be drawn, resumed or downloaded."""

    run_id: int
    spec: DataSpec
    train: nn.Dataset
    val: nn.Dataset | None
    config: nn.TrainConfig
    state: nn.TrainState
    history: dict[str, list] = field(default_factory=dict)
    snapshots: tuple[tuple[int, Params], ...] = ()
    weight_range: tuple[tuple[float, float], ...] = ()  # per layer: max |W|, max |b|
    events: tuple[tuple[int, str], ...] = ()
    reference: tuple[tuple[int, float], ...] = ()
    diverged: Divergence | None = None

    @property
    def epoch(self) -> int:
        return self.state.epoch

    @property
    def done(self) -> bool:
        return self.epoch >= self.config.epochs

    @property
    def network(self) -> nn.Network:
        return self.state.network

    @property
    def class_names(self) -> tuple[str, ...]:
        return self.train.class_names

    def last(self, key: str) -> float | None:
        """The latest recorded value of a history series."""
        values = self.history.get(key) or [None]
        return values[-1]


def _float32(net: nn.Network) -> Params:
    return tuple(
        tuple(np.array(p, dtype=np.float32) for p in layer) for layer in net.layers
    )


def _ranges(net: nn.Network, old: tuple[tuple[float, float], ...]) -> tuple:
    """Running max |W| and |b| per layer, so colour scales hold for the whole run."""
    new = []
    for i, layer in enumerate(net.layers):
        w = float(np.max(np.abs(layer.W), initial=0.0))
        b = float(np.max(np.abs(layer.b), initial=0.0))
        if i < len(old):
            w, b = max(w, old[i][0]), max(b, old[i][1])
        new.append((w, b))
    return tuple(new)


def uses_report_settings(spec: DataSpec, config: nn.TrainConfig) -> bool:
    """Whether a run reproduces the seed report's setup (for its reference points)."""
    report = SEED_REPORT.config
    same = ("hidden_units", "activation", "learning_rate", "batch_size", "optimizer")
    return spec.name == "seed-report" and all(
        getattr(config, f) == getattr(report, f) for f in same
    )


def _train(
    train: nn.Dataset,
    val: nn.Dataset | None,
    config: nn.TrainConfig,
    state: nn.TrainState | None,
) -> Iterator[nn.EpochStats]:
    return nn.train(
        train.X,
        train.y,
        config,
        X_val=None if val is None else val.X,
        y_val=None if val is None else val.y,
        n_classes=train.n_classes,
        state=state,
    )


def new_run(
    run_id: int,
    spec: DataSpec,
    train: nn.Dataset,
    val: nn.Dataset | None,
    config: nn.TrainConfig,
) -> Run:
    """A run at epoch 0: the seeded network and its record, nothing trained yet."""
    records = list(_train(train, val, config.replace(epochs=0), None))  # record 0
    reference = SEED_REPORT_LOG if uses_report_settings(spec, config) else ()
    run = Run(run_id, spec, train, val, config, records[0].state, reference=reference)
    return _extend(run, records)


def advance(
    run: Run,
    budget_s: float,
    max_epochs: int | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Run:
    """Train until the time budget or ``max_epochs`` is used up, or the run ends."""
    if run.diverged is not None or (run.done and run.history):
        return run
    deadline = clock() + budget_s
    records: list[nn.EpochStats] = []
    generator = _train(run.train, run.val, run.config, run.state)
    try:
        for record in generator:
            records.append(record)
            if max_epochs is not None and len(records) >= max_epochs:
                break
            if clock() >= deadline:
                break
    except nn.TrainingDiverged as exc:
        grown = _extend(run, records)
        return dataclasses.replace(
            grown, state=exc.state, diverged=Divergence(exc.epoch, exc.reason)
        )
    finally:
        generator.close()
    return _extend(run, records)


def _extend(run: Run, records: list[nn.EpochStats]) -> Run:
    """The run with these records appended: new lists, so the old run is unchanged."""
    if not records:
        return run
    history = {
        key: list(run.history.get(key, ())) + [getattr(r, key) for r in records]
        for key in HISTORY_KEYS
    }
    snapshots = list(run.snapshots)
    ranges = run.weight_range
    for record in records:
        if record.epoch in SNAPSHOT_EPOCHS:
            snapshots.append((record.epoch, _float32(record.state.network)))
            ranges = _ranges(record.state.network, ranges)
    state = records[-1].state
    ranges = _ranges(state.network, ranges)
    return dataclasses.replace(
        run,
        state=state,
        history=history,
        snapshots=tuple(snapshots),
        weight_range=ranges,
    )


def without_divergence(run: Run) -> Run:
    """A diverged run made ready to continue (say at a lower rate) from its last
    good state."""
    return dataclasses.replace(run, diverged=None)


def replay_epochs(run: Run) -> list[int]:
    """Epochs that can be shown again: the kept snapshots plus the current one."""
    epochs = [e for e, _ in run.snapshots]
    if not epochs or epochs[-1] != run.epoch:
        epochs.append(run.epoch)
    return epochs


def params_at(run: Run, epoch: int) -> Params:
    """The parameters at a kept epoch (float32), or the current ones."""
    for e, params in run.snapshots:
        if e == epoch:
            return params
    return _float32(run.network)


# ---------------------------------------------------------------- changing settings


def _describe(field_name: str, value: object) -> str:
    if field_name == "batch_size":
        return fmt_batch(value or 0)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def apply_soft_changes(run: Run, config: nn.TrainConfig) -> Run:
    """Take on new learning rate, L2, batch size and epochs; note them mid-run."""
    changes = {
        f: getattr(config, f)
        for f in SOFT_FIELDS
        if getattr(config, f) != getattr(run.config, f)
    }
    if not changes:
        return run
    if "epochs" in changes:  # the core needs epochs >= the state's epoch
        changes["epochs"] = max(changes["epochs"], run.epoch)
    events = run.events
    if run.epoch > 0:
        notes = ", ".join(
            f"{SOFT_FIELDS[f]} → {_describe(f, v)}"
            for f, v in changes.items()
            if f != "epochs"
        )
        if notes:
            events = (*events, (run.epoch, notes))
    return dataclasses.replace(run, config=run.config.replace(**changes), events=events)


def hard_changes(run: Run, spec: DataSpec, config: nn.TrainConfig) -> list[str]:
    """What differs in a way the current network cannot take on (needs a new run)."""
    changed = [
        label
        for f, label in HARD_FIELDS.items()
        if getattr(config, f) != getattr(run.config, f)
    ]
    if spec != run.spec:
        changed.insert(0, "dataset")
    return changed


def history_rows(run: Run) -> list[dict[str, object]]:
    """The history as rows, one per epoch, gradient norms spread over columns."""
    rows = []
    for i, epoch in enumerate(run.history.get("epoch", [])):
        row: dict[str, object] = {"epoch": epoch}
        for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
            row[key] = run.history[key][i]
        for j, g in enumerate(run.history["grad_norms"][i], start=1):
            row[f"grad_norm_layer{j}"] = g
        rows.append(row)
    return rows
