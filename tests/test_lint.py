"""Lint, as part of `make test`: ruff on all Python (snippets at 88 columns, see
snippets/ruff.toml; walkthroughs at 76, see walkthroughs/ruff.toml) and a Markdown lint on
the pages and the guides (.pymarkdown.json)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    result = _run(str(BIN / "ruff"), "check", "--output-format", "concise", "src", "tests",
                  "hooks", "benchmarks", "scripts", "snippets", "walkthroughs")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("path", "columns"), [
    ("snippets/learning/autograd_torch.py", 88),
    ("walkthroughs/digits_pytorch.py", 76),  # a notebook's code column is narrower
])
def test_code_fits_its_column(path, columns):
    """Each folder's own config is what makes its width a rule: check that it applies."""
    result = _run(str(BIN / "ruff"), "check", "--show-settings", path)
    assert f"line_length = {columns}" in result.stdout.replace("line-length", "line_length"), (
        result.stdout[-2000:])


def test_markdown_lint_finds_nothing():
    result = _run(str(BIN / "pymarkdown"), "--config", ".pymarkdown.json", "scan", "docs",
                  "README.md", "CONTRIBUTING.md")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflows_pass_zizmor():
    """GitHub Actions security lint: actions pinned by commit, least privilege, no
    injection from ${{ }} into scripts, no persisted credentials."""
    result = _run(str(BIN / "zizmor"), "--offline", "--persona", "auditor",
                  ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr
