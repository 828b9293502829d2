"""What must not split or squeeze, measured in Chromium: short inline code and ISO dates
on one line on every page, table columns as wide as what they hold (Verified's commands,
the walkthrough's steps, the claims' links, the decision criteria, Home's tables), Home's
"Start here" cards in one row, and the performance charts as wide as the column.

Like tests/site/test_browser_reading.py, these skip without Chromium and fail under CI=true.
"""

from __future__ import annotations

import re

import pytest
from test_browser_layout import _open

# Every inline code under 24 characters and every ISO date in the text of the page that
# takes two lines (a piece on a line below another piece of it).
SPLIT = r"""
() => {
  const twoLines = rects => rects.some(a => rects.some(b => b.top >= a.bottom - 1));
  const found = [];
  for (const code of document.querySelectorAll('.md-content code')) {
    if (!code.closest('pre') && code.offsetParent && code.textContent.length < 24
        && twoLines([...code.getClientRects()]))
      found.push(code.textContent);
  }
  const walker = document.createTreeWalker(document.querySelector('.md-content'),
                                           NodeFilter.SHOW_TEXT);
  const date = /(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])/g;
  let dates = 0;
  for (let node; (node = walker.nextNode());) {
    if (node.parentElement.closest('pre, script, style') || !node.parentElement.offsetParent)
      continue;
    for (const match of node.data.matchAll(date)) {
      dates++;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (twoLines([...range.getClientRects()])) found.push(match[0]);
    }
  }
  return {found, dates};
}
"""


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_short_inline_code_and_dates_never_take_two_lines(browser, served, pages, width,
                                                          height):
    """`--nproc-per-node` broke after its first hyphen, `import keras` after `import`,
    2026-11-24 after "2026-11-" (ecosystem, building, conclusion, corrections...)."""
    split, dates = {}, 0
    for path in pages:
        page = _open(browser, served, path, width, height)
        seen = page.evaluate(SPLIT)
        page.context.close()
        dates += seen["dates"]
        if seen["found"]:
            split[path] = seen["found"]
    assert dates >= 20, "hardly a date on the site: nothing was checked"
    assert not split, split


# Each cell of the columns named, and how many lines its text takes.
CELL_LINES = """
labels => [...document.querySelectorAll('.md-content td[data-label]')]
  .filter(td => labels.includes(td.dataset.label) && td.offsetParent).map(td => {
    const range = document.createRange();
    range.selectNodeContents(td);
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
      .map(r => Math.round(r.bottom)));
    return {label: td.dataset.label, text: td.textContent.trim(), lines: lines.size,
            width: td.getBoundingClientRect().width,
            table: td.closest('table').getBoundingClientRect().width};
  })
"""


@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize(("path", "label"), [("verified/", "Command"),
                                             ("walkthroughs/", "Step")])
def test_commands_and_steps_stay_on_one_line(browser, served, path, label, width):
    """"make" / "lighthouse", "python -m" / "livecompare" / "changes" on Verified, and
    "4." / "Evaluation" on the walkthroughs, at 1280 px and even 1920 px."""
    page = _open(browser, served, path, width, 1000)
    cells = page.evaluate(CELL_LINES, [label])
    page.context.close()
    assert len(cells) >= 4, cells
    assert [c["text"] for c in cells if c["lines"] > 1] == []


CLAIM_PAGES = ["learning/", "building/", "deployment/", "conclusion/"]


def test_the_claims_links_have_room(browser, served):
    """At 1280 px "Shown by" was a fifth of each claims table: four section links took
    seven or eight lines, and their rows stood 190 px tall."""
    cells = []
    for path in CLAIM_PAGES:
        page = _open(browser, served, path, 1280, 900)
        page.wait_for_selector(".claims-table table")
        cells += page.evaluate(CELL_LINES, ["Shown by"])
        page.context.close()
    assert len(cells) >= 30, len(cells)
    assert min(c["width"] / c["table"] for c in cells) >= 0.28, cells[0]
    assert max(c["lines"] for c in cells) <= 6, max(cells, key=lambda c: c["lines"])


