"""Lint, as part of `make test`: ruff on all Python (snippets at 88 columns, see
snippets/ruff.toml) and a Markdown lint on the pages and the guides (.pymarkdown.json)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    result = _run(str(BIN / "ruff"), "check", "--output-format", "concise", "src", "tests",
                  "hooks", "benchmarks", "scripts", "snippets")
    assert result.returncode == 0, result.stdout + result.stderr


def test_snippets_fit_the_page():
    """The snippets' own config is what makes 88 columns a rule: check that it applies."""
    result = _run(str(BIN / "ruff"), "check", "--show-settings",
                  "snippets/learning/autograd_torch.py")
    assert "line_length = 88" in result.stdout.replace("line-length", "line_length"), (
        result.stdout[-2000:])


def test_markdown_lint_finds_nothing():
    result = _run(str(BIN / "pymarkdown"), "--config", ".pymarkdown.json", "scan", "docs",
                  "README.md", "CONTRIBUTING.md")
    assert result.returncode == 0, result.stdout + result.stderr
