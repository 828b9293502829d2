"""One site, two builders: what Material for MkDocs builds (the `site` fixture) and what
Zensical builds (`zensical_site`), compared page by page. Each test fails naming the page
and what differs.

Zensical runs the Markdown extension but no MkDocs hook or plugin. What remains different
is listed here, each with its reason, as README.md's "Known" section lists it; nothing
else may differ.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlparse

from helpers import parsed

from livecompare.notebooks.walkthroughs import sources

# mkdocs-jupyter (a MkDocs plugin) renders each walkthrough notebook as a page of its own;
# Zensical publishes the notebook as it is, a download, and the links that lead to the
# page under Material lead to that file under Zensical. (The walkthrough page itself,
# walkthroughs/, is the extension's and renders in both.)
WALKTHROUGH = "walkthroughs/{}"


def _notebook_pages(project) -> dict[str, str]:
    """Each walkthrough notebook page of Material -> the file Zensical publishes instead."""
    return {WALKTHROUGH.format(s.stem): WALKTHROUGH.format(f"{s.stem}.ipynb")
            for s in sources(project)}


def _pages(site: Path) -> set[str]:
    """Every page, as its folder under the site: "" (home), "graphs", ..."""
    return {p.parent.relative_to(site).as_posix().removeprefix(".")
            for p in site.rglob("index.html")}


def _article(site: Path, page: str):
    """What the page's Markdown became: the article, without the theme around it."""
    return parsed(site / page / "index.html").select_one("article")


def _shared_pages(site: Path, project) -> list[str]:
    return sorted(_pages(site) - set(_notebook_pages(project)))


def test_both_builders_publish_the_same_pages(site, zensical_site, project):
    material_only = set(_notebook_pages(project))
    assert material_only <= _pages(site), "the walkthrough notebooks are Material's pages"
    missing = sorted(_pages(site) - _pages(zensical_site) - material_only)
    extra = sorted(_pages(zensical_site) - _pages(site))
    assert not missing and not extra, (f"only Material builds: {missing}; "
                                       f"only Zensical builds: {extra}")
    for page in material_only:  # published as a download instead
        assert (zensical_site / _notebook_pages(project)[page]).is_file(), page


def _headings(article) -> list[str]:
    return [f"{h.name}#{h.get('id')} {' '.join(h.get_text().replace('¶', '').split())}"
            for h in article.select("h1, h2, h3, h4, h5, h6")]


def _differences(name: str, material: list, zensical: list) -> str:
    """What one build has and the other lacks, in order, or "" when they are the same."""
    if material == zensical:
        return ""
    only_m = [x for x in material if x not in zensical]
    only_z = [x for x in zensical if x not in material]
    return (f"{name} differ: only under Material {only_m[:5]}, only under Zensical "
            f"{only_z[:5]}" + ("" if only_m or only_z else " (the same, in another order)"))


def _compare(site, zensical_site, project, what: str, read) -> list[str]:
    """Each shared page's `read(article)` in both builds: what differs, by page."""
    found = []
    for page in _shared_pages(site, project):
        material, zensical = (read(_article(s, page)) for s in (site, zensical_site))
        if difference := _differences(what, material, zensical):
            found.append(f"{page or 'home'}/: {difference}")
    return found


def test_each_page_has_the_same_headings_in_both_builds(site, zensical_site, project):
    differ = _compare(site, zensical_site, project, "headings (level, id, text)", _headings)
    assert not differ, "\n".join(differ)


def test_each_page_has_the_same_examples_with_the_same_code_and_output(
        site, zensical_site, project):
    def examples(article):
        found = []
        for example in article.select("div.compare[data-example]"):
            labels = [label.get_text() for label in example.select(".tabbed-labels label")]
            for label, block in zip(labels, example.select(".tabbed-block"), strict=False):
                code = block.select_one("div.highlight:not(.output) code")
                output = block.select_one(".output code")
                proof = block.select_one("details.compare-proof summary")
                found.append((example["data-example"], label,
                              code.get_text() if code else None,
                              output.get_text() if output else None,
                              " ".join(proof.get_text().split()) if proof else None))
        return found

    differ = _compare(site, zensical_site, project,
                      "examples (tab, code, output, proof line)", examples)
    assert not differ, "\n".join(differ)
    assert any(_article(zensical_site, p).select("div.compare")
               for p in _pages(zensical_site)), "the comparison found no example"


def _links(article, page: str) -> list[str]:
    """Each link of the article as the site path it leads to (a download marked so), or
    its address when it leaves the site."""
    found = []
    for link in article.select("a[href]"):
        href = link["href"]
        address = urlparse(href)
        if address.scheme or href.startswith("//"):
            found.append(href)
            continue
        path = unquote(address.path)
        target = posixpath.normpath(posixpath.join(page, path)) if path else page
        target = "" if target == "." else target
        found.append(target + (f"#{address.fragment}" if address.fragment else "")
                     + (" (download)" if link.has_attr("download") else ""))
    return found


def test_each_page_has_the_same_links_and_downloads_all_resolving(
        site, zensical_site, project):
    instead = _notebook_pages(project)

    def as_zensical(link: str) -> str:
        path, hash_, rest = link.partition("#")
        return instead.get(path, path) + hash_ + rest

    differ, downloads = [], 0
    for page in _shared_pages(site, project):
        material = _links(_article(site, page), page)
        zensical = _links(_article(zensical_site, page), page)
        downloads += sum(link.endswith(" (download)") for link in zensical)
        if difference := _differences("links and downloads",
                                      [as_zensical(x) for x in material], zensical):
            differ.append(f"{page or 'home'}/: {difference}")
    assert not differ, "\n".join(differ)  # test_site.py: all of them resolve, in both
    assert downloads >= 40, "each page's notebooks and scripts are downloads in both"


def test_only_an_offline_build_loads_the_search_shim_in_either_builder(site, zensical_site):
    """The iframe-worker shim (search from file://) is for `make offline`; Zensical hands
    the template its scripts as objects, where a test of the name as text once missed."""
    for built in (site, zensical_site):
        assert "iframe-worker" not in (built / "index.html").read_text(), built
