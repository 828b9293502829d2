"""Every pair says which it is: its two tabs compute the same values (`# compare-agree:`),
or they show different things, for a reason the page gives (`# compare-differs:`).

`make check` fails on a pair that declares neither, both, or two different reasons.
"""

from __future__ import annotations

from ..problems import At, Problem
from ..project import Example, Project

WHICH = ("declare the values every tab computes alike with the same `# compare-agree: names "
         "atol=...` line in every file, or say why they differ with the same "
         "`# compare-differs: reason` line in every file")


def declaration_problem(project: Project, example: Example) -> Problem | None:
    """None when the pair declares exactly one of agreement or a reason to differ, alike in
    both files; otherwise the problem, naming the file and the line."""
    snippets = list(example.sides.values())
    if any(s.fault for s in snippets):
        return None  # said by snippet_problems
    differing = [s for s in snippets if s.options.differs]
    if not differing and not any(s.options.agree for s in snippets):
        return Problem(At(project.relative(snippets[0].path), 1), "LC404",
                       "the pair declares neither "
                       "`# compare-agree:` nor `# compare-differs:`", example=example.name,
                       fix=WHICH)
    if not differing:
        return None  # two different `compare-agree` lines: verify.py says so
    at = At(project.relative(differing[0].path), differing[0].options.differs_line)
    if any(s.options.agree for s in snippets):
        return Problem(at, "LC405", "the pair declares both `# compare-agree:` and "
                       "`# compare-differs:`", example=example.name,
                       fix="keep one: `compare-agree` if the tabs compute the same values, "
                           "`compare-differs` if not, in both files")
    reasons = {s.framework.label: s.options.differs for s in snippets}
    if len(set(reasons.values())) > 1:
        lone = next((s for s in snippets if not s.options.differs), snippets[-1])
        where = At(project.relative(lone.path), lone.options.differs_line or 1)
        sides = "; ".join(f"{label}: {reason or 'nothing'}" for label, reason in reasons.items())
        return Problem(where, "LC406",
                       "the two sides declare different `# compare-differs:` reasons "
                       f"({sides})", example=example.name,
                       fix="write the same `# compare-differs: reason` line in both files")
    return None


def differs_reason(example: Example) -> str:
    """The reason a pair's tabs differ, when both files give the same one; else ""."""
    reasons = {s.options.differs for s in example.snippets.values()}
    return reasons.pop() if len(reasons) == 1 else ""
