"""Sweeps: many training configurations at once, locally or on a Dask cluster.

``run(grid, X, y)`` trains every combination of the grid's values (a Cartesian
product over ``TrainConfig`` fields, the last key varying fastest) and returns one
plain record per configuration, in grid order:

- every ``TrainConfig`` field (its settings),
- ``final_loss``, ``final_accuracy``, ``final_val_loss``, ``final_val_accuracy``
  (validation ones ``None`` without a validation set): the last record's numbers,
- ``diverged_epoch``: ``None``, or the epoch at which the run broke the divergence
  rule of ``nn.train``; the final numbers are then those of the last good record,
- ``losses``: the training loss of every record, epoch 0 to the last good one.

Every configuration trains as ``nn.fit`` would with the same settings: same seed,
initial weights and shuffles, same arithmetic in another summation order, so the
same losses to about 1e-15 in float64 (1e-8 is tested; float32 to about 1e-6). Only
a chaotic run (a learning rate so large that the loss jumps about without diverging)
can amplify that rounding into visible differences. Batching is how, not what.
Configurations that share layer sizes, activations, optimizer, batch size, epochs
and dtype train *stacked*: their weights sit on a leading axis of runs and each layer
is one batched matmul for all of them, so a grid costs about as many NumPy calls as
one run; stacks train in threads, one per core. Learning rate, L2, seed and init
vary freely within a stack. Learnable activations (theta per unit) train one run at
a time through ``fit``. A run that diverges is recorded with its epoch and dropped
from its stack; it never raises.

``backend="dask"`` sends stacks to a Dask cluster (``scheduler="tcp://host:8786"``,
or a ``LocalCluster`` of 2 single-threaded worker processes when none is given) and
returns the same records in the same order. Workers need ``nn_core`` importable
(installed, or the project on their ``PYTHONPATH``) and NumPy.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import itertools
import math
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

import numpy as np

from . import optimizers
from .activations import get_activation
from .network import Layer, Network
from .training import (
    TrainConfig,
    TrainingDiverged,
    check_data,
    fit,
    initial_state,
)

GRID_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(TrainConfig))
MAX_CONFIGS = 10_000
BACKENDS = ("local", "dask")
# Largest activation array of a stack, in elements: more runs than fit split into
# several stacks (and large evaluation passes into row chunks).
STACK_ELEMENTS = 4_000_000
MIN_STACK = 8  # runs below which a stack is not split across workers
METRICS = (
    "final_loss",
    "final_accuracy",
    "final_val_loss",
    "final_val_accuracy",
    "diverged_epoch",
)

Progress = Callable[[int, int], Any]


# ---------------------------------------------------------------- the grid


def expand(
    grid: Mapping[str, Sequence], base: TrainConfig | None = None
) -> list[TrainConfig]:
    """Every combination of the grid's values as a TrainConfig (grid order).

    Raises ValueError naming the key and value for an unknown key, an empty or
    non-list value, or a value TrainConfig rejects.
    """
    base = TrainConfig() if base is None else base
    if not isinstance(base, TrainConfig):
        raise ValueError(f"base must be a TrainConfig, got {type(base).__name__}")
    if not isinstance(grid, Mapping):
        raise ValueError(
            f"grid must be a dict of TrainConfig field -> list of values, "
            f"got {type(grid).__name__}"
        )
    for key, values in grid.items():
        if key not in GRID_KEYS:
            raise ValueError(
                f"unknown grid key {key!r}; choose from {', '.join(GRID_KEYS)}"
            )
        if isinstance(values, str | bytes) or not isinstance(values, Sequence):
            raise ValueError(f"grid[{key!r}] must be a list of values, got {values!r}")
        if not values:
            raise ValueError(f"grid[{key!r}] must list at least one value, got []")
        for value in values:
            try:
                base.replace(**{key: value})
            except (ValueError, TypeError) as err:
                raise ValueError(f"grid[{key!r}] has a bad value: {err}") from None
    n_configs = math.prod(len(v) for v in grid.values())
    if n_configs > MAX_CONFIGS:
        raise ValueError(
            f"the grid has {n_configs:,} configurations; at most {MAX_CONFIGS:,} "
            "are allowed"
        )
    keys = list(grid)
    configs = []
    for combo in itertools.product(*(grid[k] for k in keys)):
        try:
            configs.append(base.replace(**dict(zip(keys, combo, strict=True))))
        except ValueError as err:  # e.g. one activation per layer, wrong count
            shown = ", ".join(f"{k}={v!r}" for k, v in zip(keys, combo, strict=True))
            raise ValueError(f"grid combination ({shown}) is invalid: {err}") from None
    return configs


def settings(config: TrainConfig) -> dict[str, Any]:
    """A configuration's fields as a plain dict (the first columns of a record)."""
    return {key: getattr(config, key) for key in GRID_KEYS}


