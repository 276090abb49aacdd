"""The Compare tab through AppTest: keep runs, race activations, sweep a grid."""

from __future__ import annotations

import json

import numpy as np

import nn_core as nn
from dashboard import compare


def click(at, label: str):
    return next(b for b in at.button if b.label == label).click().run()


def figures_of(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def titled(at, start: str) -> dict:
    return next(
        f for f in figures_of(at) if f["layout"]["title"]["text"].startswith(start)
    )


def legend(fig: dict) -> list[str]:
    return [t["name"] for t in fig["data"] if t.get("showlegend") is not False]


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def section(at, name: str):
    return at.radio(key="cmp_section").set_value(name).run()


def test_the_tab_starts_empty_and_explains_itself(make_app):
    at = make_app(view="Compare").run()
    no_exception(at)
    assert at.radio(key="cmp_section").value == "Kept runs"
    assert any("No runs kept yet" in i.value for i in at.info)
    assert "What am I looking at?" in [e.label for e in at.expander]
    assert not at.get("plotly_chart")


def test_kept_runs_are_overlaid_tabled_and_removable(make_app):
    at = make_app(view="Compare", epochs="20", val="0.3").run()
    click(at, "Train")
    at.text_input(key="cmp_name").input("first").run()
    click(at, "Keep this run")
    at.slider(key="hidden").set_value(8).run()
    click(at, "Reset")
    click(at, "Train")
    click(at, "Keep this run")
    no_exception(at)
    assert len(at.session_state["kept_runs"]) == 2
    assert at.text_input(key="cmp_name").value == ""  # cleared for the next one
    for title in ("Runs compared: loss", "Runs compared: accuracy"):
        assert legend(titled(at, title)) == ["first", "8 units"]
    assert legend(titled(at, "Learned activations")) == ["first", "8 units"]
    table = at.dataframe[0].value
    assert list(table["Run"]) == ["first", "8 units"]
    assert list(table.columns[:2]) == ["Run", "Hidden units"]
    assert list(table["Diverged at epoch"]) == ["no", "no"]
    assert any("differ, hidden units" in c.value for c in at.caption)
    # validation curves on request
    at.radio(key="cmp_kept_set").set_value("Validation").run()
    assert titled(at, "Runs compared: val loss")
    # remove the first, then clear
    click(at, "✕ first")
    assert [s["label"] for s in at.session_state["kept_runs"]] == [""]
    click(at, "Clear all")
    assert at.session_state["kept_runs"] == []
    no_exception(at)


def test_the_race_trains_each_activation_and_can_be_kept(make_app):
    at = make_app(view="Compare", epochs="20", val="0.3").run()
    section(at, "Activation race")
    assert at.multiselect(key="cmp_race").value == [
        "sigmoid",
        "relu",
        "prelu",
        "swish",
        "pau",
    ]
    at.multiselect(key="cmp_race").set_value(["relu", "swish"]).run()
    click(at, "Start the race")
    no_exception(at)
    racers = at.session_state["race_runs"]
    assert [r["label"] for r in racers] == ["ReLU", "Swish-β"]
    assert all(r["history"]["epoch"][-1] == 20 for r in racers)
    assert legend(titled(at, "Runs compared: loss")) == ["ReLU", "Swish-β"]
    assert list(at.dataframe[0].value["Activation"]) == ["ReLU", "Swish-β"]
    assert any(
        "gradient descent" in c.value and "20 epochs," in c.value for c in at.caption
    )
    click(at, "Keep the racers")
    kept = at.session_state["kept_runs"]
    assert [s["label"] for s in kept] == ["", ""]  # labelled by what differs
    click(at, "Start the race")  # a second race's racers are new runs
    click(at, "Keep the racers")
    assert len(at.session_state["kept_runs"]) == 4
    no_exception(at)


def test_the_sweep_draws_a_heatmap_of_the_grid(make_app):
    at = make_app(view="Compare", epochs="20", val="0.3").run()
    section(at, "Sweep")
    at.multiselect(key="cmp_sweep_lr").set_value([0.1, 30.0])
    at.multiselect(key="cmp_sweep_units").set_value([2, 4]).run()
    click(at, "Run the sweep")
    no_exception(at)
    result = at.session_state["sweep_result"]
    assert result["learning_rates"] == [0.1, 30.0]
    assert result["hidden_units"] == [2, 4]
    fig = titled(at, "Validation loss after 20 epochs (lower is better)")
    assert fig["data"][0]["type"] == "heatmap"
    assert fig["layout"]["xaxis"]["ticktext"] == ["0.1", "30"]


def test_choices_survive_a_visit_to_another_tab(make_app):
    at = make_app(view="Compare").run()
    section(at, "Activation race")
    at.multiselect(key="cmp_race").set_value(["tanh"]).run()
    at.session_state["view"] = "Training"
    at.run()
    no_exception(at)
    at.session_state["view"] = "Compare"
    at.run()
    no_exception(at)
    assert at.radio(key="cmp_section").value == "Activation race"
    assert at.multiselect(key="cmp_race").value == ["tanh"]


def _summaries() -> list[dict]:
    """Two kept-run summaries built without training (fixed networks)."""
    out = []
    for i, act in enumerate(("relu", "tanh")):
        net = nn.init_network(2, 3, 2, activation=act, rng=np.random.default_rng(i))
        history = {
            "epoch": [0, 1],
            "loss": [0.7, 0.6 - i / 10],
            "accuracy": [0.5, 0.6],
            "val_loss": [None, None],
            "val_accuracy": [None, None],
        }
        settings = {"Activation": act, "Seed": "0"}
        out.append({**compare.summary("", settings, history, net), "run_id": i})
    return out


def test_presentation_mode_shows_the_table_in_large_type(make_app):
    at = make_app(view="Compare", present="true")
    at.session_state["kept_runs"] = _summaries()
    at.run()
    no_exception(at)
    assert not at.dataframe  # st.table (HTML, grows with the page) instead
    assert list(at.table[0].value["Run"]) == ["relu", "tanh"]
    assert len(figures_of(at)) == 3
    # no validation numbers: no training/validation switch, dashes in the table
    assert not [g for g in at.get("radio") if g.key == "cmp_kept_set"]
