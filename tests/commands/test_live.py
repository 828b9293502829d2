"""`make live`: a saved snippet is re-run in a warm worker and its output written."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest
from helpers import approved_pair

from livecompare.commands.live import Watcher
from livecompare.project import FRAMEWORKS
from livecompare.runner.run import Workers

REAL_FRAMEWORKS = dict(FRAMEWORKS)  # before the fixture below swaps in plain Python


pytestmark = pytest.mark.usefixtures("plain_runtimes")  # conftest.py: no framework


def _save(path, text):
    path.write_text(text)
    later = time.time_ns() + 1_000_000_000  # a new mtime even on a coarse clock
    os.utime(path, ns=(later, later))


def test_a_saved_snippet_is_rerun_in_the_same_warm_worker(tiny):
    tiny.pair("s/one", "print('torch 1')\n", "print('tf 1')\n")
    runner = Workers()
    try:
        watcher = Watcher(tiny.project, runner)
        assert watcher.step() == []  # nothing saved yet
        _save(tiny.root / "snippets/s/one_tf.py", "print('tf 2')\n")
        assert watcher.step() == ["s/one_tf"]
        assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 2\n"
        assert not (tiny.root / "snippets/s/one_torch.out").exists()  # only what was saved
        pid = runner.workers["none"].process.pid
        _save(tiny.root / "snippets/s/one_tf.py", "print('tf 3')\n")
        assert watcher.step() == ["s/one_tf"]
        assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 3\n"
        assert runner.workers["none"].process.pid == pid  # warm: no new import
    finally:
        runner.close()


def test_a_broken_save_keeps_the_old_output_and_the_watch_going(tiny, capsys):
    tiny.pair("s/one", "print('torch 1')\n", "print('tf 1')\n")
    runner = Workers()
    try:
        watcher = Watcher(tiny.project, runner)
        _save(tiny.root / "snippets/s/one_tf.py", "print('tf 1')\n")
        watcher.step()
        _save(tiny.root / "snippets/s/one_tf.py", "raise ValueError('half written')\n")
        watcher.step()
        assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 1\n"
        assert "ValueError: half written" in capsys.readouterr().err
        _save(tiny.root / "snippets/s/one_tf.py", "print('fixed')\n")
        assert watcher.step() == ["s/one_tf"]
    finally:
        runner.close()


@pytest.mark.frameworks
def test_with_the_real_frameworks_a_save_reruns_without_importing_them_again(
        tiny, monkeypatch, capsys):
    """The worker imports torch and TensorFlow once, at start; each save then costs only
    the snippet's own run. The seconds are printed for the record, never asserted."""
    for key, framework in REAL_FRAMEWORKS.items():
        monkeypatch.setitem(FRAMEWORKS, key, framework)
    tiny.pair("s/one", '"""t."""\nimport torch\n\nprint(torch.ones(2).sum().item())\n',
              '"""t."""\nimport tensorflow as tf\n\nprint(float(tf.reduce_sum(tf.ones(2))))\n')
    runner = Workers()
    try:
        started = time.perf_counter()
        runner.warm_up(["torch", "tf"])
        warm_up = time.perf_counter() - started
        watcher = Watcher(tiny.project, runner)
        pids = {r: w.process.pid for r, w in runner.workers.items()}
        seconds = {}
        for name in ("one_torch", "one_tf"):
            path = tiny.root / f"snippets/s/{name}.py"
            _save(path, path.read_text().replace("ones(2)", "ones(3)"))
            started = time.perf_counter()
            assert watcher.step() == [f"s/{name}"]
            seconds[name] = time.perf_counter() - started
            assert (tiny.root / f"snippets/s/{name}.out").read_text() == "3.0\n"
        assert {r: w.process.pid for r, w in runner.workers.items()} == pids
    finally:
        runner.close()
    with capsys.disabled():
        print(f"\nmake live: workers warmed up in {warm_up:.1f} s; a saved snippet's output "
              "was rewritten in " + ", ".join(f"{n} {s:.2f} s" for n, s in seconds.items()))


