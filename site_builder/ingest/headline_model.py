"""Sentence compression for headlines: which phrases of a rewritten lede a sub-editor drops. Pure.

The rules of subedit.py rewrite the lede (tense, articles, attribution); this module then drops
whole phrases a sub-editor would leave out, chosen by a logistic regression over simple cues:

- a modifier before its noun ('central Myanmar', 'passenger jet'),
- a person's forenames ('Rodrigo Duterte' -> 'Duterte'; Chinese order 'Lai Ching-te' -> 'Lai'),
- a title before a person's name that opens the headline ('DPP presidential candidate Lai …'),
- a phrase after the verb that the cutting rules would end on ('in Manila', 'after skidding …'),
- a hedge before a count ('about 8 million', 'more than 1,000km²').

Each candidate is a span whose removal leaves a grammatical headline (a modifier keeps its noun,
a phrase is whole), so the kept words read in order. The weights are fitted on the odd-numbered
digests of ../shared/ingest-eval by scripts/fit_headline_model.py (label: the span's words are
mostly not in the sub-editor's title) and shipped in data/headline_model.json; the runtime reads
that file with the standard library only.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from site_builder.ingest.names import find_people
from site_builder.ingest.subedit_tidy import (
    _AUXILIARIES, _CLAUSE_WORDS, _MODALS, _PREPOSITIONS, FUNCTION_WORDS, MAX_TITLE, _bare)
from site_builder.ingest.subedit_verbs import _listed, _verb_form, _word_classes

MODEL_PATH = Path(__file__).with_name("data") / "headline_model.json"

# Span kinds, one table: each kind is also a feature (its own bias).
KINDS = ("modifier", "forename", "title", "phrase", "hedge")
# Hedges before a count: 'about 8 million' says '8 million' in a headline.
# ('nearly' and 'almost' change what the count says: they stay.)
_HEDGES = {("about",), ("around",), ("some",), ("approximately",), ("more", "than"), ("over",), ("up", "to")}
_NUMBER = re.compile(r"^[£$€¥]?\d")
_ROMAN = re.compile(r"^[IVX]+$")
_WORDS = re.compile(r"\w+")
# Places and settings a phrase may name ('in Manila', 'at home'): a phrase of its own kind.
# Words after which a word is a verb ('to serve', 'will not abandon'), never a modifier.
_VERB_BEFORE = _AUXILIARIES | _MODALS | {"to", "not", "never"}
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "across", "outside", "inside", "aboard"})


Decide = Callable[[list[str], "Span", dict[str, float]], bool]   # words, a span, its cues -> drop it?


@dataclass(frozen=True, slots=True)
class Span:
    """Words [start, end) a headline may leave out, and what kind of phrase they are."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic regression weights: P(drop) = sigmoid(bias + sum(weight * feature))."""

    bias: float
    weights: Mapping[str, float]
    threshold: float

    def drop_probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The shipped weights, or None when there are none yet (the headline is then not compressed)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Model(float(data["bias"]), dict(data["weights"]), float(data["threshold"]))


def _classes(word: str) -> set[str]:
    """A word's classes from the precomputed lexicon only (never lemminflect: ingest stays light)."""
    return _word_classes(word) if _listed(word) else set()


# --- candidates -----------------------------------------------------------------------------------

def _content(word: str) -> bool:
    bare = _bare(word)
    return bool(bare) and bare not in FUNCTION_WORDS and bare.replace("-", "").isalpha()


def _modifiers(words: list[str], verb_end: int) -> list[Span]:
    """A lower-case adjective or noun straight before another content word of the same phrase."""
    found = []
    for i in range(len(words) - 1):
        word, following = words[i], words[i + 1]
        if i in (verb_end, verb_end - 1) or not word.isalpha() or not word.islower() or not _content(word) \
                or not _content(following) or following.islower() and _verb_form(following):
            continue
        kinds = _classes(word)
        if not kinds & {"ADJ", "NOUN"} or (i > 0 and _bare(words[i - 1]) in _VERB_BEFORE):
            continue               # 'to serve British people', 'will not abandon': a verb, not a modifier
        if following.islower() and not _classes(_bare(following)) & {"NOUN"}:
            continue               # 'ready to' , 'presidential runoff' keep going; 'run extra' not
        found.append(Span(i, i + 1, "modifier"))
    return found


def _names(words: list[str], verb_end: int) -> list[Span]:
    """Forenames of each person named, and the title before a person that opens the headline."""
    text = " ".join(words)
    found = []
    for person in find_people(text + " said"):
        parts = person.split()
        if len(parts) < 2 or _ROMAN.match(parts[-1]) or len(parts[-1]) <= 2:
            continue               # 'Elizabeth II' has no forename to drop
        at = next((i for i in range(len(words) - len(parts) + 1)
                   if [w.rstrip(",") for w in words[i:i + len(parts)]] == parts), None)
        if at is None:
            continue
        if "-" in parts[-1] and parts[-1][:1].isupper() and len(parts) == 2:
            if at + 2 <= verb_end:    # 'Lai Ching-te wins' -> 'Lai wins'; never a title ending 'Mayor Han'
                found.append(Span(at + 1, at + 2, "forename"))
        elif not words[at + len(parts) - 2].endswith(","):
            found.append(Span(at, at + len(parts) - 1, "forename"))
        if 0 < at <= verb_end and not any(w.endswith(",") for w in words[:at]):
            found.append(Span(0, at, "title"))
    return found


