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
import hashlib
import json
import math
import os
import re
import signal
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from .project import Options, Problem, Project, Snippet

MANIFEST_FORMAT = 1
# A number not glued to a word or a version string: "float32" and "2.13.0" stay text.
NUMBER = re.compile(
    r"(?<![\w.])[-+]?(?:(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf)(?!\w)(?!\.\d)"
)


# ---------------------------------------------------------------- writing files


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(path: Path, text: str) -> None:
    """Write a file so that a reader, a crash or a Ctrl-C finds the old file or the new one,
    never half of one: a temporary file beside it, flushed to disk, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial",
                                         dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)


@contextlib.contextmanager
def interrupts_deferred():
    """Ctrl-C waits until the block ends, so the approved files and the manifest that
    records their hashes are written together or not at all."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None
                      else signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


# ---------------------------------------------------------------- the manifest


class ManifestError(ValueError):
    """snippets/manifest.json as a whole cannot be read; the problem says where and why."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


REWRITE = "or write it anew from fresh runs with `make outputs ALL=1`"
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)")
# What each entry holds: the field, its type, and whether every entry must have it.
ENTRY_FIELDS = {"sha256": (str, True), "versions": (dict, True), "python": (str, True),
                "seconds": ((int, float), True), "verified": (str, True),
                "out_sha256": (str, False), "figures": (list, False),
                "figure_sha256": (dict, False), "agree": (dict, False)}


def _read_raw(project: Project) -> dict:
    """The manifest's JSON, checked as a whole: {"format": 1, "snippets": {...}}."""
    path = project.manifest_path
    where = project.relative(path)
    if not path.exists():
        return {"format": MANIFEST_FORMAT, "snippets": {}}
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    conflict = next((n for n, line in enumerate(lines, start=1)
                     if CONFLICT_MARKER.match(line)), None)
    if conflict:
        raise ManifestError(Problem(
            f"{where}:{conflict}", "merge-conflict markers in the manifest",
            fix="take one side whole (`git checkout --ours snippets/manifest.json` or "
                "`--theirs`), then run `make outputs`: it re-runs every snippet whose entry "
                f"does not match its files; {REWRITE}"))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ManifestError(Problem(
            f"{where}:{error.lineno}", f"the manifest is not valid JSON ({error.msg}, "
            f"column {error.colno}); was it cut short?",
            fix=f"restore it with `git checkout snippets/manifest.json`, {REWRITE}")) from None
    if not isinstance(data, dict) or not isinstance(data.get("snippets"), dict):
        raise ManifestError(Problem(
            where, 'the manifest must be a JSON object with "format" and "snippets"',
            fix=f"restore it with `git checkout snippets/manifest.json`, {REWRITE}"))
    if data.get("format") != MANIFEST_FORMAT:
        raise ManifestError(Problem(
            where, f"unknown manifest format {data.get('format')!r}",
            fix="run `make outputs ALL=1` to write it anew"))
    return data


def _entry_fault(entry) -> str:
    """Why a manifest entry cannot be used, or ''."""
    if not isinstance(entry, dict):
        return f"it is a {type(entry).__name__}, not an object"
    for name, (kind, required) in ENTRY_FIELDS.items():
        if name not in entry:
            if required:
                return f"it has no {name!r}"
        elif not isinstance(entry[name], kind) or isinstance(entry[name], bool):
            return f"its {name!r} is a {type(entry[name]).__name__}"
    if not all(isinstance(v, str) for v in entry["versions"].values()):
        return "its 'versions' must map module names to version strings"
    if not all(isinstance(name, str) for name in entry.get("figures", [])):
        return "its 'figures' must be a list of file names"
    agree = entry.get("agree")
    if agree is not None and not (isinstance(agree.get("names"), list) and all(
            isinstance(agree.get(k), (int, float)) for k in ("atol", "max_diff"))):
        return "its 'agree' needs names, atol and max_diff"
    return ""


