"""Markdown for one example: linked "PyTorch" / "TensorFlow" tabs of code, output and facts.

The result is ordinary Material Markdown (pymdownx.tabbed, superfences, attr_list,
md_in_html), so the theme does the HTML and the linked-tab behaviour.
"""

from __future__ import annotations

import base64
import html
import posixpath
import re
import textwrap

from .approved import approval_problem, approved_figures, figure_problems, read_approved
from .changes import load_upgrades, render_upgrades
from .compare import agreement_line
from .declarations import differs_reason
from .discover import missing_snippet_problem
from .frameworks import FRAMEWORKS
from .manifest import Entry, Manifest
from .pages import code_block_lines, scan_page, scan_pages
from .problems import Problem, rerun
from .project import Example, Project, Snippet, snippet_problems

SVG_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _fence(text: str) -> str:
    """A backtick fence longer than any run of backticks inside the text."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _meta_line(entry: Entry | None, performance: str | None = None) -> str:
    """What the output was verified with, and what its run time is: one script's wall
    time where it was approved, not a measure of either framework's speed."""
    if not entry:
        return ""
    versions = " · ".join(f"{name} {version}" for name, version in entry.versions.items()
                          if name != "numpy")
    seconds = entry.seconds
    took = f"{seconds:.1f} s" if seconds >= 0.1 else "under 0.1 s"
    benchmark = f"[not a benchmark]({performance})" if performance else "not a benchmark"
    return (f"{versions} · Python {entry.python} · verified {entry.verified} · "
            f"this script's wall time on the machine that approved it: {took}, start-up "
            f"and compiling included ({benchmark})")


def code_block_id(example: str, framework: str) -> str:
    """The id of an example's code block in one tab ("rosetta/creation", "torch"); line n
    of it gets the id `__span-<this id>-<n>` (pymdownx.highlight's line_spans)."""
    return f"{example.replace('/', '-')}-{framework}"


def _tab(snippet: Snippet, project: Project, manifest: Manifest,
         where: str, performance: str | None = None) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    code = snippet.display_source()
    shown = project.relative(snippet.path).removeprefix("snippets/")
    block_id = code_block_id(snippet.example, snippet.framework.key)
    parts = [f'{_fence(code)}{{ .python #{block_id} title="{shown}" }}\n{code}{_fence(code)}']
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
        if problem and "not the approved file" in problem.message:
            parts.append(_problem_box("Not the approved output", problem))
        elif problem:
            parts.append('!!! warning "Out of date"\n\n'
                         f"    The code changed after this output was made: {again}.")
        text = output if output.strip() else "(this snippet prints nothing)\n"
        if not text.endswith("\n"):
            text += "\n"
        parts.append(f'{_fence(text)} {{ .text .output title="Output" }}\n{text}{_fence(text)}')
    for name in approved_figures(snippet, manifest):
        parts.append(_figure(snippet, name))
    problems += figure_problems(project, snippet, manifest, where)
    meta = _meta_line(manifest.get(snippet.key), performance)
    if meta:
        parts.append(f"{meta}\n{{ .compare-meta }}")
    body = "\n\n".join(parts)
    return f'=== "{snippet.framework.label}"\n\n' + textwrap.indent(body, "    ") + "\n", problems


def _figure(snippet: Snippet, name: str) -> str:
    """A picture the snippet drew, inline as a data URI: no extra file, nothing fetched.
    A missing file shows as missing here; _tab reports it as a problem."""
    path = snippet.figure_path(name)
    if not path.exists():
        return f'!!! failure "Missing figure"\n\n    `{path.name}` is missing.'
    svg = path.read_text(encoding="utf-8")
    title = SVG_TITLE.search(svg)
    alt = " ".join(html.unescape(title.group(1)).split()) if title else ""
    alt = alt if alt and alt != "%3" else f"{name}, drawn by {snippet.path.name}"
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<figure class="compare-figure" markdown="0"><img alt="{html.escape(alt)}" '
            f'src="data:image/svg+xml;base64,{data}"><figcaption>{html.escape(name)}, '
            f"written by the code above</figcaption></figure>")


def _agreement(example: Example, project: Project, manifest: Manifest,
               where: str) -> tuple[str, list[Problem]]:
    """The line that says both tabs compute the same values, from the last checked run."""
    snippets = list(example.snippets.values())
    declared = snippets[0].options.agree
    if not declared or len(snippets) != len(FRAMEWORKS):
        return "", []
    records = [entry.agree if (entry := manifest.get(s.key)) else None for s in snippets]
    if all(r and r.names == list(declared) for r in records):
        return f"{agreement_line(records[0])}\n{{ .compare-agree }}\n", []
    return ('!!! warning "Agreement not checked"\n\n    The two tabs declare values that must '
            "agree, but no run has checked them yet.\n"), [
        Problem(where, "the agreement of the two tabs was never checked", example=example.name,
                fix=rerun(example.name))]


def _differs(example: Example) -> str:
    """Where an agreement line would be: why the two tabs show different things, from
    the pair's `# compare-differs:` line (escaped: it is a contributor's text)."""
    reason = differs_reason(example)
    if not reason or len(example.snippets) != len(FRAMEWORKS):
        return ""
    text = html.escape(reason.rstrip("."), quote=False).replace("{", "&#123;")
    return f"Not compared: {text}.\n{{ .compare-differs }}\n"


