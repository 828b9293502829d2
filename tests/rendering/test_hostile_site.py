"""A pull request written by someone hostile (issue 21, the site's side): nothing false
reaches a page, and no script of theirs runs in a reader's browser.

Each test failed before its fix. Names, the manifest's fields, the claims and what
snippets print are data: they are checked where they are read, and escaped at one
boundary (src/livecompare/safe.py) on their way into a page.
"""

from __future__ import annotations

import hashlib
import json
import os
import re

import markdown
import pytest
from bs4 import BeautifulSoup
from helpers import (
    ROOT,
    approved_pair,
    build,
    build_tiny,
    copy_site,
    failed_build,
    problem_text,
    run_in_process,
)

from livecompare import safe
from livecompare.commands import outputs as approve_module
from livecompare.discovery.discover import discover_examples
from livecompare.discovery.shortcodes import scan_page
from livecompare.site import claims
from livecompare.site.checks import structural_problems
from livecompare.site.render import _meta_line, render_example, versions_table
from livecompare.store.manifest import Entry

# conftest.py: no framework; `make outputs` runs the snippets in this process
pytestmark = pytest.mark.usefixtures("plain_runtimes", "in_process")

PAYLOAD = '<img src=x onerror="alert(document.domain)">'
ATTRIBUTE_PAYLOAD = 'q"onmouseover="alert(document.domain)'


def _injected(soup) -> list[str]:
    """Elements or attributes that a payload put into a page: event handlers, the
    payload's <img>, a script that is not the site's own."""
    found = []
    for tag in soup.find_all(True):
        found += [f"<{tag.name} {name}>" for name in tag.attrs if name.lower().startswith("on")]
        if tag.name == "img" and tag.get("src") == "x":
            found.append(str(tag))
        if tag.name == "script" and "alert(" in (tag.string or ""):
            found.append(str(tag))
        if tag.name == "a" and str(tag.get("href", "")).lower().startswith("javascript:"):
            found.append(str(tag))
    return found


# --------------------------------------------------------------- 1: names at discovery


def test_a_section_folder_that_is_not_a_name_is_a_problem_and_reaches_no_page(tiny):
    section = ATTRIBUTE_PAYLOAD + "/x"
    tiny.write(f"snippets/{section}_torch.py", "print(1)\n")
    tiny.write(f"snippets/{section}_tf.py", "print(1)\n")
    examples, problems = discover_examples(tiny.project)
    assert examples == {}, "a name that is not a name never becomes an example"
    [problem, _] = problems
    assert problem.path == f"snippets/{section}_tf.py"
    assert "the section folder" in problem.message and "is not lower-case letters" in (
        problem.message)
    assert "rename the folder to snippets/q_onmouseover_alert_document_domain/" in problem.fix
    tiny.page("index.md", f"# Home\n\n<!-- compare: {section} -->\n")
    assert tiny.cli("check") == 1
    failed_build(tiny)
    html = (tiny.root / "site/index.html").read_text()
    assert _injected(BeautifulSoup(html, "html.parser")) == []  # the page's comment stays one


def test_a_figure_file_whose_name_is_not_a_name_is_refused_at_discovery(tiny):
    approved_pair(tiny)
    tiny.write('snippets/s/one_tf.q"onload="x.svg', "<svg/>")
    _, problems = discover_examples(tiny.project)
    [problem] = problems
    assert problem.path == 'snippets/s/one_tf.q"onload="x.svg'
    assert "approved figure name 'q\"onload=\"x.svg' is not lower-case letters" in problem.message


# ---------------------------------------------------------- 2: the manifest's fields