def read_manifest(project: Project) -> tuple[dict[str, dict], list[Problem]]:
    """The usable entries (snippet key -> {sha256, out_sha256, versions, python, seconds,
    verified, ...}) and a problem for each entry that is not usable. An unusable entry
    counts as missing, so `make outputs` runs its snippet again and writes it anew.
    Raises ManifestError when the file as a whole cannot be read."""
    data = _read_raw(project)
    lines = project.manifest_path.read_text(encoding="utf-8").splitlines() if (
        project.manifest_path.exists()) else []
    entries, problems = {}, []
    for key, entry in data["snippets"].items():
        fault = _entry_fault(entry)
        if not fault:
            entries[key] = entry
            continue
        line = next((n for n, text in enumerate(lines, start=1)
                     if text.strip().startswith(json.dumps(key) + ":")), None)
        where = project.relative(project.manifest_path) + (f":{line}" if line else "")
        problems.append(Problem(where, f"entry {key!r} is not usable: {fault}",
                                fix="run `make outputs`, which runs that snippet again and "
                                    "writes its entry anew"))
    return entries, problems


def load_manifest(project: Project) -> dict[str, dict]:
    """The usable entries; raises ManifestError when the file cannot be read at all."""
    return read_manifest(project)[0]


def save_manifest(project: Project, entries: dict[str, dict]) -> None:
    data = {"format": MANIFEST_FORMAT, "snippets": dict(sorted(entries.items()))}
    write_atomically(project.manifest_path, json.dumps(data, indent=2) + "\n")


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
                    drop: frozenset[str] | set[str] = frozenset(), anew: bool = False) -> None:
    """Write these entries and drop those keys, keeping whatever else is there now (an
    unusable entry too: it stays reported until its snippet runs again). `anew` starts
    from nothing when the file cannot be read (`make outputs ALL=1`)."""
    with manifest_lock(project):
        try:
            manifest = _read_raw(project)["snippets"]
        except ManifestError:
            if not anew:
                raise
            manifest = {}
        for key in drop:
            manifest.pop(key, None)
        manifest.update(entries)
        save_manifest(project, manifest)


def manifest_entry(snippet: Snippet, versions: dict[str, str], python: str,
                   seconds: float, figures: list[str] = (), agree: dict | None = None,
                   source_sha256: str | None = None) -> dict:
    """A snippet's entry: the hash of the source that ran (by default, of the file now),
    and the hashes of its approved output and figures as they are on disk."""
    entry = {
        "sha256": source_sha256 or snippet.source_hash(),
        "versions": versions,
        "python": python,
        "seconds": round(seconds, 3),
        "verified": _dt.date.today().isoformat(),
    }
    if snippet.out_path.exists():
        entry["out_sha256"] = sha256(snippet.out_path.read_bytes())
    if figures:
        entry["figures"] = sorted(figures)
        entry["figure_sha256"] = {name: sha256(snippet.figure_path(name).read_bytes())
                                  for name in sorted(figures)
                                  if snippet.figure_path(name).exists()}
    if agree:
        entry["agree"] = agree
    return entry


def read_approved(snippet: Snippet) -> str | None:
    if not snippet.out_path.exists():
        return None
    return snippet.out_path.read_text(encoding="utf-8", errors="replace")


def write_approved(snippet: Snippet, stdout: str) -> None:
    write_atomically(snippet.out_path, stdout)


def write_figures(snippet: Snippet, figures: dict[str, str]) -> list[str]:
    """Keep the pictures of a fresh run beside the snippet, and drop the ones it no longer
    draws (they are the engine's files, never a contributor's). Returns the changed names."""
    changed = []
    for name, text in figures.items():
        path = snippet.figure_path(name)
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):
            write_atomically(path, text)
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


