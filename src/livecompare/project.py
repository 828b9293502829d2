"""Where things live in a project, what a snippet is, and the problems a check can report."""

from __future__ import annotations

import ast
import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Framework:
    key: str  # the file suffix: <slug>_<key>.py
    label: str  # the tab's title; linked tabs match on it
    runtime: str  # what its worker imports once: "torch", "tf", or "none" (plain Python)


# Order is tab order on the page.
FRAMEWORKS: dict[str, Framework] = {
    "torch": Framework("torch", "PyTorch", "torch"),
    "tf": Framework("tf", "TensorFlow", "tf"),
}

DEFAULT_TIMEOUT = 120.0
DEFAULT_RTOL = 1e-4
DEFAULT_ATOL = 1e-6
DEFAULT_AGREE_ATOL = 1e-5
DEFAULT_MEMORY = 2.0  # GB a snippet may allocate beyond what its worker holds; see worker.py
# The largest value each option takes: every limit finite, and a timer never overflows.
LARGEST = {"timeout": 3600.0, "rtol": 1.0, "atol": 1e6, "memory": 64.0}
UNITS = {"timeout": " s", "memory": " GB"}


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path | None = None

    @property
    def snippets_dir(self) -> Path:
        return self.root / "snippets"

    @property
    def pages_dir(self) -> Path:
        return self.docs_dir or self.root / "docs"

    @property
    def manifest_path(self) -> Path:
        return self.snippets_dir / "manifest.json"

    def relative(self, path: Path) -> str:
        """A path as a contributor types it: relative to the project root."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class Options:
    """Per-snippet settings, from a `# compare-options: key=value ...` line, and the values
    that must agree with the other side, from a `# compare-agree: name ... atol=...` line."""

    timeout: float = DEFAULT_TIMEOUT
    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    agree: tuple[str, ...] = ()  # module-level variables both sides must compute alike
    agree_atol: float = DEFAULT_AGREE_ATOL
    memory: float = DEFAULT_MEMORY  # GB


OPTIONS_LINE = re.compile(r"^#\s*compare-options:(.*)$")
AGREE_LINE = re.compile(r"^#\s*compare-agree:(.*)$")
ENGINE_LINES = (OPTIONS_LINE, AGREE_LINE)  # read by the engine, hidden on the page
NUMERIC_OPTIONS = ("timeout", "rtol", "atol", "memory")


class OptionsError(ValueError):
    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.reason = path, line, message


def _number(path: Path, line: int, key: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise OptionsError(path, line, f"{key} needs a number, not {raw!r}") from None
    if not math.isfinite(value):
        raise OptionsError(path, line, f"{key} needs a finite number, not {raw}")
    if value < 0 or (key in UNITS and value == 0):
        raise OptionsError(path, line, f"{key} must be positive, not {raw}")
    if value > LARGEST[key]:
        raise OptionsError(path, line, f"{key} must be at most "
                           f"{LARGEST[key]:g}{UNITS.get(key, '')}, not {raw}")
    return value


def parse_options(path: Path, source: str) -> Options:
    values: dict = {}
    for number, line in enumerate(source.splitlines(), start=1):
        text = line.strip()
        if match := OPTIONS_LINE.match(text):
            for item in match.group(1).split():
                key, sep, raw = item.partition("=")
                if key not in NUMERIC_OPTIONS or not sep:
                    known = ", ".join(f"{k}=..." for k in NUMERIC_OPTIONS)
                    raise OptionsError(path, number, f"unknown option {item!r}; use {known}")
                values[key] = _number(path, number, key, raw)
        elif match := AGREE_LINE.match(text):
            names = []
            for item in match.group(1).split():
                key, sep, raw = item.partition("=")
                if sep and key == "atol":
                    values["agree_atol"] = _number(path, number, key, raw)
                elif sep or not item.isidentifier():
                    raise OptionsError(path, number, f"{item!r} is neither a variable name "
                                       "nor atol=...; write `# compare-agree: logits loss "
                                       "atol=1e-5`")
                else:
                    names.append(item)
            if not names:
                raise OptionsError(path, number, "compare-agree names no variable; write "
                                   "`# compare-agree: logits loss atol=1e-5`")
            values["agree"] = tuple(names)
    return Options(**values)


@dataclass(frozen=True)
class Snippet:
    path: Path
    section: str
    slug: str
    framework: Framework

    @property
    def example(self) -> str:
        return f"{self.section}/{self.slug}"

    @property
    def key(self) -> str:
        """The manifest key, and the pytest id: section/<slug>_<framework>."""
        return f"{self.section}/{self.path.stem}"

    @property
    def out_path(self) -> Path:
        return self.path.with_suffix(".out")

    def figure_path(self, name: str) -> Path:
        """Where the approved copy of a picture the snippet wrote (`graph.svg`) lives:
        beside the snippet, as `<stem>.graph.svg`."""
        return self.path.with_name(f"{self.path.stem}.{name}")

    def figure_paths(self) -> list[Path]:
        return sorted(self.path.parent.glob(f"{self.path.stem}.*.svg"))

    def source(self) -> str:
        # Bytes that are not UTF-8 show as replacement characters; snippet_problems says so.
        return self.path.read_text(encoding="utf-8", errors="replace")

    def source_hash(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def options(self) -> Options:
        return parse_options(self.path, self.source())

    def display_source(self) -> str:
        """The code as the page shows it: without the engine's options line."""
        lines = [ln for ln in self.source().splitlines()
                 if not any(pattern.match(ln.strip()) for pattern in ENGINE_LINES)]
        return "\n".join(lines).strip("\n") + "\n"


