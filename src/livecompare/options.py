"""A snippet's own settings: its `# compare-options:`, `# compare-agree:` and
`# compare-differs:` lines."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TIMEOUT = 120.0
DEFAULT_RTOL = 1e-4
DEFAULT_ATOL = 1e-6
DEFAULT_AGREE_ATOL = 1e-5
DEFAULT_MEMORY = 2.0  # GB a snippet may allocate beyond what its worker holds; see job.py
# The values each option takes, smallest and largest: every limit finite, a timer never
# overflows, and a time limit leaves the worker a moment to start the snippet at all.
RANGES = {"timeout": (1.0, 3600.0), "rtol": (0.0, 1.0), "atol": (0.0, 1e6),
          "memory": (0.1, 64.0)}
UNITS = {"timeout": " s", "memory": " GB"}


def allowed(key: str) -> str:
    """The range of an option, as messages say it: "from 1 to 3600 s"."""
    low, high = RANGES[key]
    return f"from {low:g} to {high:g}{UNITS.get(key, '')}"


def raised(key: str, value: float) -> str:
    """An option line that raises a limit to about `value`, kept within its range (a
    suggestion that is itself refused would send a contributor round in circles)."""
    low, high = RANGES[key]
    value = min(max(value, low), high)
    shown = f"{math.ceil(value)}" if key == "timeout" else f"{value:g}"
    return f"{key}={shown}"


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
    # Why the tabs show different things, from a `# compare-differs: reason` line; a
    # pair declares this or `# compare-agree:` (declarations.py checks it).
    differs: str = ""
    agree_line: int = 0  # the line of each declaration, 0 when there is none
    differs_line: int = 0


OPTIONS_LINE = re.compile(r"^#\s*compare-options:(.*)$")
AGREE_LINE = re.compile(r"^#\s*compare-agree:(.*)$")
DIFFERS_LINE = re.compile(r"^#\s*compare-differs:(.*)$")
# read by the engine, hidden on the page
ENGINE_LINES = (OPTIONS_LINE, AGREE_LINE, DIFFERS_LINE)
NUMERIC_OPTIONS = ("timeout", "rtol", "atol", "memory")
AGREE_EXAMPLE = "write `# compare-agree: logits loss atol=1e-5`"
DIFFERS_EXAMPLE = ("write `# compare-differs: the two tabs show each framework's own "
                   "error message`")


class OptionsError(ValueError):
    def __init__(self, path: Path, line: int, message: str, code: str = "LC102"):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.reason, self.code = path, line, message, code


def _number(path: Path, line: int, key: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise OptionsError(path, line, f"{key} needs a number, not {raw!r}") from None
    if not math.isfinite(value):
        raise OptionsError(path, line, f"{key} needs a finite number, not {raw}")
    low, high = RANGES[key]
    if not low <= value <= high:
        raise OptionsError(path, line, f"{key} must be {allowed(key)}, not {raw}")
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
                                       f"nor atol=...; {AGREE_EXAMPLE}", "LC401")
                else:
                    names.append(item)
            if not names:
                raise OptionsError(path, number, f"compare-agree names no variable; "
                                   f"{AGREE_EXAMPLE}", "LC401")
            values["agree"] = tuple(names)
            values["agree_line"] = number
        elif match := DIFFERS_LINE.match(text):
            reason = " ".join(match.group(1).split())
            if not reason:
                raise OptionsError(path, number, f"compare-differs gives no reason; "
                                   f"{DIFFERS_EXAMPLE}", "LC407")
            values["differs"], values["differs_line"] = reason, number
    return Options(**values)


def without_engine_lines(source: str) -> str:
    """The code as the page shows it: without the engine's own comment lines."""
    lines = [ln for ln in source.replace("\r\n", "\n").split("\n")  # U+2028 is no line end
             if not any(pattern.match(ln.strip()) for pattern in ENGINE_LINES)]
    return "\n".join(lines).strip("\n") + "\n"
