"""Markdown for one example: linked "PyTorch" / "TensorFlow" tabs of code, output and facts.

The result is ordinary Material Markdown (pymdownx.tabbed, superfences, attr_list,
md_in_html), so the theme does the HTML and the linked-tab behaviour.
"""

from __future__ import annotations

import base64
import html
import posixpath
import re
from collections.abc import Callable

from ..discovery.declarations import differs_reason
from ..discovery.discover import missing_snippet_problem
from ..discovery.pages import heading_words, indent_lines, split_lines, text_lines
from ..discovery.shortcodes import scan_page, scan_pages, shortcodes_of
from ..frameworks import FRAMEWORKS, Framework
from ..pins import pinned_versions
from ..problems import At, Problem, rerun
from ..project import Example, Project, Snippet, snippet_problems
from ..safe import code_fence, html_text, markdown_text
from ..store.approved import (
    approval_problem,
    approved_figures,
    figure_problems,
    read_approved,
    read_figure,
)
from ..store.manifest import Agreed, Entry, Manifest
from .changes import load_upgrades, running_releases
from .preview import load_preview, render_preview
from .upgrades_page import render_upgrades

SVG_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _number(value: float) -> str:
    """A tolerance as the snippets write it: 1e-5 or 0.01, not 1e-05 or 1.0e-05."""
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return f"{value:g}"
    mantissa, exponent = f"{value:.3e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"


def _both(tabs: int) -> str:
    return "both tabs" if tabs == 2 else f"all {tabs} tabs"  # as a sentence says them


def _meta_line(entry: Entry | None, performance: str | None = None,
               snippet: Snippet | None = None, agreed: Agreed | None = None,
               differs: str = "", tabs: int = 2) -> str:
    """The proof under a tab: one short line (the framework's version, the day the output
    was verified and, for a pair checked to compute the same values, that the tabs agree)
    that opens to the details: Python and every version, how the output was checked, what
    exactly agreed (or, from `# compare-differs:`, why the tabs are not compared), and the
    run time, one script's wall time where it was approved, not a measure of either
    framework's speed. A `<details>` (pymdownx.details): it opens without JavaScript."""
    if not entry:
        return ""
    versions = [(name, version) for name, version in entry.versions.items()
                if name != "numpy"] or list(entry.versions.items())
    summary = ([f"{markdown_text(versions[0][0])} {markdown_text(versions[0][1])}"]
               if versions else [])
    summary.append(f"verified {markdown_text(entry.verified)}")
    if agreed:
        summary.append(f"{_both(tabs)} agree within {_number(agreed.atol)}")
    every = ", ".join(f"{markdown_text(name)} {markdown_text(version)}"
                      for name, version in entry.versions.items())
    options = snippet.options if snippet else None
    tolerance = (f"numbers within a relative {_number(options.rtol)} and an absolute "
                 f"{_number(options.atol)}, the text exactly" if options
                 else "numbers within a small tolerance, the text exactly")
    took = f"{entry.seconds:.1f} s" if entry.seconds >= 0.1 else "under 0.1 s"
    benchmark = f"[not a benchmark]({performance})" if performance else "not a benchmark"
    items = [f"Ran with Python {markdown_text(entry.python)} and {every}.",
             f"Checked: the output above is what this script printed on "
             f"{markdown_text(entry.verified)}. Every change to the site runs it again and "
             f"compares the fresh output with it ({tolerance}).",]
    if differs:
        other = "the other tab" if tabs == 2 else "the other tabs"
        items.append(f"Not compared with {other}: {markdown_text(differs.rstrip('.'))}.")
    if agreed:
        names = ", ".join(f"`{name}`" for name in agreed.names)
        largest = ("here they are identical" if agreed.max_diff == 0
                   else f"the largest difference {agreed.max_diff:.1e}")
        items.append(f"{_both(tabs).capitalize()} compute {names} alike: every value within "
                     f"{_number(agreed.atol)}, {largest}"
                     + (f"; {agreed.nonfinite} NaN or infinite values stand at the same "
                        f"places in {'both' if tabs == 2 else 'all'}" if agreed.nonfinite else "")
                     + ". Compared again with the output, on every change.")
    items.append(f"Ran in {took} on the machine that verified it, compiling included, the "
                 f"framework already imported ({benchmark}).")
    return (f'??? compare-proof "{" · ".join(summary)}"\n\n'
            + "".join(f"    - {item}\n" for item in items))


