"""Where things live in a project, and what a snippet and an example are.

A Snippet reads its file once, when it is found: its options are parsed then, and what
stops it from running at all (bytes that are not UTF-8, a syntax error, a bad options
line) is kept as its `fault`, which every command reports the same way.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .frameworks import FRAMEWORKS, Framework, project_frameworks
from .options import Options, OptionsError, parse_options, without_engine_lines
from .problems import At, Problem, format_problems, rerun, snippet_problem

__all__ = ["FRAMEWORKS", "Example", "Fault", "Framework", "Options", "OptionsError", "Problem",
           "Project", "Snippet", "format_problems", "parse_options", "snippet_problems"]


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path | None = None

    @property
    def frameworks(self) -> dict[str, Framework]:
        """Its frameworks in tab order: FRAMEWORKS, or what its livecompare.toml declares."""
        return project_frameworks(self.root)

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
        """A path as a contributor types it: relative to the project root (a symbolic
        link is named as itself, not as what it points to)."""
        try:
            full = path.parent.resolve() / path.name if path.name else path.resolve()
            return full.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


VANISHED = ("the file vanished after it was found (deleted while this command ran, or a "
            "symbolic link to nothing)")


@dataclass(frozen=True)
class Fault:
    """Why a snippet cannot run at all, found when its file was read."""

    line: int | None
    code: str  # its problem code in codes.RULES
    message: str
    fix: str  # what to do, before "then run make outputs"


def _read(path: Path) -> tuple[Options, Fault | None]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # found a moment ago: deleted since, or a dangling link
        return Options(), Fault(None, "LC109", VANISHED, "restore it (`git checkout -- FILE`), or "
                                "delete the rest of the pair")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return Options(), Fault(line, "LC101", "the file is not UTF-8 text", "save it as UTF-8")
    try:
        ast.parse(text, filename=str(path))
    except (SyntaxError, ValueError) as error:  # ValueError: a NUL byte in the source
        return Options(), Fault(getattr(error, "lineno", None), "LC101",
                                f"the snippet does not parse: {type(error).__name__}: "
                                f"{getattr(error, 'msg', error)}", "fix that line")
    try:
        return parse_options(path, text), None
    except OptionsError as error:
        return Options(), Fault(error.line, error.code, error.reason, "fix the comment line")


@dataclass(frozen=True)
class Snippet:
    path: Path
    section: str
    slug: str
    framework: Framework
    options: Options = field(init=False, compare=False, repr=False)
    fault: Fault | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        options, fault = _read(self.path)
        object.__setattr__(self, "options", options)
        object.__setattr__(self, "fault", fault)

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
        # Bytes that are not UTF-8 show as replacement characters; its fault says so.
        try:
            return self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:  # deleted since it was found: approval_problem says so
            return ""

    def source_hash(self) -> str:
        """The hash of the file now; "" when it is gone (so no approval matches it)."""
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except FileNotFoundError:
            return ""

    def display_source(self) -> str:
        """The code as the page shows it: without the engine's options line."""
        return without_engine_lines(self.source())

    @property
    def declares_agree(self) -> bool:
        return bool(self.options.agree)


def snippet_problems(project: Project, snippet: Snippet, where: At | None = None,
                     ) -> list[Problem]:
    """What stops a snippet from running at all, said the same way by every command;
    `where` (a page's line) defaults to the snippet's line."""
    fault = snippet.fault
    if fault is None:
        return []
    path = project.relative(snippet.path)
    at = At(path, fault.line)
    fix = f"{fault.fix}, then {rerun(snippet.example)}"
    if where is None:
        return [snippet_problem(snippet, at, fault.code, fault.message, fix)]
    return [snippet_problem(snippet, where, fault.code, f"{at}: {fault.message}", fix)]


@dataclass
class Example:
    """One example: a side per framework of its project, each a snippet."""

    name: str  # section/slug
    snippets: dict[str, Snippet] = field(default_factory=dict)  # framework key -> snippet
    frameworks: tuple[str, ...] = ()  # the project's framework keys; () means FRAMEWORKS

    @property
    def expected(self) -> tuple[str, ...]:
        return self.frameworks or tuple(FRAMEWORKS)

    @property
    def sides(self) -> dict[str, Snippet]:
        """Its snippets by framework key, in the project's tab order."""
        return {key: self.snippets[key] for key in self.expected if key in self.snippets}

    @property
    def complete(self) -> bool:
        return set(self.snippets) == set(self.expected)
