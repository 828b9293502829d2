"""`make live`: serve the site, and re-run a snippet the moment it is saved.

Each framework's worker starts once and stays warm (run.Workers), so a saved snippet
costs only its own run time: no import of torch or TensorFlow. The new output is approved
as `make outputs` approves it (approve.py), and `mkdocs serve` (which watches snippets/)
reloads the page.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import time
import traceback
from pathlib import Path

from .approve import SelectionError, approve
from .frameworks import runtime_keys
from .project import Project
from .run import Workers, run_snippets

POLL_SECONDS = 0.3


def _snapshot(project: Project) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in project.snippets_dir.glob("*/*.py")}


def _say(line: str) -> None:
    print(line, file=sys.stderr)


class Watcher:
    """Notices saved snippets and writes their outputs; `step()` does one round."""

    def __init__(self, project: Project, workers: Workers):
        self.project, self.workers = project, workers
        self.seen = _snapshot(project)

    def changed(self) -> list[Path]:
        now = _snapshot(self.project)
        changed = sorted(p for p, mtime in now.items() if self.seen.get(p) != mtime)
        self.seen = now
        return changed

    def step(self) -> list[str]:
        """Re-run what was saved since the last step; returns the snippet keys it ran."""
        ran = []
        # A contributor edits pages while snippets run: Landlock guards the files here.
        runner = functools.partial(run_snippets, workers=self.workers, watch_files=False)
        for path in self.changed():
            key = f"{path.parent.name}/{path.stem}"
            _say(f"\nsaved: {self.project.relative(path)}; running it")
            started = time.perf_counter()
            try:
                outcome = approve(self.project, [key], runner=runner, say=_say)
            except SelectionError as error:  # a half-written pair: say why, keep watching
                _say(str(error))
                continue
            except Exception:  # noqa: BLE001 - a fault of the engine: show it, keep serving
                traceback.print_exc()
                continue
            out, err, _ = outcome.report()
            _say("\n".join(filter(None, [out, err])))
            _say(f"done in {time.perf_counter() - started:.1f} s; the page reloads")
            ran.append(key)
        return ran


def main(project: Project, address: str) -> int:
    workers = Workers()
    _say("starting a worker for each framework (once)...")
    workers.warm_up(runtime_keys())
    serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address],
                             cwd=project.root)
    watcher = Watcher(project, workers)
    _say(f"serving at http://{address}/ ; save a snippet to re-run it (Ctrl-C stops)")
    try:
        while serve.poll() is None:
            watcher.step()
            time.sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        pass
    finally:
        serve.terminate()
        serve.wait()
        workers.close()
    return 0
