"""Lighter highlighted code: fewer elements for the browser to style and lay out.

Pygments wraps every token in a `<span>`; a page such as Porting holds more than 10,000 of
them, which a phone pays for in style and layout time. Some of them change nothing a reader
sees: a plain name (`.n`, drawn in the code's own colour) and whitespace (`.w`) lose their
span, and an operator (`.o`) takes the class of punctuation (`.p`), drawn in the same colour
in both of Material's schemes, so that runs of them such as `).` share one span.

Each line of code stays one element (pymdownx.highlight's `line_spans`), with the class
`ln`: side by side, a line too long for its column wraps with a marked continuation
(compare.css). A line keeps its id, `__span-<block id>-<n>`, only where the page links to
it (the Rosetta stone's rows); elsewhere the ids only weigh.

Applied by the Markdown extension to each page's HTML, so that any builder that runs the
extension (MkDocs, Zensical) gets the same.
"""

from __future__ import annotations

import re

PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')
PUNCTUATION_RUN = re.compile(r'(<span class="p">[^<]*)</span><span class="p">')
LINE = re.compile(r'<span id="(__span-[^"]+)">(?=[^\n]*\n</span>)')
LINKED_LINE = re.compile(r'href="#(__span-[^"]+)"')


def lighten(html: str) -> str:
    """The page's HTML with its highlighted code as described above."""
    if '<span class="' not in html:
        return html
    linked = set(LINKED_LINE.findall(html))
    html = LINE.sub(lambda line: (f'<span class="ln" id="{line[1]}">' if line[1] in linked
                                  else '<span class="ln">'), html)
    html = PLAIN_TOKEN.sub(r"\1", html)
    html = html.replace('<span class="o">', '<span class="p">')
    while True:
        merged = PUNCTUATION_RUN.sub(r"\1", html)
        if merged == html:
            return html
        html = merged


NOTEBOOK_CODE = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre>(?:<span></span>)?)(.*?)(</pre>)',
                           re.S)
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
    return NOTEBOOK_CODE.sub(cell, html)
