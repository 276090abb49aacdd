"""The Learn tab's contents: one training step on one sample, stage by stage.

Every number comes from the core (``nn.forward``, ``nn.loss_and_grads``, the
optimizer's ``step`` and ``nn.check_gradients``); this module only lays the numbers
out as LaTeX, with the little arithmetic a reader needs to follow them (a product
spelled out, a difference shown). No Streamlit here, so it is unit-tested directly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

import nn_core as nn
import wording as text
from nn_core import optimizers

# Matrices up to this size are shown in full; larger ones as their corner plus a
# one-line summary. 12 keeps the seed report's 10×5 first layer whole.
MAX_ROWS = 12
MAX_COLS = 12
MAX_VECTOR = 12  # a row vector shown whole up to this many entries (screen width)
CORNER = (4, 8)  # rows, columns of a large matrix shown before the dots
MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!$<>|~")
MAX_NAMED = 8  # features listed by name in the sample's text
MAX_TERMS = 6  # terms of a dot product spelled out before "+ ⋯ +"
CHECK_EPS = 1e-6  # the finite-difference step, as in the core's gradient tests
CHECK_TOLERANCE = 1e-5  # max relative error that counts as agreement
# The core checks every entry: two loss evaluations each, about a second per
# thousand entries. Beyond FULL_CHECK_MAX the tab checks a spread sample.
FULL_CHECK_MAX = 600
SAMPLED_ENTRIES = 200


@dataclass(frozen=True)
class Stage:
    """One click's worth: a title, why it happens, its equations with numbers."""

    phase: str  # "Forward", "Loss", "Backward", "Update" or "Check"
    title: str
    text: str  # markdown
    equations: tuple[str, ...]  # LaTeX, each shown as its own display block
    notes: tuple[str, ...] = ()  # markdown: summaries of matrices too big to show
    passed: bool | None = None  # the gradient check's verdict (None elsewhere)


@dataclass(frozen=True)
class Step:
    """One plain gradient step on one sample, computed by the core."""

    net: nn.Network
    x: np.ndarray  # (1, n_features)
    y: int
    trace: nn.Trace
    loss: float
    grads: nn.Network
    updated: nn.Network
    loss_after: float
    learning_rate: float
    l2: float
    class_names: tuple[str, ...]
    feature_names: tuple[str, ...]

    @property
    def n_hidden(self) -> int:
        return len(self.net.activations)


def take_step(
    net: nn.Network,
    x: np.ndarray,
    y: int,
    learning_rate: float,
    l2: float = 0.0,
    class_names: Sequence[str] = (),
    feature_names: Sequence[str] = (),
) -> Step:
    """Forward, loss, backward and one gradient-descent update on the sample x."""
    X = np.asarray(x, dtype=np.float64).reshape(1, -1)
    labels = np.array([int(y)])
    net64 = _as_float64(net)
    trace = nn.forward(net64, X)
    loss, grads = nn.loss_and_grads(net64, X, labels, l2)
    updated, _ = optimizers.step(
        optimizers.init_state("gd", net64), net64, grads, learning_rate
    )
    loss_after, _ = nn.loss_and_grads(updated, X, labels, l2)
    n_classes = net.sizes[-1]
    names = tuple(class_names) or tuple(
        text.LEARN_CLASS.format(k=k) for k in range(n_classes)
    )
    features = tuple(feature_names) or tuple(f"x{j + 1}" for j in range(X.shape[1]))
    return Step(
        net64,
        X,
        int(y),
        trace,
        float(loss),
        grads,
        updated,
        float(loss_after),
        float(learning_rate),
        float(l2),
        names,
        features,
    )


def _as_float64(net: nn.Network) -> nn.Network:
    """The network in float64: a float32 run's step is shown (and checked) exactly."""
    layers = tuple(
        nn.Layer(*(np.asarray(p, dtype=np.float64) for p in layer))
        for layer in net.layers
    )
    return nn.Network(layers, net.activations)


# ---------------------------------------------------------------- LaTeX numbers