def _side_by_side(browser, served, path, width, height):
    """The page as a reader who chose Side by side on a page of examples sees it."""
    page = _open(browser, served, "building/", width, height, side=True)
    page.goto(served + path, wait_until="networkidle")
    return page


def test_the_decision_criteria_give_the_evidence_the_fits_room_side_by_side(browser,
                                                                            served):
    """At 1920 px side by side "Fit (PyTorch / TensorFlow)" stood 190 px wide over "3 / 3",
    while the links of "Evidence on this site" wrapped to four lines."""
    page = _side_by_side(browser, served, "decision/", 1920, 1080)
    assert page.evaluate("document.documentElement.classList.contains("
                         "'compare-side-by-side')")
    cells = page.evaluate(CELL_LINES, ["Fit (PyTorch / TensorFlow)", "Evidence on this site"])
    page.context.close()
    fits = [c for c in cells if c["label"].startswith("Fit")]
    evidence = [c for c in cells if c["label"].startswith("Evidence")]
    assert fits and evidence
    assert all(c["lines"] == 1 for c in fits), fits
    assert fits[0]["width"] <= 130, fits[0]
    assert evidence[0]["width"] >= 0.2 * evidence[0]["table"], evidence[0]
    assert max(c["lines"] for c in evidence) <= 3, evidence


def test_a_phone_cards_label_ending_in_a_question_mark_takes_no_colon(browser, served):
    """"Does it hold in late 2026?: Still holds." on Making your decision at 390 px."""
    page = _open(browser, served, "decision/", 390, 844)
    labels = page.evaluate("""() => [...document.querySelectorAll('.md-content td[data-label]')]
      .filter(td => td.offsetParent).map(td => getComputedStyle(td, '::before').content)""")
    page.context.close()
    assert '"Does it hold in late 2026? "' in labels, set(labels)
    assert '"PyTorch: "' in labels, set(labels)  # other labels keep their colon
    assert not [label for label in labels if '?:' in label or '::' in label], set(labels)


HOME = """
() => ({
  column: document.querySelector('.md-content__inner > p').getBoundingClientRect().width,
  tables: [...document.querySelectorAll('.md-content table')].map(table => ({
    first: table.querySelector('th').textContent.trim(),
    width: table.getBoundingClientRect().width,
    firstWidth: table.querySelector('th').getBoundingClientRect().width})),
  cards: [...document.querySelectorAll('.grid.cards > ul > li')].map(card => {
    const box = card.getBoundingClientRect();
    return {top: box.top, left: box.left, width: box.width, height: box.height};
  })})
"""


def test_homes_tables_share_their_first_column_and_fill_the_column(browser, served):
    """The four "Pages" tables had first columns 152, 152, 210 and 158 px wide, and the
    versions table stopped short of the column's edge."""
    page = _open(browser, served, "", 1280, 900)
    home = page.evaluate(HOME)
    page.context.close()
    pages = [t for t in home["tables"] if t["first"] == "Page"]
    assert len(pages) >= 4, home["tables"]
    assert max(t["firstWidth"] for t in pages) - min(t["firstWidth"] for t in pages) <= 1, pages
    for table in home["tables"]:
        assert table["width"] >= home["column"] - 1, (table, home["column"])


