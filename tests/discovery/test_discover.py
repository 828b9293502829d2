"""Discovery of pairs and shortcodes, and the structural checks built on them."""

from __future__ import annotations

import re

from livecompare.discovery.discover import discover_examples
from livecompare.discovery.shortcodes import scan_page
from livecompare.notebooks.sync import write_notebooks
from livecompare.site.checks import structural_problems
from livecompare.site.render import expand_shortcodes
from livecompare.store.manifest import manifest_entry, save_manifest


def test_pairs_are_found_by_their_shared_stem(tiny):
    tiny.pair("graphs/eager")
    tiny.pair("graphs/traced")
    examples, problems = discover_examples(tiny.project)
    assert problems == []
    assert sorted(examples) == ["graphs/eager", "graphs/traced"]
    assert sorted(examples["graphs/eager"].snippets) == ["tf", "torch"]


def test_an_unpaired_snippet_names_the_missing_file(tiny):
    tiny.write("snippets/graphs/lonely_torch.py", "print(1)\n")
    examples, [problem] = discover_examples(tiny.project)
    assert not examples["graphs/lonely"].complete
    assert problem.path == "snippets/graphs/lonely_torch.py"
    assert "unpaired" in problem.message
    assert "snippets/graphs/lonely_tf.py" in problem.message


def test_a_misnamed_snippet_is_reported(tiny):
    tiny.write("snippets/graphs/Eager-pytorch.py", "print(1)\n")
    _, [problem] = discover_examples(tiny.project)
    assert problem.path == "snippets/graphs/Eager-pytorch.py"
    assert "_torch" in problem.message and "rename" in problem.fix


def test_a_snippet_outside_a_section_is_reported(tiny):
    tiny.write("snippets/loose_tf.py", "print(1)\n")
    _, [problem] = discover_examples(tiny.project)
    assert "one folder deep" in problem.message


def test_an_output_without_its_snippet_is_reported(tiny):
    tiny.write("snippets/graphs/gone_tf.out", "1\n")
    _, [problem] = discover_examples(tiny.project)
    assert problem.path == "snippets/graphs/gone_tf.out"


KNOWN = {"graphs/eager", "graphs/traced"}


def test_a_shortcode_is_found_with_its_line():
    [code], problems = scan_page("# T\n\n<!-- compare: graphs/eager -->\n", "docs/a.md", KNOWN)
    assert problems == [] and (code.line, code.name) == (3, "graphs/eager")


def test_an_unknown_name_suggests_the_closest():
    codes, [problem] = scan_page("x\n<!-- compare: graphs/eagr -->\n", "docs/a.md", KNOWN)
    assert codes == [] and (problem.path, problem.line) == ("docs/a.md", 2)
    assert "unknown example 'graphs/eagr'" in problem.message
    assert "graphs/eager" in problem.fix


def test_typos_in_the_shortcode_itself_are_caught():
    page = "<!-- compre: graphs/eager -->\n<!-- compare graphs/eager -->\n<!--compare:-->\n"
    codes, problems = scan_page(page, "docs/a.md", KNOWN)
    assert codes == []
    assert [str(p.where) for p in problems] == ["docs/a.md:1", "docs/a.md:2", "docs/a.md:3"]
    assert all("malformed shortcode" in p.message for p in problems)


def test_a_shortcode_inside_a_sentence_is_an_error_not_an_invisible_comment():
    page = "See <!-- compare: graphs/eager --> here.\n<!-- compare: graphs/eager --> too\n"
    codes, problems = scan_page(page, "docs/a.md", KNOWN)
    assert codes == [] and [str(p.where) for p in problems] == ["docs/a.md:1", "docs/a.md:2"]
    assert all("inside a line of text" in p.message and "alone on its own line" in p.fix
               for p in problems)


def test_other_comments_and_code_samples_are_left_alone():
    page = ("<!-- a note for editors -->\n"
            "```markdown\n<!-- compare: not/real -->\n```\n"
            "Write `<!-- compare: section/slug -->` on its own line.\n")
    assert scan_page(page, "docs/a.md", KNOWN) == ([], [])


def test_expansion_keeps_the_indent_of_the_shortcode(tiny):
    tiny.pair("graphs/eager")
    examples, _ = discover_examples(tiny.project)
    page = "- item\n\n    <!-- compare: graphs/eager -->\n"
    markdown, _ = expand_shortcodes(page, "docs/a.md", tiny.project, examples, {})
    assert re.findall(r'data-example="([^"]+)"', markdown) == ["graphs/eager"]
    assert '    <div class="compare" data-example="graphs/eager" markdown>' in markdown


def _approve(tiny, name):
    examples, _ = discover_examples(tiny.project)
    manifest = {}
    for snippet in examples[name].snippets.values():
        snippet.out_path.write_text("1\n")
        manifest[snippet.key] = manifest_entry(snippet, {"x": "1"}, "3.11", 0.1)
    save_manifest(tiny.project, manifest)
    write_notebooks(tiny.project, examples, manifest)  # as `make outputs` does


def test_a_complete_project_has_no_problems(tiny):
    tiny.pair("graphs/eager")
    tiny.page("graphs.md", "<!-- compare: graphs/eager -->\n")
    _approve(tiny, "graphs/eager")
    assert structural_problems(tiny.project) == []


def test_an_example_no_page_uses_is_reported(tiny):
    tiny.pair("graphs/eager")
    _approve(tiny, "graphs/eager")
    [problem] = structural_problems(tiny.project)
    assert "no page uses" in problem.message and problem.example == "graphs/eager"
    assert "<!-- compare: graphs/eager -->" in problem.fix


def test_missing_and_stale_outputs_are_reported(tiny):
    tiny.pair("graphs/eager")
    tiny.page("graphs.md", "<!-- compare: graphs/eager -->\n")
    _approve(tiny, "graphs/eager")
    (tiny.root / "snippets/graphs/eager_tf.out").unlink()
    tiny.write("snippets/graphs/eager_torch.py", "print(2)\n")
    problems = {p.framework: p for p in structural_problems(tiny.project)}
    assert "no approved output" in problems["TensorFlow"].message
    assert "stale" in problems["PyTorch"].message
    assert "make outputs NAMES=graphs/eager" in problems["PyTorch"].fix


def test_a_manifest_entry_of_a_removed_snippet_is_reported(tiny):
    tiny.pair("graphs/eager")
    tiny.page("graphs.md", "<!-- compare: graphs/eager -->\n")
    _approve(tiny, "graphs/eager")
    for name in ("eager_tf.py", "eager_torch.py", "eager_tf.out", "eager_torch.out"):
        (tiny.root / "snippets/graphs" / name).unlink()
    tiny.page("graphs.md", "nothing here\n")
    problems = structural_problems(tiny.project)
    assert {p.message for p in problems} == {"entry 'graphs/eager_tf' names no snippet",
                                             "entry 'graphs/eager_torch' names no snippet",
                                             "no page builds this file any more"}