def render_example(example: Example, project: Project, manifest: Manifest,
                   where: str, performance: str | None = None) -> tuple[str, list[Problem]]:
    """The Markdown for an example, and the problems found while rendering it;
    `performance` is the page's link to the Performance page, if the site has one."""
    tabs, problems = [], []
    for key, framework in FRAMEWORKS.items():
        if key not in example.snippets:
            missing = project.snippets_dir / f"{example.name}_{key}.py"
            problems.append(missing_snippet_problem(project, example.name, framework.label,
                                                    missing, where))
            tabs.append(f'=== "{framework.label}"\n\n    !!! failure "Missing snippet"\n\n'
                        f"        `{project.relative(missing)}` does not exist.\n")
            continue
        tab, found = _tab(example.snippets[key], project, manifest, where, performance)
        tabs.append(tab)
        problems += found
    agree, found = _agreement(example, project, manifest, where)
    agree = agree or _differs(example)
    if not problems:  # a stale or missing side already says "re-run"
        problems += found
    markdown = (f'<div class="compare" data-example="{example.name}" markdown>\n\n'
                + "\n".join(tabs) + ("\n" + agree if agree else "") + "\n</div>\n")
    return markdown, problems


# Where the run time under each output is explained; the link from each example.
PERFORMANCE_PAGE, RUN_TIMES_ANCHOR = "performance.md", "#the-run-times-under-the-examples"
VERSIONS_SHORTCODE = re.compile(r"^[ \t]*<!--\s*compare-versions\s*-->[ \t]*$")
UPGRADES_SHORTCODE = re.compile(r"^[ \t]*<!--\s*compare-upgrades\s*-->[ \t]*$")


def upgrades_list(project: Project, examples: dict[str, Example], page: str) -> str:
    """The "What changed" list, from snippets/upgrades.json; each example links to the
    page that shows it."""
    codes, _ = scan_pages(project, set(examples))
    here = posixpath.dirname(page)
    pages = {code.name: posixpath.relpath(code.page, here) for code in codes}
    return render_upgrades(load_upgrades(project), pages)


def versions_table(examples: dict[str, Example], manifest: Manifest) -> str:
    """What every output was verified with, from the manifest: one row per framework and
    set of versions, so an example left on an older release shows as its own row."""
    rows: dict[tuple, list[Entry]] = {}
    for name in sorted(examples):
        for key, snippet in examples[name].snippets.items():
            entry = manifest.get(snippet.key)
            if entry:
                versions = " · ".join(f"{m} {v}" for m, v in entry.versions.items())
                rows.setdefault((key, versions, entry.python), []).append(entry)
    lines = ["| Tab | Versions | Python | Snippets | Verified |",
             "| --- | --- | --- | ---: | --- |"]
    order = list(FRAMEWORKS)
    for (key, versions, python), entries in sorted(rows.items(),
                                                   key=lambda r: order.index(r[0][0])):
        dates = sorted(e.verified for e in entries)
        span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
        lines.append(f"| {FRAMEWORKS[key].label} | {versions} | {python} | {len(entries)} "
                     f"| {span} |")
    return "\n".join(lines) + "\n"


def _problem_box(title: str, problem: Problem) -> str:
    """A problem as the page shows it under `mkdocs serve`, where the build goes on."""
    text = str(problem)
    fence = _fence(text)
    return (f'!!! failure "{title}"\n\n' + textwrap.indent(f"{fence}text\n{text}\n{fence}", "    ")
            + "\n")


def expand_shortcodes(markdown: str, page: str, project: Project,
                      examples: dict[str, Example], manifest: Manifest,
                      ) -> tuple[str, list[Problem]]:
    """Replace each shortcode on a page; returns the page and its problems. A shortcode
    that cannot be expanded gets a box under its line that says why."""
    codes, problems = scan_page(markdown, page, set(examples))
    performance_page = project.pages_dir / PERFORMANCE_PAGE
    performance = (posixpath.relpath(project.relative(performance_page), posixpath.dirname(page))
                   + RUN_TIMES_ANCHOR if performance_page.exists() else None)
    lines = markdown.splitlines(keepends=True)
    for problem in problems:  # one line in, the line and a box out: line numbers stay true
        number = int(problem.where.rsplit(":", 1)[1])
        line = lines[number - 1]
        indent = line[:len(line) - len(line.lstrip())]
        box = _problem_box("This shortcode was not expanded", problem)
        lines[number - 1] = line.rstrip("\n") + "\n\n" + textwrap.indent(box, indent) + "\n"
    for code in codes:
        block, found = render_example(examples[code.name], project, manifest,
                                      f"{code.page}:{code.line}", performance)
        problems += found
        lines[code.line - 1] = textwrap.indent(block, code.indent)
    in_code = code_block_lines(markdown)
    for number, line in enumerate(lines):
        if number + 1 not in in_code and VERSIONS_SHORTCODE.match(line):
            lines[number] = versions_table(examples, manifest)
        elif number + 1 not in in_code and UPGRADES_SHORTCODE.match(line):
            lines[number] = upgrades_list(project, examples, page)
    return "".join(lines), problems
