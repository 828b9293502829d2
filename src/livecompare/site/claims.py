"""The claims on the pages: notes and tables made from docs/claims.yml (claims_data.py).

Pages never repeat a correction; they point at it:

    <!-- claim: torchserve -->            one line: the verdict, the change, a link
    <!-- claims: summary -->              how many claims hold, hold in part, ...
    <!-- claims: tables -->               the conclusion's tables, one per section
    <!-- claims: learning -->             one section's table, on its own page
    <!-- claims: corrections -->          every claim with a change, dated and sourced
    <!-- claims: decision -->             the decision page's criteria and fit scores

Each shortcode stands alone on its line. A note naming no claim, a malformed shortcode and
two notes in a row are problems that name the page and line.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from ..discovery.pages import markdown_pages, split_lines, text_lines
from ..discovery.shortcodes import KINDS, page_shortcodes, raw_html_problem
from ..problems import At, Problem
from ..safe import anchor, html_text, markdown_prose, markdown_text, markdown_url
from .claims_data import CRITERION_VERDICTS, DATA, SHORT, VERDICTS, Claim, Claims, load

__all__ = ["DATA", "Claims", "expand", "load", "page_problems", "pages_noting", "scan"]

CORRECTIONS = "corrections.md"
CONCLUSION = "conclusion.md"
LINK_TARGET = re.compile(r"\]\(([^)#]+\.md)")  # ](page.md in a Markdown link


@dataclass(frozen=True)
class Note:
    page: str  # as a contributor types it
    line: int
    id: str
    indent: str  # the note's, for what replaces it


def scan(text: str, page: str) -> tuple[list[Note], list[tuple[int, str]], list[Problem]]:
    """The notes and block shortcodes on a page (outside code fences), and problems with
    their form or their placing: two notes in a row, or two before the first section."""
    notes: list[Note] = []
    blocks: list[tuple[int, str]] = []
    problems: list[Problem] = []
    last_note_line = -1  # the line of the note the last non-blank line held
    before_first_section = 0
    in_section = False
    ours = {found.line: found for found in page_shortcodes(text)
            if KINDS[found.kind].owner == "claims"}
    for number, line in text_lines(text):  # code blocks show the syntax: skipped
        if line.startswith("## "):
            in_section = True
        found = ours.get(number)
        if found and found.raw_html:
            problems.append(raw_html_problem(At(page, number), found.raw_html))
            continue
        if found and found.kind == "claim" and not (found.malformed or found.inline):
            where = At(page, number)
            if last_note_line > 0:
                problems.append(Problem(where, "LC705", "two claim notes in a row (the other is on "
                                        f"line {last_note_line})",
                                        fix="keep one note where it matters, and link the "
                                            "other claim from the text"))
            if not in_section:
                before_first_section += 1
                if before_first_section > 1:
                    problems.append(Problem(where, "LC705", "a second claim note before the page's "
                                            "first section",
                                            fix="the page opens with its verdict, then at "
                                                "most one note: move this one down"))
            notes.append(Note(page, number, found.argument, found.indent))
            last_note_line = number
            continue
        if found and (found.malformed or found.inline):
            problems.append(Problem(At(page, number), "LC706", f"malformed claim shortcode "
                                    f"{line.strip()!r}",
                                    fix="write <!-- claim: ID --> or <!-- claims: tables --> "
                                        "alone on its line"))
        elif found:
            blocks.append((number, found.argument))
        if line.strip():
            last_note_line = -1
    return notes, blocks, problems


def note_problems(notes: list[Note], data: Claims) -> list[Problem]:
    known = data.by_id()
    problems = []
    for note in notes:
        if note.id not in known:
            close = difflib.get_close_matches(note.id, sorted(known), n=3, cutoff=0.5)
            problems.append(Problem(
                At(note.page, note.line), "LC701", f"unknown claim {note.id!r} in a note",
                fix=("did you mean " + " or ".join(repr(c) for c in close) + "?") if close
                else f"the ids are in {data.path}"))
        elif not known[note.id].has_change:
            problems.append(Problem(
                At(note.page, note.line), "LC706", f"claim {note.id!r} has no change to note",
                fix=f"add change: note: to it in {data.path}, or link it instead"))
    return problems


def pages_noting(pages_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Which pages note each claim: id -> [(page source path, page title)], page order."""
    noted: dict[str, list[tuple[str, str]]] = {}
    for page in markdown_pages(pages_dir):
        text = page.read_text(encoding="utf-8")
        title = next((ln[2:].strip() for ln in text.splitlines() if ln.startswith("# ")),
                     page.stem)
        notes, _, _ = scan(text, page.name)
        for claim_id in dict.fromkeys(note.id for note in notes):
            noted.setdefault(claim_id, []).append((page.relative_to(pages_dir).as_posix(),
                                                   title))
    return noted


