"""The pages a reader decides with: Conclusion opens with the answer and shows each claim's
status as a chip that can be read in both colour schemes, Deployment and What changed speak
to the reader, the home page puts its routes under the verdict and says what "the classic
comparison" is (every hand-written page names it so, and no link of theirs hides where it
goes), and the digits walkthrough shows every step in both frameworks' linked tabs.

The browser tests use the fixtures of conftest.py: without Chromium they skip, and under
CI=true they fail instead.
"""

from __future__ import annotations

import copy
import re

import pytest
from helpers import ROOT, parsed

from livecompare.site.claims_data import VERDICTS

# Words that belong on "How this site is verified", not on the pages a reader decides with.
MAINTAINER_WORDS = re.compile(r"\b(?:make|claims\.yml|manifest\.json|livecompare|npm|"
                              r"NODE_PATH)\b")
READER_PAGES = ("deployment", "conclusion", "what-changed")

# The contrast ratio of each status chip's text on its background (WCAG 2).
CHIP_CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  return [...document.querySelectorAll('article .claim-status')].map(chip => {
    const style = getComputedStyle(chip);
    const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
    return {text: chip.textContent.trim(), cls: chip.className,
            background: style.backgroundColor,
            ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
  });
}"""


def _article_text(site, page: str) -> str:
    article = copy.copy(parsed(site / page / "index.html").select_one("article"))  # cached
    for block in article.select(".compare, .highlight, pre"):  # the examples may say anything
        block.decompose()
    return " ".join(article.get_text(" ").split())


@pytest.mark.parametrize("page", READER_PAGES)
def test_the_rewritten_pages_speak_to_the_reader_not_the_maintainer(site, page):
    found = sorted(set(MAINTAINER_WORDS.findall(_article_text(site, page))))
    assert not found, f"{page}: {found}; link to How this site is verified instead"


def test_the_conclusion_opens_with_the_answer_for_the_reader(site):
    first = parsed(site / "conclusion/index.html").select_one("article h1 ~ p").get_text()
    assert first.startswith("Pick PyTorch if") and "Pick TensorFlow if" in first, first


def test_deployment_gives_its_verdict_first_and_keeps_every_example(site, project):
    article = parsed(site / "deployment/index.html").select_one("article")
    first = article.select_one("h1 ~ p").get_text()
    assert first.startswith("In short:") and "no longer TensorFlow" in first, first
    shown = {div["data-example"] for div in article.select(".compare[data-example]")}
    snippets = {p.parent.name + "/" + p.stem.rsplit("_", 1)[0]
                for p in (project.snippets_dir / "deployment").glob("*_torch.py")}
    assert shown == snippets, snippets ^ shown
    notes = article.select(".admonition a[href*='corrections/#']")
    assert len(notes) <= 2, [a["href"] for a in notes]


def _heading(h) -> str:
    return h.get_text(" ", strip=True).rstrip(" ¶")


def test_what_changed_says_what_an_upgrade_means_before_the_generated_lists(site):
    article = parsed(site / "what-changed/index.html").select_one("article")
    headings = [_heading(h) for h in article.select("h2")]
    reader = next(i for i, h in enumerate(headings) if "means for your code" in h)
    generated = next(i for i, h in enumerate(headings) if "upgrade by upgrade" in h)
    assert reader < generated, headings


def test_what_changed_lists_each_upgrade_as_a_section_of_the_examples_list(site):
    """The list's introduction sat under "Coming next › Examples that break", and the
    contents showed each upgrade twice at one level: the list now has its own h2, with
    its introduction under it, and each upgrade is an h3 of it."""
    article = parsed(site / "what-changed/index.html").select_one("article")
    upgrades = [h for h in article.select("h3") if "→" in _heading(h)]
    assert upgrades, "no upgrade in the list"
    for h3 in upgrades:
        assert "upgrade by upgrade" in _heading(h3.find_previous("h2")), _heading(h3)
    listed = article.find(string=re.compile("Below, newest upgrade first")).find_parent("p")
    assert "upgrade by upgrade" in _heading(listed.find_previous(["h2", "h3"]))
    # The opening says what happened to each framework, TensorFlow too.
    opening = article.select_one("h1 ~ p").get_text()
    assert "TensorFlow" in opening, opening
    # The diffs keep their lines, not git's line numbers.
    assert not article.find(string=re.compile(r"^@@ ")), "a hunk header is shown"


def test_the_home_page_says_what_the_article_is(site):
    text = " ".join(parsed(site / "index.html").select_one("article").get_text(" ").split())
    assert re.search(r'typical "TensorFlow or PyTorch\?" article of the early 2020s', text)
    conclusion = parsed(site / "index.html").select_one(
        "article a[href^='conclusion/#every-claim']")
    assert conclusion is not None, "the home page does not point at the claims"


# Ways the hand-written pages once named the text the site checks; they call it "the classic
# comparison", which the home page introduces. What changed is generated, and about upgrades.
OTHER_NAMES = re.compile(r"\b(?:the article|source article|classic article|old comparison|"
                         r"article this site (?:mirrors|follows)|comparison this site)\b",
                         re.IGNORECASE)
# A link whose text does not say where it goes ("[how](verified.md)").
VAGUE_LINK = re.compile(r"\[(?:how|here|link|this)\]\(", re.IGNORECASE)


def _hand_written_lines():
    pages = [p for p in sorted((ROOT / "docs").rglob("*.md")) if p.name != "what-changed.md"]
    assert len(pages) >= 15, pages
    for page in pages:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            yield f"{page.relative_to(ROOT)}:{number}", line


def test_the_hand_written_pages_name_the_classic_comparison_one_way():
    found = [f"{where}: {m[0]!r}" for where, line in _hand_written_lines()
             for m in OTHER_NAMES.finditer(line)]
    assert not found, "call it the classic comparison:\n" + "\n".join(found)


def test_no_hand_written_link_hides_where_it_goes():
    found = [f"{where}: {m[0]!r}" for where, line in _hand_written_lines()
             for m in VAGUE_LINK.finditer(line)]
    assert not found, "say where the link goes:\n" + "\n".join(found)


def test_the_home_page_puts_start_here_under_the_verdict_and_introduces_the_classic_comparison(
        site):
    article = parsed(site / "index.html").select_one("article")
    verdict = article.select_one("h1 ~ p")
    after = verdict.find_next_sibling()
    assert after.name == "h2" and after.get("id") == "start-here", after
    heading = article.select_one("h2#the-classic-comparison")
    assert heading is not None and "the classic comparison" in \
        heading.find_next_sibling("p").get_text(), "the home page does not introduce it"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_claim_statuses_are_chips_with_text_readable_in_both_schemes(browser, served, scheme):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(served + "conclusion/", wait_until="networkidle")
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    chips = page.evaluate(CHIP_CONTRAST)
    page.context.close()
    texts = {chip["text"] for chip in chips}
    assert {"holds", "partly", "outdated", "not measured here"} <= texts, texts
    assert len(chips) >= 56, "one chip per claim"
    for verdict in VERDICTS:  # each verdict has colours of its own
        assert any(verdict.replace(" ", "-") in chip["cls"] for chip in chips), verdict
    backgrounds = {chip["text"]: chip["background"] for chip in chips}
    assert len(set(backgrounds.values())) == 4, backgrounds
    low = [chip for chip in chips if chip["ratio"] < 4.5]
    assert not low, low[:3]


# ------------------------------------------------------------------ the digits walkthrough

WALKTHROUGH = "walkthroughs/"


def test_every_step_of_the_walkthrough_shows_both_frameworks_in_linked_tabs(site):
    article = parsed(site / WALKTHROUGH / "index.html").select_one("article")
    steps = article.select(".walkthrough-step")
    titles = [s.find_previous("h2").get_text(" ", strip=True).rstrip(" ¶") for s in steps]
    assert [t for t in titles if re.match(r"\d\.", t)] == [
        "1. The data", "2. The model", "3. Training", "4. Evaluation", "5. Export",
        "6. Reload", "7. Prediction"], titles
    for step, title in zip(steps, titles, strict=True):
        labels = [label.get_text(strip=True) for label in step.select(".tabbed-labels label")]
        assert labels == ["PyTorch", "TensorFlow"], (title, labels)
        for block in step.select(".tabbed-block") if re.match(r"\d\.", title) else []:
            assert block.select("pre code"), f"{title}: a tab without code"
    text = article.get_text()
    assert "nn.Sequential" in text and "keras.Sequential" in text
    assert "model.fit" in text and "loss.backward()" in text
    assert "In [" not in text and "Copied!" not in text


def test_the_walkthrough_shows_the_executed_output_and_pictures_with_real_alt_text(site):
    article = parsed(site / WALKTHROUGH / "index.html").select_one("article")
    outputs = article.select(".walkthrough-step .output")
    assert len(outputs) >= 14, "each framework's printed output, step by step"
    assert any("validation accuracy" in o.get_text() for o in outputs)
    images = article.select(".walkthrough-step img")
    assert len(images) == 4, "two pictures in each framework"
    alts = [img["alt"] for img in images]
    assert all(img["src"].startswith("data:image/png;base64,") for img in images)
    assert sum("each digit" in alt for alt in alts) == 2, alts
    assert sum("confusion matrix of the test set" in alt.lower() for alt in alts) == 2, alts
    assert not [a for a in alts if "No description" in a or len(a.split()) < 5], alts


def test_the_walkthrough_links_the_notebooks(site):
    article = parsed(site / WALKTHROUGH / "index.html").select_one("article")
    links = {a["href"] for a in article.select("a[href]") if "the notebook" in a.get_text()}
    assert links == {"digits_pytorch/", "digits_tensorflow/"}, links


def test_a_pictures_caption_says_what_it_shows(site):
    """"graph.svg, written by the code above" named a file; the caption says what the
    picture's own title says it shows, as its alt text does, and names no file."""
    figures = parsed(site / "graphs/index.html").select("figure.compare-figure")
    assert len(figures) >= 2
    for figure in figures:
        alt, caption = figure.img["alt"], figure.figcaption.get_text()
        assert caption == alt and ".svg" not in caption, (alt, caption)
    assert any("torch.export" in f.img["alt"] for f in figures)


def test_what_changed_folds_each_difference_under_a_line_that_says_its_size(site):
    """The page read as a log: every diff open, screen after screen. Each example's
    difference now opens from one line ("The difference, 4 lines"), so the page reads as
    a list of what changed."""
    article = parsed(site / "what-changed/index.html").select_one("article")
    diffs = [pre for pre in article.select("pre") if pre.select(".gd, .gi")]
    assert len(diffs) >= 4
    for diff in diffs:
        summary = diff.find_parent("details").summary.get_text(" ", strip=True)
        assert re.fullmatch(r"The difference, \d+ lines?", summary), summary


def test_a_notebook_page_ends_by_leading_back_to_the_walkthrough(site):
    """The notebook pages are out of the navigation's order and ended in a dead end: each
    now ends with a link to the walkthrough, where both frameworks take each step."""
    for name in ("digits_pytorch", "digits_tensorflow"):
        article = parsed(site / WALKTHROUGH / name / "index.html").select_one("article")
        last = article.select("p")[-1]
        assert "compare-way-on" in last.get("class", []), last
        assert last.a["href"] == "../", last
