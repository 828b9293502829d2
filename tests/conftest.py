"""Fixtures and helpers for the whole suite: the real project, small throwaway projects for
the engine's own tests, the built site (built once, even across pytest-xdist's workers),
its pages parsed once, and one browser pass over every page.

tests/engine tests the engine on throwaway projects, tests/content the site's own snippets,
pages, claims and notebooks, tests/site the built HTML and the browser.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import importlib.util
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from livecompare.project import Project

ROOT = Path(__file__).resolve().parent.parent


PAGE_WEIGHTS = pytest.StashKey[str]()  # set by the page-weight test in test_browser.py


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if table := config.stash.get(PAGE_WEIGHTS, None):
        terminalreporter.section("page weight: the heaviest pages, first visit")
        terminalreporter.write_line(table)


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


class TinyProject:
    """A project in a temporary folder, written file by file from a test."""

    def __init__(self, root: Path):
        self.root = root
        (root / "snippets").mkdir()
        (root / "docs").mkdir()
        self.project = Project(root)

    # Every pair must declare `compare-agree` or `compare-differs`; a snippet a test writes
    # without either gets this last line, so tests of other things need not say it. A test
    # of the declarations themselves writes with declare=False.
    DIFFERS = "# compare-differs: a throwaway pair of a test\n"

    def write(self, relative: str, text: str, declare: bool = True) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = textwrap.dedent(text).lstrip("\n")
        if (declare and relative.startswith("snippets/") and relative.endswith(".py")
                and "# compare-agree:" not in text and "# compare-differs:" not in text):
            text += ("" if text.endswith("\n") or not text else "\n") + self.DIFFERS
        path.write_text(text, encoding="utf-8")
        return path

    def pair(self, name: str, torch_code: str = "print(1)\n", tf_code: str = "print(1)\n",
             declare: bool = True):
        section, slug = name.split("/")
        self.write(f"snippets/{section}/{slug}_torch.py", torch_code, declare)
        self.write(f"snippets/{section}/{slug}_tf.py", tf_code, declare)

    def page(self, relative: str, text: str) -> Path:
        return self.write(f"docs/{relative}", text)

    def cli(self, *args: str) -> int:
        """`python -m livecompare ARGS` on this project, in this process."""
        from livecompare.commands.cli import main

        return main(["--root", str(self.root), *args])


@pytest.fixture
def tiny(tmp_path) -> TinyProject:
    return TinyProject(tmp_path)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """A TMPDIR of the test's own, to see what the engine leaves behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def record_dir():
    """A folder where a test's snippet may write what it started: the sandbox lets a snippet
    write below /dev (for /dev/shm) and its own folders, nowhere else."""
    folder = Path(tempfile.mkdtemp(prefix="livecompare-test-", dir="/dev/shm"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def plain_runtimes(monkeypatch):
    """Every framework's snippets run in the plain-Python worker: the engine's own tests
    need no framework installed."""
    import dataclasses

    from livecompare.frameworks import FRAMEWORKS

    for key, framework in list(FRAMEWORKS.items()):
        monkeypatch.setitem(FRAMEWORKS, key, dataclasses.replace(framework, runtime="none"))


def copy_site(target: Path) -> Path:
    """A copy of the real site's sources, safe to break."""
    target.mkdir()
    for name in ("docs", "snippets", "hooks", "overrides", "src", "benchmarks", "requirements"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "node").mkdir()  # the npm pins, which page notebooks read; not the packages
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / "node" / name, target / "node" / name)
    return target


@dataclass
class Broken:
    log: str  # what the failed build printed
    faults: dict  # which example or line each fault hit


@pytest.fixture(scope="session")
def broken(tmp_path_factory) -> Broken:
    """One copy of the site with every fault below at once, built once: the build must
    fail, and its log must name each fault with its page and line. The hook also tries to
    import a framework and to reach the network once the pages are built, so that both
    guards are seen to work in the same build."""
    return shared(tmp_path_factory, "broken", _break_and_build)


def _break_and_build(tmp: Path) -> Broken:
    from livecompare.discovery.pages import scan_pages
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



# Imported first by the build: any import of a framework, or any connection beyond this
# machine, fails it, proving that reading the site needs neither (`make serve` offline).
NO_FRAMEWORKS = """
import socket
import sys

_connect = socket.socket.connect

def local_only(sock, address):
    if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
        raise OSError(f"the docs build tried to connect to {address[0]}")
    return _connect(sock, address)

socket.socket.connect = local_only

class NoFrameworks:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"torch", "tensorflow", "keras"}:
            raise ImportError(f"{name} imported while building the docs")
        return None

sys.meta_path.insert(0, NoFrameworks())
"""


def build(source: Path, target: Path, tmp: Path, offline: bool = False,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    blocker = tmp / "blocker"
    blocker.mkdir(exist_ok=True)
    (blocker / "sitecustomize.py").write_text(NO_FRAMEWORKS)
    # The caller's PYTHONPATH after the blocker: a worktree that puts its own src first
    # builds with its own engine, not the one the shared venv's editable install names.
    paths = os.pathsep.join([str(blocker), *filter(None, [os.environ.get("PYTHONPATH")])])
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(source / "mkdocs.yml"),
         "-d", str(target)],
        capture_output=True, text=True, cwd=source,
        # The engine of the site being built (a worktree's own src/, not the one the
        # virtual environment's editable install points at).
        env={"PYTHONPATH": os.pathsep.join([paths, str(source / "src")]),
             "PATH": "/usr/bin", "NO_MKDOCS_2_WARNING": "1",
             "OFFLINE": "true" if offline else "false", **(env or {})})