@pytest.mark.parametrize("field, value, expected", [
    ("versions", {"torch": PAYLOAD}, "its version of torch '<img"),
    ("versions", {PAYLOAD: "1.0"}, "which is not a module name"),
    ("python", PAYLOAD, "its 'python' '<img"),
    ("verified", PAYLOAD, "its 'verified' '<img"),
    ("verified", "2026-13-45", "is not a date (YYYY-MM-DD)"),
    ("figures", ["a/b.svg"], "its figure name 'a/b.svg' is not lower-case letters"),
])
def test_a_manifest_field_that_reaches_a_page_is_validated_naming_file_and_entry(
        tiny, capsys, field, value, expected):
    approved_pair(tiny)
    path = tiny.root / "snippets/manifest.json"
    data = json.loads(path.read_text())
    data["snippets"]["s/one_torch"][field] = value
    path.write_text(json.dumps(data, indent=2))
    line = next(n for n, text in enumerate(path.read_text().splitlines(), start=1)
                if '"s/one_torch":' in text)
    messages = problem_text(structural_problems(tiny.project))
    assert f"snippets/manifest.json:{line}: LC207 entry 's/one_torch' is not usable: " in messages
    assert expected in messages and "Traceback" not in messages
    assert "entry 's/one_torch' is not usable" in failed_build(tiny)
    html = (tiny.root / "site/index.html").read_text()
    assert _injected(BeautifulSoup(html, "html.parser")) == []
    assert tiny.cli("outputs") == 0, "make outputs writes the entry anew"


def test_data_from_the_manifest_is_escaped_even_if_it_got_past_the_checks():
    entry = Entry("0" * 64, {PAYLOAD: PAYLOAD, "torch": "2.1 | x"}, PAYLOAD, 1.0, PAYLOAD)
    md = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html", "admonition",
                                       "pymdownx.details"])  # the proof is a ??? block
    soup = BeautifulSoup(md.convert(_meta_line(entry)), "html.parser")
    assert _injected(soup) == [] and PAYLOAD in soup.get_text()
    assert "torch 2.1 | x" in soup.get_text()

    class Side:
        key = "s/one_torch"

    table = versions_table({"s/one": type("E", (), {"snippets": {"torch": Side()}})()},
                           {"s/one_torch": entry})
    soup = BeautifulSoup(md.reset().convert(table), "html.parser")
    assert _injected(soup) == [] and PAYLOAD in soup.get_text()
    assert len(soup.find_all("td")) == 5, "a | in a value does not add a column"


# ------------------------------------------------------------------------ 3: the claims

CLAIMS_YML = """\
sections:
  origins: Origins <b onclick="alert(1)">x</b>
claims:
  - id: evil
    section: origins
    said: The article said <img src=x onerror="alert(1)"> { onclick="alert(2)" }
    verdict: outdated
    state: <script>alert(3)</script> [click](javascript:alert(4))
    shown: "[Home](index.md) <img src=x onerror=alert(5)>"
    change:
      short: 'Short" onclick="alert(16)'
      date: 2026-01-01
      note: A note <img src=x onerror=alert(6)>
      details: 'Details <iframe src="javascript:alert(7)"></iframe> [r]: javascript:alert(8)'

      sources:
        - A source <img src=x onerror=alert(9)>: https://example.org/a"onmouseover="alert(10)
criteria:
  - id: 'x" onmouseover="alert(11)'
    name: Name <img src=x onerror=alert(12)>
    older: PyTorch
    verdict: holds
    holds: Holds <img src=x onerror=alert(13)>
    fit: [2, 1]
    evidence: Evidence <img src=x onerror=alert(14)>
"""


def test_every_field_of_the_claims_is_escaped_on_the_pages(tmp_path):
    path = tmp_path / "claims.yml"
    path.write_text(CLAIMS_YML)
    data, _ = claims.load(path, "docs/claims.yml")
    [claim] = data.claims
    md = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html", "admonition"])
    noted = {"evil": [("index.md", 'Home <img src=x onerror="alert(15)">')]}
    for text in (claims.note_markdown(claim, "index.md"),
                 claims.tables_markdown(data, "conclusion.md"),
                 claims.corrections_markdown(data, noted, "corrections.md"),
                 claims.decision_markdown(data)):
        soup = BeautifulSoup(md.reset().convert(text), "html.parser")
        assert _injected(soup) == [], text
        assert not soup.find_all(["iframe", "script", "b"]), text
    soup = BeautifulSoup(md.reset().convert(claims.corrections_markdown(data, noted, "c.md")),
                         "html.parser")
    assert "The article said <img" in soup.get_text(), "the reader sees the text as written"


