"""`make check`: everything that can be checked without running a snippet, as Problems.

These read files only (no framework needed). Comparing fresh runs is verify.py's.
"""

from __future__ import annotations

from ..discovery.declarations import declaration_problem
from ..discovery.discover import discover_examples
from ..discovery.pages import markdown_pages
from ..discovery.shortcodes import scan_pages
from ..notebooks.sync import notebook_problems
from ..notebooks.walkthroughs import walkthrough_problems
from ..problems import Problem
from ..project import Example, Project, snippet_problems
from ..store.approved import approval_problem, figure_problems
from ..store.manifest import Manifest, manifest_or_problem
from ..store.verify import agree_declaration_problem
from . import claims
from .bench_pins import benchmark_problems


def _survey(project: Project):
    """Discover the snippets and scan the pages, once."""
    examples, file_problems = discover_examples(project)
    codes, page_problems = scan_pages(project, set(examples))
    return examples, file_problems, codes, page_problems


def _layout(project: Project, examples: dict[str, Example], codes: list,
            manifest: Manifest) -> list[Problem]:
    """Examples no page uses, and manifest entries of removed snippets."""
    problems = []
    used = {code.name for code in codes}
    for name, example in sorted(examples.items()):
        if name not in used:
            first = next(iter(example.snippets.values()))
            problems.append(Problem(
                project.relative(first.path), "LC501", "no page uses this example", example=name,
                fix=f"add <!-- compare: {name} --> to a page under "
                    f"{project.relative(project.pages_dir)}/, or delete the pair"))
    known = {s.key for e in examples.values() for s in e.snippets.values()}
    # The missing side of a half pair is said once, as a missing snippet, not again here.
    known |= {f"{name}_{key}" for name, e in examples.items() for key in e.expected}
    for key in sorted(set(manifest) - known):
        problems.append(Problem(project.relative(project.manifest_path), "LC206",
                                f"entry {key!r} names no snippet",
                                fix="run `make outputs`, which drops entries of removed "
                                    "snippets"))
    return problems


def layout_problems(project: Project, discovered: tuple | None = None) -> list[Problem]:
    """Problems no single page shows: misnamed or unpaired files, unused examples, strays,
    the manifest. A pair a page uses that lacks a side was said on that page already.
    `discovered`: what discover_examples returned, when the caller has it already."""
    examples, file_problems = discovered or discover_examples(project)
    codes, _ = scan_pages(project, set(examples))
    used = {code.name for code in codes}
    file_problems = [p for p in file_problems
                     if not (p.example in used and not examples[p.example].complete)]
    manifest, manifest_problems = manifest_or_problem(project)
    return (file_problems + manifest_problems + _layout(project, examples, codes, manifest)
            + benchmark_problems(project))


def structural_problems(project: Project) -> list[Problem]:
    """All that can be checked without running: layout, shortcodes, missing or stale outputs."""
    examples, problems, codes, page_problems = _survey(project)
    manifest, manifest_problems = manifest_or_problem(project)
    problems += manifest_problems + _layout(project, examples, codes, manifest) + page_problems
    for _, example in sorted(examples.items()):
        if example.complete:
            problems += _snippet_problems(project, example, manifest)
            problems += [p for p in [agree_declaration_problem(project, example)] if p]
            problems += [p for p in [declaration_problem(project, example)] if p]
    return (problems + claims_problems(project) + notebook_problems(project, examples, manifest)
            + walkthrough_problems(project) + benchmark_problems(project))


def claims_problems(project: Project) -> list[Problem]:
    """docs/claims.yml checked as the build checks it, and every page's claim notes and
    blocks against it (the Zensical job runs no MkDocs hook: this is its check)."""
    path = project.pages_dir / claims.DATA
    data, problems = claims.load(path, project.relative(path))
    for page in markdown_pages(project.pages_dir):
        problems += claims.page_problems(page.read_text(encoding="utf-8"),
                                         project.relative(page), data)
    return problems


def _snippet_problems(project: Project, example: Example,
                      manifest: Manifest) -> list[Problem]:
    problems = []
    for snippet in example.snippets.values():
        where = project.relative(snippet.path)
        problems += snippet_problems(project, snippet)
        problem = approval_problem(project, snippet, manifest, where)
        problems += [problem] if problem else []
        problems += figure_problems(project, snippet, manifest, where)
    return problems


def all_examples(project: Project) -> dict[str, Example]:
    """The examples that can run: both snippets present."""
    return {n: e for n, e in discover_examples(project)[0].items() if e.complete}
