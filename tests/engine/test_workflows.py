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
from conftest import ROOT

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
