"""Datasets for the runs: named sets through st.cache_data, CSV uploads via pandas.

Parsing bytes is the dashboard's job (the core stays pandas-free); checking the
parsed columns is the core's (``nn.dataset_from_columns``), whose ValueError
messages are written for users and shown as they are.
"""

from __future__ import annotations

import csv
import hashlib
import io

import pandas as pd
import streamlit as st

import nn_core as nn
from dashboard.settings import MAX_WORK, UPLOAD, DataSpec
from nn_core.validation import check_work
from wording import UPLOAD_ERRORS as ERRORS  # what is wrong with a file

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


DELIMITERS = ",;\t| "  # the sniffer's candidates, in case of a tie: comma first
SNIFF_LINES = 50


def _text(raw: bytes) -> str:
    """The bytes as text, or a ValueError that says what the file seems to be."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ValueError(
            ERRORS["too_big"].format(
                size_mb=len(raw) / 2**20, limit_mb=MAX_UPLOAD_BYTES / 2**20
            )
        )
    if not raw.strip():
        raise ValueError(ERRORS["empty"])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError(ERRORS["utf16"])
    if b"\0" in raw[:4096]:
        raise ValueError(ERRORS["binary"])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(ERRORS["not_utf8"]) from None


def _delimiter(text: str) -> str:
    """The column separator, guessed from the first lines (a comma if unclear)."""
    sample = "\n".join(text.splitlines()[:SNIFF_LINES])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:  # one column, or no separator used consistently
        return ","


def read_table(raw: bytes) -> pd.DataFrame:
    """CSV bytes as a table; ValueError with a readable message when it is not one."""
    text = _text(raw)
    sep = _delimiter(text)
    header = next(csv.reader([text.lstrip().split("\n", 1)[0]], delimiter=sep), [])
    names = [h.strip() for h in header]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:  # pandas would rename them (a, a.1): say so instead
        raise ValueError(ERRORS["repeated"].format(names=", ".join(dupes)))
    try:
        table = pd.read_csv(io.StringIO(text), sep=sep, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        first = first.replace("Error tokenizing data. C error: ", "")
        raise ValueError(ERRORS["not_csv"].format(reason=first)) from None
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


def work_error(spec: DataSpec, config: nn.TrainConfig) -> str | None:
    """Why a run of these settings is too big for a shared server, or None.

    Data that fails to load is reported where it is loaded, not here.
    """
    try:
        split = load(spec)
    except ValueError:
        return None
    if split is None:
        return None
    train = split[0]
    sizes = (train.n_features, *config.hidden_layers, train.n_classes)
    try:
        check_work(train.n_samples, sizes, config.epochs, MAX_WORK)
    except ValueError as exc:
        return str(exc)
    return None
