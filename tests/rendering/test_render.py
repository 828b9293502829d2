"""The Markdown an example becomes."""

from __future__ import annotations

from livecompare.discovery.discover import discover_examples
from livecompare.site.render import expand_shortcodes, render_example
from livecompare.store.manifest import load_manifest, manifest_entry, update_manifest


def _example(tiny, torch_code="print(1)\n", tf_code="print(2)\n"):
    tiny.pair("graphs/eager", torch_code, tf_code)
    examples, _ = discover_examples(tiny.project)
    return examples["graphs/eager"]


def _approve(example, versions):
    manifest = {}
    for key, snippet in example.snippets.items():
        snippet.out_path.write_text(f"out of {key}\n")
        manifest[snippet.key] = manifest_entry(snippet, versions[key], "3.11.7", 0.4321)
    return manifest


VERSIONS = {"torch": {"torch": "2.13.0+cpu", "numpy": "2.4.6"},
            "tf": {"tensorflow": "2.21.0", "keras": "3.15.1", "numpy": "2.4.6"}}


def test_tabs_hold_code_output_and_facts(tiny):
    example = _example(tiny, torch_code="# compare-options: timeout=9\nprint(1)\n")
    manifest = _approve(example, VERSIONS)
    markdown, problems = render_example(example, tiny.project, manifest, "docs/a.md:3")
    assert problems == []
    assert markdown.startswith('<div class="compare" data-example="graphs/eager" markdown>')
    assert markdown.index('=== "PyTorch"') < markdown.index('=== "TensorFlow"')
    assert ('    ```{ .python #graphs-eager-torch title="graphs/eager_torch.py" }\n'
            '    print(1)\n') in markdown
    assert "compare-options" not in markdown
    assert '    ``` { .text .output title="Output" }\n    out of torch\n' in markdown
    assert markdown.rstrip().endswith("</div>")


def test_each_tab_ends_in_one_short_proof_line_that_opens_to_the_details(tiny):
    """The line names the framework's version and the day it was verified, and claims no
    agreement for a pair that declares none; the details hold Python, every version, how
    the output is checked (with this snippet's tolerance) and the run time."""
    example = _example(tiny, torch_code="# compare-options: rtol=1e-3 atol=1e-5\nprint(1)\n")
    manifest = _approve(example, VERSIONS)
    markdown, _ = render_example(example, tiny.project, manifest, "docs/a.md:3")
    day = manifest["graphs/eager_torch"].verified
    assert f'    ??? compare-proof "torch 2.13.0+cpu · verified {day}"\n' in markdown
    assert f'    ??? compare-proof "tensorflow 2.21.0 · verified {day}"\n' in markdown
    assert "agree" not in markdown
    assert "        - Ran with Python 3.11.7 and torch 2.13.0+cpu, numpy 2.4.6.\n" in markdown
    assert "        - Ran with Python 3.11.7 and tensorflow 2.21.0, keras 3.15.1" in markdown
    assert ("Every change to the site runs it again and compares the fresh output with it "
            "(numbers within a relative 0.001 and an absolute 1e-5, the text exactly)"
            in markdown)
    assert ("Ran in 0.4 s on the machine that verified it, compiling included, the "
            "framework already imported (not a benchmark)." in markdown)


def test_manifest_values_in_the_proof_line_are_escaped(tiny):
    example = _example(tiny)
    versions = {"torch": {"torch": '2.13<script>"_*'}, "tf": VERSIONS["tf"]}
    markdown, _ = render_example(example, tiny.project, _approve(example, versions), "x")
    assert 'torch 2.13&lt;script&gt;&quot;\\_\\*' in markdown
    assert "<script>" not in markdown


