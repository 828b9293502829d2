"""The article's claims as data (docs/claims.yml), and the Markdown the pages get from it.

Each claim of the article sits in the data file once, with its verdict, what changed, the
date and the sources. Pages never repeat a correction; they point at it:

    <!-- claim: torchserve -->            one line: the verdict, the change, a link
    <!-- claims: summary -->              how many claims hold, hold in part, ...
    <!-- claims: tables -->               the conclusion's tables, one per section
    <!-- claims: learning -->             one section's table, on its own page
    <!-- claims: corrections -->          every claim with a change, dated and sourced
    <!-- claims: decision -->             the decision page's criteria and fit scores

Each shortcode stands alone on its line. A note naming no claim, a malformed shortcode and
two notes in a row are problems that name the page and line; so is a claim marked
outdated without a date or a source, naming the data file and line.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .discover import FENCE, INLINE_CODE
from .project import Problem

DATA = "claims.yml"  # under the docs folder, so readers can download it
CORRECTIONS = "corrections.md"
CONCLUSION = "conclusion.md"
VERDICTS = ("holds", "partly", "outdated", "not measured")
# A decision criterion's verdict on the older advice, and the lead in fit score that the
# older favourite must keep for it: holds -> ahead, partly -> ahead by one, outdated -> not.
CRITERION_VERDICTS = {"holds": "Holds", "partly": "Partly", "outdated": "Outdated"}
FRAMEWORK_NAMES = ("PyTorch", "TensorFlow")
NOTE_MAX = 140  # characters: a note reads as one line on a laptop

NOTE = re.compile(r"^(?P<indent>[ \t]*)<!--\s*claim:\s*(?P<id>\S+)\s*-->\s*$")
BLOCK = re.compile(r"^[ \t]*<!--\s*claims:\s*(?P<what>\S+)\s*-->\s*$")
NEAR_MISS = re.compile(r"<!--\s*claims?\b")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
SENTENCE_BREAK = re.compile(r"[.!?] [A-Z]")
LINK_TARGET = re.compile(r"\]\(([^)#]+\.md)")  # ](page.md in a Markdown link


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Claim:
    id: str
    number: int  # its row in the conclusion's tables, in file order
    section: str
    said: str
    verdict: str
    state: str
    shown: str  # Markdown links to where the site shows it; "" when no page does
    note: str = ""  # one sentence: what changed, for the pages' notes
    details: str = ""  # the longer account, for the Corrections page
    date: str = ""  # when it changed: YYYY-MM-DD, or YYYY-MM where no source gives the day
    sources: tuple[Source, ...] = ()
    line: int = 0

    @property
    def has_change(self) -> bool:
        return bool(self.note)


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    older: str  # the framework the older advice picked
    verdict: str
    holds: str
    pytorch: int
    tensorflow: int
    evidence: str
    line: int = 0


@dataclass
class Claims:
    path: str  # as a contributor types it, for messages
    sections: dict[str, str] = field(default_factory=dict)  # id -> title
    claims: list[Claim] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)

    def by_id(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.claims}


# ------------------------------------------------------------------------ reading the data

class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping, so problems can point at it."""


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)

CLAIM_KEYS = {"id", "section", "said", "verdict", "state", "shown", "change"}
CHANGE_KEYS = {"date", "note", "details", "sources"}
CRITERION_KEYS = {"id", "name", "older", "verdict", "holds", "fit", "evidence"}