def _phrases(words: list[str], verb_end: int, points: list[int]) -> list[Span]:
    """Each phrase between two cut points after the verb (the cutting rules' boundaries)."""
    bounds = [p for p in points if p > verb_end] + [len(words)]
    return [Span(a, b, "phrase") for a, b in zip(bounds, bounds[1:]) if b > a]


def _hedges(words: list[str]) -> list[Span]:
    found = []
    for i in range(len(words)):
        for hedge in _HEDGES:
            n = len(hedge)
            if tuple(_bare(w) for w in words[i:i + n]) == hedge and i + n < len(words) \
                    and _NUMBER.match(words[i + n]) and not words[i + n - 1].endswith(","):
                found.append(Span(i, i + n, "hedge"))
    return found


def candidate_spans(words: list[str], verb_end: int, points: list[int]) -> list[Span]:
    """Every span this module may drop; `points` are the indices where a phrase may end."""
    return _modifiers(words, verb_end) + _names(words, verb_end) + _phrases(words, verb_end, points) \
        + _hedges(words)


# --- features ------------------------------------------------------------------------------------

def span_features(words: list[str], span: Span, verb_end: int, later: frozenset[str]) -> dict[str, float]:
    """The cues for one span; `later` is the set of lower-case words of the story after its lede."""
    inside = words[span.start:span.end]
    tokens = [t for w in inside for t in _WORDS.findall(w.lower())]
    content = [t for t in tokens if t not in FUNCTION_WORDS]
    length = len(" ".join(words))
    first = _bare(inside[0])
    features = {
        f"kind={span.kind}": 1.0,
        f"{span.kind}:tokens": min(len(tokens), 8) / 8,
        f"{span.kind}:position": span.start / max(1, len(words)),
        f"{span.kind}:before_verb": float(span.end <= verb_end),
        f"{span.kind}:last": float(span.end == len(words)),
        "capitalised": sum(w[:1].isupper() for w in inside) / len(inside),
        "number": float(any(_NUMBER.match(w) for w in inside)),
        "repeated_later": sum(t in later for t in content) / len(content) if content else 0.0,
        "overflow": max(0, length - MAX_TITLE) / MAX_TITLE,
        f"{span.kind}:share": (len(" ".join(inside)) + 1) / max(1, length),
    }
    if span.kind == "phrase":
        features["phrase:place"] = float(first in _PLACE_PREPOSITIONS)
        features["phrase:clause"] = float(first in _CLAUSE_WORDS or inside[0].islower() and inside[0].endswith("ing"))
        features["phrase:after_comma"] = float(span.start > 0 and words[span.start - 1].endswith(","))
        features["phrase:other_preposition"] = float(first in _PREPOSITIONS and first not in _PLACE_PREPOSITIONS)
    if span.kind == "modifier":
        kinds = _classes(first)
        features["modifier:adjective_only"] = float(kinds <= {"ADJ", "ADV"})
        features["modifier:noun"] = float("NOUN" in kinds)
        features["modifier:before_name"] = float(span.end < len(words) and words[span.end][:1].isupper())
    return features


def later_words(text: str) -> frozenset[str]:
    """The lower-case words of a story's text after its lede: what the story goes on to repeat."""
    return frozenset(_WORDS.findall(text.lower()))


# --- dropping ------------------------------------------------------------------------------------

def drop_spans(words: list[str], verb_end: int, spans: list[Span]) -> tuple[list[str], int]:
    """The words without the given spans, and the verb's new index. A dropped phrase's own comma
    goes with it ('dies at home in Plains, at 100' -> 'dies at home at 100')."""
    gone = {i for s in spans for i in range(s.start, s.end)}
    if len(gone) >= len(words) or verb_end in gone:
        return words, verb_end
    kept: list[str] = []
    for i, word in enumerate(words):
        if i not in gone:
            kept.append(word)
    shift = sum(1 for i in gone if i < verb_end)
    return kept, verb_end - shift


def compress(words: list[str], verb_end: int, points: list[int], later: frozenset[str],
             decide: Decide | None = None) -> tuple[list[str], int]:
    """Drop the spans the model (or `decide`, for fitting and oracles) says a sub-editor drops."""
    model = load_model() if decide is None else None
    if decide is None and model is None:
        return words, verb_end
    dropped = []
    for span in candidate_spans(words, verb_end, points):
        features = span_features(words, span, verb_end, later)
        if decide(words, span, features) if decide is not None else model.drop_probability(features) > model.threshold:
            dropped.append(span)
    return drop_spans(words, verb_end, dropped)
