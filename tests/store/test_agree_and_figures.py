"""Pairs whose two tabs must compute the same values, and pictures a snippet draws.

Plain-Python snippets stand in for the frameworks and run in this process, so this runs
in seconds; the porting examples in test_snippets.py check real agreement between torch
and TensorFlow.
"""

from __future__ import annotations

import json
import threading

import pytest
from helpers import run_in_process

from livecompare.discovery.discover import discover_examples
from livecompare.project import OptionsError, parse_options
from livecompare.site.checks import structural_problems
from livecompare.site.render import render_example
from livecompare.store.manifest import load_manifest, update_manifest
from livecompare.store.verify import check_agreement, check_result

# conftest.py: no framework, and snippets run in this process (what is done with their
# results is tested here, not the running)
pytestmark = pytest.mark.usefixtures("plain_runtimes", "in_process")


def _agreeing_pair(tiny, torch_value="[0.5, 1.5]", tf_value="[0.5, 1.5]", atol="1e-5"):
    line = f"# compare-agree: logits atol={atol}\n"
    tiny.pair("port/dense", f"{line}logits = {torch_value}\nprint('torch', logits)\n",
              f"{line}import numpy as np\nlogits = np.array({tf_value})\nprint('tf')\n")
    tiny.page("index.md", "<!-- compare: port/dense -->\n")


def _run(tiny, *args) -> int:
    return tiny.cli(*args)


def test_the_agree_line_is_parsed_and_hidden_from_the_page(tmp_path):
    options = parse_options(tmp_path / "a.py", "# compare-agree: logits grad_w atol=1e-4\n")
    assert options.agree == ("logits", "grad_w") and options.agree_atol == 1e-4
    assert parse_options(tmp_path / "a.py", "# compare-agree: y\n").agree_atol == 1e-5
    with pytest.raises(OptionsError, match=r"a\.py:1: 'not-a-name' is neither"):
        parse_options(tmp_path / "a.py", "# compare-agree: not-a-name\n")
    with pytest.raises(OptionsError, match="names no variable"):
        parse_options(tmp_path / "a.py", "# compare-agree: atol=1e-3\n")


def test_agreeing_sides_are_recorded_and_the_page_says_so(tiny, capsys):
    _agreeing_pair(tiny, tf_value="[0.5, 1.5000004]")
    assert _run(tiny, "outputs") == 0
    record = load_manifest(tiny.project)["port/dense_tf"].agree
    assert record.names == ["logits"] and record.atol == 1e-5
    assert 3e-7 < record.max_diff < 5e-7
    examples, _ = discover_examples(tiny.project)
    markdown, problems = render_example(examples["port/dense"], tiny.project,
                                        load_manifest(tiny.project), "docs/index.md:1")
    assert not problems
    # Each tab's one-line proof says so, and its details say what exactly agreed.
    assert markdown.count(" · both tabs agree within 1e-5\"\n") == 2
    assert markdown.count("Both tabs compute `logits` alike: every value within 1e-5, "
                          "the largest difference 4.0e-07.") == 2
    assert "compare-agree" not in examples["port/dense"].snippets["tf"].display_source()


def test_sides_that_disagree_write_nothing_and_name_the_pair_with_both_values(tiny, capsys):
    _agreeing_pair(tiny, tf_value="[0.5, 1.25]")
    assert _run(tiny, "outputs") == 1
    err = capsys.readouterr().err
    assert "[port/dense] the tabs do not compute the same values" in err
    assert "logits: differs by 0.25 (allowed 1e-05) at flat index 1" in err
    assert "PyTorch: shape (2,): [0.5, 1.5]" in err and "TensorFlow: shape (2,): [0.5, 1.25]" in err
    assert not (tiny.root / "snippets/port/dense_tf.out").exists()
    assert load_manifest(tiny.project) == {}


def test_a_fresh_disagreement_fails_the_check(tiny):
    _agreeing_pair(tiny)
    assert _run(tiny, "outputs") == 0
    tiny.write("snippets/port/dense_tf.py", "# compare-agree: logits atol=1e-5\n"
               "logits = [0.5, 1.6]\nprint('tf')\n")
    example = discover_examples(tiny.project)[0]["port/dense"]
    results = run_in_process(example.snippets.values())
    record, problem = check_agreement(tiny.project, example, results)
    assert record is None and "differs by 0.1" in problem.details


def test_one_side_rerun_runs_its_partner_too(tiny, capsys):
    _agreeing_pair(tiny)
    assert _run(tiny, "outputs", "port/dense_tf") == 0
    assert "Ran 2 snippets" in capsys.readouterr().out


