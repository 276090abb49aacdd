"""The same network trained one sample at a time in a Python loop: the baseline a
first implementation often is. Same arithmetic as ``nn.fit`` (per-batch mean of the
per-sample gradients, the same shuffles), so its losses match fit's to rounding.

Bench-only code: it exists to be timed, not used.
"""

from __future__ import annotations

import math
import time

import numpy as np

from nn_core.training import _rngs


def _act(name: str, z: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        return 0.5 * (1.0 + np.tanh(0.5 * z))
    return np.maximum(z, 0.0)


def _act_grad(name: str, z: np.ndarray, a: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        return a * (1.0 - a)
    return (z > 0).astype(z.dtype)


def _sample_forward(W1, b1, W2, b2, x, activation):
    z1 = x @ W1 + b1
    a1 = _act(activation, z1)
    logits = a1 @ W2 + b2
    shifted = logits - logits.max()
    log_p = shifted - math.log(np.exp(shifted).sum())
    return z1, a1, log_p


def _loss(params, X, y, activation, rows) -> float:
    total = 0.0
    for i in rows:
        total -= _sample_forward(*params, X[i], activation)[2][y[i]]
    return total


def _batch_step(params, X, y, rows, activation, lr) -> float:
    """One update from the mean gradient over ``rows``; returns their summed loss."""
    W1, b1, W2, b2 = params
    grads = [np.zeros_like(p) for p in params]
    total = 0.0
    for i in rows:
        x = X[i]
        z1, a1, log_p = _sample_forward(W1, b1, W2, b2, x, activation)
        total -= log_p[y[i]]
        delta2 = np.exp(log_p)
        delta2[y[i]] -= 1.0
        grads[2] += np.outer(a1, delta2)
        grads[3] += delta2
        delta1 = (W2 @ delta2) * _act_grad(activation, z1, a1)
        grads[0] += np.outer(x, delta1)
        grads[1] += delta1
    for p, g in zip(params, grads, strict=True):
        p -= lr * g / len(rows)
    return total


def naive_fit(X, y, net, config, max_batches=None, max_eval=None):
    """Train; return (seconds, per-epoch losses).

    With ``max_batches``/``max_eval`` only that many batches / loss rows are run and
    the time is extrapolated to the whole run (the per-sample cost is uniform); the
    losses are then not returned.
    """
    params = [np.array(p) for layer in net.layers for p in layer[:2]]
    activation = net.activations[0]
    lr, n = config.learning_rate, len(X)
    full = config.batch_size is None or config.batch_size >= n
    size = n if full else config.batch_size
    shuffle = _rngs(config.seed)[1]
    if max_batches is not None:
        return _extrapolated(
            params, X, y, activation, config, size, full, shuffle, max_batches, max_eval
        ), []
    losses: list[float] = []
    started = time.perf_counter()
    if not full:
        losses.append(_loss(params, X, y, activation, range(n)) / n)
    for _ in range(config.epochs):
        order = np.arange(n) if full else shuffle.permutation(n)
        for start in range(0, n, size):
            total = _batch_step(
                params, X, y, order[start : start + size], activation, lr
            )
        if full:  # the loss of the network before this update
            losses.append(total / n)
        else:
            losses.append(_loss(params, X, y, activation, range(n)) / n)
    if full:
        losses.append(_loss(params, X, y, activation, range(n)) / n)
    return time.perf_counter() - started, losses


def _extrapolated(
    params, X, y, activation, config, size, full, shuffle, max_batches, max_eval
) -> float:
    n = len(X)
    order = shuffle.permutation(n)
    started = time.perf_counter()
    for b in range(max_batches):
        start = (b * size) % n
        _batch_step(
            params, X, y, order[start : start + size], activation, config.learning_rate
        )
    per_batch = (time.perf_counter() - started) / max_batches
    started = time.perf_counter()
    _loss(params, X, y, activation, range(max_eval))
    per_row = (time.perf_counter() - started) / max_eval
    eval_passes = 1 if full else config.epochs + 1
    return per_batch * -(-n // size) * config.epochs + per_row * n * eval_passes
