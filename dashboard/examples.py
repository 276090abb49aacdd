"""The bundled example CSVs, loadable with one click as if the user had uploaded them.

The list and each file's one-line description come from the table in
``examples/README.md``, so the docs and the sidebar never disagree. Loading goes
through ``data.accept_upload``: the same parser and checks as a real upload.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

import streamlit as st

import wording as text
from dashboard import data, state
from dashboard.settings import UPLOAD

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "examples"
# A README table row: | `file.csv` | rows | features → label | the lesson |
_ROW = re.compile(r"^\|\s*`([^`]+\.csv)`\s*\|\s*(\d+)\s*\|([^|]+)\|([^|]+)\|\s*$")


class Example(NamedTuple):
    """One example file and what the README says about it."""

    file_name: str
    rows: int
    columns: str  # "weight, diameter, sugar → apple / orange / lemon"
    lesson: str


@cache
def catalogue(folder: Path = EXAMPLES_DIR) -> dict[str, Example]:
    """Every described CSV that exists in the folder, in README order."""
    readme = folder / "README.md"
    if not readme.is_file():
        return {}
    found: dict[str, Example] = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line.strip())
        if match and (folder / match[1]).is_file():
            name, rows, columns, lesson = match.groups()
            found[name] = Example(name, int(rows), columns.strip(), lesson.strip())
    return found


def load(file_name: str, folder: Path = EXAMPLES_DIR) -> str | None:
    """Make an example the uploaded dataset (label: last column). Error or None."""
    raw = (folder / file_name).read_bytes()
    try:
        label = data.column_names(raw)[-1]
    except ValueError as exc:
        return str(exc)
    error = data.accept_upload(raw, label, file_name)
    if error is None:
        st.session_state["data"] = UPLOAD
        state.request_reset()
    return error


def _on_load() -> None:
    """Button callback: runs before the script, so the Dataset box shows the upload."""
    error = load(st.session_state["example"])
    if error is not None:  # bundled files are tested, so this is a damaged copy
        st.toast(f"{error} {text.UPLOAD_KEPT}")


def section() -> None:
    """Pick an example file, read its one line, load it with one click."""
    found = catalogue()
    if not found:
        return
    with st.expander(text.EXAMPLES_TITLE):
        name = st.selectbox(
            text.EXAMPLES_PICK,
            list(found),
            format_func=lambda f: f"{f} ({found[f].columns})",
            key="example",
            help=text.HELP["example"],
        )
        st.caption(found[name].lesson)
        st.button(
            text.EXAMPLES_LOAD,
            on_click=_on_load,
            help=text.HELP["load_example"],
            width="stretch",
        )
