"""Each page's examples to take away: one notebook and one script per framework, built from
the snippets and their approved outputs.

The site offers them as downloads under the page title. Colab opens notebooks from GitHub
only, so a copy of each notebook is committed under notebooks/; `make notebooks` writes
them and `make test` fails when one differs from what the page would build now.
"""

from __future__ import annotations

import ast
import hashlib
import posixpath
import re
import sys
import textwrap
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import v4

from .discover import code_block_lines, scan_page
from .outputs import compare, explain, read_approved, write_atomically
from .project import FRAMEWORKS, Example, Problem, Project, Snippet, parse_options

NOTEBOOKS = "notebooks"  # under the project root (for Colab) and under the built site
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
ATTRIBUTES = re.compile(r"\s*\{[^}]*\}\s*$")  # attr_list's "{ #anchor }" after a heading

# The package that provides each module a snippet imports, as pyproject.toml names it.
DISTRIBUTIONS = {
    "torch": "torch",
    "torchvision": "torchvision",
    "tensorflow": "tensorflow-cpu",
    "keras": "keras",
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


SEEDING_NEEDS = {"torch": ["torch", "numpy"], "tf": ["tensorflow-cpu", "keras", "numpy"]}
# What the engine's worker does before each snippet (worker.import_framework and
# seed_everything), written out for a notebook or a script.
SEEDING = {
    "torch": textwrap.dedent("""\
        import random

        import numpy as np
        import torch

        torch.set_num_threads(1)


        def reseed(*_):
            random.seed(0)
            np.random.seed(0)
            torch.manual_seed(0)
        """),
    "tf": textwrap.dedent("""\
        import os
        import random

        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # TensorFlow's C++ log lines

        import keras
        import numpy as np
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
        tf.get_logger().setLevel("ERROR")  # CI keeps its log lines out of the outputs


        def reseed(*_):
            keras.backend.clear_session()  # layer names count from 0, as in a new process
            random.seed(0)
            np.random.seed(0)
            keras.utils.set_random_seed(0)  # seeds TensorFlow too
        """),
}


class NotebookError(ValueError):
    """Something a notebook cannot be built from, said as a Problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class PageExamples:
    """The examples one page shows, in page order, each under its nearest heading."""

    page: Path  # the Markdown file
    stem: str  # its path under docs/ without ".md": "graphs", "guide/intro"
    title: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # heading, names

    @property
    def names(self) -> list[str]:
        return [name for _, names in self.sections for name in names]

    def notebook_path(self, framework: str) -> str:
        """Where this page's notebook lives, under notebooks/ and under the site."""
        return f"{NOTEBOOKS}/{FRAMEWORKS[framework].label.lower()}/{self.stem}.ipynb"

    def script_path(self, framework: str) -> str:
        return self.notebook_path(framework).removesuffix(".ipynb") + ".py"


def page_examples(project: Project, page: Path, examples: dict[str, Example]
                  ) -> PageExamples | None:
    """The page's examples and headings, or None when it shows no example."""
    text = page.read_text(encoding="utf-8")
    codes, _ = scan_page(text, project.relative(page), set(examples))
    if not codes:
        return None
    at_line = {code.line: code.name for code in codes}
    stem = page.relative_to(project.pages_dir).with_suffix("").as_posix()
    found = PageExamples(page, stem, stem)
    heading, in_code = "", code_block_lines(text)
    for number, line in enumerate(text.splitlines(), start=1):
        if number in in_code:
            continue
        if match := HEADING.match(line):
            words = ATTRIBUTES.sub("", match.group(2))
            if len(match.group(1)) == 1 and found.title == stem:
                found.title = words
            else:
                heading = words
        elif number in at_line:
            if not found.sections or found.sections[-1][0] != heading:
                found.sections.append((heading, []))
            found.sections[-1][1].append(at_line[number])
    return found


def all_page_examples(project: Project, examples: dict[str, Example]) -> list[PageExamples]:
    pages = (page_examples(project, p, examples) for p in sorted(project.pages_dir.rglob("*.md")))
    return [p for p in pages if p is not None]


# ---------------------------------------------------------------- what to install


def pinned_versions(project: Project) -> dict[str, str] | None:
    """Distribution -> version, from pyproject.toml's extras and the Makefile's tf-keras;
    None for a project without a pyproject.toml (its notebooks install unpinned)."""
    pyproject = project.root / "pyproject.toml"
    if not pyproject.exists():
        return None
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    pins = {}
    for requirements in data["project"].get("optional-dependencies", {}).values():
        for requirement in requirements:
            name, sep, version = requirement.partition("==")
            if sep:
                pins[name.strip()] = version.strip()
    makefile = project.root / "Makefile"
    if makefile.exists():  # tf-keras is installed there, without its dependencies
        for name, version in re.findall(r"(tf-keras)==([\w.]+)", makefile.read_text()):
            pins[name] = version
    return pins


def imported_modules(snippet: Snippet) -> list[tuple[str, int]]:
    """The top-level modules the snippet imports, outside the standard library, with the
    line of the first import of each. A snippet that does not parse imports nothing here:
    snippet_problems reports it, as every command does."""
    try:
        tree = ast.parse(snippet.source(), filename=str(snippet.path))
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


def requirements(project: Project, snippets: list[Snippet], pins: dict[str, str] | None
                 ) -> list[str]:
    """`name==version` for every package the snippets need, as a notebook installs them."""
    needed: set[str] = set()
    for snippet in snippets:  # the seeding cell imports the framework and NumPy
        needed.update(SEEDING_NEEDS[snippet.framework.key])
        for module, line in imported_modules(snippet):
            if module not in DISTRIBUTIONS:
                raise NotebookError(Problem(
                    f"{project.relative(snippet.path)}:{line}", f"imports {module!r}, which "
                    "no notebook knows how to install",
                    fix="add it to DISTRIBUTIONS in src/livecompare/notebooks.py, and its "
                        "pin to pyproject.toml"))
            needed.add(DISTRIBUTIONS[module])
            needed.update(IMPLIED.get((snippet.framework.key, module), []))
    if pins is None:
        return [NOTEBOOK_NAMES.get(name, name) for name in sorted(needed)]
    missing = sorted(needed - set(pins))
    if missing:
        raise NotebookError(Problem(
            "pyproject.toml", f"no pinned version of {', '.join(missing)}",
            fix="add `name==version` to its frameworks extra"))
    return [f"{NOTEBOOK_NAMES.get(name, name)}=={pins[name]}" for name in sorted(needed)]


# ---------------------------------------------------------------- building


def _cell_id(*parts: str) -> str:
    """A stable cell id, so that rebuilding an unchanged page gives the same file."""
    return hashlib.sha1("/".join(parts).encode()).hexdigest()[:12]


def _outputs(snippet: Snippet, manifest: dict[str, dict]) -> list:
    outputs = []
    text = read_approved(snippet)
    if text:
        outputs.append(v4.new_output("stream", name="stdout", text=text))
    for name in manifest.get(snippet.key, {}).get("figures", []):
        path = snippet.figure_path(name)
        if path.exists():
            outputs.append(v4.new_output("display_data", data={
                "image/svg+xml": path.read_text(encoding="utf-8"), "text/plain": name}))
    return outputs


def _provenance(snippets: list[Snippet], manifest: dict[str, dict]) -> str:
    entries = [manifest[s.key] for s in snippets if s.key in manifest]
    if not entries:
        return "No output has been approved yet."
    versions = sorted({" · ".join(f"{m} {v}" for m, v in e["versions"].items())
                       for e in entries})
    pythons = sorted({e["python"] for e in entries})
    dates = sorted(e["verified"] for e in entries)
    span = dates[0] if dates[0] == dates[-1] else f"between {dates[0]} and {dates[-1]}"
    return (f"The output under each cell is the one `make test` checked, made with "
            f"{'; '.join(versions)} on Python {', '.join(pythons)}, verified {span}.")


def build_notebook(project: Project, page: PageExamples, framework: str,
                   examples: dict[str, Example], manifest: dict[str, dict],
                   pins: dict[str, str] | None) -> nbformat.NotebookNode:
    label = FRAMEWORKS[framework].label
    snippets = [examples[name].snippets[framework] for name in page.names
                if framework in examples[name].snippets]
    install = " ".join(requirements(project, snippets, pins))
    cells = [
        v4.new_markdown_cell(
            f"# {page.title}: the {label} examples\n\n"
            f"The {label} side of every example on the page “{page.title}” of the living "
            "TensorFlow-vs-PyTorch comparison, in page order. Each code cell is a "
            "standalone script, the same file the page shows. "
            f"{_provenance(snippets, manifest)} Run a cell to compute it again.\n\n"
            "The next cell installs the versions those outputs were made with (on Colab, "
            "restart the session after it). Skip it to use what you have.",
            id=_cell_id(page.stem, framework, "title")),
        # The tag tells nbclient (the tests) to leave it; Colab and Jupyter run it.
        v4.new_code_cell(f"%pip install --quiet {install}",
                         id=_cell_id(page.stem, framework, "install"),
                         metadata={"tags": ["skip-execution"]}),
        v4.new_markdown_cell(
            "CI runs each snippet in a fresh process, with one thread and every random "
            "generator seeded with 0. The next cell does the same before each cell runs, so "
            "that running a cell gives the numbers shown under it.",
            id=_cell_id(page.stem, framework, "seeding-note")),
        v4.new_code_cell(SEEDING[framework] + "\nget_ipython().events.register(\"pre_run_cell\", "
                         "reseed)", id=_cell_id(page.stem, framework, "seeding")),
    ]
    for heading, names in page.sections:
        if heading:
            cells.append(v4.new_markdown_cell(f"## {heading}",
                                              id=_cell_id(page.stem, framework, heading)))
        for name in names:
            snippet = examples[name].snippets.get(framework)
            if snippet is None:
                continue
            cell = v4.new_code_cell(snippet.display_source().rstrip("\n"),
                                    id=_cell_id(snippet.key),
                                    outputs=_outputs(snippet, manifest))
            cell.metadata["livecompare"] = {"example": name,
                                            "snippet": project.relative(snippet.path)}
            cells.append(cell)
    notebook = v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(notebook)
    return notebook


def build_script(project: Project, page: PageExamples, framework: str,
                 examples: dict[str, Example], pins: dict[str, str] | None) -> str:
    """The same examples as one Python file, in Jupytext's percent format, so editors
    that know `# %%` run it cell by cell."""
    label = FRAMEWORKS[framework].label
    snippets = [examples[name].snippets[framework] for name in page.names
                if framework in examples[name].snippets]
    install = " ".join(requirements(project, snippets, pins))
    parts = [f"# {page.title}: the {label} examples, from the living TensorFlow-vs-PyTorch\n"
             f"# comparison. Each `# %%` cell is a standalone script.\n"
             f"# The outputs on the page were made with: pip install {install}\n",
             "# CI runs each snippet in a fresh process, one thread, seeded with 0:\n"
             + SEEDING[framework]]
    for heading, names in page.sections:
        for name in names:
            snippet = examples[name].snippets.get(framework)
            if snippet is not None:
                title = f"{heading}: {name}" if heading else name
                parts.append(f"# %% {title}\nreseed()\n{snippet.display_source()}")
    return "\n\n".join(parts)


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


def page_downloads(project: Project, examples: dict[str, Example],
                   manifest: dict[str, dict]) -> tuple[list[PageExamples], dict[str, str]]:
    """Every page with examples, and the text of every download: site path -> content."""
    pins = pinned_versions(project)
    pages = all_page_examples(project, examples)
    files: dict[str, str] = {}
    for page in pages:
        for framework in FRAMEWORKS:
            notebook = build_notebook(project, page, framework, examples, manifest, pins)
            files[page.notebook_path(framework)] = notebook_text(notebook)
            files[page.script_path(framework)] = build_script(project, page, framework,
                                                              examples, pins)
    return pages, files


# ---------------------------------------------------------------- the committed copies


def write_notebooks(project: Project, examples: dict[str, Example],
                    manifest: dict[str, dict]) -> list[str]:
    """Write the notebooks that changed; returns what it did, one line each. A notebook
    that no page builds any more is reported, not deleted: the user may have put it there."""
    _, files = page_downloads(project, examples, manifest)
    wanted = {project.root / path: text for path, text in files.items()
              if path.endswith(".ipynb")}
    done = []
    for path, text in sorted(wanted.items()):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            done.append(("new" if not path.exists() else "updated") + ": "
                        + project.relative(path))
            write_atomically(path, text)
    return done


def _first_difference(project: Project, page: PageExamples, committed: str,
                      wanted: str) -> str:
    """Where the page and the committed notebook part ways, said as the contributor's
    file: a snippet, or a heading with its line on the page."""
    try:
        before = nbformat.reads(committed, as_version=4).cells
    except Exception:  # noqa: BLE001 - any unreadable file gets the same answer
        return "it is not a readable notebook"
    page_path = project.relative(page.page)
    for number, cell in enumerate(nbformat.reads(wanted, as_version=4).cells):
        old = before[number] if number < len(before) else None
        if old is not None and (old.source, old.get("outputs")) == (cell.source,
                                                                     cell.get("outputs")):
            continue
        origin = cell.metadata.get("livecompare")
        if origin:
            what = "code" if old is None or old.source != cell.source else "approved output"
            return f"{origin['snippet']}: its {what} changed"
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            words = cell.source[3:]
            lines = page.page.read_text(encoding="utf-8").splitlines()
            line = next((n for n, text in enumerate(lines, start=1)
                         if (m := HEADING.match(text)) and ATTRIBUTES.sub("", m[2]) == words),
                        None)
            return f"{page_path}{f':{line}' if line else ''}: the heading {words!r}"
        return f"{page_path}: its title, the packages it needs, or its outputs' versions"
    return f"{page_path}: an example or a heading left the page"


def notebook_problems(project: Project, examples: dict[str, Example],
                      manifest: dict[str, dict]) -> list[Problem]:
    """Committed notebooks that differ from what the pages build now, or that no page
    builds any more."""
    try:
        pages, files = page_downloads(project, examples, manifest)
    except NotebookError as error:
        return [error.problem]
    fix = "run `make notebooks` (`make outputs` does it too), then commit notebooks/"
    problems, wanted = [], set()
    for page in pages:
        for framework in FRAMEWORKS:
            relative = page.notebook_path(framework)
            path, text = project.root / relative, files[relative]
            wanted.add(path)
            if not path.exists():
                problems.append(Problem(relative, "missing notebook", fix=fix))
            elif (committed := path.read_text(encoding="utf-8")) != text:
                problems.append(Problem(
                    relative, "out of date: its page, snippets or outputs changed since it "
                    "was written", fix=fix,
                    details="first difference: " + _first_difference(project, page,
                                                                      committed, text)))
    for path in sorted((project.root / NOTEBOOKS).rglob("*.ipynb")):
        if path not in wanted:
            problems.append(Problem(project.relative(path), "no page builds this notebook "
                                    "any more", fix="delete it if `make notebooks` wrote it"))
    return problems


# ---------------------------------------------------------------- running them again

# Examples whose output in a notebook cannot match the page's, and why. The test that runs
# the notebooks checks that these still run, and still differ.
NOTEBOOK_DIFFERS = {
    "debugging/breakpoint": "pdb names the notebook cell instead of the snippet file, and "
                            "IPython colours its lines",
}


def printed(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.output_type == "stream" and o.name == "stdout")


def rerun_problems(project: Project, path: Path, fresh: nbformat.NotebookNode
                   ) -> tuple[list[Problem], set[str]]:
    """Cells of a page notebook, run again in one kernel from top to bottom, that failed
    or printed something other than the approved output the committed notebook shows;
    and the examples that printed something else."""
    committed = {cell.id: cell for cell in nbformat.read(path, as_version=4).cells}
    where = project.relative(path)
    problems, differed = [], set()
    for cell in fresh.cells:
        origin = cell.metadata.get("livecompare", {})
        example = origin.get("example", "")
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if errors:
            problems.append(Problem(where, f"a cell failed: {errors[0].ename}: "
                                    f"{errors[0].evalue}", example=example or "setup cell",
                                    details="\n".join(errors[0].traceback)))
            continue
        if not origin:
            continue
        snippet = project.root / origin["snippet"]
        approved, again = printed(committed[cell.id]), printed(cell)
        mismatches = compare(approved, again, parse_options(snippet, snippet.read_text()))
        if mismatches:
            differed.add(example)
            if example not in NOTEBOOK_DIFFERS:
                problems.append(Problem(
                    where, "run in the notebook, the cell prints something other than the "
                    "page shows", example=example,
                    details=explain(approved, again, mismatches, origin["snippet"]),
                    fix="an earlier cell may leave state behind (a global setting, a file); "
                        "make the snippet independent of it, or list the example in "
                        "NOTEBOOK_DIFFERS in src/livecompare/notebooks.py with the reason"))
    return problems, differed


# ---------------------------------------------------------------- links on the page


def branch_of(edit_uri: str | None) -> str:
    """The branch in MkDocs' edit_uri ("edit/main/docs/"), or main."""
    branch = re.match(r"^(?:edit|blob)/([^/]+)/", edit_uri or "")
    return branch[1] if branch else "main"


def colab_url(repo_url: str | None, edit_uri: str | None, path: str) -> str | None:
    """Colab's address for a notebook committed to a GitHub repository, or None."""
    match = re.match(r"^https://github\.com/([^/]+)/([^/#?]+?)(?:\.git)?/?$", repo_url or "")
    if not match:
        return None
    return (f"https://colab.research.google.com/github/{match[1]}/{match[2]}/blob/"
            f"{branch_of(edit_uri)}/{path}")


def downloads_bar(page: PageExamples, page_src: str, colab: dict[str, str | None]) -> str:
    """The Markdown line under a page's title: notebook, script and Colab per framework."""
    here = posixpath.dirname(page_src)
    parts = []
    for framework, fw in FRAMEWORKS.items():
        notebook = posixpath.relpath(page.notebook_path(framework), here or ".")
        script = posixpath.relpath(page.script_path(framework), here or ".")
        links = [f"[notebook]({notebook}){{ download }}", f"[script]({script}){{ download }}"]
        if colab.get(framework):
            links.append(f"[open in Colab]({colab[framework]})")
        parts.append(f"**{fw.label}**: " + " · ".join(links))
    return ('<div class="compare-downloads" markdown>\n\nThis page\'s examples to take away: '
            + "; ".join(parts) + ".\n\n</div>\n")
