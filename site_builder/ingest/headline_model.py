"""Sentence compression for headlines: which phrases of a rewritten lede a sub-editor drops. Pure.

The rules of subedit.py rewrite the lede (tense, articles, attribution); this module then drops
whole phrases a sub-editor would leave out, chosen by a fitted decision table over simple cues:

- an adjective before its noun ('central Myanmar', 'presidential runoff'),
- a Chinese-order given name in the subject ('Lai Ching-te wins' -> 'Lai wins'),
- a title before a person's name that opens the headline ('DPP presidential candidate Lai …'),
- a phrase after the verb that the cutting rules would end on ('in Manila', 'after skidding …'),
- a hedge before a count ('about 8 million', 'more than 1,000km²'),
- what qualifies the subject's head ('Talks [between White House and Republican lawmakers] paused',
  'Floods [that swept through Italy’s Emilia-Romagna region] kill').

Each candidate is a span whose removal leaves a grammatical headline (a modifier keeps its noun,
a phrase is whole), so the kept words read in order. Each span falls in a cell (its kind, what it is, whether the
story repeats its words: `cell`); which cells are dropped is fitted on the odd-numbered digests of
../shared/ingest-eval by scripts/fit_headline_model.py (greedy: add the cell that raises the
sub-editor titles' token F1 most, while it does) and shipped in data/headline_model.json; the
runtime reads that file with the standard library only.

The shipped table is empty, so titles are the rules' alone: the best fit on the tune half
(drop adjectives the story never repeats, and hedges) raised it 0.393 -> 0.404 but fell on the
check half 0.370 -> 0.367, dropping words that carry the news ('treated radioactive water',
'unpaid leave', 'atomic bombing'); a logistic regression over the same cues did no better than
dropping nothing when checked digest by digest (55 titles are few). The fit script writes cells
only when they also help on digests left out of the fit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from site_builder.ingest.names import find_people
from site_builder.ingest.subedit_tidy import (
    _AUXILIARIES, _CLAUSE_WORDS, _MODALS, _PREPOSITIONS, FUNCTION_WORDS, _bare)
from site_builder.ingest.subedit_verbs import _listed, _verb_form, _word_classes

MODEL_PATH = Path(__file__).with_name("data") / "headline_model.json"

# Span kinds, one table: each kind is also a feature (its own bias).
KINDS = ("modifier", "forename", "title", "phrase", "hedge", "qualifier")
# Hedges before a count: 'about 8 million' says '8 million' in a headline.
# ('nearly' and 'almost' change what the count says: they stay.)
_HEDGES = {("about",), ("around",), ("some",), ("approximately",), ("more", "than"), ("over",), ("up", "to")}
_NUMBER = re.compile(r"^[£$€¥]?\d")
_ROMAN = re.compile(r"^[IVX]+$")
_WORDS = re.compile(r"\w+")
# Places and settings a phrase may name ('in Manila', 'at home'): a phrase of its own kind.
# Words that look like modifiers but carry the phrase: determiners of time and amount, particles.
_KEPT_MODIFIERS = _PREPOSITIONS | frozenset(
    "next last this past coming off up down out per each every all most more less many much few several "
    "such other own same only first second third".split())
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
    """The cells (kind of span and its cues, see `cell`) whose spans a sub-editor drops."""

    drop: frozenset[str]

    def drops(self, span: Span, features: Mapping[str, float]) -> bool:
        return cell(span, features) in self.drop


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The shipped cells, or None when there are none yet (the headline is then not compressed)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Model(frozenset(data["drop"]))


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
        if kinds != {"ADJ"} or (i > 0 and _bare(words[i - 1]) in _VERB_BEFORE):
            continue               # only adjectives: a noun before a noun makes one ('interest rate',
            #                        'military officers'), 'to serve', 'will not abandon' are verbs
        if word in _KEPT_MODIFIERS or word.endswith("ing") or (word.endswith("est") and kinds <= {"ADJ", "ADV"}):
            continue               # 'next week', 'skidding off', 'pending trial', 'largest party'
        if following.islower() and not _classes(_bare(following)) & {"NOUN"}:
            continue               # 'presidential runoff', not 'rates steady'
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
        if 0 < at <= verb_end and not any(w.endswith(",") for w in words[:at]):
            found.append(Span(0, at, "title"))
    return found


def _phrases(words: list[str], verb_end: int, points: list[int]) -> list[Span]:
    """Each phrase between two cut points after the verb (the cutting rules' boundaries); an
    'and …' or 'or …' belongs to the phrase before it ('claiming fifth green jacket and first
    major title' is one)."""
    bounds = [p for p in points if p > verb_end and _bare(words[p]) not in ("and", "or")] + [len(words)]
    return [Span(a, b, "phrase") for a, b in zip(bounds, bounds[1:]) if b > a]


def _has_verb(words: list[str]) -> bool:
    return any(w.islower() and (w.endswith("ing") or _verb_form(w) == "past" or _bare(w) == "to") for w in words)


def _orphans(words: list[str], phrases: list[Span], dropped: set[Span]) -> set[Span]:
    """Phrases that hang on a dropped verb ('forcing it to rely | on coalition partners'): a
    phrase after a dropped one that holds a verb goes too, unless a comma or a clause word
    opens it."""
    orphans: set[Span] = set()
    hanging = False
    for span in phrases:
        if span in dropped:
            hanging = _has_verb(words[span.start:span.end])
            continue
        opens = words[span.start - 1].endswith(",") or _bare(words[span.start]) in _CLAUSE_WORDS
        if hanging and not opens:
            orphans.add(span)
        else:
            hanging = False
    return orphans


# Words that open what qualifies a subject's head.
_QUALIFIER_OPENERS = frozenset("in at from between across near that who which on over for with".split())


def _qualifiers(words: list[str], verb_end: int, verb_start: int) -> list[Span]:
    """'Voters [in Kansas] reject': from a preposition or a relative word after the subject's
    first word up to its verb, when nothing in between is a clause of its own (no comma)."""
    for i in range(1, verb_start):
        if _bare(words[i]) in _QUALIFIER_OPENERS and words[i].islower() \
                and not any(w.endswith(",") for w in words[i - 1:verb_start]):
            return [Span(i, verb_start, "qualifier")]
    return []


def _verb_start(words: list[str], verb_end: int) -> int:
    """Where the verb group that ends at verb_end begins ('will be capped', 'to run')."""
    start = verb_end
    while start > 0 and (_bare(words[start - 1]) in _AUXILIARIES | _MODALS | {"to", "not", "be", "been"}):
        start -= 1
    return start


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
        + _hedges(words) + _qualifiers(words, verb_end, _verb_start(words, verb_end))


# --- features ------------------------------------------------------------------------------------

def span_features(words: list[str], span: Span, later: frozenset[str]) -> dict[str, float]:
    """The cues for one span (1.0 yes, 0.0 no; repeated_later a share); `later` is the set of
    lower-case words of the story after its lede."""
    inside = words[span.start:span.end]
    content = [t for w in inside for t in _WORDS.findall(w.lower()) if t not in FUNCTION_WORDS]
    first = _bare(inside[0])
    return {
        "number": float(any(_NUMBER.match(w) for w in inside)),
        "repeated_later": sum(t in later for t in content) / len(content) if content else 0.0,
        "last": float(span.end == len(words)),
        "place": float(first in _PLACE_PREPOSITIONS),
        "clause": float(first in _CLAUSE_WORDS or inside[0].islower() and inside[0].endswith("ing")),
        "other_preposition": float(first in _PREPOSITIONS and first not in _PLACE_PREPOSITIONS),
    }


def cell(span: Span, features: Mapping[str, float]) -> str:
    """The span's cell in the decision table: its kind, what it is, and whether the story
    repeats its words ('modifier/words/once': an adjective the story never uses again)."""
    if span.kind == "phrase":
        what = next((name for name in ("place", "clause", "other_preposition") if features[name]), "other")
        what += "/last" if features["last"] else ""
    else:
        what = "number" if features["number"] else "words"
    repeated = features["repeated_later"]
    return f"{span.kind}/{what}/{'once' if repeated == 0 else 'repeated' if repeated == 1 else 'partly'}"


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
    if decide is None and (model is None or not model.drop):
        return words, verb_end          # nothing to drop: no need to find the spans
    dropped: set[Span] = set()
    spans = candidate_spans(words, verb_end, points)
    for span in spans:
        features = span_features(words, span, later)
        if decide(words, span, features) if decide is not None else model.drops(span, features):
            dropped.add(span)
    dropped |= _orphans(words, [s for s in spans if s.kind == "phrase"], dropped)
    return drop_spans(words, verb_end, sorted(dropped, key=lambda s: (s.start, s.end)))