def shared(tmp_path_factory, name: str, make):
    """make(folder), once for the whole run: pytest-xdist's workers share one base folder,
    so the first to ask makes it under a lock and the others reuse what it left (a
    pickled result), instead of each building the site again."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder every worker's base folder sits in
    folder = root / f"shared-{name}"
    done = folder / "result.pickle"
    folder.mkdir(exist_ok=True)
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            done.write_bytes(pickle.dumps(make(folder)))
    return pickle.loads(done.read_bytes())


def _built(source: Path, folder: Path, **options) -> tuple[int, str]:
    result = build(source, folder / "site", folder, **options)
    return result.returncode, result.stderr


@pytest.fixture(scope="session")
def site(tmp_path_factory, project) -> Path:
    status, log = shared(tmp_path_factory, "site", lambda f: _built(project.root, f))
    assert status == 0, log
    return _shared_folder(tmp_path_factory, "site") / "site"


@pytest.fixture(scope="session")
def site_with_repo(tmp_path_factory, project) -> Path:
    """The site as the deploy job builds it: it knows its repository and address."""
    env = {"REPO_URL": "https://github.com/example/livecompare", "EDIT_URI": "edit/main/docs/",
           "SITE_URL": "https://example.github.io/livecompare/"}
    status, log = shared(tmp_path_factory, "site-with-repo",
                         lambda f: _built(project.root, f, env=env))
    assert status == 0, log
    return _shared_folder(tmp_path_factory, "site-with-repo") / "site"


def _shared_folder(tmp_path_factory, name: str) -> Path:
    root = tmp_path_factory.getbasetemp()
    return (root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root) / f"shared-{name}"


@functools.cache
def parsed(path: Path):
    """A built page's HTML, parsed once however many tests read it (never change it)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory, project) -> Path:
    """`make offline`: the copy that opens from the file system."""
    status, log = shared(tmp_path_factory, "offline",
                         lambda f: _built(project.root, f, offline=True))
    assert status == 0, log
    return _shared_folder(tmp_path_factory, "offline") / "site"


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


@pytest.fixture(scope="session")
def served(site) -> str:
    """The built site on 127.0.0.1, on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def pages(site) -> list[str]:
    """Every page of the site as a path below the root: '', 'graphs/', ..."""
    found = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted("" if p == "." else p + "/" for p in found)


def page_weight_module():
    path = ROOT / "benchmarks/page_weight.py"
    spec = importlib.util.spec_from_file_location("page_weight", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


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
            page.evaluate(axe)
            visit.axe[scheme] = page.evaluate(
                "async () => (await axe.run(document)).violations")
            context.close()
        visits[path] = visit
    return visits
