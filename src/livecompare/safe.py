"""What data may hold, and the one boundary it crosses on its way into a page.

Names (a section, an example's slug, a figure), the manifest's fields and the claims are
written by contributors, or by what their snippets print: treat them as hostile. Each
kind of data is checked where it is read, by the rules here, and everything that goes
from data into a page's HTML or Markdown is escaped by a function of this module:

- `html_text`: text or an attribute value inside HTML the engine writes;
- `markdown_text`: plain data (a version, a date, a name) inside Markdown: it shows as
  written, never as Markdown or HTML;
- `markdown_url`, `anchor`: an address or an id inside Markdown's link or attribute syntax;
- `code_fence`: the fence around text shown as a code block (code, an output, a diff);
- `markdown_prose`: the claims' Markdown (links, `code`, **bold**): its Markdown works, but
  raw HTML, attribute lists (`{ onclick=... }`) and links other than http(s), mailto and
  relative ones show as text.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from urllib.parse import quote

# One rule for a section, an example's slug and a figure's name (and `make new-example`'s
# SECTION and SLUG): lower-case letters, digits and underscores, starting with a letter; a
# file name, an id and a URL part that needs no quoting anywhere.
NAME_PATTERN = "[a-z][a-z0-9_]*"
NAME = re.compile(f"^{NAME_PATTERN}$")
NAME_RULE = "lower-case letters, digits and underscores only, starting with a letter"
FIGURE = re.compile(f"^{NAME_PATTERN}\\.svg$")
# A module name as Python spells it, a release as its metadata does ("2.14.1", "3.0rc1",
# "not installed" where the worker found none), Python's own version ("3.11.7").
MODULE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]{0,63}$")
VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+!_ -]{0,63}$")
PYTHON = re.compile(r"^\d+\.\d+(?:\.\d+)?[0-9A-Za-z.+]{0,16}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SNIPPET_KEY = re.compile(r"^[a-z0-9_]+/[a-z0-9_]+$")  # what a code span may hold as is


def name_fault(value: str) -> str:
    """Why a section, slug or figure stem cannot be used, or ''."""
    return "" if NAME.match(value) else f"{value!r} is not {NAME_RULE}"


def renamed(value: str) -> str:
    """A name the rule accepts, close to the one given, for the message's fix."""
    name = re.sub(r"[^a-z0-9_]+", "_", value.lower()).strip("_")
    return name if NAME.match(name) else f"s_{name}".rstrip("_")


def figure_fault(name: str) -> str:
    """Why a figure's name (`graph.svg`) cannot be used, or ''."""
    if FIGURE.match(name):
        return ""
    return f"figure name {name!r} is not {NAME_RULE}, ending in .svg"


def manifest_fault(entry: dict) -> str:
    """Why the fields of a manifest entry that reach a page cannot be shown, or ''. The
    types were checked before."""
    for module, version in entry["versions"].items():
        if not MODULE.match(module):
            return f"its 'versions' names {module!r}, which is not a module name"
        if not VERSION.match(version):
            return f"its version of {module} {version!r} does not look like a version"
    if not PYTHON.match(entry["python"]):
        return f"its 'python' {entry['python']!r} does not look like a Python version"
    verified = entry["verified"]
    try:
        ok = bool(DATE.match(verified)) and bool(_dt.date.fromisoformat(verified))
    except ValueError:
        ok = False
    if not ok:
        return f"its 'verified' {verified!r} is not a date (YYYY-MM-DD)"
    for name in entry.get("figures", []):
        if fault := figure_fault(name):
            return f"its {fault}"
    for name in entry.get("figure_sha256", {}):
        if fault := figure_fault(name):
            return f"its 'figure_sha256' holds a {fault}"
    return ""


# ---------------------------------------------------------------- escaping


def html_text(value) -> str:
    """Text, or an attribute's value, inside HTML."""
    return html.escape(str(value), quote=True)


# Characters Python-Markdown (and its tables) give a meaning to anywhere in a line: each is
# backslash-escaped, and shows as itself (a bracket escaped, parentheses and ! mean nothing);
# then the ones HTML gives a meaning to become entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|])")
# What starts a list, a rule or a setext heading when a value starts a line.
_LINE_START = re.compile(r"^(\d+(?=\.(?:\s|$))|)([.+\-=*_](?=[\s.+\-=*_\\]|$))")


def markdown_text(value) -> str:
    """Plain data inside Markdown: shows exactly as written, never as Markdown or HTML.
    Line breaks become spaces, so that the data cannot start a line of its own."""
    text = " ".join(str(value).split())
    text = html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=True)
    return _LINE_START.sub(lambda m: f"{m[1]}&#{ord(m[2])};", text, count=1)


_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SAFE_TARGET = re.compile(r"^(?:https?://|mailto:|#|[^:/?#]*(?:[/?#]|$))", re.I)
_PROSE_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"}


def markdown_prose(value) -> str:
    """Markdown written in data (a claim's words): its links, code and emphasis work;
    HTML, attribute lists and links to other schemes (javascript:) show as text. Line
    breaks become spaces."""
    text = " ".join(str(value).split())
    parts, end = [], 0
    for code in _CODE_SPAN.finditer(text):  # Markdown escapes code itself
        parts += [_prose_text(text[end:code.start()]), code[0]]
        end = code.end()
    return "".join([*parts, _prose_text(text[end:])])


def _prose_text(text: str) -> str:
    text = re.sub(r"[&<>{}]", lambda m: _PROSE_HTML[m[0]], text)
    text = text.replace("]:", "]&#58;")  # no reference definition: its target is unchecked
    return _LINK_TARGET.sub(
        lambda m: m[0] if _SAFE_TARGET.match(m[1]) else "]&#40;" + m[0][2:], text)


def code_fence(text: str) -> str:
    """A backtick fence longer than any run of backticks inside the text: the text
    cannot end its code block early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def markdown_url(url: str) -> str:
    """An address inside `[text](...)`: what could end the link, or start attributes or
    HTML after it, is percent-encoded."""
    return quote(str(url).strip(), safe=":/?#@!$&*+,;=%~-._")


def snippet_link(snippet: str, pages: dict[str, str],
                 titles: dict[str, str] | None = None) -> str:
    """A snippet as Markdown, linked to the page that shows its example where `pages`
    (example -> link) has one. Its words are its title where `titles` (snippet key ->
    the words a reader knows it by, in Markdown) has one; else its key (`section/slug_torch`),
    a code span where it is a plain key, escaped text otherwise."""
    title = (titles or {}).get(snippet)
    name = (markdown_prose(title) if title else f"`{snippet}`" if SNIPPET_KEY.match(snippet)
            else markdown_text(snippet))
    link = pages.get(snippet.rsplit("_", 1)[0])
    return f"[{name}]({markdown_url(link)})" if link else name


def anchor(value: str) -> str:
    """An id for `{ #id }` and `#id` links: lower-case words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "x"
