"""scripts/outputs_patch.py, what CI runs on a pull request whose snippets changed: the
patch it writes makes a clean copy of the pull request's head pass `make check`, and holds
only what `make outputs` wrote.

Plain-Python snippets stand in for the frameworks (conftest.py's plain_runtimes) and run in
this process (helpers.py's run_in_process): the script's patch and summary are tested here,
not the running. The tests that read one run of the script share it (the `ran` fixture).
"""

from __future__ import annotations

import contextlib
import functools
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import ROOT, TinyProject, load_module, run_in_process, use_run_in_process


def _script():
    module = load_module(ROOT / "scripts/outputs_patch.py")
    module.approve = functools.partial(module.approve, runner=run_in_process)
    return module


def _git(root, *args) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def _commit(root, message):
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q",
         "-m", message)


def _main_branch(tiny):
    """A project in git with two approved examples, one that must agree: main's state."""
    agree = "# compare-agree: y atol=1e-5\n"
    tiny.pair("port/dense", f"{agree}y = [0.5]\nprint('dense', y)\n",
              f"{agree}y = [0.5]\nprint('dense', y)\n")
    tiny.pair("graphs/loop", "print('torch loop')\n", "print('tf loop')\n")
    tiny.page("index.md", "# Home\n\n<!-- compare: port/dense -->\n\n"
                          "<!-- compare: graphs/loop -->\n")
    assert tiny.cli("outputs") == 0
    tiny.write("notes.txt", "notes\n")
    _git(tiny.root, "init", "-q", "-b", "main")
    _commit(tiny.root, "main")
    return tiny


@pytest.fixture
def repo(tiny, plain_runtimes, in_process):
    return _main_branch(tiny)


def _pull_request(tiny):
    """A pull request that changes one side of each example, committed, outputs stale."""
    tiny.write("snippets/graphs/loop_tf.py", "print('tf loop, changed')\n")
    tiny.write("snippets/port/dense_torch.py",
               "# compare-agree: y atol=1e-5\ny = [0.5000001]\nprint('dense', y)\n")
    _commit(tiny.root, "change two snippets")
    assert tiny.cli("check") == 1


@dataclass
class Ran:
    root: Path  # the project, its pull request committed, its outputs written by the script
    head: str  # the pull request's head commit
    out: Path  # where the script wrote the patch, the summary and the names
    status: int
    err: str


@pytest.fixture(scope="module")
def ran(tmp_path_factory) -> Ran:
    """One run of the script on a pull request that changed one side of two examples,
    with a file edited and a page added, neither committed: shared by the tests that read
    what it wrote."""
    folder = tmp_path_factory.mktemp("pull-request")
    (folder / "project").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        _plain_runtimes(patch)
        use_run_in_process(patch)
        tiny = _main_branch(TinyProject(folder / "project"))
        _pull_request(tiny)
        head = _git(tiny.root, "rev-parse", "HEAD").strip()
        (tiny.root / "notes.txt").write_text("edited, not committed\n")
        tiny.page("draft.md", "# A draft, not committed\n")
        out = folder / "artifact"
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            status = _script().main(["--root", str(tiny.root), "--out-dir", str(out)])
    return Ran(tiny.root, head, out, status, errors.getvalue())


def _plain_runtimes(patch):
    """conftest.py's plain_runtimes, for a fixture wider than one test."""
    import dataclasses

    from livecompare.frameworks import FRAMEWORKS

    for key, framework in list(FRAMEWORKS.items()):
        patch.setitem(FRAMEWORKS, key, dataclasses.replace(framework, runtime="none"))


def test_the_patch_makes_a_clean_copy_of_the_head_pass_the_check(ran, tmp_path, capsys):
    assert ran.status == 1
    assert "git apply outputs.patch" in ran.err and "make outputs-patch" in ran.err
    assert "not committed: notes.txt, docs/draft.md" in ran.err
    assert (ran.out / "outputs-names.txt").read_text().split() == ["graphs/loop",
                                                                   "port/dense"]
    clean = tmp_path / "clean"
    _git(tmp_path, "clone", "-q", str(ran.root), str(clean))
    assert _git(clean, "rev-parse", "HEAD").strip() == ran.head
    from livecompare.commands.cli import main

    assert main(["--root", str(clean), "check"]) == 1  # stale before the patch
    _git(clean, "apply", "--index", str(ran.out / "outputs.patch"))
    assert main(["--root", str(clean), "check"]) == 0, capsys.readouterr().err
    assert (clean / "snippets/graphs/loop_tf.out").read_text() == "tf loop, changed\n"


def test_the_patch_holds_only_what_make_outputs_wrote(ran):
    patch = (ran.out / "outputs.patch").read_text()
    touched = {line.split(" b/")[-1] for line in patch.splitlines()
               if line.startswith("diff --git ")}
    assert {"snippets/graphs/loop_tf.out", "snippets/port/dense_torch.out",
            "snippets/manifest.json"} <= touched
    # Not the files edited beside it, nor an output that ran again to the same bytes.
    assert all(path.startswith("docs/notebooks/")
               or path.startswith("snippets/") and not path.endswith(".py")
               for path in touched), touched
    assert "snippets/graphs/loop_torch.out" not in touched


def test_the_summary_shows_each_output_diff_and_the_agreement_line_that_moved(ran):
    text = (ran.out / "outputs-summary.md").read_text()
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
