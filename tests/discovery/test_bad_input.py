"""Bad input is a problem named at its file and line, never a crash: a snippet that does not
parse, a bad option, agreement declared on one side only, an example twice on a page, a
shortcode in a code block, half a pair named to `make outputs`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import (
    approved_pair,
    failed_build,
    problem_text,
    run_cli,
)

from livecompare.discovery.discover import discover_examples
from livecompare.discovery.shortcodes import scan_page
from livecompare.project import OptionsError, parse_options
from livecompare.site.checks import structural_problems
from livecompare.site.render import expand_shortcodes, render_example
from livecompare.store.manifest import load_manifest

# conftest.py: no framework; `make outputs` runs the snippets in this process
pytestmark = pytest.mark.usefixtures("plain_runtimes", "in_process")


@pytest.mark.parametrize("torch_code, tf_code, expected", [
    ("# compare-agree: x\nx = 1.0\n", "x = 1.0\n", "declare different `# compare-agree:`"),
    ("x = 1.0\n", "# compare-agree: x\nx = 1.0\n", "declare different `# compare-agree:`"),
    ("# compare-agree: x\nx = 1.0\n", "# compare-agree: x\nimport sys\nsys.exit(0)\nx = 1.0\n",
     "defines no module-level variable"),
])
def test_agreement_declared_on_one_side_or_left_undefined_is_a_problem(
        tiny, capsys, torch_code, tf_code, expected):
    tiny.pair("s/one", torch_code, tf_code)
    tiny.page("index.md", "<!-- compare: s/one -->\n")
    assert run_cli(tiny, "outputs") == 1
    err = capsys.readouterr().err
    assert expected in err and "KeyError" not in err
    assert load_manifest(tiny.project) == {}


def test_a_syntax_error_is_a_problem_everywhere_and_nothing_crashes(tiny, capsys):
    approved_pair(tiny)
    tiny.write("snippets/s/one_tf.py", "print('tf'\n")
    said = "snippets/s/one_tf.py:1: the snippet does not parse: SyntaxError"
    assert "snippets/s/one_tf.py:1: LC101 [s/one, TensorFlow] the snippet does not parse" in (
        problem_text(structural_problems(tiny.project)))
    assert run_cli(tiny, "check") == 1 and "Traceback" not in capsys.readouterr().err
    assert run_cli(tiny, "outputs") == 1
    err = capsys.readouterr().err
    assert "the snippet does not parse" in err and "Traceback" not in err
    examples, _ = discover_examples(tiny.project)
    markdown, problems = render_example(examples["s/one"], tiny.project,
                                        load_manifest(tiny.project), "docs/index.md:3")
    assert said in problem_text(problems) and '!!! failure "This code cannot run"' in markdown
    assert said in failed_build(tiny)


@pytest.mark.parametrize("option, expected", [
    ("timeout=abc", "timeout needs a number, not 'abc'"),
    ("timeout=nan", "timeout needs a finite number, not nan"),
    ("timeout=inf", "timeout needs a finite number, not inf"),
    ("timeout=1e300", "timeout must be from 1 to 3600 s, not 1e300"),
    ("rtol=-1", "rtol must be from 0 to 1, not -1"),
    ("rtol=nan", "rtol needs a finite number, not nan"),
    ("memory=0", "memory must be from 0.1 to 64 GB, not 0"),
])
def test_a_bad_option_is_a_problem_with_file_and_line_in_every_command(
        tiny, capsys, option, expected):
    with pytest.raises(OptionsError, match=re.escape(expected)):
        parse_options(Path("a.py"), f"# compare-options: {option}\n")
    approved_pair(tiny)
    tiny.write("snippets/s/one_tf.py", f"print(1)\n# compare-options: {option}\n")
    where = "snippets/s/one_tf.py:2"
    assert f"{where}: LC102 [s/one, TensorFlow] {expected}" in problem_text(
        structural_problems(tiny.project))
    for command in ("outputs", "verify"):
        assert run_cli(tiny, command, "s/one") == 1
        err = capsys.readouterr().err
        assert f"{where}: LC102 [s/one, TensorFlow] {expected}" in err and "Traceback" not in err


def test_a_bad_option_fails_the_build_naming_page_and_file(tiny):
    approved_pair(tiny)
    tiny.write("snippets/s/one_tf.py", "print(1)\n# compare-options: timeout=inf\n")
    assert ("docs/index.md:3: LC102 [s/one, TensorFlow] snippets/s/one_tf.py:2: timeout needs a "
            "finite number, not inf") in failed_build(tiny)


def test_the_same_example_twice_on_a_page_is_reported(tiny):
    approved_pair(tiny)
    tiny.page("index.md", "# Home\n\n<!-- compare: s/one -->\n\nAgain:\n\n"
                          "<!-- compare: s/one -->\n")
    codes, [problem] = scan_page((tiny.root / "docs/index.md").read_text(), "docs/index.md",
                                 {"s/one"})
    assert [c.line for c in codes] == [3]
    assert (problem.path, problem.line) == ("docs/index.md", 7) and "used twice" in problem.message
    assert "first on line 3" in problem.message
    assert "used twice" in problem_text(structural_problems(tiny.project))


def test_a_shortcode_in_an_indented_code_block_is_left_as_code(tiny):
    tiny.pair("s/one")
    examples, _ = discover_examples(tiny.project)
    page = ("Write it like this:\n\n    <!-- compare: s/one -->\n\n"
            "- or in a list item:\n\n    <!-- compare: s/one -->\n")
    codes, problems = scan_page(page, "docs/a.md", {"s/one"})
    assert [c.line for c in codes] == [7] and problems == []
    markdown, _ = expand_shortcodes(page, "docs/a.md", tiny.project, examples, {})
    assert markdown.splitlines()[2] == "    <!-- compare: s/one -->"
    assert re.findall(r'data-example="([^"]+)"', markdown) == ["s/one"]


def test_half_a_pair_named_in_make_outputs_says_so(tiny):
    tiny.write("snippets/s/half_torch.py", "print(1)\n")
    with pytest.raises(SystemExit, match=r"'s/half_torch' is half of a pair: "
                                         r"snippets/s/half_tf\.py does not exist yet"):
        run_cli(tiny, "outputs", "s/half_torch")

