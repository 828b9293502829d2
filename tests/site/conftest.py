"""Fixtures of the built site's own tests: the offline copy, and one browser pass over
every page (the site itself, the browser and the server are shared: tests/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import PAGE_WEIGHTS, _built, _shared_folder, page_weight_module, shared


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if table := config.stash.get(PAGE_WEIGHTS, None):
        terminalreporter.section("page weight: the heaviest pages, first visit")
        terminalreporter.write_line(table)



@pytest.fixture(scope="session")
def offline_site(tmp_path_factory, project) -> Path:
    """`make offline`: the copy that opens from the file system."""
    status, log = shared(tmp_path_factory, "offline",
                         lambda f: _built(project.root, f, offline=True))
    assert status == 0, log
    return _shared_folder(tmp_path_factory, "offline") / "site"



@dataclass
class Visit:
    """What one visit of a page showed."""

    errors: list[str] = field(default_factory=list)  # console errors, uncaught exceptions
    outside: list[str] = field(default_factory=list)  # requests that left 127.0.0.1
    weight: object = None  # page_weight.PageWeight of this first visit
    axe: dict[str, list] = field(default_factory=dict)  # scheme -> axe-core's violations



def _axe_script() -> str:
    """axe-core, as vendored by the axe-playwright-python wheel: nothing downloads."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()



@pytest.fixture(scope="session")
def browsed(browser, served, pages) -> dict[str, Visit]:
    """One pass over the pages. Each page loads as a first visit in a light system scheme:
    its console errors, its requests and the bytes they transferred are collected, then
    axe-core runs; then it loads in a dark one (the palette follows the system until the
    reader picks one), where console errors are collected again and axe-core runs."""
    weigh, axe = page_weight_module().weigh, _axe_script()
    visits = {}
    for path in pages:
        visit, finished = Visit(), []
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            page = context.new_page()
            page.on("console", lambda m, v=visit, p=page: m.type == "error"
                    and v.errors.append(f"{p.url}: {m.text}"))
            page.on("pageerror", lambda e, v=visit, p=page: v.errors.append(f"{p.url}: {e}"))
            page.on("request", lambda r, v=visit, p=page: urlparse(r.url).hostname not in (
                "127.0.0.1", None) and not r.url.startswith("data:")
                and v.outside.append(f"{p.url} -> {r.url}"))
            if scheme == "light":
                page.on("requestfinished", lambda r, sink=finished: sink.append(r))
            page.goto(served + path, wait_until="networkidle")
            if scheme == "light":
                visit.weight = weigh(path, list(finished))
            # axe finds a text's background by hit-testing, which skips what the browser has
            # not laid out (examples far off screen, content-visibility: auto): lay out all.
            page.add_style_tag(content=".compare .tabbed-content { content-visibility: "
                                       "visible !important }")
            # A colour still in its transition to the scheme's (a slow core) is no colour
            # a reader reads: let every animation end first.
            page.evaluate("""async () => { await Promise.all(document.getAnimations()
                .map(animation => animation.finished.catch(() => null))); }""")
            page.evaluate(axe)
            visit.axe[scheme] = page.evaluate(
                "async () => (await axe.run(document)).violations")
            context.close()
        visits[path] = visit
    return visits

