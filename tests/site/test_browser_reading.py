"""Reading the site in Chromium: both frameworks side by side, code that fits its box, the
Rosetta stone's filter and line links, search for API names, the walkthroughs' bar.

Like tests/test_browser.py, these skip without Chromium and fail under CI=true.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from helpers import ROOT

SIDE_BY_SIDE = re.compile("side by side", re.I)

# For each example: the boxes of its tab blocks that are shown (display not none).
BLOCKS = """
() => [...document.querySelectorAll('.compare > .tabbed-set')].map(set =>
  [...set.querySelectorAll(':scope > .tabbed-content > .tabbed-block')].map(block => {
    const box = block.getBoundingClientRect();
    return block.offsetParent ? {top: box.top, left: box.left, right: box.right,
                                 bottom: box.bottom} : null;
  }))
"""

# Every code block of an example that is shown, and whether its text runs past its box;
# and whether the copy button overlaps the code's box.
OVERFLOW = """
() => [...document.querySelectorAll('.compare pre > code')].filter(c => c.offsetParent)
  .map(code => {
    const nav = code.parentElement.querySelector('.md-code__nav');
    const box = code.getBoundingClientRect(), button = nav && nav.getBoundingClientRect();
    return {example: code.closest('.compare').dataset.example,
            over: code.scrollWidth - code.clientWidth,
            covered: !!button && button.bottom > box.top && button.top < box.bottom};
  })
"""


# Material gives a code block its copy button when the block first comes into view
# (content.lazy, mkdocs.yml): bring each shown block into view until it has one, so that
# the checks of where the button sits see every button.
MOUNT_CODE_BLOCKS = """
async () => {
  const frame = () => new Promise(done => requestAnimationFrame(done));
  for (const code of document.querySelectorAll('.md-content pre > code')) {
    if (!code.offsetParent) continue;
    code.scrollIntoView();
    for (let n = 0; n < 30 && !code.parentElement.querySelector('.md-code__nav'); n++)
      await frame();
  }
  window.scrollTo(0, 0);
}
"""


def _mount_code_blocks(page) -> None:
    page.evaluate(MOUNT_CODE_BLOCKS)


def _pages_with_examples(site, pages) -> list[str]:
    return [p for p in pages if 'class="compare"' in (site / p / "index.html").read_text()]


def _both_shown(page) -> list[list[dict]]:
    examples = page.evaluate(BLOCKS)
    assert examples, "no example on the page"
    for blocks in examples:
        assert len(blocks) == 2 and all(blocks), f"not both tabs shown: {blocks}"
    return examples


def _tabs_shown(page) -> None:
    for blocks in page.evaluate(BLOCKS):
        assert sum(block is not None for block in blocks) == 1, "not one tab at a time"


LAPTOPS = [1200, 1280, 1366, 1440, 1536, 1600, 1680, 1920]

# The font size of the code shown, in CSS px, and how far the longest line of each block
# runs past it (0: every line shows whole, wrapped or not).
CODE_FONT = """
() => [...document.querySelectorAll('.compare pre > code')].filter(c => c.offsetParent)
  .map(c => ({size: parseFloat(getComputedStyle(c).fontSize),
              over: c.scrollWidth - c.clientWidth}))
