"""A fork server for one framework: `python -m livecompare.worker torch|tf [LIFELINE SCRATCH]`.

It imports the framework once, then for each job read from stdin (one JSON line) forks a
child that runs the snippet in a fresh temporary directory, seeded, with stdout and stderr
captured at the file-descriptor level. The child reads the file once, hashes those bytes
and runs exactly them, compiled under the file's real name (tracebacks, `inspect` and
AutoGraph read the source from it). It answers one JSON line per job on the channel that
was its stdout. Forking after the import means no snippet pays for it, and no snippet sees
what another one left behind.

Nothing a job starts outlives it. The child dies with the worker (PR_SET_PDEATHSIG) and may
not signal it. The worker is a child subreaper, so whatever the snippet leaves behind, a
daemon in a session of its own included, becomes the worker's child; after each job, and
on Ctrl-C, the worker kills all of it. A supervisor process, forked before the framework is
imported, does the same when the worker itself dies, or when the engine that started it
goes away (the engine holds the other end of the LIFELINE pipe). A snippet may allocate
`memory` GB beyond what the worker already holds (RLIMIT_DATA, which counts what a process
can write, not the address space TensorFlow reserves).
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import functools
import hashlib
import importlib.metadata
import json
import os
import platform
import random
import re
import resource
import select
import shutil
import signal
import sys
import time
import traceback
import types

MAX_CAPTURE = 256 * 1024  # bytes of stdout an output may hold; the last ones of stderr kept
MAX_FIGURE = 1024 * 1024  # bytes of one SVG figure a snippet writes
GRACE_SECONDS = 1.0  # after SIGUSR1 (stack dump) and before SIGKILL
REAP_SECONDS = 5.0  # the longest a clean-up keeps killing what a snippet left running
PR_SET_PDEATHSIG = 1  # prctl(2): a signal for this process when its parent dies
PR_SET_CHILD_SUBREAPER = 36  # prctl(2): orphans below this process become its children


# What each runtime imports, in the order the page names their versions.
RUNTIME_MODULES = {"torch": ("torch", "numpy"), "tf": ("tensorflow", "keras", "numpy"),
                   "none": ("numpy",)}  # "none": plain Python, for the engine's own tests


@functools.cache
def _module_providers() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def installed_versions(runtime: str) -> dict[str, str]:
    """Versions from package metadata: cheap, so `make outputs` can decide what is stale
    without importing a framework. Keys are module names; the distribution may differ
    (tensorflow comes from tensorflow-cpu). A build label is dropped: torch 2.14.1+cpu from
    the CPU wheel index and 2.14.1 from PyPI are the same release, with the same outputs."""
    providers = _module_providers()
    versions = {}
    for module in RUNTIME_MODULES[runtime]:
        names = providers.get(module)
        version = importlib.metadata.version(names[0]) if names else "not installed"
        versions[module] = version.split("+", 1)[0]
    return versions


def import_framework(runtime: str) -> None:
    """Import once in the parent, and pin threads before any work creates a pool."""
    import numpy  # noqa: F401

    if runtime == "torch":
        import torch
        import torch._dynamo  # noqa: F401 - an optimizer's first step imports it (~2 s):
        # paid once here, not again in every forked snippet

        torch.set_num_threads(1)
        torch.set_num_interop_threads(1)
    elif runtime == "tf":
        import keras  # noqa: F401
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    elif runtime != "none":
        raise SystemExit(f"unknown runtime {runtime!r}")


def seed_everything(seed: int) -> None:
    """Seed every generator a snippet may use. Keras 3 needs its own call."""
    random.seed(seed)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed(seed)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(seed)
    if "keras" in sys.modules:
        sys.modules["keras"].utils.set_random_seed(seed)  # seeds TensorFlow too
    elif "tensorflow" in sys.modules:
        sys.modules["tensorflow"].random.set_seed(seed)


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


# ---------------------------------------------------------------- processes


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, value: int) -> None:
    if _libc().prctl(option, ctypes.c_ulong(value), ctypes.c_ulong(0), ctypes.c_ulong(0),
                     ctypes.c_ulong(0)) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"prctl({option}, {value}): {os.strerror(error)}")


def _die_with_parent(parent: int) -> None:
    """SIGKILL for this process the moment its parent dies (or now, if it already did)."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _descendants(root: int) -> list[int]:
    """Every live process below `root`, from /proc."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    parent = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue  # it ended while we looked
            children.setdefault(parent, []).append(int(name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_everything_below() -> None:
    """Kill and reap every process below this one. This process is a subreaper: what its
    children leave behind becomes its child, so once it has no child, nothing is left."""
    deadline = time.monotonic() + REAP_SECONDS
    while True:
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass  # reaped one; look for more
        except ChildProcessError:
            return
        if time.monotonic() > deadline:
            return
        for pid in _descendants(os.getpid()):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _guard(protected: set[int], group: int) -> None:
    """Refuse a snippet's signal to the processes that run it, or to every process."""
    def hook(event: str, args: tuple) -> None:
        if event == "os.kill" and args[1] and (args[0] in protected or args[0] in (-1, -group)):
            raise PermissionError(f"a snippet may not signal the worker that runs it "
                                  f"(os.kill({args[0]}, {args[1]!s}))")
        if event == "os.killpg" and args[1] and args[0] == group:
            raise PermissionError(f"a snippet may not signal the worker that runs it "
                                  f"(os.killpg({args[0]}, {args[1]!s}))")
    sys.addaudithook(hook)


