"""User-facing text lives in wording.py, so it can be revised or translated.

Three checks: no Streamlit call in the app passes a hard-coded sentence as its
label, body or help (they take it from ``wording``); no chart in ``figures/`` hard-codes
a title, axis title, trace name, annotation or hover text; and every ``{field}``
template in ``wording`` is well-formed.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import wording as text

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([ROOT / "app.py", *(ROOT / "dashboard").rglob("*.py")])

# Streamlit calls whose first positional argument (or label=, help=, ...) is shown.
SHOWN = {
    "button",
    "slider",
    "select_slider",
    "selectbox",
    "multiselect",
    "radio",
    "checkbox",
    "toggle",
    "number_input",
    "text_input",
    "file_uploader",
    "download_button",
    "error",
    "warning",
    "info",
    "success",
    "toast",
    "progress",
    "caption",
    "markdown",
    "metric",
    "tabs",
    "expander",
    "subheader",
    "header",
    "title",
}
KEYWORDS = ("label", "help", "body", "placeholder", "text", "delta")
# Receivers whose info()/error() write logs, not the page.
LOGGERS = {"logging", "logger", "log", "warnings"}

# Call sites that may keep a literal, as (file, call, the literal's start) -> reason.
ALLOWED: dict[tuple[str, str, str], str] = {}


def _has_letters(node: ast.expr) -> bool:
    """Whether a string literal or f-string spells out words of its own."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_has_letters(part) for part in node.values)
    if isinstance(node, ast.BinOp):  # "a" + "b", "...%s" % x
        return _has_letters(node.left) or _has_letters(node.right)
    return False


def _start(node: ast.expr) -> str:
    return ast.unparse(node)[:30]


def _shown_args(call: ast.Call) -> Iterator[ast.expr]:
    if call.args:
        yield call.args[0]
    for kw in call.keywords:
        if kw.arg in KEYWORDS:
            yield kw.value


def hard_coded(tree: ast.AST) -> Iterator[tuple[int, str, str]]:
    """(line, call, literal) for each literal sentence given to a shown call.

    Any ``x.error(...)``, ``cols[1].metric(...)`` counts, not only ``st.``: slots,
    columns and containers draw the same elements.
    """
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr not in SHOWN:
            continue
        receiver = node.func.value
        if isinstance(receiver, ast.Name) and receiver.id in LOGGERS:
            continue
        for arg in _shown_args(node):
            if _has_letters(arg):
                yield node.lineno, node.func.attr, _start(arg)


def test_no_hard_coded_text_in_streamlit_calls() -> None:
    found = []
    for path in SOURCES:
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, call, literal in hard_coded(tree):
            if (rel, call, literal) not in ALLOWED:
                found.append(f"{rel}:{line}: {call}({literal}…)")
    assert not found, "Move these texts to wording.py:\n" + "\n".join(found)


def test_the_scan_finds_literals() -> None:
    """The check itself: a literal, an f-string and a sum are caught; names,
    bare placeholders and log calls are not."""
    source = (
        "st.button('Go')\n"
        "col.metric(label=f'Epoch {n}')\n"
        "st.error('Bad ' + why)\n"
        "st.info(text.NOTE)\n"
        "st.caption(f'{a} · {b}')\n"
        "logger.info('Started')\n"
    )
    flagged = {line for line, _, _ in hard_coded(ast.parse(source))}
    assert flagged == {1, 2, 3}


FIGURES = sorted((ROOT / "figures").glob("*.py"))
# Keyword arguments (and function parameters) of a chart that are shown on it.
CHART_KEYWORDS = {"title", "name", "text", "hovertemplate", "title_text"}
# Dict keys whose string values are shown: {"title": ...}, {"text": ...}.
CHART_KEYS = {"text", "title"}
# Plotly's own syntax in a template, not words: %{y:.2f}, <extra></extra>, <br>.
PLOTLY_SYNTAX = re.compile(r"%\{[^}]*\}|<[^>]*>")
WORD = re.compile(r"[^\W\d_]{3}")  # three letters in a row

# Chart literals that may stay, as (file, the literal's start) -> reason.
CHART_ALLOWED: dict[tuple[str, str], str] = {}