def load(path: Path, shown_as: str) -> tuple[Claims, list[Problem]]:
    """The claims in `path`, and a problem for each thing wrong with them."""
    data = Claims(shown_as)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except FileNotFoundError:  # a site without claims; a note on a page then names no entry
        return data, []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{shown_as}:{mark.line + 1}" if mark else shown_as
        return data, [Problem(where, f"not valid YAML: {getattr(error, 'problem', error)}")]
    if not isinstance(raw, dict):
        return data, [Problem(shown_as, "expected sections:, claims: and criteria:")]
    problems: list[Problem] = []
    sections = raw.get("sections") or {}
    data.sections = {k: str(v) for k, v in sections.items() if k != "__line__"}
    for number, entry in enumerate(raw.get("claims") or [], start=1):
        claim, found = _claim(entry, number, data, shown_as)
        problems += found
        if claim:
            data.claims.append(claim)
    for entry in raw.get("criteria") or []:
        criterion, found = _criterion(entry, shown_as)
        problems += found
        if criterion:
            data.criteria.append(criterion)
    seen: dict[str, int] = {}
    for claim in data.claims:
        if claim.id in seen:
            problems.append(Problem(f"{shown_as}:{claim.line}", f"claim id {claim.id!r} is "
                                    f"used twice (first on line {seen[claim.id]})",
                                    fix="give each claim its own id"))
        seen.setdefault(claim.id, claim.line)
    problems += _consistency(data, shown_as)
    return data, problems


def _text(entry: dict, key: str) -> str:
    value = entry.get(key, "")
    return " ".join(str(value).split()) if value is not None else ""


def _unknown_keys(entry: dict, known: set[str], where: str, what: str) -> list[Problem]:
    return [Problem(where, f"unknown key {key!r} in {what}",
                    fix="the keys are " + ", ".join(sorted(known)))
            for key in sorted(set(entry) - known - {"__line__"})]


def _claim(entry, number: int, data: Claims, path: str) -> tuple[Claim | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(path, f"claim {number} is not a mapping of id:, said:, ...")]
    where = f"{path}:{entry['__line__']}"
    problems = _unknown_keys(entry, CLAIM_KEYS, where, "a claim")
    claim_id = _text(entry, "id")
    label = f"claim {claim_id or number}"
    for key in ("id", "section", "said", "verdict", "state"):
        if not _text(entry, key):
            problems.append(Problem(where, f"{label} has no {key}:"))
    if claim_id and not SLUG.match(claim_id):
        problems.append(Problem(where, f"claim id {claim_id!r} is not lower-case words "
                                "joined by hyphens"))
    section = _text(entry, "section")
    if section and section not in data.sections:
        problems.append(Problem(where, f"{label}: unknown section {section!r}",
                                fix="use one of " + ", ".join(data.sections)))
    verdict = _text(entry, "verdict")
    if verdict and verdict not in VERDICTS:
        problems.append(Problem(where, f"{label}: unknown verdict {verdict!r}",
                                fix="use one of " + ", ".join(VERDICTS)))
    change = entry.get("change") or {}
    sources: list[Source] = []
    if change:
        change_where = f"{path}:{change['__line__']}"
        problems += _unknown_keys(change, CHANGE_KEYS, change_where, f"{label}'s change")
        for item in change.get("sources") or []:
            pairs = [(k, v) for k, v in item.items() if k != "__line__"] \
                if isinstance(item, dict) else []
            if len(pairs) != 1 or not str(pairs[0][1]).startswith("https://"):
                problems.append(Problem(change_where, f"{label}: a source must read "
                                        "`- title: https://...`"))
                continue
            sources.append(Source(str(pairs[0][0]), str(pairs[0][1])))
    date = str(change.get("date", "") or "")
    note = _text(change, "note")
    if date and not DATE.match(date):
        problems.append(Problem(where, f"{label}: date {date!r} is not YYYY-MM-DD or YYYY-MM"))
    if change and not note:
        problems.append(Problem(where, f"{label}: its change has no note:",
                                fix="say in one sentence what changed"))
    if note and (len(note) > NOTE_MAX or SENTENCE_BREAK.search(note)):
        problems.append(Problem(where, f"{label}: its note must be one sentence of at most "
                                f"{NOTE_MAX} characters",
                                fix="move the rest into details:"))
    if verdict == "outdated":
        if not date:
            problems.append(Problem(where, f"{label} is outdated but its change gives no date",
                                    fix="add change: date: YYYY-MM-DD, when it stopped "
                                        "being true"))
        if not sources:
            problems.append(Problem(where, f"{label} is outdated but names no source",
                                    fix="add change: sources: - title: https://..."))
    # Kept even when something is wrong, so that pages still find it and every check
    # reports what it sees; the problems fail the build anyway.
    claim = Claim(claim_id, number, section, _text(entry, "said"), verdict,
                  _text(entry, "state"), _text(entry, "shown"), note,
                  _text(change, "details"), date, tuple(sources), entry["__line__"])
    return (claim if claim_id else None), problems


