"""The dashboard through Streamlit's AppTest: controls, training, tabs, uploads."""

from __future__ import annotations

import io
import json
import time

import numpy as np
import pandas as pd
import pytest

from dashboard import data, downloads, metricrow, settings
from dashboard import run as runs
from dashboard.live import (
    CORES,
    FRAME_S,
    MOUNT_S,
    chunk_budget,
    counted_as_training,
    epochs_per_frame,
    frame_seconds,
    training_now,
)
from nn_core.presets import SEED_REPORT_LOG

GOOD_CSV = b"a,b,label\n" + b"".join(
    f"{i % 7},{(i * 3) % 5},{'yes' if i % 2 else 'no'}\n".encode() for i in range(40)
)
BAD_CSV = b"a,b,label\n1,2,x\nthree,4,y\n5,6,x\n7,8,y\n"


# ---------------------------------------------------------------- helpers


def click(at, label: str):
    return next(b for b in at.button if b.label == label).click().run()


def metric(at, label: str) -> str:
    """A number in the Training tab's metric row (one HTML element)."""
    for element in at.markdown:
        shown = metricrow.shown_values(element.value)
        if label in shown:
            return shown[label]
    raise KeyError(label)


def figures_of(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def trace_named(at, name: str) -> dict:
    return next(t for f in figures_of(at) for t in f["data"] if t.get("name") == name)


def run_of(at) -> runs.Run:
    return at.session_state["run"]


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


# ---------------------------------------------------------------- start, controls


def test_app_starts_at_epoch_zero_with_the_seed_report(make_app):
    at = make_app().run()
    no_exception(at)
    assert metric(at, "Epoch") == "0/500"
    assert at.slider(key="hidden").label == "Hidden units"
    assert at.select_slider(key="lr").label == "Learning rate"
    assert at.slider(key="epochs").label == "Epochs"
    assert run_of(at).config == settings.train_config(settings.DEFAULTS)
    assert at.session_state["running"] is False


def test_every_control_has_help_text(make_app):
    at = make_app().run()
    widgets = [*at.slider, *at.select_slider, *at.selectbox, *at.number_input]
    widgets += [*at.button, *at.toggle]
    assert widgets
    assert all(w.help for w in widgets), [w.label for w in widgets if not w.help]


def test_sliders_set_the_next_run(make_app):
    at = make_app().run()
    at.slider(key="hidden").set_value(8)
    at.select_slider(key="lr").set_value(0.1)
    at.slider(key="epochs").set_value(50)
    at.run()
    no_exception(at)
    config = run_of(at).config
    assert (config.hidden_units, config.learning_rate, config.epochs) == (8, 0.1, 50)
    assert metric(at, "Epoch") == "0/50"
    assert run_of(at).network.sizes == (10, 8, 3)


def test_step_trains_one_epoch_and_reset_starts_again(make_app):
    at = make_app().run()
    click(at, "Step")
    no_exception(at)
    assert metric(at, "Epoch") == "1/500"
    click(at, "Step")
    assert metric(at, "Epoch") == "2/500"
    assert at.session_state["running"] is False
    first_id = run_of(at).run_id
    click(at, "Reset")
    assert metric(at, "Epoch") == "0/500"
    assert run_of(at).run_id != first_id


def test_pause_stops_a_run_where_it_is(make_app):
    at = make_app().run()
    click(at, "Step")
    click(at, "Pause")
    no_exception(at)
    assert at.session_state["running"] is False
    assert metric(at, "Epoch") == "1/500"


def test_seed_preset_trains_to_the_end_and_the_loss_falls(make_app):
    at = make_app().run()
    at.slider(key="hidden").set_value(30)
    at.selectbox(key="act1").set_value("relu")
    at.run()
    at.selectbox(key="lesson").set_value("Seed report (the reference run)")
    click(at, "Load lesson")
    for key, value in settings.widget_values(settings.SEED_REPORT).items():
        assert at.session_state[key] == value, key
    click(at, "Train")
    no_exception(at)
    assert metric(at, "Epoch") == "500/500"
    loss = trace_named(at, "Training loss")["y"]
    assert loss[-1] < loss[0]
    reference = trace_named(at, "Seed report (logged)")
    assert list(zip(reference["x"], reference["y"], strict=True)) == [
        tuple(map(float, p)) for p in SEED_REPORT_LOG
    ]
    assert at.session_state["running"] is False


def test_a_finished_run_stays_after_a_rerun(make_app):
    at = make_app().run()
    click(at, "Train")
    at.select_slider(key="speed").set_value(100)
    at.run()
    no_exception(at)
    assert metric(at, "Epoch") == "500/500"
    assert len(trace_named(at, "Training loss")["y"]) == 501


# ---------------------------------------------------------------- mid-run changes


def test_learning_rate_change_mid_run_applies_and_is_noted(make_app):
    at = make_app().run()
    click(at, "Step")
    at.select_slider(key="lr").set_value(0.1).run()
    no_exception(at)
    run = run_of(at)
    assert run.config.learning_rate == 0.1
    assert run.events == ((1, "lr → 0.1"),)
    click(at, "Step")
    assert metric(at, "Epoch") == "2/500"


def test_shape_change_mid_run_pauses_and_asks_for_reset(make_app):
    at = make_app().run()
    click(at, "Step")
    at.slider(key="hidden").set_value(12).run()
    no_exception(at)
    assert any("Reset" in w.value for w in at.warning)
    click(at, "Train")
    assert metric(at, "Epoch") == "1/500"  # paused: the network cannot grow
    click(at, "Reset")
    assert run_of(at).network.sizes == (10, 12, 3)
    assert not at.warning


def test_divergence_shows_a_banner_and_keeps_the_history(make_app):
    at = make_app(data="Iris flowers (4 features)", act1="ReLU", lr="10").run()
    assert run_of(at).config.learning_rate == 10.0
    click(at, "Train")
    no_exception(at)
    banner = " ".join(e.value for e in at.error)
    assert "diverged at epoch" in banner
    run = run_of(at)
    assert run.diverged is not None
    assert run.history["epoch"] == list(range(run.epoch + 1))
    assert banner.count(f"epoch {run.diverged.epoch}") >= 1


# ---------------------------------------------------------------- tabs


@pytest.mark.parametrize("view", ["Training", "Weights", "Outputs", "Activations"])
@pytest.mark.parametrize("dataset", ["Spiral (2-D, 3 arms)", "Digits (8×8 images)"])
def test_each_tab_renders_after_training(make_app, view, dataset):
    at = make_app(view=view, data=dataset, epochs="20", val="0.3").run()
    click(at, "Train")
    no_exception(at)
    assert run_of(at).epoch == 20
    kinds = {t["type"] for f in figures_of(at) for t in f["data"]}
    expected = {
        "Training": {"scatter"},
        "Weights": {"heatmap"},
        "Outputs": {"bar", "heatmap"},
        "Activations": {"scatter", "bar"},
    }[view]
    assert expected <= kinds
    assert at.expander[0].label == "What am I looking at?"


def test_weights_replay_shows_an_earlier_epoch(make_app):
    at = make_app(view="Weights", epochs="20").run()
    click(at, "Train").run()  # the replay slider appears once training stops
    replay = next(s for s in at.select_slider if s.label == "Replay epoch")
    assert replay.value == 20
    replay.set_value(3).run()
    no_exception(at)
    assert any("epoch 3" in m.value for m in at.markdown)


def test_outputs_show_decision_regions_for_2d_data(make_app):
    at = make_app(view="Outputs", data="Moons (2-D)").run()
    no_exception(at)
    titles = [f["layout"]["title"]["text"] for f in figures_of(at)]
    assert "Decision regions" in titles
    assert any(t.startswith("Hidden-unit responses") for t in titles)


# ---------------------------------------------------------------- uploads


def test_parse_upload_turns_a_csv_into_a_dataset():
    ds = data.parse_upload(GOOD_CSV, "label", "good.csv")
    assert (ds.n_samples, ds.n_features, ds.class_names) == (40, 2, ("no", "yes"))


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (BAD_CSV, "row 2"),
        (b"", "empty"),
        (b"\xff\xfe\x00bad", "UTF-8"),
        (b"a,label\n1,x\n2,x\n3,x\n4,x\n", "only one class"),
    ],
)
def test_parse_upload_rejects_bad_files_with_a_readable_message(raw, words):
    with pytest.raises(ValueError, match=words):
        data.parse_upload(raw, "label")