def test_check_validates_docs_claims_yml_naming_file_and_line(tiny, capsys):
    approved_pair(tiny)
    tiny.write("docs/claims.yml", """
        sections:
          origins: Origins
        claims:
          - id: no-date
            section: origins
            said: Something.
            verdict: outdated
            state: changed
    """)
    tiny.page("index.md", "# Home\n\n<!-- claim: no-dat -->\n\n<!-- compare: s/one -->\n")
    assert tiny.cli("check") == 1
    err = capsys.readouterr().err
    assert "docs/claims.yml:4: LC702 claim no-date is outdated but its change gives no date" in err
    assert "docs/index.md:3: LC701 unknown claim 'no-dat' in a note" in err


def test_the_upgrades_list_escapes_what_a_commit_message_or_the_file_holds():
    from livecompare.site.upgrades_page import render_upgrades

    item = {"snippet": "s/one_torch", "diff": f"-{PAYLOAD}\n+x",
            "commits": [f"Fix it {PAYLOAD} {{ onclick=\"alert(1)\" }}"]}
    upgrades = [{"module": PAYLOAD, "from": "1", "to": PAYLOAD, "verified": PAYLOAD,
                 "snippets": PAYLOAD, "outputs": [item],
                 "code": [{**item, "snippet": "s/x`<img src=x onerror=alert(2)>`"}]}]
    text = render_upgrades(upgrades, {"s/one": "index.md#one"})
    md = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html"])
    soup = BeautifulSoup(md.convert(text), "html.parser")
    assert _injected(soup) == [] and f"Fix it {PAYLOAD}" in soup.get_text()
    assert soup.select_one('a[href="index.md#one"] code').get_text() == "s/one_torch"


def test_coming_next_escapes_what_the_preview_file_holds():
    from livecompare.site.preview import render_preview

    preview = {"date": PAYLOAD, "previewed": {"torch": "9.0"},
               "installed": {PAYLOAD: PAYLOAD, "torch": "9.0"}, "imported_keras": PAYLOAD,
               "snippets": 2, "differs": [{"snippet": "s/one_torch", "diff": PAYLOAD}],
               "breaks": [{"snippet": "s/x`<img src=x onerror=alert(2)>`", "error": PAYLOAD}]}
    text = render_preview(preview, {"torch": "1.0"}, {"s/one": "index.md#one"})
    # (The diffs and errors are folded, as the site folds them: pymdownx's details.)
    md = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html",
                                       "pymdownx.details", "pymdownx.superfences"])
    soup = BeautifulSoup(md.convert(text), "html.parser")
    assert _injected(soup) == [] and f"On {PAYLOAD}, 2 example scripts" in soup.get_text()
    assert len(soup.select("details pre")) == 2, "the diff and the error are not folded"
    assert soup.select_one('a[href="index.md#one"] code').get_text() == "s/one_torch"
    # An example's title comes from its page's headings, which a pull request writes.
    titled = render_preview(preview, {"torch": "1.0"}, {"s/one": "index.md#one"},
                            {"s/one_torch": f"{PAYLOAD} {{ onclick=\"alert(3)\" }}"})
    soup = BeautifulSoup(md.reset().convert(titled), "html.parser")
    assert _injected(soup) == [] and PAYLOAD in soup.select_one('a[href="index.md#one"]').text


@pytest.mark.parametrize("name, text, said", [
    ("upgrades", '{"format": 1, "upgrades": [\n  {"module": "torch",,}]}',
     "snippets/upgrades.json:2: LC211 snippets/upgrades.json is not valid JSON"),
    ("upgrades", '{"format": 1, "upgrades": [{"module": "torch", "from": "1", "to": "2", '
     '"verified": "2026-01-01", "snippets": 1, "outputs": [], "code": [{"snippet": "s/x"}]}]}',
     "snippets/upgrades.json: LC211 snippets/upgrades.json is not what the engine writes: "
     "upgrades[1].code[1] has no 'diff'"),
    ("preview", '{"date": "2026-01-01", "previewed": {}, "installed": {"torch": 2}, '
     '"snippets": 1, "differs": [], "breaks": []}',
     "snippets/preview.json: LC211 snippets/preview.json is not what the engine writes: "
     "installed.torch is not text"),
], ids=["upgrades-not-json", "upgrades-without-a-diff", "preview-version-not-text"])
def test_a_damaged_record_fails_the_build_naming_the_file(tiny, name, text, said):
    """What changed and its Coming next read records that git keeps; one a pull request
    edited into something else is a problem with its file and line, not a traceback."""
    approved_pair(tiny)
    tiny.write(f"snippets/{name}.json", text)
    tiny.page("index.md", f"# Home\n\n<!-- compare: s/one -->\n\n<!-- compare-{name} -->\n")
    assert said in failed_build(tiny)


