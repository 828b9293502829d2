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


def test_names_spaces_operators_and_punctuation_lose_their_span_and_the_rest_keep_it():
    html = _page(CODE)
    for kind in "nwop":  # what Pygments gave
        assert f'<span class="{kind}">' in html
    light = lighten(html)
    assert _text(light) == _text(html)
    for kind in "nwop":
        assert f'<span class="{kind}">' not in light
    assert '<span class="kn">import</span>' in light and '<span class="c1"># note</span>' in light
    assert light.count("<span") < html.count("<span") * 0.5


def test_a_printed_output_keeps_no_line_elements_and_the_code_above_it_does():
    code = lighten(_page(CODE))
    output = '<div class="output highlight"><pre><span></span><code>'
    printed = lighten(code + output + '<span id="__span-9-1">a &lt; b\n</span>'
                      '<span id="__span-9-2">done\n</span></code></pre></div>')
    assert printed.endswith(output + "a &lt; b\ndone\n</code></pre></div>")
    assert printed.count('<span class="ln">') == code.count('<span class="ln">') == 2


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
