"""A fork server for one runtime: `python -m livecompare.runner.worker RUNTIME [LIFELINE SCRATCH]`

It imports the framework once (the RUNTIMES entry of frameworks.py), then for each Job
read from stdin forks a child that runs the snippet (job.py), and answers a Report per Job
on the channel that was its stdout (protocol.py). Forking after the import means no
snippet pays for it, and no snippet sees what another one left behind.

Nothing a job starts outlives it. The child dies with the worker (PR_SET_PDEATHSIG) and may
not signal it. The worker is a child subreaper, so whatever the snippet leaves behind, a
daemon in a session of its own included, becomes the worker's child; after each job, and
on Ctrl-C, the worker kills all of it. A supervisor process, forked before the framework is
imported, does the same when the worker itself dies, or when the engine that started it
goes away (the engine holds the other end of the LIFELINE pipe). It runs in a session of
its own and ignores Ctrl-C, SIGHUP and SIGQUIT, so a closed terminal or a signal to the
engine's process group ends the engine, and the supervisor then cleans up. Snippets are
confined by sandbox.py: where the kernel allows, they cannot signal it. A snippet may allocate
`memory` GB beyond what the worker already holds (RLIMIT_DATA, which counts what a process
can write, not the address space TensorFlow reserves).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import os
import platform
import select
import shutil
import signal
import sys
import traceback

from ..frameworks import RUNTIMES
from . import job as job_module
from .job import run_job
from .processes import PR_SET_CHILD_SUBREAPER, die_with_parent, kill_everything_below, prctl
from .protocol import Ended, NotReady, Ready, decode, encode


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
    for module in RUNTIMES[runtime].modules:
        names = providers.get(module)
        version = importlib.metadata.version(names[0]) if names else "not installed"
        versions[module] = version.split("+", 1)[0]
    return versions


def import_framework(runtime: str) -> None:
    """Import once in the parent, and pin threads before any work creates a pool; a
    runtime that is not fork-safe is imported by each forked child instead (job.py)."""
    if runtime not in RUNTIMES:
        raise SystemExit(f"unknown runtime {runtime!r}")
    import numpy  # noqa: F401 - seeded before every snippet, whatever the runtime

    if RUNTIMES[runtime].fork_safe:
        RUNTIMES[runtime].setup()
    else:
        job_module.setup_in_child = RUNTIMES[runtime].setup


# ---------------------------------------------------------------- the two processes


def serve(runtime: str, supervisor: int) -> None:
    """The worker proper: import the framework, then run one job per line of stdin."""
    die_with_parent(supervisor)
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    # Keep the protocol on a private copy of stdout; stray prints go to stderr.
    channel = os.dup(1)
    os.dup2(2, 1)
    out = os.fdopen(channel, "w", buffering=1, closefd=False)
    try:
        import_framework(runtime)
        versions = installed_versions(runtime)
    except BaseException:  # noqa: BLE001 - say why, in the protocol, then stop
        out.write(encode(NotReady(traceback.format_exc())))
        return
    out.write(encode(Ready(versions, platform.python_version())))
    for line in sys.stdin:
        if line.strip():
            out.write(encode(run_job(decode(line), channel)))


# Signals the supervisor outlives: Ctrl-C, a closed terminal, quit, and job control.
SURVIVED = (signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN,
            signal.SIGTTOU)


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
    for name in SURVIVED:  # a closed terminal or a stray signal ends the engine, not us:
        signal.signal(name, signal.SIG_IGN)  # the lifeline then says when to clean up
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
                os.write(protocol, encode(Ended(status)).encode())
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
    for name in SURVIVED:  # before the fork, so no moment is left unguarded
        signal.signal(name, signal.SIG_IGN)
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    supervisor = os.getpid()
    server = os.fork()
    if server == 0:
        status = 1
        try:
            for name in SURVIVED:  # what the snippets inherit: the usual dispositions
                signal.signal(name, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)  # stops the job
            if lifeline is not None:
                os.close(lifeline)
            serve(runtime, supervisor)
            status = 0
        except KeyboardInterrupt:
            status = 130
        except BaseException:  # noqa: BLE001 - the engine shows the worker's stderr
            traceback.print_exc()
            raise
        finally:
            kill_everything_below()
            os._exit(status)
    return supervise(server, lifeline, scratch)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
