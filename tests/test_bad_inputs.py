"""Bad inputs of every kind: a clear message, never a traceback, the state kept.

CSV files go through the upload parser (dashboard/data.py; the table-level checks
are in test_datasets.py) and through the page itself: Streamlit 1.67's AppTest can
set a file_uploader, so the same files are uploaded for real. Then settings at and
past their limits (the core's TrainConfig and the URL), hostile links, a run that
diverges, the work budget, and a scan that nothing user-supplied is unpickled or
evaluated.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import nn_core as nn
import wording as text
from dashboard import data, settings, urlstate, weights_file
from dashboard import run as runs
from nn_core.validation import check_work, n_weights, training_work

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def _rows(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode()


GOOD = _rows("a,b,label", *(f"{i % 7},{i % 5},{'pq'[i % 2]}" for i in range(40)))
FOUR = ("1,2,x", "3,4,y", "5,6,x", "7,8,y")

# name -> (file bytes, a fragment of the message the user sees)
BAD_CSV: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty"),
    "blank lines only": (b"  \n\n \n", "empty"),
    "header only": (b"a,b,label\n", "0 rows"),
    "one column": (_rows("label", "x", "y", "x", "y"), "only the label column"),
    "one class": (_rows("a,label", "1,x", "2,x", "3,x", "4,x"), "only one class"),
    "500 distinct labels": (
        _rows("a,label", *(f"{i},id{i // 2}" for i in range(1000))),
        "500 different values",
    ),
    "non-numeric feature": (
        _rows("a,b,label", "1,2,x", "3,four,y", "5,6,x", "7,8,y"),
        "row 2 holds 'four'",
    ),
    "NaN cell": (_rows("a,b,label", "1,NaN,x", *FOUR), "missing cell"),
    "inf cell": (_rows("a,b,label", "1,inf,x", *FOUR), "infinite cell"),
    "blank cell": (_rows("a,b,label", "1,,x", *FOUR), "empty or missing"),
    "blank label": (_rows("a,b,label", "1,2,", *FOUR), "every row needs a label"),
    "mixed types": (
        _rows("a,b,label", "1,2,x", "2.5,3,y", "True,4,x", "abc,5,y"),
        "only numbers",
    ),
    "ragged, too many fields": (
        _rows("a,b,label", "1,2,x", "3,4,5,y", *FOUR),
        "Expected 3 fields in line 3, saw 4",
    ),
    "ragged, too few fields": (_rows("a,b,label", "1,x", *FOUR), "only numbers"),
    "unclosed quote": (b'a,b,label\n1,2,"x\n3,4,y\n', "could not be read as CSV"),
    "decimal commas": (
        _rows("a;b;label", "1,5;2,5;x", "2,5;3,5;y", "1,0;2,0;x", "3,0;1,0;y"),
        "holds '1,5'",
    ),
    "repeated column name": (_rows("a,a,label", *FOUR), "repeated: a"),
    "latin-1 bytes": ("a,label\n1,café\n2,thé\n".encode("latin-1"), "not UTF-8"),
    "UTF-16 text": ("a,label\n1,x\n2,y\n".encode("utf-16"), "UTF-16"),
    "PNG renamed .csv": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "not text",
    ),
    "xlsx renamed .csv": (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "not text"),
    "very wide": (
        _rows(
            ",".join(f"f{i}" for i in range(1001)) + ",label",
            *(",".join("1" * 1001) + f",{c}" for c in "xyxy"),
        ),
        "1,001 feature columns",
    ),
    "too many rows": (
        b"a,label\n"
        + b"".join(f"{i},{'xy'[i % 2]}\n".encode() for i in range(100_001)),
        "100,001 rows",
    ),
    "over the size limit": (
        b"a,label\n" + b"1,x\n2,y\n" * (data.MAX_UPLOAD_BYTES // 8 + 1),
        "at most 5 MB",
    ),
    "script in a header": (
        _rows("<script>alert(1)</script>,label", "x,a", "y,b", "x,a", "y,b"),
        "must contain only numbers",
    ),
}


def _parse(raw: bytes) -> nn.Dataset:
    """As the page does: read the columns, take the last one as the label."""
    return data.parse_upload(raw, data.column_names(raw)[-1], "bad.csv")


# ---------------------------------------------------------------- CSV: the parser


@pytest.mark.parametrize("case", BAD_CSV, ids=list(BAD_CSV))
def test_bad_csv_is_rejected_by_the_parser_with_a_readable_message(case):
    raw, fragment = BAD_CSV[case]
    with pytest.raises(ValueError) as err:
        _parse(raw)
    message = str(err.value)
    assert fragment in message
    assert len(message) < 300 and "Traceback" not in message


def test_the_good_file_and_other_delimiters_are_accepted():
    assert _parse(GOOD).n_samples == 40
    for sep in ";\t| ":
        ds = _parse(GOOD.replace(b",", sep.encode()))
        assert (ds.n_features, ds.class_names) == (2, ("p", "q")), repr(sep)


# ---------------------------------------------------------------- CSV: the page


@pytest.fixture(scope="module")
def uploaded():
    """One page with a good CSV uploaded and trained one epoch, shared by the cases:
    a bad file must never replace it, so every case starts from the same state."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["speed"] = 0
    at.query_params["data"] = "Upload CSV…"
    at.run()
    at.file_uploader(key="upload_file").set_value(("good.csv", GOOD, "text/csv"))
    at.run()
    next(b for b in at.button if b.label == "Step").click().run()
    assert not at.exception
    return at, at.session_state["upload"]["token"]


