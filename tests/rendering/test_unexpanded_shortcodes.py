"""A shortcode the extension cannot expand stays visible on the page, in a box that names
the page, the line and what is wrong."""

from __future__ import annotations

import pytest

from livecompare.discovery.discover import discover_examples
from livecompare.site.render import expand_shortcodes

pytestmark = pytest.mark.usefixtures("plain_runtimes")  # conftest.py: no framework


@pytest.mark.parametrize("line, expected", [
    ("<!-- compare: s/onne -->", "unknown example 's/onne' in shortcode"),
    ("See <!-- compare: s/one --> here.", "a shortcode inside a line of text"),
])
def test_a_shortcode_that_is_not_expanded_shows_on_the_page(tiny, line, expected):
    tiny.pair("s/one")
    examples, _ = discover_examples(tiny.project)
    markdown, [problem] = expand_shortcodes(f"# Page\n\n{line}\n", "docs/a.md",
                                               tiny.project, examples, {})
    assert expected in problem.message
    box = markdown.split('!!! failure "This shortcode was not expanded"', 1)[1]
    assert f"docs/a.md:3: {problem.code} {expected}" in box

