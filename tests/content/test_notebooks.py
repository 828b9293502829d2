"""Notebooks: each page's examples per framework (built from snippets and approved outputs,
committed under docs/notebooks/, published by both builders, opened by Colab), and the
executed walkthroughs.

The first tests use throwaway projects and need no framework. The last ones run every
committed notebook in a real kernel and compare what it prints with what the page shows.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, parsed

from livecompare.discovery.page_examples import all_page_examples, page_examples
from livecompare.notebooks.build import NotebookError, build_notebook, colab_url
from livecompare.notebooks.execute import NOTEBOOK_DIFFERS, printed, rerun_problems
from livecompare.notebooks.sync import notebook_problems, write_notebooks
from livecompare.notebooks.walkthroughs import (
    execute_notebook,
    execute_walkthrough,
    output_problems,
    sources,
    walkthrough_problems,
)
from livecompare.pins import pinned_versions
from livecompare.project import Project, format_problems
from livecompare.runner.cpu_families import complement
from livecompare.runner.run import worker_environment
from livecompare.site.checks import all_examples
from livecompare.store.manifest import load_manifest

PAGE = """\
# Tensors

Some words.

## Creating them

<!-- compare: basics/create -->

```markdown
## Not a heading
<!-- compare: basics/shown_as_syntax -->
```

<!-- compare: basics/add -->

## Graphs { #graphs }

