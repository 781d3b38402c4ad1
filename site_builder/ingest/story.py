"""A segment -> a Story: headline, summary, body, credits, and what it is about. Pure.

Each non-blank line of the segment ends up in exactly one place of the story: kicker, deck,
body or credit. Photo credits ("Photo: EPA-EFE", "(Photo: Reuters)", "攝影：…") go to
`photo_credit`, as printed; bylines ("By Jane Doe / Staff reporter") and reporting credits
("Additional reporting by …") stay with the story as its last paragraphs, in italics (the
front-matter has no author key yet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from site_builder.config import RegionDef, TopicDef
from site_builder.ingest.text import (
    HEADING_WORDS,
    KICKER_DECK_CHARS,
    SUBHEAD_WORDS,
    credit_text,
    ends_complete,
    ends_mid_phrase,
    ends_open,
    is_byline,
    is_caps_line,
    is_cjk,
    is_credit,
    is_photo_credit,
    is_report_credit,
    language_tag,
    list_item,
    script_of,
    without_print_jump,
)
from site_builder.ingest.headline import (
    Opening,
    find_body_start,
    make_summary,
    make_title,
    split_opening,
)
from site_builder.ingest.dates import story_date
from site_builder.ingest.names import find_organizations, find_people
from site_builder.ingest.places import regions_for, story_countries
from site_builder.ingest.segment import Paragraph, Segment
from site_builder.ingest.topics import classify_topics


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """One ingested story, ready to become front-matter plus a Markdown body."""

    first_line: int
    last_line: int
    title: str
    kicker: str | None
    deck: str | None
    summary: str
    date: date
    topics: tuple[str, ...]
    regions: tuple[str, ...]
    countries: tuple[str, ...]
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    truncated: bool
    photo_credit: str | None
    credits: tuple[str, ...]        # bylines and reporting credits, printed at the end of the body
    paragraphs: tuple[str, ...]     # body paragraphs, plain text (not yet Markdown-escaped)
    lang: str | None                # its language ('zh', 'fr' ...) when not the site's, else None
    reason: str                     # why segmentation started this story


# --- classification: dates, topics, places and names -------------------------------------------

def _topics(text: str, topics: tuple[TopicDef, ...]) -> tuple[str, ...]:
    return tuple(classify_topics(text, topics))


def _places(text: str, regions: tuple[RegionDef, ...],
            home_country: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    countries = tuple(story_countries(text, home_country))
    return countries, tuple(regions_for(countries, regions))


def _names(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(find_people(text)), tuple(find_organizations(text))


# --- assembly ----------------------------------------------------------------------------------

def _opening(paragraphs: list[Paragraph]) -> tuple[Opening, int]:
    """The story's opening and how many paragraphs it used (2 when a kicker or headline stands alone)."""
    first = paragraphs[0].text
    opening = split_opening(first)
    if opening.kicker is None and len(paragraphs) > 1 and is_caps_line(first):
        opening = Opening(first, None, "")   # 'WORLD NEWS' alone on its line: a kicker
    if opening.kicker and not opening.body and len(paragraphs) > 1:
        second = paragraphs[1].text
        start = find_body_start(second) if not is_cjk(second) else None
        if start is not None:
            return Opening(opening.kicker, second[:start].rstrip(" ,;"), second[start:]), 2
        return Opening(opening.kicker, None, second), 2
    if opening.kicker is None and len(paragraphs) > 1 and _is_heading(first):
        return Opening(None, first, paragraphs[1].text), 2
    if opening.kicker and opening.deck is None and opening.body and len(paragraphs) > 1 \
            and not ends_complete(first) and len(first) <= KICKER_DECK_CHARS:
        return Opening(opening.kicker, opening.body, paragraphs[1].text), 2   # the deck alone on its line
    return opening, 1


def _other_language(text: str, site_language: str) -> str | None:
    """The story's language when it is known and not the site's ('zh' on an 'en-GB' site)."""
    tag = language_tag(text)
    return tag if tag and tag.split("-")[0] != site_language.split("-")[0].lower() else None


def _latin_script(text: str) -> bool:
    """Most letters of the text are Latin ones."""
    letters = [ch for ch in text[:400] if ch.isalpha()]
    return sum(ch < "\u0250" for ch in letters) * 2 > len(letters)


def _is_heading(text: str) -> bool:
    return not ends_complete(text) and not ends_open(text) and len(text) <= 90 \
        and len(text.split()) <= HEADING_WORDS and not is_credit(text) and not ends_mid_phrase(text)


