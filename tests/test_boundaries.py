"""Dependencies flow one way (DESIGN.md section 2): checked by parsing imports."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package -> top-level modules it must never import (at module level or anywhere)
FORBIDDEN = {
    "nn_core": {"streamlit", "plotly", "pandas", "dashboard", "figures", "torch"},
    "figures": {"streamlit", "dashboard"},
}
# Imports allowed only inside a function body (lazy), per module.
LAZY_ONLY = {
    "nn_core": {"sklearn", "dask", "distributed"},
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            yield node, name.split(".")[0]


def _module_level(tree: ast.Module):
    """Import nodes not nested in a function."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
    for node in tree.body:
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if isinstance(current, ast.Import | ast.ImportFrom):
                found.add(id(current))
            stack.extend(ast.iter_child_nodes(current))
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_stay_within_their_line(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package} has no modules"
    crossings = []
    for path in files:
        tree = ast.parse(path.read_text())
        top = _module_level(tree)
        for node, name in _imports(path):
            if name in FORBIDDEN[package]:
                crossings.append(
                    f"{path.relative_to(ROOT)}:{node.lineno} imports {name}"
                )
            if name in LAZY_ONLY.get(package, set()) and id(node) in top:
                crossings.append(
                    f"{path.relative_to(ROOT)}:{node.lineno} imports {name} eagerly"
                )
    assert not crossings, crossings


def test_nn_core_imports_only_numpy_and_the_standard_library():
    import sys

    allowed = {"numpy", "nn_core"} | LAZY_ONLY["nn_core"] | set(sys.stdlib_module_names)
    others = []
    for path in sorted((ROOT / "nn_core").rglob("*.py")):
        for node, name in _imports(path):
            if name not in allowed:
                others.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert not others, others


def test_wording_imports_only_the_standard_library():
    # The words are read by the dashboard and the figures alike: they depend on
    # nothing of the app's, so a translation is one file and no code.
    import sys

    found = {name for _, name in _imports(ROOT / "wording.py")}
    assert found <= set(sys.stdlib_module_names), found
