"""The examples as a Python-Markdown extension: `livecompare.extension` under
`markdown_extensions` in mkdocs.yml.

It expands, before any other preprocessor sees the page, every shortcode of
discovery/shortcodes.py's KINDS: the examples, the tables (render.py), the claims
(claims.py) and the walkthrough (walkthrough_page.py); it lightens the page's highlighted
code (highlight.py), keeps short code and dates on one line (unbroken.py) and names each
table cell's column for the phone layout. A Markdown extension works in any tool that
renders with Python-Markdown and reads mkdocs.yml, hooks or not (Zensical runs none).
Under the title of a page with examples: links to its notebooks and scripts (downloads_bar.py).

A problem is logged as an error naming the page and line, which fails `mkdocs build
--strict`, and is shown in a box on the page, which `mkdocs serve` keeps serving. Zensical
does not count logged errors, so under `zensical build --strict` the page's problems are
also raised, which stops that build naming them.

Which page is being rendered: the MkDocs hook says so per page (`set_page`), Zensical in
its rendering context; elsewhere the page is found by its text among the pages under the
docs folder.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from markdown import Extension
from markdown.extensions.toc import slugify
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..discovery.discover import discover_examples
from ..discovery.page_examples import page_examples
from ..discovery.pages import markdown_pages
from ..project import Example, Project
from ..store.manifest import Manifest, ManifestError, load_manifest
from . import claims
from .downloads_bar import with_downloads_bar
from .highlight import lighten, use_cached_highlighter
from .render import expand_shortcodes
from .unbroken import keep_unbroken
from .walkthrough_page import expand_walkthroughs
from .zensical import (
    StrictBuildError,
    end_of_build_problems,
    first_check_of,
    zensical_page,
    zensical_strict,
)

log = logging.getLogger("mkdocs.plugins.livecompare")
PRIORITY = 35  # before pymdownx.snippets (32), normalisation (30) and raw HTML (20): the
# shortcodes are HTML comments, and a problem names the line the author wrote
# What the expansion wrote waits as one placeholder line per block until pymdownx.snippets
# has run, then takes its place: a line of code or output that reads `--8<-- "file"` is
# shown as printed, never replaced by that file.
RESTORE_PRIORITY = 31


@dataclass
class SiteData:
    """What every page's expansion reads, read once per change of the files."""

    project: Project
    examples: dict[str, Example]
    file_problems: list  # of the snippet files themselves: unpaired, misnamed, strays
    manifest: Manifest
    manifest_readable: bool
    claims: claims.Claims
    claims_problems: list  # what is wrong with the data file itself
    noted: dict[str, list[tuple[str, str]]]  # claim id -> the pages that note it
    texts: dict[str, str]  # page source path (under the docs folder) -> its text


class _Where:
    root: Path | None = None  # the project; the current folder when nobody says
    docs_dir: Path | None = None
    page: str | None = None  # the page being rendered, under the docs folder
    build: SiteData | None = None  # read once for this build, when a hook said one began


_where = _Where()
_cache: dict[tuple, SiteData] = {}


def configure(root: Path, docs_dir: Path) -> None:
    """Where the project is (the MkDocs hook says so from mkdocs.yml, as each build, or
    each rebuild of `mkdocs serve`, begins): the files are read once for that build."""
    _where.root, _where.docs_dir, _where.build = root, docs_dir, None
    _where.build = site_data(current_project())


def set_page(src_uri: str | None) -> None:
    """The page the next conversion renders, as MkDocs names it ("graphs.md")."""
    _where.page = src_uri


def current_project() -> Project:
    root = (_where.root or Path.cwd()).resolve()
    return Project(root, (_where.docs_dir or root / "docs").resolve())


def _signature(project: Project) -> tuple:
    """The names, sizes and times of every file the expansion reads."""
    found = []
    for top in (project.snippets_dir, project.pages_dir):
        for folder, _, names in os.walk(top):
            for name in names:
                if name.endswith((".py", ".out", ".svg", ".json", ".md", ".yml")):
                    try:
                        stat = os.stat(os.path.join(folder, name))
                    except FileNotFoundError:  # a dangling link; discovery says so
                        stat = os.lstat(os.path.join(folder, name))
                    found.append((folder, name, stat.st_mtime_ns, stat.st_size))
    return (project, tuple(sorted(found)))


