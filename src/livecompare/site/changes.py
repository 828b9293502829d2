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
import subprocess
from pathlib import Path

from ..files import read_record, shape_fault, write_atomically
from ..problems import Problem
from ..project import Project
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
