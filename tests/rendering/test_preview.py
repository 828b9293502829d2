"""The preview of the next release (`make preview`): what it records, that it writes no
approved output, and the "Coming next" section it gives the What changed page."""

from __future__ import annotations

import json

from livecompare.site.preview import render_preview, run_preview

PREVIEWED = {"tensorflow-cpu": "2.22.0rc0"}


def test_a_preview_records_what_differs_and_what_breaks_and_writes_no_output(
        tiny, plain_runtimes):
    tiny.pair("s/sum", "print('sum', 10.5)\n", "raise RuntimeError('gone in 2.22')\n")
    tiny.pair("s/same", "print('same')\n", "print('same')\n")
    tiny.page("s.md", "# S\n\n<!-- compare: s/sum -->\n\n<!-- compare: s/same -->\n")
    entries = {}
    for key, text in {"s/sum_torch": "sum 10.0\n", "s/sum_tf": "sum 10.0\n",
                      "s/same_torch": "same\n", "s/same_tf": "same\n"}.items():
        (tiny.root / f"snippets/{key}.out").write_text(text)
        entries[key] = {"sha256": "-", "versions": {}, "python": "3.11.7", "seconds": 0.1,
                        "verified": "2026-11-30"}
    tiny.write("snippets/manifest.json", json.dumps({"format": 1, "snippets": entries}))
    tiny.write("requirements/frameworks.txt", "tensorflow-cpu==2.21.0\n")
    before = {p: p.read_bytes() for p in (tiny.root / "snippets").rglob("*") if p.is_file()}

    data = run_preview(tiny.project, PREVIEWED)

    assert data["previewed"] == PREVIEWED and data["pins"] == {"tensorflow-cpu": "2.21.0"}
    assert data["snippets"] == 4
    [differs] = data["differs"]
    assert differs["snippet"] == "s/sum_torch" and "+sum 10.5" in differs["diff"]
    [breaks] = data["breaks"]
    assert breaks["snippet"] == "s/sum_tf" and "gone in 2.22" in breaks["error"]
    after = {p: p.read_bytes() for p in (tiny.root / "snippets").rglob("*") if p.is_file()}
    assert after == before, "a preview wrote into snippets/"


def _preview() -> dict:
    return {"format": 1, "date": "2026-12-07", "previewed": PREVIEWED,
            "pins": {"tensorflow-cpu": "2.21.0"},
            "installed": {"torch": "2.15.0", "tensorflow-cpu": "2.22.0rc0"}, "snippets": 4,
            "differs": [{"snippet": "s/sum_torch",
                         "diff": "--- snippets/s/sum_torch.out (approved)\n"
                                 "+++ snippets/s/sum_torch.out (preview)\n-sum 10.0\n+sum 10.5\n"}],
            "breaks": [{"snippet": "s/sum_tf", "error": "RuntimeError: gone in 2.22"}]}


def test_coming_next_shows_the_versions_the_date_the_diffs_and_the_errors():
    text = render_preview(_preview(), {"tensorflow-cpu": "2.21.0", "torch": "2.15.0"},
                          {"s/sum": "s.md#sum"})
    assert text.startswith("## Coming next")
    assert ("On 2026-12-07, 4 example scripts of this site ran with tensorflow-cpu "
            "2.22.0rc0 in place of 2.21.0: one example printed something different, and one "
            "example broke") in text
    # What else was installed is for whoever reproduces the preview: folded away.
    assert '??? info "Everything installed for this preview"\n\n    torch 2.15.0\n' in text
    assert "[`s/sum_torch`](s.md#sum)" in text and "+sum 10.5" in text
    assert "--- snippets/" not in text and "+++ snippets/" not in text
    assert "RuntimeError: gone in 2.22" in text
    titled = render_preview(_preview(), {"tensorflow-cpu": "2.21.0"}, {"s/sum": "s.md#sum"},
                            {"s/sum_torch": "S: Sums (PyTorch tab)"})
    assert "[S: Sums (PyTorch tab)](s.md#sum)" in titled


def test_a_diff_or_an_error_with_backticks_in_it_cannot_end_its_block():
    preview = _preview()
    preview["differs"][0]["diff"] = "-````\n+`\n"
    preview["breaks"][0]["error"] = "SyntaxError: ```"
    text = render_preview(preview, {"tensorflow-cpu": "2.21.0"}, {})
    assert "    `````diff\n    -````\n    +`\n    `````\n" in text
    assert "    ````text\n    SyntaxError: ```\n    ````\n" in text


def test_coming_next_says_nothing_when_no_preview_is_newer_than_the_pins():
    assert render_preview(_preview(), {"tensorflow-cpu": "2.22.0"}, {}) == ""
    assert render_preview(_preview(), {"tensorflow-cpu": "2.22.0rc0"}, {}) == ""
    assert render_preview(None, {"tensorflow-cpu": "2.21.0"}, {}) == ""
    assert render_preview({**_preview(), "previewed": {}}, {"tensorflow-cpu": "2.21.0"},
                          {}) == ""
