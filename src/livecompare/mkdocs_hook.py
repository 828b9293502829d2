"""What hooks/livecompare.py hands to MkDocs: expand shortcodes, report problems.

Problems are logged as errors under the `mkdocs` logger, so `mkdocs build --strict` fails
and names the page and line, while `mkdocs serve` keeps serving and shows the problem on
the page itself.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.structure.files import File

from . import claims
from .checks import layout_problems
from .discover import discover_examples
from .notebooks import (
    NotebookError,
    PageExamples,
    branch_of,
    colab_url,
    downloads_bar,
    page_downloads,
)
from .outputs import ManifestError, load_manifest
from .project import FRAMEWORKS, Example, Project
from .render import expand_shortcodes
from .walkthroughs import SOURCES

log = logging.getLogger("mkdocs.plugins.livecompare")


class _State:
    project: Project
    examples: dict[str, Example]
    manifest: dict[str, dict]
    manifest_readable: bool
    downloads: dict[str, PageExamples]  # page source path -> its notebooks and scripts
    claims: claims.Claims
    claims_problems: list  # what is wrong with the data file itself
    noted: dict[str, list[tuple[str, str]]]  # claim id -> the pages that note it


_state = _State()


def on_config(config):
    project = Project(Path(config.config_file_path).resolve().parent,
                      Path(config.docs_dir).resolve())
    _state.project = project
    _state.examples, _ = discover_examples(project)
    try:
        _state.manifest, _state.manifest_readable = load_manifest(project), True
    except ManifestError:  # said once, by on_post_build, not again for every example
        _state.manifest, _state.manifest_readable = {}, False
    _state.downloads = {}
    data_path = project.pages_dir / claims.DATA
    _state.claims, _state.claims_problems = claims.load(data_path, project.relative(data_path))
    _state.noted = claims.pages_noting(project.pages_dir)
    return config


def on_files(files, config):
    """Add each page's notebooks and scripts to the site, built from the snippets and
    their approved outputs (the copies under notebooks/ are for Colab)."""
    try:
        pages, texts = page_downloads(_state.project, _state.examples, _state.manifest)
    except NotebookError as error:
        log.error(str(error))
        return files
    for path, text in texts.items():
        files.append(File.generated(config, path, content=text))
    _state.downloads = {page.page.relative_to(_state.project.pages_dir).as_posix(): page
                        for page in pages}
    return files


def on_page_markdown(markdown, page, config, files):
    project = _state.project
    page_path = project.relative(Path(page.file.abs_src_path))
    found = claims.page_problems(markdown, page_path, _state.claims)  # at the source's lines
    markdown, problems, _ = expand_shortcodes(markdown, page_path, project,
                                              _state.examples, _state.manifest)
    markdown = claims.expand(markdown, page.file.src_uri, _state.claims, _state.noted)
    for problem in found + problems:
        if _state.manifest_readable or "has no entry in" not in problem.message:
            log.error(str(problem))
    downloads = _state.downloads.get(page.file.src_uri)
    if downloads:
        colab = {key: colab_url(config.repo_url, config.edit_uri,
                                downloads.notebook_path(key)) for key in FRAMEWORKS}
        markdown = _after_title(markdown, downloads_bar(downloads, page.file.src_uri, colab))
    return markdown


def _after_title(markdown: str, block: str) -> str:
    """The block after the page's first-level heading, or first when it has none."""
    lines = markdown.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("# "):
            return "".join(lines[:number + 1]) + "\n" + block + "\n" + "".join(lines[number + 1:])
    return block + "\n" + markdown


# mkdocs-jupyter's page template loads MathJax (with an empty address when none is set)
# and, when a diagram needs it, Mermaid from a CDN. The walkthroughs use neither, and the
# site must make no outside request, so notebook pages go without both loaders.
NOTEBOOK_LOADERS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r"|<script type=\"module\">(?:(?!</script>).)*?mermaid\.esm(?:(?!</script>).)*?</script>"
    r"|<style>\s*\['pre \{.*?</style>",  # a Python list printed into a style tag
    re.S)


def on_page_content(html, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    if "jp-Mermaid" in html.replace(".jp-Mermaid", ""):
        log.error(f"{page.file.src_uri}: a Mermaid diagram needs a CDN script the site does "
                  "not load; draw it as an SVG instead")
    source = f"{SOURCES}/{Path(page.file.src_uri).stem}.py"
    colab = colab_url(config.repo_url, config.edit_uri, f"docs/{page.file.src_uri}")
    links = [f'<a href="{config.repo_url.rstrip("/")}/blob/{branch_of(config.edit_uri)}/'
             f'{source}">its source, <code>{source}</code></a>'] if colab else []
    links += [f'<a href="{colab}">open it in Colab</a>'] if colab else []
    bar = ('<div class="compare-downloads"><p>This notebook ran as shown: <code>make test'
           "</code> executes it again and compares every output."
           + (" See " + " or ".join(links) + "." if links else "") + "</p></div>\n")
    html = NOTEBOOK_LOADERS.sub("", html)
    title_end = html.find("</h1>")
    if title_end < 0:
        return bar + html
    return html[:title_end + 5] + bar + html[title_end + 5:]


def on_post_build(config):
    for problem in _state.claims_problems + layout_problems(_state.project):
        log.error(str(problem))
