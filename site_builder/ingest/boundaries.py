"""Where a story starts: the scan over a digest's paragraphs, the hard rules that are never
wrong, and the fitted logistic model for everything else (see segment.py). Pure.

Place knowledge is passed in (`CountryLookup`, the countries a text names): the segmenter
asks it only for a lede-shaped paragraph, and works without it (no countries).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from site_builder.ingest.cues import (
    ANAPHORIC_START,
    COMMON_CAPS,
    STOP3,
    STOP_WORDS,
    Cues,
    packed_cues,
    topic_distance,
    unpacked_cues,
)
from site_builder.ingest.paragraphs import Paragraph
from site_builder.ingest.text import KICKER_DECK_CHARS, SUBHEAD_WORDS, ends_mid_phrase, is_sign_off
from site_builder.ingest.workers import Mapper

CountryLookup = Callable[[str], tuple[str, ...]]   # text -> the countries it names (ISO codes)


def no_countries(text: str) -> tuple[str, ...]:
    return ()


@dataclass(slots=True)
class _Story:
    """The story being built while scanning: what it has said so far."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    features: list[Cues] = field(default_factory=list)
    body: list[Cues] = field(default_factory=list)    # `features` but credits, kept as they come
    entities: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    reason: str = "start"
    countries: set[str] = field(default_factory=set)
    countries_seen: int = 0            # how many of `paragraphs` are in `countries` (looked up lazily)
    countries_of: CountryLookup = no_countries   # the place knowledge segmentation was given
    # The language of its latest paragraph that says one (a short paragraph may not): one in
    # another language after it starts a story even when a short one came between.
    language: str = ""

    def story_countries(self) -> set[str]:
        """Countries the story has named so far; looked up only when a decision needs them."""
        while self.countries_seen < len(self.paragraphs):
            feats = self.features[self.countries_seen]
            if not feats.credit:
                self.countries.update(self.countries_of(feats.text))
            self.countries_seen += 1
        return self.countries

    def add(self, paragraph: Paragraph, feats: Cues) -> None:
        self.paragraphs.append(paragraph)
        self.features.append(feats)
        if not feats.credit:
            self.body.append(feats)
            self.entities |= feats.entities
            self.words |= feats.words
            self.language = feats.language or self.language

    def body_features(self) -> list[Cues]:
        """The cues of its paragraphs but credits (the list itself, kept as they come: a long story
        would otherwise cost a new list at every paragraph; read it, never change it)."""
        return self.body


# --- the boundary decision: hard rules, then a fitted logistic model -------------------------
# ‘BLUE-WHITE’ SPLIT:, ‘US-CHINA’ TIES: — a quoted label in capitals with more capitals after
# the closing quote, which text.find_kicker (a label wholly inside or wholly outside quotes)
# does not take for a kicker.
_QUOTED_KICKER = re.compile(r"^[‘'\"“][A-Z0-9][A-Z0-9 &.,-]*[’'\"”](?: [A-Z0-9][A-Z0-9&-]*){1,4}\s*[:：]\s")
_PRONOUN_START = re.compile(r"^(?:he|she|they|it|his|her|their|its|we|il|elle|ils|elles|él|ella|ellos)\b"
                            r"|^(?:他|她|他們|他们|她們)", re.IGNORECASE)
_PLACE_OPENER = re.compile(r"^(?:In|At|From|En|À|A) [A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}, ")
# The subject a paragraph opens with: a run of capitalised words ("Kaohsiung City Council Speaker
# Hsu Kun-yuan", "Pelosi’s", "King Charles III").
_SUBJECT = re.compile(r"^[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|de|del|van|von|al))*")
_STAFF_BYLINE = re.compile(r"^(?:staff (?:writer|reporter)s?|special to the|from staff reports)", re.IGNORECASE)