def test_a_page_named_to_break_its_download_links_keeps_them_links():
    from livecompare.discovery.page_examples import PageExamples
    from livecompare.site.downloads_bar import downloads_bar

    stem = 'odd](javascript:alert(1)) {: onclick="alert(2)" }'
    page = PageExamples(ROOT / f"docs/{stem}.md", stem, "Odd")
    bar = downloads_bar(page, f"{stem}.md", {"torch": f"https://x.org/{stem}.ipynb"})
    md = markdown.Markdown(extensions=["attr_list", "md_in_html"])
    soup = BeautifulSoup(md.convert(bar), "html.parser")
    assert _injected(soup) == []
    links = soup.select("a")
    assert len(links) == 5 and all(a["href"].startswith(("notebooks/", "https://x.org/"))
                                   for a in links), [a["href"] for a in links]


# --------------------------------------------------- 4: pymdownx.snippets' marker lines


def test_a_printed_or_written_snippet_marker_shows_as_is_and_includes_nothing(tiny):
    tiny.write("included/secret.txt", "THE SECRET FILE\n")
    tiny.write("included/legit.md", "Included on purpose.\n")
    approved_pair(tiny,
                  torch_code='"""Show it.\n\n--8<-- "secret.txt"\n"""\n'
                             'print(\'--8<-- "gone.txt"\')\n'
                             "print('--8<--')\nprint('secret.txt')\nprint('--8<--')\n",
                  tf_code="print(';--8<-- \"secret.txt\"')\n")
    tiny.page("index.md", '# Home\n\n--8<-- "legit.md"\n\n<!-- compare: s/one -->\n')
    build = build_tiny(tiny)
    assert build.returncode == 0, build.stderr
    html = (tiny.root / "site/index.html").read_text()
    text = BeautifulSoup(html, "html.parser").get_text()
    assert "THE SECRET FILE" not in text
    assert "Included on purpose." in text, "a page's own include still works"
    assert text.count('--8<-- "secret.txt"') == 3, "the docstring, the tf code and output"
    assert '--8<-- "gone.txt"' in text and ';--8<-- "secret.txt"' in text


# ---------------------------------------------------------------- 5: where shortcodes sit


@pytest.mark.parametrize("shortcode", ["<!-- compare-versions -->", "<!-- compare-upgrades -->",
                                       "<!-- compare-preview -->",
                                       "<!-- compare-walkthrough: digits -->"])
def test_every_kind_of_shortcode_inside_raw_html_is_an_error_for_make_check(tiny, shortcode):
    """Not only an example's: a table or a walkthrough inside a <div> had been left as its
    Markdown, unnoticed by `make check` and, for a walkthrough, by the build."""
    page = f"# Home\n\n<div>\n\n{shortcode}\n\n</div>\n"
    codes, [problem] = scan_page(page, "docs/index.md", set())
    assert (problem.code, problem.line) == ("LC505", 5), problem
    tiny.page("index.md", page)
    assert "docs/index.md:5: LC505 a shortcode inside a raw HTML block (<div>)" in problem_text(
        structural_problems(tiny.project))


