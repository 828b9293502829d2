"""Find snippet pairs under snippets/ and the comment shortcodes that place them on pages."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

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
    for example in examples.values():
        for key, framework in FRAMEWORKS.items():
            if key not in example.snippets:
                have = next(iter(example.snippets.values()))
                missing = have.path.with_name(f"{have.slug}_{key}.py")
                problems.append(Problem(
                    project.relative(have.path), f"unpaired snippet: {framework.label} has no "
                    f"counterpart {project.relative(missing)}", example=example.name,
                    fix=f"add {project.relative(missing)} (start from a copy of the other side), "
                        "or delete the lone file"))
    for out in sorted(root.rglob("*.out")):
        if not out.with_suffix(".py").exists():
            problems.append(Problem(project.relative(out), "approved output without a snippet",
                                    fix="delete it, or restore the snippet it belongs to"))
    for figure in sorted(root.rglob("*.*.svg")):
        owner = figure.with_name(figure.name.split(".", 1)[0] + ".py")
        if not owner.exists():
            problems.append(Problem(project.relative(figure), "approved figure without a "
                                    f"snippet ({project.relative(owner)})",
                                    fix="delete it, or restore the snippet it belongs to"))
    return examples, problems


@dataclass(frozen=True)
class Shortcode:
    page: str  # path relative to the project root
    line: int  # 1-based
    name: str
    indent: str


def scan_page(text: str, page: str, known: set[str] | frozenset[str] = frozenset(),
              ) -> tuple[list[Shortcode], list[Problem]]:
    """The shortcodes on one page, and a problem for each malformed or unknown one.

    Lines inside fenced code blocks are skipped, so pages can show the syntax itself.
    """
    codes: list[Shortcode] = []
    problems: list[Problem] = []
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        fence_match = FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        where = f"{page}:{number}"
        match = SHORTCODE.match(line)
        if match:
            name = match["name"]
            if known and name not in known:
                problems.append(Problem(where, f"unknown example {name!r} in shortcode",
                                        fix=_suggest(name, known)))
            else:
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

