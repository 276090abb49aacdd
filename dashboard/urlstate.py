"""Settings in the URL: tell the user when a link's values could not be used.

Widgets are bound to query parameters (``bind="query-params"``) and Streamlit
drops invalid values silently, so the first script run of a session compares the
raw parameters with what the widgets took on and shows a notice for the rest.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import streamlit as st

import wording as text
from dashboard.settings import (
    DATASET_LABELS,
    DEFAULTS,
    INIT_LABELS,
    OPTIMIZER_LABELS,
    fmt_activation,
    fmt_batch,
    fmt_number,
    fmt_speed,
)

MAX_SHOWN = 60  # characters of a hostile value echoed back in the notice

LABELS: dict[str, Callable[[Any], str]] = {
    "data": lambda v: DATASET_LABELS.get(v, str(v)),
    "batch": fmt_batch,
    "opt": lambda v: OPTIMIZER_LABELS.get(v, str(v)),
    "init": lambda v: INIT_LABELS.get(v, str(v)),
    "speed": fmt_speed,
    **{key: fmt_activation for key in DEFAULTS if key.startswith("act")},
}
BOUND_KEYS = frozenset(DEFAULTS) - {"lesson"} | {"view"}


def capture() -> dict[str, Any] | None:
    """The raw query parameters, on a session's first script run only."""
    if st.session_state["url_checked"]:
        return None
    st.session_state["url_checked"] = True
    params = st.query_params  # every value of a repeated key (multiselects)
    raw = {key: params.get_all(key) for key in params}
    for key in unusable(raw):  # dropped before any widget reads it; still noticed
        _forget(key)
    return raw


def _forget(key: str) -> None:
    """Drop a parameter from the URL and from the page-load copy that Streamlit
    seeds widgets from (private in 1.67, hence the guard: if it moves, only the
    crash this prevents comes back)."""
    del st.query_params[key]
    try:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        with get_session_state().query_params() as params:
            params._initial_query_params.pop(key, None)
    except (ImportError, AttributeError):
        pass


def unusable(raw: dict[str, Any]) -> list[str]:
    """Bound parameters that must not reach a widget: Streamlit 1.67 turns a
    number like 1e999 (or 10,000 nines) into int(inf) and crashes the page with
    an OverflowError, where other bad values are dropped quietly."""
    bad = []
    for key, values in raw.items():
        texts = values if isinstance(values, list) else [values]
        if key in BOUND_KEYS and any(_overflows(str(t)) for t in texts):
            bad.append(key)
    return bad


def _overflows(text: str) -> bool:
    try:
        return math.isinf(float(text))
    except ValueError:
        return False


def _renderings(key: str, value: Any) -> set[str]:
    """Every way the URL may spell a widget value."""
    forms = {str(value), str(value).lower()}
    if isinstance(value, bool):
        forms |= {"true", "false"} & {str(value).lower()}
    elif isinstance(value, int | float):
        forms.add(fmt_number(value))
    if key in LABELS:
        forms.add(LABELS[key](value))
    return forms


def _same_number(raw: str, value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        number = float(raw)
    except ValueError:
        return False
    return math.isfinite(number) and math.isclose(number, value, rel_tol=1e-9)


def _shown(raw: str) -> str:
    """A link's value, cut short and inert inside the notice's code span: without
    backticks or line breaks it cannot close the span and be read as markdown."""
    raw = raw.replace("`", "'").replace("\n", " ").replace("\r", " ")
    return raw if len(raw) <= MAX_SHOWN else raw[: MAX_SHOWN - 1] + "…"


def ignored(raw: dict[str, Any], applied: dict[str, Any]) -> list[str]:
    """'key=value (using X)' for each bound parameter the widgets did not take on."""
    out = []
    for key, raw_value in raw.items():
        if key not in BOUND_KEYS or applied.get(key) is None:
            continue  # None: its widget (the tab bar) is drawn after the notice
        value = applied[key]
        if isinstance(value, list | tuple):  # a multiselect: each raw value alone
            raws = raw_value if isinstance(raw_value, list) else [raw_value]
            dropped = [str(r) for r in raws if r and str(r) not in map(str, value)]
            used = ", ".join(map(str, value)) or text.URL_IGNORED_NONE
            item = text.URL_IGNORED_ITEM
            out += [item.format(key=key, value=_shown(r), used=used) for r in dropped]
            continue
        raw_text = str(raw_value[-1] if isinstance(raw_value, list) else raw_value)
        if raw_text in _renderings(key, value) or _same_number(raw_text, value):
            continue
        used = LABELS[key](value) if key in LABELS else fmt_value(value)
        shown = _shown(raw_text)
        out.append(text.URL_IGNORED_ITEM.format(key=key, value=shown, used=used))
    return out


def fmt_value(value: Any) -> str:
    if isinstance(value, float):
        return fmt_number(value)
    return str(value)


def notice(raw: dict[str, Any] | None) -> None:
    """On the first run, compare the link with the applied values; keep the notice."""
    if raw is not None:
        applied = {key: st.session_state.get(key) for key in BOUND_KEYS}
        st.session_state["url_notice"] = tuple(ignored(raw, applied))
    items = st.session_state["url_notice"]
    if items:
        st.warning(text.url_ignored(list(items)), icon=":material/link:")