def _literal_words(node: ast.expr) -> bool:
    """Whether a literal (or the fixed parts of an f-string or a sum) spells a word,
    once Plotly's %{...} fields and <tags> are taken out."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORD.search(PLOTLY_SYNTAX.sub(" ", node.value)))
    if isinstance(node, ast.JoinedStr):
        fixed = "".join(
            p.value
            for p in node.values
            if isinstance(p, ast.Constant) and isinstance(p.value, str)
        )
        return bool(WORD.search(PLOTLY_SYNTAX.sub(" ", fixed)))
    if isinstance(node, ast.BinOp):
        return _literal_words(node.left) or _literal_words(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_words(node.body) or _literal_words(node.orelse)
    return False


def chart_literals(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, literal) for each word written into a chart instead of taken from
    ``wording``: keyword arguments, parameter defaults and dict values."""
    for node in ast.walk(tree):
        shown: list[ast.expr] = []
        if isinstance(node, ast.Call):
            shown = [kw.value for kw in node.keywords if kw.arg in CHART_KEYWORDS]
        elif isinstance(node, ast.Dict):
            shown = [
                value
                for key, value in zip(node.keys, node.values, strict=True)
                if isinstance(key, ast.Constant) and key.value in CHART_KEYS
            ]
        elif isinstance(node, ast.FunctionDef):
            args = [*node.args.posonlyargs, *node.args.args]
            named = zip(args[len(args) - len(node.args.defaults) :], node.args.defaults)
            kwonly = zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)
            shown = [
                default
                for arg, default in [*named, *kwonly]
                if default is not None
                and (arg.arg in CHART_KEYWORDS or arg.arg.endswith("_label"))
            ]
        for value in shown:
            if _literal_words(value):
                yield value.lineno, _start(value)


def test_no_hard_coded_text_in_figures() -> None:
    found = []
    for path in FIGURES:
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, literal in chart_literals(tree):
            if (rel, literal) not in CHART_ALLOWED:
                found.append(f"{rel}:{line}: {literal}…")
    assert not found, "Move these texts to wording.py:\n" + "\n".join(found)


def test_the_chart_scan_finds_literals() -> None:
    """The check itself: titles, names, hover words, dict texts and defaults are
    caught; Plotly syntax, symbols, names and wording lookups are not."""
    source = (
        "go.Scatter(name='Training loss')\n"
        "go.Bar(hovertemplate=f'{n}: %{{y}} samples<extra></extra>')\n"
        "layout = {'title': {'text': 'Epoch'}}\n"
        "def f(title='Confusion matrix'): pass\n"
        "go.Heatmap(hovertemplate='%{text}<extra></extra>')\n"
        "go.Scatter(name=f'{name}(z)', text=names[0])\n"
        "layout = {'title': {'text': text.CHART_AXES['epoch']}}\n"
        "go.Scatter(name='h1')\n"
    )
    flagged = {line for line, _ in chart_literals(ast.parse(source))}
    assert flagged == {1, 2, 3, 4}


# Markdown with LaTeX, shown as it is and never formatted: its braces are TeX's.
VERBATIM = {"EXPLAIN", "LEARN_EXPLAIN", "ACT_EXPLAIN", "COMPARE_EXPLAIN"}


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


TEMPLATES = [
    (name, s)
    for name, value in vars(text).items()
    if name.isupper() and not name.startswith("_") and name not in VERBATIM
    for s in _strings(value)
    if "{" in s or "}" in s
]


def test_there_are_templates() -> None:
    assert len(TEMPLATES) > 10


@pytest.mark.parametrize(
    ("name", "template"),
    TEMPLATES,
    ids=[f"{name}-{i}" for i, (name, _) in enumerate(TEMPLATES)],
)
def test_templates_are_well_formed(name: str, template: str) -> None:
    """Every template parses, and its fields are names (no positional ``{}``)."""
    fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    for field in fields:
        assert field.isidentifier(), f"{name}: bad field {{{field}}} in {template!r}"


def test_verbatim_texts_are_never_formatted() -> None:
    """The LaTeX explainers' braces would break ``.format``: nothing formats them."""
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "format"
                and isinstance(node.value, ast.Attribute | ast.Subscript)
            ):
                used = ast.unparse(node.value)
                assert not any(f"text.{name}" in used for name in VERBATIM), used
