"""Lighter highlighted code: fewer elements for the browser to style and lay out.

Pygments wraps every token in a `<span>`; a page such as Porting held more than 14,000
elements, nearly all of them such spans, which a phone pays for in style and layout time
(Material's code-block component forces a layout once per block). Some spans change little
a reader sees: a plain name (`.n`), whitespace (`.w`), punctuation (`.p`) and an operator
(`.o`) lose their span and take the code's own colour, so that keywords, strings, numbers
and comments stay coloured. Punctuation alone was about half of Porting's elements.

Each line of code stays one element (pymdownx.highlight's `line_spans`), with the class
`ln`: side by side, a line too long for its column wraps with a marked continuation
(compare.css), under the line's own first character (an indented line's class `iN`
names its indentation), and a long word of it between names (`<wbr>`, below). A line
keeps its id, `__span-<block id>-<n>`, only where the page links to it (the Rosetta
stone's rows); elsewhere the ids only weigh. A snippet's printed output (`.output`, plain
text with no tokens) keeps the line elements of its lines long enough to wrap on a phone
only, so that their continuation is marked as code's is; its shorter lines, most of them,
lose theirs. An output's line wraps where the browser breaks it, with no `<wbr>`.

Applied by the Markdown extension to each page's HTML, so that any builder that runs the
extension (MkDocs, Zensical) gets the same.

Highlighting is the larger part of what the examples cost a build, and a block's HTML
changes only with its code, its attributes and the highlighter: `CachedHighlight` keeps
each block's HTML in the project's cache (cache.py), keyed by all of those and by the
versions of Pygments and pymdownx, and the extension puts it in pymdownx.highlight's
place (`use_cached_highlighter`).
"""

from __future__ import annotations

import functools
import itertools
import re
from html import unescape
from importlib import metadata
from pathlib import Path

from pymdownx.highlight import Highlight, HighlightExtension

from .. import cache

PLAIN_TOKEN = re.compile(r'<span class="[nwpo]">([^<]*)</span>')
OUTPUT_BLOCK = re.compile(r'(<div class="output highlight">.*?</code>)', re.S)
OUTPUT_LINE = re.compile(r'<span class="ln">([^<]*)\n</span>')
# The characters of output that fit one row on a 360 px phone, the narrowest in common use
# (41 fit at 390 px): a longer line may wrap, and keeps its element for the mark.
FITS_A_PHONE = 36
LINE = re.compile(r'<span id="(__span-[^"]+)">(?=[^\n]*\n</span>)')
LINKED_LINE = re.compile(r'href="#(__span-[^"]+)"')


def lighten(html: str) -> str:
    """The page's HTML with its highlighted code as described above."""
    html = TABLE.sub(lambda table: TABLE_CODE.sub(breakable_code, table[0]), html)
    if '<span class="' not in html:
        return html
    linked = set(LINKED_LINE.findall(html))
    html = LINE.sub(lambda line: (f'<span class="ln" id="{line[1]}">' if line[1] in linked
                                  else '<span class="ln">'), html)
    html = PLAIN_TOKEN.sub(r"\1", html)
    html = FILENAME.sub(lambda title: title[1] + title[2].replace("/", "/<wbr>"), html)
    parts = OUTPUT_BLOCK.split(html)  # the printed outputs at odd places
    return "".join(_printed(part) if number % 2 else _code(part)
                   for number, part in enumerate(parts))


def _code(html: str) -> str:
    return _indented(CODE_LINE.sub(_breakable_line, html))


def _printed(output: str) -> str:
    """An output's lines as bare text, but for those that may wrap on a phone: each keeps
    its element, with its line break after it rather than inside. (After an inline block,
    the next line's leading spaces would hang at the end of its row, and a blank line's
    break would only end that row.)"""
    return OUTPUT_LINE.sub(lambda line: f'<span class="ln">{line[1]}</span>\n'
                           if len(unescape(line[1])) > FITS_A_PHONE else line[1] + "\n", output)


# A snippet's path in its block's title breaks after its folder, not inside its name.
FILENAME = re.compile(r'(<span class="filename">)([^<]*/[^<]*)(?=</span>)')

# Code in a table cell (the Rosetta stone's, the In-short tables') wraps only after a
# dot or an opening bracket, and only when it is long: `torch.compile` stays whole.
TABLE = re.compile(r"<table>.*?</table>", re.S)
# Code this long may break inside (at the points below); shorter code stays whole, on one
# line (unbroken.py keeps it so outside tables too).
LONG_CODE = 24
TABLE_CODE = re.compile(rf"(<code>)([^<]{{{LONG_CODE},}})(</code>)")
CELL_BREAK = re.compile(r"(?<=[\w)\]]\.)(?=[A-Za-z_])|(?<=[(\[])(?=[A-Za-z_\"])")


def breakable_code(code: re.Match) -> str:
    return code[1] + CELL_BREAK.sub("<wbr>", code[2]) + code[3]


# A line's indentation, as a class (`i8`: eight spaces; the deepest, 16 and more, share
# `i16`): compare.css indents the line's continuation under its own first character, so
# that a wrapped line inside a loop does not read as a line dedented out of it.
# (A notebook's cells keep Pygments' whitespace token around the indentation.)
INDENT = re.compile(r'<span class="ln"((?: id="[^"]*")?)>((?:<span class="w">)?)( +)(?=[^ \n])')
DEEPEST = 16


def _indented(html: str) -> str:
    return INDENT.sub(lambda line: f'<span class="ln i{min(len(line[3]), DEEPEST)}"'
                                   f'{line[1]}>{line[2]}{line[3]}', html)


