"""Which pages of the site a pull request changes, as Markdown for CI's job summary, with a
link to the preview artifact (the `make offline` build, which opens from the file system).

A page changes when its Markdown file does, or when an example it shows does (a snippet,
its output or a figure); a change to what every page is built from (mkdocs.yml, the theme
overrides, the engine, the hooks) may change every page. Each changed page is listed with
the file to open in the artifact and its examples, the changed ones marked.

    .venv/bin/python scripts/preview_summary.py --base REV [--head REV] [--artifact-url URL]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

from livecompare.discovery.discover import discover_examples
from livecompare.discovery.shortcodes import scan_pages
from livecompare.project import Project

EVERY_PAGE = ("mkdocs.yml", "overrides/", "src/livecompare/", "hooks/", "docs/assets/",
              "docs/stylesheets/", "docs/javascripts/")
SNIPPET_FILE = re.compile(r"^snippets/(?P<section>[^/]+)/(?P<stem>[^/.]+)\.")


def changed_files(root: Path, base: str, head: str) -> list[str]:
    """What the pull request changed: from where it left the base to its head."""
    result = subprocess.run(["git", "diff", "--name-only", f"{base}...{head}"], cwd=root,
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"git diff {base}...{head} failed: {result.stderr.strip()} "
                         "(CI checks out with fetch-depth: 0 so that the base is there)")
    return result.stdout.split()


def example_of(path: str, examples) -> str | None:
    """The example a file under snippets/ belongs to: a side, its output or a figure."""
    match = SNIPPET_FILE.match(path)
    if not match:
        return None
    for name in examples:
        section, slug = name.split("/")
        if section == match["section"] and match["stem"].startswith(f"{slug}_"):
            return name
    return None


def built_page(page: str) -> str:
    """The file of the offline build that shows docs/<page>.md (directory URLs)."""
    relative = PurePosixPath(page).relative_to("docs").with_suffix("")
    if relative.name == "index":
        relative = relative.parent
    return (relative / "index.html").as_posix()


def summary(project: Project, changed: list[str], artifact_url: str = "") -> str:
    examples, _ = discover_examples(project)
    codes, _ = scan_pages(project, set(examples))
    on_page: dict[str, list[str]] = {}
    for code in codes:
        on_page.setdefault(code.page, []).append(code.name)
    touched_examples = {name for path in changed if (name := example_of(path, examples))}
    pages = {path for path in changed if path.startswith("docs/") and path.endswith(".md")}
    # code a page includes sits in a folder named after the page (docs/porting/*.py)
    pages |= {page for path in changed
              if path.startswith("docs/") and path.endswith(".py")
              and (project.root / (page := f"{PurePosixPath(path).parent}.md")).is_file()}
    pages |= {page for page, names in on_page.items() if touched_examples & set(names)}
    every = [path for path in changed if path.startswith(EVERY_PAGE)]
    lines = ["## Preview of the site", ""]
    if artifact_url:
        lines += [f"[Download the built site]({artifact_url}) (`site-preview`), unzip it "
                  "and open `index.html`, or any page below, in a browser: it works from "
                  "the file system, search included.", ""]
    if every:
        lines += ["Every page may look different: this pull request changes what all pages "
                  "are built from (" + ", ".join(f"`{p}`" for p in every[:5])
                  + (", ..." if len(every) > 5 else "") + ").", ""]
    if not pages:
        lines += ["No page's text or examples changed." if not every else "", ""]
        return "\n".join(lines).rstrip() + "\n"
    lines += ["| page | open | examples (changed in **bold**) |", "| --- | --- | --- |"]
    for page in sorted(pages):
        names = on_page.get(page, [])
        shown = ", ".join(f"**`{n}`**" if n in touched_examples else f"`{n}`"
                          for n in names) or "(none)"
        state = "" if (project.root / page).exists() else " (removed)"
        lines.append(f"| `{page}`{state} | `{built_page(page)}` | {shown} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--base", required=True, help="the revision the pull request targets")
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--artifact-url", default="")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    changed = changed_files(project.root, args.base, args.head)
    sys.stdout.write(summary(project, changed, args.artifact_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
