"""What one paragraph looks like to the segmenter (its cues): credit, kicker, headline, lede
shape, length, script and language, and the names and content words it uses. Pure; a
paragraph's cues depend on it alone, so a process pool may compute them."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from site_builder.ingest import topic_model
from site_builder.ingest.paragraphs import Paragraph
from site_builder.ingest.text import (
    ends_complete,
    ends_mid_phrase,
    ends_open,
    HEADING_WORDS,
    find_kicker,
    first_sentence,
    has_dateline,
    is_byline,
    is_caps_line,
    is_credit,
    language_of,
    language_tag,
    list_item,
    PRONOUN_STARTS,
    script_of,
    sentence_count,
    without_print_jump,
)

LONG_PARAGRAPH_CHARS = 400   # one-line teasers run 500-1,200 characters; story paragraphs rarely do


_CONTINUATION = re.compile(
    r"^(?:also|meanwhile|in addition|additionally|however|but|and|still|yet|moreover|furthermore|"
    r"separately|earlier|later|elsewhere|he|she|they|it|his|her|their|its|this|that|these|those|"
    r"asked|according to|in a statement|in response|as a result|despite|instead|then|so|"
    r"the (?-i:move|decision|remark|remarks|statement|comment|comments|announcement|verdict|ruling|"
    r"incident|attack|case|plan|deal|proposal|bill|law|report|findings|study|survey|figure|figures|"
    r"official|officials|spokesman|spokeswoman|spokesperson|minister|ministry|company|firm|group|"
    r"court|judge|bureau|agency|government|president|leader|premier|mayor|police|army|military|"
    r"team|club|coach|club's|team's|country|city|region|island|news|same|latter|former|two|three)\b|"
    # (those nouns in small letters: 'the ministry said' refers back, 'The Ministry of Education
    # yesterday said' names a new subject)
    r"il|elle|ils|elles|par ailleurs|en outre|de plus|mais|cependant|toutefois|selon|"
    r"él|ella|ellos|además|asimismo|sin embargo|pero|por otra parte|según|también)\b"
    r"|^[\"“‘'«—–-]"
    r"|^the (?:[A-Z][\w.’'-]* ){1,2}(?:leader|president|minister|official|officials|spokesman|spokeswoman|"
    r"envoy|side|spokesperson)\b"
    r"|^(?:他|她|他們|他们|她們|此外|另外|同時|同时|但|不過|不过|然而|據|据|對此|对此|該|该|「|“|『)",
    re.IGNORECASE)
# "Trump said on Thursday" is a continuation cue even though it starts with a name.
# The news peg of a lede: when it happened, to the day. "Last year" or "this month" is background.
_TIME = re.compile(r"\b(?:yesterday|today|tonight|last night|this morning|"
                   r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                   r"hier|aujourd'hui|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
                   r"ayer|hoy|el (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo))\b"
                   r"|昨天|今天|昨日|今日|昨（|昨\(|前天|本週|本周|上週|上周", re.IGNORECASE)
_TITLE_NAME = re.compile(
    r"\b(?:President|Minister|Premier|Secretary|Chancellor|Governor|Mayor|Chief|General|Admiral|"
    r"Senator|Director|Chairman|Chairwoman|Chair|Ambassador|Prime Minister|Spokesman|Spokeswoman|"
    r"spokesperson|spokesman|spokeswoman|CEO|coach|Judge|Justice|Prosecutor|Commissioner|King|Queen|"
    r"Pope|Dr|Professor|legislator|Legislator|Councilor|Representative|Rep\.|Sen\.)"
    r" (?P<name>(?:[A-Z][\w’'-]+ ){1,2}[A-Z][\w’'-]+)")
_CAP_WORD = re.compile(r"(?<![.!?。]\s)(?<!^)\b([A-Z][\w’'-]{2,}(?:\s+[A-Z][\w’'-]{2,})*)")
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
COMMON_CAPS = frozenset(
    ["the", "this", "that", "these", "those", "there", "their", "they", "he", "she", "it", "its", "his", "her", "we", "our", "but", "and", "also", "after", "before", "when", "while", "with", "from", "for", "in", "on", "at", "by", "as", "if", "asked", "according", "meanwhile", "however", "mr", "mrs", "ms", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "president", "minister"])
STOP_WORDS = frozenset(
    ["that", "with", "from", "have", "this", "were", "been", "which", "would", "their", "there", "about", "after", "said", "says", "told", "also", "will", "into", "more", "than", "some", "when", "what", "while", "where", "other", "they", "them", "over", "under", "against", "between", "during", "since", "could", "should", "being", "because", "very", "just", "only", "such", "most", "many", "much", "even", "still", "here", "those", "these", "then", "year", "years", "week", "month", "time", "people", "last", "first", "second", "last", "made", "make"])
# Three-letter words that say nothing about the subject (longer ones are in STOP_WORDS).
STOP3 = frozenset(["the", "and", "for", "but", "was", "has", "had", "are", "not", "its", "his", "her", "who", "one", "two", "new", "say", "out", "off", "all", "any", "can", "may", "now", "per", "via", "yet", "also", "did", "got", "how", "our", "own", "put", "see", "set", "six", "ten", "too", "use", "way", "why", "yes", "you"])


def _entities(text: str) -> frozenset[str]:
    """Capitalised names (not just sentence-initial words), lower-cased, plus their last words."""
    found: set[str] = set()
    for match in _CAP_WORD.finditer(text):
        name = match.group(1)
        words = [w for w in name.lower().replace("’s", "").replace("'s", "").split() if w not in COMMON_CAPS]
        if not words:
            continue
        found.add(" ".join(words))
        found.update(w for w in words if len(w) > 3)  # "Witkoff" matches "Steve Witkoff"
    for run in _CJK_RUN.findall(text):
        found.update(run[i:i + 2] for i in range(len(run) - 1))
    return frozenset(found)


# A crude stemmer run over the whole sample at once (one regex pass, in C): enough to match
# 'snow'/'snowed' and 'protests'/'protesters'.
_SUFFIX = re.compile(r"(?<=[^\W\d_]{3})(?:ing|ers|ed|es|er|s)\b")


# Words every news paragraph may use whatever its subject (the news peg, "percent"): shared,
# they say nothing about two paragraphs telling the same story. Stemmed and cut as below.
_NOT_TOPICAL = frozenset(w[:6] for w in _SUFFIX.sub("", " ".join([
    "yesterday", "today", "tonight", "tomorrow", "morning", "evening", "night", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "percent", "according", "statement",
    "reported", "reporters", "announced", "officials", "earlier", "later", "hundreds", "thousands",
    "millions"])).split())


def _content_words(text: str) -> frozenset[str]:
    words = _CONTENT_WORD.findall(_SUFFIX.sub("", text.lower()))
    return frozenset(w[:6] for w in words if w not in STOP_WORDS and w not in STOP3) - _NOT_TOPICAL


@lru_cache(maxsize=1)
def _topic_of_word() -> dict[str, int]:
    """Each word of the fitted topic model -> the IPTC code (its index) it speaks for most, if it
    speaks for one clearly (weight over TOPIC_WORD_WEIGHT). A paragraph is too short for the
    model's probabilities, and they cost a third of segmentation; the words' votes are cheap."""
    model = topic_model.default_model()
    if model is None:
        return {}
    votes = {}
    for word, pairs in model.weights.items():
        code, weight = max(pairs, key=lambda pair: pair[1])
        if weight >= TOPIC_WORD_WEIGHT:
            votes[word] = code
    return votes


TOPIC_WORD_WEIGHT = 0.5
_TOPIC_WORD = re.compile(r"[^\W\d_]{2,}")


def _topic_mix(text: str) -> tuple[tuple[int, float], ...]:
    """What the paragraph is about: how many of its topic words (see `_topic_of_word`) speak
    for each IPTC code, as (code index, count) pairs; () when it has none."""
    votes = _topic_of_word()
    counts: dict[int, int] = {}
    for word in set(_TOPIC_WORD.findall(text.lower())):
        code = votes.get(word)
        if code is not None:
            counts[code] = counts.get(code, 0) + 1
    return tuple((code, float(n)) for code, n in sorted(counts.items()))


# How many topic words a topic shift is worth trusting at: a paragraph with one or two topic
# words gives a mix that is mostly chance ('video', 'Telegram' in the second paragraph of a
# summit story), so the distance is scaled by n / (n + TOPIC_EVIDENCE), n the smaller side's
# count. Chosen by the 6-fold CV of scripts/ingest_eval.py (--leave-out r5-): 0 / 2 / 4 / 8 gave
# eval24 the same figures, the round-5 digests left out one at a time exact 0.738 / 0.738 /
# 0.786 / 0.786.
TOPIC_EVIDENCE = 4.0


def topic_distance(a: tuple[tuple[int, float], ...], b: tuple[tuple[int, float], ...]) -> float:
    """Total variation distance between two topic mixes (0 = the same, 1 = nothing in common),
    scaled down when either side has few topic words (TOPIC_EVIDENCE)."""
    total_a = sum(n for _, n in a)
    total_b = sum(n for _, n in b)
    shares = {code: n / total_a for code, n in a}
    for code, n in b:
        shares[code] = shares.get(code, 0.0) - n / total_b
    fewer = min(total_a, total_b)
    return fewer / (fewer + TOPIC_EVIDENCE) * 0.5 * sum(abs(v) for v in shares.values())


@dataclass(frozen=True, slots=True)
class Cues:
    credit: bool
    byline: bool             # "By Jane Doe": a credit that opens a story
    blank_before: bool
    kicker: bool
    kicker_only: bool        # a kicker line with nothing after the colon: the deck follows
    heading: bool            # a short line without final punctuation: a headline on its own line
    complete: bool           # ends a sentence (or opens onto what follows, with a colon)
    long: bool
    continuation: bool
    lower_start: bool        # starts with a small letter: the previous line was wrapped, not cut
    dateline: bool
    lede: float
    shaped: bool             # a long first sentence with a subject of its own: lede-shaped
    text: str
    sentences: int           # how many sentences (up to 5) in its first 1,000 characters
    script: str
    language: str
    entities: frozenset[str]
    words: frozenset[str]
    indefinite: bool         # opens "A …"/"An …": a subject introduced, not referred back to
    anaphoric_time: bool     # "The central bank last night raised …": "The …" with a news peg
    topics: tuple[tuple[int, float], ...]  # its topic words per code (`_topic_mix`); () without any
    item: str = ""           # a list item's number or bullet ('3', '•'); the other cues read the text after it


ANAPHORIC_START = re.compile(r"^(?:[Tt]he|[Tt]his|[Tt]hat|[Ll]e|[Ll]a|[Ll]es|[Ee]l|[Ll]os|[Ll]as)\s+[a-z]")
_INDEFINITE_START = re.compile(r"^(?:An?|Une?|Una)\s")


# 'In a statement …,' refers back ('…, the ministry said') unless a name follows its comma:
# 'In a statement released late on Thursday, Boeing Co said …' opens a story about Boeing.
_STATEMENT_OPENER = re.compile(r"^(?:in a statement|in response)\b[^,]{0,100},\s+(?P<next>\S+)", re.IGNORECASE)
_BACK_REFERENCES = PRONOUN_STARTS | {"The", "That"}


def _continues(text: str) -> bool:
    """Whether the paragraph opens as a continuation (_CONTINUATION), a statement phrase
    followed by a new name excepted."""
    if not _CONTINUATION.match(text):
        return False
    statement = _STATEMENT_OPENER.match(text)
    if statement:
        following = statement.group("next")
        return not (following[:1].isupper() and following not in _BACK_REFERENCES)
    return True


# A time word opening the paragraph ('On Monday, the minister met …') sets a scene in a story
# already told; a lede's peg follows its subject ('Taiwan yesterday denied …').
_TIME_FIRST = re.compile(r"^(?:on |late |early |last |this |yesterday|today|tonight)[^,]{0,20},", re.IGNORECASE)


def _lede_strength(text: str, cjk: bool) -> float:
    """How much the paragraph opens like a fresh story.

    A time word early in the first sentence after a named subject ("Taiwan yesterday denied",
    "Japan’s largest brewer Asahi said on Monday") is the newswire lede; "The quake struck on
    Friday" refers back, so it does not count. A full name introduced with a title counts a little.
    """
    if _continues(text):
        return 0.0
    strength = 0.0
    if cjk:
        if _TIME.search(text[:24]):
            strength += 0.4
        return strength
    opening = " ".join(text.split()[:12])
    anaphoric = bool(ANAPHORIC_START.match(text))
    if not anaphoric:
        if _TIME.search(opening) and _TIME_FIRST.match(text):
            strength += 0.1
        elif _TIME.search(opening):
            strength += 0.4
        elif _TIME.search(first_sentence(text[:600])):
            strength += 0.25             # "… , the government said on Sunday."
    if _TITLE_NAME.search(text[:160]):
        strength += 0.1
    return strength


def _lede_shaped(text: str, cjk: bool) -> bool:
    """A first sentence of 18+ words with a subject of its own ('Heavy snow has closed …',
    'A court in Istanbul sentenced …'), not a pronoun or 'The proposed settlement …'."""
    if cjk or not text[:1].isupper() or _continues(text) or ANAPHORIC_START.match(text):
        return False
    return len(first_sentence(text[:600]).split()) >= 18


def _is_long(text: str, cjk: bool) -> bool:
    """A paragraph long enough to be a whole teaser: several sentences, or a cut-off run."""
    if cjk:
        return len(text) >= LONG_PARAGRAPH_CHARS // 3
    return len(text) >= LONG_PARAGRAPH_CHARS and sentence_count(text[:2000], at_most=3) >= 3


def paragraph_cues(paragraph: Paragraph) -> Cues:
    return cues_of(paragraph.text, paragraph.blank_before)


def cues_of(text: str, blank_before: bool) -> Cues:
    """A paragraph's cues from its text and whether a blank line comes before it."""
    item, text = list_item(text)
    # A print edition's jump ('Continued on Page 3') neither ends a sentence nor opens a story:
    # read without it, and a line of nothing else as a credit is read (it never starts a story).
    jumpless = without_print_jump(text)
    jump_only = bool(text) and not jumpless
    text = jumpless or text
    script = script_of(text)
    cjk = script == "cjk"
    credit = is_credit(text) or jump_only
    byline = credit and is_byline(text)
    kicker = find_kicker(text) if not credit else None
    caps_line = not credit and kicker is None and is_caps_line(text)
    complete = ends_complete(text) or ends_open(text)
    plain = not credit and not kicker and not caps_line and not complete
    if cjk:
        heading = plain and len(text) <= 30
    else:
        heading = plain and len(text) <= 90 and len(text.split()) <= HEADING_WORDS and text[:1].isupper() \
            and not ends_mid_phrase(text)
    sample = text[:800]  # enough to know what a paragraph is about; keeps the scan linear
    return Cues(
        credit=credit,
        kicker=kicker is not None or caps_line,
        kicker_only=kicker is not None and not kicker.rest or caps_line,
        byline=byline,
        blank_before=blank_before,
        heading=heading,
        complete=complete or credit,
        long=_is_long(text, cjk),
        continuation=_continues(text),
        lower_start=text[:1].islower(),
        dateline=has_dateline(text),
        lede=_lede_strength(text, cjk),
        shaped=_lede_shaped(text, cjk),
        text=text,
        sentences=sentence_count(text[:1000], at_most=5),
        script=script,
        # Chinese, Japanese and Korean share the script: a Korean item after a Japanese one is
        # told by its language (zh-Hant and zh-Hans are one here: a story may mix them).
        language=language_tag(text).split("-")[0] if cjk else language_of(text, script),
        entities=_entities(sample),
        words=_content_words(sample),
        indefinite=bool(_INDEFINITE_START.match(text)),
        anaphoric_time=bool(ANAPHORIC_START.match(text)) and bool(_TIME.search(" ".join(text.split()[:12]))),
        topics=_topic_mix(sample) if not credit else (),
        item=item,
    )


# Between processes a paragraph's cues travel as a plain tuple without the text (the parent
# has it): a dataclass pickles field by field, and the text would cross twice.
_PACKED = tuple(f.name for f in fields(Cues) if f.name != "text")


def packed_cues(text: str, blank_before: bool) -> tuple:
    cues = cues_of(text, blank_before)
    return tuple(getattr(cues, name) for name in _PACKED)


def unpacked_cues(text: str, values: tuple) -> Cues:
    fields_ = dict(zip(_PACKED, values))
    return Cues(text=list_item(text)[1] if fields_["item"] else text, **fields_)
