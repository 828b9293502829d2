"""Run snippets: one warm worker per framework, the frameworks side by side.

`isolation="fork"` (the default) keeps one worker per framework and forks a child per
snippet, so each framework's import is paid once. `isolation="subprocess"` starts a fresh
worker for every snippet, which pays the import every time: the baseline in benchmarks/.
It still forks the snippet's child after the import, as every worker does. `Workers` holds
the workers between runs (`make live` keeps them warm), and replaces one that died.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from ..project import Snippet
from .cpu_families import environment as kernel_environment
from .protocol import Ended, Job, NotReady, Report, decode, encode
from .results import RunResult
from .sandbox import Watch, allowed_environment, home_variables, landlock_abi

STARTUP_TIMEOUT = 300.0  # importing TensorFlow on a cold disk can be slow
# The npm packages that examples run in Node.js (`make` installs them from node/'s lock
# file). Node looks for required packages in NODE_PATH, whatever folder a snippet runs in.
NODE_MODULES = Path(__file__).resolve().parents[3] / "node" / "node_modules"


class WorkerError(RuntimeError):
    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status  # the worker's exit status, as a shell says it, when known


def worker_environment(kernels: str | None = None, home: str | None = None) -> dict[str, str]:
    """The environment a worker (or a notebook kernel) runs in: the allow-list of
    sandbox.py (no tokens, no credentials), the settings below, and `home` as HOME with
    every framework's config and cache below it (a worker's own empty folder, so that no
    ~/.keras/keras.json of the caller's changes an output). `kernels` names a CPU kernel
    family (see cpu_families.py) to run in instead of the one this process runs in."""
    base = dict(os.environ) if kernels is None else kernel_environment(kernels)
    env = allowed_environment(base)
    if home is None:
        env.update({k: base[k] for k in ("HOME", "USER", "LOGNAME") if k in base})  # Jupyter
    else:
        env.update(home_variables(home))
    env.update({
        "CUDA_VISIBLE_DEVICES": "",  # CPU only, whatever the machine has
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONHASHSEED": "0",
        "PYTHONUNBUFFERED": "1",  # a timed-out snippet still shows what it printed
        "PYTHONDONTWRITEBYTECODE": "1",  # no __pycache__ beside the snippets
        "OMP_NUM_THREADS": "1",  # two workers share the cores; one thread each is stable
        "MKL_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "TORCHINDUCTOR_COMPILE_THREADS": "1",
        "MPLBACKEND": "Agg",
    })
    env.setdefault("NODE_PATH", str(NODE_MODULES))
    return env


# The job folders of every open worker, removed when this process ends, however a Ctrl-C
# leaves them: a worker still starting has no supervisor yet to remove them.
_SCRATCH: set[str] = set()
atexit.register(lambda: [shutil.rmtree(path, ignore_errors=True) for path in list(_SCRATCH)])


class Worker:
    """One `python -m livecompare.runner.worker <framework>` process (with its supervisor)."""

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
        home = os.path.join(self.scratch, "home")
        os.mkdir(home)
        try:
            # A session of its own: a signal to the terminal's process group (Ctrl-C,
            # SIGHUP, kill -9 -PGID) reaches the engine, whose end closes the lifeline.
            self.process = subprocess.Popen(
                [sys.executable, "-m", "livecompare.runner.worker", runtime, str(lifeline),
                 self.scratch],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
                env=worker_environment(kernels, home), text=True, bufsize=1,
                pass_fds=(lifeline,), start_new_session=True)
        finally:
            os.close(lifeline)
        try:
            hello = self._receive(STARTUP_TIMEOUT)
        except WorkerError:
            self.close()
            raise
        if isinstance(hello, NotReady):
            self.close()
            raise WorkerError(f"the {runtime} worker could not import its framework:\n"
                              f"{hello.error}\n-> install everything with "
                              "`make test` or `make outputs`, which set up .venv")
        self.versions: dict[str, str] = hello.versions
        self.python: str = hello.python

    @property
    def alive(self) -> bool:
        return not self._ended and self.process.poll() is None

    def _receive(self, timeout: float):
        # SIGTERM makes the supervisor kill the worker and what it runs, and exit.
        timer = threading.Timer(timeout, self.process.terminate)
        timer.start()
        try:
            line = self.process.stdout.readline()
        finally:
            timer.cancel()
        answer = decode(line) if line else Ended(None)
        if isinstance(answer, Ended):  # its supervisor says how it ended, or nobody does
            raise WorkerError(f"the {self.runtime} worker stopped unexpectedly:\n{self._log()}",
                              answer.status)
        return answer

    def _log(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")[-4000:]

    def run(self, snippet: Snippet) -> RunResult:
        options = snippet.options
        if snippet.fault:  # it cannot run at all: say so, run nothing
            return RunResult(snippet, error=f"{snippet.fault.message}\n",
                             error_line=snippet.fault.line, fix=snippet.fault.fix,
                             versions=self.versions, python=self.python)
        self._jobs += 1
        # A name no earlier snippet could guess: it cannot make the folder beforehand.
        folder = tempfile.mkdtemp(prefix=f"job-{self._jobs}-", dir=self.scratch)
        common = {"timeout": options.timeout, "versions": self.versions, "python": self.python,
                  "memory": options.memory}
        try:
            self.process.stdin.write(encode(Job(str(snippet.path.resolve()), options.timeout,
                                                options.memory, folder, list(options.agree))))
            # The worker enforces the timeout; this margin only guards against a hung worker.
            report: Report = self._receive(options.timeout + 60)
        except (BrokenPipeError, WorkerError) as error:
            return self._died(snippet, folder, common, getattr(error, "status", None))
        return RunResult(
            snippet, stdout=report.stdout, stderr=report.stderr, error=report.error,
            error_line=report.error_line, timed_out=report.timed_out, seconds=report.seconds,
            values=report.values, figures=report.figures, sha256=report.sha256,
            fix=report.fix, **common)

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
        killed = status in (None, 128 + signal.SIGKILL)  # SIGKILL: what the OOM killer sends
        why = ("the snippet stopped it, or the system ran out of memory and killed it"
               if killed else "the snippet stopped it")
        fix = ("a snippet must not stop the process that runs it; if it needs much memory, "
               "raise its limit with `# compare-options: memory=...`" if killed else
               "a snippet must not stop the process that runs it: read what the worker said "
               "above")
        return RunResult(
            snippet, stdout=text["stdout"], stderr=text["stderr"],
            error=(f"{log}\n" if log else "") + f"the {self.runtime} worker running it ended "
                  f"{how}: {why}\n", fix=fix, **common)

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


class Workers:
    """One worker per runtime, started when first needed and kept until `close`; a worker
    that died (and said so in its result) is replaced by a fresh one."""

    def __init__(self, kernels: str | None = None, fresh_each: bool = False):
        self.kernels, self.fresh_each = kernels, fresh_each
        self.workers: dict[str, Worker] = {}
        self._lock = threading.Lock()

    def get(self, runtime: str) -> Worker:
        with self._lock:
            worker = self.workers.get(runtime)
        if worker is None or not worker.alive:
            worker = Worker(runtime, self.kernels)
            with self._lock:
                self.workers[runtime] = worker
        return worker

    def warm_up(self, runtimes: Iterable[str]) -> None:
        _side_by_side(list(runtimes), self.get)

    def run(self, snippet: Snippet) -> RunResult:
        runtime = snippet.framework.runtime
        worker = self.get(runtime)
        result = worker.run(snippet)
        if not worker.alive or self.fresh_each:
            worker.close()
            with self._lock:
                self.workers.pop(runtime, None)
        return result

    def close(self) -> None:
        with self._lock:
            workers, self.workers = list(self.workers.values()), {}
        for worker in workers:
            worker.close()


def _side_by_side(items: list, work: Callable) -> None:
    """work(item) for each item, each in a thread of its own; the first error re-raised."""
    errors: list[BaseException] = []

    def guarded(item) -> None:
        try:
            work(item)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(item,), daemon=True) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def run_snippets(snippets: Iterable[Snippet], *, isolation: str = "fork",
                 on_result: Callable[[RunResult], None] | None = None,
                 kernels: str | None = None, workers: Workers | None = None,
                 watch_files: bool = True) -> dict[str, RunResult]:
    """Run every snippet; returns results by snippet key. Frameworks run in parallel.
    `kernels` runs them in another CPU kernel family than this process's (cpu_families.py);
    `workers` keeps the workers warm for the next call instead of closing them.
    `watch_files`, where the kernel has no Landlock to stop a snippet's writes outside its
    folder (sandbox.py), checks the project's files after each run instead: a snippet
    during whose run one changed fails, and so does one that ran beside it."""
    if isolation not in ("fork", "subprocess"):
        raise ValueError(f"isolation must be 'fork' or 'subprocess', not {isolation!r}")
    queues: dict[str, list[Snippet]] = {}
    for snippet in snippets:
        queues.setdefault(snippet.framework.runtime, []).append(snippet)
    if not queues:
        return {}
    pool = workers or Workers(kernels, fresh_each=isolation == "subprocess")
    results: dict[str, RunResult] = {}
    lock = threading.Lock()
    root = next(iter(queues.values()))[0].path.resolve().parents[2]
    watch = Watch(root) if watch_files and not landlock_abi() else None
    running: dict[str, Snippet] = {}  # runtime -> the snippet its worker runs now
    suspects: dict[str, list[str]] = {}  # snippet key -> files changed while it ran

    def check(snippet: Snippet, result: RunResult) -> None:
        changed = [path for path in (watch.changed() if watch else [])
                   if root / path != snippet.path.resolve()]  # its own file: the worker says
        if changed:
            watch.accept()
            for other in running.values():
                suspects[other.key] = changed
        changed = changed or suspects.pop(snippet.key, [])
        if changed:
            shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more"
                                              if len(changed) > 5 else "")
            beside = [s.key for s in running.values()]
            result.error = ("files outside the snippet's folder changed while it ran"
                            + (f" (or while {', '.join(beside)} ran beside it)" if beside
                               else "") + f": {shown}\n")
            result.fix = ("a snippet may write only into its working folder and its "
                          "temporary folder; review it, then restore those files "
                          "(`git status`, `git checkout -- FILE`); if you changed them "
                          "yourself during the run, run it again")

    def drain(queue: list[Snippet]) -> None:
        for snippet in queue:
            with lock:
                running[snippet.framework.runtime] = snippet
            result = pool.run(snippet)
            with lock:
                del running[snippet.framework.runtime]
                check(snippet, result)
                results[snippet.key] = result
                if on_result:
                    on_result(result)

    try:
        _side_by_side(list(queues.values()), drain)
    finally:
        if workers is None:
            pool.close()
    return results
