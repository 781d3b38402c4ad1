"""The site model -> every output to produce, each with a fingerprint of all it shows.

Planning is cheap and done afresh on every build (Zola's lesson: partial re-planning breeds
stale pages). Views for templates are built only for the outputs that must be rendered, by
`page_context`. A fingerprint is the hash of everything an output shows: the content hashes
of its stories, its position, and `global_key` (config, theme, code); an output whose
fingerprint is unchanged since the last build need not be rendered again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from site_builder.config import SiteConfig
from site_builder.errors import OutputError
from site_builder.models import Article
from site_builder.taxonomy import SiteModel, Taxonomy, Term, related_stories, term_slug
from site_builder import urls
from site_builder.urls import Urls


FEED_MIME = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
TERM_FEED_KINDS = ("topic", "region")


@dataclass(frozen=True, slots=True, kw_only=True)
class PageSpec:
    """An HTML page: which template, which stories, and where it sits in its listing."""

    template: str
    kind: str
    article: int | None = None
    items: tuple[int, ...] = ()
    number: int = 1
    total: int = 1
    term: Term | None = None
    taxonomy: Taxonomy | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedSpec:
    fmt: str                     # rss, atom, json
    items: tuple[int, ...]
    term: Term | None = None
    html_route: str = ""         # the page the feed mirrors
    corrections: bool = False    # the corrections feed: an entry per corrected story, its notices


@dataclass(frozen=True, slots=True, kw_only=True)
class AliasSpec:
    """A redirect page at an old address of a story (front-matter `aliases`)."""

    article: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SitemapSpec:
    entries: tuple[tuple[str, int], ...]   # (route, the story whose last change is its lastmod, or -1);
                                           # for an index, the part sitemaps
    index: bool = False


SITEMAP_LIMIT = 50_000   # URLs per sitemap file, as sitemaps.org allows


@dataclass(frozen=True, slots=True, kw_only=True)
class NewsSitemapSpec:
    """Google News sitemap: the stories of the last two days (Google ignores older ones)."""

    items: tuple[int, ...]


NEWS_SITEMAP_DAYS = 2
NEWS_SITEMAP_LIMIT = 1_000


@dataclass(frozen=True, slots=True, kw_only=True)
class TextSpec:
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StaticSpec:
    source: Path


Spec = PageSpec | FeedSpec | AliasSpec | SitemapSpec | NewsSitemapSpec | TextSpec | StaticSpec


@dataclass(frozen=True, slots=True, kw_only=True)
class Output:
    route: str
    fingerprint: str
    spec: Spec = field(repr=False)
    file: str = ""               # the file under output/ that serves the route

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", urls.output_file(self.route))


def _hash(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _chunks(items: tuple[int, ...], size: int) -> list[tuple[int, ...]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [()]


def taxonomy_feeds(kind: str) -> bool:
    return kind in TERM_FEED_KINDS


def plan_site(model: SiteModel, config: SiteConfig, global_key: str,
              static_files: tuple[tuple[str, Path, str], ...], now: datetime,
              related: tuple[tuple[int, ...], ...] | None = None) -> tuple[Output, ...]:
    """Every output of the site. static_files: (route, source path, content hash).

    `now` only decides which stories the Google News sitemap lists (those of the last two days).
    `related` is `related_stories(model)` when the caller has it already (it is memoised).
    """
    arts = model.articles
    article_routes = [urls.article_route(a) for a in arts]
    ahash = [_story_hash(a, route) for a, route in zip(arts, article_routes)]
    lhash = [_listing_hash(a, route) for a, route in zip(arts, article_routes)]
    outputs: list[Output] = []
    per_page = config.items_per_page

    def listing(route_of, kind: str, template: str, items: tuple[int, ...], term: Term | None = None) -> None:
        pages = _chunks(items, per_page)
        for number, chunk in enumerate(pages, start=1):
            spec = PageSpec(template=template, kind=kind, items=chunk, number=number, total=len(pages), term=term)
            key = _hash(global_key, template, kind, str(number), str(len(pages)),
                        term.label if term else "", term.description if term else "", str(len(items)),
                        *(lhash[i] for i in chunk))
            outputs.append(Output(route=route_of(number), fingerprint=key, spec=spec))

    listing(urls.home_route, "home", "index.html", tuple(range(len(arts))))

    if related is None:
        related = related_stories(model)
    for index in range(len(arts)):
        outputs.append(_article_output(index, len(arts), article_routes[index], ahash.__getitem__,
                                       lhash.__getitem__, related[index], global_key))

    for taxonomy in model.taxonomies:
        counts = "|".join(f"{t.slug}:{t.label}:{len(t.articles)}" for t in taxonomy.terms)
        outputs.append(Output(route=urls.taxonomy_index_route(taxonomy.plural),
                              fingerprint=_hash(global_key, "terms", taxonomy.kind, counts),
                              spec=PageSpec(template="terms.html", kind="terms", taxonomy=taxonomy)))
        for term in taxonomy.terms:
            listing(lambda n, t=term, p=taxonomy.plural: urls.term_route(p, t.slug, n),
                    term.kind, "term.html", term.articles, term)
            if taxonomy_feeds(term.kind):
                outputs.extend(_term_feeds(taxonomy, term, config, ahash.__getitem__, global_key))

    edition_list = "|".join(f"{e.slug}:{len(e.articles)}" for e in model.editions)
    outputs.append(Output(route=urls.editions_index_route(), fingerprint=_hash(global_key, "editions", edition_list),
                          spec=PageSpec(template="editions.html", kind="editions")))
    for edition in model.editions:
        listing(lambda n, e=edition: urls.edition_route(arts[e.articles[0]].edition, n),
                "edition", "edition.html", edition.articles, edition)

    outputs.extend(_site_feeds(len(arts), config, ahash.__getitem__, global_key))
    outputs.extend(_corrections_outputs(arts, lhash, global_key))

    outputs.append(Output(route=urls.NOT_FOUND_ROUTE, fingerprint=_hash(global_key, "404"),
                          spec=PageSpec(template="404.html", kind="404")))
    outputs.append(Output(route=urls.search_route(), fingerprint=_hash(global_key, "search"),
                          spec=PageSpec(template="search.html", kind="search")))
    for route, source, digest in static_files:
        outputs.append(Output(route=route, fingerprint=digest, spec=StaticSpec(source=source)))

    stamps = [a.modified.timestamp() for a in arts]
    entries = tuple(_sitemap_entry(o, stamps) for o in outputs
                    if isinstance(o.spec, PageSpec) and o.spec.kind != "404")
    outputs.extend(_sitemaps(entries, global_key, stamps))
    site_urls = Urls(config.site_url)
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {site_urls.absolute(urls.SITEMAP_ROUTE)}\n"
    news = _news_sitemap(model, global_key, now)
    if news is not None:   # the schema wants at least one <url>: no recent story, no file
        outputs.append(news)
        robots += f"Sitemap: {site_urls.absolute(urls.NEWS_SITEMAP_ROUTE)}\n"
    outputs.append(Output(route=urls.ROBOTS_ROUTE, fingerprint=_hash(robots), spec=TextSpec(text=robots)))
    # Without it GitHub Pages runs Jekyll, which drops every path that starts with "_".
    outputs.append(Output(route=urls.NOJEKYLL_ROUTE, fingerprint=_hash(""), spec=TextSpec(text="")))
    # Last, so that an alias is checked against every other output; not in sitemaps or feeds.
    outputs.extend(_alias_outputs(arts, article_routes, lhash, outputs, global_key))
    return tuple(outputs)


def _story_hash(article: Article, route: str) -> str:
    """What a page showing the whole story depends on: the file, and where the story lives
    (deduplication can move it, x -> x-2, without its file changing)."""
    return f"{article.content_hash}:{route}"


def _listing_hash(article: Article, route: str) -> str:
    """What a listing, a story link or a sitemap shows of a story: front-matter, never the body."""
    return f"{article.listing_hash}:{route}"


# The outputs that show a story's body, made by one function each so that plan_site and
# plan_story_edits make them alike. ahash(i): content hash and route of story i; lhash(i): the
# same for what listings show of it.

def _article_output(index: int, count: int, route: str, ahash: Callable[[int], str], lhash: Callable[[int], str],
                    related: tuple[int, ...], global_key: str) -> Output:
    newer = lhash(index - 1) if index > 0 else ""
    older = lhash(index + 1) if index + 1 < count else ""
    return Output(route=route,
                  fingerprint=_hash(global_key, "article", ahash(index), newer, older, *(lhash(i) for i in related)),
                  spec=PageSpec(template="article.html", kind="article", article=index, items=related))


def _term_feeds(taxonomy: Taxonomy, term: Term, config: SiteConfig, ahash: Callable[[int], str],
                global_key: str) -> list[Output]:
    newest = term.articles[:config.feeds.items]
    return [Output(route=urls.term_feed_route(taxonomy.plural, term.slug, fmt),
                   fingerprint=_hash(global_key, "feed", fmt, term.slug, term.label, *(ahash(i) for i in newest)),
                   spec=FeedSpec(fmt=fmt, items=newest, term=term, html_route=urls.term_route(taxonomy.plural, term.slug)))
            for fmt in ("rss", "atom")]


def _site_feeds(count: int, config: SiteConfig, ahash: Callable[[int], str], global_key: str) -> list[Output]:
    newest = tuple(range(min(config.feeds.items, count)))
    return [Output(route=urls.site_feed_route(fmt), fingerprint=_hash(global_key, "feed", fmt, *(ahash(i) for i in newest)),
                   spec=FeedSpec(fmt=fmt, items=newest, html_route=urls.home_route()))
            for fmt in ("rss", "atom", "json")]


def corrected_stories(arts: tuple[Article, ...]) -> tuple[int, ...]:
    """The stories with corrections, the most recently corrected first."""
    corrected = [i for i, a in enumerate(arts) if a.corrections]
    return tuple(sorted(corrected, key=lambda i: (-arts[i].corrections[-1].date.timestamp(), i)))


CORRECTIONS_FEED_FORMATS = ("rss", "atom")


def _corrections_outputs(arts: tuple[Article, ...], lhash: list[str], global_key: str) -> list[Output]:
    """/corrections/ and its feeds. Always written (the footer links the page): a site with no
    correction says so. They show front-matter only, so listing hashes fingerprint them."""
    items = corrected_stories(arts)
    key = [lhash[i] for i in items]
    outputs = [Output(route=urls.corrections_route(), fingerprint=_hash(global_key, "corrections", *key),
                      spec=PageSpec(template="corrections.html", kind="corrections", items=items))]
    outputs.extend(Output(route=urls.corrections_feed_route(fmt),
                          fingerprint=_hash(global_key, "corrections-feed", fmt, *key),
                          spec=FeedSpec(fmt=fmt, items=items, html_route=urls.corrections_route(), corrections=True))
                   for fmt in CORRECTIONS_FEED_FORMATS)
    return outputs


def _alias_outputs(arts: tuple[Article, ...], article_routes: list[str], lhash: list[str],
                   outputs: list[Output], global_key: str) -> list[Output]:
    """A redirect page at each alias. An alias that is the address of another page, or another
    story's alias too, is an error naming both files: one of them would be lost."""
    taken: dict[str, str] = {}
    for output in outputs:
        spec = output.spec
        if isinstance(spec, PageSpec) and spec.article is not None:
            taken[output.file] = f"the page of {arts[spec.article].path}"
        else:
            taken[output.file] = f"the site's page /{output.route}"
    aliases: list[Output] = []
    for index, article in enumerate(arts):
        for route in article.aliases:
            file = urls.output_file(route)
            if file in taken:
                raise OutputError(f"alias /{route} is already {taken[file]}; remove one of them",
                                  path=article.path)
            taken[file] = f"an alias of {article.path}"
            aliases.append(Output(route=route, fingerprint=_hash(global_key, "alias", lhash[index]),
                                  spec=AliasSpec(article=index)))
    return aliases


