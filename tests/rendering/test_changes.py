"""The "What changed" page: framework upgrades read from git history, never typed."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from livecompare.site.changes import (
    HistoryError,
    find_upgrades,
    history,
    load_upgrades,
    working_tree_report,
)
from livecompare.site.render import expand_shortcodes
from livecompare.site.upgrades_page import (
    DEFAULTS_ANCHOR,
    GAP,
    changed_defaults,
    reason,
    render_upgrades,
    shown_diff,
)


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_DATE": "2026-11-30T12:00:00",
                        "GIT_COMMITTER_DATE": "2026-11-30T12:00:00"})


def _approve(tiny, torch_version: str, outputs: dict[str, str]):
    """Outputs and a manifest as `make outputs` writes them, the torch side on a release."""
    entries = {}
    for key, text in outputs.items():
        (tiny.root / f"snippets/{key}.out").write_text(text)
        versions = ({"torch": torch_version, "numpy": "2.4.6"} if key.endswith("_torch")
                    else {"tensorflow": "2.21.0", "keras": "3.15.1", "numpy": "2.4.6"})
        entries[key] = {"sha256": "-", "versions": versions, "python": "3.11.7",
                        "seconds": 0.1, "verified": "2026-11-30"}
    (tiny.root / "snippets/manifest.json").write_text(
        json.dumps({"format": 1, "snippets": entries}))


def _commit(root, message):
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message)


@pytest.fixture
def upgraded(tiny):
    """A history: outputs on torch 2.13.0; then the pin moves and outputs change; then one
    snippet is fixed for the new release; then an unrelated edit."""
    _git(tiny.root, "init", "-q", "-b", "master")
    tiny.pair("s/sum", "print('sum', 10.0)\n", "print('sum', 10.0)\n")
    tiny.pair("s/api", "print('old api')\n", "print('old api')\n")
    tiny.page("s.md", "# S\n\n## Sums\n\n<!-- compare: s/sum -->\n\n"
              "<!-- compare: s/api -->\n\n<!-- compare-upgrades -->\n")
    outputs = {"s/sum_torch": "sum 10.0\n", "s/sum_tf": "sum 10.0\n",
               "s/api_torch": "old api\n", "s/api_tf": "old api\n"}
    _approve(tiny, "2.13.0+cpu", outputs)
    _commit(tiny.root, "first outputs")
    _approve(tiny, "2.14.1", {**outputs, "s/sum_torch": "sum 10.000001\n",
                              "s/api_torch": "old api\n"})
    manifest = json.loads((tiny.root / "snippets/manifest.json").read_text())
    manifest["snippets"]["s/api_torch"]["versions"]["torch"] = "2.13.0+cpu"  # it failed
    (tiny.root / "snippets/manifest.json").write_text(json.dumps(manifest))
    _commit(tiny.root, "Upgrade torch to 2.14.1")
    tiny.write("snippets/s/api_torch.py", "print('new api')\n")
    _approve(tiny, "2.14.1", {**outputs, "s/sum_torch": "sum 10.000001\n",
                              "s/api_torch": "new api\n"})
    _commit(tiny.root, "Fix s/api for torch 2.14: old_api was removed")
    tiny.write("snippets/s/sum_tf.py", "print('sum', 10.0)  # reworded\n")
    _commit(tiny.root, "unrelated")
    return tiny


def test_an_upgrade_runs_from_the_last_old_manifest_to_the_first_all_new_one(upgraded):
    ups = find_upgrades(upgraded.project)
    assert [(u["module"], u["from"], u["to"]) for u in ups] == [("torch", "2.13.0", "2.14.1")]
    log = subprocess.run(["git", "-C", str(upgraded.root), "log", "--format=%H %s"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    commits = {line.split(" ", 1)[1]: line.split()[0] for line in log}
    assert ups[0]["before"] == commits["first outputs"]
    assert ups[0]["after"] == commits["Fix s/api for torch 2.14: old_api was removed"]


def test_the_record_lists_changed_outputs_and_fixed_code_with_their_messages(upgraded):
    (record,) = history(upgraded.project)["upgrades"]
    assert [o["snippet"] for o in record["outputs"]] == ["s/api_torch", "s/sum_torch"]
    sum_diff = record["outputs"][1]["diff"]
    assert "-sum 10.0\n" in sum_diff and "+sum 10.000001\n" in sum_diff
    assert [c["snippet"] for c in record["code"]] == ["s/api_torch"]
    assert record["code"][0]["commits"] == ["Fix s/api for torch 2.14: old_api was removed"]
    assert record["snippets"] == 2 and record["verified"] == "2026-11-30"


def test_the_page_is_rendered_from_the_record(upgraded):
    project = upgraded.project
    (project.snippets_dir / "upgrades.json").write_text(json.dumps(history(project)))
    from livecompare.site.checks import all_examples
    from livecompare.store.manifest import load_manifest

    page = (project.pages_dir / "s.md").read_text()
    markdown, problems = expand_shortcodes(page, "docs/s.md", project,
                                              all_examples(project), load_manifest(project))
    # The page gives the list its h2: each upgrade is a section under it.
    assert "\n### torch 2.13.0 → 2.14.1\n" in markdown
    assert "\n#### Code that had to change\n" in markdown
    # The frameworks no upgrade moved, on the releases the manifest records.
    assert ("No upgrade of tensorflow or keras has been recorded: their examples run on "
            "tensorflow 2.21.0 and keras 3.15.1.") in markdown
    # Each example by the words a reader knows it by (page, section, tab), linked to its
    # page; its diff without the header of file paths, which broke mid-word on a phone.
    assert "[S: Sums (PyTorch tab)](s.md)" in markdown and "+sum 10.000001" in markdown
    assert "--- snippets/" not in markdown and "+++ snippets/" not in markdown
    assert ("the 2 examples that run on torch ran again on torch 2.14.1. 2 examples printed "
            "something new, and one example needed a code change") in markdown
    # The fix's commit message says why, without the example's key the name above gives.
    assert "**Why:** For torch 2.14: old_api was removed.\n" in markdown
    assert "Fix s/api" not in markdown
    assert render_upgrades([], {}) == "No framework upgrade has been recorded yet.\n"


def test_a_fix_says_why_in_a_readers_words_from_its_commit_message():
    """Readers met "Fix rosetta/devices for torch 2.14.1's CUDA build: ..." under the
    example it names: the message's form (CONTRIBUTING) gives the occasion and the why."""
    message = ("Fix rosetta/devices for torch 2.14.1's CUDA build: "
               "torch.accelerator.current_accelerator() names CUDA even where no GPU is; "
               "with check_available=True it says None")
    assert reason(message, "rosetta/devices_torch") == (
        "For torch 2.14.1's CUDA build: `torch.accelerator.current_accelerator()` names CUDA "
        "even where no GPU is; with `check_available=True` it says None.")
    # A message of another example, or of another form, is shown as it was written.
    assert reason(message, "rosetta/other_torch").startswith("Fix rosetta/devices for ")
    assert reason("Rework the devices example", "rosetta/devices_torch") == (
        "Rework the devices example")
    # Code the message marks itself is not marked twice.
    assert reason("Fix s/api for torch 2.14: `old_api()` was removed", "s/api_torch") == (
        "For torch 2.14: `old_api()` was removed.")