def snippet_problems(project: Project, snippet: Snippet, where: str | None = None,
                     ) -> list[Problem]:
    """What stops a snippet from running at all: bytes that are not UTF-8, a syntax error,
    a bad `# compare-options:` or `# compare-agree:` line. Every command checks this first,
    so each says it the same way; `where` (a page's line) defaults to the snippet's line."""
    path = project.relative(snippet.path)
    rerun = f"then run `make outputs NAMES={snippet.example}`"
    tags = {"example": snippet.example, "framework": snippet.framework.label}

    def problem(line: int | None, message: str, fix: str) -> Problem:
        at = f"{path}:{line}" if line else path
        if where is None:
            return Problem(at, message, fix=fix, **tags)
        return Problem(where, f"{at}: {message}", fix=fix, **tags)

    data = snippet.path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return [problem(line, "the file is not UTF-8 text", f"save it as UTF-8, {rerun}")]
    try:
        ast.parse(text, filename=path)
    except (SyntaxError, ValueError) as error:  # ValueError: a NUL byte in the source
        line = getattr(error, "lineno", None)
        return [problem(line, f"the snippet does not parse: {type(error).__name__}: "
                        f"{getattr(error, 'msg', error)}", f"fix that line, {rerun}")]
    try:
        parse_options(snippet.path, text)
    except OptionsError as error:
        return [problem(error.line, error.reason, f"fix the comment line, {rerun}")]
    return []


@dataclass
class Example:
    name: str  # section/slug
    snippets: dict[str, Snippet] = field(default_factory=dict)  # framework key -> snippet

    @property
    def complete(self) -> bool:
        return set(self.snippets) == set(FRAMEWORKS)


@dataclass(frozen=True)
class Problem:
    """One thing a contributor must fix, said with where, what and how to fix it."""

    where: str  # "path:line" or "path"
    message: str
    fix: str = ""
    example: str = ""
    framework: str = ""
    details: str = ""  # a traceback or a diff

    def __str__(self) -> str:
        tag = ", ".join(filter(None, [self.example, self.framework]))
        text = f"{self.where}: " + (f"[{tag}] " if tag else "") + self.message
        if self.details:
            text += "\n" + _indent(self.details.rstrip("\n"))
        if self.fix:
            text += f"\n  -> {self.fix}"
        return text


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def format_problems(problems: list[Problem]) -> str:
    count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
    return f"{count}:\n\n" + "\n\n".join(str(p) for p in problems)
