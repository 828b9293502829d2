"""Find the snippet pairs under snippets/, and the files that belong to no pair."""

from __future__ import annotations

import re
from pathlib import Path

from ..frameworks import file_suffixes
from ..problems import At, Problem
from ..project import Example, Project, Snippet
from ..safe import NAME_PATTERN, NAME_RULE, figure_fault, name_fault, renamed

SNIPPET_NAME = re.compile(rf"^(?P<slug>{NAME_PATTERN})_(?P<fw>[a-z]+)$")  # safe.py's rule


def discover_examples(project: Project) -> tuple[dict[str, Example], list[Problem]]:
    """Every example under snippets/<section>/ (an unpaired one too), and a problem for each
    file that is not part of a complete pair."""
    examples: dict[str, Example] = {}
    problems: list[Problem] = []
    refused: set[Path] = set()  # said once, as what they are, not again as missing
    root = project.snippets_dir
    frameworks = project.frameworks
    if not root.is_dir():
        return examples, [Problem(project.relative(root), "LC110",
                                   "the snippets folder is missing")]
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        where = project.relative(path)
        section_parts = path.relative_to(root).parts[:-1]
        match = SNIPPET_NAME.match(path.stem)
        if len(section_parts) != 1:
            problems.append(Problem(where, "LC106", "a snippet must sit exactly one folder deep",
                                    fix="move it to snippets/<section>/<slug>_<framework>.py"))
            continue
        if not match or match["fw"] not in frameworks:
            problems.append(Problem(where, "LC105",
                                    f"the file name must end in one of {file_suffixes(frameworks)} "
                                    "(lower case, digits and underscores only)",
                                    fix="rename it to snippets/<section>/<slug>"
                                        + " or <slug>".join(file_suffixes(frameworks).split(", "))))
            continue
        if fault := name_fault(section_parts[0]):  # it becomes part of every page's HTML
            problems.append(Problem(where, "LC107", f"the section folder {fault}",
                                    fix=f"rename the folder to snippets/"
                                        f"{renamed(section_parts[0])}/ ({NAME_RULE}), and "
                                        "its shortcodes with it"))
            continue
        if not _regular_file(path):
            refused.add(path)
            problems.append(Problem(where, "LC108", _not_a_file(path),
                                    fix="make it a plain file in the repository"))
            continue
        snippet = Snippet(path, section_parts[0], match["slug"], frameworks[match["fw"]])
        examples.setdefault(snippet.example, Example(snippet.example, frameworks=tuple(
            frameworks))).snippets[
            snippet.framework.key] = snippet
    left_behind: set[Path] = set()
    for example in examples.values():
        for key, framework in frameworks.items():
            if key not in example.snippets:
                have = next(iter(example.snippets.values()))
                missing = have.path.with_name(f"{have.slug}_{key}.py")
                if missing in refused:
                    continue
                leftovers = [p for p in [missing.with_suffix(".out"),
                                         *sorted(root.glob(f"{have.section}/{missing.stem}.*.svg"))]
                             if p.exists()]
                if leftovers:  # it was there, and was deleted
                    left_behind.update(leftovers)
                    problems.append(missing_snippet_problem(
                        project, example.name, framework.label, missing,
                        project.relative(missing), leftovers))
                    continue
                problems.append(Problem(
                    project.relative(have.path), "LC103",
                    f"unpaired snippet: {framework.label} has no "
                    f"counterpart {project.relative(missing)}", example=example.name,
                    fix=f"add {project.relative(missing)} (start from a copy of the other side), "
                        "or delete the lone file"))
    for out in sorted(root.rglob("*.out")):
        if out.is_symlink() or (out.exists() and not out.is_file()):
            problems.append(Problem(project.relative(out), "LC108", _not_a_file(out),
                                    fix="delete it, and run make outputs"))
        elif (not out.with_suffix(".py").exists() and out not in left_behind
              and out.with_suffix(".py") not in refused):
            problems.append(Problem(project.relative(out), "LC205",
                                    "approved output without a snippet",
                                    fix="delete it, or restore the snippet it belongs to"))
    for figure in sorted(root.rglob("*.*.svg")):
        owner = figure.with_name(figure.name.split(".", 1)[0] + ".py")
        if fault := figure_fault(figure.name.split(".", 1)[1]):
            problems.append(Problem(project.relative(figure), "LC107", f"approved {fault}",
                                    fix="delete it; a snippet must name the pictures it "
                                        f"writes with {NAME_RULE} (`graph.svg`), then "
                                        "run make outputs"))
            continue
        if not _regular_file(figure):
            problems.append(Problem(project.relative(figure), "LC108", _not_a_file(figure),
                                    fix="delete it, and run make outputs"))
            continue
        if not owner.exists() and figure not in left_behind and owner not in refused:
            problems.append(Problem(project.relative(figure), "LC205", "approved figure without a "
                                    f"snippet ({project.relative(owner)})",
                                    fix="delete it, or restore the snippet it belongs to"))
    return examples, problems


def _regular_file(path: Path) -> bool:
    """A file of the repository itself: a symbolic link could show any file of the
    machine that builds the site (a dangling one, nothing); a folder named x.py is none."""
    return path.is_file() and not path.is_symlink()


def _not_a_file(path: Path) -> str:
    if path.is_symlink():
        return ("is a symbolic link, which the site does not follow" if path.exists()
                else "is a symbolic link to nothing (dangling)")
    return "is not a plain file"


def missing_snippet_problem(project: Project, example: str, label: str, missing: Path,
                            where: At | str, leftovers: list[Path] = ()) -> Problem:
    """One side of a pair is gone: said the same way by `make check` and on the page."""
    path = project.relative(missing)
    return Problem(where, "LC104", f"missing snippet {path}", example=example, framework=label,
                   details=("left behind: " + ", ".join(project.relative(p) for p in leftovers)
                            if leftovers else ""),
                   fix=f"add {path}, the {label} side of the pair (`git checkout -- {path}` "
                       "if it was deleted by mistake); to remove the example, delete the "
                       "other side, the .out files and the shortcode instead")


# ---------------------------------------------------------------- choosing by name


class SelectionError(ValueError):
    """The names given pick no snippet, or only half of a pair."""


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
                       for key in examples[half.example].expected
                       if key not in examples[half.example].snippets]
            raise SelectionError(f"error: {name!r} is half of a pair: {', '.join(missing)} "
                                 "does not exist yet; add it (start from a copy of the other "
                                 f"side), then run `make outputs NAMES={half.example}`")
        if not hits:
            raise SelectionError(f"error: {name!r} names no snippet; "
                                 "`.venv/bin/python -m livecompare list` shows the examples")
        chosen += [s for s in whole if s not in chosen]
    return chosen


def with_partners(todo: list[Snippet], examples: dict[str, Example]) -> list[Snippet]:
    """A pair whose values must agree runs both sides, so the agreement is checked anew."""
    chosen = list(todo)
    for snippet in todo:
        if snippet.declares_agree:
            chosen += [s for s in examples[snippet.example].snippets.values() if s not in chosen]
    return chosen
