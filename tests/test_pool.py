"""The worker pool: same runs as on the script thread, small messages, one BLAS
thread per worker, and LA_WORKERS=0 switching it off."""

from __future__ import annotations

import os
import pickle
from concurrent.futures.process import BrokenProcessPool

import numpy as np
import pytest

import nn_core as nn
from dashboard import pool
from dashboard.run import advance, new_run
from dashboard.settings import DataSpec


def _run(epochs: int = 60, batch: int | None = None, lr: float = 0.3):
    data = nn.load_dataset("spiral", n_samples=200, noise=0.1, seed=3)
    train, val = nn.split(data, val_fraction=0.3, seed=3)
    config = nn.TrainConfig(
        hidden_units=(6,),
        activation=("tanh",),
        learning_rate=lr,
        epochs=epochs,
        batch_size=batch,
        seed=3,
    )
    return new_run(1, DataSpec("spiral", 200, 0.1, 0.3, 3), train, val, config)


def _chunks(step, run, size: int):
    while not run.done and run.diverged is None:
        run = step(run, 60.0, max_epochs=size)
    return run


def _same(a, b) -> None:
    assert a.history == b.history
    assert a.epoch == b.epoch and a.weight_range == b.weight_range
    assert a.diverged == b.diverged
    assert [e for e, _ in a.snapshots] == [e for e, _ in b.snapshots]
    for (_, pa), (_, pb) in zip(a.snapshots, b.snapshots):
        for la, lb in zip(pa, pb):
            for x, y in zip(la, lb):
                np.testing.assert_array_equal(x, y)
    for la, lb in zip(a.network.layers, b.network.layers):
        np.testing.assert_array_equal(la.W, lb.W)


@pytest.mark.parametrize("batch", [None, 32])
def test_pool_chunks_give_the_same_run(monkeypatch, batch):
    monkeypatch.setenv(pool.ENV, "2")
    here = _chunks(advance, _run(batch=batch), 7)
    there = _chunks(pool.advance, _run(batch=batch), 7)
    assert here.done and there.done
    _same(here, there)


def test_divergence_comes_back_from_the_worker(monkeypatch):
    monkeypatch.setenv(pool.ENV, "2")
    here = _chunks(advance, _run(epochs=200, lr=30.0), 50)
    there = _chunks(pool.advance, _run(epochs=200, lr=30.0), 50)
    assert there.diverged is not None
    _same(here, there)


def test_only_a_light_run_crosses_to_the_worker():
    run = _chunks(advance, _run(epochs=400), 400)
    assert len(run.snapshots) > 50
    sent = pickle.dumps(pool.light(run))
    assert len(sent) < len(pickle.dumps(run)) / 4
    assert all(len(v) == 1 for v in pool.light(run).history.values())


def _blas_in_worker():
    from threadpoolctl import threadpool_info

    return os.environ["OPENBLAS_NUM_THREADS"], [
        p["num_threads"] for p in threadpool_info()
    ]


def test_workers_start_with_one_blas_thread(monkeypatch):
    pytest.importorskip("threadpoolctl")
    monkeypatch.setenv(pool.ENV, "2")
    workers = pool.pool()
    assert workers is not None and workers is pool.pool()  # one per process
    variable, threads = workers.submit(_blas_in_worker).result()
    assert variable == "1" and set(threads) <= {1}


def test_zero_workers_trains_on_the_script_thread(monkeypatch):
    monkeypatch.setenv(pool.ENV, "0")
    assert pool.size() == 0 and pool.pool() is None
    _same(_chunks(pool.advance, _run(), 9), _chunks(advance, _run(), 9))


def test_a_broken_pool_is_replaced(monkeypatch):
    monkeypatch.setenv(pool.ENV, "2")
    workers = pool.pool()
    with pytest.raises(BrokenProcessPool):
        workers.submit(os._exit, 1).result()  # a worker dies
    _same(_chunks(pool.advance, _run(), 9), _chunks(advance, _run(), 9))
    assert pool.pool() is not workers


def test_the_pool_is_opt_in(monkeypatch):
    monkeypatch.delenv(pool.ENV, raising=False)
    assert pool.size() == 0
    monkeypatch.setenv(pool.ENV, "not a number")
    assert pool.size() == 0
    monkeypatch.setenv(pool.ENV, "2")
    assert pool.size() == 2
