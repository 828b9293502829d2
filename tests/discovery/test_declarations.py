"""Every pair says which it is: `# compare-agree:` (the tabs compute the same values) or
`# compare-differs: reason` (they show different things, and the page says why)."""

from __future__ import annotations

import pytest

from livecompare.discovery.discover import discover_examples
from livecompare.project import OptionsError, parse_options
from livecompare.safe import markdown_text
from livecompare.site.checks import structural_problems
from livecompare.site.render import render_example
from livecompare.store.manifest import load_manifest

# conftest.py: no framework; `make outputs` runs the snippets in this process
pytestmark = pytest.mark.usefixtures("plain_runtimes", "in_process")

REASON = "the two tabs show each framework's own error message"


def _pair(tiny, torch_line: str, tf_line: str):
    tiny.pair("debug/errors", f'"""Errors."""\n{torch_line}print("torch")\n',
              f'"""Errors."""\n{tf_line}print("tf")\n', declare=False)
    tiny.page("index.md", "<!-- compare: debug/errors -->\n")


def _declaration_problems(tiny) -> list:
    return [p for p in structural_problems(tiny.project) if "compare-differs" in p.message]


def test_a_pair_that_declares_neither_fails_the_check_naming_the_file(tiny, capsys):
    _pair(tiny, "", "")
    [problem] = _declaration_problems(tiny)
    assert (problem.path, problem.line) == ("snippets/debug/errors_torch.py", 1)
    assert problem.example == "debug/errors"
    assert "declares neither `# compare-agree:` nor `# compare-differs:`" in problem.message
    assert tiny.cli("check") == 1
    assert "debug/errors_torch.py:1" in capsys.readouterr().err


def test_a_pair_that_declares_both_or_two_reasons_fails_the_check(tiny):
    _pair(tiny, f"# compare-agree: x\nx = 1.0\n# compare-differs: {REASON}\n",
          "# compare-agree: x\nx = 1.0\n")
    [problem] = _declaration_problems(tiny)
    assert (problem.path, problem.line) == ("snippets/debug/errors_torch.py", 4)
    assert "declares both" in problem.message
    _pair(tiny, f"# compare-differs: {REASON}\n", "# compare-differs: something else\n")
    [problem] = _declaration_problems(tiny)
    assert (problem.path, problem.line) == ("snippets/debug/errors_tf.py", 2)
    assert "different `# compare-differs:` reasons" in problem.message


def test_a_pair_that_gives_one_reason_in_both_files_passes_and_the_page_shows_it(tiny):
    line = f"# compare-differs: {REASON} <b>\n"
    _pair(tiny, line, line)
    assert tiny.cli("outputs") == 0
    assert structural_problems(tiny.project) == []
    example = discover_examples(tiny.project)[0]["debug/errors"]
    assert "compare-differs" not in example.snippets["tf"].display_source()
    markdown, problems = render_example(example, tiny.project, load_manifest(tiny.project),
                                        "docs/index.md:1")
    assert not problems
    shown = f"Not compared with the other tab: {markdown_text(REASON)} &lt;b&gt;."
    assert markdown.count(shown) == 2, "in each tab's details"
    assert "both tabs agree" not in markdown


def test_a_differs_line_without_a_reason_is_an_error(tmp_path):
    with pytest.raises(OptionsError, match=r"a\.py:2: compare-differs gives no reason"):
        parse_options(tmp_path / "a.py", '"""Doc."""\n# compare-differs:   \n')
    options = parse_options(tmp_path / "a.py", f"# compare-differs:  {REASON}  \n")
    assert options.differs == REASON and options.differs_line == 1
