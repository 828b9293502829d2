"""Fixtures shared by the whole suite: the real project, small throwaway projects for the
engine's own tests, the built site (built once, even across pytest-xdist's workers) and a
browser with the site served. A folder's own fixtures are in its own conftest.py; the
helpers the tests import are in helpers.py.

The tests are in folders by the engine's areas (tests/discovery, tests/runner, tests/store,
tests/rendering for the site's Markdown, tests/commands), tests/project for lint, layout,
setup, the workflows and the CI scripts, tests/content for the site's own snippets, pages,
claims and notebooks, and tests/site for the built HTML and the browser.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import textwrap
import threading
from pathlib import Path

import pytest
from helpers import (
    ROOT,
    Broken,
    TinyProject,
    _built,
    _built_with_zensical,
    _shared_folder,
    build,
    copy_site,
    shared,
    use_run_in_process,
)

from livecompare.project import Project


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


def _frameworks_missing() -> list[str]:
    return [m for m in ("torch", "tensorflow") if importlib.util.find_spec(m) is None]


def pytest_runtest_setup(item):
    """Tests marked `frameworks` skip without torch/TensorFlow, but fail under CI=true."""
    if item.get_closest_marker("frameworks") and (missing := _frameworks_missing()):
        message = f"{', '.join(missing)} not installed; `make test` installs everything"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def tiny(tmp_path) -> TinyProject:
    return TinyProject(tmp_path)


@pytest.fixture
def plain_runtimes(monkeypatch):
    """Every framework's snippets run in the plain-Python worker: the engine's own tests
    need no framework installed."""
    import dataclasses

    from livecompare.frameworks import FRAMEWORKS

    for key, framework in list(FRAMEWORKS.items()):
        monkeypatch.setitem(FRAMEWORKS, key, dataclasses.replace(framework, runtime="none"))


@pytest.fixture
def in_process(monkeypatch):
    """`make outputs` and `make verify` run snippets in this process (helpers.py's
    run_in_process), for tests of what is done with the results, not of running them."""
    use_run_in_process(monkeypatch)


@pytest.fixture(scope="session")
def broken(tmp_path_factory) -> Broken:
    """One copy of the site with every fault below at once, built once: the build must
    fail, and its log must name each fault with its page and line. The hook also tries to
    import a framework and to reach the network once the pages are built, so that both
    guards are seen to work in the same build."""
    return shared(tmp_path_factory, "broken", _break_and_build)


def _break_and_build(tmp: Path) -> Broken:
    from livecompare.discovery.shortcodes import scan_pages
    from livecompare.project import Project
    from livecompare.site.checks import all_examples

    source = copy_site(tmp / "site-src")
    faults = {}
    page = source / "docs/graphs.md"  # a claim note naming no claim
    lines = page.read_text().splitlines()
    at = lines.index("## Eager by default")
    lines.insert(at, "<!-- claim: torchscrip -->\n")
    page.write_text("\n".join(lines) + "\n")
    faults["claim"] = at + 1
    project = Project(source)
    codes, _ = scan_pages(project, set(all_examples(project)))
    deleted, changed, missing = codes[0], codes[1], codes[2]
    for code, fault in ((deleted, "deleted"), (changed, "changed"), (missing, "missing")):
        faults[fault] = code
    section, slug = deleted.name.split("/")
    (source / f"snippets/{section}/{slug}_tf.out").unlink()
    unknown = source / codes[3].page
    unknown.write_text(unknown.read_text() + f"\n<!-- compare: {codes[3].name}x -->\n")
    faults["unknown"] = (codes[3], len(unknown.read_text().splitlines()))
    page = source / "docs/index.md"
    page.write_text(page.read_text() + "\n<!-- compar: graphs/x -->\n")
    faults["malformed"] = len(page.read_text().splitlines())
    section, slug = changed.name.split("/")
    path = source / f"snippets/{section}/{slug}_torch.py"
    path.write_text(path.read_text() + "\n# changed\n")
    (source / "snippets/graphs/lonely_tf.py").write_text("print(1)\n")
    (source / "snippets/graphs/unused_tf.py").write_text("print(1)\n")
    (source / "snippets/graphs/unused_torch.py").write_text("print(1)\n")
    section, slug = missing.name.split("/")
    (source / f"snippets/{section}/{slug}_torch.py").unlink()
    (source / f"snippets/{section}/{slug}_torch.out").unlink()
    hook = source / "hooks/compare_shortcodes.py"
    hook.write_text(hook.read_text() + textwrap.dedent("""
        import socket  # noqa: E402
        import sys  # noqa: E402


        def on_post_build(config, checks=on_post_build):  # noqa: F811
            checks(config)
            try:
                socket.create_connection(("192.0.2.1", 443), timeout=1)
            except OSError as error:
                print(error, file=sys.stderr)
            import torch  # noqa: F401
    """))
    result = build(source, tmp / "out", tmp)
    assert result.returncode != 0, "the build should have failed"
    return Broken(result.stderr, faults)


@pytest.fixture(scope="session")
def site(tmp_path_factory, project) -> Path:
    status, log = shared(tmp_path_factory, "site", lambda f: _built(project.root, f))
    assert status == 0, log
    return _shared_folder(tmp_path_factory, "site") / "site"


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The same site built by Zensical (`make build BUILDER=zensical`), which runs the
    Markdown extension but no MkDocs hook or plugin."""
    status, log = shared(tmp_path_factory, "zensical-site", _built_with_zensical)
    assert status == 0, log[-5000:]
    return _shared_folder(tmp_path_factory, "zensical-site") / "source/site"


@pytest.fixture(scope="session")
def site_with_repo(tmp_path_factory, project) -> Path:
    """The site as the deploy job builds it: it knows its repository and address."""
    env = {"REPO_URL": "https://github.com/example/livecompare", "EDIT_URI": "edit/main/docs/",
           "SITE_URL": "https://example.github.io/livecompare/"}
    status, log = shared(tmp_path_factory, "site-with-repo",
                         lambda f: _built(project.root, f, env=env))
    assert status == 0, log
    return _shared_folder(tmp_path_factory, "site-with-repo") / "site"


# ------------------------------------------------ the built site in a browser (shared)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# Quiet flags: without them Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def _missing_browser() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (make test installs it)"
    return None


@pytest.fixture(scope="session")
def browser():
    if reason := _missing_browser():
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(site: Path) -> str:
    """A built site on 127.0.0.1, on a free port, for the rest of the session."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def served(site) -> str:
    """The built site on 127.0.0.1, on a free port."""
    yield from _serve(site)


@pytest.fixture(scope="session")
def served_zensical(zensical_site) -> str:
    """Zensical's build of the site, served the same way."""
    yield from _serve(zensical_site)


@pytest.fixture(scope="session")
def pages(site) -> list[str]:
    """Every page of the site as a path below the root: '', 'graphs/', ..."""
    found = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted("" if p == "." else p + "/" for p in found)