def _limit_memory(gigabytes: float) -> None:
    """Allow `gigabytes` of writable memory beyond what the forked process holds already."""
    with open("/proc/self/status") as f:
        held = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmData:"))
    limit = held + int(gigabytes * 1024 ** 3)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


# ---------------------------------------------------------------- one job


def _snippet_line(path: str, frame) -> int | None:
    """The line of the innermost frame in the snippet's file, from `frame` outwards."""
    while frame is not None:
        if frame.f_code.co_filename == path:
            return frame.f_lineno
        frame = frame.f_back
    return None


def _child(job: dict, workdir: str, capture: str, channel: int) -> None:
    """Runs in the forked child; never returns."""
    path, exit_now = job["path"], os._exit
    report: dict = {"error": None, "error_line": None, "fix": None, "seconds": 0.0,
                    "values": {}, "figures": {}, "sha256": None}
    namespace: dict = {}
    start = time.perf_counter()

    def conclude(status: int) -> None:
        """Collect what a finished run must hand back, write the report, exit."""
        report["seconds"] = report["seconds"] or time.perf_counter() - start
        if status == 0:
            try:
                report["values"] = _agreed_values(namespace, job.get("agree", []))
                report["figures"] = _figures(workdir)
            except (NameError, TypeError, ValueError) as exc:
                report["error"], status = f"{type(exc).__name__}: {exc}\n", 1
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            with open(os.path.join(capture, "report.json"), "w") as f:
                json.dump(report, f)
        finally:
            exit_now(status)

    def exit_hook(status: int) -> None:  # os._exit from the snippet: say where
        if os.getpid() == me:
            report["seconds"] = time.perf_counter() - start
            if status != 0:
                report["error"] = (f"the snippet called os._exit({status}), which ends it at "
                                   "once\n")
                report["error_line"] = _snippet_line(path, sys._getframe(1))
            conclude(status)
        exit_now(status)

    me = os.getpid()
    try:
        os.setpgid(0, 0)  # so a timeout kills whatever the snippet started, too
        _die_with_parent(job["worker"])
        os.close(channel)
        for fd, name, mode in ((0, os.devnull, os.O_RDONLY),
                               (1, os.path.join(capture, "stdout"), os.O_WRONLY | os.O_CREAT),
                               (2, os.path.join(capture, "stderr"), os.O_WRONLY | os.O_CREAT)):
            new = os.open(name, mode, 0o600)
            os.dup2(new, fd)
            os.close(new)
        faulthandler.enable(file=sys.stderr, all_threads=False)  # a crash names its line
        faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=False)
        _limit_memory(job["memory"])
        _guard({job["worker"], job["supervisor"]}, os.getpgid(job["worker"]))
        os.chdir(workdir)
        sys.argv = [path]
        sys.path.insert(0, os.path.dirname(path))
        seed_everything(job.get("seed", 0))
        with open(path, "rb") as f:
            source = f.read()
        report["sha256"] = hashlib.sha256(source).hexdigest()
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
            report["seconds"] = time.perf_counter() - start
        except SystemExit as exc:
            text, report["error_line"] = _snippet_traceback(exc, path)
            report["error"] = "".join(text.splitlines(keepends=True)[:-1]) + (
                f"SystemExit: the snippet exited with status {exc.code!r}\n")
            conclude(1)
        except BaseException as exc:  # noqa: BLE001 - the snippet's failure is our report
            report["error"], report["error_line"] = _snippet_traceback(exc, path)
            conclude(1)
    except BaseException:  # noqa: BLE001 - the engine's own failure, reported as such
        report["error"] = "the worker could not start the snippet:\n" + traceback.format_exc()
        conclude(1)
    conclude(0)


