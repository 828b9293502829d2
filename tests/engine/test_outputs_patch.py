"""scripts/outputs_patch.py, what CI runs on a pull request whose snippets changed: the
patch it writes makes a clean copy of the pull request's head pass `make check`, and holds
only what `make outputs` wrote.

Plain-Python snippets stand in for the frameworks (conftest.py's plain_runtimes).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.usefixtures("plain_runtimes")  # conftest.py: no framework


def _script():
    spec = importlib.util.spec_from_file_location("outputs_patch",
                                                  ROOT / "scripts/outputs_patch.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _git(root, *args) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def _commit(root, message):
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q",
         "-m", message)


@pytest.fixture
def repo(tiny):
    """A project in git with two approved examples, one that must agree: main's state."""
    agree = "# compare-agree: y atol=1e-5\n"
    tiny.pair("port/dense", f"{agree}y = [0.5]\nprint('dense', y)\n",
              f"{agree}y = [0.5]\nprint('dense', y)\n")
    tiny.pair("graphs/loop", "print('torch loop')\n", "print('tf loop')\n")
    tiny.page("index.md", "# Home\n\n<!-- compare: port/dense -->\n\n"
                          "<!-- compare: graphs/loop -->\n")
    assert tiny.cli("outputs") == 0
    _git(tiny.root, "init", "-q", "-b", "main")
    _commit(tiny.root, "main")
    return tiny


def _pull_request(tiny):
    """A pull request that changes one side of each example, committed, outputs stale."""
    tiny.write("snippets/graphs/loop_tf.py", "print('tf loop, changed')\n")
    tiny.write("snippets/port/dense_torch.py",
               "# compare-agree: y atol=1e-5\ny = [0.5000001]\nprint('dense', y)\n")
    _commit(tiny.root, "change two snippets")
    assert tiny.cli("check") == 1


def test_the_patch_makes_a_clean_copy_of_the_head_pass_the_check(repo, tmp_path, capsys):
    _pull_request(repo)
    head = _git(repo.root, "rev-parse", "HEAD").strip()
    out = tmp_path / "artifact"
    assert _script().main(["--root", str(repo.root), "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert "git apply outputs.patch" in err and "make outputs-patch" in err
    assert (out / "outputs-names.txt").read_text().split() == ["graphs/loop", "port/dense"]
    clean = tmp_path / "clean"
    _git(tmp_path, "clone", "-q", str(repo.root), str(clean))
    assert _git(clean, "rev-parse", "HEAD").strip() == head
    from livecompare.cli import main

    assert main(["--root", str(clean), "check"]) == 1  # stale before the patch
    _git(clean, "apply", "--index", str(out / "outputs.patch"))
    assert main(["--root", str(clean), "check"]) == 0, capsys.readouterr().err
    assert (clean / "snippets/graphs/loop_tf.out").read_text() == "tf loop, changed\n"


def test_the_patch_holds_only_what_make_outputs_wrote(repo, tmp_path):
    _pull_request(repo)
    (repo.root / "docs/index.md").write_text("# Home, edited and not committed\n"
                                             "\n<!-- compare: port/dense -->\n\n"
                                             "<!-- compare: graphs/loop -->\n")
    assert _script().main(["--root", str(repo.root), "--out-dir", str(tmp_path)]) == 1
    patch = (tmp_path / "outputs.patch").read_text()
    touched = {line.split(" b/")[-1] for line in patch.splitlines()
               if line.startswith("diff --git ")}
    assert {"snippets/graphs/loop_tf.out", "snippets/port/dense_torch.out",
            "snippets/manifest.json"} <= touched
    assert all(path.startswith(("snippets/", "notebooks/")) and not path.endswith(".py")
               for path in touched), touched
    assert "snippets/graphs/loop_torch.out" not in touched  # unchanged: ran, same bytes


def test_the_summary_shows_each_output_diff_and_the_agreement_line_that_moved(repo,
                                                                                tmp_path):
    _pull_request(repo)
    _script().main(["--root", str(repo.root), "--out-dir", str(tmp_path)])
    text = (tmp_path / "outputs-summary.md").read_text()
    assert "| `snippets/graphs/loop_tf.out` | changed |" in text
    assert "-tf loop\n+tf loop, changed" in text
    assert "### Agreement lines that changed" in text and "`port/dense`" in text
    assert "largest difference 0.0e+00" in text and "largest difference 1.0e-07" in text


def test_nothing_stale_writes_no_patch_and_succeeds(repo, tmp_path, capsys):
    assert _script().main(["--root", str(repo.root), "--out-dir", str(tmp_path)]) == 0
    assert not (tmp_path / "outputs.patch").exists()
    assert "up to date" in (tmp_path / "outputs-summary.md").read_text()


def test_a_failing_snippet_fails_the_run_and_the_summary_says_which(repo, tmp_path):
    repo.write("snippets/graphs/loop_tf.py", "raise ValueError('broken on purpose')\n")
    _commit(repo.root, "break it")
    assert _script().main(["--root", str(repo.root), "--out-dir", str(tmp_path)]) == 2
    text = (tmp_path / "outputs-summary.md").read_text()
    assert "### Failed" in text and "broken on purpose" in text


def test_an_output_cannot_close_the_summary_s_code_block(repo, tmp_path):
    repo.write("snippets/graphs/loop_tf.py", "print('```\\n# not a heading')\n")
    _commit(repo.root, "backticks")
    _script().main(["--root", str(repo.root), "--out-dir", str(tmp_path)])
    text = (tmp_path / "outputs-summary.md").read_text()
    assert "````diff" in text
