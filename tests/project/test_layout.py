"""The engine's shape: no module imports one that imports it back, no area imports one
above it, none grows past what a reader takes in at once, and each framework's knowledge
sits in one entry."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

from livecompare.frameworks import FRAMEWORKS, RUNTIMES

PACKAGE = ROOT / "src/livecompare"
MAX_LINES = 326  # "about 300": runner/run.py's 326
# codes.py is a table, one row per kind of problem, with no logic beside its printer.
TABLES = {"codes.py"}

# The areas, lowest first: a module may import its own area and any area below it, never
# one above. The model (the modules at the top: project, frameworks, options, problems,
# files, cache, safe, pins) knows nothing of the rest. Above it, each edge that the code uses:
# - discovery (which pairs and pages there are) needs the model only;
# - runner (a snippet in a sandboxed worker) needs a Snippet only: a run never depends on
#   how pages are scanned or outputs stored;
# - store (approved outputs, and fresh runs judged against them: store/verify.py) runs
#   snippets again (runner) and selects examples by name (discovery);
# - notebooks carry the approved outputs (store), read the pages (discovery), and execute
#   the walkthroughs in a worker's environment (runner);
# - site (the Markdown extension, the MkDocs hook, the checks the strict build runs)
#   links the pages' notebooks and scripts and renders the walkthroughs (notebooks), and
#   shows the preview run;
# - commands (`python -m livecompare ...`) drive all of them.
AREAS = ["model", "discovery", "runner", "store", "notebooks", "site", "commands"]
# The public names outside the areas, each a few lines that hand over to an area:
# `python -m livecompare`, `livecompare.extension` (mkdocs.yml), `python -m
# livecompare.worker`.
ENTRY_POINTS = {"__main__", "extension", "worker", "worker.__main__"}


def _modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module by its dotted name under the package: "runner.run", "project"."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _targets(name: str, path: Path, node: ast.AST, known: set[str]) -> list[str]:
    """The package's modules that one import statement reads, by dotted name."""
    if isinstance(node, ast.Import):
        wanted = [a.name.removeprefix("livecompare.") for a in node.names
                  if a.name.startswith("livecompare.")]
    elif isinstance(node, ast.ImportFrom) and node.level:
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        base = package[:len(package) - (node.level - 1)]
        stem = base + (node.module.split(".") if node.module else [])
        wanted = [".".join(stem + [a.name]) for a in node.names] + [".".join(stem)]
    elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("livecompare"):
        stem = node.module.split(".")[1:]
        wanted = [".".join(stem + [a.name]) for a in node.names] + [".".join(stem)]
    else:
        return []
    # `from .x import y` reads module x.y if there is one, else module x
    modules = [w for w in wanted if w in known]
    return modules[:-1] if len(modules) > 1 and isinstance(node, ast.ImportFrom) else modules


def _imports(package: Path = PACKAGE) -> dict[str, dict[str, int]]:
    """Each module's imports of the package's own modules, lazy ones included, with the
    line of each."""
    modules = _modules(package)
    graph = {}
    for name, path in modules.items():
        found: dict[str, int] = {}
        for node in ast.walk(ast.parse(path.read_text())):
            for target in _targets(name, path, node, set(modules)):
                found.setdefault(target, node.lineno)
        graph[name] = {t: n for t, n in found.items() if t and t != name and
                       not (path.name == "__init__.py" and t.startswith(name + "."))}
    return graph


def _area(module: str) -> str:
    top = module.split(".")[0]
    return top if top in AREAS else "model"


def _against_the_areas(graph: dict[str, dict[str, int]]) -> list[str]:
    """Each import that runs from an area up to a higher one, as "module, line N: imports
    other (area below area)"."""
    wrong = []
    for module, targets in sorted(graph.items()):
        if module in ENTRY_POINTS:
            continue
        for target, line in sorted(targets.items()):
            if target in ENTRY_POINTS or (
                    AREAS.index(_area(target)) > AREAS.index(_area(module))):
                wrong.append(f"src/livecompare/{module.replace('.', '/')}.py, line {line}: "
                             f"imports {target} ({_area(module)} is below "
                             f"{_area(target)}; move the code down, or pass it in)")
    return wrong


def _cycle(graph) -> list[str]:
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
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if p.name not in TABLES and (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, long


def test_each_framework_names_a_runtime_a_template_and_a_notebook_set_up():
    """That a framework is one entry, with nothing else to edit, is shown by what a third
    one does: tests/commands/test_three_frameworks.py."""
    for framework in FRAMEWORKS.values():
        assert framework.runtime in RUNTIMES and framework.template and framework.notebook_setup


def test_no_area_imports_one_above_it():
    """Lazy imports included: a function that reaches up is a knot all the same."""
    assert _against_the_areas(_imports()) == []


def test_the_area_folders_are_the_areas_listed():
    """A new folder under the package is an area only once AREAS says where it stands."""
    folders = {p.parent.name for p in PACKAGE.glob("*/__init__.py")} - ENTRY_POINTS
    assert folders == set(AREAS) - {"model"}


def test_the_entry_points_only_hand_over():
    """`livecompare.extension`, `-m livecompare.worker` and `-m livecompare` keep their
    public names, and hold nothing but the hand-over."""
    modules = _modules()
    for name in ENTRY_POINTS:
        path = modules[name]
        tree = ast.parse(path.read_text())
        defined = [node for node in ast.walk(tree) if isinstance(
            node, (ast.FunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign))]
        assert defined == [], f"{path.name} holds more than a hand-over"
        assert len(path.read_text().splitlines()) <= 12, path.name


def test_an_import_against_the_areas_is_named_with_its_line(tmp_path):
    """The check itself: a store module that reaches up into the site is caught."""
    package = tmp_path / "livecompare"
    for area in AREAS[1:]:
        (package / area).mkdir(parents=True)
        (package / area / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "project.py").write_text("")
    (package / "site/render.py").write_text("from ..store.manifest import Entry\n")
    (package / "store/manifest.py").write_text(
        "from ..project import Project\n\n\ndef f():\n    from ..site import render\n")
    (package / "commands/cli.py").write_text("from ..runner.run import go\n")
    (package / "runner/run.py").write_text("from livecompare.commands.cli import main\n")
    assert _against_the_areas(_imports(package)) == [
        "src/livecompare/runner/run.py, line 1: imports commands.cli (runner is below "
        "commands; move the code down, or pass it in)",
        "src/livecompare/store/manifest.py, line 5: imports site.render (store is below "
        "site; move the code down, or pass it in)",
    ]
