"""The article's claims as data (docs/claims.yml): the data itself, the notes that point at
it from the pages, and what the build generates from it."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, parsed

from livecompare.site import claims, claims_data

DATA = ROOT / "docs" / claims.DATA
PAGES = sorted((ROOT / "docs").rglob("*.md"))


def _load(path: Path = DATA) -> tuple[claims.Claims, list]:
    return claims.load(path, path.name)


def _write_data(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claims.yml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


MINIMAL = """
sections:
  deployment: Production deployment
claims:
  - id: torchserve
    section: deployment
    said: PyTorch serves models with TorchServe.
    verdict: outdated
    state: archived
    change:
      short: TorchServe
      date: 2025-08-07
      note: TorchServe was archived on 2025-08-07.
      sources:
        - pytorch/serve: https://github.com/pytorch/serve
criteria: []
"""


# ------------------------------------------------------------------------- the data

def test_the_data_file_is_sound():
    data, problems = _load()
    assert not problems, "\n".join(map(str, problems))
    assert len(data.claims) == 56
    assert {c.verdict for c in data.claims} <= set(claims_data.VERDICTS)


def test_every_outdated_claim_has_a_date_and_a_source():
    data, _ = _load()
    outdated = [c for c in data.claims if c.verdict == "outdated"]
    assert outdated
    for claim in outdated:
        assert claims_data.DATE.match(claim.date), claim.id
        assert claim.sources and all(s.url.startswith("https://") for s in claim.sources)


def test_an_outdated_claim_without_a_date_or_a_source_fails_naming_file_and_line(tmp_path):
    assert _load(_write_data(tmp_path, MINIMAL))[1] == []
    undated = MINIMAL.replace("      date: 2025-08-07\n", "")
    _, problems = _load(_write_data(tmp_path, undated))
    assert [str(p).splitlines()[0] for p in problems] == [
        "claims.yml:4: LC702 claim torchserve is outdated but its change gives no date"]
    unsourced = MINIMAL.split("      sources:")[0]
    _, problems = _load(_write_data(tmp_path, unsourced))
    assert "claims.yml:4: LC702 claim torchserve is outdated but names no source" in str(
        problems[0])


def test_misspelt_keys_and_bad_values_are_problems_not_silence(tmp_path):
    text = (MINIMAL.replace("    verdict: outdated", "    verdict: obsolete")
            .replace("      note:", "      notes:"))
    _, problems = _load(_write_data(tmp_path, text))
    messages = " | ".join(str(p) for p in problems)
    assert "unknown verdict 'obsolete'" in messages
    assert "unknown key 'notes'" in messages


def test_a_note_must_be_one_short_sentence(tmp_path):
    text = MINIMAL.replace("TorchServe was archived on 2025-08-07.",
                           "TorchServe was archived. It gets no fixes.")
    _, problems = _load(_write_data(tmp_path, text))
    assert "its note must be one sentence" in str(problems[0])


def test_a_change_needs_a_short_plain_title_for_the_contents(tmp_path):
    _, problems = _load(_write_data(tmp_path, MINIMAL.replace("      short: TorchServe\n", "")))
    assert [str(p).splitlines()[0] for p in problems] == [
        "claims.yml:4: LC709 claim torchserve: its change has no short:"]
    for bad in ('Torch"Serve', "`TorchServe`", "<b>TorchServe</b>", "T" * 41):
        text = MINIMAL.replace("short: TorchServe", f"short: '{bad}'")
        _, problems = _load(_write_data(tmp_path, text))
        assert "its short: " in str(problems[0]) and "must be plain words" in str(
            problems[0]), bad


def test_each_decision_score_points_the_way_its_verdict_says():
    data, problems = _load()
    assert not problems
    assert {c.id for c in data.criteria} == {
        "speed", "debugging", "research", "papers", "deployment", "serving", "mobile", "tpu",
        "learning", "enterprise"}


def test_a_score_against_its_verdict_fails(tmp_path):
    """The contradiction issue 16 found: debugging 'mostly outdated' yet scored 3 / 2."""
    text = MINIMAL.replace("criteria: []", """criteria:
  - id: debugging
    name: Intuitive debugging
    older: PyTorch
    verdict: outdated
    holds: Eager execution is the default in both.
    fit: [3, 2]
    evidence: "[Debugging](debugging.md)"
""")
    _, problems = _load(_write_data(tmp_path, text))
    assert len(problems) == 1
    assert "claims.yml:16: LC703 criterion 'debugging': the advice for PyTorch is marked " \
           "'outdated', but its fit 3 / 2 gives PyTorch a lead of 1" in str(problems[0])
    assert not _load(_write_data(tmp_path, text.replace("[3, 2]", "[3, 3]")))[1]


GROUPED = MINIMAL.replace("criteria: []", """criteria:
  - id: deployment
    name: Production deployment
    older: TensorFlow
    verdict: partly
    holds: Both export.
    fit: [2, 3]
    group: deployment
    evidence: "[Deployment](deployment.md)"
  - id: mobile
    name: Mobile and edge devices
    older: TensorFlow
    verdict: outdated
    holds: LiteRT runs both.
    fit: [3, 3]
    group: deployment
    evidence: "[Deployment](deployment.md)"