def test_a_diff_shows_a_gap_between_hunks_instead_of_their_line_numbers():
    diff = ("--- a.py (before)\n+++ a.py (after)\n@@ -1,2 +1,2 @@\n-old\n+new\n same\n"
            "@@ -9,1 +9,1 @@\n-x\n+y\n")
    assert shown_diff(diff) == f"-old\n+new\n same\n{GAP}-x\n+y\n"


# A recorded diff of the defaults table, as `describe` writes it for an upgrade.
DEFAULTS_DIFF = """--- snippets/porting/defaults_torch.out (before)
+++ snippets/porting/defaults_torch.out (after)
@@ -1,3 +1,3 @@
-torch 2.15.0
+torch 2.16.0
-BatchNorm epsilon              1e-05
+BatchNorm epsilon              0.001
 BatchNorm momentum             0.1 (the weight of the new batch)
@@ -7,2 +7,2 @@
-Adam weight decay              0
+AdamW weight decay             0.01
"""


def test_an_upgrade_that_changes_a_default_says_so_first_row_by_row():
    """What changed flags a changed default at the top of the upgrade's entry, parsed
    from the recorded diff of the defaults table, never typed."""
    assert changed_defaults(DEFAULTS_DIFF) == [
        ("BatchNorm epsilon", "1e-05", "0.001"), ("Adam weight decay", "0", None),
        ("AdamW weight decay", None, "0.01")]
    record = {"module": "torch", "from": "2.15.0", "to": "2.16.0", "verified": "2027-01-05",
              "snippets": 70, "code": [], "outputs": [
                  {"snippet": "debugging/shape_error_torch", "diff": "-a\n+b\n"},
                  {"snippet": "porting/defaults_torch", "diff": DEFAULTS_DIFF}]}
    markdown = render_upgrades([record], {"porting/defaults": "porting.md"})
    flag = markdown.index('!!! warning "This upgrade changes a default"')
    assert markdown.index("## torch 2.15.0 → 2.16.0") < flag < markdown.index("Verified on")
    assert "    - BatchNorm epsilon: 1e-05 → 0.001 (PyTorch)\n" in markdown
    assert "    - Adam weight decay: 0 → (row gone) (PyTorch)\n" in markdown
    assert f"](porting.md#{DEFAULTS_ANCHOR}) on Porting" in markdown
    assert "torch 2.16.0:" not in markdown[flag:markdown.index("Verified on")]
    # An upgrade whose defaults table changed only its version line changed no default.
    only_version = "--- a\n+++ b\n@@ -1 +1 @@\n-torch 2.15.0\n+torch 2.16.0\n"
    record["outputs"][1]["diff"] = only_version
    assert "changes a default" not in render_upgrades([record], {})


