"""One page for a walkthrough, both frameworks in linked tabs.

`<!-- compare-walkthrough: digits -->` on a page becomes the whole task, step by step,
each step in the site's linked "PyTorch" / "TensorFlow" tabs: the prose, code, printed
output and pictures of docs/walkthroughs/digits_pytorch.ipynb and
digits_tensorflow.ipynb, as executed. The Markdown extension expands it, so any builder
that renders the site's examples renders this page too; no notebook plugin is needed.
"""

from __future__ import annotations

import re

import nbformat

from ..discovery.pages import split_lines
from ..discovery.shortcodes import shortcodes_of
from ..notebooks.walkthroughs import STALE_FIX
from ..problems import At, Problem
from ..project import Project
from ..safe import code_fence, html_text

NOTEBOOKS = "walkthroughs"  # under docs/: the executed notebooks, one per framework


# The tab label, and the notebook's suffix: digits_pytorch.ipynb, digits_tensorflow.ipynb.
WALKTHROUGH_TABS = (("PyTorch", "pytorch"), ("TensorFlow", "tensorflow"))
STEP_HEADING = re.compile(r"^##[ \t]+(?P<title>.+?)[ \t]*#*[ \t]*$")
STEP_NUMBER = re.compile(r"^(\d+)\.\s")
SET_UP = "Set-up"  # the heading of the cells before a notebook's first step
TRAILING_WORDS = {"with", "the", "and", "of", "in", "to", "for", "a"}


class _Section:
    def __init__(self, title: str):
        self.title = title
        self.cells: list = []


def _sections(notebook) -> list[_Section]:
    """A notebook cut at its `## ` headings. Before the first one, the title and the
    introduction (which speak of the notebook itself) are left out; its code stays."""
    sections = [_Section(SET_UP)]
    for cell in notebook.cells:
        text = cell.source.strip()
        first = text.splitlines()[0] if text else ""
        if cell.cell_type == "markdown" and (heading := STEP_HEADING.match(first)):
            sections.append(_Section(heading["title"]))
            rest = text.split("\n", 1)[1].strip() if "\n" in text else ""
            if rest:
                sections[-1].cells.append(("markdown", rest, cell))
        elif cell.cell_type == "code":
            sections[-1].cells.append(("code", text, cell))
        elif cell.cell_type == "markdown" and len(sections) > 1:
            sections[-1].cells.append(("markdown", text, cell))
    return [s for s in sections if s.cells]


def _key(section: _Section, position: int) -> str:
    """How a step is matched across the notebooks: its number ("3"), else its title."""
    number = STEP_NUMBER.match(section.title)
    return number[1] if number else section.title.casefold()


def _shared_title(titles: list[str]) -> str:
    """One heading for a step both notebooks name alike: the same title, or the words
    they share at the start ("What to compare with the PyTorch walkthrough" and "... the
    TensorFlow walkthrough" give "What to compare")."""
    if len(set(titles)) == 1:
        return titles[0]
    words = [t.split() for t in titles]
    shared = []
    for column in zip(*words, strict=False):
        if len(set(column)) > 1:
            break
        shared.append(column[0])
    while shared and shared[-1].lower() in TRAILING_WORDS:
        shared.pop()
    return " ".join(shared) or titles[0]


def _one_to_one(cut: list[list[_Section]]) -> bool:
    """Whether the notebooks' steps pair by position: as many in each, and at each
    position the same number, or no number in any (a closing "What to compare with the
    TensorFlow walkthrough" beside "... with the PyTorch walkthrough")."""
    if len({len(sections) for sections in cut}) != 1:
        return False
    for column in zip(*cut, strict=True):
        keys = {_key(section, 0) for section in column}
        numbered = [STEP_NUMBER.match(section.title) for section in column]
        if len(keys) > 1 and any(numbered):
            return False
    return True


def pair_steps(notebooks: list) -> tuple[list[tuple[str, list[_Section | None]]], list[str]]:
    """The steps of the notebooks side by side: by position where both have the same
    steps, else by number or title. Returns (title, one section per notebook or None)
    and the titles of steps only some notebooks have."""
    cut = [_sections(nb) for nb in notebooks]
    keyed = [{_key(s, i): s for i, s in enumerate(sections)} for sections in cut]
    order: list[str] = []
    for sections in cut:
        for i, section in enumerate(sections):
            if (key := _key(section, i)) not in order:
                order.append(key)
    if _one_to_one(cut):
        rows = [list(column) for column in zip(*cut, strict=True)]
    else:
        rows = [[k.get(key) for k in keyed] for key in order]
    steps, unpaired = [], []
    for row in rows:
        titles = [s.title for s in row if s is not None]
        if len(titles) < len(row):
            unpaired.append(titles[0])
        steps.append((_shared_title(titles), row))
    return steps, unpaired