def _hard_decision(story: _Story, body: list[Cues], feats: Cues, ahead: Cues | None) -> tuple[bool, str] | None:
    """(starts a story?, reason) when a rule that is never wrong decides; None leaves it to the model."""
    if feats.credit and not feats.byline:
        return False, ""                 # photo and reporting credits never start a story
    if not body:
        return False, ""                 # only credits so far: this is the story's first text
    prev = body[-1]
    if feats.item and _next_item(_list_opener(body), feats.item):
        return True, "list item"         # '2. …' after a story that opened '1. …'
    if prev.kicker_only or prev.heading:
        return False, ""                 # the kicker or headline line introduces this paragraph
    if prev.kicker and not prev.complete and len(prev.text) <= KICKER_DECK_CHARS and not ends_mid_phrase(prev.text) \
            and not (feats.language and prev.language and feats.language != prev.language):
        return False, ""                 # ... or a kicker and its deck (a headline: not cut off mid-phrase), in its language
    if feats.byline:
        if _STAFF_BYLINE.match(feats.text):
            return None                  # "Staff writer, with CNA" opens the next story or closes this one
        return (not story.features[-1].byline), "byline"   # "By Jane Doe" opens a story
    if is_sign_off(feats.text):
        return False, ""                 # "— Reuters" signs off the story before it
    if feats.kicker or _QUOTED_KICKER.match(feats.text):
        return True, "kicker"
    if feats.heading:
        if _subhead(story, body, feats, ahead):
            return False, ""             # 'Search continues' inside a long story: a subhead
        return True, "heading"
    # Never wrong on any labelled digest, so rules rather than features: a paragraph cut off
    # mid-sentence (a teaser the layout truncated; a hard-wrapped paragraph is joined first),
    # a change of script or language, a wire dateline.
    if not prev.complete and not feats.lower_start:
        return True, "cut-off"
    last = story.features[-1].text
    if is_sign_off(last):
        return True, "signed off"        # after "— Reuters", "（共同）" or the reporter's address
    if feats.script and prev.script and feats.script != prev.script:
        return True, "script"
    if feats.language and story.language and feats.language != story.language:
        return True, "language"
    if feats.dateline:
        return True, "dateline"
    return None


def _subhead(story: _Story, body: list[Cues], feats: Cues, ahead: Cues | None) -> bool:
    """A short heading line inside a story of two paragraphs or more, before a paragraph that
    opens no story of its own (no time word in its first sentence, no dateline) and carries on
    the story's words: a subhead of a long story, not the headline of the next one."""
    return len(body) >= 2 and len(feats.text.split()) <= SUBHEAD_WORDS and ahead is not None \
        and not (ahead.heading or ahead.kicker or ahead.dateline or ahead.credit) and ahead.lede < 0.25 \
        and len(ahead.words & story.words) >= 2


def _list_opener(body: list[Cues]) -> str:
    """The mark of the list item a story opened with ('' when it opened otherwise): its first
    paragraph's, or, after a headline or kicker line without one, its first text's. (The first three
    only: a story opens with at most a kicker and a headline, and a run of headings stays linear.)"""
    for feats in body[:3]:
        if feats.item or not (feats.heading or feats.kicker):
            return feats.item
    return ""


def _next_item(opener: str, mark: str) -> bool:
    """`mark` is a later item of the list `opener` began: a higher number, or the same bullet.
    A list inside a story ('three steps: 1. … 2. …') did not open the story, so never parts it."""
    if opener.isdigit() and mark.isdigit():
        return int(mark) > int(opener)
    return bool(opener) and mark == opener


def _overlap(entities: frozenset[str] | set[str], words: frozenset[str] | set[str],
             story: _Story) -> tuple[float, float, float]:
    """Names in common (capped at 4, scaled to 0..1), their share, and the content-word share."""
    common = len(entities & story.entities)
    shared = common / len(entities) if entities else 0.5
    word_share = len(words & story.words) / len(words) if words else 0.5
    return min(common, 4) / 4, shared, word_share


