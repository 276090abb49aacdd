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

from dashboard import text
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
    return st.query_params.to_dict()


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
    raw = raw.replace("\n", " ")
    return raw if len(raw) <= MAX_SHOWN else raw[: MAX_SHOWN - 1] + "…"


def ignored(raw: dict[str, Any], applied: dict[str, Any]) -> list[str]:
    """'key=value (using X)' for each bound parameter the widgets did not take on."""
    out = []
    for key, raw_value in raw.items():
        if key not in BOUND_KEYS or key not in applied:
            continue
        value = applied[key]
        raw_text = str(raw_value[-1] if isinstance(raw_value, list) else raw_value)
        if raw_text in _renderings(key, value) or _same_number(raw_text, value):
            continue
        used = LABELS[key](value) if key in LABELS else fmt_value(value)
        out.append(f"`{key}={_shown(raw_text)}` (using {used})")
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
        st.warning(text.url_ignored(list(items)), icon="🔗")
