"""Training tab: the numbers and curves a class watches while the network learns."""

from __future__ import annotations

import streamlit as st

import figures
from dashboard import text
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
        delta=None if run.epoch == 0 else f"{loss - first:+.4f} since epoch 0",
        delta_color="inverse",
        help="Training loss: mean cross-entropy (+ L2 term).",
    )
    cols[2].metric("Validation loss", _loss(run.last("val_loss")))
    cols[3].metric("Accuracy (train)", _percent(run.last("accuracy")))
    cols[4].metric("Accuracy (validation)", _percent(run.last("val_accuracy")))


def _layer_names(run: Run) -> list[str]:
    n_hidden = len(run.network.activations)
    return [f"Hidden layer {i}" for i in range(1, n_hidden + 1)] + ["Output layer"]


LIVE_POINTS = 200  # per curve while training: lighter charts, more redraws a second
FULL_POINTS = 1000


def thinned_history(run: Run, max_points: int) -> dict[str, list]:
    """The history at most ``max_points`` long (evenly spaced, ends kept)."""
    keep = figures.thin(len(run.history["epoch"]), max_points)
    return {key: [values[i] for i in keep] for key, values in run.history.items()}


def paint_charts(run: Run, frame: int, font_size: int, live: bool) -> None:
    """Loss, accuracy and gradient-norm curves of the run so far."""
    h = thinned_history(run, LIVE_POINTS if live else FULL_POINTS)
    has_val = run.val is not None
    loss = figures.loss_figure(
        h["epoch"],
        h["loss"],
        h["val_loss"] if has_val else None,
        reference=run.reference or None,
        events=run.events or None,
        font_size=font_size,
    )
    accuracy = figures.accuracy_figure(
        h["epoch"],
        h["accuracy"],
        h["val_accuracy"] if has_val else None,
        chance=1.0 / run.train.n_classes,
        font_size=font_size,
    )
    grads = figures.grad_norm_figure(
        h["epoch"], h["grad_norms"], _layer_names(run), font_size=font_size
    )
    left, right = st.columns(2)
    with left:
        chart(loss, "loss", run, frame)
    with right:
        chart(accuracy, "accuracy", run, frame)
    left, right = st.columns(2)
    with left:
        chart(grads, "grad-norms", run, frame)
    with right:
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
    metrics_slot = st.empty()
    charts_slot = st.empty()
    explainer(text.EXPLAIN["Training"])

    def paint(run: Run, frame: int, live: bool) -> None:
        with metrics_slot.container():
            metrics(run)
        with charts_slot.container():
            paint_charts(run, frame, view.font_size, live)

    return paint
