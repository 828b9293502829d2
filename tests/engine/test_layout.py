"""The engine's shape: no module imports one that imports it back, none grows past what a
reader takes in at once, and each framework's knowledge sits in one entry."""

from __future__ import annotations

import ast

from conftest import ROOT

from livecompare.frameworks import FRAMEWORKS, RUNTIMES

PACKAGE = ROOT / "src/livecompare"
# codes.py is a table, one row per kind of problem, with no logic beside its printer.
TABLES = {"codes.py"}
MAX_LINES = 330  # "about 300"; port_weights.py, shown on the Porting page, reads as one


def _imports() -> dict[str, set[str]]:
    """Each module's imports of the package's own modules, lazy ones included."""
    graph = {}
    for path in PACKAGE.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module.split(".")[0]} if node.module else {
                    alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "livecompare."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names
                          if a.name.startswith("livecompare.")}
        graph[path.stem] = found - {path.stem}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> list[str]:
        state[module] = "open"
        for other in sorted(graph.get(module, ())):
            if state.get(other) == "open":
                return path + [module, other]
            if other not in state and (found := visit(other, path + [module])):
                return found
        state[module] = "done"
        return []

    for module in sorted(graph):
        if module not in state and (found := visit(module, [])):
            return found
    return []


def test_the_import_graph_has_no_circle():
    assert _cycle(_imports()) == []


def test_the_circle_finder_finds_one():
    assert _cycle({"cli": {"live"}, "live": {"cli"}}) == ["cli", "live", "cli"]


def test_no_module_is_over_about_300_lines():
    long = {p.name: n for p in PACKAGE.glob("*.py") if p.name not in TABLES
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, long


def test_each_framework_is_one_entry_and_names_a_runtime():
    for framework in FRAMEWORKS.values():
        assert framework.runtime in RUNTIMES and framework.template and framework.notebook_setup
    source = "".join(p.read_text() for p in PACKAGE.glob("*.py") if p.name != "frameworks.py")
    assert '["torch", "tf"]' not in source and "RUNTIME_MODULES" not in source
