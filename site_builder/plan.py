"""The site model -> every output to produce, each with a fingerprint of all it shows.

Planning is cheap and done afresh on every build (Zola's lesson: partial re-planning breeds
stale pages). It says only what to produce: each kind of output is a frozen spec type, and
beside it the function that plans it and computes its fingerprint. How a page looks (its views,
presenter.py) and its bytes (render.py) are decided only for the outputs that must be rendered.
A fingerprint is the hash of everything an output shows: the content hashes of its stories,
its position, and `global_key` (config, theme, code); an output whose fingerprint is unchanged
since the last build need not be rendered again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from datetime import datetime
from pathlib import Path
from typing import Callable, ClassVar

from site_builder.config import SiteConfig
from site_builder.errors import OutputError
from site_builder.feeds import CORRECTIONS_FEED_FORMATS, SITE_FEED_FORMATS
from site_builder.models import Article
from site_builder.outputs import Output, fingerprint
from site_builder.sitemaps import NewsSitemapSpec, SitemapSpec, news_sitemap_output, newest, sitemap_outputs
from site_builder.taxonomy import TAXONOMY_OF_KIND, SiteModel, Taxonomy, Term, related_stories, term_slug
from site_builder import urls
from site_builder.urls import Urls


def _chunks(items: tuple[int, ...], size: int) -> list[tuple[int, ...]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [()]


Hashes = Callable[[int], str]   # story index -> what an output shows of it (_story_hash, _listing_hash)


def _story_hash(article: Article, route: str) -> str:
    """What a page showing the whole story depends on: the file, and where the story lives
    (deduplication can move it, x -> x-2, without its file changing)."""
    return f"{article.content_hash}:{route}"


def _listing_hash(article: Article, route: str) -> str:
    """What a listing, a story link or a sitemap shows of a story: front-matter, never the body."""
    return f"{article.listing_hash}:{route}"


# ---- pages: one type per kind of page; its type picks its template and its view (presenter.py)

@dataclass(frozen=True, slots=True, kw_only=True)
class PageSpec:
    """An HTML page: which stories it shows, and where it sits in its listing."""

    template: ClassVar[str]
    kind: ClassVar[str]                  # the templates' page.kind
    article: int | None = None           # the story it shows whole
    items: tuple[int, ...] = ()          # the stories it lists (an article page: its related ones)
    number: int = 1
    total: int = 1
    term: Term | None = None             # the topic, region, person, organization or edition listed


@dataclass(frozen=True, slots=True, kw_only=True)
class HomePage(PageSpec):
    template, kind = "index.html", "home"


@dataclass(frozen=True, slots=True, kw_only=True)
class TermPage(PageSpec):
    """A topic's, region's, person's or organization's stories."""

    template = "term.html"

    @property
    def kind(self) -> str:  # type: ignore[override]
        assert self.term is not None
        return self.term.kind


@dataclass(frozen=True, slots=True, kw_only=True)
class EditionPage(PageSpec):
    template, kind = "edition.html", "edition"


def _listing(page: type[PageSpec], route_of: Callable[[int], str], items: tuple[int, ...], per_page: int,
             lhash: Hashes, global_key: str, term: Term | None = None) -> list[Output]:
    """A listing's pages: each shows its stories' front-matter and its place in the listing."""
    pages = _chunks(items, per_page)
    outputs = []
    for number, chunk in enumerate(pages, start=1):
        spec = page(items=chunk, number=number, total=len(pages), term=term)
        key = fingerprint(global_key, spec.template, spec.kind, str(number), str(len(pages)),
                    term.label if term else "", term.description if term else "", str(len(items)),
                    *(lhash(i) for i in chunk))
        outputs.append(Output(route=route_of(number), fingerprint=key, spec=spec))
    return outputs


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticlePage(PageSpec):
    """One story, with its related stories as `items`."""

    template, kind = "article.html", "article"


def _article_output(index: int, count: int, route: str, ahash: Hashes, lhash: Hashes,
                    related: tuple[int, ...], global_key: str) -> Output:
    """Made by one function so that plan_site and plan_story_edits make it alike."""
    newer = lhash(index - 1) if index > 0 else ""
    older = lhash(index + 1) if index + 1 < count else ""
    return Output(route=route,
                  fingerprint=fingerprint(global_key, "article", ahash(index), newer, older, *(lhash(i) for i in related)),
                  spec=ArticlePage(article=index, items=related))


@dataclass(frozen=True, slots=True, kw_only=True)
class TermsPage(PageSpec):
    """The index of a taxonomy: /topics/ and the like."""

    template, kind = "terms.html", "terms"
    taxonomy: Taxonomy


def _terms_output(taxonomy: Taxonomy, global_key: str) -> Output:
    counts = "|".join(f"{t.slug}:{t.label}:{len(t.articles)}" for t in taxonomy.terms)
    return Output(route=urls.taxonomy_index_route(taxonomy.plural),
                  fingerprint=fingerprint(global_key, "terms", taxonomy.kind, counts), spec=TermsPage(taxonomy=taxonomy))


@dataclass(frozen=True, slots=True, kw_only=True)
class EditionsPage(PageSpec):
    template, kind = "editions.html", "editions"


def _editions_output(model: SiteModel, global_key: str) -> Output:
    edition_list = "|".join(f"{e.slug}:{len(e.articles)}" for e in model.editions)
    return Output(route=urls.editions_index_route(), fingerprint=fingerprint(global_key, "editions", edition_list),
                  spec=EditionsPage())


@dataclass(frozen=True, slots=True, kw_only=True)
class CorrectionsPage(PageSpec):
    """/corrections/: the corrected stories as `items`, the most recently corrected first."""

    template, kind = "corrections.html", "corrections"


@dataclass(frozen=True, slots=True, kw_only=True)
class NotFoundPage(PageSpec):
    template, kind = "404.html", "404"


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchPage(PageSpec):
    template, kind = "search.html", "search"


# ---- feeds

@dataclass(frozen=True, slots=True, kw_only=True)
class FeedSpec:
    fmt: str                     # a row of feeds.FEED_FORMATS
    items: tuple[int, ...]
    term: Term | None = None
    html_route: str = ""         # the page the feed mirrors
    corrections: bool = False    # the corrections feed: an entry per corrected story, its notices


def _term_feeds(taxonomy: Taxonomy, term: Term, config: SiteConfig, ahash: Hashes, global_key: str) -> list[Output]:
    newest = term.articles[:config.feeds.items]
    return [Output(route=urls.term_feed_route(taxonomy.plural, term.slug, fmt),
                   fingerprint=fingerprint(global_key, "feed", fmt, term.slug, term.label, *(ahash(i) for i in newest)),
                   spec=FeedSpec(fmt=fmt, items=newest, term=term, html_route=urls.term_route(taxonomy.plural, term.slug)))
            for fmt in TAXONOMY_OF_KIND[taxonomy.kind].feeds]


def _site_feeds(count: int, config: SiteConfig, ahash: Hashes, global_key: str) -> list[Output]:
    newest = tuple(range(min(config.feeds.items, count)))
    return [Output(route=urls.site_feed_route(fmt), fingerprint=fingerprint(global_key, "feed", fmt, *(ahash(i) for i in newest)),
                   spec=FeedSpec(fmt=fmt, items=newest, html_route=urls.home_route()))
            for fmt in SITE_FEED_FORMATS]


def corrected_stories(arts: tuple[Article, ...]) -> tuple[int, ...]:
    """The stories with corrections, the most recently corrected first."""
    corrected = [i for i, a in enumerate(arts) if a.corrections]
    return tuple(sorted(corrected, key=lambda i: (-arts[i].corrections[-1].date.timestamp(), i)))


def _corrections_outputs(arts: tuple[Article, ...], lhash: list[str], global_key: str) -> list[Output]:
    """/corrections/ and its feeds. Always written (the footer links the page): a site with no
    correction says so. They show front-matter only, so listing hashes fingerprint them."""
    items = corrected_stories(arts)
    key = [lhash[i] for i in items]
    outputs = [Output(route=urls.corrections_route(), fingerprint=fingerprint(global_key, "corrections", *key),
                      spec=CorrectionsPage(items=items))]
    outputs.extend(Output(route=urls.corrections_feed_route(fmt),
                          fingerprint=fingerprint(global_key, "corrections-feed", fmt, *key),
                          spec=FeedSpec(fmt=fmt, items=items, html_route=urls.corrections_route(), corrections=True))
                   for fmt in CORRECTIONS_FEED_FORMATS)
    return outputs


# ---- the rest: redirects, sitemaps, plain text, static files

@dataclass(frozen=True, slots=True, kw_only=True)
class AliasSpec:
    """A redirect page at an old address of a story (front-matter `aliases`)."""

    article: int


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
            aliases.append(Output(route=route, fingerprint=fingerprint(global_key, "alias", lhash[index]),
                                  spec=AliasSpec(article=index)))
    return aliases


def _sitemap_entry(output: Output, stamps: list[float]) -> tuple[str, int]:
    """(route, story): a story's page, or a listing and its most recently changed story."""
    spec = output.spec
    assert isinstance(spec, PageSpec)
    if spec.article is not None:
        return output.route, spec.article
    return output.route, newest(spec.items, stamps)


