"""Fault injection: each fault of issue 14, tried on a throwaway project.

Every test here failed before its fix. The snippets run on the plain-Python runtime, so the
module needs no framework; a few tests build a tiny site with MkDocs, or run the command
line in a process of its own to send it Ctrl-C.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT

from livecompare import approved, files
from livecompare.checks import layout_problems, structural_problems
from livecompare.discover import discover_examples
from livecompare.live import Watcher
from livecompare.manifest import load_manifest
from livecompare.pages import scan_page
from livecompare.project import FRAMEWORKS, OptionsError, Snippet, parse_options
from livecompare.render import expand_shortcodes, render_example
from livecompare.run import Workers, run_snippets

pytestmark = pytest.mark.usefixtures("plain_runtimes")  # conftest.py: no framework


def _cli(tiny, *args) -> int:
    return tiny.cli(*args)


def _site(tiny, torch_code="print('torch', 1)\n", tf_code="print('tf', 1)\n"):
    """A pair on a page, with approved outputs, as after `make outputs`."""
    tiny.pair("s/one", torch_code, tf_code)
    tiny.page("index.md", "# Home\n\n<!-- compare: s/one -->\n")
    assert _cli(tiny, "outputs") == 0


def _messages(problems) -> str:
    return "\n".join(str(p) for p in problems)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _wait_dead(pids, seconds=10.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if _alive(p)]


def _pids(path: Path, seconds=20.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().endswith("\n"):
            return [int(x) for x in path.read_text().split()]
        time.sleep(0.05)
    raise AssertionError(f"{path} was never written")


def _one(tiny, code: str, slug: str = "x"):
    """Run one plain snippet; its result."""
    path = tiny.write(f"snippets/demo/{slug}_torch.py", code)
    snippet = Snippet(path, "demo", slug, FRAMEWORKS["torch"])
    return run_snippets([snippet])[snippet.key]


MKDOCS_YML = """\
site_name: tiny
hooks:
  - {hook}
markdown_extensions:
  - livecompare.extension
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""