def code_block_id(example: str, framework: str) -> str:
    """The id of an example's code block in one tab ("rosetta/creation", "torch"); line n
    of it gets the id `__span-<this id>-<n>` (pymdownx.highlight's line_spans)."""
    return f"{example.replace('/', '-')}-{framework}"


def _tab(snippet: Snippet, project: Project, manifest: Manifest, where: At,
         performance: str | None = None, agreed: Agreed | None = None, differs: str = "",
         tabs: int = 2) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    code = snippet.display_source()
    shown = project.relative(snippet.path).removeprefix("snippets/")
    block_id = code_block_id(snippet.example, snippet.framework.key)
    fence = code_fence(code)
    parts = [f'{fence}{{ .python #{block_id} title="{shown}" }}\n{code}{fence}']
    output = read_approved(snippet)
    again = rerun(snippet.example)
    unfit = snippet_problems(project, snippet, where)
    problems += unfit
    if unfit:
        parts.append(_problem_box("This code cannot run", unfit[0]))
    problem = approval_problem(project, snippet, manifest, where)
    problems += [problem] if problem else []
    if output is None:
        parts.append('!!! failure "No output yet"\n\n'
                     f"    `{project.relative(snippet.out_path)}` is missing: {again}.")
    else:
        if problem and problem.code == "LC204":  # not the approved file
            parts.append(_problem_box("Not the approved output", problem))
        elif problem:
            parts.append('!!! warning "Out of date"\n\n'
                         f"    The code changed after this output was made: {again}.")
        text = output if output.strip() else "(this snippet prints nothing)\n"
        if not text.endswith("\n"):
            text += "\n"
        fence = code_fence(text)
        parts.append(f'{fence} {{ .text .output title="Output" }}\n{text}{fence}')
    for name in approved_figures(snippet, manifest):
        parts.append(_figure(snippet, name))
    problems += figure_problems(project, snippet, manifest, where)
    meta = _meta_line(manifest.get(snippet.key), performance, snippet, agreed, differs, tabs)
    if meta:
        parts.append(meta)
    body = "\n\n".join(parts)
    return f'=== "{snippet.framework.label}"\n\n' + indent_lines(body, "    ") + "\n", problems


def _figure(snippet: Snippet, name: str) -> str:
    """A picture the snippet drew, inline as a data URI: no extra file, nothing fetched.
    A missing file shows as missing here; _tab reports it as a problem."""
    path = snippet.figure_path(name)
    svg = read_figure(path)
    if svg is None:
        return (f'!!! failure "Missing figure"\n\n    {markdown_text(path.name)} is missing, '
                "or not an SVG file in UTF-8.")
    title = SVG_TITLE.search(svg)
    shows = " ".join(html.unescape(title.group(1)).split()) if title else ""
    shows = "" if shows == "%3" else shows  # Graphviz's default title says nothing
    alt = shows or f"{name}, drawn by {snippet.path.name}"
    # The caption says what the picture shows, as its title says; a file name only if not.
    caption = shows or f"{name}, drawn by the code above"
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<figure class="compare-figure" markdown="0"><img alt="{html_text(alt)}" '
            f'src="data:image/svg+xml;base64,{data}"><figcaption>{html_text(caption)}'
            "</figcaption></figure>")


