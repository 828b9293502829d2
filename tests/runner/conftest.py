"""Fixtures of the runner's tests: where a snippet may record what it started, and a
TMPDIR of the test's own to see what a run leaves behind."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """A TMPDIR of the test's own, to see what the engine leaves behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder



@pytest.fixture
def record_dir():
    """A folder where a test's snippet may write what it started: the sandbox lets a snippet
    write below /dev (for /dev/shm) and its own folders, nowhere else."""
    folder = Path(tempfile.mkdtemp(prefix="livecompare-test-", dir="/dev/shm"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)

