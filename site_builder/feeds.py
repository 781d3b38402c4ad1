"""RSS 2.0 and Atom (with feedgen) and JSON Feed 1.1 from a list of stories, and FEED_FORMATS,
the one table of the feed formats: where each is written, its MIME type, its label, its writer.

Deterministic: a feed's `updated`/`lastBuildDate` is its newest story's date, never the build time,
so readers don't see every entry as new (Pelican #2014) and rebuilds are byte-identical.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable

from site_builder import __version__

if TYPE_CHECKING:
    from feedgen.entry import FeedEntry
    from feedgen.feed import FeedGenerator

# feedgen (and lxml under it) is imported only when a feed is written: the plan and the URLs
# read FEED_FORMATS, and a build with nothing to render must not pay for it.

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedCategory:
    term: str
    label: str
    scheme: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedItem:
    id: str                     # the story's absolute URL: stable between builds
    url: str
    title: str
    summary: str
    content_html: str | None    # absolute URLs only; None for summary-only feeds
    published: datetime
    updated: datetime
    categories: tuple[FeedCategory, ...]
    author: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedMeta:
    title: str
    description: str
    language: str
    home_url: str               # absolute URL of the page the feed mirrors
    self_url: str               # absolute URL of the feed itself
    icon_url: str = ""


def _entry(item: FeedItem) -> FeedEntry:
    from feedgen.entry import FeedEntry

    entry = FeedEntry()
    entry.id(item.id)
    entry.guid(item.id, permalink=True)
    entry.title(item.title)
    entry.link(href=item.url, rel="alternate")
    entry.published(item.published)
    entry.updated(item.updated)
    entry.author(name=item.author)
    if item.summary:
        entry.summary(item.summary)
    if item.content_html is not None:
        entry.content(item.content_html, type="html")
    elif item.summary:
        entry.description(item.summary)
    for category in item.categories:
        entry.category(term=category.term, label=category.label, scheme=category.scheme)
    return entry


def _generator(meta: FeedMeta, items: tuple[FeedItem, ...], entries: dict[str, FeedEntry] | None) -> FeedGenerator:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(meta.home_url)
    fg.title(meta.title)
    fg.description(meta.description or meta.title)
    fg.subtitle(meta.description or meta.title)
    # feedgen takes the RSS channel <link> from the last link added: the page, not the feed.
    fg.link(href=meta.self_url, rel="self")
    fg.link(href=meta.home_url, rel="alternate")
    fg.language(meta.language)
    fg.generator("site_builder", version=__version__)
    newest = max((item.updated for item in items), default=_EPOCH)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    if meta.icon_url:
        fg.icon(meta.icon_url)
    for item in items:
        # A story is in several feeds (the site's, its topics', its regions', RSS and Atom):
        # feedgen serialises an entry without changing it, so one entry serves them all.
        entry = entries.get(item.id) if entries is not None else None
        if entry is None:
            entry = _entry(item)
            if entries is not None:
                entries[item.id] = entry
        # feedgen prepends by default; the items come newest first and must stay so.
        fg.add_entry(entry, order="append")
    return fg


def rss_bytes(meta: FeedMeta, items: tuple[FeedItem, ...], entries: dict[str, FeedEntry] | None = None) -> bytes:
    """RSS 2.0. `entries`: feed entries already built for these items' ids, filled as it goes."""
    return _generator(meta, items, entries).rss_str(pretty=True)


def atom_bytes(meta: FeedMeta, items: tuple[FeedItem, ...], entries: dict[str, FeedEntry] | None = None) -> bytes:
    """Atom 1.0. `entries` as for rss_bytes."""
    return _generator(meta, items, entries).atom_str(pretty=True)


def json_feed_bytes(meta: FeedMeta, items: tuple[FeedItem, ...], entries: dict[str, FeedEntry] | None = None) -> bytes:
    """JSON Feed 1.1. `entries` is not used (its items are plain dicts): the writers of
    FEED_FORMATS take the same arguments."""
    feed: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": meta.title,
        "home_page_url": meta.home_url,
        "feed_url": meta.self_url,
        "description": meta.description,
        "language": meta.language,
        "items": [_json_item(item) for item in items],
    }
    if meta.icon_url:
        feed["icon"] = meta.icon_url
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_item(item: FeedItem) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "authors": [{"name": item.author}],
        "tags": [c.label for c in item.categories],
    }
    if item.content_html is not None:
        entry["content_html"] = item.content_html
    else:
        entry["content_text"] = item.summary
    return entry


Writer = Callable[[FeedMeta, tuple[FeedItem, ...], "dict[str, FeedEntry] | None"], bytes]


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedFormat:
    name: str          # the name config and specs use: rss, atom, json
    file: str          # its file in the folder of the page it mirrors: feed.xml beside topics/x/
    mime: str          # for <link rel="alternate" type=...>
    label: str         # what a link to it says: "Politics – Site (RSS)"
    write: Writer
    root: str          # its XML root element, by which `check` knows it; "" for JSON


# Adding a format is one row here (and naming it in the formats a feed is offered in below,
# or in a taxonomy's `feeds`, taxonomy.TAXONOMIES).
FEED_FORMATS: dict[str, FeedFormat] = {f.name: f for f in (
    FeedFormat(name="rss", file="feed.xml", mime="application/rss+xml", label="RSS", write=rss_bytes,
               root="rss"),
    FeedFormat(name="atom", file="atom.xml", mime="application/atom+xml", label="Atom", write=atom_bytes,
               root="{http://www.w3.org/2005/Atom}feed"),
    FeedFormat(name="json", file="feed.json", mime="application/feed+json", label="JSON Feed", write=json_feed_bytes,
               root=""),
)}
SITE_FEED_FORMATS = ("rss", "atom", "json")      # the site's own feeds, beside the front page
CORRECTIONS_FEED_FORMATS = ("rss", "atom")       # /corrections/'s, named as a topic's are
