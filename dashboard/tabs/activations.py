"""Activations tab: each hidden layer's function and slope where its inputs fall.

For learnable activations, every unit's own curve and slope over the z it sees,
how they moved since epoch 0, the parameters over the epochs and the classic shape
each curve is closest to; for every activation, unit health over the epochs. While
training runs, a light version (one chart per layer) follows the latest epoch.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

import figures
import nn_core as nn
import wording as text
from dashboard import probes
from dashboard.run import Params, Run, params_at, replay_epochs
from dashboard.settings import NORMAL_FONT
from dashboard.tabs.base import Painter, View, chart, explainer
from figures.activations import legend_below
from nn_core.diagnostics import LayerSummary, layer_health
from nn_core.shapes import fit_classic_shapes

FADED = 6  # earlier epochs drawn faded behind the learned curves
LIVE_FADED = 3
CURVE_POINTS = 120  # per unit and curve: smooth enough, light enough for 64 units
LIVE_CURVE_POINTS = 60
SHAPE_POINTS = 200  # grid of the closest-shape fit
TIE = 1e-3  # shapes within this R² of the best are listed as fitting too
HEALTH_HEIGHT = 440  # the three health charts share a row: one height
SAME_Z = 1e-9  # a unit whose z spans less than this sees one point of its curve


def short_name(name: str) -> str:
    """'Swish-β (learnable β)' -> 'Swish-β': short enough for a legend entry."""
    return nn.ACTIVATIONS[name].display_name.split(" (")[0]


def unit_names(n_units: int) -> list[str]:
    return [f"h{u + 1}" for u in range(n_units)]


# ---------------------------------------------------------------- what to draw


def faded_epochs(kept: list[int], epoch: int, n: int) -> list[int]:
    """Up to n kept epochs strictly between 0 and ``epoch``, evenly spread."""
    between = [e for e in kept if 0 < e < epoch]
    if len(between) <= n:
        return between
    return [between[i] for i in figures.thin(len(between), n)]


def curves_at(
    run: Run, params: Params, layer: int, n_points: int
) -> figures.UnitCurves:
    """One layer's unit curves at a kept epoch, each over the z that unit sees."""
    acts = run.network.activations
    summary = probes.summaries(params, acts, run.train.X)[layer]
    z = probes.unit_grid(summary.z_min, summary.z_max, n_points)
    curve = probes.unit_curve(acts[layer], params[layer][2], z)
    return figures.UnitCurves(curve.z, curve.fa, curve.dfa)


def param_history(run: Run, layer: int) -> tuple[list[int], np.ndarray]:
    """Kept epochs and every unit's parameters there: (n_epochs, n_units, k)."""
    epochs = replay_epochs(run)
    thetas = [np.asarray(params_at(run, e)[layer][2], dtype=float) for e in epochs]
    return epochs, np.stack(thetas)


def health_history(run: Run) -> tuple[list[int], np.ndarray, np.ndarray]:
    """Saturated and dead shares per layer at each kept epoch: (n_epochs, n_layers)."""
    epochs = replay_epochs(run)
    acts = run.network.activations
    rows: list[list[LayerSummary]] = [
        probes.summaries(params_at(run, e), acts, run.train.X) for e in epochs
    ]
    saturated = np.array([[s.saturated_share for s in row] for row in rows])
    dead = np.array([[s.dead_share for s in row] for row in rows])
    return epochs, saturated, dead


def _fmt(value: float) -> str:
    return f"{value:.3g}"


def shape_rows(name: str, theta: np.ndarray, summary: LayerSummary) -> pd.DataFrame:
    """Per unit: the classic shape its curve is closest to on its own z range."""
    z = probes.unit_grid(summary.z_min, summary.z_max, SHAPE_POINTS)
    curve = probes.unit_curve(name, theta, z)
    cols = text.ACT_SHAPE_COLUMNS
    rows = []
    for u in range(z.shape[0]):
        if not np.isfinite(curve.fa[u]).all():
            continue  # a diverged unit: nothing to fit
        one_z = summary.z_max[u] - summary.z_min[u] <= SAME_Z
        shape, fit, r2, also = _closest(z[u], curve.fa[u], one_z)
        rows.append(
            {
                cols["unit"]: f"h{u + 1}",
                cols["range"]: text.ACT_LABELS["range"].format(
                    low=_fmt(summary.z_min[u]), high=_fmt(summary.z_max[u])
                ),
                cols["shape"]: shape,
                cols["fit"]: fit,
                cols["r2"]: r2,
                cols["also"]: also,
            }
        )
    return pd.DataFrame(rows, columns=list(cols.values()))


