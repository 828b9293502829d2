"""`make outputs` and `make verify` on a throwaway project.

The snippets here are plain Python, run in this process (conftest.py's in_process), so
these tests exercise the commands' logic in seconds; tests/runner covers the running and
tests/content/test_snippets.py the real frameworks.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.usefixtures("plain_runtimes", "in_process")


def _run(tiny, *args) -> int:
    return tiny.cli(*args)


def _manifest(tiny) -> dict:
    return json.loads((tiny.root / "snippets/manifest.json").read_text())["snippets"]


def test_outputs_runs_only_what_changed_and_verify_catches_a_broken_snippet(tiny, capsys):
    tiny.pair("s/one", "print('torch one', 0.5)\n", "print('tf one', 0.5)\n")
    tiny.pair("s/two", "print('torch two')\n", "print('tf two')\n")

    assert _run(tiny, "outputs") == 0
    assert (tiny.root / "snippets/s/one_torch.out").read_text() == "torch one 0.5\n"
    first = _manifest(tiny)
    assert sorted(first) == ["s/one_tf", "s/one_torch", "s/two_tf", "s/two_torch"]
    assert first["s/one_tf"]["versions"]["numpy"]
    assert "Ran 4 snippets: 4 outputs new or changed, 0 unchanged" in capsys.readouterr().out

    assert _run(tiny, "outputs") == 0
    assert "All 4 outputs are up to date" in capsys.readouterr().out

    tiny.write("snippets/s/two_tf.py", "print('tf two, edited')\n")
    assert _run(tiny, "outputs") == 0
    out = capsys.readouterr().out
    assert "Ran 1 snippets" in out and "changed: snippets/s/two_tf.out" in out
    assert _manifest(tiny)["s/one_tf"] == first["s/one_tf"]

    # A framework upgrade re-runs that framework's snippets.
    manifest = json.loads((tiny.root / "snippets/manifest.json").read_text())
    manifest["snippets"]["s/one_torch"]["versions"]["numpy"] = "0.1"
    (tiny.root / "snippets/manifest.json").write_text(json.dumps(manifest))
    assert _run(tiny, "outputs") == 0
    assert "Ran 1 snippets" in capsys.readouterr().out

    assert _run(tiny, "outputs", "--all", "s/one") == 0
    assert "Ran 2 snippets" in capsys.readouterr().out

    assert _run(tiny, "verify") == 0
    tiny.write("snippets/s/one_torch.py", "print('torch one', 0.5)\nraise ValueError('boom')\n")
    assert _run(tiny, "verify", "s/one") == 1
    err = capsys.readouterr().err
    assert ("snippets/s/one_torch.py:2: LC301 [s/one, PyTorch] the snippet failed: "
            "ValueError: boom") in err

    # A failed run writes nothing: the approved output the user had stays.
    assert _run(tiny, "outputs") == 1
    assert (tiny.root / "snippets/s/one_torch.out").read_text() == "torch one 0.5\n"
    assert "Nothing was written for the failed snippets" in capsys.readouterr().err


def test_verify_shows_a_readable_diff_for_a_changed_output(tiny, capsys):
    tiny.pair("s/one", "print('value', 0.25)\n", "print('value', 0.25)\n")
    assert _run(tiny, "outputs") == 0
    tiny.write("snippets/s/one_tf.out", "value 0.26\n")
    assert _run(tiny, "verify") == 1
    err = capsys.readouterr().err
    assert "snippets/s/one_tf.out:1: LC303 [s/one, TensorFlow] a fresh run differs" in err
    assert "0.26 vs 0.25 is outside rtol=0.0001" in err
    assert "-value 0.26" in err and "+value 0.25" in err


def test_an_unknown_name_is_an_error(tiny):
    tiny.pair("s/one")
    with pytest.raises(SystemExit, match="'s/nope' names no snippet"):
        _run(tiny, "outputs", "s/nope")


def test_check_reports_without_running_anything(tiny, capsys):
    tiny.write("snippets/s/lonely_tf.py", "print(1)\n")
    assert _run(tiny, "check") == 1
    assert "unpaired snippet" in capsys.readouterr().err


def test_new_example_writes_a_runnable_pair_and_never_overwrites(tiny, capsys):
    assert _run(tiny, "new", "graphs", "control_flow") == 0
    out = capsys.readouterr().out
    assert "<!-- compare: graphs/control_flow -->" in out
    torch_file = tiny.root / "snippets/graphs/control_flow_torch.py"
    assert torch_file.read_text().startswith('"""Control flow, in PyTorch."""')
    torch_file.write_text("print('mine')\n")
    assert _run(tiny, "new", "graphs", "control_flow") == 1
    assert "already exists; nothing was written" in capsys.readouterr().err
    assert torch_file.read_text() == "print('mine')\n"


@pytest.mark.parametrize("section, slug, message", [
    ("Graphs", "x", "SECTION 'Graphs' must be lower case"),
    ("graphs", "flow_tf", "leave the framework out of SLUG"),
])
def test_new_example_rejects_bad_names(tiny, capsys, section, slug, message):
    assert _run(tiny, "new", section, slug) == 2
    assert message in capsys.readouterr().err
