"""Everything `make test` asserts about the project, as lists of Problems.

Structural checks read files only (no framework needed); `check_result` compares a fresh
run with the approved output.
"""

from __future__ import annotations

from .discover import discover_examples, scan_pages
from .notebooks import notebook_problems
from .outputs import (
    ManifestError,
    agreement,
    approval_problem,
    compare,
    explain,
    figure_mismatch,
    figure_problems,
    read_approved,
    read_manifest,
)
from .project import FRAMEWORKS, Example, OptionsError, Problem, Project, snippet_problems
from .run import RunResult
from .walkthroughs import walkthrough_problems


def _survey(project: Project):
    """Discover the snippets and scan the pages, once."""
    examples, file_problems = discover_examples(project)
    codes, page_problems = scan_pages(project, set(examples))
    return examples, file_problems, codes, page_problems


def _layout(project: Project, examples: dict[str, Example], codes: list,
            manifest: dict[str, dict]) -> list[Problem]:
    """Examples no page uses, and manifest entries of removed snippets."""
    problems = []
    used = {code.name for code in codes}
    for name, example in sorted(examples.items()):
        if name not in used:
            first = next(iter(example.snippets.values()))
            problems.append(Problem(
                project.relative(first.path), "no page uses this example", example=name,
                fix=f"add <!-- compare: {name} --> to a page under "
                    f"{project.relative(project.pages_dir)}/, or delete the pair"))
    known = {s.key for e in examples.values() for s in e.snippets.values()}
    # The missing side of a half pair is said once, as a missing snippet, not again here.
    known |= {f"{name}_{key}" for name, e in examples.items() for key in FRAMEWORKS}
    for key in sorted(set(manifest) - known):
        problems.append(Problem(project.relative(project.manifest_path),
                                f"entry {key!r} names no snippet",
                                fix="run `make outputs`, which drops entries of removed "
                                    "snippets"))
    return problems


def _manifest(project: Project) -> tuple[dict[str, dict], list[Problem]]:
    """The manifest's usable entries and its problems; an unreadable one is one problem."""
    try:
        return read_manifest(project)
    except ManifestError as error:
        return {}, [error.problem]


def layout_problems(project: Project) -> list[Problem]:
    """Problems no single page shows: misnamed or unpaired files, unused examples, strays,
    the manifest. A pair a page uses that lacks a side was said on that page already."""
    examples, file_problems, codes, _ = _survey(project)
    used = {code.name for code in codes}
    file_problems = [p for p in file_problems
                     if not (p.example in used and not examples[p.example].complete)]
    manifest, manifest_problems = _manifest(project)
    return file_problems + manifest_problems + _layout(project, examples, codes, manifest)


def structural_problems(project: Project) -> list[Problem]:
    """All that can be checked without running: layout, shortcodes, missing or stale outputs."""
    examples, problems, codes, page_problems = _survey(project)
    manifest, manifest_problems = _manifest(project)
    problems += manifest_problems + _layout(project, examples, codes, manifest) + page_problems
    for _, example in sorted(examples.items()):
        if example.complete:
            problems += _snippet_problems(project, example, manifest)
            problems += [p for p in [agree_declaration_problem(project, example)] if p]
    return problems + notebook_problems(project, examples, manifest) + walkthrough_problems(
        project)


def agree_declaration_problem(project: Project, example: Example) -> Problem | None:
    """Both sides of a pair must declare the same values to agree, with the same tolerance."""
    try:
        declared = {s.framework.label: (s.options().agree, s.options().agree_atol)
                    for s in example.snippets.values()}
    except OptionsError:
        return None  # said by snippet_problems
    if len(set(declared.values())) <= 1:
        return None
    sides = "; ".join(f"{label}: {' '.join(names) or 'nothing'} (atol={atol:g})"
                      for label, (names, atol) in declared.items())
    first = next(iter(example.snippets.values()))
    return Problem(project.relative(first.path), "the two sides declare different "
                   f"`# compare-agree:` lines ({sides})", example=example.name,
                   fix="write the same `# compare-agree: names atol=...` line in both files")


def check_agreement(project: Project, example: Example,
                    results: dict[str, RunResult]) -> tuple[dict | None, Problem | None]:
    """For a pair with `# compare-agree:`, whether both fresh runs computed the same values:
    (the record the page shows, None) or (None, the problem naming the pair)."""
    snippets = list(example.snippets.values())
    try:
        options = snippets[0].options()
    except OptionsError:
        return None, None  # said by snippet_problems
    if differ := agree_declaration_problem(project, example):
        return None, differ
    if not options.agree or any(s.key not in results or not results[s.key].ok
                                for s in snippets):
        return None, None
    check = agreement(list(options.agree), options.agree_atol,
                      {s.framework.label: results[s.key].values for s in snippets})
    if check.ok:
        return check.record(), None
    return None, Problem(
        " and ".join(project.relative(s.path) for s in snippets),
        "the two tabs do not compute the same values", example=example.name,
        details="\n".join(check.failures),
        fix="find the side that drifted (a layout, a default, a constant) and fix it; "
            "a tolerance belongs in `# compare-agree: ... atol=...` only if the "
            "difference is rounding")


def _snippet_problems(project: Project, example: Example,
                      manifest: dict[str, dict]) -> list[Problem]:
    problems = []
    for snippet in example.snippets.values():
        where = project.relative(snippet.path)
        problems += snippet_problems(project, snippet)
        problem = approval_problem(project, snippet, manifest, where)
        problems += [problem] if problem else []
        problems += figure_problems(project, snippet, manifest, where)
    return problems


def check_result(project: Project, result: RunResult,
                 manifest: dict[str, dict] | None = None) -> Problem | None:
    """None when a fresh run succeeded and matches the approved output."""
    snippet = result.snippet
    if not result.ok:
        return result.problem(project)
    approved = read_approved(snippet)
    where = project.relative(snippet.path)
    rerun = f"make outputs NAMES={snippet.example}"
    if approved is None:
        return Problem(where, "no approved output to compare with", example=snippet.example,
                       framework=snippet.framework.label, fix=f"run `{rerun}`")
    mismatches = compare(approved, result.stdout, snippet.options())
    if manifest is None:
        manifest = _manifest(project)[0]
    entry = manifest.get(snippet.key, {})
    figures = figure_mismatch(snippet, result.figures, entry.get("figures", []))
    if figures and not mismatches:
        return Problem(where, "a fresh run draws different figures: " + figures,
                       example=snippet.example, framework=snippet.framework.label,
                       fix=f"if the new figures are right, run `{rerun}` and review the diff")
    if not mismatches:
        return None
    return Problem(
        f"{project.relative(snippet.out_path)}:{mismatches[0].line}",
        "a fresh run differs from the approved output", example=snippet.example,
        framework=snippet.framework.label,
        details=explain(approved, result.stdout, mismatches, snippet.key),
        fix=f"if the new output is right, run `{rerun}` and review the .out diff; "
            "if not, fix the snippet; a noisy number can get a wider "
            "`# compare-options: rtol=...`")


def all_examples(project: Project) -> dict[str, Example]:
    """The examples that can run: both snippets present."""
    return {n: e for n, e in discover_examples(project)[0].items() if e.complete}