def _criterion(entry, path: str) -> tuple[Criterion | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(path, "a criterion is not a mapping of id:, name:, ...")]
    where = f"{path}:{entry['__line__']}"
    problems = _unknown_keys(entry, CRITERION_KEYS, where, "a criterion")
    label = f"criterion {_text(entry, 'id') or '?'}"
    for key in CRITERION_KEYS - {"fit"}:
        if not _text(entry, key):
            problems.append(Problem(where, f"{label} has no {key}:"))
    fit = entry.get("fit")
    if not (isinstance(fit, list) and len(fit) == 2
            and all(isinstance(n, int) and 0 <= n <= 3 for n in fit)):
        problems.append(Problem(where, f"{label}: fit must be [PyTorch, TensorFlow], each "
                                "0 to 3"))
    if _text(entry, "older") not in FRAMEWORK_NAMES:
        problems.append(Problem(where, f"{label}: older must be PyTorch or TensorFlow"))
    if _text(entry, "verdict") not in CRITERION_VERDICTS:
        problems.append(Problem(where, f"{label}: verdict must be one of "
                                + ", ".join(CRITERION_VERDICTS)))
    if problems:
        return None, problems
    return Criterion(_text(entry, "id"), _text(entry, "name"), _text(entry, "older"),
                     _text(entry, "verdict"), _text(entry, "holds"), fit[0], fit[1],
                     _text(entry, "evidence"), entry["__line__"]), []


def _consistency(data: Claims, path: str) -> list[Problem]:
    """A criterion's fit scores must point the way its verdict says: the older favourite
    keeps a lead where the advice holds, a lead of one where it holds in part, and none
    where it no longer holds."""
    problems = []
    for criterion in data.criteria:
        older = criterion.pytorch if criterion.older == "PyTorch" else criterion.tensorflow
        other = criterion.tensorflow if criterion.older == "PyTorch" else criterion.pytorch
        lead = older - other
        expected = {"holds": lead >= 1, "partly": lead == 1, "outdated": lead <= 0}
        if not expected[criterion.verdict]:
            want = {"holds": "a lead of at least 1", "partly": "a lead of exactly 1",
                    "outdated": "no lead"}[criterion.verdict]
            problems.append(Problem(
                f"{path}:{criterion.line}",
                f"criterion {criterion.id!r}: the advice for {criterion.older} is marked "
                f"{criterion.verdict!r}, but its fit {criterion.pytorch} / "
                f"{criterion.tensorflow} gives {criterion.older} a lead of {lead}",
                fix=f"{criterion.verdict} needs {want} for {criterion.older}: change the "
                    "verdict or the scores"))
    return problems


# -------------------------------------------------------------------- notes on the pages

@dataclass(frozen=True)
class Note:
    page: str  # as a contributor types it
    line: int
    id: str