"""


def _columns(page, width: int) -> None:
    for torch, tf in _both_shown(page):  # two columns, level with each other
        assert abs(torch["top"] - tf["top"]) < 2 and tf["left"] >= torch["right"], (
            width, torch, tf)


def test_side_by_side_is_two_columns_at_every_laptop_width_and_is_kept(browser, served,
                                                                        site, pages):
    """From 1200 px wide, at every width (no dead zone where the theme's font grows), with
    the code at 10.5 px at least and no line hidden; the navigation and the table of
    contents stay one click away in the menu; the toggle says whether it is on."""
    first, second = _pages_with_examples(site, pages)[:2]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served + first)
    _tabs_shown(page)  # tabs stay the default
    button = page.get_by_role("button", name=SIDE_BY_SIDE).first
    assert button.get_attribute("aria-pressed") == "false"
    assert "off" in button.inner_text().lower()
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert "on" in button.inner_text().lower().split()
    for width in LAPTOPS:
        page.set_viewport_size({"width": width, "height": 900})
        _columns(page, width)
        fonts = page.evaluate(CODE_FONT)
        assert fonts and all(f["over"] <= 0 for f in fonts), (width, fonts)
        assert min(f["size"] for f in fonts) >= 10.5, (width, fonts)
    page.set_viewport_size({"width": 1280, "height": 900})
    menu = page.locator('label.md-header__button[for="__drawer"]')
    assert menu.is_visible(), "side by side hides the navigation with no way to it"
    menu.click()
    link = page.locator(".md-sidebar--primary .md-nav__link", has_text="Rosetta stone")
    link.wait_for(state="visible")
    contents = page.locator('.md-sidebar--primary label.md-nav__link[for="__toc"]')
    assert contents.is_visible(), "no table of contents in the menu"
    contents.click()
    heading = page.locator("article h2[id]").first.get_attribute("id")
    page.locator(f'.md-sidebar--primary a[href="#{heading}"]').wait_for(state="visible")

    page.goto(served + second)  # kept on the next page, and after a reload
    _columns(page, 1280)
    page.reload()
    _columns(page, 1280)
    page.get_by_role("button", name=SIDE_BY_SIDE).first.click()  # back to tabs, for good
    _tabs_shown(page)
    page.reload()
    _tabs_shown(page)
    context.close()


@pytest.mark.parametrize("width", [390, 1100])
def test_below_two_columns_the_toggle_is_hidden_and_the_examples_stay_tabs(browser, served,
                                                                           site, pages,
                                                                           width):
    first = _pages_with_examples(site, pages)[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served + first)
    page.get_by_role("button", name=SIDE_BY_SIDE).first.click()  # chosen on a laptop
    page.set_viewport_size({"width": width, "height": 844})
    page.reload()
    toggles = page.locator("button.compare-view")
    assert toggles.count() >= 1 and not toggles.first.is_visible()
    _tabs_shown(page)
    context.close()


# Each proof line shown (a <summary>): its height in lines, and whether it runs past the
# tab that holds it.
PROOF_LINES = """
() => [...document.querySelectorAll('.compare .compare-proof > summary')]
  .filter(s => s.offsetParent).map(s => {
    const box = s.getBoundingClientRect();
    const block = s.closest('.tabbed-block').getBoundingClientRect();
    const line = parseFloat(getComputedStyle(s).lineHeight);
    return {text: s.textContent.trim(), lines: box.height / line, past: box.right - block.right};
  })
"""
ALL_LAID_OUT = ".compare .tabbed-content { content-visibility: visible !important }"


@pytest.mark.parametrize("view", ["tabs", "side by side"])
def test_each_tab_ends_in_a_one_line_proof_at_1280_px_that_opens_to_its_details(
        browser, served, site, pages, view):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found, agreeing = [], 0
    for number, path in enumerate(_pages_with_examples(site, pages)):
        page.goto(served + path)
        page.add_style_tag(content=ALL_LAID_OUT)
        if number == 0 and view == "side by side":
            page.get_by_role("button", name=SIDE_BY_SIDE).first.click()
        if number == 0:
            proof = page.locator(".compare .compare-proof").filter(visible=True).first
            assert proof.get_attribute("open") is None
            proof.locator("summary").click()  # one click: Python, the check, the run time
            details = proof.inner_text()
            assert "Python 3." in details and "on the machine that verified it" in details, details
            assert "compares the fresh output" in details, details
        lines = page.evaluate(PROOF_LINES)
        assert lines, f"/{path}: no proof line"
        agreeing += sum("both tabs agree within" in line["text"] for line in lines)
        found += [f"/{path}: {line}" for line in lines
                  if line["lines"] > 1.5 or line["past"] > 0
                  or not line["text"].startswith(("torch ", "tensorflow "))]
    context.close()
    assert agreeing >= 15, "the pairs checked to agree no longer say so"
    assert not found, "\n".join(found[:20])


# Each table shown on the page, and how far it runs past its box or the window.
TABLES = """
() => [...document.querySelectorAll('.md-content table')].filter(t => t.offsetParent)
  .map(t => {
    const wrap = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    return {head: t.querySelector('tr').textContent.trim().replace(/\\s+/g, ' ').slice(0, 50),
            over: Math.max(wrap.scrollWidth - wrap.clientWidth, t.scrollWidth - t.clientWidth,
                           t.getBoundingClientRect().right - document.documentElement.clientWidth)};
  })
"""


def test_no_table_scrolls_sideways_or_is_cut_on_a_phone(browser, served, pages):
    """At 390 x 844 every row of every table fits: tables become cards. So does the proof
    line under each example's tab."""
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    found, tables = [], 0
    for path in pages:
        page.goto(served + path)
        shown = page.evaluate(TABLES)
        tables += len(shown)
        found += [f"/{path}: {t['head']!r} runs {t['over']:.0f} px past the screen"
                  for t in shown if t["over"] > 0.5]
        proofs = page.evaluate("""() => [...document.querySelectorAll(
            '.compare-proof > summary')].filter(s => s.offsetParent).map(s =>
            s.getBoundingClientRect().right - document.documentElement.clientWidth)""")
        found += [f"/{path}: a proof line runs {over:.0f} px past the screen"
                  for over in proofs if over > 0.5]
    page.context.close()
    assert tables >= 15, "fewer tables than the site has: the check would see little"
    assert not found, "\n".join(found)


# Each block of code or output shown: how far its text runs past its box, how many of its
# lines of code wrap, and how many of those wrap without the ↪ mark in their gutter.
CODE_LINES = """
() => [...document.querySelectorAll('.md-content pre')].filter(pre => pre.offsetParent)
  .map(pre => {
    const code = pre.querySelector(':scope > code') || pre;
    const line = parseFloat(getComputedStyle(code).lineHeight);
    const wrapped = code.closest('.output, .jp-OutputArea') ? [] :
      [...code.querySelectorAll(':scope > .ln')].filter(l =>
        l.getBoundingClientRect().height > 1.5 * line);
    const nav = pre.querySelector('.md-code__nav');
    let covered = false;
    if (nav && nav.offsetParent) {
      const button = nav.getBoundingClientRect(), text = document.createRange();
      const top = [...code.querySelectorAll(':scope > .ln')].slice(0, 3);
      for (const line of top.length ? top : [code]) {  // the button's corner
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node && !covered; node = walker.nextNode()) {
          text.selectNodeContents(node);  // the boxes of its characters, not of its line
          covered = [...text.getClientRects()].some(r => r.width > 0
            && r.right > button.left && r.left < button.right
            && r.bottom > button.top && r.top < button.bottom);
        }
      }
    }
    const where = pre.closest('.compare, [id]');
    return {where: where ? where.dataset.example || where.id : '?',
            head: code.textContent.trim().slice(0, 40),
            over: code.scrollWidth - code.clientWidth, wrapped: wrapped.length, covered,
            unmarked: wrapped.filter(l =>
              !getComputedStyle(l).backgroundImage.includes('svg')).length};
  })
"""


def test_no_code_scrolls_sideways_on_a_phone_and_wrapped_lines_are_marked(browser, served,
                                                                          pages):
    """At 390 x 844 a line of code too long for the screen wraps, on every page (the
    examples, the walkthroughs and their notebooks, What changed), rather than hiding its
    end; its continuation is marked with ↪, so that it never reads as a line of its own,
    and no copy button covers the end of a line."""
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    found, wrapped = [], 0
    for path in pages:
        page.goto(served + path)
        page.add_style_tag(content=ALL_LAID_OUT)
        _mount_code_blocks(page)
        for block in page.evaluate(CODE_LINES):
            wrapped += block["wrapped"]
            if block["over"] > 0:
                found.append(f"/{path} {block['where']} {block['head']!r}: "
                             f"runs {block['over']} px past its box")
            if block["covered"]:
                found.append(f"/{path} {block['where']} {block['head']!r}: "
                             "the copy button covers its text")
            if block["unmarked"]:
                found.append(f"/{path} {block['where']} {block['head']!r}: "
                             f"{block['unmarked']} wrapped lines without the mark")
    page.context.close()
    assert not found, "\n".join(found[:30])
    assert wrapped >= 100, "few lines wrap: the check would see little"


def test_side_by_side_works_from_the_file_system(browser, offline_site):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: not r.url.startswith(("file:", "data:", "blob:"))
            and problems.append(f"request leaves the file system: {r.url}"))
    page.goto((offline_site / "graphs.html").as_uri())
    page.get_by_role("button", name=SIDE_BY_SIDE).first.click()
    page.locator('label.md-header__button[for="__drawer"]').click()  # the menu holds the nav
    page.locator(".md-nav__link", has_text="Ease of learning").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/learning.html")
    _both_shown(page)
    assert not problems, problems
    page.context.close()


