"""The examples as a Python-Markdown extension, rendered without MkDocs and without its
hook, as Zensical renders them: the page is found by its text, problems name its line."""

from __future__ import annotations

import logging
import subprocess
import sys

import markdown
import pytest
from helpers import approved_pair

from livecompare.site import extension

EXTENSIONS = ["livecompare.extension", "admonition", "attr_list", "md_in_html",
              "pymdownx.superfences", "pymdownx.tabbed"]


@pytest.fixture
def outside_mkdocs(tiny, monkeypatch, plain_runtimes, in_process):
    """No hook: the extension finds the project from the current folder (and `make
    outputs` runs plain-Python snippets in this process)."""
    monkeypatch.chdir(tiny.root)
    monkeypatch.setattr(extension, "_where", extension._Where())
    return tiny


def _render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS,
                             extension_configs={"pymdownx.tabbed": {"alternate_style": True}}
                             ).convert(text)


def test_an_example_renders_without_the_hook(outside_mkdocs):
    tiny = outside_mkdocs
    tiny.pair("s/one", "print('torch')\n", "print('tf')\n")
    assert tiny.cli("outputs") == 0
    page = tiny.page("guide.md", "# Guide\n\nWords.\n\n<!-- compare: s/one -->\n")
    html = _render(page.read_text())
    assert '<div class="compare" data-example="s/one">' in html
    assert "PyTorch" in html and "TensorFlow" in html and "tf\n" in html


def test_a_problem_names_the_page_found_by_its_text_and_the_line(outside_mkdocs, caplog):
    tiny = outside_mkdocs
    tiny.pair("s/one")
    page = tiny.page("guide.md", "# Guide\n\nWords.\n\n<!-- compare: s/onne -->\n")
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.livecompare"):
        html = _render(page.read_text())
    assert "docs/guide.md:5: LC502 unknown example 's/onne' in shortcode" in caplog.text
    assert "This shortcode was not expanded" in html


# Zensical, which runs the extension without any hook, and its strict build.
ZENSICAL_YML = """\
site_name: tiny
markdown_extensions:
  - livecompare.extension
  - attr_list
  - md_in_html
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""


def _zensical_build(root, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zensical", "build", *options], cwd=root,
                          capture_output=True, text=True, timeout=300)


def test_a_pages_problems_fail_zensicals_strict_build_naming_page_and_line(
        tiny, plain_runtimes):
    """Zensical counts no logged error, so under `zensical build --strict` the extension
    raises the page's problems; a plain build shows them on the page, as MkDocs does."""
    approved_pair(tiny)  # docs/index.md shows s/one, with its outputs and notebooks
    tiny.write("mkdocs.yml", ZENSICAL_YML)
    tiny.write("snippets/s/two_tf.py", "print(2)\n")  # its PyTorch side is missing
    hostile = tiny.page("hostile.md", "# Hostile\n\n<!-- compare: s/onne -->\n\n"
                                      "<!-- compar: s/one -->\n\n<!-- compare: s/two -->\n")
    strict = _zensical_build(tiny.root, "--strict")
    said = strict.stdout + strict.stderr
    assert strict.returncode != 0, said[-3000:]
    assert "`zensical build --strict` stops on 8 problem(s), met rendering docs/hostile.md" in (
        said)
    for line in ("docs/hostile.md:3: LC502 unknown example 's/onne'",
                 "docs/hostile.md:5: LC503 malformed shortcode",
                 "docs/hostile.md:7: LC104 [s/two, PyTorch] missing snippet",
                 # Its page has an example: the downloads `make notebooks` writes.
                 "docs/notebooks/pytorch/hostile.ipynb: LC602 missing notebook"):
        assert line in said, said[-3000:]
    plain = _zensical_build(tiny.root, "--clean")
    assert plain.returncode == 0, (plain.stdout + plain.stderr)[-3000:]
    assert "docs/hostile.md:3: LC502" in plain.stdout + plain.stderr
    shown = (tiny.root / "site/hostile/index.html").read_text(encoding="utf-8")
    assert "This shortcode was not expanded" in shown
    hostile.unlink()
    (tiny.root / "snippets/s/two_tf.py").unlink()
    assert _zensical_build(tiny.root, "--strict", "--clean").returncode == 0

    # What MkDocs' hook checks once its build is done, which no page shows.
    tiny.pair("s/unused")
    unused = _zensical_build(tiny.root, "--strict", "--clean")
    assert unused.returncode != 0
    assert ("snippets/s/unused_tf.py: LC501 [s/unused] no page uses this example"
            in unused.stdout + unused.stderr), (unused.stdout + unused.stderr)[-3000:]
