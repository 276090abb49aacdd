"""dashboard.compare: kept-run summaries, the activation race and the sweep."""

from __future__ import annotations

import copy
import json
import math

import numpy as np
import pytest

import nn_core as nn
from dashboard import compare
from dashboard import run as runs
from dashboard.settings import DataSpec


def _run(run_id=1, hidden=5, activation="sigmoid", lr=0.1, epochs=20, val=0.3):
    """A small seed-report run trained to its end."""
    spec = DataSpec("seed-report", 100, 0.0, val, 0)
    data = nn.load_dataset("seed-report", n_samples=100, seed=0)
    train, held = nn.split(data, val_fraction=val, seed=0)
    config = nn.TrainConfig(
        hidden_units=hidden, activation=activation, learning_rate=lr, epochs=epochs
    )
    run = runs.new_run(run_id, spec, train, held, config)
    return runs.advance(run, math.inf)


@pytest.fixture(scope="module")
def two_runs():
    return _run(1, hidden=5), _run(2, hidden=8, activation="swish")


def test_a_summary_is_plain_data_with_history_finals_and_curves(two_runs):
    run = two_runs[1]
    s = compare.summarise_run(run)
    json.dumps(s)  # plain data only: lists, dicts, strings, numbers, None
    assert s["history"]["epoch"] == list(range(21))
    assert s["history"]["loss"] == pytest.approx(run.history["loss"])
    assert s["final"]["Loss"] == pytest.approx(run.history["loss"][-1])
    assert s["final"]["Validation accuracy"] == run.history["val_accuracy"][-1]
    assert s["settings"]["Hidden units"] == "8"
    assert s["settings"]["Epochs"] == "20"
    (curve,) = s["curves"]
    assert curve["activation"] == "swish"
    assert len(curve["z"]) == compare.Z_POINTS
    assert curve["z"][0] == -compare.Z_LIMIT and curve["z"][-1] == compare.Z_LIMIT
    low, mid, high = (np.array(curve[k]) for k in ("low", "mid", "high"))
    assert np.all(low <= mid + 1e-12) and np.all(mid <= high + 1e-12)


def test_fixed_activation_units_share_one_curve(two_runs):
    (curve,) = compare.summarise_run(two_runs[0])["curves"]
    assert curve["low"] == curve["mid"] == curve["high"]
    z = np.array(curve["z"])
    assert np.allclose(curve["mid"], 1 / (1 + np.exp(-z)))


def test_long_histories_are_thinned_with_both_ends_kept():
    history = {
        "epoch": list(range(3001)),
        "loss": [1.0 / (e + 1) for e in range(3001)],
        "accuracy": [0.5] * 3001,
        "val_loss": [None] * 3001,
        "val_accuracy": [None] * 3001,
    }
    net = nn.init_network(2, 3, 2, rng=np.random.default_rng(0))
    s = compare.summary("x", {}, history, net)
    assert len(s["history"]["epoch"]) <= compare.MAX_HISTORY_POINTS
    assert s["history"]["epoch"][0] == 0 and s["history"]["epoch"][-1] == 3000
    assert s["final"]["Loss"] == pytest.approx(1 / 3001)


def test_keeping_is_bounded_and_replaces_the_same_run_at_the_same_epoch(two_runs):
    first = compare.summarise_run(two_runs[0])
    kept: list[dict] = []
    for i in range(compare.MAX_KEPT + 3):
        kept = compare.keep(kept, {**first, "run_id": i})
    assert len(kept) == compare.MAX_KEPT
    assert kept[0]["run_id"] == 3  # the oldest went first
    before = copy.deepcopy(kept)
    again = compare.keep(kept, {**first, "run_id": 5, "label": "again"})
    assert kept == before  # a new list: the old one is unchanged
    assert len(again) == compare.MAX_KEPT
    assert again[-1]["label"] == "again"
    assert [s["run_id"] for s in again].count(5) == 1
    assert compare.remove(again, 0) == again[1:]
    assert compare.remove(again, 99) == again


def test_labels_name_what_differs_and_stay_unique(two_runs):
    a, b = (compare.summarise_run(r) for r in two_runs)
    assert compare.differing([a, b]) == ["Hidden units", "Activation"]
    assert compare.labels([a, b]) == ["5 units, Sigmoid", "8 units, Swish-β"]
    named = {**b, "label": "my run"}
    assert compare.labels([a, named])[1] == "my run"
    assert compare.labels([a, a]) == ["Run 1 (#1)", "Run 1 (#2)"]
    assert compare.differing([a]) == []


