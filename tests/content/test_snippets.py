"""Every snippet of the site, run again and compared with its approved output.

The runs happen once, in the engine, for the snippets pytest selected; each test then
checks its own result. A test's id is the snippet: `graphs/eager_by_default_tf`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from livecompare.project import Project, format_problems
from livecompare.runner.cpu_families import complement, resolve
from livecompare.runner.run import run_snippets
from livecompare.site.checks import all_examples, structural_problems
from livecompare.store.approved import read_approved
from livecompare.store.verify import check_agreement, check_result

ROOT = Path(__file__).resolve().parents[2]

EXAMPLES = all_examples(Project(ROOT))
SNIPPETS = [s for _, e in sorted(EXAMPLES.items()) for s in e.snippets.values()]
# Pairs that declare `# compare-agree:` values: their two tabs must compute the same thing.
AGREEING = sorted(name for name, e in EXAMPLES.items()
                  if next(iter(e.snippets.values())).options.agree)


def test_the_project_is_consistent(project):
    """Pairs complete, every example on a page, every output present and fresh."""
    problems = structural_problems(project)
    if problems:
        pytest.fail(format_problems(problems), pytrace=False)


def test_the_site_has_examples():
    assert len(SNIPPETS) >= 24, "the site should show at least 12 example pairs"


# The pairs that train, each with the values it must agree on: the gradients of the first
# backward pass, the weights after one optimizer step, the losses of a few steps.
TRAINING = {
    "building/training_loop": ("grad_1", "step_1", "losses"),
    "building/train_steps": ("grad_1", "step_torch", "loss_torch"),
    "building/digits": ("grad_1", "step_1", "losses"),
    "porting/small_cnn": ("grad_1", "step_1", "losses"),
}


def test_at_least_four_training_pairs_agree_on_gradients_one_step_and_losses():
    """Training agrees, not just the forward pass: each of these pairs declares its first
    gradients, its weights after one step and its losses in `# compare-agree:` (whose
    values test_both_tabs_compute_the_same_values then compares)."""
    missing = {f"{snippet.key}: {', '.join(sorted(set(names) - set(snippet.options.agree)))}"
               for name, names in TRAINING.items()
               for snippet in EXAMPLES[name].snippets.values()
               if not set(names) <= set(snippet.options.agree)}
    assert len(TRAINING) >= 4 and not missing, (
        "these training snippets do not declare what they must agree on:\n"
        + "\n".join(sorted(missing)))


FAMILY_TEST = "test_snippet_prints_the_same_on_every_cpu_family"


def _selected(request, other_family: bool) -> list:
    """The snippets that the selected tests need: those of the other-family test, or the
    rest (an agreeing pair needs both its sides)."""
    selected = set()
    for item in request.session.items:
        if (getattr(item, "originalname", "") == FAMILY_TEST) != other_family:
            continue
        params = item.callspec.params if hasattr(item, "callspec") else {}
        if "snippet" in params:
            selected.add(params["snippet"].key)
        if "agreeing" in params:
            selected |= {s.key for s in EXAMPLES[params["agreeing"]].snippets.values()}
    return [s for s in SNIPPETS if s.key in selected]


@pytest.fixture(scope="session")
def fresh_runs(request):
    return run_snippets(_selected(request, other_family=False))


# The kernel family this run has not tried: the other x86-64 family from a native run
# (`make test`), and native from a forced one (`make test KERNELS=other`).
OTHER_FAMILY = complement(dict(os.environ))


@pytest.fixture(scope="session")
def other_family_runs(request):
    return run_snippets(_selected(request, other_family=True), kernels=OTHER_FAMILY)


# pytest-xdist (`make test`) keeps each group on one worker, so each set of runs happens
# once; the two sets run side by side on two workers.
@pytest.mark.frameworks
@pytest.mark.xdist_group("snippets")
@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.key for s in SNIPPETS])
def test_snippet_matches_its_approved_output(snippet, fresh_runs, project):
    problem = check_result(project, fresh_runs[snippet.key])
    if problem:
        pytest.fail(str(problem), pytrace=False)


@pytest.mark.frameworks
@pytest.mark.xdist_group("snippets")
@pytest.mark.parametrize("agreeing", AGREEING)
def test_both_tabs_compute_the_same_values(agreeing, fresh_runs, project):
    example = EXAMPLES[agreeing]
    failed = [fresh_runs[s.key] for s in example.snippets.values() if not fresh_runs[s.key].ok]
    if failed:
        pytest.fail(str(failed[0].problem(project)), pytrace=False)
    _, problem = check_agreement(project, example, fresh_runs)
    if problem:
        pytest.fail(str(problem), pytrace=False)


@pytest.mark.frameworks
@pytest.mark.xdist_group("snippets-other-family")
@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.key for s in SNIPPETS])
def test_snippet_prints_the_same_on_every_cpu_family(snippet, other_family_runs, project):
    """Approved outputs hold on AVX2-only and AVX-512 machines alike, to the byte: a digit
    that changes with the CPU would fail there, or churn in `make outputs ALL=1`."""
    result = other_family_runs[snippet.key]
    problem = check_result(project, result)
    if problem:
        pytest.fail(f"in the {resolve(OTHER_FAMILY)} kernel family: {problem}", pytrace=False)
    if result.stdout != read_approved(snippet):
        pytest.fail(
            f"{project.relative(snippet.out_path)}: in the {resolve(OTHER_FAMILY)} kernel "
            "family the snippet prints other digits (within tolerance, but `make outputs "
            "ALL=1` on such a CPU would rewrite them)\n  -> print what every CPU computes "
            "alike: round a difference that is only rounding (f\"{err:.4f}\"), or fewer "
            "digits of a long computation", pytrace=False)
