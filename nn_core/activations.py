"""Hidden-layer activations, fixed and learnable, each with its derivatives beside it.

Shapes: ``z`` and ``a`` are ``(n_samples, n_units)``; ``theta`` is ``(n_units, k)``,
the ``k`` learnable parameters of each unit (``k = 0`` for fixed activations).
``delta`` in ``theta_grad`` is d loss / d a, of the same shape as ``a``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


def _no_theta(n_units: int) -> Array:
    return np.zeros((n_units, 0))


def _no_theta_grad(z: Array, a: Array, theta: Array, delta: Array) -> Array:
    return np.zeros_like(theta)


@dataclass(frozen=True)
class Activation:
    """An activation: its function, d a/d z, d loss/d theta and how to draw it."""

    name: str
    display_name: str
    latex: str
    fn: Callable[[Array, Array], Array]
    grad: Callable[[Array, Array, Array], Array]
    theta_grad: Callable[[Array, Array, Array, Array], Array] = _no_theta_grad
    init_theta: Callable[[int], Array] = _no_theta
    k: int = 0
    param_names: tuple[str, ...] = ()
    kinks: tuple[float, ...] = ()

    @property
    def learnable(self) -> bool:
        return self.k > 0


def _sigmoid(z: Array) -> Array:
    # tanh form: never overflows, unlike 1 / (1 + exp(-z)) for large negative z.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


# --- fixed activations -------------------------------------------------------------


def sigmoid(z: Array, theta: Array) -> Array:
    return _sigmoid(z)


def sigmoid_grad(z: Array, a: Array, theta: Array) -> Array:
    return a * (1.0 - a)


def tanh(z: Array, theta: Array) -> Array:
    return np.tanh(z)


def tanh_grad(z: Array, a: Array, theta: Array) -> Array:
    return 1.0 - a * a


def relu(z: Array, theta: Array) -> Array:
    return np.maximum(z, 0.0)


def relu_grad(z: Array, a: Array, theta: Array) -> Array:
    return (z > 0).astype(z.dtype)


LEAKY_SLOPE = 0.01


def leaky_relu(z: Array, theta: Array) -> Array:
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def leaky_relu_grad(z: Array, a: Array, theta: Array) -> Array:
    return np.where(z > 0, 1.0, LEAKY_SLOPE).astype(z.dtype)


def elu(z: Array, theta: Array) -> Array:
    # expm1 of min(z, 0): exact near 0 and no overflow for large positive z.
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))


def elu_grad(z: Array, a: Array, theta: Array) -> Array:
    return np.where(z > 0, 1.0, a + 1.0).astype(z.dtype)


_GELU_C = np.sqrt(2.0 / np.pi)
_GELU_K = 0.044715


def gelu(z: Array, theta: Array) -> Array:
    return 0.5 * z * (1.0 + np.tanh(_GELU_C * (z + _GELU_K * z**3)))


def gelu_grad(z: Array, a: Array, theta: Array) -> Array:
    t = np.tanh(_GELU_C * (z + _GELU_K * z**3))
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * _GELU_C * (
        1.0 + 3.0 * _GELU_K * z * z
    )


def softplus(z: Array, theta: Array) -> Array:
    return np.logaddexp(0.0, z)


def softplus_grad(z: Array, a: Array, theta: Array) -> Array:
    return _sigmoid(z)


def silu(z: Array, theta: Array) -> Array:
    return z * _sigmoid(z)


def silu_grad(z: Array, a: Array, theta: Array) -> Array:
    s = _sigmoid(z)
    return s * (1.0 + z * (1.0 - s))


def linear(z: Array, theta: Array) -> Array:
    return z.copy()


def linear_grad(z: Array, a: Array, theta: Array) -> Array:
    return np.ones_like(z)


# --- learnable activations -----------------------------------------------------------
# theta[:, j] is parameter j of every unit; broadcasting theta[:, j] over the sample
# axis applies each unit's own parameter to its own column of z.


def prelu(z: Array, theta: Array) -> Array:
    return np.maximum(z, 0.0) + theta[:, 0] * np.minimum(z, 0.0)


def prelu_grad(z: Array, a: Array, theta: Array) -> Array:
    return np.where(z > 0, 1.0, theta[:, 0]).astype(z.dtype)


def prelu_theta_grad(z: Array, a: Array, theta: Array, delta: Array) -> Array:
    return (delta * np.minimum(z, 0.0)).sum(axis=0)[:, None]


def prelu_init(n_units: int) -> Array:
    return np.full((n_units, 1), 0.25)


def swish(z: Array, theta: Array) -> Array:
    return z * _sigmoid(theta[:, 0] * z)


def swish_grad(z: Array, a: Array, theta: Array) -> Array:
    beta = theta[:, 0]
    s = _sigmoid(beta * z)
    return s + beta * z * s * (1.0 - s)


def swish_theta_grad(z: Array, a: Array, theta: Array, delta: Array) -> Array:
    s = _sigmoid(theta[:, 0] * z)
    return (delta * z * z * s * (1.0 - s)).sum(axis=0)[:, None]


def swish_init(n_units: int) -> Array:
    return np.ones((n_units, 1))


APL_HINGES = 2


def apl(z: Array, theta: Array) -> Array:
    a = np.maximum(z, 0.0)
    for s in range(APL_HINGES):
        slope, hinge = theta[:, s], theta[:, APL_HINGES + s]
        a = a + slope * np.maximum(hinge - z, 0.0)
    return a


def apl_grad(z: Array, a: Array, theta: Array) -> Array:
    g = (z > 0).astype(z.dtype)
    for s in range(APL_HINGES):
        slope, hinge = theta[:, s], theta[:, APL_HINGES + s]
        g = g - slope * (hinge - z > 0)
    return g


def apl_theta_grad(z: Array, a: Array, theta: Array, delta: Array) -> Array:
    out = np.empty_like(theta)
    for s in range(APL_HINGES):
        slope, hinge = theta[:, s], theta[:, APL_HINGES + s]
        active = hinge - z > 0
        out[:, s] = (delta * np.maximum(hinge - z, 0.0)).sum(axis=0)
        out[:, APL_HINGES + s] = (delta * slope * active).sum(axis=0)
    return out


def apl_init(n_units: int) -> Array:
    # Starts as a ReLU with a gentle leak and a second hinge: every parameter
    # gets a non-zero gradient from the first step.
    return np.tile([0.2, -0.1, 0.0, -1.0], (n_units, 1)).astype(float)


# --- registry ------------------------------------------------------------------------

ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation(
            "sigmoid",
            "Sigmoid",
            r"\sigma(z) = \frac{1}{1 + e^{-z}}",
            sigmoid,
            sigmoid_grad,
        ),
        Activation("tanh", "Tanh", r"\tanh(z)", tanh, tanh_grad),
        Activation("relu", "ReLU", r"\max(0, z)", relu, relu_grad, kinks=(0.0,)),
        Activation(
            "leaky_relu",
            "Leaky ReLU",
            r"\max(0.01\,z,\ z)",
            leaky_relu,
            leaky_relu_grad,
            kinks=(0.0,),
        ),
        Activation(
            "elu",
            "ELU",
            r"z \text{ if } z > 0 \text{ else } e^{z} - 1",
            elu,
            elu_grad,
            kinks=(0.0,),
        ),
        Activation(
            "gelu",
            "GELU (tanh approx.)",
            r"\tfrac{1}{2} z \left(1 + \tanh\left(\sqrt{2/\pi}\,"
            r"(z + 0.044715 z^3)\right)\right)",
            gelu,
            gelu_grad,
        ),
        Activation(
            "softplus", "Softplus", r"\log(1 + e^{z})", softplus, softplus_grad
        ),
        Activation("silu", "SiLU", r"z \cdot \sigma(z)", silu, silu_grad),
        Activation("linear", "Linear (identity)", r"z", linear, linear_grad),
        Activation(
            "prelu",
            "PReLU (learnable slope)",
            r"\max(0, z) + a \cdot \min(0, z)",
            prelu,
            prelu_grad,
            prelu_theta_grad,
            prelu_init,
            k=1,
            param_names=("a",),
            kinks=(0.0,),
        ),
        Activation(
            "swish",
            "Swish-β (learnable β)",
            r"z \cdot \sigma(\beta z)",
            swish,
            swish_grad,
            swish_theta_grad,
            swish_init,
            k=1,
            param_names=("β",),
        ),
        Activation(
            "apl",
            "APL (learnable hinges)",
            r"\max(0, z) + \sum_{s=1}^{2} a_s \max(0, -z + b_s)",
            apl,
            apl_grad,
            apl_theta_grad,
            apl_init,
            k=2 * APL_HINGES,
            param_names=("a₁", "a₂", "b₁", "b₂"),
            kinks=(0.0,),
        ),
    )
}


def get_activation(name: str) -> Activation:
    """Look an activation up by name, with a message that lists the choices."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        choices = ", ".join(ACTIVATIONS)
        raise ValueError(
            f"activation must be one of {choices}; got {name!r}"
        ) from None