def num(value: float, digits: int = 3) -> str:
    """A number with ``digits`` significant digits, as LaTeX (10^k, not e-notation)."""
    value = float(value)
    if not math.isfinite(value):
        return r"\infty" if value > 0 else (r"-\infty" if value < 0 else r"\text{NaN}")
    if value == 0:
        return "0"
    shown = f"{value:.{digits}g}"
    if "e" in shown:
        mantissa, exponent = shown.split("e")
        return rf"{mantissa}{{\times}}10^{{{int(exponent)}}}"
    return shown


def _factor(value: float) -> str:
    """A number as a factor of a product: negative ones in parentheses."""
    shown = num(value)
    return f"({shown})" if shown.startswith("-") else shown


def matrix(A: np.ndarray, digits: int = 3) -> str:
    """A bmatrix of A (a vector is a row); large ones cut to a corner with dots."""
    A = np.atleast_2d(np.asarray(A, dtype=np.float64))
    rows, cols = A.shape
    max_cols = MAX_VECTOR if rows == 1 else MAX_COLS
    if rows <= MAX_ROWS and cols <= max_cols:
        shown_rows, shown_cols = rows, cols
    else:
        shown_rows = min(rows, CORNER[0])
        shown_cols = min(cols, CORNER[1] if rows > 1 else max_cols - 1)
    lines = []
    for i in range(shown_rows):
        cells = [num(v, digits) for v in A[i, :shown_cols]]
        if shown_cols < cols:
            cells.append(r"\cdots")
        lines.append(" & ".join(cells))
    if shown_rows < rows:
        dots = [r"\vdots"] * shown_cols + ([r"\ddots"] if shown_cols < cols else [])
        lines.append(" & ".join(dots))
    return r"\begin{bmatrix}" + r" \\ ".join(lines) + r"\end{bmatrix}"


def is_cut(A: np.ndarray) -> bool:
    """Whether ``matrix`` shows only part of A."""
    A = np.atleast_2d(A)
    rows, cols = A.shape
    return rows > MAX_ROWS or cols > (MAX_VECTOR if rows == 1 else MAX_COLS)


def summary(name: str, A: np.ndarray) -> str:
    """One markdown line for a matrix too big to read: shape and size of entries."""
    A = np.asarray(A, dtype=np.float64)
    shape = " × ".join(str(n) for n in A.shape)
    return text.LEARN_SUMMARY.format(
        name=name,
        shape=shape,
        low=f"{A.min():.3g}",
        high=f"{A.max():.3g}",
        mean_abs=f"{np.abs(A).mean():.3g}",
        norm=f"{np.linalg.norm(A):.3g}",
    )


def _notes(named: Sequence[tuple[str, np.ndarray]]) -> tuple[str, ...]:
    return tuple(summary(name, A) for name, A in named if is_cut(A))


def aligned(*lines: str) -> str:
    """Lines of one derivation, aligned on their first "&"."""
    return r"\begin{aligned}" + r" \\[4pt] ".join(lines) + r"\end{aligned}"


def dot_product(x: np.ndarray, w: np.ndarray, b: float, result: float) -> str:
    """x·w + b written out term by term (the middle cut when long), then the value."""
    terms = [f"{_factor(xi)} \\cdot {_factor(wi)}" for xi, wi in zip(x, w, strict=True)]
    if len(terms) > MAX_TERMS:
        terms = [*terms[:3], r"\cdots", terms[-1]]
    return " + ".join([*terms, _factor(b)]) + f" = {num(result)}"


# ---------------------------------------------------------------- names


def layer_tag(i: int, n_layers: int) -> str:
    """The superscript of layer i (0-based): (1), (2), ... and (out) for the last."""
    return r"\text{out}" if i == n_layers - 1 else str(i + 1)


def _a_prev(i: int, n_layers: int, transposed: bool = False) -> str:
    """The input of layer i: x or the activation before, optionally transposed."""
    top = r"\top" if transposed else ""
    if i == 0:
        return f"x^{{{top}}}" if transposed else "x"
    return f"a^{{({layer_tag(i - 1, n_layers)}){top}}}"


# ---------------------------------------------------------------- stages


