"""Short inline code and ISO dates kept on one line (unbroken.py), the text unchanged."""

from __future__ import annotations

import re

import markdown

from livecompare.site.unbroken import keep_unbroken

PAGE = """Run `--nproc-per-node` or `import keras`; not
`torch.nn.functional.cross_entropy(x)`. Renamed on 2024-09-04 (checked 2026-11-24).

| Package | Since |
| --- | --- |
| `tf-keras` | 2023-11-15 |

[link](https://example.org/2026-01-15 "on 2026-01-15")

```text
2026-01-15 `stays`
```
"""


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _page(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "fenced_code",
                                               "livecompare.extension"])


def test_short_inline_code_and_each_date_in_the_text_are_kept_whole():
    html = _page(PAGE)
    for code in ("--nproc-per-node", "import keras", "tf-keras"):
        assert f'<span class="unbroken"><code>{code}</code></span>' in html, html
    for date in ("2024-09-04", "2026-11-24", "2023-11-15"):
        assert f'<span class="unbroken">{date}</span>' in html, html
    assert "(checked <span" in html


def test_long_code_blocks_attributes_and_scripts_are_left_alone():
    html = _page(PAGE)
    # Long code breaks between names, after a dot or an opening bracket, never inside one.
    long_code = "<code>torch.<wbr>nn.<wbr>functional.<wbr>cross_entropy(<wbr>x)</code>"
    assert long_code in html and f'"unbroken">{long_code}' not in html
    assert 'href="https://example.org/2026-01-15" title="on 2026-01-15"' in html
    assert "<pre><code" in html and "2026-01-15 `stays`" in html
    assert html.count("unbroken") == 6, html  # 3 pieces of code, 3 dates
    raw = ('<script>let d = "2026-01-15"</script><style>/* 2026-01-15 */</style>'
           '<!-- 2026-01-15 --><svg><text>2026-01-15</text></svg><code>a</code>')
    assert keep_unbroken(raw) == raw.replace("<code>a</code>",
                                             '<span class="unbroken"><code>a</code></span>')


def test_only_elements_are_added_the_text_copied_is_the_same():
    plain = markdown.markdown(PAGE, extensions=["tables", "fenced_code"])
    assert _text(_page(PAGE)) == _text(plain)


def test_code_is_measured_by_the_characters_it_shows():
    shown_23 = "&lt;" * 23  # 23 characters on the page, 92 in the HTML
    assert keep_unbroken(f"<code>{shown_23}</code>").startswith('<span class="unbroken">')
    assert keep_unbroken(f"<code>{'x' * 24}</code>") == f"<code>{'x' * 24}</code>"
    assert keep_unbroken(f"<code>{'x.' * 12}</code>").count("<wbr>") == 11
    assert keep_unbroken("<p>2026-01-155 v2026-01-15 1-2026-01-15</p>") == \
        "<p>2026-01-155 v2026-01-15 1-2026-01-15</p>"
