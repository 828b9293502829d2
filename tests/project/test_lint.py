"""Lint, as part of `make test`: each command of scripts/lint.py (the one `make lint`
runs), and the widths that the folders' own ruff configs set."""

from __future__ import annotations

import subprocess

import pytest
from helpers import ROOT, load_module, make_dry_run


def _lint():
    return load_module(ROOT / "scripts/lint.py")


@pytest.mark.parametrize("tool", ["ruff", "markdown", "zizmor", "actionlint"])
def test_the_lint_finds_nothing(tool):
    """ruff on all Python; the Markdown lint on the pages and the guides; zizmor and
    actionlint on the workflows."""
    lint = _lint()
    assert set(lint.COMMANDS) == {"ruff", "markdown", "zizmor", "actionlint"}
    result = lint.run(tool)
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_lint_runs_that_script():
    assert make_dry_run("lint")[-1] == ".venv/bin/python scripts/lint.py"


@pytest.mark.parametrize(("path", "columns"), [
    ("snippets/learning/autograd_torch.py", 88),
    ("walkthroughs/digits_pytorch.py", 76),  # a notebook's code column is narrower
])
def test_code_fits_its_column(path, columns):
    """Each folder's own config is what makes its width a rule: check that it applies."""
    result = subprocess.run([str(_lint().BIN / "ruff"), "check", "--show-settings", path],
                            cwd=ROOT, capture_output=True, text=True)
    assert f"line_length = {columns}" in result.stdout.replace("line-length", "line_length"), (
        result.stdout[-2000:])


