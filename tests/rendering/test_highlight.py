"""Highlighted code with fewer elements (highlight.py), the same text and colours."""

from __future__ import annotations

import re

import markdown

from livecompare.site.highlight import lighten

CODE = '''```python
import numpy as np
x = f(a).b  # note
```
'''


def _page(text: str, extensions=("pymdownx.superfences",)) -> str:
    return markdown.markdown(text, extensions=[*extensions, "pymdownx.highlight"],
                             extension_configs={"pymdownx.highlight": {"line_spans": "__span"}})


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_plain_names_and_spaces_lose_their_span_and_punctuation_runs_share_one():
    html = _page(CODE)
    assert '<span class="n">' in html and '<span class="w">' in html  # what Pygments gave
    light = lighten(html)
    assert _text(light) == _text(html)
    assert '<span class="n">' not in light and '<span class="w">' not in light
    assert '<span class="o">' not in light
    assert '<span class="p">).</span>' in light  # ")" and "." in one span
    assert light.count("<span") < html.count("<span") * 0.7


def test_each_line_stays_an_element_with_its_id_only_where_the_page_links_to_it():
    html = _page(CODE)
    line_id = re.search(r'id="(__span-[^"]+-2)"', html)[1]
    unlinked = lighten(html)
    assert unlinked.count('<span class="ln">') == 2 and "__span-" not in unlinked
    linked = lighten(html + f'<a href="#{line_id}">y</a>')
    assert f'<span class="ln" id="{line_id}">' in linked
    assert linked.count('<span class="ln">') == 1  # the other line has no id


def test_the_extension_lightens_every_page_it_renders():
    html = _page(CODE, extensions=("pymdownx.superfences", "livecompare.extension"))
    assert '<span class="ln">' in html and '<span class="n">' not in html