def site_data(project: Project) -> SiteData:
    """The examples, the manifest and the claims: read once per build when a hook says
    when builds begin, else again whenever a file changed."""
    if _where.build is not None and _where.build.project == project:
        return _where.build
    key = _signature(project)
    if key not in _cache:
        _cache.clear()
        examples, file_problems = discover_examples(project)
        try:
            manifest, readable = load_manifest(project), True
        except ManifestError:  # said once, by the build's end, not again for every example
            manifest, readable = {}, False
        data_path = project.pages_dir / claims.DATA
        data, problems = claims.load(data_path, project.relative(data_path))
        texts = {p.relative_to(project.pages_dir).as_posix(): p.read_text(encoding="utf-8")
                 for p in markdown_pages(project.pages_dir)}
        _cache[key] = SiteData(project, examples, file_problems, manifest, readable, data,
                               problems,
                               claims.pages_noting(project.pages_dir), texts)
    return _cache[key]


def _page_of(markdown: str, data: SiteData, md) -> str:
    """The page whose text this is: as the MkDocs hook or Zensical's rendering context
    names it, else found by its text."""
    if _where.page:
        return _where.page
    if (zensical := zensical_page(md)) is not None:
        return zensical
    wanted = markdown.strip()
    for src, text in data.texts.items():
        if text.replace("\r\n", "\n").strip() == wanted:
            return src
    return "(unknown page).md"


class Stash:
    """The blocks an expansion wrote, each replaced by a placeholder line that no other
    preprocessor reads, until `restore` puts them back."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """A new page: placeholders of its own, which its text cannot guess."""
        self.nonce = secrets.token_hex(8)
        self.blocks: dict[str, str] = {}

    def __call__(self, block: str) -> str:
        key = f"\x02livecompare-{self.nonce}-{len(self.blocks)}\x03"
        self.blocks[key] = block.removesuffix("\n")
        return key + ("\n" if block.endswith("\n") else "")

    def restore(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            block = self.blocks.get(line)
            out += block.split("\n") if block is not None else [line]
        return out


def expand_page(markdown: str, page_src: str, data: SiteData, stash, *,
                repo_url: str | None, edit_uri: str | None) -> tuple[str, list]:
    """The page with every shortcode expanded and its downloads under its title; its
    problems, each also logged as an error."""
    project = data.project
    page_path = project.relative(project.pages_dir / page_src)
    found = claims.page_problems(markdown, page_path, data.claims)  # at the source's lines
    markdown, problems = expand_shortcodes(markdown, page_path, project, data.examples,
                                           data.manifest, stash)
    markdown = claims.expand(markdown, page_src, data.claims, data.noted, stash)
    markdown, walked = expand_walkthroughs(markdown, page_path, project)
    problems += walked
    source = project.pages_dir / page_src
    if source.is_file() and (examples := page_examples(project, source, data.examples)):
        markdown, missing = with_downloads_bar(markdown, project, examples, page_src,
                                               repo_url, edit_uri)
        problems += missing
    shown = [problem for problem in found + problems
             if data.manifest_readable or problem.code != "LC203"]  # not in the manifest
    for problem in shown:
        log.error(str(problem))
    return markdown, shown


class ComparePreprocessor(Preprocessor):
    def __init__(self, md, stash: Stash, config: dict) -> None:
        super().__init__(md)
        self.stash = stash
        self.config = config

    def run(self, lines: list[str]) -> list[str]:
        markdown = "\n".join(lines)
        data = site_data(current_project())
        page = _page_of(markdown, data, self.md)
        use_cached_highlighter(self.md, data.project.root)  # before the fences run
        self.stash.reset()
        markdown, problems = expand_page(markdown, page, data, self.stash,
                                         repo_url=self.config["repo_url"] or None,
                                         edit_uri=self.config["edit_uri"] or None)
        zensical = zensical_page(self.md) is not None
        if zensical and first_check_of(data):  # no hook: the checks of a build's end
            for problem in (checked := end_of_build_problems(data)):
                log.error(str(problem))
            problems += checked
        if problems and zensical and zensical_strict():
            where = data.project.relative(data.project.pages_dir / page)
            raise StrictBuildError(
                f"`zensical build --strict` stops on {len(problems)} problem(s), met "
                f"rendering {where}:\n" + "\n".join(str(problem) for problem in problems))
        return markdown.split("\n")


class RestorePreprocessor(Preprocessor):
    def __init__(self, md, stash: Stash) -> None:
        super().__init__(md)
        self.stash = stash

    def run(self, lines: list[str]) -> list[str]:
        return self.stash.restore(lines)


class LighterCodePostprocessor(Postprocessor):
    """The whole page's HTML: lighter code (highlight.py), words kept whole (unbroken.py)."""

    def run(self, text: str) -> str:
        return keep_unbroken(lighten(text))


