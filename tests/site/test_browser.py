"""The built site in a real browser: Debian's Chromium, driven by Playwright.

Without Chromium these tests skip with a message; under CI=true they fail instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import PAGE_WEIGHTS, build

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


def test_no_console_error_and_no_request_leaves_the_machine(browser, served, pages):
    context = browser.new_context()
    page = context.new_page()
    errors, outside = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("request", lambda r: urlparse(r.url).hostname not in ("127.0.0.1", None)
            and not r.url.startswith("data:") and outside.append(f"{page.url} -> {r.url}"))
    for path in pages:
        page.goto(served + path, wait_until="networkidle")
    context.close()
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
    expected = (project.snippets_dir / f"{name}_tf.py").read_text()
    assert copied.strip() == expected.strip()
    context.close()


def _axe_script() -> str:
    """axe-core, as vendored by the axe-playwright-python wheel: nothing downloads."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser, served, pages, scheme):
    """The palette follows the system's colour scheme until the reader picks one."""
    page = browser.new_context(color_scheme=scheme).new_page()
    axe = _axe_script()
    found = []
    for path in pages:
        page.goto(served + path)
        page.evaluate(axe)
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        for v in violations:
            if v["impact"] in ("serious", "critical"):
                targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
                found.append(f"/{path} [{scheme}] {v['id']} ({v['impact']}): {v['help']}; "
                             f"{len(v['nodes'])} nodes, e.g. {targets}")
    page.context.close()
    assert not found, "\n".join(found)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory, project) -> Path:
    tmp = tmp_path_factory.mktemp("offline")
    result = build(project.root, tmp / "site", tmp, offline=True)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


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


def _page_weight_module():
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks/page_weight.py"
    spec = importlib.util.spec_from_file_location("page_weight", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_every_page_is_under_the_weight_budget(browser, served, pages, request):
    """Transferred bytes on a first visit; the heaviest pages are printed after the run."""
    weight = _page_weight_module()
    weights = weight.measure(browser, served, pages)
    request.config.stash[PAGE_WEIGHTS] = weight.report(weights, top=5)
    over = [w for w in weights if w.transferred > weight.BUDGET_BYTES]
    assert not over, "pages over the 1.5 MB budget:\n" + weight.report(over)
