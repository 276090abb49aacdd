"""The network as plain data, and the pure functions that run it forwards and back."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .activations import Activation, get_activation
from .losses import log_softmax, softmax_cross_entropy_delta
from .validation import (
    check_choice,
    check_labels,
    check_matrix,
    check_nonnegative,
    normalise_hidden,
)

INITS = ("xavier", "he", "normal")
DTYPES = ("float64", "float32")


class Layer(NamedTuple):
    """One dense layer: z = a_prev @ W + b, then its activation (parameters theta)."""

    W: np.ndarray  # (n_in, n_out)
    b: np.ndarray  # (n_out,)
    theta: np.ndarray  # (n_out, k): learnable activation parameters, k = 0 if none


class Network(NamedTuple):
    """Layers plus one activation name per hidden layer; the output is softmax."""

    layers: tuple[Layer, ...]
    activations: tuple[str, ...]

    @property
    def sizes(self) -> tuple[int, ...]:
        """(n_features, hidden..., n_classes)."""
        return (self.layers[0].W.shape[0], *(layer.W.shape[1] for layer in self.layers))


class Trace(NamedTuple):
    """Everything a forward pass computed: z and a of every layer, and P.

    ``z[i]`` is layer i's pre-activation (the last one is the logits); ``a[i]`` its
    output (the last one is P). ``log_P`` is the stable log of P.
    """

    X: np.ndarray
    z: tuple[np.ndarray, ...]
    a: tuple[np.ndarray, ...]
    P: np.ndarray
    log_P: np.ndarray


def freeze(array: np.ndarray) -> np.ndarray:
    """Mark an array handed out as read-only, so a kept record can never change."""
    array.setflags(write=False)
    return array


def freeze_network(net: Network) -> Network:
    for layer in net.layers:
        for array in layer:
            freeze(array)
    return net


def _scale(init: str, n_in: int, n_out: int) -> float:
    if init == "xavier":
        return np.sqrt(2.0 / (n_in + n_out))
    if init == "he":
        return np.sqrt(2.0 / n_in)
    return 0.1


def init_network(
    n_features: int,
    hidden_units: int | tuple[int, ...],
    n_classes: int,
    activation: str | tuple[str, ...] = "sigmoid",
    init: str = "xavier",
    rng: np.random.Generator | None = None,
    dtype: str = "float64",
) -> Network:
    """Random weights (Xavier, He or N(0, 0.1²)) and zero biases; theta from the
    activation's deterministic init. Layers are drawn in order from ``rng``."""
    hidden = normalise_hidden(hidden_units)
    if not isinstance(n_features, int | np.integer) or n_features < 1:
        raise ValueError(f"n_features must be an integer >= 1, got {n_features!r}")
    if not isinstance(n_classes, int | np.integer) or n_classes < 2:
        raise ValueError(f"n_classes must be an integer >= 2, got {n_classes!r}")
    names = normalise_activations(activation, len(hidden))
    check_choice("init", init, INITS)
    check_choice("dtype", dtype, DTYPES)
    rng = np.random.default_rng(0) if rng is None else rng
    sizes = (int(n_features), *hidden, int(n_classes))
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        W = rng.standard_normal((n_in, n_out)) * _scale(init, n_in, n_out)
        b = np.zeros(n_out)
        is_hidden = i < len(hidden)
        theta = (
            get_activation(names[i]).init_theta(n_out)
            if is_hidden
            else np.zeros((n_out, 0))
        )
        layers.append(Layer(*(np.asarray(p, dtype=dtype) for p in (W, b, theta))))
    return freeze_network(Network(tuple(layers), names))


def normalise_activations(
    activation: str | tuple[str, ...] | list[str], n_hidden: int
) -> tuple[str, ...]:
    """One name for every hidden layer, or exactly one name per hidden layer."""
    names = (activation,) * n_hidden if isinstance(activation, str) else activation
    names = tuple(names)
    if len(names) != n_hidden:
        raise ValueError(
            f"activation needs one name or {n_hidden} names (one per hidden layer), "
            f"got {activation!r}"
        )
    for name in names:
        get_activation(name)
    return names