def test_a_recorded_diff_with_backticks_in_it_cannot_end_its_block():
    item = {"snippet": "s/one_torch", "diff": "-print('```')\n+print('````')\n"}
    record = {"module": "torch", "from": "2.15.0", "to": "2.16.0", "verified": "2027-01-05",
              "snippets": 1, "code": [], "outputs": [item]}
    assert ("    `````diff\n    -print('```')\n    +print('````')\n    `````\n"
            in render_upgrades([record], {}))


def test_the_defaults_table_has_the_id_that_what_changed_links_to(project):
    """What changed links a changed default to its section on Porting, by this id."""
    from livecompare.site.upgrades_page import DEFAULTS_EXAMPLE

    page = (project.pages_dir / "porting.md").read_text(encoding="utf-8")
    section = page[page.index(f"{{#{DEFAULTS_ANCHOR}}}"):]
    assert section.index(f"<!-- compare: {DEFAULTS_EXAMPLE} -->") < section.index("\n## ")


def test_an_upgrade_made_on_a_branch_reads_the_same_once_merged(upgraded):
    """The weekly workflow commits the record on its branch; merged, main must agree."""
    root = upgraded.root
    _git(root, "checkout", "-q", "-b", "weekly", "HEAD~3")  # before the upgrade
    _git(root, "merge", "-q", "--ff-only", "master")  # the branch holds the upgrade
    on_branch = history(upgraded.project)
    _git(root, "checkout", "-q", "master")
    _git(root, "reset", "-q", "--hard", "HEAD~3")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "merge", "-q", "--no-ff",
         "-m", "Merge the upgrade", "weekly")
    assert history(upgraded.project) == on_branch
    assert on_branch["upgrades"][0]["code"][0]["commits"] == [
        "Fix s/api for torch 2.14: old_api was removed"]


def test_a_pull_request_report_shows_the_working_tree_against_a_revision(upgraded):
    (upgraded.root / "snippets/s/sum_tf.out").write_text("sum 11.0\n")
    report = working_tree_report(upgraded.project, "HEAD")
    assert "## Outputs that changed" in report and "+sum 11.0" in report
    assert "none changed" in report  # no release moved since HEAD


def test_a_shallow_clone_is_refused_with_the_reason(upgraded, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{upgraded.root}",
                    str(clone)], check=True, capture_output=True)
    from livecompare.project import Project

    with pytest.raises(HistoryError, match="shallow"):
        find_upgrades(Project(clone))


def test_the_committed_record_is_what_the_history_says(project):
    """snippets/upgrades.json is generated (`python -m livecompare changes`), never typed."""
    try:
        expected = history(project)["upgrades"]
    except HistoryError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(str(error))
        pytest.skip(str(error))
    assert load_upgrades(project) == (expected, None), (
        "snippets/upgrades.json differs from the git history: run "
        "`.venv/bin/python -m livecompare changes` and commit it")