def _wait(pid: int, timeout: float) -> tuple[int | None, bool]:
    """Wait for the child; returns (wait status, timed out)."""
    pidfd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([pidfd], [], [], timeout)
    finally:
        os.close(pidfd)
    if ready:
        return os.waitpid(pid, 0)[1], False
    os.kill(pid, signal.SIGUSR1)  # faulthandler prints where the snippet was stuck
    time.sleep(GRACE_SECONDS)
    _kill_group(pid)
    return os.waitpid(pid, 0)[1], True


def _read_log(path: str) -> str:
    """Stderr, or its last MAX_CAPTURE bytes: a stack dump comes last."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            f.seek(max(0, size - MAX_CAPTURE))
            data = f.read(MAX_CAPTURE)
    except FileNotFoundError:
        return ""
    skipped = f"[... the first {size - MAX_CAPTURE} bytes left out]\n" if size > MAX_CAPTURE else ""
    return skipped + data.decode("utf-8", errors="replace")


# What a page cannot show: control characters other than tab and newline.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
CONTROL_NAMES = {"\x00": "a NUL byte", "\x1b": "an ANSI escape code (colour or cursor)",
                 "\r": "a carriage return (a progress bar?)", "\b": "a backspace"}
PLAIN_TEXT_FIX = ("print plain text: no colours, no progress bars, no raw bytes (print "
                  "their repr() instead)")


def _read_output(path: str) -> tuple[str, str | None, str | None]:
    """Stdout as (text, why it cannot be an approved output, the fix). An output is UTF-8
    text without control characters, of MAX_CAPTURE bytes at most: never cut silently."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            data = f.read(MAX_CAPTURE)
    except FileNotFoundError:
        return "", None, None
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


def run_job(job: dict, channel: int) -> dict:
    """Run one snippet in a forked child, in job["folder"], and clean up after it."""
    path = job["path"] = os.path.abspath(job["path"])
    workdir, capture = (os.path.join(job["folder"], name) for name in ("work", "capture"))
    job.update(worker=os.getpid(), supervisor=os.getppid())
    pid = None
    try:
        os.makedirs(workdir)
        os.makedirs(capture)
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            _child(job, workdir, capture, channel)
        status, timed_out = _wait(pid, job["timeout"])
        wall = time.perf_counter() - started
        _kill_group(pid)  # leftovers, e.g. compiler workers
        kill_everything_below()  # and whatever left the group: daemons, new sessions
        try:
            with open(os.path.join(capture, "report.json")) as f:
                report = json.load(f)
        except (FileNotFoundError, json.JSONDecodeError):  # it died, or exited from C
            report = {"error": _describe_status(status), "error_line": None, "fix": None,
                      "seconds": wall, "values": {}, "figures": {}, "sha256": None}
        stdout, unfit, fix = _read_output(os.path.join(capture, "stdout"))
        if timed_out:
            report["error"] = None
        elif report["error"] is None and unfit:
            report["error"], report["fix"] = f"{unfit}\n", fix
        elif report["error"] is None and _file_hash(path) != report["sha256"]:
            report["error"] = "the file changed while it ran, so this output is not its own\n"
            report["fix"] = "run it again"
        return {**report, "timed_out": timed_out, "wall": wall, "stdout": stdout,
                "stderr": _read_log(os.path.join(capture, "stderr"))}
    finally:
        if pid:
            _kill_group(pid)
        kill_everything_below()
        shutil.rmtree(job["folder"], ignore_errors=True)


