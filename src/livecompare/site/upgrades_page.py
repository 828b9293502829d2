"""What changed's list, as the page shows it: each upgrade recorded in
snippets/upgrades.json (changes.py finds and checks them in git history) rendered for a
reader: the defaults it changed first, then the examples whose output or code changed,
with their diffs and, for a fix, why in a reader's words.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter

from ..safe import code_fence, markdown_prose, markdown_text, snippet_link


def folded(text: str, lang: str, what: str) -> str:
    """A diff or an error folded under one line that says what it is and how long: the
    page reads as a list of what changed, each difference one click away."""
    fence = code_fence(text)
    lines = text.count("\n") + 1
    body = textwrap.indent(f"{fence}{lang}\n{text}\n{fence}", "    ", lambda line: True)
    return f'??? note "{what}, {lines} line{"s" * (lines > 1)}"\n\n{body}\n'


def examples_count(n: int) -> str:
    """'no example', 'one example', '3 examples': a count as the page's sentence says it."""
    return {0: "no example", 1: "one example"}.get(n, f"{n} examples")


# The defaults table on Porting: two snippets that read each framework's defaults at run
# time and print one row per default, `name<two or more spaces>value`. An upgrade whose
# diffs change a row has changed a default, which its entry says first.
DEFAULTS_EXAMPLE = "porting/defaults"
DEFAULTS_ANCHOR = "defaults-that-differ"  # the id of its section on the Porting page
_DEFAULTS_ROW = re.compile(r"^(\S.*?\S) {2,}(\S.*?)\s*$")


def changed_defaults(diff: str) -> list[tuple[str, str | None, str | None]]:
    """(row, before, after) for each row of the defaults table that a recorded unified
    diff changes; None where the row is new or gone. Lines that are not rows (the
    version line, `torch 2.15.0`) are left out: they change with every upgrade."""
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    in_header = True
    for line in diff.splitlines():
        if line.startswith("@@"):
            in_header = False
        if in_header or line[:1] not in ("-", "+"):
            continue
        row = _DEFAULTS_ROW.match(line[1:])
        if row:
            (before if line[0] == "-" else after)[row[1]] = row[2]
    names = dict.fromkeys([*before, *after])  # in the table's order
    return [(name, before.get(name), after.get(name)) for name in names
            if before.get(name) != after.get(name)]


def _defaults_note(outputs: list[dict], example_pages: dict[str, str]) -> str:
    """The warning at the top of an upgrade's entry when it changed a default, one line
    per changed row, read from the recorded diffs of the defaults table; or nothing."""
    rows = []
    for item in outputs:
        if item["snippet"].rsplit("_", 1)[0] != DEFAULTS_EXAMPLE:
            continue
        side = "PyTorch" if item["snippet"].endswith("_torch") else "TensorFlow"
        for name, old, new in changed_defaults(item["diff"]):
            old = markdown_text(old) if old is not None else "(no such row)"
            new = markdown_text(new) if new is not None else "(row gone)"
            rows.append(f"    - {markdown_text(name)}: {old} → {new} ({side})")
    if not rows:
        return ""
    page = example_pages.get(DEFAULTS_EXAMPLE)
    table = (f"[the table of defaults]({page}#{DEFAULTS_ANCHOR}) on Porting" if page
             else "the table of defaults on Porting")
    return ("!!! warning \"This upgrade changes a default\"\n\n"
            f"    Code that relies on these defaults computes something else after it; "
            f"{table} shows them all.\n\n" + "\n".join(rows) + "\n")


# Where a diff leaves lines out between two of its hunks, it shows this line instead.
GAP = " …\n"


def shown_diff(diff: str) -> str:
    """A recorded diff without its two header lines (`--- snippets/....out (before)`):
    the name above it says which example it is, and a long path breaks mid-word on a
    phone. Its `@@ -1,3 +1,3 @@` lines, line numbers a reader has no use for, become a
    gap between two hunks. Every removed, added and context line, the evidence, stays."""
    lines = diff.splitlines(keepends=True)
    if len(lines) >= 2 and lines[0].startswith("--- ") and lines[1].startswith("+++ "):
        lines = lines[2:]
    shown: list[str] = []
    for line in lines:
        if line.startswith("@@"):
            if shown:
                shown.append(GAP)
            continue
        shown.append(line)
    return "".join(shown)


