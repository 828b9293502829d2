"""The Rosetta stone's rows are not typed from memory: every PyTorch and TensorFlow cell
is code that appears, verbatim, in the tested example of its section."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from livecompare.discovery.shortcodes import shortcodes_of

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs/rosetta.md"
CODE = re.compile(r"`([^`]+)`")


def _sections() -> list[tuple[str, list[list[str]], str | None]]:
    """(heading, table rows as cells, the example shown in that section)."""
    text = PAGE.read_text(encoding="utf-8")
    shown = {found.line: found.argument for found in shortcodes_of(text, "compare")}
    sections, heading, rows, example = [], None, [], None
    for number, line in enumerate(text.splitlines() + ["## end"], start=1):
        if line.startswith("## "):
            if heading and rows:
                sections.append((heading, rows, example))
            heading, rows, example = line[3:], [], None
        elif line.startswith("|") and not re.match(r"^\|\s*(-|Operation\b)", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif number in shown:
            example = shown[number]
    return sections


def test_the_rosetta_stone_has_forty_rows_or_more():
    assert sum(len(rows) for _, rows, _ in _sections()) >= 40


def test_every_cell_is_code_from_its_sections_tested_example():
    problems = []
    for heading, rows, example in _sections():
        assert example, f"section {heading!r} has a table but no example under it"
        section, slug = example.split("/")
        sources = {label: (ROOT / f"snippets/{section}/{slug}_{key}.py").read_text()
                   for label, key in (("PyTorch", "torch"), ("TensorFlow", "tf"))}
        for cells in rows:
            for label, cell in zip(("PyTorch", "TensorFlow"), cells[1:3], strict=True):
                snippets = CODE.findall(cell)
                if not snippets:
                    problems.append(f"{heading} / {cells[0]}: the {label} cell holds no code")
                problems += [f"{heading} / {cells[0]}: `{code}` is not in {example}_{label}"
                             for code in snippets if code not in sources[label]]
    assert not problems, "\n".join(problems)


def test_the_code_cells_link_to_the_lines_their_examples_have_now(project):
    sys.path.insert(0, str(ROOT / "scripts"))
    from rosetta_links import linked

    from livecompare.discovery.discover import discover_examples

    examples, _ = discover_examples(project)
    text = PAGE.read_text(encoding="utf-8")
    assert linked(text, examples) == text, (
        "a code cell links to the wrong line: run `.venv/bin/python scripts/rosetta_links.py`")


def test_every_code_cell_opens_the_line_of_code_that_runs_it(site):
    """In the built page, each cell's link lands on a line of its example's code block
    that holds that very code."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / "rosetta/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    links = soup.select("td a[href^='#']")
    codes = sum(len(CODE.findall(cells[1] + cells[2])) for _, rows, _ in _sections()
                for cells in rows)
    assert len(links) == codes, "a code cell without its link"
    for link in links:
        line = soup.find(id=link["href"][1:])
        assert line is not None and line.find_parent("div", class_="highlight"), link
        assert link.get_text() in line.get_text(), f"{link} lands on {line.get_text()!r}"