def test_shapes_that_differ_and_a_missing_variable_are_explained(tiny, capsys):
    _agreeing_pair(tiny, tf_value="[[0.5, 1.5]]")
    assert _run(tiny, "outputs") == 1
    assert "logits: the shapes differ" in capsys.readouterr().err
    tiny.write("snippets/port/dense_tf.py", "# compare-agree: logits\nprint('tf')\n")
    tiny.write("snippets/port/dense_torch.py", "# compare-agree: logits\nlogits = 1.0\n")
    assert _run(tiny, "outputs") == 1
    assert "names 'logits', but the snippet defines no module-level variable" in (
        capsys.readouterr().err)


def test_sides_must_declare_the_same_values(tiny):
    _agreeing_pair(tiny)
    tiny.write("snippets/port/dense_tf.py", "# compare-agree: probs\nprobs = 1\n")
    messages = [p.message for p in structural_problems(tiny.project)]
    assert any("declare different `# compare-agree:` lines" in m for m in messages)


DRAWING = """
labels = {labels!r}
texts = "".join(f'<text x="0" y="{{i}}">{{t}}</text>' for i, t in enumerate(labels))
with open("graph.svg", "w") as f:
    f.write(f'<svg xmlns="http://www.w3.org/2000/svg"><title>A tiny graph</title>{{texts}}</svg>')
print("drew", len(labels))
"""


def test_a_drawn_svg_is_kept_shown_and_checked_by_its_labels(tiny, capsys):
    tiny.pair("g/pic", DRAWING.format(labels=["x", "relu"]), DRAWING.format(labels=["x", "Relu"]))
    tiny.page("index.md", "<!-- compare: g/pic -->\n")
    assert _run(tiny, "outputs") == 0
    figure = tiny.root / "snippets/g/pic_torch.graph.svg"
    assert ">relu</text>" in figure.read_text()
    assert load_manifest(tiny.project)["g/pic_torch"].figures == ["graph.svg"]
    examples, _ = discover_examples(tiny.project)
    markdown, _ = render_example(examples["g/pic"], tiny.project, load_manifest(tiny.project),
                                 "docs/index.md:1")
    assert markdown.count('<img alt="A tiny graph" src="data:image/svg+xml;base64,') == 2

    # Same labels at other coordinates: fine. Other labels: a problem naming the figure.
    snippet = examples["g/pic"].snippets["torch"]
    tiny.write("snippets/g/pic_torch.py", DRAWING.format(labels=["x", "sigmoid"]))
    result = run_in_process([snippet])[snippet.key]
    problem = check_result(tiny.project, result)
    assert "draws different figures: the labels of graph.svg changed" in problem.message
    assert "-relu" in problem.message and "+sigmoid" in problem.message

    # An approved figure that goes missing, or outlives its snippet, is reported.
    figure.unlink()
    assert any("approved figure is missing" in p.message
               for p in structural_problems(tiny.project))
    _, problems = render_example(examples["g/pic"], tiny.project, load_manifest(tiny.project),
                                 "docs/index.md:1")
    assert [str(p.where) for p in problems if "approved figure is missing" in p.message] == [
        "docs/index.md:1"]  # the build fails on it too, naming the page and line
    (tiny.root / "snippets/g/gone_tf.graph.svg").write_text("<svg/>")
    assert any("approved figure without a snippet" in p.message
               for p in structural_problems(tiny.project))


def test_a_figure_no_longer_drawn_is_removed(tiny):
    tiny.pair("g/pic", DRAWING.format(labels=["x"]), "print(1)\n")
    tiny.page("index.md", "<!-- compare: g/pic -->\n")
    assert _run(tiny, "outputs") == 0
    tiny.write("snippets/g/pic_torch.py", "print(1)\n")
    assert _run(tiny, "outputs") == 0
    assert not (tiny.root / "snippets/g/pic_torch.graph.svg").exists()
    raw = json.loads((tiny.root / "snippets/manifest.json").read_text())["snippets"]
    assert "figures" not in raw["g/pic_torch"]


def test_manifest_updates_from_two_writers_keep_both(tiny):
    def write(i: int) -> None:
        for j in range(20):
            update_manifest(tiny.project, {f"s/{i}_{j}": {"sha256": str(j)}})

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    data = json.loads((tiny.root / "snippets/manifest.json").read_text())
    assert len(data["snippets"]) == 80


def test_a_half_written_pair_elsewhere_does_not_stop_other_outputs(tiny, capsys):
    tiny.pair("s/one", "print(1)\n", "print(2)\n")
    tiny.write("snippets/t/lonely_torch.py", "print(3)\n")
    assert _run(tiny, "outputs", "s/one") == 1
    assert (tiny.root / "snippets/s/one_tf.out").read_text() == "2\n"
    err = capsys.readouterr().err
    assert "the project has other problems" in err and "unpaired snippet" in err
