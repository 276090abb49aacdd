"""Learn tab: one training step on one sample, one stage per click.

The stages and their numbers come from ``dashboard.stepper`` (pure, tested); this
module only holds the buttons, the stage index in session state and the drawing.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import wording as text
from dashboard import stepper
from dashboard.run import Run
from dashboard.tabs.base import Painter, View, explainer


def _move(by: int, n_stages: int) -> None:
    """Button callback: step the stage index, kept within the walk-through."""
    stage = st.session_state["learn_stage"] + by
    st.session_state["learn_stage"] = min(max(stage, 0), n_stages - 1)


def _start_over() -> None:
    st.session_state["learn_stage"] = 0


def take_step(run: Run, sample: int) -> stepper.Step:
    """The step the tab walks through, for the run's current network."""
    train = run.train
    return stepper.take_step(
        run.network,
        train.X[sample],
        int(train.y[sample]),
        run.config.learning_rate,
        run.config.l2,
        train.class_names,
        train.feature_names,
    )


def _controls(n_samples: int, n_stages: int) -> None:
    """Sample picker and the Back / Next stage / Start over buttons."""
    if st.session_state["learn_sample"] >= n_samples:  # a smaller dataset came in
        st.session_state["learn_sample"] = 0
    if st.session_state["learn_stage"] >= n_stages:  # a shallower network came in
        st.session_state["learn_stage"] = n_stages - 1
    pick, back, forward, again = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    pick.number_input(
        text.LEARN_LABELS["sample"].format(last=n_samples - 1),
        min_value=0,
        max_value=n_samples - 1,
        step=1,
        key="learn_sample",
        persist_state="page",
        help=text.LEARN_HELP["sample"],
    )
    keys = text.LEARN_SHORTCUTS
    back.button(
        text.LEARN_LABELS["back"],
        on_click=_move,
        args=(-1, n_stages),
        shortcut=keys["back"],
        help=text.LEARN_HELP["back"],
        width="stretch",
    )
    forward.button(
        text.LEARN_LABELS["next"],
        type="primary",
        on_click=_move,
        args=(1, n_stages),
        shortcut=keys["next"],
        help=text.LEARN_HELP["next"],
        width="stretch",
    )
    again.button(
        text.LEARN_LABELS["start"],
        on_click=_start_over,
        help=text.LEARN_HELP["start"],
        width="stretch",
    )


def _road(titles: list[str], index: int) -> str:
    """Where the walk-through is: every stage's title, the current one in bold."""
    parts = [f"**{t}**" if i == index else t for i, t in enumerate(titles)]
    return " → ".join(parts)


def draw_stage(stage: stepper.Stage, index: int, n_stages: int) -> None:
    """A stage: heading, why it happens, its equations, the check's verdict."""
    phase = text.LEARN_PHASES[stage.phase]
    st.subheader(f"{index + 1}/{n_stages} · {phase} · {stage.title}")
    st.markdown(stage.text)
    for equation in stage.equations:
        st.latex(equation)
    if stage.passed is not None:
        if stage.passed:
            st.success(text.LEARN_PASS, icon=":material/check_circle:")
        else:
            st.error(text.LEARN_FAIL, icon=":material/cancel:")
    for note in stage.notes:
        st.markdown(note)


def _finite(run: Run) -> bool:
    """Whether the network's numbers can be shown (a blown-up run's cannot)."""
    return all(np.isfinite(p).all() for layer in run.network.layers for p in layer)


def render(view: View) -> Painter:
    """Intro, controls, then the current stage (redrawn as the network trains)."""
    st.caption(text.LEARN_INTRO)
    n_stages = len(stepper.plan(take_step(view.run, 0)))
    _controls(view.run.train.n_samples, n_stages)
    slot = st.empty()
    explainer(text.LEARN_EXPLAIN)

    def paint(run: Run, frame: int, live: bool) -> None:
        with slot.container():
            if not _finite(run):
                st.warning(text.LEARN_DIVERGED)
                return
            sample = min(st.session_state["learn_sample"], run.train.n_samples - 1)
            plan = stepper.plan(take_step(run, sample))
            index = min(st.session_state["learn_stage"], len(plan) - 1)
            st.caption(_road([title for title, _ in plan], index))
            if live and index == len(plan) - 1:
                st.info(text.LEARN_CHECK_LIVE)
                return
            draw_stage(plan[index][1](), index, len(plan))

    return paint
