"""The data that passes between stages: small, frozen, typed objects with no I/O and no settings."""

from __future__ import annotations

import marshal
import pickle
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, timezone, tzinfo
from operator import attrgetter
from typing import Iterable, Iterator, Sequence, overload
from zoneinfo import ZoneInfo

from site_builder.errors import OutputError

DAMAGED_CACHE_ADVICE = "delete .site-builder/ and build again (the next build is then a cold one)"


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


# The article cache stores each story as bytes (stored_form), and the build makes an Article of
# one only when a stage reads that story (ArticleList): a one-story edit at 100,000 stories reads
# a few dozen. Loading 100,000 such strings of bytes took 0.08 s, against 0.25 s for the tuples
# of values (same machine, same load) and ~0.4 s for Articles. The bytes are marshal's, with the
# dates, corrections and source as plain tuples: an Article is made from them in ~4 us, where a
# pickle of the values took ~6 us (its datetimes and time zones are classes looked up by name),
# so a build that reads every story (a new model: a story added, retitled …) pays little more
# than it did when the whole shard was one pickle of Articles (~3.7 us a story).
Stored = bytes   # an Article as stored_form() gives it

_MARSHAL, _PICKLE = b"M", b"P"   # stored_form's first byte: how the rest is written
_MOMENT_FIELDS = tuple(_ARTICLE_FIELDS.index(name) for name in ("date", "updated"))   # datetime | None
_DAY_FIELDS = tuple(_ARTICLE_FIELDS.index(name) for name in ("event_date", "edition"))  # date | None
_CORRECTIONS_FIELD = _ARTICLE_FIELDS.index("corrections")
_SOURCE_FIELD = _ARTICLE_FIELDS.index("source")
_ZONES: dict[tuple, tzinfo] = {}   # a time zone's plain form -> the object, made once per process


def stored_form(article: Article) -> Stored:
    """The article as the cache stores it: its field values in marshal's format, the dates as
    plain tuples; pickled instead when a value has no plain form (a time zone of another kind)."""
    values = list(_ARTICLE_VALUES(article))
    try:
        for index in _MOMENT_FIELDS:
            if values[index] is not None:
                values[index] = _plain_moment(values[index])
        for index in _DAY_FIELDS:
            if values[index] is not None:
                values[index] = (values[index].year, values[index].month, values[index].day)
        values[_CORRECTIONS_FIELD] = tuple((_plain_moment(c.date), c.text) for c in article.corrections)
        if article.source is not None:
            values[_SOURCE_FIELD] = (article.source.digest, article.source.first_line, article.source.last_line)
        return _MARSHAL + marshal.dumps(tuple(values))
    except (TypeError, ValueError):
        return _PICKLE + pickle.dumps(_ARTICLE_VALUES(article), protocol=pickle.HIGHEST_PROTOCOL)


def stored_article(item: Article | Stored) -> Article:
    """The Article of a stored item (stored_form), or the item when it is one already.
    Raises OutputError when the bytes are damaged (read only now: the shard loaded whole)."""
    if type(item) is not bytes:
        return item  # type: ignore[return-value]
    try:
        return _from_stored(item)
    except (ValueError, TypeError, EOFError, IndexError, KeyError, AttributeError, pickle.UnpicklingError) as exc:
        raise OutputError(f"a story in the build cache cannot be read ({exc}); {DAMAGED_CACHE_ADVICE}",
                          path=".site-builder/articles") from None


def _from_stored(item: Stored) -> Article:
    if item[:1] == _PICKLE:
        return _article_from_values(pickle.loads(item[1:]))
    values = list(marshal.loads(memoryview(item)[1:]))
    if len(values) != len(_ARTICLE_FIELDS):
        raise ValueError(f"{len(values)} values for {len(_ARTICLE_FIELDS)} fields")
    for index in _MOMENT_FIELDS:
        if values[index] is not None:
            values[index] = _moment(values[index])
    for index in _DAY_FIELDS:
        if values[index] is not None:
            values[index] = date(*values[index])
    if values[_CORRECTIONS_FIELD]:
        values[_CORRECTIONS_FIELD] = tuple(Correction(date=_moment(moment), text=text)
                                           for moment, text in values[_CORRECTIONS_FIELD])
    if values[_SOURCE_FIELD] is not None:
        digest, first, last = values[_SOURCE_FIELD]
        values[_SOURCE_FIELD] = SourceRef(digest=digest, first_line=first, last_line=last)
    return _article_from_values(tuple(values))


def _plain_moment(moment: datetime) -> tuple:
    """A datetime as plain values; TypeError for a time zone with no plain form."""
    zone = moment.tzinfo
    if type(zone) is timezone:
        offset, *name = zone.__getinitargs__()   # type: ignore[attr-defined]
        plain_zone: tuple = ("offset", offset.days, offset.seconds, offset.microseconds, *name)
    elif type(zone) is ZoneInfo and zone.key is not None:
        plain_zone = ("zone", zone.key)
    else:
        raise TypeError(f"no plain form for the time zone {zone!r}")
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
            moment.microsecond, moment.fold, plain_zone)


def _moment(plain: tuple) -> datetime:
    *parts, fold, plain_zone = plain
    zone = _ZONES.get(plain_zone)
    if zone is None:
        if plain_zone[0] == "zone":
            zone = ZoneInfo(plain_zone[1])
        else:
            zone = timezone(timedelta(plain_zone[1], plain_zone[2], plain_zone[3]), *plain_zone[4:])
        zone = _ZONES.setdefault(plain_zone, zone)
    return datetime(*parts, tzinfo=zone, fold=fold)


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