def _sample(step: Step) -> Stage:
    x = step.x[0]
    names = step.feature_names
    shown = ", ".join(f"{_md(n)} = {v:.3g}" for n, v in zip(names, x, strict=True))
    if len(names) > MAX_NAMED:
        shown = text.LEARN_MANY_FEATURES.format(n=len(names))
    eq = aligned(
        rf"x &= {matrix(x)}",
        rf"y &= {step.y} \quad \text{{({_tex_text(step.class_names[step.y])})}}",
    )
    return Stage(
        "Forward",
        text.LEARN_TITLES["sample"],
        text.LEARN_TEXT["sample"].format(features=shown),
        (eq,),
        _notes([("x", x[None, :])]),
    )


def _md(name: str) -> str:
    """A name from the data (maybe an uploaded CSV's) as literal markdown text."""
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIAL else c for c in str(name))


def _tex_text(label: str) -> str:
    """A label safe inside LaTeX's \\text{}."""
    return "".join(c if c.isalnum() or c in " -.,:" else " " for c in str(label))


def _hidden_forward(step: Step, i: int) -> Stage:
    n = len(step.net.layers)
    tag, prev = layer_tag(i, n), _a_prev(i, n)
    layer = step.net.layers[i]
    a_in = step.x[0] if i == 0 else step.trace.a[i - 1][0]
    z, a = step.trace.z[i][0], step.trace.a[i][0]
    act = nn.ACTIVATIONS[step.net.activations[i]]
    eqs = (
        aligned(
            rf"z^{{({tag})}} &= {prev}\,W^{{({tag})}} + b^{{({tag})}}",
            rf"{prev} &= {matrix(a_in)}",
            rf"W^{{({tag})}} &= {matrix(layer.W)}",
            rf"b^{{({tag})}} &= {matrix(layer.b)}",
        ),
        aligned(
            rf"z^{{({tag})}}_1 &= {dot_product(a_in, layer.W[:, 0], layer.b[0], z[0])}",
            rf"z^{{({tag})}} &= {matrix(z)}",
        ),
        aligned(
            rf"a^{{({tag})}} &= f(z^{{({tag})}}), \quad f(z) = {act.latex}",
            rf"a^{{({tag})}} &= {matrix(a)}",
        ),
    )
    return Stage(
        "Forward",
        text.LEARN_TITLES["hidden"].format(layer=i + 1, name=act.display_name),
        text.LEARN_TEXT["hidden"].format(layer=i + 1),
        eqs,
        _notes([(f"W({i + 1})", layer.W), (f"z({i + 1})", z[None, :])]),
    )


def _logits(step: Step) -> Stage:
    n = len(step.net.layers)
    i = n - 1
    layer = step.net.layers[i]
    prev = _a_prev(i, n)
    a_in = step.x[0] if i == 0 else step.trace.a[i - 1][0]
    z = step.trace.z[i][0]
    eqs = (
        aligned(
            rf"z^{{(\text{{out}})}} &= {prev}\,W^{{(\text{{out}})}} + "
            r"b^{(\text{out})}",
            rf"{prev} &= {matrix(a_in)}",
            rf"W^{{(\text{{out}})}} &= {matrix(layer.W)}",
            rf"b^{{(\text{{out}})}} &= {matrix(layer.b)}",
        ),
        aligned(
            r"z^{(\text{out})}_1 &= "
            + dot_product(a_in, layer.W[:, 0], layer.b[0], z[0]),
            rf"z^{{(\text{{out}})}} &= {matrix(z)}",
        ),
    )
    return Stage(
        "Forward",
        text.LEARN_TITLES["logits"],
        text.LEARN_TEXT["logits"],
        eqs,
        _notes([("W(out)", layer.W)]),
    )


def _softmax(step: Step) -> Stage:
    z, p = step.trace.z[-1][0], step.trace.P[0]
    predicted = int(np.argmax(p))
    exps = ", ".join(f"e^{{{num(v)}}}" for v in z[:MAX_VECTOR])
    eqs = (
        aligned(
            r"p_k &= \frac{e^{z_k}}{\sum_j e^{z_j}}",
            rf"p &= \operatorname{{softmax}}\left({matrix(z)}\right)"
            + rf" \;\propto\; ({exps})",
            rf"p &= {matrix(p)}, \quad \textstyle\sum_k p_k = {num(p.sum())}",
        ),
    )
    verdict = "right" if predicted == step.y else "wrong"
    return Stage(
        "Forward",
        text.LEARN_TITLES["softmax"],
        text.LEARN_TEXT["softmax"].format(
            predicted=_md(step.class_names[predicted]),
            p=f"{p[predicted]:.3f}",
            true=_md(step.class_names[step.y]),
            p_true=f"{p[step.y]:.3f}",
            verdict=text.LEARN_VERDICT[verdict],
        ),
        eqs,
        _notes([("p", p[None, :])]),
    )


