"""What a network does on inputs: the numbers the Outputs and Activations tabs draw.

Pure NumPy over the core's public API (``nn.predict_proba``, ``nn.forward``); no
Streamlit. Anything fed to a network goes through the dataset's stored mean and
scale, exactly as the training data did.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

import nn_core as nn
from nn_core.diagnostics import LayerSummary, layer_summaries

GRID = 100  # cells per side of a decision-region map (figures cap it at 100)
MOSAIC_GRID = 40  # unit maps are small: fewer cells, lighter charts
PAD = 0.1  # share of the data's span added around a map


class Plane(NamedTuple):
    """A grid over a 2-D input plane in raw units, and the same points scaled."""

    gx: np.ndarray  # (nx,)
    gy: np.ndarray  # (ny,)
    X_scaled: np.ndarray  # (ny * nx, 2), row-major over (gy, gx)


def raw_inputs(data: nn.Dataset) -> np.ndarray:
    """The samples in their original units (undoing the stored standardisation)."""
    if data.mean is None:
        return np.asarray(data.X)
    return np.asarray(data.X) * data.scale + data.mean


def plane(train: nn.Dataset, val: nn.Dataset | None, n: int = GRID) -> Plane:
    """An n×n grid covering all samples (raw units), scaled like the training data."""
    parts = [raw_inputs(train)] + ([raw_inputs(val)] if val is not None else [])
    X = np.concatenate(parts)
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    lo, hi = lo - PAD * span, hi + PAD * span
    gx, gy = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
    xx, yy = np.meshgrid(gx, gy)
    raw = np.column_stack([xx.ravel(), yy.ravel()])
    return Plane(gx, gy, np.asarray(train.transform(raw)))


def probabilities_on(net: nn.Network, grid: Plane) -> np.ndarray:
    """Class probabilities over the plane, (ny, nx, n_classes)."""
    P = nn.predict_proba(net, grid.X_scaled)
    return P.reshape(len(grid.gy), len(grid.gx), -1)


def unit_maps(net: nn.Network, grid: Plane, layer: int) -> np.ndarray:
    """One hidden layer's activations over the plane, (ny, nx, n_units)."""
    trace = nn.forward(net, grid.X_scaled)
    A = trace.a[layer]
    return A.reshape(len(grid.gy), len(grid.gx), -1)


def pre_activations(net: nn.Network, X: np.ndarray) -> tuple[np.ndarray, ...]:
    """z of every hidden layer for these inputs, each (n_samples, n_units)."""
    trace = nn.forward(net, X)
    return trace.z[: len(net.activations)]


class Curve(NamedTuple):
    """An activation drawn over a range of z: the function, its slope, per unit."""

    z: np.ndarray  # (n_z,)
    fa: np.ndarray  # (n_units, n_z)
    dfa: np.ndarray  # (n_units, n_z)


def z_range(z: np.ndarray, floor: float = 3.0) -> tuple[float, float]:
    """The span of the observed z, widened to at least [-floor, floor]."""
    lo, hi = (float(z.min()), float(z.max())) if z.size else (0.0, 0.0)
    lo, hi = min(lo, -floor), max(hi, floor)
    pad = 0.05 * (hi - lo)
    return lo - pad, hi + pad


def curve(name: str, theta: np.ndarray, lo: float, hi: float, n: int = 300) -> Curve:
    """Each unit's activation and slope over [lo, hi] (fixed ones: one row)."""
    act = nn.ACTIVATIONS[name]
    z = np.linspace(lo, hi, n)
    theta = np.asarray(theta, dtype=np.float64)
    if act.k == 0 or theta.size == 0:
        theta = np.zeros((1, 0))
    Z = np.repeat(z[:, None], theta.shape[0], axis=1)  # (n_z, n_units)
    fa = act.fn(Z, theta)
    dfa = act.grad(Z, fa, theta)
    return Curve(z, fa.T, dfa.T)


def network_from(params: Sequence, activations: tuple[str, ...]) -> nn.Network:
    """A network from kept (W, b, theta) parameters, e.g. a replay snapshot."""
    return nn.Network(tuple(nn.Layer(*layer) for layer in params), activations)


MIN_HALF_SPAN = 0.05  # a unit that sees a single z still gets a visible curve


def unit_grid(z_min: np.ndarray, z_max: np.ndarray, n: int) -> np.ndarray:
    """Each unit's own z grid, from the lowest to the highest z it sees: (units, n).

    A unit that sees one value gets a short grid around it, so it still shows."""
    lo, hi = np.asarray(z_min, dtype=float), np.asarray(z_max, dtype=float)
    middle, half = (lo + hi) / 2, np.maximum((hi - lo) / 2, MIN_HALF_SPAN)
    steps = np.linspace(-1.0, 1.0, n)
    return middle[:, None] + half[:, None] * steps[None, :]


def unit_curve(name: str, theta: np.ndarray, z: np.ndarray) -> Curve:
    """Each unit's activation and slope on its own grid ``z`` (n_units, n_z)."""
    act = nn.ACTIVATIONS[name]
    theta = np.asarray(theta, dtype=np.float64)
    if act.k == 0:
        theta = np.zeros((z.shape[0], 0))
    Z = np.ascontiguousarray(z.T)  # (n_z, n_units): unit j's column uses theta[j]
    fa = act.fn(Z, theta)
    dfa = act.grad(Z, fa, theta)
    return Curve(z, fa.T, dfa.T)


# Summaries of kept snapshots, by object identity: a kept run's arrays never change
# (shared/DESIGN.md §3), so the same (params, X) objects give the same numbers. The
# entries hold on to the objects, so an id cannot be reused while it is cached.
SUMMARY_CACHE_SIZE = 600
_summaries_lock = threading.Lock()  # sessions run their scripts in threads
_summaries: OrderedDict[tuple[int, int], tuple[object, object, list]] = OrderedDict()


def summaries(
    params: Sequence, activations: tuple[str, ...], X: np.ndarray
) -> list[LayerSummary]:
    """Per hidden layer: each unit's z range and the layer's saturated/dead shares."""
    key = (id(params), id(X))
    with _summaries_lock:
        hit = _summaries.get(key)
        if hit is not None and hit[0] is params and hit[1] is X:
            _summaries.move_to_end(key)
            return hit[2]
    value = layer_summaries(network_from(params, activations), X)
    with _summaries_lock:
        _summaries[key] = (params, X, value)
        while len(_summaries) > SUMMARY_CACHE_SIZE:
            _summaries.popitem(last=False)
    return value
