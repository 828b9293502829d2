"""`make live`: a saved snippet is re-run in a warm worker and its output written."""

from __future__ import annotations

import dataclasses
import os
import time

import pytest

from livecompare.live import WarmRunner, Watcher
from livecompare.project import FRAMEWORKS


@pytest.fixture(autouse=True)
def plain_runtimes(monkeypatch):
    for key, framework in list(FRAMEWORKS.items()):
        monkeypatch.setitem(FRAMEWORKS, key, dataclasses.replace(framework, runtime="none"))


def _save(path, text):
    path.write_text(text)
    later = time.time_ns() + 1_000_000_000  # a new mtime even on a coarse clock
    os.utime(path, ns=(later, later))


def test_a_saved_snippet_is_rerun_in_the_same_warm_worker(tiny):
    tiny.pair("s/one", "print('torch 1')\n", "print('tf 1')\n")
    runner = WarmRunner()
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
    runner = WarmRunner()
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
