"""Approved outputs: the `.out` files, the manifest beside them, and comparing a fresh run.

Text must match exactly, except for spaces: a run of spaces counts as one, and spaces
beside a number are padding (NumPy shifts its columns when a sign or a width changes).
Numbers match within a relative and an absolute tolerance.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import math
import re
from dataclasses import dataclass

from .project import Options, Problem, Project, Snippet

MANIFEST_FORMAT = 1
# A number not glued to a word or a version string: "float32" and "2.13.0" stay text.
NUMBER = re.compile(
    r"(?<![\w.])[-+]?(?:(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf)(?!\w)(?!\.\d)"
)


# ---------------------------------------------------------------- the manifest


def load_manifest(project: Project) -> dict[str, dict]:
    """Snippet key -> {sha256, versions, python, seconds, verified}."""
    path = project.manifest_path
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"{path}: unknown manifest format {data.get('format')!r}; "
                         "run `make outputs ALL=1` to write it anew")
    return data["snippets"]


def save_manifest(project: Project, entries: dict[str, dict]) -> None:
    data = {"format": MANIFEST_FORMAT, "snippets": dict(sorted(entries.items()))}
    project.manifest_path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def manifest_entry(snippet: Snippet, versions: dict[str, str], python: str,
                   seconds: float) -> dict:
    return {
        "sha256": snippet.source_hash(),
        "versions": versions,
        "python": python,
        "seconds": round(seconds, 3),
        "verified": _dt.date.today().isoformat(),
    }


def read_approved(snippet: Snippet) -> str | None:
    if not snippet.out_path.exists():
        return None
    return snippet.out_path.read_text(encoding="utf-8")


def write_approved(snippet: Snippet, stdout: str) -> None:
    snippet.out_path.write_text(stdout, encoding="utf-8")


def is_stale(snippet: Snippet, manifest: dict[str, dict]) -> bool:
    """True when the snippet changed since its output was approved (or never was)."""
    entry = manifest.get(snippet.key)
    return entry is None or entry.get("sha256") != snippet.source_hash()


def approval_problem(project: Project, snippet: Snippet, manifest: dict[str, dict],
                     where: str) -> Problem | None:
    """Why the snippet's output is not an approved one: missing, or made from older code."""
    fix = f"run `make outputs NAMES={snippet.example}` and commit the .out it writes"
    if read_approved(snippet) is None:
        message = f"no approved output {project.relative(snippet.out_path)}"
    elif is_stale(snippet, manifest):
        message = (f"{project.relative(snippet.path)} changed since its output was approved "
                   "(stale output)")
    else:
        return None
    return Problem(where, message, example=snippet.example,
                   framework=snippet.framework.label, fix=fix)


# ---------------------------------------------------------------- comparison


@dataclass(frozen=True)
class Mismatch:
    line: int  # 1-based, in the approved output
    approved: str
    fresh: str
    reason: str


def _split(line: str) -> tuple[list[str], list[str]]:
    """A line as (text between numbers, numbers); text has one more item than numbers."""
    texts, numbers, last = [], [], 0
    for match in NUMBER.finditer(line):
        texts.append(line[last:match.start()])
        numbers.append(match.group())
        last = match.end()
    texts.append(line[last:])
    texts = [re.sub(r" +", " ", t) for t in texts]
    # Spaces beside a number are padding, which changes with the number's width.
    texts = [t.lstrip(" ") if i > 0 else t for i, t in enumerate(texts)]
    texts = [t.rstrip(" ") if i < len(numbers) else t for i, t in enumerate(texts)]
    return texts, numbers


def _numbers_close(a: str, b: str, rtol: float, atol: float) -> bool:
    x, y = float(a), float(b)
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= atol + rtol * abs(x)


def compare(approved: str, fresh: str, options: Options | None = None) -> list[Mismatch]:
    """Every line where a fresh output differs from the approved one beyond tolerance."""
    options = options or Options()
    old_lines, new_lines = approved.splitlines(), fresh.splitlines()
    mismatches: list[Mismatch] = []
    for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        old_text, old_nums = _split(old)
        new_text, new_nums = _split(new)
        if old_text != new_text or len(old_nums) != len(new_nums):
            mismatches.append(Mismatch(number, old, new, "text differs"))
            continue
        for a, b in zip(old_nums, new_nums, strict=True):
            if not _numbers_close(a, b, options.rtol, options.atol):
                mismatches.append(Mismatch(
                    number, old, new,
                    f"{a} vs {b} is outside rtol={options.rtol:g}, atol={options.atol:g}"))
                break
    if len(old_lines) != len(new_lines):
        number = min(len(old_lines), len(new_lines)) + 1
        mismatches.append(Mismatch(
            number, _line(old_lines, number), _line(new_lines, number),
            f"the approved output has {len(old_lines)} lines, the fresh one {len(new_lines)}"))
    return mismatches


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if number <= len(lines) else "<no line>"


def explain(approved: str, fresh: str, mismatches: list[Mismatch], name: str) -> str:
    """A readable report: the first mismatches with reasons, then a unified diff."""
    lines = []
    for m in mismatches[:5]:
        lines.append(f"line {m.line}: {m.reason}")
        lines.append(f"  approved: {m.approved}")
        lines.append(f"  fresh:    {m.fresh}")
    if len(mismatches) > 5:
        lines.append(f"... and {len(mismatches) - 5} more differing lines")
    diff = difflib.unified_diff(approved.splitlines(), fresh.splitlines(),
                                fromfile=f"{name} (approved)", tofile=f"{name} (fresh run)",
                                lineterm="", n=2)
    return "\n".join(lines + [""] + list(diff))

