"""The decision helper on decision/, in Debian's Chromium driven by Playwright.

It uses the browser fixtures of conftest.py: without Chromium these tests skip, and
under CI=true they fail instead.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

PAGE = "decision/"
RESEARCH = {"speed": 3, "debugging": 3, "research": 3, "papers": 3, "learning": 3}
PRODUCTION = {"deployment": 3, "serving": 3, "mobile": 3, "tpu": 3}

SET_WEIGHTS = """
weights => {
  for (const slider of document.querySelectorAll('#decision-helper input[type=range]')) {
    slider.value = String(weights[slider.dataset.criterion] ?? 0);
    slider.dispatchEvent(new Event('input', {bubbles: true}));
  }
}
"""


@pytest.fixture
def helper(browser, served):
    """The decision page, with every console error and uncaught exception collected."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + PAGE, wait_until="networkidle")
    yield page, errors
    context.close()


def _verdict(page) -> str:
    return page.locator("#decision-helper .decision-verdict").text_content().strip()


def _weigh(page, weights: dict[str, int]) -> str:
    page.evaluate(SET_WEIGHTS, weights)
    return _verdict(page)


def test_every_slider_reads_a_row_of_the_table_and_the_row_shows_its_numbers(helper):
    page, errors = helper
    rows = page.evaluate("""() => [...document.querySelectorAll('.decision-fit')].map(s => ({
        criterion: s.dataset.criterion, pytorch: s.dataset.pytorch,
        tensorflow: s.dataset.tensorflow, text: s.textContent.trim(),
        evidence: s.closest('tr').lastElementChild.querySelectorAll('a[href]').length}))""")
    sliders = page.evaluate("""() => [...document.querySelectorAll(
        '#decision-helper input[type=range]')].map(s => ({criterion: s.dataset.criterion,
        labels: s.labels.length, label: s.labels[0]?.textContent.trim()}))""")
    assert len(rows) == 10
    assert sorted(r["criterion"] for r in rows) == sorted(s["criterion"] for s in sliders)
    for row in rows:
        assert row["text"] == f"{row['pytorch']} / {row['tensorflow']}", row
        assert row["evidence"] >= 1, f"{row['criterion']} links no evidence"
    assert all(s["labels"] == 1 and s["label"] for s in sliders), sliders
    assert not errors, errors


def test_the_verdict_follows_the_weights(helper):
    page, errors = helper
    assert page.locator("#decision-helper form").is_visible()
    assert page.locator("#decision-helper [aria-live=polite]").count() == 1
    assert _verdict(page), "no verdict on load"

    research = _weigh(page, RESEARCH)
    assert research.startswith("PyTorch"), research
    production = _weigh(page, PRODUCTION)
    assert production.startswith("TensorFlow"), production
    # Enterprise scores the same for both: the helper must not invent a winner.
    tie = _weigh(page, {"enterprise": 3})
    assert tie.startswith("Either") and "team experience" in tie, tie
    assert "Nothing to weigh" in _weigh(page, {})
    assert not errors, errors


# Someone shipping an app to phones who also serves the model: devices matter most, then
# getting a model out at all, then a model server.
MOBILE = {"mobile": 3, "deployment": 2, "serving": 1}


def test_a_mobile_profile_counts_the_deployment_fact_once_and_agrees_with_deployment(helper):
    """Deployment, serving and mobile rest on one fact. Counted three times, a mobile app got
    a decisive TensorFlow win whose reasons all cited the Deployment page, which concludes
    that devices are no longer TensorFlow's alone. Counted through the heaviest member only,
    the bars read PyTorch 21 of 21 and TensorFlow's lead on deployment was lost. The group
    counts once, at its heaviest member's weight, its fits averaged by the reader's weights:
    PyTorch (3*3 + 2*2 + 1*2) / 6 = 2.5, TensorFlow (3*3 + 2*3 + 1*3) / 6 = 3."""
    page, errors = helper
    # Phones alone: "no longer TensorFlow territory", the Deployment page says.
    phones = _weigh(page, {"mobile": 3})
    assert phones == ("Either framework: none of the criteria you weighted separates them. "
                      "Pick by team experience."), phones
    # Phones first, then a model server: the server is where TensorFlow keeps the shorter
    # path, so TensorFlow is ahead, on one reason, not three.
    verdict = _weigh(page, MOBILE)
    totals = page.locator("#decision-helper .decision-total-value").all_text_contents()
    assert totals == ["7.5 of 9", "9 of 9"], totals
    assert verdict.startswith("TensorFlow fits better, by 1.5 points out of a possible 9"), verdict
    reasons = page.locator("#decision-helper .decision-why li").all_text_contents()
    assert len(reasons) == 1, reasons
    assert reasons[0].startswith("Production deployment, Mature serving infrastructure and "
                                 "Mobile and edge devices (essential, counted once): "
                                 "TensorFlow 3 against PyTorch 2.5, 1.5 points"), reasons
    # Its evidence names each section once: all three links read "Production deployment".
    links = page.locator("#decision-helper .decision-why li a").all_text_contents()
    assert len(links) == 3 and len(set(links)) == 3, links
    merged = page.locator("#decision-helper .decision-merged")
    assert merged.is_visible()
    text = merged.text_content()
    assert "count once, as essential" in text and "PyTorch 2.5, TensorFlow 3." in text, text
    # What the Deployment page says of devices is what the helper answers.
    deployment = page.request.get(urljoin(page.url, "../deployment/")).text()
    assert "no longer TensorFlow" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", deployment))
    assert not errors, errors