def test_bad_csv_shows_an_error_and_keeps_the_previous_dataset(make_app):
    at = make_app(data="Upload CSV…").run()
    no_exception(at)
    assert at.info  # asks for a file; the seed-report run stays
    at.file_uploader[0].set_value(("good.csv", GOOD_CSV, "text/csv")).run()
    no_exception(at)
    good = at.session_state["upload"]["token"]
    assert run_of(at).spec.upload_token == good
    click(at, "Step")
    at.file_uploader[0].set_value(("bad.csv", BAD_CSV, "text/csv")).run()
    no_exception(at)
    assert any("row 2" in e.value for e in at.error)
    assert at.session_state["upload"]["token"] == good
    assert run_of(at).spec.upload_token == good
    assert metric(at, "Epoch") == "1/500"


# ---------------------------------------------------------------- URL state


def test_link_settings_apply_and_bad_ones_fall_back_with_a_notice(make_app):
    at = make_app(hidden="16", lr="0.1", epochs="lots", data="../../etc/passwd").run()
    no_exception(at)
    assert at.session_state["hidden"] == 16
    assert at.session_state["lr"] == 0.1
    assert at.session_state["epochs"] == 500
    assert at.session_state["data"] == "seed-report"
    notice = " ".join(w.value for w in at.warning)
    assert "epochs=lots" in notice and "data=../../etc/passwd" in notice
    assert "hidden=" not in notice


