"""The one cache of what builds reuse: values kept on disk, named by what they depend on.

A value is kept in `.cache/livecompare/<kind>/<key>` under the project root (git ignores
it, `make clean` removes it). Its key is the hash of everything the value is computed
from, the code that computes it included, so a change to any of them reads another file,
and nothing is ever stale: no modification times, no invalidation. Each file is written
whole or not at all (files.write_atomically) and starts with the hash of its own text, so
an entry cut short or edited by hand is ignored and written again. Parallel builds
(pytest-xdist's workers) share it safely: each writes under a name of its own, then
renames, and a reader finds the old file, the new one or none. Neither kinds nor keys
come from a page or a snippet's name: a kind is one of the engine's constants, a key a
hex digest.

A cache that cannot be read or written only makes the build slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .files import sha256, write_atomically

FOLDER = Path(".cache/livecompare")  # under the project root
KIND = re.compile(r"[a-z][a-z0-9-]*")
KEY = re.compile(r"[0-9a-f]{64}")  # what key() gives
HEADER = "livecompare-cache sha256="  # the first line of an entry, then its text's hash


def key(*parts: str | bytes) -> str:
    """The hash of the parts, each length-prefixed, so that ("ab", "c") and ("a", "bc")
    give different keys."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(f"{len(data)}:".encode() + data)
    return digest.hexdigest()


@dataclass(frozen=True)
class Cache:
    """One kind of cached value, at most `keep` entries of it (the oldest written go
    first)."""

    folder: Path
    keep: int

    def get(self, name: str) -> str | None:
        """The value kept under this key, or None: never written, pruned, or not whole."""
        try:
            text = self._entry(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        header, newline, value = text.partition("\n")
        if not newline or header != HEADER + sha256(value.encode("utf-8")):
            return None  # cut short or edited: computed and written again
        return value

    def put(self, name: str, value: str) -> None:
        with contextlib.suppress(OSError):
            write_atomically(self._entry(name),
                             f"{HEADER}{sha256(value.encode('utf-8'))}\n{value}",
                             durable=False)
            self._prune()

    def _entry(self, name: str) -> Path:
        if not KEY.fullmatch(name):
            raise ValueError(f"a cache key is what cache.key() gives, not {name!r}")
        return self.folder / name

    def get_or_put(self, name: str, compute) -> str:
        """The value kept under this key, or `compute()`, then kept."""
        value = self.get(name)
        if value is None:
            value = compute()
            self.put(name, value)
        return value

    def _prune(self) -> None:
        """Down to `keep` entries, the newest; listing the folder costs little, so each
        write looks, and only a full folder pays for reading the times."""
        names = [e.name for e in os.scandir(self.folder) if not e.name.startswith(".")]
        if len(names) <= self.keep:  # (a name with a dot first is a write under way)
            return
        entries = []
        for name in names:
            with contextlib.suppress(FileNotFoundError):  # another build pruned it
                entries.append((os.stat(self.folder / name).st_mtime_ns, name))
        for _, name in sorted(entries, reverse=True)[self.keep:]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.folder / name)


def cache(root: Path, kind: str, keep: int) -> Cache:
    """The project's cache of one kind of value."""
    if not KIND.fullmatch(kind):
        raise ValueError(f"a cache kind is a lower-case word, not {kind!r}")
    return Cache(root / FOLDER / kind, keep)