# The same reader, who left the other criteria at the form's "nice to have".
MOBILE_AS_SET = {**MOBILE, "speed": 1, "debugging": 1, "learning": 1, "enterprise": 1}


def test_a_mobile_profile_hears_that_its_essential_criterion_is_a_tie(helper):
    """Readers got "PyTorch leans ahead, by 2 points out of a possible 21" from two rows
    that only mattered "nice to have", while the one criterion they marked essential, a
    tie, went unmentioned. A gap of a tenth of the total is too close to call (the page
    promises to say so), and the answer names the essential criterion that ties."""
    page, errors = helper
    verdict = _weigh(page, MOBILE_AS_SET)
    totals = page.locator("#decision-helper .decision-total-value").all_text_contents()
    # Speed and learning give PyTorch 2 points; the deployment group gives TensorFlow 1.5.
    assert totals == ["19.5 of 21", "19 of 21"], totals
    assert verdict == ("Either framework: the totals are only 0.5 points apart. "
                       "Pick by team experience."), verdict
    reasons = page.locator("#decision-helper .decision-why li").all_text_contents()
    assert any("TensorFlow 3 against PyTorch 2.5" in r for r in reasons), reasons
    # Mobile alone is essential and scores 3 for both: the answer says it is a tie.
    verdict = _weigh(page, {**MOBILE_AS_SET, "deployment": 0, "serving": 0})
    assert verdict == ("Either framework: the totals are only 2 points apart. Your essential "
                       "criterion, Mobile and edge devices, is a tie: 3 each, so it does not "
                       "separate the two. Pick by team experience."), verdict
    # Weighed above the rest without being essential, it is the criterion weighed most.
    verdict = _weigh(page, {**MOBILE_AS_SET, "mobile": 2, "deployment": 0, "serving": 0,
                            "speed": 2})
    assert "Of your most important criteria, Mobile and edge devices is a tie" in verdict, \
        verdict
    # A profile weighed all alike has no criterion above the others to speak of.
    assert "a tie" not in _weigh(page, dict.fromkeys(MOBILE_AS_SET, 1))
    assert not errors, errors


def test_sliders_work_from_the_keyboard_and_say_their_level(helper):
    page, errors = helper
    slider = page.locator("#decision-w-serving")
    output = page.locator('output[for="decision-w-serving"]')
    slider.focus()
    page.keyboard.press("End")
    assert slider.input_value() == "3"
    assert output.text_content() == "essential"
    assert slider.get_attribute("aria-valuetext") == "essential"
    page.keyboard.press("Home")
    assert output.text_content() == "doesn't matter"
    assert not errors, errors


def test_the_why_list_links_resolve_to_pages_of_the_site(helper, served):
    page, errors = helper
    checked = set()
    for weights in (RESEARCH, PRODUCTION):
        _weigh(page, weights)
        items = page.locator("#decision-helper .decision-why li")
        assert 1 <= items.count() <= 3
        winner = _verdict(page).split()[0]
        for text in items.all_text_contents():
            assert f"for {winner}" in text, (winner, text)
        hrefs = page.eval_on_selector_all(
            "#decision-helper .decision-why a, #decision-helper .decision-against a",
            "links => links.map(a => a.href)")
        assert hrefs, "the why list links no evidence"
        checked.update(hrefs)
    for href in sorted(checked):
        url, fragment = urldefrag(href)
        assert url.startswith(served) and urlparse(url).path != urlparse(served + PAGE).path, href
        response = page.request.get(url)
        assert response.ok, f"{href}: HTTP {response.status}"
        if fragment:
            assert re.search(rf'id="{re.escape(fragment)}"', response.text()), f"no #{fragment}"
    assert not errors, errors


def test_the_script_leaves_other_pages_alone(browser, served):
    page = browser.new_context().new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(urljoin(served, "graphs/"), wait_until="networkidle")
    assert page.locator("#decision-helper").count() == 0
    assert not errors, errors
    page.context.close()
