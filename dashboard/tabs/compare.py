"""Compare tab: kept runs side by side, the activation race and the sweep heatmap.

Nothing here trains live: the charts come from plain summaries in session state
(dashboard/compare.py), and the race and the sweep run once per click, with a
progress bar, on a capped share of the current data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import figures
import nn_core as nn
import wording as text
from dashboard import compare, state
from dashboard.run import Run
from dashboard.settings import (
    LEARNING_RATES,
    NORMAL_FONT,
    OPTIMIZER_LABELS,
    fmt_activation,
)
from dashboard.tabs.base import Painter, View, chart, explainer

SECTIONS = ("Kept runs", "Activation race", "Sweep")
DIFFER_STYLE = {"background-color": "#FDE7C8", "font-weight": "bold"}
MAX_NAME = 40  # characters of a kept run's name


# ---------------------------------------------------------------- kept choices


def _restore(key: str, default: Any) -> None:
    """Give a widget its last value: Streamlit forgets a widget's state while
    its tab is closed, so the tab keeps its own copy in ``compare_prefs``."""
    if key not in st.session_state:
        st.session_state[key] = st.session_state["compare_prefs"].get(key, default)


def _remember(key: str) -> Any:
    """Note a widget's value (replacing the dict: state is never changed in place)."""
    value = st.session_state.get(key)
    prefs = st.session_state["compare_prefs"]
    if prefs.get(key) != value:
        st.session_state["compare_prefs"] = {**prefs, key: value}
    return value


# ---------------------------------------------------------------- kept runs


def _keep_current() -> None:
    """Keep button: store a summary of the current run (the oldest goes past 8)."""
    run = state.run()
    if run is None:
        return
    name = str(st.session_state.get("cmp_name", ""))[:MAX_NAME]
    name = name.replace("<", "‹").replace(">", "›")  # plain text in legends
    kept = compare.keep(st.session_state["kept_runs"], compare.summarise_run(run, name))
    st.session_state["kept_runs"] = kept
    st.session_state["cmp_name"] = ""


def _remove(index: int) -> None:
    st.session_state["kept_runs"] = compare.remove(st.session_state["kept_runs"], index)


def _clear() -> None:
    st.session_state["kept_runs"] = []


def _keep_racers() -> None:
    kept = st.session_state["kept_runs"]
    for racer in st.session_state["race_runs"]:
        # no name of its own: the label then says what differs from the others
        kept = compare.keep(kept, {**racer, "label": ""})
    st.session_state["kept_runs"] = kept


def _kept_section(view: View) -> None:
    kept = st.session_state["kept_runs"]
    name, button = st.columns([3, 1], vertical_alignment="bottom")
    name.text_input(
        text.COMPARE_LABELS["name"],
        key="cmp_name",
        max_chars=MAX_NAME,
        placeholder=text.COMPARE["name_placeholder"],
        help=text.COMPARE["name_help"],
    )
    button.button(
        text.COMPARE_LABELS["keep"],
        key="cmp_keep",
        on_click=_keep_current,
        type="primary",
        width="stretch",
        help=text.COMPARE["keep_help"].format(limit=compare.MAX_KEPT),
    )
    st.caption(text.kept_count(len(kept), compare.MAX_KEPT, view.run.epoch))
    if not kept:
        st.info(text.COMPARE["no_kept"])
        return
    _comparison(kept, "kept", view)
    _manage(kept)


REMOVE_COLUMNS = 5


def _manage(kept: list[dict]) -> None:
    """A remove button per kept run, and one to clear them all."""
    st.caption(text.COMPARE["remove_caption"])
    names = compare.labels(kept)
    columns = st.columns(REMOVE_COLUMNS)
    for i, name in enumerate(names):
        columns[i % REMOVE_COLUMNS].button(
            text.COMPARE_LABELS["remove"].format(name=name),
            key=f"cmp_remove_{i}",
            on_click=_remove,
            args=(i,),
            width="stretch",
            help=text.COMPARE["remove_help"],
        )
    columns[len(names) % REMOVE_COLUMNS].button(
        text.COMPARE_LABELS["clear"],
        key="cmp_clear",
        on_click=_clear,
        width="stretch",
        help=text.COMPARE["clear_help"],
    )


# ---------------------------------------------------------------- one comparison


