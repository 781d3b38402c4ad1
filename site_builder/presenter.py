"""How things look: the views a page's template sees, JSON-LD, dates as shown, story bodies.

plan.py says what to produce; this module builds, for one planned page, the frozen view
objects of views.py. Bodies are rendered Markdown, read from the content-hash cache when the
build filled it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Callable, Protocol

from jinja2.utils import htmlsafe_json_dumps

from site_builder.config import SiteConfig
from site_builder.models import Article
from site_builder.feeds import CORRECTIONS_FEED_FORMATS, FEED_FORMATS, SITE_FEED_FORMATS
from site_builder.outputs import Output
from site_builder.plan import (ArticlePage, CorrectionsPage, EditionPage, EditionsPage, HomePage, NotFoundPage, PageSpec,
                               SearchPage, TermPage, TermsPage)
from site_builder.repeats import says_same, shown_summary
from site_builder.slugs import clean_name
from site_builder.taxonomy import TAXONOMIES, TAXONOMY_OF_KIND, SiteModel, Taxonomy, Term, term_slug
from site_builder import urls
from site_builder.urls import Urls
from site_builder.views import (ArticleCard, ArticleView, CorrectedStory, CorrectionView, FeedLink, Link, PageView,
                                Pagination, SiteView, TermView, teaser)

class BodySource(Protocol):
    """Rendered bodies by content hash: a dict, or the cache's reader in forked workers."""

    def get(self, key: str, default: str | None = None) -> str | None: ...


CardHtml = Callable[..., str]                            # (story index, heading level=2) -> its _card.html
_PageHead = tuple[str, str, tuple[FeedLink, ...]]        # a page's title, description and own feeds


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _page_window(number: int, total: int) -> list[int]:
    """The page numbers a pager shows: first, last, and two either side of the current one."""
    return sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})


