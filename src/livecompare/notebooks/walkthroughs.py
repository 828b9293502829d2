"""The walkthroughs: Jupytext scripts under walkthroughs/, executed into notebooks under
docs/walkthroughs/, which mkdocs-jupyter renders with their outputs.

`make walkthroughs` executes them; `make test` executes them again, compares the outputs
with the committed ones, and checks that each notebook was made from its current script.
Executing needs the frameworks, jupytext, nbclient and ipykernel; the checks of the
committed files need only jupytext and nbformat (both come with the docs tools).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import nbformat

from ..files import write_atomically
from ..problems import Problem
from ..project import Project
from ..runner.run import worker_environment
from ..store.compare import compare, explain
from .execute import printed

SOURCES = "walkthroughs"  # Jupytext percent scripts, under the project root
STALE_FIX = "run `make walkthroughs NAMES={name}`, then commit the notebook"
TIMEOUT = 600  # seconds for one cell


def sources(project: Project) -> list[Path]:
    return sorted((project.root / SOURCES).glob("*.py"))


def notebook_path(project: Project, source: Path) -> Path:
    return project.pages_dir / SOURCES / f"{source.stem}.ipynb"


def _cells(notebook) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells]


def _read_cells(path: Path) -> list[tuple[str, str]] | None:
    try:
        return _cells(nbformat.read(path, as_version=4))
    except Exception:  # noqa: BLE001 - any unreadable file gets the same answer
        return None


# What a walkthrough's outputs may hold: mkdocs-jupyter shows these as text or a picture.
# Anything else (text/html, image/svg+xml, JavaScript) would reach the page as markup;
# make test compares only the printed text, so such an output could be edited by hand.
SAFE_OUTPUTS = {"text/plain", "image/png", "image/jpeg"}


def _rendered_as_html(path: Path) -> tuple[int, str] | None:
    """The first code cell (1-based) whose output the page would render as markup."""
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code, start=1):
        for output in cell.get("outputs", []):
            kinds = set(output.get("data", {})) - SAFE_OUTPUTS
            if kinds:
                return number, sorted(kinds)[0]
    return None


def read_source(source: Path) -> nbformat.NotebookNode:
    import jupytext

    return jupytext.read(source)


def execute_notebook(notebook: nbformat.NotebookNode, timeout: int = TIMEOUT,
                     allow_errors: bool = False, kernels: str | None = None
                     ) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel, in an empty folder, with the engine's environment
    (CPU only, quiet TensorFlow, fixed hash seed, one thread per library). Cells tagged
    `skip-execution` (the install lines) are left alone. Unless errors are allowed (then
    they become outputs), a failing cell stops the run and raises nbclient's
    CellExecutionError, which shows the cell and the traceback. `kernels` names a CPU
    kernel family to run in (runner/cpu_families.py)."""
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory(prefix="livecompare-notebook-") as folder:
        client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                record_timing=False, allow_errors=allow_errors,
                                resources={"metadata": {"path": folder}})
        client.execute(env=worker_environment(kernels))
    return notebook


# TensorFlow's C++ runtime logs a few lines at start-up whatever TF_CPP_MIN_LOG_LEVEL says
# ("All log messages before absl::InitializeLog() ...", "I0000 00:00:... port.cc:153]
# oneDNN ..."). They carry a timestamp, so they would change the notebook on every run.
RUNTIME_LOG_LINE = re.compile(r"^(?:[IWEF]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ \S+:\d+\] .*"
                              r"|WARNING: All log messages before absl::InitializeLog\(\).*)$")


def _drop_runtime_logs(notebook: nbformat.NotebookNode) -> None:
    for cell in notebook.cells:
        kept = []
        for output in cell.get("outputs", []):
            if output.output_type == "stream" and output.name == "stderr":
                lines = [line for line in output.text.splitlines(keepends=True)
                         if not RUNTIME_LOG_LINE.match(line.rstrip("\n"))
                         and not line.startswith("To enable the following instructions")]
                if not lines:
                    continue
                output.text = "".join(lines)
            kept.append(output)
        if cell.cell_type == "code":
            cell.outputs = kept


def _merge_streams(notebook: nbformat.NotebookNode) -> None:
    """One output per run of stdout (or stderr) text: the kernel splits a stream into
    chunks by timing, which would change the file from one run to the next."""
    for cell in notebook.cells:
        merged = []
        for output in cell.get("outputs", []):
            last = merged[-1] if merged else None
            if (output.output_type == "stream" and last is not None
                    and last.output_type == "stream" and last.name == output.name):
                last.text += output.text
            else:
                merged.append(output)
        if cell.cell_type == "code":
            cell.outputs = merged


def execute_walkthrough(source: Path, kernels: str | None = None) -> nbformat.NotebookNode:
    notebook = read_source(source)
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"  # Jupytext draws random ids: a re-run would change them all
    notebook = execute_notebook(notebook, kernels=kernels)
    notebook.metadata.pop("jupytext", None)  # the text format's settings, not the notebook's
    _drop_runtime_logs(notebook)
    _merge_streams(notebook)
    return notebook


def write_walkthrough(project: Project, source: Path) -> Path:
    notebook = execute_walkthrough(source)
    path = notebook_path(project, source)
    write_atomically(path, nbformat.writes(notebook) + "\n")
    return path


def walkthrough_problems(project: Project) -> list[Problem]:
    """Notebooks missing, made from an older script, or left without a script."""
    problems = []
    wanted = {notebook_path(project, source): source for source in sources(project)}
    for path, source in wanted.items():
        fix = STALE_FIX.format(name=source.stem)
        if not path.exists():
            problems.append(Problem(project.relative(path), "LC610", "missing: the walkthrough "
                                    f"{project.relative(source)} was never executed", fix=fix))
        elif (cells := _read_cells(path)) is None:
            problems.append(Problem(project.relative(path), "LC610", "not a readable notebook (cut "
                                    "short, or edited by hand)", fix=fix))
        elif cells != _cells(read_source(source)):
            problems.append(Problem(project.relative(path), "LC610", "made from an older "
                                    f"{project.relative(source)}", fix=fix))
        elif unsafe := _rendered_as_html(path):
            problems.append(Problem(
                project.relative(path), "LC612", f"code cell {unsafe[0]}: an output of type "
                f"{unsafe[1]}, which the site would put into the page as it is (HTML or "
                "script)", fix=f"show it as printed text or a PNG; then {fix}"))
    folder = project.pages_dir / SOURCES
    for path in sorted(folder.glob("*.ipynb")) if folder.exists() else []:
        if path not in wanted:
            problems.append(Problem(project.relative(path), "LC613", "no walkthroughs/*.py makes "
                                    "this notebook", fix="delete it, or restore its script"))
    return problems


def output_problems(project: Project, source: Path, fresh: nbformat.NotebookNode
                    ) -> list[Problem]:
    """Where a fresh run's printed output differs from the committed notebook's."""
    path = notebook_path(project, source)
    committed = nbformat.read(path, as_version=4)
    problems = []
    pairs = zip([c for c in committed.cells if c.cell_type == "code"],
                [c for c in fresh.cells if c.cell_type == "code"], strict=True)
    for number, (old, new) in enumerate(pairs, start=1):
        approved, again = printed(old), printed(new)
        mismatches = compare(approved, again)
        if mismatches:
            problems.append(Problem(
                project.relative(path), "LC611",
                f"code cell {number}: a fresh run prints something else",
                details=explain(approved, again, mismatches, f"code cell {number}"),
                fix=f"if the new output is right, run `make walkthroughs NAMES={source.stem}`"))
    return problems
