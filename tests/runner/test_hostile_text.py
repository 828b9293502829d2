"""What a hostile snippet prints cannot drive the contributor's terminal, and every limit
the engine suggests is one it accepts.

The snippets run on the plain-Python runtime, so the module needs no framework.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from livecompare.options import RANGES, OptionsError, parse_options
from livecompare.problems import for_terminal
from livecompare.project import FRAMEWORKS, Snippet
from livecompare.runner.results import RunResult

pytestmark = pytest.mark.usefixtures("plain_runtimes")  # conftest.py: no framework

# Colours, a window title (OSC 0) and a hyperlink (OSC 8), the text reversed (U+202E), a
# cursor moved up and a line cleared: what a snippet could print to rewrite the terminal.
HOSTILE = ("\\x1b[31mred\\x1b[0m \\x1b]0;pwned\\x07 \\x1b]8;;https://example.com\\x1b\\\\link"
           "\\x1b]8;;\\x1b\\\\ \\u202eesrever \\x1b[1A\\x1b[2K \\x9b31m")


def _terminal_safe(text: str) -> bool:
    text = re.sub(r"\r(running|verifying):[^\r\n]*", "", text)  # the progress bar's own
    return not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


@pytest.mark.parametrize("code", [
    f"print('ok')\nprint('{HOSTILE}')\n",  # a refused output, shown as what it printed
    f"print('{HOSTILE}', flush=True)\nraise ValueError('{HOSTILE}')\n",  # and a traceback
    f"import sys\nprint('{HOSTILE}', file=sys.stderr)\nsys.exit('{HOSTILE}')\n",
])
@pytest.mark.parametrize("command", ["outputs", "verify"])
def test_a_refused_output_or_an_error_never_reaches_the_terminal_as_escape_codes(
        tiny, capsys, code, command):
    tiny.pair("s/one", code, "print(1)\n")
    tiny.page("index.md", "# Home\n\n<!-- compare: s/one -->\n")
    assert tiny.cli(command, "s/one") == 1
    out, err = capsys.readouterr()
    assert _terminal_safe(out) and _terminal_safe(err), repr(err)
    assert "\\x1b[31mred" in err, "what was refused is shown, escaped"
    assert "\\u202e" in err or "\\x1b]0;pwned" in err


def test_escaping_keeps_plain_text_newlines_and_tabs_as_they_are():
    text = "Traceback:\n\tline 1 é 中 ✓ 0.5\n"
    assert for_terminal(text) == text
    assert for_terminal("a\x1b[2Jb\rc\x00\x7f\u2028") == "a\\x1b[2Jb\\rc\\x00\\x7f\\u2028"


# ------------------------------------------------------------ a suggested limit is allowed


@pytest.mark.parametrize("raw", ["1e-9", "0.5", "0", "3601"])
def test_a_timeout_out_of_range_is_refused_and_the_message_says_the_range(raw):
    with pytest.raises(OptionsError, match=re.escape(
            f"timeout must be from 1 to 3600 s, not {raw}")):
        parse_options(Path("a_tf.py"), f"# compare-options: timeout={raw}\n")


def _suggested(fix: str, key: str) -> str:
    line = re.search(r"`# compare-options: ([^`]*)`", fix)
    assert line, f"no option line suggested in {fix!r}"
    assert key in line.group(1)
    return line.group(1)


@pytest.mark.parametrize("timeout", [RANGES["timeout"][0], 1.3, 1e-9, 2000.0])
def test_the_timeout_a_timed_out_snippet_is_told_to_use_is_itself_allowed(tiny, timeout):
    path = tiny.write("snippets/s/one_tf.py", "print(1)\n")
    result = RunResult(Snippet(path, "s", "one", FRAMEWORKS["tf"]), timed_out=True,
                       timeout=timeout)
    fix = result.problem(tiny.project).fix
    options = parse_options(path, f"# compare-options: {_suggested(fix, 'timeout')}\n")
    assert options.timeout > timeout, "the suggestion raises the limit"
    assert "from 1 to 3600 s" in fix


@pytest.mark.parametrize("memory", [0.1, 3.0, 40.0, 64.0])
def test_the_memory_an_out_of_memory_snippet_is_told_to_use_is_itself_allowed(tiny, memory):
    path = tiny.write("snippets/s/one_tf.py", "print(1)\n")
    result = RunResult(Snippet(path, "s", "one", FRAMEWORKS["tf"]), error="MemoryError\n",
                       memory=memory)
    fix = result.problem(tiny.project).fix
    if memory >= RANGES["memory"][1]:
        assert "already the most it may be (from 0.1 to 64 GB)" in fix
        assert "compare-options" not in fix, "no suggestion the engine would refuse"
        return
    options = parse_options(path, f"# compare-options: {_suggested(fix, 'memory')}\n")
    assert options.memory > memory and "from 0.1 to 64 GB" in fix


def test_a_timeout_at_its_largest_is_told_to_get_faster_not_to_raise_it(tiny):
    path = tiny.write("snippets/s/one_tf.py", "print(1)\n")
    result = RunResult(Snippet(path, "s", "one", FRAMEWORKS["tf"]), timed_out=True,
                       timeout=3600.0)
    fix = result.problem(tiny.project).fix
    assert "make it faster" in fix and "compare-options" not in fix