class Presenter:
    """Builds the views one page shows. Memoises cards, which many listings share."""

    def __init__(self, model: SiteModel, config: SiteConfig) -> None:
        self.model = model
        self.config = config
        self.urls = Urls(config.site_url)
        self._cards: dict[int, ArticleCard] = {}
        self._topic_links = {t.slug: Link(label=t.label, url=self.urls.path(urls.term_route(model.topics.plural, t.slug)))
                             for t in model.topics.terms}
        self._region_links = {t.slug: Link(label=t.label, url=self.urls.path(urls.term_route(model.regions.plural, t.slug)))
                              for t in model.regions.terms}
        self._editions = {e.slug: e for e in model.editions}
        self.site = self._site_view()

    # -- shared pieces

    def _site_view(self) -> SiteView:
        u = self.urls
        present = {t.slug for t in self.model.topics.terms}
        top = [self._topic_links[t.slug] for t in self.config.topics if t.slug in present][:8]
        nav = (Link(label="Latest", url=u.path(urls.home_route())),
               *(Link(label=t.label, url=u.path(urls.taxonomy_index_route(t.plural))) for t in TAXONOMIES if t.in_nav),
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

    def _feed_links(self, title: str, folder: str, formats: tuple[str, ...]) -> tuple[FeedLink, ...]:
        """Links to the feeds of the page at `folder`, one per format, titled "title (RSS)"."""
        return tuple(FeedLink(title=f"{title} ({FEED_FORMATS[fmt].label})", mime=FEED_FORMATS[fmt].mime,
                              url=self.urls.absolute(urls.feed_route(folder, fmt)), label=FEED_FORMATS[fmt].label)
                     for fmt in formats)

    def site_feeds(self) -> tuple[FeedLink, ...]:
        return self._feed_links(self.config.title, urls.home_route(), SITE_FEED_FORMATS)

    def term_feeds(self, term: Term, plural: str) -> tuple[FeedLink, ...]:
        return self._feed_links(f"{term.label} – {self.config.title}", urls.term_route(plural, term.slug),
                                TAXONOMY_OF_KIND[term.kind].feeds)

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

    # -- one context per kind of page, chosen by the type of its spec

    def context(self, output: Output, card_html: CardHtml) -> dict[str, object]:
        """The names a page's template sees. card_html(index, level) renders one _card.html."""
        spec = output.spec
        assert isinstance(spec, PageSpec)
        context: dict[str, object] = {"site": self.site}
        title, description, feeds = self._CONTEXTS[type(spec)](self, spec, context, card_html)
        context["page"] = self._page_view(title, description, output.route, spec.kind, feeds)
        return context

    # Each adds its template's names to `context` and returns the page's title, description
    # and own feeds.

    def _article(self, spec: ArticlePage, context: dict, card_html: CardHtml) -> _PageHead:
        view = self.article_view(spec.article, spec.items)  # type: ignore[arg-type]
        context["article"] = view
        context["related_cards"] = tuple(card_html(i, 3) for i in spec.items)
        return view.title, view.summary, ()

    def _home(self, spec: HomePage, context: dict, card_html: CardHtml) -> _PageHead:
        context["cards"] = tuple(card_html(i) for i in spec.items)
        context["pagination"] = self._pagination(spec, urls.home_route)
        return self.config.title if spec.number == 1 else f"Page {spec.number}", self.config.description, ()

    def _term(self, spec: TermPage, context: dict, card_html: CardHtml) -> _PageHead:
        term = spec.term
        assert term is not None
        plural = TAXONOMY_OF_KIND[term.kind].plural
        feeds = self.term_feeds(term, plural)
        context["term"] = TermView(kind=term.kind, slug=term.slug, label=term.label, description=term.description,
                                   url=self.urls.path(urls.term_route(plural, term.slug)), count=len(term.articles),
                                   feeds=feeds)
        context["cards"] = tuple(card_html(i) for i in spec.items)
        context["pagination"] = self._pagination(spec, lambda n: urls.term_route(plural, term.slug, n))
        title = term.label if spec.number == 1 else f"{term.label} – page {spec.number}"
        return title, term.description or f"Stories about {term.label}", feeds

    def _terms(self, spec: TermsPage, context: dict, card_html: CardHtml) -> _PageHead:
        taxonomy = spec.taxonomy
        context["heading"] = taxonomy.label
        context["intro"] = f"{len(taxonomy.terms)} {taxonomy.label.lower()}, with the number of stories in each."
        context["terms"] = tuple(
            TermView(kind=t.kind, slug=t.slug, label=t.label, description=t.description,
                     url=self.urls.path(urls.term_route(taxonomy.plural, t.slug)), count=len(t.articles),
                     feeds=self.term_feeds(t, taxonomy.plural))
            for t in taxonomy.terms)
        return taxonomy.label, f"All {taxonomy.label.lower()}", ()

    def _edition(self, spec: EditionPage, context: dict, card_html: CardHtml) -> _PageHead:
        term = spec.term
        assert term is not None
        day = self.model.articles[term.articles[0]].edition
        context["edition"] = TermView(kind="edition", slug=term.slug, label=term.label, description="",
                                      url=self.urls.path(urls.edition_route(day)), count=len(term.articles))
        context["cards"] = tuple(card_html(i) for i in spec.items)
        context["pagination"] = self._pagination(spec, lambda n: urls.edition_route(day, n))
        return f"Edition of {term.label}", f"The stories of {term.label}", ()

    def _editions(self, spec: EditionsPage, context: dict, card_html: CardHtml) -> _PageHead:
        context["editions"] = tuple(
            TermView(kind="edition", slug=e.slug, label=e.label, description="",
                     url=self.urls.path(urls.edition_route(self.model.articles[e.articles[0]].edition)),
                     count=len(e.articles))
            for e in self.model.editions)
        return "Editions", "Every edition, newest first", ()

    def _corrections(self, spec: CorrectionsPage, context: dict, card_html: CardHtml) -> _PageHead:
        arts = self.model.articles
        context["corrected"] = tuple(
            CorrectedStory(title=arts[i].title, url=self.urls.path(urls.article_route(arts[i])) + "#corrections",
                           corrections=tuple(reversed(self.correction_views(arts[i]))))
            for i in spec.items)
        feeds = self._feed_links(f"Corrections – {self.config.title}", urls.corrections_route(),
                                 CORRECTIONS_FEED_FORMATS)
        return "Corrections", f"Stories of {self.config.title} corrected after publication, most recent first", feeds

    def _not_found(self, spec: NotFoundPage, context: dict, card_html: CardHtml) -> _PageHead:
        return "Page not found", "", ()

    def _search(self, spec: SearchPage, context: dict, card_html: CardHtml) -> _PageHead:
        return "Search", f"Search the stories of {self.config.title}", ()

    _CONTEXTS: dict[type, Callable[..., _PageHead]] = {
        ArticlePage: _article, HomePage: _home, TermPage: _term, TermsPage: _terms, EditionPage: _edition,
        EditionsPage: _editions, CorrectionsPage: _corrections, NotFoundPage: _not_found, SearchPage: _search}

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
            deck=None if says_same(article.title, article.deck, exact=True) else article.deck,   # not the title twice
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
