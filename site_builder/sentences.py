"""Sentences of news text: the one splitter that ingest (names, places, dates, headlines) and the
build (a card's summary against its headline, site_builder/repeats.py) share. Pure, and light to
import: the build reads it without loading the ingest package.

A sentence ends at . ! ? … before a capital, a digit or an opening quote (not after an
abbreviation, an initial or a German day number), and at 。！？ in Chinese and Japanese.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

_CLOSERS = "\"'”’»)）」』】］]"

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = frozenset(["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "rep", "sen", "gov", "pres", "st", "no", "vs", "etc", "inc", "ltd", "corp", "co", "jr", "sr", "u.s", "u.k", "u.n", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "rev", "hon", "sr", "sra", "dra", "mme", "m"])
_SENT_END = re.compile(rf"[.!?…][{re.escape(_CLOSERS)}]*(?=\s+[\"“‘'(\[«¿¡A-Z0-9\u00c0-\u00de\u0400-\u042f])"
                       rf"|[。！？][{re.escape(_CLOSERS)}]*")


_GERMAN_MONTH_AFTER = re.compile(r"\s+(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|"
                                 r"Oktober|November|Dezember)\b")

_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")   # "u.s", "e.g": dotted initials


def _iter_bounds(text: str, base: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of one run of text, blanks trimmed; offsets + base.
    Lazy, so that the first sentence of a long story costs only that sentence."""
    start = 0
    for match in _SENT_END.finditer(text):
        end = match.end()
        if text[match.start()] == ".":
            before = text[start:match.start()].rsplit(None, 1)
            word = before[-1].lower().lstrip("(\"“‘'") if before else ""
            if word in _ABBREV or (len(word) == 1 and word.isalpha()) or _INITIALS.fullmatch(word):
                continue
            if word.isdigit() and len(word) <= 2 and _GERMAN_MONTH_AFTER.match(text, end):
                continue   # a German date: "am 20. März"
        bounds = _trimmed(text, start, end, base)
        if bounds is not None:
            yield bounds
        start = end
    bounds = _trimmed(text, start, len(text), base)
    if bounds is not None:
        yield bounds


def _sentence_bounds(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one run of text, blanks trimmed; offsets + base."""
    return list(_iter_bounds(text, base))


def _trimmed(text: str, start: int, end: int, base: int) -> tuple[int, int] | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return base + start + lead, base + start + lead + len(stripped)


def sentences(text: str) -> list[str]:
    """Split into sentences: Latin full stops before a capital, and 。！？ in Chinese."""
    return [text[s:e] for s, e in _sentence_bounds(text)]


def first_sentence(text: str) -> str:
    """The first sentence, or '' when the text has none (only spaces)."""
    for start, end in _iter_bounds(text):
        return text[start:end]
    return ""


def sentence_count(text: str, at_most: int | None = None) -> int:
    """How many sentences; counting stops at `at_most` (a paragraph 'has 3 or more')."""
    return sum(1 for _ in islice(_iter_bounds(text), at_most))
