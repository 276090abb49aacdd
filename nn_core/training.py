"""Training: a generator of per-epoch records that can be paused and resumed exactly."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from . import optimizers
from .network import (
    DTYPES,
    INITS,
    Layer,
    Network,
    Trace,
    backward_layers,
    forward_layers,
    freeze,
    init_network,
    l2_penalty,
    normalise_activations,
    resolve_activations,
)
from .optimizers import OPTIMIZERS, OptState
from .validation import (
    check_choice,
    check_int,
    check_labels,
    check_matrix,
    check_nonnegative,
    check_positive,
    normalise_hidden,
)

MAX_EPOCHS = 1_000_000
MAX_LEARNING_RATE = 1e4
MAX_L2 = 100.0


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a run; the defaults are the seed report's preset."""

    hidden_units: int | tuple[int, ...] = 5
    activation: str | tuple[str, ...] = "sigmoid"
    learning_rate: float = 0.01
    epochs: int = 500
    batch_size: int | None = None  # None = full batch
    optimizer: str = "gd"
    l2: float = 0.0
    init: str = "xavier"
    seed: int = 0
    dtype: str = "float64"

    def __post_init__(self) -> None:
        hidden = normalise_hidden(self.hidden_units)
        # Stored normalised, so equal settings compare and hash equal.
        set_ = object.__setattr__
        set_(self, "hidden_units", hidden[0] if len(hidden) == 1 else hidden)
        set_(
            self,
            "activation",
            _one_or_many(normalise_activations(self.activation, len(hidden))),
        )
        set_(
            self,
            "learning_rate",
            check_positive("learning_rate", self.learning_rate, MAX_LEARNING_RATE),
        )
        set_(self, "epochs", check_int("epochs", self.epochs, 0, MAX_EPOCHS))
        if self.batch_size is not None:
            set_(self, "batch_size", check_int("batch_size", self.batch_size, 1))
        check_choice("optimizer", self.optimizer, OPTIMIZERS)
        set_(self, "l2", check_nonnegative("l2", self.l2, MAX_L2))
        check_choice("init", self.init, INITS)
        set_(self, "seed", check_int("seed", self.seed, 0, 2**32 - 1))
        check_choice("dtype", self.dtype, DTYPES)

    @property
    def hidden_layers(self) -> tuple[int, ...]:
        return normalise_hidden(self.hidden_units)

    @property
    def activations(self) -> tuple[str, ...]:
        return normalise_activations(self.activation, len(self.hidden_layers))

    def replace(self, **changes: Any) -> TrainConfig:
        """A copy with some fields changed (and validated again)."""
        return dataclasses.replace(self, **changes)


def _one_or_many(names: tuple[str, ...]) -> str | tuple[str, ...]:
    return names[0] if len(set(names)) == 1 else names


class TrainState(NamedTuple):
    """Everything needed to continue a run exactly: plain arrays, ints and dicts."""

    network: Network
    optimizer: OptState
    rng_state: dict  # the shuffling generator's bit_generator.state
    epoch: int  # number of updates (epoch passes) applied to ``network``
    initial_loss: float  # loss of record 0, for the divergence rule


class EpochStats(NamedTuple):
    """The record of the network after ``epoch`` passes.

    ``loss`` is the training objective (mean cross-entropy + L2 term); ``val_loss`` is
    the validation mean cross-entropy. ``grad_norms`` holds one gradient norm per
    layer (W, b and theta together): for full batches the gradient at this network,
    for mini-batches the root mean square over the batches of the pass that ended here.
    """

    epoch: int
    loss: float
    accuracy: float
    val_loss: float | None
    val_accuracy: float | None
    grad_norms: tuple[float, ...]
    state: TrainState | None


class TrainingDiverged(RuntimeError):
    """Raised when the loss or a parameter stops being finite, or the loss explodes."""

    def __init__(
        self, epoch: int, state: TrainState, history: list[EpochStats], reason: str
    ) -> None:
        super().__init__(f"training diverged at epoch {epoch}: {reason}")
        self.epoch = epoch
        self.state = state
        self.history = history
        self.reason = reason


class TrainResult(NamedTuple):
    """What ``fit`` returns: the trained network, the scalar history and the state."""

    network: Network
    history: tuple[EpochStats, ...]
    state: TrainState


def divergence_reason(loss: float, initial_loss: float) -> str | None:
    """Why a loss counts as diverged, or None: bounded activations blow up without
    reaching inf, so a loss far above where it started counts too."""
    if not math.isfinite(loss):
        return f"the loss became {loss}"
    limit = max(10.0 * initial_loss, initial_loss + 10.0)
    if loss > limit:
        return (
            f"the loss {loss:.4g} exceeded {limit:.4g} "
            f"(it started at {initial_loss:.4g})"
        )
    return None