def _without_list_mark(texts: list[Paragraph]) -> list[Paragraph]:
    """A story that is an item of the digest's list ('2. A fire at …', '• Brazil's Senate …') without
    its mark, which numbered the digest, not the story: on its first paragraph, or on the first
    after a headline or kicker line standing alone."""
    for n, paragraph in enumerate(texts[:2]):
        mark, rest = list_item(paragraph.text)
        if mark:
            return [*texts[:n], replace(paragraph, text=rest), *texts[n + 1:]]
        if not (_is_heading(paragraph.text) or is_caps_line(paragraph.text)):
            break
    return texts


def build_story(segment: Segment, edition: date, topics: tuple[TopicDef, ...],
                regions: tuple[RegionDef, ...], site_language: str = "en",
                home_country: str | None = None) -> Story:
    """Turn one segment into a Story, classifying its text; `home_country` (config.yaml's)
    is the place of a story that names none."""
    credits_photo: list[str] = []
    credits_report: list[str] = []
    texts: list[Paragraph] = []
    for paragraph in segment.paragraphs:
        jumpless = without_print_jump(paragraph.text)
        if not jumpless:
            continue                     # 'Continued on Page 3' alone: a web page has no page 3
        paragraph = replace(paragraph, text=jumpless) if jumpless != paragraph.text else paragraph
        if is_photo_credit(paragraph.text):
            credits_photo.append(credit_text(paragraph.text))
        elif is_report_credit(paragraph.text) or is_byline(paragraph.text):
            credits_report.append(credit_text(paragraph.text))
        else:
            texts.append(paragraph)
    if not texts:
        # A digest of nothing but credit lines: keep them as the body rather than lose them.
        texts = list(segment.paragraphs)
        credits_photo, credits_report = [], []
    texts = _without_list_mark(texts)
    opening, used = _opening(texts)
    body = [opening.body] if opening.body else []
    body += [p.text for p in texts[used:]]
    full_text = "\n".join(filter(None, [opening.deck, *body]))
    last_text = texts[-1].text
    truncated = not (ends_complete(last_text) or ends_open(last_text))
    lang = _other_language(full_text, site_language)
    # A story in a language other than the site's and written in the Latin script (a Spanish
    # item on an English site), or in Cyrillic or Arabic script, was taken from a foreign paper:
    # the newsroom's home is not its place. Chinese on a Taiwanese site's English edition still is.
    foreign = (lang is not None and _latin_script(full_text)) or script_of(full_text) in ("cyrillic", "arabic")
    home = None if foreign else home_country
    countries, region_slugs = _places(full_text, regions, home)
    people, organizations = _names(full_text)
    title = make_title(opening.deck, " ".join(body), fallback=opening.kicker or texts[0].text)
    return Story(
        first_line=segment.first,
        last_line=segment.last,
        title=title,
        kicker=opening.kicker,
        deck=opening.deck,
        summary=make_summary(body[0] if body else (opening.deck or title), truncated and len(body) <= 1),
        date=story_date(full_text, edition),
        topics=_topics(full_text, topics),
        regions=region_slugs,
        countries=countries,
        people=people,
        organizations=organizations,
        truncated=truncated,
        photo_credit="; ".join(credits_photo) or None,
        credits=tuple(credits_report),
        paragraphs=tuple(body),
        lang=lang,
        reason=segment.reason,
    )


# --- Markdown ----------------------------------------------------------------------------------

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+*=](?=\s|$)|>|(\d{1,9})([.)])(?=\s|$)|[-*_=](?:\s*[-*_=]){2,}\s*$)")


def escape_markdown(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text.

    Inline markers are backslash-escaped, and a paragraph that would open a heading, list,
    quote or rule ("1. The court…", "# 3", "- ", "> ") has its first marker escaped.
    """
    escaped = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))
    match = _BLOCK_START.match(escaped)
    if match:
        if match.group(3):  # "1." -> "1\."
            escaped = escaped[:match.end(3)] + "\\" + escaped[match.end(3):]
        else:
            escaped = escaped[:match.end(1)] + "\\" + escaped[match.end(1):]
    return escaped


def _is_subhead(text: str) -> bool:
    """'Search continues' between a long story's paragraphs: short, no sentence, a capital first."""
    return text[:1].isupper() and len(text.split()) <= SUBHEAD_WORDS and _is_heading(text)


def body_markdown(story: Story) -> str:
    """The story's body as Markdown: its paragraphs (a subhead after the first as a level-3
    heading), then any reporting credits in italics."""
    parts = [f"### {escape_markdown(p)}" if n and _is_subhead(p) else escape_markdown(p)
             for n, p in enumerate(story.paragraphs) if p.strip()]
    parts += [f"*{escape_markdown(c)}*" for c in story.credits]
    return "\n\n".join(parts) + "\n" if parts else ""
