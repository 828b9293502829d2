"""What hooks/livecompare.py hands to MkDocs: expand shortcodes, report problems.

Problems are logged as errors under the `mkdocs` logger, so `mkdocs build --strict` fails
and names the page and line, while `mkdocs serve` keeps serving and shows the problem on
the page itself.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .checks import layout_problems
from .discover import discover_examples
from .outputs import load_manifest
from .project import Example, Project
from .render import expand_shortcodes

log = logging.getLogger("mkdocs.plugins.livecompare")


class _State:
    project: Project
    examples: dict[str, Example]
    manifest: dict[str, dict]


_state = _State()


def on_config(config):
    project = Project(Path(config.config_file_path).resolve().parent,
                      Path(config.docs_dir).resolve())
    _state.project = project
    _state.examples, _ = discover_examples(project)
    _state.manifest = load_manifest(project)
    return config


def on_page_markdown(markdown, page, config, files):
    project = _state.project
    page_path = project.relative(Path(page.file.abs_src_path))
    markdown, problems, _ = expand_shortcodes(markdown, page_path, project,
                                              _state.examples, _state.manifest)
    for problem in problems:
        log.error(str(problem))
    return markdown


def on_post_build(config):
    for problem in layout_problems(_state.project):
        log.error(str(problem))
