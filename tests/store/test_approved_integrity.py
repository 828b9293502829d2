"""Approved files stay true: an output cut to nothing, edited by hand or half written, a
figure edited, a manifest broken or without versions, a deleted snippet. Each is named
where it is, by `make check` and the strict build, and `make outputs` restores it."""

from __future__ import annotations

import json
import os
import signal

import pytest
from helpers import (
    approved_pair,
    build_tiny,
    failed_build,
    problem_text,
    run_cli,
)

from livecompare import files
from livecompare.site.checks import layout_problems, structural_problems
from livecompare.store import approved

# conftest.py: no framework; `make outputs` runs the snippets in this process (the
# manifest's hash of the bytes that ran is the runner's: tests/runner/test_running.py)
pytestmark = pytest.mark.usefixtures("plain_runtimes", "in_process")


def test_an_output_cut_to_nothing_fails_check_and_build_and_outputs_restores_it(tiny, capsys):
    approved_pair(tiny)
    out = tiny.root / "snippets/s/one_tf.out"
    out.write_text("")  # what Ctrl-C left behind before writes were atomic
    message = "snippets/s/one_tf.out is not the approved file"
    assert message in problem_text(structural_problems(tiny.project))
    assert message in failed_build(tiny)
    assert run_cli(tiny, "outputs") == 0
    assert "changed: snippets/s/one_tf.out" in capsys.readouterr().out
    assert out.read_text() == "tf 1\n" and structural_problems(tiny.project) == []


def test_an_interrupted_write_leaves_each_file_whole_and_check_names_what_to_redo(
        tiny, monkeypatch, capsys):
    approved_pair(tiny, "print('torch', 1)\n", "print('tf', 1)\n")
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
        run_cli(tiny, "outputs")
    monkeypatch.setattr(files.os, "replace", real_replace)
    for side in ("torch", "tf"):
        assert (tiny.root / f"snippets/s/one_{side}.out").read_text() in (
            f"{side} 1\n", f"{side} 2\n"), "an approved output is whole: old or new"
    assert not list(tiny.root.rglob("*.partial")), "no temporary file is left behind"
    said = {p.framework: p for p in structural_problems(tiny.project) if p.framework}
    assert sorted(said) == ["PyTorch", "TensorFlow"]
    assert all("make outputs NAMES=s/one" in p.fix for p in said.values())
    assert run_cli(tiny, "outputs") == 0 and structural_problems(tiny.project) == []