def test_a_shortcode_inside_a_raw_html_block_is_an_error_naming_page_and_line(tiny):
    approved_pair(tiny)
    page = ("# Home\n\n<details>\n<summary>More</summary>\n\n<!-- compare: s/one -->\n\n"
            "</details>\n\n<details markdown>\n<summary>This one works</summary>\n\n"
            "<!-- claim: x -->\n\n</details>\n")
    codes, [problem] = scan_page(page, "docs/index.md", {"s/one"})
    assert codes == [] and (problem.path, problem.line) == ("docs/index.md", 6)
    assert "a shortcode inside a raw HTML block (<details>) is not expanded" in problem.message
    assert "<details markdown>" in problem.fix
    tiny.page("index.md", page.replace("<!-- claim: x -->", "<!-- compare: s/one -->", 1)
              .replace("<!-- compare: s/one -->", "<!-- claims: summary -->", 1))
    assert ("docs/index.md:6: LC505 a shortcode inside a raw HTML block (<details>) is not "
            "expanded") in problem_text(structural_problems(tiny.project))
    tiny.page("index.md", page)
    assert "docs/index.md:6: LC505 a shortcode inside a raw HTML block" in failed_build(tiny)
    # With md_in_html's attribute, as the fix says, the example shows as tabs.
    tiny.page("index.md", "# Home\n\n<details markdown>\n<summary>More</summary>\n\n"
                          "<!-- compare: s/one -->\n\n</details>\n")
    assert structural_problems(tiny.project) == []
    build = build_tiny(tiny)
    assert build.returncode == 0, build.stderr
    soup = BeautifulSoup((tiny.root / "site/index.html").read_text(), "html.parser")
    assert soup.select("details div.compare .tabbed-set"), "rendered as tabs, not as text"
    assert '=== "PyTorch"' not in soup.get_text()


def test_a_shortcode_inside_an_html_comment_is_not_a_use(tiny):
    approved_pair(tiny)
    tiny.page("index.md", "# Home\n\n<!-- Kept for later:\n<!-- compare: s/one -->\n")
    codes, problems = scan_page((tiny.root / "docs/index.md").read_text(), "docs/index.md",
                                {"s/one"})
    assert codes == [] and problems == []
    assert "[s/one] no page uses this example" in problem_text(structural_problems(tiny.project))


@pytest.mark.parametrize("line, expected", [
    ("<!-- COMPARE: s/one -->", "did you mean '<!-- compare: s/one -->'?"),
    ("<!-- Compare: S/One -->", "did you mean '<!-- compare: s/one -->'?"),
    ("<!-- compare: S/ONE -->", "did you mean 's/one'?"),
])
def test_an_uppercase_shortcode_gets_a_did_you_mean(line, expected):
    _, [problem] = scan_page(f"# Home\n\n{line}\n", "docs/index.md", {"s/one"})
    assert (problem.path, problem.line) == ("docs/index.md", 3) and expected in problem.fix


# ------------------------------------------------------------- 6: line separators


def test_line_separators_in_output_and_code_show_as_themselves(tiny):
    approved_pair(tiny, torch_code="print('a\\u2028b\\x85c')\n",
                  tf_code="s = 'x\u2028y'\nprint(s)\n")
    examples, _ = discover_examples(tiny.project)
    from livecompare.store.manifest import load_manifest

    text, problems = render_example(examples["s/one"], tiny.project,
                                    load_manifest(tiny.project), "docs/index.md:3")
    assert problems == []
    assert "a\u2028b\x85c\n" in text and "s = 'x\u2028y'\n" in text, "no indent added"
    build = build_tiny(tiny)
    assert build.returncode == 0, build.stderr
    html = (tiny.root / "site/index.html").read_text()
    assert "b\x85c" in html and "\u2028    " not in html and "\x85    " not in html


# ----------------------------------------------------------- 7: a snippet that vanishes


def test_a_dangling_symlink_snippet_is_one_problem_naming_it_everywhere(tiny, capsys):
    approved_pair(tiny)
    path = tiny.root / "snippets/s/one_tf.py"
    path.unlink()
    path.symlink_to(tiny.root / "nowhere.py")
    messages = problem_text(structural_problems(tiny.project))
    assert "snippets/s/one_tf.py: LC108 is a symbolic link to nothing (dangling)" in messages
    assert "Traceback" not in messages
    assert tiny.cli("outputs") == 1
    assert "snippets/s/one_tf.py: LC108 is a symbolic link" in capsys.readouterr().err
    assert "snippets/s/one_tf.py: LC108 is a symbolic link to nothing" in failed_build(tiny)


def test_a_symlink_to_a_file_outside_is_not_shown(tiny):
    approved_pair(tiny)
    secret = tiny.root / "secret.py"
    secret.write_text("print('THE SECRET')\n")
    path = tiny.root / "snippets/s/one_tf.out"
    path.unlink()
    path.symlink_to(secret)
    assert "snippets/s/one_tf.out: LC108 is a symbolic link, which the site does not follow" in (
        problem_text(structural_problems(tiny.project)))
    build_tiny(tiny)
    assert "THE SECRET" not in (tiny.root / "site/index.html").read_text()


