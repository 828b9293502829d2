"""Command line: `python -m livecompare outputs|verify|check|list|...`: it parses the
arguments, calls the engine and prints what it found; `new` writes its two files itself.

    outputs [--all] [NAME ...]   re-run changed snippets and write their approved outputs
    verify [NAME ...]            re-run snippets and compare with the approved outputs
    check                        the checks that need no framework (pairs, pages, staleness)
    list                         every example and the page that shows it
    codes                        the table of problem codes (CONTRIBUTING.md holds it)
    notebooks                    write each page's notebooks and scripts under docs/notebooks/
    walkthroughs [NAME ...]      execute walkthroughs/*.py into docs/walkthroughs/*.ipynb
    new SECTION SLUG             write a new pair of snippets from a template
    live [--dev-addr ADDR]       serve the site; re-run a saved snippet in a warm worker
    changes [--since REV]        write snippets/upgrades.json (what each framework upgrade
                                 changed) from git history; --since: print what the working
                                 tree changed since REV, for an upgrade's pull request
    preview [--previewed JSON]   run every snippet in this environment (make preview's,
                                 with pre-releases) against the approved outputs; write
                                 what differs and what breaks to snippets/preview.json
    kernels FAMILY [-- CMD ...]  run CMD as a CPU of another kernel family would (make's
                                 KERNELS=other); without CMD, print the family's settings

A NAME is a section (graphs), an example (graphs/eager_by_default), one side
(graphs/eager_by_default_tf) or a snippet's path.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from ..discovery.discover import discover_examples
from ..discovery.shortcodes import scan_pages
from ..frameworks import ConfigError
from ..notebooks.sync import refresh_notebooks
from ..problems import for_terminal, format_problems
from ..project import Project
from ..runner.results import RunResult
from ..runner.run import WorkerError
from ..safe import NAME
from ..site.checks import structural_problems
from ..store.verify import verify
from .outputs import Outcome, SelectionError, approve


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


def cmd_outputs(project: Project, names: list[str], rerun_all: bool) -> int:
    outcome = approve(project, names, rerun_all, progress=lambda n: _progress(n, "running"))
    return print_outcome(outcome)


def print_outcome(outcome: Outcome) -> int:
    out, err, status = outcome.report()
    if out:
        print(out)
    if err:
        print(err, file=sys.stderr)
    return status


def cmd_notebooks(project: Project) -> int:
    examples, problems = discover_examples(project)
    problems += refresh_notebooks(project, examples)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    print("Every page's notebooks and scripts under docs/notebooks/ match its snippets "
          "and outputs.")
    return 0


COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # an ANSI colour code (SGR), as IPython writes


def cmd_walkthroughs(project: Project, names: list[str]) -> int:
    from ..notebooks.walkthroughs import sources, write_walkthrough

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
            # The kernel colours its tracebacks itself: drop those colours, escape the rest.
            print(f"{project.relative(source)}: a cell failed; nothing was written.\n"
                  + for_terminal(COLOUR.sub("", str(error))), file=sys.stderr)
            return 1
        print(f"wrote {project.relative(path)}")
    return 0


def cmd_verify(project: Project, names: list[str]) -> int:
    try:
        count, problems = verify(project, names, progress=lambda n: _progress(n, "verifying"))
    except WorkerError as error:
        print(f"error: {for_terminal(str(error))}", file=sys.stderr)
        return 1
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    print(f"All {count} snippets ran and match their approved outputs.")
    return 0


def cmd_check(project: Project) -> int:
    problems = structural_problems(project)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    print("No problems: every snippet is paired, used by a page, and has a fresh output.")
    return 0


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
     .venv/bin/python -m pytest tests/content/test_snippets.py -k "{name}"
  6. Commit the two .py, their .out, snippets/manifest.json, docs/notebooks/ and the page."""


