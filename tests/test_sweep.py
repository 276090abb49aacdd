"""Sweeps: each configuration trains as fit would, in grid order, locally or on Dask."""

import csv
import io
import itertools
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import nn_core as nn
from nn_core import sweep

ROOT = Path(__file__).resolve().parents[1]
SEED_DATA = nn.load_dataset("seed-report", seed=0)
SPIRAL = nn.load_dataset("spiral", seed=0)
SPIRAL_TRAIN, SPIRAL_VAL = nn.split(SPIRAL, val_fraction=0.3, seed=0)


def _fit_history(data, config, val=None):
    """fit's history and diverged epoch (None) for one configuration."""
    kwargs = {} if val is None else {"X_val": val.X, "y_val": val.y}
    try:
        return nn.fit(data.X, data.y, config, n_classes=3, **kwargs).history, None
    except nn.TrainingDiverged as err:
        return err.history, err.epoch


def _assert_matches_fit(grid, base, data=SEED_DATA, val=None, tol=1e-8):
    kwargs = {} if val is None else {"X_val": val.X, "y_val": val.y}
    records = sweep.run(grid, data.X, data.y, base=base, n_classes=3, **kwargs)
    assert len(records) == math.prod(len(v) for v in grid.values())
    for record in records:
        config = base.replace(**{key: record[key] for key in grid})
        history, diverged = _fit_history(data, config, val)
        assert record["diverged_epoch"] == diverged, config
        assert len(record["losses"]) == len(history), config
        np.testing.assert_allclose(
            record["losses"], [r.loss for r in history], rtol=0, atol=tol
        )
        last = history[-1]
        assert abs(record["final_loss"] - last.loss) <= tol
        assert record["final_accuracy"] == last.accuracy
        if val is None:
            assert record["final_val_loss"] is None
        else:
            assert abs(record["final_val_loss"] - last.val_loss) <= tol
            assert record["final_val_accuracy"] == last.val_accuracy
    return records


@pytest.mark.parametrize(
    ("grid", "base"),
    [
        # the seed preset over learning rates, mixed hidden sizes and seeds
        (
            {"learning_rate": [0.01, 0.1], "hidden_units": [5, 16], "seed": [0, 1]},
            nn.TrainConfig(epochs=200),
        ),
        # mixed activations (separate stacks) and L2 within one stack
        (
            {"activation": ["sigmoid", "relu", "gelu"], "l2": [0.0, 0.01]},
            nn.TrainConfig(epochs=100, learning_rate=0.1),
        ),
        # mini-batches: every run shuffles with its own seed
        (
            {"seed": [0, 1, 2], "learning_rate": [0.05, 0.2]},
            nn.TrainConfig(epochs=20, batch_size=16, activation="tanh"),
        ),
        # two hidden layers, one activation each, with momentum
        (
            {"seed": [0, 1], "batch_size": [None, 32]},
            nn.TrainConfig(
                epochs=30,
                hidden_units=(8, 4),
                activation=("relu", "tanh"),
                optimizer="momentum",
                learning_rate=0.05,
            ),
        ),
        # Adam, and a learnable activation (trained one run at a time through fit)
        (
            {"activation": ["elu", "prelu"], "seed": [0, 1]},
            nn.TrainConfig(epochs=30, optimizer="adam", learning_rate=0.01),
        ),
    ],
)
def test_every_configuration_trains_as_fit_would(grid, base):
    _assert_matches_fit(grid, base)


def test_validation_numbers_and_float32_match_fit():
    base = nn.TrainConfig(epochs=60, hidden_units=16, activation="tanh")
    grid = {"learning_rate": [0.1, 0.3], "seed": [0, 1]}
    _assert_matches_fit(grid, base, SPIRAL_TRAIN, SPIRAL_VAL)
    base32 = base.replace(dtype="float32")
    _assert_matches_fit(grid, base32, SPIRAL_TRAIN, SPIRAL_VAL, tol=1e-5)


def test_records_come_in_grid_order_with_their_settings():
    grid = {"hidden_units": [3, (4, 2)], "learning_rate": [0.5, 0.05], "seed": [2, 0]}
    base = nn.TrainConfig(epochs=3, activation="tanh")
    records = sweep.run(grid, SEED_DATA.X, SEED_DATA.y, base=base, n_classes=3)
    expected = list(itertools.product(*grid.values()))
    assert [(r["hidden_units"], r["learning_rate"], r["seed"]) for r in records] == [
        tuple(combo) for combo in expected
    ]
    for record in records:
        assert record["epochs"] == 3 and record["activation"] == "tanh"
        assert set(sweep.GRID_KEYS) | set(sweep.METRICS) | {"losses"} == set(record)
        assert len(record["losses"]) == 4
        assert record["diverged_epoch"] is None


def test_a_diverging_configuration_is_recorded_and_masked_not_raised():
    base = nn.TrainConfig(epochs=50, hidden_units=16)
    # At lr 50 the loss stops at 15-25 (bounded activations): the 10x rule catches it.
    grid = {"learning_rate": [0.05, 50.0, 1e3], "activation": ["sigmoid", "tanh"]}
    records = _assert_matches_fit(grid, base, SPIRAL, None)
    diverged = [r for r in records if r["diverged_epoch"] is not None]
    assert {r["learning_rate"] for r in diverged} == {50.0, 1e3}
    for record in diverged:
        assert len(record["losses"]) == record["diverged_epoch"]
        assert all(math.isfinite(v) for v in record["losses"])
    kept = [r for r in records if r["diverged_epoch"] is None]
    assert len(kept) == 2 and all(len(r["losses"]) == 51 for r in kept)


