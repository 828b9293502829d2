"""One job of a worker: run a snippet in a forked child, and say what happened.

The child runs in a fresh folder, confined to it (sandbox.py), with stdout and stderr
captured at the file-descriptor level through pipes that the worker reads with a cap, seeded,
in a process group of its own, with a memory limit. It reads the file once,
hashes those bytes and runs exactly them, compiled under the file's real name (tracebacks,
`inspect` and AutoGraph read the source from it). Its report goes to a file, so a child
that dies leaves the worker able to say how. An output is UTF-8 text without control
characters, of MAX_CAPTURE bytes at most: never cut silently.
"""

from __future__ import annotations

import faulthandler
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import time
import traceback
import types
from collections.abc import Callable
from dataclasses import asdict

from ..frameworks import seed_everything
from . import sandbox
from .capture import MAX_CAPTURE, Capture, collect, stderr_text
from .processes import (
    die_with_parent,
    guard,
    kill_everything_below,
    kill_group,
    limit_memory,
)
from .protocol import Job, Report

MAX_FIGURE = 1024 * 1024  # bytes of one SVG figure a snippet writes
SEED = 0  # every generator, before every snippet
# A runtime that is not fork-safe (frameworks.Runtime.fork_safe) is imported in each
# forked child, after the fork: the worker sets this to its setup.
setup_in_child: Callable[[], None] | None = None


def _snippet_traceback(exc: BaseException, path: str) -> tuple[str, int | None]:
    """The traceback from the snippet's first frame on, and the snippet line that failed."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != path:
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(exc), exc, tb))
    line = None
    for frame in traceback.extract_tb(tb) if tb else []:
        if frame.filename == path:
            line = frame.lineno
    if line is None and isinstance(exc, SyntaxError) and exc.filename == path:
        line = exc.lineno
    return text, line


def as_array(value):
    """A framework's tensor, a NumPy array or plain numbers, as a float64 NumPy array."""
    import numpy as np

    if hasattr(value, "detach"):  # torch: leave autograd and the device; bfloat16 -> float64
        value = value.detach().cpu().double()
    if hasattr(value, "numpy") and not isinstance(value, np.ndarray):
        value = value.numpy()
    return np.asarray(value, dtype=np.float64)


def _agreed_values(namespace: dict, names: list[str]) -> dict:
    """The declared `# compare-agree:` variables, as {name: {"shape", "data"}}."""
    values = {}
    for name in names:
        if name not in namespace:
            raise NameError(f"`# compare-agree:` names {name!r}, but the snippet defines no "
                            "module-level variable of that name")
        try:
            array = as_array(namespace[name])
        except (TypeError, ValueError) as exc:
            raise TypeError(f"`# compare-agree:` variable {name!r} is a "
                            f"{type(namespace[name]).__name__}, which is not numbers: {exc}"
                            ) from None
        values[name] = {"shape": list(array.shape), "data": array.ravel().tolist()}
    return values


def _figures(workdir: str) -> dict[str, str]:
    """The SVG pictures a snippet wrote into its working directory, by file name."""
    figures = {}
    for name in sorted(os.listdir(workdir)):
        full = os.path.join(workdir, name)
        if name.endswith(".svg") and os.path.isfile(full):
            with open(full, "rb") as f:
                data = f.read(MAX_FIGURE + 1)
            if len(data) > MAX_FIGURE:
                raise ValueError(f"the figure {name} is over {MAX_FIGURE // 1024} KB; "
                                 "draw something smaller")
            figures[name] = data.decode("utf-8")
    return figures


def _snippet_line(path: str, frame) -> int | None:
    """The line of the innermost frame in the snippet's file, from `frame` outwards."""
    while frame is not None:
        if frame.f_code.co_filename == path:
            return frame.f_lineno
        frame = frame.f_back
    return None