def _agreement(example: Example, project: Project, manifest: Manifest,
               where: At) -> tuple[Agreed | None, str, list[Problem]]:
    """Whether both tabs compute the same values, from the last checked run: the record
    each tab's proof line shows, or a box saying that it was never checked. A pair that
    declares nothing to agree on gets neither, and its tabs claim no agreement."""
    snippets = list(example.sides.values())
    declared = snippets[0].options.agree
    if not declared or not example.complete:
        return None, "", []
    records = [entry.agree if (entry := manifest.get(s.key)) else None for s in snippets]
    if all(r and r.names == list(declared) for r in records):
        return records[0], "", []
    tabs = "The two tabs" if len(snippets) == 2 else f"The {len(snippets)} tabs"
    return None, ('!!! warning "Agreement not checked"\n\n'
                  f"    {tabs} declare values that must agree, but no run has checked them "
                  "yet.\n"), [
        Problem(where, "LC408", "the agreement of the tabs was never checked",
                example=example.name, fix=rerun(example.name))]


def render_example(example: Example, project: Project, manifest: Manifest,
                   where: At, performance: str | None = None) -> tuple[str, list[Problem]]:
    """The Markdown for an example, and the problems found while rendering it;
    `performance` is the page's link to the Performance page, if the site has one."""
    tabs, problems = [], []
    agreed, unchecked, found = _agreement(example, project, manifest, where)
    frameworks = project.frameworks
    for key, framework in frameworks.items():
        if key not in example.snippets:
            missing = project.snippets_dir / f"{example.name}_{key}.py"
            problems.append(missing_snippet_problem(project, example.name, framework.label,
                                                    missing, where))
            tabs.append(f'=== "{framework.label}"\n\n    !!! failure "Missing snippet"\n\n'
                        f"        `{project.relative(missing)}` does not exist.\n")
            continue
        tab, more = _tab(example.snippets[key], project, manifest, where, performance, agreed,
                         differs_reason(example) if example.complete else "", len(frameworks))
        tabs.append(tab)
        problems += more
    if not problems:  # a stale or missing side already says "re-run"
        problems += found
    markdown = (f'<div class="compare" data-example="{html_text(example.name)}" markdown>\n\n'
                + "\n".join(tabs) + ("\n" + unchecked if unchecked else "") + "\n</div>\n")
    return markdown, problems


# Where the run time under each output is explained; the link from each example.
PERFORMANCE_PAGE, RUN_TIMES_ANCHOR = "performance.md", "#the-run-times-under-the-examples"


def _example_pages(project: Project, examples: dict[str, Example], page: str) -> dict[str, str]:
    """Each example's page, as a link from `page`: What changed and its Coming next link
    to them."""
    codes, _ = scan_pages(project, set(examples))
    here = posixpath.dirname(page)
    return {code.name: posixpath.relpath(code.page, here) for code in codes}


def _example_titles(project: Project, examples: dict[str, Example]) -> dict[str, str]:
    """Each snippet as a reader knows it: its page, the section it sits in and its tab
    ("Debugging: A shape error (PyTorch tab)"), not its file name."""
    codes, _ = scan_pages(project, set(examples))
    frameworks = project.frameworks
    titles: dict[str, str] = {}
    for code in codes:
        text = (project.root / code.page).read_text(encoding="utf-8")
        headings = [words for number, line in text_lines(text)  # code blocks left out
                    if number < code.line and (words := heading_words(line))]
        page_title = next((words for level, words in headings if level == 1), "")
        section = next((words for level, words in reversed(headings) if level > 1), "")
        where = ": ".join(part.strip() for part in (page_title, section) if part.strip())
        for key, snippet in examples[code.name].snippets.items():
            label = frameworks[key].label if key in frameworks else key
            titles.setdefault(snippet.key, f"{where or code.name} ({label} tab)")
    return titles


def _record(project: Project, examples: dict[str, Example], manifest: Manifest, page: str,
            upgrades: bool) -> tuple[str, Problem | None]:
    """What changed's list (snippets/upgrades.json) or its Coming next (preview.json):
    records git keeps, where a damaged one shows its problem instead."""
    record, problem = (load_upgrades if upgrades else load_preview)(project)
    if problem:
        return _problem_box("This record cannot be shown", problem), problem
    links, titles = _example_pages(project, examples, page), _example_titles(project, examples)
    return (render_upgrades(record, links, titles, running_releases(manifest)) if upgrades
            else render_preview(record, pinned_versions(project.root) or {}, links, titles)
            ), None


