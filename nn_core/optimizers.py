"""Gradient descent, momentum and Adam as (init_state, step) pairs over plain arrays.

Every parameter (W, b and the activations' theta) is updated alike. The optimizer's
moments are ``Network``-shaped, so they serialise and resume like the network does.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .network import Layer, Network, freeze_network

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


def _map(fn, *nets: Network) -> tuple[Network, ...]:
    """Apply fn(param, grad, ...) -> tuple of arrays to every parameter, per output."""
    first = nets[0]
    results = [
        [fn(*(net.layers[i][j] for net in nets)) for j in range(3)]
        for i in range(len(first.layers))
    ]
    n_out = len(results[0][0])
    return tuple(
        freeze_network(
            Network(
                tuple(Layer(*(r[j][k] for j in range(3))) for r in results),
                first.activations,
            )
        )
        for k in range(n_out)
    )


def step(
    state: OptState, net: Network, grads: Network, learning_rate: float
) -> tuple[Network, OptState]:
    """One update; returns the new network and optimizer state (inputs untouched)."""
    t = state.step + 1
    if state.name == "gd":
        (new,) = _map(lambda p, g: (p - learning_rate * g,), net, grads)
        return new, OptState("gd", t, ())
    if state.name == "momentum":

        def update(p, g, v):
            v = MOMENTUM * v - learning_rate * g
            return p + v, v

        new, v = _map(update, net, grads, state.moments[0])
        return new, OptState("momentum", t, (v,))
    # Adam with bias correction folded into the step size.
    # A Python float keeps float32 parameters float32 (NumPy scalars would promote).
    lr_t = float(learning_rate * np.sqrt(1.0 - ADAM_BETA2**t) / (1.0 - ADAM_BETA1**t))

    def update(p, g, m, v):
        m = ADAM_BETA1 * m + (1.0 - ADAM_BETA1) * g
        v = ADAM_BETA2 * v + (1.0 - ADAM_BETA2) * (g * g)
        return p - lr_t * m / (np.sqrt(v) + ADAM_EPS), m, v

    new, m, v = _map(update, net, grads, *state.moments)
    return new, OptState("adam", t, (m, v))
