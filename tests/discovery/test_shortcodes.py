"""One scan of a page finds every kind of shortcode (KINDS), with its line and indent,
outside code; a near miss of any registered kind is a problem, never an ignored comment."""

from __future__ import annotations

import pytest

from livecompare.discovery.shortcodes import KINDS, page_shortcodes, scan_page
from livecompare.site import claims

PAGE = """\
# Page

<!-- compare: s/one -->
<!-- compare-versions -->
<!-- compare-upgrades -->
<!-- compare-preview -->

- item

    <!-- compare-walkthrough: digits -->

## A section

<!-- claim: some-id -->
<!-- claims: tables -->

```markdown
<!-- compare: s/shown -->
```

<!--
<!-- compare: s/commented -->
-->
"""


def test_one_scan_finds_every_kind_with_its_line_and_indent_outside_code():
    found = [(f.kind, f.argument, f.line, f.indent) for f in page_shortcodes(PAGE)]
    assert found == [("compare", "s/one", 3, ""), ("compare-versions", None, 4, ""),
                     ("compare-upgrades", None, 5, ""), ("compare-preview", None, 6, ""),
                     ("compare-walkthrough", "digits", 10, "    "),
                     ("claim", "some-id", 14, ""), ("claims", "tables", 15, "")]
    assert {f.kind for f in page_shortcodes(PAGE)} == set(KINDS), "every kind is scanned"


@pytest.mark.parametrize("line, code, fix", [
    ("<!-- compre: s/one -->", "LC503", "<!-- compare: section/slug -->"),
    ("<!-- compare-version -->", "LC503", "<!-- compare-versions -->"),
    ("<!-- compare-upgrade -->", "LC503", "<!-- compare-upgrades -->"),
    ("<!-- compare-walkthrough -->", "LC503", "<!-- compare-walkthrough: name -->"),
    ("<!-- compare-walktrough: digits -->", "LC503", "<!-- compare-walkthrough: name -->"),
    ("The table <!-- compare-versions --> here.", "LC504", "<!-- compare-versions -->"),
])
def test_a_near_miss_of_any_example_kind_is_a_problem_naming_its_form(line, code, fix):
    codes, [problem] = scan_page(f"# Page\n\n{line}\n", "docs/a.md", {"s/one"})
    assert codes == [] and problem.code == code and problem.line == 3
    assert fix in problem.fix


@pytest.mark.parametrize("line", ["<!-- clams: tables -->", "<!-- claim some-id -->",
                                  "See <!-- claim: some-id --> here."])
def test_a_near_miss_of_a_claims_kind_is_a_claims_problem(line):
    notes, blocks, [problem] = claims.scan(f"# Page\n\n{line}\n", "docs/a.md")
    assert notes == [] and blocks == [] and problem.code == "LC706"
    assert problem.message == f"malformed claim shortcode {line!r}"
    assert scan_page(f"# Page\n\n{line}\n", "docs/a.md", set()) == ([], []), "said once"


def test_ordinary_comments_are_no_shortcodes():
    page = "<!-- The code cells link to lines -->\n<!-- pyml disable link-fragments -->\n"
    assert page_shortcodes(page) == ()
