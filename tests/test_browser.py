"""End to end: `streamlit run app.py` driven in headless Chromium with Playwright.

Uses Debian's chromium (never `playwright install`). Without it the test skips,
except under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT_S = 30
# Full speed, and 30% held out so the validation curve is drawn as well.
QUERY = "?speed=Full+speed&val=0.3"


def _browser_or_skip() -> str:
    chromium = shutil.which("chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        chromium = None
    if chromium is None:
        reason = (
            "needs Debian's chromium and the playwright package (.ci/run installs them)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the browser test cannot run: {reason}")
        pytest.skip(reason)
    return chromium


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("streamlit did not become healthy in time")


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's chromium, checked before anything is started."""
    return _browser_or_skip()


@pytest.fixture(scope="module")
def app_url(chromium) -> Iterator[str]:
    """A fresh `streamlit run app.py` on a free local port, stopped afterwards."""
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page(chromium, app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1600, "height": 1000})
        tab.set_default_timeout(20_000)
        yield tab
        browser.close()


def _move_slider(page, label: str, key: str, presses: int, expected: str) -> None:
    """Focus a slider and press a key, then wait until the app shows the value."""
    slider = page.get_by_role("slider", name=label)
    slider.focus()
    for _ in range(presses):
        slider.press(key)
    page.wait_for_function(
        "([label, value]) => [...document.querySelectorAll('input[type=range]')]"
        ".some(s => s.getAttribute('aria-label') === label && "
        "s.getAttribute('aria-valuetext') === value)",
        arg=[label, expected],
    )


def _figures(page) -> list[dict]:
    """Title, trace types and the first trace's y of every Plotly chart shown."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
            title: (gd.layout.title && gd.layout.title.text) || '',
            types: (gd._fullData || []).map(t => t.type),
            y: gd._fullData && gd._fullData[0] ? Array.from(gd._fullData[0].y || [])
                                               : [],
        }))"""
    )


def _wait_for_figure(page, title_start: str, trace_type: str) -> dict:
    page.wait_for_function(
        "([start, kind]) => [...document.querySelectorAll('.js-plotly-plot')].some("
        "gd => gd.layout.title && (gd.layout.title.text || '').startsWith(start) "
        "&& (gd._fullData || []).some(t => t.type === kind))",
        arg=[title_start, trace_type],
    )
    return next(f for f in _figures(page) if f["title"].startswith(title_start))


def test_sliders_train_and_draw_everything(page, app_url):
    page.goto(app_url + QUERY)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Train").wait_for()
    _move_slider(page, "Hidden units", "ArrowRight", 3, "8")
    _move_slider(page, "Learning rate", "ArrowRight", 4, "0.1")
    _move_slider(page, "Epochs", "Home", 1, "10")
    _move_slider(page, "Epochs", "ArrowRight", 9, "100")
    page.get_by_text("Epoch 0 of 100").wait_for()

    page.get_by_test_id("stSidebar").get_by_role("button", name="Train").click()
    page.get_by_text("Epoch 100 of 100 · finished").wait_for(timeout=40_000)
    loss = _wait_for_figure(page, "Loss", "scatter")
    assert len(loss["y"]) == 101 and loss["y"][-1] < loss["y"][0]

    page.get_by_role("tab", name="Weights").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".filter(gd => (gd._fullData || []).some(t => t.type === 'heatmap'))"
        ".length >= 4"
    )
    page.get_by_role("tab", name="Outputs").click()
    bars = _wait_for_figure(page, "Softmax output", "bar")
    assert bars["y"]
    page.wait_for_timeout(500)
    assert page.locator("[data-testid=stException]").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "browser-outputs.png")
    page.get_by_role("tab", name="Training").click()
    _wait_for_figure(page, "Loss", "scatter")
    page.screenshot(path=ARTIFACTS / "browser-training.png")
    assert page.locator("[data-testid=stException]").count() == 0
