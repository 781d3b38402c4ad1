"""Ingest's fast paths give exactly what the plain forms they replaced give.

Each speed-up of ingest (issue 13: keep ingest at >= 1 MB/s) keeps a straightforward form here,
and the fast one must agree with it on every story of the test digests and the seed, and on
made-up text aimed at the edges the fast form could get wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from site_builder.config import parse_config
from site_builder.ingest import namewords, places, topics
from site_builder.ingest.digest import read_digest
from site_builder.ingest.segment import segment

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = sorted((ROOT / "tests" / "ingest" / "digests").glob("*.txt")) + [ROOT / "content" / "digests" / "2025-04-26.txt"]

# Text aimed at the fast forms' edges: capitals after elisions, apostrophes, hyphens and digits;
# phrases in capitals and lower case, prefix phrases, a term across the lede's end.
EDGES = (
    "l’Élysée and d'Artagnan met N’Djamena’s mayor; x-Ray, 3M, O'Neill, al-Assad and McDonald’s.",
    "The Prime Minister and the prime minister said an air strike, air strikes and airstrikes hit.",
    "PRIME MINISTER Peace Deal peace deals Peace deal; the World Cup and the world cup final.",
    "A" * 240 + " ceasefire ceasefire’s war-torn election elections elected",
    "word " * 49 + "ceasefire talks" + " peace" * 3,
    "Il a dit qu’il l’économie; c’est l’armée d’Israël à l’ONU.",
    "Ñandú Ōsaka Łódź Ürümqi ÀÉÎ ĀĒ ſ ÞÓR — ‘Taiwan’ “Japan” (China) [Korea] -Peru ’Chile",
    "",
    "no capitals at all, only words and numbers 1,000 and 2.5%",
)


def _texts() -> list[str]:
    out = list(EDGES)
    for path in DIGESTS:
        for seg in segment(read_digest(path)):
            out.append("\n".join(p.text for p in seg.paragraphs))
            out += [p.text for p in seg.paragraphs]
    return out


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def _agreeing(fast: Callable[[str], object], plain: Callable[[str], object], texts: list[str]) -> int:
    """Assert that fast gives what plain gives on every text; how many results were not empty
    (so that a test can say its comparison was not between empty answers)."""
    found = 0
    for text in texts:
        expected = plain(text)
        assert fast(text) == expected, text
        found += bool(expected)
    return found


def test_the_texts_are_many(texts: list[str]) -> None:
    assert len(texts) > 250


# --- capitalised runs: the look-behind after the first capital --------------------------------

_PLAIN_PLACE_SPAN = re.compile(
    rf"(?:(?<=\b[lLdD][’'])|(?<![\w’'-])){places._WORD}"
    rf"(?:[ \u00a0](?:(?:of|the|and|de|del|da|do|al|el|la)[ \u00a0])*{places._WORD})*")
_PLAIN_NAME_SPAN = re.compile(
    rf"(?<![\w’'\-]){namewords._WORD_CHARS}(?:[ \u00a0](?:(?:of|for|and|the|on|de|da|del|der|van|von|bin|al)"
    rf"[ \u00a0])*{namewords._WORD_CHARS})*")


@pytest.mark.parametrize(("fast", "plain"), [(places._SPAN_RE, _PLAIN_PLACE_SPAN),
                                             (namewords._SPAN_RE, _PLAIN_NAME_SPAN)],
                         ids=["places", "namewords"])
def test_capitalised_runs_are_the_plain_patterns_runs(texts: list[str], fast: re.Pattern[str],
                                                      plain: re.Pattern[str]) -> None:
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text
        # From inside the text too, as names.py reads sentence by sentence.
        mid = len(text) // 2
        assert [m.span() for m in fast.finditer(text, mid)] == [m.span() for m in plain.finditer(text, mid)], text


# --- topic lexicon: the plain scan of every word --------------------------------------------------

def _plain_scores(text: str, configured: tuple) -> dict[str, float]:
    """topics._scores as it was: every word through the full lookup, each word's offset kept."""
    m = topics._matcher(configured)
    scores: dict[str, float] = {}
    if "’" in text or "'" in text:
        text = topics._ELISION.sub(lambda x: " " * len(x.group()), text)
    tokens = [(w.group(), w.start()) for w in topics._WORD_RE.finditer(text)]
    words = [t for t, _ in tokens]
    lowers = [t.lower() for t in words]
    i = 0
    while i < len(words):
        n, hits = 0, ()
        if lowers[i] in m.first_words or words[i] in m.first_words:
            for k in range(min(topics.MAX_PHRASE, len(words) - i), 1, -1):
                for seq in (lowers, words):
                    key = " ".join(seq[i:i + k])
                    hits = m.exact.get(key) or topics._phrase_prefix_hits(m, key, len(seq[i]))
                    if hits:
                        n = k
                        break
                if n:
                    break
        if not n:
            hits = topics._word_hits(m, lowers[i], words[i])
            n = 1 if hits else 0
        if n:
            factor = topics.LEDE_WEIGHT if tokens[i][1] < topics.LEDE_CHARS else 1.0
            for slug, weight in hits:
                scores[slug] = scores.get(slug, 0.0) + weight * factor
            i += n
        else:
            i += 1
    return scores


