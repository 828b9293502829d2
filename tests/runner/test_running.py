"""Running snippets: isolation, capture, seeding, failures, timeouts.

Most tests use the worker's plain-Python mode ("none": nothing imported) so they are fast;
the last ones use the real frameworks.
"""

from __future__ import annotations

import hashlib
import textwrap

import pytest
from helpers import approved_pair, run_cli

from livecompare.project import FRAMEWORKS, Framework, Snippet
from livecompare.runner.run import run_snippets
from livecompare.store.manifest import load_manifest

PLAIN = Framework("none", "Plain", "none")


def _snippets(tiny, codes: dict[str, str], framework: Framework = PLAIN) -> list[Snippet]:
    out = []
    for slug, code in codes.items():
        path = tiny.write(f"snippets/demo/{slug}_{framework.key}.py", code)
        out.append(Snippet(path, "demo", slug, framework))
    return out


def _run(tiny, codes, framework=PLAIN, **kwargs):
    snippets = _snippets(tiny, codes, framework)
    results = run_snippets(snippets, **kwargs)
    return [results[s.key] for s in snippets]


def test_stdout_is_captured_at_the_descriptor_level_and_stderr_apart(tiny):
    [result] = _run(tiny, {"talk": """
        import os, subprocess, sys
        print("from print")
        os.write(1, b"from fd 1\\n")
        subprocess.run(["echo", "from a child process"], check=True)
        print("to stderr", file=sys.stderr)
    """})
    assert result.ok
    assert result.stdout == "from print\nfrom fd 1\nfrom a child process\n"
    assert "to stderr" in result.stderr and "to stderr" not in result.stdout


def test_each_snippet_runs_in_a_fresh_temporary_folder(tiny):
    first, second = _run(tiny, {"a": """
        import os
        open("left_behind.txt", "w").write("x")
        print(os.listdir("."))
    """, "b": """
        import os
        print(os.listdir("."), "tmp" in os.getcwd())
    """})
    assert first.stdout == "['left_behind.txt']\n"
    assert second.stdout == "[] True\n"


def test_snippets_do_not_see_each_others_state(tiny):
    first, second = _run(tiny, {"a": "import json\njson.flag = 1\nprint('set')\n",
                                "b": "import json\nprint(hasattr(json, 'flag'))\n"})
    assert (first.stdout, second.stdout) == ("set\n", "False\n")


def test_random_and_numpy_are_seeded_the_same_for_every_snippet(tiny):
    code = "import random, numpy\nprint(random.random(), numpy.random.rand())\n"
    first, second = _run(tiny, {"a": code, "b": code})
    assert first.ok and first.stdout == second.stdout


def test_a_failure_gives_the_traceback_and_the_snippets_line(tiny, project):
    [result] = _run(tiny, {"broken": """
        def divide(a, b):
            return a / b

        print("before")
        divide(1, 0)
    """})
    assert not result.ok and result.stdout == "before\n"
    assert result.error_line == 2
    assert "ZeroDivisionError" in result.error and "broken_none.py" in result.error
    assert "runpy" not in result.error and "livecompare" not in result.error
    problem = str(result.problem(tiny.project))
    assert problem.startswith("snippets/demo/broken_none.py:2: LC301 [demo/broken, Plain]")
    assert "ZeroDivisionError: division by zero" in problem
    assert "make outputs NAMES=demo/broken" in problem


def test_a_syntax_error_names_its_line(tiny):
    [result] = _run(tiny, {"typo": "x = 1\nprint(x\n"})
    assert "SyntaxError" in result.error and result.error_line == 2


def test_exit_status_counts(tiny):
    fine, failed = _run(tiny, {"fine": "import sys\nsys.exit(0)\n",
                               "failed": "import sys\nsys.exit(3)\n"})
    assert fine.ok
    assert not failed.ok and "status 3" in failed.error


def test_a_native_crash_is_reported(tiny):
    [result] = _run(tiny, {"crash": "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n"})
    assert not result.ok and "SIGSEGV" in result.error


def test_a_timeout_stops_the_snippet_says_where_and_the_next_one_runs(tiny):
    stuck, after = _run(tiny, {"stuck": """
        # compare-options: timeout=1
        import time
        print("started")
        while True:
            time.sleep(0.05)
    """, "zafter": "print('still working')\n"})
    assert stuck.timed_out and not stuck.ok and stuck.stdout == "started\n"
    problem = str(stuck.problem(tiny.project))
    assert problem.startswith(
        "snippets/demo/stuck_none.py:5: LC302 [demo/stuck, Plain] timed out after 1 s")
    assert "timeout=2" in problem
    assert after.ok and after.stdout == "still working\n"


def test_subprocess_isolation_gives_the_same_results(tiny):
    codes = {"a": "import random\nprint(random.random())\n", "b": "print(2)\n"}
    forked = [r.stdout for r in _run(tiny, codes)]
    assert [r.stdout for r in _run(tiny, codes, isolation="subprocess")] == forked


def test_the_manifest_records_the_hash_of_the_bytes_that_ran(tiny, capsys, monkeypatch,
                                                              plain_runtimes):
    monkeypatch.setenv("LIVECOMPARE_LANDLOCK", "off")  # Landlock keeps a snippet's file
    approved_pair(tiny)
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
    assert run_cli(tiny, "outputs") == 1
    assert "changed while it ran" in capsys.readouterr().err
    assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 1\n"
    assert load_manifest(tiny.project)["s/one_tf"].sha256 != snippet.source_hash()


@pytest.mark.frameworks
def test_real_frameworks_are_seeded_single_threaded_and_run_side_by_side(tiny):
    torch_code = """
        import torch
        print(torch.get_num_threads(), torch.rand(3).tolist())
    """
    tf_code = """
        import keras
        layer = keras.layers.Dense(2)
        print(layer(keras.ops.ones((1, 3))).numpy().tolist())
    """
    results = _run(tiny, {"a": torch_code, "b": torch_code}, FRAMEWORKS["torch"])
    results += _run(tiny, {"a": tf_code, "b": tf_code}, FRAMEWORKS["tf"])
    assert all(r.ok for r in results), [r.error for r in results]
    assert results[0].stdout.startswith("1 [") and results[0].stdout == results[1].stdout
    assert results[2].stdout == results[3].stdout
    assert set(results[0].versions) == {"torch", "numpy"}
    assert set(results[2].versions) == {"tensorflow", "keras", "numpy"}


@pytest.mark.frameworks
def test_the_torch_worker_leaves_the_keras_backend_to_the_snippet(tiny):
    [result] = _run(tiny, {"backend": """
        import os, sys
        os.environ["KERAS_BACKEND"] = "torch"
        import keras
        print(keras.backend.backend(), "tensorflow" in sys.modules)
    """}, FRAMEWORKS["torch"])
    assert result.stdout == "torch False\n", result.error