@pytest.mark.parametrize("view", ["PyTorch", "TensorFlow", "side by side"])
def test_no_code_in_an_example_runs_past_its_box_at_1280_px(browser, served, site, pages,
                                                            view):
    """Snippets are at most 88 columns: at 1280 x 900 every line shows whole, and the copy
    button sits beside the code, not over it."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    found = []
    for number, path in enumerate(_pages_with_examples(site, pages)):
        page.goto(served + path)
        if number == 0 and view == "side by side":
            page.get_by_role("button", name=SIDE_BY_SIDE).first.click()
        elif number == 0:
            page.locator(".compare .tabbed-labels label", has_text=view).first.click()
        _mount_code_blocks(page)
        blocks = page.evaluate(OVERFLOW)
        assert blocks, f"{path}: no code shown"
        found += [f"/{path} {b['example']}: " + ("copy button over the code" if b["covered"]
                                                 else f"{b['over']} px past its box")
                  for b in blocks if b["over"] > 0 or b["covered"]]
    page.context.close()
    assert not found, "\n".join(found)


# Each place where the code in a table cell wraps, with the characters on either side:
# never two characters of a name.
# Where each code element matching the selector wraps: the two characters on either side.
WRAPS = """
selector => [...document.querySelectorAll(selector)].filter(code => code.offsetParent)
 .flatMap(code => {
  const text = code.textContent, range = document.createRange(), wraps = [];
  let offset = 0, last = null;
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++, offset++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || !rect.width) continue;
      if (last !== null && rect.top > last + 2) wraps.push(text.slice(offset - 1, offset + 1));
      last = rect.top;
    }
  }
  return wraps.map(pair => ({text, pair}));
})
"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_rosetta_stone_never_breaks_a_name(browser, served, width):
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(served + "rosetta/")
    wraps = page.evaluate(WRAPS, ".md-typeset td code")
    page.context.close()
    assert wraps, "no code cell wraps at all: the check would see nothing"
    bad = [f"{w['text']} wraps between {w['pair']!r}" for w in wraps
           if re.fullmatch(r"\w\w", w["pair"])]  # inside a name
    assert not bad, "\n".join(bad[:20])


