"""Time two ways of running every snippet of the site, side by side in one run.

1. the engine: one warm worker per framework, a forked child per snippet;
2. one fresh `python snippet.py` per snippet, as a contributor would run it.

Both run the two frameworks side by side (one lane each), in a fresh temporary folder per
snippet, with the engine's environment (CPU only, one thread). A third row shows the
engine's own subprocess mode (a fresh worker per snippet). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/engine_vs_subprocess.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from livecompare.project import Project, Snippet
from livecompare.runner.run import run_snippets, worker_environment
from livecompare.site.checks import all_examples

ROOT = Path(__file__).resolve().parents[1]


def plain_python(snippets: list[Snippet]) -> None:
    """`python snippet.py` in a fresh process each, one lane per framework."""
    lanes: dict[str, list[Snippet]] = {}
    for snippet in snippets:
        lanes.setdefault(snippet.framework.key, []).append(snippet)
    failures: list[str] = []

    def lane(queue: list[Snippet]) -> None:
        for snippet in queue:
            with tempfile.TemporaryDirectory() as workdir:
                done = subprocess.run([sys.executable, str(snippet.path)], cwd=workdir,
                                      env=worker_environment(), capture_output=True)
            if done.returncode:
                failures.append(snippet.key)

    threads = [threading.Thread(target=lane, args=(q,)) for q in lanes.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"these snippets failed under plain python: {failures}")


def engine(isolation: str):
    def run(snippets: list[Snippet]) -> None:
        results = run_snippets(snippets, isolation=isolation)
        failed = [key for key, result in results.items() if not result.ok]
        if failed:
            raise SystemExit(f"these snippets failed in the engine ({isolation}): {failed}")
    return run


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each way (median)")
    args = parser.parse_args()
    snippets = [s for _, e in sorted(all_examples(Project(ROOT)).items())
                for s in e.snippets.values()]
    ways = {
        "engine (fork server)": engine("fork"),
        "one `python snippet.py` each": plain_python,
        "engine, fresh worker each": engine("subprocess"),
    }
    print(f"{len(snippets)} snippets; {os.cpu_count()} cores, {cpu_model()}; "
          f"Python {platform.python_version()}; median of {args.repeat} run(s)")
    timings: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(args.repeat):
        for name, way in ways.items():
            start = time.perf_counter()
            way(snippets)
            timings[name].append(time.perf_counter() - start)
    base = statistics.median(timings["engine (fork server)"])
    print(f"{'way':32} {'total s':>8} {'per snippet s':>14} {'vs engine':>10}")
    for name, values in timings.items():
        total = statistics.median(values)
        print(f"{name:32} {total:8.1f} {total / len(snippets):14.2f} {total / base:9.1f}x")


if __name__ == "__main__":
    main()
