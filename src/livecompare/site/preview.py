"""A preview of the next release: every snippet run against the newest pre-releases that
install together, in an environment of its own (`make preview`, scripts/preview.py).

It never writes an approved output. What it finds goes to snippets/preview.json: each
output that would differ, with its diff, and each snippet that breaks, with its error.
The "What changed" page shows it as "Coming next" (`<!-- compare-preview -->`), and says
nothing when no previewed release is newer than the pins.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib.metadata
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ..discovery.discover import discover_examples
from ..files import read_record, shape_fault, write_atomically
from ..pins import pinned_versions
from ..problems import Problem
from ..project import Project
from ..runner.run import run_snippets
from ..safe import markdown_text, snippet_link
from ..store.approved import read_approved
from ..store.manifest import manifest_or_problem
from ..store.verify import check_result
from .upgrades_page import examples_count as _examples
from .upgrades_page import folded, shown_diff

PREVIEW_FORMAT = 1
# What a preview records as installed: the framework pins, and what a pre-release may
# bring instead of one (TensorFlow's release candidates ask for keras-nightly).
RECORDED = ("torch", "torchvision", "tensorflow-cpu", "keras", "keras-nightly")


def preview_path(project: Project) -> Path:
    return project.snippets_dir / "preview.json"


def _diff(old: str, new: str, name: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True),
                                        f"{name} (approved)", f"{name} (preview)", n=1))


def installed() -> dict[str, str]:
    """The versions of RECORDED in this environment."""
    found = {}
    for name in RECORDED:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            pass
    return found


def imported_keras() -> str | None:
    """The version `import keras` gives here: where keras and keras-nightly are both
    installed (TensorFlow's release candidates ask for keras-nightly), the files of the one
    installed last win, so the metadata alone does not say which runs."""
    if not {"keras", "keras-nightly"} <= set(installed()):
        return None
    result = subprocess.run([sys.executable, "-c", "import keras; print(keras.__version__)"],
                            capture_output=True, text=True, env={**os.environ,
                                                                 "TF_CPP_MIN_LOG_LEVEL": "3"})
    return result.stdout.strip().splitlines()[-1] if result.returncode == 0 else None


def run_preview(project: Project, previewed: dict[str, str],
                progress: Callable | None = None) -> dict:
    """Run every snippet here (in the preview environment) and compare it with its
    approved output; `previewed`: the pre-releases chosen, name -> version."""
    examples, _ = discover_examples(project)
    snippets = [s for name in sorted(examples) if examples[name].complete
                for s in examples[name].snippets.values() if not s.fault]
    tick, close = progress(len(snippets)) if progress else (None, lambda: None)
    try:
        results = run_snippets(snippets, on_result=tick)
    finally:
        close()
    # A timeout on a busy machine is not a break: those run once more, alone.
    slow = [s for s in snippets if results[s.key].timed_out]
    if slow:
        results.update(run_snippets(slow))
    manifest = manifest_or_problem(project)[0]
    differs, breaks = [], []
    for snippet in snippets:
        result = results[snippet.key]
        problem = check_result(project, result, manifest)
        if problem is None:
            continue
        if not result.ok:
            breaks.append({"snippet": snippet.key, "error": str(problem)})
            continue
        approved = read_approved(snippet) or ""
        diff = _diff(approved, result.stdout, project.relative(snippet.out_path))
        differs.append({"snippet": snippet.key, "diff": diff or problem.message})
    pins = pinned_versions(project.root) or {}
    return {"format": PREVIEW_FORMAT, "date": dt.date.today().isoformat(),
            "previewed": previewed, "pins": {n: pins[n] for n in previewed if n in pins},
            "installed": installed(), "imported_keras": imported_keras(),
            "snippets": len(snippets),
            "differs": differs, "breaks": breaks}


def write_preview(project: Project, data: dict) -> Path:
    path = preview_path(project)
    write_atomically(path, json.dumps(data, indent=2) + "\n")  # the engine's one writer
    return path


# What render_preview reads: the rest of the record is for people.
SHAPE = {"date": str, "previewed": dict, "installed": dict, "snippets": int,
         "differs": [{"snippet": str, "diff": str}], "breaks": [{"snippet": str, "error": str}]}


def _fault(data) -> str:
    fault = shape_fault(data, SHAPE)
    if fault or not isinstance(data.get("imported_keras"), str | None):
        return fault or "imported_keras is not text"
    return next((f"{key}.{name} is not text"
                 for key in ("previewed", "installed")
                 for name, version in data[key].items() if not isinstance(version, str)), "")


def load_preview(project: Project) -> tuple[dict | None, Problem | None]:
    """snippets/preview.json, or None where there is none (or where it is damaged: then
    with the problem, LC211)."""
    return read_record(preview_path(project), project.relative(preview_path(project)),
                       _fault, fix="run `make preview` again, or delete the file")


def _newer(version: str, than: str) -> bool:
    from packaging.version import InvalidVersion, Version

    try:
        return Version(version) > Version(than)
    except InvalidVersion:
        return False


def ahead(preview: dict | None, pins: dict[str, str]) -> dict[str, str]:
    """The previewed releases still newer than the pins (name -> version): none once the
    pins have caught up, and then the page says nothing."""
    if not preview:
        return {}
    return {name: version for name, version in preview.get("previewed", {}).items()
            if name in pins and _newer(version, pins[name])}


def render_preview(preview: dict | None, pins: dict[str, str],
                   example_pages: dict[str, str], titles: dict[str, str] | None = None) -> str:
    """The "Coming next" section of the What changed page, or nothing. `titles`: each
    snippet as a reader knows it (upgrades_page.render_upgrades)."""
    coming = ahead(preview, pins)
    if not coming:
        return ""
    # From a committed file that a pull request may have edited: escaped like any data.
    moved = ", ".join(f"{markdown_text(name)} {markdown_text(version)} in place of "
                      f"{markdown_text(pins[name])}" for name, version in coming.items())
    kept = ", ".join(f"{markdown_text(name)} {markdown_text(version)}"
                     for name, version in preview["installed"].items() if name not in coming)
    if preview.get("imported_keras"):
        kept += (f" (both keras and keras-nightly are installed; `import keras` gives "
                 f"{markdown_text(preview['imported_keras'])})")
    differs, breaks = preview["differs"], preview["breaks"]
    parts = [
        "## Coming next\n",
        f"On {markdown_text(preview['date'])}, {preview['snippets']} example scripts of "
        f"this site ran with {moved}: {_examples(len(differs))} printed something "
        f"different, and {_examples(len(breaks))} broke. "
        "The other pages keep the outputs of the releases the site runs until the upgrade "
        "lands.\n",
        # The rest of what was installed is for whoever reproduces the preview.
        '??? info "Everything installed for this preview"\n\n'
        f"    {kept or 'The pins of the site, unchanged.'}\n"]
    for heading, items, key, lang in (("Outputs that would change", differs, "diff", "diff"),
                                      ("Examples that break", breaks, "error", "text")):
        parts.append(f"### {heading}\n")
        if not items:
            parts.append("None.\n")
        for item in items:
            name = snippet_link(item["snippet"], example_pages, titles)
            text = item[key].rstrip()
            if key == "diff":
                text = shown_diff(text)
            what = "The difference" if key == "diff" else "The error"
            parts.append(f"{name}\n\n" + folded(text, lang, what))
    return "\n".join(parts)