def plan_story_edits(model: SiteModel, config: SiteConfig, global_key: str, edited: set[int],
                     related: tuple[tuple[int, ...], ...]) -> tuple[Output, ...]:
    """The outputs that can change when only the bodies of these stories changed: their pages and
    the feeds carrying them. Every other output shows front-matter only (listing_hash), so its
    fingerprint is what the last build gave it. The same Output objects plan_site makes."""
    arts = model.articles
    routes: dict[int, str] = {}

    def route(i: int) -> str:
        if i not in routes:
            routes[i] = urls.article_route(arts[i])
        return routes[i]

    def ahash(i: int) -> str:
        return _story_hash(arts[i], route(i))

    def lhash(i: int) -> str:
        return _listing_hash(arts[i], route(i))

    outputs = [_article_output(i, len(arts), route(i), ahash, lhash, related[i], global_key) for i in sorted(edited)]
    if any(i < config.feeds.items for i in edited):
        outputs.extend(_site_feeds(len(arts), config, ahash, global_key))
    for taxonomy in model.taxonomies:
        if not taxonomy_feeds(taxonomy.kind):
            continue
        slugs = {term_slug(name) for i in edited for name in getattr(arts[i], taxonomy.plural)}
        for slug in sorted(slugs):
            term = taxonomy.term(slug)
            if term is not None and edited.intersection(term.articles[:config.feeds.items]):
                outputs.extend(_term_feeds(taxonomy, term, config, ahash, global_key))
    return tuple(outputs)


