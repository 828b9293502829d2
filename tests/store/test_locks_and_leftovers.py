"""A wait for the manifest lock is said and can be stopped; a writer killed outright
leaves nothing that lasts.

The snippets run on the plain-Python runtime, so the module needs no framework.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from livecompare import files

# conftest.py: no framework; this process runs its snippets in itself (the DRIVER
# processes below run theirs for real)
pytestmark = pytest.mark.usefixtures("plain_runtimes", "in_process")

DRIVER = textwrap.dedent("""
    import dataclasses, runpy, sys
    from livecompare.project import FRAMEWORKS
    for key, fw in list(FRAMEWORKS.items()):
        FRAMEWORKS[key] = dataclasses.replace(fw, runtime="none")
    sys.argv = ["livecompare", "--root", sys.argv[1], *sys.argv[2:]]
    runpy.run_module("livecompare", run_name="__main__")
""")


def _dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


class Lines:
    """A pipe's lines, read as they come, so a test can wait for one."""

    def __init__(self, stream):
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(line)

    def wait_for(self, text: str, seconds: float) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if found := next((ln for ln in self.lines if text in ln), None):
                return found
            time.sleep(0.05)
        raise AssertionError(f"never said {text!r}; said:\n{''.join(self.lines)}")


def test_a_wait_for_the_manifest_lock_is_said_once_and_ctrl_c_stops_it_at_once(tiny):
    tiny.pair("s/one", "print('torch 1')\n", "print('tf 1')\n")
    tiny.page("index.md", "# Home\n\n<!-- compare: s/one -->\n")
    with open(tiny.root / "snippets/.manifest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another `make outputs` or `make live`, writing
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        run = subprocess.Popen([sys.executable, "-c", DRIVER, str(tiny.root), "outputs"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            err = Lines(run.stderr)
            said = err.wait_for("waiting for snippets/.manifest.lock", 120)
            assert f"process {os.getpid()}" in said, "it names who holds the lock"
            assert "Ctrl-C" in said
            time.sleep(0.5)
            run.send_signal(signal.SIGINT)
            started = time.monotonic()
            run.wait(timeout=10)
            assert time.monotonic() - started < 5, "Ctrl-C stopped the wait at once"
        finally:
            run.kill()
            run.wait()
        err.thread.join(timeout=5)
    text = "".join(err.lines)
    assert run.returncode != 0
    assert text.count("waiting for snippets/.manifest.lock:") == 1, "said once"
    assert "stopped waiting for snippets/.manifest.lock; nothing was written" in text
    assert not list(tiny.root.rglob("*.out")), "no output written without its manifest"
    assert not (tiny.root / "snippets/manifest.json").exists()


def test_the_lock_holder_writes_its_pid_and_another_process_waits_for_it(tiny):
    tiny.pair("s/one", "print('torch 1')\n", "print('tf 1')\n")
    tiny.page("index.md", "# Home\n\n<!-- compare: s/one -->\n")
    assert tiny.cli("outputs") == 0  # took and released the lock
    with open(tiny.root / "snippets/.manifest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        tiny.write("snippets/s/one_tf.py", "print('tf 2')\n")
        run = subprocess.Popen([sys.executable, "-c", DRIVER, str(tiny.root), "outputs"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        err = Lines(run.stderr)
        err.wait_for("waiting for snippets/.manifest.lock", 120)
        assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 1\n"
    out, _ = run.communicate(timeout=60)  # the lock is free: it goes on and writes
    assert run.returncode == 0, "".join(err.lines)
    assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 2\n"


# ------------------------------------------------------------------ partial files


KILLED_WHILE_WRITING = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from livecompare import files
    files.os.replace = lambda *args: os.kill(os.getpid(), 9)  # kill -9 before the rename
    files.write_atomically(Path(sys.argv[1]), "new\\n")
""")


def test_a_writer_killed_outright_leaves_a_partial_file_that_the_next_write_removes(tmp_path):
    target = tmp_path / "one_tf.out"
    target.write_text("old\n")
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_WRITING, str(target)])
    assert killed.returncode == -signal.SIGKILL
    left = list(tmp_path.glob("*.partial"))
    assert len(left) == 1 and target.read_text() == "old\n", "the old file stays whole"
    files.write_atomically(tmp_path / "other.out", "x\n")  # the next write in the folder
    assert not list(tmp_path.glob("*.partial")), "what the killed writer left is gone"
    files.write_atomically(target, "new\n")
    assert target.read_text() == "new\n", "a file written is complete"


def test_make_outputs_removes_partial_files_of_dead_writers_and_keeps_a_live_ones(tiny):
    tiny.pair("s/one", "print('torch 1')\n", "print('tf 1')\n")
    tiny.page("index.md", "# Home\n\n<!-- compare: s/one -->\n")
    assert tiny.cli("outputs") == 0
    dead = _dead_pid()
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as alive:
        stale = [tiny.write(f"snippets/s/.one_tf.out.{dead}.k2j3h_x.partial", "ha"),
                 tiny.write(f"snippets/.manifest.json.{dead}.abc123.partial", "{"),
                 tiny.write(f"docs/notebooks/pytorch/.index.ipynb.{dead}.q1w2e3.partial", "")]
        busy = tiny.write(f"snippets/s/.one_torch.out.{alive.pid}.zz9.partial", "half")
        assert tiny.cli("outputs") == 0  # nothing to run: every output is up to date
        assert not [p for p in stale if p.exists()], "the dead writers' files are removed"
        assert busy.exists(), "a live writer's file is left to it"
        alive.kill()
    assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 1\n"