# ---------------------------------------------------------------- the weekly upgrade


def _upgrade_pins():
    from helpers import ROOT, load_module

    return load_module(ROOT / "scripts/upgrade_pins.py")


# The Requires-Dist lines of real releases, as their wheels' METADATA says them (read on
# 2026-12-07 from the registry; the lines on other packages are cut).
REQUIRES = {
    ("torchvision", "0.29.0"): ["numpy", "torch (==2.14.0)", "pillow!=8.3.*,>=5.3.0",
                                "gdown>=4.7.3; extra == \"gdown\""],
    ("torchvision", "0.29.1"): ["numpy", "torch (>=2.14.0)", "pillow!=8.3.*,>=5.3.0"],
    ("torchvision", "0.29.2"): ["numpy", "torch (>=2.14.0)", "pillow!=8.3.*,>=5.3.0"],
    ("torchvision", "0.28.0"): ["numpy", "torch (==2.13.0)"],
    ("tensorflow-cpu", "2.21.0"): ["keras>=3.10.0", "numpy>=1.26.0"],
    ("tensorflow-cpu", "2.22.0rc0"): ["keras-nightly>=3.12.0.dev", "numpy>=1.26.0"],
}


def _requires(name, version):
    return REQUIRES.get((name, version), [])


def test_the_upgrade_pairs_torchvision_by_its_metadata_not_its_version_number():
    upgrade = _upgrade_pins()
    torch = ["2.15.0", "2.14.1", "2.14.0", "2.13.0"]
    # Only 0.29.0, which asks for torch==2.14.0: torch stays at 2.14.0.
    assert upgrade.newest_together({"torch": torch, "torchvision": ["0.29.0", "0.28.0"]},
                                   _requires) == {"torch": "2.14.0", "torchvision": "0.29.0"}
    # 0.29.1 asks for torch>=2.14: the newest torch, 2.15.0, goes with it.
    assert upgrade.newest_together({"torch": torch, "torchvision": ["0.29.1", "0.29.0"]},
                                   _requires) == {"torch": "2.15.0", "torchvision": "0.29.1"}
    assert upgrade.newest_together(
        {"torch": torch, "torchvision": ["0.29.2", "0.29.1", "0.29.0"],
         "tensorflow-cpu": ["2.21.0"], "keras": ["3.15.1", "3.9.0"]}, _requires) == {
        "torch": "2.15.0", "torchvision": "0.29.2", "tensorflow-cpu": "2.21.0",
        "keras": "3.15.1"}
    # A requirement behind an extra does not count; one no release meets is None.
    assert upgrade.fits({"torchvision": "0.29.0", "gdown": "1.0"}, _requires)
    assert upgrade.newest_together({"torch": ["2.15.0"], "torchvision": ["0.28.0"]},
                                   _requires) is None


def test_the_upgrade_passes_over_a_release_whose_requirements_nothing_meets():
    upgrade = _upgrade_pins()
    # keras 3.9.0 is older than what tensorflow-cpu 2.21.0 asks for.
    assert upgrade.newest_together({"tensorflow-cpu": ["2.21.0"], "keras": ["3.9.0"]},
                                   _requires) is None
    assert upgrade.newer(["2.22.0rc0", "2.21.0", "2.20.0", "2.21.0rc1"], "2.21.0") == [
        "2.21.0"]
    assert upgrade.newer(["2.22.0rc0", "2.21.0", "2.20.0"], "2.21.0", prereleases=True) == [
        "2.22.0rc0", "2.21.0"]


def test_the_upgrade_rewrites_only_the_framework_pins():
    upgrade = _upgrade_pins()
    text = "torch==2.13.0\ntorchvision==0.28.0  # pairs\nnumpy==2.4.6\n"
    assert upgrade.pins(text) == {"torch": "2.13.0", "torchvision": "0.28.0"}
    moved = upgrade.with_pins(text, {"torch": "2.14.1", "torchvision": "0.29.2"})
    assert moved == "torch==2.14.1\ntorchvision==0.29.2  # pairs\nnumpy==2.4.6\n"
    assert upgrade.newer(["2.15.0rc1", "2.14.1", "2.14.10", "2.14.9"], "2.14.0") == [
        "2.14.10", "2.14.9", "2.14.1"]