@dataclass(frozen=True, slots=True, kw_only=True)
class TextSpec:
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StaticSpec:
    source: Path


Spec = PageSpec | FeedSpec | AliasSpec | SitemapSpec | NewsSitemapSpec | TextSpec | StaticSpec


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
    per_page = config.items_per_page
    outputs = _listing(HomePage, urls.home_route, tuple(range(len(arts))), per_page, lhash.__getitem__, global_key)

    if related is None:
        related = related_stories(model)
    for index in range(len(arts)):
        outputs.append(_article_output(index, len(arts), article_routes[index], ahash.__getitem__,
                                       lhash.__getitem__, related[index], global_key))

    for taxonomy in model.taxonomies:
        outputs.append(_terms_output(taxonomy, global_key))
        for term in taxonomy.terms:
            outputs.extend(_listing(TermPage, lambda n, t=term, p=taxonomy.plural: urls.term_route(p, t.slug, n),
                                    term.articles, per_page, lhash.__getitem__, global_key, term))
            outputs.extend(_term_feeds(taxonomy, term, config, ahash.__getitem__, global_key))

    outputs.append(_editions_output(model, global_key))
    for edition in model.editions:
        outputs.extend(_listing(EditionPage, lambda n, e=edition: urls.edition_route(arts[e.articles[0]].edition, n),
                                edition.articles, per_page, lhash.__getitem__, global_key, edition))

    outputs.extend(_site_feeds(len(arts), config, ahash.__getitem__, global_key))
    outputs.extend(_corrections_outputs(arts, lhash, global_key))

    outputs.append(Output(route=urls.NOT_FOUND_ROUTE, fingerprint=fingerprint(global_key, "404"), spec=NotFoundPage()))
    outputs.append(Output(route=urls.search_route(), fingerprint=fingerprint(global_key, "search"), spec=SearchPage()))
    for route, source, digest in static_files:
        outputs.append(Output(route=route, fingerprint=digest, spec=StaticSpec(source=source)))

    stamps = [a.modified.timestamp() for a in arts]
    entries = tuple(_sitemap_entry(o, stamps) for o in outputs
                    if isinstance(o.spec, PageSpec) and not isinstance(o.spec, NotFoundPage))
    outputs.extend(sitemap_outputs(entries, global_key, stamps))
    site_urls = Urls(config.site_url)
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {site_urls.absolute(urls.SITEMAP_ROUTE)}\n"
    news = news_sitemap_output(model, global_key, now)
    if news is not None:   # the schema wants at least one <url>: no recent story, no file
        outputs.append(news)
        robots += f"Sitemap: {site_urls.absolute(urls.NEWS_SITEMAP_ROUTE)}\n"
    outputs.append(Output(route=urls.ROBOTS_ROUTE, fingerprint=fingerprint(robots), spec=TextSpec(text=robots)))
    # Without it GitHub Pages runs Jekyll, which drops every path that starts with "_".
    outputs.append(Output(route=urls.NOJEKYLL_ROUTE, fingerprint=fingerprint(""), spec=TextSpec(text="")))
    # Last, so that an alias is checked against every other output; not in sitemaps or feeds.
    outputs.extend(_alias_outputs(arts, article_routes, lhash, outputs, global_key))
    return tuple(outputs)


