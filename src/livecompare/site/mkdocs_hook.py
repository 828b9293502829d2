"""What hooks/compare_shortcodes.py hands to MkDocs: only what needs MkDocs' events.

The examples, and each page's notebook and script downloads, are the Markdown
extension's (extension.py), which this hook tells where the project is and which page it
renders; Zensical runs the extension without it. The hook publishes each walkthrough's
script, gives each walkthrough page (mkdocs-jupyter's) its bar, removes mkdocs-jupyter's
CDN loaders, tells MkDocs' link check about the ids of code lines, lets code in tables
wrap after a dot, hands the search plugin each page's reading view (search_index.py), and,
once the build is done, reports the problems no single page shows. Problems are logged as
errors under the `mkdocs` logger, so `mkdocs build --strict` fails and names them, while
`mkdocs serve` keeps serving.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from ..notebooks.build import colab_url
from ..notebooks.walkthroughs import SOURCES
from ..notebooks.walkthroughs import sources as walkthrough_sources
from . import extension
from .highlight import notebook_lines
from .notebook_css import prune_page_css
from .search_index import add_row_entries, reading_view
from .zensical import end_of_build_problems

log = logging.getLogger("mkdocs.plugins.livecompare")
VERIFIED_PAGE = "verified.md"  # "How this site is verified": the maintainers' material
WALKTHROUGH_PAGE = "walkthroughs/index.md"  # the one in the navigation; it links the notebooks
_walkthrough_hrefs: dict[str, str] = {}  # notebook page source path -> link to that page
_shown: dict[str, str] = {}  # page source path -> its HTML, while search reads another


def on_config(config):
    extension.configure(Path(config.config_file_path).resolve().parent,
                        Path(config.docs_dir).resolve())
    return config


def on_files(files, config):
    """A script beside each walkthrough notebook (its Jupytext source)."""
    project = extension.current_project()
    for source in walkthrough_sources(project):
        files.append(File.generated(config, f"{SOURCES}/{source.name}",
                                    abs_src_path=str(source)))
    return files


def on_page_markdown(markdown, page, config, files):
    extension.set_page(page.file.src_uri)  # the extension names this page in problems
    return markdown


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
# pymdownx.highlight's id on a line of code (line_spans in mkdocs.yml), which the extension
# keeps only where the page links to the line (highlight.py).
LINE_ID = re.compile(r'<span class="ln[^"]*" id="(__span-[^"]+)"')


def _walkthrough_bar(page, config, files) -> str:
    """The bar of the other pages: the notebook (mkdocs-jupyter copies it beside the page),
    its script (on_files) and, on the hosted site, Colab."""
    stem = Path(page.file.src_uri).stem
    script = files.get_file_from_path(f"{SOURCES}/{stem}.py")
    colab = colab_url(config.repo_url, config.edit_uri, f"docs/{page.file.src_uri}")
    links = [f'<a href="{stem}.ipynb" download>notebook</a>']
    if script:
        links.append(f'<a href="{script.url_relative_to(page.file)}" download>script</a>')
    links += [f'<a href="{colab}">open in Colab</a>'] if colab else []
    return ('<div class="compare-downloads"><p>Download this walkthrough: '
            + " · ".join(links) + f". Its outputs are those of a checked run{_how(page, files)}."
            "</p></div>\n")


def _how(page, files) -> str:
    """A link to the page that says how the site is verified, where the site has it."""
    verified = files.get_file_from_path(VERIFIED_PAGE)
    return (f' (<a href="{verified.url_relative_to(page.file)}">how this site is verified</a>)'
            if verified else "")


def _after_title(html: str, bar: str) -> str:
    title_end = html.find("</h1>")
    if title_end < 0:
        return bar + html
    return html[:title_end + 5] + bar + html[title_end + 5:]


def on_page_content(html, page, config, files):
    """The page's reading view (search_index.py), which the search plugin indexes next,
    in its on_page_context; this hook's on_page_context then gives the page its HTML."""
    extension.set_page(None)
    _shown[page.file.src_uri] = _page_content(html, page, config, files)
    return reading_view(_shown[page.file.src_uri])


def on_page_context(context, page, config, nav):
    # Hooks run after plugins: the search plugin has indexed the view.
    page.content = _shown.pop(page.file.src_uri)
    if page.file.src_uri.endswith(".ipynb"):
        walkthrough = next((p for p in nav.pages if p.file.src_uri == WALKTHROUGH_PAGE), None)
        if walkthrough:
            _walkthrough_hrefs[page.file.src_uri] = get_relative_url(walkthrough.url, page.url)
    return context


def _page_content(html, page, config, files):
    # MkDocs checks links to anchors against the ids it saw in the Markdown, which do not
    # include the lines of highlighted code: add those, so that a link to a line passes.
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= set(LINE_ID.findall(html))
    if page.file.src_uri.endswith(".ipynb"):
        if "jp-Mermaid" in html.replace(".jp-Mermaid", ""):
            log.error(f"{page.file.src_uri}: a Mermaid diagram needs a CDN script the site "
                      "does not load; draw it as an SVG instead")
        html = notebook_lines(NOTEBOOK_LOADERS.sub("", html))
        html = NOTEBOOK_LINK.sub(lambda link: _notebook_page_link(link, page, files), html)
        return _after_title(html, _walkthrough_bar(page, config, files)) + _way_on(page, files)
    return html


def _way_on(page, files) -> str:
    """A notebook page is out of the navigation's order: it ends by leading back to the
    walkthrough, where both frameworks take each step in linked tabs."""
    walkthrough = files.get_file_from_path(WALKTHROUGH_PAGE)
    if not walkthrough:
        return ""
    return (f'<p class="compare-way-on">Both frameworks, step by step in linked tabs: '
            f'<a href="{walkthrough.url_relative_to(page.file)}">the walkthrough</a>.</p>\n')


def on_post_page(output, page, config):
    """Notebook pages keep only the JupyterLab style rules that can match them (about
    570 kB of it would not): see notebook_css.py. They are not in the navigation, so the
    walkthrough page that links them is marked there as where the reader is."""
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    return prune_page_css(_walkthrough_marked(output, page), extension.current_project().root)


def _walkthrough_marked(output: str, page) -> str:
    href = _walkthrough_hrefs.get(page.file.src_uri)
    if not href:
        return output
    link = f'<a href="{href}" class="md-nav__link">'
    return output.replace(link, f'<a href="{href}" class="md-nav__link md-nav__link--active">')


def on_post_build(config):
    # After the search plugin wrote its index (hooks run after plugins): a result per
    # Rosetta stone row.
    add_row_entries(Path(config.site_dir))
    for problem in end_of_build_problems(extension.site_data(extension.current_project())):
        log.error(str(problem))
