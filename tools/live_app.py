"""Start `streamlit run app.py` on a free local port and drive it in Chromium.

One place for what the browser tests, the live benchmarks, the concurrency
benchmark and the docs screenshot script all need: a free port, a server that is
healthy before use and always stopped, and Debian's chromium launched headless
(never `playwright install`: shared/STREAMLIT.md §3).
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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def chromium_path() -> str | None:
    """Debian's chromium, if it and the playwright package are installed."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return None
    return shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(port: int, *extra: str) -> list[str]:
    """The command line of a local, headless server with the hardened settings."""
    return [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        *extra,
    ]  # fmt: skip


def wait_healthy(url: str, proc: subprocess.Popen) -> None:
    """Poll /_stcore/health until it says ok; fail if the server exits first."""
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


@contextmanager
def serve(
    *extra: str, env: Mapping[str, str] | None = None, log: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """A fresh app server on a free local port: yields (url, process), then stops it."""
    port = free_port()
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(
        server_command(port, *extra),
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        start_new_session=True,
        stdout=out,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if log:
            out.close()


def launch_chromium(playwright, chromium: str | None = None):
    """Debian's chromium, headless, with the flags these machines need."""
    path = chromium or chromium_path()
    if path is None:
        raise RuntimeError("needs Debian's chromium (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


# JavaScript: title, trace types and the first trace's y of every Plotly chart.
FIGURES_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
    title: (gd.layout.title && gd.layout.title.text) || '',
    types: (gd._fullData || []).map(t => t.type),
    y: gd._fullData && gd._fullData[0] ? Array.from(gd._fullData[0].y || []) : [],
}))"""


def figures_on_page(page) -> list[dict]:
    """Title, trace types and first trace's y of every chart (re-queried each call:
    Streamlit remounts a chart whenever its data changes)."""
    return page.evaluate(FIGURES_JS)


def move_slider(page, label: str, key: str, presses: int, expected: str) -> None:
    """Focus a slider, press a key, then wait until the app shows the value."""
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


def settle(page) -> None:
    """Wait until the page has stopped changing for a second (Streamlit redraws
    after every rerun, so a screenshot or an audit waits for the last one)."""
    page.wait_for_function(
        """() => new Promise(resolve => {
            const size = () => document.body.innerHTML.length;
            const before = size();
            setTimeout(() => resolve(size() === before), 1000);
        })""",
        polling=200,
    )
