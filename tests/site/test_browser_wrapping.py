"""Where lines wrap and what sits where, measured in Chromium: a printed line that wraps on a
phone is marked as a line of code is, a heading's permalink never takes a line of its own,
and a picture sits at the left of its column as its code does.

Like tests/site/test_browser_reading.py, these skip without Chromium and fail under CI=true.
"""

from __future__ import annotations

import pytest
from test_browser_reading import ALL_LAID_OUT, SIDE_BY_SIDE, _both_shown

# Each line an example's output printed, shown: whether it wraps, and whether it is a line
# element (highlight.py keeps those long enough to wrap) with the mark (compare.css) on its
# background. A bare line of text is measured by the boxes of its characters.
OUTPUT_LINES = """
() => {
  const lines = [];
  for (const code of document.querySelectorAll('.compare .output code')) {
    if (!code.offsetParent) continue;
    const row = parseFloat(getComputedStyle(code).lineHeight);
    for (const node of code.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        let start = 0;
        for (const text of node.data.split('\\n')) {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + text.length);
          start += text.length + 1;
          const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
          if (text) lines.push({text, wraps: tops.size > 1, element: false, marked: false});
        }
      } else if (node.classList && node.classList.contains('ln')) {
        lines.push({text: node.textContent.trim(), element: true,
                    wraps: node.getBoundingClientRect().height > 1.5 * row,
                    marked: getComputedStyle(node).backgroundImage.includes('svg')});
      }
    }
  }
  return lines;
}
"""


@pytest.mark.parametrize("path", ["graphs/", "porting/"])
def test_a_printed_line_that_wraps_on_a_phone_is_marked(browser, served, path):
    """At 390 x 844: Graphs' `call_function linear aten.linear.default` and Porting's
    `naive port, kernel as is: max |diff| = 5.2675` read as two printed lines each, their
    continuations unmarked."""
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(served + path)
    page.add_style_tag(content=ALL_LAID_OUT)
    lines = page.evaluate(OUTPUT_LINES)
    page.context.close()
    wrapped = [line for line in lines if line["wraps"]]
    # (A phone shows 50 characters of output since the examples run edge to edge: on
    # Graphs four printed lines still wrap at 390 px, on Porting over fifty.)
    assert len(wrapped) >= 3, "few printed lines wrap: the check would see little"
    unmarked = [line["text"] for line in wrapped if not line["marked"]]
    assert not unmarked, "wrapped without the mark:\n" + "\n".join(unmarked[:20])


# Each h2 and h3 whose permalink shows, and whether the link sits on a line below the
# heading's last line of text (a line holding only the link).
PERMALINKS = """
() => [...document.querySelectorAll('.md-content :is(h2, h3) > .headerlink')]
  .filter(link => link.offsetParent).map(link => {
    const heading = link.parentElement, text = document.createRange();
    text.setStart(heading, 0);
    text.setEndBefore(link);
    const rows = [...text.getClientRects()].filter(r => r.width > 0);
    const last = Math.max(...rows.map(r => r.bottom)), box = link.getBoundingClientRect();
    return {heading: heading.textContent.replace('¶', '').trim(),
            alone: box.top + box.height / 2 > last};
  })
"""


@pytest.mark.parametrize("width", [390, 800, 1280])
def test_no_heading_has_a_line_holding_only_its_permalink(browser, served, pages, width):
    """Specialized's "Image augmentation: transforms.v2 and Keras preprocessing layers" at
    1280 px was 70 px tall, its second line holding only the hidden ¶. (On a phone the ¶
    is hidden; at 800 px it shows, as at 1280.)"""
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    alone, seen = [], 0
    for path in pages:
        page.goto(served + path)
        links = page.evaluate(PERMALINKS)
        seen += len(links)
        alone += [f"/{path}: {link['heading']!r}" for link in links if link["alone"]]
    page.context.close()
    assert width < 720 or seen > 100, "few permalinks shown: the check would see little"
    assert not alone, f"at {width} px, the permalink alone on a line:\n" + "\n".join(alone)


def test_side_by_side_each_picture_starts_at_its_columns_left(browser, served):
    """At 1920 px, Graphs' "A picture of a captured graph": the PyTorch picture and the
    TensorFlow one sat at different places in their columns (Material centres a picture in
    its figure, which its caption may make wider than the picture)."""
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(served + "graphs/", wait_until="networkidle")
    page.get_by_role("button", name=SIDE_BY_SIDE).first.click()
    _both_shown(page)
    page.add_style_tag(content=ALL_LAID_OUT)
    pictures = page.evaluate("""() => [...document.querySelectorAll('.compare-figure')].map(
      figure => {
        const column = figure.closest('.tabbed-block').getBoundingClientRect().left;
        return {picture: figure.querySelector('img').getBoundingClientRect().left - column,
                caption: figure.querySelector('figcaption').getBoundingClientRect().left
                         - column};
      })""")
    page.context.close()
    assert len(pictures) >= 2, pictures
    for where in ("picture", "caption"):
        assert max(p[where] for p in pictures) < 1, (where, pictures)