def test_ctrl_c_while_writing_waits_until_files_and_manifest_agree(tiny, monkeypatch):
    approved_pair(tiny)
    tiny.write("snippets/s/one_torch.py", "print('torch', 2)\n")
    tiny.write("snippets/s/one_tf.py", "print('tf', 2)\n")
    real_write = approved.write_atomically

    def write_then_ctrl_c(path, text):
        real_write(path, text)
        os.kill(os.getpid(), signal.SIGINT)  # arrives while the outputs are being written

    monkeypatch.setattr(approved, "write_atomically", write_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        run_cli(tiny, "outputs")
    monkeypatch.setattr(approved, "write_atomically", real_write)
    assert (tiny.root / "snippets/s/one_tf.out").read_text() == "tf 2\n"
    assert structural_problems(tiny.project) == []


def test_a_hand_edited_output_is_refused_by_check_and_build_naming_the_file(tiny):
    approved_pair(tiny)
    out = tiny.root / "snippets/s/one_torch.out"
    out.write_text(out.read_text().replace("1", "11"))
    [problem] = [p for p in structural_problems(tiny.project) if "approved file" in p.message]
    assert problem.path == "snippets/s/one_torch.py"
    assert "snippets/s/one_torch.out is not the approved file" in problem.message
    assert "make outputs NAMES=s/one" in problem.fix
    assert ("docs/index.md:3: LC204 [s/one, PyTorch] snippets/s/one_torch.out is not the "
            "approved") in failed_build(tiny)


def test_an_edited_figure_is_refused_too(tiny):
    drawing = "open('g.svg', 'w').write('<svg><text>a</text></svg>')\nprint('drew')\n"
    approved_pair(tiny, drawing, "print(1)\n")
    (tiny.root / "snippets/s/one_torch.g.svg").write_text("<svg><text>b</text></svg>")
    assert "snippets/s/one_torch.g.svg is not the approved file" in problem_text(
        structural_problems(tiny.project))


BROKEN_MANIFESTS = {
    "truncated": (lambda text: text[:len(text) // 2], ":", "not valid JSON"),
    "conflict": (lambda text: text.replace('"snippets": {', '"snippets": {\n<<<<<<< HEAD', 1),
                 ":4", "merge-conflict markers"),
    "a list": (lambda text: "[]", "", 'must be a JSON object with "format" and "snippets"'),
}


@pytest.mark.parametrize("damage", sorted(BROKEN_MANIFESTS))
def test_a_broken_manifest_is_named_with_its_line_and_the_fix(tiny, capsys, damage):
    change, line, expected = BROKEN_MANIFESTS[damage]
    approved_pair(tiny)
    manifest = tiny.root / "snippets/manifest.json"
    manifest.write_text(change(manifest.read_text()))
    [problem] = [p for p in structural_problems(tiny.project) if expected in p.message]
    assert str(problem.where).startswith("snippets/manifest.json" + line)
    assert "make outputs" in problem.fix
    assert run_cli(tiny, "outputs") == 1
    err = capsys.readouterr().err
    assert expected in err and "Nothing was run" in err and "Traceback" not in err
    assert expected in failed_build(tiny)
    assert run_cli(tiny, "outputs", "--all") == 0, "ALL=1 writes it anew"
    assert structural_problems(tiny.project) == []


def test_an_entry_without_versions_is_named_and_written_anew(tiny, capsys):
    approved_pair(tiny)
    manifest = tiny.root / "snippets/manifest.json"
    data = json.loads(manifest.read_text())
    del data["snippets"]["s/one_tf"]["versions"]
    manifest.write_text(json.dumps(data, indent=2))
    line = next(n for n, text in enumerate(manifest.read_text().splitlines(), start=1)
                if '"s/one_tf":' in text)
    assert f"snippets/manifest.json:{line}: LC207 entry 's/one_tf' is not usable: it has no " \
           "'versions'" in problem_text(structural_problems(tiny.project))
    failed_build(tiny)
    assert run_cli(tiny, "outputs") == 0
    assert structural_problems(tiny.project) == []


def test_a_deleted_snippet_is_one_problem_in_one_wording(tiny):
    approved_pair(tiny)
    (tiny.root / "snippets/s/one_torch.py").unlink()
    check = [p for p in structural_problems(tiny.project)
             if not str(p.where).startswith("docs/notebooks/")]
    assert [p.message for p in check] == ["missing snippet snippets/s/one_torch.py"]
    assert "snippets/s/one_torch.out" in check[0].details
    assert layout_problems(tiny.project) == [], "the page says it; the build says it once"
    build = build_tiny(tiny)
    errors = [ln for ln in build.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1 and "missing snippet snippets/s/one_torch.py" in errors[0]



@pytest.mark.parametrize("value, said", [
    ({"a": [], "b": 1}, "a is not a JSON object"),
    ({"a": {}, "b": "1"}, "b is not a whole number"),
    ({"a": {}, "b": True}, "b is not a whole number"),
    ({"a": {}, "b": 1, "c": [{"d": 2}]}, "c[1].d is not text"),
    ({"a": {}}, "the whole record has no 'b'"),
    ({"a": {}, "b": 1, "c": [{"d": "x"}]}, ""),
])
def test_a_record_that_differs_from_its_shape_is_named_at_the_field(value, said):
    from livecompare.files import shape_fault

    shape = {"a": dict, "b": int, "c": [{"d": str}]}
    assert shape_fault(value, shape) == said
