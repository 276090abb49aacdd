"""The sidebar: lessons, data, network, training, the run buttons and downloads.

Widgets take their values from session state (set up by ``state.init``) and are
bound to URL query parameters, so a copied link reproduces the settings. Only
``on_click`` callbacks write widget keys (the lesson presets); button callbacks
leave intents in session state that the script then carries out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

import nn_core as nn
import wording as text
from dashboard import data, downloads, examples, state
from dashboard.run import without_divergence
from dashboard.settings import (
    ACTIVATION_KEYS,
    BATCH_CHOICES,
    DATASET_CHOICES,
    DATASET_LABELS,
    EPOCH_RANGE,
    HIDDEN_RANGE,
    INIT_LABELS,
    L2_CHOICES,
    LEARNING_RATES,
    LESSONS,
    MAX_LAYERS,
    NORMAL_FONT,
    OPTIMIZER_LABELS,
    PRESENT_FONT,
    PRESENT_HIDEABLE,
    SAMPLES_2D,
    SAMPLES_REPORT,
    SEED_MAX,
    SPEEDS,
    UPLOAD,
    Settings,
    data_spec,
    fmt_activation,
    fmt_batch,
    fmt_number,
    fmt_speed,
    train_config,
    widget_values,
)
from nn_core.datasets import TWO_D_DATASETS

URL = "query-params"


# ---------------------------------------------------------------- callbacks


def load_lesson() -> None:
    """Put every control at the chosen lesson's values and start afresh."""
    preset = LESSONS[st.session_state["lesson"]]
    for key, value in widget_values(preset).items():
        st.session_state[key] = value
    st.session_state["lesson_note"] = st.session_state["lesson"]  # what to watch
    state.request_reset()


def _clear_divergence() -> None:
    run = state.run()
    if run is not None and run.diverged is not None:
        state.commit(without_divergence(run))


def on_train() -> None:
    _clear_divergence()
    st.session_state["running"] = True
    st.session_state["url_notice"] = ()


def on_pause() -> None:
    st.session_state["running"] = False
    st.session_state["steps"] = 0


def on_step() -> None:
    _clear_divergence()
    st.session_state["running"] = False
    st.session_state["steps"] += 1


def on_reset() -> None:
    state.request_reset()


# ---------------------------------------------------------------- sections


def _setting(widget: Callable[..., Any], key: str, *args: Any, **kwargs: Any) -> Any:
    """One sidebar setting: label and help come from ``text`` under its own key,
    and its value is bound to the URL so a copied link reproduces it."""
    return widget(
        text.LABELS[key], *args, key=key, bind=URL, help=text.HELP[key], **kwargs
    )


def _lessons() -> None:
    st.selectbox(
        text.LABELS["lesson"], list(LESSONS), key="lesson", help=text.HELP["lesson"]
    )
    st.button(
        text.LABELS["load_lesson"],
        on_click=load_lesson,
        help=text.HELP["load_lesson"],
        width="stretch",
    )


def _data_section() -> str | None:
    """Dataset controls; returns the current upload's token (None if no upload)."""
    st.header(text.SIDEBAR_HEADERS["data"], divider="gray")
    name = _setting(
        st.selectbox, "data", DATASET_CHOICES, format_func=DATASET_LABELS.get
    )
    token = None
    if name == "seed-report":
        low, high, step = SAMPLES_REPORT
        _setting(st.slider, "n_report", low, high, step=step)
    elif name in TWO_D_DATASETS:
        low, high, step = SAMPLES_2D
        _setting(st.slider, "n_2d", low, high, step=step)
        _setting(st.slider, "noise", 0.0, 1.0, step=0.05)
    elif name == UPLOAD:
        token = _upload()
    _setting(st.slider, "val", 0.0, 0.5, step=0.05)
    examples.section()
    return token


def _upload() -> str | None:
    """File picker and label column; errors shown here, the last good file kept."""
    file = st.file_uploader(
        text.LABELS["upload_file"],
        type=["csv", "txt"],
        key="upload_file",
        help=text.HELP["upload_file"],
    )
    if file is not None:
        raw = file.getvalue()
        try:
            columns = data.column_names(raw)
        except ValueError as exc:
            st.error(f"{exc} {text.UPLOAD_KEPT}")
        else:
            label = st.selectbox(
                text.LABELS["label_col"],
                columns,
                index=len(columns) - 1,
                key=f"label_col_{data.token_for(raw, '')}",
                help=text.HELP["label_col"],
            )
            error = data.accept_upload(raw, label, file.name)
            if error is not None:
                st.error(f"{error} {text.UPLOAD_KEPT}")
    upload = st.session_state["upload"]
    if upload is None:
        st.info(text.NO_UPLOAD)
        return None
    ds: nn.Dataset = upload["dataset"]
    st.caption(
        text.UPLOAD_IN_USE.format(
            file_name=upload["file_name"],
            n_samples=ds.n_samples,
            n_features=ds.n_features,
            n_classes=ds.n_classes,
        )
    )
    return upload["token"]


