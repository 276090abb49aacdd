"""The Learn tab through AppTest: one stage per click, the live network's numbers."""

from __future__ import annotations

from dashboard import stepper
from dashboard.tabs import learn


def click(at, label: str):
    return next(b for b in at.button if b.label == label).click().run()


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def heading(at) -> str:
    return at.subheader[-1].value


def shown_latex(at) -> list[str]:
    return [block.value for block in at.latex]


def expected_stage(at, index: int, sample: int = 0) -> stepper.Stage:
    """What the tab should draw, built from the run it holds right now."""
    step = learn.take_step(at.session_state["run"], sample)
    return stepper.plan(step)[index][1]()


def assert_shows(at, stage: stepper.Stage) -> None:
    latex = shown_latex(at)
    assert len(latex) == len(stage.equations)
    for equation, block in zip(stage.equations, latex):
        assert equation in block


def test_next_back_and_start_over_move_one_stage_per_click(make_app):
    at = make_app(view="Learn").run()
    no_exception(at)
    assert heading(at).startswith("1/9 · Forward pass")
    assert_shows(at, expected_stage(at, 0))
    assert at.expander[0].label == "What am I looking at?"
    click(at, "Next stage")
    assert heading(at).startswith("2/9 · Forward pass · Hidden layer 1")
    assert_shows(at, expected_stage(at, 1))
    click(at, "Back")
    click(at, "Back")  # already at the first stage: stays there
    assert at.session_state["learn_stage"] == 0
    for _ in range(10):  # past the end: stays at the gradient check
        click(at, "Next stage")
    no_exception(at)
    assert heading(at).startswith("9/9 · Gradient check")
    assert [s.value for s in at.success] == ["Gradient check passed"]
    click(at, "Start over")
    assert heading(at).startswith("1/9")


def test_every_stage_shows_the_current_networks_numbers(make_app):
    at = make_app(view="Learn").run()
    click(at, "Step")  # one epoch: the network is no longer the initial one
    assert at.session_state["run"].epoch == 1
    for index in range(8):
        no_exception(at)
        assert_shows(at, expected_stage(at, index))
        click(at, "Next stage")


def test_another_sample_gives_other_numbers(make_app):
    at = make_app(view="Learn").run()
    click(at, "Next stage")
    before = shown_latex(at)
    at.number_input(key="learn_sample").set_value(7).run()
    no_exception(at)
    assert heading(at).startswith("2/9")  # the stage stays, the numbers change
    assert shown_latex(at) != before
    assert_shows(at, expected_stage(at, 1, sample=7))


def test_a_deeper_network_has_a_stage_per_layer_each_way(make_app):
    at = make_app(view="Learn", layers="2", data="Spiral (2-D, 3 arms)").run()
    no_exception(at)
    assert heading(at).startswith("1/11")
    for _ in range(10):
        click(at, "Next stage")
    no_exception(at)
    assert heading(at).startswith("11/11")
    assert at.success  # the check passes for the spiral's tanh/relu net too


def test_the_walk_through_survives_training_and_shows_its_end(make_app):
    at = make_app(view="Learn", epochs="20").run()
    click(at, "Next stage")
    click(at, "Train")
    no_exception(at)
    assert at.session_state["run"].epoch == 20
    assert heading(at).startswith("2/9")
    assert_shows(at, expected_stage(at, 1))


def test_a_smaller_dataset_brings_the_sample_back_in_range(make_app):
    at = make_app(view="Learn").run()
    at.number_input(key="learn_sample").set_value(90).run()
    at.slider(key="n_report").set_value(30).run()
    no_exception(at)
    assert at.session_state["run"].train.n_samples == 30
    assert at.number_input(key="learn_sample").value == 0


def test_a_link_to_the_learn_tab_opens_it_without_a_notice(make_app):
    at = make_app(view="Learn").run()
    assert not at.warning  # the tab bar is drawn after the notice: not "ignored"
    assert heading(at).startswith("1/9")
