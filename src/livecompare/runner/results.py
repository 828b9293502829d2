"""What one run of a snippet gave, and how a failed run is said to a contributor."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..options import DEFAULT_MEMORY, RANGES, allowed, raised
from ..problems import At, Problem, rerun, snippet_problem
from ..project import Project, Snippet


@dataclass
class RunResult:
    snippet: Snippet
    stdout: str = ""
    stderr: str = ""
    error: str | None = None  # a traceback, or why the run failed
    error_line: int | None = None
    timed_out: bool = False
    seconds: float = 0.0  # the snippet's own run time
    timeout: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)
    python: str = ""
    values: dict[str, dict] = field(default_factory=dict)  # `# compare-agree:` variables
    figures: dict[str, str] = field(default_factory=dict)  # SVG file name -> its text
    sha256: str | None = None  # of the source bytes that ran
    fix: str | None = None  # the worker's advice, where it knows better than "fix the code"
    memory: float = DEFAULT_MEMORY  # GB the snippet could allocate

    @property
    def ok(self) -> bool:
        return self.error is None and not self.timed_out

    def problem(self, project: Project) -> Problem:
        """What went wrong, said for a contributor: once, with the line where it can be
        found, and with what the snippet printed before it stopped."""
        snippet = self.snippet
        path = project.relative(snippet.path)
        where = At(path, self.error_line or _stuck_line(self.stderr, str(snippet.path.resolve())))
        then = f"then {rerun(snippet.example)}"
        printed = _printed(self.stdout)
        if self.timed_out:
            return snippet_problem(
                snippet, where, "LC302", f"timed out after {self.timeout:g} s",
                details="\n".join(filter(None, [_where_stuck(self.stderr), printed])),
                fix=f"{_raise('timeout', self.timeout, 'make it faster')}; {then}")
        lines = (self.error or "").strip().splitlines() or ["no error message"]
        fix = (f"{self.fix}; {then}" if self.fix else
               f"fix the snippet, try it with `.venv/bin/python {path}`, {then}")
        if _out_of_memory(self.error or ""):
            fix = (f"it may have reached its memory limit of {self.memory:g} GB: "
                   f"{_raise('memory', self.memory, 'use less')}; {then}")
        crash = "" if self.error_line else _where_stuck(self.stderr)  # a native crash
        details = "\n".join(filter(None, ["\n".join(lines[:-1]), crash, printed]))
        return snippet_problem(snippet, where, "LC301", f"the snippet failed: {lines[-1][:300]}",
                               details=details, fix=fix)


def _raise(key: str, limit: float, otherwise: str) -> str:
    """The advice for a limit that was reached: a line that doubles it, within its range."""
    if limit >= RANGES[key][1]:
        return f"{otherwise}: {key} is already the most it may be ({allowed(key)})"
    return (f"{otherwise}, or raise its limit with a line `# compare-options: "
            f"{raised(key, limit * 2)}` ({key} takes values {allowed(key)})")


def _printed(stdout: str, keep: int = 10) -> str:
    """The last lines a failed snippet printed, which a crash would otherwise hide."""
    lines = stdout.rstrip("\n").splitlines()
    if not lines:
        return ""
    shown = lines[-keep:]
    more = f" (the last {keep} of {len(lines)} lines)" if len(lines) > keep else ""
    return f"it printed, before it stopped{more}:\n" + "\n".join("| " + ln for ln in shown)


MEMORY_WORDS = ("MemoryError", "Cannot allocate memory", "can't allocate memory",
                "Unable to allocate", "bad_alloc", "out of memory", "ResourceExhausted")


def _out_of_memory(error: str) -> bool:
    return any(word in error for word in MEMORY_WORDS)


def _last_dump(stderr: str) -> list[str]:
    """The frames of faulthandler's last stack dump (a timeout's or a crash's), less the
    engine's own: '  File "<path>", line 12 in <module>'."""
    marker = "(most recent call first):"
    if marker not in stderr:
        return []
    return [ln for ln in stderr.rsplit(marker, 1)[1].splitlines()
            if ln.strip().startswith("File ") and "livecompare/runner/worker.py" not in ln
            and "<frozen runpy>" not in ln]


def _stuck_line(stderr: str, path: str) -> int | None:
    """The snippet's innermost line in the last stack dump."""
    marker = f'File "{path}", line '
    lines = [ln for ln in _last_dump(stderr) if marker in ln]
    if not lines:
        return None
    digits = lines[0].split(marker, 1)[1].split()[0]
    return int(digits) if digits.isdigit() else None


def _where_stuck(stderr: str) -> str:
    frames = _last_dump(stderr)
    if not frames:
        return ""
    return "where it was when stopped (most recent call first):\n" + "\n".join(frames)
