"""Built for the reader: the navigation in groups, the maintainers' material on one page
("How this site is verified") and nowhere else, and the repository's links wherever the
build knows the repository, which the hosted build does."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, parsed

# The groups of the navigation and their pages, in order. "The comparison" holds the
# article's sections in the article's order (read from docs/claims.yml), but for the
# decision, which is under "Choose".
GROUPS = {
    "Choose": ["Making your decision", "Conclusion"],
    "Move your code": ["Rosetta stone", "Porting between frameworks",
                       "Walkthrough: handwritten digits"],
    "Reference": ["Corrections", "What changed", "How this site is verified"],
}


def _article(site: Path, path: str):
    """A page's article as its text reads: code in tables may hold `<wbr>` after a dot
    ("claims.<wbr>yml"), which would split a word in two text nodes (a copy: the parsed
    page is shared)."""
    article = copy.copy(parsed(site / path / "index.html").select_one("article"))
    for tag in article.select("wbr"):
        tag.decompose()
    article.smooth()
    return article


def _article_sections() -> list[str]:
    data = yaml.safe_load((ROOT / "docs/claims.yml").read_text(encoding="utf-8"))
    return [title for key, title in data["sections"].items() if key != "decision"]


def _nav(page) -> list[tuple[str, list[str]]]:
    """The primary navigation's top-level entries, each with the titles under it."""
    nav = page.select_one("nav.md-nav--primary")
    entries = []
    for item in nav.select(":scope > ul > li"):
        label = item.select_one(":scope > a, :scope > label, :scope > div > a")
        children = [(c.select_one(":scope > a, :scope > label, :scope > div > a")
                     or c).get_text(" ", strip=True)
                    for c in item.select(":scope > nav > ul > li")]
        entries.append((label.get_text(" ", strip=True), children))
    return entries


def test_the_navigation_is_in_groups_with_the_article_in_its_order(site):
    for path in ("index.html", "graphs/index.html", "verified/index.html"):
        entries = dict(_nav(parsed(site / path)))
        assert list(entries) == ["Home", "Choose", "The comparison", "Move your code",
                                 "Reference"], (path, list(entries))
        assert entries["The comparison"] == _article_sections(), path
        for group, titles in GROUPS.items():
            assert entries[group] == titles, (path, group, entries[group])
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "!ENV", ""))
    assert "navigation.sections" in config["theme"]["features"]


def _on_screen(locator) -> bool:
    return locator.evaluate("el => { const b = el.getBoundingClientRect(); return b.width > 0"
                            " && b.left >= 0 && b.right <= innerWidth && b.top >= 0"
                            " && b.bottom <= innerHeight; }")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900},
                                      {"width": 390, "height": 844}])
def test_the_groups_show_as_headed_sections_on_a_laptop_and_in_the_phone_menu(
        browser, served, viewport):
    """At 1280 the sidebar shows every group's title with its pages under it; on a phone
    the menu (the drawer) lists the groups, and a group opens to its pages."""
    page = browser.new_context(viewport=viewport).new_page()
    # On a phone the menu opens at the level of the page shown: the home page's is the top.
    page.goto(served + ("graphs/" if viewport["width"] >= 1220 else ""))
    if viewport["width"] < 1220:  # Material's drawer: the menu button opens it
        page.locator('label.md-header__button[for="__drawer"]').click()
        page.wait_for_timeout(400)
    nav = page.locator("nav.md-nav--primary")
    for group in ["Choose", "The comparison", "Move your code", "Reference"]:
        title = nav.locator(".md-nav__item--section > label", has_text=group).first
        assert _on_screen(title), (viewport, group)
    if viewport["width"] < 1220:  # a group opens its own panel in the drawer
        nav.locator(".md-nav__item--section > label", has_text="Move your code").click()
        page.wait_for_timeout(400)
    rosetta = nav.get_by_role("link", name="Rosetta stone", exact=True).first
    assert _on_screen(rosetta), viewport
    rosetta.click()
    page.wait_for_load_state()
    assert page.url.endswith("/rosetta/")
    page.context.close()


# What only a maintainer needs. A page for readers links to "How this site is verified"
# instead. `make` counts before one of the Makefile's targets, or alone as code ("make
# code faster" is English).
def _maintainer_words() -> re.Pattern:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = sorted(set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M)), key=len,
                     reverse=True)
    make = "|".join(targets)
    return re.compile(rf"\bmake (?:{make})\b|^make$|claims\.yml|manifest\.json"
                      r"|\blivecompare\b|\bnpm\b|NODE_PATH")


def test_reader_pages_speak_no_maintainer_words(site, pages):
    """Every page but "How this site is verified" (and the 404 page), outside the code
    of its examples and of the files it shows whole (a snippet's own code may say
    NODE_PATH: that is what it runs)."""
    words = _maintainer_words()
    found = []
    for path in pages:
        if path in {"verified/", "404/"}:
            continue
        article = _article(site, path)
        shown = {id(el) for el in article.select(
            "div.compare *, .highlight:has(> .filename) *")}
        for element in article.find_all(string=True):
            if id(element.parent) in shown or element.parent.name in ("script", "style"):
                continue
            # A `<code>` holding a command ("make outputs") is one text node.
            for match in words.finditer(" ".join(element.split())):
                found.append(f"/{path}: {match[0]!r} in {' '.join(element.split())[:80]!r}")
    assert not found, "\n".join(found)


