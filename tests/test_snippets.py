"""Every snippet of the site, run again and compared with its approved output.

The runs happen once, in the engine, for the snippets pytest selected; each test then
checks its own result. A test's id is the snippet: `graphs/eager_by_default_tf`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from livecompare.checks import all_examples, check_agreement, check_result, structural_problems
from livecompare.project import Project, format_problems
from livecompare.run import run_snippets

ROOT = Path(__file__).resolve().parents[1]

EXAMPLES = all_examples(Project(ROOT))
SNIPPETS = [s for _, e in sorted(EXAMPLES.items()) for s in e.snippets.values()]
# Pairs that declare `# compare-agree:` values: their two tabs must compute the same thing.
AGREEING = sorted(name for name, e in EXAMPLES.items()
                  if next(iter(e.snippets.values())).options().agree)


def test_the_project_is_consistent(project):
    """Pairs complete, every example on a page, every output present and fresh."""
    problems = structural_problems(project)
    if problems:
        pytest.fail(format_problems(problems), pytrace=False)


def test_the_site_has_examples():
    assert len(SNIPPETS) >= 24, "the site should show at least 12 example pairs"


@pytest.fixture(scope="session")
def fresh_runs(request):
    selected = set()
    for item in request.session.items:
        params = item.callspec.params if hasattr(item, "callspec") else {}
        if "snippet" in params:
            selected.add(params["snippet"].key)
        if "agreeing" in params:
            selected |= {s.key for s in EXAMPLES[params["agreeing"]].snippets.values()}
    return run_snippets([s for s in SNIPPETS if s.key in selected])


@pytest.mark.frameworks
@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.key for s in SNIPPETS])
def test_snippet_matches_its_approved_output(snippet, fresh_runs, project):
    problem = check_result(project, fresh_runs[snippet.key])
    if problem:
        pytest.fail(str(problem), pytrace=False)


@pytest.mark.frameworks
@pytest.mark.parametrize("agreeing", AGREEING)
def test_both_tabs_compute_the_same_values(agreeing, fresh_runs, project):
    example = EXAMPLES[agreeing]
    failed = [fresh_runs[s.key] for s in example.snippets.values() if not fresh_runs[s.key].ok]
    if failed:
        pytest.fail(str(failed[0].problem(project)), pytrace=False)
    _, problem = check_agreement(project, example, fresh_runs)
    if problem:
        pytest.fail(str(problem), pytrace=False)
