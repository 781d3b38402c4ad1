"""Sentences of news text: the one splitter that ingest (names, places, dates, headlines) and the
build (a card's summary against its headline, site_builder/repeats.py) share. Pure, and light to
import: the build reads it without loading the ingest package.

A sentence ends at . ! ? … before a capital, a digit or an opening quote (not after an
abbreviation, an initial or a German day number), and at 。！？ in Chinese and Japanese.
"""

from __future__ import annotations

import re

_CLOSERS = "\"'”’»)）」』】］]"

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = frozenset(["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "rep", "sen", "gov", "pres", "st", "no", "vs", "etc", "inc", "ltd", "corp", "co", "jr", "sr", "u.s", "u.k", "u.n", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "rev", "hon", "sr", "sra", "dra", "mme", "m"])
_SENT_END = re.compile(rf"[.!?…][{re.escape(_CLOSERS)}]*(?=\s+[\"“‘'(\[«¿¡A-Z0-9\u00c0-\u00de\u0400-\u042f])"
                       rf"|[。！？][{re.escape(_CLOSERS)}]*")


_GERMAN_MONTH_AFTER = re.compile(r"\s+(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|"
                                 r"Oktober|November|Dezember)\b")

def _sentence_bounds(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one run of text, blanks trimmed; offsets + base."""
    result: list[tuple[int, int]] = []
    start = 0
    for match in _SENT_END.finditer(text):
        end = match.end()
        if text[match.start()] == ".":
            before = text[start:match.start()].rsplit(None, 1)
            word = before[-1].lower().lstrip("(\"“‘'") if before else ""
            if word in _ABBREV or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                continue
            if word.isdigit() and len(word) <= 2 and _GERMAN_MONTH_AFTER.match(text, end):
                continue   # a German date: "am 20. März"
        _add_trimmed(result, text, start, end, base)
        start = end
    _add_trimmed(result, text, start, len(text), base)
    return result


def _add_trimmed(out: list[tuple[int, int]], text: str, start: int, end: int, base: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        out.append((base + start + lead, base + start + lead + len(stripped)))

def sentences(text: str) -> list[str]:
    """Split into sentences: Latin full stops before a capital, and 。！？ in Chinese."""
    return [text[s:e] for s, e in _sentence_bounds(text)]