def scan(text: str, page: str) -> tuple[list[Note], list[tuple[int, str]], list[Problem]]:
    """The notes and block shortcodes on a page (outside code fences), and problems with
    their form or their placing: two notes in a row, or two before the first section."""
    notes: list[Note] = []
    blocks: list[tuple[int, str]] = []
    problems: list[Problem] = []
    fence = None
    last_note_line = -1  # the line of the note the last non-blank line held
    before_first_section = 0
    in_section = False
    for number, line in enumerate(text.splitlines(), start=1):
        if fence_match := FENCE.match(line):
            marker = fence_match.group(1)
            fence = marker if fence is None else (None if marker.startswith(fence) else fence)
            continue
        if fence is not None:
            continue
        if line.startswith("## "):
            in_section = True
        if match := NOTE.match(line):
            where = f"{page}:{number}"
            if last_note_line > 0:
                problems.append(Problem(where, "two claim notes in a row (the other is on "
                                        f"line {last_note_line})",
                                        fix="keep one note where it matters, and link the "
                                            "other claim from the text"))
            if not in_section:
                before_first_section += 1
                if before_first_section > 1:
                    problems.append(Problem(where, "a second claim note before the page's "
                                            "first section",
                                            fix="the page opens with its verdict, then at "
                                                "most one note: move this one down"))
            notes.append(Note(page, number, match["id"]))
            last_note_line = number
            continue
        if match := BLOCK.match(line):
            blocks.append((number, match["what"]))
        elif NEAR_MISS.search(INLINE_CODE.sub("", line)):
            problems.append(Problem(f"{page}:{number}", f"malformed claim shortcode "
                                    f"{line.strip()!r}",
                                    fix="write <!-- claim: ID --> or <!-- claims: tables --> "
                                        "alone on its line"))
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
                f"{note.page}:{note.line}", f"unknown claim {note.id!r} in a note",
                fix=("did you mean " + " or ".join(repr(c) for c in close) + "?") if close
                else f"the ids are in {data.path}"))
        elif not known[note.id].has_change:
            problems.append(Problem(
                f"{note.page}:{note.line}", f"claim {note.id!r} has no change to note",
                fix=f"add change: note: to it in {data.path}, or link it instead"))
    return problems


