"""Segmentation: a digest's lines -> stories. Pure and linear in the size of the digest.

The digest is first cut into paragraphs (one per line, or one per block of lines when the text
is hard-wrapped with blank lines between paragraphs). Between each pair of paragraphs we decide
"same story" or "new story", scanning left to right against the story built so far:

hard rules (never wrong on any labelled digest; `_hard_decision`)
  - photo and reporting credits ("Photo: EPA-EFE", "Additional reporting by …") and sign-offs
    ("— Reuters") never start a story; the line after a kicker-only line or a headline never does;
  - a kicker (‘ABUSE OF POWER’: …, INDO-PACIFIC REGION: …, ‘BLUE-WHITE’ SPLIT: …, COVID-19: …,
    ‘濫權’：…), a headline line, a "By …" byline, a paragraph after one cut off mid-sentence, a
    change of script or language, or a dateline (KYIV (Reuters) -, （中央社記者…台北26日電）) does.
the model (everything else; `candidate_features`, `BoundaryModel`)
  - a logistic regression over features of the candidate: continuity with the story so far
    (names and content words in common, the surname or name the paragraph opens with, pronoun
    and "The company …" openers, "In Washington, …"), the signs of a new story (a lede with a
    time word, a long first sentence, a long one-line teaser, countries the story never named),
    lengths and sentence counts, and the segmenter's former hand-set score as one feature.
    "Staff writer, with CNA" between stories is left to it: it opens some stories and closes others.
The weights are data, site_builder/ingest/data/segmenter.json, fitted to every labelled digest by
scripts/fit_segmenter.py and read here in pure Python. Decoding is greedy: a boundary where the
probability reaches the model's threshold.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from site_builder.ingest import text as tx
from site_builder.ingest.digest import Line

LONG_PARAGRAPH_CHARS = 400   # one-line teasers run 500-1,200 characters; story paragraphs rarely do
WINDOW = 4                   # paragraphs of the current story compared for content-word cohesion


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the digest: its physical lines (non-blank only) and joined text."""

    lines: tuple[Line, ...]
    text: str
    blank_before: bool = False   # a blank line separates it from the paragraph before

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number


@dataclass(frozen=True, slots=True)
class Segment:
    """One story: consecutive paragraphs, with why it was started (for reports and tuning)."""

    paragraphs: tuple[Paragraph, ...]
    reason: str = "start"

    @property
    def first(self) -> int:
        return self.paragraphs[0].first

    @property
    def last(self) -> int:
        return self.paragraphs[-1].last

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for p in self.paragraphs for line in p.lines)


# --- paragraphs ------------------------------------------------------------------------------

