"""scripts/preview_summary.py: the job summary of a pull request's preview names the pages
it changes, the file to open in the artifact, and each page's examples."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from helpers import ROOT


def _script():
    spec = importlib.util.spec_from_file_location("preview_summary",
                                                  ROOT / "scripts/preview_summary.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _commit(root, message):
    for args in (["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org",
                                 "commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_a_changed_snippet_or_page_names_its_page_and_its_examples(tiny, capsys):
    tiny.pair("graphs/loop")
    tiny.pair("graphs/eager")
    tiny.pair("porting/dense")
    tiny.page("graphs.md", "# Graphs\n\n<!-- compare: graphs/loop -->\n\n"
                           "<!-- compare: graphs/eager -->\n")
    tiny.page("porting/index.md", "# Porting\n\n<!-- compare: porting/dense -->\n")
    tiny.page("index.md", "# Home\n")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tiny.root, check=True)
    _commit(tiny.root, "main")
    tiny.write("snippets/graphs/loop_tf.out", "2\n")
    tiny.page("porting/index.md", "# Porting, edited\n\n<!-- compare: porting/dense -->\n")
    _commit(tiny.root, "pull request")
    assert _script().main(["--root", str(tiny.root), "--base", "HEAD~1",
                           "--artifact-url", "https://example.org/artifact/1"]) == 0
    text = capsys.readouterr().out
    assert "[Download the built site](https://example.org/artifact/1)" in text
    assert "| `docs/graphs.md` | `graphs/index.html` | **`graphs/loop`**, `graphs/eager` |" in text
    assert "| `docs/porting/index.md` | `porting/index.html` | `porting/dense` |" in text
    assert "docs/index.md" not in text and "Every page" not in text


def test_a_change_to_the_theme_may_change_every_page(tiny, capsys):
    tiny.page("index.md", "# Home\n")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tiny.root, check=True)
    _commit(tiny.root, "main")
    tiny.write("mkdocs.yml", "site_name: x\n")
    _commit(tiny.root, "pull request")
    _script().main(["--root", str(tiny.root), "--base", "HEAD~1"])
    assert "Every page may look different" in capsys.readouterr().out


def test_code_a_page_includes_names_that_page(tiny, capsys):
    """Code shown on a page sits in a folder named after it (docs/porting/port_weights.py
    on docs/porting.md): a change to it changes that page."""
    tiny.page("porting.md", "# Porting\n")
    tiny.page("porting/port_weights.py", "x = 1\n")
    tiny.page("index.md", "# Home\n")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tiny.root, check=True)
    _commit(tiny.root, "main")
    tiny.page("porting/port_weights.py", "x = 2\n")
    _commit(tiny.root, "pull request")
    _script().main(["--root", str(tiny.root), "--base", "HEAD~1"])
    text = capsys.readouterr().out
    assert "| `docs/porting.md` | `porting/index.html` |" in text
    assert "docs/index.md" not in text and "Every page" not in text
