"""Pins, in one home: requirements/*.txt, which pyproject.toml's extras, the Makefile
(tf-keras, installed without its dependencies), each page notebook's install cell and the
tests all read. And which package provides each module a snippet imports.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

from .frameworks import FRAMEWORKS
from .problems import At, Problem

PINS = "requirements"  # the folder, under the project root
NPM_PINS = "node/package.json"  # the npm packages that examples run in Node.js
# `require("name")` in a snippet's JavaScript; relative paths and Node's own modules
# ("fs", "node:fs") need no package.
REQUIRE = re.compile(r"""require\(\s*["']([^"'./][^"']*)["']\s*\)""")
NODE_BUILTINS = {"assert", "buffer", "child_process", "crypto", "events", "fs", "os",
                 "path", "process", "stream", "url", "util", "zlib"}
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s#;]+)")

# The package that provides each module a snippet imports, as requirements/ names it.
DISTRIBUTIONS = {
    **{module: name for fw in FRAMEWORKS.values() for module, name in fw.distributions.items()},
    "numpy": "numpy",
    "tqdm": "tqdm",
    "sklearn": "scikit-learn",
    "onnx": "onnx",
    "onnxscript": "onnxscript",
    "onnxruntime": "onnxruntime",
    "tf2onnx": "tf2onnx",
    "ai_edge_litert": "ai-edge-litert",
    "executorch": "executorch",
    "tensorboard": "tensorboard",
    "tensorflow_probability": "tensorflow-probability",
    "lightning": "lightning",
    "pydot": "pydot",
    "matplotlib": "matplotlib",
}
# Packages a framework loads for a module without the snippet importing them.
IMPLIED = {
    ("tf", "onnx"): ["tf2onnx"],  # Keras exports ONNX through tf2onnx
    ("tf", "onnxruntime"): ["tf2onnx"],
    ("torch", "onnx"): ["onnxscript"],  # torch.onnx.export(dynamo=True)
    ("torch", "onnxruntime"): ["onnxscript", "onnx"],
    ("tf", "tensorflow_probability"): ["tf-keras"],
}
# The CPU-only wheel suits CI; a notebook may run where a GPU is, so it names the full one.
NOTEBOOK_NAMES = {"tensorflow-cpu": "tensorflow"}


class NotebookError(ValueError):
    """Something a notebook cannot be built from, said as a Problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read_pins(path: Path) -> dict[str, str]:
    """name -> version, from one requirements file's `name==version` lines."""
    return {m[1]: m[2] for line in path.read_text(encoding="utf-8").splitlines()
            if (m := PIN.match(line))}


def pinned_versions(root: Path) -> dict[str, str] | None:
    """Every pin of the project; None for a project without requirements/ (its notebooks
    install unpinned)."""
    folder = root / PINS
    if not folder.is_dir():
        return None
    pins: dict[str, str] = {}
    for path in sorted(folder.glob("*.txt")):
        pins.update(read_pins(path))
    return pins


def imported_modules(source: str, filename: str) -> list[tuple[str, int]]:
    """The top-level modules a script imports, outside the standard library, with the line
    of the first import of each. A script that does not parse imports nothing here:
    its snippet's fault says so, as every command does."""
    try:
        tree = ast.parse(source, filename=filename)
    except (SyntaxError, ValueError):
        return []
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names:
                found[top] = min(found.get(top, node.lineno), node.lineno)
    return sorted(found.items())


def requirements(project, snippets: list, pins: dict[str, str] | None) -> list[str]:
    """`name==version` for every package the snippets need, as a notebook installs them."""
    needed: set[str] = set()
    for snippet in snippets:  # the seeding cell imports the framework and NumPy
        needed.update(snippet.framework.notebook_needs)
        for module, line in imported_modules(snippet.source(), str(snippet.path)):
            if module not in DISTRIBUTIONS:
                raise NotebookError(Problem(
                    At(project.relative(snippet.path), line), "LC604", f"imports {module!r}, which "
                    "no notebook knows how to install",
                    fix=f"add it to DISTRIBUTIONS in src/livecompare/pins.py, and its pin to "
                        f"{PINS}/frameworks.txt"))
            needed.add(DISTRIBUTIONS[module])
            needed.update(IMPLIED.get((snippet.framework.key, module), []))
    if pins is None:
        return [NOTEBOOK_NAMES.get(name, name) for name in sorted(needed)]
    missing = sorted(needed - set(pins))
    if missing:
        raise NotebookError(Problem(
            f"{PINS}/", "LC605", f"no pinned version of {', '.join(missing)}",
            fix=f"add `name==version` to {PINS}/frameworks.txt"))
    return [f"{NOTEBOOK_NAMES.get(name, name)}=={pins[name]}" for name in sorted(needed)]


def npm_requirements(project, snippets: list) -> list[str]:
    """`name@version` for every npm package the snippets' JavaScript requires, as
    node/package.json pins it, for a notebook to install beside itself."""
    needed: dict[str, At] = {}  # package -> where it is first required
    for snippet in snippets:
        for number, line in enumerate(snippet.source().splitlines(), start=1):
            for name in REQUIRE.findall(line):
                if not name.startswith("node:") and name not in NODE_BUILTINS:
                    needed.setdefault(name, At(project.relative(snippet.path), number))
    if not needed:
        return []
    path = project.root / NPM_PINS
    if not path.is_file():
        where = next(iter(needed.values()))
        raise NotebookError(Problem(
            where, "LC608", f"requires npm packages, and there is no {NPM_PINS} to pin them",
            fix=f"write {NPM_PINS} with exact versions in its dependencies"))
    try:
        pins = json.loads(path.read_text(encoding="utf-8")).get("dependencies", {})
    except (ValueError, AttributeError) as error:  # not JSON, or not an object
        line = getattr(error, "lineno", 1)
        raise NotebookError(Problem(
            At(NPM_PINS, line), "LC607", f"is not a JSON object with `dependencies`: {error}",
            fix=f"repair {NPM_PINS}, or restore it with `git checkout {NPM_PINS}`")) from None
    for name, where in needed.items():
        if name not in pins:
            raise NotebookError(Problem(
                where, "LC606", f"requires the npm package {name!r}, which {NPM_PINS} does not pin",
                fix=f"add it to {NPM_PINS} with an exact version, then run `npm install "
                    "--package-lock-only` in node/"))
    return [f"{name}@{pins[name]}" for name in sorted(needed)]
