"""What the site's search indexes: reading text, code and each Rosetta stone row.

Material's search plugin indexes the HTML of each page (`page.content`), section by
section (a section starts at a heading with an id). `reading_view` is what it is given
instead of the page: the page without what is not reading text, which is the outputs
under the examples (the code and the prose stay), the download bars, and on the notebook
pages the prompts (`In [1]:`), the copy buttons' "Copied!", the hidden second copy of
every cell that the copy button reads, the heading anchors' "¶", and the cells' code and
outputs (the notebooks' prose stays); and everywhere the tabs' names and the code blocks'
file names, which a result's preview would show as its text. The view leaves out, too,
the `<span>` of every highlighted token: the index keeps their text, not their tags,
and the plugin's parser pays for each element it walks, so the view costs a fifth of
the page to index. The MkDocs hook hands the view to the plugin and the page
back to the template (mkdocs_hook.py).

Only elements with no descendant of their own tag are left out (a `<div>` holding only
a `<pre>`, never a `<div>` of `<div>`s): each ends at the first closing tag of its name.

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

# Elements that are not reading text, each with no nested element of its own tag.
NOT_READING = re.compile(
    r'<(div) class="output highlight"'  # an example's output, under its code
    r'|<(div) class="compare-downloads"'  # the notebooks and scripts to take away
    r'|<(span) class="filename"'  # a code block's title: the snippet's file name
    # The tabs' names: controls, not text; a result's preview showed "PyTorch TensorFlow"
    # for a section found by its code (pymdownx.tabbed had also run them together).
    r'|<(div) class="tabbed-labels"'
    r'|<(div) class="jp-(?:Input|Output)Prompt[^"]*"'  # In [1]:
    r'|<(div) class="jp-RenderedText jp-OutputArea-output"'  # a notebook cell's output
    # A notebook cell's code. The search would file it under the page's title, not under
    # the step it belongs to (cells are not inside their headings' sections), so that
    # the notebook's title outranked the sections that teach an API (zero_grad).
    r'|<(div) class="highlight-ipynb[^"]*"'
    r"|<(clipboard-copy)\b"  # the notebook copy button, with its "Copied!"
    r'|<(div) class="clipboard-copy-txt"'  # the cell's code again, for that button
    r'|<(a) class="anchor-link"')  # the notebook headings' ¶
# A table whose rows are results of their own (row_entries) is left out of its section's
# entry, which would otherwise hold every row again.
TABLE = re.compile(r"<table[^>]*>(.*?)</table>", re.S)
SPAN_TAG = re.compile(r"</?span\b[^>]*>")


def _without_elements(page_html: str) -> str:
    kept, at = [], 0
    while found := NOT_READING.search(page_html, at):
        close = f"</{next(name for name in found.groups() if name)}>"
        end = page_html.find(close, found.end())
        kept.append(page_html[at:found.start()])
        at = end + len(close) if end >= 0 else len(page_html)  # unclosed: to the end
    return "".join(kept) + page_html[at:]


def reading_view(page_html: str) -> str:
    """The page's HTML as the search indexes it: its reading text, as above."""
    page_html = TABLE.sub(lambda table: "" if '<tr id="' in table[1] else table[0],
                          page_html)
    return SPAN_TAG.sub("", _without_elements(page_html))


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