def _child(job: Job, parents: tuple[int, int], report_fd: int, output: tuple[int, int],
           channel: int) -> None:
    """Runs in the forked child; never returns. `parents`: the worker and its supervisor;
    `output`: the write ends of the stdout and stderr pipes."""
    path, exit_now = job.path, os._exit
    workdir = os.path.join(job.folder, "work")
    worker, supervisor = parents
    report = Report()
    namespace: dict = {}
    start = time.perf_counter()

    def conclude(status: int) -> None:
        """Collect what a finished run must hand back, write the report, exit."""
        report.seconds = report.seconds or time.perf_counter() - start
        if status == 0:
            try:
                report.values = _agreed_values(namespace, job.agree)
                report.figures = _figures(workdir)
            except (NameError, TypeError, ValueError) as exc:
                report.error, status = f"{type(exc).__name__}: {exc}\n", 1
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            with os.fdopen(report_fd, "w") as f:  # opened before the snippet was confined
                json.dump(asdict(report), f)
        finally:
            exit_now(status)

    def exit_hook(status: int) -> None:  # os._exit from the snippet: say where
        if os.getpid() == me:
            report.seconds = time.perf_counter() - start
            if status != 0:
                report.error = f"the snippet called os._exit({status}), which ends it at once\n"
                report.error_line = _snippet_line(path, sys._getframe(1))
            conclude(status)
        exit_now(status)

    me = os.getpid()
    try:
        os.setpgid(0, 0)  # so a timeout kills whatever the snippet started, too
        die_with_parent(worker)
        os.close(channel)
        quiet = os.open(os.devnull, os.O_RDONLY)
        for fd, source in ((0, quiet), (1, output[0]), (2, output[1])):
            os.dup2(source, fd)
            os.close(source)
        faulthandler.enable(file=sys.stderr, all_threads=False)  # a crash names its line
        faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=False)
        limit_memory(job.memory)
        guard({worker, supervisor}, os.getpgid(worker))
        sys.dont_write_bytecode = True  # no __pycache__ beside the snippets
        workdir, _, _ = sandbox.enter(job.folder)
        os.chdir(workdir)
        sys.argv = [path]
        sys.path.insert(0, os.path.dirname(path))
        if setup_in_child:  # a runtime that is not fork-safe: imported after the fork
            setup_in_child()
        seed_everything(SEED)
        with open(path, "rb") as f:
            source = f.read()
        report.sha256 = hashlib.sha256(source).hexdigest()
        module = types.ModuleType("__main__")  # what `python path` would run it as
        module.__file__, module.__cached__ = path, None
        sys.modules["__main__"], namespace = module, module.__dict__
        os._exit = exit_hook
        start = time.perf_counter()
        try:
            code = compile(source, path, "exec", dont_inherit=True)
            try:
                exec(code, namespace)
            except SystemExit as exc:
                if exc.code not in (None, 0):
                    raise
            report.seconds = time.perf_counter() - start
        except SystemExit as exc:
            text, report.error_line = _snippet_traceback(exc, path)
            report.error = "".join(text.splitlines(keepends=True)[:-1]) + (
                f"SystemExit: the snippet exited with status {exc.code!r}\n")
            conclude(1)
        except BaseException as exc:  # noqa: BLE001 - the snippet's failure is our report
            report.error, report.error_line = _snippet_traceback(exc, path)
            conclude(1)
    except BaseException:  # noqa: BLE001 - the engine's own failure, reported as such
        report.error = "the worker could not start the snippet:\n" + traceback.format_exc()
        conclude(1)
    conclude(0)


# What a page cannot show: control characters other than tab and newline.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
CONTROL_NAMES = {"\x00": "a NUL byte", "\x1b": "an ANSI escape code (colour or cursor)",
                 "\r": "a carriage return (a progress bar?)", "\b": "a backspace"}
PLAIN_TEXT_FIX = ("print plain text: no colours, no progress bars, no raw bytes (print "
                  "their repr() instead)")


