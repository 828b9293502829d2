"""scripts/preview_summary.py: the job summary of a pull request's preview names the pages
it changes, the file to open in the artifact, and each page's examples."""

from __future__ import annotations

import subprocess

from helpers import ROOT, load_module


def _script():
    return load_module(ROOT / "scripts/preview_summary.py")


def _commit(root, message):
    for args in (["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org",
                                 "commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _summary(tiny, capsys, changes: dict[str, str], *options: str) -> str:
    """The summary of a pull request that writes `changes` ({path: text}) over the tiny
    project as main has it."""
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tiny.root, check=True)
    _commit(tiny.root, "main")
    for relative, text in changes.items():
        tiny.write(relative, text)
    _commit(tiny.root, "pull request")
    assert _script().main(["--root", str(tiny.root), "--base", "HEAD~1", *options]) == 0
    return capsys.readouterr().out


def test_a_changed_snippet_or_page_names_its_page_and_its_examples(tiny, capsys):
    tiny.pair("graphs/loop")
    tiny.pair("graphs/eager")
    tiny.pair("porting/dense")
    tiny.page("graphs.md", "# Graphs\n\n<!-- compare: graphs/loop -->\n\n"
                           "<!-- compare: graphs/eager -->\n")
    tiny.page("porting/index.md", "# Porting\n\n<!-- compare: porting/dense -->\n")
    tiny.page("index.md", "# Home\n")
    text = _summary(tiny, capsys, {
        "snippets/graphs/loop_tf.out": "2\n",
        "docs/porting/index.md": "# Porting, edited\n\n<!-- compare: porting/dense -->\n",
    }, "--artifact-url", "https://example.org/artifact/1")
    assert "[Download the built site](https://example.org/artifact/1)" in text
    assert "| `docs/graphs.md` | `graphs/index.html` | **`graphs/loop`**, `graphs/eager` |" in text
    assert "| `docs/porting/index.md` | `porting/index.html` | `porting/dense` |" in text
    assert "docs/index.md" not in text and "Every page" not in text


def test_a_change_to_the_theme_may_change_every_page(tiny, capsys):
    tiny.page("index.md", "# Home\n")
    assert "Every page may look different" in _summary(tiny, capsys,
                                                       {"mkdocs.yml": "site_name: x\n"})


def test_code_a_page_includes_names_that_page(tiny, capsys):
    """Code shown on a page sits in a folder named after it (docs/porting/port_weights.py
    on docs/porting.md): a change to it changes that page."""
    tiny.page("porting.md", "# Porting\n")
    tiny.page("porting/port_weights.py", "x = 1\n")
    tiny.page("index.md", "# Home\n")
    text = _summary(tiny, capsys, {"docs/porting/port_weights.py": "x = 2\n"})
    assert "| `docs/porting.md` | `porting/index.html` |" in text
    assert "docs/index.md" not in text and "Every page" not in text
