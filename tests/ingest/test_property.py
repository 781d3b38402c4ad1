"""Property: on any digest, ingest never crashes and every non-blank line lands in exactly one story
(but a separator line, '***' or '---', which parts stories and belongs to none)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from site_builder.config import RegionDef, TopicDef
from site_builder.ingest.digest import split_lines
from site_builder.ingest.segment import segment
from site_builder.ingest.story import body_markdown, build_story
from site_builder.ingest.text import list_item
from tests.support.story_lines import story_line_numbers

TOPICS = (TopicDef(slug="politics", label="Politics", iptc="11000000"),
          TopicDef(slug="sport", label="Sport", iptc="15000000"))
REGIONS = (RegionDef(slug="east-asia", label="East Asia", countries=("TW", "CN")),)

_PIECES = [
    "Taiwan yesterday denied Chinese allegations.", "The court said the verdict is final.",
    "He added that Zelenskiy “understands that.”", "Also yesterday, a general was killed in Moscow.",
    "Photo: EPA-EFE", "(Photo: AFP)", "Additional reporting by Jane Doe", "‘ABUSE OF POWER’: ", "SPORT: ",
    "'ICE': ", "BRASILIA (Reuters) - ", "颱風來了。", "‘颱風’：", "行政院長昨天表示，", "1. ", "# ", "- ",
    "Le président a dit lundi que", "El presidente dijo ayer que", "Meanwhile,", "and then it was cut off in",
    "“We are", "going to find out very soon.”", "The Kremlin published a short video on Telegram.",
    "***", "* * *", "---", "TOP STORIES - Thursday, December 3, 2026", "2. ", "• ",
    "## ", "**HUALIEN**", "*italic*", "[the agency](https://example.org/a)",
    "Subject: Morning digest", "Hi all,", "Thanks,", "Mei", "【速報】",
]
_piece = st.one_of(st.sampled_from(_PIECES), st.text(min_size=0, max_size=40))
_line = st.lists(_piece, min_size=0, max_size=8).map(" ".join)
_eol = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def digests(draw: st.DrawFn) -> str:
    lines = draw(st.lists(_line, min_size=1, max_size=25))
    eol = draw(_eol)
    text = eol.join(lines)
    if draw(st.booleans()):
        text = "\ufeff" + text
    if draw(st.booleans()):
        text += eol
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(digests())
@example("AA：0")   # found by a CI run: a kicker glued to its text by a full-width colon
def test_every_non_blank_line_lands_in_exactly_one_story(text: str) -> None:
    lines = split_lines(text)
    segments = segment(lines)
    placed = [line.number for seg in segments for line in seg.lines]
    assert placed == story_line_numbers(lines), "a line was lost or repeated"
    for seg in segments:
        story = build_story(seg, date(2025, 4, 26), TOPICS, REGIONS)
        assert story.title.strip()
        assert story.first_line <= story.last_line
        body_markdown(story)
        # Nothing of a line is dropped: each line's words are in the kicker, deck, body or credits.
        kept = " ".join(filter(None, [story.kicker, story.deck, *story.paragraphs, story.photo_credit,
                                      *story.credits]))
        kept_words = set(kept.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"').split())
        for line in seg.lines:
            # A full-width colon needs no space after it: 'AA：0' is kicker 'AA' and text '0'.
            # A list item's mark ('1. ', '• ', or alone on a wrapped line) numbered the digest, not
            # the story: it may go.
            if list_item(line.text + " Item with words after it")[1] == "Item with words after it":
                continue
            text_words = list_item(line.text)[1].replace("：", "： ").replace("】", "】 ")
            for word in text_words.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"').split():
                core = word.strip("'\"()（）[]:：")
                if core:
                    assert any(core in k for k in kept_words), (word, line.text, kept)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "kicker", "summary", "slug"]), st.text(max_size=60), min_size=1),
       st.lists(st.text(max_size=20), max_size=4))
def test_front_matter_reads_back_as_written(strings: dict[str, str], items: list[str]) -> None:
    import yaml

    from site_builder.ingest.article_files import dump_front_matter

    meta: dict[str, object] = {**strings, "topics": items, "truncated": True,
                               "source": {"digest": "a b.txt", "lines": [1, 2]}}
    assert yaml.load(dump_front_matter(meta), Loader=yaml.SafeLoader) == meta
