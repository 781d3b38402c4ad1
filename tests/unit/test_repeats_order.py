"""repeats._in_order: a subsequence test, checked against the plain definition."""

from __future__ import annotations

import random

from site_builder.repeats import _in_order


def _reference(needle: list[str], haystack: list[str]) -> bool:
    rest = iter(haystack)
    return all(any(word == other for other in rest) for word in needle)


def test_in_order_is_a_subsequence_test():
    rnd = random.Random(15)
    for _ in range(5000):
        haystack = [rnd.choice("abcde") for _ in range(rnd.randint(0, 8))]
        needle = [rnd.choice("abcdef") for _ in range(rnd.randint(0, 4))]
        assert _in_order(needle, haystack) == _reference(needle, haystack), (needle, haystack)


def test_a_word_matched_once_is_not_matched_again():
    assert not _in_order(["a", "a"], ["a", "b"])
    assert _in_order(["a", "a"], ["a", "b", "a"])
    assert not _in_order(["b", "a"], ["a", "b"])
