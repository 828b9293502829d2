"""The examples as a Python-Markdown extension, rendered without MkDocs and without its
hook, as Zensical renders them: the page is found by its text, problems name its line."""

from __future__ import annotations

import logging

import markdown
import pytest

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
