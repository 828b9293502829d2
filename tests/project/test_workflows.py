"""The workflows keep every token that can write away from the code a job runs.

A job that runs the project's code (or the newest third-party releases it installs) could
be made to run anything: it gets no write permission and keeps no credentials in its
checkout. A job that may write runs nothing of the project, and no token is ever written
on a command line, where a process list or a log could show it.
"""

from __future__ import annotations

import re

import pytest
import yaml
from helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
# What runs the project's code, or code that a pull request or a release can change.
RUNS_CODE = re.compile(r"(^|[\s;&|(`$])(make|pip3?|python3?|pytest|npm|npx|node|bash|sh)\b"
                       r"|\.venv/|scripts/|\./")
SETUP_ACTIONS = ("actions/setup-python", "actions/setup-node")
TOKEN_IN_SCRIPT = re.compile(r"\$\{\{\s*(secrets\.|github\.token)|\$\{?(GH_TOKEN|GITHUB_TOKEN)\b"
                             r"|x-access-token")


def _job_params() -> list:
    return list(_each_job())


def _each_job():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        for name, job in workflow["jobs"].items():
            yield pytest.param(workflow, job, id=f"{path.name}:{name}")


def _writes(workflow: dict, job: dict) -> bool:
    permissions = job.get("permissions", workflow.get("permissions"))
    if permissions is None:
        return True  # the repository's default, which may be write-all
    if isinstance(permissions, str):
        return permissions != "read-all"
    return "write" in permissions.values()


def _scripts(job: dict) -> list[str]:
    return [step["run"] for step in job.get("steps", []) if "run" in step]


def _uses(job: dict) -> list[dict]:
    return [step for step in job.get("steps", []) if "uses" in step]


def test_the_workflows_are_found():
    names = {path.name for path in WORKFLOWS}
    assert {"ci.yml", "upgrade-frameworks.yml"} <= names


@pytest.mark.parametrize("workflow, job", _job_params())
def test_a_job_that_runs_project_code_can_write_nothing_and_keeps_no_credentials(
        workflow, job):
    runs_code = any(RUNS_CODE.search(script) for script in _scripts(job)) or any(
        step["uses"].startswith(SETUP_ACTIONS) for step in _uses(job))
    if not runs_code:
        return
    assert not _writes(workflow, job), "runs code with a token that can write"
    for step in _uses(job):
        if step["uses"].startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, (
                "its checkout keeps the token in .git/config for the code it runs")


@pytest.mark.parametrize("workflow, job", _job_params())
def test_a_job_that_may_write_runs_nothing_of_the_project(workflow, job):
    if not _writes(workflow, job):
        return
    for script in _scripts(job):
        assert not RUNS_CODE.search(script), f"a job that may write runs:\n{script}"
    assert not any(step["uses"].startswith(SETUP_ACTIONS) for step in _uses(job))


@pytest.mark.parametrize("workflow, job", _job_params())
def test_no_token_is_written_on_a_command_line(workflow, job):
    for script in _scripts(job):
        assert not TOKEN_IN_SCRIPT.search(script), f"a token in a script:\n{script}"


@pytest.mark.parametrize("workflow, job", _job_params())
def test_every_action_is_pinned_by_its_commit(workflow, job):
    for step in _uses(job):
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_the_upgrade_runs_read_only_and_a_second_job_only_pushes_its_result():
    workflow = yaml.safe_load((ROOT / ".github/workflows/upgrade-frameworks.yml").read_text())
    jobs = workflow["jobs"]
    runners = [j for j in jobs.values() if any("make " in s for s in _scripts(j))]
    pushers = [j for j in jobs.values() if any("git push" in s for s in _scripts(j))]
    assert len(runners) == 1 and len(pushers) == 1 and runners[0] is not pushers[0]
    assert not _writes(workflow, runners[0])
    assert pushers[0]["permissions"] == {"contents": "write", "pull-requests": "write"}
    uploads = [s for s in _uses(runners[0]) if s["uses"].startswith("actions/upload-artifact@")]
    downloads = [s for s in _uses(pushers[0])
                 if s["uses"].startswith("actions/download-artifact@")]
    assert uploads and downloads, "the change goes from one job to the other as an artifact"


