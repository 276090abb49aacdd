"""Training: record semantics, a hand-worked step, resume, determinism, divergence."""

import math

import numpy as np
import pytest

import nn_core as nn
from nn_core.optimizers import init_state
from nn_core.training import TrainState

SEED_DATA = nn.load_dataset("seed-report", seed=0)


def _hand_net():
    """2 inputs -> 1 linear hidden unit -> 2 classes, with round weights."""
    layers = (
        nn.Layer(np.array([[0.5], [-0.5]]), np.zeros(1), np.zeros((1, 0))),
        nn.Layer(np.array([[1.0, -1.0]]), np.zeros(2), np.zeros((2, 0))),
    )
    return nn.Network(layers, ("linear",))


def test_one_hand_worked_gradient_descent_step():
    # Samples x = (1, 2) of class 0 and its mirror (-1, -2) of class 1.
    # Forward, sample 1: z1 = 0.5 - 1 = -0.5, logits (-0.5, 0.5),
    # P = (1, e) / (1 + e) = (0.268941, 0.731059), -log P[0] = 1.313262; the mirror
    # gives the same loss, so the mean is 1.313262.
    # Backward, sample 1: delta2 = P - (1, 0) = (-0.731059, 0.731059), d a1 =
    # delta2 . (1, -1) = -1.462117; the mirror has opposite signs throughout. Means
    # over the two samples: dW2 = (0.365529, -0.365529), db2 = 0,
    # dW1 = (-1.462117, -2.924234), db1 = 0.
    # Update with lr 0.1: W1 = (0.646212, -0.207577), W2 = (0.963447, -0.963447).
    net = _hand_net()
    X, y = np.array([[1.0, 2.0], [-1.0, -2.0]]), np.array([0, 1])
    cfg = nn.TrainConfig(
        hidden_units=1, activation="linear", learning_rate=0.1, epochs=1
    )
    state = TrainState(net, init_state("gd", net), {}, 0, math.nan)
    rec0, rec1 = list(nn.train(X, y, cfg, n_classes=2, state=state))
    assert rec0.epoch == 0 and rec1.epoch == 1
    assert rec0.loss == pytest.approx(1.313262, abs=1e-6)
    assert rec0.accuracy == 0.0
    W1, b1, _ = rec1.state.network.layers[0]
    W2, b2, _ = rec1.state.network.layers[1]
    np.testing.assert_allclose(W1.ravel(), [0.646212, -0.207577], atol=1e-6)
    np.testing.assert_allclose(b1, [0.0], atol=1e-12)
    np.testing.assert_allclose(W2.ravel(), [0.963447, -0.963447], atol=1e-6)
    np.testing.assert_allclose(b2, [0.0, 0.0], atol=1e-12)
    assert rec1.loss < rec0.loss


def test_records_are_epochs_plus_one_and_describe_the_network_after_e_updates():
    cfg = nn.TrainConfig(epochs=7)
    records = list(nn.train(SEED_DATA.X, SEED_DATA.y, cfg, n_classes=3))
    assert [r.epoch for r in records] == list(range(8))
    first, last = records[0], records[-1]
    assert first.state.network == first.state.network  # plain data
    untrained = nn.init_network(
        10, 5, 3, rng=np.random.default_rng(np.random.SeedSequence(0).spawn(2)[0])
    )
    np.testing.assert_array_equal(
        first.state.network.layers[0].W, untrained.layers[0].W
    )
    for rec in records:  # each record's loss belongs to its own network
        loss, _ = nn.loss_and_grads(rec.state.network, SEED_DATA.X, SEED_DATA.y)
        assert rec.loss == pytest.approx(loss, rel=1e-12)
    assert last.state.epoch == 7 and last.loss < first.loss


def test_kept_records_never_change_and_arrays_are_read_only():
    records = []
    for rec in nn.train(
        SEED_DATA.X, SEED_DATA.y, nn.TrainConfig(epochs=5), n_classes=3
    ):
        records.append((rec, rec.state.network.layers[0].W.copy()))
    for rec, W_then in records:
        np.testing.assert_array_equal(rec.state.network.layers[0].W, W_then)
        assert not rec.state.network.layers[0].W.flags.writeable