""")


def test_criteria_that_rest_on_one_fact_share_a_group():
    data, problems = _load()
    assert not problems
    assert {c.id for c in data.criteria if c.group == "deployment"} == {
        "deployment", "serving", "mobile"}
    markdown = claims.decision_markdown(data)
    assert markdown.count('data-group="deployment"') == 3


def test_the_decision_table_says_in_words_whether_the_older_advice_holds(tmp_path):
    """"Outdated." beside a fit of 3 / 3 read as if the fit were outdated: each verdict
    now says what happened to the advice, next to the framework that advice picked."""
    data, _ = _load(_write_data(tmp_path, GROUPED))
    soup = BeautifulSoup(markdown.markdown(claims.decision_markdown(data),
                                           extensions=["tables", "md_in_html"]), "html.parser")
    assert [th.get_text() for th in soup.select("th")][1:3] == [
        "The older advice picked", "Does it hold in late 2026?"]
    rows = {tr.td.get_text(): [td.get_text() for td in tr.select("td")]
            for tr in soup.select("tbody tr")}
    assert rows["Production deployment"][1:4] == [
        "TensorFlow", "Holds only in part. Both export.", "2 / 3"]
    assert rows["Mobile and edge devices"][1:4] == [
        "TensorFlow", "No longer holds. LiteRT runs both.", "3 / 3"]


def test_a_group_of_one_or_a_misspelt_group_fails(tmp_path):
    data, problems = _load(_write_data(tmp_path, GROUPED))
    assert not problems and [c.group for c in data.criteria] == ["deployment"] * 2
    lonely = GROUPED.replace("fit: [3, 3]\n    group: deployment", "fit: [3, 3]")
    _, problems = _load(_write_data(tmp_path, lonely))
    assert ["is alone in its group 'deployment'" in str(p) for p in problems] == [True]
    _, problems = _load(_write_data(tmp_path, GROUPED.replace("group: deployment",
                                                              "group: Deploy ment", 1)))
    assert any("group must be lower-case words" in str(p) for p in problems), problems


# ------------------------------------------------------------------ notes on the pages

def test_every_note_on_every_page_names_an_entry():
    data, _ = _load()
    notes = 0
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        problems = claims.page_problems(text, page.relative_to(ROOT).as_posix(), data)
        assert not problems, "\n".join(map(str, problems))
        notes += len(claims.scan(text, page.name)[0])
    assert notes >= 15


def test_a_note_naming_no_entry_fails_naming_page_and_line():
    data, _ = _load()
    page = "# A page\n\n**In short:** something.\n\n## A section\n\n<!-- claim: torchserv -->\n"
    [problem] = claims.page_problems(page, "docs/x.md", data)
    assert str(problem).startswith("docs/x.md:7: LC701 unknown claim 'torchserv' in a note")
    assert "did you mean 'torchserve'" in str(problem)


def test_notes_never_stack():
    data, _ = _load()
    two_in_a_row = "## A\n\n<!-- claim: torchserve -->\n\n<!-- claim: torchtext -->\n"
    [problem] = claims.page_problems(two_in_a_row, "docs/x.md", data)
    assert str(problem).startswith("docs/x.md:5: LC705 two claim notes in a row")
    before_sections = ("# P\n\nVerdict.\n\n<!-- claim: torchserve -->\n\nText.\n\n"
                       "<!-- claim: torchtext -->\n\n## A\n")
    [problem] = claims.page_problems(before_sections, "docs/x.md", data)
    assert str(problem).startswith("docs/x.md:9: LC705 a second claim note before the page's "
                                   "first section")


def test_malformed_shortcodes_and_unknown_blocks_are_problems():
    data, _ = _load()
    text = "<!-- claim torchserve -->\n\n<!-- claims: tabels -->\n\n`<!-- claim: x -->`\n"
    problems = [str(p) for p in claims.page_problems(text, "docs/x.md", data)]
    assert problems[0].startswith("docs/x.md:1: LC706 malformed claim shortcode")
    assert problems[1].startswith("docs/x.md:3: LC706 unknown claims block 'tabels'")
    assert len(problems) == 2  # inline code shows the syntax without being a shortcode


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_no_page_repeats_a_correction_in_an_updated_box(page):
    boxes = re.findall(r'^!!! \w+ "Updated', page.read_text(encoding="utf-8"), re.M)
    assert not boxes, f"{page.name}: replace each box with <!-- claim: ID -->"


# ------------------------------------------------------------- what the build generates

def _soup(site: Path, page: str) -> BeautifulSoup:
    return parsed(site / page / "index.html")


def test_the_conclusion_tables_and_counts_come_from_the_data(site):
    data, _ = _load()
    soup = _soup(site, "conclusion")
    rows = [tr for table in soup.select("article table") for tr in table.select("tbody tr")]
    assert [int(tr.td.get_text()) for tr in rows] == [c.number for c in data.claims]
    for tr, claim in zip(rows, data.claims, strict=True):
        assert tr.select("td")[2].get_text().startswith(claims.STATE_LABELS[claim.verdict])
    counts = soup.find(string=re.compile("Of the classic comparison's 56 claims"))
    assert counts and f"{sum(c.verdict == 'outdated' for c in data.claims)} are outdated" \
        in counts


def test_the_corrections_page_lists_each_outdated_claim_once_with_date_and_sources(site):
    data, _ = _load()
    soup = _soup(site, "corrections")
    for claim in data.claims:
        entries = soup.select(f'h3[id="{claim.id}"]')
        assert len(entries) == (1 if claim.has_change else 0), claim.id
        if claim.verdict == "outdated":
            text = entries[0].find_next("p").get_text()
            assert f"Changed {claim.date}" in text, claim.id
            sources = entries[0].find_next(string=re.compile("^Sources: ")).parent
            assert {a["href"] for a in sources.select("a")} == {s.url for s in claim.sources}


@pytest.mark.parametrize("builder", ["site", "zensical_site"])
def test_the_corrections_contents_list_short_titles_and_the_headings_full_claims(request, builder):
    """The page's table of contents fits a screen: each entry is the claim's number and
    its short title, under the same anchor that other pages link to; in both builders."""
    site = request.getfixturevalue(builder)
    data, _ = _load()
    soup = _soup(site, "corrections")
    contents = {a["href"]: a.get_text(" ", strip=True)
                for a in soup.select("nav.md-nav--secondary a.md-nav__link")}
    changed = [c for c in data.claims if c.has_change]
    assert changed
    for claim in changed:
        assert contents[f"#{claim.id}"] == f"{claim.number}. {claim.short}", claim.id
        heading = soup.select_one(f'h3[id="{claim.id}"]')
        # The claim in quotation marks: stated bare, it read as the site's own view.
        assert heading.get_text(" ", strip=True).startswith(f"{claim.number}. “"), claim.id
        assert claim.said.split("`")[0].strip().rstrip(".") in heading.get_text(), claim.id
        assert not heading.has_attr("data-toc-label"), claim.id


def test_each_note_links_to_its_entry_on_the_corrections_page(site):
    soup = _soup(site, "deployment")
    links = soup.select(".admonition a[href*='corrections/#']")
    assert "../corrections/#torchserve" in [a["href"] for a in links]
    # A reader meets a note before the Conclusion: it quotes the claim and says, in the
    # decision page's words, what became of it; its link names the claim's number.
    verdicts = "|".join(claims.NOTE_VERDICTS.values())
    assert all(re.fullmatch(r"Claim \d+: dates and sources", a.get_text())
               for a in links), [a.get_text() for a in links]
    torchserve = next(a for a in links if a["href"] == "../corrections/#torchserve")
    claim = _load()[0].by_id()["torchserve"]
    assert torchserve.get_text() == f"Claim {claim.number}: dates and sources"
    note = torchserve.find_parent("p").get_text(" ", strip=True)
    assert note.startswith(f"The classic comparison said “{claim.said.rstrip('.')}”: "
                           "no longer holds ."), note
    for link in links:
        assert re.match(rf"The classic comparison said “[^”]+”: (?:{verdicts}) \.",
                        link.find_parent("p").get_text(" ", strip=True)), link
    assert "<!-- claim:" not in str(soup)


def test_an_unknown_claim_fails_the_build_naming_page_and_line(broken):
    """conftest's broken build puts <!-- claim: torchscrip --> above a section."""
    assert (f"docs/graphs.md:{broken.faults['claim']}: LC701 unknown claim 'torchscrip' in a note"
            in broken.log)
    assert "did you mean 'torchscript'" in broken.log


