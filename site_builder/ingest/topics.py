"""Classify a story into IPTC Media Topics (top level) with a weighted keyword lexicon.

The lexicon is keyed by IPTC code, not by slug, so a site that relabels or renames its topics
in config.yaml keeps working; a configured topic without a known code is matched by the words
of its label and description. Matching is "stemming-light": a plain term also matches its
-s/-es/-ed/-ing/-d forms, a term ending in * matches any continuation ("elect*"), and a term
may carry a weight ("ceasefire=3"); the words of a phrase are joined with "_"
("peace_deal=3"). Chinese and Japanese terms match as substrings. A compact French, Spanish,
German and Japanese vocabulary covers stories in those languages. The terms are in
topic_lexicon.py (data: adding a word is a one-line edit there). A hit in the lede
(first ~250 characters) counts double. The names of the people a story names (names.py) are
not read: "Istanbul Mayor Ekrem Imamoglu" is no imam.

The fitted topic model (topic_model.py, data/topic_model.json.gz) then reweighs the lexicon's
scores: each topic gains blend x (the model's probability - offset), 8 x (p - 0.5) as shipped,
so a topic the story's words make likely rises and one that only a passing word gave falls.
Fitted on the tune half of the eval digests and the own digests (scripts/fit_topic_model.py),
it raised leave-one-digest-out topic F1 there from 0.844 to 0.875 (0.851 with the blend chosen
inside each fold).

A story gets 1-3 topics, strongest first: the best one always (so a real story is never left
without a topic), others only when they score at least MIN_SCORE and either at least
RELATIVE_CUT of the best or STRONG_SCORE outright. With no lexicon hit at all the fallback is the site's society topic (14000000), then
human-interest (08000000), then the first configured topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import TopicDef
from .topic_lexicon import LEXICON
from .topic_model import TopicModel, default_model

__all__ = ["classify_topics", "LEXICON"]

MAX_TOPICS = 3
MIN_SCORE = 3.0
RELATIVE_CUT = 0.5
STRONG_SCORE = 8.0
# RELATIVE_CUT and STRONG_SCORE were fitted (grid search) on the tune half of the labelled eval
# digests with scripts/classify_eval.py: a second topic at a quarter of the first was mostly a
# passing word ("sales" in a sport story); one scoring 8+ is a real thread of a long lead
# (8-12 score the same on the tune half; 8 keeps the seed story's crime and human-interest).
LEDE_CHARS = 250
LEDE_WEIGHT = 2.0
FALLBACK_CODES = ("14000000", "08000000")

# Han characters, kana and Hangul: Chinese, Japanese and Korean terms match as substrings
# (Korean particles attach to the word: 경찰은, 경찰이 both hold 경찰).
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")


def _parse_terms(spec: str) -> list[tuple[str, float]]:
    """"peace_deal=3 war elect*" -> [("peace deal", 3.0), ("war", 1.0), ("elect*", 1.0)]."""
    out: list[tuple[str, float]] = []
    for word in spec.split():
        name, _, weight = word.partition("=")
        out.append((name.replace("_", " "), float(weight) if weight else 1.0))
    return out


def _topic_terms(topic: TopicDef) -> list[tuple[str, float]]:
    """Lexicon terms for a topic: by IPTC code, else its own label and description words."""
    if topic.iptc and topic.iptc in LEXICON:
        return _parse_terms(LEXICON[topic.iptc])
    words = re.findall(r"[^\W\d_]{4,}", f"{topic.label} {topic.description} {topic.slug}")
    stop = {"and", "the", "with", "from", "news", "about", "their", "other", "that", "this"}
    return [(w.lower() + "*", 2.0) for w in dict.fromkeys(words) if w.lower() not in stop]


_Hit = tuple[str, float]   # (slug, weight)
_INFLECTIONS = ("", "s", "es", "ed", "d", "ing")


@dataclass(frozen=True, slots=True)
class _Matcher:
    exact: dict[str, tuple[_Hit, ...]]     # "war", "wars", "peace deal", "WHO" -> hits
    prefix: dict[str, tuple[_Hit, ...]]    # "elect", "air strike" (from "elect*") -> hits
    first_words: frozenset[str]            # first words of multi-word terms
    cjk: dict[str, dict[str, tuple[_Hit, ...]]]  # first character -> {term: hits}
    cjk_lengths: dict[str, tuple[int, ...]]
    prefix_lengths: tuple[int, ...]        # distinct prefix lengths, longest first
    memo: dict[str, tuple[_Hit, ...]]      # word -> hits (bounded, filled as text is read)
    phrase_prefix_lengths: tuple[int, ...] = ()   # the lengths of prefix terms of 2+ words
    # The first two words of every term of 2+ words ("peace deal"), and of every prefix term
    # of 2+ words its first word -> the start of its second ("air strik*": "air" -> "strik"):
    # a phrase can start only where the next word fits one of them (see _may_start_phrase).
    pairs: frozenset[str] = frozenset()
    pair_prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _key(term: str) -> str:
    """Lower-case terms match any case; capitalised names and acronyms match as written, so
    "WHO" is not "who" and "Act" is not "act"."""
    words = term.replace("-", " ").split()
    return " ".join(words) if term[:1].isupper() else " ".join(words).lower()


@lru_cache(maxsize=16)
def _matcher(topics: tuple[TopicDef, ...]) -> _Matcher:
    exact: dict[str, list[_Hit]] = {}
    prefix: dict[str, list[_Hit]] = {}
    cjk_flat: dict[str, list[_Hit]] = {}
    first_words: set[str] = set()
    for topic in topics:
        for term, weight in _topic_terms(topic):
            hit = (topic.slug, weight)
            if _CJK.search(term):
                cjk_flat.setdefault(term, []).append(hit)
                continue
            key = _key(term.rstrip("*"))
            if " " in key:
                first_words.add(key.split(" ", 1)[0])
            if term.endswith("*"):
                prefix.setdefault(key, []).append(hit)
            elif key[-1:].islower():
                for ending in _INFLECTIONS:
                    forms = exact.setdefault(key + ending, [])
                    if hit not in forms:
                        forms.append(hit)
            else:
                exact.setdefault(key, []).append(hit)
    pairs = {" ".join(k.split(" ", 2)[:2]) for k in exact if " " in k}
    pair_prefixes: dict[str, set[str]] = {}
    for k in prefix:
        if " " in k:
            first, second = k.split(" ", 2)[:2]
            pair_prefixes.setdefault(first, set()).add(second)
    cjk: dict[str, dict[str, tuple[_Hit, ...]]] = {}
    for term, hits in cjk_flat.items():
        cjk.setdefault(term[0], {})[term] = tuple(hits)
    return _Matcher(
        exact={k: tuple(v) for k, v in exact.items()},
        prefix={k: tuple(v) for k, v in prefix.items()},
        first_words=frozenset(first_words),
        cjk=cjk,
        cjk_lengths={ch: tuple(sorted({len(t) for t in d}, reverse=True)) for ch, d in cjk.items()},
        prefix_lengths=tuple(sorted({len(k) for k in prefix}, reverse=True)),
        memo={},
        phrase_prefix_lengths=tuple(sorted({len(k) for k in prefix if " " in k}, reverse=True)),
        pairs=frozenset(pairs),
        pair_prefixes={k: tuple(sorted(v)) for k, v in pair_prefixes.items()},
    )


_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# French elision ("l’économie", "d’économies", "qu’il"): the article is not part of the word.
_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu)['’](?=[^\W\d_])", re.IGNORECASE)
MAX_PHRASE = 4
MEMO_SIZE = 200_000


def _lookup(m: _Matcher, words: list[str], lowers: list[str], i: int) -> tuple[int, tuple[_Hit, ...]]:
    """Longest term starting at word i: (number of words, hits) or (0, ())."""
    lower, word = lowers[i], words[i]
    if (lower in m.first_words or word in m.first_words) and _may_start_phrase(m, words, lowers, i):
        for n in range(min(MAX_PHRASE, len(words) - i), 1, -1):
            # Words already in lower case would look up the same key twice.
            for seq in (lowers, words) if words[i:i + n] != lowers[i:i + n] else (lowers,):
                key = " ".join(seq[i:i + n])
                hits = m.exact.get(key) or _phrase_prefix_hits(m, key, len(seq[i]))
                if hits:
                    return n, hits
    hits = _word_hits(m, lower, word)
    return (1, hits) if hits else (0, ())


def _may_start_phrase(m: _Matcher, words: list[str], lowers: list[str], i: int) -> bool:
    """False when _lookup's phrase loop would find nothing at word i, decided in a few set
    lookups instead of its joins: a term of 2+ words needs the next word to fit its first two
    (m.pairs, m.pair_prefixes)."""
    if i + 1 >= len(words):
        return False
    for seq in (lowers, words):
        first, second = seq[i], seq[i + 1]
        if f"{first} {second}" in m.pairs or any(second.startswith(p) for p in m.pair_prefixes.get(first, ())):
            return True
    return False


def _word_hits(m: _Matcher, lower: str, word: str) -> tuple[_Hit, ...]:
    """One word's hits, memoised: news vocabulary repeats, so most words cost one lookup."""
    memo = m.memo
    found = memo.get(word)
    if found is None:
        found = m.exact.get(lower) or (m.exact.get(word) if word != lower else None) \
            or _prefix_hits(m, lower) or (_prefix_hits(m, word) if word != lower else ()) or ()
        if len(memo) < MEMO_SIZE:
            memo[word] = found
    return found


