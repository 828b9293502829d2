"""Where things live in a project, what a snippet is, and the problems a check can report."""

from __future__ import annotations

import hashlib
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


OPTIONS_LINE = re.compile(r"^#\s*compare-options:(.*)$")
AGREE_LINE = re.compile(r"^#\s*compare-agree:(.*)$")
ENGINE_LINES = (OPTIONS_LINE, AGREE_LINE)  # read by the engine, hidden on the page
NUMERIC_OPTIONS = ("timeout", "rtol", "atol")


class OptionsError(ValueError):
    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line = path, line


def _number(path: Path, line: int, key: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise OptionsError(path, line, f"{key} needs a number, not {raw!r}") from None
    if value < 0 or (key == "timeout" and value == 0):
        raise OptionsError(path, line, f"{key} must be positive, not {raw}")
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
        return self.path.read_text(encoding="utf-8")

    def source_hash(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def options(self) -> Options:
        return parse_options(self.path, self.source())

    def display_source(self) -> str:
        """The code as the page shows it: without the engine's options line."""
        lines = [ln for ln in self.source().splitlines()
                 if not any(pattern.match(ln.strip()) for pattern in ENGINE_LINES)]
        return "\n".join(lines).strip("\n") + "\n"


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
