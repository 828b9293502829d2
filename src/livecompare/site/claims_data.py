"""The article's claims as data: reading and checking docs/claims.yml.

Each claim of the article sits in the data file once, with its verdict, what changed, the
date and the sources; claims.py turns it into the pages' notes and tables. A claim marked
outdated without a date or a source is a problem naming the data file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..problems import At, Problem

DATA = "claims.yml"  # under the docs folder, so readers can download it
VERDICTS = ("holds", "partly", "outdated", "not measured")
# A decision criterion's verdict on the older advice, as the decision table words it next
# to the framework that advice picked, and the lead in fit score that the older favourite
# must keep for it: holds -> ahead, partly -> ahead by one, outdated -> not.
CRITERION_VERDICTS = {"holds": "Still holds", "partly": "Holds only in part",
                      "outdated": "No longer holds"}
FRAMEWORK_NAMES = ("PyTorch", "TensorFlow")
NOTE_MAX = 140  # characters: a note reads as one line on a laptop
SHORT_MAX = 40  # characters: an entry in a table of contents, on one or two lines

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
SENTENCE_BREAK = re.compile(r"[.!?] [A-Z]")
# Plain words: the short title goes into a heading's attribute list (data-toc-label), where
# Markdown, HTML and quotes would mean something.
SHORT = re.compile(r"^(?:[^\W_]|[ .,:;'()/+-])+$")  # letters, digits, some punctuation


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
    short: str = ""  # a few words naming the claim, for the Corrections page's contents
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
    # Criteria that rest on one fact share a group (deployment, serving and mobile all
    # come down to how each framework exports a model): the helper counts a group once.
    group: str = ""


@dataclass
class Claims:
    path: str  # as a contributor types it, for messages
    sections: dict[str, str] = field(default_factory=dict)  # id -> title
    claims: list[Claim] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)

    def by_id(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.claims}


# ------------------------------------------------------------------------ reading the data

class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when there
    """Keeps the line of every mapping, so problems can point at it."""


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)

CLAIM_KEYS = {"id", "section", "said", "verdict", "state", "shown", "change"}
CHANGE_KEYS = {"short", "date", "note", "details", "sources"}
CRITERION_KEYS = {"id", "name", "older", "verdict", "holds", "fit", "evidence"}
CRITERION_OPTIONAL = {"group"}


def load(path: Path, shown_as: str) -> tuple[Claims, list[Problem]]:
    """The claims in `path`, and a problem for each thing wrong with them."""
    data = Claims(shown_as)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except FileNotFoundError:  # a site without claims; a note on a page then names no entry
        return data, []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = At(shown_as, mark.line + 1 if mark else None)
        return data, [Problem(where, "LC707",
                              f"not valid YAML: {getattr(error, 'problem', error)}")]
    if not isinstance(raw, dict):
        return data, [Problem(shown_as, "LC707", "expected sections:, claims: and criteria:")]
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
            problems.append(Problem(At(shown_as, claim.line), "LC708", f"claim id {claim.id!r} is "
                                    f"used twice (first on line {seen[claim.id]})",
                                    fix="give each claim its own id"))
        seen.setdefault(claim.id, claim.line)
    problems += _consistency(data, shown_as)
    problems += _lonely_groups(data, shown_as)
    return data, problems


def _lonely_groups(data: Claims, path: str) -> list[Problem]:
    """A group holds criteria that rest on one fact, so a group of one is a typo."""
    members: dict[str, list[Criterion]] = {}
    for criterion in data.criteria:
        if criterion.group:
            members.setdefault(criterion.group, []).append(criterion)
    return [Problem(At(path, group[0].line), "LC704", f"criterion {group[0].id!r} is alone in its "
                    f"group {name!r}",
                    fix="give the criteria that rest on the same fact the same group:, or "
                        "remove it")
            for name, group in members.items() if len(group) == 1]


def _text(entry: dict, key: str) -> str:
    value = entry.get(key, "")
    return " ".join(str(value).split()) if value is not None else ""


def _unknown_keys(entry: dict, known: set[str], where: At, what: str) -> list[Problem]:
    return [Problem(where, "LC707", f"unknown key {key!r} in {what}",
                    fix="the keys are " + ", ".join(sorted(known)))
            for key in sorted(set(entry) - known - {"__line__"})]


def _claim(entry, number: int, data: Claims, path: str) -> tuple[Claim | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(path, "LC707", f"claim {number} is not a mapping of id:, said:, ...")]
    where = At(path, entry["__line__"])
    problems = _unknown_keys(entry, CLAIM_KEYS, where, "a claim")
    claim_id = _text(entry, "id")
    label = f"claim {claim_id or number}"
    for key in ("id", "section", "said", "verdict", "state"):
        if not _text(entry, key):
            problems.append(Problem(where, "LC707", f"{label} has no {key}:"))
    if claim_id and not SLUG.match(claim_id):
        problems.append(Problem(where, "LC708", f"claim id {claim_id!r} is not lower-case words "
                                "joined by hyphens"))
    section = _text(entry, "section")
    if section and section not in data.sections:
        problems.append(Problem(where, "LC708", f"{label}: unknown section {section!r}",
                                fix="use one of " + ", ".join(data.sections)))
    verdict = _text(entry, "verdict")
    if verdict and verdict not in VERDICTS:
        problems.append(Problem(where, "LC708", f"{label}: unknown verdict {verdict!r}",
                                fix="use one of " + ", ".join(VERDICTS)))
    change = entry.get("change") or {}
    sources: list[Source] = []
    if change:
        change_where = At(path, change["__line__"])
        problems += _unknown_keys(change, CHANGE_KEYS, change_where, f"{label}'s change")
        for item in change.get("sources") or []:
            pairs = [(k, v) for k, v in item.items() if k != "__line__"] \
                if isinstance(item, dict) else []
            if len(pairs) != 1 or not str(pairs[0][1]).startswith("https://"):
                problems.append(Problem(change_where, "LC709", f"{label}: a source must read "
                                        "`- title: https://...`"))
                continue
            sources.append(Source(str(pairs[0][0]), str(pairs[0][1])))
    date = str(change.get("date", "") or "")
    note = _text(change, "note")
    if date and not DATE.match(date):
        problems.append(Problem(where, "LC709",
                                f"{label}: date {date!r} is not YYYY-MM-DD or YYYY-MM"))
    if change and not note:
        problems.append(Problem(where, "LC709", f"{label}: its change has no note:",
                                fix="say in one sentence what changed"))
    short = _text(change, "short")
    if change and not short:
        problems.append(Problem(where, "LC709", f"{label}: its change has no short:",
                                fix="name the claim in a few words for the Corrections "
                                    "page's contents, such as 'TorchServe'"))
    elif short and (len(short) > SHORT_MAX or not SHORT.match(short)):
        problems.append(Problem(where, "LC709",
                                f"{label}: its short: {short!r} must be plain words of at "
                                f"most {SHORT_MAX} characters",
                                fix="use letters, digits, spaces and . , : ; ' ( ) / + - "
                                    "only; the heading keeps the full claim"))
    if note and (len(note) > NOTE_MAX or SENTENCE_BREAK.search(note)):
        problems.append(Problem(where, "LC709",
                                f"{label}: its note must be one sentence of at most "
                                f"{NOTE_MAX} characters",
                                fix="move the rest into details:"))
    if verdict == "outdated":
        if not date:
            problems.append(Problem(where, "LC702",
                                    f"{label} is outdated but its change gives no date",
                                    fix="add change: date: YYYY-MM-DD, when it stopped "
                                        "being true"))
        if not sources:
            problems.append(Problem(where, "LC702", f"{label} is outdated but names no source",
                                    fix="add change: sources: - title: https://..."))
    # Kept even when something is wrong, so that pages still find it and every check
    # reports what it sees; the problems fail the build anyway.
    claim = Claim(claim_id, number, section, _text(entry, "said"), verdict,
                  _text(entry, "state"), _text(entry, "shown"), note,
                  _text(change, "details"), short, date, tuple(sources), entry["__line__"])
    return (claim if claim_id else None), problems


def _criterion(entry, path: str) -> tuple[Criterion | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(path, "LC707", "a criterion is not a mapping of id:, name:, ...")]
    where = At(path, entry["__line__"])
    problems = _unknown_keys(entry, CRITERION_KEYS | CRITERION_OPTIONAL, where, "a criterion")
    label = f"criterion {_text(entry, 'id') or '?'}"
    for key in CRITERION_KEYS - {"fit"}:
        if not _text(entry, key):
            problems.append(Problem(where, "LC707", f"{label} has no {key}:"))
    fit = entry.get("fit")
    if not (isinstance(fit, list) and len(fit) == 2
            and all(isinstance(n, int) and 0 <= n <= 3 for n in fit)):
        problems.append(Problem(where, "LC708", f"{label}: fit must be [PyTorch, TensorFlow], each "
                                "0 to 3"))
    if _text(entry, "older") not in FRAMEWORK_NAMES:
        problems.append(Problem(where, "LC708", f"{label}: older must be PyTorch or TensorFlow"))
    if _text(entry, "verdict") not in CRITERION_VERDICTS:
        problems.append(Problem(where, "LC708", f"{label}: verdict must be one of "
                                + ", ".join(CRITERION_VERDICTS)))
    group = _text(entry, "group")
    if "group" in entry and not SLUG.match(group):
        problems.append(Problem(where, "LC704",
                                f"{label}: group must be lower-case words joined by "
                                "hyphens, the same for every criterion that rests on one fact"))
    if problems:
        return None, problems
    return Criterion(_text(entry, "id"), _text(entry, "name"), _text(entry, "older"),
                     _text(entry, "verdict"), _text(entry, "holds"), fit[0], fit[1],
                     _text(entry, "evidence"), entry["__line__"], group), []


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
                At(path, criterion.line), "LC703",
                f"criterion {criterion.id!r}: the advice for {criterion.older} is marked "
                f"{criterion.verdict!r}, but its fit {criterion.pytorch} / "
                f"{criterion.tensorflow} gives {criterion.older} a lead of {lead}",
                fix=f"{criterion.verdict} needs {want} for {criterion.older}: change the "
                    "verdict or the scores"))
    return problems
