"""What the Markdown extension learns from Zensical, which hands an extension no options:
which page it renders, and whether this is `zensical build --strict`.

Zensical counts no logged error, so under its strict build the extension raises a page's
problems (StrictBuildError), which stops the build naming them; `zensical serve` and a
plain build show them on the page, as `mkdocs serve` does. It has no end of a build
either, where MkDocs' hook checks what no page shows: the first page it renders after the
files were read runs those checks.
"""

from __future__ import annotations

import sys

from .checks import layout_problems

_checked = None  # the reading of the files (extension.SiteData) last checked


def end_of_build_problems(data) -> list:
    """What no page shows, checked once a build is done (unpaired or unused snippets, the
    manifest, the claims' data): by MkDocs' hook, and here for Zensical."""
    return data.claims_problems + layout_problems(data.project,
                                                  (data.examples, data.file_problems))


def first_check_of(data) -> bool:
    """Whether this reading of the files (extension.SiteData) is not checked yet: Zensical
    checks it on the first page it renders after reading them."""
    global _checked
    if _checked is data:
        return False
    _checked = data
    return True


def zensical_page(md) -> str | None:
    """The page Zensical renders, from the context it registers with every conversion
    (its path under the docs folder), or None outside Zensical."""
    context = md.preprocessors["rendering_context"] if md and (
        "rendering_context" in md.preprocessors) else None
    path = getattr(getattr(context, "page", None), "path", None)
    return path if isinstance(path, str) and path else None


def zensical_strict() -> bool:
    """Whether this process is `zensical build --strict`. Zensical tells an extension
    neither, and renders off the main thread (no click context there), so its command
    line, parsed by its own `build` command, is what says so. (Its command group takes no
    option before the command's name.)"""
    try:
        from zensical.main import execute_build
    except ImportError:
        return False
    command, *options = sys.argv[1:] or [""]
    if command != "build":
        return False
    try:
        parsed = execute_build.make_context("build", options, resilient_parsing=True)
    except Exception:  # noqa: BLE001 - not Zensical's command line: not its strict build
        return False
    return bool(parsed.params.get("strict"))


class StrictBuildError(Exception):
    """A page's problems, raised to stop `zensical build --strict` (see the module)."""
