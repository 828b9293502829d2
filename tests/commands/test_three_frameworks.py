"""Frameworks are a set, not a pair: a throwaway project declares three in its
livecompare.toml (PyTorch and TensorFlow, run here without their frameworks, and plain
NumPy as a toy third), and its example goes through discover, run, approve, verify and
render: three linked tabs, and values that agree three ways, or fail where one differs."""

from __future__ import annotations

import json
import re
import textwrap

import markdown
import pytest

from livecompare.discovery.discover import discover_examples
from livecompare.frameworks import RUNTIMES, ConfigError, project_frameworks
from livecompare.site import extension
from livecompare.store.compare import agreement

# torch and tf keep their labels and templates, but run in the plain worker: no framework
# needs to be installed. NumPy is a framework of its own, with a runtime of its own.
CONFIG = """\
[[frameworks]]
key = "torch"
runtime = "none"

[[frameworks]]
key = "tf"
runtime = "none"

[[frameworks]]
key = "numpy"
label = "NumPy"
runtime = "numpy"
"""

SNIPPET = """\
\"\"\"The mean of three numbers, computed by {who}.\"\"\"
import numpy as np

values = np.array([1.0, 2.0, {third}])
mean = values.mean() * {factor}
print("mean:", round(float(mean), 6))
# compare-agree: mean atol=1e-6
"""

EXTENSIONS = ["livecompare.extension", "admonition", "attr_list", "md_in_html",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]


class ThreeFrameworks:
    """A project with one example in three frameworks and a page that shows it."""

    def __init__(self, tiny):
        self.tiny = tiny
        tiny.write("livecompare.toml", CONFIG)
        for key, who in (("torch", "PyTorch"), ("tf", "TensorFlow"), ("numpy", "NumPy")):
            self.snippet(key, who)
        self.page = tiny.page("guide.md", "# Guide\n\nThe mean.\n\n<!-- compare: s/mean -->\n")

    def snippet(self, key: str, who: str, third: str = "3.0", factor: str = "1") -> None:
        self.tiny.write(f"snippets/s/mean_{key}.py",
                        SNIPPET.format(who=who, third=third, factor=factor))


@pytest.fixture
def three(tiny, monkeypatch) -> ThreeFrameworks:
    monkeypatch.chdir(tiny.root)  # the extension finds the project from here, as Zensical
    monkeypatch.setattr(extension, "_where", extension._Where())
    return ThreeFrameworks(tiny)


def _render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS,
                             extension_configs={"pymdownx.tabbed": {"alternate_style": True}}
                             ).convert(text)


def test_a_project_declares_its_frameworks_and_each_side_is_found(three):
    frameworks = three.tiny.project.frameworks
    assert [(f.key, f.label, f.runtime) for f in frameworks.values()] == [
        ("torch", "PyTorch", "none"), ("tf", "TensorFlow", "none"), ("numpy", "NumPy", "numpy")]
    examples, problems = discover_examples(three.tiny.project)
    assert problems == []
    example = examples["s/mean"]
    assert example.complete and list(example.sides) == ["torch", "tf", "numpy"]


def test_three_frameworks_run_approve_verify_and_render_as_three_linked_tabs(three, capsys):
    tiny = three.tiny
    assert tiny.cli("outputs") == 0, capsys.readouterr().err
    manifest = json.loads((tiny.root / "snippets/manifest.json").read_text())["snippets"]
    assert sorted(manifest) == ["s/mean_numpy", "s/mean_tf", "s/mean_torch"]
    for key in manifest:  # the agreement was checked, three ways, before anything was written
        assert manifest[key]["agree"]["names"] == ["mean"]
        assert (tiny.root / f"snippets/{key}.out").read_text() == "mean: 2.0\n"
    assert tiny.cli("verify") == 0, capsys.readouterr().err
    assert tiny.cli("check") == 0, capsys.readouterr().err

    html = _render(three.page.read_text())
    [block] = re.findall(r'<div class="compare" data-example="s/mean">.*?</div>\n</div>',
                         html, re.S)
    assert re.findall(r"<label[^>]*>([^<]+)</label>", block) == [
        "PyTorch", "TensorFlow", "NumPy"]
    assert len(re.findall(r'<input[^>]*type="radio"', block)) == 3  # one set of linked tabs
    assert block.count('<div class="output highlight">') == 3
    assert block.count("mean: 2.0\n") == 3
    assert block.count("all 3 tabs agree within 1e-6</summary>") == 3
    # (Short inline code is kept on one line: unbroken.py wraps it in a span.)
    assert re.search(r"All 3 tabs compute (<span[^>]*>)?<code>mean</code>(</span>)? alike",
                     block), block


