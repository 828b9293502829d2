"""The JupyterLab stylesheet that notebook pages inline, cut down to what can match them."""

import pytest

from livecompare.site.notebook_css import prune_css, prune_page_css, used_classes

PAGE = ('<div class="jupyter-wrapper"><div class="jp-Cell highlight-ipynb">'
        '<span class="kn">import</span></div></div>')


def test_rules_for_classes_the_page_lacks_are_dropped():
    css = (".jupyter-wrapper .jp-Cell{margin:0}"
           ".jupyter-wrapper .jp-FileBrowser{display:flex}"
           ".jp-Dialog,.jp-Cell .kn{color:red}")
    assert prune_css(css, used_classes(PAGE)) == (
        ".jupyter-wrapper .jp-Cell{margin:0}.jp-Dialog,.jp-Cell .kn{color:red}")


def test_selectors_keep_rules_for_what_they_only_exclude_or_compare():
    classes = used_classes(PAGE)
    kept = [".jp-Cell:not(.jp-mod-active){a:b}",  # the page lacks jp-mod-active: still fine
            'a[href$=".ipynb"]{a:b}',  # a dot in an attribute value names no class
            "body{a:b}", '[data-md-color-scheme="slate"] .jupyter-wrapper{a:b}',
            ".jp-Cell:is(.jp-A,.jp-B){a:b}"]
    for rule in kept:
        assert prune_css(rule, classes) == rule, rule


def test_comments_between_rules_do_not_count_as_selectors():
    # pygments writes "/* Literal.Number */" after each rule; its dots are no classes
    css = ".highlight-ipynb .kn { color: green } /* Keyword.Namespace */\n.highlight-ipynb .kn{x:y}"
    assert prune_css(css, used_classes(PAGE)) == (
        ".highlight-ipynb .kn{ color: green }.highlight-ipynb .kn{x:y}")


def test_media_blocks_are_pruned_inside_and_dropped_when_empty_other_at_rules_kept():
    classes = used_classes(PAGE)
    css = ('@charset "UTF-8";@media print{.jp-Cell{a:b}.jp-Toolbar{c:d}}'
           "@media (max-width:1px){.jp-Menu{e:f}}@keyframes spin{from{a:b}to{c:d}}"
           '.jp-Cell::after{content:"}{"}')
    assert prune_css(css, classes) == (
        '@charset "UTF-8";@media print{.jp-Cell{a:b}}@keyframes spin{from{a:b}to{c:d}}'
        '.jp-Cell::after{content:"}{"}')


def test_a_page_keeps_its_markup_and_loses_only_style_rules():
    page = PAGE + "<style>.jp-Cell{a:b}.jp-Launcher{c:d}</style><p>.jp-Launcher{}</p>"
    assert prune_page_css(page) == PAGE + "<style>.jp-Cell{a:b}</style><p>.jp-Launcher{}</p>"


def test_a_cached_result_is_the_same_and_is_not_computed_again(tmp_path, monkeypatch):
    import livecompare.site.notebook_css as notebook_css

    page = f"<style>.jp-Cell{{a:b}}.jp-FileBrowser{{c:d}}</style>{PAGE}"
    fresh = prune_page_css(page)
    assert prune_page_css(page, tmp_path) == fresh
    assert len(list((tmp_path / ".cache/livecompare/notebook-css").iterdir())) == 1

    def fail(*_):
        raise AssertionError("pruned again despite the cache")

    monkeypatch.setattr(notebook_css, "prune_css", fail)
    assert prune_page_css(page, tmp_path) == fresh
    with pytest.raises(AssertionError):  # other classes: another key
        prune_page_css(page.replace("jp-Cell ", "jp-Other "), tmp_path)


def test_the_cache_keeps_only_the_newest_results(tmp_path, monkeypatch):
    import livecompare.site.notebook_css as notebook_css

    monkeypatch.setattr(notebook_css, "KEEP", 2)
    for n in range(4):
        prune_page_css(f'<style>.a{{b:{n}}}</style><p class="a"></p>', tmp_path)
    assert len(list((tmp_path / ".cache/livecompare/notebook-css").iterdir())) == 2
