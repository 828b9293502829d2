"""Layout of tables and of Side by side, measured in Chromium: the Rosetta stone's code on
one line at 1280 px, one column for everything but the examples side by side, a filter box
that never covers code, the table of contents kept on wide screens, and tables whose columns
fit their headers and do not jump from one table to the next.

Like tests/site/test_browser_reading.py, these skip without Chromium and fail under CI=true.
"""

from __future__ import annotations

import pytest
from test_browser_reading import SIDE_BY_SIDE, _both_shown


def _open(browser, served, path, width, height, side=False):
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(served + path, wait_until="networkidle")
    if path.startswith("rosetta"):  # its layout keys on the filter, which rosetta.js adds
        page.wait_for_selector(".rosetta-filter")
    if side:
        page.get_by_role("button", name=SIDE_BY_SIDE).first.click()
        _both_shown(page)
    return page


# Every piece of code in a table cell that is shown, and whether it takes two lines or more.
CODE_CELLS = """
() => [...document.querySelectorAll('.md-typeset td code')].filter(c => c.offsetParent)
  .map(code => ({text: code.textContent, wrapped: code.getClientRects().length > 1}))
"""


def test_most_code_in_the_rosetta_stone_fits_one_line_at_1280_px(browser, served):
    """The page had 122 of its 264 cells of code wrapped mid-expression at 1280 px, its
    columns cramped between the navigation and the table of contents."""
    page = _open(browser, served, "rosetta/", 1280, 900)
    cells = page.evaluate(CODE_CELLS)
    page.context.close()
    assert len(cells) >= 200
    wrapped = [c["text"] for c in cells if c["wrapped"]]
    assert len(wrapped) <= len(cells) // 5, (len(wrapped), len(cells), wrapped[:20])


# The left and right edges of each child of the article that is shown, but the examples;
# a table's own edges for Material's box around it (it reaches past the text by design).
COLUMN = """
() => [...document.querySelector('.md-content__inner').children]
  .filter(el => el.offsetParent && !el.matches('.compare, script, style'))
  .map(el => {
    const box = (el.querySelector(':scope.md-typeset__scrollwrap table') || el)
      .getBoundingClientRect();
    return {what: el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''),
            left: box.left, right: box.right};
  })
"""


@pytest.mark.parametrize("path", ["rosetta/", "ecosystem/", "performance/"])
@pytest.mark.parametrize("width", [1600, 1920])
def test_side_by_side_only_the_examples_widen(browser, served, path, width):
    """Text, headings, tables and the Rosetta stone's filter share one column and its left
    edge; nothing but an example runs past the column's right edge; on the Rosetta stone
    the filter and the tables are as wide as the column."""
    page = _open(browser, served, path, width, 1080, side=True)
    parts = page.evaluate(COLUMN)
    heading = page.locator("article h2").first.bounding_box()
    example = page.locator(".compare").first.bounding_box()
    filter_box = page.locator(".rosetta-filter").bounding_box() if path == "rosetta/" else None
    tables = page.locator(".md-content__inner > .md-typeset__scrollwrap table")
    table_boxes = [tables.nth(i).bounding_box() for i in range(tables.count())]
    page.context.close()
    left, right = heading["x"], heading["x"] + heading["width"]
    assert example["width"] >= heading["width"] - 1, (example, heading)
    if not filter_box:  # (the Rosetta stone's column takes the whole width at 1600 px)
        assert example["width"] > heading["width"] + 100, "the examples do not widen"
    astray = [p for p in parts if abs(p["left"] - left) > 1 or p["right"] > right + 1]
    assert not astray, (left, right, astray)
    if filter_box:
        assert abs(filter_box["x"] + filter_box["width"] - right) <= 1, (filter_box, right)
        for box in table_boxes:
            assert abs(box["x"] + box["width"] - right) <= 1, (box, right)


# Scrolls the page through in steps; at each step, for every piece of an example's code
# that the filter box overlaps, what the reader sees at the middle of the overlap: the
# filter box (bad) or the code.
COVERED = """
async () => {
  const frame = () => new Promise(done => requestAnimationFrame(() =>
    requestAnimationFrame(done)));
  const box = document.querySelector('.rosetta-filter');
  const codes = [...document.querySelectorAll('.compare pre')].filter(c => c.offsetParent);
  const covered = [];
  let overlaps = 0;
  for (let y = 0; y < document.documentElement.scrollHeight; y += 150) {
    window.scrollTo(0, y);
    await frame();
    const f = box.getBoundingClientRect();
    for (const code of codes) {
      const c = code.getBoundingClientRect();
      const top = Math.max(f.top, c.top), bottom = Math.min(f.bottom, c.bottom);
      const left = Math.max(f.left, c.left), right = Math.min(f.right, c.right);
      if (bottom - top < 1 || right - left < 1) continue;
      overlaps++;
      const seen = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
      if (seen && box.contains(seen))
        covered.push({y, example: code.closest('.compare').dataset.example});
    }
  }
  return {overlaps, covered};
}
"""


