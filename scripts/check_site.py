"""The built-HTML checks, for a site built by any tool: every example present, with its
code and its approved output; and what the build lacks that `mkdocs build` has.

    .venv/bin/python scripts/check_site.py SITE_DIR

`make test` runs `example_problems` on the MkDocs build (tests/site/test_site.py); the
weekly Zensical job (.github/workflows/zensical.yml) runs this script on Zensical's.
Exits 1 when an example is missing or wrong; what the build lacks is only reported.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from livecompare.discovery.page_examples import all_page_examples  # noqa: E402
from livecompare.discovery.shortcodes import scan_pages  # noqa: E402
from livecompare.frameworks import FRAMEWORKS  # noqa: E402
from livecompare.notebooks.walkthroughs import sources  # noqa: E402
from livecompare.project import Project  # noqa: E402
from livecompare.site.checks import all_examples  # noqa: E402
from livecompare.store.approved import read_approved  # noqa: E402


def page_html(site: Path, page: str) -> Path:
    """The built file of a page given as docs/<name>.md."""
    relative = Path(page).relative_to("docs").with_suffix("")
    return site / ("index.html" if relative.name == "index" else f"{relative}/index.html")


def example_problems(site: Path, project: Project, parse=None) -> list[str]:
    """Each example a page shows must be there once, as linked tabs holding its code and
    its approved output, with the line that says what it ran with, which opens to the
    details (the run time among them)."""
    parse = parse or (lambda path: BeautifulSoup(path.read_text(encoding="utf-8"),
                                                 "html.parser"))
    examples = all_examples(project)
    codes, _ = scan_pages(project, set(examples))
    if not codes:
        return ["no page uses an example"]
    problems = []
    for code in codes:
        where = f"{code.page}:{code.line} [{code.name}]"
        found = parse(page_html(site, code.page)).select(
            f'div.compare[data-example="{code.name}"]')
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} examples in the HTML, not 1")
            continue
        labels = [label.get_text() for label in found[0].select(".tabbed-labels label")]
        if labels != [f.label for f in FRAMEWORKS.values()]:
            problems.append(f"{where}: tabs {labels}")
        blocks = found[0].select(".tabbed-block")
        if len(blocks) != len(FRAMEWORKS):
            problems.append(f"{where}: {len(blocks)} tab contents")
            continue
        for framework, block in zip(FRAMEWORKS, blocks, strict=True):
            snippet = examples[code.name].snippets[framework]
            source = block.select_one("div.highlight:not(.output) code")
            output = block.select_one(".output code")
            meta = block.select_one("details.compare-proof")
            approved = read_approved(snippet) or ""
            if source is None or source.get_text() != snippet.display_source():
                problems.append(f"{where}, {framework}: the code is not the snippet's")
            if output is None or (output.get_text() != approved and approved.strip()):
                problems.append(f"{where}, {framework}: the output is not the approved one")
            if meta is None or meta.select_one("summary") is None or not (
                    "verified" in meta.summary.get_text()
                    and "on the machine that verified it" in meta.get_text()
                    and "not a benchmark" in meta.get_text()):
                problems.append(f"{where}, {framework}: no line says what it ran with")
    return problems


def missing_features(site: Path, project: Project) -> list[str]:
    """What this build lacks that the MkDocs build has (its hook and plugins). The
    downloads are committed files and the extension's links, which every builder should
    have; tests/site/test_parity.py compares two builds in full."""
    missing = []
    walkthroughs = [s.stem for s in sources(project)
                    if not (site / "walkthroughs" / s.stem / "index.html").exists()]
    if walkthroughs:
        missing.append("the walkthrough notebooks are not rendered as pages "
                       f"({', '.join(walkthroughs)}): mkdocs-jupyter is a MkDocs plugin")
    pages = all_page_examples(project, all_examples(project))
    absent = [page.stem for page in pages for key in FRAMEWORKS
              if not (site / page.notebook_path(key)).exists()]
    if absent:
        missing.append(f"the pages' notebook and script downloads ({len(absent)} of "
                       f"{len(pages) * len(FRAMEWORKS)} notebooks absent), which are "
                       "committed under docs/notebooks/")
    bars = [page.stem for page in pages
            if "compare-downloads" not in page_html(site, project.relative(page.page))
            .read_text(encoding="utf-8")]
    if bars:
        missing.append(f"the download links under the title of {len(bars)} pages, "
                       "which the Markdown extension adds")
    return missing


def main(argv: list[str]) -> int:
    site = Path(argv[1]).resolve() if len(argv) > 1 else ROOT / "site"
    project = Project(ROOT)
    problems = example_problems(site, project)
    print(f"{site}: " + (f"{len(problems)} problems with the examples:\n" + "\n".join(
        problems) if problems else "every example is there, with its code and its output"))
    missing = missing_features(site, project)
    print("What this build lacks that `mkdocs build` has:\n" + (
        "\n".join(f"- {m}" for m in missing) if missing else "- nothing"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