def test_the_build_fails_when_the_third_side_computes_something_else(three, capsys):
    tiny = three.tiny
    three.snippet("numpy", "NumPy", factor="2")
    assert tiny.cli("outputs") == 1
    err = capsys.readouterr().err
    assert "LC402 [s/mean] the tabs do not compute the same values" in err
    assert "NumPy:" in err and "PyTorch:" in err
    assert not (tiny.root / "snippets/s/mean_torch.out").exists()  # nothing approved


def test_agreement_compares_every_side_with_the_first():
    def value(*numbers):
        return {"x": {"shape": [len(numbers)], "data": list(numbers)}}

    same = agreement(["x"], 1e-6, {"A": value(1, 2), "B": value(1, 2), "C": value(1, 2)})
    assert same.ok and same.max_diff == 0
    third = agreement(["x"], 1e-6, {"A": value(1, 2), "B": value(1, 2), "C": value(1, 3)})
    assert not third.ok and len(third.failures) == 1
    assert "\n  A: " in third.failures[0] and "\n  C: " in third.failures[0]
    gone = agreement(["x"], 1e-6, {"A": value(1), "B": value(1), "C": {}})
    assert gone.failures == ["x: only A, B handed it back"]


def test_each_runtime_says_whether_it_is_fork_safe():
    assert all(isinstance(runtime.fork_safe, bool) for runtime in RUNTIMES.values())
    assert RUNTIMES["numpy"].modules == ("numpy",)


def test_a_worker_imports_a_fork_safe_framework_once_and_leaves_the_rest_to_each_child(
        monkeypatch):
    from livecompare.frameworks import Runtime
    from livecompare.runner import job, worker

    imported = []
    for key, safe in (("early", True), ("late", False)):
        monkeypatch.setitem(RUNTIMES, key, Runtime(("numpy",), lambda key=key: imported.append(
            key), lambda seed: None, fork_safe=safe))
    monkeypatch.setattr(job, "setup_in_child", None)
    worker.import_framework("early")
    assert imported == ["early"] and job.setup_in_child is None  # before the fork, once
    worker.import_framework("late")
    assert imported == ["early"]  # not in the worker: each forked child calls it
    assert job.setup_in_child is RUNTIMES["late"].setup


@pytest.mark.parametrize("config, said", [
    ("frameworks = 3\n", "declares no [[frameworks]] table"),
    ('[[frameworks]]\nkey = "jax"\n', "framework 'jax' needs a label"),
    ('[[frameworks]]\nkey = "jax"\nlabel = "JAX"\nruntime = "jax"\n', "needs a runtime of"),
    ('[[frameworks]]\nkey = "torch"\n[[frameworks]]\nkey = "torch"\n', "declared twice"),
    ("[[frameworks\n", "not valid TOML"),
])
def test_a_config_the_engine_cannot_use_is_refused_with_what_to_write(tiny, capsys, config,
                                                                        said):
    tiny.write("livecompare.toml", textwrap.dedent(config))
    with pytest.raises(ConfigError, match=re.escape(said)):
        project_frameworks(tiny.root)
    with pytest.raises(SystemExit, match=re.escape(said)):
        tiny.cli("check")
