"""Many students on one server: python -m bench.sessions [--sessions 20]

Starts `streamlit run app.py` on a local port and opens N browser contexts (each
its own Streamlit session) in one headless Chromium, each with its own settings
in the URL (hidden units, learning rate, seed); presses Train in all at once and
closes one session mid-training. Then checks that every other session ends with
its own network and the very loss an in-process run of its settings gives, with
no exception shown, and prints the wall time against the same runs' headless
compute spread over the cores, and the server's peak memory (its pool included).

`--workers N` sets LA_WORKERS for the server (0: train on the script thread).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import re
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import nn_core as nn
from dashboard.settings import DEFAULTS, data_spec, fmt_number, train_config
from dashboard.urlstate import LABELS
from tools import live_app

MAX_SESSIONS = 40  # one Chromium on a small machine: keep the load bounded
BASE = {"data": "spiral", "n_2d": 600, "noise": 0.1, "val": 0.3, "act1": "tanh"}
RATES = (0.1, 0.2, 0.3, 0.5)
VIEWPORT = {"width": 1280, "height": 900}
OPEN_AT_ONCE = 2  # first loads are the heaviest part for Chromium: a few at a time

# Every number in the Training tab's metric row, label -> shown value.
METRICS_JS = """() => Object.fromEntries(
  [...document.querySelectorAll('[data-metric-label]')].map(m => [
    m.dataset.metricLabel, m.dataset.metricValue]))"""


@dataclass(frozen=True)
class Session:
    """One student's settings, and what the core says they should end with."""

    index: int
    values: dict
    expected_loss: str = ""
    compute_s: float = 0.0
    speed: str = "Full speed"  # a paced speed lets a test catch a run mid-way

    @property
    def epochs(self) -> int:
        return int(self.values["epochs"])

    @property
    def hidden(self) -> int:
        return int(self.values["hidden"])

    def query(self) -> str:
        """The URL query a copied link of these settings would carry."""
        shown = {
            key: LABELS[key](value) if key in LABELS else fmt_number(value)
            for key, value in self.values.items()
            if key not in ("lesson", "present") and value != DEFAULTS.get(key)
        }
        return urllib.parse.urlencode({**shown, "speed": self.speed})


def sessions(count: int, epochs: int) -> list[Session]:
    """Distinct settings per session: hidden units, learning rate and seed differ."""
    return [
        Session(
            i,
            {
                **DEFAULTS,
                **BASE,
                "hidden": 8 + (2 * i) % 57,
                "lr": RATES[i % len(RATES)],
                "seed": 100 + i,
                "epochs": epochs,
            },
        )
        for i in range(count)
    ]


def headless(session: Session) -> Session:
    """The same run in this process with nn.fit: its final loss and compute time."""
    spec = data_spec(session.values, None)
    data = nn.load_dataset(
        spec.name, n_samples=spec.n_samples, noise=spec.noise, seed=spec.seed
    )
    train, val = nn.split(data, val_fraction=spec.val_fraction, seed=spec.seed)
    config = train_config(session.values)
    start = time.process_time()  # CPU time: fairer than wall on a busy machine
    result = nn.fit(
        train.X, train.y, config, X_val=val.X, y_val=val.y, n_classes=train.n_classes
    )
    seconds = time.process_time() - start
    loss = f"{result.history[-1].loss:.4f}"
    return dataclasses.replace(session, expected_loss=loss, compute_s=seconds)


# ------------------------------------------------------------------ the browser


def button(page, label: str):
    """A sidebar button by its label (its accessible name adds the shortcut)."""
    name = re.compile(rf"^{label}\b")
    return page.get_by_test_id("stSidebar").get_by_role("button", name=name)


def train_button(page):
    return button(page, "Train")


async def open_session(browser, url: str, session: Session, timeout_ms: float):
    """A fresh context at the session's link, ready to train (epoch 0 shown)."""
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    await page.goto(f"{url}/?{session.query()}")
    await page.get_by_text(f"Epoch 0 of {session.epochs}").wait_for()
    await train_button(page).wait_for()
    return context, page


async def open_all(browser, url: str, plan: list[Session], timeout_ms: float):
    """Every session opened, a few at a time; (context, page) in plan order."""
    gate = asyncio.Semaphore(OPEN_AT_ONCE)

    async def gated(session: Session):
        async with gate:
            return await open_session(browser, url, session, timeout_ms)

    return await asyncio.gather(*(gated(s) for s in plan))


async def finish(page, session: Session) -> tuple[float, dict]:
    """Wait for the run to end; (when it ended, what the page shows)."""
    epochs = session.epochs
    await page.get_by_text(f"Epoch {epochs} of {epochs} · finished").wait_for()
    ended = time.perf_counter()
    await page.wait_for_function(
        f"() => ({METRICS_JS})()['Epoch'] === '{epochs}/{epochs}'"
    )
    body = await page.inner_text("body")
    shown = {
        "metrics": await page.evaluate(METRICS_JS),
        "body": body,
        "exceptions": await page.locator("[data-testid=stException]").count(),
    }
    return ended, shown


async def close_mid_run(context, page) -> None:
    """Close a session once it is training: the others must not notice."""
    await page.get_by_text("training at full speed").wait_for()
    await context.close()


