"""The data that passes between stages: small, frozen, typed objects with no I/O and no settings."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, fields
from datetime import date, datetime
from operator import attrgetter
from typing import Iterable, Iterator, Sequence, overload


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRef:
    """Where an ingested story came from: the digest file and its 1-based line span."""

    digest: str
    first_line: int
    last_line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction:
    """A dated correction notice on a story (front-matter `corrections:`)."""

    date: datetime                  # offset-aware
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One story as read from content/articles/**/*.md (front-matter plus Markdown body)."""

    path: str                       # relative to the site folder, POSIX separators
    slug: str
    slug_is_explicit: bool = True   # False when derived from the title (then it may be deduplicated)
    title: str
    date: datetime                  # always offset-aware; the publication date-time
    updated: datetime | None = None
    event_date: date | None = None  # the day the event happened, when the story says ("on Sunday")
    aliases: tuple[str, ...] = ()   # old addresses (routes) that redirect to the story
    corrections: tuple[Correction, ...] = ()   # oldest first
    summary: str = ""
    kicker: str | None = None
    deck: str | None = None
    topics: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    draft: bool = False
    truncated: bool = False
    edition: date                   # the digest's day; for articles written by hand, the local date
    source: SourceRef | None = None
    photo_credit: str | None = None
    image: str | None = None
    lang: str | None = None         # BCP 47 tag of the story's language when it is not the site's
    body: str = ""                  # Markdown
    content_hash: str = ""          # hash of the whole file's bytes: the cache key for its HTML
    # Hash of what a listing or a link shows of the story: the front-matter and the title
    # (which may come from the body). A change to the body alone leaves it, and the pages
    # that only list the story, alone.
    listing_hash: str = ""

    @property
    def modified(self) -> datetime:
        """When the story last changed as far as its text says: the latest of its date, its
        `updated` and its corrections. Never the build time, so rebuilds are byte-identical."""
        moments = [self.date]
        if self.updated is not None:
            moments.append(self.updated)
        moments.extend(c.date for c in self.corrections)
        return max(moments)

    def __reduce__(self) -> tuple:
        # Pickled by value tuple: several times faster to load than dataclasses' generic state,
        # which matters for the build cache of tens of thousands of articles.
        return (_article_from_values, (_shared_values(self),))


_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
_ARTICLE_VALUES = attrgetter(*_ARTICLE_FIELDS)   # one C call for the tuple of field values
# The slots' own setters: they fill a frozen instance without __init__'s keyword handling.
_ARTICLE_SETTERS = tuple(getattr(Article, name).__set__ for name in _ARTICLE_FIELDS)


# The fields whose values recur from story to story (("politics",), an edition's day): pickled
# once per file when every story holds the same object, and loaded as one. The article cache
# then loads 20 % faster (0.79 -> 0.63 s at 100,000 stories) and holds one copy of each.
_SHARED_FIELDS = tuple(_ARTICLE_FIELDS.index(name)
                       for name in ("topics", "regions", "countries", "people", "organizations", "edition"))
_DATE_FIELD = _ARTICLE_FIELDS.index("date")
_shared: dict[object, object] = {}
_SHARED_LIMIT = 200_000   # a long-running serve forgets them rather than grow for ever


def _shared_values(article: Article) -> tuple:
    """The field values, the recurring ones (and the date's time zone) as one object per value."""
    if len(_shared) > _SHARED_LIMIT:
        _shared.clear()
    values = list(_ARTICLE_VALUES(article))
    for index in _SHARED_FIELDS:
        value = values[index]
        values[index] = _shared.setdefault(value, value)
    moment = values[_DATE_FIELD]
    zone = moment.tzinfo
    if zone is not None:
        shared_zone = _shared.setdefault(("zone", repr(zone)), zone)   # repr: equal offsets, other names
        if shared_zone is not zone:
            values[_DATE_FIELD] = moment.replace(tzinfo=shared_zone)
    return tuple(values)


def _article_from_values(values: tuple) -> Article:
    article = object.__new__(Article)
    for set_field, value in zip(_ARTICLE_SETTERS, values):
        set_field(article, value)
    return article


# The article cache stores each story as the pickle of its field values (stored_form), and the
# build makes an Article of one only when a stage reads that story (ArticleList): a one-story
# edit at 100,000 stories reads a few dozen. Loading 100,000 such strings of bytes took 0.08 s,
# against 0.25 s for the tuples of values (same machine, same load) and ~0.4 s for Articles;
# making one Article from its bytes takes ~6 us against ~3.7 us within one shard's pickle, so a
# build that reads every story (a new model: a story added, retitled …) pays ~0.25 s more.
Stored = bytes   # an Article as stored_form() gives it


def stored_form(article: Article) -> Stored:
    """The article as the cache stores it: its field values, pickled."""
    return pickle.dumps(_ARTICLE_VALUES(article), protocol=pickle.HIGHEST_PROTOCOL)


def stored_article(item: Article | Stored) -> Article:
    """The Article of a stored item (stored_form), or the item when it is one already."""
    if type(item) is bytes:
        return _article_from_values(pickle.loads(item))
    return item  # type: ignore[return-value]


class ArticleList(Sequence[Article]):
    """Articles in an order, each made an Article from its stored form when first read.

    A sequence of Articles to every stage (index, iterate, len); read-only to them: the one
    change is a stored item replaced by its Article on first reading, which no reader can tell."""

    __slots__ = ("_items", "_paths")

    def __init__(self, items: Iterable[Article | Stored], paths: Sequence[str] | None = None) -> None:
        """paths: the items' paths when the caller has them (in the same order), else read from them."""
        self._items = list(items)
        self._paths = paths

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Article, ...]: ...

    def __getitem__(self, index: int | slice) -> Article | tuple[Article, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self._items))))
        item = self._items[index]
        if type(item) is bytes:
            item = self._items[index] = stored_article(item)
        return item  # type: ignore[return-value]

    def __iter__(self) -> Iterator[Article]:
        items = self._items
        for index, item in enumerate(items):
            if type(item) is bytes:
                item = items[index] = stored_article(item)
            yield item  # type: ignore[misc]

    def paths(self) -> Sequence[str]:
        """Every article's path: those the list was given (making no Article), else read."""
        if self._paths is None:
            self._paths = [a.path for a in self]
        return self._paths

    def stored(self, indices: Iterable[int]) -> list[Article | Stored]:
        """The stored items at these positions, as they are (for another ArticleList)."""
        return list(map(self._items.__getitem__, indices))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (ArticleList, tuple)):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"ArticleList({len(self._items)} articles)"


def article_paths(articles: Sequence[Article]) -> Sequence[str]:
    """The articles' paths; an ArticleList's without making its Articles."""
    return articles.paths() if isinstance(articles, ArticleList) else [a.path for a in articles]
