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
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable, Protocol

from jinja2.utils import htmlsafe_json_dumps

from site_builder.config import SiteConfig
from site_builder.errors import OutputError
from site_builder.models import Article
from site_builder.slugs import clean_name
from site_builder.repeats import says_same, shown_summary
from site_builder.taxonomy import SiteModel, Taxonomy, Term, related_stories, term_slug
from site_builder import urls
from site_builder.urls import Urls
from site_builder.views import (ArticleCard, ArticleView, CorrectedStory, CorrectionView, FeedLink, Link, PageView,
                                Pagination, SiteView, TermView, teaser)

class BodySource(Protocol):
    """Rendered bodies by content hash: a dict, or the cache's reader in forked workers."""

    def get(self, key: str, default: str | None = None) -> str | None: ...


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


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _page_window(number: int, total: int) -> list[int]:
    """The page numbers a pager shows: first, last, and two either side of the current one."""
    return sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})


# ---- views for templates ------------------------------------------------------------------

class Presenter:
    """Builds the views one page shows. Memoises cards, which many listings share."""

    def __init__(self, model: SiteModel, config: SiteConfig) -> None:
        self.model = model
        self.config = config
        self.urls = Urls(config.site_url)
        self._cards: dict[int, ArticleCard] = {}
        self._topic_links = {t.slug: Link(label=t.label, url=self.urls.path(urls.term_route("topics", t.slug)))
                             for t in model.topics.terms}
        self._region_links = {t.slug: Link(label=t.label, url=self.urls.path(urls.term_route("regions", t.slug)))
                              for t in model.regions.terms}
        self._editions = {e.slug: e for e in model.editions}
        self.site = self._site_view()

    # -- shared pieces

    def _site_view(self) -> SiteView:
        u = self.urls
        present = {t.slug for t in self.model.topics.terms}
        top = [self._topic_links[t.slug] for t in self.config.topics if t.slug in present][:8]
        nav = (Link(label="Latest", url=u.path(urls.home_route())),
               Link(label="Topics", url=u.path(urls.taxonomy_index_route("topics"))),
               Link(label="Regions", url=u.path(urls.taxonomy_index_route("regions"))),
               Link(label="People", url=u.path(urls.taxonomy_index_route("people"))),
               Link(label="Editions", url=u.path(urls.editions_index_route())))
        return SiteView(
            title=self.config.title,
            description=self.config.description,
            language=self.config.language,
            home_url=u.path(urls.home_route()),
            stylesheet_url=u.path(urls.static_route("style.css")),
            static_url=u.path("static/"),
            nav=nav,
            top_topics=tuple(top),
            nav_urls=frozenset(link.url for link in (*nav, *top)),
            feeds=self.site_feeds(),
            publisher=self.config.publisher.name,
            absolute_home_url=u.absolute(urls.home_route()),
            logo_url=self.asset_url(self.config.publisher.logo or urls.static_route("logo.png")),
            default_image_url=self.asset_url(self.config.default_image or urls.static_route("default-card.png")),
            search_url=u.path(urls.search_route()),
            search_enabled=self.config.search,
            show_provenance=self.config.show_provenance,
            corrections_url=u.path(urls.corrections_route()),
        )

    def asset_url(self, value: str) -> str:
        """An absolute URL for an image named in config or front-matter: a site path or a URL."""
        if value.startswith(("http://", "https://")):
            return value
        return self.urls.absolute(value.lstrip("/"))

    def asset_path(self, value: str) -> str:
        """A link for an image on a page: a site path under the prefix, or the URL as given."""
        if value.startswith(("http://", "https://")):
            return value
        return self.urls.path(value.lstrip("/"))

    def site_feeds(self) -> tuple[FeedLink, ...]:
        title = self.config.title
        return (FeedLink(title=f"{title} (RSS)", mime=FEED_MIME["rss"], url=self.urls.absolute(urls.site_feed_route("rss"))),
                FeedLink(title=f"{title} (Atom)", mime=FEED_MIME["atom"], url=self.urls.absolute(urls.site_feed_route("atom"))),
                FeedLink(title=f"{title} (JSON Feed)", mime=FEED_MIME["json"], url=self.urls.absolute(urls.site_feed_route("json"))))

    def term_feeds(self, term: Term, plural: str) -> tuple[FeedLink, ...]:
        if not taxonomy_feeds(term.kind):
            return ()
        return tuple(FeedLink(title=f"{term.label} – {self.config.title} ({name})", mime=FEED_MIME[fmt],
                              url=self.urls.absolute(urls.term_feed_route(plural, term.slug, fmt)))
                     for fmt, name in (("rss", "RSS"), ("atom", "Atom")))

    def display_date(self, article: Article) -> str:
        local = article.date.astimezone(self.config.tz)
        return f"{local.day} {local:%B %Y}"

    def event_day(self, article: Article) -> date | None:
        """The day the event happened, when it is not the day the story was published."""
        if article.event_date is None or article.event_date == article.date.astimezone(self.config.tz).date():
            return None
        return article.event_date

    def correction_views(self, article: Article) -> tuple[CorrectionView, ...]:
        tz = self.config.tz
        return tuple(CorrectionView(date_iso=c.date.isoformat(), date_display=_day(c.date.astimezone(tz)),
                                    text=c.text) for c in article.corrections)

    def card(self, index: int) -> ArticleCard:
        card = self._cards.get(index)
        if card is None:
            article = self.model.articles[index]
            card = ArticleCard(
                url=self.urls.path(urls.article_route(article)),
                title=article.title,
                kicker=article.kicker,
                # A card shows the headline and the lede once: not a summary that repeats the title;
                # a story the paper cut off ends with "…" (views.teaser).
                summary=teaser(shown_summary(article.title, article.summary), article.truncated),
                truncated=article.truncated,
                date_iso=article.date.isoformat(),
                date_display=self.display_date(article),
                topics=tuple(self._topic_links[s] for s in article.topics if s in self._topic_links),
                regions=tuple(self._region_links[s] for s in article.regions if s in self._region_links),
                lang=article.lang,
            )
            self._cards[index] = card
        return card

    def _page_view(self, title: str, description: str, route: str, kind: str,
                   own_feeds: tuple[FeedLink, ...] = ()) -> PageView:
        return PageView(title=title, description=description or self.config.description, route=route,
                        canonical_url=self.urls.absolute(route), kind=kind, feeds=own_feeds + self.site.feeds)

    def _pagination(self, spec: PageSpec, route_of) -> Pagination:
        return Pagination(
            number=spec.number,
            total=spec.total,
            newer_url=self.urls.path(route_of(spec.number - 1)) if spec.number > 1 else None,
            older_url=self.urls.path(route_of(spec.number + 1)) if spec.number < spec.total else None,
            pages=tuple(Link(label=str(n), url=self.urls.path(route_of(n))) for n in _page_window(spec.number, spec.total)),
        )

    def _people_links(self, names: tuple[str, ...], taxonomy: Taxonomy) -> tuple[Link, ...]:
        links = []
        for name in names:
            term = taxonomy.term(term_slug(name))
            if term is not None and all(link.label != clean_name(name) for link in links):
                links.append(Link(label=clean_name(name), url=self.urls.path(urls.term_route(taxonomy.plural, term.slug))))
        return tuple(links)

    # -- one context per template

    def context(self, output: Output, card_html) -> dict[str, object]:
        """The names a page's template sees. card_html(index, level) renders one _card.html."""
        spec = output.spec
        assert isinstance(spec, PageSpec)
        route = output.route
        kind = spec.kind
        base = {"site": self.site}
        if kind == "article":
            view = self.article_view(spec.article, spec.items)  # type: ignore[arg-type]
            base["article"] = view
            base["related_cards"] = tuple(card_html(i, 3) for i in spec.items)
            base["page"] = self._page_view(view.title, view.summary, route, kind)
        elif kind == "home":
            base["cards"] = tuple(card_html(i) for i in spec.items)
            base["pagination"] = self._pagination(spec, urls.home_route)
            title = self.config.title if spec.number == 1 else f"Page {spec.number}"
            base["page"] = self._page_view(title, self.config.description, route, kind)
        elif kind in ("topic", "region", "person", "organization"):
            term = spec.term
            assert term is not None
            plural = {"topic": "topics", "region": "regions", "person": "people", "organization": "organizations"}[kind]
            feeds = self.term_feeds(term, plural)
            base["term"] = TermView(kind=kind, slug=term.slug, label=term.label, description=term.description,
                                    url=self.urls.path(urls.term_route(plural, term.slug)), count=len(term.articles),
                                    feeds=feeds)
            base["cards"] = tuple(card_html(i) for i in spec.items)
            base["pagination"] = self._pagination(spec, lambda n: urls.term_route(plural, term.slug, n))
            title = term.label if spec.number == 1 else f"{term.label} – page {spec.number}"
            base["page"] = self._page_view(title, term.description or f"Stories about {term.label}", route, kind, feeds)
        elif kind == "terms":
            taxonomy = spec.taxonomy
            assert taxonomy is not None
            base["heading"] = taxonomy.label
            base["intro"] = f"{len(taxonomy.terms)} {taxonomy.label.lower()}, with the number of stories in each."
            base["terms"] = tuple(
                TermView(kind=t.kind, slug=t.slug, label=t.label, description=t.description,
                         url=self.urls.path(urls.term_route(taxonomy.plural, t.slug)), count=len(t.articles),
                         feeds=self.term_feeds(t, taxonomy.plural))
                for t in taxonomy.terms)
            base["page"] = self._page_view(taxonomy.label, f"All {taxonomy.label.lower()}", route, kind)
        elif kind == "edition":
            term = spec.term
            assert term is not None
            day = self.model.articles[term.articles[0]].edition
            base["edition"] = TermView(kind="edition", slug=term.slug, label=term.label, description="",
                                       url=self.urls.path(urls.edition_route(day)), count=len(term.articles))
            base["cards"] = tuple(card_html(i) for i in spec.items)
            base["pagination"] = self._pagination(spec, lambda n: urls.edition_route(day, n))
            base["page"] = self._page_view(f"Edition of {term.label}", f"The stories of {term.label}", route, kind)
        elif kind == "editions":
            base["editions"] = tuple(
                TermView(kind="edition", slug=e.slug, label=e.label, description="",
                         url=self.urls.path(urls.edition_route(self.model.articles[e.articles[0]].edition)),
                         count=len(e.articles))
                for e in self.model.editions)
            base["page"] = self._page_view("Editions", "Every edition, newest first", route, kind)
        elif kind == "corrections":
            arts = self.model.articles
            base["corrected"] = tuple(
                CorrectedStory(title=arts[i].title, url=self.urls.path(urls.article_route(arts[i])) + "#corrections",
                               corrections=tuple(reversed(self.correction_views(arts[i]))))
                for i in spec.items)
            feeds = tuple(FeedLink(title=f"Corrections – {self.config.title} ({name})", mime=FEED_MIME[fmt],
                                   url=self.urls.absolute(urls.corrections_feed_route(fmt)))
                          for fmt, name in (("rss", "RSS"), ("atom", "Atom")))
            base["page"] = self._page_view("Corrections", f"Stories of {self.config.title} corrected after "
                                           "publication, most recent first", route, kind, feeds)
        elif kind == "404":
            base["page"] = self._page_view("Page not found", "", route, kind)
        elif kind == "search":
            base["page"] = self._page_view("Search", f"Search the stories of {self.config.title}", route, kind)
        else:
            raise ValueError(f"unknown page kind {kind}")
        return base

    def article_view(self, index: int, related: tuple[int, ...] = ()) -> ArticleView:
        article = self.model.articles[index]
        card = self.card(index)
        arts = self.model.articles
        newer = arts[index - 1] if index > 0 else None
        older = arts[index + 1] if index + 1 < len(arts) else None
        edition_term = self._editions.get(article.edition.isoformat())
        source = None
        if article.source is not None:
            src = article.source
            span = f"line {src.first_line}" if src.first_line == src.last_line else \
                f"lines {src.first_line}–{src.last_line}"
            source = f"{Path(src.digest).name}, {span}"
        # Shown as updated when the text says it changed after publication (updated, corrections).
        updated = article.modified if article.modified != article.date else None
        event = self.event_day(article)
        image_url = self.asset_url(article.image) if article.image else self.site.default_image_url
        absolute_url = self.urls.absolute(urls.article_route(article))
        people = self._people_links(article.people, self.model.people)
        organizations = self._people_links(article.organizations, self.model.organizations)
        return ArticleView(
            url=card.url,
            absolute_url=absolute_url,
            title=article.title,
            kicker=article.kicker,
            deck=None if says_same(article.title, article.deck) else article.deck,   # not the title twice
            summary=article.summary,
            body_html=self.body_html(article),
            truncated=article.truncated,
            date_iso=card.date_iso,
            date_display=card.date_display,
            updated_iso=updated.isoformat() if updated else None,
            updated_display=f"{updated.astimezone(self.config.tz):%d %B %Y, %H:%M}" if updated else None,
            image_url=image_url,
            photo_url=self.asset_path(article.image) if article.image else None,
            topics=card.topics,
            regions=card.regions,
            people=people,
            organizations=organizations,
            edition=Link(label=edition_term.label, url=self.urls.path(urls.edition_route(article.edition)))
            if edition_term else None,
            source=source,
            photo_credit=article.photo_credit,
            newer=Link(label=newer.title, url=self.urls.path(urls.article_route(newer))) if newer else None,
            older=Link(label=older.title, url=self.urls.path(urls.article_route(older))) if older else None,
            related=tuple(self.card(i) for i in related),
            json_ld=self._news_article_json(article, card, absolute_url, image_url, people + organizations),
            lang=article.lang,
            event_iso=event.isoformat() if event else None,
            event_display=f"{event:%A} {event.day} {event:%B}" + ("" if event.year == article.date.astimezone(
                self.config.tz).year else f" {event.year}") if event else None,
            corrections=self.correction_views(article),
        )

    def _news_article_json(self, article: Article, card: ArticleCard, absolute_url: str, image_url: str,
                           named: tuple[Link, ...]) -> str:
        """schema.org NewsArticle for Google and others. Built here, not in the template: it is
        a tenth of an article page's rendering time there."""
        site = self.site
        org = site.publisher or site.title
        labels = [link.label for link in card.topics + card.regions + named]
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "description": article.summary,
            "datePublished": card.date_iso,
            "dateModified": article.modified.isoformat(),
            "mainEntityOfPage": {"@type": "WebPage", "@id": absolute_url},
            "url": absolute_url,
            "image": [image_url],
            "author": {"@type": "Organization", "name": org, "url": site.absolute_home_url},
            "publisher": {"@type": "Organization", "name": org, "url": site.absolute_home_url,
                          "logo": {"@type": "ImageObject", "url": site.logo_url, "width": 600, "height": 60}},
            "articleSection": [link.label for link in card.topics],
            "keywords": ", ".join(labels),
            "contentLocation": [{"@type": "Place", "name": link.label} for link in card.regions],
            "inLanguage": article.lang or site.language,
            "isAccessibleForFree": True,
        }
        # Jinja's tojson: sorted keys, and <, >, & and ' escaped so no text can end the script.
        return str(htmlsafe_json_dumps(data, sort_keys=True))

    body_cache: BodySource | None = None

    def body_html(self, article: Article) -> str:
        """The rendered body, from the content-hash cache when the build filled it."""
        if self.body_cache is not None:
            cached = self.body_cache.get(article.content_hash)
            if cached is not None:
                return cached
        from site_builder.markdown import render_markdown
        return render_markdown(article.body)