def test_the_verified_page_holds_the_maintainer_material_and_reader_pages_link_to_it(
        site, pages):
    text = _article(site, "verified/").get_text(" ")
    for needed in ("make test", "make outputs", "make check", "make verify", "make live",
                   "claims.yml", "snippets/manifest.json", "upgrades.json", "KERNELS=other",
                   "NODE_PATH", "npm ci", "Node.js", "compare-agree"):
        assert needed in text, needed
    linking = [path for path in pages if any(
        a["href"].split("#")[0].rstrip("/").endswith("verified")
        for a in parsed(site / path / "index.html").select("article a[href]"))]
    assert {"", "performance/", "corrections/", "walkthroughs/"} <= set(linking), linking


def test_the_local_build_shows_no_repository_link_and_no_edit_link(site):
    """A local build does not know where the repository is: rather none than a wrong one."""
    for path in ("index.html", "graphs/index.html"):
        soup = parsed(site / path)
        assert soup.select_one("a.md-source") is None, path
        assert soup.select_one("a.md-content__button") is None, path


def test_a_build_that_knows_its_repository_links_it_and_every_page_can_be_edited(
        site_with_repo):
    repository = "https://github.com/example/livecompare"
    missing = []
    for page in sorted(site_with_repo.rglob("index.html")):
        where = page.relative_to(site_with_repo).parent.as_posix()
        soup = parsed(page)
        source = soup.select_one("a.md-source")
        if source is None or source["href"] != repository:
            missing.append(f"{where}: no repository link")
        if where in {".", "404"} or where.startswith("walkthroughs/digits"):
            continue  # the 404 page has no source; a notebook's is not Markdown
        edit = soup.select_one('a.md-content__button[href*="/edit/"]')
        if edit is None or not edit["href"].startswith(f"{repository}/edit/main/docs/"):
            missing.append(f"{where}: no 'Edit this page'")
    assert not missing, "\n".join(missing)


def test_the_hosted_build_is_told_its_repository(project):
    """The workflow that builds the site for GitHub Pages sets REPO_URL and EDIT_URI from
    the repository it runs in, so the hosted site has the repository link and "Edit this
    page"; mkdocs.yml reads them."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "repo_url: !ENV [REPO_URL, null]" in config
    assert "edit_uri: !ENV [EDIT_URI, null]" in config
    assert "content.action.edit" in config
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    deploy = next(job for job in jobs.values()
                  if any("deploy-pages" in str(step.get("uses", ""))
                         for step in job.get("steps", [])))
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    built = [step for name in needs for step in jobs[name]["steps"]
             if "make build" in str(step.get("run", ""))]
    assert built, "the deploy job's build job runs no `make build`"
    env = {**workflow.get("env", {}), **built[0].get("env", {})}
    assert env.get("REPO_URL") == "${{ github.server_url }}/${{ github.repository }}", env
    assert re.fullmatch(r"edit/.+/docs/", env.get("EDIT_URI", "")), env["EDIT_URI"]
    assert Path(ROOT / "docs/verified.md").exists()


def test_the_proof_details_speak_to_the_reader(site, pages):
    """The details under each tab say what was checked in a reader's words: not "CI", nor
    the machine that "approved" an output."""
    found, proofs = [], 0
    for path in pages:
        for proof in _article(site, path).select("div.compare details.compare-proof"):
            proofs += 1
            text = " ".join(proof.get_text(" ").split())
            found += [f"/{path}: {word!r} in {text[:120]!r}"
                      for word in re.findall(r"\bCI\b|\bapproved\b", text)]
    assert proofs >= 100, "fewer proof lines than the site has"
    assert not found, "\n".join(sorted(set(found))[:20])


def test_links_to_examples_read_as_titles_not_example_ids(site, pages):
    """The Conclusion's "Shown by" column and every other link name the section a reader
    lands on ("Eager by default"), not the example's file name ("graphs/eager_by_default")."""
    names = {f"{path.parent.name}/{path.name.removesuffix('_torch.py')}"
             for path in (ROOT / "snippets").glob("*/*_torch.py")}
    assert len(names) > 50
    found = []
    for path in pages:
        for link in _article(site, path).select("a[href]"):
            text = " ".join(link.get_text(" ").split())
            if text in names:
                found.append(f"/{path}: a link reads {text!r}")
    assert not found, "\n".join(found)


def test_each_correction_shows_its_verdict_as_the_conclusion_does(site):
    """On Corrections, each claim's line says its verdict on the same coloured chip, with
    text, as the Conclusion's tables do."""
    article = _article(site, "corrections/")
    claims = article.select("h3[id]")
    assert len(claims) >= 15
    missing = [h.get_text(" ").strip()[:60] for h in claims
               if not (h.find_next_sibling("p") and h.find_next_sibling("p").select_one(
                   ".claim-status"))]
    assert not missing, missing


def test_every_table_names_each_of_its_columns(site, pages):
    """A screen reader names a cell by its column's heading, and a phone's card shows it
    above the cell (data-label): a blank heading, as in `| | PyTorch | TensorFlow |`,
    leaves the first column's cells unnamed (axe's td-has-header, in Lighthouse)."""
    blank = []
    for path in pages:
        for table in _article(site, path).select("table"):
            headings = [th.get_text(" ", strip=True) for th in table.select("thead th")]
            if "" in headings:
                first = table.select_one("tbody tr")
                blank.append(f"/{path}: the table whose first row is "
                             f"{first.get_text(' | ', strip=True)[:60]!r}: headings {headings}")
    assert not blank, ("name every column in the table's heading row (for example "
                       "'| Aspect | PyTorch | TensorFlow |'):\n" + "\n".join(blank))
