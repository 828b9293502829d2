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

from .compare import compare, explain
from .files import write_atomically
from .notebook_run import printed
from .problems import Problem
from .project import Project
from .run import worker_environment

SOURCES = "walkthroughs"  # Jupytext percent scripts, under the project root
TIMEOUT = 600  # seconds for one cell
STALE_FIX = "run `make walkthroughs NAMES={name}`, then commit the notebook"


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
    kernel family to run in (kernels.py)."""
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
            problems.append(Problem(project.relative(path), "missing: the walkthrough "
                                    f"{project.relative(source)} was never executed", fix=fix))
        elif (cells := _read_cells(path)) is None:
            problems.append(Problem(project.relative(path), "not a readable notebook (cut "
                                    "short, or edited by hand)", fix=fix))
        elif cells != _cells(read_source(source)):
            problems.append(Problem(project.relative(path), "made from an older "
                                    f"{project.relative(source)}", fix=fix))
        elif unsafe := _rendered_as_html(path):
            problems.append(Problem(
                f"{project.relative(path)}: code cell {unsafe[0]}", f"an output of type "
                f"{unsafe[1]}, which the site would put into the page as it is (HTML or "
                "script)", fix=f"show it as printed text or a PNG; then {fix}"))
    folder = project.pages_dir / SOURCES
    for path in sorted(folder.glob("*.ipynb")) if folder.exists() else []:
        if path not in wanted:
            problems.append(Problem(project.relative(path), "no walkthroughs/*.py makes "
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
                f"{project.relative(path)}: code cell {number}",
                "a fresh run prints something else",
                details=explain(approved, again, mismatches, f"code cell {number}"),
                fix=f"if the new output is right, run `make walkthroughs NAMES={source.stem}`"))
    return problems


# ------------------------------------------------------------- one page, both frameworks
#
# `<!-- compare-walkthrough: digits -->` on a page becomes the whole task, step by step,
# each step in the site's linked "PyTorch" / "TensorFlow" tabs: the prose, code, printed
# output and pictures of docs/walkthroughs/digits_pytorch.ipynb and
# digits_tensorflow.ipynb, as executed. The Markdown extension expands it, so any builder
# that renders the site's examples renders this page too; no notebook plugin is needed.

WALKTHROUGH_SHORTCODE = re.compile(
    r"^[ \t]*<!--\s*compare-walkthrough:\s*(?P<name>\S+)\s*-->[ \t]*$")
# The tab label, and the notebook's suffix: digits_pytorch.ipynb, digits_tensorflow.ipynb.
WALKTHROUGH_TABS = (("PyTorch", "pytorch"), ("TensorFlow", "tensorflow"))
STEP_HEADING = re.compile(r"^##[ \t]+(?P<title>.+?)[ \t]*#*[ \t]*$")
STEP_NUMBER = re.compile(r"^(\d+)\.\s")
SET_UP = "Set-up"  # the heading of the cells before a notebook's first step
TRAILING_WORDS = {"with", "the", "and", "of", "in", "to", "for", "a"}


class _Section:
    def __init__(self, title: str):
        self.title = title
        self.cells: list = []


def _sections(notebook) -> list[_Section]:
    """A notebook cut at its `## ` headings. Before the first one, the title and the
    introduction (which speak of the notebook itself) are left out; its code stays."""
    sections = [_Section(SET_UP)]
    for cell in notebook.cells:
        text = cell.source.strip()
        first = text.splitlines()[0] if text else ""
        if cell.cell_type == "markdown" and (heading := STEP_HEADING.match(first)):
            sections.append(_Section(heading["title"]))
            rest = text.split("\n", 1)[1].strip() if "\n" in text else ""
            if rest:
                sections[-1].cells.append(("markdown", rest, cell))
        elif cell.cell_type == "code":
            sections[-1].cells.append(("code", text, cell))
        elif cell.cell_type == "markdown" and len(sections) > 1:
            sections[-1].cells.append(("markdown", text, cell))
    return [s for s in sections if s.cells]


def _key(section: _Section, position: int) -> str:
    """How a step is matched across the notebooks: its number ("3"), else its title."""
    number = STEP_NUMBER.match(section.title)
    return number[1] if number else section.title.casefold()


def _shared_title(titles: list[str]) -> str:
    """One heading for a step both notebooks name alike: the same title, or the words
    they share at the start ("What to compare with the PyTorch walkthrough" and "... the
    TensorFlow walkthrough" give "What to compare")."""
    if len(set(titles)) == 1:
        return titles[0]
    words = [t.split() for t in titles]
    shared = []
    for column in zip(*words, strict=False):
        if len(set(column)) > 1:
            break
        shared.append(column[0])
    while shared and shared[-1].lower() in TRAILING_WORDS:
        shared.pop()
    return " ".join(shared) or titles[0]


def _one_to_one(cut: list[list[_Section]]) -> bool:
    """Whether the notebooks' steps pair by position: as many in each, and at each
    position the same number, or no number in any (a closing "What to compare with the
    TensorFlow walkthrough" beside "... with the PyTorch walkthrough")."""
    if len({len(sections) for sections in cut}) != 1:
        return False
    for column in zip(*cut, strict=True):
        keys = {_key(section, 0) for section in column}
        numbered = [STEP_NUMBER.match(section.title) for section in column]
        if len(keys) > 1 and any(numbered):
            return False
    return True


def pair_steps(notebooks: list) -> tuple[list[tuple[str, list[_Section | None]]], list[str]]:
    """The steps of the notebooks side by side: by position where both have the same
    steps, else by number or title. Returns (title, one section per notebook or None)
    and the titles of steps only some notebooks have."""
    cut = [_sections(nb) for nb in notebooks]
    keyed = [{_key(s, i): s for i, s in enumerate(sections)} for sections in cut]
    order: list[str] = []
    for sections in cut:
        for i, section in enumerate(sections):
            if (key := _key(section, i)) not in order:
                order.append(key)
    if _one_to_one(cut):
        rows = [list(column) for column in zip(*cut, strict=True)]
    else:
        rows = [[k.get(key) for k in keyed] for key in order]
    steps, unpaired = [], []
    for row in rows:
        titles = [s.title for s in row if s is not None]
        if len(titles) < len(row):
            unpaired.append(titles[0])
        steps.append((_shared_title(titles), row))
    return steps, unpaired


def _first_sentence(text: str) -> str:
    """The start of a Markdown cell, as plain text: up to the first colon or full stop."""
    plain = re.sub(r"`([^`]*)`", r"\1", " ".join(text.split()))
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", plain).replace("**", "").replace("*", "")
    return re.split(r"(?<=[a-z0-9)])[.:](?:\s|$)", plain, maxsplit=1)[0].strip()


def _output_markdown(cell, alt: str | None, where: str,
                     problems: list[Problem]) -> list[str]:
    import base64
    import html

    parts = []
    for output in cell.get("outputs", []):
        kind = output.output_type
        text = ""
        if kind == "stream" and output.name == "stdout":
            text = output.text
        elif kind in ("display_data", "execute_result"):
            data = output.get("data", {})
            if "image/png" in data:
                if not alt:
                    problems.append(Problem(where, "a picture with no description",
                                            fix="say what the picture shows in a Markdown "
                                                "cell just before the code that draws it"))
                png = "".join(data["image/png"].split())
                base64.b64decode(png, validate=True)  # a broken picture fails here
                parts.append(f'<figure class="walkthrough-figure" markdown="0"><img alt="'
                             f'{html.escape(alt or "")}" src="data:image/png;base64,{png}">'
                             "</figure>")
                continue
            text = data.get("text/plain", "")
        elif kind == "error":
            text = "\n".join(output.get("traceback", []))
        if text.strip():
            text = text if text.endswith("\n") else text + "\n"
            from .render import _fence

            fence = _fence(text)
            parts.append(f'{fence} {{ .text .output title="Output" }}\n{text}{fence}')
    return parts


def _tab_markdown(section: _Section, shown_as: str, problems: list[Problem]) -> str:
    from .render import _fence

    parts = []
    last_prose = None
    for kind, text, cell in section.cells:
        if kind == "markdown":
            parts.append(text)
            last_prose = text
            continue
        fence = _fence(text)
        parts.append(f"{fence}python\n{text}\n{fence}")
        alt = _first_sentence(last_prose) if last_prose else None
        parts += _output_markdown(cell, alt, f"{shown_as}, step {section.title!r}", problems)
        last_prose = None
    return "\n\n".join(parts)


def walkthrough_markdown(project: Project, name: str, page: str
                         ) -> tuple[str, list[Problem]]:
    """The Markdown for a walkthrough: each step a heading, then linked tabs."""
    import textwrap

    notebooks, problems = [], []
    for _, suffix in WALKTHROUGH_TABS:
        path = project.pages_dir / SOURCES / f"{name}_{suffix}.ipynb"
        try:
            notebooks.append(nbformat.read(path, as_version=4))
        except (OSError, ValueError) as error:  # missing, cut short, not JSON
            return "", [Problem(page, f"walkthrough {name!r}: cannot read "
                                f"{project.relative(path)} ({type(error).__name__})",
                                fix=STALE_FIX.format(name=f"{name}_{suffix}"))]
    steps, unpaired = pair_steps(notebooks)
    for title in unpaired:
        problems.append(Problem(page, f"walkthrough {name!r}: the step {title!r} is in only "
                                "one of the notebooks",
                                fix="give both scripts under walkthroughs/ the same steps, "
                                    "with the same numbered ## headings"))
    blocks = []
    for title, row in steps:
        tabs = []
        for (label, suffix), section in zip(WALKTHROUGH_TABS, row, strict=True):
            shown = f"{SOURCES}/{name}_{suffix}.ipynb"
            body = (_tab_markdown(section, shown, problems) if section is not None
                    else f"*The {label} notebook has no such step.*")
            tabs.append(f'=== "{label}"\n\n' + textwrap.indent(body, "    ") + "\n")
        blocks.append(f"## {title}\n\n" f'<div class="walkthrough-step" markdown>\n\n'
                      + "\n".join(tabs) + "\n</div>\n")
    return "\n".join(blocks), problems


def expand_walkthroughs(markdown: str, page: str, project: Project
                        ) -> tuple[str, list[Problem]]:
    """Each `<!-- compare-walkthrough: NAME -->` line of a page, expanded."""
    from .pages import code_block_lines

    in_code = code_block_lines(markdown)
    lines = markdown.splitlines(keepends=True)
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        if number in in_code or not (match := WALKTHROUGH_SHORTCODE.match(line)):
            continue
        block, found = walkthrough_markdown(project, match["name"], f"{page}:{number}")
        problems += found
        lines[number - 1] = block
    return "".join(lines), problems
