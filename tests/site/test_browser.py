"""The built site in a real browser: Debian's Chromium, driven by Playwright.

Without Chromium these tests skip with a message; under CI=true they fail instead. Every
page is visited once (conftest's `browsed`): its console errors, its requests, its weight
on a first visit and axe-core's findings in both colour schemes are collected then.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import PAGE_WEIGHTS, page_weight_module

from livecompare.discovery.discover import discover_examples

SELECTED_TABS = """
() => [...document.querySelectorAll('.compare .tabbed-set')].map(set => {
  const inputs = [...set.querySelectorAll(':scope > input')];
  const labels = set.querySelectorAll(':scope > .tabbed-labels > label');
  return labels[inputs.findIndex(input => input.checked)].textContent.trim();
})
"""


def _pages_with_examples(site: Path, pages: list[str]) -> list[str]:
    return [p for p in pages if 'class="compare"' in (site / p / "index.html").read_text()]


def test_choosing_tensorflow_switches_every_example_and_persists(browser, served, site, pages):
    first, second = _pages_with_examples(site, pages)[:2]
    page = browser.new_context().new_page()
    page.goto(served + first)
    assert set(page.evaluate(SELECTED_TABS)) == {"PyTorch"}
    page.locator(".compare .tabbed-labels label", has_text="TensorFlow").first.click()
    tabs = page.evaluate(SELECTED_TABS)
    assert len(tabs) >= 1 and set(tabs) == {"TensorFlow"}, f"{first}: {tabs}"
    page.goto(served + second)
    assert set(page.evaluate(SELECTED_TABS)) == {"TensorFlow"}, f"not kept on {second}"
    page.reload()
    assert set(page.evaluate(SELECTED_TABS)) == {"TensorFlow"}, "not kept after a reload"
    page.context.close()


@pytest.mark.xdist_group("browsed")  # one pass over the pages, on one worker
def test_no_console_error_and_no_request_leaves_the_machine(browsed):
    errors = [e for visit in browsed.values() for e in visit.errors]
    outside = [r for visit in browsed.values() for r in visit.outside]
    assert not errors, "\n".join(errors)
    assert not outside, "\n".join(outside)


def test_search_finds_an_api_name_and_opens_its_page(browser, served):
    page = browser.new_context().new_page()
    page.goto(served)
    page.locator("input.md-search__input").focus()
    page.keyboard.type("GradientTape", delay=20)  # Material searches on key events
    # Result links carry the query; wait for those of the whole word, not of a prefix.
    result = page.locator('.md-search-result__item a[href*="h=gradienttape"]').first
    result.wait_for(timeout=10_000)
    result.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path != "/"
    assert "GradientTape" in page.locator("article").text_content()
    page.context.close()


def test_the_copy_button_copies_the_code_of_the_selected_tab(browser, served, site, pages,
                                                              project):
    path = _pages_with_examples(site, pages)[0]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served + path)
    example = page.locator(".compare").first
    example.locator(".tabbed-labels label", has_text="TensorFlow").click()
    block = example.locator(".tabbed-block").nth(1)
    code = block.locator(".highlight:not(.output)").first
    code.hover()
    code.locator("button[data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    name = example.get_attribute("data-example")
    # The code as the page shows it: the engine's own lines (compare-options, -agree,
    # -differs) are hidden from the page, and so from what the button copies.
    expected = discover_examples(project)[0][name].snippets["tf"].display_source()
    assert copied.strip() == expected.strip()
    context.close()


@pytest.mark.xdist_group("browsed")  # one pass over the pages, on one worker
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browsed, scheme):
    """The palette follows the system's colour scheme until the reader picks one."""
    found = []
    for path, visit in browsed.items():
        for v in visit.axe[scheme]:
            if v["impact"] in ("serious", "critical"):
                targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
                found.append(f"/{path} [{scheme}] {v['id']} ({v['impact']}): {v['help']}; "
                             f"{len(v['nodes'])} nodes, e.g. {targets}")
    assert not found, "\n".join(found)