# ------------------------------------- `make live` as a process: its port and its stopping

LIVE_DRIVER = """
import dataclasses, sys
from livecompare.project import FRAMEWORKS
for key, fw in list(FRAMEWORKS.items()):
    FRAMEWORKS[key] = dataclasses.replace(fw, runtime="none")
from livecompare.commands.cli import main
sys.exit(main(["--root", sys.argv[1], "live", "--dev-addr", sys.argv[2]]))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def _descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{name}/stat") as f:
                children.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(
                    int(name))
        except (OSError, IndexError, ValueError):
            continue
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _in_session(session: int) -> set[int]:
    """The live processes of a session (a zombie has ended: it only waits to be reaped)."""
    found = set()
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.add(int(name))
    return found


def _start_live(tiny, port: int) -> subprocess.Popen:
    """`make live` in a session of its own, its messages in live.log (a file, not a pipe
    that whatever outlives it would hold open)."""
    tiny.pair("s/one", "print('torch 1')\n", "print('tf 1')\n")
    tiny.page("index.md", "# Home\n")
    (tiny.root / "mkdocs.yml").write_text("site_name: tiny\n")
    with open(tiny.root / "live.log", "w") as log:
        return subprocess.Popen(
            [sys.executable, "-c", LIVE_DRIVER, str(tiny.root), f"127.0.0.1:{port}"],
            cwd=tiny.root, start_new_session=True, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=lambda s: signal.Signals(s).name)
def test_make_live_stopped_by_a_signal_stops_mkdocs_serve_and_its_workers(tiny, signum):
    """`kill`, a closed terminal or Ctrl-C, sent to `make live` alone: nothing it started
    goes on answering on the port, or running at all."""
    port = _free_port()
    live = _start_live(tiny, port)
    try:
        assert _wait_for(lambda: _answers(port) or live.poll() is not None, 120), (
            "make live never served")
        assert live.poll() is None, (tiny.root / "live.log").read_text()
        started = _descendants(live.pid)
        assert len(started) >= 3, "mkdocs serve and a worker, at least"
        os.kill(live.pid, signum)  # to it alone, not to its process group
        live.wait(timeout=120)  # a safety net, not a speed: one core may be busy
        assert _wait_for(lambda: not _answers(port), 10), "mkdocs serve still answers"
        assert _wait_for(lambda: not _in_session(live.pid), 10), (
            f"still running after {signal.Signals(signum).name}: {_in_session(live.pid)}")
        assert live.returncode in (0, 128 + signum), "it stopped as asked, not by dying"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(live.pid, signal.SIGKILL)
        live.wait()


def test_make_live_on_a_busy_port_fails_at_once_naming_it_and_another_one(tiny):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        live = _start_live(tiny, port)
        try:
            live.wait(timeout=60)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(live.pid, signal.SIGKILL)
    err = (tiny.root / "live.log").read_text()
    assert live.returncode != 0
    assert "serving at" not in err
    assert f"127.0.0.1:{port} is in use" in err
    assert re.search(r"make live ADDRESS=127\.0\.0\.1:\d+", err), err
    assert "Traceback" not in err
    assert not _in_session(live.pid), "nothing was left running"


def test_make_live_keeps_watching_after_a_save_that_does_not_parse(tiny, capsys):
    approved_pair(tiny)
    runner = Workers()
    try:
        watcher = Watcher(tiny.project, runner)
        path = tiny.root / "snippets/s/one_tf.py"
        for code in ("print('tf'\n", "# compare-options: timeout=nan\nprint(2)\n",
                     "print('tf', 3)\n"):
            path.write_text(code)
            later = time.time_ns() + 1_000_000_000
            os.utime(path, ns=(later, later))
            watcher.step()
        assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 3\n"
        err = capsys.readouterr().err
        assert "does not parse" in err and "timeout needs a finite number" in err
    finally:
        runner.close()