def _describe_status(status: int) -> str:
    """Why a child that wrote no report ended: a signal, or an exit from native code."""
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        return f"the snippet's process died from signal {name} (a crash in native code?)\n"
    return (f"the snippet's process exited with status {os.WEXITSTATUS(status)} before it "
            "finished\n")


# ---------------------------------------------------------------- the two processes


def serve(runtime: str, supervisor: int) -> None:
    """The worker proper: import the framework, then run one job per line of stdin."""
    _die_with_parent(supervisor)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    # Keep the protocol on a private copy of stdout; stray prints go to stderr.
    channel = os.dup(1)
    os.dup2(2, 1)
    out = os.fdopen(channel, "w", buffering=1, closefd=False)
    try:
        import_framework(runtime)
        versions = installed_versions(runtime)
    except BaseException:  # noqa: BLE001 - say why, in the protocol, then stop
        out.write(json.dumps({"ready": False, "error": traceback.format_exc()}) + "\n")
        return
    out.write(json.dumps({"ready": True, "versions": versions,
                          "python": platform.python_version()}) + "\n")
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(run_job(json.loads(line), channel)) + "\n")


class _Stop(Exception):
    pass


def _stop(signum, frame) -> None:
    raise _Stop


def _end(server: int) -> int:
    """Kill the worker (a no-op once it has ended) and all below it; its exit status, as a
    shell gives it: 128 + the signal that ended it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(server, signal.SIGKILL)
    status = os.waitpid(server, 0)[1]
    kill_everything_below()
    return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def supervise(server: int, lifeline: int | None, scratch: str | None) -> int:
    """Guard the worker until the engine lets go of it (closes the lifeline, or ends): then,
    or when the worker ends first, kill it and everything below it. When the worker ends
    first, tell the engine how, on the protocol channel. Returns the worker's status."""
    signal.signal(signal.SIGTERM, _stop)  # how the engine stops a worker that hangs
    protocol = os.dup(1)
    quiet = os.open(os.devnull, os.O_RDWR)
    os.dup2(quiet, 0)
    os.dup2(quiet, 1)
    pidfd = os.pidfd_open(server)
    status = None
    try:
        watched = [pidfd] + ([lifeline] if lifeline is not None else [])
        ready, _, _ = select.select(watched, [], [])
        if pidfd in ready:  # the worker ended while the engine still holds it
            status = _end(server)
            with contextlib.suppress(OSError):
                os.write(protocol, json.dumps({"ended": status}).encode() + b"\n")
            os.close(protocol)
            if lifeline is not None:  # its folders hold what the engine will read
                select.select([lifeline], [], [])
    except _Stop:
        pass
    finally:
        if status is None:
            status = _end(server)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    return status


def main(argv: list[str]) -> int:
    runtime = argv[1] if len(argv) > 1 else "none"
    lifeline = int(argv[2]) if len(argv) > 2 else None
    scratch = argv[3] if len(argv) > 3 else None
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the supervisor outlives a Ctrl-C
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    supervisor = os.getpid()
    server = os.fork()
    if server == 0:
        status = 1
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)  # stops the job
            if lifeline is not None:
                os.close(lifeline)
            serve(runtime, supervisor)
            status = 0
        except KeyboardInterrupt:
            status = 130
        finally:
            kill_everything_below()
            os._exit(status)
    return supervise(server, lifeline, scratch)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