def _closest(
    z: np.ndarray, fa: np.ndarray, one_z: bool
) -> tuple[str, str, float | None, str]:
    """Closest shape, its fit as a formula, R² and the shapes that fit as well."""
    fits = fit_classic_shapes(z, fa)
    best = fits[0]
    if best.c1 == 0.0 or one_z:  # a constant curve: every shape fits it
        return text.ACT_FLAT, _fmt(float(fa.mean())), None, ""
    shape = text.ACT_SHAPE_NAMES[best.name]
    also = [text.ACT_SHAPE_NAMES[f.name] for f in fits[1:] if f.r2 >= best.r2 - TIE]
    fit = f"{_fmt(best.c0)} + {_fmt(best.c1)}·{_in_z(best.name)}".replace("+ -", "− ")
    return shape, fit, round(best.r2, 4), ", ".join(also)


def _in_z(name: str) -> str:
    """'tanh' -> 'tanh(z)'; shapes already written in z stay as they are."""
    written = {"identity": "z", "abs": "|z|", "square": "z²"}  # by shape name
    return written.get(name, f"{text.ACT_SHAPE_NAMES[name]}(z)")


# ---------------------------------------------------------------- drawing


def _health_metrics(summary: LayerSummary, n_units: int) -> None:
    words = text.ACT_LABELS
    left, right = st.columns(2)
    left.metric(
        words["saturated"],
        words["count"].format(
            n=round(summary.saturated_share * n_units), total=n_units
        ),
        help=text.ACT_SATURATED_HELP,
    )
    right.metric(
        words["dead"],
        words["count"].format(n=round(summary.dead_share * n_units), total=n_units),
        help=text.ACT_DEAD_HELP,
    )


def paint_fixed(run: Run, layer: int, epoch: int, frame: int, font: int) -> None:
    """A fixed activation: its curve and slope with where the layer's z fall."""
    name = run.network.activations[layer]
    params = params_at(run, epoch)
    z = probes.pre_activations(
        probes.network_from(params, run.network.activations), run.train.X
    )[layer]
    lo, hi = probes.z_range(z)
    shown = probes.curve(name, params[layer][2], lo, hi)
    fig = figures.activation_figure(
        shown.z,
        shown.fa[0],
        shown.dfa[0],
        short_name(name),
        z_hist=z.ravel(),
        font_size=font,
    )
    chart(fig, f"activation-{layer}", run, frame)


def paint_learned(
    run: Run, layer: int, epoch: int, frame: int, font: int, live: bool
) -> None:
    """A learnable activation: every unit's curve and slope, epoch 0 and between."""
    name = run.network.activations[layer]
    n_points = LIVE_CURVE_POINTS if live else CURVE_POINTS
    now = curves_at(run, params_at(run, epoch), layer, n_points)
    start = None if epoch == 0 else curves_at(run, params_at(run, 0), layer, n_points)
    between = faded_epochs(replay_epochs(run), epoch, LIVE_FADED if live else FADED)
    faded = [curves_at(run, params_at(run, e), layer, n_points) for e in between]
    n_units = len(params_at(run, epoch)[layer][1])
    fig = figures.learned_units_figure(
        now,
        start,
        faded,
        title=text.ACT_LABELS["learned_title"].format(
            layer=layer + 1, name=short_name(name), epoch=epoch
        ),
        unit_names=unit_names(n_units),
        font_size=font,
    )
    chart(fig, f"learned-{layer}", run, frame)


def paint_params(run: Run, layer: int, epoch: int, frame: int, font: int) -> None:
    """Every learnable parameter of every unit over the kept epochs."""
    act = nn.ACTIVATIONS[run.network.activations[layer]]
    epochs, values = param_history(run, layer)
    fig = figures.param_trace_figure(
        epochs,
        values,
        act.param_names,
        unit_names(values.shape[1]),
        marker_epoch=epoch,
        font_size=font,
    )
    chart(fig, f"params-{layer}", run, frame)


