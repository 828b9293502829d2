"""A problem a contributor must fix, and the wording every module shares for it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .codes import CODES

# What a terminal would obey rather than show: control characters (ESC starts colours,
# cursor moves, OSC titles and hyperlinks), and the format characters that reorder text.
# A newline and a tab stay; everything else is shown as Python writes it: \x1b, \u202e.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL
                     "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi controls
                     "\u2028\u2029]")  # line and paragraph separators


def for_terminal(text: str) -> str:
    """Text from a snippet (its output, its stderr, a traceback) made safe to print: every
    byte a terminal would act on is shown escaped. The one place the engine does this;
    every problem passes through it (Problem.__str__)."""
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


class At(NamedTuple):
    """Where a problem sits: a file, and the line in it where it has one."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Problem:
    """One thing a contributor must fix, said with where, what and how to fix it."""

    where: At | str  # a str is a file without a line; it is kept as At(path)
    code: str  # its code in codes.RULES: LC204
    message: str
    fix: str = ""
    example: str = ""
    framework: str = ""
    details: str = ""  # a traceback or a diff
    key: str = ""  # the manifest entry it is about, where code must tell which

    def __post_init__(self) -> None:
        if not isinstance(self.where, At):
            object.__setattr__(self, "where", At(str(self.where)))
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}: add it to codes.RULES")

    @property
    def path(self) -> str:
        return self.where.path

    @property
    def line(self) -> int | None:
        return self.where.line

    def __str__(self) -> str:
        tag = ", ".join(filter(None, [self.example, self.framework]))
        text = f"{self.where}: {self.code} " + (f"[{tag}] " if tag else "") + self.message
        if self.details:
            text += "\n" + indent(self.details.rstrip("\n"))
        if self.fix:
            text += f"\n  -> {self.fix}"
        return for_terminal(text)


def snippet_problem(snippet, where: At | str, code: str, message: str, fix: str = "",
                    details: str = "") -> Problem:
    """A problem of one snippet, tagged with its example and its framework's label."""
    return Problem(where, code, message, fix=fix, example=snippet.example,
                   framework=snippet.framework.label, details=details)


def rerun(example: str) -> str:
    """The fix that most problems end with: run the example again and approve it."""
    return f"run `make outputs NAMES={example}`"


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def format_problems(problems: list[Problem]) -> str:
    count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
    return f"{count}:\n\n" + "\n\n".join(str(p) for p in problems)
