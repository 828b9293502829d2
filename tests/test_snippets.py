"""Every snippet of the site, run again and compared with its approved output.

The runs happen once, in the engine, for the snippets pytest selected; each test then
checks its own result. A test's id is the snippet: `graphs/eager_by_default_tf`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from livecompare.checks import all_examples, check_result, structural_problems
from livecompare.project import Project, format_problems
from livecompare.run import run_snippets

ROOT = Path(__file__).resolve().parents[1]

SNIPPETS = [s for _, e in sorted(all_examples(Project(ROOT)).items())
            for s in e.snippets.values()]


def test_the_project_is_consistent(project):
    """Pairs complete, every example on a page, every output present and fresh."""
    problems = structural_problems(project)
    if problems:
        pytest.fail(format_problems(problems), pytrace=False)


def test_the_site_has_examples():
    assert len(SNIPPETS) >= 24, "the site should show at least 12 example pairs"


@pytest.fixture(scope="session")
def fresh_runs(request):
    selected = {item.callspec.params["snippet"].key for item in request.session.items
                if hasattr(item, "callspec") and "snippet" in item.callspec.params}
    return run_snippets([s for s in SNIPPETS if s.key in selected])


@pytest.mark.frameworks
@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.key for s in SNIPPETS])
def test_snippet_matches_its_approved_output(snippet, fresh_runs, project):
    problem = check_result(project, fresh_runs[snippet.key])
    if problem:
        pytest.fail(str(problem), pytrace=False)
