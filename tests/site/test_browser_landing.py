"""Links into a page land on their target, measured in Chromium: a deep link, a click in the
table of contents, back and forward leave the heading at the top of the window, under the
header, although the examples above it skip their layout until near the screen
(content-visibility in compare.css; compare.js lays out those above the target).

Like tests/site/test_browser_reading.py, these skip without Chromium and fail under CI=true.
"""

from __future__ import annotations

import pytest

# Far down their pages, below many examples (on Building, 7 of 12 sections landed 357 to
# 1,347 px off at 1280 px, and about 2,000 px at 390).
BUILDING = ["a-training-loop", "training-agrees-the-gradients-one-step-five-steps",
            "saving-and-loading-weights", "scaling-out-two-processes-one-gradient"]
DEEP_LINKS = [("building/", heading) for heading in BUILDING] + [
    ("graphs/", "python-control-flow-inside-a-graph")]
UNDER_THE_HEADER = range(0, 151)  # px from the window's top: the header is about 50

# The heading's top in the window, once the page has settled: two frames, and a while
# for what loads late.
SETTLED_TOP = """
async id => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await new Promise(done => setTimeout(done, 300));
  return Math.round(document.getElementById(id).getBoundingClientRect().top);
}
"""

VIEWPORTS = {1280: 900, 390: 844}


def _page(browser, width):
    return browser.new_context(viewport={"width": width, "height": VIEWPORTS[width]}).new_page()


@pytest.mark.parametrize("width", VIEWPORTS)
def test_a_deep_link_lands_on_its_heading(browser, served, width):
    missed = []
    for path, heading in DEEP_LINKS:
        page = _page(browser, width)
        page.goto(f"{served}{path}#{heading}", wait_until="load")
        if (top := page.evaluate(SETTLED_TOP, heading)) not in UNDER_THE_HEADER:
            missed.append(f"/{path}#{heading}: the heading is {top} px from the top")
        page.context.close()
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("width", VIEWPORTS)
def test_the_table_of_contents_back_and_forward_land_on_their_heading(browser, served,
                                                                      width):
    """From the top of Building, each entry of its table of contents in turn (a click at
    1280 px, where the contents stand beside the page; at 390 they are in the menu, and the
    link is followed as a tap there would), then back and forward."""
    page = _page(browser, width)
    page.goto(served + "building/", wait_until="load")
    missed = []

    def check(heading, how):
        if (top := page.evaluate(SETTLED_TOP, heading)) not in UNDER_THE_HEADER:
            missed.append(f"{how} #{heading}: the heading is {top} px from the top")

    for heading in reversed(BUILDING):  # the farthest first, from the top of the page
        link = page.locator(f'.md-sidebar--secondary a[href="#{heading}"]')
        if width >= 1280:
            link.click()
        else:
            link.evaluate("link => link.click()")
        check(heading, "contents")
    page.go_back()
    check(BUILDING[1], "back to")
    page.go_forward()
    check(BUILDING[0], "forward to")
    page.context.close()
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("width", VIEWPORTS)
def test_back_to_top_does_not_cover_the_heading_landed_on(browser, served, width):
    """The landing's last correction is often upward, which Material takes for the reader
    scrolling up: its "Back to top" button then sat over the heading just landed on. It
    stays hidden until the reader scrolls, and works as before after that."""
    page = _page(browser, width)
    page.goto(served + "building/#a-training-loop", wait_until="networkidle")
    page.evaluate(SETTLED_TOP, "a-training-loop")
    shown = "() => getComputedStyle(document.querySelector('.md-top')).visibility"
    landed = page.evaluate(shown)
    page.mouse.wheel(0, -600)  # the reader scrolls up: Material offers the button
    page.wait_for_function("() => !document.querySelector('.md-top').hidden")
    after = page.evaluate(shown)
    page.context.close()
    assert (landed, after) == ("hidden", "visible")