def test_the_offline_build_browses_and_searches_from_the_file_system(browser, offline_site):
    page = browser.new_context().new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("request", lambda r: not r.url.startswith(("file:", "data:", "blob:"))
            and errors.append(f"request leaves the file system: {r.url}"))
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".md-nav__link", has_text="Computational graphs").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/graphs.html") and page.locator(".compare").count() >= 1
    page.locator("input.md-search__input").focus()
    page.keyboard.type("GradientTape", delay=20)
    result = page.locator('.md-search-result__item a[href*="h=gradienttape"]').first
    result.wait_for(timeout=10_000)
    result.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://")
    assert "GradientTape" in page.locator("article").text_content()
    assert not errors, errors
    page.context.close()


@pytest.mark.xdist_group("browsed")  # one pass over the pages, on one worker
def test_every_page_is_under_the_weight_budget(browsed, request):
    """Transferred bytes on a first visit; the heaviest pages are printed after the run."""
    weight = page_weight_module()
    weights = sorted((visit.weight for visit in browsed.values()),
                     key=lambda w: w.transferred, reverse=True)
    assert len(weights) == len(browsed)
    request.config.stash[PAGE_WEIGHTS] = weight.report(weights, top=5)
    over = [w for w in weights if w.transferred > weight.BUDGET_BYTES]
    assert not over, "pages over the 1.5 MB budget:\n" + weight.report(over)


# Every change of <body>'s "switching" mark, recorded from the start of the page.
RECORD_SWITCHING_MARKS = """
window.__marks = [];
new MutationObserver(records => records.forEach(record =>
    window.__marks.push(record.target.hasAttribute('data-md-color-switching'))))
  .observe(document, {subtree: true, attributes: true,
                      attributeFilter: ['data-md-color-switching']});
"""


@pytest.mark.parametrize("system, shown", [("light", "default"), ("dark", "slate")])
def test_a_page_load_skips_the_palettes_restyle_unless_the_scheme_changes(browser, served,
                                                                          system, shown):
    """Material marks <body> while it applies the colour scheme, which restyles the whole
    page twice; on a load that keeps the page's scheme, overrides/main.html skips that.
    A first visit in a dark system scheme, and a reader's switch, still switch with it."""
    page = browser.new_context(color_scheme=system).new_page()
    page.add_init_script(RECORD_SWITCHING_MARKS)
    page.goto(served + "porting/", wait_until="networkidle")
    page.wait_for_timeout(300)  # Material removes its mark on a later task
    assert page.evaluate("document.body.dataset.mdColorScheme") == shown
    assert page.evaluate("window.__marks") == ([] if system == "light" else [True, False])
    page.evaluate("window.__marks = []")
    page.locator('[data-md-component="palette"] label:not([hidden])').click()
    page.wait_for_timeout(300)
    assert page.evaluate("document.body.dataset.mdColorScheme") != shown
    assert page.evaluate("window.__marks") == [True, False], "a reader's switch lost its mark"
    page.context.close()


SHOWN_CODE = """
() => [...document.querySelectorAll('.md-content pre > code')].filter(c => c.checkVisibility())
  .map(code => !!code.parentElement.querySelector('.md-code__nav'))
"""


def test_a_code_block_gets_its_copy_button_when_it_comes_into_view(browser, served):
    """Porting's 78 blocks are not all mounted on load (content.lazy, mkdocs.yml): one far
    down the page has no button until the reader scrolls to it."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(served + "porting/", wait_until="networkidle")
    buttons = page.evaluate(SHOWN_CODE)
    assert len(buttons) > 20 and not buttons[-1] and sum(buttons) < len(buttons) / 2
    # Shown: a block in a closed <details> (Porting's whole port_weights.py) has an
    # offsetParent in Chromium, but nothing to scroll to until the reader opens it.
    page.evaluate("""() => [...document.querySelectorAll('.md-content pre > code')]
                     .filter(c => c.checkVisibility()).pop().scrollIntoView()""")
    page.wait_for_function(f"({SHOWN_CODE})().pop()", timeout=5_000)
    page.context.close()
