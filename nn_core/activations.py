"""Hidden-layer activations, fixed and learnable, each with its derivatives beside it.

Shapes: ``z`` and ``a`` are ``(n_samples, n_units)``; ``theta`` is ``(n_units, k)``,
the ``k`` learnable parameters of each unit (``k = 0`` for fixed activations).
``delta`` in ``theta_grad`` is d loss / d a, of the same shape as ``a``.
"""

from __future__ import annotations

import math
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


# exp(x) stays finite and normal for |x| under these bounds, in each float type.
_EXP_BOUND = {np.dtype(np.float64): 700.0, np.dtype(np.float32): 80.0}


def _sigmoid(z: Array) -> Array:
    # 1 / (1 + exp(-z)) with -z clipped, so exp never overflows or underflows (past
    # the bound the true value is below 1e-304, or 1e-34 in float32). Unlike the
    # tanh form 0.5 * (1 + tanh(z / 2)), it keeps full relative precision for very
    # negative z, and NumPy's exp is vectorised where its tanh is not: 1.9-2.5x
    # faster on this machine's float64 (it dominates a seed-report epoch).
    # Worked in one fresh array: no temporaries on the hot path.
    bound = _EXP_BOUND.get(z.dtype, 700.0)
    s = np.negative(z)
    np.clip(s, -bound, bound, out=s)
    np.exp(s, out=s)
    s += 1.0
    np.reciprocal(s, out=s)
    return s


# --- fixed activations -------------------------------------------------------------


def sigmoid(z: Array, theta: Array) -> Array:
    return _sigmoid(z)


def sigmoid_grad(z: Array, a: Array, theta: Array) -> Array:
    g = np.subtract(1.0, a)  # a (1 - a), in one fresh array
    g *= a
    return g


def tanh(z: Array, theta: Array) -> Array:
    return np.tanh(z)


def tanh_grad(z: Array, a: Array, theta: Array) -> Array:
    g = np.multiply(a, a)  # 1 - a², in one fresh array
    np.subtract(1.0, g, out=g)
    return g


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


# Python floats: a NumPy float64 scalar would promote float32 arrays to float64.
_GELU_C = math.sqrt(2.0 / math.pi)
_GELU_K = 0.044715
# tanh of the cubic is exactly ±1 in float32 and float64 once |z| > 10, so clipping z
# inside the cubic changes nothing there and keeps z³ from overflowing (float32 from
# |z| ~ 7e12).
_GELU_CLIP = 100.0


def _gelu_tanh(z: Array) -> Array:
    zc = np.clip(z, -_GELU_CLIP, _GELU_CLIP)
    return np.tanh(_GELU_C * (zc + _GELU_K * zc**3))


def gelu(z: Array, theta: Array) -> Array:
    return 0.5 * z * (1.0 + _gelu_tanh(z))