def test_a_missing_output_is_a_problem_and_shows_on_the_page(tiny):
    example = _example(tiny)
    markdown, problems = render_example(example, tiny.project, {}, "docs/a.md:3")
    assert [str(p.where) for p in problems] == ["docs/a.md:3", "docs/a.md:3"]
    assert "no approved output snippets/graphs/eager_torch.out" in problems[0].message
    assert "make outputs NAMES=graphs/eager" in problems[0].fix
    assert '!!! failure "No output yet"' in markdown


def test_a_stale_output_is_a_problem_and_shows_on_the_page(tiny):
    example = _example(tiny)
    manifest = _approve(example, VERSIONS)
    example.snippets["tf"].path.write_text("print(3)\n")
    markdown, [problem] = render_example(example, tiny.project, manifest, "docs/a.md:3")
    assert problem.framework == "TensorFlow" and "changed since" in problem.message
    assert '!!! warning "Out of date"' in markdown


def test_backticks_in_code_get_a_longer_fence(tiny):
    example = _example(tiny, torch_code='print("```")\n')
    markdown, _ = render_example(example, tiny.project, _approve(example, VERSIONS), "x")
    assert '````{ .python #graphs-eager-torch title="graphs/eager_torch.py" }' in markdown


def test_an_empty_output_says_so(tiny):
    example = _example(tiny)
    manifest = _approve(example, VERSIONS)
    example.snippets["tf"].out_path.write_text("")
    markdown, _ = render_example(example, tiny.project, manifest, "x")
    assert "(this snippet prints nothing)" in markdown


def test_a_missing_side_is_a_problem_naming_the_file(tiny):
    tiny.write("snippets/graphs/half_tf.py", "print(1)\n")
    examples, _ = discover_examples(tiny.project)
    markdown, problems = render_example(examples["graphs/half"], tiny.project, {}, "docs/a.md:3")
    assert problems[0].message == "missing snippet snippets/graphs/half_torch.py"
    assert '!!! failure "Missing snippet"' in markdown


def test_the_versions_table_comes_from_the_manifest(tiny):



    tiny.pair("s/one")
    tiny.pair("s/two")
    examples, _ = discover_examples(tiny.project)
    entry = {"sha256": "x", "python": "3.11.9", "seconds": 1.0}
    update_manifest(tiny.project, {
        "s/one_torch": {**entry, "versions": {"torch": "2.13.0"}, "verified": "2026-11-20"},
        "s/two_torch": {**entry, "versions": {"torch": "2.13.0"}, "verified": "2026-11-24"},
        "s/one_tf": {**entry, "versions": {"tensorflow": "2.21.0"}, "verified": "2026-11-24"},
        "s/two_tf": {**entry, "versions": {"tensorflow": "2.20.0"}, "verified": "2026-10-01"},
    })
    page = "Intro\n<!-- compare-versions -->\n"
    markdown, problems = expand_shortcodes(page, "docs/index.md", tiny.project, examples,
                                              load_manifest(tiny.project))
    assert not problems
    assert "| Tab | Versions | Python | Examples | Verified |" in markdown  # a reader's word
    assert "| PyTorch | torch 2.13.0 | 3.11.9 | 2 | 2026-11-20 to 2026-11-24 |" in markdown
    assert "| TensorFlow | tensorflow 2.21.0 | 3.11.9 | 1 | 2026-11-24 |" in markdown
    assert "| TensorFlow | tensorflow 2.20.0 | 3.11.9 | 1 | 2026-10-01 |" in markdown


def test_the_run_time_links_to_the_performance_page_that_explains_it(tiny):
    example = _example(tiny)
    manifest = _approve(example, VERSIONS)
    tiny.page("performance.md", "# Performance\n")
    tiny.page("deep/page.md", "# A page\n\n<!-- compare: graphs/eager -->\n")
    markdown, problems = expand_shortcodes(
        (tiny.root / "docs/deep/page.md").read_text(), "docs/deep/page.md", tiny.project,
        {"graphs/eager": example}, manifest)
    assert problems == []
    assert "([not a benchmark](../performance.md#the-run-times-under-the-examples))." in markdown
