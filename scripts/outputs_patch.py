"""The outputs of the changed examples, as a patch: what CI hands a pull request whose
snippets changed but whose outputs did not (`make outputs-patch` runs it locally too).

It re-runs only the examples whose approved outputs are stale or missing (what `make
check` reports), as `make outputs NAMES=...` would, and then writes:

- `outputs.patch`: `git diff --binary` of exactly the files that run wrote (the `.out`
  files, figures, manifest entries and notebooks), from the tree as it was before the run:
  `git apply outputs.patch` on the pull request's head gives the same files;
- `outputs-summary.md`: which outputs changed, a unified diff of each, and each agreement
  line that changed (appended to $GITHUB_STEP_SUMMARY when that is set);
- `outputs-names.txt`: the examples it ran, for `make verify KERNELS=other NAMES=...`.

Exit status: 0 when every output was up to date (nothing written), 1 when it wrote a patch
(the two lines it prints say how to take it), 2 when a snippet failed or the project has
other problems (nothing to apply for those; the summary says what failed).

    .venv/bin/python scripts/outputs_patch.py [--root DIR] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from livecompare.commands.outputs import approve
from livecompare.discovery.discover import discover_examples
from livecompare.discovery.page_examples import NOTEBOOKS
from livecompare.notebooks.sync import refresh_notebooks
from livecompare.problems import format_problems
from livecompare.project import Project
from livecompare.safe import code_fence
from livecompare.store.approved import approval_problem, figure_problems
from livecompare.store.compare import agreement_line
from livecompare.store.manifest import manifest_or_problem

PATCH, SUMMARY, NAMES = "outputs.patch", "outputs-summary.md", "outputs-names.txt"
DIFF_LINES = 200  # of one output's diff in the summary; the patch holds all of it
HOW = ("Outputs are out of date. To take CI's: download the `outputs-patch` artifact of "
       "this run, then `git apply outputs.patch` and commit the files it changes.\n"
       "Or run them yourself: `make outputs-patch` (or `make outputs NAMES='{names}'`) "
       "and commit what it writes.")


def stale_examples(project: Project) -> list[str]:
    """The complete examples with an output that is missing, stale or not the approved
    bytes, or a figure that is: what `make check` reports, and what `make outputs` fixes."""
    examples, _ = discover_examples(project)
    manifest, _ = manifest_or_problem(project)
    names = []
    for name, example in sorted(examples.items()):
        if not example.complete:
            continue
        for snippet in example.snippets.values():
            where = project.relative(snippet.path)
            if approval_problem(project, snippet, manifest, where) or figure_problems(
                    project, snippet, manifest, where):
                names.append(name)
                break
    return names


def _tracked_folders(project: Project) -> list[Path]:
    return [project.snippets_dir, project.pages_dir / NOTEBOOKS]


def snapshot(project: Project) -> dict[str, bytes]:
    """The bytes of every file `make outputs` may write: all but the snippets themselves
    under snippets/, and the pages' notebooks and scripts."""
    files = {}
    for folder in _tracked_folders(project):
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            snippet = folder == project.snippets_dir and path.suffix == ".py"
            if (path.is_file() and not snippet and "__pycache__" not in path.parts
                    and not path.name.startswith(".")):
                files[project.relative(path)] = path.read_bytes()
    return files


def _git(project: Project, *args: str, env: dict | None = None, data: bytes | None = None
         ) -> str:
    result = subprocess.run(["git", *args], cwd=project.root, input=data,
                            capture_output=True, env={**os.environ, **(env or {})})
    if result.returncode:
        raise SystemExit(f"git {' '.join(args)} failed in {project.root}:\n"
                         + result.stderr.decode(errors="replace"))
    return result.stdout.decode()


def _tree(project: Project, index: Path, files: dict[str, bytes | None]) -> str:
    """A git tree: HEAD with `files` set to these bytes (None: removed)."""
    env = {"GIT_INDEX_FILE": str(index)}
    for path, data in files.items():
        if data is None:
            _git(project, "update-index", "--force-remove", "--", path, env=env)
            continue
        blob = _git(project, "hash-object", "-w", "--stdin", data=data).strip()
        _git(project, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}",
             env=env)
    return _git(project, "write-tree", env=env).strip()


def git_patch(project: Project, before: dict[str, bytes], after: dict[str, bytes]) -> str:
    """A binary git diff that turns `before` into `after`, for the paths that differ."""
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    if not changed:
        return ""
    index = project.root / ".git" / f"outputs-patch-{os.getpid()}.index"
    if not (project.root / ".git").is_dir():  # a worktree: .git is a file
        index = Path(_git(project, "rev-parse", "--git-path", index.name).strip())
        index = index if index.is_absolute() else project.root / index
    try:
        _git(project, "read-tree", "HEAD", env={"GIT_INDEX_FILE": str(index)})
        old = _tree(project, index, {p: before.get(p) for p in changed})
        new = _tree(project, index, {p: after.get(p) for p in changed})
    finally:
        index.unlink(missing_ok=True)
    return _git(project, "diff", "--binary", "--full-index", old, new, "--", *changed)


