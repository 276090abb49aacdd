"""How live the dashboard is, in a real browser: python -m bench.live_dashboard

Starts `streamlit run app.py`, drives Debian's chromium with Playwright at full
speed on the spiral (600 samples, 64 hidden units, 2,000 epochs) and prints:

- slider change -> redrawn charts, idle and while training (target < 1 s);
- redraws per second of the loss chart during training (target >= 10);
- training time with live drawing versus the same run headless with nn.fit
  (target: drawing costs at most 25% extra): live and headless runs are
  interleaved and the medians reported, as the machine's speed drifts.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
import urllib.parse

from tools.live_app import ROOT, chromium_path, launch_chromium, serve

SETTINGS = {
    "data": "Spiral (2-D, 3 arms)",
    "n_2d": "600",
    "noise": "0.1",
    "val": "0.3",
    "hidden": "64",
    "act1": "Tanh",
    "lr": "0.3",
    "epochs": "2000",
    "speed": "Full speed",
}

# Polls the loss chart every animation frame and logs (time, points) per redraw.
# Plotly (paused, finished): a redraw is a new chart node or a longer trace, as
# Streamlit mounts a new Plotly node for every update. Live frames (HTML and SVG,
# dashboard/livefigs.py): a redraw is a new training-loss line.
MONITOR = """() => {
  window.__redraws = [];
  if (window.__monitoring) return;  // one poller per page, however often called
  window.__monitoring = true;
  let last = null;
  const plotly = () => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
      g => g.layout && g.layout.title && g.layout.title.text === 'Loss');
    return gd && gd._fullData && gd._fullData[0] ?
      [gd, gd._fullData[0].x.length] : null;
  };
  const live = () => {
    const line = document.querySelector(
      '.la-curve[data-title="Loss"] polyline[data-series="Training loss"]');
    const points = line && line.getAttribute('points');
    return points ? [points, points.split(' ').length] : null;
  };
  const tick = () => {
    const seen = live() || plotly();  // a stale Plotly node may linger
    if (seen && (!last || seen[0] !== last[0] || seen[1] !== last[1])) {
      window.__redraws.push([performance.now(), seen[1]]);
      last = seen;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


def headless_seconds() -> float:
    """The same run without any drawing: nn.fit on the same data and settings."""
    import nn_core as nn

    data = nn.load_dataset("spiral", n_samples=600, noise=0.1, seed=0)
    train, val = nn.split(data, val_fraction=0.3, seed=0)
    config = nn.TrainConfig(
        hidden_units=64, activation="tanh", learning_rate=0.3, epochs=2000
    )
    start = time.perf_counter()
    nn.fit(train.X, train.y, config, X_val=val.X, y_val=val.y, n_classes=3)
    return time.perf_counter() - start


def server_only_seconds() -> float:
    """The same live run in-process with Streamlit's AppTest: drawing without a
    browser, which shows what the script's own redraws cost."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.query_params.update(SETTINGS)
    at.run()
    train = next(b for b in at.button if b.label == "Train")
    start = time.perf_counter()
    train.click().run()
    return time.perf_counter() - start


def _sizes_shown(page, hidden: int, timeout_ms: float = 30_000) -> None:
    page.wait_for_function(
        "(h) => document.body.innerText.includes('Layer sizes: 2 → ' + h + ' → 3')",
        arg=hidden,
        timeout=timeout_ms,
    )


# Marks when the page first shows charts for a network with the given hidden units.
SIZES_WATCH = """(hidden) => {
  window.__seen = null;
  const done = () => document.body.innerText.includes(
      'Layer sizes: 2 → ' + hidden + ' → 3') &&
    [...document.querySelectorAll('.js-plotly-plot')].some(
      g => g.layout && g.layout.title && g.layout.title.text === 'Loss');
  const mo = new MutationObserver(() => {
    if (done()) { window.__seen = performance.now(); mo.disconnect(); }
  });
  mo.observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def _press_and_time(page, slider, key: str, watch: str, arg=None) -> float:
    """Seconds (measured in the page) from a key press to the watched change."""
    page.evaluate(watch, arg)
    # Under load a rerun can take the sidebar's widgets a while to come back.
    slider.wait_for(state="attached", timeout=180_000)
    slider.focus()
    pressed = page.evaluate("() => performance.now()")
    slider.press(key)
    page.wait_for_function("() => window.__seen !== null")
    return (page.evaluate("() => window.__seen") - pressed) / 1000


def idle_slider_latency(page, repeats: int) -> list[float]:
    """Seconds from a Hidden-units key press to charts of the new network."""
    slider = page.get_by_role("slider", name="Hidden units")
    times, hidden = [], 64
    for i in range(repeats):
        key, hidden = ("ArrowLeft", hidden - 1) if i % 2 == 0 else ("ArrowRight", 64)
        times.append(_press_and_time(page, slider, key, SIZES_WATCH, hidden))
        page.wait_for_timeout(300)
    if hidden != 64:
        slider.press("ArrowRight")
        _sizes_shown(page, 64)
    return times


def _button(page, label: str):
    """A sidebar button by its label (its accessible name adds the shortcut)."""
    name = re.compile(rf"^{label}\b")
    return page.get_by_test_id("stSidebar").get_by_role("button", name=name)


def _finished(page, timeout_ms: float = 300_000) -> None:
    """Wait for the finished status, looking ten times a second: Playwright's
    text locator polls every animation frame, which took a tenth of the page's
    CPU during training (measured) and so slowed what it measures."""
    page.wait_for_function(
        "() => document.body.innerText.includes('Epoch 2000 of 2000 · finished')",
        polling=100,
        timeout=timeout_ms,
    )


def live_training(page) -> tuple[float, float, int]:
    """Train from the button; (wall seconds, redraws/s, redraws) seen in the page."""
    page.evaluate(MONITOR)
    page.wait_for_timeout(300)
    page.evaluate("() => { window.__redraws = []; }")
    start_ms = page.evaluate("() => performance.now()")
    start = time.perf_counter()
    _button(page, "Train").click()
    _finished(page)
    wall = time.perf_counter() - start
    redraws = page.evaluate("() => window.__redraws")
    during = [t for t, n in redraws if t > start_ms and n > 1]
    if len(during) < 2:
        return wall, 0.0, len(during)
    rate = (len(during) - 1) / ((during[-1] - during[0]) / 1000)
    return wall, rate, len(during)


# Marks when a loss chart (Plotly or, while training, HTML) first shows the
# "lr →" event drawn after a mid-run change.
EVENT_WATCH = """() => {
  window.__seen = null;
  const found = () => [...document.querySelectorAll('.js-plotly-plot')].some(g =>
    ((g.layout && g.layout.annotations) || []).some(
      a => (a.text || '').startsWith('lr →'))) ||
    [...document.querySelectorAll('.la-curve-note')].some(
      t => t.textContent.startsWith('lr →'));
  const mo = new MutationObserver(() => {
    if (found()) { window.__seen = performance.now(); mo.disconnect(); }
  });
  mo.observe(document.body, {childList: true, subtree: true});
}"""


def busy_slider_latency(page) -> float:
    """Seconds from a Learning-rate key press mid-run to the event on the loss chart."""
    _button(page, "Reset").click()
    page.get_by_text("Epoch 0 of 2000").wait_for()
    _button(page, "Train").click()
    page.wait_for_function(
        "() => document.body.innerText.includes('training at full speed')"
    )
    page.wait_for_timeout(500)
    slider = page.get_by_role("slider", name="Learning rate")
    latency = _press_and_time(page, slider, "ArrowLeft", EVENT_WATCH)
    _finished(page)
    slider.focus()
    slider.press("ArrowRight")  # back to the benchmark's learning rate
    page.wait_for_timeout(500)
    return latency


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="idle slider moves")
    parser.add_argument(
        "--busy-repeats", type=int, default=3, help="slider moves while training"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="live runs, each beside a headless one"
    )
    args = parser.parse_args(argv)
    chromium = chromium_path()
    if chromium is None:
        print("needs Debian's chromium and playwright", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with serve() as (url, _), sync_playwright() as p:
        browser = launch_chromium(p, chromium)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.set_default_timeout(60_000)
        page.goto(f"{url}/?{urllib.parse.urlencode(SETTINGS)}")
        _sizes_shown(page, 64, 120_000)
        # Under load the sidebar's widgets can appear seconds after the charts.
        slider = page.get_by_role("slider", name="Hidden units")
        slider.wait_for(state="attached", timeout=180_000)
        idle = idle_slider_latency(page, args.repeats)
        # Live and headless runs interleaved: this machine's speed drifts.
        lives, headless = [], []
        for i in range(args.runs):
            if i:
                _button(page, "Reset").click()
                page.get_by_text("Epoch 0 of 2000").wait_for()
            lives.append(live_training(page))
            headless.append(headless_seconds())
        busy = [busy_slider_latency(page) for _ in range(args.busy_repeats)]
        browser.close()
    wall = statistics.median(w for w, _, _ in lives)
    rate = statistics.median(r for _, r, _ in lives)
    count = statistics.median(c for _, _, c in lives)
    ratios = [w / h for (w, _, _), h in zip(lives, headless, strict=True)]
    print("Live dashboard: spiral, 600 samples, 64 hidden units, 2000 epochs")
    print(f"  machine load (1 min avg)           {os.getloadavg()[0]:.1f}")
    print(
        f"  slider -> redrawn charts, idle     median {statistics.median(idle):.2f} s "
        f"(max {max(idle):.2f} s; target < 1 s)"
    )
    print(
        f"  slider -> redrawn, while training  median {statistics.median(busy):.2f} s "
        f"(max {max(busy):.2f} s; target < 1 s)"
    )
    print(
        f"  redraws per second while training  {rate:.1f} ({count:.0f} seen; "
        "target >= 10)"
    )
    print(f"  training with live drawing         {wall:.2f} s (click to finished)")
    print(f"  same run headless (nn.fit)         {statistics.median(headless):.2f} s")
    print(
        f"  drawing costs                      {statistics.median(ratios) - 1:+.0%} "
        f"(target <= +25%; each run: "
        + ", ".join(f"{r - 1:+.0%}" for r in ratios)
        + ")"
    )
    server = server_only_seconds()
    print(
        f"  of which the script's own redraws  "
        f"{server / statistics.median(headless) - 1:+.0%} "
        f"(same run in AppTest, no browser: {server:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