# ---------------------------------------------------------------- the entry point


def run(
    grid: Mapping[str, Sequence],
    X: np.ndarray,
    y: np.ndarray,
    base: TrainConfig | None = None,
    X_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
    n_classes: int | None = None,
    backend: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[dict]:
    """Train every configuration of ``grid`` (over ``base``); one record each.

    ``progress(done, total)``, if given, is called as configurations finish.
    """
    configs = expand(grid, base)
    X, y, X_val, y_val, n_classes = check_data(X, y, X_val, y_val, n_classes)
    if backend not in BACKENDS:
        raise ValueError(
            f"backend must be one of {', '.join(BACKENDS)}; got {backend!r}"
        )
    if scheduler is not None and backend != "dask":
        raise ValueError(f"scheduler is for backend='dask', got backend={backend!r}")
    if progress is not None and not callable(progress):
        raise ValueError(f"progress must be callable, got {progress!r}")
    tasks = _tasks(configs, len(X), X.shape[1], n_classes)
    data = (X, y, X_val, y_val, n_classes)
    if backend == "dask":
        return _run_dask(configs, tasks, data, scheduler, progress)
    return _run_local(configs, tasks, data, progress)


def _run_local(configs, tasks, data, progress) -> list[dict]:
    """Train the stacks on this machine, one thread per core: NumPy releases the
    GIL inside its loops, and a stack spends its time there."""
    workers = os.cpu_count() or 1
    tasks = _split(tasks, workers)
    records: list[dict | None] = [None] * len(configs)
    done = 0
    with ThreadPoolExecutor(max_workers=min(workers, len(tasks))) as pool:
        futures = {
            pool.submit(train_stack, [configs[i] for i in indices], *data): indices
            for indices in tasks
        }
        for future in as_completed(futures):
            indices = futures[future]
            for i, record in zip(indices, future.result(), strict=True):
                records[i] = record
            done += len(indices)
            if progress is not None:
                progress(done, len(configs))
    return records


def _tasks(configs, n_samples, n_features, n_classes) -> list[list[int]]:
    """Indices of configurations to train together: same stack key, and no more
    runs than keep a stack's largest activation array under STACK_ELEMENTS."""
    groups: dict[tuple, list[int]] = {}
    for i, config in enumerate(configs):
        groups.setdefault(_stack_key(config, n_samples, i), []).append(i)
    tasks = []
    for indices in groups.values():
        config = configs[indices[0]]
        widest = max(n_features, *config.hidden_layers, n_classes)
        rows = n_samples if config.batch_size is None else config.batch_size
        per_run = max(rows * widest, widest * widest)
        size = max(1, STACK_ELEMENTS // per_run)
        tasks += [indices[s : s + size] for s in range(0, len(indices), size)]
    return tasks


def _stack_key(config: TrainConfig, n_samples: int, index: int) -> tuple:
    """Configurations with equal keys can train stacked."""
    if any(get_activation(a).k for a in config.activations):
        return ("alone", index)  # theta per unit does not stack: train via fit
    full = config.batch_size is None or config.batch_size >= n_samples
    return (
        config.hidden_layers,
        config.activations,
        config.optimizer,
        None if full else config.batch_size,
        config.epochs,
        config.dtype,
    )


# ---------------------------------------------------------------- records


def _record(config, losses, accuracy, val, diverged_epoch) -> dict:
    val_loss, val_accuracy = val if val is not None else (None, None)
    return {
        **settings(config),
        "final_loss": losses[-1] if losses else math.nan,
        "final_accuracy": accuracy,
        "final_val_loss": val_loss,
        "final_val_accuracy": val_accuracy,
        "diverged_epoch": diverged_epoch,
        "losses": losses,
    }


def _fit_record(config, X, y, X_val, y_val, n_classes) -> dict:
    """One configuration through ``fit`` (for what does not stack)."""
    kwargs = {"X_val": X_val, "y_val": y_val, "n_classes": n_classes}
    try:
        history, diverged = fit(X, y, config, **kwargs).history, None
    except TrainingDiverged as err:
        history, diverged = err.history, err.epoch
    if not history:
        return _record(config, [], math.nan, None, diverged)
    last = history[-1]
    val = None if X_val is None else (last.val_loss, last.val_accuracy)
    return _record(config, [r.loss for r in history], last.accuracy, val, diverged)


# ---------------------------------------------------------------- stacked training
# Shapes. A stack of G runs holds, per layer, W (G, n_in, n_out) as fit's W with a
# leading axis, b (G, n_out, 1) and theta (G, n_out, 0). Activations are kept
# transposed, (G, units, n_samples): samples on the last, contiguous axis keep every
# sum over samples (bias gradients, losses) and over classes (softmax) a fast
# reduction, where (G, n_samples, units) would reduce over a short inner axis. The
# first layer, whose input all runs share, is one matrix product for the stack.


def _stack(nets: list[Network]) -> Network:
    layers = []
    for parts in zip(*(net.layers for net in nets), strict=True):
        W = np.stack([p.W for p in parts])
        b = np.stack([p.b for p in parts])[:, :, None]
        theta = np.stack([p.theta for p in parts])
        layers.append(Layer(W, b, theta))
    return Network(tuple(layers), nets[0].activations)


def _take(net: Network, keep: np.ndarray) -> Network:
    layers = tuple(Layer(*(p[keep] for p in layer)) for layer in net.layers)
    return Network(layers, net.activations)


def _weights_times(W: np.ndarray, aT: np.ndarray) -> np.ndarray:
    """W^T a for every run: (G, n_out, n) from W (G, n_in, n_out) and aT, the
    layer's input (n_in, n) shared by all runs or (G, n_in, n) per run."""
    G, n_in, n_out = W.shape
    if aT.ndim == 2:  # shared input: one product for the whole stack
        return (W.transpose(0, 2, 1).reshape(G * n_out, n_in) @ aT).reshape(
            G, n_out, -1
        )
    return np.matmul(W.transpose(0, 2, 1), aT)


def _outer_sum(aT: np.ndarray, deltaT: np.ndarray) -> np.ndarray:
    """a^T delta summed over samples, (G, n_in, n_out): each run's weight gradient."""
    G, n_out, n = deltaT.shape
    if aT.ndim == 2:  # shared input: one product for the whole stack
        gT = (deltaT.reshape(G * n_out, n) @ aT.T).reshape(G, n_out, -1)
        return gT.transpose(0, 2, 1)
    return np.matmul(aT, deltaT.transpose(0, 2, 1))


def _forward(layers, acts, XT):
    """z and a of every layer (the last a is P) and log P, all (G, units, n)."""
    zs, outs = [], []
    a = XT
    for layer, act in zip(layers[:-1], acts, strict=True):
        z = _weights_times(layer.W, a)
        z += layer.b
        a = act.fn(z, layer.theta)
        zs.append(z)
        outs.append(a)
    logits = _weights_times(layers[-1].W, a)
    logits += layers[-1].b
    log_P, P = _log_softmax_and_softmax(logits)
    zs.append(logits)
    outs.append(P)
    return zs, outs, log_P


def _log_softmax_and_softmax(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """losses.log_softmax over the class axis (1), and P from the same
    exponentials: one pass of exp where log_softmax then exp would take two."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    total = e.sum(axis=1, keepdims=True)
    shifted -= np.log(total)
    e /= total
    return shifted, e


def _backward(layers, acts, XT, zs, outs, deltaT, l2):
    """Every run's gradients from deltaT = d loss / d logits, (G, n_classes, n)."""
    grads = []
    for i in range(len(layers) - 1, -1, -1):
        layer = layers[i]
        if i < len(acts):
            deltaT *= acts[i].grad(zs[i], outs[i], layer.theta)
        gW = _outer_sum(XT if i == 0 else outs[i - 1], deltaT)
        if l2 is not None:
            gW = gW + l2 * layer.W
        gb = np.add.reduce(deltaT, axis=-1, keepdims=True)
        grads.append(Layer(gW, gb, layer.theta))  # theta is empty: nothing to learn
        if i > 0:
            deltaT = np.matmul(layer.W, deltaT)
    return Network(tuple(reversed(grads)), ())


def _sq_norms(grads: Network) -> np.ndarray:
    """Each run's squared gradient norm (G,): finite exactly when the gradient is."""
    total = 0.0
    for layer in grads.layers:
        for p in layer[:2]:
            total = total + np.einsum("gij,gij->g", p, p)
    return total


class _Stack:
    """A data set as a stack reads it: transposed, shared by every run."""

    def __init__(self, X, y, n_classes, dtype):
        self.X = X.astype(dtype, copy=False)  # (n, d), for per-run batches
        self.XT = np.ascontiguousarray(self.X.T)  # (d, n)
        self.y = y
        onehot = np.zeros((len(y), n_classes), dtype=dtype)
        onehot[np.arange(len(y)), y] = 1.0
        self.onehot = onehot  # (n, c), for per-run batches
        self.onehotT = np.ascontiguousarray(onehot.T)  # (c, n)

    @staticmethod
    def summed_losses(log_P, y) -> np.ndarray:
        """Each run's cross-entropy summed over samples (G,); log_P (G, c, n)."""
        G, c, n = log_P.shape
        picked = y * n + np.arange(n)  # (y_i, i) in a raveled (c, n)
        return -log_P.reshape(G, c * n).take(picked, axis=1).sum(axis=1)

    def evaluate(self, layers, acts) -> tuple[np.ndarray, np.ndarray]:
        """Mean cross-entropy and accuracy of every run (in row chunks if large)."""
        G, n = len(layers[0].W), len(self.y)
        widest = max(layer.W.shape[2] for layer in layers)
        chunk = max(1, STACK_ELEMENTS // (G * widest))
        total, correct = np.zeros(G), np.zeros(G, dtype=np.int64)
        for start in range(0, n, chunk):
            rows = slice(start, start + chunk)
            _, outs, log_P = _forward(layers, acts, self.XT[:, rows])
            total += self.summed_losses(log_P, self.y[rows])
            correct += np.count_nonzero(outs[-1].argmax(axis=1) == self.y[rows], axis=1)
        return total / n, correct / n

    def losses(self, layers, acts) -> np.ndarray:
        """Mean cross-entropy of every run (G,) on this set."""
        return self.evaluate(layers, acts)[0]


def _diverged(loss: np.ndarray, initial_loss: np.ndarray) -> np.ndarray:
    """training.divergence_reason for every run at once: which ones broke it."""
    limit = np.maximum(10.0 * initial_loss, initial_loss + 10.0)
    return ~np.isfinite(loss) | (loss > limit)


def _l2_penalty(net: Network, l2: np.ndarray) -> np.ndarray:
    """l2/2 * sum(W**2) of every run (G,); l2 is (G,) float64."""
    squares = sum(np.einsum("gij,gij->g", layer.W, layer.W) for layer in net.layers)
    return 0.5 * l2 * squares


def train_stack(
    configs: list[TrainConfig], X, y, X_val, y_val, n_classes
) -> list[dict]:
    """Train configurations that share a stack key together; one record each."""
    first = configs[0]
    if any(get_activation(a).k for a in first.activations) or len(configs) == 1:
        return [_fit_record(c, X, y, X_val, y_val, n_classes) for c in configs]
    # Divergence is detected by the rule and the run masked out: the overflow and
    # invalid-value warnings on its way there are expected, not a fault.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _StackRun(configs, X, y, X_val, y_val, n_classes).train()


class _StackRun:
    """One stack's training loop: fit's loop with a leading axis of runs."""

    def __init__(self, configs, X, y, X_val, y_val, n_classes):
        first = configs[0]
        self.configs, self.first = configs, first
        self.data = _Stack(X, y, n_classes, first.dtype)
        self.val = (
            None if X_val is None else _Stack(X_val, y_val, n_classes, first.dtype)
        )
        states = [initial_state(X.shape[1], n_classes, c) for c in configs]
        self.net = _stack([s.network for s in states])
        self.opt = optimizers.init_state(first.optimizer, self.net)
        self.acts = tuple(get_activation(a) for a in first.activations)
        self.lr = np.array([c.learning_rate for c in configs])[:, None, None]
        # L2 (G,) in float64 as fit's penalty reads it; None when no run uses it.
        l2 = np.array([c.l2 for c in configs])
        self.l2 = l2 if l2.any() else None
        self.rngs = []
        for s in states:
            rng = np.random.default_rng()
            rng.bit_generator.state = s.rng_state
            self.rngs.append(rng)
        G = len(configs)
        self.alive = np.arange(G)  # which configuration each stacked run is
        self.initial_loss = np.full(G, math.nan)
        self.params_finite = np.ones(G, dtype=bool)
        # loss_table[e, i]: configuration i's loss at epoch e (NaN past its end)
        self.loss_table = np.full((first.epochs + 1, G), np.nan)
        self.records: list[dict | None] = [None] * G
        self.prev = None  # the stack's network at its last good record

    def train(self) -> list[dict]:
        full = self.first.batch_size is None or self.first.batch_size >= len(
            self.data.y
        )
        (self._full_batch if full else self._mini_batch)()
        if len(self.alive):
            self._finish(np.arange(len(self.alive)), None)
        return self.records

    # -- records and divergence

    def _check(self, epoch, loss) -> np.ndarray | None:
        """Apply the divergence rule to every run; record and drop those that broke
        it, keep the losses of the rest. Returns which runs were kept (None: all)."""
        if epoch == 0:
            self.initial_loss = loss.copy()
        bad = _diverged(loss, self.initial_loss) | ~self.params_finite
        keep = None
        if bad.any():
            self._finish(np.flatnonzero(bad), epoch)
            keep = ~bad
            self._keep(keep)
            loss = loss[keep]
        self.loss_table[epoch, self.alive] = loss
        self.prev = self.net
        return keep

    def _finish(self, positions: np.ndarray, diverged_epoch: int | None) -> None:
        """Record the runs at these stack positions as they stood at their last good
        record: the end of training, or the epoch before they diverged."""
        if self.prev is None:  # diverged at epoch 0: no good record
            for g in positions:
                config = self.configs[self.alive[g]]
                self.records[self.alive[g]] = _record(config, [], math.nan, None, 0)
            return
        net = _take(self.prev, positions)
        _, accuracy = self.data.evaluate(net.layers, self.acts)
        val = [None] * len(positions)
        if self.val is not None:
            val = zip(*self.val.evaluate(net.layers, self.acts), strict=True)
            val = [(float(v_loss), float(v_acc)) for v_loss, v_acc in val]
        last = (
            len(self.loss_table) - 1 if diverged_epoch is None else diverged_epoch - 1
        )
        for g, acc, v in zip(positions, accuracy, val, strict=True):
            i = self.alive[g]
            losses = self.loss_table[: last + 1, i].tolist()
            self.records[i] = _record(
                self.configs[i], losses, float(acc), v, diverged_epoch
            )

    def _keep(self, keep: np.ndarray) -> None:
        """Drop runs from the stack (the ones not kept)."""
        self.net = _take(self.net, keep)
        moments = tuple(_take(m, keep) for m in self.opt.moments)
        self.opt = self.opt._replace(moments=moments)
        self.lr = self.lr[keep]
        self.l2 = None if self.l2 is None else self.l2[keep]
        self.rngs = [r for r, k in zip(self.rngs, keep, strict=True) if k]
        self.alive = self.alive[keep]
        self.initial_loss = self.initial_loss[keep]
        self.params_finite = self.params_finite[keep]
        if self.prev is not None:
            self.prev = _take(self.prev, keep)

    def _penalty(self) -> np.ndarray | float:
        return 0.0 if self.l2 is None else _l2_penalty(self.net, self.l2)

    def _step(self, XT, onehotT, zs, outs) -> np.ndarray:
        """Backward pass and update from a forward pass; returns the squared
        gradient norms (G,)."""
        deltaT = outs[-1] - onehotT  # the fused softmax-CE gradient, as in fit
        deltaT /= onehotT.shape[-1]
        l2 = None
        if self.l2 is not None:  # cast like fit's Python float: the params' dtype
            l2 = self.l2[:, None, None].astype(self.first.dtype)
        grads = _backward(self.net.layers, self.acts, XT, zs, outs, deltaT, l2)
        self.net, self.opt = optimizers.step(self.opt, self.net, grads, self.lr)
        return _sq_norms(grads)

    # -- the two loops, as in training.py

    def _full_batch(self) -> None:
        data, epochs = self.data, self.first.epochs
        n = len(data.y)
        for epoch in range(epochs + 1):
            zs, outs, log_P = _forward(self.net.layers, self.acts, data.XT)
            loss = data.summed_losses(log_P, data.y) / n + self._penalty()
            keep = self._check(epoch, loss)
            if not len(self.alive) or epoch == epochs:
                return
            if keep is not None:  # runs were dropped: drop them from the pass too
                zs, outs = [z[keep] for z in zs], [a[keep] for a in outs]
            sq = self._step(data.XT, data.onehotT, zs, outs)
            self.params_finite &= np.isfinite(sq)

    def _mini_batch(self) -> None:
        data, epochs, size = self.data, self.first.epochs, self.first.batch_size
        n = len(data.y)
        self._check(0, data.losses(self.net.layers, self.acts) + self._penalty())
        for epoch in range(1, epochs + 1):
            if not len(self.alive):
                return
            orders = np.stack([rng.permutation(n) for rng in self.rngs])
            sq = np.zeros(len(self.alive))
            for start in range(0, n, size):
                rows = orders[:, start : start + size]  # (G, batch): each run's own
                XT = data.X[rows].transpose(0, 2, 1)
                zs, outs, _ = _forward(self.net.layers, self.acts, XT)
                onehotT = data.onehot[rows].transpose(0, 2, 1)
                sq += self._step(XT, onehotT, zs, outs)
            self.params_finite &= np.isfinite(sq)
            losses = data.losses(self.net.layers, self.acts)
            self._check(epoch, losses + self._penalty())


# ---------------------------------------------------------------- Dask


def _run_dask(configs, tasks, data, scheduler, progress) -> list[dict]:
    """Send each stack to a Dask worker; gather the records in grid order."""
    from dask.distributed import Client, LocalCluster
    from dask.distributed import as_completed as dask_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        with Client(scheduler if cluster is None else cluster) as client:
            shared = client.scatter(list(data), broadcast=True)
            futures = {}
            n_workers = len(client.scheduler_info().get("workers", {}))
            for indices in _split(tasks, max(1, n_workers)):
                stack = [configs[i] for i in indices]
                future = client.submit(train_stack, stack, *shared, pure=False)
                futures[future] = indices
            records: list[dict | None] = [None] * len(configs)
            done = 0
            for future in dask_completed(futures):
                indices = futures[future]
                for i, record in zip(indices, future.result(), strict=True):
                    records[i] = record
                done += len(indices)
                if progress is not None:
                    progress(done, len(configs))
            return records
    finally:
        if cluster is not None:
            cluster.close()


def _split(tasks: list[list[int]], workers: int) -> list[list[int]]:
    """Split the largest stacks until every worker has one (stacks of fewer than
    2 * MIN_STACK runs stay whole: splitting them gains less than it costs)."""
    tasks = sorted(tasks, key=len, reverse=True)
    while len(tasks) < workers and len(tasks[0]) >= 2 * MIN_STACK:
        largest = tasks.pop(0)
        half = (len(largest) + 1) // 2
        tasks += [largest[:half], largest[half:]]
        tasks.sort(key=len, reverse=True)
    return tasks


# ---------------------------------------------------------------- CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``sweep`` subcommand's flags: comma-separated lists of grid values."""
    from .datasets import DATASET_NAMES

    add = parser.add_argument
    add("--dataset", choices=DATASET_NAMES, default="seed-report")
    add("--samples", type=int, default=None, help="number of samples (dataset default)")
    add("--noise", type=float, default=0.0, help="noise of the 2-D teaching sets")
    add("--data-seed", type=int, default=0, help="seed of the data and the split")
    add(
        "--val-fraction",
        type=float,
        default=0.0,
        help="held-out share for validation (0 = none)",
    )
    add("--lr", type=_list(float), default=None, help="learning rates, e.g. 0.01,0.1")
    add(
        "--hidden",
        type=_list(_layers),
        default=None,
        help="hidden sizes, e.g. 5,16 (16x16 = two layers of 16)",
    )
    add("--activation", type=_list(str), default=None, help="e.g. sigmoid,relu")
    add("--seeds", type=_list(int), default=None, help="training seeds, e.g. 0,1,2")
    add("--epochs", type=_list(int), default=None)
    add("--batch-size", type=_list(_batch), default=None, help="e.g. full,32")
    add("--optimizer", type=_list(str), default=None, help="e.g. gd,adam")
    add("--l2", type=_list(float), default=None)
    add("--init", type=_list(str), default=None)
    add("--dtype", type=_list(str), default=None)
    add("--backend", choices=BACKENDS, default="local")
    add("--scheduler", default=None, help="Dask scheduler address, tcp://host:8786")
    add("--no-losses", action="store_true", help="omit the per-epoch losses column")
    add("--out", default="-", help="CSV file to write (default: standard output)")


FLAG_KEYS = {
    "lr": "learning_rate",
    "hidden": "hidden_units",
    "activation": "activation",
    "seeds": "seed",
    "epochs": "epochs",
    "batch_size": "batch_size",
    "optimizer": "optimizer",
    "l2": "l2",
    "init": "init",
    "dtype": "dtype",
}


def _list(parse):
    def parse_list(text: str) -> list:
        try:
            return [parse(part.strip()) for part in text.split(",")]
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected comma-separated values, got {text!r}"
            ) from None

    return parse_list


def _layers(text: str) -> int | tuple[int, ...]:
    sizes = tuple(int(part) for part in text.split("x"))
    return sizes[0] if len(sizes) == 1 else sizes


def _batch(text: str) -> int | None:
    return None if text in ("full", "none", "None") else int(text)


def write_csv(records: list[dict], out, with_losses: bool = True) -> None:
    """Records as CSV: settings, final metrics, and (optionally) ``losses`` as the
    per-epoch training losses joined with ';'. Tuples (several hidden layers)
    are written joined with 'x' (hidden_units) or '+' (activation)."""
    columns = [*GRID_KEYS, *METRICS] + (["losses"] if with_losses else [])
    writer = csv.writer(out)
    writer.writerow(columns)
    for record in records:
        row = []
        for column in columns:
            value = record[column]
            if column == "losses":
                value = ";".join(repr(v) for v in value)
            elif isinstance(value, tuple):
                value = ("x" if column == "hidden_units" else "+").join(map(str, value))
            elif value is None:
                value = ""
            row.append(value)
        writer.writerow(row)


def run_cli(args: argparse.Namespace) -> int:
    """``python -m nn_core sweep ...``: train the grid, write the CSV."""
    from .__main__ import build_parser
    from .datasets import load_dataset, split

    grid = {
        key: getattr(args, flag)
        for flag, key in FLAG_KEYS.items()
        if getattr(args, flag) is not None
    }
    try:
        data = load_dataset(
            args.dataset, n_samples=args.samples, noise=args.noise, seed=args.data_seed
        )
        train_part, val = data, None
        if args.val_fraction > 0:
            train_part, val = split(
                data, val_fraction=args.val_fraction, seed=args.data_seed
            )
        expand(grid)  # bad grid values are usage errors, found before training
    except ValueError as err:
        build_parser().print_usage(sys.stderr)
        print(f"python -m nn_core sweep: error: {err}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    records = run(
        grid,
        train_part.X,
        train_part.y,
        X_val=None if val is None else val.X,
        y_val=None if val is None else val.y,
        n_classes=data.n_classes,
        backend=args.backend,
        scheduler=args.scheduler,
    )
    seconds = time.perf_counter() - started
    if args.out == "-":
        write_csv(records, sys.stdout, not args.no_losses)
    else:
        with open(args.out, "w", newline="") as out:
            write_csv(records, out, not args.no_losses)
    diverged = sum(r["diverged_epoch"] is not None for r in records)
    print(
        f"{len(records)} configurations in {seconds:.2f} s "
        f"({len(records) / seconds:.0f}/s), {diverged} diverged"
        + ("" if args.out == "-" else f" -> {args.out}"),
        file=sys.stderr,
    )
    return 0
