"""How heavy each page of the built site is: bytes transferred and requests, in Chromium.

    .venv/bin/python benchmarks/page_weight.py [SITE_DIR]   (default: builds into a temp dir)

Each page loads in a fresh browser context (an empty cache, as a first visit), from the site
served on 127.0.0.1. Prints every page, heaviest first, and exits 1 if one is over the
budget. `make test` weighs the pages the same way (tests/site/test_browser.py) and prints
the largest.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BUDGET_BYTES = 1_500_000
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@dataclass(frozen=True)
class PageWeight:
    page: str  # '' for the home page, 'graphs/', ...
    transferred: int  # bytes: response bodies and headers
    requests: int


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def site_pages(site: Path) -> list[str]:
    found = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted("" if p == "." else p + "/" for p in found)


def weigh(page_path: str, finished: list) -> PageWeight:
    """What the finished requests of one cold load brought over the wire."""
    total = 0
    for request in finished:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return PageWeight(page_path, total, len(finished))


def measure(browser, base: str, pages: list[str]) -> list[PageWeight]:
    """Load each page cold and add up what came over the wire. (`make test` weighs the
    pages during its one browser pass, with `weigh`.)"""
    weights = []
    for page_path in pages:
        context = browser.new_context()
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request, sink=finished: sink.append(request))
        page.goto(base + page_path, wait_until="networkidle")
        weights.append(weigh(page_path, finished))
        context.close()
    return sorted(weights, key=lambda w: w.transferred, reverse=True)


def report(weights: list[PageWeight], top: int | None = None) -> str:
    lines = [f"{'page':28} {'transferred':>12} {'requests':>9}"]
    for w in weights[:top]:
        lines.append(f"{'/' + w.page:28} {w.transferred / 1000:>9.1f} kB {w.requests:>9}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(argv[1]) if len(argv) > 1 else Path(tmp) / "site"
        if len(argv) <= 1:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                            str(site)], cwd=ROOT, check=True)
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=["--no-sandbox", "--disable-gpu"])
            weights = measure(browser, base, site_pages(site))
            browser.close()
    print(report(weights))
    over = [w for w in weights if w.transferred > BUDGET_BYTES]
    print(f"\nbudget {BUDGET_BYTES / 1e6:.1f} MB per page: "
          + (f"{len(over)} over it" if over else "every page is under it"))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
