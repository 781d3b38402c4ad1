"""The site model's shape kept between builds: which stories are published, in what order, under
which slugs, grouped into which terms and editions.

Grouping every story into the TAXONOMIES is the largest O(N) step of a one-story edit (1.7 s of
5.7 at 100,000 stories). An edit that changes only story bodies, the common case, leaves all of
that as it was: the shape is saved under the article cache's metadata token
(cache.ArticleCache.metadata_token) and put back around this build's articles when the token,
the config and the code are the same and no story has come due since.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from site_builder.config import SiteConfig
from site_builder.errors import Notice
from site_builder.models import Article, ArticleList, stored_article
from site_builder.taxonomy import SiteModel, Taxonomy, TAXONOMIES, Term, build_site_model

if TYPE_CHECKING:
    from site_builder.cache import ArticleCache, Entry

SHAPE_VERSION = 1
SHAPE_FILE = "model.shape"

# Plain tuples, not Terms: a pickle of tuples loads several times faster than of dataclasses.
TermRow = tuple[str, str, str, "str | None", tuple[int, ...]]   # slug, label, description, scheme, articles


@dataclass(frozen=True, slots=True)
class ModelShape:
    """A SiteModel with its stories named by path: what build_site_model decided from the
    stories' metadata, valid for any articles with that metadata."""

    key: str                                 # the article cache's key, its metadata token and the config
    order: tuple[str, ...]                   # the published stories' paths, in listing order
    renamed: tuple[tuple[int, str], ...]     # (position in order, slug) where dedupe_slugs numbered a slug
    held: tuple[str, ...]                    # held back (future-dated), as build_site_model lists them
    drafts: int
    latest: datetime | None                  # the newest published date: valid while now is not before it
    next_due: datetime | None                # the first held-back date: valid while now is before it
    taxonomies: tuple[tuple[TermRow, ...], ...]   # one per row of TAXONOMIES
    editions: tuple[TermRow, ...]
    notices: tuple[tuple[str, str, int | None], ...]


def shape_key(cache_key: str, token: str, config: SiteConfig) -> str:
    """What a shape depends on besides the clock: the code (in the cache's key), the stories'
    metadata (the token) and the config as read (topic labels, publish_future …)."""
    text = f"{SHAPE_VERSION}|{cache_key}|{token}|{config!r}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def take_apart(articles: Sequence[Article], model: SiteModel, notices: tuple[Notice, ...], key: str,
               config: SiteConfig) -> ModelShape:
    """The shape of the model made from these articles: its stories by path, its terms as plain rows."""
    slug_of = {a.path: a.slug for a in articles}
    renamed = tuple((i, a.slug) for i, a in enumerate(model.articles) if a.slug != slug_of[a.path])
    latest = max((a.date for a in model.articles), default=None)
    next_due = None if config.publish_future else min((a.date for a in model.held_back), default=None)
    return ModelShape(
        key=key,
        order=tuple(a.path for a in model.articles),
        renamed=renamed,
        held=tuple(a.path for a in model.held_back),
        drafts=model.drafts,
        latest=None if config.publish_future else latest,
        next_due=next_due,
        taxonomies=tuple(tuple((t.slug, t.label, t.description, t.scheme, t.articles) for t in taxonomy.terms)
                         for taxonomy in model.taxonomies),
        editions=tuple((t.slug, t.label, t.description, t.scheme, t.articles) for t in model.editions),
        notices=tuple((n.path, n.message, n.line) for n in notices),
    )


def fits(shape: ModelShape, key: str, now: datetime) -> bool:
    """The shape is this build's model: same metadata, config and code, and no story's date
    passed (a held-back one come due) or un-passed (a clock set back) since it was made."""
    return (shape.key == key and (shape.latest is None or shape.latest <= now)
            and (shape.next_due is None or now < shape.next_due))


def put_together(shape: ModelShape, articles: Sequence[Article]) -> SiteModel | None:
    """The model of these articles (whose metadata the shape was made from); None when a path is
    missing, which a matching key rules out but a damaged file might not. The model's articles
    are an ArticleList: only the stories a stage reads are made into Articles."""
    listed = articles if isinstance(articles, ArticleList) else ArticleList(articles)
    paths = listed.paths()
    index_of = dict(zip(paths, range(len(paths))))
    try:
        ordered = listed.stored(map(index_of.__getitem__, shape.order))   # map: no Python frame per story
        held = tuple(listed[index_of[path]] for path in shape.held)
    except KeyError:
        return None
    for position, slug in shape.renamed:
        ordered[position] = replace(stored_article(ordered[position]), slug=slug)
    if len(shape.taxonomies) != len(TAXONOMIES):
        return None
    taxonomies = tuple(
        Taxonomy(kind=row.kind, plural=row.plural, label=row.label,
                 terms=tuple(Term(kind=row.kind, slug=slug, label=label, description=description, scheme=scheme,
                                  articles=members) for slug, label, description, scheme, members in rows))
        for row, rows in zip(TAXONOMIES, shape.taxonomies))
    editions = tuple(Term(kind="edition", slug=slug, label=label, description=description, scheme=scheme,
                          articles=members) for slug, label, description, scheme, members in shape.editions)
    return SiteModel(articles=ArticleList(ordered, shape.order), taxonomies=taxonomies, editions=editions,
                     held_back=held, drafts=shape.drafts)


def site_model(articles: Sequence[Article], config: SiteConfig, now: datetime, cache: ArticleCache,
               fresh: dict[str, Entry], reread: set[str]) -> tuple[SiteModel, tuple[Notice, ...]]:
    """build_site_model(), or the last build's model around these articles when their metadata
    is the same (cache.metadata_token); the shape is saved beside the article cache."""
    key = shape_key(cache.key, cache.metadata_token(fresh, reread), config)
    path = cache.folder / SHAPE_FILE
    shape = _load(path)
    if shape is not None and fits(shape, key, now):
        model = put_together(shape, articles)
        if model is not None:
            return model, tuple(Notice(p, message, line) for p, message, line in shape.notices)
    stories = tuple(articles)   # every story's metadata is read from here on
    model, notices = build_site_model(stories, config, now)
    from site_builder.cache import write_cache_file

    write_cache_file(path, pickle.dumps(take_apart(stories, model, notices, key, config), protocol=pickle.HIGHEST_PROTOCOL))
    return model, notices


def _load(path: Path) -> ModelShape | None:
    try:
        shape = pickle.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    return shape if isinstance(shape, ModelShape) else None