def _read_output(capture: Capture) -> tuple[str, str | None, str | None]:
    """Stdout as (text, why it cannot be an approved output, the fix). An output is UTF-8
    text without control characters, of MAX_CAPTURE bytes at most: never cut silently."""
    data, size = bytes(capture.data[:MAX_CAPTURE]), capture.size
    text = data.decode("utf-8", errors="replace")
    if size > MAX_CAPTURE:
        return text, (f"the snippet printed {size} bytes, more than the "
                      f"{MAX_CAPTURE // 1024} KB an output may hold"), (
            "print less: a shape, a summary, a few values")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return text, (f"line {line} of its output is not UTF-8 text (byte "
                      f"0x{data[error.start]:02x})"), PLAIN_TEXT_FIX
    if found := CONTROL.search(text):
        line = text.count("\n", 0, found.start()) + 1
        char = found.group()
        what = CONTROL_NAMES.get(char, f"the control character U+{ord(char):04X}")
        return text, f"line {line} of its output holds {what}", PLAIN_TEXT_FIX
    return text, None, None


def _file_hash(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None


def run_job(job: Job, channel: int) -> Report:
    """Run one snippet in a forked child, in job.folder, and clean up after it."""
    path = job.path = os.path.abspath(job.path)
    capture = os.path.join(job.folder, "capture")
    parents = (os.getpid(), os.getppid())  # the worker and its supervisor
    pid, pipes = None, []
    try:
        try:  # the folder is new; a snippet that made it before cannot hand us its files
            os.makedirs(capture)
            report_fd = os.open(os.path.join(capture, "report.json"),
                                os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            pipes = [os.pipe(), os.pipe()]
        except OSError as error:
            return Report(error=f"the worker could not prepare the snippet's folder "
                                f"{job.folder}: {error}\n",
                          fix="run it again; if it persists, report it as a bug of the engine")
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            for read_end, _ in pipes:
                os.close(read_end)
            _child(job, parents, report_fd, (pipes[0][1], pipes[1][1]), channel)
        os.close(report_fd)
        for _, write_end in pipes:
            os.close(write_end)
        out, err = (Capture(read_end, os.path.join(capture, name), keep_tail=name == "stderr")
                    for (read_end, _), name in zip(pipes, ("stdout", "stderr"), strict=True))
        pipes = []
        try:
            status, timed_out, over = collect(pid, [out, err], job.timeout, job.memory)
        finally:
            out.close()
            err.close()
        wall = time.perf_counter() - started
        try:
            with open(os.path.join(capture, "report.json")) as f:
                report = Report(**json.load(f))
        except (FileNotFoundError, json.JSONDecodeError, TypeError):  # it died, or exited from C
            report = Report(error=_describe_status(status), seconds=wall)
        stdout, unfit, fix = _read_output(out)
        if timed_out:
            report.error = None
        elif over:
            report.error = (f"the snippet and the processes it started held {over / 1024 ** 3:.1f}"
                            f" GB more memory than when it started, over its limit of "
                            f"{job.memory:g} GB; it was stopped\n")
            report.fix = ("use less memory, or raise its limit with "
                          "`# compare-options: memory=...`")
        elif report.error is None and unfit:
            report.error, report.fix = f"{unfit}\n", fix
        elif report.error is None and _file_hash(path) != report.sha256:
            report.error = "the file changed while it ran, so this output is not its own\n"
            report.fix = "run it again"
        report.timed_out, report.wall, report.stdout = timed_out, wall, stdout
        report.stderr = stderr_text(err)
        return report
    finally:
        for fds in pipes:
            for fd in fds:
                os.close(fd)
        if pid:
            kill_group(pid)
        kill_everything_below()
        shutil.rmtree(job.folder, ignore_errors=True)


def _describe_status(status: int) -> str:
    """Why a child that wrote no report ended: a signal, or an exit from native code."""
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        return f"the snippet's process died from signal {name} (a crash in native code?)\n"
    return (f"the snippet's process exited with status {os.WEXITSTATUS(status)} before it "
            "finished\n")


