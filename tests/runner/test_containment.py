"""Nothing a snippet does is silent, and nothing it starts outlives its run: the output
cap, Ctrl-C, daemons, signals at the worker, the memory limit, a crash or a timeout named
at its line, and bytes a page cannot show."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import (
    approved_pair,
    pids_in,
    run_cli,
    run_one,
    wait_dead,
)

from livecompare.project import FRAMEWORKS, Snippet
from livecompare.runner.run import run_snippets

pytestmark = pytest.mark.usefixtures("plain_runtimes")  # conftest.py: no framework


def test_output_over_the_cap_is_an_error_not_a_silent_cut(tiny, capsys):
    approved_pair(tiny)
    tiny.write("snippets/s/one_tf.py", "print('y' * 300_000)\n")
    assert run_cli(tiny, "outputs") == 1
    assert "more than the 256 KB" in capsys.readouterr().err
    assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 1\n"


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


def test_ctrl_c_kills_the_snippet_and_all_it_started(tiny, record_dir, private_tmp):
    record = record_dir / "pids"
    tiny.pair("s/one", DAEMONS.format(record=str(record), rest="time.sleep(300)"),
              "print(1)\n")
    driver = textwrap.dedent(f"""
        import dataclasses, sys
        from livecompare.project import FRAMEWORKS
        for key, fw in list(FRAMEWORKS.items()):
            FRAMEWORKS[key] = dataclasses.replace(fw, runtime="none")
        from livecompare.commands.cli import main
        sys.exit(main(["--root", {str(tiny.root)!r}, "outputs", "s/one_torch"]))
    """)
    run = subprocess.Popen([sys.executable, "-c", driver], start_new_session=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pids = pids_in(record) + pids_in(Path(f"{record}.daemon"))
    os.killpg(run.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
    run.communicate(timeout=120)  # a safety net, not a speed: one core may be busy
    assert wait_dead(pids) == [], "the snippet, or what it started, outlived Ctrl-C"
    assert not list(private_tmp.iterdir()), "the run left temporary folders behind"


def test_daemonized_grandchildren_are_killed_after_each_job(tiny, record_dir, private_tmp):
    record = record_dir / "pids"
    result = run_one(tiny, DAEMONS.format(record=str(record), rest=""))
    assert result.ok and result.stdout == "started\n"
    pids = pids_in(record)[1:] + pids_in(Path(f"{record}.daemon"))
    assert wait_dead(pids, seconds=2) == []
    assert not list(private_tmp.iterdir())


def test_a_snippet_may_not_signal_its_worker_and_says_where_it_tried(tiny):
    result = run_one(tiny, "import os, signal\nprint('before')\nos.kill(os.getppid(), 9)\n")
    problem = result.problem(tiny.project)
    assert (problem.path, problem.line) == ("snippets/demo/x_torch.py", 3)
    assert "may not signal the worker" in problem.message
    assert "| before" in problem.details


def test_a_worker_killed_by_its_snippet_is_reported_once_and_leaves_nothing(
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
    assert wait_dead(pids_in(record)) == [], "the snippet outlived its worker"
    assert not list(private_tmp.iterdir()), "the dead worker's folders were left behind"


def test_a_snippet_has_a_memory_limit_that_an_option_raises(tiny):
    grab = "import numpy\ndata = numpy.empty(3 * 1024 ** 3, dtype=numpy.uint8)\nprint(data.size)\n"
    result = run_one(tiny, grab)
    assert not result.ok and "MemoryError" in result.error
    problem = result.problem(tiny.project)
    assert str(problem.where).endswith(":2") and "memory=4" in problem.fix
    assert run_one(tiny, "# compare-options: memory=4\n" + grab, slug="y").ok


@pytest.mark.parametrize("code, line, expected", [
    ("import ctypes\nprint('before')\nctypes.string_at(0)\n", 3, "SIGSEGV"),
    ("import os\nprint('before')\nos._exit(3)\n", 3, "os._exit(3)"),
    ("import sys\nprint('before')\nsys.exit('bad input')\n", 3, "status 'bad input'"),
])
def test_a_crash_or_exit_names_its_line_once_and_keeps_what_was_printed(
        tiny, code, line, expected):
    result = run_one(tiny, code)
    problem = result.problem(tiny.project)
    assert (problem.path, problem.line) == ("snippets/demo/x_torch.py", line)
    assert expected in problem.message and expected not in problem.details
    assert "| before" in problem.details


def test_a_timed_out_stack_survives_a_flood_of_stderr(tiny):
    result = run_one(tiny, "# compare-options: timeout=1\nimport sys, time\n"
                        "sys.stderr.write('noise ' * 100_000)\nwhile True:\n"
                        "    time.sleep(0.01)\n")
    assert result.timed_out
    problem = result.problem(tiny.project)
    assert (problem.path, problem.line) == ("snippets/demo/x_torch.py", 5), problem


PARENT = ("import os\nparent = os.getppid()\n"
          "print(parent, open(f'/proc/{parent}/cmdline', 'rb').read().split(b'\\0')[2])\n")


def test_subprocess_isolation_starts_a_worker_per_snippet_which_still_forks_it(tiny):
    """What run.py says: `isolation="subprocess"` pays the import for every snippet, yet
    the snippet still runs in a child forked by its worker, never in the worker itself."""
    for isolation, workers in (("fork", 1), ("subprocess", 2)):
        snippets = [Snippet(tiny.write(f"snippets/demo/{slug}_torch.py", PARENT), "demo",
                            slug, FRAMEWORKS["torch"]) for slug in ("a", "b")]
        results = run_snippets(snippets, isolation=isolation)
        parents = [results[s.key].stdout.split() for s in snippets]
        assert all(command == "b'livecompare.runner.worker'" for _, command in parents)
        assert len({pid for pid, _ in parents}) == workers, (isolation, parents)


@pytest.mark.parametrize("code, expected", [
    ("print('a\\x00b')", "line 1 of its output holds a NUL byte"),
    ("print('ok')\nprint('\\x1b[31mred\\x1b[0m')", "line 2 of its output holds an ANSI escape"),
    ("import sys\nsys.stdout.buffer.write(b'caf\\xe9\\n')", "line 1 of its output is not UTF-8"),
    ("print('50%\\r100%')", "line 1 of its output holds a carriage return"),
])
def test_bytes_a_page_cannot_show_are_refused_and_said(tiny, code, expected):
    result = run_one(tiny, code + "\n")
    assert not result.ok and expected in result.error
    assert "print plain text" in result.problem(tiny.project).fix

