"""Learned activation curves, and the classic function each one looks most like.

"Closest classic shape" answers a student's question about a learned unit: over the
inputs the unit actually sees, which textbook activation, stretched and shifted
(c0 + c1 g(z)), traces the same curve? The score is the R² of that affine fit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .activations import LEAKY_SLOPE, Activation, get_activation
from .network import Network

Array = np.ndarray

CLASSIC_SHAPES: dict[str, Callable[[Array], Array]] = {
    "identity": lambda z: z,
    "relu": lambda z: np.maximum(z, 0.0),
    "leaky_relu": lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
    "tanh": np.tanh,
    "sigmoid": lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)),  # tanh form: no overflow
    "softplus": lambda z: np.logaddexp(0.0, z),
    "abs": np.abs,
    "square": np.square,
}


def _curve(name: str, values: object) -> Array:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or array.size < 2:
        raise ValueError(
            f"{name} must be a 1-D array of at least 2 values, got shape {array.shape}"
        )
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite, got a NaN or infinite value")
    return array


# A curve whose values differ by less than this share of their size is constant (up
# to rounding): every shape fits it with c1 = 0, so each scores R² = 1.
CONSTANT_SPREAD = 1e-12


class ShapeFit(NamedTuple):
    """The best affine fit fz ≈ c0 + c1 g(z) of one classic shape g, and its R²."""

    name: str
    c0: float
    c1: float
    r2: float


def _fit(name: str, fz: Array, g: Array) -> ShapeFit:
    """Least-squares fit of fz ≈ c0 + c1 g and its R²."""
    if np.ptp(fz) <= CONSTANT_SPREAD * np.abs(fz).max():
        return ShapeFit(name, float(fz.mean()), 0.0, 1.0)
    centred = fz - fz.mean()
    total = float(centred @ centred)
    A = np.column_stack([np.ones_like(g), g])
    coef = np.linalg.lstsq(A, fz, rcond=None)[0]
    residual = fz - A @ coef
    r2 = float(1.0 - (residual @ residual) / total)
    return ShapeFit(name, float(coef[0]), float(coef[1]), r2)


def fit_classic_shapes(z: object, fz: object) -> list[ShapeFit]:
    """The best affine fit c0 + c1 g(z) of the curve fz(z) for each classic shape g
    in CLASSIC_SHAPES, best R² first (ties keep table order; a constant curve, e.g.
    a dead unit's, scores 1 everywhere with c1 = 0).

    ``z`` should span the unit's input range (e.g. a grid from min to max of its
    pre-activations); ``fz`` is the learned curve over it, of the same length.
    """
    z = _curve("z", z)
    fz = _curve("fz", fz)
    if z.shape != fz.shape:
        raise ValueError(f"fz must have one value per z ({z.size}), got {fz.size}")
    fits = [_fit(name, fz, g(z)) for name, g in CLASSIC_SHAPES.items()]
    return sorted(fits, key=lambda fit: -fit.r2)


def closest_classic_shape(z: object, fz: object) -> list[tuple[str, float]]:
    """(name, R²) of every classic shape's best affine fit to fz(z), best first:
    ``fit_classic_shapes`` without the coefficients."""
    return [(fit.name, fit.r2) for fit in fit_classic_shapes(z, fz)]


def _grid_inputs(
    net: Network, layer_index: int, z_grid: object
) -> tuple[Activation, Array, Array]:
    """The layer's activation, z_grid repeated for every unit, and float64 theta."""
    n_hidden = len(net.activations)
    if (
        isinstance(layer_index, bool)
        or not isinstance(layer_index, int | np.integer)
        or not 0 <= layer_index < n_hidden
    ):
        raise ValueError(
            f"layer_index must be a hidden layer, 0 to {n_hidden - 1}, "
            f"got {layer_index!r}"
        )
    z = np.asarray(z_grid, dtype=np.float64)
    if z.ndim != 1:
        raise ValueError(f"z_grid must be a 1-D array, got shape {z.shape}")
    theta = np.asarray(net.layers[layer_index].theta, dtype=np.float64)
    Z = np.repeat(z[:, None], theta.shape[0], axis=1)
    return get_activation(net.activations[layer_index]), Z, theta


def unit_curves(net: Network, layer_index: int, z_grid: object) -> Array:
    """Each unit's activation f(z) over z_grid, with its own theta: (n_units, n_z)."""
    act, Z, theta = _grid_inputs(net, layer_index, z_grid)
    return act.fn(Z, theta).T


def unit_slopes(net: Network, layer_index: int, z_grid: object) -> Array:
    """Each unit's slope f'(z) over z_grid, with its own theta: (n_units, n_z)."""
    act, Z, theta = _grid_inputs(net, layer_index, z_grid)
    return act.grad(Z, act.fn(Z, theta), theta).T