@pytest.mark.parametrize("batch_size", [None, 16])
@pytest.mark.parametrize("pause_at", [0, 1, 13])
def test_pause_and_resume_equals_an_uninterrupted_run(batch_size, pause_at):
    cfg = nn.TrainConfig(epochs=30, batch_size=batch_size, learning_rate=0.1)
    X, y = SEED_DATA.X, SEED_DATA.y
    whole = list(nn.train(X, y, cfg, n_classes=3))
    first = []
    for rec in nn.train(X, y, cfg, n_classes=3):
        first.append(rec)
        if rec.epoch == pause_at:
            break
    rest = list(nn.train(X, y, cfg, n_classes=3, state=first[-1].state))
    joined = first + rest
    assert [r.epoch for r in joined] == list(range(31))
    assert [r.loss for r in joined] == [r.loss for r in whole]
    assert [r.grad_norms for r in joined] == [r.grad_norms for r in whole]
    for p, q in zip(joined[-1].state.network.layers, whole[-1].state.network.layers):
        assert all(np.array_equal(a, b) for a, b in zip(p, q))


def test_same_seed_same_run_bit_for_bit_and_seed_matters():
    X, y = SEED_DATA.X, SEED_DATA.y
    a = nn.fit(X, y, nn.TrainConfig(epochs=50, batch_size=10))
    b = nn.fit(X, y, nn.TrainConfig(epochs=50, batch_size=10))
    c = nn.fit(X, y, nn.TrainConfig(epochs=50, batch_size=10, seed=1))
    assert [r.loss for r in a.history] == [r.loss for r in b.history]
    assert a.history[-1].loss != c.history[-1].loss


def test_fit_keeps_scalar_history_only():
    result = nn.fit(SEED_DATA.X, SEED_DATA.y, nn.TrainConfig(epochs=10))
    assert len(result.history) == 11
    assert all(r.state is None for r in result.history)
    assert result.state.epoch == 10
    assert result.network == result.state.network


def test_record_every_thins_the_records_but_keeps_the_last():
    cfg = nn.TrainConfig(epochs=25)
    epochs = [r.epoch for r in nn.train(SEED_DATA.X, SEED_DATA.y, cfg, record_every=10)]
    assert epochs == [0, 10, 20, 25]


def test_validation_numbers_are_for_the_same_network():
    train, val = nn.split(SEED_DATA, val_fraction=0.3, seed=0)
    cfg = nn.TrainConfig(epochs=3)
    for rec in nn.train(train.X, train.y, cfg, X_val=val.X, y_val=val.y, n_classes=3):
        P = nn.predict_proba(rec.state.network, val.X)
        assert rec.val_accuracy == pytest.approx(np.mean(P.argmax(1) == val.y))
        assert rec.val_loss == pytest.approx(
            -np.mean(np.log(P[np.arange(len(P)), val.y]))
        )


def test_seed_report_log_falls_in_the_reports_neighbourhood():
    losses = [r.loss for r in nn.fit(SEED_DATA.X, SEED_DATA.y).history][:500:100]
    assert all(a > b for a, b in zip(losses, losses[1:]))
    assert 1.0 <= losses[0] <= 1.5
    assert 0.85 <= losses[-1] <= 1.2


def test_seed_report_medians_over_seeds_match_the_design_bands():
    starts, ends = [], []
    for seed in range(20):
        data = nn.load_dataset("seed-report", seed=seed)
        history = nn.fit(data.X, data.y, nn.TrainConfig(seed=seed, epochs=400)).history
        starts.append(history[0].loss)
        ends.append(history[400].loss)
    assert 1.1 <= np.median(starts) <= 1.35
    assert 1.05 <= np.median(ends) <= 1.13


def test_random_labels_are_memorised_not_learned():
    # The seed report's honest lesson: training loss falls, held-out stays at chance.
    data = nn.load_dataset("seed-report", n_samples=600, seed=0)
    train, val = nn.split(data, val_fraction=0.5, seed=0)
    cfg = nn.TrainConfig(
        hidden_units=32,
        activation="relu",
        learning_rate=0.05,
        epochs=300,
        optimizer="adam",
    )
    last = nn.fit(train.X, train.y, cfg, X_val=val.X, y_val=val.y).history[-1]
    assert last.accuracy > 0.6
    assert abs(last.val_accuracy - 1 / 3) < 0.1


