"""A hostile contributor's pull request (issue 21): each test protects one promise, that a
page shows what the code computed and that a snippet stays inside its own run.

The snippets run on the plain-Python runtime, so this module needs no framework.
"""

from __future__ import annotations

import math

import pytest

from livecompare.compare import agreement, agreement_line


def _sides(a: list[float], b: list[float]) -> dict:
    return {"PyTorch": {"x": {"shape": [len(a)], "data": a}},
            "TensorFlow": {"x": {"shape": [len(b)], "data": b}}}


@pytest.mark.parametrize("a, b", [
    ([1.0, math.nan], [1.0, 5.0]),  # Python's max() skips a NaN that does not come first
    ([math.nan, 1.0], [5.0, 1.0]),
    ([1.0, 2.0], [1.0, math.nan]),
    ([math.inf, 1.0], [-math.inf, 1.0]),
    ([math.inf, 1.0], [1e300, 1.0]),
])
def test_a_nan_or_an_infinity_against_a_number_never_agrees(a, b):
    result = agreement(["x"], 1e-5, _sides(a, b))
    assert not result.ok
    assert "flat index" in result.failures[0]


def test_the_same_infinities_and_nans_agree_and_the_line_says_so():
    result = agreement(["x"], 1e-5, _sides([math.inf, 1.0, math.nan], [math.inf, 1.0, math.nan]))
    assert result.ok and result.max_diff == 0.0 and not math.isnan(result.max_diff)
    assert "2 NaN or infinite values stand at the same places" in agreement_line(
        result.record())


def test_a_disagreement_names_the_index_that_differs_most():
    result = agreement(["x"], 1e-5, _sides([1.0, math.inf, 2.0], [1.0, math.inf, 7.0]))
    assert not result.ok and "at flat index 2" in result.failures[0]
    result = agreement(["x"], 1e-5, _sides([1.0, 9.0, math.nan], [1.0, 2.0, 3.0]))
    assert "nan against 3.0 at flat index 2" in result.failures[0]
