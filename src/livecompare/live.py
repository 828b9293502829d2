"""`make live`: serve the site, and re-run a snippet the moment it is saved.

Each framework's worker starts once and stays warm, so a saved snippet costs only its own
run time: no import of torch or TensorFlow. The new output is written as `make outputs`
writes it, and `mkdocs serve` (which watches snippets/) reloads the page.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from .cli import cmd_outputs
from .project import Project, Snippet
from .run import RunResult, Worker

POLL_SECONDS = 0.3


class WarmRunner:
    """Runs snippets in one long-lived worker per framework; a drop-in for run_snippets."""

    def __init__(self) -> None:
        self.workers: dict[str, Worker] = {}
        self._lock = threading.Lock()

    def warm_up(self, runtimes: Iterable[str]) -> None:
        threads = [threading.Thread(target=self._worker, args=(r,), daemon=True)
                   for r in runtimes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _worker(self, runtime: str) -> Worker:
        with self._lock:
            worker = self.workers.get(runtime)
        if worker is None or worker.process.poll() is not None:
            worker = Worker(runtime)
            with self._lock:
                self.workers[runtime] = worker
        return worker

    def __call__(self, snippets: Iterable[Snippet], *,
                 on_result: Callable[[RunResult], None] | None = None) -> dict[str, RunResult]:
        results = {}
        for snippet in snippets:
            worker = self._worker(snippet.framework.runtime)
            result = worker.run(snippet)
            if not worker.alive:  # it died, and said so in the result: start a fresh one
                worker.close()
                with self._lock:
                    self.workers.pop(snippet.framework.runtime, None)
            results[snippet.key] = result
            if on_result:
                on_result(result)
        return results

    def close(self) -> None:
        for worker in self.workers.values():
            worker.close()
        self.workers.clear()


def _snapshot(project: Project) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in project.snippets_dir.glob("*/*.py")}


class Watcher:
    """Notices saved snippets and writes their outputs; `step()` does one round."""

    def __init__(self, project: Project, runner: WarmRunner):
        self.project, self.runner = project, runner
        self.seen = _snapshot(project)

    def changed(self) -> list[Path]:
        now = _snapshot(self.project)
        changed = sorted(p for p, mtime in now.items() if self.seen.get(p) != mtime)
        self.seen = now
        return changed

    def step(self) -> list[str]:
        """Re-run what was saved since the last step; returns the snippet keys it ran."""
        ran = []
        for path in self.changed():
            key = f"{path.parent.name}/{path.stem}"
            print(f"\nsaved: {self.project.relative(path)}; running it", file=sys.stderr)
            started = time.perf_counter()
            try:
                cmd_outputs(self.project, [key], False, runner=self.runner)
            except SystemExit as exc:  # a half-written pair: say why, keep watching
                print(exc, file=sys.stderr)
                continue
            except Exception:  # noqa: BLE001 - a fault of the engine: show it, keep serving
                traceback.print_exc()
                continue
            print(f"done in {time.perf_counter() - started:.1f} s; the page reloads",
                  file=sys.stderr)
            ran.append(key)
        return ran


def main(project: Project, address: str) -> int:
    runner = WarmRunner()
    print("starting the torch and TensorFlow workers (once)...", file=sys.stderr)
    runner.warm_up(["torch", "tf"])
    serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address],
                             cwd=project.root)
    watcher = Watcher(project, runner)
    print(f"serving at http://{address}/ ; save a snippet to re-run it (Ctrl-C stops)",
          file=sys.stderr)
    try:
        while serve.poll() is None:
            watcher.step()
            time.sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        pass
    finally:
        serve.terminate()
        serve.wait()
        runner.close()
    return 0