def paint_layer(
    run: Run, layer: int, epoch: int, frame: int, font: int, live: bool
) -> None:
    """One hidden layer: its activation (or learned curves) and its health."""
    name = run.network.activations[layer]
    act = nn.ACTIVATIONS[name]
    params = params_at(run, epoch)
    summary = probes.summaries(params, run.network.activations, run.train.X)[layer]
    st.markdown(
        text.ACT_LABELS["layer"].format(
            layer=layer + 1, name=act.display_name, latex=act.latex
        )
    )
    if not act.k:
        paint_fixed(run, layer, epoch, frame, font)
        st.caption(text.ACT_CAPTIONS["fixed"])
        _health_metrics(summary, len(summary.z_min))
        return
    paint_learned(run, layer, epoch, frame, font, live)
    st.caption(text.ACT_CAPTIONS["learned"])
    _health_metrics(summary, len(summary.z_min))
    if live:
        return
    paint_params(run, layer, epoch, frame, font)
    st.caption(text.ACT_CAPTIONS["params"])
    st.dataframe(
        shape_rows(name, params[layer][2], summary),
        hide_index=True,
        width="stretch",
        column_config={
            text.ACT_SHAPE_COLUMNS["r2"]: st.column_config.ProgressColumn(
                text.ACT_SHAPE_COLUMNS["r2"],
                min_value=0.0,
                max_value=1.0,
                format="%.3f",
            )
        },
        key=f"shapes-{layer}-{run.run_id}-{frame}",
    )
    st.caption(text.ACT_CAPTIONS["shapes"])


def _layer_names(run: Run) -> list[str]:
    n = len(run.network.activations)
    return [text.HIDDEN_LAYER.format(layer=i + 1) for i in range(n)]


def paint_health(run: Run, epoch: int, frame: int, font: int, wide: bool) -> None:
    """Saturated and dead shares over the epochs, slopes now, gradient norms."""
    st.subheader(text.ACT_HEALTH_HEADER, divider="gray")
    epochs, saturated, dead = health_history(run)
    names = _layer_names(run)
    net = probes.network_from(params_at(run, epoch), run.network.activations)
    slopes = [h.slopes for h in layer_health(net, run.train.X)]
    made = [
        (
            figures.health_figure(
                epochs,
                saturated,
                dead,
                names,
                marker_epoch=epoch,
                font_size=font,
                height=HEALTH_HEIGHT,
            ),
            "health",
        ),
        (
            figures.slope_histogram(
                slopes, names, font_size=font, height=HEALTH_HEIGHT
            ),
            "slopes",
        ),
        (
            figures.grad_norm_figure(
                run.history["epoch"],
                run.history["grad_norms"],
                [*names, text.OUTPUT_LAYER],
                font_size=font,
                height=HEALTH_HEIGHT,
            ).update_layout(legend_below()),  # a third of the width: legend below
            "grads",
        ),
    ]
    columns = st.columns(1 if wide else 3)
    for i, (fig, name) in enumerate(made):
        with columns[i % len(columns)]:
            chart(fig, f"act-{name}", run, frame)
            st.caption(text.ACT_CAPTIONS[name])


def replay_control(run: Run, frame: int, live: bool) -> int:
    """The epoch to show: chosen on a slider when paused, the latest while training."""
    epochs = replay_epochs(run)
    if live or len(epochs) < 2:
        st.select_slider(
            text.ACT_REPLAY,
            epochs if len(epochs) >= 2 else [0, 1],
            value=epochs[-1] if len(epochs) >= 2 else 0,
            disabled=True,
            key=f"act-replay-{run.run_id}-live-{frame}",
            help=text.ACT_REPLAY_HELP,
        )
        return run.epoch
    return st.select_slider(
        text.ACT_REPLAY,
        epochs,
        value=epochs[-1],
        # A new key when the kept epochs change: the slider then starts at the
        # latest epoch again instead of holding on to a stale choice.
        key=f"act-replay-{run.run_id}-{len(epochs)}-{epochs[-1]}",
        help=text.ACT_REPLAY_HELP,
    )


def render(view: View) -> Painter:
    """Replay slider, one section per hidden layer, unit health; explainer."""
    slot = st.empty()
    explainer(text.EXPLAIN["Activations"] + text.ACT_EXPLAIN)

    def paint(run: Run, frame: int, live: bool) -> None:
        wide = view.font_size > NORMAL_FONT  # large fonts: one chart per row
        with slot.container():
            epoch = replay_control(run, frame, live)
            for layer in range(len(run.network.activations)):
                with st.container(border=True):
                    paint_layer(run, layer, epoch, frame, view.font_size, live)
            if live:
                st.caption(text.ACT_CAPTIONS["live"])
            else:
                paint_health(run, epoch, frame, view.font_size, wide)

    return paint
