"""What the search plugin is given to index (search_index.reading_view): the page's text
and code, without outputs, download bars, notebook prompts or the tokens' spans."""

from __future__ import annotations

from material.plugins.search.plugin import Parser

from livecompare.site.search_index import reading_view

PAGE = (
    '<h2 id="a-step">A step</h2><p>Words about <code>zero_grad</code>.</p>'
    '<div class="tabbed-labels"><label for="t1">PyTorch</label><label for="t2">TensorFlow'
    '</label></div>'
    '<div class="highlight"><span class="filename">graphs/<wbr>step_torch.py</span>'
    '<pre><code><span class="ln"><span class="n">opt</span>.'
    '<span class="n">zero_grad</span>()\n</span></code></pre></div>'
    '<div class="output highlight"><span class="filename">Output</span><pre><code>'
    'loss 0.25\n</code></pre></div>'
    '<div class="compare-downloads"><p>This page\'s examples to take away</p></div>'
    '<div class="jp-InputPrompt jp-InputArea-prompt">In [1]:</div>'
    '<table><tr id="from-numpy"><td>From NumPy</td></tr></table>'
    '<table><tr><td>kept row</td></tr></table>')


def _indexed(html: str) -> list[tuple[str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(s.title), " ".join("".join(s.text).split())) for s in parser.data]


def test_the_view_keeps_text_and_code_and_leaves_out_what_is_not_reading_text():
    view = reading_view(PAGE)
    assert "<span" not in view
    ((_, preface), (title, text)) = _indexed(view)
    assert title == "A step"
    assert "zero_grad" in text and "opt.zero_grad()" in text and "kept row" in text
    for left_out in ("loss 0.25", "take away", "In [1]:", "From NumPy", "Output", "PyTorch",
                     "TensorFlow", "step_torch.py"):
        assert left_out not in view, left_out


def test_the_view_indexes_as_the_page_does_once_its_spans_are_gone():
    code = PAGE.split('<div class="output')[0]
    kept = code.split('<div class="tabbed-labels">')[0] + code.split("</label></div>")[1]
    kept = kept.replace('<span class="filename">graphs/<wbr>step_torch.py</span>', "")
    assert _indexed(reading_view(code)) == _indexed(kept)