def _loss(step: Step) -> Stage:
    y = step.y
    log_p = float(step.trace.log_P[0, y])
    p_y = float(step.trace.P[0, y])
    lines = [
        r"L &= -\log p_y"
        + (r" + \tfrac{\lambda}{2}\textstyle\sum W^2" if step.l2 else ""),
        rf"-\log p_{{{y}}} &= -\log {num(p_y)} = {num(-log_p, 4)}",
    ]
    if step.l2:
        penalty = step.loss + log_p  # the core's loss minus its data term
        lines.append(
            rf"\tfrac{{\lambda}}{{2}}\textstyle\sum W^2 &= {num(penalty, 4)}"
            rf" \quad (\lambda = {num(step.l2)})"
        )
    lines.append(rf"L &= {num(step.loss, 4)}")
    n_classes = len(step.trace.P[0])
    return Stage(
        "Loss",
        text.LEARN_TITLES["loss"],
        text.LEARN_TEXT["loss"].format(
            chance=f"{math.log(n_classes):.3f}", n_classes=n_classes
        ),
        (aligned(*lines),),
    )


def _output_backward(step: Step) -> Stage:
    n = len(step.net.layers)
    i = n - 1
    p = step.trace.P[0]
    onehot = np.zeros_like(p)
    onehot[step.y] = 1.0
    grad = step.grads.layers[i]
    delta = grad.b  # one sample: dL/db is the output delta itself
    decay = r" + \lambda W^{(\text{out})}" if step.l2 else ""
    eqs = (
        aligned(
            r"\delta^{(\text{out})} &= \frac{\partial L}{\partial z^{(\text{out})}}"
            r" = p - \operatorname{onehot}(y)",
            rf"&= {matrix(p)} - {matrix(onehot)}",
            rf"&= {matrix(delta)}",
        ),
        aligned(
            r"\frac{\partial L}{\partial W^{(\text{out})}} &= "
            rf"{_a_prev(i, n, True)} \delta^{{(\text{{out}})}}{decay}"
            rf" = {matrix(grad.W)}",
            r"\frac{\partial L}{\partial b^{(\text{out})}} &= "
            r"\delta^{(\text{out})}",
        ),
    )
    return Stage(
        "Backward",
        text.LEARN_TITLES["output_backward"],
        text.LEARN_TEXT["output_backward"],
        eqs,
        _notes([("∂L/∂W(out)", grad.W)]),
    )


def _hidden_backward(step: Step, i: int) -> Stage:
    n = len(step.net.layers)
    tag, above = layer_tag(i, n), layer_tag(i + 1, n)
    layer = step.net.layers[i]
    act = nn.ACTIVATIONS[step.net.activations[i]]
    z, a = step.trace.z[i], step.trace.a[i]
    delta_above = step.grads.layers[i + 1].b  # one sample: dL/db = delta
    upstream = delta_above @ step.net.layers[i + 1].W.T  # shown, not used
    slope = act.grad(z, a, layer.theta)[0]
    grad = step.grads.layers[i]
    decay = rf" + \lambda W^{{({tag})}}" if step.l2 else ""
    eqs = [
        aligned(
            rf"\frac{{\partial L}}{{\partial a^{{({tag})}}}} &= "
            rf"\delta^{{({above})}} W^{{({above})\top}} = {matrix(upstream)}",
            rf"f'(z^{{({tag})}}) &= {matrix(slope)}",
            rf"\delta^{{({tag})}} &= \frac{{\partial L}}{{\partial a^{{({tag})}}}}"
            rf" \odot f'(z^{{({tag})}}) = {matrix(grad.b)}",
        ),
        aligned(
            rf"\frac{{\partial L}}{{\partial W^{{({tag})}}}} &= "
            rf"{_a_prev(i, n, True)} \delta^{{({tag})}}{decay} = {matrix(grad.W)}",
            rf"\frac{{\partial L}}{{\partial b^{{({tag})}}}} &= \delta^{{({tag})}}",
        ),
    ]
    named = [(f"∂L/∂W({i + 1})", grad.W), (f"δ({i + 1})", grad.b[None, :])]
    if act.k:
        eqs.append(
            rf"\frac{{\partial L}}{{\partial \theta^{{({tag})}}}} = "
            + matrix(grad.theta.T)
        )
        named.append((f"∂L/∂θ({i + 1})", grad.theta.T))
    return Stage(
        "Backward",
        text.LEARN_TITLES["hidden_backward"].format(layer=i + 1),
        text.LEARN_TEXT["hidden_backward"].format(layer=i + 1),
        tuple(eqs),
        _notes(named),
    )