def forward(net: Network, X: np.ndarray) -> Trace:
    """Run X (n_samples, n_features) through the network, keeping every z and a."""
    return forward_layers(net.layers, resolve_activations(net), X)


def resolve_activations(net: Network) -> tuple[Activation, ...]:
    """The Activation record of each hidden layer (looked up once, not per step)."""
    return tuple(get_activation(name) for name in net.activations)


def forward_layers(
    layers: tuple[Layer, ...], acts: tuple[Activation, ...], X: np.ndarray
) -> Trace:
    """``forward`` with the activations already resolved: the training loop's form."""
    zs, outs = [], []
    a = X
    for layer, act in zip(layers[:-1], acts, strict=True):
        z = a @ layer.W
        z += layer.b  # in place: the same sum as a @ W + b, one array fewer
        a = act.fn(z, layer.theta)
        zs.append(z)
        outs.append(a)
    logits = a @ layers[-1].W
    logits += layers[-1].b
    log_P = log_softmax(logits)
    P = np.exp(log_P)
    zs.append(logits)
    outs.append(P)
    return Trace(X, tuple(zs), tuple(outs), P, log_P)


def predict_proba(net: Network, X: np.ndarray) -> np.ndarray:
    """Class probabilities (n_samples, n_classes); rows sum to 1."""
    X = check_matrix("X", X, n_features=net.sizes[0])
    return forward(net, X.astype(net.layers[0].W.dtype, copy=False)).P


def data_loss(trace: Trace, y: np.ndarray) -> float:
    """Mean cross-entropy from the stable log-probabilities (never log(0))."""
    return float(-trace.log_P[np.arange(len(y)), y].mean())


def l2_penalty(net: Network, l2: float) -> float:
    if l2 == 0.0:
        return 0.0
    return 0.5 * l2 * float(sum(np.vdot(layer.W, layer.W) for layer in net.layers))


def backward(net: Network, trace: Trace, y: np.ndarray, l2: float = 0.0) -> Network:
    """Chain rule from the loss back to every W, b and theta; same shape as net."""
    delta = softmax_cross_entropy_delta(trace.P, y)
    grads = backward_layers(net.layers, resolve_activations(net), trace, delta, l2)
    return Network(grads, net.activations)


def backward_layers(
    layers: tuple[Layer, ...],
    acts: tuple[Activation, ...],
    trace: Trace,
    delta: np.ndarray,
    l2: float = 0.0,
) -> tuple[Layer, ...]:
    """Backpropagate ``delta`` = d loss / d logits (n_samples, n_classes) through
    the layers; returns one gradient Layer per layer."""
    grads = []
    for i in range(len(layers) - 1, -1, -1):
        layer = layers[i]
        gtheta = np.zeros(layer.theta.shape, layer.theta.dtype)
        if i < len(acts):
            # Here delta is d loss / d a of this hidden layer: turn it into d / d z.
            act, z, a = acts[i], trace.z[i], trace.a[i]
            if act.k:
                gtheta = act.theta_grad(z, a, layer.theta, delta)
            delta *= act.grad(z, a, layer.theta)  # delta is ours: a fresh product
        a_prev = trace.X if i == 0 else trace.a[i - 1]
        gW = a_prev.T @ delta
        if l2:
            gW += l2 * layer.W
        grads.append(Layer(gW, np.add.reduce(delta, axis=0), gtheta))
        if i > 0:
            delta = delta @ layer.W.T
    return tuple(reversed(grads))


def loss_and_grads(
    net: Network, X: np.ndarray, y: np.ndarray, l2: float = 0.0
) -> tuple[float, Network]:
    """Mean cross-entropy + l2/2·ΣW² and its gradient for every parameter."""
    X = check_matrix("X", X, n_features=net.sizes[0])
    y = check_labels(y, len(X), n_classes=net.sizes[-1])
    check_nonnegative("l2", l2)
    trace = forward(net, X.astype(net.layers[0].W.dtype, copy=False))
    loss = data_loss(trace, y) + l2_penalty(net, l2)
    return loss, backward(net, trace, y, l2)
