"""The examples each page shows, in page order under their headings: what a page's
notebooks and downloads are made of."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..frameworks import FRAMEWORKS
from .pages import heading_words, markdown_pages, split_lines, text_lines
from .shortcodes import scan_page

NOTEBOOKS = "notebooks"  # under the docs folder: committed (for Colab), published as they are


@dataclass
class PageExamples:
    """The examples one page shows, in page order, each under its nearest heading."""

    page: Path  # the Markdown file
    stem: str  # its path under docs/ without ".md": "graphs", "guide/intro"
    title: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # heading, names

    @property
    def names(self) -> list[str]:
        return [name for _, names in self.sections for name in names]

    def notebook_path(self, framework: str) -> str:
        """Where this page's notebook lives, under the docs folder and under the site."""
        return f"{NOTEBOOKS}/{FRAMEWORKS[framework].label.lower()}/{self.stem}.ipynb"

    def script_path(self, framework: str) -> str:
        return self.notebook_path(framework).removesuffix(".ipynb") + ".py"

    def downloads(self) -> list[str]:
        """Every file a reader can take from this page: each framework's notebook and
        script, under the docs folder."""
        return [path(key) for key in FRAMEWORKS for path in (self.notebook_path,
                                                               self.script_path)]

    def heading_line(self, words: str) -> int | None:
        """The line of the page's heading with these words."""
        lines = split_lines(self.page.read_text(encoding="utf-8"))
        return next((n for n, text in enumerate(lines, start=1)
                     if (found := heading_words(text)) and found[1] == words), None)


def page_examples(project, page: Path, known) -> PageExamples | None:
    """The page's examples and headings, or None when it shows no example."""
    text = page.read_text(encoding="utf-8")
    codes, _ = scan_page(text, project.relative(page), set(known))
    if not codes:
        return None
    at_line = {code.line: code.name for code in codes}
    stem = page.relative_to(project.pages_dir).with_suffix("").as_posix()
    found = PageExamples(page, stem, stem)
    heading = ""
    for number, line in text_lines(text):
        if words := heading_words(line):
            if words[0] == 1 and found.title == stem:
                found.title = words[1]
            else:
                heading = words[1]
        elif number in at_line:
            if not found.sections or found.sections[-1][0] != heading:
                found.sections.append((heading, []))
            found.sections[-1][1].append(at_line[number])
    return found


def all_page_examples(project, known) -> list[PageExamples]:
    pages = (page_examples(project, p, known) for p in markdown_pages(project.pages_dir))
    return [p for p in pages if p is not None]
