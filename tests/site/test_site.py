"""The built site: `mkdocs build --strict` with no framework importable, then its HTML.

Broken copies of the site check that the build fails, naming the page and the line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, load_module, parsed

from livecompare.discovery.shortcodes import scan_pages
from livecompare.project import Project
from livecompare.site.checks import all_examples


def _html(site: Path, page: str) -> BeautifulSoup:
    relative = Path(page).relative_to("docs").with_suffix("")
    path = site / ("index.html" if relative.name == "index" else f"{relative}/index.html")
    return parsed(path)


def _uses(project: Project):
    examples = all_examples(project)
    codes, _ = scan_pages(project, set(examples))
    return examples, codes


def _check_site():
    """scripts/check_site.py: the same checks run on a Zensical build, once a week."""
    return load_module(ROOT / "scripts/check_site.py")


def test_every_example_renders_as_linked_tabs_with_code_and_real_output(site, project):
    """Each example once on its page: the tabs in framework order, each with the snippet's
    code as the page shows it, its approved output and the line that says what it ran
    with; and nothing the MkDocs build should have is missing."""
    check = _check_site()
    assert check.example_problems(site, project, parse=parsed) == []
    assert check.missing_features(site, project) == []
    _, codes = _uses(project)
    for code in codes:  # the run time links to what the Performance page says of it
        [compare] = _html(site, code.page).select(f'div.compare[data-example="{code.name}"]')
        here = "./#" if code.page.endswith("docs/performance.md") else "../performance/#"
        for meta in compare.select(".compare-proof"):
            assert meta.select_one("a")["href"].startswith(here), code


def test_zensical_builds_every_example_with_its_output(project, zensical_site):
    """Material's successor runs no MkDocs hook or plugin: the Markdown extension alone
    puts every example on its page, and the downloads under its title. What it lacks is
    what the README's "Known" lists (tests/site/test_parity.py compares the two builds)."""
    check = _check_site()
    assert check.example_problems(zensical_site, project) == []
    missing = check.missing_features(zensical_site, project)
    assert len(missing) == 1 and "mkdocs-jupyter" in missing[0], missing
    # The walkthrough page needs no notebook plugin: the extension builds it.
    walkthrough = parsed(zensical_site / "walkthroughs/index.html")
    assert len(walkthrough.select(".walkthrough-step .tabbed-set")) >= 8
    assert len(walkthrough.select(".walkthrough-step img[alt]")) == 4


def test_the_site_publishes_pages_assets_and_linked_downloads_only(site):
    """The claims' data (docs/claims.yml) feeds the pages; it is not itself published. Every
    script or notebook in the site is a download that some page links to."""
    _publishes_pages_assets_and_linked_downloads_only(site)


def test_zensical_publishes_pages_assets_and_linked_downloads_only(zensical_site):
    """The same of Zensical's build, where the walkthrough notebooks are downloads too."""
    _publishes_pages_assets_and_linked_downloads_only(zensical_site)
    assert {p.name for p in zensical_site.glob("walkthroughs/*.ipynb")} == {
        "digits_pytorch.ipynb", "digits_tensorflow.ipynb"}


def _publishes_pages_assets_and_linked_downloads_only(site: Path) -> None:
    data = [p.relative_to(site) for p in site.rglob("*")
            if p.suffix in {".yml", ".yaml", ".toml", ".csv"}]
    assert data == []
    linked = set()
    for page in site.rglob("*.html"):
        for link in parsed(page).select("a[href]"):
            target = (page.parent / unquote(urlparse(link["href"]).path)).resolve()
            linked.add(target)
    downloads = [p for p in site.rglob("*") if p.suffix in {".py", ".ipynb"}]
    assert downloads and [p.relative_to(site) for p in downloads
                          if p.resolve() not in linked] == []


def test_the_example_check_finds_a_missing_example_and_a_wrong_output(site, project, tmp_path):
    check = _check_site()
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    graphs = copy / "graphs/index.html"
    text = graphs.read_text(encoding="utf-8")
    first = text.index('<div class="compare" data-example="')
    graphs.write_text(text[:first] + text[first:].replace('class="compare"', 'class="x"', 1))
    learning = copy / "learning/index.html"
    text = learning.read_text(encoding="utf-8")
    learning.write_text(text.replace('class="output highlight"', 'class="highlight"', 1))
    problems = check.example_problems(copy, project)
    assert len(problems) == 2, problems
    assert "0 examples in the HTML, not 1" in problems[0] or "0 examples" in problems[1]
    assert any("the output is not the approved one" in p for p in problems)


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
        for tag in parsed(page).select(loads):
            url = tag.get("src") or tag.get("href")
            if url.startswith("data:"):  # inline, e.g. a notebook's picture: fetches nothing
                continue
            assert "//" not in url, f"{page.relative_to(site)} loads {url}"


