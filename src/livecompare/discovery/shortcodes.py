"""The shortcodes of the pages: one registry of their kinds (KINDS) and one scan of a page
(`page_shortcodes`) that finds every shortcode, with its line, its indent and its
argument, and every near miss of one. Each owner of a kind takes its own from the scan
and says what is wrong with them: the examples and tables (`scan_page` here, render.py),
the walkthroughs (walkthrough_page.py) and the claims (claims.py).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from ..problems import At, Problem
from .pages import INLINE_CODE, markdown_pages, raw_html_lines, text_lines

# A shortcode stands alone on its line: <!-- compare: section/slug -->, <!-- compare-versions -->
LONE_SHORTCODE = re.compile(r"^[ \t]*<!--\s*(?P<kind>[a-z][a-z-]*)"
                            r"(?::\s*(?P<argument>\S+))?\s*-->[ \t]*$")
# Any lone HTML comment, to catch near misses such as <!-- compre: x --> or <!-- compare x -->.
LONE_COMMENT = re.compile(r"^[ \t]*<!--\s*(?P<word>[A-Za-z_-]+)(?P<rest>.*?)-->\s*$")
# A shortcode inside a sentence: it would be left as an invisible comment. Inline code
# (`<!-- compare: x -->` between backticks) is how a page shows the syntax, so it is allowed.
INLINE_COMMENT = re.compile(r"<!--\s*(?P<word>[A-Za-z][A-Za-z-]*)")


@dataclass(frozen=True)
class Kind:
    """A kind of shortcode: its word, what follows its colon (None: nothing), and whose
    it is (the module that expands it, which also says what is wrong with one)."""

    word: str
    argument: str | None
    owner: str  # "examples" (render.py, walkthrough_page.py) or "claims" (claims.py)

    @property
    def form(self) -> str:
        return f"<!-- {self.word}{f': {self.argument}' if self.argument else ''} -->"


# Every shortcode a page may hold. A lone comment that resembles one of these words, but
# is not one, is a malformed shortcode, never an ignored comment.
KINDS = {kind.word: kind for kind in (
    Kind("compare", "section/slug", "examples"),  # an example's tabs (render.py)
    Kind("compare-versions", None, "examples"),  # the versions table (render.py)
    Kind("compare-upgrades", None, "examples"),  # the What-changed list (render.py)
    Kind("compare-preview", None, "examples"),  # "Coming next" (render.py)
    Kind("compare-walkthrough", "name", "examples"),  # a walkthrough (walkthrough_page.py)
    Kind("claim", "id", "claims"),  # a claim's note (claims.py)
    Kind("claims", "block", "claims"),  # a block of the claims (claims.py)
)}


@dataclass(frozen=True)
class Found:
    """One shortcode on a page, or a near miss of one (`malformed`)."""

    kind: str  # a word of KINDS
    argument: str | None
    line: int  # 1-based
    indent: str
    text: str  # the line as written
    raw_html: str | None = None  # the tag of the raw HTML block it sits in: not expanded
    malformed: bool = False  # a near miss, alone on its line
    inline: bool = False  # a shortcode inside a line of text, which is never expanded


@functools.lru_cache(maxsize=64)
def page_shortcodes(text: str) -> tuple[Found, ...]:
    """The one scan of a page for shortcodes, outside code blocks and HTML comments: every
    shortcode of a registered kind, and every near miss of one, in page order. Each owner
    of a kind takes its own and says what is wrong with them."""
    raw = raw_html_lines(text)
    found = []
    for number, line in text_lines(text):
        indent = line[:len(line) - len(line.lstrip())]
        match = LONE_SHORTCODE.match(line)
        if (match and match["kind"] in KINDS
                and (match["argument"] is None) == (KINDS[match["kind"]].argument is None)):
            found.append(Found(match["kind"], match["argument"], number, indent, line,
                               raw_html=raw.get(number)))
        elif comment := LONE_COMMENT.match(line):
            if kind := _resembled(comment["word"], comment["rest"]):
                found.append(Found(kind, None, number, indent, line, malformed=True))
        else:
            for inline in INLINE_COMMENT.finditer(INLINE_CODE.sub("", line)):
                if (kind := inline["word"].lower()) in KINDS:
                    found.append(Found(kind, None, number, indent, line, inline=True))
                    break
    return tuple(found)


def shortcodes_of(text: str, *kinds: str) -> list[Found]:
    """The shortcodes of these kinds on a page that are expanded: near misses and those
    in raw HTML left out (scan_page and claims.py say what is wrong with them)."""
    return [found for found in page_shortcodes(text)
            if found.kind in kinds and not (found.malformed or found.inline or found.raw_html)]


def _resembled(word: str, rest: str) -> str | None:
    """The kind a lone comment was meant to be, if it looks like one: <!-- compre: x -->,
    <!-- compare x -->, <!-- compare-version -->, <!-- example: a/b -->."""
    word = word.lower().rstrip(":")
    close = difflib.get_close_matches(word, KINDS, n=1, cutoff=0.7)
    if close:
        return close[0]
    return "compare" if "/" in rest and ":" in rest else None


@dataclass(frozen=True)
class Shortcode:
    page: str  # path relative to the project root
    line: int  # 1-based
    name: str
    indent: str


def scan_page(text: str, page: str, known: set[str] | frozenset[str] | None = None,
              ) -> tuple[list[Shortcode], list[Problem]]:
    """The examples' shortcodes on one page, and a problem for each malformed, unknown or
    unexpandable shortcode of the examples' kinds (claims.py says those of the claims). Lines inside
    code blocks (fenced or indented) are skipped, so pages can show the syntax itself."""
    codes: list[Shortcode] = []
    problems: list[Problem] = []
    first_use: dict[str, int] = {}
    for found in page_shortcodes(text):
        kind, where = KINDS[found.kind], At(page, found.line)
        if kind.owner != "examples":
            continue
        if found.inline:
            problems.append(Problem(
                where, "LC504", "a shortcode inside a line of text is not expanded",
                fix=f"put {kind.form} alone on its own line"))
        elif found.malformed:
            lower = LONE_SHORTCODE.match(found.text.lower())
            fix = f"write it as {kind.form} alone on its line"
            if lower and lower["kind"] == kind.word and lower["argument"]:  # <!-- COMPARE: x -->
                fix = (f"did you mean '<!-- {kind.word}: {lower['argument']} -->'? Shortcodes "
                       "and example names are lower case")
            problems.append(Problem(where, "LC503",
                                    f"malformed shortcode {found.text.strip()!r}", fix=fix))
        elif found.raw_html:
            problems.append(raw_html_problem(where, found.raw_html))
        elif found.kind != "compare":
            continue  # the tables and the walkthroughs: render.py and walkthrough_page.py
        elif known is not None and found.argument not in known:  # none known: all unknown
            problems.append(Problem(where, "LC502",
                                    f"unknown example {found.argument!r} in shortcode",
                                    fix=_suggest(found.argument, known)))
        elif found.argument in first_use:
            problems.append(Problem(
                where, "LC506", f"example {found.argument!r} is used twice on this page (first "
                f"on line {first_use[found.argument]})", example=found.argument,
                fix="show it once; from here, link to the heading above it instead"))
        else:
            first_use[found.argument] = found.line
            codes.append(Shortcode(page, found.line, found.argument, found.indent))
    return codes, problems


def raw_html_problem(where: At, tag: str) -> Problem:
    """A shortcode that Python-Markdown would leave inside a raw HTML block."""
    return Problem(where, "LC505",
                   f"a shortcode inside a raw HTML block (<{tag}>) is not expanded: "
                   "the page would show its Markdown as text",
                   fix=f"give the element md_in_html's markdown attribute (<{tag} markdown>), "
                       "or move the shortcode out of it")


def _suggest(name: str, known: set[str] | frozenset[str]) -> str:
    if name.lower() in known:
        return f"did you mean {name.lower()!r}? Example names are lower case"
    close = difflib.get_close_matches(name.lower(), sorted(known), n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return "`.venv/bin/python -m livecompare list` lists the known examples"


def scan_pages(project, known: set[str]) -> tuple[list[Shortcode], list[Problem]]:
    codes: list[Shortcode] = []
    problems: list[Problem] = []
    for page in markdown_pages(project.pages_dir):
        found, wrong = scan_page(page.read_text(encoding="utf-8"), project.relative(page), known)
        codes += found
        problems += wrong
    return codes, problems