def _shown_rows(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('table tbody tr')]
        .filter(row => row.offsetParent).map(row => row.textContent)""")


# Each indented line of code shown (highlight.py's class iN): its left padding, against
# N + 2 characters of its own font.
INDENTS = """
() => [...document.querySelectorAll('.md-content .ln[class*=" i"]')]
  .filter(line => line.offsetParent).slice(0, 40)
  .map(line => {
    const spaces = +line.className.match(/ i(\\d+)/)[1], probe = document.createElement('span');
    probe.style.cssText = `display: inline-block; width: ${spaces + 2}ch`;
    line.append(probe);
    const wanted = probe.getBoundingClientRect().width;
    probe.remove();
    return {spaces, wanted, padding: parseFloat(getComputedStyle(line).paddingLeft)};
  })
"""


def test_a_wrapped_indented_line_continues_under_its_own_first_character(browser, served):
    """On a phone, a line inside a loop that wraps continues, marked, two characters to
    the right of its own indentation, not at the left edge where it read as dedented."""
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    for path in ("deployment/", "walkthroughs/digits_pytorch/"):
        page.goto(served + path)
        page.add_style_tag(content=ALL_LAID_OUT)
        lines = page.evaluate(INDENTS)
        assert {line["spaces"] for line in lines} >= {4, 8}, (path, lines[:3])
        wrong = [line for line in lines if abs(line["padding"] - line["wanted"]) > 0.5]
        assert not wrong, (path, wrong[:3])
    page.context.close()


def test_a_wrapped_line_of_code_breaks_between_names_on_a_phone(browser, served):
    """A long word of code (`torch.nn.functional.cross_entropy(`) wraps after a dot, a
    bracket or a comma (highlight.py's <wbr>), not in the middle of a name, where the
    browser had cut `from_numpy` into `from_nu` and `mpy`; a snippet's path in its title
    wraps after its folder."""
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    bad, seen = [], 0
    for path in ("deployment/", "building/", "debugging/"):
        page.goto(served + path)
        page.add_style_tag(content=ALL_LAID_OUT)
        wraps = page.evaluate(WRAPS, ".md-content .compare :is(.ln, .filename)")
        seen += len(wraps)
        bad += [f"/{path}: {w['text'].strip()} wraps between {w['pair']!r}" for w in wraps
                if re.fullmatch(r"\w\w", w["pair"])]
    page.context.close()
    assert seen > 100, "few lines wrap: the check would see little"
    assert not bad, "\n".join(bad[:20])


# The WCAG contrast of the first proof line's colour against a code block's background,
# and the heights of the Rosetta stone's code links shown.
PROOF_ON_CODE_AND_LINK_HEIGHTS = """
() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const text = rgb(getComputedStyle(document.querySelector('.compare-proof > summary')).color);
  const block = document.querySelector(".compare .highlight pre > code");
  const code = rgb(getComputedStyle(block).backgroundColor);
  const [hi, lo] = [lum(text), lum(code)].sort((a, b) => b - a);
  const other = rgb(getComputedStyle(document.querySelector(
    '.compare .tabbed-labels > label:not(:first-child)')).color);
  return {alpha: text.length > 3 ? text[3] : 1, contrast: (hi + 0.05) / (lo + 0.05),
          tab_alpha: other.length > 3 ? other[3] : 1,
          links: [...document.querySelectorAll('td > a[href^="#__span-"]')]
            .filter(a => a.offsetParent).map(a => a.getBoundingClientRect().height)};
}
"""


def test_proof_lines_read_on_code_grey_and_code_links_are_touch_targets_on_a_phone(
        browser, served):
    """A proof line stands beside code blocks (side by side, on a phone): its grey is
    opaque and reads at 4.5:1 on a code block's grey too, and so is the other tab's name.
    A Rosetta card's code links are 24 px high at least (WCAG 2.2's target size); they
    had been 15 px, 19 px apart."""
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(served + "rosetta/")
    found = page.evaluate(PROOF_ON_CODE_AND_LINK_HEIGHTS)
    page.context.close()
    assert found["alpha"] == 1 and found["contrast"] >= 4.5, found
    assert found["tab_alpha"] == 1, "the other tab's name is see-through again"
    assert found["links"] and min(found["links"]) >= 24, min(found["links"])


def test_the_rosetta_filter_keeps_the_rows_of_either_framework(browser, served):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(served + "rosetta/")
    every = _shown_rows(page)
    assert len(every) >= 100
    box = page.get_by_role("searchbox", name="Filter the rows")
    for query, expected in (("zero_grad", "opt.zero_grad()"),  # the PyTorch column
                            ("tf.gather", "torch.index_select"),  # the TensorFlow column
                            ("keepdim", "keepdims=True")):
        box.fill(query)
        rows = _shown_rows(page)
        assert 1 <= len(rows) < len(every), (query, rows)
        assert all(query in row for row in rows) and any(expected in r for r in rows), rows
        empty = page.evaluate("""() => [...document.querySelectorAll('.md-content table')]
            .filter(t => t.offsetParent && ![...t.tBodies[0].rows].some(r => r.offsetParent))
            .length""")
        assert empty == 0, f"{query}: {empty} tables shown with no row"
    box.fill("no such operation")
    assert _shown_rows(page) == []
    assert "No row matches" in page.get_by_role("status").text_content()
    box.fill("")
    assert len(_shown_rows(page)) == len(every)
    page.context.close()


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_rosetta_section_list_jumps_to_each_section(browser, served, width, height):
    """The page is 23 screens long at 1280 px and 49 on a phone, with its contents hidden
    beside the tables: the filter box lists the sections, and picking one goes there, out
    of a filter that had hidden it."""
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(served + "rosetta/")
    jump = page.get_by_role("combobox", name="Go to a section")
    headings = page.evaluate("""() => [...document.querySelectorAll('article > h2')]
        .filter(h => h.closest('article').querySelector('.rosetta-filter'))
        .map(h => h.id)""")
    options = jump.evaluate("s => [...s.options].map(o => [o.value, o.textContent])")
    assert [value for value, _ in options[1:]] == headings and len(headings) >= 10, options
    assert not any("¶" in text for _, text in options), options
    page.get_by_role("searchbox", name="Filter the rows").fill("zero_grad")
    last = options[len(options) // 2]  # the last sections end the page: no scroll room
    jump.select_option(last[0])
    page.wait_for_function(f"location.hash === '#{last[0]}'")
    page.wait_for_timeout(300)
    top = page.evaluate(f"document.getElementById('{last[0]}').getBoundingClientRect().top")
    assert page.get_by_role("searchbox", name="Filter the rows").input_value() == ""
    # Under the header and, where it is sticky (not on a phone), the filter box.
    assert 0 <= top <= (250 if width > 700 else 120), (last, top)
    page.context.close()


def test_a_rosetta_row_opens_the_line_that_runs_it(browser, served):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(served + "rosetta/")
    page.get_by_role("searchbox", name="Filter the rows").fill("tf.GradientTape")
    page.get_by_role("link", name="tf.GradientTape()", exact=True).click()  # TensorFlow tab
    line = page.locator(":target")
    assert "tf.GradientTape()" in line.text_content()
    assert line.is_visible(), "the TensorFlow tab holding the line was not opened"
    assert line.evaluate("l => getComputedStyle(l).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.context.close()


@pytest.mark.parametrize("name", ["index_select", "zero_grad", "tf.GradientTape",
                                  "torch.no_grad"])
def test_search_finds_api_names_with_underscores_and_dots(browser, served, site, pages,
                                                          name):
    """Search finds the pages that use the name (five of them at least, where more do),
    and a result opens a page that holds it."""
    from bs4 import BeautifulSoup

    using = {f"/{path}" for path in pages if name in BeautifulSoup(
        (site / path / "index.html").read_text(encoding="utf-8"),
        "html.parser").select_one("article").get_text()}
    page = browser.new_context().new_page()
    page.goto(served)
    page.locator("input.md-search__input").focus()
    page.keyboard.type(name, delay=20)
    # A result that matched every part of the name: its link carries them all.
    terms = "+".join(name.lower().split("."))
    result = page.locator(f'.md-search-result__item a[href*="h={terms}"]').filter(
        visible=True).first
    result.wait_for(timeout=10_000)
    for _ in range(8):  # Material shows more results as the list scrolls
        page.evaluate("() => { const list = document.querySelector('.md-search__scrollwrap');"
                      " list.scrollTop = list.scrollHeight; }")
        page.wait_for_timeout(200)
    found = {urlparse(href).path for href in page.evaluate(
        "() => [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)")
        if f"h={terms}" in href}
    assert len(found & using) >= min(len(using), 5), (sorted(using), sorted(found))
    results = page.locator(f'.md-search-result__item a[href*="h={terms}"]').filter(
        visible=True)
    chosen = next(link for link in results.all()
                  if urlparse(link.get_attribute("href")).path in using)
    target = urlparse(chosen.get_attribute("href")).path
    chosen.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == target
    assert name in page.locator("article").text_content()
    page.context.close()


def test_each_walkthrough_has_the_download_bar_and_no_tooling_noise(browser, served, site):
    page = browser.new_context().new_page()
    walkthroughs = sorted(p.parent.name for p in (site / "walkthroughs").glob("*/index.html"))
    assert len(walkthroughs) == 2
    for name in walkthroughs:
        page.goto(f"{served}walkthroughs/{name}/")
        bar = page.locator("h1 + .compare-downloads")
        for label in ("notebook", "script"):
            link = bar.get_by_role("link", name=label, exact=True)
            assert link.get_attribute("download") is not None
            response = page.request.get(page.url + link.get_attribute("href"))
            assert response.ok, f"{name}: the {label} link is broken"
        article = page.locator("article")
        assert "skip-execution" not in article.inner_text()  # what a reader sees
        if "input shape:" in article.inner_text():  # the exported program's batch symbol
            assert re.search(r"\((s\d+), 1, 8, 8\) \(\1 is the batch size\)",
                             article.inner_text()), f"{name}: the shape labels disagree"
        sibling, = [w for w in walkthroughs if w != name]
        assert article.locator(f'.jupyter-wrapper a[href="../{sibling}/"]').count() == 1
    page.context.close()


def test_only_the_offline_build_loads_the_iframe_worker_shim(site, offline_site):
    """Search from file:// needs the shim; the hosted site does not load it at all."""
    hosted = (site / "index.html").read_text(encoding="utf-8")
    offline = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "iframe-worker" not in hosted
    assert '<script src="javascripts/vendor/iframe-worker-shim-1.0.4.js">' in offline


