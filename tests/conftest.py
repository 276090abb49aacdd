"""Shared fixtures: an AppTest factory for the dashboard."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tools import live_app

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


@pytest.fixture(autouse=True)
def restore_main_module() -> Iterator[None]:
    """AppTest runs the script as ``__main__`` and leaves it there; a later test that
    spawns processes (Dask's LocalCluster, the worker pool) would re-run that script
    in each child. Put pytest's own ``__main__`` back after every test."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main


def require_chromium() -> str:
    """Debian's chromium for the browser tests: skip without it, except under
    CI=true, where a missing browser is a failure (.ci/run installs it)."""
    path = live_app.chromium_path()
    if path is None:
        reason = "needs Debian's chromium and the playwright package"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the browser tests cannot run: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def chromium() -> str:
    return require_chromium()
