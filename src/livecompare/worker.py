"""A fork server for one framework: `python -m livecompare.worker torch|tf`.

It imports the framework once, then for each job read from stdin (one JSON line) forks a
child that runs the snippet with `runpy.run_path` in a fresh temporary directory, seeded,
with stdout and stderr captured at the file-descriptor level. It answers one JSON line per
job on the channel that was its stdout. Forking after the import means no snippet pays for
it, and no snippet sees what another one left behind.
"""

from __future__ import annotations

import faulthandler
import functools
import importlib.metadata
import json
import os
import platform
import random
import runpy
import select
import shutil
import signal
import sys
import tempfile
import time
import traceback

MAX_CAPTURE = 256 * 1024  # bytes of stdout or stderr kept from one run
MAX_FIGURE = 1024 * 1024  # bytes of one SVG figure a snippet writes
GRACE_SECONDS = 1.0  # after SIGUSR1 (stack dump) and before SIGKILL


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


def _child(path: str, workdir: str, capture: str, seed: int, channel: int,
           agree: list[str]) -> None:
    """Runs in the forked child; never returns."""
    status = 0
    report: dict = {"error": None, "error_line": None, "seconds": 0.0, "values": {},
                    "figures": {}}
    try:
        os.setpgid(0, 0)  # so a timeout kills whatever the snippet started, too
        os.close(channel)
        for fd, name, mode in ((0, os.devnull, os.O_RDONLY),
                               (1, os.path.join(capture, "stdout"), os.O_WRONLY | os.O_CREAT),
                               (2, os.path.join(capture, "stderr"), os.O_WRONLY | os.O_CREAT)):
            new = os.open(name, mode, 0o600)
            os.dup2(new, fd)
            os.close(new)
        faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=False)
        os.chdir(workdir)
        sys.argv = [path]
        sys.path.insert(0, os.path.dirname(path))
        seed_everything(seed)
        start = time.perf_counter()
        try:
            namespace = runpy.run_path(path, run_name="__main__")
            report["seconds"] = time.perf_counter() - start
            report["values"] = _agreed_values(namespace, agree)
            report["figures"] = _figures(workdir)
        except SystemExit as exc:
            if exc.code not in (None, 0):
                report["error"] = f"SystemExit: the snippet exited with status {exc.code!r}\n"
                status = 1
        except BaseException as exc:  # noqa: BLE001 - the snippet's failure is our report
            report["error"], report["error_line"] = _snippet_traceback(exc, path)
            status = 1
        report["seconds"] = report["seconds"] or time.perf_counter() - start
    except BaseException:  # noqa: BLE001 - the engine's own failure, reported as such
        report["error"] = "the worker could not start the snippet:\n" + traceback.format_exc()
        status = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            with open(os.path.join(capture, "report.json"), "w") as f:
                json.dump(report, f)
        finally:
            os._exit(status)


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


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _read(path: str) -> str:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_CAPTURE + 1)
    except FileNotFoundError:
        return ""
    text = data[:MAX_CAPTURE].decode("utf-8", errors="replace")
    if len(data) > MAX_CAPTURE:
        text += f"\n[... output cut at {MAX_CAPTURE} bytes]\n"
    return text


def run_job(job: dict, channel: int) -> dict:
    path = os.path.abspath(job["path"])
    workdir = tempfile.mkdtemp(prefix="livecompare-run-")
    capture = tempfile.mkdtemp(prefix="livecompare-capture-")
    try:
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            _child(path, workdir, capture, job.get("seed", 0), channel, job.get("agree", []))
        status, timed_out = _wait(pid, job["timeout"])
        wall = time.perf_counter() - started
        _kill_group(pid)  # leftovers, e.g. compiler workers
        try:
            with open(os.path.join(capture, "report.json")) as f:
                report = json.load(f)
        except (FileNotFoundError, json.JSONDecodeError):
            report = {"error": None, "error_line": None, "seconds": wall, "values": {},
                      "figures": {}}
        if timed_out:
            report["error"] = None
        elif report["error"] is None and status != 0:
            report["error"] = _describe_status(status)
        return {**report, "timed_out": timed_out, "wall": wall,
                "stdout": _read(os.path.join(capture, "stdout")),
                "stderr": _read(os.path.join(capture, "stderr"))}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(capture, ignore_errors=True)


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        return f"the snippet's process died from signal {name} (a crash in native code?)\n"
    return f"the snippet's process exited with status {os.WEXITSTATUS(status)}\n"


def main(argv: list[str]) -> None:
    runtime = argv[1] if len(argv) > 1 else "none"
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


if __name__ == "__main__":
    main(sys.argv)
