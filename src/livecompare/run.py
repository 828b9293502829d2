"""Run snippets: one warm worker per framework, the frameworks side by side.

`isolation="fork"` (the default) keeps one worker per framework and forks a child per
snippet, so each framework's import is paid once. `isolation="subprocess"` starts a fresh
worker for every snippet, which pays the import every time: the baseline in benchmarks/.
It still forks the snippet's child after the import, as every worker does.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .kernels import compile_cache
from .kernels import environment as kernel_environment
from .project import DEFAULT_MEMORY, OptionsError, Problem, Project, Snippet

STARTUP_TIMEOUT = 300.0  # importing TensorFlow on a cold disk can be slow
# The npm packages that examples run in Node.js (`make` installs them from node/'s lock
# file). Node looks for required packages in NODE_PATH, whatever folder a snippet runs in.
NODE_MODULES = Path(__file__).resolve().parents[2] / "node" / "node_modules"


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
    sha256: str | None = None  # of the source bytes that ran
    fix: str | None = None  # the worker's advice, where it knows better than "fix the code"
    memory: float = DEFAULT_MEMORY  # GB the snippet could allocate

    @property
    def ok(self) -> bool:
        return self.error is None and not self.timed_out

    def problem(self, project: Project) -> Problem:
        """What went wrong, said for a contributor: once, with the line where it can be
        found, and with what the snippet printed before it stopped."""
        snippet = self.snippet
        path = project.relative(snippet.path)
        where = path
        line = self.error_line or _stuck_line(self.stderr, str(snippet.path.resolve()))
        if line:
            where += f":{line}"
        rerun = f"make outputs NAMES={snippet.example}"
        printed = _printed(self.stdout)
        if self.timed_out:
            return Problem(
                where, f"timed out after {self.timeout:g} s", example=snippet.example,
                framework=snippet.framework.label,
                details="\n".join(filter(None, [_where_stuck(self.stderr), printed])),
                fix="make it faster, or raise its limit with a line "
                    f"`# compare-options: timeout={min(int(self.timeout * 2), 3600)}`; "
                    f"then run {rerun}")
        lines = (self.error or "").strip().splitlines() or ["no error message"]
        fix = (f"{self.fix}; then run {rerun}" if self.fix else
               f"fix the snippet, try it with `.venv/bin/python {path}`, then run {rerun}")
        if _out_of_memory(self.error or ""):
            fix = (f"it may have reached its memory limit of {self.memory:g} GB: use less, or "
                   f"raise it with a line `# compare-options: memory={self.memory * 2:g}`; "
                   f"then run {rerun}")
        crash = "" if self.error_line else _where_stuck(self.stderr)  # a native crash
        details = "\n".join(filter(None, ["\n".join(lines[:-1]), crash, printed]))
        return Problem(where, f"the snippet failed: {lines[-1][:300]}", example=snippet.example,
                       framework=snippet.framework.label, details=details, fix=fix)


def _printed(stdout: str, keep: int = 10) -> str:
    """The last lines a failed snippet printed, which a crash would otherwise hide."""
    lines = stdout.rstrip("\n").splitlines()
    if not lines:
        return ""
    shown = lines[-keep:]
    more = f" (the last {keep} of {len(lines)} lines)" if len(lines) > keep else ""
    return f"it printed, before it stopped{more}:\n" + "\n".join("| " + ln for ln in shown)


MEMORY_WORDS = ("MemoryError", "Cannot allocate memory", "can't allocate memory",
                "Unable to allocate", "bad_alloc", "out of memory", "ResourceExhausted")


def _out_of_memory(error: str) -> bool:
    return any(word in error for word in MEMORY_WORDS)


def _last_dump(stderr: str) -> list[str]:
    """The frames of faulthandler's last stack dump (a timeout's or a crash's), less the
    engine's own: '  File "<path>", line 12 in <module>'."""
    marker = "(most recent call first):"
    if marker not in stderr:
        return []
    return [ln for ln in stderr.rsplit(marker, 1)[1].splitlines()
            if ln.strip().startswith("File ") and "livecompare/worker.py" not in ln
            and "<frozen runpy>" not in ln]


def _stuck_line(stderr: str, path: str) -> int | None:
    """The snippet's innermost line in the last stack dump."""
    marker = f'File "{path}", line '
    lines = [ln for ln in _last_dump(stderr) if marker in ln]
    if not lines:
        return None
    digits = lines[0].split(marker, 1)[1].split()[0]
    return int(digits) if digits.isdigit() else None


def _where_stuck(stderr: str) -> str:
    frames = _last_dump(stderr)
    if not frames:
        return ""
    return "where it was when stopped (most recent call first):\n" + "\n".join(frames)


class WorkerError(RuntimeError):
    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status  # the worker's exit status, as a shell says it, when known


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
    env.setdefault("NODE_PATH", str(NODE_MODULES))
    return env


# The job folders of every open worker, removed when this process ends, however a Ctrl-C
# leaves them: a worker still starting has no supervisor yet to remove them.
_SCRATCH: set[str] = set()
atexit.register(lambda: [shutil.rmtree(path, ignore_errors=True) for path in list(_SCRATCH)])


