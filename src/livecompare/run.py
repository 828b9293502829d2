"""Run snippets: one warm worker per framework, the frameworks side by side.

`isolation="fork"` (the default) keeps one worker per framework and forks a child per
snippet, so each framework's import is paid once. `isolation="subprocess"` starts a fresh
worker for every snippet: slower, but it needs no fork (for platforms where forking after
importing TensorFlow is unsafe) and it is the baseline in benchmarks/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .kernels import compile_cache
from .kernels import environment as kernel_environment
from .project import Problem, Project, Snippet

STARTUP_TIMEOUT = 300.0  # importing TensorFlow on a cold disk can be slow


@dataclass
class RunResult:
    snippet: Snippet
    stdout: str = ""
    stderr: str = ""
    error: str | None = None  # a traceback, or why the run failed
    error_line: int | None = None
    timed_out: bool = False
    seconds: float = 0.0  # the snippet's own run time
    timeout: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)
    python: str = ""
    values: dict[str, dict] = field(default_factory=dict)  # `# compare-agree:` variables
    figures: dict[str, str] = field(default_factory=dict)  # SVG file name -> its text

    @property
    def ok(self) -> bool:
        return self.error is None and not self.timed_out

    def problem(self, project: Project) -> Problem:
        """What went wrong, said for a contributor."""
        snippet = self.snippet
        path = project.relative(snippet.path)
        where = path
        line = self.error_line or _stuck_line(self.stderr, str(snippet.path.resolve()))
        if line:
            where += f":{line}"
        rerun = f"make outputs NAMES={snippet.example}"
        if self.timed_out:
            return Problem(
                where, f"timed out after {self.timeout:g} s", example=snippet.example,
                framework=snippet.framework.label,
                details=_where_stuck(self.stderr),
                fix="make it faster, or raise its limit with a line "
                    f"`# compare-options: timeout={int(self.timeout * 2)}`; then run {rerun}")
        last = (self.error or "").strip().splitlines()[-1:] or ["no error message"]
        return Problem(where, f"the snippet failed: {last[0][:300]}", example=snippet.example,
                       framework=snippet.framework.label, details=self.error or "",
                       fix=f"fix the snippet, try it with `.venv/bin/python {path}`, "
                           f"then run {rerun}")


def _stuck_line(stderr: str, path: str) -> int | None:
    """The snippet's line in a faulthandler dump: '  File "<path>", line 12 in <module>'."""
    marker = f'File "{path}", line '
    lines = [ln for ln in stderr.splitlines() if marker in ln]
    if not lines:
        return None
    digits = lines[0].split(marker, 1)[1].split()[0]
    return int(digits) if digits.isdigit() else None


def _where_stuck(stderr: str) -> str:
    """The faulthandler dump, less the engine's own frames."""
    if "Stack (most recent call first):" not in stderr:
        return ""
    dump = stderr.split("Stack (most recent call first):", 1)[1].splitlines()
    frames = [ln for ln in dump if ln.strip().startswith("File ")
              and "<frozen runpy>" not in ln and "livecompare/worker.py" not in ln]
    return "where it was when stopped (most recent call first):\n" + "\n".join(frames)


class WorkerError(RuntimeError):
    pass


def worker_environment(kernels: str | None = None) -> dict[str, str]:
    """The environment a worker (or a notebook kernel) runs in; `kernels` names a CPU kernel
    family (see kernels.py) to run in instead of the one this process runs in."""
    env = dict(os.environ) if kernels is None else kernel_environment(kernels)
    env.update({
        "CUDA_VISIBLE_DEVICES": "",  # CPU only, whatever the machine has
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONHASHSEED": "0",
        "PYTHONUNBUFFERED": "1",  # a timed-out snippet still shows what it printed
        "OMP_NUM_THREADS": "1",  # two workers share the cores; one thread each is stable
        "MKL_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "TORCHINDUCTOR_COMPILE_THREADS": "1",
        "MPLBACKEND": "Agg",
    })
    env.setdefault("TORCHINDUCTOR_CACHE_DIR", compile_cache(env))
    env.pop("KERAS_BACKEND", None)  # a snippet may pick its own backend before importing keras
    return env


class Worker:
    """One `python -m livecompare.worker <framework>` process."""

    def __init__(self, runtime: str, kernels: str | None = None):
        self.runtime = runtime
        self._stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "livecompare.worker", runtime],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            env=worker_environment(kernels), text=True, bufsize=1)
        hello = self._receive(STARTUP_TIMEOUT)
        if not hello.get("ready"):
            self.close()
            raise WorkerError(f"the {runtime} worker could not import its framework:\n"
                              f"{hello.get('error', '')}\n-> install everything with "
                              "`make test` or `make outputs`, which set up .venv")
        self.versions: dict[str, str] = hello["versions"]
        self.python: str = hello["python"]

    def _receive(self, timeout: float) -> dict:
        timer = threading.Timer(timeout, self.process.kill)
        timer.start()
        try:
            line = self.process.stdout.readline()
        finally:
            timer.cancel()
        if not line:
            self._stderr.seek(0)
            log = self._stderr.read().decode("utf-8", "replace")[-4000:]
            raise WorkerError(f"the {self.runtime} worker stopped unexpectedly:\n{log}")
        return json.loads(line)

    def run(self, snippet: Snippet, seed: int = 0) -> RunResult:
        options = snippet.options()
        timeout = options.timeout
        self.process.stdin.write(json.dumps(
            {"path": str(snippet.path.resolve()), "timeout": timeout, "seed": seed,
             "agree": list(options.agree)}) + "\n")
        # The worker enforces the timeout; this margin only guards against a hung worker.
        answer = self._receive(timeout + 60)
        return RunResult(
            snippet, stdout=answer["stdout"], stderr=answer["stderr"], error=answer["error"],
            error_line=answer["error_line"], timed_out=answer["timed_out"],
            seconds=answer["seconds"], timeout=timeout, versions=self.versions,
            python=self.python, values=answer["values"], figures=answer["figures"])

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._stderr.close()


def run_snippets(snippets: Iterable[Snippet], *, isolation: str = "fork", seed: int = 0,
                 on_result: Callable[[RunResult], None] | None = None,
                 kernels: str | None = None) -> dict[str, RunResult]:
    """Run every snippet; returns results by snippet key. Frameworks run in parallel.
    `kernels` runs them in another CPU kernel family than this process's (kernels.py)."""
    if isolation not in ("fork", "subprocess"):
        raise ValueError(f"isolation must be 'fork' or 'subprocess', not {isolation!r}")
    queues: dict[str, list[Snippet]] = {}
    for snippet in snippets:
        queues.setdefault(snippet.framework.runtime, []).append(snippet)
    results: dict[str, RunResult] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()

    def record(result: RunResult) -> None:
        with lock:
            results[result.snippet.key] = result
            if on_result:
                on_result(result)

    def drain(runtime: str, queue: list[Snippet]) -> None:
        worker = None
        try:
            for snippet in queue:
                if worker is None:
                    worker = Worker(runtime, kernels)
                try:
                    record(worker.run(snippet, seed))
                except WorkerError as exc:  # the worker died: report, start a new one
                    record(RunResult(snippet, error=str(exc), versions=worker.versions))
                    worker.close()
                    worker = None
                if isolation == "subprocess" and worker is not None:
                    worker.close()
                    worker = None
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            errors.append(exc)
        finally:
            if worker is not None:
                worker.close()

    threads = [threading.Thread(target=drain, args=item, daemon=True)
               for item in queues.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
