"""The sitemaps of a planned site: sitemap.xml (an index of parts past 50,000 URLs) and the
Google News sitemap, each with its fingerprint. plan.py gives them the pages to list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from site_builder import urls
from site_builder.outputs import Output, fingerprint
from site_builder.taxonomy import SiteModel


@dataclass(frozen=True, slots=True, kw_only=True)
class SitemapSpec:
    entries: tuple[tuple[str, int], ...]   # (route, the story whose last change is its lastmod, or -1);
                                           # for an index, the part sitemaps
    index: bool = False


SITEMAP_LIMIT = 50_000   # URLs per sitemap file, as sitemaps.org allows


def sitemap_outputs(entries: tuple[tuple[str, int], ...], global_key: str, stamps: list[float]) -> list[Output]:
    """sitemap.xml; past 50,000 URLs, an index of sitemap-1.xml, sitemap-2.xml ..."""
    def one(route: str, part: tuple[tuple[str, int], ...], index: bool = False) -> Output:
        # lastmod is written in UTC from the timestamp, so the timestamp stands for it: editing
        # a story's text does not re-render the sitemap.
        return Output(route=route, fingerprint=fingerprint(global_key, "sitemap", str(index),
                                                           *(f"{r} {stamps[i] if i >= 0 else ''}" for r, i in part)),
                      spec=SitemapSpec(entries=part, index=index))

    if len(entries) <= SITEMAP_LIMIT:
        return [one(urls.SITEMAP_ROUTE, entries)]
    parts = [entries[i:i + SITEMAP_LIMIT] for i in range(0, len(entries), SITEMAP_LIMIT)]
    outputs = [one(urls.sitemap_part_route(n), part) for n, part in enumerate(parts, start=1)]
    index_entries = tuple((urls.sitemap_part_route(n), newest((i for _, i in part if i >= 0), stamps))
                          for n, part in enumerate(parts, start=1))
    return outputs + [one(urls.SITEMAP_ROUTE, index_entries, index=True)]


def newest(indices, stamps: list[float]) -> int:
    """The story with the latest change among these, or -1."""
    return max(indices, key=stamps.__getitem__, default=-1)


@dataclass(frozen=True, slots=True, kw_only=True)
class NewsSitemapSpec:
    """Google News sitemap: the stories of the last two days (Google ignores older ones)."""

    items: tuple[int, ...]


NEWS_SITEMAP_DAYS = 2
NEWS_SITEMAP_LIMIT = 1_000


def news_sitemap_output(model: SiteModel, global_key: str, now: datetime) -> Output | None:
    since = now - timedelta(days=NEWS_SITEMAP_DAYS)
    # Stories come newest first (taxonomy.listing_key): the recent ones are all at the top.
    recent = []
    for index, article in enumerate(model.articles):
        if article.date < since:
            break
        if article.date <= now:
            recent.append(index)
    recent.sort(key=lambda i: (-model.articles[i].date.timestamp(), i))
    items = tuple(recent[:NEWS_SITEMAP_LIMIT])
    if not items:
        return None
    return Output(route=urls.NEWS_SITEMAP_ROUTE,
                  fingerprint=fingerprint(global_key, "news-sitemap", *(model.articles[i].listing_hash for i in items)),
                  spec=NewsSitemapSpec(items=items))
