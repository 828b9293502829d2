"""The built site: `mkdocs build --strict` with no framework importable, then its HTML.

Broken copies of the site check that the build fails, naming the page and the line.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlparse

from bs4 import BeautifulSoup
from conftest import ROOT, build

from livecompare.checks import all_examples
from livecompare.pages import scan_pages
from livecompare.approved import read_approved
from livecompare.project import FRAMEWORKS, Project


def _html(site: Path, page: str) -> BeautifulSoup:
    relative = Path(page).relative_to("docs").with_suffix("")
    path = site / ("index.html" if relative.name == "index" else f"{relative}/index.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _uses(project: Project):
    examples = all_examples(project)
    codes, _ = scan_pages(project, set(examples))
    return examples, codes


def test_every_example_renders_as_linked_tabs_with_code_and_real_output(site, project):
    examples, codes = _uses(project)
    assert codes, "no page uses an example"
    for code in codes:
        html = _html(site, code.page)
        [compare] = html.select(f'div.compare[data-example="{code.name}"]')
        labels = [label.get_text() for label in compare.select(".tabbed-labels label")]
        assert labels == [f.label for f in FRAMEWORKS.values()], code
        blocks = compare.select(".tabbed-block")
        for framework, block in zip(FRAMEWORKS, blocks, strict=True):
            snippet = examples[code.name].snippets[framework]
            source = block.select_one("div.highlight:not(.output) code").get_text()
            assert source == snippet.display_source(), (code, framework)
            output = block.select_one(".output code").get_text()
            assert output == read_approved(snippet) or not read_approved(snippet).strip()
            assert "ran in" in block.select_one(".compare-meta").get_text()


def test_no_shortcode_is_left_unexpanded(site):
    for page in site.rglob("*.html"):
        assert "<!-- compare:" not in page.read_text(encoding="utf-8"), page


def test_tabs_are_linked_across_the_site(site):
    config = json.loads(_html(site, "docs/index.md").select_one("#__config").get_text())
    assert "content.tabs.link" in config["features"]


def test_pages_load_nothing_from_outside(site):
    """Readers offline, and their privacy: no font CDN, no remote script, style or image."""
    loads = "script[src], img[src], link[rel~=stylesheet], link[rel~=preconnect], link[rel~=icon]"
    for page in site.rglob("*.html"):
        for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(loads):
            url = tag.get("src") or tag.get("href")
            assert "//" not in url, f"{page.relative_to(site)} loads {url}"


def test_every_internal_link_and_anchor_resolves(site):
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            ids[page] = {tag["id"] for tag in html.select("[id]")}
        return ids[page]

    broken = []
    for page in sorted(site.rglob("*.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in html.select("a[href]"):
            href = link["href"]
            if urlparse(href).scheme or href.startswith("//"):
                continue
            path, _, fragment = href.partition("#")
            base = site if path.startswith("/") else page.parent  # the 404 page links from /
            target = (base / unquote(path.split("?")[0]).lstrip("/")).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no such page)")
            elif fragment and fragment not in anchors(target):
                broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_every_page_has_a_title_and_a_first_paragraph(site, project):
    for page in sorted(project.pages_dir.glob("*.md")):
        html = _html(site, project.relative(page))
        article = html.select_one("article")
        assert article.select_one("h1"), page
        first = article.select_one("h1 ~ p")
        assert first and len(first.get_text().split()) >= 15, f"{page}: no real first paragraph"


def _broken_build(site_copy: Path, tmp_path: Path) -> str:
    result = build(site_copy, tmp_path / "out", tmp_path)
    assert result.returncode != 0, "the build should have failed"
    return result.stderr


def _first_use(site_copy: Path):
    _, codes = _uses(Project(site_copy))
    return codes[0]


def test_a_deleted_output_fails_the_build_naming_page_and_line(site_copy, tmp_path):
    code = _first_use(site_copy)
    section, slug = code.name.split("/")
    (site_copy / f"snippets/{section}/{slug}_tf.out").unlink()
    log = _broken_build(site_copy, tmp_path)
    assert f"{code.page}:{code.line}: [{code.name}, TensorFlow] no approved output" in log
    assert f"make outputs NAMES={code.name}" in log


def test_an_unknown_example_fails_the_build_with_a_suggestion(site_copy, tmp_path):
    code = _first_use(site_copy)
    page = site_copy / code.page
    page.write_text(page.read_text() + f"\n<!-- compare: {code.name}x -->\n")
    line = len(page.read_text().splitlines())
    log = _broken_build(site_copy, tmp_path)
    assert f"{code.page}:{line}: unknown example '{code.name}x'" in log
    assert f"did you mean '{code.name}'" in log


def test_a_malformed_shortcode_fails_the_build(site_copy, tmp_path):
    page = site_copy / "docs/index.md"
    page.write_text(page.read_text() + "\n<!-- compar: graphs/x -->\n")
    assert "docs/index.md:" in _broken_build(site_copy, tmp_path)


def test_a_changed_snippet_fails_the_build_until_its_output_is_made(site_copy, tmp_path):
    code = _first_use(site_copy)
    section, slug = code.name.split("/")
    snippet = site_copy / f"snippets/{section}/{slug}_torch.py"
    snippet.write_text(snippet.read_text() + "\nprint('new line')\n")
    log = _broken_build(site_copy, tmp_path)
    assert f"snippets/{section}/{slug}_torch.py changed since its output was approved" in log


def test_an_unpaired_or_unused_snippet_fails_the_build(site_copy, tmp_path):
    (site_copy / "snippets/graphs/lonely_tf.py").write_text("print(1)\n")
    (site_copy / "snippets/graphs/unused_tf.py").write_text("print(1)\n")
    (site_copy / "snippets/graphs/unused_torch.py").write_text("print(1)\n")
    log = _broken_build(site_copy, tmp_path)
    assert "snippets/graphs/lonely_tf.py: [graphs/lonely] unpaired snippet" in log
    assert "snippets/graphs/unused_tf.py: [graphs/unused] no page uses this example" in log


def test_the_build_fails_when_the_page_uses_a_framework_import(site_copy, tmp_path):
    """The guard itself must be able to fail: a hook that imports torch breaks the build."""
    hook = site_copy / "hooks/compare_shortcodes.py"
    hook.write_text(hook.read_text() + textwrap.dedent("""
        import torch  # noqa: E402,F401
    """))
    assert "torch imported while building the docs" in _broken_build(site_copy, tmp_path)


def test_the_build_fails_when_it_reaches_for_the_network(site_copy, tmp_path):
    """The network guard must be able to fail too: `make serve` has to work offline."""
    hook = site_copy / "hooks/compare_shortcodes.py"
    hook.write_text(hook.read_text() + textwrap.dedent("""
        import socket  # noqa: E402
        socket.create_connection(("192.0.2.1", 443), timeout=1)
    """))
    assert "the docs build tried to connect to 192.0.2.1" in _broken_build(site_copy, tmp_path)


def test_a_missing_snippet_fails_the_build_naming_page_line_and_file(site_copy, tmp_path):
    code = _first_use(site_copy)
    section, slug = code.name.split("/")
    (site_copy / f"snippets/{section}/{slug}_torch.py").unlink()
    (site_copy / f"snippets/{section}/{slug}_torch.out").unlink()
    log = _broken_build(site_copy, tmp_path)
    assert (f"{code.page}:{code.line}: [{code.name}, PyTorch] missing snippet "
            f"snippets/{section}/{slug}_torch.py") in log


def test_pages_have_a_logo_a_favicon_and_preview_metadata(site):
    assert (site / "assets/logo.svg").exists() and (site / "assets/favicon.svg").exists()
    for page in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        where = page.relative_to(site)
        assert soup.select_one('link[rel="icon"][href$="assets/favicon.svg"]'), where
        assert soup.select_one('img[src$="assets/logo.svg"]'), where
        for name in ("og:title", "og:description", "og:site_name"):
            assert soup.select_one(f'meta[property="{name}"]')["content"].strip(), (where, name)
        assert soup.select_one('meta[name="twitter:card"]'), where


def test_the_404_page_offers_search_and_every_page(site):
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == "This page does not exist"
    links = {a.get_text() for a in soup.select("article a, .md-content a")}
    assert {"Home", "Computational graphs", "Conclusion"} <= links


def test_each_page_shows_its_last_update_from_git(site):
    soup = BeautifulSoup((site / "graphs/index.html").read_text(encoding="utf-8"), "html.parser")
    fact = soup.select_one('.md-source-file [title="Last update"]')
    date = soup.select_one(".md-source-file .git-revision-date-localized-plugin-date")
    assert fact is not None and date is not None and date.get_text().strip()


def test_a_build_that_knows_its_repository_has_edit_links_and_absolute_previews(tmp_path):
    """The deploy workflow sets REPO_URL, EDIT_URI and SITE_URL; a local build has none."""
    target = tmp_path / "site"
    result = build(ROOT, target, tmp_path, env={
        "REPO_URL": "https://github.com/example/livecompare", "EDIT_URI": "edit/main/docs/",
        "SITE_URL": "https://example.github.io/livecompare/"})
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((target / "graphs/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    edit = soup.select_one("a.md-content__button[href]")
    assert edit["href"] == "https://github.com/example/livecompare/edit/main/docs/graphs.md"
    image = soup.select_one('meta[property="og:image"]')["content"]
    assert image == "https://example.github.io/livecompare/assets/social-card.png"
    assert (target / "assets/social-card.png").exists()


def test_the_timeline_picture_is_drawn_from_its_data():
    """docs/assets/timeline.svg and the table under it come from scripts/timeline.py."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(ROOT / "scripts/timeline.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