# Each text of an SVG chart that runs past the chart's own box, where the picture cuts it.
CUT_TEXT = """
(name) => {
  const svg = document.documentElement, width = svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].filter(text => {
    const box = text.getBBox();
    return box.x < 0 || box.x + box.width > width;
  }).map(text => `${name}: ${text.textContent}`);
}
"""


def test_no_label_of_the_performance_charts_is_cut_at_the_chart_edge(browser):
    """A chart's title and the figure at the end of its longest bar stay inside the
    picture, and no figure is written as an exponent (1.48e+03)."""
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    charts = sorted((ROOT / "docs/assets/bench").glob("*.svg"))
    assert len(charts) >= 6
    found = []
    for chart in charts:
        page.goto(chart.as_uri())
        found += page.evaluate(CUT_TEXT, chart.name)
        found += [f"{chart.name}: {text}" for text in re.findall(r">([^<]*\de\+\d+)<",
                                                                 chart.read_text())]
    page.context.close()
    assert not found, "\n".join(found)


# The rows of the tables shown, and how many of them have a cell that wraps.
WRAPPED_ROWS = """
() => {
  const rows = [...document.querySelectorAll('.md-content table tbody tr')]
    .filter(row => row.offsetParent);
  const wrapped = rows.filter(row => [...row.cells].some(cell => {
    const style = getComputedStyle(cell);
    const height = cell.getBoundingClientRect().height - parseFloat(style.paddingTop)
      - parseFloat(style.paddingBottom);
    return height > 1.6 * parseFloat(style.lineHeight);
  }));
  return {rows: rows.length, wrapped: wrapped.length};
}
"""