# ------------------------------------------------ pull requests: code from anyone

def _triggers(workflow: dict) -> set[str]:
    # PyYAML reads the key `on` as True (YAML 1.1).
    on = workflow.get("on", workflow.get(True))
    return {on} if isinstance(on, str) else set(on)


def _pull_request_jobs() -> list:
    """The jobs that run a pull request's code: every job of a workflow it triggers, but
    those whose `if` limits them to a push."""
    params = []
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        if "pull_request" not in _triggers(workflow):
            continue
        for name, job in workflow["jobs"].items():
            if "event_name == 'push'" not in str(job.get("if", "")):
                params.append(pytest.param(workflow, job, id=f"{path.name}:{name}"))
    return params


def _ci() -> dict:
    return yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())


def test_no_workflow_runs_a_pull_request_with_the_base_repository_s_rights():
    """pull_request_target and workflow_run run with a token that can write and with the
    secrets, on behalf of code that a fork can change: none of the workflows uses them."""
    for path in WORKFLOWS:
        assert not _triggers(yaml.safe_load(path.read_text())) & {
            "pull_request_target", "workflow_run"}, path.name


@pytest.mark.parametrize("workflow, job", _pull_request_jobs())
def test_a_job_that_runs_pull_request_code_sees_no_secret_and_writes_nothing(workflow, job):
    text = yaml.safe_dump(job)
    assert not re.search(r"\$\{\{[^}]*\b(secrets\.|github\.token)", text), (
        "a secret or the token in a job that runs a pull request's code")
    assert not _writes(workflow, job), "a pull request's code with a token that can write"
    for script in _scripts(job):
        assert not re.search(r"\bgit\s+push\b|\bgh\s+(pr|api|release)\b", script), script


def test_ci_hands_back_outputs_and_a_preview_as_artifacts_of_read_only_jobs():
    jobs = _ci()["jobs"]
    for name in ("outputs", "preview"):
        job = jobs[name]
        assert job["if"] == "github.event_name == 'pull_request'", name
        assert job["permissions"] == {"contents": "read"}, name
        checkout = next(s for s in _uses(job) if s["uses"].startswith("actions/checkout@"))
        # The pull request's own head, where `git apply outputs.patch` must work.
        assert checkout["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"
        assert checkout["with"]["persist-credentials"] is False
        uploads = [s for s in _uses(job) if s["uses"].startswith("actions/upload-artifact@")]
        assert uploads, f"{name} uploads no artifact"
    scripts = "\n".join(_scripts(jobs["outputs"]))
    assert "make outputs-patch KERNELS=native" in scripts
    assert "make verify KERNELS=other" in scripts  # the other family checks the patch
    assert "GITHUB_STEP_SUMMARY" in "\n".join(_scripts(jobs["preview"]))
    assert any(s["with"]["path"] == "site-offline/" for s in _uses(jobs["preview"])
               if s["uses"].startswith("actions/upload-artifact@"))


def _caches(job: dict) -> list[str]:
    """What a job caches: actions/cache steps and setup-python's or setup-node's cache."""
    found = []
    for step in _uses(job):
        if step["uses"].startswith("actions/cache"):
            found.append(step["uses"])
        elif step["uses"].startswith(SETUP_ACTIONS) and step.get("with", {}).get("cache"):
            found.append(f"{step['uses']} cache: {step['with']['cache']}")
    return found


def test_no_cache_is_shared_between_pull_request_only_jobs_and_the_deploy():
    """A cache a pull request's run saves is scoped to that pull request by GitHub, but a
    job that only pull requests run, and the deploy job, keep none at all: nothing a
    pull request's code could leave in a cache reaches what is published."""
    jobs = _ci()["jobs"]
    deploying = [name for name, job in jobs.items()
                 if any(s["uses"].startswith("actions/deploy-pages@") for s in _uses(job))]
    assert deploying
    for name in deploying:
        assert not _caches(jobs[name]), name
    pull_request_only = [name for name, job in jobs.items()
                         if job.get("if") == "github.event_name == 'pull_request'"]
    assert {"outputs", "preview"} <= set(pull_request_only)
    for name in pull_request_only:
        assert not _caches(jobs[name]), f"{name} keeps a cache"