def problems(session: Session, shown: dict) -> list[str]:
    """What is wrong with a finished session's page, if anything."""
    found = []
    sizes = f"Layer sizes: 2 → {session.hidden} → 3"
    if sizes not in shown["body"]:
        found.append(f"no '{sizes}'")
    rate = f"learning rate {session.values['lr']:g}"
    if rate not in shown["body"]:
        found.append(f"no '{rate}'")
    if f"seed {session.values['seed']}" not in shown["body"]:
        found.append(f"no 'seed {session.values['seed']}'")
    loss = shown["metrics"].get("Loss")
    if loss != session.expected_loss:
        found.append(f"loss {loss}, expected {session.expected_loss}")
    if shown["exceptions"]:
        found.append(f"{shown['exceptions']} exception(s) shown")
    return [f"session {session.index}: {p}" for p in found]


async def drive(
    url: str, plan: list[Session], close: int = 1, timeout_s: float = 600
) -> dict:
    """Open every session, press Train in all at once, close the last ``close``
    mid-run; the others' results, timings and any problems."""
    from playwright.async_api import async_playwright

    timeout_ms = timeout_s * 1000
    async with async_playwright() as p:
        path = live_app.chromium_path()
        browser = await p.chromium.launch(
            executable_path=path, args=live_app.CHROMIUM_ARGS
        )
        try:
            opening = time.perf_counter()
            opened = await open_all(browser, url, plan, timeout_ms)
            start = time.perf_counter()
            await asyncio.gather(*(train_button(page).click() for _, page in opened))
            kept = len(plan) - close
            pairs = zip(opened[:kept], plan[:kept], strict=True)
            finished = [finish(page, s) for (_, page), s in pairs]
            closing = [close_mid_run(c, page) for c, page in opened[kept:]]
            results = await asyncio.gather(*finished, *closing)
        finally:
            await browser.close()
    done = list(zip(plan[:kept], results[:kept], strict=True))
    ends = sorted(ended - start for _, (ended, _) in done)
    found = [p for s, (_, shown) in done for p in problems(s, shown)]
    losses = {s.index: shown["metrics"].get("Loss") for s, (_, shown) in done}
    return {
        "open": start - opening,
        "wall": ends[-1],
        "ends": ends,
        "problems": found,
        "losses": losses,
    }


# ------------------------------------------------------------- server numbers


def _descendants(pid: int) -> list[int]:
    """The process and all its children, grandchildren, ... (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def peak_rss_mb(pid: int) -> tuple[float, float]:
    """Peak resident memory (VmHWM) of the server alone, and with its children."""
    peaks = []
    for each in _descendants(pid):
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        lines = [ln for ln in status.splitlines() if ln.startswith("VmHWM:")]
        peaks.append((each, int(lines[0].split()[1]) / 1024 if lines else 0.0))
    own = next((mb for each, mb in peaks if each == pid), 0.0)
    return own, sum(mb for _, mb in peaks)


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by the server and its live children."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for each in _descendants(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--close", type=int, default=1, help="closed mid-training")
    parser.add_argument("--workers", help="LA_WORKERS for the server (default: unset)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per wait")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS or not 0 <= args.close < args.sessions:
        parser.error(f"1..{MAX_SESSIONS} sessions, fewer closed than opened")
    if live_app.chromium_path() is None:
        print("needs Debian's chromium and playwright", file=sys.stderr)
        return 2
    plan = [headless(s) for s in sessions(args.sessions, args.epochs)]
    kept = plan[: args.sessions - args.close]
    compute = sum(s.compute_s for s in kept)
    cores = os.cpu_count() or 1
    env = {} if args.workers is None else {"LA_WORKERS": args.workers}
    with live_app.serve(env=env) as (url, proc):
        cpu_before = cpu_seconds(proc.pid)
        out = asyncio.run(drive(url, plan, args.close, args.timeout))
        server_cpu = cpu_seconds(proc.pid) - cpu_before
        own_mb, tree_mb = peak_rss_mb(proc.pid)
    ideal = compute / cores
    workers = args.workers if args.workers is not None else "default"
    print(f"Concurrent sessions: spiral 600 samples, {args.epochs} epochs, tanh")
    print(f"  LA_WORKERS                       {workers}")
    print(f"  sessions (closed mid-run)        {args.sessions} ({args.close})")
    print(f"  machine load (1 min avg)         {os.getloadavg()[0]:.1f}")
    print(f"  opening every session            {out['open']:.1f} s")
    print(f"  wall, Train to last finished     {out['wall']:.1f} s")
    ends = out["ends"]
    print(f"  finished after                   first {ends[0]:.1f} s, "
          f"median {ends[len(ends) // 2]:.1f} s")  # fmt: skip
    print(f"  total compute (nn.fit CPU time)  {compute:.1f} s over {len(kept)} runs")
    print(f"  compute / {cores} cores               {ideal:.1f} s")
    print(f"  ratio wall / (compute / cores)   {out['wall'] / ideal:.2f}")
    print(f"  server CPU time (with children)  {server_cpu:.1f} s")
    print(f"  server peak RSS                  {own_mb:.0f} MB "
          f"({tree_mb:.0f} MB with its children)")  # fmt: skip
    for problem in out["problems"]:
        print(f"  PROBLEM {problem}")
    print(f"  {'all sessions correct' if not out['problems'] else 'FAILED'}")
    return 1 if out["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
