"""Gradient descent, momentum and Adam as (init_state, step) pairs over plain arrays.

Every parameter (W, b and the activations' theta) is updated alike. The optimizer's
moments are ``Network``-shaped, so they serialise and resume like the network does.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .network import Layer, Network, freeze, freeze_network

OPTIMIZERS = ("gd", "momentum", "adam")

MOMENTUM = 0.9  # classical (heavy-ball) momentum coefficient
ADAM_BETA1 = 0.9  # Kingma & Ba (2015) defaults
ADAM_BETA2 = 0.999
ADAM_EPS = 1e-8


class OptState(NamedTuple):
    """Optimizer memory: its name, the number of steps taken and its moments."""

    name: str
    step: int
    moments: tuple[Network, ...]  # gd: (); momentum: (velocity,); adam: (m, v)


def _zeros_like(net: Network) -> Network:
    layers = tuple(Layer(*(np.zeros_like(p) for p in layer)) for layer in net.layers)
    return freeze_network(Network(layers, net.activations))


def init_state(name: str, net: Network) -> OptState:
    """Fresh optimizer memory for ``net``."""
    n_moments = {"gd": 0, "momentum": 1, "adam": 2}[name]
    return OptState(name, 0, tuple(_zeros_like(net) for _ in range(n_moments)))


def _map(fn, net: Network, grads: Network, *moments: Network) -> tuple[Network, ...]:
    """Apply fn(param, grad, *moments) -> (new param, *new moments) to every
    parameter; returns the new network and moments, frozen. Empty parameters (theta
    of fixed activations) pass through: there is nothing to update."""
    columns: list[list[Layer]] = [[] for _ in range(1 + len(moments))]
    for layers in zip(
        net.layers, grads.layers, *(m.layers for m in moments), strict=True
    ):
        results = [
            fn(p, g, *ms) if p.size else (p, *ms)
            for p, g, *ms in zip(*layers, strict=True)
        ]
        for k, column in enumerate(columns):
            column.append(Layer(*(freeze(r[k]) for r in results)))
    return tuple(Network(tuple(column), net.activations) for column in columns)


def _rate(rate, dtype: np.dtype):
    """A learning rate as an update uses it. A Python float keeps float32
    parameters float32 (a NumPy float64 scalar would promote them); per-run rates of
    a sweep's stacked runs come as an array and are cast to the parameters' dtype,
    which rounds each rate exactly as the float would be."""
    if isinstance(rate, np.ndarray):
        return rate.astype(dtype)
    return float(rate)


def _adam_rate(learning_rate, t: int):
    """Adam's step size at step t, with the bias correction folded in."""
    return learning_rate * np.sqrt(1.0 - ADAM_BETA2**t) / (1.0 - ADAM_BETA1**t)


def step(
    state: OptState, net: Network, grads: Network, learning_rate: float | np.ndarray
) -> tuple[Network, OptState]:
    """One update; returns the new network and optimizer state (inputs untouched).

    ``learning_rate`` is a float, or an array broadcasting against every parameter
    (a sweep trains runs stacked on a leading axis, each with its own rate).
    """
    t = state.step + 1
    if state.name == "gd":  # the default, in a full-batch run's hot loop: spelled out
        lr = _rate(learning_rate, net.layers[0].W.dtype)
        layers = []
        pairs = zip(net.layers, grads.layers, strict=True)
        for (W, b, theta), (gW, gb, gtheta) in pairs:
            layers.append(
                Layer(
                    freeze(W - lr * gW),
                    freeze(b - lr * gb),
                    freeze(theta - lr * gtheta) if theta.size else theta,
                )
            )
        return Network(tuple(layers), net.activations), OptState("gd", t, ())
    if state.name == "momentum":
        lr = _rate(learning_rate, net.layers[0].W.dtype)

        def update(p, g, v):
            v = MOMENTUM * v - lr * g
            return p + v, v

        new, v = _map(update, net, grads, state.moments[0])
        return new, OptState("momentum", t, (v,))
    # Adam with bias correction folded into the step size (computed in float64).
    lr_t = _rate(_adam_rate(learning_rate, t), net.layers[0].W.dtype)

    def update(p, g, m, v):
        m = ADAM_BETA1 * m + (1.0 - ADAM_BETA1) * g
        v = ADAM_BETA2 * v + (1.0 - ADAM_BETA2) * (g * g)
        return p - lr_t * m / (np.sqrt(v) + ADAM_EPS), m, v

    new, m, v = _map(update, net, grads, *state.moments)
    return new, OptState("adam", t, (m, v))


def step_in_place(
    name: str,
    t: int,
    layers: tuple[Layer, ...],
    grads: tuple[Layer, ...],
    moments: tuple[tuple[Layer, ...], ...],
    learning_rate: float,
) -> None:
    """``step`` number ``t`` for a training loop's private work arrays: the same
    arithmetic, operation by operation (so the same numbers), done in place.

    Overwrites ``layers`` and ``moments`` with their new values, and uses ``grads``
    (fresh arrays the loop owns) as scratch. Never pass arrays that were handed out.
    """
    dtype = layers[0].W.dtype
    lr = _rate(learning_rate, dtype)
    if name == "adam":
        lr = _rate(_adam_rate(learning_rate, t), dtype)
    for i, (layer, grad) in enumerate(zip(layers, grads, strict=True)):
        for j, (p, g) in enumerate(zip(layer, grad, strict=True)):
            if not p.size:
                continue
            if name == "gd":  # p - lr * g
                if lr != 1:  # the training loop may hand in lr * g with lr = 1
                    g *= lr
                p -= g
            elif name == "momentum":  # v = MOMENTUM * v - lr * g; p + v
                v = moments[0][i][j]
                v *= MOMENTUM
                g *= lr
                v -= g
                p += v
            else:  # Adam, as in step: m, v, then p - lr_t * m / (sqrt(v) + eps)
                m, v = moments[0][i][j], moments[1][i][j]
                g2 = g * g
                m *= ADAM_BETA1
                g *= 1.0 - ADAM_BETA1
                m += g
                v *= ADAM_BETA2
                g2 *= 1.0 - ADAM_BETA2
                v += g2
                denominator = np.sqrt(v)
                denominator += ADAM_EPS
                np.multiply(m, lr, out=g)
                g /= denominator
                p -= g
