"""Articles -> the site model: published stories in listing order, grouped into terms.

Pure: no I/O. Terms refer to articles by index into SiteModel.articles, never by copy.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Sequence
from datetime import date, datetime

from site_builder.config import RegionDef, SiteConfig, TopicDef
from site_builder.errors import Notice, OutputError
from site_builder.models import Article
from site_builder.slugs import clean_name, is_valid_slug, slugify, unique_slugs
from site_builder.urls import article_route


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxonomyKind:
    """One way stories are grouped: a row of TAXONOMIES."""

    kind: str                    # a term's kind: topic
    plural: str                  # the route segment, and the model's name for it: topics
    label: str                   # "Topics"
    field: str                   # the front-matter field (and Article attribute) naming its terms
    feeds: tuple[str, ...]       # the feed formats (feeds.FEED_FORMATS) each of its terms gets
    weight: int                  # how much sharing one of its terms makes two stories related
    # The terms the site's config describes (label, description, scheme); None: a term's label
    # is the spelling most stories use.
    known: Callable[[SiteConfig, str], TopicDef | RegionDef | None] | None = None
    in_nav: bool = False         # linked from every page's header


# In this order on the site (and in its sitemap). Shared people weigh most, then organizations,
# regions, topics: two stories naming one person are more likely one thread than two that are
# both "politics". Adding a taxonomy is one row here and its names in front-matter; term.html
# and terms.html show it.
TAXONOMIES = (
    TaxonomyKind(kind="topic", plural="topics", label="Topics", field="topics", feeds=("rss", "atom"), weight=1,
                 known=SiteConfig.topic, in_nav=True),
    TaxonomyKind(kind="region", plural="regions", label="Regions", field="regions", feeds=("rss", "atom"), weight=2,
                 known=SiteConfig.region, in_nav=True),
    TaxonomyKind(kind="person", plural="people", label="People", field="people", feeds=(), weight=4, in_nav=True),
    TaxonomyKind(kind="organization", plural="organizations", label="Organizations", field="organizations",
                 feeds=(), weight=3),
)
TAXONOMY_OF_KIND = {t.kind: t for t in TAXONOMIES}


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """One topic, region, person, organization or edition, and its stories (listing order)."""

    kind: str                    # topic, region, person, organization, edition
    slug: str
    label: str
    description: str
    scheme: str | None           # the vocabulary's URI (IPTC Media Topics for topics)
    articles: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Taxonomy:
    kind: str                    # topic, region, person, organization
    plural: str                  # the route segment: topics, regions, people, organizations
    label: str                   # "Topics"
    terms: tuple[Term, ...]      # most stories first, then by label
    _by_slug: dict[str, Term] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_slug.update((t.slug, t) for t in self.terms)

    def term(self, slug: str) -> Term | None:
        return self._by_slug.get(slug)


def _named(plural: str) -> property:
    """A SiteModel attribute for one taxonomy, by its plural."""
    return property(lambda model: model.taxonomy(plural), doc=f"The {plural} (a Taxonomy).")


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteModel:
    articles: Sequence[Article]              # published, in listing order (newest publication date-time first);
                                             # a tuple, or an ArticleList (model_cache.put_together)
    taxonomies: tuple[Taxonomy, ...]         # one per row of TAXONOMIES, in its order
    editions: tuple[Term, ...]               # newest first
    held_back: tuple[Article, ...]           # future-dated, not published
    drafts: int

    def taxonomy(self, plural: str) -> Taxonomy:
        return next(t for t in self.taxonomies if t.plural == plural)

    # The taxonomies that cards, article pages and feeds show by name.
    topics = _named("topics")
    regions = _named("regions")
    people = _named("people")
    organizations = _named("organizations")


def listing_key(article: Article) -> tuple:
    """Newest publication date-time first, as feeds and sitemaps say. Ingest dates a digest's
    stories a second apart, its first story newest, so an edition keeps the paper's order; equal
    times fall back to the newer edition, the digest's order, then slug and path."""
    position = article.source.first_line if article.source else 0
    return (-article.date.timestamp(), -article.edition.toordinal(), position, article.slug, article.path)


