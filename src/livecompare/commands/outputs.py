"""`make outputs`: pick the snippets to run, run them, and approve what they printed.

A snippet's output is written only when its run succeeded, and, for a pair that declares
values every tab must agree on, only when the sides agree. The approved files and the
manifest entries that record their hashes are written together, Ctrl-C or not. The
library says what it does through `say` and returns an Outcome; the command line and
`make live` decide where to print it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..discovery.discover import SelectionError, discover_examples, select, with_partners
from ..discovery.page_examples import NOTEBOOKS
from ..files import interrupts_deferred, remove_stale_partials
from ..notebooks.sync import refresh_notebooks
from ..problems import Problem, for_terminal, format_problems, snippet_problem
from ..project import VANISHED, Project, snippet_problems
from ..runner.run import WorkerError, run_snippets
from ..runner.worker import installed_versions
from ..safe import NAME_RULE, figure_fault
from ..store.approved import needs_run, read_approved, write_approved, write_figures
from ..store.compare import compare
from ..store.manifest import (
    Entry,
    ManifestError,
    manifest_entry,
    manifest_lock,
    read_manifest,
    update_manifest,
)
from ..store.verify import check_agreement

__all__ = ["Outcome", "SelectionError", "approve", "select"]


@dataclass
class Outcome:
    """What one `make outputs` did."""

    candidates: int = 0  # the snippets the names picked
    asked: int = 0  # those that needed a run
    ran: int = 0
    written: int = 0
    changed: int = 0  # outputs new or changed among those written
    failures: list[Problem] = field(default_factory=list)  # nothing written for these
    problems: list[Problem] = field(default_factory=list)  # the project's other problems
    stopped: str = ""  # why nothing was run at all

    def report(self) -> tuple[str, str, int]:
        """What to print on stdout and on stderr, and the exit status."""
        if self.stopped:
            return "", self.stopped, 1
        if not self.asked:
            out = (f"All {self.candidates} outputs are up to date "
                   "(`make outputs ALL=1` re-runs them all).")
        else:
            out = (f"Ran {self.ran} snippets: {self.changed} outputs new or changed, "
                   f"{self.written - self.changed} unchanged, "
                   f"{self.asked - self.written} not written.")
        if self.failures:
            return out, ("\nNothing was written for the failed snippets; their old outputs "
                         "stay.\n" + format_problems(self.failures)), 1
        if self.problems:
            return out, ("\nThe outputs asked for are written, but the project has other "
                         "problems:\n" + format_problems(self.problems)), 1
        return out, "", 0


def approve(project: Project, names: list[str], rerun_all: bool = False, *,
            runner: Callable = run_snippets, progress: Callable | None = None,
            say: Callable[[str], None] = print) -> Outcome:
    """Run what changed (or what `names` pick) and write outputs; `runner` is run_snippets
    or, for `make live`, the same with warm workers; `progress(total)` gives the (tick,
    close) of a progress bar. Raises SelectionError."""
    for folder in (project.snippets_dir, project.pages_dir / NOTEBOOKS):
        if folder.is_dir():  # what an earlier run killed outright was writing
            remove_stale_partials(folder, recursive=True)
    examples, problems = discover_examples(project)
    # A half-written pair elsewhere must not stop this run: its problems are listed at the
    # end and make the exit status 1, but the outputs asked for still get written.
    complete = {n: e for n, e in examples.items() if e.complete}
    anew = False
    try:
        manifest, unusable = read_manifest(project)
    except ManifestError as error:
        if names or not rerun_all:
            return Outcome(stopped=format_problems([error.problem]) + "\nNothing was run.")
        say(f"{error.problem.where}: cannot be read; `make outputs ALL=1` writes it anew")
        manifest, unusable, anew = {}, [], True
    candidates = select(project, examples, names) if examples or names else []
    todo = candidates if names or rerun_all else [
        s for s in candidates if needs_run(s, manifest, installed_versions(s.framework.runtime))]
    todo = with_partners(todo, complete)
    outcome = Outcome(candidates=len(candidates), asked=len(todo))
    known = {s.key for e in examples.values() for s in e.snippets.values()}
    dropped = set(manifest) - known
    for key in sorted(dropped):
        say(f"dropped the manifest entry of removed snippet {key}")
    if not todo:
        update_manifest(project, {}, drop=dropped)
        outcome.problems = problems + unusable + refresh_notebooks(project, examples, say)
        return outcome
    # A snippet that cannot run (a syntax error, a bad options line) is said, not run;
    # a pair whose values must agree runs both sides or neither.
    outcome.failures = [p for s in todo for p in snippet_problems(project, s)]
    blocked = {s.example for s in todo if s.fault}
    runnable = [s for s in todo if not s.fault
                and not (s.example in blocked and s.declares_agree)]
    tick, close = progress(len(runnable)) if progress else (None, lambda: None)
    try:
        results = runner(runnable, on_result=tick) if runnable else {}
    except WorkerError as error:
        outcome.stopped = f"error: {for_terminal(str(error))}"
        return outcome
    finally:
        close()
    outcome.ran = len(runnable)
    agreements = {}
    for name in sorted({s.example for s in runnable}):
        record, problem = check_agreement(project, complete[name], results)
        if problem:
            outcome.failures.append(problem)
            blocked.add(name)
        elif record:
            agreements[name] = record
    entries: dict[str, Entry] = {}
    # The lock first: Ctrl-C stops a wait for it at once, before anything is written. Then
    # Ctrl-C waits, so the approved files and the manifest are written in step.
    with manifest_lock(project), interrupts_deferred():
        for snippet in runnable:
            result = results[snippet.key]
            if result.ok and not snippet.path.is_file():
                outcome.failures.append(snippet_problem(
                    snippet, project.relative(snippet.path), "LC109", f"{VANISHED}; nothing was "
                    "written for it", fix="restore it, or delete the rest of the pair"))
                continue
            if not result.ok:
                outcome.failures.append(result.problem(project))
                continue
            if snippet.example in blocked or (snippet.declares_agree
                                              and snippet.example not in agreements):
                continue  # its pair disagreed, or the other side failed: said above
            if bad := [fault for name in result.figures if (fault := figure_fault(name))]:
                outcome.failures.append(snippet_problem(
                    snippet, project.relative(snippet.path), "LC107",
                    f"the snippet wrote a {bad[0]}; "
                    "nothing was written for it",
                    fix=f"name the pictures it writes with {NAME_RULE} (`graph.svg`)"))
                continue
            for name in write_figures(snippet, result.figures):
                say(f"figure written: {project.relative(snippet.figure_path(name))}")
            before = read_approved(snippet)
            if before != result.stdout:
                outcome.changed += 1
                what = "new" if before is None else (
                    "changed" if compare(before, result.stdout, snippet.options)
                    else "changed within tolerance")
                say(f"{what}: {project.relative(snippet.out_path)}")
            write_approved(snippet, result.stdout)
            entries[snippet.key] = manifest_entry(snippet, result.versions, result.python,
                                                  result.seconds, list(result.figures),
                                                  agreements.get(snippet.example),
                                                  source_sha256=result.sha256)
        update_manifest(project, entries, drop=dropped, anew=anew)
        # Found again: a snippet deleted during the run is no page's any more.
        problems += refresh_notebooks(project, discover_examples(project)[0], say)
    outcome.written = len(entries)
    outcome.problems = problems + [p for p in unusable if p.key not in entries]
    return outcome