def _phrase_prefix_hits(m: _Matcher, key: str, first: int) -> tuple[_Hit, ...]:
    """Hits of the longest prefix term of two or more words that the phrase `key` (whose first
    word has `first` characters) starts with, else (). A prefix term within the first word
    ("vote*" in "vote on the budget") is that word's own match, found by _word_hits when no
    phrase matches: returned here, it was taken for a match of the whole phrase, and the
    words after it ("budget") were never scored."""
    for length in m.phrase_prefix_lengths:
        if first < length <= len(key):
            hits = m.prefix.get(key[:length])
            if hits:
                return hits
    return ()


def _prefix_hits(m: _Matcher, key: str) -> tuple[_Hit, ...]:
    """Hits of the longest prefix term ("elect*") that key starts with (3+ characters)."""
    for length in m.prefix_lengths:
        if length <= len(key):
            hits = m.prefix.get(key[:length])
            if hits:
                return hits
    return ()


def _scores(text: str, topics: tuple[TopicDef, ...]) -> dict[str, float]:
    m = _matcher(topics)
    scores: dict[str, float] = {}
    if "’" in text or "'" in text:
        text = _ELISION.sub(lambda m: " " * len(m.group()), text)   # same length: offsets hold
    # Hyphens split words ("cyber-attack" -> "cyber", "attack"), as in the keys.
    words = _WORD_RE.findall(text)
    # The words that start in the lede: those of the lede cut off (a word across the cut is
    # cut short, but still one word). findall, not match objects: the words are most of the work.
    in_lede = len(_WORD_RE.findall(text, 0, LEDE_CHARS))
    lowers = [t.lower() for t in words]
    first_words, memo = m.first_words, m.memo
    i = 0
    while i < len(words):
        word = words[i]
        if word in memo and lowers[i] not in first_words and word not in first_words:
            # The common case, inline: a word seen before that starts no phrase (_lookup's end).
            hits = memo[word]
            n = 1 if hits else 0
        else:
            n, hits = _lookup(m, words, lowers, i)
        if n:
            factor = LEDE_WEIGHT if i < in_lede else 1.0
            for slug, weight in hits:
                scores[slug] = scores.get(slug, 0.0) + weight * factor
            i += n
        else:
            i += 1
    if m.cjk and _CJK.search(text):
        for run in _CJK_RUN.finditer(text):
            s, base = run.group(), run.start()
            k = 0
            while k < len(s):
                found = 0
                terms = m.cjk.get(s[k])
                if terms:
                    for length in m.cjk_lengths[s[k]]:
                        hits = terms.get(s[k:k + length])
                        if hits:
                            factor = LEDE_WEIGHT if base + k < LEDE_CHARS // 3 else 1.0
                            for slug, weight in hits:
                                scores[slug] = scores.get(slug, 0.0) + weight * factor
                            found = length
                            break
                k += found or 1
    return scores