@pytest.mark.parametrize(("width", "columns"), [(390, 1), (800, 3), (1280, 3), (1920, 3)])
def test_the_start_here_cards_fill_their_rows(browser, served, width, columns):
    """At 1280 px the three cards stood two in a row and "I am choosing" alone under
    them. Three in a row where they fit, one column on a phone, never two; a row's cards
    of one height."""
    page = _open(browser, served, "", width, 900)
    cards = page.evaluate(HOME)["cards"]
    page.context.close()
    assert len(cards) == 3
    rows = {}
    for card in cards:
        rows.setdefault(round(card["top"]), []).append(card)
    assert [len(row) for row in rows.values()] == [columns] * (3 // columns), cards
    for row in rows.values():
        assert max(c["height"] for c in row) - min(c["height"] for c in row) <= 1, row


CHARTS = """
() => [...document.querySelectorAll('.md-content img[src*="assets/bench/"]')].map(img => ({
  src: img.getAttribute('src'), width: img.getBoundingClientRect().width,
  height: img.getBoundingClientRect().height,
  column: img.closest('.md-content__inner').querySelector(':scope > p')
    .getBoundingClientRect().width}))
"""
SVG = re.compile(r'<svg [^>]*viewBox="0 0 ([\d.]+) ([\d.]+)"[^>]*font-size="([\d.]+)"')


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_performance_charts_text_reads_like_the_pages(browser, served, site, width,
                                                          height):
    """On a phone a chart takes the column's width, so that its text (benchmarks/charts.py:
    its size in the SVG's units) stays at 11 px or more. At 1280 px, stretched to the
    column, that text stood at 24 px and the titles at 28, against the page's 16: it is
    the page's size there, give or take a tenth."""
    page = _open(browser, served, "performance/", width, height)
    charts = page.evaluate(CHARTS)
    body = page.evaluate("() => parseFloat(getComputedStyle("
                         "document.querySelector('.md-content__inner > p')).fontSize)")
    page.context.close()
    assert len(charts) >= 6
    for chart in charts:
        svg = (site / "performance" / chart["src"]).resolve().read_text(encoding="utf-8")
        units, tall, text = map(float, SVG.search(svg).groups())
        shown = text * chart["width"] / units
        assert abs(chart["height"] - chart["width"] * tall / units) <= 1, chart
        if width < 600:
            assert abs(chart["width"] - chart["column"]) <= 1, chart
            assert shown >= 11, chart
        else:
            assert abs(shown - body) <= body / 10, (shown, body, chart)


CODE_COLUMNS = """
() => [...document.querySelectorAll('.md-content__inner > .compare pre > code')]
  .filter(code => code.offsetParent).map(code => {
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'pre';
    probe.textContent = 'x'.repeat(100);
    code.prepend(probe);
    const char = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const style = getComputedStyle(code), box = code.getBoundingClientRect();
    const text = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const example = code.closest('.compare').getBoundingClientRect();
    return {columns: text / char, size: parseFloat(style.fontSize),
            left: example.left, right: example.right};
  })
"""


@pytest.mark.parametrize("path", ["building/", "walkthroughs/"])
def test_a_phone_shows_fifty_columns_of_an_examples_code(browser, served, path):
    """At 390 px an example's code showed 41 characters a line, so most lines of a script
    written for 88 wrapped. The example now spans the screen, as Material's own code blocks
    do there, in a 12 px code font: 50 columns or more, and nothing past the screen. Text in
    a tab (a walkthrough's steps), a picture and the proof line keep the page's margin."""
    page = _open(browser, served, path, 390, 844)
    blocks = page.evaluate(CODE_COLUMNS)
    text = page.evaluate("""() => [...document.querySelectorAll(
        '.compare .tabbed-block > :not(.highlight)')].filter(e => e.offsetParent)
        .map(e => e.getBoundingClientRect().right)""")
    page.context.close()
    assert blocks and text
    for block in blocks:
        assert block["columns"] >= 50, block
        assert block["size"] >= 12, block
        assert block["left"] >= 0 and block["right"] <= 390, block
    assert max(text) <= 390 - 15, text


@pytest.mark.parametrize("path", ["performance/", "graphs/", "building/"])
def test_charts_take_the_dark_schemes_tones(browser, served, path):
    """In the dark scheme the white charts were the brightest thing on the screen: there
    they are drawn inverted, light on dark, and in the light scheme as drawn."""
    for scheme, inverted in (("dark", True), ("light", False)):
        page = browser.new_context(viewport={"width": 1280, "height": 900},
                                   color_scheme=scheme).new_page()
        page.goto(served + path, wait_until="networkidle")
        # (Material picks the scheme from the browser's preference in its script: on a busy
        # core the page may still be in the default one when the network is idle.)
        page.wait_for_function(f"document.body.dataset.mdColorScheme === "
                               f"'{'slate' if inverted else 'default'}'")
        filters = page.evaluate("""() => [...document.querySelectorAll(
            '.md-content img[src*="assets/bench/"], .md-content .compare-figure img')]
            .map(img => getComputedStyle(img).filter)""")
        page.context.close()
        assert filters, path
        assert all(("invert" in f) == inverted for f in filters), (scheme, filters)


def test_a_notebooks_printed_lines_wrap_between_words_on_a_phone(browser, served):
    """JupyterLab breaks printed text anywhere: at 390 px "labels" read "labe|ls" and
    Keras's summary "(Non|e, 8, 8, 16)". No word of an output is split where a space could
    take the break."""
    page = _open(browser, served, "walkthroughs/digits_tensorflow/", 390, 844)
    breaks = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output pre')]
        .map(pre => getComputedStyle(pre).wordBreak)""")
    # ...and it stands apart from its code, as an example's output does (it stood 4 px under).
    gaps = page.evaluate("""() => [...document.querySelectorAll(
        '.jp-CodeCell .jp-OutputArea-output:has(> pre)')].map(out =>
        out.getBoundingClientRect().top - out.closest('.jp-Cell')
          .querySelector('.jp-InputArea').getBoundingClientRect().bottom)""")
    page.context.close()
    assert breaks and set(breaks) == {"normal"}, breaks
    assert gaps and min(gaps) >= 8, gaps


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_a_long_page_hardly_grows_as_the_reader_scrolls(browser, served, width, height):
    """The browser draws an example only near the screen and guesses the height of the
    others: guessed at 36rem, Porting grew by a quarter at 1280 px and by three fifths on a
    phone as it was scrolled, and the scroll bar's thumb shrank under the reader's finger."""
    page = _open(browser, served, "porting/", width, height)
    before = page.evaluate("document.documentElement.scrollHeight")
    y = 0
    while y < page.evaluate("document.documentElement.scrollHeight"):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(30)
        y += height
    after = page.evaluate("document.documentElement.scrollHeight")
    page.context.close()
    assert abs(after - before) <= before / 10, (before, after)


def test_a_rosetta_card_on_a_phone_is_no_taller_than_its_lines(browser, served):
    """On a phone each Rosetta row is a card; the wide screen's padding stood around each
    of its lines, and a typical card (a name, two lines of code) took 170 px."""
    page = _open(browser, served, "rosetta/", 390, 844)
    heights = sorted(page.evaluate("""() => [...document.querySelectorAll(
        '.rosetta-filter ~ .md-typeset__scrollwrap tbody tr')]
        .map(tr => tr.getBoundingClientRect().height)"""))
    page.context.close()
    assert len(heights) >= 100
    assert heights[len(heights) // 2] <= 140, heights[len(heights) // 2]


def test_a_diffs_changed_lines_are_coloured_across_the_box(browser, served):
    """What changed's diffs coloured a removed or added line only under its text, so the
    coloured edges were ragged."""
    page = _open(browser, served, "what-changed/", 1280, 900)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    lines = page.evaluate("""() => [...document.querySelectorAll('code > .ln')]
        .filter(l => l.querySelector(':scope > .gd, :scope > .gi')).map(l => {
          const box = l.getBoundingClientRect(), code = l.parentElement;
          const inner = code.getBoundingClientRect().width
            - parseFloat(getComputedStyle(code).paddingLeft)
            - parseFloat(getComputedStyle(code).paddingRight);
          return {width: box.width, inner, shadow: getComputedStyle(l).boxShadow,
                  size: parseFloat(getComputedStyle(code).fontSize)};
        })""")
    page.context.close()
    assert len(lines) >= 4
    for line in lines:
        assert abs(line["width"] - line["inner"]) <= 1 and "inset" in line["shadow"], line
        assert line["size"] >= 13, line  # the page's code size, not the folded box's 10.9