# ------------------------------------------------------------------------ the Markdown

STATE_LABELS = {"holds": "holds", "partly": "partly", "outdated": "outdated",
                "not measured": "not measured here"}
# The article whose claims the site checks, as the home page names it: a reader meets a
# note long before the Conclusion, and "the article" alone says nothing there.
ARTICLE = "the classic comparison"
# A claim's verdict as a note's link says it, in the decision page's words.
NOTE_VERDICTS = {**{verdict: words.lower() for verdict, words in CRITERION_VERDICTS.items()},
                 "not measured": "is not measured here"}


def status_chip(verdict: str) -> str:
    """A claim's status as a coloured chip that also says it in words (compare.css gives
    each verdict its colours, with enough contrast in both colour schemes)."""
    slug = verdict.replace(" ", "-")
    return (f'<span class="claim-status claim-status-{slug}">'
            f"{STATE_LABELS.get(verdict, verdict)}</span>")


def _relative(target: str, page_src: str) -> str:
    """A link from the page at `page_src` (relative to the docs folder) to `target`."""
    return posixpath.relpath(target, posixpath.dirname(page_src) or ".")


def note_markdown(claim: Claim, page_src: str) -> str:
    """The claim in its own words and what became of it, then the news: "claim 24 no
    longer holds" alone told a reader nothing of what claim 24 was."""
    link = _relative(CORRECTIONS, page_src) + f"#{anchor(claim.id)}"
    verdict = markdown_text(NOTE_VERDICTS.get(claim.verdict, claim.verdict))
    said = markdown_prose(claim.said.strip().rstrip("."))
    return (f'!!! note ""\n\n    **{ARTICLE.capitalize()} said** “{said}”: **{verdict}**. '
            f"{markdown_prose(claim.note)} "
            f"[Claim {claim.number}: dates and sources]({link})\n")


def summary_markdown(data: Claims) -> str:
    counts = {verdict: sum(c.verdict == verdict for c in data.claims) for verdict in VERDICTS}
    untouched = [c for c in data.claims if c.verdict == "not measured" and not c.shown]
    text = (f"Of {ARTICLE}'s {len(data.claims)} claims, {counts['holds']} hold, "
            f"{counts['partly']} hold only in part, {counts['outdated']} are outdated and "
            f"{counts['not measured']} are not measured here")
    if untouched:  # named, so that a reader can look it up in the tables below
        numbers = ", ".join(str(c.number) for c in untouched)
        text += (f"; no page of the site touches claim{'s' * (len(untouched) > 1)} "
                 f"{numbers} at all")
    return text + ".\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def section_table(data: Claims, section: str, page_src: str) -> str:
    """One section's claims as a table; links are relative to the docs folder in the data,
    so they are rewritten for the page that shows the table."""
    # The class lets compare.css stack each row into a card on a phone, not scroll sideways.
    lines = ['<div class="claims-table" markdown>', "",
             f"| # | {ARTICLE.capitalize()} said | State in 2026 | Shown by |",
             "| --- | --- | --- | --- |"]
    for claim in (c for c in data.claims if c.section == section):
        shown = markdown_prose(claim.shown or "not shown here")
        if claim.has_change:
            shown += f" · [what changed]({CORRECTIONS}#{anchor(claim.id)})"
        shown = LINK_TARGET.sub(lambda m: f"]({_relative(m[1], page_src)}", shown)
        state = f"{status_chip(claim.verdict)} {markdown_prose(claim.state)}"
        lines.append(f"| {claim.number} | {_cell(markdown_prose(claim.said))} | "
                     f"{_cell(state)} | {_cell(shown)} |")
    return "\n".join([*lines, "", "</div>"]) + "\n"


def tables_markdown(data: Claims, page_src: str) -> str:
    return "\n".join(f"## {markdown_text(title)}\n\n" + section_table(data, section, page_src)
                     for section, title in data.sections.items()
                     if any(c.section == section for c in data.claims))


