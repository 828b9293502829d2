"""Verifying fresh runs: against the approved outputs, and the two tabs of a pair against
each other. `make verify` and `make test` say the same things, from here."""

from __future__ import annotations

from collections.abc import Callable

from ..discovery.discover import discover_examples, select, with_partners
from ..problems import At, Problem, rerun, snippet_problem
from ..project import Example, Project, snippet_problems
from ..runner.results import RunResult
from ..runner.run import run_snippets
from .approved import approved_figures, figure_mismatch, read_approved
from .compare import agreement, compare, explain
from .manifest import Agreed, Manifest, ManifestError, load_manifest, manifest_or_problem


def agree_declaration_problem(project: Project, example: Example) -> Problem | None:
    """Both sides of a pair must declare the same values to agree, with the same tolerance."""
    if any(s.fault for s in example.snippets.values()):
        return None  # said by snippet_problems
    declared = {s.framework.label: (s.options.agree, s.options.agree_atol)
                for s in example.snippets.values()}
    if len(set(declared.values())) <= 1:
        return None
    sides = "; ".join(f"{label}: {' '.join(names) or 'nothing'} (atol={atol:g})"
                      for label, (names, atol) in declared.items())
    first = next(iter(example.snippets.values()))
    return Problem(project.relative(first.path), "LC403", "the two sides declare different "
                   f"`# compare-agree:` lines ({sides})", example=example.name,
                   fix="write the same `# compare-agree: names atol=...` line in both files")


def check_agreement(project: Project, example: Example,
                    results: dict[str, RunResult]) -> tuple[Agreed | None, Problem | None]:
    """For a pair with `# compare-agree:`, whether both fresh runs computed the same values:
    (the record the page shows, None) or (None, the problem naming the pair)."""
    snippets = list(example.sides.values())
    if snippets[0].fault:
        return None, None  # said by snippet_problems
    if differ := agree_declaration_problem(project, example):
        return None, differ
    options = snippets[0].options
    if not options.agree or any(s.key not in results or not results[s.key].ok
                                for s in snippets):
        return None, None
    check = agreement(list(options.agree), options.agree_atol,
                      {s.framework.label: results[s.key].values for s in snippets})
    if check.ok:
        return check.record(), None
    return None, Problem(
        " and ".join(project.relative(s.path) for s in snippets), "LC402",
        "the tabs do not compute the same values", example=example.name,
        details="\n".join(check.failures),
        fix="find the side that drifted (a layout, a default, a constant) and fix it; "
            "a tolerance belongs in `# compare-agree: ... atol=...` only if the "
            "difference is rounding")


def check_result(project: Project, result: RunResult,
                 manifest: Manifest | None = None) -> Problem | None:
    """None when a fresh run succeeded and matches the approved output."""
    snippet = result.snippet
    if not result.ok:
        return result.problem(project)
    approved = read_approved(snippet)
    where = project.relative(snippet.path)
    if approved is None:
        return snippet_problem(snippet, where, "LC202", "no approved output to compare with",
                               fix=rerun(snippet.example))
    mismatches = compare(approved, result.stdout, snippet.options)
    if manifest is None:
        manifest = manifest_or_problem(project)[0]
    figures = figure_mismatch(snippet, result.figures, approved_figures(snippet, manifest))
    if figures and not mismatches:
        return snippet_problem(snippet, where, "LC304",
                               "a fresh run draws different figures: " + figures,
                               fix=f"if the new figures are right, {rerun(snippet.example)} "
                                   "and review the diff")
    if not mismatches:
        return None
    return snippet_problem(
        snippet, At(project.relative(snippet.out_path), mismatches[0].line), "LC303",
        "a fresh run differs from the approved output",
        details=explain(approved, result.stdout, mismatches, snippet.key),
        fix=f"if the new output is right, {rerun(snippet.example)} and review the .out diff; "
            "if not, fix the snippet; a noisy number can get a wider "
            "`# compare-options: rtol=...`")


def verify(project: Project, names: list[str], progress: Callable | None = None,
           ) -> tuple[int, list[Problem]]:
    """`make verify`: run the snippets the names pick (every one by default) and compare
    them; the number run, and the problems. Raises SelectionError and WorkerError."""
    examples, problems = discover_examples(project)
    complete = {n: e for n, e in examples.items() if e.complete}
    try:
        manifest = load_manifest(project)
    except ManifestError as error:
        problems.append(error.problem)
        manifest = {}
    chosen = with_partners(select(project, examples, names), complete)
    problems += [p for s in chosen for p in snippet_problems(project, s)]
    snippets = [s for s in chosen if not s.fault]
    tick, close = progress(len(snippets)) if progress else (None, lambda: None)
    try:
        results = run_snippets(snippets, on_result=tick)
    finally:
        close()
    problems += [p for s in snippets if (p := check_result(project, results[s.key], manifest))]
    for name in sorted({s.example for s in snippets}):
        _, problem = check_agreement(project, complete[name], results)
        problems += [problem] if problem else []
    return len(snippets), problems