@pytest.mark.parametrize(("width", "height", "side"),
                         [(1280, 900, False), (1920, 1080, True)])
def test_the_rosetta_filter_never_covers_an_examples_code(browser, served, width, height,
                                                          side):
    """The filter box stays under the header while the tables scroll by; an example
    scrolls over it, not under it."""
    page = _open(browser, served, "rosetta/", width, height, side=side)
    page.add_style_tag(content=".compare .tabbed-content { content-visibility: visible "
                               "!important }")
    found = page.evaluate(COVERED)
    page.context.close()
    assert found["overlaps"] > 0, "the filter box never met an example: nothing was checked"
    assert not found["covered"], found["covered"][:10]


SIDEBARS = """
() => [...document.querySelectorAll('.md-sidebar--secondary')].map(bar => {
  const box = bar.getBoundingClientRect();
  return {shown: !!bar.offsetParent && box.width > 0, left: box.left};
})
"""


@pytest.mark.parametrize(("width", "shown"), [(1600, False), (1800, True), (1920, True)])
def test_side_by_side_keeps_the_table_of_contents_where_the_window_has_room(
        browser, served, width, shown):
    """Below 1800 px the table of contents makes room for the two columns (it stays in the
    menu); from 1800 px it stays beside them, clear of the examples."""
    page = _open(browser, served, "ecosystem/", width, 1000, side=True)
    bars = page.evaluate(SIDEBARS)
    example = page.locator(".compare").first.bounding_box()
    page.context.close()
    assert len(bars) == 1
    assert bars[0]["shown"] is shown, (width, bars)
    if shown:
        assert bars[0]["left"] >= example["x"] + example["width"], (bars, example)


# The filter box's place and height, and the widths of its hint and of its input's text box.
FILTER = """
() => {
  const box = document.querySelector('.rosetta-filter');
  const input = box.querySelector('input'), style = getComputedStyle(input);
  const probe = document.createElement('span');
  for (const name of ['fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'letterSpacing'])
    probe.style[name] = style[name];
  probe.style.whiteSpace = 'pre';
  probe.style.position = 'absolute';
  probe.textContent = input.placeholder;
  document.body.append(probe);
  const hint = probe.getBoundingClientRect().width;
  probe.remove();
  return {top: box.getBoundingClientRect().top, hint, room: input.clientWidth
          - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)};
}
"""


def test_on_a_phone_the_filter_scrolls_away_and_shows_its_whole_hint(browser, served):
    """At 390 px the box took 85 px of the screen over the rows and the code, and cut its
    hint after "zero_grad, tf.gather, dro"."""
    page = _open(browser, served, "rosetta/", 390, 844)
    before = page.evaluate(FILTER)
    assert before["hint"] <= before["room"], before
    page.locator("article h2").nth(2).scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 400)")
    after = page.evaluate(FILTER)
    page.context.close()
    assert after["top"] < 0, f"the filter box stays on the phone's screen: {after}"


# For each table: the width of each column's header, and the height of its text in lines.
HEADERS = """
selector => [...document.querySelectorAll(selector)].map(table => {
  const width = table.getBoundingClientRect().width;
  return {width, headers: [...table.querySelectorAll('th')].map(th => {
    const style = getComputedStyle(th);
    const text = th.getBoundingClientRect().height - parseFloat(style.paddingTop)
      - parseFloat(style.paddingBottom);
    return {name: th.textContent.trim(), width: th.getBoundingClientRect().width,
            lines: Math.round(text / parseFloat(style.lineHeight))};
  })};
})
"""


def test_the_decision_criteria_fit_their_headers_and_give_the_verdicts_room(browser,
                                                                           served):
    """At 1280 px all five headers took two lines or more, and "Does it hold in late 2026?",
    the column of sentences, got a third of the table while the short columns stood half
    empty."""
    page = _open(browser, served, "decision/", 1280, 900)
    tables = page.evaluate(HEADERS, '.decision-table table')
    page.context.close()
    assert len(tables) == 1
    table = tables[0]
    assert [h["lines"] for h in table["headers"]] == [1] * 5, table
    verdicts = next(h for h in table["headers"] if h["name"] == "Does it hold in late 2026?")
    assert verdicts["width"] >= 0.4 * table["width"], table
    assert verdicts["width"] == max(h["width"] for h in table["headers"]), table