def test_divergence_in_a_mini_batch_stack_leaves_the_others_alone():
    base = nn.TrainConfig(epochs=15, hidden_units=16, batch_size=20, activation="relu")
    grid = {"learning_rate": [0.1, 1e3, 0.2], "seed": [0, 1]}
    records = _assert_matches_fit(grid, base, SPIRAL_TRAIN, SPIRAL_VAL)
    assert [r["diverged_epoch"] is not None for r in records] == [
        False,
        False,
        True,
        True,
        False,
        False,
    ]


def test_progress_reports_every_configuration():
    calls = []
    sweep.run(
        {"learning_rate": [0.1, 0.2], "activation": ["tanh", "relu"]},
        SEED_DATA.X,
        SEED_DATA.y,
        base=nn.TrainConfig(epochs=5),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1] == (4, 4)
    assert all(total == 4 for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


@pytest.mark.parametrize(
    ("grid", "named"),
    [
        ({"learning_rte": [0.1]}, "learning_rte"),
        ({"learning_rate": 0.1}, "learning_rate"),
        ({"learning_rate": "0.1"}, "learning_rate"),
        ({"seed": []}, "seed"),
        ({"learning_rate": [0.1, -1.0]}, "-1.0"),
        ({"activation": ["relu", "swishy"]}, "swishy"),
        ({"hidden_units": [0]}, "hidden_units"),
        ({"batch_size": [0]}, "batch_size"),
        ({"optimizer": ["sgd"]}, "sgd"),
        ({"dtype": ["float16"]}, "float16"),
        ({"hidden_units": [(4, 4)], "activation": [("relu",) * 3]}, "activation"),
        ([("learning_rate", [0.1])], "grid"),
    ],
)
def test_bad_grids_raise_value_errors_naming_the_problem(grid, named):
    with pytest.raises(ValueError, match=named):
        sweep.run(grid, SEED_DATA.X, SEED_DATA.y)


def test_bad_arguments_raise_value_errors():
    X, y = SEED_DATA.X, SEED_DATA.y
    with pytest.raises(ValueError, match="backend"):
        sweep.run({"seed": [0]}, X, y, backend="ray")
    with pytest.raises(ValueError, match="scheduler"):
        sweep.run({"seed": [0]}, X, y, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ValueError, match="X_val and y_val"):
        sweep.run({"seed": [0]}, X, y, X_val=X)
    with pytest.raises(ValueError, match="NaN"):
        sweep.run({"seed": [0]}, np.full_like(X, np.nan), y)
    with pytest.raises(ValueError, match="base"):
        sweep.run({"seed": [0]}, X, y, base={"epochs": 3})
    with pytest.raises(ValueError, match="progress"):
        sweep.run({"seed": [0]}, X, y, progress="yes")


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nn_core", "sweep", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_cli_writes_one_csv_row_per_configuration(tmp_path):
    out = tmp_path / "results.csv"
    done = _cli(
        "--lr", "0.01,0.1", "--hidden", "5,4x3", "--activation", "sigmoid,relu",
        "--seeds", "0,1", "--epochs", "20", "--val-fraction", "0.3",
        "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "16 configurations" in done.stderr
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 16
    assert list(rows[0])[:3] == ["hidden_units", "activation", "learning_rate"]
    assert {row["hidden_units"] for row in rows} == {"5", "4x3"}
    for row in rows:
        losses = [float(v) for v in row["losses"].split(";")]
        assert len(losses) == 21 and float(row["final_loss"]) == losses[-1]
        assert 0.0 <= float(row["final_val_accuracy"]) <= 1.0
        assert row["diverged_epoch"] == ""


def test_cli_can_omit_losses_and_write_to_stdout():
    done = _cli("--lr", "0.1", "--seeds", "0,1,2", "--epochs", "5", "--no-losses")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 3 and "losses" not in rows[0]
    assert [row["seed"] for row in rows] == ["0", "1", "2"]


@pytest.mark.parametrize(
    "args",
    [
        ["--lr", "fast"],
        ["--lr", "-0.1"],
        ["--activation", "swishy"],
        ["--hidden", "0"],
        ["--backend", "spark"],
        ["--dataset", "mnist"],
        ["--epochs", "5", "--bogus"],
    ],
)
def test_cli_bad_flags_exit_2_with_usage(args):
    done = _cli(*args)
    assert done.returncode == 2
    assert "usage:" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_dask_backend_gives_the_same_records_in_the_same_order():
    grid = {
        "learning_rate": [0.05, 1e3],
        "activation": ["tanh", "relu"],
        "seed": [0, 1],
    }
    base = nn.TrainConfig(epochs=20, hidden_units=8)
    X, y = SPIRAL_TRAIN.X, SPIRAL_TRAIN.y
    val = {"X_val": SPIRAL_VAL.X, "y_val": SPIRAL_VAL.y}
    local = sweep.run(grid, X, y, base=base, **val)
    calls = []
    remote = sweep.run(
        grid,
        X,
        y,
        base=base,
        backend="dask",
        progress=lambda *c: calls.append(c),
        **val,
    )
    assert remote == local
    assert calls[-1] == (8, 8)
    assert sum(r["diverged_epoch"] is not None for r in remote) == 4


@pytest.mark.slow
def test_dask_backend_uses_a_given_scheduler():
    from dask.distributed import LocalCluster

    grid = {"learning_rate": [0.05, 0.1], "seed": [0, 1, 2]}
    base = nn.TrainConfig(epochs=10)
    X, y = SEED_DATA.X, SEED_DATA.y
    with LocalCluster(
        n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        remote = sweep.run(
            grid, X, y, base=base, backend="dask", scheduler=cluster.scheduler_address
        )
    assert remote == sweep.run(grid, X, y, base=base)
