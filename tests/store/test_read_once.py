"""A build reads each approved file from disk once, however many parts of it ask (the
check of its hash, the page, the page's notebook and the downloads' cache key)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers import MKDOCS_YML, ROOT

from livecompare.store.approved import approved_bytes

# conftest.py: no framework, and `make outputs` runs the snippets in this process: what is
# counted is the build's reading, not the running
pytestmark = pytest.mark.usefixtures("plain_runtimes", "in_process")

# Runs `mkdocs build` in this process, counting each open of a file under snippets/.
COUNTING_BUILD = """
import builtins, collections, io, json, os, sys
reads = collections.Counter()
real_open = io.open
def counting_open(file, *args, **kwargs):
    name = file if isinstance(file, str) else os.fspath(file) if not isinstance(file, int) else ""
    if isinstance(name, str) and "/snippets/" in name and name.endswith((".out", ".svg")):
        reads[os.path.basename(name)] += 1
    return real_open(file, *args, **kwargs)
builtins.open = io.open = counting_open
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "-q", "-d", sys.argv[1]], standalone_mode=False)
finally:
    print(json.dumps(reads))
"""


def test_a_build_reads_each_approved_output_and_figure_once(tiny, tmp_path):
    figure = ("import matplotlib\nmatplotlib.use('svg')\nimport matplotlib.pyplot as plt\n"
              "plt.rcParams['svg.hashsalt'] = 'x'\nplt.plot([1, 2])\n"
              "plt.savefig('curve.svg', metadata={'Date': None})\nprint('drawn')\n")
    tiny.pair("s/one", "print('torch', 1)\n", figure)
    tiny.page("index.md", "# Home\n\n<!-- compare: s/one -->\n")
    assert tiny.cli("outputs") == 0
    (tiny.root / "mkdocs.yml").write_text(
        MKDOCS_YML.format(hook=ROOT / "hooks/compare_shortcodes.py"))
    script = tmp_path / "count.py"
    script.write_text(COUNTING_BUILD)
    build = subprocess.run([sys.executable, str(script), str(tmp_path / "site")],
                           cwd=tiny.root, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr[-2000:]
    reads = json.loads(build.stdout.strip().splitlines()[-1])
    assert set(reads) == {"one_torch.out", "one_tf.out", "one_tf.curve.svg"}, reads
    assert set(reads.values()) == {1}, reads


def test_a_file_rewritten_between_two_questions_is_read_again(tmp_path):
    path = tmp_path / "x_torch.out"
    path.write_text("first\n")
    assert approved_bytes(path) == b"first\n"
    path.write_text("second, longer\n")
    assert approved_bytes(path) == b"second, longer\n"
    path.unlink()
    assert approved_bytes(path) is None
    os.symlink(ROOT / "README.md", path)
    assert approved_bytes(path) is None  # a link could show any file of the machine
