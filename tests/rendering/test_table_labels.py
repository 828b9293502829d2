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
    assert '<td data-label="PyTorch"><code>torch.export</code></td>' in html
    assert '<td data-label="tf &amp; Keras"><code>tf.function</code></td>' in html
    assert html.count("data-label=") == 2 + 2  # the short row's missing cells: empty, named