def test_hostile_link_values_never_reach_the_page_unescaped(make_app):
    at = make_app(seed="<script>alert(1)</script>" * 20).run()
    no_exception(at)
    assert at.session_state["seed"] == 0
    assert all(len(w.value) < 400 for w in at.warning)


# ---------------------------------------------------------------- plain parts


def test_lessons_only_use_values_the_widgets_offer():
    for title, preset in settings.LESSONS.items():
        values = settings.widget_values(preset)
        assert values["lr"] in settings.LEARNING_RATES, title
        assert values["batch"] in settings.BATCH_CHOICES, title
        assert values["l2"] in settings.L2_CHOICES, title
        low, high, step = settings.EPOCH_RANGE
        assert low <= values["epochs"] <= high and values["epochs"] % step == 0
        assert 1 <= values["layers"] <= settings.MAX_LAYERS, title


def test_snapshots_are_bounded_and_dense_early():
    kept = sorted(e for e in runs.SNAPSHOT_EPOCHS if e <= settings.EPOCH_RANGE[1])
    assert kept[:51] == list(range(51))
    assert len(kept) <= 200
    assert len(runs.SNAPSHOT_EPOCHS) <= 210


def _seed_run(epochs: int = 30) -> runs.Run:
    spec = settings.data_spec(settings.DEFAULTS, None)
    train, val = data.load_split.__wrapped__("seed-report", 100, 0.0, 0.3, 0)
    config = settings.train_config(settings.DEFAULTS).replace(epochs=epochs)
    run = runs.new_run(1, spec, train, val, config)
    while not run.done:
        run = runs.advance(run, budget_s=1.0)
    return run


def test_weights_download_loads_without_pickle():
    run = _seed_run()
    with np.load(io.BytesIO(downloads.weights_npz(run)), allow_pickle=False) as npz:
        assert npz["W1"].shape == (10, 5) and npz["b2"].shape == (3,)
        X = run.train.X[:3] * npz["scale"] + npz["mean"]
        np.testing.assert_allclose((X - npz["mean"]) / npz["scale"], run.train.X[:3])
        assert list(npz["activations"]) == ["sigmoid"]
        assert int(npz["epoch"]) == 30


def test_history_download_has_one_row_per_epoch():
    table = pd.read_csv(io.BytesIO(downloads.history_csv(_seed_run())))
    assert list(table["epoch"]) == list(range(31))
    assert {"loss", "val_accuracy", "grad_norm_layer1"} <= set(table.columns)


def test_chunks_keep_drawing_within_a_quarter_of_compute():
    for draw in (0.001, 0.01, 0.02, 0.05, 0.2):
        budget = chunk_budget(draw)
        assert draw <= 0.25 * budget + 1e-12
    assert chunk_budget(0.01) == pytest.approx(FRAME_S - 0.01)
    assert epochs_per_frame(0) is None
    assert epochs_per_frame(100) == round(100 * FRAME_S)


def test_frames_slow_down_for_tabs_with_many_charts():
    assert frame_seconds(0) == FRAME_S
    assert frame_seconds(6) == pytest.approx(6 * MOUNT_S)
    assert chunk_budget(0.05, frame_seconds(6)) == pytest.approx(6 * MOUNT_S - 0.05)


def test_a_paced_run_takes_as_long_as_its_speed_says(make_app):
    # 10 epochs/s: 20 epochs may not finish in less than 2 s, whatever the frame
    # length (frames on heavy tabs last longer and carry more epochs).
    at = make_app(epochs="20").run()
    at.select_slider(key="speed").set_value(10).run()
    started = time.perf_counter()
    click(at, "Train")
    elapsed = time.perf_counter() - started
    no_exception(at)
    assert metric(at, "Epoch") == "20/20"
    assert elapsed >= 2.0 - 0.2  # the first frame's epochs start at once


def test_frames_lengthen_when_more_sessions_train_than_there_are_cores():
    assert frame_seconds(0, training=1) == FRAME_S
    assert frame_seconds(0, training=CORES) == FRAME_S
    assert frame_seconds(0, training=4 * CORES) == pytest.approx(4 * FRAME_S)
    assert frame_seconds(6, training=1) == pytest.approx(6 * MOUNT_S)


def test_a_script_run_counts_as_training_only_while_it_trains():
    before = training_now()
    with counted_as_training():
        assert training_now() == before + 1
        with pytest.raises(RuntimeError), counted_as_training():
            assert training_now() == before + 2
            raise RuntimeError("a click stops the script")
        assert training_now() == before + 1
    assert training_now() == before
