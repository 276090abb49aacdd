"""Training tab: the numbers and curves a class watches while the network learns."""

from __future__ import annotations

import numpy as np
import streamlit as st

import figures
import figures.training
import wording as text
from dashboard import livefigs, metricrow, page
from dashboard.run import Run
from dashboard.settings import fmt_batch
from dashboard.tabs.base import (
    Painter,
    View,
    chart,
    explainer,
    live_chart,
    numbers_due,
)
from figures.style import CURVE_HEIGHT, fmt, line_dash


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _loss(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"


def metrics(run: Run, slot) -> None:
    """Epoch, loss and accuracy (training and validation) as big numbers, in one
    element (dashboard/metricrow.py says why)."""
    first = run.history["loss"][0]
    loss = run.last("loss")
    words = text.TRAINING
    change = loss - first
    # Always a delta line (grey at epoch 0), so the row keeps its height.
    started = run.epoch > 0
    loss_metric = metricrow.Metric(
        words["loss"],
        _loss(loss),
        delta=words["loss_delta"].format(delta=change),
        direction=("down" if change < 0 else "up") if started and change else "none",
        good=(change <= 0) if started else None,
        help=words["loss_help"],
    )
    metricrow.draw(
        slot,
        [
            metricrow.Metric(words["epoch"], f"{run.epoch}/{run.config.epochs}"),
            loss_metric,
            metricrow.Metric(words["val_loss"], _loss(run.last("val_loss"))),
            metricrow.Metric(words["accuracy"], _percent(run.last("accuracy"))),
            metricrow.Metric(words["val_accuracy"], _percent(run.last("val_accuracy"))),
        ],
    )


def _layer_names(run: Run) -> list[str]:
    n_hidden = len(run.network.activations)
    hidden = [text.HIDDEN_LAYER.format(layer=i) for i in range(1, n_hidden + 1)]
    return [*hidden, text.OUTPUT_LAYER]


def thinned_history(run: Run, max_points: int) -> dict[str, list]:
    """The history at most ``max_points`` long (evenly spaced, ends kept)."""
    keep = figures.thin(len(run.history["epoch"]), max_points)
    return {key: [values[i] for i in keep] for key, values in run.history.items()}


class Slots:
    """Fixed places for each part of the tab, so a frame can redraw just some."""

    def __init__(self) -> None:
        self.metrics = st.empty()
        left, right = st.columns(2)
        self.loss, self.accuracy = left.empty(), right.empty()
        left, right = st.columns(2)
        self.grads, self.info = left.empty(), right.empty()


def paint_charts(run: Run, slots: Slots, frame: int, font_size: int) -> None:
    """Loss, accuracy and gradient-norm curves in full (Plotly), plus the run's
    settings: drawn whenever the run is not training."""
    h = run.history
    val = run.val is not None
    figs = {
        "loss": figures.loss_figure(
            h["epoch"],
            h["loss"],
            h["val_loss"] if val else None,
            reference=run.reference or None,
            events=run.events or None,
            font_size=font_size,
        ),
        "accuracy": figures.accuracy_figure(
            h["epoch"],
            h["accuracy"],
            h["val_accuracy"] if val else None,
            chance=1.0 / run.train.n_classes,
            font_size=font_size,
        ),
        "grad-norms": figures.grad_norm_figure(
            h["epoch"], h["grad_norms"], _layer_names(run), font_size=font_size
        ),
    }
    for (name, fig), slot in zip(
        figs.items(), (slots.loss, slots.accuracy, slots.grads), strict=True
    ):
        with slot.container():
            chart(fig, name, run, frame)
    with slots.info.container():
        _settings_table(run)


# While training, the loss redraws every frame, the numbers every second frame
# (with the status line) and the slower-moving accuracy and gradient norms every
# few frames. Each is a light HTML chart
# (dashboard/livefigs.py), so the browser keeps up and stays responsive.
SLOW_EVERY = 3


def _live_alt(kind: str, run: Run, key: str) -> str:
    return text.TRAINING["live_alt"].format(
        kind=kind, epoch=run.epoch, value=fmt(run.last(key))
    )


def _live_height() -> int:
    """The Plotly curves' height on the page (taller when presenting), so the
    page keeps its layout when live charts swap in and out."""
    height = page.taller(CURVE_HEIGHT, bool(st.session_state.get("present")))
    return CURVE_HEIGHT if height == "content" else int(height)


def _live_train_val(
    run: Run, h: dict, metric: str, y_title: str, font_size: int, height: int, **marks
) -> str:
    """One metric's training curve and (when data is held out) validation curve:
    the loss and accuracy charts differ only in their axis and guide marks."""
    words = text.TRAINING
    curves = {words[f"train_{metric}_curve"]: h[metric]}
    if run.val is not None:
        curves[words[f"val_{metric}_curve"]] = h[f"val_{metric}"]
    title = words[f"{metric}_title"]
    return livefigs.curve_html(
        title,
        y_title,
        h["epoch"],
        curves,
        [figures.training.TRAIN_COLOR, figures.training.VAL_COLOR],
        ["solid", "dash"],
        alt=_live_alt(title, run, metric),
        font_size=font_size,
        height=height,
        **marks,
    )


def _live_loss(run: Run, h: dict, font_size: int, height: int) -> str:
    return _live_train_val(
        run,
        h,
        "loss",
        figures.training.LOSS_AXIS,
        font_size,
        height,
        events=run.events,
        markers=run.reference,
    )


def _live_accuracy(run: Run, h: dict, font_size: int, height: int) -> str:
    return _live_train_val(
        run,
        h,
        "accuracy",
        figures.training.ACCURACY_AXIS,
        font_size,
        height,
        percent=True,
        chance=1.0 / run.train.n_classes,
    )


def _live_grads(run: Run, h: dict, font_size: int, height: int) -> str:
    names = _layer_names(run)
    grads = np.array(h["grad_norms"], dtype=np.float64).reshape(len(h["epoch"]), -1)
    return livefigs.curve_html(
        text.TRAINING["grads_title"],
        text.TRAINING["grads_axis"],
        h["epoch"],
        dict(zip(names, grads.T, strict=True)),
        [figures.class_color(j) for j in range(len(names))],
        [line_dash(j) for j in range(len(names))],
        alt=text.TRAINING["grads_alt"],
        font_size=font_size,
        height=height,
        log=True,
    )


def paint_live(run: Run, slots: Slots, font_size: int, every: bool) -> None:
    """A quick frame while training: light curves, thinned; ``every`` False
    redraws the loss only and leaves the slower charts as they are. Each chart
    goes straight into its slot: a container around it would be one more
    element for the browser to replace every frame."""
    h = thinned_history(run, livefigs.LIVE_POINTS)
    height = _live_height()
    parts = [(_live_loss, slots.loss)]
    if every:
        parts += [(_live_accuracy, slots.accuracy), (_live_grads, slots.grads)]
    for build, slot in parts:
        live_chart(slot, build(run, h, font_size, height))


def _settings_table(run: Run) -> None:
    """What this run is, in words: handy when a screenshot ends up on a slide."""
    cfg = run.config
    layers = " → ".join(str(n) for n in run.network.sizes)
    st.markdown(
        text.RUN_SETTINGS.format(
            run_id=run.run_id,
            data=run.spec.describe(),
            n_train=run.train.n_samples,
            layers=layers,
            activations=", ".join(run.network.activations),
            optimizer=cfg.optimizer,
            lr=cfg.learning_rate,
            l2=cfg.l2,
            batch=fmt_batch(cfg.batch_size or 0).lower(),
            init=cfg.init,
            seed=cfg.seed,
        )
    )
    if run.reference:
        st.caption(text.TRAINING["reference"])


def render(view: View) -> Painter:
    """Metrics and curves (redrawn live), then the explainer."""
    slots = Slots()
    explainer(text.EXPLAIN["Training"])
    live_frames = []

    def paint(run: Run, frame: int, live: bool) -> None:
        every = not live or len(live_frames) % SLOW_EVERY == 0  # a run's first too
        if not live or numbers_due(frame):  # with the status line
            metrics(run, slots.metrics)
        if not live:
            paint_charts(run, slots, frame, view.font_size)
            return
        if not live_frames:  # a run's settings cannot change within a script run
            with slots.info.container():
                _settings_table(run)
        live_frames.append(frame)
        paint_live(run, slots, view.font_size, every)

    return paint