def plan_story_edits(model: SiteModel, config: SiteConfig, global_key: str, edited: set[int],
                     related: tuple[tuple[int, ...], ...]) -> tuple[Output, ...]:
    """The outputs that can change when only the bodies of these stories changed: their pages and
    the feeds carrying them. Every other output shows front-matter only (listing_hash), so its
    fingerprint is what the last build gave it. The same Output objects plan_site makes."""
    arts = model.articles

    @cache
    def route(i: int) -> str:
        return urls.article_route(arts[i])

    def ahash(i: int) -> str:
        return _story_hash(arts[i], route(i))

    def lhash(i: int) -> str:
        return _listing_hash(arts[i], route(i))

    outputs = [_article_output(i, len(arts), route(i), ahash, lhash, related[i], global_key) for i in sorted(edited)]
    if any(i < config.feeds.items for i in edited):
        outputs.extend(_site_feeds(len(arts), config, ahash, global_key))
    for taxonomy in model.taxonomies:
        row = TAXONOMY_OF_KIND[taxonomy.kind]
        if not row.feeds:
            continue
        slugs = {term_slug(name) for i in edited for name in getattr(arts[i], row.field)}
        for slug in sorted(slugs):
            term = taxonomy.term(slug)
            if term is not None and edited.intersection(term.articles[:config.feeds.items]):
                outputs.extend(_term_feeds(taxonomy, term, config, ahash, global_key))
    return tuple(outputs)