def altered_files(snippet: Snippet, manifest: dict[str, dict]) -> list[Path]:
    """Approved files (the .out, the figures) whose bytes are not the ones the manifest
    recorded: cut short, edited by hand, or written by an engine that kept no hash."""
    entry = manifest.get(snippet.key)
    if entry is None:
        return []
    altered = []
    recorded = {snippet.out_path: entry.get("out_sha256")}
    recorded.update({snippet.figure_path(name): entry.get("figure_sha256", {}).get(name)
                     for name in entry.get("figures", [])})
    for path, digest in recorded.items():
        if path.exists() and sha256(path.read_bytes()) != digest:
            altered.append(path)
    return altered


def missing_figure_problem(project: Project, snippet: Snippet, name: str,
                           where: str) -> Problem:
    path = project.relative(snippet.figure_path(name))
    return Problem(where, f"approved figure is missing: {path}", example=snippet.example,
                   framework=snippet.framework.label,
                   fix=f"run `make outputs NAMES={snippet.example}`")


def altered_file_problem(project: Project, snippet: Snippet, path: Path,
                         manifest: dict[str, dict], where: str) -> Problem:
    entry = manifest.get(snippet.key, {})
    recorded = (entry.get("out_sha256") if path == snippet.out_path
                else entry.get("figure_sha256", {}).get(path.name.split(".", 1)[1]))
    why = ("its bytes differ from the hash recorded in" if recorded else "no hash of it in")
    return Problem(where, f"{project.relative(path)} is not the approved file: {why} "
                   f"{project.relative(project.manifest_path)} (cut short, edited by hand, "
                   "or approved before hashes were kept)", example=snippet.example,
                   framework=snippet.framework.label,
                   fix=f"run `make outputs NAMES={snippet.example}`, which writes it from a "
                       "fresh run; never edit an approved file by hand")


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
        va, vb = a.get(name), b.get(name)
        if va is None or vb is None:  # a side that ran without handing it back
            gave = [label for label, v in ((label_a, va), (label_b, vb)) if v is not None]
            failures.append(f"{name}: only {gave[0]} handed it back" if gave
                            else f"{name}: neither side handed it back")
            continue
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


def needs_run(snippet: Snippet, manifest: dict[str, dict], versions: dict[str, str]) -> bool:
    """What `make outputs` re-runs: a changed snippet, a missing or altered approved file,
    or one made with other framework versions."""
    return (is_stale(snippet, manifest) or read_approved(snippet) is None
            or bool(missing_figures(snippet, manifest) or altered_files(snippet, manifest))
            or manifest[snippet.key].get("versions") != versions)


def approval_problem(project: Project, snippet: Snippet, manifest: dict[str, dict],
                     where: str) -> Problem | None:
    """Why the snippet's output is not an approved one: missing, made from older code,
    or not the bytes that were approved."""
    fix = f"run `make outputs NAMES={snippet.example}` and commit the .out it writes"
    if read_approved(snippet) is None:
        message = f"no approved output {project.relative(snippet.out_path)}"
    elif snippet.key not in manifest:
        message = (f"{project.relative(snippet.out_path)} has no entry in "
                   f"{project.relative(project.manifest_path)}: it was never approved")
    elif is_stale(snippet, manifest):
        message = (f"{project.relative(snippet.path)} changed since its output was approved "
                   "(stale output)")
    elif snippet.out_path in altered_files(snippet, manifest):
        return altered_file_problem(project, snippet, snippet.out_path, manifest, where)
    else:
        return None
    return Problem(where, message, example=snippet.example,
                   framework=snippet.framework.label, fix=fix)


def figure_problems(project: Project, snippet: Snippet, manifest: dict[str, dict],
                    where: str) -> list[Problem]:
    """Approved figures that are gone, or whose bytes are not the approved ones."""
    problems = [missing_figure_problem(project, snippet, name, where)
                for name in missing_figures(snippet, manifest)]
    return problems + [altered_file_problem(project, snippet, path, manifest, where)
                       for path in altered_files(snippet, manifest)
                       if path != snippet.out_path]


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