def _blocks(lines: Iterable[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_hard_wrapped(blocks: list[list[Line]]) -> bool:
    """True when paragraphs are blocks of short lines (text wrapped at ~70 columns).

    In that layout most lines inside a block end mid-sentence and are short; in the usual
    digest layout every line is a whole paragraph.
    """
    inner = [line for block in blocks for line in block[:-1]]
    if len(inner) < 3:
        return False
    short_open = sum(1 for line in inner if len(line.text) <= 100 and not tx.ends_complete(line.text))
    return short_open >= 0.6 * len(inner)


def _join(texts: list[str]) -> str:
    joined = texts[0]
    for piece in texts[1:]:
        glue = "" if tx.is_cjk(joined[-1:]) and tx.is_cjk(piece[:1]) else " "
        if joined.endswith("-") and not joined.endswith(" -") and piece[:1].islower():
            glue = ""  # a word hyphenated across the wrap
        joined += glue + piece
    return joined


def paragraphs(lines: tuple[Line, ...]) -> tuple[Paragraph, ...]:
    """Lines -> paragraphs: one per non-blank line, or per block when the text is hard-wrapped."""
    blocks = _blocks(lines)
    if _is_hard_wrapped(blocks):
        result = []
        # Without blank lines the only paragraph ends are lines that end a sentence and are
        # followed by a capital; with them, the blocks are the paragraphs.
        split_sentences = len(blocks) == 1
        for block in blocks:
            # Credit lines stay paragraphs of their own even inside a block.
            run: list[Line] = []
            for line in block:
                if split_sentences and run and tx.ends_complete(run[-1].text) and line.text[:1].isupper():
                    result.append(Paragraph(tuple(run), _join([x.text for x in run])))
                    run = []
                if tx.is_credit(line.text) or tx.find_kicker(line.text) and run:
                    if run:
                        result.append(Paragraph(tuple(run), _join([x.text for x in run])))
                    run = []
                    if tx.is_credit(line.text):
                        result.append(Paragraph((line,), line.text))
                        continue
                run.append(line)
            if run:
                result.append(Paragraph(tuple(run), _join([x.text for x in run])))
        return tuple(result)
    return tuple(Paragraph((line,), line.text, i == 0 and n > 0)
                 for n, block in enumerate(blocks) for i, line in enumerate(block))


# --- features --------------------------------------------------------------------------------

_CONTINUATION = re.compile(
    r"^(?:also|meanwhile|in addition|additionally|however|but|and|still|yet|moreover|furthermore|"
    r"separately|earlier|later|elsewhere|he|she|they|it|his|her|their|its|this|that|these|those|"
    r"asked|according to|in a statement|in response|as a result|despite|instead|then|so|"
    r"the (?:move|decision|remark|remarks|statement|comment|comments|announcement|verdict|ruling|"
    r"incident|attack|case|plan|deal|proposal|bill|law|report|findings|study|survey|figure|figures|"
    r"official|officials|spokesman|spokeswoman|spokesperson|minister|ministry|company|firm|group|"
    r"court|judge|bureau|agency|government|president|leader|premier|mayor|police|army|military|"
    r"team|club|coach|club's|team's|country|city|region|island|news|same|latter|former|two|three)\b|"
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
_COMMON_CAPS = frozenset(
    ["the", "this", "that", "these", "those", "there", "their", "they", "he", "she", "it", "its", "his", "her", "we", "our", "but", "and", "also", "after", "before", "when", "while", "with", "from", "for", "in", "on", "at", "by", "as", "if", "asked", "according", "meanwhile", "however", "mr", "mrs", "ms", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "president", "minister"])
_STOP = frozenset(
    ["that", "with", "from", "have", "this", "were", "been", "which", "would", "their", "there", "about", "after", "said", "says", "told", "also", "will", "into", "more", "than", "some", "when", "what", "while", "where", "other", "they", "them", "over", "under", "against", "between", "during", "since", "could", "should", "being", "because", "very", "just", "only", "such", "most", "many", "much", "even", "still", "here", "those", "these", "then", "year", "years", "week", "month", "time", "people", "last", "first", "second", "last", "made", "make"])
# Three-letter words that say nothing about the subject (longer ones are in _STOP).
_STOP3 = frozenset(["the", "and", "for", "but", "was", "has", "had", "are", "not", "its", "his", "her", "who", "one", "two", "new", "say", "out", "off", "all", "any", "can", "may", "now", "per", "via", "yet", "also", "did", "got", "how", "our", "own", "put", "see", "set", "six", "ten", "too", "use", "way", "why", "yes", "you"])


def _entities(text: str) -> frozenset[str]:
    """Capitalised names (not just sentence-initial words), lower-cased, plus their last words."""
    found: set[str] = set()
    for match in _CAP_WORD.finditer(text):
        name = match.group(1)
        words = [w for w in name.lower().replace("’s", "").replace("'s", "").split() if w not in _COMMON_CAPS]
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


def _content_words(text: str) -> frozenset[str]:
    words = _CONTENT_WORD.findall(_SUFFIX.sub("", text.lower()))
    return frozenset(w[:6] for w in words if w not in _STOP and w not in _STOP3)


@dataclass(frozen=True, slots=True)
class _Features:
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


_ANAPHORIC_START = re.compile(r"^(?:[Tt]he|[Tt]his|[Tt]hat|[Ll]e|[Ll]a|[Ll]es|[Ee]l|[Ll]os|[Ll]as)\s+[a-z]")


def _lede_strength(text: str, cjk: bool) -> float:
    """How much the paragraph opens like a fresh story.

    A time word early in the first sentence after a named subject ("Taiwan yesterday denied",
    "Japan’s largest brewer Asahi said on Monday") is the newswire lede; "The quake struck on
    Friday" refers back, so it does not count. A full name introduced with a title counts a little.
    """
    if _CONTINUATION.match(text):
        return 0.0
    strength = 0.0
    if cjk:
        if _TIME.search(text[:24]):
            strength += 0.4
        return strength
    opening = " ".join(text.split()[:12])
    anaphoric = bool(_ANAPHORIC_START.match(text))
    if not anaphoric:
        if _TIME.search(opening):
            strength += 0.4
        elif _TIME.search(tx.first_sentence(text[:600])):
            strength += 0.25             # "… , the government said on Sunday."
    if _TITLE_NAME.search(text[:160]):
        strength += 0.1
    return strength


def _lede_shaped(text: str, cjk: bool) -> bool:
    """A first sentence of 18+ words with a subject of its own ('Heavy snow has closed …',
    'A court in Istanbul sentenced …'), not a pronoun or 'The proposed settlement …'."""
    if cjk or not text[:1].isupper() or _CONTINUATION.match(text) or _ANAPHORIC_START.match(text):
        return False
    return len(tx.first_sentence(text[:600]).split()) >= 18


def _is_long(text: str, cjk: bool) -> bool:
    """A paragraph long enough to be a whole teaser: several sentences, or a cut-off run."""
    if cjk:
        return len(text) >= LONG_PARAGRAPH_CHARS // 3
    return len(text) >= LONG_PARAGRAPH_CHARS and tx.sentence_count(text[:2000], at_most=3) >= 3


def _features(paragraph: Paragraph) -> _Features:
    text = paragraph.text
    script = tx.script_of(text)
    cjk = script == "cjk"
    credit = tx.is_credit(text)
    byline = credit and tx.is_byline(text)
    kicker = tx.find_kicker(text) if not credit else None
    caps_line = not credit and kicker is None and tx.is_caps_line(text)
    complete = tx.ends_complete(text) or tx.ends_open(text)
    plain = not credit and not kicker and not caps_line and not complete
    if cjk:
        heading = plain and len(text) <= 30
    else:
        heading = plain and len(text) <= 90 and len(text.split()) <= 14 and text[:1].isupper() \
            and not tx.ends_mid_phrase(text)
    sample = text[:800]  # enough to know what a paragraph is about; keeps the scan linear
    return _Features(
        credit=credit,
        kicker=kicker is not None or caps_line,
        kicker_only=kicker is not None and not kicker.rest or caps_line,
        byline=byline,
        blank_before=paragraph.blank_before,
        heading=heading,
        complete=complete or credit,
        long=_is_long(text, cjk),
        continuation=bool(_CONTINUATION.match(text)),
        lower_start=text[:1].islower(),
        dateline=tx.has_dateline(text),
        lede=_lede_strength(text, cjk),
        shaped=_lede_shaped(text, cjk),
        text=text,
        sentences=tx.sentence_count(text[:1000], at_most=5),
        script=script,
        language=tx.language_of(text, script),
        entities=_entities(sample),
        words=_content_words(sample),
    )


@dataclass(slots=True)
class _Story:
    """The story being built while scanning: what it has said so far."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    features: list[_Features] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    reason: str = "start"
    countries: set[str] = field(default_factory=set)
    countries_seen: int = 0            # how many of `paragraphs` are in `countries` (looked up lazily)

    def story_countries(self) -> set[str]:
        """Countries the story has named so far; looked up only when a decision needs them."""
        while self.countries_seen < len(self.paragraphs):
            feats = self.features[self.countries_seen]
            if not feats.credit:
                self.countries.update(_countries(feats.text))
            self.countries_seen += 1
        return self.countries

    def add(self, paragraph: Paragraph, feats: _Features) -> None:
        self.paragraphs.append(paragraph)
        self.features.append(feats)
        if not feats.credit:
            self.entities |= feats.entities
            self.words |= feats.words

    def body_features(self) -> list[_Features]:
        return [f for f in self.features if not f.credit]


# --- the boundary decision: hard rules, then a fitted logistic model -------------------------
# ‘BLUE-WHITE’ SPLIT:, ‘US-CHINA’ TIES: — a quoted label in capitals with more capitals after
# the closing quote, which text.find_kicker (a label wholly inside or wholly outside quotes)
# does not take for a kicker.
_QUOTED_KICKER = re.compile(r"^[‘'\"“][A-Z0-9][A-Z0-9 &.,-]*[’'\"”](?: [A-Z0-9][A-Z0-9&-]*){1,4}\s*[:：]\s")
_PRONOUN_START = re.compile(r"^(?:he|she|they|it|his|her|their|its|we|il|elle|ils|elles|él|ella|ellos)\b"
                            r"|^(?:他|她|他們|他们|她們)", re.IGNORECASE)
_PLACE_OPENER = re.compile(r"^(?:In|At|From|En|À|A) [A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}, ")
_SIGN_OFF = re.compile(r"^[—–-]+\s*[A-Z][\w.&/ -]{1,30}$")
# The subject a paragraph opens with: a run of capitalised words ("Kaohsiung City Council Speaker
# Hsu Kun-yuan", "Pelosi’s", "King Charles III").
_SUBJECT = re.compile(r"^[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|de|del|van|von|al))*")
_STAFF_BYLINE = re.compile(r"^(?:staff (?:writer|reporter)s?|special to the|from staff reports)", re.IGNORECASE)


def _hard_decision(story: _Story, body: list[_Features], feats: _Features) -> tuple[bool, str] | None:
    """(starts a story?, reason) when a rule that is never wrong decides; None leaves it to the model."""
    if feats.credit and not feats.byline:
        return False, ""                 # photo and reporting credits never start a story
    if not body:
        return False, ""                 # only credits so far: this is the story's first text
    prev = body[-1]
    if prev.kicker_only or prev.heading:
        return False, ""                 # the kicker or headline line introduces this paragraph
    if feats.byline:
        if _STAFF_BYLINE.match(feats.text):
            return None                  # "Staff writer, with CNA" opens the next story or closes this one
        return (not story.features[-1].byline), "byline"   # "By Jane Doe" opens a story
    if _SIGN_OFF.match(feats.text):
        return False, ""                 # "— Reuters" signs off the story before it
    if feats.kicker or _QUOTED_KICKER.match(feats.text):
        return True, "kicker"
    if feats.heading:
        return True, "heading"
    # Never wrong on any labelled digest, so rules rather than features: a paragraph cut off
    # mid-sentence (a teaser the layout truncated; a hard-wrapped paragraph is joined first),
    # a change of script or language, a wire dateline.
    if not prev.complete and not feats.lower_start:
        return True, "cut-off"
    if feats.script and prev.script and feats.script != prev.script:
        return True, "script"
    if feats.language and prev.language and feats.language != prev.language:
        return True, "language"
    if feats.dateline:
        return True, "dateline"
    return None


def _overlap(entities: frozenset[str] | set[str], words: frozenset[str] | set[str],
             story: _Story) -> tuple[float, float, float]:
    """Names in common (capped at 4, scaled to 0..1), their share, and the content-word share."""
    common = len(entities & story.entities)
    shared = common / len(entities) if entities else 0.5
    word_share = len(words & story.words) / len(words) if words else 0.5
    return min(common, 4) / 4, shared, word_share


def candidate_features(story: _Story, body: list[_Features], feats: _Features, ahead: _Features | None,
                       sparse_blanks: bool) -> dict[str, float]:
    """What the model weighs for 'this paragraph starts a new story', each roughly in 0..1.

    Continuity with the story so far (names, surnames, words, pronouns) says 'same story';
    a lede shape, a long one-line teaser, names or countries the story has never used say
    'new story'. Only asked where `_hard_decision` left the answer open.
    """
    prev = body[-1]
    text = feats.text
    if feats.byline:
        # "Staff writer, with CNA" between two stories closes the one before (the Taipei Times
        # prints it last) or opens the next; what follows it tells which. ("By …" is a rule.)
        nxt = ahead if ahead is not None and not ahead.credit else None
        return {"staff_byline": 1.0,
                "byline_before_lede": nxt.lede + float(nxt.shaped) if nxt else 0.0,
                "byline_before_long": float(nxt.long) if nxt else 0.0}
    f: dict[str, float] = {}
    f["continuation"] = float(feats.continuation)
    f["pronoun_start"] = float(bool(_PRONOUN_START.match(text)))
    f["anaphoric_start"] = float(bool(_ANAPHORIC_START.match(text)))
    f["quote_start"] = float(text[:1] in "\"“‘'«「『")
    f["number_start"] = float(text[:1].isdigit())
    f["place_opener"] = float(bool(_PLACE_OPENER.match(text)))
    f["lede"] = feats.lede
    f["shaped"] = float(feats.shaped)
    f["long"] = float(feats.long)
    f["prev_long"] = float(prev.long)
    f["lone_teaser_before"] = float(body[0].long and len(body) == 1)
    f["cur_cut_off"] = float(not feats.complete)
    f["story_paragraphs"] = min(len(body), 8) / 8
    f["length"] = min(len(text), 1500) / 1500
    f["prev_length"] = min(len(prev.text), 1500) / 1500
    f["after_byline"] = float(story.features[-1].byline and len(story.features) > 1)
    f["sentences"] = feats.sentences / 5
    f["prev_sentences"] = prev.sentences / 5
    # A story of one short complete paragraph so far: briefs that run together.
    f["brief_before"] = float(len(body) == 1 and prev.complete and len(prev.text) < 400)
    # A fresh lede after a story of several paragraphs: consecutive leads with no kicker.
    f["lede_after_lead"] = feats.lede if len(body) >= 3 else 0.0
    if sparse_blanks:
        f["blank_before"] = 1.0 if feats.blank_before else 0.0
        f["no_blank_before"] = 0.0 if feats.blank_before else 1.0
    # Continuity. The paragraph alone, and with the next one (TextTiling-like).
    common, shared, words = _overlap(feats.entities, feats.words, story)
    f["names_common"] = common
    f["names_shared"] = shared
    f["no_names_common"] = float(bool(feats.entities) and common == 0)
    f["words_shared"] = words
    f["names_new"] = min(len(feats.entities - story.entities), 6) / 6
    if ahead is not None and not ahead.credit and not ahead.kicker:
        common2, _, words2 = _overlap(feats.entities | ahead.entities, feats.words | ahead.words, story)
        f["names_common_ahead"] = common2
        f["words_shared_ahead"] = words2
    # The subject's surname at the start ("Yoon declared …", "Pelosi’s delegation …"): a name the
    # story has used already continues it; a capitalised name it has never used is a new subject.
    subject = _SUBJECT.match(text) if feats.script != "cjk" else None
    if subject:
        names = [w.strip(".").replace("’s", "").replace("'s", "") for w in subject.group(0).lower().split()]
        names = [w for w in names if len(w) > 2 and w not in _COMMON_CAPS and w not in _STOP and w not in _STOP3]
        if names:
            seen = names[-1] in story.entities          # the surname, or the run's last word
            f["first_name_seen"] = float(seen)
            f["first_name_new"] = float(not seen)
            f["lede_seen_subject"] = feats.lede if seen else 0.0
    f["hand_score"] = max(-1.0, min(1.5, _hand_score(story, body, feats, ahead)))
    if feats.shaped:
        # A lede-shaped paragraph naming only countries the story has not named. Looked up
        # only here: the gazetteer is the slow part.
        mine = set(_countries(text))
        theirs = story.story_countries() if mine else set()
        f["new_countries"] = float(bool(mine and theirs and not mine & theirs))
    return f


def _hand_score(story: _Story, body: list[_Features], feats: _Features, ahead: _Features | None) -> float:
    """The hand-set evidence score of the segmenter before the model (0.5 was its threshold),
    now one feature among others: it packs what a few digests taught about teasers and ledes."""
    if feats.continuation:
        return -1.0
    score = feats.lede
    if feats.long:
        score += 0.4                     # a long one-line paragraph is usually a teaser of its own
    if body[0].long and len(body) == 1:
        score += 0.4                     # ... and what follows a lone teaser is another story
    # Cohesion: the paragraph (and the one after it, TextTiling-like) against the story so far.
    entities = set(feats.entities)
    words = set(feats.words)
    if ahead is not None and not ahead.credit and not ahead.kicker:
        entities |= ahead.entities
        words |= ahead.words
    if entities:
        common = len(entities & story.entities)
        shared = common / len(entities)
        if common == 0 or feats.script == "cjk" and shared < 0.15:
            score += 0.15
        elif common >= 3 or common >= 2 and shared >= 0.25:
            score -= 0.5
        else:
            score -= 0.2                 # one name in common ('Madrid', 'Gobierno') proves little
    if words:
        overlap = len(words & story.words) / len(words)
        if overlap < 0.12:
            score += 0.15
        elif overlap > 0.3:
            score -= 0.3
    if feats.shaped and score < 0.5:
        # A lede-shaped paragraph that names only countries the story has not named starts
        # another story ('Heavy snow has closed schools … across Poland' after a story on
        # California). Places carry what words miss, but sharing one proves little: in a
        # national paper every story is about the same country. Looked up only here.
        mine = set(_countries(feats.text))
        theirs = story.story_countries() if mine else set()
        if mine and theirs and not mine & theirs:
            score += 0.35
    return score


@dataclass(frozen=True, slots=True)
class BoundaryModel:
    """Logistic regression over candidate_features: P(new story) = σ(bias + Σ weight·feature)."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_json(cls, data: dict) -> BoundaryModel:
        return cls(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                   threshold=float(data.get("threshold", 0.5)))


MODEL_PATH = Path(__file__).with_name("data") / "segmenter.json"


@lru_cache(maxsize=1)
def default_model() -> BoundaryModel:
    """The weights scripts/fit_segmenter.py fitted to every labelled digest."""
    return BoundaryModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=16)
def _countries(text: str) -> tuple[str, ...]:
    """Countries named in the text, by the gazetteer of the classification half (none without it).

    Cached for the few paragraphs around the current one: two features ask about the same text."""
    try:
        from site_builder.ingest.places import find_countries
    except ImportError:
        return ()
    return tuple(find_countries(text[:1500]))


# map(function, items) -> results in order: the built-in, or a process pool's for a huge digest.
Mapper = Callable[[Callable[[Paragraph], _Features], Iterable[Paragraph]], Iterable[_Features]]


def _with_next(items: tuple[Paragraph, ...], mapper: Mapper = map,
               ) -> Iterator[tuple[Paragraph, _Features, _Features | None]]:
    """Each paragraph with its features and the next paragraph's (computed once, streamed).

    A paragraph's features depend on it alone, so `mapper` may compute them in other processes."""
    previous: tuple[Paragraph, _Features] | None = None
    for paragraph, feats in zip(items, mapper(_features, items)):
        if previous is not None:
            yield previous[0], previous[1], feats
        previous = (paragraph, feats)
    if previous is not None:
        yield previous[0], previous[1], None


def _move_photo_credits(stories: list[tuple[list[Paragraph], str]]) -> None:
    """A photo credit just before a kicker belongs to the story the kicker opens (its picture)."""
    for (before, _), (after, reason) in pairwise(stories):
        if reason != "kicker":
            continue
        moved = 0
        while len(before) - moved > 1 and tx.is_photo_credit(before[-1 - moved].text):
            moved += 1
        if moved:
            after[:0] = before[-moved:]
            del before[-moved:]


def _sparse_blanks(items: tuple[Paragraph, ...]) -> bool:
    """Blank lines after some paragraphs but not most: a layout where they part stories."""
    blank_gaps = sum(1 for p in items[1:] if p.blank_before)
    return 0 < blank_gaps < 0.5 * (len(items) - 1)


def _walk(items: tuple[Paragraph, ...],
          decide: Callable[[dict[str, float] | None, tuple[bool, str] | None, Paragraph], tuple[bool, str]],
          mapper: Mapper = map) -> list[tuple[list[Paragraph], str]]:
    """Scan the paragraphs, asking `decide` at each one after the first whether it starts a story.

    `decide` gets the model's features (None when a hard rule decided), the hard decision
    (None when the model decides) and the paragraph. Closed stories keep only their
    paragraphs: the features of a story are needed only while it is the current one.
    """
    closed: list[tuple[list[Paragraph], str]] = []
    story = _Story()
    sparse = _sparse_blanks(items)
    for paragraph, feats, ahead in _with_next(items, mapper):
        if story.paragraphs:
            body = story.body_features()
            hard = _hard_decision(story, body, feats)
            features = candidate_features(story, body, feats, ahead, sparse) if hard is None else None
            starts, reason = decide(features, hard, paragraph)
            if starts:
                closed.append((story.paragraphs, story.reason))
                story = _Story(reason=reason)
        story.add(paragraph, feats)
    if story.paragraphs:
        closed.append((story.paragraphs, story.reason))
    return closed


def segment(lines: tuple[Line, ...], model: BoundaryModel | None = None, mapper: Mapper = map) -> tuple[Segment, ...]:
    """Split a digest's lines into stories. Every non-blank line lands in exactly one segment.

    `mapper` computes the paragraphs' features (a process pool's map for a huge digest: the
    result is the same)."""
    chosen = model or default_model()

    def decide(features: dict[str, float] | None, hard: tuple[bool, str] | None, _: Paragraph) -> tuple[bool, str]:
        if hard is not None:
            return hard
        assert features is not None
        return chosen.probability(features) >= chosen.threshold, "model"

    closed = _walk(paragraphs(lines), decide, mapper)
    _move_photo_credits(closed)
    return tuple(Segment(tuple(paras), reason) for paras, reason in closed if paras)


def training_rows(lines: tuple[Line, ...], starts: set[int]) -> list[tuple[dict[str, float], bool]]:
    """The model's features at each candidate the hard rules leave open, with the true answer.

    The story so far is the true one (teacher forcing), so the rows do not depend on a model.
    `starts` holds the first non-blank line of every true story.
    """
    rows: list[tuple[dict[str, float], bool]] = []

    def decide(features: dict[str, float] | None, hard: tuple[bool, str] | None, paragraph: Paragraph) -> tuple[bool, str]:
        truth = paragraph.first in starts
        if features is not None:
            rows.append((features, truth))
        return truth, "truth"

    _walk(paragraphs(lines), decide)
    return rows
