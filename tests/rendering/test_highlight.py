"""Highlighted code with fewer elements (highlight.py), the same text and colours."""

from __future__ import annotations

import re

import markdown
import pymdownx.highlight
import pytest

from livecompare.site import extension, highlight
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


def test_a_printed_line_that_may_wrap_on_a_phone_keeps_its_element_for_the_mark():
    """Longer than FITS_A_PHONE characters as shown (`&gt;` is one): its continuation is
    marked (compare.css), as a line of code's is. Its line break follows the element, so
    that a blank line or an indented one after it shows as printed. Shorter lines stay
    bare text."""
    fits = "x" * (highlight.FITS_A_PHONE - 3) + " &gt; "  # FITS_A_PHONE characters shown
    long = "call_function linear aten.linear.default (the node's target)"
    lines = [fits, long, "", "  indented", long, "naive port, kernel as is: max |diff| = 5.2675"]
    output = ('<div class="output highlight"><pre><span></span><code>'
              + "".join(f'<span id="__span-9-{n}">{text}\n</span>'
                        for n, text in enumerate(lines, 1)) + "</code></pre></div>")
    printed = lighten(_page(CODE) + output)
    assert printed.endswith(
        f'<code>{fits}\n<span class="ln">{long}</span>\n\n  indented\n'
        f'<span class="ln">{long}</span>\n'
        '<span class="ln">naive port, kernel as is: max |diff| = 5.2675</span>\n'
        "</code></pre></div>"), printed


def test_each_line_stays_an_element_with_its_id_only_where_the_page_links_to_it():
    html = _page(CODE)
    line_id = re.search(r'id="(__span-[^"]+-2)"', html)[1]
    unlinked = lighten(html)
    assert unlinked.count('<span class="ln">') == 2 and "__span-" not in unlinked
    linked = lighten(html + f'<a href="#{line_id}">y</a>')
    assert f'<span class="ln" id="{line_id}">' in linked
    assert linked.count('<span class="ln">') == 1  # the other line has no id


def test_an_indented_line_names_its_indentation_for_its_wrapped_continuation():
    code = ("```python\nfor a in b:\n    for c in a:\n        y = f(c)\n\n"
            + " " * 20 + "z = 1\n```\n")
    light = lighten(_page(code))
    lines = re.findall(r'<span class="(ln[^"]*)"[^>]*>([^\n]*)\n', light)
    assert [kind for kind, _ in lines] == ["ln", "ln i4", "ln i8", "ln", "ln i16"], lines
    assert _text(light) == _text(_page(code)), "the code itself changed"
    notebook = highlight.notebook_lines(
        '<div class="highlight-ipynb"><pre><span class="w">    </span><span class="k">x'
        '</span>\n</pre>')
    assert '<span class="ln i4"><span class="w">    </span>' in notebook


def test_a_long_word_of_code_may_wrap_between_names_and_the_code_stays_as_written():
    code = ("```python\nloss = torch.nn.functional.cross_entropy(model(images), labels)\n"
            'name = "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q"\nshort = torch.nn.relu(x)\n```\n')
    light = lighten(_page(code))
    assert _text(light) == _text(_page(code)), "the code itself changed"
    lines = re.findall(r'<span class="ln[^"]*">([^\n]*)\n', light)
    assert lines[0].startswith("loss = torch.nn.functional.<wbr>cross_entropy(<wbr>model("), lines
    assert lines[1].count("<wbr>") == 2, "a long string breaks too, every ten characters"
    assert "<wbr>" not in lines[2], "a word shorter than a row moves to the next row whole"
    assert "<wbr>" not in lighten(_page(CODE) + '<div class="output highlight"><pre><span>'
                                  '</span><code><span id="__span-9-1">' + "x." * 30 + "\n"
                                  "</span></code></pre></div>"), "an output wraps as a whole"
    notebook = highlight.notebook_lines(
        '<div class="highlight-ipynb"><pre><span class="n">torch</span><span class="o">.'
        '</span><span class="n">nn</span><span class="o">.</span><span class="n">functional'
        '</span><span class="o">.</span><span class="n">cross_entropy</span>\n</pre>')
    assert '<span class="o">.<wbr></span><span class="n">cross_entropy' in notebook


def test_a_title_breaks_after_its_folder_and_table_code_only_when_long():
    title = ('<div class="highlight"><span class="filename">debugging/inspect_torch.py</span>'
             '<pre><span></span><code><span id="__span-0-1">x\n</span></code></pre></div>')
    assert '<span class="filename">debugging/<wbr>inspect_torch.py</span>' in lighten(title)
    table = ("<table><tr><td><code>torch.compile(f)</code></td><td><code>"
             "torch.nn.functional.cross_entropy(x)</code></td></tr></table>")
    light = lighten(table)  # a page without highlighted code too
    assert "<code>torch.compile(f)</code>" in light, "short code stays whole"
    assert "<code>torch.<wbr>nn.<wbr>functional.<wbr>cross_entropy(<wbr>x)</code>" in light


def test_the_extension_lightens_every_page_it_renders():
    html = _page(CODE, extensions=("pymdownx.superfences", "livecompare.extension"))
    assert '<span class="ln">' in html and '<span class="n">' not in html


# The highlighted blocks' cache (CachedHighlight), through the extension as a build uses it.
CACHED = ["livecompare.extension", "pymdownx.superfences", "pymdownx.highlight"]


@pytest.fixture
def highlighting(tiny, monkeypatch):
    """A page of code rendered by the extension in a throwaway project, counting what
    Pygments highlights."""
    monkeypatch.chdir(tiny.root)
    monkeypatch.setattr(extension, "_where", extension._Where())
    calls = []
    real = pymdownx.highlight.highlight
    monkeypatch.setattr(pymdownx.highlight, "highlight",
                        lambda *args: calls.append(args[0]) or real(*args))

    def render(code: str) -> str:
        page = tiny.page("code.md", f"# Code\n\n```python\n{code}```\n")
        return markdown.Markdown(extensions=CACHED).convert(page.read_text())

    render.calls = calls
    render.folder = tiny.root / ".cache/livecompare/highlight"
    return render


def test_a_highlighted_block_is_cached_by_its_code(highlighting):
    fresh = highlighting("x = 1\n")
    assert highlighting.calls == ["x = 1"]
    assert highlighting("x = 1\n") == fresh and highlighting.calls == ["x = 1"]
    assert '<span class="mi">1</span>' in fresh
    changed = highlighting("x = 2\n")
    assert highlighting.calls == ["x = 1", "x = 2"]
    assert '<span class="mi">2</span>' in changed
    assert len(list(highlighting.folder.iterdir())) == 2


def test_a_new_highlighter_version_highlights_again(highlighting, monkeypatch):
    highlighting("x = 1\n")
    monkeypatch.setattr(highlight, "HIGHLIGHTER", highlight.HIGHLIGHTER + " (newer)")
    highlighting("x = 1\n")
    assert highlighting.calls == ["x = 1", "x = 1"]


def test_a_corrupt_cached_block_is_ignored_and_written_again(highlighting):
    fresh = highlighting("x = 1\n")
    (entry,) = highlighting.folder.iterdir()
    whole = entry.read_text()
    entry.write_text(whole.replace('<span class="mi">1</span>', "<b>forged</b>"))
    assert highlighting("x = 1\n") == fresh
    assert len(highlighting.calls) == 2 and entry.read_text() == whole