def test_float32_training_is_float32_throughout():
    result = nn.fit(
        SEED_DATA.X, SEED_DATA.y, nn.TrainConfig(epochs=20, dtype="float32")
    )
    assert all(p.dtype == np.float32 for layer in result.network.layers for p in layer)
    f64 = nn.fit(SEED_DATA.X, SEED_DATA.y, nn.TrainConfig(epochs=20))
    assert result.history[-1].loss == pytest.approx(f64.history[-1].loss, rel=1e-4)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_divergence_at_a_huge_learning_rate(activation):
    data = nn.load_dataset("spiral", seed=0)
    cfg = nn.TrainConfig(
        hidden_units=16, activation=activation, learning_rate=1e3, epochs=200
    )
    with pytest.raises(nn.TrainingDiverged) as info:
        nn.fit(data.X, data.y, cfg)
    err = info.value
    assert 0 < err.epoch <= 200
    assert str(err.epoch) in str(err)
    assert err.state.epoch < err.epoch
    assert len(err.history) >= 1 and err.history[0].epoch == 0
    assert all(math.isfinite(r.loss) for r in err.history)


def test_divergence_rule_counts_bounded_blow_ups():
    from nn_core.training import divergence_reason

    assert divergence_reason(1.0, 1.0) is None
    assert divergence_reason(10.9, 1.1) is None
    assert divergence_reason(11.5, 1.1) is not None  # > loss_0 + 10
    assert divergence_reason(180.0, 19.0) is None
    assert divergence_reason(200.0, 19.0) is not None  # > 10 loss_0
    assert divergence_reason(math.nan, 1.0) is not None
    assert divergence_reason(math.inf, 1.0) is not None


def test_mid_run_changes_apply_from_the_next_epoch():
    # The dashboard changes learning rate mid-run by resuming with a new config.
    X, y = SEED_DATA.X, SEED_DATA.y
    cfg = nn.TrainConfig(epochs=10)
    first = list(nn.train(X, y, cfg))[:6]
    faster = list(nn.train(X, y, cfg.replace(learning_rate=0.5), state=first[-1].state))
    assert faster[0].epoch == 6
    assert faster[-1].loss < nn.fit(X, y, cfg).history[-1].loss


@pytest.mark.parametrize("optimizer", ["gd", "momentum"])
def test_mini_batches_follow_the_plain_arithmetic_step_by_step(optimizer):
    """The hot loop (in place; plain descent takes lr into delta) against the
    public pieces: the same shuffles, loss_and_grads per batch, optimizers.step.
    Networks, losses and the per-epoch RMS of the gradient norms agree; L2 and a
    learnable activation's theta included."""
    from nn_core import optimizers
    from nn_core.training import _rngs

    X, y = SEED_DATA.X, SEED_DATA.y
    cfg = nn.TrainConfig(
        hidden_units=6,
        activation="prelu",
        learning_rate=0.3,
        epochs=4,
        batch_size=32,
        optimizer=optimizer,
        l2=0.01,
    )
    records = list(nn.train(X, y, cfg, n_classes=3))
    net = records[0].state.network
    opt = init_state(optimizer, net)
    shuffle = _rngs(cfg.seed)[1]
    for record in records[1:]:
        order = shuffle.permutation(len(y))
        norms = []
        for start in range(0, len(y), cfg.batch_size):
            rows = order[start : start + cfg.batch_size]
            _, grads = nn.loss_and_grads(net, X[rows], y[rows], cfg.l2)
            norms.append([sum(float(np.vdot(p, p)) for p in g) for g in grads.layers])
            net, opt = optimizers.step(opt, net, grads, cfg.learning_rate)
        for got, want in zip(record.state.network.layers, net.layers, strict=True):
            for a, b in zip(got, want, strict=True):
                np.testing.assert_allclose(a, b, rtol=1e-11, atol=1e-13)
        loss, _ = nn.loss_and_grads(net, X, y, cfg.l2)
        assert record.loss == pytest.approx(loss, rel=1e-11)
        rms = np.sqrt(np.mean(norms, axis=0))
        np.testing.assert_allclose(record.grad_norms, rms, rtol=1e-11)
