"""Feed formats: one table (feeds.FEED_FORMATS) says each format's file, MIME type, label and writer."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from lxml import etree

from site_builder import urls
from site_builder.feeds import CORRECTIONS_FEED_FORMATS, FEED_FORMATS, SITE_FEED_FORMATS, FeedCategory, FeedItem, FeedMeta

T0 = datetime(2025, 4, 26, 9, tzinfo=timezone.utc)
META = FeedMeta(title="Test News", description="Every story", language="en",
                home_url="https://n.example/", self_url="https://n.example/feed.xml")


def item(n: int, content: str | None = "<p>Body</p>") -> FeedItem:
    url = f"https://n.example/2025/04/26/s{n}.html"
    return FeedItem(id=url, url=url, title=f"Story {n}", summary=f"Summary {n}", content_html=content,
                    published=T0 - timedelta(hours=n), updated=T0 - timedelta(hours=n) + timedelta(minutes=5),
                    categories=(FeedCategory(term="politics", label="Politics", scheme=None),), author="Desk")


def _root_of(fmt: str, data: bytes) -> str:
    if FEED_FORMATS[fmt].mime == "application/feed+json":
        return json.loads(data)["version"]
    return etree.QName(etree.fromstring(data)).localname


@pytest.mark.parametrize("fmt,root", [("rss", "rss"), ("atom", "feed"), ("json", "https://jsonfeed.org/version/1.1")])
def test_each_writer_writes_its_format(fmt, root):
    assert _root_of(fmt, FEED_FORMATS[fmt].write(META, (item(1), item(2)), None)) == root


@pytest.mark.parametrize("fmt", sorted(FEED_FORMATS))
def test_a_feed_is_dated_by_its_newest_story_never_the_build(fmt):
    first = FEED_FORMATS[fmt].write(META, (item(1), item(2)), {})
    assert first == FEED_FORMATS[fmt].write(META, (item(1), item(2)), None)
    if fmt != "json":
        assert b"2025-04-26T08:05:00" in first or b"Sat, 26 Apr 2025 08:05:00" in first


def test_items_stay_newest_first():
    data = FEED_FORMATS["atom"].write(META, (item(1), item(2), item(3)), None)
    titles = [t.text for t in etree.fromstring(data).iter("{http://www.w3.org/2005/Atom}title")][1:]
    assert titles == ["Story 1", "Story 2", "Story 3"]


def test_json_feed_carries_text_when_there_is_no_content():
    data = json.loads(FEED_FORMATS["json"].write(META, (item(1), item(2, content=None)), None))
    assert data["items"][0]["content_html"] == "<p>Body</p>"
    assert data["items"][1]["content_text"] == "Summary 2" and "content_html" not in data["items"][1]
    assert data["items"][0]["tags"] == ["Politics"]


def test_every_format_has_its_own_file_and_type():
    assert len({f.file for f in FEED_FORMATS.values()}) == len(FEED_FORMATS)
    assert len({f.mime for f in FEED_FORMATS.values()}) == len(FEED_FORMATS)
    assert set(SITE_FEED_FORMATS) <= set(FEED_FORMATS) and set(CORRECTIONS_FEED_FORMATS) <= set(FEED_FORMATS)


@pytest.mark.parametrize("fmt", sorted(FEED_FORMATS))
def test_feed_routes_come_from_the_table(fmt):
    name = FEED_FORMATS[fmt].file
    assert urls.site_feed_route(fmt) == name
    assert urls.corrections_feed_route(fmt) == f"corrections/{name}"
    # Before the table, every format but RSS went to atom.xml beside a topic.
    assert urls.term_feed_route("topics", "politics", fmt) == f"topics/politics/{name}"


def test_the_routes_the_site_has_always_used():
    assert [urls.site_feed_route(f) for f in ("rss", "atom", "json")] == ["feed.xml", "atom.xml", "feed.json"]
    assert urls.term_feed_route("regions", "nordic", "atom") == "regions/nordic/atom.xml"


def test_check_reads_every_format_and_knows_an_xml_feed_by_its_root():
    from site_builder.check import FEED_CHECKS

    assert set(FEED_CHECKS) == set(FEED_FORMATS)    # a new format in the table needs its checker
    for fmt in ("rss", "atom"):
        root = etree.fromstring(FEED_FORMATS[fmt].write(META, (item(1),), None))
        assert root.tag == FEED_FORMATS[fmt].root