def gelu_grad(z: Array, a: Array, theta: Array) -> Array:
    t = _gelu_tanh(z)
    zc = np.clip(z, -_GELU_CLIP, _GELU_CLIP)  # where it differs from z, 1 - t² = 0
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * _GELU_C * (
        1.0 + 3.0 * _GELU_K * zc * zc
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
    # z * (z s (1 - s)): s (1 - s) is 0 for large |β z| before z² can overflow.
    return (delta * z * (z * s * (1.0 - s))).sum(axis=0)[:, None]


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
    # A leaky ReLU with two hinges where standardised data reaches them: at 0 the
    # slope a_1 = -0.2 adds a leak of 0.2, and the second hinge at b_2 = 0.5 adds
    # 0.1 of slope below it (slopes: 0.3 below 0, 1.1 on (0, 0.5), 1 above).
    # Every parameter gets a non-zero gradient from the first step; a hinge
    # outside the range of z (e.g. at -1 on the 2-D sets) would get none.
    return np.tile([-0.2, -0.1, 0.0, 0.5], (n_units, 1)).astype(float)


# Padé activation unit, "safe" form (Molina et al. 2019): f(z) = P(z) / Q(z) with
# P(z) = a_0 + a_1 z + ... + a_5 z^5 and Q(z) = 1 + |b_1 z| + ... + |b_4 z^4| >= 1, so
# the denominator never vanishes. Since |b_j z^j| = |b_j| |z|^j, Q is a polynomial in
# |z| with coefficients |b_j|: it has a kink at z = 0 (from |z|) and at b_j = 0.
# theta[:, :6] holds a_0..a_5 and theta[:, 6:] holds b_1..b_4.
PAU_P_DEGREE = 5
PAU_Q_DEGREE = 4
# z is clipped to [-PAU_CLIP, PAU_CLIP] before use, so the function is f(clip(z)) and
# its z-gradient is exactly 0 beyond the clip (exact inside it). Why: a diverging run
# can feed any z; without the clip z^5 overflows float32 from |z| ~ 5e7 (float64
# from ~1e61). At 1e3, z^5 = 1e15 leaves float32 a margin of 1e23 for the
# coefficients, while pre-activations of a working network (standardised inputs)
# stay far inside it, so the clip never changes what a healthy run computes.
PAU_CLIP = 1e3
# init_theta: least-squares fit of P/Q to leaky ReLU (slope 0.01, LEAKY_SLOPE) on 6001
# evenly spaced z in [-3, 3] (scipy.optimize.least_squares, Levenberg-Marquardt, the
# best of 201 starts: a linearised fit and 200 random ones; rounded to 8 digits).
# Max |f - leaky_relu| on [-3, 3] is 0.0298 (at z = 0, where f = a_0); RMS 0.005.
# Beyond the fitted range it drifts from the leaky ReLU: f(-10) = -2.7, f(10) = 9.0,
# and for large |z| f ~ (a_5 / |b_4|) z = 0.72 z on both sides.
PAU_INIT = (
    0.029797267,  # a_0
    0.61837599,  # a_1
    2.3229538,  # a_2
    3.0509876,  # a_3
    1.4847243,  # a_4
    0.25086733,  # a_5
    -1.1418037,  # b_1 (only |b_j| matters to f)
    4.3917515,  # b_2
    -0.87109138,  # b_3
    0.34697326,  # b_4
)


def _pau_clip(z: Array) -> Array:
    return np.clip(z, -PAU_CLIP, PAU_CLIP)


def _pau_P(zc: Array, theta: Array) -> Array:
    """a_0 + a_1 z + ... + a_5 z^5 by Horner's rule."""
    P = theta[:, PAU_P_DEGREE]
    for i in range(PAU_P_DEGREE - 1, -1, -1):
        P = P * zc + theta[:, i]
    return P


def _pau_Q(r: Array, theta: Array) -> Array:
    """1 + |b_1| r + ... + |b_4| r^4 with r = |z|, by Horner's rule."""
    abs_b = np.abs(theta[:, PAU_P_DEGREE + 1 :])
    Q = abs_b[:, PAU_Q_DEGREE - 1] * r
    for j in range(PAU_Q_DEGREE - 2, -1, -1):
        Q = (Q + abs_b[:, j]) * r
    return Q + 1.0


def pau(z: Array, theta: Array) -> Array:
    zc = _pau_clip(z)
    return _pau_P(zc, theta) / _pau_Q(np.abs(zc), theta)


def pau_grad(z: Array, a: Array, theta: Array) -> Array:
    # (P'Q - P Q') / Q^2 = (P' - a Q') / Q with a = P/Q: no Q^2, so no overflow.
    # Q' = sum_j sign(b_j z^j) j b_j z^(j-1) = sign(z) sum_j j |b_j| |z|^(j-1);
    # at the kink z = 0, sign(0) = 0 picks the mean of the two one-sided slopes.
    zc = _pau_clip(z)
    r = np.abs(zc)
    dP = PAU_P_DEGREE * theta[:, PAU_P_DEGREE]
    for i in range(PAU_P_DEGREE - 1, 0, -1):
        dP = dP * zc + i * theta[:, i]
    abs_b = np.abs(theta[:, PAU_P_DEGREE + 1 :])
    dQ = PAU_Q_DEGREE * abs_b[:, PAU_Q_DEGREE - 1]
    for j in range(PAU_Q_DEGREE - 1, 0, -1):
        dQ = dQ * r + j * abs_b[:, j - 1]
    g = (dP - a * np.sign(zc) * dQ) / _pau_Q(r, theta)
    return np.where(np.abs(z) <= PAU_CLIP, g, 0.0).astype(z.dtype, copy=False)


def pau_theta_grad(z: Array, a: Array, theta: Array, delta: Array) -> Array:
    # d f / d a_i = z^i / Q;  d f / d b_j = -(P / Q^2) sign(b_j) |z|^j, with P / Q = a.
    # At the kink b_j = 0, sign gives 0 (a b_j of exactly 0 would then stay there;
    # the fitted start has every |b_j| > 0.3).
    zc = _pau_clip(z)
    r = np.abs(zc)
    out = np.empty_like(theta)
    dP = delta / _pau_Q(r, theta)  # d loss / d P, per sample and unit
    power = np.ones_like(zc)
    for i in range(PAU_P_DEGREE + 1):
        out[:, i] = (dP * power).sum(axis=0)
        power = power * zc
    dQ = -dP * a  # d loss / d Q
    power = r
    for j in range(PAU_Q_DEGREE):
        out[:, PAU_P_DEGREE + 1 + j] = (dQ * power).sum(axis=0)
        power = power * r
    out[:, PAU_P_DEGREE + 1 :] *= np.sign(theta[:, PAU_P_DEGREE + 1 :])
    return out


def pau_init(n_units: int) -> Array:
    return np.tile(PAU_INIT, (n_units, 1))


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
        Activation("softplus", "Softplus", r"\log(1 + e^{z})", softplus, softplus_grad),
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
        Activation(
            "pau",
            "PAU (learnable Padé)",
            r"\frac{a_0 + a_1 z + \dots + a_5 z^5}"
            r"{1 + |b_1 z| + |b_2 z^2| + |b_3 z^3| + |b_4 z^4|}",
            pau,
            pau_grad,
            pau_theta_grad,
            pau_init,
            k=PAU_P_DEGREE + 1 + PAU_Q_DEGREE,
            param_names=("a₀", "a₁", "a₂", "a₃", "a₄", "a₅", "b₁", "b₂", "b₃", "b₄"),
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
        raise ValueError(f"activation must be one of {choices}; got {name!r}") from None