def _first_sentence(text: str) -> str:
    """The start of a Markdown cell, as plain text: up to the first colon or full stop."""
    plain = re.sub(r"`([^`]*)`", r"\1", " ".join(text.split()))
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", plain).replace("**", "").replace("*", "")
    return re.split(r"(?<=[a-z0-9)])[.:](?:\s|$)", plain, maxsplit=1)[0].strip()


def _output_markdown(cell, alt: str | None, where: str,
                     problems: list[Problem]) -> list[str]:
    import base64

    parts = []
    for output in cell.get("outputs", []):
        kind = output.output_type
        text = ""
        if kind == "stream" and output.name == "stdout":
            text = output.text
        elif kind in ("display_data", "execute_result"):
            data = output.get("data", {})
            if "image/png" in data:
                if not alt:
                    problems.append(Problem(where, "LC614", "a picture with no description",
                                            fix="say what the picture shows in a Markdown "
                                                "cell just before the code that draws it"))
                png = "".join(data["image/png"].split())
                base64.b64decode(png, validate=True)  # a broken picture fails here
                parts.append(f'<figure class="walkthrough-figure" markdown="0"><img alt="'
                             f'{html_text(alt or "")}" src="data:image/png;base64,{png}">'
                             "</figure>")
                continue
            text = data.get("text/plain", "")
        elif kind == "error":
            text = "\n".join(output.get("traceback", []))
        if text.strip():
            text = text if text.endswith("\n") else text + "\n"
            fence = code_fence(text)
            parts.append(f'{fence} {{ .text .output title="Output" }}\n{text}{fence}')
    return parts


def _tab_markdown(section: _Section, shown_as: str, problems: list[Problem]) -> str:
    parts = []
    last_prose = None
    for kind, text, cell in section.cells:
        if kind == "markdown":
            parts.append(text)
            last_prose = text
            continue
        fence = code_fence(text)
        parts.append(f"{fence}python\n{text}\n{fence}")
        alt = _first_sentence(last_prose) if last_prose else None
        parts += _output_markdown(cell, alt, f"{shown_as}, step {section.title!r}", problems)
        last_prose = None
    return "\n\n".join(parts)


def walkthrough_markdown(project: Project, name: str, page: At | str
                         ) -> tuple[str, list[Problem]]:
    """The Markdown for a walkthrough: each step a heading, then linked tabs."""
    import textwrap

    notebooks, problems = [], []
    for _, suffix in WALKTHROUGH_TABS:
        path = project.pages_dir / NOTEBOOKS / f"{name}_{suffix}.ipynb"
        try:
            notebooks.append(nbformat.read(path, as_version=4))
        except (OSError, ValueError) as error:  # missing, cut short, not JSON
            return "", [Problem(page, "LC614", f"walkthrough {name!r}: cannot read "
                                f"{project.relative(path)} ({type(error).__name__})",
                                fix=STALE_FIX.format(name=f"{name}_{suffix}"))]
    steps, unpaired = pair_steps(notebooks)
    for title in unpaired:
        problems.append(Problem(page, "LC614",
                                f"walkthrough {name!r}: the step {title!r} is in only "
                                "one of the notebooks",
                                fix="give both scripts under walkthroughs/ the same steps, "
                                    "with the same numbered ## headings"))
    blocks = []
    for title, row in steps:
        tabs = []
        for (label, suffix), section in zip(WALKTHROUGH_TABS, row, strict=True):
            shown = f"{NOTEBOOKS}/{name}_{suffix}.ipynb"
            body = (_tab_markdown(section, shown, problems) if section is not None
                    else f"*The {label} notebook has no such step.*")
            tabs.append(f'=== "{label}"\n\n' + textwrap.indent(body, "    ") + "\n")
        # A step is an example to the site's CSS and script (class compare): the same
        # linked tabs, and side by side on a wide screen.
        blocks.append(f"## {title}\n\n" f'<div class="compare walkthrough-step" markdown>\n\n'
                      + "\n".join(tabs) + "\n</div>\n")
    return "\n".join(blocks), problems


def expand_walkthroughs(markdown: str, page: str, project: Project
                        ) -> tuple[str, list[Problem]]:
    """Each `<!-- compare-walkthrough: NAME -->` line of a page, expanded."""
    lines = split_lines(markdown, keepends=True)
    problems: list[Problem] = []
    for found in shortcodes_of(markdown, "compare-walkthrough"):
        block, more = walkthrough_markdown(project, found.argument, At(page, found.line))
        problems += more
        lines[found.line - 1] = block
    return "".join(lines), problems
