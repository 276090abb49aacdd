"""The example CSVs load, learn what their README promises, and regenerate exactly."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

import nn_core as nn

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _load(name: str) -> nn.Dataset:
    with open(EXAMPLES / name, newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = {key: [row[key] for row in rows] for key in rows[0]}
    return nn.dataset_from_columns(columns, label_column=list(rows[0])[-1], name=name)


def _val_accuracy(data: nn.Dataset, activation: str) -> float:
    train, val = nn.split(data, 0.3, seed=0)
    cfg = nn.TrainConfig(
        hidden_units=8, activation=activation, learning_rate=0.3, epochs=500
    )
    result = nn.fit(train.X, train.y, cfg, X_val=val.X, y_val=val.y)
    return result.history[-1].val_accuracy


@pytest.mark.parametrize(
    ("name", "n_rows", "classes"),
    [
        ("exam_results.csv", 240, ("fail", "pass")),
        ("fruit.csv", 240, ("apple", "lemon", "orange")),
        ("rings.csv", 360, ("inner", "middle", "outer")),
    ],
)
def test_examples_load_as_datasets(name, n_rows, classes):
    data = _load(name)
    assert data.n_samples == n_rows
    assert data.class_names == classes


def test_rings_need_a_nonlinear_hidden_layer():
    data = _load("rings.csv")
    assert _val_accuracy(data, "linear") < 0.5
    assert _val_accuracy(data, "tanh") > 0.9


def test_exam_results_boundary_is_curved():
    data = _load("exam_results.csv")
    assert _val_accuracy(data, "tanh") > _val_accuracy(data, "linear") + 0.04


def test_make_examples_regenerates_the_files_byte_for_byte(tmp_path):
    script = (EXAMPLES / "make_examples.py").read_text()
    copy = tmp_path / "make_examples.py"
    copy.write_text(script)
    subprocess.run([sys.executable, str(copy)], check=True, timeout=60)
    for name in ("exam_results.csv", "fruit.csv", "rings.csv"):
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes()


def test_reproduce_lesson_script_writes_its_page(tmp_path):
    out = tmp_path / "xor.html"
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "reproduce_lesson.py"), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "held out" in done.stdout
    assert out.read_text().count("plotly-graph-div") == 3