def test_a_snippet_deleted_during_make_outputs_is_a_problem_naming_it(tiny):
    approved_pair(tiny)
    path = tiny.root / "snippets/s/one_tf.py"
    path.write_text("print('tf', 2)\n")

    def runner(snippets, on_result=None):
        results = run_in_process(snippets, on_result=on_result)
        path.unlink()
        return results

    outcome = approve_module.approve(tiny.project, [], runner=runner, say=lambda _: None)
    out, err, status = outcome.report()
    assert status == 1 and "Traceback" not in err
    assert ("snippets/s/one_tf.py: LC109 [s/one, TensorFlow] the file vanished after it was found"
            in err and "nothing was written for it" in err)


# ------------------------------------------------------------------------ 8: figures


def _with_figure(tiny) -> None:
    approved_pair(tiny, torch_code="open('graph.svg', 'w').write('<svg><title>g</title></svg>')\n"
                                   "print(1)\n")
    assert (tiny.root / "snippets/s/one_torch.graph.svg").exists()


def test_a_figure_a_snippet_writes_under_a_name_that_is_not_a_name_is_not_approved(
        tiny, capsys):
    tiny.pair("s/one", "open('x\" onload=\"y.svg', 'w').write('<svg/>')\nprint(1)\n")
    tiny.page("index.md", "# Home\n\n<!-- compare: s/one -->\n")
    assert tiny.cli("outputs") == 1
    err = capsys.readouterr().err
    assert ("snippets/s/one_torch.py: LC107 [s/one, PyTorch] the snippet wrote a figure name "
            "'x\" onload=\"y.svg' is not lower-case letters") in err
    assert not list((tiny.root / "snippets/s").glob("one_torch.*.svg"))
    assert not (tiny.root / "snippets/s/one_torch.out").exists()


def test_a_figure_name_with_a_slash_in_the_manifest_is_a_problem_not_a_crash(tiny, capsys):
    _with_figure(tiny)
    path = tiny.root / "snippets/manifest.json"
    path.write_text(path.read_text().replace('"graph.svg"', '"../x/graph.svg"'))
    messages = problem_text(structural_problems(tiny.project))
    assert "entry 's/one_torch' is not usable: its figure name '../x/graph.svg'" in messages
    assert "figure name '../x/graph.svg'" in failed_build(tiny)


def test_a_figure_that_is_not_utf8_is_named(tiny):
    _with_figure(tiny)
    figure = tiny.root / "snippets/s/one_torch.graph.svg"
    figure.write_bytes(b"<svg>\xff</svg>")
    path = tiny.root / "snippets/manifest.json"
    data = json.loads(path.read_text())  # approved as it is: only its encoding is wrong
    data["snippets"]["s/one_torch"]["figure_sha256"]["graph.svg"] = hashlib.sha256(
        figure.read_bytes()).hexdigest()
    path.write_text(json.dumps(data, indent=2))
    messages = problem_text(structural_problems(tiny.project))
    assert "snippets/s/one_torch.graph.svg is not UTF-8 text" in messages, messages
    assert "Traceback" not in messages
    assert "snippets/s/one_torch.graph.svg is not UTF-8 text" in failed_build(tiny)


def test_a_walkthrough_output_that_the_page_would_render_as_html_is_a_problem(tmp_path):
    import nbformat

    from livecompare.notebooks.walkthroughs import walkthrough_problems
    from livecompare.project import Project

    source = copy_site(tmp_path / "src")
    (source / "walkthroughs").mkdir()
    for script in (ROOT / "walkthroughs").glob("*.py"):
        (source / "walkthroughs" / script.name).write_text(script.read_text())
    project = Project(source)
    assert walkthrough_problems(project) == []
    path = source / "docs/walkthroughs/digits_pytorch.ipynb"
    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "code" and c.outputs)
    cell.outputs.append(nbformat.v4.new_output("display_data", data={
        "text/html": PAYLOAD, "text/plain": "x"}))
    nbformat.write(notebook, path)
    [problem] = walkthrough_problems(project)
    assert problem.path == "docs/walkthroughs/digits_pytorch.ipynb"
    assert problem.message.startswith("code cell ")
    assert "an output of type text/html, which the site would put into the page" in (
        problem.message)