<!-- compare: basics/graph -->
"""


def _tiny_site(tiny):
    for name in ("create", "add", "graph"):
        tiny.pair(f"basics/{name}", f'"""{name}."""\nimport torch\n\nprint("{name}")\n',
                  f'"""{name}."""\nimport tensorflow as tf\n\nprint("{name}")\n')
    tiny.page("tensors.md", PAGE)
    tiny.page("about.md", "# About\n\nNo examples here.\n")
    return all_examples(tiny.project)


def _approve(tiny, examples, figures=()):
    """Write outputs and manifest entries as `make outputs` would."""
    entries = {}
    for example in examples.values():
        for snippet in example.snippets.values():
            snippet.out_path.write_text(f"output of {snippet.key}\n")
            entries[snippet.key] = {
                "sha256": snippet.source_hash(), "versions": {"torch": "2.13.0"},
                "python": "3.11.7", "seconds": 0.1, "verified": "2026-11-24",
                "figures": list(figures)}
    (tiny.root / "snippets/manifest.json").write_text(
        json.dumps({"format": 1, "snippets": entries}))
    return load_manifest(tiny.project)


def test_a_page_lists_its_examples_under_their_headings_in_page_order(tiny):
    examples = _tiny_site(tiny)
    page = page_examples(tiny.project, tiny.root / "docs/tensors.md", examples)
    assert page.title == "Tensors"
    assert page.sections == [("Creating them", ["basics/create", "basics/add"]),
                             ("Graphs", ["basics/graph"])]
    assert page_examples(tiny.project, tiny.root / "docs/about.md", examples) is None
    assert page.notebook_path("torch") == "notebooks/pytorch/tensors.ipynb"
    assert page.script_path("tf") == "notebooks/tensorflow/tensors.py"


def test_a_notebook_holds_each_snippet_with_its_approved_output_and_figure(tiny):
    examples = _tiny_site(tiny)
    tiny.write("snippets/basics/graph_torch.py",
               '"""graph."""\n# compare-options: timeout=30\nimport torch\n\nprint("g")\n')
    tiny.write("requirements/frameworks.txt", "torch==2.13.0  # a comment\nnumpy==2.4.6\n")
    examples = all_examples(tiny.project)
    manifest = _approve(tiny, examples, figures=["graph.svg"])
    snippet = examples["basics/graph"].snippets["torch"]
    snippet.figure_path("graph.svg").write_text("<svg><title>the graph</title></svg>")
    page = page_examples(tiny.project, tiny.root / "docs/tensors.md", examples)
    notebook = build_notebook(tiny.project, page, "torch", examples, manifest,
                              pinned_versions(tiny.root))
    nbformat.validate(notebook)
    install, seeding = notebook.cells[1], notebook.cells[3]
    assert install.source == "%pip install --quiet numpy==2.4.6 torch==2.13.0"
    assert install.metadata.tags == ["skip-execution"]  # nbclient leaves it; Colab runs it
    assert 'events.register("pre_run_cell", reseed)' in seeding.source
    code = [c for c in notebook.cells if "livecompare" in c.metadata]
    assert [c.metadata.livecompare["example"] for c in code] == [
        "basics/create", "basics/add", "basics/graph"]
    last = code[-1]
    assert last.source == snippet.display_source().rstrip("\n")
    assert "compare-options" not in last.source
    assert printed(last) == "output of basics/graph_torch\n"
    assert last.outputs[1].data["image/svg+xml"].startswith("<svg><title>the graph")
    headings = [c.source for c in notebook.cells if c.cell_type == "markdown"][2:]
    assert headings == ["## Creating them", "## Graphs"]


def test_an_import_no_notebook_can_install_names_the_file_and_line(tiny):
    examples = _tiny_site(tiny)
    tiny.write("snippets/basics/add_tf.py", '"""add."""\nimport os\nimport fancylib\n')
    manifest = _approve(tiny, all_examples(tiny.project))
    with pytest.raises(NotebookError) as caught:
        write_notebooks(tiny.project, all_examples(tiny.project), manifest)
    problem = caught.value.problem
    assert (problem.path, problem.line) == ("snippets/basics/add_tf.py", 3)
    assert "fancylib" in str(caught.value) and "DISTRIBUTIONS" in str(caught.value)
    assert "basics/add" in examples


def test_stale_missing_and_stray_notebooks_are_reported_and_fixed_by_make_notebooks(tiny):
    examples = _tiny_site(tiny)
    manifest = _approve(tiny, examples)
    problems = notebook_problems(tiny.project, examples, manifest)
    assert sorted(p.message for p in problems) == ["missing notebook"] * 2 + [
        "missing script"] * 2
    written = write_notebooks(tiny.project, examples, manifest)
    assert written == ["new: docs/notebooks/pytorch/tensors.ipynb",
                       "new: docs/notebooks/pytorch/tensors.py",
                       "new: docs/notebooks/tensorflow/tensors.ipynb",
                       "new: docs/notebooks/tensorflow/tensors.py"]
    assert notebook_problems(tiny.project, examples, manifest) == []
    assert write_notebooks(tiny.project, examples, manifest) == []  # nothing changed

    examples["basics/add"].snippets["tf"].out_path.write_text("a new output\n")
    [stale] = notebook_problems(tiny.project, examples, manifest)
    assert stale.path == "docs/notebooks/tensorflow/tensors.ipynb"
    assert "out of date" in stale.message and "make notebooks" in stale.fix
    assert stale.details == ("first difference: snippets/basics/add_tf.py: its approved "
                             "output changed")
    assert write_notebooks(tiny.project, examples, manifest) == [
        "updated: docs/notebooks/tensorflow/tensors.ipynb"]

    script = tiny.root / "docs/notebooks/pytorch/tensors.py"
    script.write_text(script.read_text() + "# edited by hand\n")
    [stale] = notebook_problems(tiny.project, examples, manifest)
    assert (stale.path, stale.code) == ("docs/notebooks/pytorch/tensors.py", "LC601")
    assert write_notebooks(tiny.project, examples, manifest) == [
        "updated: docs/notebooks/pytorch/tensors.py"]

    tiny.page("tensors.md", PAGE.replace("## Graphs", "## Graph capture"))
    problems = notebook_problems(tiny.project, examples, manifest)
    assert [p.details for p in problems if p.path.endswith(".ipynb")] == [
        "first difference: docs/tensors.md:16: the heading 'Graph capture'"] * 2
    write_notebooks(tiny.project, examples, manifest)

    stray = tiny.write("docs/notebooks/pytorch/mine.ipynb", "{}")
    [problem] = notebook_problems(tiny.project, examples, manifest)
    assert problem.path == "docs/notebooks/pytorch/mine.ipynb"
    write_notebooks(tiny.project, examples, manifest)
    assert stray.read_text() == "{}", "a notebook the user put there is never deleted"


@pytest.mark.parametrize(("repo", "edit", "expected"), [
    ("https://github.com/me/site", "edit/main/docs/",
     "https://colab.research.google.com/github/me/site/blob/main/notebooks/x.ipynb"),
    ("https://github.com/me/site.git/", "blob/dev/docs/",
     "https://colab.research.google.com/github/me/site/blob/dev/notebooks/x.ipynb"),
    ("https://github.com/me/site", None,
     "https://colab.research.google.com/github/me/site/blob/main/notebooks/x.ipynb"),
    ("https://gitlab.com/me/site", "edit/main/docs/", None),  # Colab opens GitHub only
    (None, None, None),
])
def test_colab_links_come_from_the_repository_url(repo, edit, expected):
    assert colab_url(repo, edit, "notebooks/x.ipynb") == expected


def test_walkthroughs_missing_stale_or_without_a_script_are_reported(tiny):
    script = tiny.write("walkthroughs/demo.py", '# %% [markdown]\n# # Demo\n\n# %%\n'
                                                'print("hi")\n')
    [missing] = walkthrough_problems(tiny.project)
    assert missing.path == "docs/walkthroughs/demo.ipynb" and "never executed" in (
        missing.message)
    import jupytext

    tiny.write("docs/walkthroughs/demo.ipynb", nbformat.writes(jupytext.read(script)))
    assert walkthrough_problems(tiny.project) == []
    script.write_text(script.read_text().replace('"hi"', '"hello"'))
    [stale] = walkthrough_problems(tiny.project)
    assert "older walkthroughs/demo.py" in stale.message
    assert stale.fix.startswith("run `make walkthroughs NAMES=demo`")
    script.unlink()
    [stray] = walkthrough_problems(tiny.project)
    assert "no walkthroughs/*.py makes this notebook" in stray.message


# ---------------------------------------------------------------- the built site


def _soup(path: Path) -> BeautifulSoup:
    return parsed(path)


def test_each_page_offers_its_notebooks_and_scripts_under_its_title(site, project):
    pages = all_page_examples(project, all_examples(project))
    assert len(pages) >= 10
    for page in pages:
        soup = _soup(site / page.stem / "index.html")
        bar = soup.select_one("h1 + .compare-downloads")
        assert bar is not None, f"{page.stem}: no download links right under the title"
        links = {a.get_text(): [] for a in bar.select("a")}
        for a in bar.select("a"):
            links[a.get_text()].append(a["href"])
            assert a.has_attr("download")
            target = (site / page.stem / a["href"]).resolve()
            assert target.exists(), f"{page.stem}: {a['href']} is not in the site"
        assert len(links["notebook"]) == len(links["script"]) == 2
        assert "open in Colab" not in links, "a local build has no repository to point at"
        for framework in ("torch", "tf"):
            script = site / page.script_path(framework)
            ast.parse(script.read_text(encoding="utf-8"), filename=str(script))
        for framework in ("torch", "tf"):
            for path in (page.notebook_path(framework), page.script_path(framework)):
                served, committed = site / path, project.pages_dir / path
                assert served.read_text() == committed.read_text(), (
                    f"{served} differs from {committed}")


def test_a_build_that_knows_its_repository_links_each_notebook_to_colab(site_with_repo):
    target = site_with_repo
    colab = "https://colab.research.google.com/github/example/livecompare/blob/main/"
    graphs = [a["href"] for a in _soup(target / "graphs/index.html").select(
        ".compare-downloads a") if a.get_text() == "open in Colab"]
    assert graphs == [colab + "docs/notebooks/pytorch/graphs.ipynb",
                      colab + "docs/notebooks/tensorflow/graphs.ipynb"]
    walk = _soup(target / "walkthroughs/digits_pytorch/index.html")
    links = {a.get_text(): a["href"] for a in walk.select("h1 + .compare-downloads a")}
    assert links == {"notebook": "digits_pytorch.ipynb", "script": "../digits_pytorch.py",
                     "open in Colab": colab + "docs/walkthroughs/digits_pytorch.ipynb",
                     "how this site is verified": "../../verified/"}


def test_walkthrough_pages_show_the_committed_outputs_and_load_nothing_remote(site, project):
    for source in sources(project):
        page = site / "walkthroughs" / source.stem / "index.html"
        html = page.read_text(encoding="utf-8")
        for banned in ("cdnjs", "mathjax.js", '<script src="">', "mermaid.esm"):
            assert banned not in html, f"{page}: {banned}"
        committed = nbformat.read(project.pages_dir / "walkthroughs" / f"{source.stem}.ipynb",
                                  as_version=4)
        last = [printed(c) for c in committed.cells if c.cell_type == "code"][-1]
        assert last.strip() and last.splitlines()[0] in _soup(page).get_text()



def test_walkthrough_pages_carry_only_the_notebook_styles_that_can_match(site, project):
    """mkdocs-jupyter inlines all of JupyterLab's stylesheet; the hook keeps what the page
    can use (notebook_css.py), so the syntax colours stay and the app's parts go."""
    for source in sources(project):
        html = (site / "walkthroughs" / source.stem / "index.html").read_text(encoding="utf-8")
        assert ".highlight-ipynb .kn" in html
        assert ".jp-FileBrowser" not in html
        assert len(html.encode()) < 400_000, "the whole stylesheet is back"

