"""The process rules every worker keeps: nothing a snippet starts outlives its run.

A worker is a child subreaper (prctl), so whatever a snippet leaves behind, a daemon in a
session of its own included, becomes the worker's child and is killed after the job. A
child dies with its parent (PR_SET_PDEATHSIG), may not signal the processes that run it,
and may allocate only so much memory (RLIMIT_DATA).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import resource
import signal
import sys
import time

REAP_SECONDS = 5.0  # the longest a clean-up keeps killing what a snippet left running
PR_SET_PDEATHSIG = 1  # prctl(2): a signal for this process when its parent dies
PR_SET_CHILD_SUBREAPER = 36  # prctl(2): orphans below this process become its children


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def prctl(option: int, value: int) -> None:
    if _libc().prctl(option, ctypes.c_ulong(value), ctypes.c_ulong(0), ctypes.c_ulong(0),
                     ctypes.c_ulong(0)) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"prctl({option}, {value}): {os.strerror(error)}")


def die_with_parent(parent: int) -> None:
    """SIGKILL for this process the moment its parent dies (or now, if it already did)."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def descendants(root: int) -> list[int]:
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
        for pid in descendants(os.getpid()):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)


def kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def guard(protected: set[int], group: int) -> None:
    """Refuse a snippet's signal to the processes that run it, or to every process."""
    def hook(event: str, args: tuple) -> None:
        if event == "os.kill" and args[1] and (args[0] in protected or args[0] in (-1, -group)):
            raise PermissionError(f"a snippet may not signal the worker that runs it "
                                  f"(os.kill({args[0]}, {args[1]!s}))")
        if event == "os.killpg" and args[1] and args[0] == group:
            raise PermissionError(f"a snippet may not signal the worker that runs it "
                                  f"(os.killpg({args[0]}, {args[1]!s}))")
    sys.addaudithook(hook)


def limit_memory(gigabytes: float) -> None:
    """Allow `gigabytes` of writable memory beyond what the forked process holds already."""
    with open("/proc/self/status") as f:
        held = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmData:"))
    limit = held + int(gigabytes * 1024 ** 3)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