def test_side_by_side_gives_the_rosetta_tables_room_at_1920_px(browser, served):
    """Side by side, the examples take the whole width and text keeps a readable measure;
    the phrasebook's four columns of code take more than the text, so that most rows read
    on one line instead of wrapping nearly every cell."""
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(served + "rosetta/")
    page.get_by_role("button", name=SIDE_BY_SIDE).first.click()
    _both_shown(page)
    found = page.evaluate(WRAPPED_ROWS)
    page.context.close()
    assert found["rows"] >= 100
    assert found["wrapped"] <= found["rows"] // 4, found


@pytest.mark.parametrize("width, shown", [(390, "timeline-phone"), (1280, "timeline-wide")])
def test_the_timeline_is_one_column_on_a_phone(browser, served, width, shown):
    """The two-sided timeline's labels would be about 5 px on a phone: there it is drawn
    as one column, its 14-unit text shown at 13 px or more (scripts/timeline.py)."""
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(served + "origins/")
    # The pictures load lazily, and have no width until they do (a busy core: not yet).
    page.evaluate("""() => [...document.querySelectorAll('img[class^="timeline"]')]
        .filter(img => img.offsetParent).forEach(img => img.scrollIntoView())""")
    page.wait_for_function("""() => [...document.querySelectorAll('img[class^="timeline"]')]
        .filter(img => img.offsetParent).every(img => img.complete && img.naturalWidth)""")
    found = page.evaluate("""() => [...document.querySelectorAll('img[class^="timeline"]')]
        .map(img => ({kind: img.className, width: img.getBoundingClientRect().width}))""")
    page.context.close()
    assert [image["kind"] for image in found if image["width"]] == [shown], found
    if shown == "timeline-phone":
        assert next(i["width"] for i in found if i["width"]) / 360 * 14 >= 13, found


