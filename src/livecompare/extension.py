"""The examples as a Python-Markdown extension: `livecompare.extension` under
`markdown_extensions` in mkdocs.yml.

It expands, before any other preprocessor sees the page, the compare shortcodes
(`<!-- compare: section/slug -->`), the versions table (`<!-- compare-versions -->`), the
What-changed list (`<!-- compare-upgrades -->`) and the claims' notes and blocks
(`<!-- claim: id -->`, `<!-- claims: ... -->`) and the walkthrough pages
(`<!-- compare-walkthrough: name -->`, walkthroughs.py). Being a Markdown extension, it works in any
tool that renders with Python-Markdown and reads mkdocs.yml, MkDocs hooks or not (Zensical
runs none). A problem is logged as an error naming the page and line, which fails
`mkdocs build --strict`, and is shown in a box on the page, which `mkdocs serve` keeps
serving.

Which page is being rendered: the MkDocs hook says so per page (`set_page`); elsewhere the
page is found by its text among the pages under the docs folder.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from . import claims
from .discover import discover_examples
from .manifest import Manifest, ManifestError, load_manifest
from .pages import markdown_pages
from .project import Example, Project
from .render import expand_shortcodes
from .walkthroughs import expand_walkthroughs

log = logging.getLogger("mkdocs.plugins.livecompare")
PRIORITY = 35  # before pymdownx.snippets (32), normalisation (30) and raw HTML (20): the
# shortcodes are HTML comments, and a problem names the line the author wrote


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
                    stat = os.stat(os.path.join(folder, name))
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


def _page_of(markdown: str, data: SiteData) -> str:
    """The page whose text this is, when no hook said which."""
    if _where.page:
        return _where.page
    wanted = markdown.strip()
    for src, text in data.texts.items():
        if text.replace("\r\n", "\n").strip() == wanted:
            return src
    return "(unknown page).md"


def expand_page(markdown: str, page_src: str, data: SiteData) -> str:
    """The page with every shortcode expanded; its problems are logged as errors."""
    project = data.project
    page_path = project.relative(project.pages_dir / page_src)
    found = claims.page_problems(markdown, page_path, data.claims)  # at the source's lines
    markdown, problems = expand_shortcodes(markdown, page_path, project, data.examples,
                                           data.manifest)
    markdown = claims.expand(markdown, page_src, data.claims, data.noted)
    markdown, walked = expand_walkthroughs(markdown, page_path, project)
    problems += walked
    for problem in found + problems:
        if data.manifest_readable or "has no entry in" not in problem.message:
            log.error(str(problem))
    return markdown


class ComparePreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        markdown = "\n".join(lines)
        data = site_data(current_project())
        page = _page_of(markdown, data)
        return expand_page(markdown, page, data).split("\n")


class CompareExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(ComparePreprocessor(md), "livecompare", PRIORITY)


def makeExtension(**kwargs) -> CompareExtension:  # noqa: N802 - Python-Markdown's name
    return CompareExtension(**kwargs)
