"""Link each code cell of the Rosetta stone to the line of its example that runs it.

    python scripts/rosetta_links.py           rewrite docs/rosetta.md's links in place
    python scripts/rosetta_links.py --check   exit 1 if a link points at the wrong line

In docs/rosetta.md, the PyTorch and TensorFlow cells of each table hold code that appears,
verbatim, in the example under the table's section (tests/content/test_rosetta.py). This script
turns each such code span into a link to that line: `__span-<example>-<framework>-<n>`,
the id that pymdownx.highlight's line_spans gives line n of the code block that
render.code_block_id names. Re-run it after editing a Rosetta snippet.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs/rosetta.md"
sys.path.insert(0, str(ROOT / "src"))

from livecompare.discovery.discover import discover_examples  # noqa: E402
from livecompare.discovery.shortcodes import shortcodes_of  # noqa: E402
from livecompare.project import FRAMEWORKS, Example, Project  # noqa: E402
from livecompare.site.render import code_block_id  # noqa: E402

# A code span, bare or already linked: [`code`](#__span-... "title")
CODE = re.compile(r'\[`([^`]+)`\]\(#__span-[^ )]+(?: "[^"]*")?\)|`([^`]+)`')
ROW = re.compile(r"^\|(?!\s*(?:-|Operation\b))")
CODE_COLUMNS = {1: "torch", 2: "tf"}  # cell index -> framework key


class RosettaError(Exception):
    pass


def _lines(examples: dict[str, Example], example: str) -> dict[str, list[str]]:
    return {key: examples[example].snippets[key].display_source().splitlines()
            for key in CODE_COLUMNS.values()}


def _link(code: str, key: str, example: str, lines: list[str], start: int,
          where: str) -> tuple[str, int]:
    """The linked code span, and the line it links to. Rows follow the script's order,
    so the search starts after the previous row's line, then wraps round."""
    order = list(range(start + 1, len(lines))) + list(range(start + 1))
    number = next((n for n in order if code in lines[n]), None)
    if number is None:
        raise RosettaError(f"{where}: `{code}` is not in the {FRAMEWORKS[key].label} "
                           f"script of {example}")
    block = code_block_id(example, key)
    title = f"line {number + 1} of {example}_{key}.py"
    return f'[`{code}`](#__span-{block}-{number + 1} "{title}")', number


def linked(text: str, all_examples: dict[str, Example]) -> str:
    """The page with every code cell linked to its line."""
    lines = text.splitlines(keepends=True)
    # The example of each section is shown under its table: find it first.
    shown = {found.line - 1: found.argument for found in shortcodes_of(text, "compare")}
    examples, example = {}, None
    for number in range(len(lines) - 1, -1, -1):
        if number in shown:
            example = shown[number]
        elif lines[number].startswith("## "):
            example = None
        elif ROW.match(lines[number]):
            examples[number] = example
    cursor: dict[str, int] = {}  # example/framework -> the line of the previous row
    for number, line in enumerate(lines):
        example = examples.get(number)
        if not ROW.match(line) or example is None:
            continue
        sources = _lines(all_examples, example)
        cells = line.rstrip("\n").strip().strip("|").split("|")
        for index, key in CODE_COLUMNS.items():
            parts, end = [], 0
            for match in CODE.finditer(cells[index]):
                code = match[1] or match[2]
                link, cursor[f"{example}/{key}"] = _link(
                    code, key, example, sources[key], cursor.get(f"{example}/{key}", -1),
                    f"docs/rosetta.md:{number + 1}")
                parts += [cells[index][end:match.start()], link]
                end = match.end()
            cells[index] = "".join(parts) + cells[index][end:]
        lines[number] = "|" + "|".join(cells) + "|\n"
    return "".join(lines)


def main(argv: list[str]) -> int:
    examples, _ = discover_examples(Project(ROOT))
    text = PAGE.read_text(encoding="utf-8")
    try:
        new = linked(text, examples)
    except RosettaError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if "--check" in argv:
        if new != text:
            print("docs/rosetta.md: a code cell links to the wrong line of its example; "
                  "run `.venv/bin/python scripts/rosetta_links.py`", file=sys.stderr)
            return 1
        return 0
    if new != text:
        PAGE.write_text(new, encoding="utf-8")
        print("rewrote the links of docs/rosetta.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
