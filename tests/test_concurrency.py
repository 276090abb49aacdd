"""Three students on one server at once (bench/sessions.py, small): each session
keeps its own settings and gets its own results, Pause holds a paced run still,
and closing one session mid-run disturbs no other.

Uses Debian's chromium; skips without it, except under CI=true.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re

import pytest

from bench import sessions as bench
from tools import live_app

pytestmark = pytest.mark.browser

EPOCHS = 200
LONG_EPOCHS = 3000  # for the session closed mid-run
PACED = ("30 epochs/s", 3000)  # the paused session: slow enough to catch mid-run
WAIT_MS = 180_000  # per wait: a first page load took 1-2 min on a loaded machine


def _plan() -> list[bench.Session]:
    """Three sessions: one runs straight through, one is paused and resumed, one
    is closed mid-run."""
    plan = bench.sessions(3, EPOCHS)
    speed, epochs = PACED
    paced = {**plan[1].values, "epochs": epochs}
    plan[1] = dataclasses.replace(plan[1], values=paced, speed=speed)
    longer = {**plan[2].values, "epochs": LONG_EPOCHS}  # long enough to close mid-run
    plan[2] = dataclasses.replace(plan[2], values=longer)
    return [bench.headless(s) for s in plan]


async def _epoch_shown(page) -> int:
    status = await page.get_by_text(re.compile(r"^Epoch \d+ of")).first.inner_text()
    return int(status.split()[1])


async def _pause(page) -> tuple[int, int, int]:
    """Pause mid-run: the epoch holds still, and the page shows no exception."""
    await page.get_by_text(f"training at {PACED[0]}").wait_for()
    await bench.button(page, "Pause").click()
    await page.get_by_text("· paused").wait_for()
    held = await _epoch_shown(page)
    await page.wait_for_timeout(1500)
    still = await _epoch_shown(page)
    errors = await page.locator("[data-testid=stException]").count()
    return held, still, errors


async def _three_sessions(url: str, plan: list[bench.Session]):
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=live_app.chromium_path(), args=live_app.CHROMIUM_ARGS
        )
        try:
            opened = await bench.open_all(browser, url, plan, WAIT_MS)
            pages = [page for _, page in opened]
            await asyncio.gather(*(bench.train_button(pg).click() for pg in pages))
            straight, paused, _ = await asyncio.gather(
                bench.finish(pages[0], plan[0]),
                _pause(pages[1]),
                bench.close_mid_run(*opened[2]),
            )
        finally:
            await browser.close()
    return straight[1], paused


def test_sessions_keep_their_own_settings_and_results(chromium):
    plan = _plan()
    assert len({s.expected_loss for s in plan}) == 3  # distinct, so a mix-up shows
    with live_app.serve() as (url, _):
        straight, (held, still, errors) = asyncio.run(_three_sessions(url, plan))
    assert bench.problems(plan[0], straight) == []
    assert 0 < held == still < PACED[1]
    assert errors == 0