def corrections_markdown(data: Claims, noted: dict[str, list[tuple[str, str]]],
                         page_src: str) -> str:
    """Every claim with a change, outdated ones first: heading (the page's contents show its
    short title), date, account, sources and the pages that note it."""
    groups = [("Outdated claims", [c for c in data.claims if c.verdict == "outdated"]),
              ("Claims that changed without being overturned",
               [c for c in data.claims if c.verdict != "outdated" and c.has_change])]
    parts = []
    for title, claims in groups:
        parts.append(f"## {title}\n")
        for claim in claims:
            when = f"Changed {markdown_text(claim.date)} · " if claim.date else ""
            section = data.sections.get(claim.section, claim.section)
            conclusion = f"{_relative(CONCLUSION, page_src)}#{_anchor(section)}"
            account = f"{markdown_prose(claim.note)} {markdown_prose(claim.details)}".strip()
            # The contents list the short title; the heading keeps the full claim. A title
            # the data check refuses stays out of the attribute list (it fails the build).
            label = (f' data-toc-label="{claim.number}. {claim.short}"'
                     if SHORT.match(claim.short) else "")
            # The heading quotes the claim: stated bare, an old claim read as the site's view.
            said = markdown_prose(claim.said.strip().rstrip("."))
            lines = [f"### {claim.number}. “{said}” {{ #{anchor(claim.id)}{label} }}", "",
                     f"*{when}verdict:* {status_chip(claim.verdict)} *· "
                     f"[its row in the Conclusion]({markdown_url(conclusion)})*", "", account]
            if claim.sources:
                lines += ["", "Sources: " + ", ".join(
                    f"[{markdown_prose(s.title)}]({markdown_url(s.url)})"
                    for s in claim.sources) + "."]
            pages = noted.get(claim.id, [])
            if pages:
                lines += ["", "Noted on: " + ", ".join(
                    f"[{markdown_text(title)}]({markdown_url(_relative(src, page_src))})"
                    for src, title in pages) + "."]
            parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _anchor(title: str) -> str:
    """The id MkDocs' toc extension gives a heading (for the conclusion's sections): its
    own slugify, so "A - B" and accented titles get the ids the page has."""
    return slugify(title, "-")


def decision_markdown(data: Claims) -> str:
    # The class lets compare.css stack each row into a card on a phone, as claims tables do.
    lines = ['<div class="decision-table" markdown>', "",
             "| Criterion | The older advice picked | Does it hold in late 2026? | "
             "Fit (PyTorch / TensorFlow) | Evidence on this site |",
             "| --- | --- | --- | --- | --- |"]
    for c in data.criteria:
        group = f' data-group="{html_text(c.group)}"' if c.group else ""
        fit = (f'<span class="decision-fit" data-criterion="{html_text(c.id)}" '
               f'data-pytorch="{html_text(c.pytorch)}" data-tensorflow='
               f'"{html_text(c.tensorflow)}"{group}>{html_text(c.pytorch)} / '
               f"{html_text(c.tensorflow)}</span>")
        lines.append(f"| {_cell(markdown_prose(c.name))} | {markdown_text(c.older)} | "
                     f"**{CRITERION_VERDICTS[c.verdict]}.** {_cell(markdown_prose(c.holds))} "
                     f"| {fit} | {_cell(markdown_prose(c.evidence))} |")
    return "\n".join([*lines, "", "</div>"]) + "\n"


BLOCKS = {"summary", "tables", "corrections", "decision"}


def page_problems(markdown: str, where: str, data: Claims) -> list[Problem]:
    """What is wrong with a page's claim shortcodes, at the lines of its source."""
    notes, blocks, problems = scan(markdown, where)
    problems += note_problems(notes, data)
    known = BLOCKS | set(data.sections)
    return problems + [Problem(At(where, number), "LC706", f"unknown claims block {what!r}",
                               fix="use one of " + ", ".join(sorted(BLOCKS))
                                   + ", or a section's id for its table: "
                                   + ", ".join(data.sections))
                       for number, what in blocks if what not in known]


def expand(markdown: str, page_src: str, data: Claims,
           noted: dict[str, list[tuple[str, str]]],
           stash: Callable[[str], str] = lambda block: block) -> str:
    """The page with its claim shortcodes replaced; `page_src` is its path under the docs
    folder, for relative links. Shortcodes with problems stay as they are (invisible
    comments): page_problems reports them. Each block written goes through `stash` (see
    render.expand_shortcodes)."""
    notes, blocks, _ = scan(markdown, page_src)
    lines = split_lines(markdown, keepends=True)
    known = data.by_id()
    for note in notes:
        if note.id in known and known[note.id].has_change:
            text = note_markdown(known[note.id], page_src)
            lines[note.line - 1] = stash("".join(note.indent + ln if ln.strip() else ln
                                                 for ln in split_lines(text, keepends=True)))
    render = {"summary": lambda: summary_markdown(data),
              "tables": lambda: tables_markdown(data, page_src),
              "corrections": lambda: corrections_markdown(data, noted, page_src),
              "decision": lambda: decision_markdown(data)}
    for number, what in blocks:
        if what in render:
            lines[number - 1] = stash(render[what]())
        elif what in data.sections:
            lines[number - 1] = stash(section_table(data, what, page_src))
    return "".join(lines)
