"""In a real browser: the server's upload limit, and a reload that keeps settings.

AppTest bypasses the server, so the one check of ``server.maxUploadSize`` happens
here, through Playwright's set_input_files on the real uploader; and AppTest never
writes widget changes back to the URL, so the reload check is here too. Debian's
chromium only (never `playwright install`); skipped without it, except under CI.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from tools import live_app

pytestmark = pytest.mark.browser

GOOD = b"a,b,label\n" + b"".join(
    f"{i % 7},{i % 5},{'pq'[i % 2]}\n".encode() for i in range(40)
)
LIMIT_MB = 5


@pytest.fixture(scope="module")
def app_url(chromium) -> Iterator[str]:
    with live_app.serve() as (url, _):
        yield url


@pytest.fixture
def page(chromium, app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = live_app.launch_chromium(p, chromium)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.set_default_timeout(180_000)  # slow first renders on busy machines
        yield tab
        browser.close()


def _csv_input(page):
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="CSV file")
    return uploader.locator("input[type=file]")


def test_the_server_refuses_a_file_over_the_upload_limit(page, app_url):
    page.goto(f"{app_url}/?speed=Full+speed&data={quote('Upload CSV…')}")
    _csv_input(page).wait_for(state="attached")
    big = b"a,label\n" + b"1,x\n2,y\n" * (LIMIT_MB * 2**20 // 8 + 1000)
    _csv_input(page).set_input_files(
        files=[{"name": "big.csv", "mimeType": "text/csv", "buffer": big}]
    )
    # The browser's own refusal (Streamlit's "File must be 5.0MB or smaller."):
    # the file never reaches the app.
    page.get_by_text("or smaller").first.wait_for()
    assert "5.0MB" in page.get_by_text("or smaller").first.inner_text()
    assert page.get_by_test_id("stException").count() == 0
    # A good file afterwards is taken: the page is still usable.
    _csv_input(page).set_input_files(
        files=[{"name": "good.csv", "mimeType": "text/csv", "buffer": GOOD}]
    )
    page.get_by_text("Using good.csv").wait_for()
    assert page.get_by_test_id("stException").count() == 0


def test_a_reload_keeps_the_settings_changed_on_the_page(page, app_url):
    # On "Upload CSV…" with no file there is no run and no chart: a light page.
    page.goto(f"{app_url}/?speed=Full+speed&data={quote('Upload CSV…')}")
    _csv_input(page).wait_for(state="attached")
    live_app.move_slider(page, "Hidden units", "ArrowRight", 3, "8")
    page.wait_for_url("**hidden=8**")
    page.reload()
    _csv_input(page).wait_for(state="attached")
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[type=range]')].some(s => "
        "s.getAttribute('aria-label') === 'Hidden units' && "
        "s.getAttribute('aria-valuetext') === '8')"
    )
    assert page.get_by_test_id("stException").count() == 0
