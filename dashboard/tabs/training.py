"""Training tab: the numbers and curves a class watches while the network learns."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import figures
from dashboard import text
from dashboard.livefigs import LiveFigures, as_array
from dashboard.run import Run
from dashboard.settings import fmt_batch
from dashboard.tabs.base import Painter, View, chart, explainer


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _loss(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"


def metrics(run: Run) -> None:
    """Epoch, loss and accuracy (training and validation) as big numbers."""
    first = run.history["loss"][0]
    loss = run.last("loss")
    cols = st.columns(5)
    cols[0].metric("Epoch", f"{run.epoch}/{run.config.epochs}")
    cols[1].metric(
        "Loss",
        _loss(loss),
        # Always a delta line (grey at epoch 0), so the row keeps its height.
        delta=f"{loss - first:+.4f} since epoch 0",
        delta_color="off" if run.epoch == 0 else "inverse",
        help="Training loss: mean cross-entropy (+ L2 term).",
    )
    cols[2].metric("Validation loss", _loss(run.last("val_loss")))
    cols[3].metric("Accuracy (train)", _percent(run.last("accuracy")))
    cols[4].metric("Accuracy (validation)", _percent(run.last("val_accuracy")))


def _layer_names(run: Run) -> list[str]:
    n_hidden = len(run.network.activations)
    return [f"Hidden layer {i}" for i in range(1, n_hidden + 1)] + ["Output layer"]


LIVE_POINTS = 300  # per curve while training: lighter charts, more redraws a second


def thinned_history(run: Run, max_points: int) -> dict[str, list]:
    """The history at most ``max_points`` long (evenly spaced, ends kept)."""
    keep = figures.thin(len(run.history["epoch"]), max_points)
    return {key: [values[i] for i in keep] for key, values in run.history.items()}


def _curve_figures(
    run: Run, h: dict[str, list], font_size: int
) -> dict[str, Callable[[], go.Figure]]:
    """How to build each curve chart from (a thinned copy of) the history."""
    val = run.val is not None
    return {
        "loss": lambda: figures.loss_figure(
            h["epoch"],
            h["loss"],
            h["val_loss"] if val else None,
            reference=run.reference or None,
            events=run.events or None,
            font_size=font_size,
        ),
        "accuracy": lambda: figures.accuracy_figure(
            h["epoch"],
            h["accuracy"],
            h["val_accuracy"] if val else None,
            chance=1.0 / run.train.n_classes,
            font_size=font_size,
        ),
        "grad-norms": lambda: figures.grad_norm_figure(
            h["epoch"], h["grad_norms"], _layer_names(run), font_size=font_size
        ),
    }


def _curve_series(run: Run, h: dict[str, list]) -> dict[str, dict]:
    """The new data of each curve chart, by trace name (for live redraws)."""
    x = as_array(h["epoch"])
    grads = np.array(h["grad_norms"], dtype=np.float64)
    grads[~(grads > 0)] = np.nan  # log axis: no zeros
    series = {
        "loss": {"Training loss": (x, as_array(h["loss"]))},
        "accuracy": {"Training accuracy": (x, as_array(h["accuracy"]))},
        "grad-norms": {
            name: (x, grads[:, j]) for j, name in enumerate(_layer_names(run))
        },
    }
    if run.val is not None:
        series["loss"]["Validation loss"] = (x, as_array(h["val_loss"]))
        series["accuracy"]["Validation accuracy"] = (x, as_array(h["val_accuracy"]))
    return series


# While training, the loss (and the numbers) redraw every frame; the slower-moving
# charts every few frames: each redraw mounts a new Plotly chart in the browser,
# and that, not the training, is what limits redraws per second.
SLOW_EVERY = 3


class Slots:
    """Fixed places for each part of the tab, so a frame can redraw just some."""

    def __init__(self) -> None:
        self.metrics = st.empty()
        left, right = st.columns(2)
        self.loss, self.accuracy = left.empty(), right.empty()
        left, right = st.columns(2)
        self.grads, self.info = left.empty(), right.empty()


def paint_charts(
    run: Run,
    slots: Slots,
    frame: int,
    font_size: int,
    kept: LiveFigures | None,
    every: bool = True,
) -> None:
    """Loss, accuracy and gradient-norm curves; ``kept`` set: a quick live frame
    (``every`` False: the loss only, the slower charts stay as they are)."""
    h = run.history if kept is None else thinned_history(run, LIVE_POINTS)
    build = _curve_figures(run, h, font_size)
    every = every or kept is None
    names = ["loss", "accuracy", "grad-norms"] if every else ["loss"]
    if kept is None:
        made = {name: build[name]() for name in names}
    else:
        shape = (run.run_id, run.events, font_size, run.val is not None)
        series = _curve_series(run, h)
        made = {
            name: kept.figure(name, shape, build[name], series[name]) for name in names
        }
    with slots.loss.container():
        chart(made["loss"], "loss", run, frame)
    if every:
        with slots.accuracy.container():
            chart(made["accuracy"], "accuracy", run, frame)
        with slots.grads.container():
            chart(made["grad-norms"], "grad-norms", run, frame)
        with slots.info.container():
            _settings_table(run)


def _settings_table(run: Run) -> None:
    """What this run is, in words: handy when a screenshot ends up on a slide."""
    cfg = run.config
    layers = " → ".join(str(n) for n in run.network.sizes)
    st.markdown(
        f"**This run** (no. {run.run_id})  \n"
        f"**Data:** {run.spec.describe()}, {run.train.n_samples} training samples  \n"
        f"**Layer sizes:** {layers}  \n"
        f"**Activation:** {', '.join(run.network.activations)}  \n"
        f"**Optimizer:** {cfg.optimizer}, learning rate {cfg.learning_rate:g}, "
        f"L2 {cfg.l2:g}, {fmt_batch(cfg.batch_size or 0).lower()}  \n"
        f"**Initial weights:** {cfg.init}, seed {cfg.seed}"
    )
    if run.reference:
        st.caption(
            "✕ marks: the seed report's logged losses. Its data and initial weights "
            "are unknown, so expect the same shape, not the same numbers."
        )


def render(view: View) -> Painter:
    """Metrics and curves (redrawn live), then the explainer."""
    slots = Slots()
    kept = LiveFigures()
    explainer(text.EXPLAIN["Training"])

    painted = []

    def paint(run: Run, frame: int, live: bool) -> None:
        every = len(painted) % SLOW_EVERY == 0  # always on a script run's first
        painted.append(frame)
        with slots.metrics.container():
            metrics(run)
        live_figures = kept if live else None
        paint_charts(run, slots, frame, view.font_size, live_figures, every)

    return paint
