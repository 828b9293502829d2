"""snippets/manifest.json: what was approved for each snippet, read in one place.

Each entry records the hash of the source that ran, the versions and Python it ran with,
its run time and date, and the hashes of the approved files (the `.out`, the figures),
so an approved file cut short or edited by hand is found. The rest of the engine reads
entries as `Entry` objects; what reads older commits' manifests (the framework versions
they record) gets their raw entries from `raw_entries`, here too.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import fcntl
import json
import os
import re
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..files import sha256, write_atomically
from ..problems import At, Problem, for_terminal
from ..project import Project, Snippet
from ..safe import manifest_fault

MANIFEST_FORMAT = 1
REWRITE = "or write it anew from fresh runs with `make outputs ALL=1`"
RESTORE = f"restore it with `git checkout snippets/manifest.json`, {REWRITE}"
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)")


@dataclass(frozen=True)
class Agreed:
    """The last check that the tabs of an example compute the same values."""

    names: list[str]
    atol: float
    max_diff: float
    nonfinite: int = 0  # NaN or inf values found at the same places on both sides


@dataclass
class Entry:
    sha256: str  # of the source that ran
    versions: dict[str, str]  # module -> version, in the order the page names them
    python: str
    seconds: float
    verified: str  # YYYY-MM-DD
    out_sha256: str | None = None
    figures: list[str] = field(default_factory=list)
    figure_sha256: dict[str, str] = field(default_factory=dict)
    agree: Agreed | None = None

    def to_json(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if v not in (None, [], {})}
        if not self.figures:
            data.pop("figure_sha256", None)
        if self.agree and not self.agree.nonfinite:
            data["agree"].pop("nonfinite")  # the common case keeps the manifest as it was
        return data


Manifest = dict[str, Entry]  # snippet key -> its entry
# What each entry holds: the field, its type, and whether every entry must have it.
ENTRY_FIELDS = {"sha256": (str, True), "versions": (dict, True), "python": (str, True),
                "seconds": ((int, float), True), "verified": (str, True),
                "out_sha256": (str, False), "figures": (list, False),
                "figure_sha256": (dict, False), "agree": (dict, False)}


class ManifestError(ValueError):
    """snippets/manifest.json as a whole cannot be read; the problem says where and why."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _read_raw(project: Project) -> dict:
    """The manifest's JSON, checked as a whole: {"format": 1, "snippets": {...}}."""
    path = project.manifest_path
    where = project.relative(path)
    if not path.exists():
        return {"format": MANIFEST_FORMAT, "snippets": {}}
    text = path.read_text(encoding="utf-8", errors="replace")
    conflict = next((n for n, line in enumerate(text.splitlines(), start=1)
                     if CONFLICT_MARKER.match(line)), None)
    if conflict:
        raise ManifestError(Problem(
            At(where, conflict), "LC208", "merge-conflict markers in the manifest",
            fix="take one side whole (`git checkout --ours snippets/manifest.json` or "
                "`--theirs`), then run `make outputs`: it re-runs every snippet whose entry "
                f"does not match its files; {REWRITE}"))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ManifestError(Problem(
            At(where, error.lineno), "LC208", f"the manifest is not valid JSON ({error.msg}, "
            f"column {error.colno}); was it cut short?", fix=RESTORE)) from None
    if not isinstance(data, dict) or not isinstance(data.get("snippets"), dict):
        raise ManifestError(Problem(
            where, "LC208", 'the manifest must be a JSON object with "format" and "snippets"',
            fix=RESTORE))
    if data.get("format") != MANIFEST_FORMAT:
        raise ManifestError(Problem(
            where, "LC208", f"unknown manifest format {data.get('format')!r}",
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
    return manifest_fault(entry)  # what reaches a page must look like what it is


def _entry(data: dict) -> Entry:
    agree = data.get("agree")
    return Entry(data["sha256"], data["versions"], data["python"], data["seconds"],
                 data["verified"], data.get("out_sha256"), list(data.get("figures", [])),
                 dict(data.get("figure_sha256", {})),
                 Agreed(agree["names"], agree["atol"], agree["max_diff"],
                        agree.get("nonfinite", 0)) if agree else None)


def raw_entries(text: str | bytes | None) -> dict[str, dict]:
    """The entries of another commit's manifest, as its JSON holds them, for what reads
    the history (changes.py, scripts/outputs_patch.py): {} when it cannot be read, since a
    broken manifest in the history says nothing. This tree's manifest is read_manifest's."""
    try:
        entries = json.loads(text or "")["snippets"]
    except (ValueError, KeyError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {key: entry for key, entry in entries.items() if isinstance(entry, dict)}


def read_manifest(project: Project) -> tuple[Manifest, list[Problem]]:
    """The usable entries and a problem for each entry that is not usable. An unusable
    entry counts as missing, so `make outputs` runs its snippet again and writes it anew.
    Raises ManifestError when the file as a whole cannot be read."""
    data = _read_raw(project)
    lines = project.manifest_path.read_text(encoding="utf-8").splitlines() if (
        project.manifest_path.exists()) else []
    entries, problems = {}, []
    for key, entry in data["snippets"].items():
        fault = _entry_fault(entry)
        if not fault:
            entries[key] = _entry(entry)
            continue
        line = next((n for n, text in enumerate(lines, start=1)
                     if text.strip().startswith(json.dumps(key) + ":")), None)
        where = At(project.relative(project.manifest_path), line)
        problems.append(Problem(where, "LC207", f"entry {key!r} is not usable: {fault}", key=key,
                                fix="run `make outputs`, which runs that snippet again and "
                                    "writes its entry anew"))
    return entries, problems


def load_manifest(project: Project) -> Manifest:
    """The usable entries; raises ManifestError when the file cannot be read at all."""
    return read_manifest(project)[0]


def manifest_or_problem(project: Project) -> tuple[Manifest, list[Problem]]:
    """The manifest's usable entries and its problems; an unreadable one is one problem."""
    try:
        return read_manifest(project)
    except ManifestError as error:
        return {}, [error.problem]


def save_manifest(project: Project, entries: Manifest) -> None:
    _save(project, {key: entry.to_json() for key, entry in entries.items()})


def _save(project: Project, raw: dict[str, dict]) -> None:
    data = {"format": MANIFEST_FORMAT, "snippets": dict(sorted(raw.items()))}
    write_atomically(project.manifest_path, json.dumps(data, indent=2) + "\n")


_LOCK = threading.RLock()  # this process's hold on the manifest lock; taken again inside
_DEPTH: dict[Path, int] = {}


def _holder(pid: str) -> str:
    """Who holds the lock, as far as this process can tell: "process 4242 (python -m ...)"."""
    if not pid.isdigit():
        return "another process"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            command = f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        command = ""
    return for_terminal(f"process {pid}" + (f" ({command})" if command else ""))


@contextlib.contextmanager
def manifest_lock(project: Project):
    """Held while reading, changing and writing the manifest, so that two `make outputs`
    (or `make live` beside one) never drop each other's entries. The holder writes its pid
    into the lock file; a process that must wait says so once, naming the holder, and
    Ctrl-C stops the wait at once (take it before deferring Ctrl-C: files.py)."""
    path = project.snippets_dir / ".manifest.lock"
    with _LOCK:
        if _DEPTH.get(path):  # this process holds it already
            _DEPTH[path] += 1
            try:
                yield
            finally:
                _DEPTH[path] -= 1
            return
        with open(os.open(path, os.O_RDWR | os.O_CREAT, 0o644), "r+") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"waiting for {project.relative(path)}: "
                      f"{_holder(lock.read().strip())} is writing the approved outputs and "
                      "the manifest; this goes on when it is done (Ctrl-C stops waiting)",
                      file=sys.stderr, flush=True)
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                except KeyboardInterrupt:
                    print(f"stopped waiting for {project.relative(path)}; nothing was "
                          "written", file=sys.stderr)
                    raise
            lock.seek(0)
            lock.truncate()
            lock.write(f"{os.getpid()}\n")
            lock.flush()
            _DEPTH[path] = 1
            try:
                yield
            finally:
                _DEPTH.pop(path, None)
                lock.seek(0)
                lock.truncate()
                fcntl.flock(lock, fcntl.LOCK_UN)


def update_manifest(project: Project, entries: dict[str, Entry | dict],
                    drop: frozenset[str] | set[str] = frozenset(), anew: bool = False) -> None:
    """Write these entries (an Entry, or its JSON as is) and drop those keys, keeping
    whatever else is there now (an unusable entry too: it stays reported until its snippet
    runs again). `anew` starts from nothing when the file cannot be read (`make outputs
    ALL=1`)."""
    with manifest_lock(project):
        try:
            raw = _read_raw(project)["snippets"]
        except ManifestError:
            if not anew:
                raise
            raw = {}
        for key in drop:
            raw.pop(key, None)
        raw.update({key: entry.to_json() if isinstance(entry, Entry) else entry
                    for key, entry in entries.items()})
        _save(project, raw)


def manifest_entry(snippet: Snippet, versions: dict[str, str], python: str,
                   seconds: float, figures: list[str] = (), agree: Agreed | None = None,
                   source_sha256: str | None = None) -> Entry:
    """A snippet's entry: the hash of the source that ran (by default, of the file now),
    and the hashes of its approved output and figures as they are on disk."""
    names = sorted(figures)
    return Entry(
        sha256=source_sha256 or snippet.source_hash(), versions=versions, python=python,
        seconds=round(seconds, 3), verified=_dt.date.today().isoformat(),
        out_sha256=sha256(snippet.out_path.read_bytes()) if snippet.out_path.exists()
        else None,
        figures=names,
        figure_sha256={name: sha256(snippet.figure_path(name).read_bytes()) for name in names
                       if snippet.figure_path(name).exists()},
        agree=agree)
