"""Headline ranking: of the headlines the rules can write for a story, the one a fitted linear
model scores highest. Pure (the weights are read once, with the standard library).

The rules (subedit.py) write one headline from the deck or the lede. They could have written
others: the same sentence cut at another phrase boundary, with a shorter subject, the deck
instead of the lede or the other way round, the lede's second sentence. Each candidate obeys
the headline rules (at most 80 characters, never ending on a function word or a verb without
its news). A candidate is described by a few cues (FEATURES): its length in tokens, how often
the rest of the story repeats its words (a sub-editor headlines what the story is about, and the
body repeats it), its share of names and numbers, where it comes from, whether it is cut,
how much of the rules' own headline it keeps. scripts/fit_headline_rank.py fits the weights
(ridge regression of each candidate's token F1 against the sub-editor's title, centred within
each story so that only the ranking counts) on the tune half of ../shared/ingest-eval and ships
them in data/headline_rank.json; `enabled: false` there means the fit did not beat the rules'
own headline in leave-one-digest-out CV, and the rules' headline is kept.

Figures (tune half, 55 truth stories, 2026-12-04): the rules' headline 0.441; the best candidate
of each story (the ceiling) 0.463; the ranker in nested LODO 0.441: it never beats the rules held
out, so it ships disabled. Letting the deck and the lede compete (`swap`) raises the ceiling to
0.476 and nested LODO to 0.460, all of it from 3 stories whose deck gives way to the lede; a hand
rule of that kind (past-tense decks give way) lowered the check half last session (0.396 ->
0.387), and on our own digests the swap replaces 17 deck titles, mostly with worse ones ('Jordan
and Egypt call for immediate ceasefire in Gaza after talks in Cairo' -> 'Foreign ministers of
Jordan and Egypt meet in Cairo'), so it is not shipped. Enabled, the ranker doubles the
headline's cost (about +25% of ingest's CPU in a profile without classification).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from site_builder.ingest.subedit import MAX_TITLE, headline_variants
from site_builder.ingest.subedit_tidy import FUNCTION_WORDS

WEIGHTS_PATH = Path(__file__).with_name("data") / "headline_rank.json"

# One table: each cue's name, in the order of the weights.
FEATURES = ("tokens", "tokens_sq", "salience", "recurring", "names", "numbers", "rules",
            "deck", "second", "shorter_subject", "whole", "overlap_rules")
SOURCES = ("lede", "deck", "second")   # where a candidate was written from
_TOKEN = re.compile(r"\w+")
_TYPICAL_TOKENS = 9.0    # a sub-editor's title, tune half: 9.3 tokens (centre of the length cue)
_SALIENCE_CAP = 3        # a word repeated 3 times is as salient as one repeated 10


@dataclass(frozen=True, slots=True)
class Candidate:
    """A headline the rules can write, and what the ranker knows of how it was made."""

    text: str
    source: str          # one of SOURCES
    rules: bool          # the rules' own headline
    option: int          # 0 the whole subject; more: a shorter subject or the news without its source
    whole: bool          # the sentence whole, not cut


@dataclass(frozen=True, slots=True)
class Ranker:
    """A linear score over FEATURES; `enabled` false: keep the rules' headline; `swap`: the
    deck's and the lede's candidates compete (else only the rules' source and the second
    sentence)."""

    weights: tuple[float, ...]
    enabled: bool
    swap: bool = False

    def score(self, features: tuple[float, ...]) -> float:
        return sum(w * f for w, f in zip(self.weights, features))


@lru_cache(maxsize=1)
def load_ranker(path: Path = WEIGHTS_PATH) -> Ranker | None:
    """The shipped weights, or None when there are none (the rules' headline is then kept)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: features {data['features']} are not this code's {list(FEATURES)}; "
                         "refit with scripts/fit_headline_rank.py")
    return Ranker(tuple(float(w) for w in data["weights"]), bool(data["enabled"]), bool(data.get("swap", False)))


def tokens(text: str) -> list[str]:
    """Lower-case word tokens, as the eval's scorer counts them."""
    return _TOKEN.findall(text.lower())


def candidates(sources: list[tuple[str, str]], later: frozenset[str] | None,
               passives: frozenset[str] | None, limit: int = MAX_TITLE) -> list[Candidate]:
    """Every headline the rules can write from each (source kind, sentence), the first source's
    own headline marked as the rules'. Duplicates (same text) are kept once, the first seen."""
    found: list[Candidate] = []
    seen: set[str] = set()
    for n, (kind, sentence) in enumerate(sources):
        chosen, variants = headline_variants(sentence, limit, later, passives if kind == "deck" else None)
        if n == 0 and chosen:
            found.append(Candidate(chosen, kind, True, 0, False))
            seen.add(chosen)
        for v in variants:
            if v.text not in seen:
                seen.add(v.text)
                found.append(Candidate(v.text, kind, False, v.option, v.whole))
    return found


def features(candidate: Candidate, counts: Counter[str], rules_tokens: frozenset[str]) -> tuple[float, ...]:
    """The cues of FEATURES for one candidate; `counts`: the rest of the story's word counts,
    `rules_tokens`: the words of the rules' own headline."""
    words = candidate.text.split()
    toks = tokens(candidate.text)
    content = [t for t in toks if t not in FUNCTION_WORDS] or toks or [""]
    n = float(len(toks))
    return (
        n / _TYPICAL_TOKENS,
        ((n - _TYPICAL_TOKENS) / _TYPICAL_TOKENS) ** 2,
        sum(min(counts[t], _SALIENCE_CAP) for t in content) / (_SALIENCE_CAP * len(content)),
        sum(1 for t in content if counts[t]) / len(content),
        sum(1 for w in words[1:] if w[:1].isupper()) / max(1, len(words) - 1),
        sum(1 for t in toks if t[:1].isdigit()) / max(1.0, n),
        float(candidate.rules),
        float(candidate.source == "deck"),
        float(candidate.source == "second"),
        float(candidate.option > 0),
        float(candidate.whole),
        sum(1 for t in set(toks) if t in rules_tokens) / max(1, len(rules_tokens)),
    )


def story_counts(text: str) -> Counter[str]:
    """Word counts of the story after its lede: what it goes on to repeat."""
    return Counter(tokens(text))


def rank(found: list[Candidate], rest: str, ranker: Ranker) -> Candidate:
    """The candidate the model scores highest (the rules' own on a tie: it comes first)."""
    counts = story_counts(rest)
    rules_tokens = frozenset(tokens(next((c.text for c in found if c.rules), found[0].text)))
    return max(found, key=lambda c: ranker.score(features(c, counts, rules_tokens)))
