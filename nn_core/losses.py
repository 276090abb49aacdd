"""Softmax, cross-entropy and their fused gradient, all numerically stable."""

from __future__ import annotations

import numpy as np


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise log softmax via log-sum-exp: finite for any finite logits."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax; subtracting the row max keeps exp() from overflowing."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> float:
    """Mean categorical cross-entropy of integer labels, from logits (no log(0))."""
    log_p = log_softmax(logits)
    return float(-log_p[np.arange(len(y)), y].mean())


def softmax_cross_entropy_delta(P: np.ndarray, y: np.ndarray) -> np.ndarray:
    """d(mean CE)/d logits = (P - onehot(y)) / n.

    Softmax's Jacobian diag(p) - p p^T times CE's gradient -onehot/p collapses to
    p - onehot: fusing them avoids dividing by probabilities that may be 0.
    """
    delta = P.copy()
    delta[np.arange(len(y)), y] -= 1.0
    delta /= len(y)
    return delta