def _comparison(summaries: list[dict], name: str, view: View) -> None:
    """Loss and accuracy overlaid, the learned activations, the settings table."""
    run, font = view.run, view.font_size
    prefix = "val_" if _which_set(summaries, name) == "Validation" else ""
    columns = st.columns(1 if font > NORMAL_FONT else 2)
    for i, metric in enumerate(("loss", "accuracy")):
        fig = figures.compare_figure(
            compare.series(summaries, prefix + metric),
            metric=prefix + metric,
            font_size=font,
        )
        with columns[i % len(columns)]:
            chart(fig, f"cmp-{name}-{metric}", run, 0)
    layer = _layer_choice(summaries, name)
    curves = compare.curves_of_layer(summaries, layer)
    title = text.COMPARE_LABELS["curves_title"]
    if max(len(s["curves"]) for s in summaries) > 1:
        title += text.COMPARE_LABELS["curves_layer"].format(layer=layer + 1)
    fig = figures.activation_overlay_figure(curves, title, font_size=font)
    chart(fig, f"cmp-{name}-curves", run, 0)
    _table(summaries, font > NORMAL_FONT)


def _which_set(summaries: list[dict], name: str) -> str:
    """Training or validation curves (validation only when some run has it)."""
    if not compare.has_validation(summaries):
        return "Training"
    key = f"cmp_{name}_set"
    _restore(key, "Training")
    st.radio(  # a radio, not segmented_control: its text keeps full contrast
        text.COMPARE_LABELS["set"],
        ("Training", "Validation"),
        key=key,
        format_func=lambda part: text.COMPARE_LABELS["set_option"].format(
            split=text.SPLITS[part]
        ),
        help=text.COMPARE["set"],
        horizontal=True,
    )
    return _remember(key) or "Training"


def _layer_choice(summaries: list[dict], name: str) -> int:
    deepest = max(len(s["curves"]) for s in summaries)
    if deepest < 2:
        return 0
    key = f"cmp_{name}_layer"
    _restore(key, 0)
    st.selectbox(
        text.COMPARE_LABELS["layer"],
        range(deepest),
        format_func=lambda i: text.HIDDEN_LAYER.format(layer=i + 1),
        key=key,
        help=text.COMPARE["layer_help"],
    )
    return int(_remember(key) or 0)


def _table(summaries: list[dict], present: bool) -> None:
    """Settings and final numbers, one row per run; differing settings marked."""
    header = text.COMPARE_COLUMNS  # summary field -> column header
    differ = [header[name] for name in compare.differing(summaries)]
    frame = pd.DataFrame(compare.table_rows(summaries)).rename(columns=header)
    finals = [header[name] for name in compare.FINAL_NAMES]  # None -> NaN: a dash
    frame[finals] = frame[finals].apply(pd.to_numeric, errors="coerce")
    diverged = header["Diverged at epoch"]  # words, not a blank: "no" is an answer
    no = text.COMPARE_LABELS["not_diverged"]
    frame[diverged] = [no if pd.isna(e) else f"{e:.0f}" for e in frame[diverged]]
    styled = frame.style.format(
        {
            header["Loss"]: "{:.4f}",
            header["Validation loss"]: "{:.4f}",
            header["Accuracy"]: "{:.1%}",
            header["Validation accuracy"]: "{:.1%}",
        },
        na_rep="—",
    )
    if differ:
        styled = styled.set_properties(subset=differ, **DIFFER_STYLE)
    if present:  # an HTML table grows with the page's larger type
        st.table(styled.hide(axis="index"))
    else:
        st.dataframe(styled, hide_index=True, width="stretch")
    st.caption(text.differ_note(differ))


# ---------------------------------------------------------------- the race


def _race_section(view: View) -> None:
    _restore("cmp_race", list(compare.RACE_ACTIVATIONS))
    st.multiselect(
        text.COMPARE_LABELS["race"],
        list(nn.ACTIVATIONS),
        key="cmp_race",
        format_func=fmt_activation,
        max_selections=8,
        help=text.COMPARE["race_help"],
    )
    chosen = _remember("cmp_race") or []
    config = compare.race_config(view.run.config, "relu")
    st.caption(_bounds(view.run, config.epochs, compare.RACE_MAX_EPOCHS))
    if st.button(
        text.COMPARE_LABELS["race_go"],
        key="cmp_race_go",
        type="primary",
        disabled=not chosen,
        help=text.COMPARE["race_go_help"],
    ):
        bar = st.progress(0.0, text=text.COMPARE["race_start"])
        racers = compare.race(view.run, chosen, _progress(bar, text.race_progress))
        race_id = state.next_run_id()  # each race's runs are new runs to keep
        st.session_state["race_runs"] = [
            {**racer, "run_id": f"{race_id}.{i}"} for i, racer in enumerate(racers, 1)
        ]
        bar.empty()
    racers = st.session_state["race_runs"]
    if not racers:
        st.info(text.COMPARE["no_race"])
        return
    _comparison(racers, "race", view)
    st.button(
        text.COMPARE_LABELS["keep_racers"],
        key="cmp_keep_racers",
        on_click=_keep_racers,
        help=text.COMPARE["keep_racers_help"].format(limit=compare.MAX_KEPT),
    )