def versions_table(examples: dict[str, Example], manifest: Manifest,
                   frameworks: dict[str, Framework] | None = None) -> str:
    """What every output was verified with, from the manifest: one row per framework and
    set of versions, so an example left on an older release shows as its own row."""
    rows: dict[tuple, list[Entry]] = {}
    for name in sorted(examples):
        for key, snippet in examples[name].snippets.items():
            entry = manifest.get(snippet.key)
            if entry:
                versions = " · ".join(f"{markdown_text(m)} {markdown_text(v)}"
                                      for m, v in entry.versions.items())
                rows.setdefault((key, versions, markdown_text(entry.python)), []).append(entry)
    lines = ["| Tab | Versions | Python | Examples | Verified |",  # per tab: one script each
             "| --- | --- | --- | ---: | --- |"]
    frameworks = FRAMEWORKS if frameworks is None else frameworks
    order = list(frameworks)
    for (key, versions, python), entries in sorted(rows.items(),
                                                   key=lambda r: order.index(r[0][0])):
        dates = sorted(markdown_text(e.verified) for e in entries)
        span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
        lines.append(f"| {frameworks[key].label} | {versions} | {python} | {len(entries)} "
                     f"| {span} |")
    return "\n".join(lines) + "\n"


def _problem_box(title: str, problem: Problem) -> str:
    """A problem as the page shows it under `mkdocs serve`, where the build goes on."""
    text = str(problem)
    fence = code_fence(text)
    return (f'!!! failure "{title}"\n\n' + indent_lines(f"{fence}text\n{text}\n{fence}", "    ")
            + "\n")


def _as_is(block: str) -> str:
    return block


def expand_shortcodes(markdown: str, page: str, project: Project,
                      examples: dict[str, Example], manifest: Manifest,
                      stash: Callable[[str], str] = _as_is) -> tuple[str, list[Problem]]:
    """Replace each shortcode on a page; returns the page and its problems. A shortcode
    that cannot be expanded gets a box under its line that says why. Each block written
    here goes through `stash`, which the Markdown extension uses to keep it away from
    other preprocessors (pymdownx.snippets would read a printed `--8<-- "file"` line)."""
    codes, problems = scan_page(markdown, page, set(examples))
    performance_page = project.pages_dir / PERFORMANCE_PAGE
    performance = (posixpath.relpath(project.relative(performance_page), posixpath.dirname(page))
                   + RUN_TIMES_ANCHOR if performance_page.exists() else None)
    lines = split_lines(markdown, keepends=True)
    for problem in problems:  # one line in, the line and a box out: line numbers stay true
        number = problem.line
        line = lines[number - 1]
        indent = line[:len(line) - len(line.lstrip())]
        box = _problem_box("This shortcode was not expanded", problem)
        lines[number - 1] = stash(line.rstrip("\n") + "\n\n" + indent_lines(box, indent)
                                  + "\n")
    for code in codes:
        block, found = render_example(examples[code.name], project, manifest,
                                      At(code.page, code.line), performance)
        problems += found
        lines[code.line - 1] = stash(indent_lines(block, code.indent))
    record = (project, examples, manifest, page)
    tables = {"compare-versions": lambda: (versions_table(examples, manifest,
                                                          project.frameworks), None),
              "compare-upgrades": lambda: _record(*record, upgrades=True),
              "compare-preview": lambda: _record(*record, upgrades=False)}
    for found in shortcodes_of(markdown, *tables):  # scan_page says what is wrong with others
        shown, problem = tables[found.kind]()
        problems += [problem] if problem else []
        lines[found.line - 1] = stash(shown)
    return "".join(lines), problems