def pages_noting(pages_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Which pages note each claim: id -> [(page source path, page title)], page order."""
    noted: dict[str, list[tuple[str, str]]] = {}
    for page in sorted(pages_dir.rglob("*.md")):
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


def _relative(target: str, page_src: str) -> str:
    """A link from the page at `page_src` (relative to the docs folder) to `target`."""
    return posixpath.relpath(target, posixpath.dirname(page_src) or ".")


def note_markdown(claim: Claim, page_src: str) -> str:
    link = _relative(CORRECTIONS, page_src) + f"#{claim.id}"
    verdict = STATE_LABELS.get(claim.verdict, claim.verdict)
    return (f'!!! note ""\n\n    **Update:** {claim.note} '
            f"[Claim {claim.number} · {verdict} · sources]({link})\n")


def summary_markdown(data: Claims) -> str:
    counts = {verdict: sum(c.verdict == verdict for c in data.claims) for verdict in VERDICTS}
    untouched = sum(c.verdict == "not measured" and not c.shown for c in data.claims)
    text = (f"Of the article's {len(data.claims)} claims, {counts['holds']} hold, "
            f"{counts['partly']} hold only in part, {counts['outdated']} are outdated and "
            f"{counts['not measured']} are not measured here")
    if untouched:
        text += (f"; for {_words(untouched)} of those, no page of the site touches the claim "
                 "at all")
    return text + ".\n"


def _words(n: int) -> str:
    names = "no one two three four five six seven eight nine ten".split()
    return names[n] if n < len(names) else str(n)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def section_table(data: Claims, section: str, page_src: str) -> str:
    """One section's claims as a table; links are relative to the docs folder in the data,
    so they are rewritten for the page that shows the table."""
    lines = ["| # | The article said | State in 2026 | Shown by |", "| --- | --- | --- | --- |"]
    for claim in (c for c in data.claims if c.section == section):
        shown = claim.shown or "not shown here"
        if claim.has_change:
            shown += f" · [what changed]({CORRECTIONS}#{claim.id})"
        shown = LINK_TARGET.sub(lambda m: f"]({_relative(m[1], page_src)}", shown)
        state = f"**{STATE_LABELS.get(claim.verdict, claim.verdict)}**: {claim.state}"
        lines.append(f"| {claim.number} | {_cell(claim.said)} | {_cell(state)} | "
                     f"{_cell(shown)} |")
    return "\n".join(lines) + "\n"


def tables_markdown(data: Claims, page_src: str) -> str:
    return "\n".join(f"## {title}\n\n" + section_table(data, section, page_src)
                     for section, title in data.sections.items()
                     if any(c.section == section for c in data.claims))


def corrections_markdown(data: Claims, noted: dict[str, list[tuple[str, str]]],
                         page_src: str) -> str:
    """Every claim with a change, outdated ones first: heading, date, account, sources and
    the pages that note it."""
    groups = [("Outdated claims", [c for c in data.claims if c.verdict == "outdated"]),
              ("Claims that changed without being overturned",
               [c for c in data.claims if c.verdict != "outdated" and c.has_change])]
    parts = []
    for title, claims in groups:
        parts.append(f"## {title}\n")
        for claim in claims:
            when = f"Changed {claim.date} · " if claim.date else ""
            section = data.sections.get(claim.section, claim.section)
            verdict = STATE_LABELS.get(claim.verdict, claim.verdict)
            conclusion = f"{_relative(CONCLUSION, page_src)}#{_anchor(section)}"
            lines = [f"### {claim.number}. {claim.said} {{ #{claim.id} }}", "",
                     f"*{when}verdict: {verdict} · in the conclusion: "
                     f"[{section}]({conclusion})*", "", f"{claim.note} {claim.details}".strip()]
            if claim.sources:
                lines += ["", "Sources: " + ", ".join(f"[{s.title}]({s.url})"
                                                      for s in claim.sources) + "."]
            pages = noted.get(claim.id, [])
            if pages:
                lines += ["", "Noted on: " + ", ".join(
                    f"[{title}]({_relative(src, page_src)})" for src, title in pages) + "."]
            parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _anchor(title: str) -> str:
    """The id MkDocs' toc extension gives a heading (for the conclusion's sections)."""
    return re.sub(r"[\s]+", "-", re.sub(r"[^\w\s-]", "", title.lower()).strip())


def decision_markdown(data: Claims) -> str:
    lines = ["| Criterion | The older verdict | What holds in late 2026 | "
             "Fit (PyTorch / TensorFlow) | Evidence on this site |",
             "| --- | --- | --- | --- | --- |"]
    for c in data.criteria:
        fit = (f'<span class="decision-fit" data-criterion="{c.id}" data-pytorch="{c.pytorch}"'
               f' data-tensorflow="{c.tensorflow}">{c.pytorch} / {c.tensorflow}</span>')
        lines.append(f"| {_cell(c.name)} | {c.older} | **{CRITERION_VERDICTS[c.verdict]}.** "
                     f"{_cell(c.holds)} | {fit} | {_cell(c.evidence)} |")
    return "\n".join(lines) + "\n"


BLOCKS = {"summary", "tables", "corrections", "decision"}


def page_problems(markdown: str, where: str, data: Claims) -> list[Problem]:
    """What is wrong with a page's claim shortcodes, at the lines of its source."""
    notes, blocks, problems = scan(markdown, where)
    problems += note_problems(notes, data)
    known = BLOCKS | set(data.sections)
    return problems + [Problem(f"{where}:{number}", f"unknown claims block {what!r}",
                               fix="use one of " + ", ".join(sorted(BLOCKS))
                                   + ", or a section's id for its table: "
                                   + ", ".join(data.sections))
                       for number, what in blocks if what not in known]


def expand(markdown: str, page_src: str, data: Claims,
           noted: dict[str, list[tuple[str, str]]]) -> str:
    """The page with its claim shortcodes replaced; `page_src` is its path under the docs
    folder, for relative links. Shortcodes with problems stay as they are (invisible
    comments): page_problems reports them."""
    notes, blocks, _ = scan(markdown, page_src)
    lines = markdown.splitlines(keepends=True)
    known = data.by_id()
    for note in notes:
        if note.id in known and known[note.id].has_change:
            indent = NOTE.match(lines[note.line - 1])["indent"]
            text = note_markdown(known[note.id], page_src)
            lines[note.line - 1] = "".join(indent + ln if ln.strip() else ln
                                           for ln in text.splitlines(keepends=True))
    render = {"summary": lambda: summary_markdown(data),
              "tables": lambda: tables_markdown(data, page_src),
              "corrections": lambda: corrections_markdown(data, noted, page_src),
              "decision": lambda: decision_markdown(data)}
    for number, what in blocks:
        if what in render:
            lines[number - 1] = render[what]()
        elif what in data.sections:
            lines[number - 1] = section_table(data, what, page_src)
    return "".join(lines)
