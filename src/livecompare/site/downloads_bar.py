"""The links under a page's title to its examples to take away: one notebook and one
script per framework, and, on the hosted site, each notebook in Colab.

The files themselves are committed under docs/notebooks/ (`make notebooks` writes them,
sync.py), so every builder publishes them as they are. The bar is Markdown, inserted by
the extension under the page's `# ` title: each builder turns its links into the right
address from the built page, and MkDocs' link check fails a link to a missing file.
"""

from __future__ import annotations

import posixpath

from ..discovery.page_examples import PageExamples
from ..discovery.pages import heading_words, split_lines, text_lines
from ..frameworks import FRAMEWORKS
from ..notebooks.build import colab_url
from ..notebooks.sync import missing_download
from ..problems import Problem
from ..project import Project
from ..safe import markdown_url


def downloads_bar(page: PageExamples, page_src: str, colab: dict[str, str | None]) -> str:
    """The bar as Markdown (md_in_html), its links relative to the page's source."""
    here = posixpath.dirname(page_src)
    parts = []
    for key, framework in FRAMEWORKS.items():
        # A page's path is a contributor's folder and file name: encoded, it stays one
        # link however it is spelled.
        links = [f"[{what}]({markdown_url(posixpath.relpath(path, here or '.'))}){{: download }}"
                 for what, path in (("notebook", page.notebook_path(key)),
                                    ("script", page.script_path(key)))]
        if colab.get(key):
            links.append(f"[open in Colab]({markdown_url(colab[key])})")
        parts.append(f"**{framework.label}**: " + " · ".join(links))
    return ('<div class="compare-downloads" markdown>\n'
            "Download this page's examples: " + "; ".join(parts) + ".\n</div>")


def with_downloads_bar(markdown: str, project: Project, page: PageExamples, page_src: str,
                       repo_url: str | None, edit_uri: str | None,
                       ) -> tuple[str, list[Problem]]:
    """The page with its bar under the title (first, when it has no `# ` title), and a
    problem for each download that is not committed."""
    problems = [missing_download(project, path) for path in page.downloads()
                if not (project.pages_dir / path).is_file()]
    colab = {key: colab_url(repo_url, edit_uri,
                            project.relative(project.pages_dir / page.notebook_path(key)))
             for key in FRAMEWORKS}
    bar = downloads_bar(page, page_src, colab)
    lines = split_lines(markdown)
    title = next((number for number, line in text_lines(markdown)
                  if (words := heading_words(line)) and words[0] == 1), 0)
    return "\n".join(lines[:title] + ["", bar, ""] + lines[title:]), problems
