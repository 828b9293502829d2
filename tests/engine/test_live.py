"""`make live`: a saved snippet is re-run in a warm worker and its output written."""

from __future__ import annotations

import os
import time

import pytest

from livecompare.live import Watcher
from livecompare.project import FRAMEWORKS
from livecompare.run import Workers

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
        for name, code in (("one_torch", "print(torch.ones(3).sum().item())"),
                           ("one_tf", "print(float(tf.reduce_sum(tf.ones(3))))")):
            path = tiny.root / f"snippets/s/{name}.py"
            _save(path, path.read_text().replace(path.read_text().splitlines()[-1], code))
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
