"""What a contributor waits for, as medians: `make check`, the tests of one example, `make
live` from saving a snippet to its new output on the served page, and `make serve` from
saving a page to the served page that has the change.

    .venv/bin/python benchmarks/inner_loop.py [--repeat N] [--example graphs/eager_by_default]
                                              [--only check,tests,live,serve]

`make live` and `make serve` run on a copy of the site's sources in a temporary folder
(the benchmark edits files), on a free port; each has one untimed edit first (the warm-up:
workers started, first build done). "On the page" is when the served HTML holds the new
text, polled every 50 ms: the browser's reload follows at once (mkdocs serve answers its
long poll when the build ends). The load average is printed with each figure: on a shared
machine the figures are slower than a contributor's. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GOALS = {"check": 5.0, "tests": 60.0, "live": 2.0, "serve": 3.0}
ENGINE_ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_MKDOCS_2_WARNING": "1"}
COPIED = ("docs", "snippets", "hooks", "overrides", "src", "benchmarks", "requirements")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def report(what: str, key: str, values: list[float], cpu: list[float]) -> None:
    """The median wall time against its goal, and the median CPU time (user and system,
    of every process involved), which a loaded machine disturbs far less."""
    goal = GOALS[key]
    median = statistics.median(values)
    verdict = "meets" if median < goal else "MISSES"
    print(f"{what:40} median {median:6.2f} s wall, {statistics.median(cpu):5.2f} s CPU "
          f"(min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs; goal < "
          f"{goal:g} s: {verdict}; {load()})", flush=True)


def timed(command: list[str], *, check: bool = True, cwd: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds of a command, run on this tree's engine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=check, capture_output=True, env=ENGINE_ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> float:
    """CPU seconds (user and system) used so far by a process and all its descendants."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree, total = {pid}, 0
    changed = True
    while changed:
        changed = False
        for child, (parent, _) in stats.items():
            if parent in tree and child not in tree:
                tree.add(child)
                changed = True
    total = sum(stats[p][1] for p in tree if p in stats)
    return total / TICKS


def bench_check(repeat: int) -> None:
    """What `make check` runs (make itself adds a few milliseconds), whatever it finds."""
    command = [PYTHON, "-m", "livecompare", "check"]
    timed(command, check=False)  # warm the file cache
    runs = [timed(command, check=False) for _ in range(repeat)]
    report("make check", "check", [w for w, _ in runs], [c for _, c in runs])


def bench_tests(repeat: int, example: str) -> None:
    """The tests of one example, both sides and both CPU families, without xdist."""
    slug = example.split("/")[1]
    command = [PYTHON, "-m", "pytest", "-p", "no:xdist", "-q", "-p", "no:cacheprovider",
               "tests/content/test_snippets.py", "-k", slug]
    runs = [timed(command) for _ in range(repeat)]
    report(f"tests of {example}", "tests", [w for w, _ in runs], [c for _, c in runs])


def _copy(target: Path) -> Path:
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name,
                            ignore=shutil.ignore_patterns("node_modules", "__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "node").mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / "node" / name, target / "node" / name)
    if (ROOT / "node/node_modules").exists():
        (target / "node/node_modules").symlink_to((ROOT / "node/node_modules").resolve())
    return target


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _wait_for(url: str, text: str, process: subprocess.Popen, limit: float) -> float:
    """Seconds until the page at url holds text."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped (exit status {process.returncode})")
        if text in _page(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {limit:.0f} s")


def _serve(source: Path, command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=source, env=ENGINE_ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def time_saves(process: subprocess.Popen, url: str, saved: Path, addition, repeat: int
               ) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds (of the server and its children) from saving `saved`, with
    `addition(token)` appended, to the page at url showing the token: `repeat` runs after
    one warm-up. The server is stopped at the end, even on failure."""
    original = saved.read_text()
    try:
        _wait_for(url, "compare", process, 300)
        walls, cpu = [], []
        for run in range(repeat + 1):
            token = f"livecompare-bench-{run}-{time.time_ns()}"
            used = tree_cpu(process.pid)
            saved.write_text(original + addition(token))
            seconds = _wait_for(url, token, process, 120)
            if run:  # the first is the warm-up
                walls.append(seconds)
                cpu.append(tree_cpu(process.pid) - used)
        return walls, cpu
    finally:
        _stop(process)


def bench_live(repeat: int, example: str) -> None:
    """Save a snippet (one more line printed), until the served page shows its output."""
    section, slug = example.split("/")
    with tempfile.TemporaryDirectory() as tmp:
        source = _copy(Path(tmp) / "site")
        port = _free_port()
        page = next(p for p in (source / "docs").rglob("*.md")
                    if f"<!-- compare: {example} -->" in p.read_text())
        url = f"http://127.0.0.1:{port}/{page.relative_to(source / 'docs').with_suffix('')}/"
        process = _serve(source, [PYTHON, "-m", "livecompare", "live", "--dev-addr",
                                  f"127.0.0.1:{port}"])
        values, cpu = time_saves(process, url, source / f"snippets/{section}/{slug}_torch.py",
                                 lambda token: f"print({token!r})\n", repeat)
    report(f"make live: save {slug}_torch.py -> page", "live", values, cpu)


def bench_serve(repeat: int) -> None:
    """Save a page (one more sentence), until the served page shows it."""
    with tempfile.TemporaryDirectory() as tmp:
        source = _copy(Path(tmp) / "site")
        port = _free_port()
        page = source / "docs/graphs.md"
        url = f"http://127.0.0.1:{port}/graphs/"
        process = _serve(source, [PYTHON, "-m", "mkdocs", "serve", "--dev-addr",
                                  f"127.0.0.1:{port}"])
        values, cpu = time_saves(process, url, page, lambda token: f"\n{token}\n", repeat)
    report("make serve: save docs/graphs.md -> page", "serve", values, cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--example", default="graphs/eager_by_default")
    parser.add_argument("--only", default="check,tests,live,serve")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    print(f"The inner loop ({load()} at the start):", flush=True)
    if "check" in only:
        bench_check(args.repeat)
    if "tests" in only:
        bench_tests(max(1, args.repeat // 2), args.example)
    if "live" in only:
        bench_live(args.repeat, args.example)
    if "serve" in only:
        bench_serve(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
