"""Session recovery: a reload keeps the settings (URL), an .npz brings the network back.

The pure part (dashboard/weights_file.py) is tested directly: a round trip
download -> upload gives the same predictions, and every malformed or mismatched
file is a ValueError saying what is wrong. The page tests upload through AppTest's
file_uploader and check that a bad file leaves the current run alone.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import nn_core as nn
from dashboard import data, downloads, settings
from dashboard import run as runs
from dashboard import weights_file as wf

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def _trained(
    name: str = "seed-report",
    n_samples: int | None = 100,
    val: float = 0.3,
    epochs: int = 20,
    **config,
) -> runs.Run:
    spec = settings.DataSpec(name, n_samples, 0.0, val, 0)
    train, val_set = data.load_split.__wrapped__(name, n_samples, 0.0, val, 0)
    cfg = nn.TrainConfig(epochs=epochs, **config)
    run = runs.new_run(1, spec, train, val_set, cfg)
    return runs.advance(run, budget_s=60.0)


@pytest.fixture(scope="module")
def seed_run() -> runs.Run:
    return _trained()


@pytest.fixture(scope="module")
def seed_file(seed_run) -> bytes:
    return downloads.weights_npz(seed_run)


def _npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _edited(raw: bytes, drop: tuple[str, ...] = (), **changes) -> bytes:
    """The file with some arrays removed or replaced."""
    with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files if k not in drop}
    return _npz(**(arrays | changes))


def _same_split(run: runs.Run):
    return run.spec, run.train, run.val, run.config


# ---------------------------------------------------------------- round trips


def test_download_then_upload_gives_the_same_predictions(seed_run, seed_file):
    weights = wf.read_weights(seed_file)
    assert weights.epoch == 20 and weights.network.sizes == (10, 5, 3)
    back = wf.run_from_weights(weights, 2, *_same_split(seed_run))
    assert back.epoch == 0 and back.history["loss"] == [seed_run.history["loss"][-1]]
    for X in (seed_run.train.X, seed_run.val.X):
        np.testing.assert_allclose(
            nn.predict_proba(back.network, X),
            nn.predict_proba(seed_run.network, X),
            rtol=1e-12,
        )


def test_a_loaded_run_trains_on():
    run = _trained("moons", 200, hidden_units=(8, 8), activation="swish")
    weights = wf.read_weights(downloads.weights_npz(run))
    back = wf.run_from_weights(weights, 2, *_same_split(run))
    back = runs.advance(back, budget_s=60.0)
    assert back.epoch == run.config.epochs and back.diverged is None
    assert back.history["loss"][-1] < back.history["loss"][0]
    assert back.network.layers[0].theta.shape == (8, 1)


def test_inputs_are_scaled_as_in_the_file_on_another_split(seed_run, seed_file):
    """A network trained with 30% held out, loaded where nothing is: the raw
    inputs must still reach it scaled as in its own training."""
    other = _trained(val=0.0, epochs=0)
    assert not np.allclose(other.train.mean, seed_run.train.mean)
    back = wf.run_from_weights(wf.read_weights(seed_file), 2, *_same_split(other))
    raw = nn.load_dataset("seed-report", n_samples=100, seed=0).X
    np.testing.assert_allclose(
        nn.predict_proba(back.network, back.train.transform(raw)),
        nn.predict_proba(seed_run.network, seed_run.train.transform(raw)),
        rtol=1e-10,
    )


# ---------------------------------------------------------------- malformed files


def _bomb(raw: bytes) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, W1=np.zeros((3000, 3000)))
    return buffer.getvalue()


def _foreign_member(raw: bytes) -> bytes:
    buffer = io.BytesIO(raw)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("evil.pkl", b"cos\nsystem\n")
    return buffer.getvalue()


def _npy(raw: bytes) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.ones(3))
    return buffer.getvalue()


MALFORMED = {
    "empty": (lambda raw: b"", "empty"),
    "a CSV file": (lambda raw: b"a,b\n1,2\n", "not a .npz"),
    "a single .npy": (_npy, "not a .npz"),
    "truncated": (lambda raw: raw[: len(raw) // 2], "not a .npz"),
    "pickled objects": (
        lambda raw: _edited(raw, activations=np.array([{"a": 1}], dtype=object)),
        "Python objects",
    ),
    "a foreign member": (_foreign_member, "other things"),
    "unpacks too large": (_bomb, "unpack to 69 MB"),
    "no W1": (lambda raw: _edited(raw, drop=("W1",)), "no W1"),
    "no mean": (lambda raw: _edited(raw, drop=("mean",)), "no mean"),
    "b1 wrong shape": (
        lambda raw: _edited(raw, b1=np.zeros(4)),
        "b1 must have shape (5,)",
    ),
    "W2 wrong rows": (
        lambda raw: _edited(raw, W2=np.zeros((4, 3))),
        "W2 must have 5 rows",
    ),
    "theta for sigmoid": (
        lambda raw: _edited(raw, theta1=np.zeros((5, 1))),
        "theta1 must have shape (5, 0)",
    ),
    "NaN weight": (
        lambda raw: _edited(raw, W2=np.full((5, 3), np.nan)),
        "W2 holds 15 NaN",
    ),
    "text weights": (
        lambda raw: _edited(raw, W1=np.full((10, 5), "x")),
        "W1 must be a 2-D array of numbers",
    ),
    "unknown activation": (
        lambda raw: _edited(raw, activations=np.array(["rm -rf"])),
        "unknown activation(s): 'rm -rf'",
    ),
    "activations miscounted": (
        lambda raw: _edited(raw, activations=np.array(["relu", "relu"])),
        "one function per hidden layer (1)",
    ),
    "zero scale": (lambda raw: _edited(raw, scale=np.zeros(10)), "scale be > 0"),
    "negative epoch": (lambda raw: _edited(raw, epoch=np.array(-3)), "epoch must be"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_files_are_rejected_with_a_clear_message(seed_file, case):
    make, fragment = MALFORMED[case]
    with pytest.raises(ValueError) as err:
        wf.read_weights(make(seed_file))
    assert fragment in str(err.value)
    assert len(str(err.value)) < 200


def test_files_over_the_size_limit_are_not_opened(seed_file, monkeypatch):
    monkeypatch.setattr(wf, "MAX_FILE_BYTES", len(seed_file) - 1)
    with pytest.raises(ValueError, match="at most"):
        wf.read_weights(seed_file)


def test_too_many_hidden_layers_are_refused(seed_file):
    extra = {f"W{i}": np.zeros((3, 3)) for i in range(3, 7)}
    extra |= {f"b{i}": np.zeros(3) for i in range(3, 7)}
    with pytest.raises(ValueError, match="5 hidden layers"):
        wf.read_weights(_edited(seed_file, **extra))


# ---------------------------------------------------------------- mismatches

MISMATCHED = {
    "another dataset": (
        dict(name="iris", n_samples=None),
        "current dataset has 4 features",
    ),
    "other hidden units": (dict(hidden_units=6), "sidebar asks for 6 units"),
    "more layers": (dict(hidden_units=(5, 5)), "5 + 5 units"),
    "other activation": (dict(activation="tanh"), "(sigmoid), but the sidebar"),
}


@pytest.mark.parametrize("case", MISMATCHED, ids=list(MISMATCHED))
def test_files_that_do_not_fit_the_settings_say_what_to_change(seed_file, case):
    changes, fragment = MISMATCHED[case]
    run = _trained(epochs=0, **changes)
    with pytest.raises(ValueError) as err:
        wf.run_from_weights(wf.read_weights(seed_file), 2, *_same_split(run))
    assert fragment in str(err.value)


CONFIG = nn.TrainConfig()


def test_files_with_other_class_names_are_refused(seed_file):
    renamed = _edited(seed_file, class_names=np.array(["cat", "dog", "eel"]))
    with pytest.raises(ValueError, match="class names"):
        wf.check_fits(
            wf.read_weights(renamed), _trained(epochs=0).train, nn.TrainConfig()
        )


# ---------------------------------------------------------------- in the page


def _app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query)
    at.session_state["speed"] = 0
    return at.run()


def _upload(at: AppTest, raw: bytes, name: str = "w.npz") -> AppTest:
    uploader = at.file_uploader(key="weights_file")
    return uploader.set_value((name, raw, "application/octet-stream")).run()


def test_uploaded_weights_start_a_run_from_them(seed_run, seed_file):
    at = _app(val="0.3")
    _upload(at, seed_file, "seed-report-epoch20-weights.npz")
    assert not at.exception, [e.value for e in at.exception]
    run = at.session_state["run"]
    assert run.epoch == 0 and run.run_id != seed_run.run_id
    for mine, theirs in zip(run.network.layers, seed_run.network.layers):
        np.testing.assert_array_equal(mine.W, theirs.W)
    assert any("trained for 20 epochs" in s.value for s in at.success)
    next(b for b in at.button if b.label == "Step").click().run()
    assert at.session_state["run"].epoch == 1  # training goes on from the file


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        pytest.param(lambda raw: b"not a zip", "not a .npz", id="not-npz"),
        pytest.param(
            lambda raw: _edited(raw, W2=np.full((5, 3), np.inf)), "W2", id="inf"
        ),
    ],
)
def test_a_bad_weights_file_is_reported_and_the_run_kept(seed_file, make, fragment):
    at = _app(val="0.3")
    next(b for b in at.button if b.label == "Step").click().run()
    before = at.session_state["run"]
    _upload(at, make(seed_file))
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "weights file cannot be used" in errors and fragment in errors
    assert at.session_state["run"] is before


def test_a_mismatched_weights_file_says_which_setting_to_change(seed_file):
    at = _app(val="0.3", hidden="8")
    before = at.session_state["run"]
    _upload(at, seed_file)
    assert not at.exception
    assert any("Hidden units" in e.value for e in at.error)
    assert at.session_state["run"] is before


# ---------------------------------------------------------------- reload = URL
# (AppTest does not write widget changes back to its query_params, as the browser
# does: tests/test_browser_upload.py reloads a changed page in Chromium.)


def test_a_reload_restores_every_setting_from_the_url():
    query = {
        "data": "Moons (2-D)",
        "n_2d": "400",
        "noise": "0.2",
        "val": "0.25",
        "hidden": "12",
        "layers": "2",
        "act1": "Swish-β (learnable β)",
        "act2": "Tanh",
        "lr": "0.05",
        "epochs": "300",
        "batch": "32",
        "opt": "Adam",
        "l2": "0.001",
        "init": "He (for ReLU)",
        "seed": "7",
    }
    at = _app(**query)
    assert not at.exception and not at.warning, [w.value for w in at.warning]
    run = at.session_state["run"]
    assert run.spec == settings.DataSpec("moons", 400, 0.2, 0.25, 7)
    assert run.config == nn.TrainConfig(
        hidden_units=(12, 12),
        activation=("swish", "tanh"),
        learning_rate=0.05,
        epochs=300,
        batch_size=32,
        optimizer="adam",
        l2=0.001,
        init="he",
        seed=7,
    )
