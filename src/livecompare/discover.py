"""Find snippet pairs under snippets/ and the comment shortcodes that place them on pages."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .project import FRAMEWORKS, Example, Problem, Project, Snippet

SNIPPET_NAME = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9_]*)_(?P<fw>[a-z]+)$")
# A shortcode stands alone on its line: <!-- compare: section/slug -->
SHORTCODE = re.compile(r"^(?P<indent>[ \t]*)<!--\s*compare:\s*(?P<name>\S+)\s*-->\s*$")
# Any lone HTML comment, to catch near misses such as <!-- compre: x --> or <!-- compare x -->.
LONE_COMMENT = re.compile(r"^[ \t]*<!--\s*(?P<word>[A-Za-z_-]+)(?P<rest>.*?)-->\s*$")
FENCE = re.compile(r"^[ \t]*(```+|~~~+)")
# A shortcode inside a sentence: it would be left as an invisible comment. Inline code
# (`<!-- compare: x -->` between backticks) is how a page shows the syntax, so it is allowed.
INLINE_SHORTCODE = re.compile(r"<!--\s*compare\s*:")
INLINE_CODE = re.compile(r"(`+).*?\1")


def discover_examples(project: Project) -> tuple[dict[str, Example], list[Problem]]:
    """Every example under snippets/<section>/ (an unpaired one too), and a problem for each
    file that is not part of a complete pair."""
    examples: dict[str, Example] = {}
    problems: list[Problem] = []
    root = project.snippets_dir
    if not root.is_dir():
        return examples, [Problem(project.relative(root), "the snippets folder is missing")]
    suffixes = "|".join(f"_{key}" for key in FRAMEWORKS)
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        where = project.relative(path)
        section_parts = path.relative_to(root).parts[:-1]
        match = SNIPPET_NAME.match(path.stem)
        if len(section_parts) != 1:
            problems.append(Problem(where, "a snippet must sit exactly one folder deep",
                                    fix="move it to snippets/<section>/<slug>_<torch|tf>.py"))
            continue
        if not match or match["fw"] not in FRAMEWORKS:
            problems.append(Problem(where, f"the file name must end in one of {suffixes} "
                                    "(lower case, digits and underscores only)",
                                    fix="rename it to snippets/<section>/<slug>_torch.py "
                                        "or <slug>_tf.py"))
            continue
        snippet = Snippet(path, section_parts[0], match["slug"], FRAMEWORKS[match["fw"]])
        examples.setdefault(snippet.example, Example(snippet.example)).snippets[
            snippet.framework.key] = snippet
    left_behind: set[Path] = set()
    for example in examples.values():
        for key, framework in FRAMEWORKS.items():
            if key not in example.snippets:
                have = next(iter(example.snippets.values()))
                missing = have.path.with_name(f"{have.slug}_{key}.py")
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
                    project.relative(have.path), f"unpaired snippet: {framework.label} has no "
                    f"counterpart {project.relative(missing)}", example=example.name,
                    fix=f"add {project.relative(missing)} (start from a copy of the other side), "
                        "or delete the lone file"))
    for out in sorted(root.rglob("*.out")):
        if not out.with_suffix(".py").exists() and out not in left_behind:
            problems.append(Problem(project.relative(out), "approved output without a snippet",
                                    fix="delete it, or restore the snippet it belongs to"))
    for figure in sorted(root.rglob("*.*.svg")):
        owner = figure.with_name(figure.name.split(".", 1)[0] + ".py")
        if not owner.exists() and figure not in left_behind:
            problems.append(Problem(project.relative(figure), "approved figure without a "
                                    f"snippet ({project.relative(owner)})",
                                    fix="delete it, or restore the snippet it belongs to"))
    return examples, problems


def missing_snippet_problem(project: Project, example: str, label: str, missing: Path,
                            where: str, leftovers: list[Path] = ()) -> Problem:
    """One side of a pair is gone: said the same way by `make check` and on the page."""
    path = project.relative(missing)
    return Problem(where, f"missing snippet {path}", example=example, framework=label,
                   details=("left behind: " + ", ".join(project.relative(p) for p in leftovers)
                            if leftovers else ""),
                   fix=f"add {path}, the {label} side of the pair (`git checkout -- {path}` "
                       "if it was deleted by mistake); to remove the example, delete the "
                       "other side, the .out files and the shortcode instead")


# Python-Markdown nests a block under a list item, an admonition or a content tab by
# indenting it 4 spaces; 4 more, after a blank line, make it an indented code block.
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S")
CONTAINER = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===\+?)[ \t]")


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def code_block_lines(text: str) -> set[int]:
    """The lines (1-based) of fenced and indented code blocks, where a page shows Markdown
    as written: a shortcode there is an example of the syntax, not a use."""
    inside: set[int] = set()
    fence: str | None = None
    levels = [0]  # the content indent of each container (list item, admonition) open here
    blank, in_code = True, False
    for number, line in enumerate(text.splitlines(), start=1):
        if fence is not None:
            inside.add(number)
            match = FENCE.match(line)
            if match and match.group(1).startswith(fence):
                fence = None
            continue
        if not line.strip():
            blank = True
            continue
        indent = _indent(line)
        opener = LIST_ITEM.match(line) or CONTAINER.match(line)
        if blank or opener:  # without a blank line, a less indented line continues lazily
            while len(levels) > 1 and indent < levels[-1]:
                levels.pop()
        if indent >= levels[-1] + 4 and (blank or in_code):
            inside.add(number)
            blank, in_code = False, True
            continue
        blank = in_code = False
        if match := FENCE.match(line):
            fence = match.group(1)
            inside.add(number)
        elif opener:
            levels.append(indent + 4)
    return inside


@dataclass(frozen=True)
class Shortcode:
    page: str  # path relative to the project root
    line: int  # 1-based
    name: str
    indent: str


def scan_page(text: str, page: str, known: set[str] | frozenset[str] = frozenset(),
              ) -> tuple[list[Shortcode], list[Problem]]:
    """The shortcodes on one page, and a problem for each malformed or unknown one.

    Lines inside code blocks (fenced or indented) are skipped, so pages can show the syntax
    itself.
    """
    codes: list[Shortcode] = []
    problems: list[Problem] = []
    code = code_block_lines(text)
    first_use: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if number in code:
            continue
        where = f"{page}:{number}"
        match = SHORTCODE.match(line)
        if match:
            name = match["name"]
            if known and name not in known:
                problems.append(Problem(where, f"unknown example {name!r} in shortcode",
                                        fix=_suggest(name, known)))
            elif name in first_use:
                problems.append(Problem(
                    where, f"example {name!r} is used twice on this page (first on line "
                    f"{first_use[name]})", example=name,
                    fix="show it once; from here, link to the heading above it instead"))
            else:
                first_use[name] = number
                codes.append(Shortcode(page, number, name, match["indent"]))
            continue
        comment = LONE_COMMENT.match(line)
        if not comment and INLINE_SHORTCODE.search(INLINE_CODE.sub("", line)):
            problems.append(Problem(
                where, "a shortcode inside a line of text is not expanded",
                fix="put <!-- compare: section/slug --> alone on its own line"))
            continue
        if comment and _looks_like_compare(comment["word"], comment["rest"]):
            problems.append(Problem(
                where, f"malformed shortcode {line.strip()!r}",
                fix="write it as <!-- compare: section/slug --> alone on its line"))
    return codes, problems


def _looks_like_compare(word: str, rest: str) -> bool:
    word = word.lower().rstrip(":")
    if word == "compare":
        return True  # "compare" without its colon, or with other damage
    similar = difflib.SequenceMatcher(None, word, "compare").ratio() >= 0.7
    return similar or ("/" in rest and ":" in rest)


def _suggest(name: str, known: set[str] | frozenset[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return "`.venv/bin/python -m livecompare list` lists the known examples"


def scan_pages(project: Project, known: set[str]) -> tuple[list[Shortcode], list[Problem]]:
    codes: list[Shortcode] = []
    problems: list[Problem] = []
    for page in sorted(project.pages_dir.rglob("*.md")):
        found, wrong = scan_page(page.read_text(encoding="utf-8"), project.relative(page), known)
        codes += found
        problems += wrong
    return codes, problems