def classify_topics(text: str, topics: tuple[TopicDef, ...],
                    model: TopicModel | None | bool = True) -> tuple[str, ...]:
    """1-3 topic slugs for a story, strongest first; () only when no topics are configured.
    `model`: True for the shipped fitted model (topic_model.py), None or False for the lexicon
    alone. The model only reweighs a story the lexicon has read: with no lexicon hit at all
    the story gets the fallback topic, as a story of unknown words should."""
    if not topics:
        return ()
    clean = _without_people(text)
    scores = _scores(clean, topics)
    if model is True:
        model = default_model()
    if not model or not _read(scores):
        return decide_topics(scores, {}, 0.0, 0.0, topics)
    return decide_topics(scores, model.probabilities(clean), model.blend, model.offset, topics)


def decide_topics(scores: dict[str, float], probabilities: dict[str, float], weight: float,
                  offset: float, topics: tuple[TopicDef, ...]) -> tuple[str, ...]:
    """The topics of a story from its lexicon scores and the model's probabilities blended in
    with `weight` (0: the lexicon alone): the fallback topic when the lexicon read nothing,
    else choose_topics. The refit script decides its grid of weights with it too."""
    if not _read(scores):
        return (_fallback(topics),)
    return choose_topics(blend(scores, probabilities, weight, offset, topics), topics)


