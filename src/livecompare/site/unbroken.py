"""Words a line must not split: short inline code and ISO dates.

A browser breaks a line after a hyphen and at a space, and Material lets inline code break
anywhere it must (`word-break: break-word`): `--nproc-per-node` ended a line on its first
`-`, `import keras` on `import`, a date `2026-01-15` on `2026-01-`. Inline code shorter
than SHORT_CODE characters, and each ISO date in the text, go into a `<span
class="unbroken">`, which compare.css keeps on one line; longer code keeps its break
points, highlight.py's `<wbr>` after dots and brackets, in a table or not. Only elements
are added, never a character: what a reader copies is what the page says.

Applied by the Markdown extension to each page's HTML, after highlight.py's `lighten`, so
that any builder that runs the extension (MkDocs, Zensical) gets the same.
"""

from __future__ import annotations

import re

from .highlight import LONG_CODE as SHORT_CODE  # shorter code fits even a phone's line
from .highlight import TABLE_CODE, breakable_code

# What is left as it is: a block of code (its own wrapping), a script, a style, a picture
# drawn inline (an SVG's text holds no HTML span), a comment.
LEFT_ALONE = re.compile(r"<(pre|script|style|svg|textarea)\b.*?</\1>|<!--.*?-->", re.S)
INLINE_CODE = re.compile(r"<code\b[^>]*>.*?</code>", re.S)
TAG = re.compile(r"(<[^>]*>)")
ENTITY = re.compile(r"&#?\w+;")
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
UNBROKEN = '<span class="unbroken">{}</span>'


def keep_unbroken(html: str) -> str:
    """The page's HTML with its short inline code and its ISO dates each kept whole."""
    return "".join(piece if left_alone else _in_text(piece)
                   for piece, left_alone in _pieces(html))


def _pieces(html: str) -> list[tuple[str, bool]]:
    """The HTML cut into (piece, whether it is left alone), in order."""
    pieces, at = [], 0
    for block in LEFT_ALONE.finditer(html):
        pieces += [(html[at:block.start()], False), (block[0], True)]
        at = block.end()
    return [*pieces, (html[at:], False)]


def _in_text(html: str) -> str:
    out, at = [], 0
    for code in INLINE_CODE.finditer(html):
        out += [_dated(html[at:code.start()]), _short_code(code[0])]
        at = code.end()
    return "".join([*out, _dated(html[at:])])


def _short_code(code: str) -> str:
    """Short code whole; longer code breaks after a dot or an opening bracket, as in a
    table, not inside a name: on a phone `...numpy_behavior()` broke as "n / umpy"."""
    shown = ENTITY.sub("&", TAG.sub("", code))
    if len(shown) < SHORT_CODE:
        return UNBROKEN.format(code)
    return TABLE_CODE.sub(breakable_code, code)


def _dated(html: str) -> str:
    """Each date in the text between tags, not in a tag's attributes."""
    parts = TAG.split(html)  # text at even places, tags at odd ones
    return "".join(part if number % 2 else ISO_DATE.sub(
        lambda date: UNBROKEN.format(date[0]), part) for number, part in enumerate(parts))