class Worker:
    """One `python -m livecompare.worker <framework>` process (with its supervisor)."""

    def __init__(self, runtime: str, kernels: str | None = None):
        self.runtime = runtime
        self._stderr = tempfile.TemporaryFile()
        self.scratch = tempfile.mkdtemp(prefix="livecompare-worker-")  # the jobs' folders
        _SCRATCH.add(self.scratch)
        self._jobs = 0
        self._ended = False  # the worker proper ended (its supervisor may wait on)
        # The worker's supervisor watches the read end: when this process ends, however it
        # ends, the pipe closes and the supervisor kills whatever the worker was running.
        lifeline, self._lifeline = os.pipe()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "livecompare.worker", runtime, str(lifeline),
                 self.scratch],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
                env=worker_environment(kernels), text=True, bufsize=1, pass_fds=(lifeline,))
        finally:
            os.close(lifeline)
        try:
            hello = self._receive(STARTUP_TIMEOUT)
        except WorkerError:
            self.close()
            raise
        if not hello.get("ready"):
            self.close()
            raise WorkerError(f"the {runtime} worker could not import its framework:\n"
                              f"{hello.get('error', '')}\n-> install everything with "
                              "`make test` or `make outputs`, which set up .venv")
        self.versions: dict[str, str] = hello["versions"]
        self.python: str = hello["python"]

    @property
    def alive(self) -> bool:
        return not self._ended and self.process.poll() is None

    def _receive(self, timeout: float) -> dict:
        # SIGTERM makes the supervisor kill the worker and what it runs, and exit.
        timer = threading.Timer(timeout, self.process.terminate)
        timer.start()
        try:
            line = self.process.stdout.readline()
        finally:
            timer.cancel()
        answer = json.loads(line) if line else {"ended": None}
        if "ended" in answer:  # its supervisor says how it ended, or nobody does
            raise WorkerError(f"the {self.runtime} worker stopped unexpectedly:\n{self._log()}",
                              answer["ended"])
        return answer

    def _log(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")[-4000:]

    def run(self, snippet: Snippet, seed: int = 0) -> RunResult:
        try:
            options = snippet.options()
        except OptionsError as error:  # changed since it was checked: say so, run nothing
            return RunResult(snippet, error=f"{error.reason}\n", error_line=error.line,
                             fix="fix the `# compare-options:` line", versions=self.versions,
                             python=self.python)
        self._jobs += 1
        folder = os.path.join(self.scratch, f"job-{self._jobs}")
        common = {"timeout": options.timeout, "versions": self.versions, "python": self.python,
                  "memory": options.memory}
        try:
            self.process.stdin.write(json.dumps(
                {"path": str(snippet.path.resolve()), "timeout": options.timeout,
                 "seed": seed, "agree": list(options.agree), "memory": options.memory,
                 "folder": folder}) + "\n")
            # The worker enforces the timeout; this margin only guards against a hung worker.
            answer = self._receive(options.timeout + 60)
        except (BrokenPipeError, WorkerError) as error:
            return self._died(snippet, folder, common, getattr(error, "status", None))
        return RunResult(
            snippet, stdout=answer["stdout"], stderr=answer["stderr"], error=answer["error"],
            error_line=answer["error_line"], timed_out=answer["timed_out"],
            seconds=answer["seconds"], values=answer["values"], figures=answer["figures"],
            sha256=answer["sha256"], fix=answer["fix"], **common)

    def _died(self, snippet: Snippet, folder: str, common: dict,
              status: int | None) -> RunResult:
        """The worker ended during the job, and its supervisor has killed what it ran:
        report it as this snippet's failure, with what the snippet printed."""
        self._ended = True
        how = "unexpectedly" if status is None else f"with status {status}"
        if status is not None and status > 128:
            with contextlib.suppress(ValueError):
                how = f"from signal {signal.Signals(status - 128).name}"
        capture = os.path.join(folder, "capture")
        text = {}
        for name in ("stdout", "stderr"):
            try:
                with open(os.path.join(capture, name), "rb") as f:
                    text[name] = f.read()[-64 * 1024:].decode("utf-8", "replace")
            except FileNotFoundError:
                text[name] = ""
        log = self._log().strip()
        return RunResult(
            snippet, stdout=text["stdout"], stderr=text["stderr"],
            error=(f"{log}\n" if log else "") + f"the {self.runtime} worker running it ended "
                  f"{how}: the snippet, or the system running out of memory, stopped it\n",
            fix="a snippet must not stop the process that runs it; if it needs much memory, "
                "raise its limit with `# compare-options: memory=...`", **common)

    def close(self) -> None:
        """Stop the worker and whatever it runs, and remove every job's folder."""
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.close()
        with contextlib.suppress(OSError):
            os.close(self._lifeline)  # the supervisor stops the worker, and then itself
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._stderr.close()
        shutil.rmtree(self.scratch, ignore_errors=True)
        _SCRATCH.discard(self.scratch)


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
                record(worker.run(snippet, seed))
                if not worker.alive or isolation == "subprocess":  # died: start a new one
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