@pytest.mark.parametrize("case", BAD_CSV, ids=list(BAD_CSV))
def test_bad_csv_upload_shows_an_error_and_keeps_the_previous_dataset(uploaded, case):
    at, good = uploaded
    raw, fragment = BAD_CSV[case]
    at.file_uploader(key="upload_file").set_value(("bad.csv", raw, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert fragment in errors and text.UPLOAD_KEPT in errors
    assert at.session_state["upload"]["token"] == good
    run = at.session_state["run"]
    assert (run.spec.upload_token, run.epoch) == (good, 1)


# ---------------------------------------------------------------- settings: the core

AT_LIMIT = [
    pytest.param("learning_rate", 1e4, id="learning_rate"),
    pytest.param("epochs", 1_000_000, id="epochs"),
    pytest.param("hidden_units", 4096, id="hidden_units"),
    pytest.param("hidden_units", (1, 1, 1, 1), id="hidden_layers"),
    pytest.param("l2", 100.0, id="l2"),
    pytest.param("seed", 2**32 - 1, id="seed"),
    pytest.param("batch_size", 1, id="batch_size"),
]
PAST_LIMIT = [
    pytest.param("learning_rate", 1.0001e4, "got 10001", id="learning_rate"),
    pytest.param("learning_rate", -0.0, "got -0.0", id="learning_rate_zero"),
    pytest.param("epochs", 1_000_001, "got 1000001", id="epochs"),
    pytest.param("epochs", 2.5, "got 2.5", id="epochs_fraction"),
    pytest.param("hidden_units", 4097, "got 4097", id="hidden_units"),
    pytest.param("hidden_units", (1,) * 5, "(1, 1, 1, 1, 1)", id="hidden_layers"),
    pytest.param("l2", 100.5, "got 100.5", id="l2"),
    pytest.param("seed", 2**32, "got 4294967296", id="seed"),
    pytest.param("batch_size", 0, "got 0", id="batch_size"),
]


@pytest.mark.parametrize(("field", "value"), AT_LIMIT)
def test_settings_at_their_limit_are_accepted(field, value):
    assert getattr(nn.TrainConfig(**{field: value}), field) == value


@pytest.mark.parametrize(("field", "value", "shown"), PAST_LIMIT)
def test_settings_past_their_limit_name_the_value(field, value, shown):
    with pytest.raises(ValueError) as err:
        nn.TrainConfig(**{field: value})
    assert field in str(err.value) and shown in str(err.value)


# ---------------------------------------------------------------- settings: the URL

URL_PAST_LIMIT = {
    "hidden": "65",
    "layers": "5",
    "epochs": "5001",
    "lr": "100",
    "batch": "7",
    "val": "0.9",
    "seed": "-1",
    "noise": "2",
    "n_report": "5",
}


@pytest.mark.parametrize("key", URL_PAST_LIMIT)
def test_link_values_past_the_sliders_fall_back_with_a_notice(make_app, key):
    at = make_app(**{key: URL_PAST_LIMIT[key]}).run()
    assert not at.exception
    assert at.session_state[key] == settings.DEFAULTS[key]
    notice = " ".join(w.value for w in at.warning)
    assert f"`{key}={URL_PAST_LIMIT[key]}`" in notice


HOSTILE = {
    "script tag": "<script>alert(document.cookie)</script>",
    "10k characters": "9" * 10_000,
    "markdown breakout": "`**bold**` [click](javascript:alert(1)) <img src=x>",
    "line breaks": "1\n\n# heading\r\n",
    "number too big for an int": "1e999",  # crashed Streamlit 1.67's number_input
    "infinity": "-inf",
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_link_values_are_shown_short_and_inert(make_app, case):
    at = make_app(seed=HOSTILE[case], hidden="8").run()
    assert not at.exception
    assert at.session_state["seed"] == 0 and at.session_state["hidden"] == 8
    (notice,) = [w.value for w in at.warning]
    assert len(notice) < 300
    # The value sits in one code span it cannot leave: no backtick or line break.
    (span,) = re.findall(r"`seed=([^`]*)`", notice)
    assert "\n" not in span and "\r" not in span
    assert notice.count("`") == 2


def test_only_overflowing_bound_numbers_are_kept_from_the_widgets():
    raw = {"seed": ["9" * 400], "lr": ["inf"], "hidden": ["nan"], "x": ["1e999"]}
    assert urlstate.unusable(raw) == ["seed", "lr"]


def test_missing_and_unknown_link_parameters_are_quietly_ignored(make_app):
    at = make_app(unknown="<b>x</b>", **{"": "1"}).run()
    assert not at.exception and not at.warning and not at.error
    assert at.session_state["run"].config == settings.train_config(settings.DEFAULTS)


# ---------------------------------------------------------------- divergence


def test_a_diverging_rate_keeps_the_history_and_names_the_epoch():
    train, val = data.load_split.__wrapped__("iris", None, 0.0, 0.3, 0)
    spec = settings.DataSpec("iris", None, 0.0, 0.3, 0)
    config = nn.TrainConfig(hidden_units=16, activation="relu", learning_rate=10.0)
    run = runs.advance(runs.new_run(1, spec, train, val, config), 5.0)
    assert run.diverged is not None
    assert run.history["epoch"] == list(range(run.epoch + 1))
    assert all(np.isfinite(run.history["loss"]))
    banner = text.diverged(run.diverged.epoch, run.diverged.reason, run.epoch)
    assert f"diverged at epoch {run.diverged.epoch}" in banner
    with pytest.raises(nn.TrainingDiverged, match=f"epoch {run.diverged.epoch}"):
        nn.fit(train.X, train.y, config, n_classes=3)


# ---------------------------------------------------------------- the work budget


def test_work_counts_samples_weights_and_epochs():
    assert n_weights((10, 5, 3)) == 10 * 5 + 5 + 5 * 3 + 3
    assert training_work(100, (10, 5, 3), 500) == 100 * 73 * 500


def test_work_at_the_budget_passes_and_past_it_says_what_to_lower():
    sizes = (10, 5, 3)
    assert check_work(100, sizes, 500, max_work=100 * 73 * 500) == 3_650_000
    with pytest.raises(ValueError) as err:
        check_work(100, sizes, 501, max_work=100 * 73 * 500)
    message = str(err.value)
    assert "at most 500 fit" in message
    assert all(word in message for word in ("epochs", "hidden units", "samples"))


def test_every_lesson_fits_the_budget_many_times_over():
    for title, preset in settings.LESSONS.items():
        data_set = nn.load_dataset(preset.dataset, n_samples=preset.n_samples)
        sizes = (data_set.n_features, *preset.config.hidden_layers)
        sizes += (data_set.n_classes,)
        work = training_work(data_set.n_samples, sizes, preset.config.epochs)
        assert 100 * work < settings.MAX_WORK, title


def test_too_big_settings_are_refused_and_the_run_is_kept(make_app):
    at = make_app().run()
    next(b for b in at.button if b.label == "Step").click().run()
    before = at.session_state["run"]
    for key, value in (("n_report", 1000), ("hidden", 64), ("layers", 4)):
        at.slider(key=key).set_value(value)
    at.slider(key="epochs").set_value(5000).run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "too big" in errors and "lower epochs" in errors
    assert at.session_state["run"] is before and at.session_state["running"] is False


# ---------------------------------------------------------------- nothing unpickled


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call):
            yield node, ast.unparse(node.func)


def _sources() -> list[Path]:
    dirs = ("dashboard", "nn_core", "figures", "tools", "bench", "scripts")
    return [ROOT / "app.py", *(p for d in dirs for p in (ROOT / d).rglob("*.py"))]


def test_nothing_user_supplied_is_unpickled_or_evaluated():
    unsafe = {"eval", "exec", "pickle.load", "pickle.loads", "pd.read_pickle"}
    for path in _sources():
        for call, name in _calls(path):
            assert name not in unsafe, f"{path}:{call.lineno} calls {name}"
            if name in {"np.load", "numpy.load"}:
                kwargs = {k.arg: ast.unparse(k.value) for k in call.keywords}
                assert kwargs.get("allow_pickle") == "False", f"{path}:{call.lineno}"


def test_upload_limits_agree_in_config_and_code():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    megabytes = config["server"]["maxUploadSize"]
    assert megabytes * 2**20 == data.MAX_UPLOAD_BYTES
    assert megabytes * 2**20 == weights_file.MAX_FILE_BYTES
