"""Markdown for one example: linked "PyTorch" / "TensorFlow" tabs of code, output and facts.

The result is ordinary Material Markdown (pymdownx.tabbed, superfences, attr_list,
md_in_html), so the theme does the HTML and the linked-tab behaviour.
"""

from __future__ import annotations

import re
import textwrap

from .discover import scan_page
from .outputs import approval_problem, read_approved
from .project import FRAMEWORKS, Example, Problem, Project, Snippet


def _fence(text: str) -> str:
    """A backtick fence longer than any run of backticks inside the text."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _meta_line(entry: dict | None) -> str:
    if not entry:
        return ""
    versions = " · ".join(f"{name} {version}" for name, version in entry["versions"].items()
                          if name != "numpy")
    seconds = entry["seconds"]
    ran = f"{seconds:.2f} s" if seconds >= 0.01 else "under 0.01 s"
    return f"{versions} · Python {entry['python']} · ran in {ran} · verified {entry['verified']}"


def _tab(snippet: Snippet, project: Project, manifest: dict[str, dict],
         where: str) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    code = snippet.display_source()
    shown = project.relative(snippet.path).removeprefix("snippets/")
    parts = [f'{_fence(code)}python title="{shown}"\n{code}{_fence(code)}']
    output = read_approved(snippet)
    rerun = f"run `make outputs NAMES={snippet.example}`"
    problem = approval_problem(project, snippet, manifest, where)
    problems += [problem] if problem else []
    if output is None:
        parts.append('!!! failure "No output yet"\n\n'
                     f"    `{project.relative(snippet.out_path)}` is missing: {rerun}.")
    else:
        if problem:
            parts.append('!!! warning "Out of date"\n\n'
                         f"    The code changed after this output was made: {rerun}.")
        text = output if output.strip() else "(this snippet prints nothing)\n"
        if not text.endswith("\n"):
            text += "\n"
        parts.append(f'{_fence(text)} {{ .text .output title="Output" }}\n{text}{_fence(text)}')
    meta = _meta_line(manifest.get(snippet.key))
    if meta:
        parts.append(f"{meta}\n{{ .compare-meta }}")
    body = "\n\n".join(parts)
    return f'=== "{snippet.framework.label}"\n\n' + textwrap.indent(body, "    ") + "\n", problems


def render_example(example: Example, project: Project, manifest: dict[str, dict],
                   where: str) -> tuple[str, list[Problem]]:
    """The Markdown for an example, and the problems found while rendering it."""
    tabs, problems = [], []
    for key, framework in FRAMEWORKS.items():
        if key not in example.snippets:
            missing = project.relative(project.snippets_dir / f"{example.name}_{key}.py")
            problems.append(Problem(where, f"missing snippet {missing}", example=example.name,
                                    framework=framework.label,
                                    fix=f"add {missing}, the {framework.label} side of the pair"))
            tabs.append(f'=== "{framework.label}"\n\n    !!! failure "Missing snippet"\n\n'
                        f"        `{missing}` does not exist.\n")
            continue
        tab, found = _tab(example.snippets[key], project, manifest, where)
        tabs.append(tab)
        problems += found
    markdown = (f'<div class="compare" data-example="{example.name}" markdown>\n\n'
                + "\n".join(tabs) + "\n</div>\n")
    return markdown, problems


def expand_shortcodes(markdown: str, page: str, project: Project,
                      examples: dict[str, Example], manifest: dict[str, dict],
                      ) -> tuple[str, list[Problem], list[str]]:
    """Replace each shortcode on a page; returns the page, its problems, the names used."""
    codes, problems = scan_page(markdown, page, set(examples))
    lines = markdown.splitlines(keepends=True)
    for code in codes:  # one line in, one block out: the line numbers stay true
        block, found = render_example(examples[code.name], project, manifest,
                                      f"{code.page}:{code.line}")
        problems += found
        lines[code.line - 1] = textwrap.indent(block, code.indent)
    return "".join(lines), problems, [code.name for code in codes]
