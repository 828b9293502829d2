"""What a snippet prints, read by the worker through two pipes with a cap.

Reading a pipe rather than letting the snippet write a file means a flood of output fills
neither the disk nor memory: past the cap, bytes are read and dropped, and only counted.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import time

from .processes import descendants, kill_everything_below, kill_group

MAX_CAPTURE = 256 * 1024  # bytes of stdout an output may hold; the last ones of stderr kept
GRACE_SECONDS = 1.0  # after SIGUSR1 (stack dump) and before SIGKILL
MEMORY_POLL = 0.2  # seconds between two looks at what the snippet's processes hold


class Capture:
    """What the child writes to one pipe: the first `keep` bytes (stdout, which must fit
    whole) or the last ones (stderr, where a stack dump comes last), and the total size.
    Everything past the cap is read and dropped, so a flood fills neither disk nor memory.
    The kept bytes also go to `path`, where the engine finds them if the worker dies."""

    def __init__(self, fd: int, path: str, keep_tail: bool):
        self.fd, self.keep_tail, self.size = fd, keep_tail, 0
        self.data = bytearray()
        self.file = open(path, "wb")  # noqa: SIM115 - closed in close()

    def read(self) -> bool:
        """Read what is there; False at end of file."""
        try:
            chunk = os.read(self.fd, 65536)
        except BlockingIOError:
            return True
        if not chunk:
            return False
        self.size += len(chunk)
        if self.keep_tail:
            self.data += chunk
            del self.data[:-MAX_CAPTURE]
        elif len(self.data) <= MAX_CAPTURE:
            self.data += chunk[:MAX_CAPTURE + 1 - len(self.data)]
        if self.file.tell() <= MAX_CAPTURE:
            self.file.write(chunk[:MAX_CAPTURE + 1 - self.file.tell()])
            self.file.flush()
        return True

    def close(self) -> None:
        os.close(self.fd)
        self.file.close()


def held_memory(pids: list[int]) -> int:
    """Bytes of anonymous and shared memory the processes hold (Pss: a page that several
    of them share counts once across them, so a shared mapping counts too)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += sum(int(line.split()[1]) * 1024 for line in f
                             if line.startswith(("Pss_Anon:", "Pss_Shmem:")))
        except (OSError, ValueError, IndexError):
            continue  # it ended while we looked
    return total


def collect(pid: int, captures: list[Capture], timeout: float,
            memory: float) -> tuple[int, bool, int]:
    """Read the child's pipes until it ends or its time is up; returns (wait status, timed
    out, bytes over its memory). A child past its time gets SIGUSR1 (faulthandler prints
    where it was stuck), a moment to print it, then SIGKILL with all its group. The memory
    the child and all it started hold together may grow by `memory` GB at most: RLIMIT_DATA
    counts each process alone, and no shared mapping."""
    pidfd = os.pidfd_open(pid)
    open_pipes = {c.fd: c for c in captures}
    for fd in open_pipes:
        os.set_blocking(fd, False)
    deadline, timed_out, over = time.monotonic() + timeout, False, 0
    start, limit = held_memory([pid]), int(memory * 1024 ** 3)  # just forked: the baseline
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 and not timed_out:
                os.kill(pid, signal.SIGUSR1)
                deadline, timed_out, left = time.monotonic() + GRACE_SECONDS, True, GRACE_SECONDS
            elif left <= 0 or over:
                kill_group(pid)
                left = None  # the pidfd is ready once the kernel has killed it
            ready, _, _ = select.select([pidfd, *open_pipes], [], [],
                                        None if left is None else min(left, MEMORY_POLL))
            for fd in ready:
                if fd in open_pipes and not open_pipes[fd].read():
                    del open_pipes[fd]
            if pidfd in ready:
                break
            tree = [pid, *descendants(pid)]
            held = held_memory(tree)
            if held - start > limit and not over:
                over = held - start
                for member in tree:  # killed, not reaped: waitpid below reaps the child
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(member, signal.SIGKILL)
    finally:
        os.close(pidfd)
    status = os.waitpid(pid, 0)[1]
    kill_group(pid)  # leftovers, e.g. compiler workers, may hold the pipes open
    kill_everything_below()  # and whatever left the group: daemons, new sessions
    for capture in open_pipes.values():  # every writer is gone: read to the end
        os.set_blocking(capture.fd, True)
        while capture.read():
            pass
    return status, timed_out, over


def stderr_text(capture: Capture) -> str:
    """Stderr, or its last MAX_CAPTURE bytes: a stack dump comes last."""
    skipped = (f"[... the first {capture.size - MAX_CAPTURE} bytes left out]\n"
               if capture.size > MAX_CAPTURE else "")
    return skipped + bytes(capture.data).decode("utf-8", errors="replace")