@pytest.mark.parametrize("builder", ["site", "zensical_site"])
def test_every_internal_link_and_anchor_resolves(request, builder):
    """In both builders' sites: every page, the theme's links included."""
    site = request.getfixturevalue(builder)
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            html = parsed(page)
            ids[page] = {tag["id"] for tag in html.select("[id]")}
        return ids[page]

    broken = []
    for page in sorted(site.rglob("*.html")):
        html = parsed(page)
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


def test_a_deleted_output_fails_the_build_naming_page_and_line(broken):
    code = broken.faults["deleted"]
    section, slug = code.name.split("/")
    assert (f"{code.page}:{code.line}: LC202 [{code.name}, TensorFlow] no approved output "
            f"snippets/{section}/{slug}_tf.out") in broken.log
    assert f"make outputs NAMES={code.name}" in broken.log


def test_an_unknown_example_fails_the_build_with_a_suggestion(broken):
    code, line = broken.faults["unknown"]
    assert f"{code.page}:{line}: LC502 unknown example '{code.name}x'" in broken.log
    assert f"did you mean '{code.name}'" in broken.log


def test_a_malformed_shortcode_fails_the_build(broken):
    assert f"docs/index.md:{broken.faults['malformed']}: LC503 malformed shortcode" in broken.log


def test_a_changed_snippet_fails_the_build_until_its_output_is_made(broken):
    section, slug = broken.faults["changed"].name.split("/")
    assert (f"snippets/{section}/{slug}_torch.py changed since its output was approved"
            in broken.log)


def test_an_unpaired_or_unused_snippet_fails_the_build(broken):
    assert "snippets/graphs/lonely_tf.py: LC103 [graphs/lonely] unpaired snippet" in broken.log
    assert "snippets/graphs/unused_tf.py: LC501 [graphs/unused] no page uses this example" in (
        broken.log)


def test_the_build_fails_when_the_page_uses_a_framework_import(broken):
    """The guard itself must be able to fail: a hook that imports torch breaks the build."""
    assert "torch imported while building the docs" in broken.log


def test_the_build_fails_when_it_reaches_for_the_network(broken):
    """The network guard must be able to fail too: `make serve` has to work offline."""
    assert "the docs build tried to connect to 192.0.2.1" in broken.log


def test_a_missing_snippet_fails_the_build_naming_page_line_and_file(broken):
    code = broken.faults["missing"]
    section, slug = code.name.split("/")
    assert (f"{code.page}:{code.line}: LC104 [{code.name}, PyTorch] missing snippet "
            f"snippets/{section}/{slug}_torch.py") in broken.log


def test_pages_have_a_logo_a_favicon_and_preview_metadata(site):
    assert (site / "assets/logo.svg").exists() and (site / "assets/favicon.svg").exists()
    for page in sorted(site.rglob("index.html")):
        soup = parsed(page)
        where = page.relative_to(site)
        assert soup.select_one('link[rel="icon"][href$="assets/favicon.svg"]'), where
        assert soup.select_one('img[src$="assets/logo.svg"]'), where
        for name in ("og:title", "og:description", "og:site_name"):
            assert soup.select_one(f'meta[property="{name}"]')["content"].strip(), (where, name)
        assert soup.select_one('meta[name="twitter:card"]'), where


def test_the_404_page_offers_search_and_every_page(site):
    soup = parsed(site / "404.html")
    assert soup.h1.get_text() == "This page does not exist"
    links = {a.get_text() for a in soup.select("article a, .md-content a")}
    assert {"Home", "Computational graphs", "Conclusion"} <= links


def test_each_page_shows_its_last_update_from_git(site):
    soup = parsed(site / "graphs/index.html")
    fact = soup.select_one('.md-source-file [title="Last update"]')
    date = soup.select_one(".md-source-file .git-revision-date-localized-plugin-date")
    assert fact is not None and date is not None and date.get_text().strip()


def test_a_build_that_knows_its_repository_has_edit_links_and_absolute_previews(
        site_with_repo):
    """The deploy workflow sets REPO_URL, EDIT_URI and SITE_URL; a local build has none."""
    target = site_with_repo
    soup = parsed(target / "graphs/index.html")
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