def candidate_features(story: _Story, body: list[Cues], feats: Cues, ahead: Cues | None,
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
    f["anaphoric_start"] = float(bool(ANAPHORIC_START.match(text)))
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
    # (No cue from the previous paragraph's length: fitted, it said 'a long paragraph before is
    # continued' (weight -8.1) and swallowed complete stories pasted one after another; see
    # tests/ingest/pending/README.md.)
    f["after_byline"] = float(story.features[-1].byline and len(story.features) > 1)
    f["sentences"] = feats.sentences / 5
    f["prev_sentences"] = prev.sentences / 5
    # A story of one short complete paragraph so far: briefs that run together.
    f["brief_before"] = float(len(body) == 1 and prev.complete and len(prev.text) < 400)
    # A fresh lede after a story of several paragraphs: consecutive leads with no kicker.
    f["lede_after_lead"] = feats.lede if len(body) >= 3 else 0.0
    # "A court in Nairobi …" introduces its subject; "The central bank last night raised …" is a
    # lede despite its "The" (a news peg in its opening words), which `lede` does not count.
    f["indefinite_start"] = float(feats.indefinite)
    f["anaphoric_time"] = float(feats.anaphoric_time)
    # A change of subject: how far what the paragraph is about (its topic words' votes) is from
    # what the story's first paragraph was about (total variation distance, 0..1).
    lede = body[0].topics
    if feats.topics and lede:
        f["topic_shift"] = topic_distance(feats.topics, lede)
    else:
        f["topic_unknown"] = 1.0
    # Deep in a lead (three paragraphs or more), a paragraph with no news peg of its own.
    f["deep_no_peg"] = float(len(body) >= 3 and feats.lede < 0.25)
    if sparse_blanks:
        f["blank_before"] = 1.0 if feats.blank_before else 0.0
        f["no_blank_before"] = 0.0 if feats.blank_before else 1.0
    # Continuity. The paragraph alone, and with the next one (TextTiling-like).
    # (The count and the share of names in common were features too; with names_new and
    # no_names_common beside them their weights took opposite signs and meant nothing alone.)
    common, _, words = _overlap(feats.entities, feats.words, story)
    f["no_names_common"] = float(bool(feats.entities) and common == 0)
    f["no_names"] = float(not feats.entities)
    f["words_shared"] = words
    # No content word at all in common with the story so far: a change of subject.
    f["no_words_common"] = float(bool(feats.words) and not feats.words & story.words)
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
        names = [w for w in names if len(w) > 2 and w not in COMMON_CAPS and w not in STOP_WORDS and w not in STOP3]
        if names:
            seen = names[-1] in story.entities          # the surname, or the run's last word
            f["first_name_seen"] = float(seen)
            f["first_name_new"] = float(not seen)
            # A lede whose subject the story has named: its own lead's subject continues it;
            # a name met only in passing later on ("... an audience with Truss") may be the
            # subject of the next lead.
            in_lede = names[-1] in body[0].entities
            f["lede_seen_subject"] = feats.lede if seen and in_lede else 0.0
            f["lede_seen_in_passing"] = feats.lede if seen and not in_lede else 0.0
    f["hand_score"] = max(-1.0, min(1.5, _hand_score(story, body, feats, ahead)))
    if feats.shaped:
        # A lede-shaped paragraph naming only countries the story has not named. Looked up
        # only here: the gazetteer is the slow part.
        mine = set(story.countries_of(text))
        theirs = story.story_countries() if mine else set()
        f["new_countries"] = float(bool(mine and theirs and not mine & theirs))
    return f


def _hand_score(story: _Story, body: list[Cues], feats: Cues, ahead: Cues | None) -> float:
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
        mine = set(story.countries_of(feats.text))
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


def _with_next(items: tuple[Paragraph, ...], mapper: Mapper = map,
               ) -> Iterator[tuple[Paragraph, Cues, Cues | None]]:
    """Each paragraph with its cues and the next paragraph's (computed once, streamed).

    A paragraph's cues depend on it alone, so `mapper` may compute them in other processes."""
    previous: tuple[Paragraph, Cues] | None = None
    packed = mapper(packed_cues, [p.text for p in items], [p.blank_before for p in items])
    for paragraph, values in zip(items, packed):
        feats = unpacked_cues(paragraph.text, values)
        if previous is not None:
            yield previous[0], previous[1], feats
        previous = (paragraph, feats)
    if previous is not None:
        yield previous[0], previous[1], None


def _sparse_blanks(items: tuple[Paragraph, ...]) -> bool:
    """Blank lines after some paragraphs but not most: a layout where they part stories."""
    blank_gaps = sum(1 for p in items[1:] if p.blank_before)
    return 0 < blank_gaps < 0.5 * (len(items) - 1)


def walk(items: tuple[Paragraph, ...],
         decide: Callable[[dict[str, float] | None, tuple[bool, str] | None, Paragraph], tuple[bool, str]],
         countries: CountryLookup = no_countries, mapper: Mapper = map) -> list[tuple[list[Paragraph], str]]:
    """Scan the paragraphs, asking `decide` at each one after the first whether it starts a story.

    `countries` is the place knowledge (asked about a paragraph's first 1,500 characters, and
    cached for the few paragraphs around the current one: two features ask about the same text).

    `decide` gets the model's features (None when a hard rule decided), the hard decision
    (None when the model decides) and the paragraph. Closed stories keep only their
    paragraphs: the features of a story are needed only while it is the current one.
    """
    closed: list[tuple[list[Paragraph], str]] = []
    lookup = lru_cache(maxsize=16)(lambda text: tuple(countries(text[:1500])))
    story = _Story(countries_of=lookup)
    sparse = _sparse_blanks(items)
    for paragraph, feats, ahead in _with_next(items, mapper):
        if story.paragraphs:
            body = story.body_features()
            # a separator line ('***') between them parts two stories whatever they say
            hard = (True, "separator") if paragraph.ruled_before else _hard_decision(story, body, feats, ahead)
            features = candidate_features(story, body, feats, ahead, sparse) if hard is None else None
            starts, reason = decide(features, hard, paragraph)
            if starts:
                closed.append((story.paragraphs, story.reason))
                story = _Story(reason=reason, countries_of=lookup)
        story.add(paragraph, feats)
    if story.paragraphs:
        closed.append((story.paragraphs, story.reason))
    return closed
