"""Datasets for the runs: named sets through st.cache_data, CSV uploads via pandas.

Parsing bytes is the dashboard's job (the core stays pandas-free); checking the
parsed columns is the core's (``nn.dataset_from_columns``), whose ValueError
messages are written for users and shown as they are.
"""

from __future__ import annotations

import hashlib
import io

import pandas as pd
import streamlit as st

import nn_core as nn
from dashboard.settings import UPLOAD, DataSpec

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # matches server.maxUploadSize in config.toml
Split = tuple[nn.Dataset, nn.Dataset | None]


@st.cache_data(max_entries=64, show_spinner=False)
def load_split(name: str, n_samples: int | None, noise: float, val: float, seed: int):
    """A named dataset drawn and split: cached, since every rerun asks for it."""
    data = nn.load_dataset(name, n_samples=n_samples, noise=noise, seed=seed)
    return nn.split(data, val_fraction=val, seed=seed)


@st.cache_data(max_entries=8, show_spinner=False)
def split_upload(token: str, _data: nn.Dataset, val: float, seed: int):
    """An uploaded dataset split (cached by its content token, not its arrays)."""
    return nn.split(_data, val_fraction=val, seed=seed)


def load(spec: DataSpec) -> Split | None:
    """The (train, validation) pair a spec names; None when no upload is ready.

    Raises ValueError (with a user-readable message) when the core rejects it.
    """
    if spec.name != UPLOAD:
        return load_split(
            spec.name, spec.n_samples, spec.noise, spec.val_fraction, spec.seed
        )
    upload = st.session_state.get("upload")
    if upload is None or upload["token"] != spec.upload_token:
        return None
    return split_upload(
        upload["token"], upload["dataset"], spec.val_fraction, spec.seed
    )


def read_table(raw: bytes) -> pd.DataFrame:
    """CSV bytes as a table; ValueError with a readable message when it is not one."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ValueError(
            f"The file is {len(raw) / 1e6:.1f} MB; at most "
            f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB are allowed."
        )
    if not raw.strip():
        raise ValueError("The file is empty.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(
            "The file is not UTF-8 text; save it as CSV (UTF-8) and try again."
        ) from None
    try:
        table = pd.read_csv(io.StringIO(text), sep=None, engine="python")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise ValueError(f"The file could not be read as CSV ({first}).") from None
    if table.columns.duplicated().any():
        dupes = sorted({str(c) for c in table.columns[table.columns.duplicated()]})
        raise ValueError(f"Column names must be unique; repeated: {', '.join(dupes)}.")
    return table


def parse_upload(
    raw: bytes, label_column: str, file_name: str = "upload"
) -> nn.Dataset:
    """Uploaded CSV bytes and the chosen label column as a checked Dataset."""
    table = read_table(raw)
    columns = {str(c): table[c].to_numpy() for c in table.columns}
    return nn.dataset_from_columns(columns, str(label_column), name=file_name)


@st.cache_data(max_entries=8, show_spinner=False)
def column_names(raw: bytes) -> list[str]:
    """The columns of an uploaded CSV (cached: the label picker asks every rerun)."""
    return [str(c) for c in read_table(raw).columns]


def token_for(raw: bytes, label_column: str) -> str:
    """A short fingerprint of an upload and its label choice, to tell runs apart."""
    digest = hashlib.sha256(raw + b"\0" + str(label_column).encode()).hexdigest()
    return digest[:16]


def accept_upload(raw: bytes, label_column: str, file_name: str) -> str | None:
    """Check an upload; keep it if valid, else keep the previous one. Error or None.

    Results are remembered by content, so a rerun neither parses nor fails again.
    """
    token = token_for(raw, label_column)
    current = st.session_state["upload"]
    if current is not None and current["token"] == token:
        return None
    error = st.session_state["upload_error"]
    if error is not None and error[0] == token:
        return error[1]
    try:
        dataset = parse_upload(raw, label_column, file_name)
    except ValueError as exc:
        st.session_state["upload_error"] = (token, str(exc))
        return str(exc)
    st.session_state["upload"] = {
        "token": token,
        "file_name": file_name,
        "dataset": dataset,
    }
    return None
