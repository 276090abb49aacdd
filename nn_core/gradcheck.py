"""Finite-difference gradient checks: the test suite's and the Learn tab's referee."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .network import Layer, Network, loss_and_grads


class GradCheck(NamedTuple):
    """Analytic and numerical gradients of one parameter array, and their distance."""

    layer: int
    param: str  # "W", "b" or "theta"
    analytic: np.ndarray
    numeric: np.ndarray
    relative_error: float


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """max |a - n| / max(|a| + |n|, tiny): scale-free, 0 for equal arrays."""
    if analytic.size == 0:
        return 0.0
    scale = np.maximum(np.abs(analytic) + np.abs(numeric), 1e-12)
    return float(np.max(np.abs(analytic - numeric) / scale))


def _with(net: Network, i: int, j: int, value: np.ndarray) -> Network:
    layers = list(net.layers)
    parts = list(layers[i])
    parts[j] = value
    layers[i] = Layer(*parts)
    return Network(tuple(layers), net.activations)


def numerical_grads(
    net: Network, X: np.ndarray, y: np.ndarray, l2: float = 0.0, eps: float = 1e-6
) -> Network:
    """Central differences (L(p + eps) - L(p - eps)) / 2 eps for every parameter."""
    net = _as_float64(net)
    X = np.asarray(X, dtype=np.float64)
    layers = []
    for i, layer in enumerate(net.layers):
        parts = []
        for j, p in enumerate(layer):
            g = np.zeros_like(p)
            for idx in np.ndindex(p.shape):
                shifted = p.copy()
                shifted[idx] += eps
                up = loss_and_grads(_with(net, i, j, shifted), X, y, l2)[0]
                shifted[idx] -= 2 * eps
                down = loss_and_grads(_with(net, i, j, shifted), X, y, l2)[0]
                g[idx] = (up - down) / (2 * eps)
            parts.append(g)
        layers.append(Layer(*parts))
    return Network(tuple(layers), net.activations)


def _as_float64(net: Network) -> Network:
    layers = tuple(
        Layer(*(np.asarray(p, np.float64) for p in lay)) for lay in net.layers
    )
    return Network(layers, net.activations)


def check_gradients(
    net: Network, X: np.ndarray, y: np.ndarray, l2: float = 0.0, eps: float = 1e-6
) -> list[GradCheck]:
    """Compare backprop with finite differences for every parameter array (float64)."""
    net = _as_float64(net)
    _, analytic = loss_and_grads(net, np.asarray(X, np.float64), y, l2)
    numeric = numerical_grads(net, X, y, l2, eps)
    out = []
    for i, (a_layer, n_layer) in enumerate(
        zip(analytic.layers, numeric.layers, strict=True)
    ):
        for name, a, n in zip(("W", "b", "theta"), a_layer, n_layer, strict=True):
            out.append(GradCheck(i, name, a, n, relative_error(a, n)))
    return out


def max_relative_error(checks: list[GradCheck]) -> float:
    return max((c.relative_error for c in checks), default=0.0)