def _sitemaps(entries: tuple[tuple[str, int], ...], global_key: str, stamps: list[float]) -> list[Output]:
    """sitemap.xml; past 50,000 URLs, an index of sitemap-1.xml, sitemap-2.xml ..."""
    def one(route: str, part: tuple[tuple[str, int], ...], index: bool = False) -> Output:
        # lastmod is written in UTC from the timestamp, so the timestamp stands for it: editing
        # a story's text does not re-render the sitemap.
        return Output(route=route, fingerprint=_hash(global_key, "sitemap", str(index),
                                                     *(f"{r} {stamps[i] if i >= 0 else ''}" for r, i in part)),
                      spec=SitemapSpec(entries=part, index=index))

    if len(entries) <= SITEMAP_LIMIT:
        return [one(urls.SITEMAP_ROUTE, entries)]
    parts = [entries[i:i + SITEMAP_LIMIT] for i in range(0, len(entries), SITEMAP_LIMIT)]
    outputs = [one(urls.sitemap_part_route(n), part) for n, part in enumerate(parts, start=1)]
    index_entries = tuple((urls.sitemap_part_route(n), _newest((i for _, i in part if i >= 0), stamps))
                          for n, part in enumerate(parts, start=1))
    return outputs + [one(urls.SITEMAP_ROUTE, index_entries, index=True)]


def _newest(indices, stamps: list[float]) -> int:
    """The story with the latest change among these, or -1."""
    return max(indices, key=stamps.__getitem__, default=-1)


def _news_sitemap(model: SiteModel, global_key: str, now: datetime) -> Output | None:
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
                  fingerprint=_hash(global_key, "news-sitemap", *(model.articles[i].listing_hash for i in items)),
                  spec=NewsSitemapSpec(items=items))


def _sitemap_entry(output: Output, stamps: list[float]) -> tuple[str, int]:
    """(route, story): a story's page, or a listing and its most recently changed story."""
    spec = output.spec
    assert isinstance(spec, PageSpec)
    if spec.article is not None:
        return output.route, spec.article
    return output.route, _newest(spec.items, stamps)
