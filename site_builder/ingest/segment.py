"""Segmentation: a digest's lines -> stories. Pure and linear in the size of the digest.

The digest is first cut into paragraphs (one per line, or one per block of lines when the text
is hard-wrapped with blank lines between paragraphs). Between each pair of paragraphs we decide
"same story" or "new story", scanning left to right against the story built so far:

hard rules (never wrong on any labelled digest; `boundaries._hard_decision`)
  - photo and reporting credits ("Photo: EPA-EFE", "Additional reporting by …") and sign-offs
    ("— Reuters") never start a story; the line after a kicker-only line or a headline never does;
  - a kicker (‘ABUSE OF POWER’: …, INDO-PACIFIC REGION: …, ‘BLUE-WHITE’ SPLIT: …, COVID-19: …,
    ‘濫權’：…), a headline line, a "By …" byline, a paragraph after one cut off mid-sentence, a
    change of script or language, or a dateline (KYIV (Reuters) -, （中央社記者…台北26日電）) does.
the model (everything else; `boundaries.candidate_features`, `BoundaryModel`)
  - a logistic regression over features of the candidate: continuity with the story so far
    (names and content words in common, the surname or name the paragraph opens with, pronoun
    and "The company …" openers, "In Washington, …"), the signs of a new story (a lede with a
    time word, "A …" or "The … last night" openers, a long first sentence, a long one-line
    teaser, countries the story never named, a change of subject: no content word in common, a
    topic mix far from the story's first paragraph's), lengths and sentence counts, and the
    segmenter's former hand-set score as one feature.
    "Staff writer, with CNA" between stories is left to it: it opens some stories and closes others.
The weights are data, site_builder/ingest/data/segmenter.json, fitted to every labelled digest by
scripts/fit_segmenter.py and read here in pure Python. Decoding is greedy: a boundary where the
probability reaches the model's threshold.
"""

from __future__ import annotations

from itertools import pairwise

from site_builder.ingest.boundaries import (  # noqa: F401  (MODEL_PATH, default_model: the model's public face)
    MODEL_PATH,
    BoundaryModel,
    CountryLookup,
    Mapper,
    default_model,
    walk,
)
from site_builder.ingest.digest import Line
from site_builder.ingest.paragraphs import Paragraph, Segment, paragraphs
from site_builder.ingest.places import find_countries
from site_builder.ingest.text import is_photo_credit


def place_countries(text: str) -> tuple[str, ...]:
    """The place knowledge segmentation is given: the countries the gazetteer finds in a text."""
    return tuple(find_countries(text))


def _move_photo_credits(stories: list[tuple[list[Paragraph], str]]) -> None:
    """A photo credit just before a kicker belongs to the story the kicker opens (its picture)."""
    for (before, _), (after, reason) in pairwise(stories):
        if reason != "kicker":
            continue
        moved = 0
        while len(before) - moved > 1 and is_photo_credit(before[-1 - moved].text):
            moved += 1
        if moved:
            after[:0] = before[-moved:]
            del before[-moved:]


def segment(lines: tuple[Line, ...], model: BoundaryModel | None = None, mapper: Mapper = map,
            countries: CountryLookup = place_countries) -> tuple[Segment, ...]:
    """Split a digest's lines into stories. Every non-blank line lands in exactly one segment
    but separator lines ("***", "---"), which part stories and belong to none.

    `mapper` computes the paragraphs' features (a process pool's map for a huge digest: the
    result is the same); `countries` is the place knowledge (the gazetteer's by default)."""
    chosen = model or default_model()

    def decide(features: dict[str, float] | None, hard: tuple[bool, str] | None, _: Paragraph) -> tuple[bool, str]:
        if hard is not None:
            return hard
        assert features is not None
        return chosen.probability(features) >= chosen.threshold, "model"

    closed = walk(paragraphs(lines), decide, countries, mapper)
    _move_photo_credits(closed)
    return tuple(Segment(tuple(paras), reason) for paras, reason in closed if paras)


def training_rows(lines: tuple[Line, ...], starts: set[int],
                  countries: CountryLookup = place_countries) -> list[tuple[dict[str, float], bool]]:
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

    walk(paragraphs(lines), decide, countries)
    return rows
