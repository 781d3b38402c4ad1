"""Whether a headline and the line under it say the same words in the same order. Pure.

An ingested summary is the lede; a headline cut from the lede (or from the deck) would put the
same sentence twice on a card or a story page. The rule: a line is not shown under a headline
whose words it repeats, in the same order, in its first sentence; a headline's present tense
('found' -> 'finds') is still a repeat, so one word in five may differ. Words are compared
lower-cased without punctuation and regular endings (-s, -ed, -ing); Chinese and Japanese
characters count one by one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from site_builder.sentences import sentences

_CJK = "\u3400-\u9fff\u3040-\u30ff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


# A headline written from the lede puts its verb in the present ('found' -> 'finds', 'rose' ->
# 'rises'): one word in five may differ and the two still say the same thing.
_WORDS_PER_CHANGE = 5
_SUFFIXES = ("ies", "ing", "es", "ed", "s", "d")   # the longest that fits goes


@lru_cache(maxsize=65536)   # a card and its story page ask for the same words; a cold build, for many
def _stem(word: str) -> str:
    """'meets', 'meeting' -> 'meet'; 'passes', 'passed' -> 'pass': many regular inflections
    compare equal (not all: 'denies' -> 'den', 'denied' -> 'deni'; the one word in five covers it)."""
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix):
                return word[:-len(suffix)]
    return word


def _in_order(needle: list[str], haystack: list[str], exact: bool = False) -> bool:
    """The words of needle in haystack in the same order (others may come between), allowing one
    in _WORDS_PER_CHANGE to be missing or inflected otherwise (none, when `exact`)."""
    # list.index scans in C: a tenth less time for the check, run twice per story on a cold build
    stem = (lambda word: word) if exact else _stem
    stems = [stem(word) for word in haystack]
    allowed = 0 if exact else len(needle) // _WORDS_PER_CHANGE
    position = 0
    for word in needle:
        try:
            position = stems.index(stem(word), position) + 1
        except ValueError:
            allowed -= 1
            if allowed < 0:
                return False
    return True


@lru_cache(maxsize=16384)   # a story's card and its page ask the same question
def says_same(title: str, text: str | None, exact: bool = False) -> bool:
    """True when the words of `title` appear, in order, in the first sentence of `text` (one in
    five may differ; with `exact`, every one the same: a deck, the paper's own line, is hidden
    only then, for what it says besides the headline would be lost)."""
    if not text or not title:
        return False
    words = _tokens(title)
    first = sentences(text)[:1]
    return bool(words) and bool(first) and _in_order(words, _tokens(first[0]), exact)


def shown_summary(title: str, summary: str) -> str:
    """The summary a card shows under `title`: as written, or without a first sentence that
    only repeats the headline ('' when nothing else is left)."""
    if not says_same(title, summary):
        return summary
    return " ".join(sentences(summary)[1:]).strip()