def test_table_rows_put_differing_settings_first(two_runs):
    a, b = (compare.summarise_run(r) for r in two_runs)
    rows = compare.table_rows([a, b])
    assert list(rows[0])[:4] == ["Run", "Hidden units", "Activation", "Loss"]
    assert list(rows[0])[-1] == "Seed"
    assert rows[1]["Activation"] == "Swish-β"
    assert set(compare.FINAL_NAMES) <= set(rows[0])
    assert rows[0]["Diverged at epoch"] is None


def test_series_and_layer_curves_follow_the_labels(two_runs):
    summaries = [compare.summarise_run(r) for r in two_runs]
    lines = compare.series(summaries, "val_loss")
    assert [line["label"] for line in lines] == compare.labels(summaries)
    assert lines[0]["values"] == summaries[0]["history"]["val_loss"]
    assert len(compare.curves_of_layer(summaries, 0)) == 2
    assert compare.curves_of_layer(summaries, 1) == []
    assert compare.has_validation(summaries)


def test_capped_data_is_a_fixed_subset():
    data = nn.load_dataset("spiral", n_samples=900, seed=0)
    small = compare.capped(data, seed=3, limit=200)
    again = compare.capped(data, seed=3, limit=200)
    assert small.n_samples == 200 and np.array_equal(small.X, again.X)
    rows = [np.flatnonzero((x == data.X).all(axis=1))[0] for x in small.X[:5]]
    assert np.array_equal(data.y[rows], small.y[:5])
    assert compare.capped(data, seed=0, limit=5000) is data
    assert compare.capped(None, seed=0) is None


def test_race_trains_each_activation_like_fit():
    run = _run(epochs=15)
    calls = []
    racers = compare.race(run, ["relu", "prelu"], lambda *a: calls.append(a))
    assert [r["label"] for r in racers] == ["ReLU", "PReLU"]
    assert [c[:2] for c in calls] == [(0, 2), (1, 2), (2, 2)]
    config = run.config.replace(activation="relu")
    want = nn.fit(
        run.train.X,
        run.train.y,
        config,
        X_val=run.val.X,
        y_val=run.val.y,
        n_classes=run.train.n_classes,
    )
    assert racers[0]["history"]["loss"] == pytest.approx(
        [r.loss for r in want.history], rel=1e-12
    )
    assert compare.differing(racers) == ["Activation"]
    prelu = racers[1]["curves"][0]
    assert prelu["low"] != prelu["high"]  # each unit learned its own slope
    json.dumps(racers)


def test_race_caps_epochs_and_records_divergence():
    run = _run(lr=30.0, epochs=5)
    config = compare.race_config(run.config.replace(epochs=5000), "relu")
    assert config.epochs == compare.RACE_MAX_EPOCHS
    (racer,) = compare.race(run, ["relu"])
    assert racer["final"]["Diverged at epoch"] is not None


def test_sweep_fills_the_grid_and_marks_divergence():
    run = _run(epochs=10)
    seen = []
    result = compare.sweep(
        run, "tanh", [1000.0, 0.1], [3, 2], lambda *a: seen.append(a)
    )
    assert seen[0][:2] == (0, 4) and seen[-1][:2] == (4, 4)
    assert result["learning_rates"] == [0.1, 1000.0]
    assert result["hidden_units"] == [2, 3]
    values = np.array(result["values"])
    assert values.shape == (2, 2)
    assert np.isfinite(values[:, 0]).all() and np.isnan(values[:, 1]).all()
    assert result["metric"] == "Validation loss"
    want = nn.fit(
        run.train.X,
        run.train.y,
        run.config.replace(activation="tanh", hidden_units=3),
        X_val=run.val.X,
        y_val=run.val.y,
        n_classes=3,
    )
    assert values[1, 0] == pytest.approx(want.history[-1].val_loss, rel=1e-8)
    json.dumps(result)
    with pytest.raises(ValueError, match="at least one"):
        compare.sweep(run, "tanh", [], [2])


def test_sweep_without_a_split_uses_the_training_loss():
    run = _run(epochs=5, val=0.0)
    result = compare.sweep(run, "relu", [0.1], [4])
    assert result["metric"] == "Training loss"
    assert np.isfinite(result["values"][0][0])