NODE_SNIPPET = ('"""add."""\nimport tensorflow as tf\n\nJS = """\nconst fs = require("fs");\n'
                'const pad = require("left-pad");\n"""\nprint(JS)\n')


def test_a_notebook_installs_the_npm_packages_its_javascript_requires(tiny):
    _tiny_site(tiny)
    tiny.write("snippets/basics/add_tf.py", NODE_SNIPPET)
    tiny.write("node/package.json", json.dumps({"dependencies": {"left-pad": "1.3.0"}}))
    examples = all_examples(tiny.project)
    manifest = _approve(tiny, examples)
    [page] = all_page_examples(tiny.project, examples)
    install = {fw: build_notebook(tiny.project, page, fw, examples, manifest, None).cells[1]
               for fw in ("torch", "tf")}
    assert install["tf"].source.splitlines()[1] == (
        "!npm install --prefix . --no-save --ignore-scripts --no-audit --no-fund "
        "--loglevel=error left-pad@1.3.0")  # fs is Node's own
    assert "npm" not in install["torch"].source  # the torch side requires nothing


def test_an_npm_package_without_a_pin_names_the_file_and_line(tiny):
    _tiny_site(tiny)
    tiny.write("snippets/basics/add_tf.py", NODE_SNIPPET)
    tiny.write("node/package.json", json.dumps({"dependencies": {}}))
    examples = all_examples(tiny.project)
    manifest = _approve(tiny, examples)
    with pytest.raises(NotebookError) as caught:
        write_notebooks(tiny.project, examples, manifest)
    problem = caught.value.problem
    assert (problem.path, problem.line) == ("snippets/basics/add_tf.py", 6)
    assert "left-pad" in str(caught.value) and "node/package.json" in str(caught.value)
    (tiny.root / "node/package.json").unlink()
    with pytest.raises(NotebookError) as caught:
        write_notebooks(tiny.project, examples, manifest)
    problem = caught.value.problem
    assert (problem.path, problem.line) == ("snippets/basics/add_tf.py", 6)
    assert "no node/package.json" in str(caught.value)
    (tiny.root / "node/package.json").write_text('{"dependencies": {"left-pad": "1.3.0"},\n')
    with pytest.raises(NotebookError) as caught:
        write_notebooks(tiny.project, examples, manifest)
    problem = caught.value.problem
    assert (problem.path, problem.line) == ("node/package.json", 2)
    assert "git checkout node/package.json" in str(caught.value)


