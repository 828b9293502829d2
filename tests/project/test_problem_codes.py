"""Problems carry a stable code and their line as a number, and CONTRIBUTING's table of
errors is made from the registry of codes (src/livecompare/codes.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from livecompare.codes import CODES, RULES, table
from livecompare.commands.cli import main
from livecompare.problems import At, Problem

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "src" / "livecompare"
CODE = re.compile(r"LC[1-9]\d\d")


def test_contributings_error_table_is_the_one_the_registry_prints(capsys):
    assert main(["codes"]) == 0
    printed = capsys.readouterr().out
    assert printed == table()
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("## What each error means", 1)[1].split("\n## ", 1)[0]
    shown = "\n".join(line for line in section.splitlines() if line.startswith("|")) + "\n"
    assert shown == printed, ("CONTRIBUTING.md's error table differs from src/livecompare/"
                              "codes.py: paste the output of `python -m livecompare codes`")


def test_every_code_is_well_formed_and_names_one_kind_of_problem():
    names: dict[str, str] = {}
    for rule in RULES:
        assert rule.messages.startswith("`") and rule.what and rule.fix, rule
        if not rule.code:
            continue
        assert CODE.fullmatch(rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.name
        assert names.setdefault(rule.code, rule.name) == rule.name, (
            f"{rule.code} has two names")
    assert len(set(names.values())) == len(names), "two codes share a name"


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            yield node


# The argument that holds the code, by the callable that makes a problem.
CODE_ARGUMENT = {"Problem": 1, "snippet_problem": 2, "Fault": 1}


def test_every_problem_the_engine_makes_names_a_registered_code():
    used, seen = set(), 0
    for path in sorted(ENGINE.rglob("*.py")):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            index = CODE_ARGUMENT.get(call.func.id)
            if index is None or path.name == "problems.py" and call.func.id == "Problem":
                continue
            seen += 1
            argument = call.args[index] if len(call.args) > index else None
            where = f"{path.relative_to(ENGINE)}:{call.lineno}"
            if isinstance(argument, ast.Constant):
                assert argument.value in CODES, f"{where}: unknown code {argument.value!r}"
                used.add(argument.value)
            else:  # a code chosen a line above: it must be a name, never a message
                assert isinstance(argument, ast.Name | ast.Attribute), where
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and CODE.fullmatch(node.value):
                assert node.value in CODES, f"{path.name}:{node.lineno}: {node.value}"
                used.add(node.value)
    assert seen > 80, "the scan finds the engine's problems"
    assert set(CODES) <= used, f"codes no problem uses: {sorted(set(CODES) - used)}"


def test_a_problem_keeps_its_file_and_its_line_apart_and_prints_its_code_first():
    problem = Problem(At("docs/page.md", 12), "LC502", "unknown example 'a/b' in shortcode",
                      fix="did you mean 'a/c'?", example="a/b")
    assert (problem.path, problem.line) == ("docs/page.md", 12)
    assert str(problem) == ("docs/page.md:12: LC502 [a/b] unknown example 'a/b' in shortcode"
                            "\n  -> did you mean 'a/c'?")
    whole_file = Problem("snippets/manifest.json", "LC208", "unknown manifest format 2")
    assert (whole_file.path, whole_file.line) == ("snippets/manifest.json", None)
    assert str(whole_file) == "snippets/manifest.json: LC208 unknown manifest format 2"


def test_a_problem_with_an_unregistered_code_is_refused_where_it_is_made():
    with pytest.raises(ValueError, match="unknown problem code 'LC999'"):
        Problem("docs/page.md", "LC999", "something new")


def test_a_shortcode_problem_is_boxed_under_the_line_it_names(tmp_path):
    """The page renderer finds the line from the problem's number, not from its text."""
    from livecompare.project import Project
    from livecompare.site.render import expand_shortcodes

    project = Project(tmp_path)
    markdown = "# Page\n\ntext\n<!-- compare: a/missing -->\nmore\n"
    page, problems = expand_shortcodes(markdown, "docs/p.md", project, {}, {})
    [problem] = problems
    assert (problem.code, problem.path, problem.line) == ("LC502", "docs/p.md", 4)
    lines = page.splitlines()
    assert lines[3].startswith("<!-- compare: a/missing -->")
    assert "This shortcode was not expanded" in page.split("more")[0]