def cmd_new(project: Project, section: str, slug: str) -> int:
    """Write a pair of snippets from a template; never overwrite a file."""
    for what, value in (("SECTION", section), ("SLUG", slug)):
        if not NAME.match(value):
            print(f"error: {what} {value!r} must be lower case letters, digits and "
                  "underscores, starting with a letter (e.g. SECTION=graphs "
                  "SLUG=control_flow)", file=sys.stderr)
            return 2
    frameworks = project.frameworks
    if slug.endswith(tuple(f"_{key}" for key in frameworks)):
        endings = " and ".join(f"_{key}" for key in frameworks)
        print(f"error: leave the framework out of SLUG ({slug!r}); the files get {endings}",
              file=sys.stderr)
        return 2
    paths = {key: project.snippets_dir / section / f"{slug}_{key}.py" for key in frameworks}
    existing = [project.relative(p) for p in paths.values() if p.exists()]
    if existing:
        print(f"error: {', '.join(existing)} already exists; nothing was written. Pick "
              "another SLUG, or edit the existing files.", file=sys.stderr)
        return 1
    title = slug.replace("_", " ").capitalize()
    for key, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(frameworks[key].template.format(title=title), encoding="utf-8")
        print(f"wrote {project.relative(path)}")
    print(NEXT_STEPS.format(name=f"{section}/{slug}"))
    return 0


def cmd_changes(project: Project, since: str | None) -> int:
    from ..site.changes import HistoryError, working_tree_report, write_upgrades

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


def cmd_preview(project: Project, previewed: str) -> int:
    """Run every snippet in this environment (the preview's) against its approved output,
    and write what differs to snippets/preview.json; never an approved output."""
    from ..site.preview import run_preview, write_preview

    try:
        chosen = json.loads(previewed)
    except ValueError as error:
        print(f"error: --previewed must be a JSON object of name: version ({error})",
              file=sys.stderr)
        return 2
    data = run_preview(project, chosen, progress=lambda n: _progress(n, "previewing"))
    path = write_preview(project, data)
    print(f"wrote {project.relative(path)}: {len(data['differs'])} outputs differ, "
          f"{len(data['breaks'])} snippets break, of {data['snippets']}")
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
    commands.add_parser("codes", help="the table of problem codes, as CONTRIBUTING.md shows "
                        "it")
    commands.add_parser("notebooks", help="write each page's notebooks and scripts")
    walkthroughs = commands.add_parser("walkthroughs", help="execute the walkthroughs")
    walkthroughs.add_argument("names", nargs="*")
    live = commands.add_parser("live", help="serve, and re-run a snippet when it is saved")
    live.add_argument("--dev-addr", default="127.0.0.1:8000")
    changes = commands.add_parser("changes", help="what each framework upgrade changed")
    changes.add_argument("--since", metavar="REV", help="report the working tree against REV")
    preview = commands.add_parser("preview", help="run every snippet here, against the "
                                   "approved outputs; write snippets/preview.json")
    preview.add_argument("--previewed", default="{}", metavar="JSON",
                         help="the pre-releases installed here, as {name: version}")
    kernels = commands.add_parser("kernels", help="run a command in a CPU kernel family")
    kernels.add_argument("family", help="native, avx2, baseline or other")
    kernels.add_argument("command_line", nargs=argparse.REMAINDER, metavar="-- CMD ...")
    new = commands.add_parser("new", help="write a new pair of snippets from a template")
    new.add_argument("section")
    new.add_argument("slug")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    try:
        project.frameworks  # noqa: B018 - a livecompare.toml it cannot use stops here
    except ConfigError as error:
        raise SystemExit(f"error: {error}") from None
    try:
        if args.command == "outputs":
            return cmd_outputs(project, args.names, args.all)
        if args.command == "verify":
            return cmd_verify(project, args.names)
    except SelectionError as error:
        raise SystemExit(str(error)) from None
    if args.command == "live":
        from .live import main as live_main

        return live_main(project, args.dev_addr)
    if args.command == "changes":
        return cmd_changes(project, args.since)
    if args.command == "preview":
        return cmd_preview(project, args.previewed)
    if args.command == "kernels":
        from ..runner.cpu_families import main as kernels_main

        return kernels_main([args.family, *args.command_line])
    if args.command == "new":
        return cmd_new(project, args.section, args.slug)
    if args.command == "walkthroughs":
        return cmd_walkthroughs(project, args.names)
    if args.command == "notebooks":
        return cmd_notebooks(project)
    if args.command == "check":
        return cmd_check(project)
    if args.command == "codes":
        from ..codes import table

        print(table(), end="")
        return 0
    return cmd_list(project)


if __name__ == "__main__":
    sys.exit(main())
