"""Accessibility: axe-core over every tab (light and dark), keyboard, alt text, colours.

A class includes students who use a keyboard, a screen reader or colour-blind eyes,
so these checks run the real app in Chromium like tests/test_browser.py (skipped
without chromium, failing under CI=true). axe-core comes bundled in the
``axe-playwright-python`` package (axe.min.js, MPL 2.0): nothing is downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from figures import style
from tools import live_app

ROOT_QUERY = "?speed=Full+speed&val=0.3&epochs=20&data=Moons+%282-D%29&hidden=6"
EPOCHS = 20
BLOCKING = {"serious", "critical"}
TIMEOUT_MS = 300_000  # upper bound only: the machine may be shared and busy

# Violations that come from Streamlit's own theme, not from this app, excluded as
# narrowly as we can: (rule, CSS selector the node must sit in, theme or None).
STREAMLIT_OWN = [
    # st.caption draws a faded text colour, Streamlit's theme default for every
    # caption, that measures below 4.5:1 on white. Fixable for the whole app with
    # a darker caption colour in the theme (reported to the lead), not per caption.
    ("color-contrast", "[data-testid=stCaptionContainer]", "light"),
    # A slider's value bubble is drawn in the theme's primary colour (#cf4250 in
    # the dark theme) on the sidebar's #21201d: 3.5:1, Streamlit's default.
    ("color-contrast", "[data-testid=stSliderThumbValue]", "dark"),
]

# The published Okabe & Ito (2008) palette, in its usual order.
OKABE_ITO = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
)

TRAIN = re.compile(r"^Train\b")  # the button's name also says "Shortcut T"


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = live_app.launch_chromium(p, chromium)
        yield instance
        instance.close()


@pytest.fixture(scope="module", params=["light", "dark"])
def trained(request, browser) -> Iterator[tuple[str, object]]:
    """(theme, page) after a short run, one server per theme."""
    theme = request.param
    with live_app.serve("--theme.base", theme) as (url, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url + ROOT_QUERY)
        _train_button(page).wait_for()
        _train_button(page).click()
        page.get_by_text(f"Epoch {EPOCHS} of {EPOCHS} · finished").wait_for()
        yield theme, page
        page.close()


def _train_button(page):
    return page.get_by_test_id("stSidebar").get_by_role("button", name=TRAIN)


def _open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    page.wait_for_function(
        "name => [...document.querySelectorAll('[role=tab]')].some(t => "
        "t.textContent.trim() === name && t.getAttribute('aria-selected') === 'true')",
        arg=name,
    )
    live_app.settle(page)


def _tab_names(page) -> list[str]:
    return [t.strip() for t in page.get_by_role("tab").all_inner_texts()]


# ---------------------------------------------------------------- axe


def _is_streamlit_own(page, rule: str, target: list, theme: str) -> bool:
    for own_rule, inside, own_theme in STREAMLIT_OWN:
        if rule != own_rule or own_theme not in (None, theme):
            continue
        selector = target[0] if target and isinstance(target[0], str) else None
        if selector and page.evaluate(
            "([sel, inside]) => { const el = document.querySelector(sel);"
            " return !!(el && el.closest(inside)); }",
            [selector, inside],
        ):
            return True
    return False


def _blocking_violations(page, theme: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            if _is_streamlit_own(page, violation["id"], node["target"], theme):
                continue
            why = " ".join(c["message"] for c in node["any"][:1])
            found.append(f"{violation['id']}: {node['html'][:100]} {why}")
    return found


@pytest.mark.browser
def test_every_tab_has_no_serious_axe_violations(trained):
    theme, page = trained
    names = _tab_names(page)
    assert {"Training", "Weights", "Outputs", "Activations"} <= set(names)
    problems = {}
    for name in names:  # Compare, Learn and any newer tab are checked too
        _open_tab(page, name)
        found = _blocking_violations(page, theme)
        if found:
            problems[name] = found
    assert not problems, problems


@pytest.mark.browser
def test_every_chart_has_alt_text(trained):
    _, page = trained
    for name in _tab_names(page):
        _open_tab(page, name)
        charts = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
            ".map(c => [c.getAttribute('role'), c.getAttribute('aria-label') || ''])"
        )
        for role, label in charts:
            assert role == "figure", name
            assert len(label) > 10 and label != "Chart.", (name, label)


@pytest.mark.browser
def test_every_sidebar_control_has_a_label(trained):
    """axe's naming rules, at any impact, over the sidebar's controls."""
    from axe_playwright_python.sync_playwright import Axe

    _, page = trained
    _open_tab(page, "Training")
    rules = ["label", "button-name", "aria-input-field-name", "select-name"]
    options = {"runOnly": {"type": "rule", "values": rules}}
    result = Axe().run(page, context="[data-testid=stSidebar]", options=options)
    unnamed = [
        n["html"][:120] for v in result.response["violations"] for n in v["nodes"]
    ]
    assert unnamed == []
    assert result.response["passes"], "axe found no controls to check"


# ---------------------------------------------------------------- keyboard


def _epoch(page) -> str:
    return page.evaluate(
        "() => { const m = document.querySelector('[data-metric-label=Epoch]');"
        " return m ? m.dataset.metricValue : ''; }"
    )


def _wait_epoch(page, value: str) -> None:
    page.wait_for_function(
        "v => { const m = document.querySelector('[data-metric-label=Epoch]');"
        " return m && m.dataset.metricValue === v; }",
        arg=value,
    )


def _press(page, key: str) -> None:
    """A key press with the focus on the page, not in a text field."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press(key)


@pytest.mark.browser
def test_shortcuts_reset_step_train_and_pause(trained):
    theme, page = trained
    if theme != "light":
        pytest.skip("keyboard behaviour does not depend on the theme")
    _open_tab(page, "Training")
    _press(page, "x")  # Reset
    _wait_epoch(page, f"0/{EPOCHS}")
    _press(page, "s")  # Step: exactly one epoch
    _wait_epoch(page, f"1/{EPOCHS}")
    _press(page, "t")  # Train to the end
    _wait_epoch(page, f"{EPOCHS}/{EPOCHS}")
    _press(page, "x")
    _wait_epoch(page, f"0/{EPOCHS}")
    _press(page, "p")  # Pause when idle leaves the run where it is
    live_app.settle(page)
    assert _epoch(page) == f"0/{EPOCHS}"


@pytest.mark.browser
def test_buttons_work_from_the_keyboard_alone(trained):
    """Tab to Step and press Enter: no mouse needed."""
    theme, page = trained
    if theme != "light":
        pytest.skip("keyboard behaviour does not depend on the theme")
    _press(page, "x")
    _wait_epoch(page, f"0/{EPOCHS}")
    step = page.get_by_test_id("stSidebar").get_by_role(
        "button", name=re.compile("^Step")
    )
    step.focus()
    page.keyboard.press("Enter")
    _wait_epoch(page, f"1/{EPOCHS}")


# ---------------------------------------------------------------- colours


def test_class_colours_are_okabe_ito_in_order():
    assert tuple(c.upper() for c in style.OKABE_ITO) == OKABE_ITO
    assert style.class_colors(3) == list(style.OKABE_ITO[:3])
    assert list(style.HOUSE_TEMPLATE.layout.colorway) == list(style.OKABE_ITO)


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    r, g, b = linear
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_chart_text_meets_wcag_contrast_on_white():
    """Figures keep their own white background in both themes (theme=None)."""
    for colour in (style.TEXT_COLOR, style.NEUTRAL_COLOR):
        ratio = (1.0 + 0.05) / (_luminance(colour) + 0.05)
        assert ratio >= 4.5, colour
