"""Properties over random inputs: nothing but finite numbers or a clean, named stop.

tests/test_optimizers.py already trains random small configurations on data with
feature scales 1e-3..1e3. This file pushes further, to the edges a user can reach:
learning rates up to the core's limit, extreme and degenerate data (scales from
1e-8 to 1e8, huge offsets, constant columns, duplicated rows), networks with huge
weights, the dashboard's own training step, and random bytes or CSV-like text
through the upload parser and the weights-file reader. Every case either works
with finite numbers or raises TrainingDiverged / ValueError, never anything else.
Examples are few and derandomised, so the suite stays fast and repeatable.
"""

from __future__ import annotations

import io
import math
import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nn_core as nn
from dashboard import data, downloads, weights_file
from dashboard import run as runs
from dashboard.settings import DataSpec
from nn_core.training import MAX_LEARNING_RATE

FEW = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
ACTIVATIONS = sorted(nn.ACTIVATIONS)


@st.composite
def extreme_data(draw, n_rows: int = 24):
    """Raw data a user might upload: wild scales, offsets, constant columns."""
    n_features = draw(st.integers(1, 5))
    n_classes = draw(st.integers(2, 4))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scales = [10.0 ** draw(st.integers(-8, 8)) for _ in range(n_features)]
    offsets = [draw(st.sampled_from([0.0, 1e6, -1e8])) for _ in range(n_features)]
    X = rng.standard_normal((n_rows, n_features)) * scales + offsets
    if draw(st.booleans()):
        X[:, 0] = offsets[0]  # a constant column
    if draw(st.booleans()):
        X[n_rows // 2 :] = X[: n_rows - n_rows // 2]  # every row twice
    y = rng.permutation(np.arange(n_rows) % n_classes)
    return X, y, n_classes


@st.composite
def configs(draw, max_epochs: int = 4):
    layers = draw(st.integers(1, 3))
    return nn.TrainConfig(
        hidden_units=tuple(draw(st.integers(1, 6)) for _ in range(layers)),
        activation=tuple(draw(st.sampled_from(ACTIVATIONS)) for _ in range(layers)),
        learning_rate=10 ** draw(st.floats(-6, math.log10(MAX_LEARNING_RATE))),
        epochs=draw(st.integers(0, max_epochs)),
        batch_size=draw(st.one_of(st.none(), st.integers(1, 30))),
        optimizer=draw(st.sampled_from(nn.OPTIMIZERS)),
        l2=draw(st.sampled_from([0.0, 1e-4, 1.0, 100.0])),
        init=draw(st.sampled_from(["xavier", "he", "normal"])),
        seed=draw(st.integers(0, 2**32 - 1)),
        dtype=draw(st.sampled_from(["float64", "float32"])),
    )


def _dataset(X: np.ndarray, y: np.ndarray, n_classes: int) -> nn.Dataset:
    features = [f"f{i}" for i in range(X.shape[1])]
    return nn.Dataset(X, y, features, [f"c{k}" for k in range(n_classes)], "t")


def _finite(net: nn.Network) -> bool:
    return all(np.isfinite(p).all() for layer in net.layers for p in layer)


def _rows_sum_to_one(P: np.ndarray, dtype: str = "float64") -> None:
    assert np.isfinite(P).all() and (P >= 0).all()
    atol = 1e-12 if dtype == "float64" else 1e-5
    np.testing.assert_allclose(P.sum(axis=1), 1.0, atol=atol)


# ---------------------------------------------------------------- the core


@FEW
@given(configs(), extreme_data(), st.booleans())
def test_training_gives_finite_numbers_or_stops_cleanly(config, case, standardise):
    X, y, n_classes = case
    if standardise:  # as the app does, with the training part's statistics
        X = nn.split(_dataset(X, y, n_classes), val_fraction=0.0)[0].X
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning counts as a failure
        try:
            result = nn.fit(X, y, config, n_classes=n_classes)
        except nn.TrainingDiverged as stop:
            assert all(math.isfinite(r.loss) for r in stop.history)
            assert _finite(stop.state.network)
            assert all(r.epoch < stop.epoch for r in stop.history)
            return
        except ValueError:
            return
        P = nn.predict_proba(result.network, X)
    assert all(math.isfinite(r.loss) for r in result.history)
    assert _finite(result.network)
    _rows_sum_to_one(P, config.dtype)


@st.composite
def networks(draw):
    """Any network shape, with weights up to 1e6 in size and any activation."""
    sizes = [draw(st.integers(1, 6)) for _ in range(draw(st.integers(3, 5)))]
    sizes[-1] = max(sizes[-1], 2)
    names = tuple(draw(st.sampled_from(ACTIVATIONS)) for _ in sizes[1:-1])
    net = nn.init_network(
        sizes[0], tuple(sizes[1:-1]), sizes[-1], names, rng=np.random.default_rng(0)
    )
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scale = 10.0 ** draw(st.integers(-3, 6))
    layers = tuple(
        nn.Layer(*(rng.standard_normal(p.shape) * scale + p for p in layer))
        for layer in net.layers
    )
    return nn.Network(layers, names)


@FEW
@given(networks(), st.integers(-8, 8), st.integers(0, 2**32 - 1))
def test_predict_proba_rows_always_sum_to_one(net, exponent, seed):
    X = np.random.default_rng(seed).standard_normal((7, net.sizes[0])) * 10.0**exponent
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # huge weights may overflow inside a unit
        P = nn.predict_proba(net, X)
    assert P.shape == (7, net.sizes[-1])
    _rows_sum_to_one(P)


# ---------------------------------------------------------------- the dashboard


@settings(FEW, max_examples=15)
@given(configs(max_epochs=6), extreme_data(n_rows=30))
def test_the_dashboards_training_step_never_raises(config, case):
    X, y, n_classes = case
    train, val = nn.split(_dataset(X, y, n_classes), val_fraction=0.3)
    spec = DataSpec("upload", None, 0.0, 0.3, 0, "token")
    run = runs.advance(runs.new_run(1, spec, train, val, config), math.inf)
    assert run.done or run.diverged is not None
    assert run.history["epoch"] == list(range(len(run.history["epoch"])))
    assert all(math.isfinite(v) for v in run.history["loss"])
    assert _finite(run.network)
    # A downloaded file of any run reads back to the same predictions.
    back = weights_file.read_weights(downloads.weights_npz(run))
    np.testing.assert_allclose(
        nn.predict_proba(back.network, train.X),
        nn.predict_proba(run.network, train.X),
        rtol=1e-4 if config.dtype == "float32" else 1e-12,  # the file holds float64
        atol=1e-7 if config.dtype == "float32" else 1e-12,
    )


# ---------------------------------------------------------------- untrusted bytes

CSV_ALPHABET = st.sampled_from(list("0123456789.,;-+eE \t\n\"'abxyNnIifT") + ["\r\n"])


@st.composite
def csv_like(draw) -> bytes:
    """Text that looks a little like a CSV: the parser's corner cases."""
    header = draw(
        st.sampled_from(["a,b,label\n", "label\n", "a;label\n", "", "a,a,y\n"])
    )
    body = "".join(draw(st.lists(CSV_ALPHABET, max_size=120)))
    return (header + body).encode()


@settings(FEW, max_examples=60)
@given(st.one_of(st.binary(max_size=200), csv_like()))
def test_any_upload_is_a_dataset_or_a_readable_error(raw):
    try:
        columns = data.column_names(raw)
        if columns:
            data.parse_upload(raw, columns[-1])
    except ValueError as err:
        assert 0 < len(str(err)) < 400


@settings(FEW, max_examples=40)
@given(st.binary(max_size=300), st.integers(0, 299))
def test_any_weights_file_is_read_or_refused_with_a_value_error(noise, cut):
    raw = _small_weights_file()
    mangled = raw[:cut] + noise + raw[cut + len(noise) :]
    try:
        weights_file.read_weights(mangled)
    except ValueError as err:
        assert str(err)


def _small_weights_file() -> bytes:
    net = nn.init_network(3, 4, 2, "swish", rng=np.random.default_rng(1))
    arrays = {"mean": np.zeros(3), "scale": np.ones(3)}
    arrays["activations"] = np.array(net.activations)
    for i, (W, b, theta) in enumerate(net.layers, start=1):
        arrays |= {f"W{i}": W, f"b{i}": b, f"theta{i}": theta}
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()