# Where a long word of code may wrap (on a phone, in a column side by side): after a dot,
# an opening bracket or a comma, at most every LONG_RUN characters, so that
# `torch.nn.functional.cross_entropy(logits,` breaks between names, not inside one (the
# browser breaks a word that fits no row anywhere). A `<wbr>` adds no text: the copy
# button copies the code as written. Only words longer than LONG_WORD get them: a shorter
# one (under 24 characters) moves to the next row whole.
CODE_LINE = re.compile(r'(<span class="ln[^"]*"[^>]*>)([^\n]+)(?=\n)')
ATOM = re.compile(r"(<[^>]*>|&#?\w+;)")
TAG = re.compile(r"<[^>]*>")  # a tag (nothing shown), an entity (one character)
LONG_WORD, LONG_RUN = re.compile(rf"\S{{{LONG_CODE},}}"), 10


def _breakable_line(line: re.Match) -> str:
    if not LONG_WORD.search(TAG.sub("", line[2])):
        return line[0]  # most lines: no word that long
    parts = ATOM.split(line[2])  # text at even places, tags and entities at odd ones
    shown, places = [], []  # each character shown, and where it is: (part, offset)
    for number, part in enumerate(parts):
        if number % 2 == 0:
            shown += part
            places += [(number, offset) for offset in range(len(part))]
        elif part.startswith("&"):
            shown.append("&")
            places.append((number, -1))  # nothing is inserted after an entity
    text, breaks = "".join(shown), {}
    for word in LONG_WORD.finditer(text):
        last = word.start()
        for index in range(word.start() + LONG_RUN, word.end() - LONG_RUN // 2):
            if text[index] in ".(," and index - last >= LONG_RUN and places[index][1] >= 0:
                number, offset = places[index]
                breaks.setdefault(number, []).append(offset + 1)
                last = index
    for number, offsets in breaks.items():
        part = parts[number]
        cuts = [0, *offsets, len(part)]
        parts[number] = "<wbr>".join(part[a:b] for a, b in itertools.pairwise(cuts))
    return line[1] + "".join(parts)


NOTEBOOK_CODE = re.compile(
    r'(<div class="highlight-ipynb[^"]*"><pre>(?:<span></span>)?)(.*?)(</pre>)', re.S)
TOKEN = re.compile(r'<span class="([^"]*)">([^<]*)</span>')


def notebook_lines(html: str) -> str:
    """A rendered notebook's HTML (mkdocs-jupyter) with each line of a code cell one
    element of class `ln`, as in the examples, so that a line too long for a phone wraps
    with a marked continuation (compare.css). A token that spans lines (a docstring) is
    closed at the end of each line and opened again on the next."""
    def cell(match: re.Match) -> str:
        body = TOKEN.sub(lambda t: f'<span class="{t[1]}">' + t[2].replace(
            "\n", f'</span>\n<span class="{t[1]}">') + "</span>", match[2])
        *lines, last = body.split("\n")
        wrapped = "".join(f'<span class="ln">{line}\n</span>' for line in lines)
        if last:
            wrapped += f'<span class="ln">{last}</span>'
        return match[1] + wrapped + match[3]
    return _indented(CODE_LINE.sub(_breakable_line, NOTEBOOK_CODE.sub(cell, html)))


# What a block's HTML depends on beyond the block and the settings: the highlighter's code.
HIGHLIGHTER = (f"pygments {metadata.version('pygments')}, "
               f"pymdownx {metadata.version('pymdown-extensions')}")
KEEP = 4096  # highlighted blocks (the site has about 400); the oldest go first


class CachedHighlight(Highlight):
    """pymdownx.highlight's highlighter, each block's HTML read from the project's cache
    when it was highlighted before with the same settings and versions."""

    def __init__(self, md, *, root: Path, **settings) -> None:
        super().__init__(md, **settings)
        self.settings = repr(sorted(settings.items()))
        self.cache = cache.cache(root, "highlight", KEEP)

    def highlight(self, src, language, css_class="highlight", hl_lines=None, linestart=-1,
                  linestep=-1, linespecial=-1, inline=False, classes=None, id_value="",
                  attrs=None, title=None, code_block_count=0):
        # A block without an id (an output) numbers its lines' ids by its place on the
        # page (code_block_count), which is part of its HTML and so of its key.
        block = {"css_class": css_class, "hl_lines": hl_lines, "linestart": linestart,
                 "linestep": linestep, "linespecial": linespecial, "classes": classes,
                 "id_value": id_value, "attrs": attrs, "title": title,
                 "code_block_count": code_block_count}
        if inline or self.title_mode == "html":  # an element, or a title in the page's
            return super().highlight(src, language, inline=inline, **block)  # own stash
        key = cache.key(HIGHLIGHTER, self.settings, language or "",
                        repr(sorted(block.items())), src)
        return self.cache.get_or_put(key, lambda: super(CachedHighlight, self).highlight(
            src, language, **block))


def use_cached_highlighter(md, root: Path) -> None:
    """Make pymdownx's fences (superfences, inlinehilite) highlight with CachedHighlight on
    this Markdown instance. They ask the highlight extension for its highlighter
    (`get_pymdownx_highlighter`), the place pymdownx gives to another highlighter; call it
    before they run, from a preprocessor of a higher priority."""
    highlighter = functools.partial(CachedHighlight, root=root)
    for extension in md.registeredExtensions:
        if isinstance(extension, HighlightExtension):
            extension.get_pymdownx_highlighter = lambda: highlighter
