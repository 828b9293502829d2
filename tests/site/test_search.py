"""Search lands on the API: the index holds reading text only, a Rosetta stone row is a
result of its own, and an API name typed in the search box finds the section that
teaches it first (Material's search, in Chromium)."""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import parsed


def _index(site: Path) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def _words(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


# What is not reading text, as it reached the index before: the notebook prompts, the copy
# button's label, the heading anchors' pilcrow, and the tab names run together.
NOT_READING = {
    "a notebook prompt": re.compile(r"\b(?:In|Out) \[[ \d]*\]:"),
    "a copy button's label": re.compile(r"Copied!"),
    "a heading anchor": re.compile("¶"),
    "the tab names run together": re.compile(r"PyTorchTensorFlow"),
}


def test_the_search_index_holds_no_prompt_copy_label_pilcrow_or_joined_tab_names(site):
    found = [f"{entry['location']}: {what} ({pattern.search(text)[0]!r})"
             for entry in _index(site)
             for text in [_words(entry["title"] + " " + entry["text"])]
             for what, pattern in NOT_READING.items() if pattern.search(text)]
    assert not found, "\n".join(found[:20])


def test_the_search_index_holds_no_output_and_no_cell_twice(site, pages):
    """The outputs under the examples and the notebooks' cells are not searched: the
    code and the prose are. Each notebook cell used to be indexed twice (its code, then
    the copy button's copy of it), filed under the notebook's title."""
    entries = _index(site)
    index = " ".join(_words(entry["text"]) for entry in entries)
    on_page: dict[str, str] = {}  # what the index files under each page
    for entry in entries:
        page = entry["location"].split("#", 1)[0]
        on_page[page] = on_page.get(page, "") + " " + _words(entry["text"])
    outputs, cells = [], []
    for path in pages:
        html = parsed(site / path / "index.html")
        outputs += [(path, _words(block.get_text())) for block in
                    html.select(".compare .output pre, .jp-OutputArea-output pre")]
        cells += [(path, _words(cell.get_text())) for cell in
                  html.select(".jp-CodeCell .highlight-ipynb pre")]
    assert len(outputs) > 100 and len(cells) > 10, (len(outputs), len(cells))
    # A notebook's cells are not indexed under the notebook; the walkthrough page, which
    # teaches the same code step by step, is where search finds it.
    indexed = [f"/{path}: {text[:60]}" for path, text in outputs if len(text) > 30
               and text in index] + [f"/{path}: {text[:60]}" for path, text in cells
                                      if len(text) > 30 and text in on_page.get(path, "")]
    assert not indexed, "\n".join(indexed[:20])


def _rosetta_rows(site: Path) -> list:
    html = parsed(site / "rosetta/index.html")
    return [row for table in html.select("article table")
            if table.select_one("th").get_text(strip=True) == "Operation"
            for row in table.select("tbody tr")]


def test_every_rosetta_row_is_a_search_result_with_its_own_anchor(site):
    rows = _rosetta_rows(site)
    assert len(rows) > 100
    ids = [row.get("id") for row in rows]
    assert all(ids) and len(set(ids)) == len(ids), [r.get_text()[:40] for r in rows
                                                    if not r.get("id")]
    entries = {entry["location"]: entry for entry in _index(site)}
    missing = []
    for row in rows:
        entry = entries.get(f"rosetta/#{row['id']}")
        operation = _words(row.select_one("td").get_text())
        code = [_words(c.get_text()) for c in row.select("td code")]
        if entry is None or not entry["title"].startswith(operation) or not all(
                c in _words(html.unescape(re.sub("<[^>]+>", "", entry["title"]
                                                  + entry["text"])))
                for c in code):
            missing.append(f"{row['id']}: {entry}")
    assert not missing, "\n".join(missing[:10])


def _search(page, query: str) -> list[str]:
    """Type a query as a reader would; the result links, best first."""
    page.locator("input.md-search__input").fill("")
    page.locator("input.md-search__input").focus()
    page.keyboard.type(query, delay=20)  # Material searches on key events
    # Results of the whole query carry its words; wait for them, not those of a prefix.
    terms = "+".join(re.split(r"\.", query.lower()))
    page.locator(f'.md-search-result__item a[href*="h={terms}"]').first.wait_for(
        timeout=30_000)
    return page.evaluate(
        "() => [...document.querySelectorAll('.md-search-result__item a')]"
        ".map(a => a.href)")


@pytest.fixture(scope="module")
def searching(browser, served):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(served)
    yield page
    page.context.close()


# An API name, and the sections that teach it: the first result must be one of them.
TEACHES = {
    "tf.function": {"graphs/#capturing-a-graph"},
    "zero_grad": {"building/#a-training-loop", "rosetta/#start-a-step"},
    "from_numpy": {"learning/#tensors-creation-dtypes-and-numpy"},
    "DataLoader": {"building/#feeding-data-dataset-and-dataloader-tfdata"},
}


@pytest.mark.parametrize("name", TEACHES)
def test_an_api_name_finds_the_section_that_teaches_it_first(searching, served, name):
    """Material lists results by page, the page first, then its sections: the first page
    listed must be the teaching section's page, and its first section that section."""
    links = [urlparse(href) for href in _search(searching, name)]
    where = [link.path.removeprefix(urlparse(served).path) for link in links]
    sections = [f"{path}#{link.fragment}" for path, link in zip(where, links, strict=True)
                if link.fragment]
    wanted = TEACHES[name]
    assert where[0] in {w.partition("#")[0] for w in wanted}, (name, where[:5])
    assert sections[0] in wanted, (name, sections[:5])


def test_the_teaching_section_shows_in_the_first_screen_of_results(searching):
    """A result's preview is a few lines of its section's prose: with its code shown whole,
    one script filled the panel, and the section that teaches `zero_grad` (the training
    loop, second) sat below the fold."""
    _search(searching, "zero_grad")
    found = searching.evaluate("""() => {
      const panel = document.querySelector('.md-search__scrollwrap').getBoundingClientRect();
      const loop = document.querySelector('.md-search-result__item a[href*="#a-training-loop"]');
      const code = [...document.querySelectorAll('.md-search-result pre')]
        .filter(pre => pre.offsetParent).length;
      const words = [...document.querySelectorAll('.md-search-result__article')]
        .filter(a => a.innerText.split(String.fromCharCode(10))
          .some(line => line.trim() === 'PyTorch TensorFlow'));
      return {bottom: loop && loop.getBoundingClientRect().bottom, panel: panel.bottom,
              code, tabNames: words.length};
    }""")
    assert found["code"] == 0 and found["tabNames"] == 0, found
    assert found["bottom"] is not None and found["bottom"] <= found["panel"], found


def test_a_rosetta_row_result_opens_its_row(searching, served):
    links = _search(searching, "convert_to_tensor")
    row = searching.locator('.md-search-result__item a[href*="#from-numpy"]').first
    assert any("#from-numpy" in href for href in links), links
    row.click()
    searching.wait_for_load_state()
    assert urlparse(searching.url).path.endswith("/rosetta/")
    assert urlparse(searching.url).fragment == "from-numpy"
    target = searching.locator("tr#from-numpy")
    assert "torch.from_numpy(a)" in target.text_content()
    assert target.evaluate("row => { const box = row.getBoundingClientRect();"
                           " return box.top >= 0 && box.bottom <= innerHeight; }")
    assert target.evaluate("row => getComputedStyle(row).backgroundColor") != (
        "rgba(0, 0, 0, 0)"), "the row opened is not marked"


@pytest.mark.parametrize("name", TEACHES)
def test_zensicals_search_finds_the_same_section_first(browser, served_zensical, name):
    """The same API names, in Zensical's own search (its results sit in a shadow root,
    which Playwright's selectors enter): the first result is a section that teaches it."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(served_zensical, wait_until="networkidle")
    # Typed before the dialog has opened, the keys reach the page: on one busy core CI typed
    # "tf.function" into Zensical's shortcuts, and "." went to the next page. Type into the
    # box itself, once Ctrl+K has shown it (pressed again if the page was not ready).
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # with Chromium

    box = page.locator('input[role="combobox"][aria-label="Search"]')
    for _ in range(5):
        page.keyboard.press("Control+k")
        try:
            box.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            continue
    box.press_sequentially(name, delay=20)
    results = page.locator(f'a[href*="?h={name}"]')
    results.first.wait_for(timeout=30_000)  # the first search loads the index: one busy core
    # The list is redrawn as each key's search ends: on a busy core the first link read
    # could still stand where the search for a shorter prefix had put it. Read it once it
    # has stayed the same for a second, as a reader would.
    href, since = results.first.get_attribute("href"), time.monotonic()
    while time.monotonic() - since < 1.0:
        page.wait_for_timeout(200)
        now = results.first.get_attribute("href")
        if now != href:
            href, since = now, time.monotonic()
    first = urlparse(href)
    where = first.path.removeprefix(urlparse(served_zensical).path) + "#" + first.fragment
    page.context.close()
    assert where in TEACHES[name], (name, where)