def _build(tiny) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the tiny project, with the real hook."""
    (tiny.root / "mkdocs.yml").write_text(
        MKDOCS_YML.format(hook=ROOT / "hooks/compare_shortcodes.py"))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                           str(tiny.root / "site")], cwd=tiny.root, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


# ------------------------------------------------------- 1, 2, 3: approved files stay true


def test_1_an_output_cut_to_nothing_fails_check_and_build_and_outputs_restores_it(tiny, capsys):
    _site(tiny)
    out = tiny.root / "snippets/s/one_tf.out"
    out.write_text("")  # what Ctrl-C left behind before writes were atomic
    message = "snippets/s/one_tf.out is not the approved file"
    assert message in _messages(structural_problems(tiny.project))
    build = _build(tiny)
    assert build.returncode != 0 and message in build.stderr
    assert _cli(tiny, "outputs") == 0
    assert "changed: snippets/s/one_tf.out" in capsys.readouterr().out
    assert out.read_text() == "tf 1\n" and structural_problems(tiny.project) == []


def test_1_an_interrupted_write_leaves_each_file_whole_and_check_names_what_to_redo(
        tiny, monkeypatch, capsys):
    _site(tiny, "print('torch', 1)\n", "print('tf', 1)\n")
    tiny.write("snippets/s/one_torch.py", "print('torch', 2)\n")
    tiny.write("snippets/s/one_tf.py", "print('tf', 2)\n")
    real_replace, calls = os.replace, []

    def interrupted(source, target):  # Ctrl-C as the second file is about to land
        calls.append(target)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _cli(tiny, "outputs")
    monkeypatch.setattr(files.os, "replace", real_replace)
    for side in ("torch", "tf"):
        assert (tiny.root / f"snippets/s/one_{side}.out").read_text() in (
            f"{side} 1\n", f"{side} 2\n"), "an approved output is whole: old or new"
    assert not list(tiny.root.rglob("*.partial")), "no temporary file is left behind"
    said = {p.framework: p for p in structural_problems(tiny.project) if p.framework}
    assert sorted(said) == ["PyTorch", "TensorFlow"]
    assert all("make outputs NAMES=s/one" in p.fix for p in said.values())
    assert _cli(tiny, "outputs") == 0 and structural_problems(tiny.project) == []


def test_1_ctrl_c_while_writing_waits_until_files_and_manifest_agree(tiny, monkeypatch):
    _site(tiny)
    tiny.write("snippets/s/one_torch.py", "print('torch', 2)\n")
    tiny.write("snippets/s/one_tf.py", "print('tf', 2)\n")
    real_write = approved.write_atomically

    def write_then_ctrl_c(path, text):
        real_write(path, text)
        os.kill(os.getpid(), signal.SIGINT)  # arrives while the outputs are being written

    monkeypatch.setattr(approved, "write_atomically", write_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        _cli(tiny, "outputs")
    monkeypatch.setattr(approved, "write_atomically", real_write)
    assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 2\n"
    assert structural_problems(tiny.project) == []


def test_2_a_hand_edited_output_is_refused_by_check_and_build_naming_the_file(tiny):
    _site(tiny)
    out = tiny.root / "snippets/s/one_torch.out"
    out.write_text(out.read_text().replace("1", "11"))
    [problem] = [p for p in structural_problems(tiny.project) if "approved file" in p.message]
    assert problem.path == "snippets/s/one_torch.py"
    assert "snippets/s/one_torch.out is not the approved file" in problem.message
    assert "make outputs NAMES=s/one" in problem.fix
    build = _build(tiny)
    assert build.returncode != 0
    assert "docs/index.md:3: LC204 [s/one, PyTorch] snippets/s/one_torch.out is not the " \
           "approved" in (
        build.stderr)


def test_2_an_edited_figure_is_refused_too(tiny):
    drawing = "open('g.svg', 'w').write('<svg><text>a</text></svg>')\nprint('drew')\n"
    _site(tiny, drawing, "print(1)\n")
    (tiny.root / "snippets/s/one_torch.g.svg").write_text("<svg><text>b</text></svg>")
    assert "snippets/s/one_torch.g.svg is not the approved file" in _messages(
        structural_problems(tiny.project))


def test_3_the_manifest_records_the_hash_of_the_bytes_that_ran(tiny, capsys, monkeypatch):
    monkeypatch.setenv("LIVECOMPARE_LANDLOCK", "off")  # Landlock keeps a snippet's file
    _site(tiny)
    code = textwrap.dedent("""\
        print("old code")
        with open(__file__, "a") as f:  # a save while it runs
            f.write("print('new code')\\n")
    """)
    path = tiny.write("snippets/s/one_tf.py", code, declare=False)
    snippet = Snippet(path, "s", "one", FRAMEWORKS["tf"])
    result = run_snippets([snippet])[snippet.key]
    assert result.sha256 == hashlib.sha256(code.encode()).hexdigest()
    assert "changed while it ran" in result.error
    path.write_text(code)
    assert _cli(tiny, "outputs") == 1
    assert "changed while it ran" in capsys.readouterr().err
    assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 1\n"
    assert load_manifest(tiny.project)["s/one_tf"].sha256 != snippet.source_hash()


# ------------------------------------------------------------------ 4, 5: nothing silent


def test_4_output_over_the_cap_is_an_error_not_a_silent_cut(tiny, capsys):
    _site(tiny)
    tiny.write("snippets/s/one_tf.py", "print('y' * 300_000)\n")
    assert _cli(tiny, "outputs") == 1
    assert "more than the 256 KB" in capsys.readouterr().err
    assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 1\n"


@pytest.mark.parametrize("torch_code, tf_code, expected", [
    ("# compare-agree: x\nx = 1.0\n", "x = 1.0\n", "declare different `# compare-agree:`"),
    ("x = 1.0\n", "# compare-agree: x\nx = 1.0\n", "declare different `# compare-agree:`"),
    ("# compare-agree: x\nx = 1.0\n", "# compare-agree: x\nimport sys\nsys.exit(0)\nx = 1.0\n",
     "defines no module-level variable"),
])
def test_5_agreement_declared_on_one_side_or_left_undefined_is_a_problem(
        tiny, capsys, torch_code, tf_code, expected):
    tiny.pair("s/one", torch_code, tf_code)
    tiny.page("index.md", "<!-- compare: s/one -->\n")
    assert _cli(tiny, "outputs") == 1
    err = capsys.readouterr().err
    assert expected in err and "KeyError" not in err
    assert load_manifest(tiny.project) == {}


# ------------------------------------------------------ 6 to 9: nothing outlives its run


DAEMONS = """
import os, subprocess, sys, time
pids = [os.getpid()]
pids.append(subprocess.Popen(["sleep", "300"], start_new_session=True).pid)
if os.fork() == 0:  # double fork and setsid: a classic daemon
    os.setsid()
    if os.fork() == 0:
        with open({record!r} + ".daemon", "w") as f:
            f.write(f"{{os.getpid()}}\\n")
        time.sleep(300)
    os._exit(0)
