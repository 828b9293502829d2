"""Approved outputs: tolerant comparison, the readable report, options, the manifest."""

from __future__ import annotations

import pytest

from livecompare.project import FRAMEWORKS, Options, OptionsError, Snippet, parse_options
from livecompare.store.approved import is_stale
from livecompare.store.compare import compare, explain
from livecompare.store.manifest import load_manifest, manifest_entry, save_manifest


def test_identical_text_matches():
    assert compare("loss: 0.25\nshape (2, 3)\n", "loss: 0.25\nshape (2, 3)\n") == []


def test_text_must_match_exactly():
    [m] = compare("loss: 0.25\n", "Loss: 0.25\n")
    assert m.line == 1 and m.reason == "text differs"


def test_dtype_names_are_text_not_numbers():
    assert compare("dtype float32\n", "dtype float64\n")


def test_version_strings_are_text():
    assert compare("torch 2.13.0\n", "torch 2.13.1\n")


@pytest.mark.parametrize("fresh", ["0.1234567", "0.12346", "1.23456e-01"])
def test_numbers_within_default_tolerance_match(fresh):
    assert compare("value 0.123456\n", f"value {fresh}\n") == []


def test_numbers_outside_tolerance_fail_with_both_values():
    [m] = compare("a\nvalue 0.1234\n", "a\nvalue 0.1240\n")
    assert m.line == 2
    assert "0.1234 vs 0.1240" in m.reason and "rtol=0.0001" in m.reason


def test_a_snippet_can_widen_its_tolerance():
    assert compare("value 0.1234\n", "value 0.1240\n", Options(rtol=1e-2)) == []


def test_integers_that_differ_fail():
    assert compare("correct: 1797\n", "correct: 1796\n")


def test_space_runs_count_as_one_space():
    # NumPy pads columns differently when a sign changes.
    assert compare("[ 0.5  1. ]\n", "[-0.5 1.]\n", Options(rtol=3)) == []


def test_nan_matches_nan_and_inf_matches_inf_only():
    assert compare("nan inf -inf\n", "nan inf -inf\n") == []
    assert compare("inf\n", "-inf\n")
    assert compare("nan\n", "0.0\n")


def test_a_missing_line_is_reported():
    [m] = compare("a\nb\n", "a\n")
    assert m.line == 2 and "2 lines" in m.reason and "1" in m.reason


def test_explain_shows_reason_and_unified_diff():
    approved, fresh = "loss 0.5\nok\n", "loss 0.7\nok\n"
    report = explain(approved, fresh, compare(approved, fresh), "graphs/x_tf")
    assert "line 1: 0.5 vs 0.7" in report
    assert "-loss 0.5" in report and "+loss 0.7" in report
    assert "graphs/x_tf (approved)" in report


def test_options_line_is_parsed(tmp_path):
    source = "import x\n# compare-options: timeout=300 rtol=1e-3\nprint(1)\n"
    assert parse_options(tmp_path / "a.py", source) == Options(timeout=300, rtol=1e-3)


@pytest.mark.parametrize("line, expected", [
    ("# compare-options: timeot=3", "unknown option 'timeot=3'"),
    ("# compare-options: rtol=small", "rtol needs a number"),
    ("# compare-options: timeout=0", "timeout must be from 1 to 3600 s"),
])
def test_bad_options_name_file_and_line(tmp_path, line, expected):
    with pytest.raises(OptionsError) as error:
        parse_options(tmp_path / "a_tf.py", f"print(1)\n{line}\n")
    assert error.value.line == 2
    assert expected in str(error.value) and "a_tf.py:2" in str(error.value)


def test_the_page_hides_the_options_line(tmp_path):
    path = tmp_path / "x_tf.py"
    path.write_text("# compare-options: timeout=5\nprint(1)\n")
    snippet = Snippet(path, "s", "x", FRAMEWORKS["tf"])
    assert snippet.display_source() == "print(1)\n"


def test_manifest_round_trip_and_staleness(tiny):
    path = tiny.write("snippets/s/x_tf.py", "print(1)\n")
    snippet = Snippet(path, "s", "x", FRAMEWORKS["tf"])
    manifest = {snippet.key: manifest_entry(snippet, {"tensorflow": "2.21.0"}, "3.11.7", 0.5)}
    save_manifest(tiny.project, manifest)
    loaded = load_manifest(tiny.project)
    assert loaded == manifest and not is_stale(snippet, loaded)
    path.write_text("print(2)\n")
    assert is_stale(snippet, loaded)
    assert is_stale(snippet, {})


def test_an_unknown_manifest_format_says_what_to_do(tiny):
    tiny.write("snippets/manifest.json", '{"format": 99, "snippets": {}}')
    with pytest.raises(ValueError, match="make outputs ALL=1"):
        load_manifest(tiny.project)