def dedupe_slugs(articles: list[Article], notices: list[Notice]) -> list[Article]:
    """Two stories of one day whose titles slug alike get 'x' and 'x-2'; explicit clashes are errors."""
    from dataclasses import replace

    # A story's page is its edition's day plus its slug (urls.article_route): group by those.
    by_place: dict[tuple[date, str], list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        by_place[(article.edition, article.slug)].append(index)
    result = list(articles)
    for indices in by_place.values():
        if len(indices) < 2:
            continue
        route = article_route(articles[indices[0]])
        explicit = [i for i in indices if articles[i].slug_is_explicit]
        if len(explicit) > 1:
            files = ", ".join(articles[i].path for i in explicit)
            raise OutputError(f"two articles claim the page {route}: {files}; give one of them another 'slug'")
        # Explicit slugs keep theirs; derived ones are numbered in path order.
        ordered = explicit + sorted((i for i in indices if i not in explicit), key=lambda i: articles[i].path)
        new_slugs = unique_slugs([articles[i].slug for i in ordered])
        for i, slug in zip(ordered, new_slugs):
            if slug != articles[i].slug:
                notices.append(Notice(articles[i].path, f"another story of {articles[i].edition} has the "
                                                        f"slug '{articles[i].slug}'; this one uses '{slug}'"))
                result[i] = replace(articles[i], slug=slug)
    return result


@lru_cache(maxsize=65536)
def term_slug(name: str) -> str:
    """The slug of a topic, region, person or organization name (already-valid slugs stay).

    A name's native spelling in brackets, as in 'Lee Chun-yi (李淳一)', is left out of the slug.
    """
    if is_valid_slug(name):
        return name
    name = clean_name(name)
    bare = re.sub(r"\s*[(（][^)）]*[)）]\s*$", "", name).strip()
    return slugify(bare or name)


def _group(articles: tuple[Article, ...], names_of) -> dict[str, tuple[list[int], Counter]]:
    """slug -> (the stories naming it, in order; how often each spelling is used)."""
    groups: dict[str, tuple[list[int], Counter]] = {}
    # A name recurs on thousands of stories: its slug and shown spelling are worked out once
    # (this loop runs on every build, a one-story edit included).
    seen: dict[str, tuple[str, str]] = {}
    for index, article in enumerate(articles):
        for name in names_of(article):
            known = seen.get(name)
            if known is None:
                # the label never carries an invisible character
                known = seen[name] = (term_slug(name), clean_name(name))
            slug, shown = known
            entry = groups.get(slug)
            if entry is None:
                entry = groups[slug] = ([], Counter())
            members = entry[0]
            if not members or members[-1] != index:
                members.append(index)
            spellings = entry[1]
            spellings[shown] = spellings.get(shown, 0) + 1
    return groups


def _label_from_slug(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def _build_taxonomy(row: TaxonomyKind, articles: tuple[Article, ...], config: SiteConfig) -> Taxonomy:
    terms = []
    field_name = row.field
    for slug, (indices, spellings) in _group(articles, lambda a: getattr(a, field_name)).items():
        description = ""
        scheme = None
        if row.known is not None:
            known = row.known(config, slug)
            term_label = known.label if known else _label_from_slug(slug)
            description = known.description if known else ""
            scheme = getattr(known, "scheme_uri", None)
        else:
            # The spelling most stories use; ties go to the alphabetically first.
            term_label = min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]
        terms.append(Term(kind=row.kind, slug=slug, label=term_label, description=description, scheme=scheme,
                          articles=tuple(indices)))
    terms.sort(key=lambda t: (-len(t.articles), t.label.casefold(), t.slug))
    return Taxonomy(kind=row.kind, plural=row.plural, label=row.label, terms=tuple(terms))


def _editions(articles: tuple[Article, ...]) -> tuple[Term, ...]:
    by_day: dict[date, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        by_day[article.edition].append(index)
    return tuple(
        Term(kind="edition", slug=day.isoformat(), label=f"{day:%A} {day.day} {day:%B %Y}", description="",
             scheme=None, articles=tuple(by_day[day]))
        for day in sorted(by_day, reverse=True)
    )


def build_site_model(articles: tuple[Article, ...], config: SiteConfig, now: datetime) -> tuple[SiteModel, tuple[Notice, ...]]:
    """Choose what is published, order it, and group it into editions and the TAXONOMIES."""
    notices: list[Notice] = []
    drafts = sum(1 for a in articles if a.draft)
    candidates = [a for a in articles if not a.draft]
    held = tuple(a for a in candidates if a.date > now and not config.publish_future)
    for article in held:
        notices.append(Notice(article.path, f"dated {article.date.isoformat()}, in the future: held back "
                                            "(set future_articles: publish to publish it now)"))
    published = [a for a in candidates if a.date <= now or config.publish_future]
    published = dedupe_slugs(published, notices)
    ordered = tuple(sorted(published, key=listing_key))
    model = SiteModel(
        articles=ordered,
        taxonomies=tuple(_build_taxonomy(row, ordered, config) for row in TAXONOMIES),
        editions=_editions(ordered),
        held_back=held,
        drafts=drafts,
    )
    return model, tuple(notices)


_RELATED_WINDOW = 4      # neighbours either side in each shared term's listing


def related_key(model: SiteModel) -> str:
    """A hash of all that related_stories() reads: which stories share which terms, in what order."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    for taxonomy in model.taxonomies:
        for term in taxonomy.terms:
            digest.update(f"{taxonomy.kind}:{term.slug}:{term.articles}".encode("utf-8", "surrogatepass"))
    digest.update(str(len(model.articles)).encode())
    return digest.hexdigest()


def related_stories(model: SiteModel, limit: int = 3) -> tuple[tuple[int, ...], ...]:
    """For each published story, up to `limit` related ones (indices), deterministic.

    Candidates are a story's neighbours in the listings of the terms it shares (nearby in time
    and on the same subject), scored by the weights above; ties go to the story nearest in the
    listing, then the newer. Linear in the number of stories, so it can run on every build.
    """
    count = len(model.articles)
    scores: list[dict[int, int]] = [{} for _ in range(count)]
    for taxonomy in model.taxonomies:
        weight = TAXONOMY_OF_KIND[taxonomy.kind].weight   # sums: the order of taxonomies does not matter
        for term in taxonomy.terms:
            members = term.articles
            for position, index in enumerate(members):
                row = scores[index]
                for other in members[max(0, position - _RELATED_WINDOW):position + _RELATED_WINDOW + 1]:
                    row[other] = row.get(other, 0) + weight
    # One integer per candidate orders by score, then distance, then index: no key function.
    shift = max(count, 1).bit_length()
    mask = (1 << shift) - 1
    result = []
    for index, row in enumerate(scores):
        row.pop(index, None)
        best = heapq.nsmallest(limit, [((-score << shift | abs(other - index)) << shift) | other
                                       for other, score in row.items()])
        result.append(tuple(key & mask for key in best))
    return tuple(result)
