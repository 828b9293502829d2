"""The approved files beside each snippet (its `.out` and figures), and whether they are
still the ones the manifest approved."""

from __future__ import annotations

import difflib
import functools
import os
import re
from pathlib import Path

from ..files import sha256, write_atomically
from ..problems import At, Problem, rerun, snippet_problem
from ..project import VANISHED, Project, Snippet
from .manifest import Manifest


def approved_bytes(path: Path) -> bytes | None:
    """An approved file's bytes, or None: gone (even while being read), or not a plain file
    (a symbolic link could show any file of the machine; discovery says so).

    A build asks for each file several times (its hash for the check, its text for the
    page, the notebook and the download); the disk is read once for each version of the
    file, known by its inode, size and times, so that a file rewritten between two
    questions is read again."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    if not os.path.stat.S_ISREG(status.st_mode):
        return None
    try:
        return _read_version(path, (status.st_dev, status.st_ino, status.st_size,
                                    status.st_mtime_ns, status.st_ctime_ns))
    except (FileNotFoundError, IsADirectoryError):
        return None


@functools.lru_cache(maxsize=1024)
def _read_version(path: Path, version: tuple[int, ...]) -> bytes:
    return path.read_bytes()


def read_approved(snippet: Snippet) -> str | None:
    """The approved output's text, or None when there is none (approved_bytes)."""
    data = approved_bytes(snippet.out_path)
    return None if data is None else data.decode("utf-8", errors="replace")


def read_figure(path: Path) -> str | None:
    """An approved picture's SVG text, or None: gone, not a plain file, or not UTF-8
    (figure_problems says which, naming the file)."""
    data = approved_bytes(path)
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


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


def approved_figures(snippet: Snippet, manifest: Manifest) -> list[str]:
    entry = manifest.get(snippet.key)
    return entry.figures if entry else []


def missing_figures(snippet: Snippet, manifest: Manifest) -> list[str]:
    """Figures the manifest approved for this snippet whose files are gone."""
    return [name for name in approved_figures(snippet, manifest)
            if not snippet.figure_path(name).exists()]


def _recorded(snippet: Snippet, manifest: Manifest) -> dict[Path, str | None]:
    """Each approved file, and the hash the manifest recorded for it."""
    entry = manifest.get(snippet.key)
    if entry is None:
        return {}
    recorded = {snippet.out_path: entry.out_sha256}
    recorded.update({snippet.figure_path(name): entry.figure_sha256.get(name)
                     for name in entry.figures})
    return recorded


def altered_files(snippet: Snippet, manifest: Manifest) -> list[Path]:
    """Approved files (the .out, the figures) whose bytes are not the ones the manifest
    recorded: cut short, edited by hand, or written by an engine that kept no hash."""
    return [path for path, digest in _recorded(snippet, manifest).items()
            if (found := _digest(path)) is not None and found != digest]


def _digest(path: Path) -> str | None:
    """A file's hash, or None when it is gone (deleted while a command reads it) or not a
    plain file (discovery names a link)."""
    data = approved_bytes(path)
    return None if data is None else sha256(data)


def is_stale(snippet: Snippet, manifest: Manifest) -> bool:
    """True when the snippet changed since its output was approved (or never was)."""
    entry = manifest.get(snippet.key)
    return entry is None or entry.sha256 != snippet.source_hash()


def needs_run(snippet: Snippet, manifest: Manifest, versions: dict[str, str]) -> bool:
    """What `make outputs` re-runs: a changed snippet, a missing or altered approved file,
    or one made with other framework versions."""
    return (is_stale(snippet, manifest) or read_approved(snippet) is None
            or bool(missing_figures(snippet, manifest) or altered_files(snippet, manifest))
            or manifest[snippet.key].versions != versions)


def _altered_file_problem(project: Project, snippet: Snippet, path: Path,
                          manifest: Manifest, where: At) -> Problem:
    why = ("its bytes differ from the hash recorded in"
           if _recorded(snippet, manifest).get(path) else "no hash of it in")
    return snippet_problem(
        snippet, where, "LC204", f"{project.relative(path)} is not the approved file: {why} "
        f"{project.relative(project.manifest_path)} (cut short, edited by hand, or approved "
        "before hashes were kept)",
        fix=f"{rerun(snippet.example)}, which writes it from a fresh run; never edit an "
            "approved file by hand")


def approval_problem(project: Project, snippet: Snippet, manifest: Manifest,
                     where: At) -> Problem | None:
    """Why the snippet's output is not an approved one: missing, made from older code,
    or not the bytes that were approved."""
    if not snippet.path.is_file():
        return snippet_problem(snippet, where, "LC109",
                               f"{project.relative(snippet.path)}: {VANISHED}",
                               fix="restore it, or delete the rest of the pair")
    if read_approved(snippet) is None:
        code, message = "LC202", f"no approved output {project.relative(snippet.out_path)}"
    elif snippet.key not in manifest:
        code, message = "LC203", (f"{project.relative(snippet.out_path)} has no entry in "
                                  f"{project.relative(project.manifest_path)}: it was never "
                                  "approved")
    elif is_stale(snippet, manifest):
        code, message = "LC201", (f"{project.relative(snippet.path)} changed since its "
                                  "output was approved (stale output)")
    elif snippet.out_path in altered_files(snippet, manifest):
        return _altered_file_problem(project, snippet, snippet.out_path, manifest, where)
    else:
        return None
    return snippet_problem(snippet, where, code, message,
                           fix=f"{rerun(snippet.example)} and commit the .out it writes")


def figure_problems(project: Project, snippet: Snippet, manifest: Manifest,
                    where: At) -> list[Problem]:
    """Approved figures that are gone, or whose bytes are not the approved ones."""
    problems = [snippet_problem(snippet, where, "LC209", "approved figure is missing: "
                                f"{project.relative(snippet.figure_path(name))}",
                                fix=rerun(snippet.example))
                for name in missing_figures(snippet, manifest)]
    problems += [snippet_problem(snippet, where, "LC210",
                                 f"{project.relative(path)} is not UTF-8 text, so the page "
                                 "cannot show it", fix=rerun(snippet.example))
                 for name in approved_figures(snippet, manifest)
                 if (path := snippet.figure_path(name)).is_file()
                 and read_figure(path) is None]
    return problems + [_altered_file_problem(project, snippet, path, manifest, where)
                       for path in altered_files(snippet, manifest)
                       if path != snippet.out_path]


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
        old, new = figure_texts(read_figure(path) or ""), figure_texts(svg)
        if old != new:
            diff = difflib.unified_diff(old, new, "approved", "fresh", lineterm="", n=1)
            return f"the labels of {name} changed:\n" + "\n".join(diff)
    return ""
