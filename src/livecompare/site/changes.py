"""What each framework upgrade changed for readers, read from git history.

An upgrade is found in the history of snippets/manifest.json: the last commit whose outputs
were all verified with one release of a framework module (torch, tensorflow, keras), and
the first commit after it whose outputs all were verified with the next. Between those
two commits, an `.out` that changed is an output the upgrade changed, and a snippet whose
code changed is one that had to be fixed for it; its commit messages say how. The record
names no commit, so an upgrade made on a branch reads the same once merged into main.

`python -m livecompare changes` writes what it finds to snippets/upgrades.json, which the
"What changed" page renders (`<!-- compare-upgrades -->`); `make test` checks that file
against the history. `--since REV` instead compares REV with the working tree, for the
description of an upgrade's pull request.
"""

from __future__ import annotations

import difflib
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

from ..files import read_record, shape_fault, write_atomically
from ..problems import Problem
from ..project import Project
from ..safe import code_fence, markdown_prose, markdown_text, snippet_link
from ..store.manifest import Manifest, raw_entries

UPGRADES_FORMAT = 1
MANIFEST = "snippets/manifest.json"


class HistoryError(RuntimeError):
    """The git history cannot be read (no repository, or a shallow clone)."""


def release(version: str) -> str:
    """A version without its build label: torch's 2.14.1+cpu is release 2.14.1."""
    return version.split("+", 1)[0]


def _git(project: Project, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(project.root), *args], capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise HistoryError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def _show(project: Project, commit: str, path: str) -> str | None:
    result = subprocess.run(["git", "-C", str(project.root), "show", f"{commit}:{path}"],
                            capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else None


def _releases(manifest_text: str) -> dict[str, set[str]]:
    """Module -> the releases its snippets' outputs were verified with."""
    found: dict[str, set[str]] = {}
    for entry in raw_entries(manifest_text).values():  # a broken one says nothing
        for module, version in entry.get("versions", {}).items():
            if module != "numpy":
                found.setdefault(module, set()).add(release(version))
    return found


def running_releases(manifest: Manifest) -> dict[str, set[str]]:
    """Module -> the releases the examples run on now, as this tree's manifest says."""
    found: dict[str, set[str]] = {}
    for entry in manifest.values():
        for module, version in entry.versions.items():
            if module != "numpy":
                found.setdefault(module, set()).add(release(version))
    return found


def find_upgrades(project: Project) -> list[dict]:
    """Each completed upgrade in the history: module, from, to, and the two commits."""
    if _git(project, "rev-parse", "--is-shallow-repository").strip() == "true":
        raise HistoryError("this clone is shallow; the upgrades need the whole history "
                           "(git fetch --unshallow, or fetch-depth: 0 in a workflow)")
    # The first parent only: a merged branch counts as one step of main, so a branch made
    # before an upgrade cannot look like a downgrade and then an upgrade again.
    commits = _git(project, "log", "--first-parent", "--reverse", "--format=%H", "--",
                   MANIFEST).split()
    upgrades, settled, pending = [], {}, {}  # module -> (release, commit) / (from, commit)
    for commit in commits:
        for module, versions in _releases(_show(project, commit, MANIFEST) or "").items():
            if len(versions) != 1:
                if module in settled and module not in pending:
                    pending[module] = settled[module]
                continue
            (version,) = versions
            before = pending.pop(module, None) or settled.get(module)
            if before and before[0] != version:
                upgrades.append({"module": module, "from": before[0], "to": version,
                                 "before": before[1], "after": commit})
            settled[module] = (version, commit)
    return upgrades


def _diff(old: str, new: str, name: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True),
                                        f"{name} (before)", f"{name} (after)", n=1))


def _changed_files(project: Project, before: str, after: str) -> list[str]:
    return _git(project, "diff", "--name-only", before, after, "--", "snippets").split()