def _progress(bar, words: Callable[[int, int, str], str]) -> compare.Progress:
    """A progress callback that moves the bar and says what runs now."""

    def report(done: int, total: int, what: str) -> None:
        bar.progress(done / max(total, 1), text=words(done, total, what))

    return report


def _bounds(run: Run, epochs: int, cap: int, sweep: bool = False) -> str:
    """The sentence that says what each run of a race or sweep is, and its caps."""
    cfg = run.config
    optimizer = OPTIMIZER_LABELS.get(cfg.optimizer, cfg.optimizer).lower()
    if sweep:
        n = len(cfg.hidden_layers)
        setup = text.COMPARE_LABELS["setup_sweep"].format(
            n=n, s="s" if n > 1 else "", optimizer=optimizer
        )
    else:
        sizes = " → ".join(str(n) for n in run.network.sizes)
        setup = text.COMPARE_LABELS["setup_race"].format(
            sizes=sizes, optimizer=optimizer, lr=cfg.learning_rate
        )
    n_train = min(run.train.n_samples, compare.MAX_SAMPLES)
    return text.run_bounds(setup, cfg.seed, epochs, cap, n_train, run.train.n_samples)


# ---------------------------------------------------------------- the sweep


def _sweep_section(view: View) -> None:
    run = view.run
    left, middle, right = st.columns([1, 2, 2])
    _restore("cmp_sweep_act", run.config.activations[0])
    left.selectbox(
        text.COMPARE_LABELS["sweep_act"],
        list(nn.ACTIVATIONS),
        key="cmp_sweep_act",
        format_func=fmt_activation,
        help=text.COMPARE["sweep_act_help"],
    )
    _restore("cmp_sweep_lr", list(compare.SWEEP_LEARNING_RATES))
    middle.multiselect(
        text.COMPARE_LABELS["sweep_lr"],
        list(LEARNING_RATES),
        key="cmp_sweep_lr",
        format_func=lambda v: f"{v:g}",
        max_selections=compare.MAX_SWEEP_AXIS,
        help=text.COMPARE["sweep_lr_help"],
    )
    _restore("cmp_sweep_units", list(compare.SWEEP_HIDDEN_UNITS))
    right.multiselect(
        text.COMPARE_LABELS["sweep_units"],
        list(compare.HIDDEN_CHOICES),
        key="cmp_sweep_units",
        max_selections=compare.MAX_SWEEP_AXIS,
        help=text.COMPARE["sweep_units_help"],
    )
    activation = _remember("cmp_sweep_act")
    lrs, units = _remember("cmp_sweep_lr") or [], _remember("cmp_sweep_units") or []
    epochs = min(run.config.epochs, compare.SWEEP_MAX_EPOCHS)
    st.caption(_bounds(run, epochs, compare.SWEEP_MAX_EPOCHS, sweep=True))
    if st.button(
        text.COMPARE_LABELS["sweep_go"],
        key="cmp_sweep_go",
        type="primary",
        disabled=not (lrs and units),
        help=text.COMPARE["sweep_go_help"],
    ):
        bar = st.progress(0.0, text=text.COMPARE["sweep_start"])
        st.session_state["sweep_result"] = compare.sweep(
            run, activation, lrs, units, _progress(bar, text.sweep_progress)
        )
        bar.empty()
    result = st.session_state["sweep_result"]
    if result is None:
        st.info(text.COMPARE["no_sweep"])
        return
    _heatmap(result, view)


def _heatmap(result: dict, view: View) -> None:
    title = text.sweep_title(result)
    fig = figures.sweep_heatmap(
        result["learning_rates"],
        result["hidden_units"],
        result["values"],
        title,
        value_label=text.COMPARE_LABELS["final"].format(
            metric=result["metric"].lower()
        ),
        font_size=view.font_size,
    )
    chart(fig, "cmp-sweep", view.run, 0)
    st.caption(text.sweep_note(result))


# ---------------------------------------------------------------- the tab


SHOW: dict[str, Callable[[View], None]] = {
    "Kept runs": _kept_section,
    "Activation race": _race_section,
    "Sweep": _sweep_section,
}


def _section() -> str:
    _restore("cmp_section", SECTIONS[0])
    st.radio(  # segmented_control draws the chosen label in red: 4.47:1 on white
        text.COMPARE_LABELS["section"],
        SECTIONS,
        key="cmp_section",
        format_func=lambda section: text.COMPARE_SECTIONS.get(section, section),
        help=text.COMPARE["section_help"],
        horizontal=True,
    )
    return _remember("cmp_section") or SECTIONS[0]


def render(view: View) -> Painter:
    """One of three views (kept runs, race, sweep) and its explainer; the charts
    are drawn once per script run, so the painter has nothing to redraw."""
    section = _section()
    SHOW[section](view)
    explainer(text.COMPARE_EXPLAIN[section])

    def paint(run: Run, frame: int, live: bool) -> None:
        return None

    return paint