def _network_section() -> None:
    st.header(text.SIDEBAR_HEADERS["network"], divider="gray")
    low, high = HIDDEN_RANGE
    _setting(st.slider, "hidden", low, high)
    layers = _setting(st.slider, "layers", 1, MAX_LAYERS)
    names = list(nn.ACTIVATIONS)
    for i, key in enumerate(ACTIVATION_KEYS[:layers], start=1):
        st.selectbox(
            text.LABELS["act"]
            if layers == 1
            else text.LABELS["act_layer"].format(layer=i),
            names,
            format_func=fmt_activation,
            key=key,
            bind=URL,
            help=text.HELP["act"],
        )


def _training_section() -> None:
    st.header(text.SIDEBAR_HEADERS["training"], divider="gray")
    _setting(st.select_slider, "lr", LEARNING_RATES, format_func=fmt_number)
    low, high, step = EPOCH_RANGE
    _setting(st.slider, "epochs", low, high, step=step)
    _setting(st.selectbox, "batch", BATCH_CHOICES, format_func=fmt_batch)
    _setting(
        st.selectbox, "opt", list(OPTIMIZER_LABELS), format_func=OPTIMIZER_LABELS.get
    )
    _setting(st.select_slider, "l2", L2_CHOICES, format_func=fmt_number)
    _setting(st.selectbox, "init", list(INIT_LABELS), format_func=INIT_LABELS.get)
    _setting(st.number_input, "seed", 0, SEED_MAX, step=1)
    _setting(st.select_slider, "speed", SPEEDS, format_func=fmt_speed)


def _presentation_section() -> None:
    """Projector mode and what it hides (by CSS: hidden widgets keep their values)."""
    with st.container(key="side-present"):
        st.header(text.PRESENT_HEADER, divider="gray")
        _setting(st.toggle, "present")
        st.multiselect(
            text.LABELS["hide"],
            list(PRESENT_HIDEABLE),
            format_func=lambda part: text.HIDEABLE_LABELS.get(part, part),
            key="hide",
            bind=URL,
            help=text.PRESENT_HIDE_HELP,
        )


def _run_button(
    column: Any, name: str, on_click: Callable[[], None], **kwargs: Any
) -> None:
    """A run button: its label, help and keyboard shortcut all come from ``text``."""
    column.button(
        text.LABELS[name],
        on_click=on_click,
        shortcut=text.SHORTCUTS[name],
        help=text.HELP[name],
        width="stretch",
        **kwargs,
    )


def _buttons() -> None:
    left, right = st.columns(2)
    _run_button(left, "train", on_train, type="primary")
    _run_button(right, "pause", on_pause)
    _run_button(left, "step", on_step)
    _run_button(right, "reset", on_reset)


def sidebar() -> Settings | None:
    """Draw the sidebar; the settings it describes, or None if they are invalid."""
    with st.sidebar:
        # Keyed containers: presentation mode can hide a section by its CSS class.
        with st.container(key="side-lessons"):
            _lessons()
        with st.container(key="side-data"):
            token = _data_section()
        with st.container(key="side-network"):
            _network_section()
        with st.container(key="side-training"):
            _training_section()
        # Not in a keyed container: the shortcut buttons in one made Chromium's
        # renderer spin once charts mounted (Streamlit 1.67).
        st.divider()
        _buttons()
        weights = downloads.weights_uploader()
        _presentation_section()
    values: dict[str, Any] = state.widget_values()
    try:
        config = train_config(values)
    except ValueError as exc:
        st.error(text.config_error(str(exc)))
        return None
    font = PRESENT_FONT if values["present"] else NORMAL_FONT
    settings = Settings(data_spec(values, token), config, int(values["speed"]), font)
    too_big = data.work_error(settings.data, settings.config)
    if too_big is not None:  # one session must not hold the shared server
        st.error(text.too_much_work(too_big))
        return None
    downloads.take_weights(*weights, settings)
    return settings