STASHED = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's placeholder for raw HTML


class TableLabelTreeprocessor(Treeprocessor):
    """Each cell of a table gets its column's heading as `data-label`: on a phone, where a
    row becomes a card (compare.css), each cell is shown under the name of its column."""

    def run(self, root) -> None:
        for table in root.iter("table"):
            head = table.find("thead")
            if head is None or head.find("tr") is None:
                continue
            names = [" ".join(STASHED.sub("", "".join(th.itertext())).split())
                     for th in head.find("tr")]
            for body in table.iter("tbody"):
                for row in body.iter("tr"):
                    for name, cell in zip(names, row, strict=False):
                        if name and cell.tag == "td":
                            cell.set("data-label", name)


class RowIds(Treeprocessor):
    """Each row of a table whose first column is "Operation" (the Rosetta stone's) gets
    an id from its operation, "From NumPy" -> `from-numpy`: a link and a search result
    can point at one row. An id a heading of the page would take gets "-row" added."""

    def run(self, root) -> None:
        tables = [table for table in root.iter("table")
                  if (th := table.find("thead/tr/th")) is not None
                  and "".join(th.itertext()).strip() == "Operation"]
        if not tables:
            return
        used = {slugify(STASHED.sub("", "".join(h.itertext())), "-")
                for h in root.iter() if h.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}}
        used |= {element.get("id") for element in root.iter() if element.get("id")}
        for table in tables:
            for row in table.iterfind("tbody/tr"):
                cell = row.find("td")
                if cell is None or row.get("id"):
                    continue
                base = slugify(STASHED.sub("", "".join(cell.itertext())), "-") or "row"
                row_id, n = (base + "-row" if base in used else base), 2
                while row_id in used:
                    row_id, n = f"{base}-row-{n}", n + 1
                used.add(row_id)
                row.set("id", row_id)


class CompareExtension(Extension):
    def __init__(self, **kwargs) -> None:
        # For the "open in Colab" links, which point at the notebooks committed to the
        # repository: mkdocs.yml passes the same settings MkDocs gets (none locally).
        self.config = {"repo_url": ["", "the GitHub repository's address"],
                       "edit_uri": ["", "as MkDocs' edit_uri: which branch"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        stash = Stash()
        config = self.getConfigs()
        md.preprocessors.register(ComparePreprocessor(md, stash, config), "livecompare",
                                  PRIORITY)
        md.preprocessors.register(RestorePreprocessor(md, stash), "livecompare-restore",
                                  RESTORE_PRIORITY)
        # After the inline patterns (20), so that a heading's text is what readers see.
        md.treeprocessors.register(TableLabelTreeprocessor(md), "livecompare-tables", 5)
        # After raw HTML (30), where the highlighted code blocks come back into the page.
        md.postprocessors.register(LighterCodePostprocessor(md), "livecompare-code", 5)
        # After the inline markup (20) and attr_list (8), before toc gives the headings
        # their ids (5), which then keep the ids they always had.
        md.treeprocessors.register(RowIds(md), "livecompare-row-ids", 6)


def makeExtension(**kwargs) -> CompareExtension:  # noqa: N802 - Python-Markdown's name
    return CompareExtension(**kwargs)
