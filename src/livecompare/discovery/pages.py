"""Reading the pages: code blocks, headings, and the shortcodes that place examples.

The engine's one reader of Markdown's block structure (fences, indented code, raw HTML);
Python-Markdown itself reads it again when it renders the page. The compare shortcodes,
the claim notes (claims.py), the walkthroughs and each page's notebook (notebooks/build.py) all
skip what a page shows as code, by the lines `code_block_lines` returns.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from ..frameworks import FRAMEWORKS
from ..problems import At, Problem

# A shortcode stands alone on its line: <!-- compare: section/slug -->
SHORTCODE = re.compile(r"^(?P<indent>[ \t]*)<!--\s*compare:\s*(?P<name>\S+)\s*-->\s*$")
# Any lone HTML comment, to catch near misses such as <!-- compre: x --> or <!-- compare x -->.
LONE_COMMENT = re.compile(r"^[ \t]*<!--\s*(?P<word>[A-Za-z_-]+)(?P<rest>.*?)-->\s*$")
FENCE = re.compile(r"^[ \t]*(```+|~~~+)")
# A shortcode inside a sentence: it would be left as an invisible comment. Inline code
# (`<!-- compare: x -->` between backticks) is how a page shows the syntax, so it is allowed.
INLINE_SHORTCODE = re.compile(r"<!--\s*compare\s*:")
INLINE_CODE = re.compile(r"(`+).*?\1")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
ATTRIBUTES = re.compile(r"\s*\{[^}]*\}\s*$")  # attr_list's "{ #anchor }" after a heading
NOTEBOOKS = "notebooks"  # under the docs folder: committed (for Colab), published as they are

# Python-Markdown nests a block under a list item, an admonition or a content tab by
# indenting it 4 spaces; 4 more, after a blank line, make it an indented code block.
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S")
CONTAINER = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===\+?)[ \t]")


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """The lines of a page, or of a block the engine writes, as Python-Markdown sees them:
    split at "\n" only. (str.splitlines also splits at U+2028, U+0085, form feeds...,
    which inside a line of code or output are characters, not line ends.)"""
    if keepends:
        return re.findall(r"[^\n]*\n|[^\n]+$", text)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def indent_lines(text: str, prefix: str) -> str:
    """textwrap.indent for Markdown: every line that is not empty gets the prefix, and
    only "\n" ends a line."""
    return "".join(prefix + line if line.strip("\n") else line
                   for line in split_lines(text, keepends=True))


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def code_block_lines(text: str) -> set[int]:
    """The lines (1-based) of fenced and indented code blocks, where a page shows Markdown
    as written: a shortcode there is an example of the syntax, not a use."""
    inside: set[int] = set()
    fence: str | None = None
    levels = [0]  # the content indent of each container (list item, admonition) open here
    blank, in_code = True, False
    for number, line in enumerate(split_lines(text), start=1):
        if fence is not None:
            inside.add(number)
            match = FENCE.match(line)
            if match and match.group(1).startswith(fence):
                fence = None
            continue
        if not line.strip():
            blank = True
            continue
        indent = _indent(line)
        opener = LIST_ITEM.match(line) or CONTAINER.match(line)
        if blank or opener:  # without a blank line, a less indented line continues lazily
            while len(levels) > 1 and indent < levels[-1]:
                levels.pop()
        if indent >= levels[-1] + 4 and (blank or in_code):
            inside.add(number)
            blank, in_code = False, True
            continue
        blank = in_code = False
        if match := FENCE.match(line):
            fence = match.group(1)
            inside.add(number)
        elif opener:
            levels.append(indent + 4)
    return inside


COMMENT_MARK = re.compile(r"<!--|-->")


def comment_lines(text: str) -> set[int]:
    """The lines (1-based) that begin inside an HTML comment opened on an earlier line
    (outside code): a shortcode there is commented out, not used."""
    inside: set[int] = set()
    code = code_block_lines(text)
    open_comment = False
    for number, line in enumerate(split_lines(text), start=1):
        if number in code:
            continue
        if open_comment:
            inside.add(number)
        for mark in COMMENT_MARK.findall(INLINE_CODE.sub("", line)):
            open_comment = mark == "<!--" or (open_comment and mark != "-->")
    return inside


def text_lines(text: str) -> list[tuple[int, str]]:
    """The page's lines outside code blocks and HTML comments, numbered from 1."""
    skip = code_block_lines(text) | comment_lines(text)
    return [(n, line) for n, line in enumerate(split_lines(text), start=1) if n not in skip]


LONE = re.compile(r"^[ \t]*<!--.*-->[ \t]*$")


