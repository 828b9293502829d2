"""What the site's search indexes: reading text, code and each Rosetta stone row.

Material's search plugin indexes each page's HTML section by section (a section starts
at a heading with an id) and skips any element marked `data-search-exclude`; it removes
that attribute from the page once indexed, so readers never see it. `for_reading` marks
what is not reading text: the outputs under the examples (the code and the prose stay),
the download bars, and on the notebook pages the prompts (`In [1]:`), the copy buttons'
"Copied!", the hidden second copy of every cell that the copy button reads, the
heading anchors' "¶", and the cells' code and outputs (the notebooks' prose stays). It
also keeps the two tab names two words.

The plugin closes a skipped element at the first closing tag of the same name, so only
elements with no descendant of their own tag are marked (a `<div>` holding only a `<pre>`,
never a `<div>` of `<div>`s).

`row_entries` makes every table row that has an id (the Rosetta stone's rows, given one
by the Markdown extension) a search result of its own, linked to that row: the search
plugin makes sections of headings only. Its title is the operation and the row's code
("From NumPy: torch.from_numpy(a) · tf.convert_to_tensor(a)"), so that a search for an
API name that only the row teaches finds the row first, as a heading would be found.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

EXCLUDE = ' data-search-exclude="true"'  # the plugin removes it once indexed
# Elements that are not reading text, each with no nested element of its own tag.
NOT_READING = re.compile(
    r'(<div class="output highlight")'  # an example's output, under its code
    r'|(<div class="compare-downloads")'  # the notebooks and scripts to take away
    r'|(<div class="jp-(?:Input|Output)Prompt[^"]*")'  # In [1]:
    r'|(<div class="jp-RenderedText jp-OutputArea-output")'  # a notebook cell's output
    # A notebook cell's code. The search would file it under the page's title, not under
    # the step it belongs to (cells are not inside their headings' sections), so that
    # the notebook's title outranked the sections that teach an API (zero_grad).
    r'|(<div class="highlight-ipynb[^"]*")'
    r"|(<clipboard-copy)"  # the notebook copy button, with its "Copied!"
    r'|(<div class="clipboard-copy-txt")'  # the cell's code again, for that button
    r'|(<a class="anchor-link")')  # the notebook headings' ¶
# pymdownx.tabbed writes the labels of a tab set with nothing between them, so the index
# read "PyTorchTensorFlow"; a line break between them changes nothing on screen (the
# labels are a flex row) and keeps them two words.
ADJACENT_LABELS = re.compile(r"</label><label")


# A table whose rows are results of their own (row_entries) is left out of its section's
# entry, which would otherwise hold every row again.
TABLE_WITH_ROW_IDS = re.compile(r"<table>(?=(?:(?!</table>).)*?<tr id=)", re.S)


def for_reading(page_html: str) -> str:
    """The page's HTML with what is not reading text marked for the search to skip."""
    page_html = ADJACENT_LABELS.sub("</label>\n<label", page_html)
    page_html = TABLE_WITH_ROW_IDS.sub("<table" + EXCLUDE + ">", page_html)
    return NOT_READING.sub(lambda found: found[0] + EXCLUDE, page_html)


TABLE = re.compile(r"<table[^>]*>(.*?)</table>", re.S)
HEADER_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
ROW = re.compile(r'<tr id="([^"]+)">(.*?)</tr>', re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
TAG = re.compile(r"<(?!/?code>)[^>]+>")  # every tag but <code>, which the index keeps


def _text(cell: str) -> str:
    return " ".join(TAG.sub("", cell).split())


def row_entries(page_html: str, location: str) -> list[dict[str, str]]:
    """One search entry per table row with an id: its first cell is the title, the other
    cells the text, each after its column's name ("PyTorch: <code>...</code>")."""
    entries = []
    for table in TABLE.finditer(page_html):
        names = [_text(cell) for cell in HEADER_CELL.findall(table[1])]
        for row_id, row in ROW.findall(table[1]):
            cells = [_text(cell) for cell in CELL.findall(row)]
            if not cells:
                continue
            named = [(name, cell) for name, cell in zip(names[1:], cells[1:], strict=False)
                     if cell]
            code = [cell for _, cell in named if cell.startswith("<code>")]
            entries.append({"location": f"{location}#{row_id}",
                            "title": ": ".join([cells[0], " · ".join(code)][:1 + bool(code)]),
                            "text": " ".join(f"{name}: {cell}" for name, cell in named)})
    return entries


def add_row_entries(site_dir: Path) -> int:
    """Add each page's row entries to the built search index; how many were added."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():  # search turned off
        return 0
    index = json.loads(index_path.read_text(encoding="utf-8"))
    pages = {entry["location"].partition("#")[0] for entry in index["docs"]}
    added = []
    for location in sorted(pages):
        path = site_dir / location / "index.html" if not location.endswith(".html") \
            else site_dir / location
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if '<tr id="' in text:
            added += row_entries(text, location)
    if added:
        index["docs"] += added
        index_path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    return len(added)