def _update(step: Step) -> Stage:
    n = len(step.net.layers)
    eta = num(step.learning_rate)
    lines = [r"W &\leftarrow W - \eta\,\frac{\partial L}{\partial W}, \quad "
             rf"b \leftarrow b - \eta\,\frac{{\partial L}}{{\partial b}}, \quad "
             rf"\eta = {eta}"]  # fmt: skip
    named = []
    for i in range(n):
        tag = layer_tag(i, n)
        change = step.updated.layers[i].W - step.net.layers[i].W
        lines.append(rf"\Delta W^{{({tag})}} &= {matrix(change)}")
        named.append((f"ΔW({'out' if i == n - 1 else i + 1})", change))
    W0, g0 = step.net.layers[0].W[0, 0], step.grads.layers[0].W[0, 0]
    W1 = step.updated.layers[0].W[0, 0]
    example = (
        rf"W^{{(1)}}_{{11}}: \; {num(W0, 5)} - {eta} \times {_factor(g0)}"
        rf" = {num(W1, 5)}"
    )
    after = (
        rf"L: \; {num(step.loss, 5)} \;\to\; {num(step.loss_after, 5)}"
        rf" \quad (\text{{{text.LEARN_TEX['change']}}} "
        rf"{num(step.loss_after - step.loss, 3)})"
    )
    return Stage(
        "Update",
        text.LEARN_TITLES["update"],
        text.LEARN_TEXT["update"],
        (aligned(*lines), example, after),
        _notes(named),
    )


class Checked(NamedTuple):
    """Backprop against central differences on (some) entries of one array."""

    layer: int
    param: str  # "W", "b" or "theta"
    size: int  # entries in the array
    analytic: np.ndarray  # the checked entries, flat; entry 0 first
    numeric: np.ndarray
    relative_error: float


def checks(step: Step) -> list[Checked]:
    """The core's full check for small networks; for large ones a seeded sample of
    entries from every array (every entry would take seconds per thousand)."""
    total = sum(p.size for layer in step.net.layers for p in layer)
    if total > FULL_CHECK_MAX:
        return _sampled_checks(step, total)
    y = np.array([step.y])
    return [
        Checked(c.layer, c.param, c.analytic.size, c.analytic.ravel(),
                c.numeric.ravel(), c.relative_error)
        for c in nn.check_gradients(step.net, step.x, y, step.l2, eps=CHECK_EPS)
        if c.analytic.size
    ]  # fmt: skip


def _sampled_checks(step: Step, total: int) -> list[Checked]:
    rng = np.random.default_rng(0)
    out = []
    pairs = zip(step.net.layers, step.grads.layers, strict=True)
    for i, (layer, grad) in enumerate(pairs):
        for j, name in enumerate(("W", "b", "theta")):
            size = layer[j].size
            if not size:
                continue
            k = min(size, max(1, round(SAMPLED_ENTRIES * size / total)))
            rest = rng.choice(np.arange(1, size), size=k - 1, replace=False)
            entries = np.concatenate([[0], np.sort(rest)]).astype(int)
            numeric = np.array([_difference(step, i, j, e) for e in entries])
            analytic = grad[j].ravel()[entries]
            error = nn.relative_error(analytic, numeric)
            out.append(Checked(i, name, size, analytic, numeric, error))
    return out