@functools.lru_cache(maxsize=64)
def raw_html_lines(text: str) -> dict[int, str]:
    """The lone comments (shortcodes) that Python-Markdown would leave inside a raw HTML
    block, such as `<details>` without md_in_html's `markdown` attribute: line -> the
    block's tag. What is expanded there would show as text, not as Markdown. Found by
    Python-Markdown's own HTML block parser, each shortcode standing in as a word."""
    lines = split_lines(text)
    code = code_block_lines(text)
    tokens = {}
    for (number, line) in text_lines(text):
        if LONE.match(line):
            token = f"livecompareline{number}x"
            tokens[number] = token
            lines[number - 1] = line[:len(line) - len(line.lstrip())] + token
    if not tokens or "<" not in text:
        return {}
    for number in code:  # code is set aside before HTML is parsed (superfences)
        lines[number - 1] = "code"
    md = markdown.Markdown(extensions=["md_in_html"])
    md.preprocessors["html_block"].run(lines)
    # A raw block is kept as a string; md_in_html keeps an element as an Element, whose
    # text is Markdown only where it says markdown="1" or "block".
    holders: list[tuple[str, str, bool]] = []  # text, tag, is Markdown
    for block in md.htmlStash.rawHtmlBlocks:
        if isinstance(block, str):
            tag = re.match(r"\s*<([A-Za-z][\w-]*)", block)
            holders.append((block, tag[1] if tag else "html", False))
            continue
        for parent in block.iter():
            markdown_here = parent.get("markdown") in ("1", "block")
            holders.append((parent.text or "", parent.tag, markdown_here))
            holders += [(child.tail or "", parent.tag, markdown_here) for child in parent]
    found = {}
    for number, token in tokens.items():
        holder = next((h for h in holders if token in h[0]), None)
        if holder is not None and not holder[2]:
            found[number] = holder[1]
    return found


def heading_words(line: str) -> tuple[int, str] | None:
    """A heading's level and words (without attr_list's braces), or None."""
    match = HEADING.match(line)
    return (len(match.group(1)), ATTRIBUTES.sub("", match.group(2))) if match else None


@dataclass(frozen=True)
class Shortcode:
    page: str  # path relative to the project root
    line: int  # 1-based
    name: str
    indent: str


def scan_page(text: str, page: str, known: set[str] | frozenset[str] | None = None,
              ) -> tuple[list[Shortcode], list[Problem]]:
    """The shortcodes on one page, and a problem for each malformed or unknown one.
    Lines inside code blocks (fenced or indented) are skipped, so pages can show the syntax
    itself."""
    codes: list[Shortcode] = []
    problems: list[Problem] = []
    first_use: dict[str, int] = {}
    raw = raw_html_lines(text)
    for number, line in text_lines(text):
        where = At(page, number)
        match = SHORTCODE.match(line)
        if match and number in raw:
            problems.append(raw_html_problem(where, raw[number]))
            continue
        if match:
            name = match["name"]
            if known is not None and name not in known:  # none known: every name unknown
                problems.append(Problem(where, "LC502", f"unknown example {name!r} in shortcode",
                                        fix=_suggest(name, known)))
            elif name in first_use:
                problems.append(Problem(
                    where, "LC506", f"example {name!r} is used twice on this page (first on line "
                    f"{first_use[name]})", example=name,
                    fix="show it once; from here, link to the heading above it instead"))
            else:
                first_use[name] = number
                codes.append(Shortcode(page, number, name, match["indent"]))
            continue
        comment = LONE_COMMENT.match(line)
        if not comment and INLINE_SHORTCODE.search(INLINE_CODE.sub("", line)):
            problems.append(Problem(
                where, "LC504", "a shortcode inside a line of text is not expanded",
                fix="put <!-- compare: section/slug --> alone on its own line"))
            continue
        if comment and _looks_like_compare(comment["word"], comment["rest"]):
            lower = SHORTCODE.match(line.lower())
            fix = "write it as <!-- compare: section/slug --> alone on its line"
            if lower:  # <!-- COMPARE: graphs/x -->
                fix = (f"did you mean '<!-- compare: {lower['name']} -->'? Shortcodes and "
                       "example names are lower case")
            problems.append(Problem(where, "LC503",
                                    f"malformed shortcode {line.strip()!r}", fix=fix))
    return codes, problems


def raw_html_problem(where: At, tag: str) -> Problem:
    """A shortcode that Python-Markdown would leave inside a raw HTML block."""
    return Problem(where, "LC505",
                   f"a shortcode inside a raw HTML block (<{tag}>) is not expanded: "
                   "the page would show its Markdown as text",
                   fix=f"give the element md_in_html's markdown attribute (<{tag} markdown>), "
                       "or move the shortcode out of it")


def _looks_like_compare(word: str, rest: str) -> bool:
    word = word.lower().rstrip(":")
    if word == "compare":
        return True  # "compare" without its colon, or with other damage
    similar = difflib.SequenceMatcher(None, word, "compare").ratio() >= 0.7
    return similar or ("/" in rest and ":" in rest)


def _suggest(name: str, known: set[str] | frozenset[str]) -> str:
    if name.lower() in known:
        return f"did you mean {name.lower()!r}? Example names are lower case"
    close = difflib.get_close_matches(name.lower(), sorted(known), n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return "`.venv/bin/python -m livecompare list` lists the known examples"


def markdown_pages(pages_dir: Path) -> list[Path]:
    return sorted(pages_dir.rglob("*.md"))


def scan_pages(project, known: set[str]) -> tuple[list[Shortcode], list[Problem]]:
    codes: list[Shortcode] = []
    problems: list[Problem] = []
    for page in markdown_pages(project.pages_dir):
        found, wrong = scan_page(page.read_text(encoding="utf-8"), project.relative(page), known)
        codes += found
        problems += wrong
    return codes, problems


# ---------------------------------------------------------------- a page's examples


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