@pytest.mark.parametrize("width", [390, 1280])
def test_a_notes_link_stays_inside_its_box_and_on_one_line_where_it_fits(browser, served,
                                                                        width):
    """With white-space: nowrap the longer link ran past its box on a phone."""
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(served + "deployment/", wait_until="networkidle")
    links = page.evaluate("""() => [...document.querySelectorAll(
        '.admonition > p > a[href*="corrections/#"]')].map(a => {
      const box = a.closest('.admonition').getBoundingClientRect();
      const rects = [...a.getClientRects()];
      return {text: a.textContent, overflow: Math.max(...rects.map(r => r.right)) - box.right,
              lines: new Set(rects.map(r => Math.round(r.top))).size,
              room: box.width};
    })""")
    page.context.close()
    assert links
    for link in links:
        assert link["overflow"] <= 0, link
        if width >= 1280:
            assert link["lines"] == 1, link


def test_the_conclusions_tally_names_the_claims_no_page_touches(site):
    """"for one of those, no page of the site touches the claim at all" left the reader to
    guess which: the tally names each such claim by its number."""
    data = _load()[0]
    untouched = [c.number for c in data.claims if c.verdict == "not measured" and not c.shown]
    text = _soup(site, "conclusion").select_one("article").get_text(" ", strip=True)
    tally = re.search(r"Of the classic comparison's \d+ claims, [^.]*\.", text)[0]
    assert untouched, "no untouched claim: the tally's last clause is not shown"
    assert tally.endswith(f"touches claim {untouched[0]} at all."), tally