def test_a_notebook_page_shows_no_prompts(browser, served):
    """"In [6]:" beside each cell took a fifth of a phone's width and said nothing to a
    reader of a finished run."""
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(served + "walkthroughs/digits_pytorch/")
    found = page.evaluate("""() => [document.querySelectorAll('.jp-InputPrompt').length,
        [...document.querySelectorAll('.jp-InputPrompt, .jp-OutputPrompt')]
          .filter(prompt => prompt.offsetParent).length]""")
    page.context.close()
    assert found[0] > 5 and found[1] == 0, found


def test_a_notebook_page_reads_like_the_site(browser, served):
    """The rendered notebooks had another site's look (bold green keywords, italic
    comments, a bordered box) and no place in the navigation: their code takes the
    examples' colours, and the navigation marks the walkthrough page that links them."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(served + "walkthroughs/")
    example = page.evaluate("""() => {
        const keyword = document.querySelector('.compare .highlight .kn');
        return getComputedStyle(keyword).color; }""")
    page.goto(served + "walkthroughs/digits_pytorch/")
    found = page.evaluate("""() => {
        const keyword = document.querySelector('.jupyter-wrapper .highlight-ipynb .kn');
        const comment = document.querySelector('.jupyter-wrapper .highlight-ipynb .c1');
        const active = document.querySelector('.md-nav--primary .md-nav__link--active');
        return {keyword: getComputedStyle(keyword).color,
                weight: getComputedStyle(keyword).fontWeight,
                comment: getComputedStyle(comment).fontStyle,
                active: active && active.textContent.trim()}; }""")
    page.context.close()
    assert found["keyword"] == example and int(found["weight"]) < 600, (example, found)
    assert found["comment"] == "normal", found
    assert found["active"] == "Walkthrough: handwritten digits", found