def test_topic_scores_are_the_plain_scans(texts: list[str]) -> None:
    config = parse_config(yaml.safe_load((ROOT / "config.yaml").read_text("utf-8")), ROOT)
    cjk_free = [t for t in texts if not topics._CJK.search(t)]   # the CJK scan is unchanged
    assert len(cjk_free) > 200
    read = 0
    for text in cjk_free:
        expected = _plain_scores(text, config.topics)
        assert topics._scores(text, config.topics) == expected, text
        read += bool(expected)
    assert read > 150   # the comparison is not between empty scores


def test_a_phrase_is_still_found_where_the_fast_check_looks() -> None:
    """The phrase check must let through a phrase in capitals, one in lower case, and a prefix
    phrase; a word that only opens phrases elsewhere is read as a word."""
    config = parse_config(yaml.safe_load((ROOT / "config.yaml").read_text("utf-8")), ROOT)
    m = topics._matcher(config.topics)
    phrases = sorted(k for k in m.exact if k.count(" ") == 1)
    assert phrases, "the lexicon has two-word terms"
    for phrase in phrases[:200]:
        words = phrase.split(" ")
        assert topics._may_start_phrase(m, words, [w.lower() for w in words], 0), phrase
    for key in sorted(k for k in m.prefix if " " in k)[:50]:
        words = (key + "xyz").split(" ")
        assert topics._may_start_phrase(m, words, [w.lower() for w in words], 0), key


# --- places: reactions are looked for sentence by sentence only where the text has one ---------

def _plain_reaction_sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans = places.sentence_spans(text)
    return tuple((a, b) for a, b in spans[1:] if places._REACTION.search(text, a, b))


def test_reaction_sentences_are_the_plain_ones(texts: list[str]) -> None:
    extra = ("Japan said it would help. Spain condemned the attack. France welcomed it.",
             "Condemned at first. Then praised. Congratulations poured in from Korea.",
             "He sent congratulations. They expressed concern and offered aid.")
    assert _agreeing(places._reaction_sentences, _plain_reaction_sentences, [*texts, *extra]) >= 3


# --- names: the runs of a story are cached, and no caller can change them for the next ---------

def test_capitalised_runs_come_fresh_to_each_caller() -> None:
    text = "Foreign Minister Lin Chia-lung met Kenji Sato in Tokyo. The Bank of Japan said so."
    first = namewords._spans(text)
    expected = [(s, e, list(w)) for s, e, w in first]
    first[0][2].append("Extra")
    first.append((0, 0, ["Mutated"]))
    assert namewords._spans(text) == expected


# --- places: what the segmenter asks is country_scores' order, without the context reading ----

def _scored_codes(text: str) -> tuple[str, ...]:
    return tuple(c.code for c in places.country_scores(text))


def test_find_countries_is_the_order_of_country_scores(texts: list[str]) -> None:
    extra = ("Atlanta police said Georgia voters and Georgia’s president Salome Zourabichvili met.",
             "Talks in Geneva between Japan, China and South Korea; Tbilisi, Georgia, and Latin America.",
             "The summit opens in Hiroshima; prices are higher than in Brazil or Chile. 台灣與日本")
    assert _agreeing(places.find_countries, _scored_codes, [*texts, *extra]) > 200
