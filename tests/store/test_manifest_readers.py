"""One reader of manifests: this tree's through read_manifest, other commits' (what
changes.py and scripts/outputs_patch.py read from the history) through raw_entries, which
says nothing of a manifest it cannot read instead of stopping the command."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT, load_module

from livecompare.site.changes import _releases
from livecompare.store.manifest import raw_entries

ENTRY = {"versions": {"torch": "2.15.0", "numpy": "2.4.6"}}


@pytest.mark.parametrize("text", [None, "", b"", "{", "<<<<<<< HEAD\n", "[]",
                                  '{"snippets": []}', '{"format": 1}'])
def test_a_manifest_of_the_history_that_cannot_be_read_has_no_entries(text):
    assert raw_entries(text) == {}


def test_the_entries_of_another_commits_manifest_are_read_as_its_json_holds_them():
    text = json.dumps({"format": 1, "snippets": {"s/a_torch": ENTRY, "s/b_torch": 3}})
    assert raw_entries(text) == {"s/a_torch": ENTRY}  # an entry that is no object: skipped
    assert raw_entries(text.encode()) == {"s/a_torch": ENTRY}
    assert _releases(text) == {"torch": {"2.15.0"}}


def test_the_outputs_patch_summary_reads_no_agreement_from_a_broken_manifest():
    module = load_module(ROOT / "scripts/outputs_patch.py")
    assert module._agreements(None, b'{"snippets": ') == {}
    assert module._agreements(None, None) == {}
