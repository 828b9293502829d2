"""Approved outputs: the `.out` files, the manifest beside them, and comparing a fresh run.

Text must match exactly, except for spaces: a run of spaces counts as one, and spaces
beside a number are padding (NumPy shifts its columns when a sign or a width changes).
Numbers match within a relative and an absolute tolerance.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import difflib
import fcntl
import json
import math
import os
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
    path = project.manifest_path
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)  # a reader never sees half a file


@contextlib.contextmanager
def manifest_lock(project: Project):
    """Held while reading, changing and writing the manifest, so that two `make outputs`
    (or `make live` beside one) never drop each other's entries."""
    lock_path = project.snippets_dir / ".manifest.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def update_manifest(project: Project, entries: dict[str, dict],
                    drop: frozenset[str] | set[str] = frozenset()) -> None:
    """Write these entries and drop those keys, keeping whatever else is there now."""
    with manifest_lock(project):
        manifest = load_manifest(project)
        for key in drop:
            manifest.pop(key, None)
        manifest.update(entries)
        save_manifest(project, manifest)


def manifest_entry(snippet: Snippet, versions: dict[str, str], python: str,
                   seconds: float, figures: list[str] = (), agree: dict | None = None) -> dict:
    entry = {
        "sha256": snippet.source_hash(),
        "versions": versions,
        "python": python,
        "seconds": round(seconds, 3),
        "verified": _dt.date.today().isoformat(),
    }
    if figures:
        entry["figures"] = sorted(figures)
    if agree:
        entry["agree"] = agree
    return entry


def read_approved(snippet: Snippet) -> str | None:
    if not snippet.out_path.exists():
        return None
    return snippet.out_path.read_text(encoding="utf-8")


def write_approved(snippet: Snippet, stdout: str) -> None:
    snippet.out_path.write_text(stdout, encoding="utf-8")


def write_figures(snippet: Snippet, figures: dict[str, str]) -> list[str]:
    """Keep the pictures of a fresh run beside the snippet, and drop the ones it no longer
    draws (they are the engine's files, never a contributor's). Returns the changed names."""
    changed = []
    for name, text in figures.items():
        path = snippet.figure_path(name)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    keep = {snippet.figure_path(name) for name in figures}
    for path in snippet.figure_paths():
        if path not in keep:
            path.unlink()
            changed.append(path.name)
    return changed


def missing_figures(snippet: Snippet, manifest: dict[str, dict]) -> list[str]:
    """Figures the manifest approved for this snippet whose files are gone."""
    return [name for name in manifest.get(snippet.key, {}).get("figures", [])
            if not snippet.figure_path(name).exists()]


def missing_figure_problem(project: Project, snippet: Snippet, name: str,
                           where: str) -> Problem:
    path = project.relative(snippet.figure_path(name))
    return Problem(where, f"approved figure is missing: {path}", example=snippet.example,
                   framework=snippet.framework.label,
                   fix=f"run `make outputs NAMES={snippet.example}`")


SVG_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)


def figure_texts(svg: str) -> list[str]:
    """What a picture says: its text labels. Coordinates may shift from one Graphviz to
    the next; the labels are what a reader reads."""
    return [" ".join(t.split()) for t in SVG_TEXT.findall(svg)]


def figure_mismatch(snippet: Snippet, figures: dict[str, str], approved: list[str]) -> str:
    """Why a fresh run's pictures differ from the approved ones, or ''."""
    if sorted(figures) != sorted(approved):
        return (f"the snippet now writes {sorted(figures) or 'no figure'}, "
                f"the approved figures are {sorted(approved) or 'none'}")
    for name, svg in sorted(figures.items()):
        path = snippet.figure_path(name)
        if not path.exists():
            return f"the approved figure {path.name} is missing"
        old, new = figure_texts(path.read_text(encoding="utf-8")), figure_texts(svg)
        if old != new:
            diff = difflib.unified_diff(old, new, "approved", "fresh", lineterm="", n=1)
            return f"the labels of {name} changed:\n" + "\n".join(diff)
    return ""


# ------------------------------------------------------------- agreement of the two tabs


@dataclass
class Agreement:
    names: list[str]
    atol: float
    max_diff: float
    failures: list[str]  # one explanation per variable that disagrees

    @property
    def ok(self) -> bool:
        return not self.failures

    def record(self) -> dict:
        return {"names": self.names, "atol": self.atol, "max_diff": self.max_diff}


def _show(value: dict) -> str:
    data = value["data"]
    shown = ", ".join(f"{x:.6g}" for x in data[:12]) + (", ..." if len(data) > 12 else "")
    return f"shape {tuple(value['shape'])}: [{shown}]"


def agreement(names: list[str], atol: float, sides: dict[str, dict[str, dict]]) -> Agreement:
    """Compare each named value between the two sides ({label: {name: value}})."""
    (label_a, a), (label_b, b) = sides.items()
    largest, failures = 0.0, []
    for name in names:
        va, vb = a[name], b[name]
        if va["shape"] != vb["shape"]:
            failures.append(f"{name}: the shapes differ\n  {label_a}: {_show(va)}\n"
                            f"  {label_b}: {_show(vb)}")
            continue
        diffs = [abs(x - y) if not (math.isnan(x) and math.isnan(y)) else 0.0
                 for x, y in zip(va["data"], vb["data"], strict=True)]
        worst = max(diffs, default=0.0)
        if math.isnan(worst) or worst > atol:
            at = max(range(len(diffs)), key=lambda i: (math.isnan(diffs[i]), diffs[i]))
            failures.append(f"{name}: differs by {worst:.3g} (allowed {atol:g}) at flat index "
                            f"{at}\n  {label_a}: {_show(va)}\n  {label_b}: {_show(vb)}")
        else:
            largest = max(largest, worst)
    return Agreement(list(names), atol, largest, failures)


def agreement_line(record: dict) -> str:
    """The sentence under a pair whose tabs were checked to compute the same values."""
    names = ", ".join(f"`{n}`" for n in record["names"])
    tol = f"{record['atol']:.0e}".replace("e-0", "e-").replace("e+0", "e")
    return (f"Both tabs agree within {tol} on {names} (largest difference "
            f"{record['max_diff']:.1e}), checked by `make test`.")


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

