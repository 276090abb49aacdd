"""End to end: `streamlit run app.py` driven in headless Chromium with Playwright.

Uses Debian's chromium (never `playwright install`). Without it the test skips,
except under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tools import live_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
# Full speed, and 30% held out so the validation curve is drawn as well.
QUERY = "?speed=Full+speed&val=0.3"


@pytest.fixture(scope="module")
def app_url(chromium) -> Iterator[str]:
    """A fresh `streamlit run app.py` on a free local port, stopped afterwards."""
    with live_app.serve() as (url, _):
        yield url


@pytest.fixture(scope="module")
def page(chromium, app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = live_app.launch_chromium(p, chromium)
        tab = browser.new_page(viewport={"width": 1600, "height": 1000})
        tab.set_default_timeout(20_000)
        yield tab
        browser.close()


_move_slider = live_app.move_slider
_figures = live_app.figures_on_page


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
    page.get_by_test_id("stSidebar").get_by_role(
        "button", name=re.compile(r"^Train\b")
    ).wait_for()
    _move_slider(page, "Hidden units", "ArrowRight", 3, "8")
    _move_slider(page, "Learning rate", "ArrowRight", 4, "0.1")
    _move_slider(page, "Epochs", "Home", 1, "10")
    _move_slider(page, "Epochs", "ArrowRight", 9, "100")
    page.get_by_text("Epoch 0 of 100").wait_for()

    page.get_by_test_id("stSidebar").get_by_role(
        "button", name=re.compile(r"^Train\b")
    ).click()
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


# JavaScript: title and unit h1's curve of the Activations tab's learned-curves chart.
LEARNED_H1_JS = """() => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
        g => ((g.layout.title || {}).text || '').startsWith("Layer 1: each unit's"));
    const h1 = gd && gd.data.find(t => t.name === 'h1');
    return h1 ? JSON.stringify([gd.layout.title.text, h1.x, h1.y]) : null;
}"""


def test_learned_curves_move_while_training_on_the_activations_tab(page, app_url):
    """A learnable activation trained at a paced speed: switched to mid-run, the
    Activations tab redraws every unit's learned curve with new data."""
    settings = {
        "act1": "Swish-β (learnable β)",
        "data": "Moons (2-D)",
        "hidden": "4",
        "epochs": "3000",
        "opt": "Adam",
        "lr": "0.1",
        "speed": "30 epochs/s",
    }
    page.goto(app_url + "?" + urlencode(settings))
    sidebar = page.get_by_test_id("stSidebar")
    train = sidebar.get_by_role("button", name=re.compile("^Train"))
    train.wait_for(timeout=120_000)  # first render: seconds, minutes on a busy box
    train.click()
    page.get_by_text(re.compile("training at 30 epochs/s")).wait_for()
    page.get_by_role("tab", name="Activations").click()
    first = page.wait_for_function(LEARNED_H1_JS).json_value()
    changed = f"(before) => {{ const now = ({LEARNED_H1_JS})(); "
    changed += "return now !== null && now !== before; }"
    page.wait_for_function(changed, arg=first)
    second = page.evaluate(LEARNED_H1_JS)
    assert second != first
    assert page.get_by_text(re.compile("training at 30 epochs/s")).count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    sidebar.get_by_role("button", name=re.compile("^Pause")).click()