def describe(project: Project, upgrade: dict) -> dict:
    """The outputs an upgrade changed, with their diffs, and the code it made change,
    with the diffs and the messages of the commits that changed it."""
    before, after = upgrade["before"], upgrade["after"]
    manifest = raw_entries(_show(project, after, MANIFEST))
    moved = {key for key, entry in manifest.items()
             if release(entry.get("versions", {}).get(upgrade["module"], "")) == upgrade["to"]}
    outputs, code = [], []
    for path in _changed_files(project, before, after):
        stem = Path(path).with_suffix("")
        key = f"{stem.parent.name}/{stem.name}"
        if key not in moved or Path(path).suffix not in (".out", ".py"):
            continue
        old, new = _show(project, before, path), _show(project, after, path)
        if old is None or new is None:
            continue  # added or removed in between: not a change the upgrade made
        item = {"snippet": key, "diff": _diff(old, new, path)}
        if path.endswith(".py"):
            log = _git(project, "log", "--no-merges", "--format=%s", f"{before}..{after}",
                       "--", path)
            item["commits"] = log.splitlines()
            code.append(item)
        else:
            outputs.append(item)
    # Neither commit is recorded, nor a commit date: a pull request made on a branch and
    # merged into main must give the same record on both.
    date = max(manifest[key].get("verified", "") for key in moved)
    return {"module": upgrade["module"], "from": upgrade["from"], "to": upgrade["to"],
            "verified": date, "snippets": len(moved), "outputs": outputs, "code": code}


def history(project: Project) -> dict:
    return {"format": UPGRADES_FORMAT,
            "upgrades": [describe(project, u) for u in find_upgrades(project)]}


def upgrades_path(project: Project) -> Path:
    return project.snippets_dir / "upgrades.json"


# What render_upgrades reads; an item of "code" may also hold its "commits" (text).
CHANGE = {"snippet": str, "diff": str}
SHAPE = {"upgrades": [{"module": str, "from": str, "to": str, "verified": str, "snippets": int,
                       "outputs": [CHANGE], "code": [CHANGE]}]}


def _fault(data) -> str:
    return shape_fault(data, SHAPE) or next(
        (f"the commits of {item['snippet']} are not a list of text"
         for up in data["upgrades"] for item in up["outputs"] + up["code"]
         if not isinstance(item.get("commits", []), list)
         or not all(isinstance(c, str) for c in item.get("commits", []))), "")


def load_upgrades(project: Project) -> tuple[list[dict], Problem | None]:
    """snippets/upgrades.json's upgrades, oldest first: none where there is no file (or a
    damaged one: then with the problem, LC211)."""
    path = upgrades_path(project)
    data, problem = read_record(path, project.relative(path), _fault,
                                fix="write it anew: .venv/bin/python -m livecompare changes")
    return (data["upgrades"] if data else []), problem


def write_upgrades(project: Project) -> Path:
    path = upgrades_path(project)
    write_atomically(path, json.dumps(history(project), indent=2) + "\n")
    return path


def working_tree_report(project: Project, since: str) -> str:
    """Markdown for an upgrade's pull request: what the working tree changed since REV."""
    old = _releases(_show(project, since, MANIFEST) or "")
    new = _releases(project.manifest_path.read_text(encoding="utf-8"))
    moves = [f"{m} {', '.join(sorted(old[m]))} → {', '.join(sorted(v))}"
             for m, v in sorted(new.items()) if old.get(m) != v]
    changed = _git(project, "diff", "--name-only", since, "--", "snippets").split()
    lines = ["## Framework releases", "", *(f"- {m}" for m in moves or ["none changed"]), "",
             "## Outputs that changed", ""]
    outs = [p for p in changed if p.endswith(".out")]
    for path in outs:
        before = _show(project, since, path) or ""
        after = (project.root / path).read_text(encoding="utf-8") if (
            project.root / path).exists() else ""
        lines += [f"<details><summary><code>{path}</code></summary>", "", "```diff",
                  _diff(before, after, path).rstrip("\n"), "```", "", "</details>", ""]
    if not outs:
        lines.append("None: every output reads as before.")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the page


def _examples(n: int) -> str:
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
            f"{_examples(count['outputs'])} printed something new, and "
            f"{_examples(count['code'])} needed a code change to keep working.\n")
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
                fence = code_fence(diff)
                parts.append(f"{name}{why}\n\n{fence}diff\n{diff}\n{fence}\n")
    return "\n".join(parts)
