"""Every message the engine can emit has a row in CONTRIBUTING.md's error table, which says
what it means and what to do."""

from __future__ import annotations

import ast
import re

from helpers import (
    ROOT,
)

# Where the engine puts a message: the calls (and the argument) that carry one.
# A problem's code comes before its message: Problem(where, code, message).
EMITTERS = {"Problem": 2, "problem": 1, "snippet_problem": 3, "Fault": 2, "OptionsError": 2,
            "WorkerError": 0, "SystemExit": 0, "SelectionError": 0, "NameError": 0,
            "TypeError": 0, "ValueError": 0, "PermissionError": 0, "ConfigError": 0}


def _templates() -> list[str]:
    """The message of every problem, error and failure the engine can emit, as its literal
    parts joined by "..." where the code fills something in."""
    found = []
    for path in sorted((ROOT / "src/livecompare").rglob("*.py")):
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

