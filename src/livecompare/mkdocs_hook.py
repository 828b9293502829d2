"""What hooks/compare_shortcodes.py hands to MkDocs: only what needs MkDocs' events.

The examples themselves are expanded by the Markdown extension (extension.py), which
this hook tells where the project is and which page it renders. The hook adds each page's
notebooks and scripts to the site (built from the snippets and their approved outputs,
cached by content), puts their links under the page's title, gives each walkthrough its
bar, removes mkdocs-jupyter's CDN loaders, and, once the build is done, reports the
problems no single page shows. Problems are logged as errors under the `mkdocs` logger,
so `mkdocs build --strict` fails and names them, while `mkdocs serve` keeps serving.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from pathlib import Path

from mkdocs.structure.files import File

from . import extension
from .checks import layout_problems
from .downloads import cached_downloads
from .frameworks import FRAMEWORKS
from .notebooks import NotebookError, branch_of, colab_url
from .pages import PageExamples
from .walkthroughs import SOURCES

log = logging.getLogger("mkdocs.plugins.livecompare")
_downloads: dict[str, PageExamples] = {}  # page source path -> its notebooks and scripts


def on_config(config):
    extension.configure(Path(config.config_file_path).resolve().parent,
                        Path(config.docs_dir).resolve())
    _downloads.clear()
    return config


def on_files(files, config):
    """Add each page's notebooks and scripts to the site (the copies under notebooks/ are
    for Colab)."""
    project = extension.current_project()
    data = extension.site_data(project)
    try:
        pages, texts = cached_downloads(project, data.examples, data.manifest)
    except NotebookError as error:
        log.error(str(error))
        return files
    for path, text in texts.items():
        files.append(File.generated(config, path, content=text))
    _downloads.update({page.page.relative_to(project.pages_dir).as_posix(): page
                       for page in pages})
    return files


def on_page_markdown(markdown, page, config, files):
    extension.set_page(page.file.src_uri)  # the extension names this page in problems
    return markdown


def _link(page_url: str, target: str) -> str:
    """A link from the built page at `page_url` to a file of the site."""
    here = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    return posixpath.relpath(target, here or ".")


def downloads_bar(page: PageExamples, page_url: str, colab: dict[str, str | None]) -> str:
    """The HTML under a page's title: notebook, script and Colab per framework."""
    parts = []
    for key, framework in FRAMEWORKS.items():
        links = [f'<a download href="{html.escape(_link(page_url, path))}">{what}</a>'
                 for what, path in (("notebook", page.notebook_path(key)),
                                    ("script", page.script_path(key)))]
        if colab.get(key):
            links.append(f'<a href="{html.escape(colab[key])}">open in Colab</a>')
        parts.append(f"<strong>{framework.label}</strong>: " + " · ".join(links))
    return ('<div class="compare-downloads">\n<p>This page\'s examples to take away: '
            + "; ".join(parts) + ".</p>\n</div>\n")


# mkdocs-jupyter's page template loads MathJax (with an empty address when none is set)
# and, when a diagram needs it, Mermaid from a CDN. The walkthroughs use neither, and the
# site must make no outside request, so notebook pages go without both loaders.
NOTEBOOK_LOADERS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r"|<script type=\"module\">(?:(?!</script>).)*?mermaid\.esm(?:(?!</script>).)*?</script>"
    r"|<style>\s*\['pre \{.*?</style>",  # a Python list printed into a style tag
    re.S)


def _walkthrough_bar(page, config) -> str:
    source = f"{SOURCES}/{Path(page.file.src_uri).stem}.py"
    colab = colab_url(config.repo_url, config.edit_uri, f"docs/{page.file.src_uri}")
    links = [f'<a href="{config.repo_url.rstrip("/")}/blob/{branch_of(config.edit_uri)}/'
             f'{source}">its source, <code>{source}</code></a>'] if colab else []
    links += [f'<a href="{colab}">open it in Colab</a>'] if colab else []
    return ('<div class="compare-downloads"><p>This notebook ran as shown: <code>make test'
            "</code> executes it again and compares every output."
            + (" See " + " or ".join(links) + "." if links else "") + "</p></div>\n")


def _after_title(html_text: str, bar: str) -> str:
    title_end = html_text.find("</h1>")
    if title_end < 0:
        return bar + html_text
    return html_text[:title_end + 5] + bar + html_text[title_end + 5:]


def on_page_content(html_text, page, config, files):
    extension.set_page(None)
    if page.file.src_uri.endswith(".ipynb"):
        if "jp-Mermaid" in html_text.replace(".jp-Mermaid", ""):
            log.error(f"{page.file.src_uri}: a Mermaid diagram needs a CDN script the site "
                      "does not load; draw it as an SVG instead")
        return _after_title(NOTEBOOK_LOADERS.sub("", html_text), _walkthrough_bar(page, config))
    downloads = _downloads.get(page.file.src_uri)
    if not downloads:
        return html_text
    colab = {key: colab_url(config.repo_url, config.edit_uri, downloads.notebook_path(key))
             for key in FRAMEWORKS}
    return _after_title(html_text, downloads_bar(downloads, page.url, colab))


def on_post_build(config):
    data = extension.site_data(extension.current_project())
    for problem in data.claims_problems + layout_problems(data.project):
        log.error(str(problem))
