"""Notebook pages carry JupyterLab's whole stylesheet, inlined by mkdocs-jupyter: about
570 kB, most of it for parts of the JupyterLab app (menus, dialogs, the file browser) that
a rendered notebook never contains. `prune_page_css` keeps the rules that can match the
page: a rule stays when one of its selectors names only classes the page uses. Nothing
on these pages adds classes later (no JupyterLab code runs there), and selectors without
classes (elements, attributes, the dark-mode switch on <body>) always stay.

Pruning takes a noticeable part of a build, and its input rarely changes: given the
project's root, each pruned page is kept in its cache (cache.py), keyed by the page and
this file.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import cache

STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
# What a selector may hold that names classes it does not require: the arguments of
# :not(), :is(), :where() ..., and attribute selectors such as [href$=".ipynb"].
OPTIONAL = re.compile(r"\([^()]*\)|\[[^\]]*\]")
# At-rules whose block holds more rules, pruned in turn; other blocks (@keyframes,
# @font-face ...) are kept whole.
NESTING = ("@media", "@supports", "@container", "@layer", "@document")


def used_classes(html: str) -> set[str]:
    return {name for value in CLASS_ATTRIBUTE.findall(html) for name in value.split()}


def _skip_string(css: str, start: int) -> int:
    """The index after the quoted string that starts at `start`."""
    quote, i = css[start], start + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _blocks(css: str):
    """Top-level statements as (prelude, body); body is None for `@charset ...;`."""
    i, start, depth, body_start, prelude = 0, 0, 0, 0, ""
    while i < len(css):
        char = css[i]
        if char in "\"'":
            i = _skip_string(css, i)
            continue
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end < 0 else end + 2
            continue
        if char == "{":
            if depth == 0:
                prelude, body_start = COMMENT.sub("", css[start:i]), i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield prelude.strip(), css[body_start:i]
                start = i + 1
        elif char == ";" and depth == 0:
            yield COMMENT.sub("", css[start:i + 1]).strip(), None
            start = i + 1
        i += 1


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    return parts + [prelude[start:]]


def _required_classes(selector: str) -> set[str]:
    previous = None
    while previous != selector:
        previous, selector = selector, OPTIONAL.sub("", selector)
    return set(CLASS.findall(selector))


def prune_css(css: str, classes: set[str]) -> str:
    kept = []
    for prelude, body in _blocks(css):
        if body is None:
            kept.append(prelude)
        elif prelude.startswith("@"):
            if prelude.split(None, 1)[0].lower() in NESTING:
                inner = prune_css(body, classes)
                if inner:
                    kept.append(f"{prelude}{{{inner}}}")
            else:
                kept.append(f"{prelude}{{{body}}}")
        elif any(_required_classes(s) <= classes for s in _split_selectors(prelude)):
            kept.append(f"{prelude}{{{body}}}")
    return "".join(kept)


def prune_page_css(html: str, root: Path | None = None) -> str:
    """The page with each <style> block cut down to the rules that can match it; with the
    project's `root`, through its cache, keyed by the page (which holds the stylesheet and
    every class it uses) and this file."""
    if root is None:
        return _pruned_page(html)
    return cache.cache(root, "notebook-css", KEEP).get_or_put(cache.key(SOURCE, html),
                                                            lambda: _pruned_page(html))


SOURCE = Path(__file__).read_bytes()  # a change to the pruning invalidates its cache
KEEP = 16  # cached pages; the oldest go first


def _pruned_page(html: str) -> str:
    classes = used_classes(html)
    return STYLE.sub(lambda m: m.group(1) + prune_css(m.group(2), classes) + m.group(3), html)