while not os.path.exists({record!r} + ".daemon"):
    time.sleep(0.01)
with open({record!r}, "w") as f:
    f.write(" ".join(map(str, pids)) + "\\n")
print("started")
{rest}
"""


def test_6_ctrl_c_kills_the_snippet_and_all_it_started(tiny, record_dir, private_tmp):
    record = record_dir / "pids"
    tiny.pair("s/one", DAEMONS.format(record=str(record), rest="time.sleep(300)"),
              "print(1)\n")
    driver = textwrap.dedent(f"""
        import dataclasses, sys
        from livecompare.project import FRAMEWORKS
        for key, fw in list(FRAMEWORKS.items()):
            FRAMEWORKS[key] = dataclasses.replace(fw, runtime="none")
        from livecompare.cli import main
        sys.exit(main(["--root", {str(tiny.root)!r}, "outputs", "s/one_torch"]))
    """)
    run = subprocess.Popen([sys.executable, "-c", driver], start_new_session=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pids = _pids(record) + _pids(Path(f"{record}.daemon"))
    os.killpg(run.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
    run.communicate(timeout=30)
    assert _wait_dead(pids) == [], "the snippet, or what it started, outlived Ctrl-C"
    assert not list(private_tmp.iterdir()), "the run left temporary folders behind"


def test_7_daemonized_grandchildren_are_killed_after_each_job(tiny, record_dir, private_tmp):
    record = record_dir / "pids"
    result = _one(tiny, DAEMONS.format(record=str(record), rest=""))
    assert result.ok and result.stdout == "started\n"
    pids = _pids(record)[1:] + _pids(Path(f"{record}.daemon"))
    assert _wait_dead(pids, seconds=2) == []
    assert not list(private_tmp.iterdir())


def test_8_a_snippet_may_not_signal_its_worker_and_says_where_it_tried(tiny):
    result = _one(tiny, "import os, signal\nprint('before')\nos.kill(os.getppid(), 9)\n")
    problem = result.problem(tiny.project)
    assert (problem.path, problem.line) == ("snippets/demo/x_torch.py", 3)
    assert "may not signal the worker" in problem.message
    assert "| before" in problem.details


def test_8_a_worker_killed_by_its_snippet_is_reported_once_and_leaves_nothing(
        tiny, record_dir, private_tmp, monkeypatch):
    monkeypatch.setenv("LIVECOMPARE_LANDLOCK", "off")  # Landlock would refuse the signal
    record = record_dir / "pid"
    code = (f"import os, subprocess, time\n"
            f"open({str(record)!r}, 'w').write(f'{{os.getpid()}}\\n')\n"
            "print('before')\nsubprocess.run(['kill', '-9', str(os.getppid())])\n"
            "time.sleep(300)\n")
    killer = tiny.write("snippets/demo/a_torch.py", code)
    after = tiny.write("snippets/demo/b_torch.py", "print('still working')\n")
    snippets = [Snippet(killer, "demo", "a", FRAMEWORKS["torch"]),
                Snippet(after, "demo", "b", FRAMEWORKS["torch"])]
    results = run_snippets(snippets)
    died, fine = results["demo/a_torch"], results["demo/b_torch"]
    problem = str(died.problem(tiny.project))
    assert problem.count("worker running it ended from signal SIGKILL") == 1
    assert "| before" in problem
    assert fine.ok and fine.stdout == "still working\n"
    assert _wait_dead(_pids(record)) == [], "the snippet outlived its worker"
    assert not list(private_tmp.iterdir()), "the dead worker's folders were left behind"


def test_9_a_snippet_has_a_memory_limit_that_an_option_raises(tiny):
    grab = "import numpy\ndata = numpy.empty(3 * 1024 ** 3, dtype=numpy.uint8)\nprint(data.size)\n"
    result = _one(tiny, grab)
    assert not result.ok and "MemoryError" in result.error
    problem = result.problem(tiny.project)
    assert str(problem.where).endswith(":2") and "memory=4" in problem.fix
    assert _one(tiny, "# compare-options: memory=4\n" + grab, slug="y").ok


# ------------------------------------------------------------ 10 to 15: bad input


def test_10_a_syntax_error_is_a_problem_everywhere_and_nothing_crashes(tiny, capsys):
    _site(tiny)
    tiny.write("snippets/s/one_tf.py", "print('tf'\n")
    said = "snippets/s/one_tf.py:1: the snippet does not parse: SyntaxError"
    assert "snippets/s/one_tf.py:1: LC101 [s/one, TensorFlow] the snippet does not parse" in (
        _messages(structural_problems(tiny.project)))
    assert _cli(tiny, "check") == 1 and "Traceback" not in capsys.readouterr().err
    assert _cli(tiny, "outputs") == 1
    err = capsys.readouterr().err
    assert "the snippet does not parse" in err and "Traceback" not in err
    examples, _ = discover_examples(tiny.project)
    markdown, problems = render_example(examples["s/one"], tiny.project,
                                        load_manifest(tiny.project), "docs/index.md:3")
    assert said in _messages(problems) and '!!! failure "This code cannot run"' in markdown
    build = _build(tiny)
    assert build.returncode != 0 and said in build.stderr and "Traceback" not in build.stderr


def test_10_make_live_keeps_watching_after_a_save_that_does_not_parse(tiny, capsys):
    _site(tiny)
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


@pytest.mark.parametrize("option, expected", [
    ("timeout=abc", "timeout needs a number, not 'abc'"),
    ("timeout=nan", "timeout needs a finite number, not nan"),
    ("timeout=inf", "timeout needs a finite number, not inf"),
    ("timeout=1e300", "timeout must be from 1 to 3600 s, not 1e300"),
    ("rtol=-1", "rtol must be from 0 to 1, not -1"),
    ("rtol=nan", "rtol needs a finite number, not nan"),
    ("memory=0", "memory must be from 0.1 to 64 GB, not 0"),
])
def test_11_a_bad_option_is_a_problem_with_file_and_line_in_every_command(
        tiny, capsys, option, expected):
    with pytest.raises(OptionsError, match=re.escape(expected)):
        parse_options(Path("a.py"), f"# compare-options: {option}\n")
    _site(tiny)
    tiny.write("snippets/s/one_tf.py", f"print(1)\n# compare-options: {option}\n")
    where = "snippets/s/one_tf.py:2"
    assert f"{where}: LC102 [s/one, TensorFlow] {expected}" in _messages(
        structural_problems(tiny.project))
    for command in ("outputs", "verify"):
        assert _cli(tiny, command, "s/one") == 1
        err = capsys.readouterr().err
        assert f"{where}: LC102 [s/one, TensorFlow] {expected}" in err and "Traceback" not in err


def test_11_a_bad_option_fails_the_build_naming_page_and_file(tiny):
    _site(tiny)
    tiny.write("snippets/s/one_tf.py", "print(1)\n# compare-options: timeout=inf\n")
    build = _build(tiny)
    assert build.returncode != 0
    assert ("docs/index.md:3: LC102 [s/one, TensorFlow] snippets/s/one_tf.py:2: timeout needs a "
            "finite number, not inf") in build.stderr


BROKEN_MANIFESTS = {
    "truncated": (lambda text: text[:len(text) // 2], ":", "not valid JSON"),
    "conflict": (lambda text: text.replace('"snippets": {', '"snippets": {\n<<<<<<< HEAD', 1),
                 ":4", "merge-conflict markers"),
    "a list": (lambda text: "[]", "", 'must be a JSON object with "format" and "snippets"'),
}


@pytest.mark.parametrize("damage", sorted(BROKEN_MANIFESTS))
def test_12_a_broken_manifest_is_named_with_its_line_and_the_fix(tiny, capsys, damage):
    change, line, expected = BROKEN_MANIFESTS[damage]
    _site(tiny)
    manifest = tiny.root / "snippets/manifest.json"
    manifest.write_text(change(manifest.read_text()))
    [problem] = [p for p in structural_problems(tiny.project) if expected in p.message]
    assert str(problem.where).startswith("snippets/manifest.json" + line)
    assert "make outputs" in problem.fix
    assert _cli(tiny, "outputs") == 1
    err = capsys.readouterr().err
    assert expected in err and "Nothing was run" in err and "Traceback" not in err
    build = _build(tiny)
    assert build.returncode != 0 and expected in build.stderr and "Traceback" not in (
        build.stderr)
    assert _cli(tiny, "outputs", "--all") == 0, "ALL=1 writes it anew"
    assert structural_problems(tiny.project) == []


def test_12_an_entry_without_versions_is_named_and_written_anew(tiny, capsys):
    _site(tiny)
    manifest = tiny.root / "snippets/manifest.json"
    data = json.loads(manifest.read_text())
    del data["snippets"]["s/one_tf"]["versions"]
    manifest.write_text(json.dumps(data, indent=2))
    line = next(n for n, text in enumerate(manifest.read_text().splitlines(), start=1)
                if '"s/one_tf":' in text)
    assert f"snippets/manifest.json:{line}: LC207 entry 's/one_tf' is not usable: it has no " \
           "'versions'" in _messages(structural_problems(tiny.project))
    assert _build(tiny).returncode != 0
    assert _cli(tiny, "outputs") == 0
    assert structural_problems(tiny.project) == []


def test_13_the_same_example_twice_on_a_page_is_reported(tiny):
    _site(tiny)
    tiny.page("index.md", "# Home\n\n<!-- compare: s/one -->\n\nAgain:\n\n"
                          "<!-- compare: s/one -->\n")
    codes, [problem] = scan_page((tiny.root / "docs/index.md").read_text(), "docs/index.md",
                                 {"s/one"})
    assert [c.line for c in codes] == [3]
    assert (problem.path, problem.line) == ("docs/index.md", 7) and "used twice" in problem.message
    assert "first on line 3" in problem.message
    assert "used twice" in _messages(structural_problems(tiny.project))


def test_14_a_shortcode_in_an_indented_code_block_is_left_as_code(tiny):
    tiny.pair("s/one")
    examples, _ = discover_examples(tiny.project)
    page = ("Write it like this:\n\n    <!-- compare: s/one -->\n\n"
            "- or in a list item:\n\n    <!-- compare: s/one -->\n")
    codes, problems = scan_page(page, "docs/a.md", {"s/one"})
    assert [c.line for c in codes] == [7] and problems == []
    markdown, _ = expand_shortcodes(page, "docs/a.md", tiny.project, examples, {})
    assert markdown.splitlines()[2] == "    <!-- compare: s/one -->"
    assert re.findall(r'data-example="([^"]+)"', markdown) == ["s/one"]


@pytest.mark.parametrize("line, expected", [
    ("<!-- compare: s/onne -->", "unknown example 's/onne' in shortcode"),
    ("See <!-- compare: s/one --> here.", "a shortcode inside a line of text"),
])
def test_15_a_shortcode_that_is_not_expanded_shows_on_the_page(tiny, line, expected):
    tiny.pair("s/one")
    examples, _ = discover_examples(tiny.project)
    markdown, [problem] = expand_shortcodes(f"# Page\n\n{line}\n", "docs/a.md",
                                               tiny.project, examples, {})
    assert expected in problem.message
    box = markdown.split('!!! failure "This shortcode was not expanded"', 1)[1]
    assert f"docs/a.md:3: {problem.code} {expected}" in box


# --------------------------------------------------------------- 16: errors that say enough


def test_16_half_a_pair_named_in_make_outputs_says_so(tiny):
    tiny.write("snippets/s/half_torch.py", "print(1)\n")
    with pytest.raises(SystemExit, match=r"'s/half_torch' is half of a pair: "
                                         r"snippets/s/half_tf\.py does not exist yet"):
        _cli(tiny, "outputs", "s/half_torch")


@pytest.mark.parametrize("code, line, expected", [
    ("import ctypes\nprint('before')\nctypes.string_at(0)\n", 3, "SIGSEGV"),
    ("import os\nprint('before')\nos._exit(3)\n", 3, "os._exit(3)"),
    ("import sys\nprint('before')\nsys.exit('bad input')\n", 3, "status 'bad input'"),
])
def test_16_a_crash_or_exit_names_its_line_once_and_keeps_what_was_printed(
        tiny, code, line, expected):
    result = _one(tiny, code)
    problem = result.problem(tiny.project)
    assert (problem.path, problem.line) == ("snippets/demo/x_torch.py", line)
    assert expected in problem.message and expected not in problem.details
    assert "| before" in problem.details


def test_16_a_timed_out_stack_survives_a_flood_of_stderr(tiny):
    result = _one(tiny, "# compare-options: timeout=1\nimport sys, time\n"
                        "sys.stderr.write('noise ' * 100_000)\nwhile True:\n"
                        "    time.sleep(0.01)\n")
    assert result.timed_out
    problem = result.problem(tiny.project)
    assert (problem.path, problem.line) == ("snippets/demo/x_torch.py", 5), problem


def test_16_a_deleted_snippet_is_one_problem_in_one_wording(tiny):
    _site(tiny)
    (tiny.root / "snippets/s/one_torch.py").unlink()
    check = [p for p in structural_problems(tiny.project)
             if not str(p.where).startswith("notebooks/")]
    assert [p.message for p in check] == ["missing snippet snippets/s/one_torch.py"]
    assert "snippets/s/one_torch.out" in check[0].details
    assert layout_problems(tiny.project) == [], "the page says it; the build says it once"
    build = _build(tiny)
    errors = [ln for ln in build.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1 and "missing snippet snippets/s/one_torch.py" in errors[0]


def test_16_subprocess_isolation_is_not_said_to_avoid_forking():
    from livecompare import run

    for text in (run.__doc__, (ROOT / "README.md").read_text()):
        assert "needs no fork" not in text and "forking after importing" not in text


# --------------------------------------------------------------- 17: bytes a page can show


@pytest.mark.parametrize("code, expected", [
    ("print('a\\x00b')", "line 1 of its output holds a NUL byte"),
    ("print('ok')\nprint('\\x1b[31mred\\x1b[0m')", "line 2 of its output holds an ANSI escape"),
    ("import sys\nsys.stdout.buffer.write(b'caf\\xe9\\n')", "line 1 of its output is not UTF-8"),
    ("print('50%\\r100%')", "line 1 of its output holds a carriage return"),
])
def test_17_bytes_a_page_cannot_show_are_refused_and_said(tiny, code, expected):
    result = _one(tiny, code + "\n")
    assert not result.ok and expected in result.error
    assert "print plain text" in result.problem(tiny.project).fix


# --------------------------------------------------------- every message has its table row


# Where the engine puts a message: the calls (and the argument) that carry one.
# A problem's code comes before its message: Problem(where, code, message).
EMITTERS = {"Problem": 2, "problem": 1, "snippet_problem": 3, "Fault": 2, "OptionsError": 2,
            "WorkerError": 0, "SystemExit": 0, "SelectionError": 0, "NameError": 0,
            "TypeError": 0, "ValueError": 0, "PermissionError": 0, "ConfigError": 0}


def _templates() -> list[str]:
    """The message of every problem, error and failure the engine can emit, as its literal
    parts joined by "..." where the code fills something in."""
    found = []
    for path in sorted((ROOT / "src/livecompare").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            messages = []
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                index = EMITTERS.get(node.func.id)
                if index is not None and len(node.args) > index:
                    messages.append(node.args[index])
                messages += [k.value for k in node.keywords
                             if node.func.id == "RunResult" and k.arg == "error"]
                if node.func.id == "print" and node.args and ast.unparse(
                        node.args[0]).lstrip("f").strip("\"'").startswith("error:"):
                    messages.append(node.args[0])
            elif (isinstance(node, ast.Assign) and len(node.targets) == 1
                  and ast.unparse(node.targets[0]) in ("report.error", "message")):
                messages.append(node.value)  # a failed run's report, a message built first
            elif (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple)
                  and isinstance(node.value, ast.Tuple)):  # code, message = "LC202", f"..."
                messages += [value for target, value in zip(node.targets[0].elts,
                                                             node.value.elts, strict=False)
                             if ast.unparse(target) == "message"]
            elif isinstance(node, ast.Return) and path.name == "job.py" and node.value:
                values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                messages += [v for v in values if isinstance(v, ast.JoinedStr)]
            for message in messages:
                parts = _literal_parts(message)
                if any(part.strip() for part in parts):
                    found.append("...".join(parts))
    return sorted(set(found))


def _literal_parts(node) -> list[str]:
    """A message's literal text, split where the code fills something in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value if isinstance(v, ast.Constant) else "\0" for v in node.values)
        return text.split("\0")
    if isinstance(node, ast.BinOp):
        left, right = _literal_parts(node.left), _literal_parts(node.right)
        return left[:-1] + [left[-1] + right[0]] + right[1:]
    return ["", ""]  # a choice or a call: something filled in


def _words(text: str) -> list[str]:
    """What a table row must say of a template: its literal runs of some length."""
    text = text.split("\n->", 1)[0]  # the fix that follows a message
    parts = [re.sub(r"\s+", " ", p.replace("`", "")).strip(" \n:;,.()'\"")
             for p in text.split("...")]
    return [p for p in parts if len(p.split()) >= 3 or (p[:1].isalpha() and len(p) > 12)]


def test_every_message_the_engine_emits_has_a_row_in_contributings_table():
    from livecompare.codes import RULES  # CONTRIBUTING.md's table is made from them

    rows_text = re.sub(r"\s+", " ", " ".join(rule.messages for rule in RULES).replace("`", ""))
    templates = _templates()
    assert len(templates) > 40, "the collector finds the engine's messages"
    missing = [t for t in templates if _words(t) and not all(w in rows_text for w in _words(t))]
    assert not missing, ("add a row to CONTRIBUTING.md's error table for:\n"
                         + "\n".join(missing))
