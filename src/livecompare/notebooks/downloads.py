"""Each page's notebooks and scripts for the built site, cached by content.

Building them (nbformat, with its schema check) is most of what the examples cost a
build, yet they change only when a page, a snippet, an approved file, a pin or this
engine does. So they are kept in the project's cache (cache.py), keyed by the hash of all
of those, and built again only when that hash changes: a warm build, or a save under
`mkdocs serve` that touches none of them, hashes those files and reads one cached file
instead of building every notebook.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from ..cache import cache
from ..discovery.page_examples import PageExamples, page_examples
from ..pins import PINS
from ..project import Example, Project
from ..store.approved import approved_bytes
from ..store.manifest import Manifest
from .build import page_downloads

ENGINE = Path(__file__).resolve().parents[1]  # the whole engine: src/livecompare


def _read(path: Path) -> bytes | None:
    """A file's bytes; an approved output or figure through the store, which the build
    reads once (the page and the checks ask for the same files)."""
    if path.suffix in (".out", ".svg"):
        return approved_bytes(path)
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None


def content_key(project: Project) -> str:
    """The hash of everything a page's downloads are built from."""
    digest = hashlib.sha256()
    folders = [project.pages_dir, project.snippets_dir, project.root / PINS, ENGINE]
    for top in folders:
        for folder, dirs, names in sorted(os.walk(top)):
            dirs.sort()
            for name in sorted(names):
                if name.endswith((".md", ".py", ".out", ".svg", ".json", ".txt")):
                    path = os.path.join(folder, name)
                    digest.update(path.encode() + b"\0")
                    data = _read(Path(path))
                    digest.update(b"\0gone" if data is None else data)  # discovery says so
    return digest.hexdigest()


def cached_downloads(project: Project, examples: dict[str, Example], manifest: Manifest,
                     ) -> tuple[list[PageExamples], dict[str, str]]:
    """page_downloads, from the cache when nothing they are built from changed."""
    downloads = cache(project.root, "downloads", keep=2)  # this build's, and the last
    key = content_key(project)
    text = downloads.get(key)
    if text is not None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):  # not this shape
            cached = json.loads(text)
            pages = [page_examples(project, project.pages_dir / src, examples)
                     for src in cached["pages"]]
            if all(pages):
                return pages, cached["files"]
    pages, files = page_downloads(project, examples, manifest)
    downloads.put(key, json.dumps({
        "pages": [p.page.relative_to(project.pages_dir).as_posix() for p in pages],
        "files": files}))
    return pages, files
