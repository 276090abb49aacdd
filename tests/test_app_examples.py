"""The bundled example CSVs: listed from examples/README.md, loaded with one click."""

from __future__ import annotations

from pathlib import Path

from dashboard import data, examples
from dashboard.settings import UPLOAD

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "examples"


def test_every_example_csv_is_listed_with_a_description():
    found = examples.catalogue()
    on_disk = sorted(p.name for p in EXAMPLES_DIR.glob("*.csv"))
    assert sorted(found) == on_disk
    for example in found.values():
        assert "→" in example.columns and example.lesson.endswith(".")


def test_every_example_passes_the_upload_checks():
    for name, example in examples.catalogue().items():
        raw = (EXAMPLES_DIR / name).read_bytes()
        label = data.column_names(raw)[-1]
        ds = data.parse_upload(raw, label, name)
        assert ds.n_samples == example.rows, name


def test_a_missing_readme_lists_nothing(tmp_path):
    (tmp_path / "a.csv").write_text("x,label\n1,a\n")
    assert examples.catalogue(tmp_path) == {}


def test_one_click_loads_an_example_as_the_upload(make_app):
    at = make_app().run()
    assert not at.exception
    assert at.selectbox(key="example").value == "exam_results.csv"
    at.selectbox(key="example").set_value("fruit.csv").run()
    next(b for b in at.button if b.label == "Load example").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["data"] == UPLOAD
    upload = at.session_state["upload"]
    assert upload["file_name"] == "fruit.csv"
    assert upload["dataset"].class_names == ("apple", "lemon", "orange")
    run = at.session_state["run"]
    assert run.spec.upload_token == upload["token"] and run.epoch == 0
    assert any("fruit.csv" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Step").click().run()
    assert not at.exception
    assert at.session_state["run"].epoch == 1


def test_loading_an_example_after_training_starts_afresh(make_app):
    at = make_app(epochs="20").run()
    next(b for b in at.button if b.label == "Train").click().run()
    assert at.session_state["run"].epoch == 20
    at.selectbox(key="example").set_value("rings.csv").run()
    next(b for b in at.button if b.label == "Load example").click().run()
    assert not at.exception
    run = at.session_state["run"]
    assert run.epoch == 0 and run.spec.name == UPLOAD
    assert at.session_state["upload"]["dataset"].n_classes == 3
