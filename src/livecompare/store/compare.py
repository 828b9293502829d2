"""Comparing a fresh run with its approved output, and the tabs of an example with each other.

Text must match exactly, except for spaces: a run of spaces counts as one, and spaces
beside a number are padding (NumPy shifts its columns when a sign or a width changes).
Numbers match within a relative and an absolute tolerance.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

from ..options import Options
from .manifest import Agreed

# A number not glued to a word or a version string: "float32" and "2.13.0" stay text.
NUMBER = re.compile(
    r"(?<![\w.])[-+]?(?:(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf)(?!\w)(?!\.\d)"
)


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



# ------------------------------------------------------------------ agreement of the tabs


@dataclass
class Agreement:
    names: list[str]
    atol: float
    max_diff: float
    failures: list[str]  # one explanation per variable that disagrees
    nonfinite: int = 0  # values that are NaN or infinite on both sides, at the same places

    @property
    def ok(self) -> bool:
        return not self.failures

    def record(self) -> Agreed:
        return Agreed(self.names, self.atol, self.max_diff, self.nonfinite)


def _show(value: dict) -> str:
    data = value["data"]
    shown = ", ".join(f"{x:.6g}" for x in data[:12]) + (", ..." if len(data) > 12 else "")
    return f"shape {tuple(value['shape'])}: [{shown}]"


def _elementwise(x: float, y: float) -> tuple[bool, float]:
    """(agree, difference) of one pair of numbers. NaN agrees only with NaN and an infinity
    only with the same infinity; their difference is 0, a disagreeing pair's is inf."""
    if math.isnan(x) or math.isnan(y) or math.isinf(x) or math.isinf(y):
        same = (math.isnan(x) and math.isnan(y)) or x == y
        return same, 0.0 if same else math.inf
    return True, abs(x - y)


def agreement(names: list[str], atol: float, sides: dict[str, dict[str, dict]]) -> Agreement:
    """Compare each named value between the sides ({label: {name: value}}), each side
    against the first, so any number of frameworks agree or not; NaN- and inf-aware: a NaN
    or an infinity must stand at the same place, as the same value."""
    (first, a), *others = sides.items()
    largest, nonfinite, failures = 0.0, 0, []
    for name in names:
        va = a.get(name)
        gave = [label for label, values in sides.items() if values.get(name) is not None]
        if len(gave) < len(sides):  # a side that ran without handing it back
            failures.append(f"{name}: only {', '.join(gave)} handed it back" if gave
                            else f"{name}: {'neither' if len(sides) == 2 else 'no'} side "
                                 "handed it back")
            continue
        agreed = True
        for label, b in others:
            failure, checked = _agree_one(name, atol, (first, va), (label, b[name]))
            if failure:
                failures.append(failure)
                agreed = False
            else:
                largest = max([largest] + [diff for _, diff in checked])
        if agreed:
            nonfinite += sum(1 for x in va["data"] if not math.isfinite(x))
    return Agreement(list(names), atol, largest, failures, nonfinite)


def _agree_one(name: str, atol: float, side_a: tuple[str, dict], side_b: tuple[str, dict],
               ) -> tuple[str, list[tuple[bool, float]]]:
    """One value on two sides: (why they disagree, or "", each element's (agree, diff))."""
    (label_a, va), (label_b, vb) = side_a, side_b
    if va["shape"] != vb["shape"]:
        return (f"{name}: the shapes differ\n  {label_a}: {_show(va)}\n"
                f"  {label_b}: {_show(vb)}"), []
    pairs = list(zip(va["data"], vb["data"], strict=True))
    checked = [_elementwise(x, y) for x, y in pairs]
    bad = [i for i, (same, diff) in enumerate(checked) if not same or diff > atol]
    if not bad:
        return "", checked
    at = max(bad, key=lambda i: checked[i][1])  # a NaN or inf mismatch first
    x, y = pairs[at]
    how = (f"{x!r} against {y!r}" if not checked[at][0]
           else f"differs by {checked[at][1]:.3g} (allowed {atol:g})")
    return (f"{name}: {how} at flat index {at} ({len(bad)} of {len(pairs)} "
            f"values disagree)\n  {label_a}: {_show(va)}\n"
            f"  {label_b}: {_show(vb)}"), checked


def agreement_line(record: Agreed) -> str:
    """One sentence of what a check of the tabs found (CI's summary of a change)."""
    names = ", ".join(f"`{n}`" for n in record.names)
    tol = f"{record.atol:.0e}".replace("e-0", "e-").replace("e+0", "e")
    same = (f"; {record.nonfinite} NaN or infinite values stand at the same places on both "
            "sides" if record.nonfinite else "")
    return (f"Both tabs agree within {tol} on {names} (largest difference "
            f"{record.max_diff:.1e}{same}).")
