"""The walkthrough page: two executed notebooks become one page, each step in linked
"PyTorch" / "TensorFlow" tabs (walkthroughs.py, `<!-- compare-walkthrough: NAME -->`)."""

from __future__ import annotations

import base64

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from livecompare.problems import At
from livecompare.site.walkthrough_page import expand_walkthroughs, pair_steps, walkthrough_markdown

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 16).decode("ascii")


def _notebook(framework: str, steps: list[str], picture_alt: str | None = "The first "
              "image of each digit, drawn with matplotlib:") -> nbformat.NotebookNode:
    cells = [new_markdown_cell(f"# Digits in {framework}\n\nThis notebook runs with make."),
             new_code_cell(f"import {framework.lower()}",
                           outputs=[new_output("stream", name="stdout", text="ok\n")])]
    for step in steps:
        cells.append(new_markdown_cell(f"## {step}\n\nWhat {framework} does here."))
        cells.append(new_code_cell(f"print('{step} in {framework}')", outputs=[
            new_output("stream", name="stdout", text=f"{step} in {framework}\n")]))
    if picture_alt is not None:
        cells.append(new_markdown_cell(picture_alt))
    cells.append(new_code_cell("plt.show()", outputs=[
        new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]))
    return new_notebook(cells=cells)


def _write(tiny, name: str, torch_nb, tf_nb) -> None:
    tiny.write(f"docs/walkthroughs/{name}_pytorch.ipynb", nbformat.writes(torch_nb))
    tiny.write(f"docs/walkthroughs/{name}_tensorflow.ipynb", nbformat.writes(tf_nb))


def test_each_step_becomes_a_heading_and_two_linked_tabs_of_prose_code_and_output(tiny):
    steps = ["1. The data", "2. The model"]
    _write(tiny, "digits", _notebook("PyTorch", steps), _notebook("TensorFlow", steps))
    markdown, problems = walkthrough_markdown(tiny.project, "digits", At("docs/page.md", 3))
    assert not problems, problems
    assert markdown.count('=== "PyTorch"') == markdown.count('=== "TensorFlow"') == 3
    assert "## Set-up" in markdown and "## 1. The data" in markdown
    assert "## 2. The model" in markdown
    assert "What PyTorch does here." in markdown and "What TensorFlow does here." in markdown
    assert "print('1. The data in TensorFlow')" in markdown
    assert '{ .text .output title="Output" }\n    1. The data in PyTorch\n' in markdown
    assert "Digits in PyTorch" not in markdown, "the notebook's own title and introduction"
    assert "make" not in markdown
    # The picture is the PNG itself, described by the sentence before it.
    assert (f'alt="The first image of each digit, drawn with matplotlib" '
            f'src="data:image/png;base64,{PNG}"') in markdown


def test_steps_pair_by_heading_where_the_notebooks_do_not_match_one_to_one():
    torch_nb = _notebook("PyTorch", ["1. The data", "2. The model", "3. Training"])
    tf_nb = _notebook("TensorFlow", ["1. The data", "3. Training"])
    steps, unpaired = pair_steps([torch_nb, tf_nb])
    assert [title for title, _ in steps] == ["Set-up", "1. The data", "2. The model",
                                             "3. Training"]
    training = dict(steps)["3. Training"]
    assert [s.title for s in training] == ["3. Training", "3. Training"]
    assert dict(steps)["2. The model"][1] is None
    assert unpaired == ["2. The model"]


def test_as_many_steps_in_each_but_numbered_differently_pair_by_number():
    torch_nb = _notebook("PyTorch", ["1. The data", "2. The model", "What to compare"])
    tf_nb = _notebook("TensorFlow", ["1. The data", "3. Training", "What to compare"])
    steps, unpaired = pair_steps([torch_nb, tf_nb])
    assert [title for title, _ in steps] == ["Set-up", "1. The data", "2. The model",
                                             "What to compare", "3. Training"]
    assert unpaired == ["2. The model", "3. Training"]


def test_a_step_in_one_notebook_only_and_a_picture_without_a_description_are_problems(tiny):
    _write(tiny, "digits", _notebook("PyTorch", ["1. The data", "2. The model"]),
           _notebook("TensorFlow", ["1. The data"], picture_alt=None))
    markdown, problems = walkthrough_markdown(tiny.project, "digits", At("docs/page.md", 3))
    messages = [str(p) for p in problems]
    assert any("docs/page.md:3" in m and "'2. The model' is in only one of the notebooks"
               in m for m in messages), messages
    assert any("a picture with no description" in m and "digits_tensorflow.ipynb" in m
               for m in messages), messages
    assert "The TensorFlow notebook has no such step." in markdown


def test_the_shortcode_expands_on_its_line_and_a_missing_notebook_names_the_page(tiny):
    steps = ["1. The data"]
    _write(tiny, "digits", _notebook("PyTorch", steps), _notebook("TensorFlow", steps))
    page = "# Digits\n\n<!-- compare-walkthrough: digits -->\n\nThe end.\n"
    markdown, problems = expand_walkthroughs(page, "docs/walk.md", tiny.project)
    assert not problems and "## 1. The data" in markdown and markdown.endswith("The end.\n")
    _, problems = expand_walkthroughs(page.replace("digits -->", "letters -->"),
                                      "docs/walk.md", tiny.project)
    assert len(problems) == 1, problems
    assert (problems[0].path, problems[0].line) == ("docs/walk.md", 3)
    assert "letters_pytorch.ipynb" in str(problems[0])