# --------------------------------------------------- 9: every field, in the real site


def test_no_payload_reaches_the_built_site_unescaped(tmp_path):
    """A copy of the site with HTML in every field that reaches a page: what the checks
    refuse fails the build naming it, and the pages written hold none of it as HTML."""
    source = copy_site(tmp_path / "src")
    snippets = source / "snippets"
    manifest_path = snippets / "manifest.json"
    data = json.loads(manifest_path.read_text())
    entries = data["snippets"]
    entries["graphs/eager_by_default_torch"]["versions"]["torch"] = PAYLOAD
    entries["graphs/eager_by_default_tf"]["python"] = PAYLOAD
    entries["learning/autograd_torch"]["verified"] = PAYLOAD
    entries["learning/autograd_tf"]["figures"] = [PAYLOAD]
    svg = snippets / "graphs/graph_picture_torch.graph.svg"  # its title becomes the alt
    svg.write_text(re.sub(r"<title>.*?</title>", f"<title>{PAYLOAD}</title>",
                          svg.read_text(), count=1, flags=re.S))
    entries["graphs/graph_picture_torch"]["figure_sha256"]["graph.svg"] = hashlib.sha256(
        svg.read_bytes()).hexdigest()
    out = snippets / "graphs/control_flow_torch.out"  # what a snippet printed
    out.write_text(out.read_text() + PAYLOAD + "\n")
    entries["graphs/control_flow_torch"]["out_sha256"] = hashlib.sha256(
        out.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(data, indent=2) + "\n")
    section = snippets / ATTRIBUTE_PAYLOAD
    section.mkdir()
    for key in ("torch", "tf"):
        (section / f"x_{key}.py").write_text("print(1)\n")
    page = source / "docs/graphs.md"
    page.write_text(page.read_text() + f"\n<!-- compare: {ATTRIBUTE_PAYLOAD}/x -->\n")
    yml = source / "docs/claims.yml"
    text = yml.read_text()
    text = text.replace("said: The two frameworks dominate machine learning.",
                        f"said: The two frameworks dominate. {PAYLOAD}", 1)
    text = text.replace("state: open-sourced on 2015-11-09",
                        f"state: open-sourced {PAYLOAD} [x](javascript:alert(1))", 1)
    yml.write_text(text)
    assert PAYLOAD in yml.read_text()

    # The engine under test is this checkout's (an editable install may point elsewhere).
    engine = f"{tmp_path / 'blocker'}{os.pathsep}{ROOT / 'src'}"
    result = build(source, tmp_path / "site", tmp_path, env={"PYTHONPATH": engine})
    assert result.returncode != 0, "what the checks refuse fails the build"
    assert "Traceback" not in result.stderr
    for expected in ("entry 'graphs/eager_by_default_torch' is not usable: its version of",
                     "entry 'graphs/eager_by_default_tf' is not usable: its 'python'",
                     "entry 'learning/autograd_torch' is not usable: its 'verified'",
                     "entry 'learning/autograd_tf' is not usable: its figure name",
                     "the section folder 'q\"onmouseover="):
        assert expected in result.stderr, expected
    pages = list((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert _injected(soup) == [], path
    graphs = BeautifulSoup((tmp_path / "site/graphs/index.html").read_text(), "html.parser")
    assert PAYLOAD in graphs.get_text(), "the printed line shows, as text"
    alts = [img.get("alt", "") for img in graphs.select("figure.compare-figure img")]
    assert PAYLOAD in alts, "the SVG's title, as the picture's alt text"
    conclusion = BeautifulSoup((tmp_path / "site/conclusion/index.html").read_text(),
                               "html.parser")
    assert f"The two frameworks dominate. {PAYLOAD}" in conclusion.get_text()


def test_the_escaping_boundary_leaves_ordinary_data_as_it_was():
    assert safe.markdown_text("torch 2.14.1+cpu") == "torch 2.14.1+cpu"
    assert safe.markdown_text("2026-11-30") == "2026-11-30"
    prose = "See [Debugging](debugging.md#a), `x < y` and **bold**."
    assert safe.markdown_prose(prose) == prose
