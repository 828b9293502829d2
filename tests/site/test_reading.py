"""The verdict first: each page opens with a short verdict, its first example is close to
the top, and the home page offers routes into the site and lists every page.

The browser tests use the fixtures of conftest.py: without Chromium they skip, and under
CI=true they fail instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import parsed

LAPTOP = {"width": 1280, "height": 900}
# The first example must start within the first screen and a half of a laptop window.
FIRST_EXAMPLE_MAX_TOP = LAPTOP["height"] * 1.5

# Where the first example starts, once the page's layout has settled (fonts, scripts);
# on the Rosetta stone, whose tables are what a reader came for, its first table row.
FIRST_EXAMPLE_TOP = """async () => {
  await document.fonts.ready;
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const example = document.querySelector('.rosetta-filter ~ * tbody tr, .compare');
  return example ? example.getBoundingClientRect().top + window.scrollY : null;
}"""

# The first paragraph of the article after its title (the download bar is not prose),
# its height in lines, and whether anything that is not prose comes before it.
OPENING = """() => {
  const title = document.querySelector('article h1');
  let node = title.nextElementSibling, before = [];
  while (node && node.tagName !== 'P') {
    if (!node.classList.contains('compare-downloads')) before.push(node.className || node.tagName);
    node = node.nextElementSibling;
  }
  if (!node) return null;
  const style = getComputedStyle(node);
  return {lines: Math.round(node.getBoundingClientRect().height / parseFloat(style.lineHeight)),
          before, text: node.textContent.slice(0, 60)};
}"""


def _content_pages(pages: list[str]) -> list[str]:
    """Every page written in Markdown: not the 404 page, not the notebooks themselves."""
    return [p for p in pages if p != "404/" and not p.startswith("walkthroughs/digits")]


def _has_examples(site: Path, page: str) -> bool:
    return 'class="compare"' in (site / page / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def laptop(browser):
    context = browser.new_context(viewport=LAPTOP)
    yield context.new_page()
    context.close()


def test_the_first_example_starts_within_a_screen_and_a_half(laptop, served, site, pages):
    """A reader meets running code early; on the Rosetta stone, its first row (its
    examples come after its tables)."""
    checked, late = [], []
    for path in [p for p in _content_pages(pages) if _has_examples(site, p)]:
        laptop.goto(served + path, wait_until="networkidle")
        top = laptop.evaluate(FIRST_EXAMPLE_TOP)
        checked.append(path)
        if top > FIRST_EXAMPLE_MAX_TOP:
            late.append(f"{path}: first example at {top:.0f} px")
    assert len(checked) >= 11, checked
    assert not late, f"more than {FIRST_EXAMPLE_MAX_TOP:.0f} px down at 1280x900:\n" \
        + "\n".join(late)


def test_each_page_opens_with_a_verdict_of_two_to_four_lines(laptop, served, site, pages):
    wrong = []
    for path in _content_pages(pages):
        laptop.goto(served + path, wait_until="networkidle")
        opening = laptop.evaluate(OPENING)
        if not opening or opening["before"] or not 2 <= opening["lines"] <= 4:
            wrong.append(f"{path or '/'}: {opening}")
    assert not wrong, "\n".join(wrong)


def test_the_home_page_offers_three_routes_a_verdict_and_every_page(site, pages):
    home = parsed(site / "index.html")
    article = home.select_one("article")
    first = article.select_one("h1 ~ p").get_text()
    assert first.startswith("The verdict:") and len(first.split()) >= 40, first
    text = article.get_text(" ")
    for route in ("I know PyTorch", "I know TensorFlow", "I am choosing"):
        assert route in text, route
    linked = {a["href"].split("#")[0].rstrip("/") + "/" for a in article.select("a[href]")
              if "//" not in a["href"]}
    missing = [p for p in pages if p and p != "404/" and p not in linked]
    assert not missing, f"the home page does not list {missing}"
