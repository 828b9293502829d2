"""Each page's notebooks and scripts, committed under docs/notebooks/: both builders
publish them as they are (no hook builds them), and Colab opens the notebooks from GitHub.
Written by `make notebooks` and `make outputs`, checked by `make check`."""

from __future__ import annotations

from collections.abc import Callable

import nbformat

from ..discovery.page_examples import NOTEBOOKS, PageExamples
from ..files import write_atomically
from ..problems import Problem
from ..project import Example, Project
from ..store.manifest import Manifest, ManifestError, load_manifest
from .build import NotebookError, page_downloads


def write_notebooks(project: Project, examples: dict[str, Example],
                    manifest: Manifest) -> list[str]:
    """Write the notebooks and scripts that changed; returns what it did, one line each. A
    file that no page builds any more is reported, not deleted: the user may have put it
    there."""
    _, files = page_downloads(project, examples, manifest)
    wanted = {project.pages_dir / path: text for path, text in files.items()}
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
            line = page.heading_line(words)
            return f"{page_path}{f':{line}' if line else ''}: the heading {words!r}"
        return f"{page_path}: its title, the packages it needs, or its outputs' versions"
    return f"{page_path}: an example or a heading left the page"


def missing_download(project: Project, relative: str) -> Problem:
    """A page's notebook or script (its path under the docs folder) not committed."""
    what = "notebook" if relative.endswith(".ipynb") else "script"
    return Problem(project.relative(project.pages_dir / relative), "LC602", f"missing {what}",
                   fix=_rewrite(project))


def _rewrite(project: Project) -> str:
    return (f"run `make notebooks` (`make outputs` does it too), then commit "
            f"{project.relative(project.pages_dir / NOTEBOOKS)}/")


def notebook_problems(project: Project, examples: dict[str, Example],
                      manifest: Manifest) -> list[Problem]:
    """Committed notebooks and scripts that differ from what the pages build now, or that
    no page builds any more."""
    try:
        pages, files = page_downloads(project, examples, manifest)
    except NotebookError as error:
        return [error.problem]
    problems, wanted = [], set()
    for page in pages:
        for relative in page.downloads():
            path, text = project.pages_dir / relative, files[relative]
            wanted.add(path)
            if not path.exists():
                problems.append(missing_download(project, relative))
            elif (committed := path.read_text(encoding="utf-8")) != text:
                first = (_first_difference(project, page, committed, text)
                         if relative.endswith(".ipynb") else None)
                problems.append(Problem(
                    project.relative(path), "LC601",
                    "out of date: its page, snippets or outputs changed since it "
                    "was written", fix=_rewrite(project),
                    details=f"first difference: {first}" if first else ""))
    folder = project.pages_dir / NOTEBOOKS
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".ipynb", ".py")):
        if path not in wanted:
            problems.append(Problem(project.relative(path), "LC603", "no page builds this file "
                                    "any more", fix="delete it if `make notebooks` wrote it"))
    return problems


def refresh_notebooks(project: Project, examples: dict[str, Example],
                      say: Callable[[str], None] = print) -> list[Problem]:
    """Rewrite the page notebooks that new outputs changed; say which."""
    try:
        done = write_notebooks(project, examples, load_manifest(project))
    except (NotebookError, ManifestError) as error:
        return [error.problem]
    for line in done:
        say(f"notebook {line}")
    return []