# A commit that fixes an example for an upgrade says so in its first line, the way
# CONTRIBUTING asks: "Fix rosetta/devices for torch 2.14.1's CUDA build: <why>".
FIX_MESSAGE = re.compile(r"^Fix (?P<example>\S+) for (?P<occasion>[^:]+): (?P<why>\S.*)$")
# Code in a message, shown as code: a call (`torch.jit.load()`), an argument
# (`check_available=True`).
_MESSAGE_CODE = re.compile(r"(?<![\w`])(?:[A-Za-z_][\w.]*\(\)|[a-z_]\w*=\w+)(?![\w`])")


def reason(message: str, snippet: str) -> str:
    """A fix's commit message as the page says it, in Markdown: what the fix was for
    and why, without the example's key, which the name above it already gives, and with
    its code as code. A message in another form is shown as it was written."""
    fix = FIX_MESSAGE.match(message.strip())
    if not fix or fix["example"] != snippet.rsplit("_", 1)[0]:
        return markdown_prose(message)
    why = fix["why"].rstrip(" .")
    if "`" not in why:  # a message that marks its code itself is left as it is
        why = _MESSAGE_CODE.sub(lambda m: f"`{m[0]}`", why)
    return markdown_prose(f"For {fix['occasion']}: {why}.")


def _unmoved(upgrades: list[dict], running: dict[str, set[str]]) -> str:
    """A sentence on the modules no recorded upgrade moved, with the releases the
    examples run on now (read from the manifest), or nothing."""
    upgraded = {up["module"] for up in upgrades}
    unmoved = [(module, sorted(running[module])) for module in running
               if module not in upgraded]
    if not unmoved:
        return ""
    names = [markdown_text(module) for module, _ in unmoved]
    releases = [f"{markdown_text(module)} {' and '.join(map(markdown_text, versions))}"
                for module, versions in unmoved]
    return (f"No upgrade of {_listed(names, 'or')} has been recorded: their examples run on "
            f"{_listed(releases, 'and')}.\n")


def _listed(items: list[str], conjunction: str) -> str:
    return items[0] if len(items) == 1 else (
        ", ".join(items[:-1]) + f" {conjunction} {items[-1]}")


def render_upgrades(upgrades: list[dict], example_pages: dict[str, str],
                    titles: dict[str, str] | None = None,
                    running: dict[str, set[str]] | None = None) -> str:
    """The Markdown of the "What changed" page's list, newest upgrade first, one h3
    section each: the page gives the list its h2, and its own words under it.
    `example_pages` maps an example to the page (and anchor) that shows it, `titles` a
    snippet to the words a reader knows it by (its page, section and tab), `running` a
    framework module to the releases its examples run on now (the manifest's), so that
    the list says which modules no upgrade has moved."""
    unmoved = _unmoved(upgrades, running or {})
    if not upgrades:
        return "No framework upgrade has been recorded yet.\n" + (
            f"\n{unmoved}" if unmoved else "")
    parts = [unmoved] if unmoved else []
    for up in reversed(upgrades):  # from a committed file: escaped like any data
        module, old, new = (markdown_text(up[k]) for k in ("module", "from", "to"))
        title = f"{module} {old} → {new}"
        count = Counter(["outputs"] * len(up["outputs"]) + ["code"] * len(up["code"]))
        parts.append(f"### {title}\n")
        note = _defaults_note(up["outputs"], example_pages)
        if note:
            parts.append(note)
        parts.append(
            f"Verified on {markdown_text(up['verified'])}: the {markdown_text(up['snippets'])} "
            f"examples that run on {module} ran again on {module} {new}. "
            f"{examples_count(count['outputs'])} printed something new, and "
            f"{examples_count(count['code'])} needed a code change to keep working.\n")
        for heading, items in (("Outputs that changed", up["outputs"]),
                               ("Code that had to change", up["code"])):
            parts.append(f"#### {heading}\n")
            if not items:
                parts.append("None.\n")
            for item in items:
                name = snippet_link(item["snippet"], example_pages, titles)
                why = "".join(f"\n\n**Why:** {reason(message, item['snippet'])}"
                              for message in item.get("commits", []))
                diff = shown_diff(item["diff"]).rstrip()
                parts.append(f"{name}{why}\n\n" + folded(diff, "diff", "The difference"))
    return "\n".join(parts)
