"""Command line: `python -m livecompare outputs|verify|check|list`.

    outputs [--all] [NAME ...]   re-run changed snippets and write their approved outputs
    verify [NAME ...]            re-run snippets and compare with the approved outputs
    check                        the checks that need no framework (pairs, pages, staleness)
    list                         every example and the page that shows it
    notebooks                    write each page's notebooks under notebooks/ (for Colab)
    walkthroughs [NAME ...]      execute walkthroughs/*.py into docs/walkthroughs/*.ipynb
    new SECTION SLUG             write a new pair of snippets from a template
    live [--dev-addr ADDR]       serve the site; re-run a saved snippet in a warm worker
    changes [--since REV]        write snippets/upgrades.json (what each framework upgrade
                                 changed) from git history; --since: print what the working
                                 tree changed since REV, for an upgrade's pull request
    kernels FAMILY [-- CMD ...]  run CMD as a CPU of another kernel family would (make's
                                 KERNELS=other); without CMD, print the family's settings

A NAME is a section (graphs), an example (graphs/eager_by_default), one side
(graphs/eager_by_default_tf) or a snippet's path.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .checks import check_agreement, check_result, structural_problems
from .discover import discover_examples, scan_pages
from .notebooks import NotebookError, write_notebooks
from .outputs import (
    ManifestError,
    compare,
    interrupts_deferred,
    load_manifest,
    manifest_entry,
    needs_run,
    read_approved,
    read_manifest,
    update_manifest,
    write_approved,
    write_figures,
)
from .project import (
    FRAMEWORKS,
    Example,
    OptionsError,
    Problem,
    Project,
    Snippet,
    format_problems,
    snippet_problems,
)
from .run import RunResult, WorkerError, run_snippets
from .worker import installed_versions


def select(project: Project, examples: dict[str, Example], names: list[str]) -> list[Snippet]:
    """The snippets of complete pairs the names pick, in a stable order; a name that picks
    nothing, or only half of a pair, is an error."""
    every = [s for name in sorted(examples) for s in examples[name].snippets.values()]
    if not names:
        return [s for s in every if examples[s.example].complete]
    chosen: list[Snippet] = []
    for name in names:
        path = Path(name)
        hits = [s for s in every
                if name in (s.section, s.example, s.key, s.path.stem)
                or (path.suffix == ".py" and path.exists() and path.resolve() == s.path.resolve())]
        whole = [s for s in hits if examples[s.example].complete]
        if hits and not whole:
            half = hits[0]
            missing = [project.relative(half.path.with_name(f"{half.slug}_{key}.py"))
                       for key in FRAMEWORKS if key not in examples[half.example].snippets]
            raise SystemExit(f"error: {name!r} is half of a pair: {', '.join(missing)} does "
                             "not exist yet; add it (start from a copy of the other side), "
                             f"then run `make outputs NAMES={half.example}`")
        if not hits:
            raise SystemExit(f"error: {name!r} names no snippet; "
                             "`.venv/bin/python -m livecompare list` shows the examples")
        chosen += [s for s in whole if s not in chosen]
    return chosen


def _progress(total: int, title: str):
    """A tqdm bar when tqdm is installed, plain lines otherwise."""
    try:
        from tqdm import tqdm
    except ImportError:
        tqdm = None
    if tqdm is not None:
        bar = tqdm(total=total, desc=title, unit="snippet", file=sys.stderr, leave=True)

        def tick(result: RunResult) -> None:
            bar.set_postfix_str(result.snippet.key, refresh=False)
            bar.update(1)
        return tick, bar.close
    done = [0]

    def tick(result: RunResult) -> None:
        done[0] += 1
        state = "ok" if result.ok else "FAILED"
        print(f"[{done[0]}/{total}] {result.snippet.key} {state} ({result.seconds:.1f} s)",
              file=sys.stderr)
    return tick, lambda: None


def cmd_outputs(project: Project, names: list[str], rerun_all: bool,
                runner=run_snippets) -> int:
    """Run what changed (or what `names` pick) and write outputs; `runner` is run_snippets
    or, for `make live`, a runner whose workers stay warm."""
    examples, problems = discover_examples(project)
    # A half-written pair elsewhere must not stop this run: its problems are listed at the
    # end and make the exit status 1, but the outputs asked for still get written.
    complete = {n: e for n, e in examples.items() if e.complete}
    anew = False
    try:
        manifest, unusable = read_manifest(project)
    except ManifestError as error:
        if names or not rerun_all:
            print(format_problems([error.problem]) + "\nNothing was run.", file=sys.stderr)
            return 1
        print(f"{error.problem.where}: cannot be read; `make outputs ALL=1` writes it anew")
        manifest, unusable, anew = {}, [], True
    candidates = select(project, examples, names) if examples or names else []
    if names or rerun_all:
        todo = candidates
    else:
        todo = [s for s in candidates
                if needs_run(s, manifest, installed_versions(s.framework.runtime))]
    todo = _with_partners(todo, complete)
    known = {s.key for e in examples.values() for s in e.snippets.values()}
    dropped = set(manifest) - known
    for key in sorted(dropped):
        print(f"dropped the manifest entry of removed snippet {key}")
    if not todo:
        update_manifest(project, {}, drop=dropped)
        problems += unusable + _refresh_notebooks(project, examples)
        print(f"All {len(candidates)} outputs are up to date "
              "(`make outputs ALL=1` re-runs them all).")
        return _report_other(problems)
    # A snippet that cannot run (a syntax error, a bad options line) is said, not run.
    unfit = {s.key: snippet_problems(project, s) for s in todo}
    failures = [p for problems_of_one in unfit.values() for p in problems_of_one]
    blocked = {s.example for s in todo if unfit[s.key]}
    # A pair whose values must agree runs both sides or neither.
    runnable = [s for s in todo if not unfit[s.key]
                and not (s.example in blocked and _declares_agree(s))]
    tick, close = _progress(len(runnable), "running")
    try:
        results = runner(runnable, on_result=tick) if runnable else {}
    except WorkerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        close()
    agreements: dict[str, dict] = {}
    for name in sorted({s.example for s in runnable}):
        record, problem = check_agreement(project, complete[name], results)
        if problem:
            failures.append(problem)
            blocked.add(name)
        elif record:
            agreements[name] = record
    entries: dict[str, dict] = {}
    changed = 0
    with interrupts_deferred():  # Ctrl-C: the approved files and the manifest stay in step
        for snippet in runnable:
            result = results[snippet.key]
            if not result.ok:
                failures.append(result.problem(project))
                continue
            if snippet.example in blocked or (_declares_agree(snippet)
                                              and snippet.example not in agreements):
                continue  # its pair disagreed, or the other side failed: said above
            for name in write_figures(snippet, result.figures):
                print(f"figure written: {project.relative(snippet.figure_path(name))}")
            before = read_approved(snippet)
            if before != result.stdout:
                changed += 1
                what = "new" if before is None else (
                    "changed" if compare(before, result.stdout, snippet.options())
                    else "changed within tolerance")
                print(f"{what}: {project.relative(snippet.out_path)}")
            write_approved(snippet, result.stdout)
            entries[snippet.key] = manifest_entry(snippet, result.versions, result.python,
                                                  result.seconds, list(result.figures),
                                                  agreements.get(snippet.example),
                                                  source_sha256=result.sha256)
        update_manifest(project, entries, drop=dropped, anew=anew)
        problems += _refresh_notebooks(project, examples)
    problems += [p for p in unusable if not any(f"entry {key!r}" in p.message
                                                for key in entries)]
    print(f"Ran {len(runnable)} snippets: {changed} outputs new or changed, "
          f"{len(entries) - changed} unchanged, {len(todo) - len(entries)} not written.")
    if failures:
        print("\nNothing was written for the failed snippets; their old outputs stay.\n"
              + format_problems(failures), file=sys.stderr)
        return 1
    return _report_other(problems)


def _declares_agree(snippet: Snippet) -> bool:
    try:
        return bool(snippet.options().agree)
    except OptionsError:
        return False  # said by snippet_problems


def _refresh_notebooks(project: Project, examples: dict[str, Example]) -> list[Problem]:
    """Rewrite the page notebooks that new outputs changed; say which."""
    try:
        done = write_notebooks(project, examples, load_manifest(project))
    except (NotebookError, ManifestError) as error:
        return [error.problem]
    for line in done:
        print(f"notebook {line}")
    return []


def cmd_notebooks(project: Project) -> int:
    examples, problems = discover_examples(project)
    problems += _refresh_notebooks(project, examples)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    print("Every page's notebooks under notebooks/ match its snippets and outputs.")
    return 0


def cmd_walkthroughs(project: Project, names: list[str]) -> int:
    from .walkthroughs import sources, write_walkthrough

    available = sources(project)
    unknown = sorted(set(names) - {s.stem for s in available})
    if unknown:
        print(f"error: no walkthroughs/{unknown[0]}.py; there are: "
              + ", ".join(s.stem for s in available), file=sys.stderr)
        return 2
    for source in available:
        if names and source.stem not in names:
            continue
        print(f"executing {project.relative(source)} ...", flush=True)
        try:
            path = write_walkthrough(project, source)
        except Exception as error:  # nbclient's CellExecutionError shows cell and traceback
            print(f"{project.relative(source)}: a cell failed; nothing was written.\n"
                  f"{error}", file=sys.stderr)
            return 1
        print(f"wrote {project.relative(path)}")
    return 0


def _with_partners(todo: list[Snippet], examples: dict[str, Example]) -> list[Snippet]:
    """A pair whose values must agree runs both sides, so the agreement is checked anew."""
    chosen = list(todo)
    for snippet in todo:
        if _declares_agree(snippet):
            chosen += [s for s in examples[snippet.example].snippets.values() if s not in chosen]
    return chosen


def _report_other(problems: list[Problem]) -> int:
    if not problems:
        return 0
    print("\nThe outputs asked for are written, but the project has other problems:\n"
          + format_problems(problems), file=sys.stderr)
    return 1


def cmd_verify(project: Project, names: list[str]) -> int:
    examples, problems = discover_examples(project)
    complete = {n: e for n, e in examples.items() if e.complete}
    try:
        manifest = load_manifest(project)
    except ManifestError as error:
        problems.append(error.problem)
        manifest = {}
    chosen = _with_partners(select(project, examples, names), complete)
    problems += [p for s in chosen for p in snippet_problems(project, s)]
    snippets = [s for s in chosen if not snippet_problems(project, s)]
    tick, close = _progress(len(snippets), "verifying")
    try:
        results = run_snippets(snippets, on_result=tick)
    except WorkerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        close()
    problems += [p for s in snippets if (p := check_result(project, results[s.key], manifest))]
    for name in sorted({s.example for s in snippets}):
        _, problem = check_agreement(project, complete[name], results)
        problems += [problem] if problem else []
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    print(f"All {len(snippets)} snippets ran and match their approved outputs.")
    return 0


def cmd_check(project: Project) -> int:
    problems = structural_problems(project)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    print("No problems: every snippet is paired, used by a page, and has a fresh output.")
    return 0


TEMPLATES = {
    "torch": '"""{title}, in PyTorch."""\nimport torch\n\n'
             'x = torch.arange(6.0).reshape(2, 3)\nprint("sum:", x.sum().item())\n',
    "tf": '"""{title}, in TensorFlow."""\nimport tensorflow as tf\n\n'
          'x = tf.reshape(tf.range(6.0), (2, 3))\nprint("sum:", float(tf.reduce_sum(x)))\n',
}
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
NEXT_STEPS = """
Next (CONTRIBUTING.md has the details):
  1. Write the two scripts: the same task in each, printing what the page should show.
  2. In a page under docs/, add a ## heading, a paragraph that says what to look for,
     and this line, alone on its own line:

         <!-- compare: {name} -->

  3. make outputs NAMES={name}    (runs both sides, writes the .out files and the page's
                                   notebooks; read the .out files)
  4. make live                    (serves the site and re-runs a snippet when you save it)
  5. make check && make lint      (seconds), then
     .venv/bin/python -m pytest tests/test_snippets.py -k "{name}"
  6. Commit the two .py, their .out, snippets/manifest.json, notebooks/ and the page."""


def cmd_new(project: Project, section: str, slug: str) -> int:
    """Write a pair of snippets from a template; never overwrite a file."""
    for what, value in (("SECTION", section), ("SLUG", slug)):
        if not NAME.match(value):
            print(f"error: {what} {value!r} must be lower case letters, digits and "
                  "underscores, starting with a letter (e.g. SECTION=graphs "
                  "SLUG=control_flow)", file=sys.stderr)
            return 2
    if slug.endswith(tuple(f"_{key}" for key in FRAMEWORKS)):
        print(f"error: leave the framework out of SLUG ({slug!r}); the files get _torch "
              "and _tf", file=sys.stderr)
        return 2
    paths = {key: project.snippets_dir / section / f"{slug}_{key}.py" for key in FRAMEWORKS}
    existing = [project.relative(p) for p in paths.values() if p.exists()]
    if existing:
        print(f"error: {', '.join(existing)} already exists; nothing was written. Pick "
              "another SLUG, or edit the existing files.", file=sys.stderr)
        return 1
    title = slug.replace("_", " ").capitalize()
    for key, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEMPLATES[key].format(title=title), encoding="utf-8")
        print(f"wrote {project.relative(path)}")
    print(NEXT_STEPS.format(name=f"{section}/{slug}"))
    return 0


def cmd_changes(project: Project, since: str | None) -> int:
    from .changes import HistoryError, working_tree_report, write_upgrades

    try:
        if since:
            print(working_tree_report(project, since), end="")
            return 0
        path = write_upgrades(project)
    except HistoryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {project.relative(path)}")
    return 0


def cmd_list(project: Project) -> int:
    examples, _ = discover_examples(project)
    codes, _ = scan_pages(project, set(examples))
    pages: dict[str, list[str]] = {}
    for code in codes:
        pages.setdefault(code.name, []).append(f"{code.page}:{code.line}")
    for name in sorted(examples):
        print(f"{name:45} {', '.join(pages.get(name, ['(no page uses it)']))}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="livecompare", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the project folder (default: the current one)")
    commands = parser.add_subparsers(dest="command", required=True)
    outputs = commands.add_parser("outputs", help="re-run changed snippets, write outputs")
    outputs.add_argument("--all", action="store_true", help="re-run every selected snippet")
    outputs.add_argument("names", nargs="*")
    verify = commands.add_parser("verify", help="re-run and compare with approved outputs")
    verify.add_argument("names", nargs="*")
    commands.add_parser("check", help="checks that need no framework")
    commands.add_parser("list", help="examples and their pages")
    commands.add_parser("notebooks", help="write each page's notebooks (for Colab)")
    walkthroughs = commands.add_parser("walkthroughs", help="execute the walkthroughs")
    walkthroughs.add_argument("names", nargs="*")
    live = commands.add_parser("live", help="serve, and re-run a snippet when it is saved")
    live.add_argument("--dev-addr", default="127.0.0.1:8000")
    changes = commands.add_parser("changes", help="what each framework upgrade changed")
    changes.add_argument("--since", metavar="REV", help="report the working tree against REV")
    kernels = commands.add_parser("kernels", help="run a command in a CPU kernel family")
    kernels.add_argument("family", help="native, avx2, baseline or other")
    kernels.add_argument("command_line", nargs=argparse.REMAINDER, metavar="-- CMD ...")
    new = commands.add_parser("new", help="write a new pair of snippets from a template")
    new.add_argument("section")
    new.add_argument("slug")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    if args.command == "outputs":
        return cmd_outputs(project, args.names, args.all)
    if args.command == "verify":
        return cmd_verify(project, args.names)
    if args.command == "live":
        from .live import main as live_main

        return live_main(project, args.dev_addr)
    if args.command == "changes":
        return cmd_changes(project, args.since)
    if args.command == "kernels":
        from .kernels import main as kernels_main

        return kernels_main([args.family, *args.command_line])
    if args.command == "new":
        return cmd_new(project, args.section, args.slug)
    if args.command == "walkthroughs":
        return cmd_walkthroughs(project, args.names)
    if args.command == "notebooks":
        return cmd_notebooks(project)
    if args.command == "check":
        return cmd_check(project)
    return cmd_list(project)


if __name__ == "__main__":
    sys.exit(main())