def _difference(step: Step, i: int, j: int, entry: int) -> float:
    """(L(p + eps) - L(p - eps)) / 2 eps for one entry of one parameter array,
    each loss from the core."""

    def loss_at(shift: float) -> float:
        layers = list(step.net.layers)
        parts = list(layers[i])
        parts[j] = parts[j].copy()
        parts[j].flat[entry] += shift
        layers[i] = nn.Layer(*parts)
        net = nn.Network(tuple(layers), step.net.activations)
        return nn.loss_and_grads(net, step.x, np.array([step.y]), step.l2)[0]

    return (loss_at(CHECK_EPS) - loss_at(-CHECK_EPS)) / (2 * CHECK_EPS)


def gradient_check(step: Step) -> Stage:
    """Backprop against central differences, for this sample's step."""
    done = checks(step)
    worst = max((c.relative_error for c in done), default=0.0)
    passed = worst < CHECK_TOLERANCE
    first = done[0]
    rows = [
        text.LEARN_CHECK_ROW.format(
            layer=c.layer + 1,
            param=c.param,
            n=c.size
            if c.analytic.size == c.size
            else text.LEARN_SOME.format(n=c.analytic.size, total=c.size),
            error=f"{c.relative_error:.2e}",
        )
        for c in done
    ]
    tex = text.LEARN_TEX
    dw = r"\frac{\partial L}{\partial W^{(1)}_{11}}"
    eqs = (
        r"\frac{\partial L}{\partial w} \approx "
        r"\frac{L(w + \varepsilon) - L(w - \varepsilon)}{2\varepsilon}, "
        rf"\quad \varepsilon = {num(CHECK_EPS)}",
        aligned(
            rf"\text{{{tex['backprop']}}} {dw} &= " + num(first.analytic[0], 8),
            rf"\text{{{tex['differences']}}} {dw} &= " + num(first.numeric[0], 8),
            rf"\text{{{tex['max_error']}}} &= " + num(worst, 3),
        ),
    )
    key = "check_pass" if passed else "check_fail"
    sampled = any(c.analytic.size < c.size for c in done)
    return Stage(
        "Check",
        text.LEARN_TITLES["check"],
        text.LEARN_TEXT[key].format(
            error=f"{worst:.1e}", tolerance=f"{CHECK_TOLERANCE:.0e}"
        )
        + (" " + text.LEARN_CHECK_SAMPLED if sampled else ""),
        eqs,
        (text.LEARN_CHECK_HEADER + "\n" + "\n".join(rows),),
        passed=passed,
    )


def plan(step: Step) -> list[tuple[str, Callable[[], Stage]]]:
    """Every stage of the step in order, as (title, build): build only the one shown
    (the gradient check costs two loss evaluations per parameter)."""
    n_hidden = step.n_hidden
    names = [nn.ACTIVATIONS[a].display_name for a in step.net.activations]
    out: list[tuple[str, Callable[[], Stage]]] = [
        (text.LEARN_TITLES["sample"], lambda: _sample(step))
    ]
    for i in range(n_hidden):
        title = text.LEARN_TITLES["hidden"].format(layer=i + 1, name=names[i])
        out.append((title, lambda i=i: _hidden_forward(step, i)))
    out += [
        (text.LEARN_TITLES["logits"], lambda: _logits(step)),
        (text.LEARN_TITLES["softmax"], lambda: _softmax(step)),
        (text.LEARN_TITLES["loss"], lambda: _loss(step)),
        (text.LEARN_TITLES["output_backward"], lambda: _output_backward(step)),
    ]
    for i in reversed(range(n_hidden)):
        title = text.LEARN_TITLES["hidden_backward"].format(layer=i + 1)
        out.append((title, lambda i=i: _hidden_backward(step, i)))
    out += [
        (text.LEARN_TITLES["update"], lambda: _update(step)),
        (text.LEARN_TITLES["check"], lambda: gradient_check(step)),
    ]
    return out


def stages(step: Step) -> list[Stage]:
    """Every stage, built (tests and exports; the tab builds only the one shown)."""
    return [build() for _, build in plan(step)]
