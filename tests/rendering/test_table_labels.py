"""Each table cell names its column (data-label), for the cards a phone shows."""

from __future__ import annotations

import markdown

TABLE = """| | PyTorch | `tf` & Keras |
| --- | --- | --- |
| Capture | `torch.export` | `tf.function` |
| Short |
"""


def test_each_cell_gets_its_columns_heading_and_an_empty_heading_gives_none():
    html = markdown.markdown(TABLE, extensions=["tables", "livecompare.extension"])
    assert '<td>Capture</td>' in html  # the row's title: its column has no heading
    # (Short code is kept on one line: unbroken.py.)
    assert ('<td data-label="PyTorch"><span class="unbroken"><code>torch.export</code>'
            '</span></td>') in html
    assert ('<td data-label="tf &amp; Keras"><span class="unbroken"><code>tf.function</code>'
            '</span></td>') in html
    assert html.count("data-label=") == 2 + 2  # the short row's missing cells: empty, named