def _rngs(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    init_seq, shuffle_seq = np.random.SeedSequence(seed).spawn(2)
    return np.random.default_rng(init_seq), np.random.default_rng(shuffle_seq)


def initial_state(n_features: int, n_classes: int, config: TrainConfig) -> TrainState:
    """Epoch 0 of a run: the seeded initial network and fresh optimizer memory."""
    init_rng, shuffle_rng = _rngs(config.seed)
    net = init_network(
        n_features,
        config.hidden_layers,
        n_classes,
        activation=config.activations,
        init=config.init,
        rng=init_rng,
        dtype=config.dtype,
    )
    opt = optimizers.init_state(config.optimizer, net)
    return TrainState(net, opt, shuffle_rng.bit_generator.state, 0, math.nan)


def _check_state(
    state: TrainState, config: TrainConfig, sizes: tuple[int, ...]
) -> None:
    if not isinstance(state, TrainState):
        raise ValueError(f"state must be a TrainState, got {type(state).__name__}")
    if state.network.sizes != sizes or state.network.activations != config.activations:
        raise ValueError(
            f"state holds a network of sizes {state.network.sizes} with "
            f"{state.network.activations}, but the data and config ask for {sizes} "
            f"with {config.activations}"
        )
    if state.optimizer.name != config.optimizer:
        raise ValueError(
            f"state was trained with optimizer {state.optimizer.name!r}, "
            f"got config.optimizer={config.optimizer!r}"
        )
    if state.network.layers[0].W.dtype != np.dtype(config.dtype):
        raise ValueError(
            f"state is {state.network.layers[0].W.dtype}, got dtype={config.dtype!r}"
        )


def check_data(
    X: np.ndarray,
    y: np.ndarray,
    X_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
    n_classes: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None, int]:
    """Checked (X, y, X_val, y_val, n_classes) for training, or a ValueError.
    Shared by ``train`` and ``sweep.run``."""
    X = check_matrix("X", X)
    y = check_labels(y, len(X))
    if len(np.unique(y)) < 2:
        raise ValueError(
            f"y must contain at least 2 classes to learn from, got only class {y[0]}"
        )
    if n_classes is None:
        n_classes = int(y.max()) + 1
    n_classes = check_int("n_classes", n_classes, 2)
    y = check_labels(y, len(X), n_classes)
    if (X_val is None) != (y_val is None):
        raise ValueError("X_val and y_val must be given together")
    if X_val is not None:
        X_val = check_matrix("X_val", X_val, n_features=X.shape[1])
        y_val = check_labels(y_val, len(X_val), n_classes)
    return X, y, X_val, y_val, n_classes


def train(
    X: np.ndarray,
    y: np.ndarray,
    config: TrainConfig | None = None,
    *,
    X_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
    n_classes: int | None = None,
    state: TrainState | None = None,
    record_every: int = 1,
) -> Iterator[EpochStats]:
    """Yield the record of every epoch from 0 (untrained) to ``config.epochs``.

    With ``state``, continue after ``state.epoch``: the records then match an
    uninterrupted run bit for bit. Arguments are checked here, before the first
    record, so mistakes raise at the call rather than at the first ``next``.
    """
    records, _ = _checked_start(
        X, y, config, X_val, y_val, n_classes, state, record_every
    )
    return records


def _checked_start(X, y, config, X_val, y_val, n_classes, state, record_every):
    """Check train's arguments, then ``_start`` the run."""
    config = TrainConfig() if config is None else config
    if not isinstance(config, TrainConfig):
        raise ValueError(f"config must be a TrainConfig, got {type(config).__name__}")
    X, y, X_val, y_val, n_classes = check_data(X, y, X_val, y_val, n_classes)
    if X_val is not None:
        X_val = X_val.astype(config.dtype, copy=False)
    record_every = check_int("record_every", record_every, 1)
    if state is None:
        state = initial_state(X.shape[1], n_classes, config)
    else:
        _check_state(state, config, (X.shape[1], *config.hidden_layers, n_classes))
    if state.epoch > config.epochs:
        raise ValueError(
            f"epochs must be >= the state's epoch {state.epoch}, got {config.epochs}"
        )
    return _start(X, y, n_classes, config, X_val, y_val, state, record_every)


def _start(X, y, n_classes, config, X_val, y_val, state, record_every):
    """The records' generator and the recorder that keeps their scalar history."""
    train_set = _LabelledSet.of(X.astype(config.dtype, copy=False), y, n_classes)
    val_set = None if X_val is None else _LabelledSet.of(X_val, y_val, n_classes)
    recorder = _Recorder(config, val_set, state, record_every)
    full = config.batch_size is None or config.batch_size >= len(X)
    loop = _full_batch if full else _mini_batch
    return loop(train_set, config, recorder, state), recorder


# Rows per forward pass over a whole (large) set, for a record's loss and accuracy:
# chunks keep each activation array a few MB, which the allocator recycles, where
# arrays of n_samples x units would be mapped and page-faulted afresh every record.
EVAL_ROWS = 2048


class _LabelledSet(NamedTuple):
    """A data set with its labels in the forms the hot loop uses, built once a run."""

    X: np.ndarray  # (n_samples, n_features), in the training dtype
    y: np.ndarray  # (n_samples,)
    onehot: np.ndarray  # (n_samples, n_classes): the fused gradient's target
    picked: np.ndarray  # flat index of (i, y_i) in a raveled (n_samples, n_classes)

    @classmethod
    def of(cls, X: np.ndarray, y: np.ndarray, n_classes: int) -> _LabelledSet:
        onehot = np.zeros((len(y), n_classes), dtype=X.dtype)
        onehot[np.arange(len(y)), y] = 1.0
        return cls(X, y, onehot, np.arange(len(y)) * n_classes + y)

    def loss(self, trace: Trace) -> float:
        """Mean cross-entropy of a forward pass over this whole set."""
        return float(-np.add.reduce(trace.log_P.take(self.picked)) / len(self.y))

    def n_correct(self, trace: Trace) -> int:
        return int(np.count_nonzero(trace.P.argmax(axis=1) == self.y))

    def delta(self, trace: Trace, rows: np.ndarray | None = None) -> np.ndarray:
        """d mean CE / d logits = (P - onehot(y)) / n: softmax's Jacobian and the
        cross-entropy's -onehot / P collapse to this, with no division by P."""
        onehot = self.onehot if rows is None else self.onehot[rows]
        delta = trace.P - onehot
        delta /= len(onehot)
        return delta

    def evaluate(self, layers, acts) -> tuple[float, float]:
        """Mean cross-entropy and accuracy of a network on this set."""
        loss, accuracy, _ = self.full_pass(layers, acts)
        return loss, accuracy

    def full_pass(
        self, layers, acts, l2: float | None = None
    ) -> tuple[float, float, list[float] | None]:
        """Mean cross-entropy, accuracy and (given ``l2``) the squared norms of the
        loss gradient per layer, over the whole set: in chunks of EVAL_ROWS rows
        when it is larger (the gradient of a mean is a sum over samples)."""
        n = len(self.y)
        if n <= EVAL_ROWS:
            trace = forward_layers(layers, acts, self.X)
            sq = None
            if l2 is not None:
                grads = backward_layers(layers, acts, trace, self.delta(trace), l2)
                sq = _layer_sq_norms(grads)
            return self.loss(trace), self.n_correct(trace) / n, sq
        total, correct, grads = 0.0, 0, None
        for start in range(0, n, EVAL_ROWS):
            rows = slice(start, start + EVAL_ROWS)
            trace = forward_layers(layers, acts, self.X[rows])
            picked = self.picked[rows] - start * trace.P.shape[1]
            total -= float(np.add.reduce(trace.log_P.take(picked)))
            correct += int(np.count_nonzero(trace.P.argmax(axis=1) == self.y[rows]))
            if l2 is not None:
                delta = trace.P - self.onehot[rows]
                delta /= n  # this chunk's share of the mean's gradient
                part = backward_layers(layers, acts, trace, delta)
                grads = part if grads is None else _add_grads(grads, part)
        sq = None
        if l2 is not None:
            if l2:
                grads = tuple(
                    g._replace(W=g.W + l2 * p.W)
                    for g, p in zip(grads, layers, strict=True)
                )
            sq = _layer_sq_norms(grads)
        return total / n, correct / n, sq


def _add_grads(a: tuple[Layer, ...], b: tuple[Layer, ...]) -> tuple[Layer, ...]:
    return tuple(
        Layer(*(p + q for p, q in zip(x, y, strict=True)))
        for x, y in zip(a, b, strict=True)
    )


def _layer_sq_norms(grads: tuple[Layer, ...]) -> list[float]:
    """Squared norm of each layer's gradient (W, b and theta together)."""
    norms = []
    for gW, gb, gtheta in grads:
        sq = float(np.vdot(gW, gW)) + float(np.vdot(gb, gb))
        norms.append(sq + float(np.vdot(gtheta, gtheta)) if gtheta.size else sq)
    return norms


def _private_copy(net: Network) -> tuple[Layer, ...]:
    """Writable copies of a network's arrays, for a loop that updates in place."""
    return tuple(Layer(*(p.copy() for p in layer)) for layer in net.layers)


def _frozen_copy(layers: tuple[Layer, ...], activations: tuple[str, ...]) -> Network:
    """A fresh, read-only snapshot of work arrays, safe to hand out."""
    frozen = tuple(Layer(*(freeze(p.copy()) for p in layer)) for layer in layers)
    return Network(frozen, activations)


def _all_finite(values: list[float]) -> bool:
    return all(math.isfinite(v) for v in values)


def _network_is_finite(net: Network) -> bool:
    return all(np.isfinite(p).all() for layer in net.layers for p in layer)


class _Recorder:
    """Builds records, keeps the scalar history and raises on divergence."""

    def __init__(self, config, val_set, state: TrainState, record_every: int):
        self.config, self.val_set = config, val_set
        self.record_every = record_every
        self.initial_loss = state.initial_loss
        self.history: list[EpochStats] = []
        self.last_good = state

    def due(self, epoch: int) -> bool:
        return epoch % self.record_every == 0 or epoch == self.config.epochs

    def check(self, epoch: int, loss: float | None, params_finite: bool) -> None:
        """Raise TrainingDiverged if the loss (None: not computed at this epoch)
        breaks the divergence rule or a parameter is not finite."""
        reason = None
        if loss is not None:
            if epoch == 0 and math.isnan(self.initial_loss):
                self.initial_loss = loss
            reason = divergence_reason(loss, self.initial_loss)
        if reason is None and not params_finite:
            reason = "a parameter became NaN or infinite"
        if reason is not None:
            raise TrainingDiverged(epoch, self.last_good, self.history, reason)

    def passed(self, epoch, net, opt, rng_state) -> None:
        """An epoch that passed the check without a record: the last good state."""
        self.last_good = TrainState(net, opt, rng_state, epoch, self.initial_loss)

    def record(
        self, epoch, net, opt, rng_state, loss, accuracy, sq_norms, acts
    ) -> EpochStats:
        state = TrainState(net, opt, rng_state, epoch, self.initial_loss)
        val_loss = val_accuracy = None
        if self.val_set is not None:
            val_loss, val_accuracy = self.val_set.evaluate(net.layers, acts)
        grad_norms = tuple(map(math.sqrt, sq_norms))
        scalars = (epoch, loss, accuracy, val_loss, val_accuracy, grad_norms)
        self.history.append(EpochStats(*scalars, None))
        self.last_good = state
        return EpochStats(*scalars, state)


# Divergence without scanning every parameter: a step p - lr * g (or momentum's and
# Adam's) gives a non-finite parameter exactly when p or g is not finite (lr is at
# most 1e4 and a finite squared norm bounds |g| far below overflow). The squared
# gradient norms, computed for the records anyway, are finite exactly when g is; so
# the parameters stay finite as long as every gradient norm so far was finite.


def _quiet_overflow():
    """Divergence is found by the checks (a non-finite or exploding loss, a
    non-finite gradient) and raised as TrainingDiverged; the overflow warnings on
    the way there are expected, not news. Never held across a yield."""
    return np.errstate(over="ignore", invalid="ignore", divide="ignore")


def _full_batch(data: _LabelledSet, config, recorder, state) -> Iterator[EpochStats]:
    # No _quiet_overflow here: one update per check, and the loss rule stops a run
    # long before its numbers can overflow (softmax, tanh, ELU, GELU and PAU are all
    # written not to); entering it every epoch would cost 5% of a small run.
    net, opt, epoch = state.network, state.optimizer, state.epoch
    acts = resolve_activations(net)
    resumed = epoch > 0 or not math.isnan(state.initial_loss)
    params_finite = _network_is_finite(net)
    lr, l2 = config.learning_rate, config.l2
    while True:
        # One forward pass gives record e's loss and the gradient for pass e+1.
        trace = forward_layers(net.layers, acts, data.X)
        loss = data.loss(trace) + l2_penalty(net, l2)
        grads = backward_layers(net.layers, acts, trace, data.delta(trace), l2)
        sq = _layer_sq_norms(grads)
        if not resumed:
            recorder.check(epoch, loss, params_finite)
            if recorder.due(epoch):
                accuracy = data.n_correct(trace) / len(data.y)
                yield recorder.record(
                    epoch, net, opt, state.rng_state, loss, accuracy, sq, acts
                )
            else:
                recorder.passed(epoch, net, opt, state.rng_state)
        resumed = False
        if epoch >= config.epochs:
            return
        net, opt = optimizers.step(opt, net, Network(grads, net.activations), lr)
        params_finite = params_finite and _all_finite(sq)
        epoch += 1


def _mini_batch(data: _LabelledSet, config, recorder, state) -> Iterator[EpochStats]:
    net, opt, epoch = state.network, state.optimizer, state.epoch
    acts = resolve_activations(net)
    rng = np.random.default_rng()
    rng.bit_generator.state = state.rng_state
    n, size, lr, l2 = len(data.y), config.batch_size, config.learning_rate, config.l2
    params_finite = _network_is_finite(net)
    if epoch == 0 and math.isnan(state.initial_loss):
        with _quiet_overflow():
            # Record 0 also carries the full-set gradient's norms: one backward pass.
            loss, accuracy, sq = data.full_pass(net.layers, acts, l2)
            loss += l2_penalty(net, l2)
            recorder.check(0, loss, params_finite)
            rng_state = rng.bit_generator.state
            record = recorder.record(0, net, opt, rng_state, loss, accuracy, sq, acts)
        yield record
    # Many updates per record: they go in place into private copies of the network
    # and the optimizer's moments (fresh arrays for every step would cost more than
    # the arithmetic on a large layer); records get frozen copies once per epoch.
    work = _private_copy(net)
    moments = tuple(_private_copy(m) for m in opt.moments)
    t = opt.step
    # Plain gradient descent takes lr into delta (backward is linear in it), so
    # the gradients come out as the steps themselves and the update is one pass,
    # p -= step, not two: the large workload took 10-19% less time (bench/core.py,
    # interleaved). The recorded norms are the gradient's all the same.
    fold = lr if opt.name == "gd" else 1.0
    while epoch < config.epochs:
        record = None
        with _quiet_overflow():
            order = rng.permutation(n)
            sq = [0.0] * len(net.layers)
            n_batches = 0
            for start in range(0, n, size):
                rows = order[start : start + size]
                trace = forward_layers(work, acts, data.X[rows])
                delta = data.delta(trace, rows)
                if fold != 1.0:
                    delta *= fold
                grads = backward_layers(work, acts, trace, delta, l2 * fold)
                batch_sq = _layer_sq_norms(grads)
                if fold != 1.0:
                    batch_sq = [b / (fold * fold) for b in batch_sq]
                sq = [s + b for s, b in zip(sq, batch_sq, strict=True)]
                n_batches += 1
                if not _all_finite(batch_sq):
                    # Non-finite parameters from here on: stop within the epoch.
                    recorder.check(epoch + 1, None, False)
                t += 1
                # The gradients are fold times too large: a step of lr / fold.
                rate = lr / fold
                optimizers.step_in_place(opt.name, t, work, grads, moments, rate)
            epoch += 1
            net = _frozen_copy(work, net.activations)
            frozen_moments = tuple(_frozen_copy(m, net.activations) for m in moments)
            opt = OptState(opt.name, t, frozen_moments)
            params_finite = params_finite and _all_finite(sq)
            rng_state = rng.bit_generator.state
            if recorder.due(epoch):
                loss, accuracy = data.evaluate(net.layers, acts)
                loss += l2_penalty(net, l2)
                recorder.check(epoch, loss, params_finite)
                mean_sq = [s / n_batches for s in sq]
                record = recorder.record(
                    epoch, net, opt, rng_state, loss, accuracy, mean_sq, acts
                )
            else:
                recorder.check(epoch, None, params_finite)
                recorder.passed(epoch, net, opt, rng_state)
        if record is not None:
            yield record


def fit(
    X: np.ndarray,
    y: np.ndarray,
    config: TrainConfig | None = None,
    *,
    X_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
    n_classes: int | None = None,
    state: TrainState | None = None,
    record_every: int = 1,
) -> TrainResult:
    """Train to the end and return the network, the scalar history and the state."""
    records, recorder = _checked_start(
        X, y, config, X_val, y_val, n_classes, state, record_every
    )
    last = None
    for last in records:  # noqa: B007 (the recorder keeps the history)
        pass
    if last is None:  # resumed from a state that was already at the last epoch
        return TrainResult(state.network, (), state)
    return TrainResult(last.state.network, tuple(recorder.history), last.state)
