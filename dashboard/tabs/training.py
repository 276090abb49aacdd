"""Training tab: the numbers and curves a class watches while the network learns."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import streamlit as st

import figures
import figures.training
import wording as text
from dashboard import livefigs, page
from dashboard.run import Run
from dashboard.settings import fmt_batch
from dashboard.tabs.base import Painter, View, chart, explainer, live_chart
from figures.style import CURVE_HEIGHT, fmt


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _loss(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"


def metrics(run: Run) -> None:
    """Epoch, loss and accuracy (training and validation) as big numbers."""
    first = run.history["loss"][0]
    loss = run.last("loss")
    cols = st.columns(5)
    words = text.TRAINING
    cols[0].metric(words["epoch"], f"{run.epoch}/{run.config.epochs}")
    cols[1].metric(
        words["loss"],
        _loss(loss),
        # Always a delta line (grey at epoch 0), so the row keeps its height.
        delta=words["loss_delta"].format(delta=loss - first),
        delta_color="off" if run.epoch == 0 else "inverse",
        help=words["loss_help"],
    )
    cols[2].metric(words["val_loss"], _loss(run.last("val_loss")))
    cols[3].metric(words["accuracy"], _percent(run.last("accuracy")))
    cols[4].metric(words["val_accuracy"], _percent(run.last("val_accuracy")))


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


# While training, the loss (and the numbers) redraw every frame; the slower-moving
# accuracy and gradient norms every few frames. Each is a light Vega chart updated
# in place (dashboard/livefigs.py), so the browser keeps up and stays responsive.
SLOW_EVERY = 3


LiveCurve = tuple[dict, pa.Table, str]  # Vega-Lite spec, its data, alt text


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
) -> LiveCurve:
    """One metric's training curve and (when data is held out) validation curve:
    the loss and accuracy charts differ only in their axis and guide marks."""
    words = text.TRAINING
    curves = {words[f"train_{metric}_curve"]: h[metric]}
    if run.val is not None:
        curves[words[f"val_{metric}_curve"]] = h[f"val_{metric}"]
    title = words[f"{metric}_title"]
    spec = livefigs.curve_spec(
        title,
        y_title,
        list(curves),
        [figures.training.TRAIN_COLOR, figures.training.VAL_COLOR],
        font_size=font_size,
        height=height,
        **marks,
    )
    alt = _live_alt(title, run, metric)
    return spec, livefigs.wide_table(h["epoch"], curves), alt


def _live_loss(run: Run, h: dict, font_size: int, height: int) -> LiveCurve:
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


def _live_accuracy(run: Run, h: dict, font_size: int, height: int) -> LiveCurve:
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


def _live_grads(run: Run, h: dict, font_size: int, height: int) -> LiveCurve:
    names = _layer_names(run)
    grads = np.array(h["grad_norms"], dtype=np.float64).reshape(len(h["epoch"]), -1)
    spec = livefigs.curve_spec(
        text.TRAINING["grads_title"],
        text.TRAINING["grads_axis"],
        names,
        [figures.class_color(j) for j in range(len(names))],
        font_size=font_size,
        height=height,
        log=True,
    )
    table = livefigs.wide_table(h["epoch"], dict(zip(names, grads.T, strict=True)))
    return spec, table, text.TRAINING["grads_alt"]


def paint_live(run: Run, slots: Slots, font_size: int, every: bool) -> None:
    """A quick frame while training: light curves, thinned; ``every`` False
    redraws the loss only and leaves the slower charts as they are."""
    h = thinned_history(run, livefigs.LIVE_POINTS)
    height = _live_height()
    parts = [(_live_loss, slots.loss)]
    if every:
        parts += [(_live_accuracy, slots.accuracy), (_live_grads, slots.grads)]
    for build, slot in parts:
        spec, table, alt = build(run, h, font_size, height)
        with slot.container():
            live_chart(spec, table, alt)
    if every:
        with slots.info.container():
            _settings_table(run)


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
        with slots.metrics.container():  # every frame: they match the status line
            metrics(run)
        if not live:
            paint_charts(run, slots, frame, view.font_size)
            return
        live_frames.append(frame)
        paint_live(run, slots, view.font_size, every)

    return paint