def uncommitted(project: Project, written: dict[str, bytes]) -> list[str]:
    """Files changed or added and not committed, other than those `make outputs` writes:
    the patch applies to a commit that holds them."""
    lines = _git(project, "status", "--porcelain", "--untracked-files=all").splitlines()
    paths = [line[3:].split(" -> ")[-1] for line in lines]
    return [p for p in paths if p not in written]


def _text(data: bytes | None) -> str | None:
    if data is None:
        return ""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _agreements(project: Project, manifest_bytes: bytes | None) -> dict[str, str]:
    """Each example's agreement line, as a manifest's bytes record it."""
    from livecompare.store.manifest import _entry, raw_entries  # one reader of entries

    lines = {}
    for key, data in raw_entries(manifest_bytes).items():
        try:
            entry = _entry(data)
        except (KeyError, TypeError):  # an entry it cannot read has no line to show
            continue
        if entry.agree:
            lines[key.rsplit("_", 1)[0]] = agreement_line(entry.agree)
    return lines


def summary(project: Project, names: list[str], before: dict[str, bytes],
            after: dict[str, bytes], failures: str) -> str:
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    parts = ["## Outputs of the changed examples", ""]
    if not names and not changed:
        return "\n".join(parts + ["Every output is up to date: nothing to apply.", ""])
    parts += [f"Re-ran {len(names)} example(s) in the native CPU kernels: "
              + ", ".join(f"`{n}`" for n in names) + ".", ""]
    outputs = [p for p in changed if p.endswith((".out", ".svg"))]
    others = [p for p in changed if p not in outputs]
    if outputs:
        parts += ["| output | what |", "| --- | --- |"]
        for path in outputs:
            what = ("new" if path not in before else "removed" if path not in after
                    else "changed")
            parts.append(f"| `{path}` | {what} |")
        parts.append("")
    manifest = project.relative(project.manifest_path)
    old_lines = _agreements(project, before.get(manifest))
    new_lines = _agreements(project, after.get(manifest))
    moved = sorted(n for n in old_lines.keys() | new_lines.keys()
                   if old_lines.get(n) != new_lines.get(n))
    if moved:
        parts += ["### Agreement lines that changed", ""]
        for name in moved:
            parts += [f"- `{name}`", f"  - before: {old_lines.get(name, '(none)')}",
                      f"  - after: {new_lines.get(name, '(none)')}"]
        parts.append("")
    for path in outputs:
        old, new = _text(before.get(path)), _text(after.get(path))
        if old is None or new is None:
            parts += [f"### `{path}`", "", "(binary)", ""]
            continue
        diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(),
                                         f"a/{path}", f"b/{path}", lineterm=""))
        if len(diff) > DIFF_LINES:
            diff = diff[:DIFF_LINES] + [f"... {len(diff) - DIFF_LINES} more lines: see the "
                                        "patch"]
        body = "\n".join(diff)
        fence = code_fence(body)
        parts += [f"### `{path}`", "", f"{fence}diff", body, fence, ""]
    if others:
        parts += ["Also written: " + ", ".join(f"`{p}`" for p in others) + ".", ""]
    if failures:
        fence = code_fence(failures)
        parts += ["### Failed", "", f"{fence}text", failures, fence, ""]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--out-dir", type=Path, default=None,
                        help="where the patch, summary and names go (default: the root)")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    out_dir = (args.out_dir or project.root).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in (PATCH, SUMMARY, NAMES):
        (out_dir / name).unlink(missing_ok=True)
    names = stale_examples(project)
    before = snapshot(project)
    failures = ""
    if names:
        outcome = approve(project, names)
        out, err, status = outcome.report()
        print(out)
        if status:
            failures = err.strip()
    else:
        examples, _ = discover_examples(project)
        if problems := refresh_notebooks(project, examples, print):
            failures = format_problems(problems)
    after = snapshot(project)
    patch = git_patch(project, before, after)
    text = summary(project, names, before, after, failures)
    if patch:
        (out_dir / PATCH).write_text(patch)
        text += "\n" + HOW.format(names=" ".join(names)).replace("\n", "\n\n") + "\n"
    (out_dir / SUMMARY).write_text(text)
    (out_dir / NAMES).write_text(" ".join(names) + "\n")
    if step_summary := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(step_summary, "a", encoding="utf-8") as sink:
            sink.write(text + "\n")
    if failures:
        print(failures, file=sys.stderr)
        print(f"\nSome examples failed; {PATCH} holds only what was written "
              f"({out_dir / SUMMARY} says what failed).", file=sys.stderr)
        return 2
    if patch:
        if dirty := uncommitted(project, before | after):
            print(f"warning: not committed: {', '.join(dirty)}. The patch is made from the "
                  "working tree; it applies to the commit that holds these changes.",
                  file=sys.stderr)
        digest = hashlib.sha256(patch.encode()).hexdigest()[:12]
        print(f"wrote {out_dir / PATCH} (sha256 {digest}...) and {out_dir / SUMMARY}",
              file=sys.stderr)
        print(HOW.format(names=" ".join(names)), file=sys.stderr)
        return 1
    print("Every output is up to date: nothing to apply.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
