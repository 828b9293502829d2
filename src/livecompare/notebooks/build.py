"""Each page's examples to take away: one notebook and one script per framework, built from
the snippets and their approved outputs, so a notebook shows the page's outputs before
anything runs.

They are committed under docs/notebooks/ (sync.py writes and checks them), so that every
builder publishes them and Colab opens them from the repository; the Markdown extension
links them under each page's title (site/downloads_bar.py). Building them is pure: the
same page, snippets, outputs and pins give the same bytes, so `make check` can tell a
stale one.
"""

from __future__ import annotations

import hashlib
import re

import nbformat
from nbformat import v4

from ..discovery.page_examples import PageExamples, all_page_examples
from ..frameworks import FRAMEWORKS
from ..pins import NotebookError, npm_requirements, pinned_versions, requirements
from ..project import Example, Project, Snippet
from ..safe import html_text
from ..store.approved import approved_figures, read_approved, read_figure
from ..store.manifest import Manifest

__all__ = ["NotebookError", "branch_of", "build_notebook", "build_script", "colab_url",
           "page_downloads"]


def _cell_id(*parts: str) -> str:
    """A stable cell id, so that rebuilding an unchanged page gives the same file."""
    return hashlib.sha1("/".join(parts).encode()).hexdigest()[:12]


def _outputs(snippet: Snippet, manifest: Manifest) -> list:
    outputs = []
    text = read_approved(snippet)
    if text:
        outputs.append(v4.new_output("stream", name="stdout", text=text))
    for name in approved_figures(snippet, manifest):
        svg = read_figure(snippet.figure_path(name))  # unreadable: figure_problems says so
        if svg is not None:
            outputs.append(v4.new_output("display_data", data={
                "image/svg+xml": svg, "text/plain": name}))
    return outputs


def _provenance(snippets: list[Snippet], manifest: Manifest) -> str:
    entries = [manifest[s.key] for s in snippets if s.key in manifest]
    if not entries:
        return "No output has been approved yet."
    # Jupyter renders a Markdown cell's HTML: the manifest's fields go in escaped.
    versions = sorted({" · ".join(f"{html_text(m)} {html_text(v)}"
                                  for m, v in e.versions.items()) for e in entries})
    pythons = sorted({html_text(e.python) for e in entries})
    dates = sorted(html_text(e.verified) for e in entries)
    span = dates[0] if dates[0] == dates[-1] else f"between {dates[0]} and {dates[-1]}"
    return (f"The output under each cell is the one `make test` checked, made with "
            f"{'; '.join(versions)} on Python {', '.join(pythons)}, verified {span}.")


def _install_lines(project: Project, snippets: list[Snippet],
                   pins: dict[str, str] | None) -> str:
    """The install cell: pip's packages, and the npm packages of the examples that run in
    Node.js, into ./node_modules, where those examples look when NODE_PATH is not set."""
    lines = [f"%pip install --quiet {' '.join(requirements(project, snippets, pins))}"]
    if npm := npm_requirements(project, snippets):
        lines.append("!npm install --prefix . --no-save --ignore-scripts --no-audit "
                     f"--no-fund --loglevel=error {' '.join(npm)}")
    return "\n".join(lines)


def build_notebook(project: Project, page: PageExamples, framework: str,
                   examples: dict[str, Example], manifest: Manifest,
                   pins: dict[str, str] | None) -> nbformat.NotebookNode:
    label = FRAMEWORKS[framework].label
    snippets = [examples[name].snippets[framework] for name in page.names
                if framework in examples[name].snippets]
    install = _install_lines(project, snippets, pins)
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
        v4.new_code_cell(install,
                         id=_cell_id(page.stem, framework, "install"),
                         metadata={"tags": ["skip-execution"]}),
        v4.new_markdown_cell(
            "CI runs each snippet in a fresh process, with one thread and every random "
            "generator seeded with 0. The next cell does the same before each cell runs, so "
            "that running a cell gives the numbers shown under it.",
            id=_cell_id(page.stem, framework, "seeding-note")),
        v4.new_code_cell(FRAMEWORKS[framework].notebook_setup
                         + "\nget_ipython().events.register(\"pre_run_cell\", reseed)",
                         id=_cell_id(page.stem, framework, "seeding")),
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
    npm = " ".join(npm_requirements(project, snippets))
    parts = [f"# {page.title}: the {label} examples, from the living TensorFlow-vs-PyTorch\n"
             f"# comparison. Each `# %%` cell is a standalone script.\n"
             f"# The outputs on the page were made with: pip install {install}\n"
             + (f"# and, in this folder: npm install --prefix . {npm}\n" if npm else ""),
             "# CI runs each snippet in a fresh process, one thread, seeded with 0:\n"
             + FRAMEWORKS[framework].notebook_setup]
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
                   manifest: Manifest) -> tuple[list[PageExamples], dict[str, str]]:
    """Every page with examples, and the text of every download: site path -> content."""
    pins = pinned_versions(project.root)
    pages = all_page_examples(project, examples)
    files: dict[str, str] = {}
    for page in pages:
        for framework in FRAMEWORKS:
            notebook = build_notebook(project, page, framework, examples, manifest, pins)
            files[page.notebook_path(framework)] = notebook_text(notebook)
            files[page.script_path(framework)] = build_script(project, page, framework,
                                                              examples, pins)
    return pages, files


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