# ---------------------------------------------------------------- running them

PAGE_NOTEBOOKS = sorted((ROOT / "docs/notebooks").rglob("*.ipynb"))


@pytest.mark.frameworks
def test_a_node_example_finds_the_packages_a_notebook_installs_beside_it(project, tmp_path):
    """In a notebook NODE_PATH is not set: the npm packages are in ./node_modules."""
    (tmp_path / "node_modules").symlink_to(ROOT / "node" / "node_modules")
    env = worker_environment()
    env.pop("NODE_PATH")
    snippet = all_examples(project)["deployment/browser"].snippets["torch"]
    result = subprocess.run([sys.executable, str(snippet.path)], capture_output=True,
                            text=True, cwd=tmp_path, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ONNX Runtime Web output" in result.stdout
    (tmp_path / "node_modules").unlink()
    result = subprocess.run([sys.executable, str(snippet.path)], capture_output=True,
                            text=True, cwd=tmp_path, env=env, timeout=600)
    assert "JavaScript packages missing" in result.stderr
    assert "npm install onnxruntime-web" in result.stderr, "it names what to install"


@pytest.mark.frameworks
def test_notebooks_pin_what_the_tests_run_with(project):
    pins = pinned_versions(project.root)
    assert {"torch", "tensorflow-cpu", "tf-keras", "jupytext"} <= set(pins)
    # A local label such as torch's "+cpu" names the build, not the release.
    wrong = {name: (version, metadata.version(name)) for name, version in pins.items()
             if metadata.version(name).split("+")[0] != version}
    assert not wrong, f"pinned and installed differ: {wrong}"


@pytest.mark.frameworks
@pytest.mark.parametrize("path", PAGE_NOTEBOOKS,
                         ids=[p.relative_to(ROOT / "docs/notebooks").as_posix()
                              for p in PAGE_NOTEBOOKS])
def test_a_page_notebook_runs_top_to_bottom_and_prints_what_the_page_shows(project, path):
    fresh = execute_notebook(nbformat.read(path, as_version=4), allow_errors=True)
    problems, differed = rerun_problems(project, path, fresh)
    assert not problems, format_problems(problems)
    shown_here = {c.metadata.livecompare["example"] for c in fresh.cells
                  if "livecompare" in c.metadata}
    still = {name for name in NOTEBOOK_DIFFERS if name in shown_here}
    assert still <= differed, (f"{sorted(still - differed)} now print the same in a notebook:"
                               " remove them from NOTEBOOK_DIFFERS")


@pytest.mark.frameworks
@pytest.mark.parametrize("framework", ["torch", "tf"])
def test_a_page_script_runs_as_one_file_and_prints_each_approved_output(site, project,
                                                                        framework, tmp_path):
    """The script download of a page, run with plain `python`: every snippet's approved
    output appears, in page order."""
    examples = all_examples(project)
    [page] = [p for p in all_page_examples(project, examples) if p.stem == "learning"]
    result = subprocess.run([sys.executable, str(site / page.script_path(framework))],
                            capture_output=True, text=True, cwd=tmp_path,
                            env=worker_environment(), timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    rest = result.stdout
    for name in page.names:
        approved = examples[name].snippets[framework].out_path.read_text()
        where = rest.find(approved)
        assert where >= 0, f"{name}: its approved output is not in the script's output"
        rest = rest[where + len(approved):]


@pytest.mark.frameworks
@pytest.mark.parametrize("family", [None, complement(dict(os.environ))],
                         ids=["this-cpu-family", "other-cpu-family"])
@pytest.mark.parametrize("source", sources(Project(ROOT)), ids=lambda p: p.stem)
def test_a_walkthrough_runs_and_prints_its_committed_outputs(project, source, family):
    """Twenty epochs of training grow a last-bit difference between CPU families into
    another accuracy; the walkthroughs must print the same in both (they train in
    float64 for that)."""
    fresh = execute_walkthrough(source, kernels=family)
    problems = output_problems(project, source, fresh)
    assert not problems, format_problems(problems)
