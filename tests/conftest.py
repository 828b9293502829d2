"""Fixtures: the real project, and small throwaway projects for the engine's own tests."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

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

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def pair(self, name: str, torch_code: str = "print(1)\n", tf_code: str = "print(1)\n"):
        section, slug = name.split("/")
        self.write(f"snippets/{section}/{slug}_torch.py", torch_code)
        self.write(f"snippets/{section}/{slug}_tf.py", tf_code)

    def page(self, relative: str, text: str) -> Path:
        return self.write(f"docs/{relative}", text)


@pytest.fixture
def tiny(tmp_path) -> TinyProject:
    return TinyProject(tmp_path)


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A copy of the real site's sources, safe to break."""
    target = tmp_path / "site-src"
    target.mkdir()
    for name in ("docs", "snippets", "hooks", "overrides", "src", "benchmarks"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


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
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(source / "mkdocs.yml"),
         "-d", str(target)],
        capture_output=True, text=True, cwd=source,
        env={"PYTHONPATH": str(blocker), "PATH": "/usr/bin", "NO_MKDOCS_2_WARNING": "1",
             "OFFLINE": "true" if offline else "false", **(env or {})})


@pytest.fixture(scope="session")
def site(tmp_path_factory, project) -> Path:
    tmp = tmp_path_factory.mktemp("site")
    result = build(project.root, tmp / "site", tmp)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory, project) -> Path:
    """`make offline`: the copy that opens from the file system."""
    tmp = tmp_path_factory.mktemp("offline")
    result = build(project.root, tmp / "site", tmp, offline=True)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


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
