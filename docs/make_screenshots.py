"""The teachers' guide screenshots, taken from the running app.

Run: ``python docs/make_screenshots.py``. Each lesson is opened the way a teacher
opens it (pick it in the Lesson box, press
Load lesson), trained to the end at full speed, and the tab that shows its point is
captured; then the lesson's one-change contrast, every tab of one good run (so new
tabs are picked up on a re-run), the dark theme and presentation mode. Images go to
docs/img/ and are overwritten, so the script can be re-run whenever the app changes.
Options: ``--only NAME`` (substring of an image name), ``--out DIR``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from dashboard import settings  # noqa: E402
from nn_core.presets import LESSONS  # noqa: E402
from tools import live_app  # noqa: E402

OUT = ROOT / "docs" / "img"
VIEWPORT = {"width": 1440, "height": 900}  # a common projector/laptop size
TIMEOUT_MS = 300_000  # upper bound only: a shared, busy machine can be very slow
FAST = {"speed": settings.fmt_speed(0)}  # "Full speed": no pacing for screenshots
# Finished: the Epoch metric shows "E/E", or the divergence banner is up.
DONE_JS = """() => document.body.innerText.includes('Training diverged at epoch')
    || [...document.querySelectorAll('[data-metric-label=Epoch]')].some(m => {
        const parts = m.dataset.metricValue.split('/');
        return parts.length === 2 && parts[0] === parts[1]; })"""


class Shot(NamedTuple):
    """One image: the tab to open and, optionally, text to scroll into view."""

    name: str
    tab: str
    scroll_to: str | None = None


# What each lesson's images show: the view where its phenomenon is plainest.
LESSON_SHOTS: dict[str, list[Shot]] = {
    "seed-report": [Shot("seed-report-training", "Training")],
    "xor-needs-a-hidden-layer": [Shot("xor-linear-outputs", "Outputs", "Decision")],
    "learning-rate-too-high": [Shot("lr-too-high-training", "Training")],
    "sigmoid-saturates-deep-nets": [
        Shot("sigmoid-deep-training", "Training", "Gradient norm"),
        Shot("sigmoid-deep-activations", "Activations"),
    ],
    "dead-relus": [Shot("dead-relus-activations", "Activations", "Unit health")],
    "learnable-vs-fixed": [Shot("learnable-swish-activations", "Activations")],
}
# The contrast run (the lesson's one change), shown on the same tab as its first shot.
CONTRAST_NAMES: dict[str, str] = {
    "xor-needs-a-hidden-layer": "xor-tanh-outputs",
    "learning-rate-too-high": "lr-fixed-training",
    "sigmoid-saturates-deep-nets": "sigmoid-deep-relu-training",
    "dead-relus": "dead-relus-fixed-activations",
    "learnable-vs-fixed": "learnable-silu-activations",
}
TOUR_LESSON = "Spiral (2-D, 3 arms): a good start"  # every tab, dark, presentation


# ---------------------------------------------------------------- the page


def query(values: dict) -> str:
    """URL query parameters for widget values, spelled as the widgets show them."""
    spell: dict[str, Callable] = {
        "data": settings.DATASET_LABELS.get,
        "batch": settings.fmt_batch,
        "opt": settings.OPTIMIZER_LABELS.get,
        "init": settings.INIT_LABELS.get,
        **{key: settings.fmt_activation for key in settings.ACTIVATION_KEYS},
    }
    params = {}
    for key, value in values.items():
        if key in spell:
            params[key] = spell[key](value)
        elif isinstance(value, bool):
            params[key] = str(value).lower()
        elif isinstance(value, float):
            params[key] = settings.fmt_number(value)
        else:
            params[key] = str(value)
    return "?" + urlencode({**params, **FAST})


def sidebar_button(page, name: str):
    pattern = re.compile(rf"^{re.escape(name)}\b")  # names may add "Shortcut T"
    return page.get_by_test_id("stSidebar").get_by_role("button", name=pattern)


def train_to_the_end(page) -> None:
    sidebar_button(page, "Train").click()
    page.wait_for_function(DONE_JS)
    live_app.settle(page)


def open_lesson(page, url: str, title: str, **params: str) -> None:
    """Pick the lesson in the sidebar and press Load lesson, as a teacher would."""
    page.goto(url + "?" + urlencode({**FAST, **params}))
    page.locator("[data-testid=stSidebar] input[aria-label=Lesson]").click()
    page.get_by_role("option", name=title, exact=True).click()
    sidebar_button(page, "Load lesson").click()
    dataset = settings.DATASET_LABELS[settings.LESSONS[title].dataset]
    page.wait_for_function(
        "label => document.querySelector('input[aria-label=Dataset]').value === label",
        arg=dataset,
    )
    live_app.settle(page)


def open_tab(page, tab: str, scroll_to: str | None = None) -> None:
    page.get_by_role("tab", name=tab, exact=True).click()
    live_app.settle(page)
    if scroll_to:
        target = page.get_by_text(scroll_to, exact=False).first
        if target.count():
            target.scroll_into_view_if_needed()
            page.evaluate("() => window.scrollBy(0, -60)")
    live_app.settle(page)


def capture(page, out: Path, shot: Shot, only: str | None) -> None:
    if only and only not in shot.name:
        return
    open_tab(page, shot.tab, shot.scroll_to)
    path = out / f"{shot.name}.png"
    page.screenshot(path=path)
    print(f"  {path.relative_to(ROOT)}")


# ---------------------------------------------------------------- the tour


@contextmanager
def browser_page(browser, url: str) -> Iterator:
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(TIMEOUT_MS)
    try:
        yield page
    finally:
        page.close()


def lessons(browser, url: str, out: Path, only: str | None) -> None:
    for key, lesson in LESSONS.items():
        shots = [s for s in LESSON_SHOTS.get(key, []) if not only or only in s.name]
        contrast = CONTRAST_NAMES.get(key)
        want_contrast = contrast and lesson.contrast and (not only or only in contrast)
        if not shots and not want_contrast:
            continue
        print(f"lesson {key}")
        with browser_page(browser, url) as page:
            if shots:
                open_lesson(page, url, settings.lesson_title(key))
                train_to_the_end(page)
                for shot in shots:
                    capture(page, out, shot, only)
            if want_contrast:
                changed = lesson.preset._replace(
                    config=lesson.preset.config.replace(**lesson.contrast)
                )
                page.goto(url + query(settings.widget_values(changed)))
                sidebar_button(page, "Train").wait_for()
                train_to_the_end(page)
                first = LESSON_SHOTS[key][0]
                capture(page, out, first._replace(name=contrast), only)


def tour(
    browser, url: str, out: Path, only: str | None, prefix: str, first: int = 99
) -> None:
    """The first tabs of one good run (all by default: picks up new tabs)."""
    with browser_page(browser, url) as page:
        open_lesson(page, url, TOUR_LESSON)
        train_to_the_end(page)
        tabs = [t.strip() for t in page.get_by_role("tab").all_inner_texts()]
        for tab in tabs[:first]:
            slug = re.sub(r"[^a-z0-9]+", "-", tab.lower()).strip("-")
            capture(page, out, Shot(f"{prefix}{slug}", tab), only)


def present(browser, url: str, out: Path, only: str | None) -> None:
    """Presentation mode (switched on by its link parameter), then the same run."""
    names = ("present-training", "present-outputs")
    if only and not any(only in n for n in names):
        return
    with browser_page(browser, url) as page:
        open_lesson(page, url, TOUR_LESSON, present="true")
        train_to_the_end(page)
        capture(page, out, Shot(names[0], "Training"), only)
        capture(page, out, Shot(names[1], "Outputs", "Decision"), only)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="take only images whose name contains this")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = live_app.launch_chromium(p)
        with live_app.serve() as (url, _):
            lessons(browser, url, args.out, args.only)
            print("every tab")
            tour(browser, url, args.out, args.only, "tab-")
            print("presentation mode")
            present(browser, url, args.out, args.only)
        with live_app.serve("--theme.base", "dark") as (url, _):
            print("dark theme")
            tour(browser, url, args.out, args.only, "dark-", first=3)
        browser.close()
    print(f"done in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
