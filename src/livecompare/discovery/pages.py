"""Reading the pages: their lines, code blocks, HTML comments, raw HTML blocks, headings.

The engine's one reader of Markdown's block structure (fences, indented code, raw HTML);
Python-Markdown itself reads it again when it renders the page. The shortcodes
(shortcodes.py) and a page's examples (page_examples.py) skip what a page shows as code
by the lines `text_lines` returns.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import markdown

FENCE = re.compile(r"^[ \t]*(```+|~~~+)")
INLINE_CODE = re.compile(r"(`+).*?\1")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
ATTRIBUTES = re.compile(r"\s*\{[^}]*\}\s*$")  # attr_list's "{ #anchor }" after a heading

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


def markdown_pages(pages_dir: Path) -> list[Path]:
    return sorted(pages_dir.rglob("*.md"))