def _read(scores: dict[str, float]) -> bool:
    """Whether the lexicon found any of the story's words."""
    return any(v > 0 for v in scores.values())


def blend(scores: dict[str, float], probabilities: dict[str, float], weight: float, offset: float,
          topics: tuple[TopicDef, ...]) -> dict[str, float]:
    """The lexicon's score of every topic plus weight x (the model's probability - offset):
    a topic the model finds likely gains, one it finds unlikely loses (so a passing word no
    longer makes it a second topic)."""
    out = dict(scores)
    for t in topics:
        p = probabilities.get(t.iptc or "")
        if p is not None:
            out[t.slug] = out.get(t.slug, 0.0) + weight * (p - offset)
    return out


def choose_topics(scores: dict[str, float], topics: tuple[TopicDef, ...]) -> tuple[str, ...]:
    """The best-scoring topic always, then up to two more that score MIN_SCORE and either
    RELATIVE_CUT of the best or STRONG_SCORE; with no scores the fallback topic."""
    if not scores:
        return (_fallback(topics),)
    order = {t.slug: k for k, t in enumerate(topics)}
    ranked = sorted(scores, key=lambda s: (-scores[s], order[s]))
    best = scores[ranked[0]]
    keep = [s for s in ranked[1:]
            if scores[s] >= MIN_SCORE and (scores[s] >= RELATIVE_CUT * best or scores[s] >= STRONG_SCORE)]
    return (ranked[0], *keep[:MAX_TOPICS - 1])


def _fallback(topics: tuple[TopicDef, ...]) -> str:
    for code in FALLBACK_CODES:
        for t in topics:
            if t.iptc == code:
                return t.slug
    return topics[0].slug


def _without_people(text: str) -> str:
    """The text with the names of the people it names blanked (same length, so the lede stays
    where it was): a name is not vocabulary ("Istanbul Mayor Ekrem Imamoglu" is not an imam,
    "Chancellor Olaf Scholz" no sport)."""
    from .names import find_people
    for name in find_people(text):
        text = text.replace(name, " " * len(name))
    return text
