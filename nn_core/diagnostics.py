"""Unit health: which hidden units are saturated or dead on the data they see.

Saturated: |f'(z)| < 0.05 on most samples, so little gradient flows through the unit.
Dead: the unit's output does not change over the data, so it can teach nothing.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .activations import get_activation
from .network import Network, forward

SATURATION_SLOPE = 0.05  # |f'(z)| below this passes back less than 5% of the signal
SATURATION_SHARE = 0.5  # ... on more than this share of the samples
DEAD_RANGE = 1e-6  # output range (max - min) over the data below this is "constant"


class LayerHealth(NamedTuple):
    """Per-unit flags and slopes of one hidden layer, for one batch of inputs."""

    saturated: np.ndarray  # (n_units,) bool
    dead: np.ndarray  # (n_units,) bool
    slopes: np.ndarray  # (n_samples, n_units): f'(z), for a histogram

    @property
    def saturated_share(self) -> float:
        return float(self.saturated.mean())

    @property
    def dead_share(self) -> float:
        return float(self.dead.mean())


def _flags(name: str, z: np.ndarray, a: np.ndarray, theta: np.ndarray) -> tuple:
    """Per-unit saturated and dead flags, and the slopes f'(z) they come from."""
    slopes = get_activation(name).grad(z, a, theta)
    saturated = (np.abs(slopes) < SATURATION_SLOPE).mean(axis=0) > SATURATION_SHARE
    dead = np.ptp(a, axis=0) < DEAD_RANGE
    return saturated, dead, slopes


def layer_health(net: Network, X: np.ndarray) -> list[LayerHealth]:
    """Saturation and death of every hidden unit on inputs X (already scaled)."""
    trace = forward(net, np.asarray(X, dtype=net.layers[0].W.dtype))
    return [
        LayerHealth(*_flags(name, trace.z[i], trace.a[i], net.layers[i].theta))
        for i, name in enumerate(net.activations)
    ]


class LayerSummary(NamedTuple):
    """One hidden layer in a few numbers: small enough to keep for every epoch."""

    z_min: np.ndarray  # (n_units,): the lowest pre-activation each unit sees
    z_max: np.ndarray  # (n_units,): the highest
    saturated_share: float
    dead_share: float


def layer_summaries(net: Network, X: np.ndarray) -> list[LayerSummary]:
    """Each hidden layer's z range per unit and its saturated and dead shares."""
    trace = forward(net, np.asarray(X, dtype=net.layers[0].W.dtype))
    out = []
    for i, name in enumerate(net.activations):
        z = trace.z[i]
        saturated, dead, _ = _flags(name, z, trace.a[i], net.layers[i].theta)
        z_min = z.min(axis=0) if len(z) else np.zeros(z.shape[1])
        z_max = z.max(axis=0) if len(z) else np.zeros(z.shape[1])
        out.append(
            LayerSummary(
                z_min.astype(float),
                z_max.astype(float),
                float(saturated.mean()),
                float(dead.mean()),
            )
        )
    return out
