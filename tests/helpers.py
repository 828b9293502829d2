"""Plain helpers the tests import: the repository's root, throwaway projects, a strict
build with neither framework nor network, built pages parsed once.

Fixtures live in conftest.py files; helpers live here, because pytest loads one conftest.py
per folder under the same module name, so `from conftest import ...` would find whichever
folder's came last.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import importlib.util
import io
import os
import pickle
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from livecompare.project import FRAMEWORKS, Project, Snippet
from livecompare.runner import job
from livecompare.runner.results import RunResult
from livecompare.runner.run import run_snippets
from livecompare.runner.worker import installed_versions

ROOT = Path(__file__).resolve().parent.parent
PAGE_WEIGHTS = pytest.StashKey[str]()  # set by the page-weight test in test_browser.py


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



@dataclass
class Broken:
    """What the build of a broken copy of the site said (conftest.py's `broken`); here,
    not in a conftest.py, so that pickle finds the class again under one module name."""

    log: str  # what the failed build printed
    faults: dict  # which example or line each fault hit


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



def _guarded(source: Path, tmp: Path) -> dict[str, str]:
    """The environment of a build: NO_FRAMEWORKS first, then the engine."""
    blocker = tmp / "blocker"
    blocker.mkdir(exist_ok=True)
    (blocker / "sitecustomize.py").write_text(NO_FRAMEWORKS)
    # The caller's PYTHONPATH after the blocker: a worktree that puts its own src first
    # builds with its own engine, not the one the shared venv's editable install names.
    paths = os.pathsep.join([str(blocker), *filter(None, [os.environ.get("PYTHONPATH")])])
    # Then the engine of the site being built (a worktree's own src/, not the one the
    # virtual environment's editable install points at).
    return {"PYTHONPATH": os.pathsep.join([paths, str(source / "src")]), "PATH": "/usr/bin"}


def build(source: Path, target: Path, tmp: Path, offline: bool = False,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(source / "mkdocs.yml"),
         "-d", str(target)],
        capture_output=True, text=True, cwd=source,
        env={**_guarded(source, tmp), "NO_MKDOCS_2_WARNING": "1",
             "OFFLINE": "true" if offline else "false", **(env or {})})


def build_with_zensical(source: Path, tmp: Path) -> subprocess.CompletedProcess:
    """`zensical build --strict --clean` (as `make build BUILDER=zensical`), with the same
    guards: it writes the site into the project, source/site."""
    return subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "--clean"],
                          capture_output=True, text=True, cwd=source, timeout=600,
                          env={**_guarded(source, tmp), "OFFLINE": "false"})



@functools.cache
def parsed(path: Path):
    """A built page's HTML, parsed once however many tests read it (never change it)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")



def load_module(path: Path):
    """A Python file outside the packages (scripts/lint.py, benchmarks/page_weight.py),
    imported as a module named after the file."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def page_weight_module():
    return load_module(ROOT / "benchmarks/page_weight.py")



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


def _built_with_zensical(folder: Path) -> tuple[int, str]:
    """Zensical's build of a copy of the site: folder/source/site."""
    result = build_with_zensical(copy_site(folder / "source"), folder)
    return result.returncode, result.stdout + result.stderr


def _shared_folder(tmp_path_factory, name: str) -> Path:
    root = tmp_path_factory.getbasetemp()
    return (root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root) / f"shared-{name}"


# ------------------------------------------- throwaway projects run end to end (engine tests)


def make_dry_run(target: str) -> list[str]:
    """The commands `make TARGET` runs, its prerequisites' included, as make prints them
    without running any (`-n`), as if nothing were built yet (`-B`)."""
    # Under `make test` the environment says make is running already: a make started from
    # it would print "Entering directory" lines and take over its flags.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    result = subprocess.run(["make", "--no-print-directory", "-n", "-B", target], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.splitlines()


def run_cli(tiny, *args) -> int:
    return tiny.cli(*args)


def approved_pair(tiny, torch_code="print('torch', 1)\n", tf_code="print('tf', 1)\n"):
    """A pair on a page, with approved outputs, as after `make outputs`."""
    tiny.pair("s/one", torch_code, tf_code)
    tiny.page("index.md", "# Home\n\n<!-- compare: s/one -->\n")
    assert run_cli(tiny, "outputs") == 0


def problem_text(problems) -> str:
    return "\n".join(str(p) for p in problems)


def is_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_dead(pids, seconds=10.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(is_alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if is_alive(p)]


def pids_in(path: Path, seconds=20.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().endswith("\n"):
            return [int(x) for x in path.read_text().split()]
        time.sleep(0.05)
    raise AssertionError(f"{path} was never written")


def run_in_process(snippets, on_result=None, **_options) -> dict[str, RunResult]:
    """A stand-in for run_snippets where tests check what is done with results (approval,
    the manifest, outputs, agreement, figures), not the running: each snippet runs in this
    process, in a temporary working folder, with no worker, fork or sandbox. The agreed
    values, figures and traceback are collected by the worker's own code (job.py). Tests of
    running itself (isolation, timeouts, containment) keep the real runner."""
    results = {}
    for snippet in snippets:
        result = _run_here(snippet)
        results[snippet.key] = result
        if on_result:
            on_result(result)
    return results


def use_run_in_process(patch: pytest.MonkeyPatch) -> None:
    """`make outputs` and `make verify` run with run_in_process (conftest.py's in_process,
    or a wider fixture's own MonkeyPatch)."""
    from livecompare.commands import cli, outputs
    from livecompare.store import verify

    patch.setattr(cli, "approve", functools.partial(outputs.approve, runner=run_in_process))
    patch.setattr(verify, "run_snippets", run_in_process)


def _run_here(snippet) -> RunResult:
    versions = installed_versions(snippet.framework.runtime)
    if snippet.fault:  # as the real runner: say why it cannot run, run nothing
        return RunResult(snippet, error=f"{snippet.fault.message}\n",
                         error_line=snippet.fault.line, fix=snippet.fault.fix,
                         versions=versions, python=platform.python_version())
    path, source = str(snippet.path.resolve()), snippet.path.read_bytes()
    result = RunResult(snippet, versions=versions, python=platform.python_version(),
                       sha256=hashlib.sha256(source).hexdigest(),
                       timeout=snippet.options.timeout, memory=snippet.options.memory)
    namespace = {"__name__": "__main__", "__file__": path}
    printed, here = io.StringIO(), os.getcwd()
    with tempfile.TemporaryDirectory() as workdir:
        started = time.perf_counter()
        try:
            os.chdir(workdir)
            with contextlib.redirect_stdout(printed):
                try:
                    exec(compile(source, path, "exec", dont_inherit=True), namespace)
                except SystemExit as exc:
                    if exc.code not in (None, 0):
                        raise
            result.values = job._agreed_values(namespace, list(snippet.options.agree))
            result.figures = job._figures(workdir)
        except (Exception, SystemExit) as exc:  # the snippet's failure is its result
            result.error, result.error_line = job._snippet_traceback(exc, path)
        finally:
            os.chdir(here)
        result.seconds = time.perf_counter() - started
    result.stdout = printed.getvalue()
    return result


def run_one(tiny, code: str, slug: str = "x"):
    """Run one plain snippet; its result."""
    path = tiny.write(f"snippets/demo/{slug}_torch.py", code)
    snippet = Snippet(path, "demo", slug, FRAMEWORKS["torch"])
    return run_snippets([snippet])[snippet.key]


# The tiny project's mkdocs.yml: the real hook and, in the site's order, the extensions
# that its pages use; pymdownx.snippets, as on the site, after the examples' extension (it
# includes files from the project's folder included/).
MKDOCS_YML = """\
site_name: tiny
hooks:
  - {hook}
markdown_extensions:
  - livecompare.extension
  - admonition
  - attr_list
  - md_in_html
  - tables
  - pymdownx.snippets:
      base_path: [included]
      check_paths: true
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""


def build_tiny(tiny) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the tiny project (MKDOCS_YML)."""
    (tiny.root / "mkdocs.yml").write_text(
        MKDOCS_YML.format(hook=ROOT / "hooks/compare_shortcodes.py"))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                           str(tiny.root / "site")], cwd=tiny.root, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def failed_build(tiny) -> str:
    """What the tiny project's strict build printed, once it is known that the build
    failed with a message, not a traceback."""
    build = build_tiny(tiny)
    assert build.returncode != 0 and "Traceback" not in build.stderr, build.stderr[-2000:]
    return build.stderr

