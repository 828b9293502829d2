"""What hooks/livecompare.py hands to MkDocs: expand shortcodes, report problems.

Problems are logged as errors under the `mkdocs` logger, so `mkdocs build --strict` fails
and names the page and line, while `mkdocs serve` keeps serving and shows the problem on
the page itself.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from mkdocs.structure.files import File

from . import claims
from .checks import layout_problems
from .discover import discover_examples
from .notebook_css import prune_page_css
from .notebooks import (
    NotebookError,
    PageExamples,
    colab_url,
    downloads_bar,
    page_downloads,
)
from .outputs import ManifestError, load_manifest
from .project import FRAMEWORKS, Example, Project
from .render import expand_shortcodes
from .walkthroughs import SOURCES
from .walkthroughs import sources as walkthrough_sources

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
    for source in walkthrough_sources(_state.project):  # a script beside each walkthrough
        files.append(File.generated(config, f"{SOURCES}/{source.name}",
                                    abs_src_path=str(source)))
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
    r"|<style>\s*\['pre \{.*?</style>"  # a Python list printed into a style tag
    # A cell's tags (skip-execution) are for the tools, not for readers.
    r'|<div class="celltoolbar">\s*(?:<div class="button_container tags_button_container">'
    r'\s*<span class="tag-container">\s*<span class="cell-tag">[^<]*</span>\s*</span>\s*'
    r"</div>\s*)*</div>",
    re.S)
# A link from one walkthrough to another names its notebook, which Colab and Jupyter open;
# on the site it goes to that notebook's page.
NOTEBOOK_LINK = re.compile(r'href="([\w.-]+\.ipynb)"')


def _notebook_page_link(link: re.Match, page, files) -> str:
    path = posixpath.join(posixpath.dirname(page.file.src_uri), link[1])
    target = files.get_file_from_path(path)
    if target is None or not target.is_documentation_page():
        return link[0]
    return f'href="{target.url_relative_to(page.file)}"'


# In a table, long code such as `keras.layers.MaxPooling2D(2)` may wrap after a dot or an
# opening bracket, never inside a name (compare.css stops the browser breaking words).
TABLE = re.compile(r"<table>.*?</table>", re.S)
TABLE_CODE = re.compile(r"(<code>)([^<]+)(</code>)")
BREAK_AFTER = re.compile(r"(?<=[\w)\]]\.)(?=[A-Za-z_])|(?<=[(\[])(?=[A-Za-z_\"])")


def _breakable(code: re.Match) -> str:
    return code[1] + BREAK_AFTER.sub("<wbr>", code[2]) + code[3]


# pymdownx.highlight's id on each line of code (line_spans in mkdocs.yml). Only a page that
# links to its own lines (the Rosetta stone) keeps them; elsewhere they only weigh.
LINE_ID = re.compile(r'<span id="(__span-[^"]+)"')
LINE_SPAN = re.compile(r'<span id="__span-[^"]*">([^\n]*\n)</span>')


def on_page_content(html, page, config, files):
    # MkDocs checks links to anchors against the ids it saw in the Markdown, which do not
    # include the lines of highlighted code: add those, so that a link to a line passes.
    if 'href="#__span-' not in html:
        html = LINE_SPAN.sub(r"\1", html)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= set(LINE_ID.findall(html))
    html = TABLE.sub(lambda table: TABLE_CODE.sub(_breakable, table[0]), html)
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    if "jp-Mermaid" in html.replace(".jp-Mermaid", ""):
        log.error(f"{page.file.src_uri}: a Mermaid diagram needs a CDN script the site does "
                  "not load; draw it as an SVG instead")
    # The bar of the other pages: the notebook (mkdocs-jupyter copies it beside the page),
    # its script (on_files) and, on the hosted site, Colab.
    stem = Path(page.file.src_uri).stem
    script = files.get_file_from_path(f"{SOURCES}/{stem}.py")
    colab = colab_url(config.repo_url, config.edit_uri, f"docs/{page.file.src_uri}")
    links = [f'<a href="{stem}.ipynb" download>notebook</a>']
    if script:
        links.append(f'<a href="{script.url_relative_to(page.file)}" download>script</a>')
    links += [f'<a href="{colab}">open in Colab</a>'] if colab else []
    bar = ('<div class="compare-downloads"><p>This walkthrough to take away: '
           + " · ".join(links) + ". It ran as shown: <code>make test</code> executes it "
           "again and compares every output.</p></div>\n")
    html = NOTEBOOK_LOADERS.sub("", html)
    html = NOTEBOOK_LINK.sub(lambda link: _notebook_page_link(link, page, files), html)
    title_end = html.find("</h1>")
    if title_end < 0:
        return bar + html
    return html[:title_end + 5] + bar + html[title_end + 5:]


def on_post_page(output, page, config):
    """Notebook pages keep only the JupyterLab style rules that can match them (about
    570 kB of it would not): see notebook_css.py."""
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    return prune_page_css(output)


def on_post_build(config):
    for problem in _state.claims_problems + layout_problems(_state.project):
        log.error(str(problem))