@pytest.mark.parametrize("width", [1280, 1920])
def test_the_conclusions_claim_tables_keep_their_columns_in_place(browser, served, width):
    """Scrolling from one section's table to the next, the columns stay where they were."""
    page = _open(browser, served, "conclusion/", width, 900)
    tables = page.evaluate(HEADERS, ".claims-table table")
    page.context.close()
    assert len(tables) >= 5
    first = [round(h["width"]) for h in tables[0]["headers"]]
    for table in tables[1:]:
        widths = [round(h["width"]) for h in table["headers"]]
        assert all(abs(a - b) <= 1 for a, b in zip(widths, first, strict=True)), (first,
                                                                                 widths)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_decision_helpers_score_bars_take_most_of_their_box(browser, served, width):
    """On a phone the bars stood 60 px long beside the names and scores: they go under
    them there, the box's whole width; on a laptop they fill the row between them."""
    page = _open(browser, served, "decision/", width, 900)
    page.wait_for_selector(".decision-bar > span")
    sizes = page.evaluate("""() => [...document.querySelectorAll('.decision-total')].map(t => ({
      row: t.getBoundingClientRect().width,
      bar: t.querySelector('.decision-bar').getBoundingClientRect().width}))""")
    page.context.close()
    assert len(sizes) == 2
    assert all(s["bar"] >= 0.45 * s["row"] for s in sizes), sizes


@pytest.mark.parametrize("width", [390, 1920])
def test_the_decision_helpers_sliders_sit_by_their_labels_and_only_the_answer_is_bold(
        browser, served, width):
    """At 1920 side by side (chosen on another page, kept on this one) each slider stood
    700 px right of its label; on a phone the verdict was six lines of bold. Only its first
    words, the answer, are bold now."""
    page = _open(browser, served, "graphs/", width, 1080, side=width > 1200)
    page.goto(served + "decision/", wait_until="networkidle")
    page.wait_for_selector(".decision-verdict strong")
    found = page.evaluate("""() => ({
      gaps: [...document.querySelectorAll('.decision-control')].map(c => {
        const input = c.querySelector('input').getBoundingClientRect();
        const text = document.createRange();  // the label's words, not its grid cell
        text.selectNodeContents(c.querySelector('label'));
        const label = text.getBoundingClientRect();
        // Beside its label, or under it where the row is too narrow for both.
        return input.left >= label.right ? input.left - label.right
                                         : input.top - label.bottom; }),
      boldWeights: [...document.querySelector('.decision-verdict').childNodes].map(n =>
        n.nodeType === 1 ? getComputedStyle(n).fontWeight
                         : getComputedStyle(n.parentElement).fontWeight),
      bold: document.querySelector('.decision-verdict strong').textContent})""")
    page.context.close()
    assert len(found["gaps"]) == 10 and max(found["gaps"]) <= 40, found["gaps"]
    assert [int(w) >= 600 for w in found["boldWeights"]] == [True, False], found
    assert found["bold"] == "PyTorch fits better,", found  # the form's starting weights


@pytest.mark.parametrize("path", ["corrections/", "decision/", "verified/", "graphs/"])
def test_text_keeps_a_measure_that_reads_well_on_a_wide_screen(browser, served, path):
    """At 1920 px the theme's wide grid (for 88-column code) let paragraphs run to 150
    characters and more; text keeps the 40rem that side by side gives it."""
    page = _open(browser, served, path, 1920, 1080)
    widths = page.evaluate("""() => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      return [...document.querySelectorAll('.md-content__inner > p')]
        .filter(p => p.offsetParent).map(p => p.getBoundingClientRect().width / rem); }""")
    page.context.close()
    assert widths and max(widths) <= 40.01, (path, max(widths))


# Each example's two blocks side by side: for each part (name, code, output, proof line),
# its kind and its top; and whether a part starts above the end of the one before it.
PARTS = """
() => [...document.querySelectorAll('.md-content .compare')].map(example =>
  [...example.querySelectorAll(':scope .tabbed-block')].map(block => {
    const parts = [...block.children].map(part => ({
      kind: part.className || part.tagName, top: part.getBoundingClientRect().top,
      bottom: part.getBoundingClientRect().bottom}));
    return {parts, overlap: parts.some((p, i) => i && p.top < parts[i - 1].bottom - 1)};
  }))
"""


@pytest.mark.parametrize("path", ["porting/", "building/", "walkthroughs/"])
def test_side_by_side_starts_each_output_level_with_the_other(browser, served, path):
    """Two scripts of different lengths put their outputs and proof lines at different
    heights (16 of Porting's 19 pairs, up to 81 px apart), so the two outputs could not be
    read across. Side by side, each part of a tab starts level with the same part of the
    other tab, and no part covers another."""
    page = _open(browser, served, path, 1920, 1080, side=True)
    page.add_style_tag(content=".compare .tabbed-content { content-visibility: visible }")
    examples = page.evaluate(PARTS)
    page.context.close()
    level = 0
    for left, right in examples:
        assert not left["overlap"] and not right["overlap"], (path, left, right)
        if [p["kind"] for p in left["parts"]] != [p["kind"] for p in right["parts"]]:
            continue
        for a, b in zip(left["parts"], right["parts"], strict=True):
            assert abs(a["top"] - b["top"]) <= 1, (path, a, b)
        level += 1
    assert level >= 5, f"{path}: few examples of the same parts in both tabs"
