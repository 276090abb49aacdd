"""Shared fixtures: an AppTest factory for the dashboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def make_app() -> Callable[..., AppTest]:
    """AppTest of app.py at full training speed; keyword args become URL params."""

    def make(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=90)
        at.query_params.update(query)
        at.session_state["speed"] = 0  # full speed: no pacing in tests
        return at

    return make
