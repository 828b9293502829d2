"""Writing the engine's files whole or not at all, even on Ctrl-C."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from .problems import At, Problem


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_record(path: Path, where: str, fault: Callable[[object], str],
                fix: str) -> tuple[object | None, Problem | None]:
    """A JSON record the engine wrote and git keeps (snippets/upgrades.json,
    snippets/preview.json): None where there is none. A pull request may have edited it,
    so one that does not parse, or whose shape `fault` finds wrong, is a problem (LC211)
    rather than a traceback, and no page shows it."""
    if not path.exists():
        return None, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", None)
        reason = (f"not valid JSON ({error.msg}, column {error.colno})" if line
                  else "not UTF-8 text")
        return None, Problem(At(where, line), "LC211", f"{where} is {reason}", fix=fix)
    wrong = fault(data)
    if wrong:
        return None, Problem(where, "LC211", f"{where} is not what the engine writes: {wrong}",
                             fix=fix)
    return data, None


TYPE_NAMES = {str: "text", int: "a whole number", dict: "a JSON object", bool: "true or false"}


def shape_fault(value, shape, path: str = "") -> str:
    """What in `value` differs from `shape`, or "": a shape is a type, a dict of key ->
    shape (each key required), or a one-item list [shape] for a list of such items. Said
    with where, as `upgrades[2].code[1] has no 'diff'` (items counted from 1)."""
    here = path or "the whole record"
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return f"{here} is not a JSON object"
        return next((fault for key, inner in shape.items() if (
            fault := f"{here} has no {key!r}" if key not in value
            else shape_fault(value[key], inner, f"{path}.{key}".lstrip(".")))), "")
    if isinstance(shape, list):
        if not isinstance(value, list):
            return f"{here} is not a list"
        return next((fault for number, item in enumerate(value, 1)
                     if (fault := shape_fault(item, shape[0], f"{path}[{number}]"))), "")
    if not isinstance(value, shape) or isinstance(value, bool) and shape is not bool:
        return f"{here} is not {TYPE_NAMES[shape]}"
    return ""


PARTIAL = ".partial"  # a file being written; git ignores it


def _partial_owner(name: str) -> int | None:
    """The pid of the process that was writing a `.<name>.<pid>.<random>.partial` file."""
    parts = name[:-len(PARTIAL)].rsplit(".", 2) if name.endswith(PARTIAL) else []
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_stale_partials(folder: Path, recursive: bool = False) -> list[Path]:
    """Delete what a writer killed outright (`kill -9`, a power cut) left behind: the
    partial files whose writing process is gone. A live writer's file is left alone."""
    found = folder.rglob(f".*{PARTIAL}") if recursive else folder.glob(f".*{PARTIAL}")
    removed = []
    for path in found:
        pid = _partial_owner(path.name)
        if pid is not None and pid != os.getpid() and not _alive(pid):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed


def write_atomically(path: Path, text: str, durable: bool = True) -> None:
    """Write a file so that a reader, a crash or a Ctrl-C finds the old file or the new one,
    never half of one: a temporary file beside it, flushed to disk, then renamed over it.
    The temporary file's name holds the writer's pid, so the next write in that folder
    removes what a writer killed outright left there. `durable=False` skips the two waits
    for the disk, for a file that may be lost to a power cut (a cache entry, which checks
    its own hash and is computed again)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(path.parent)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.",
                                         suffix=PARTIAL, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    if not durable:
        return
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
