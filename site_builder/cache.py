"""What the build keeps between runs in .site-builder/: parsed articles and rendered Markdown.

Both are caches: deleting .site-builder/ only makes the next build a cold one.
- articles: path -> (mtime_ns, size, the Article without its body as models.stored_form), so
  unchanged files are not re-read;
- bodies: content hash -> rendered HTML, in SQLite so a build reads only the bodies it needs.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import zlib
from dataclasses import replace
from itertools import compress, count, repeat
from operator import itemgetter, ne
from pathlib import Path
from typing import Iterable, Sequence

from site_builder.content import ArticleFile, file_columns
from site_builder.errors import OutputError
from site_builder.models import Article, Stored, stored_article, stored_form
from site_builder import atomic

CACHE_VERSION = 4   # 4: columns, each article as models.stored_form (marshal)


# (mtime_ns, size, the article): an Article when read this build, else as the cache stores it
Entry = tuple[int, int, "Article | Stored"]

_MISSING: Entry = (-1, -1, b"")   # what entries() finds for a path not cached: a stamp no file has
_STAMP = itemgetter(0, 1)         # an entry's (mtime_ns, size)

CACHE_ADVICE = "free space on that disk; the cache can also be deleted, the next build is then a cold one"


def _new_token() -> str:
    """A fresh random name (as uuid4().hex would give, without importing uuid: 4 ms of every build)."""
    return os.urandom(16).hex()


def write_cache_file(path: Path, data: bytes) -> None:
    """atomic.replace, with a failure (a full disk) as an error naming the file."""
    try:
        atomic.replace(path, data)
    except OSError as exc:
        raise OutputError(f"cannot write the build cache: {exc.strerror} ({CACHE_ADVICE})", path=path) from None


class ArticleCache:
    """Front-matter already parsed, keyed by path and checked against the file's mtime and size.

    Kept in shards by path, so that editing one article rewrites one small file, not all of them.
    A shard is four columns (paths, mtimes, sizes, articles), each article as the bytes of
    models.stored_form: the build makes Articles only of those a stage reads (models.ArticleList),
    and at 100,000 stories the shards load in 0.08 s, against 0.25 s when they held tuples of
    values and ~0.4 s when they held Articles.
    """

    SHARDS = 32
    TOKEN_FILE = "metadata.token"

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key  # invalidates everything when the time zone, the code or the body cache changes
        self.shards: list[dict[str, Entry]] = [{} for _ in range(self.SHARDS)]
        for number in range(self.SHARDS):
            try:
                data = (folder / f"{number:02d}.pickle").read_bytes()
                version, saved_key, paths, mtimes, sizes, stored = pickle.loads(data)
            except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
                continue
            if version == CACHE_VERSION and saved_key == key and len(paths) == len(mtimes) == len(sizes) == len(stored):
                self.shards[number] = dict(zip(paths, zip(mtimes, sizes, stored)))
        # One lookup table for get(): hashing each path to its shard costs more than merging.
        self._all: dict[str, Entry] = {}
        for shard in self.shards:
            self._all.update(shard)
        # Names the stories' metadata as the shards hold it (all but bodies and file hashes): equal
        # tokens mean an equal site model (model_cache). No token file, or a stale one: a new name.
        saved = self._saved_token()
        self.token = saved or _new_token()
        self._saved = saved or ""                 # the token on disk
        self._next: str | None = None             # the token of the entries the next save() writes

    def _saved_token(self) -> str | None:
        try:
            version, saved_key, token = pickle.loads((self.folder / self.TOKEN_FILE).read_bytes())
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        return token if version == CACHE_VERSION and saved_key == self.key and isinstance(token, str) else None

    def metadata_token(self, fresh: dict[str, Entry], reread: set[str]) -> str:
        """The token of these entries, to be saved with them: the cache's own when every story
        read afresh differs from its cached entry only in body and file hash, and no story
        came or went (a body edit, the common case); else a new one."""
        if self._next is None:   # decided once: the model is saved under it before the cache is
            same = len(fresh) == len(self._all) and all(
                _same_metadata(self.previous(path), stored_article(fresh[path][2])) for path in reread)
            self._next = self.token if same else _new_token()
        return self._next

    def _shard(self, path: str) -> int:
        return zlib.crc32(path.encode("utf-8", "surrogatepass")) % self.SHARDS

    def __len__(self) -> int:
        return len(self._all)

    def stamp(self, path: str) -> tuple[int, int] | None:
        """(size, mtime_ns) of the file as the cache recorded it."""
        entry = self._all.get(path)
        return (entry[1], entry[0]) if entry is not None else None

    def previous(self, path: str) -> Article | None:
        """What the cache holds for this path, whatever the file's mtime and size now."""
        entry = self._all.get(path)
        return stored_article(entry[2]) if entry is not None else None

    def get(self, path: str, mtime_ns: int, size: int) -> Article | None:
        entry = self._all.get(path)
        if entry is not None and entry[0] == mtime_ns and entry[1] == size:
            return stored_article(entry[2])
        return None

    def entries(self, files: Sequence[ArticleFile]) -> list[Entry | None]:
        """get() for each file, as the cache's own (mtime_ns, size, stored article) entries: the
        build keeps them as they are (build.fresh) rather than making 100,000 new tuples."""
        # Over the scan's columns with C-level loops (map, compress): at 100,000 files 0.034 s
        # against 0.058 s for a Python loop doing the same lookups and comparisons.
        paths, sizes, mtimes = file_columns(files)
        found: list[Entry | None] = list(map(self._all.get, paths, repeat(_MISSING)))
        for index in compress(count(), map(ne, zip(mtimes, sizes), map(_STAMP, found))):  # type: ignore[arg-type]
            found[index] = None
        return found

    def save(self, fresh: dict[str, Entry], reread: set[str]) -> None:
        """Make the cache hold exactly these entries; `reread` names those read afresh this build.

        Only shards holding a file read afresh or gone are rebuilt and rewritten: after a
        one-story edit that is one small file, not a pass over every entry."""
        try:
            self._save(fresh, reread)
        except BaseException:
            _forget(self)   # the object may no longer be what the files hold
            raise
        _remember(self)

    def _save(self, fresh: dict[str, Entry], reread: set[str]) -> None:
        token = self.metadata_token(fresh, reread)
        self._next = None
        gone = _gone_paths(self._all, fresh, reread)
        dirty: dict[int, dict[str, Entry]] = {}
        for path in gone:
            number = self._shard(path)
            dirty.setdefault(number, dict(self.shards[number])).pop(path, None)
        for path in reread:
            mtime, size, article = fresh[path]
            article = stored_article(article)
            entry = (mtime, size, stored_form(replace(article, body="") if article.body else article))
            number = self._shard(path)
            dirty.setdefault(number, dict(self.shards[number]))[path] = entry
            self._all[path] = entry
        for path in gone:
            self._all.pop(path, None)
        token_file = self.folder / self.TOKEN_FILE
        if dirty and token != self._saved:
            # Gone before the shards change and written after: a build stopped between leaves no
            # token naming metadata the shards no longer hold, so the next build regroups.
            token_file.unlink(missing_ok=True)
        for number, entries in dirty.items():
            self.shards[number] = entries
            columns = (list(entries), [e[0] for e in entries.values()], [e[1] for e in entries.values()],
                       [e[2] for e in entries.values()])
            data = pickle.dumps((CACHE_VERSION, self.key, *columns), protocol=pickle.HIGHEST_PROTOCOL)
            write_cache_file(self.folder / f"{number:02d}.pickle", data)
        if token != self._saved:
            write_cache_file(token_file, pickle.dumps((CACHE_VERSION, self.key, token)))
        self.token = self._saved = token


def _gone_paths(cached: dict[str, Entry], fresh: dict[str, Entry],
                reread: set[str]) -> set[str]:
    """The cached paths `fresh` no longer holds. Each path of `fresh` is cached or was read
    afresh (load_articles): when the cached ones among it are as many as the cache holds, none
    is gone, which a one-story edit learns from its one path, not from a pass over every path
    (0.03 s at 100,000 stories)."""
    new = sum(1 for path in reread if path not in cached)
    if len(fresh) - new == len(cached) and all(path in fresh for path in reread):
        return set()
    return {path for path in cached if path not in fresh}


def _same_metadata(before: Article | None, after: Article) -> bool:
    """Equal in all the site model reads: every field but the body and the whole file's hash."""
    return before is not None and replace(before, content_hash="", body="") == replace(after, content_hash="", body="")


# The article cache last opened in this process, with the stamps of its files then. `serve`
# builds in-process after each save: its next build skips unpickling every entry (0.9 s at
# 100,000 stories) unless another process has written the files since.
_opened: dict[tuple[Path, str], tuple[dict[str, tuple[int, int]], ArticleCache]] = {}


def open_article_cache(folder: Path, key: str) -> ArticleCache:
    """ArticleCache(folder, key), or the one this process opened last when its files are as it left them."""
    stamps = _stamps(folder)   # before reading: a file written meanwhile then reads as changed next time
    held = _opened.get((folder, key))
    if held is not None and held[0] == stamps:
        held[1]._next = None   # a build that failed before saving may have decided a token
        return held[1]
    _opened.clear()
    cache = ArticleCache(folder, key)
    _opened[(folder, key)] = (stamps, cache)
    return cache


def _remember(cache: ArticleCache) -> None:
    """After this process saved the cache, its files are the object's again."""
    held = _opened.get((cache.folder, cache.key))
    if held is not None and held[1] is cache:
        _opened[(cache.folder, cache.key)] = (_stamps(cache.folder), cache)


def _forget(cache: ArticleCache) -> None:
    held = _opened.get((cache.folder, cache.key))
    if held is not None and held[1] is cache:
        del _opened[(cache.folder, cache.key)]


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    try:
        with os.scandir(folder) as entries:
            return {e.name: (e.stat().st_mtime_ns, e.stat().st_size) for e in entries}
    except OSError:
        return {}


class BodyReader:
    """Rendered bodies read from the cache's database when asked, with a connection per process.

    Given to forked render workers instead of a dict the parent holds: each worker then reads
    the bodies it renders, rather than copying (by touching their reference counts) the pages
    of every body the parent has — about 70 MiB less at 10,000 stories, for ~0.1 s."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._db: sqlite3.Connection | None = None

    def get(self, key: str, default: str | None = None) -> str | None:
        if self._pid != os.getpid():   # first use in this process (a fork does not share it)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._pid = os.getpid()
        assert self._db is not None
        row = self._db.execute("SELECT html FROM body WHERE hash = ?", (key,)).fetchone()
        return row[0] if row is not None else default


class BodyCache:
    """Rendered Markdown by content hash. Used as a mapping by the presenter."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS body (hash TEXT PRIMARY KEY, html TEXT NOT NULL)")
        except sqlite3.DatabaseError:
            # A damaged cache is only a cache: start again.
            self._db.close()
            path.unlink(missing_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS body (hash TEXT PRIMARY KEY, html TEXT NOT NULL)")
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        row = self._db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        if row is None:
            row = (_new_token(),)
            self._db.execute("INSERT INTO meta (key, value) VALUES ('generation', ?)", row)
        # Articles cached under this generation have their bodies here: no need to look each up.
        self.generation: str = row[0]
        self.memory: dict[str, str] = {}

    def get(self, key: str, default: str | None = None) -> str | None:
        html = self.memory.get(key)
        if html is not None:
            return html
        row = self._db.execute("SELECT html FROM body WHERE hash = ?", (key,)).fetchone()
        if row is None:
            return default
        self.memory[key] = row[0]
        return row[0]

    def load(self, keys: Iterable[str]) -> dict[str, str]:
        """The bodies for these hashes, as a plain dict (safe to hand to forked workers)."""
        wanted = [k for k in set(keys) if k not in self.memory]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            self.memory.update(self._db.execute(f"SELECT hash, html FROM body WHERE hash IN ({marks})", chunk))
        return self.memory

    def put_many(self, items: dict[str, str]) -> None:
        if not items:
            return
        self.memory.update(items)
        self._db.execute("BEGIN")
        # In key order: the index B-tree then fills page after page instead of splitting pages.
        self._db.executemany("INSERT OR REPLACE INTO body (hash, html) VALUES (?, ?)", sorted(items.items()))
        self._db.execute("COMMIT")

    def reader(self) -> BodyReader:
        """A reader for processes forked from this one; forgets what this one holds in memory."""
        self.memory.clear()
        return BodyReader(self.path)

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM body").fetchone()[0]

    def tidy(self, articles: Sequence[Article]) -> None:
        """Keep only these articles' bodies, once old versions of edited stories (which pile up)
        are a quarter of the cache: pruning is a full scan, too slow for every build."""
        if self.count() > len(articles) * 5 // 4 + 100:
            self.prune({a.content_hash for a in articles})

    def prune(self, keep: set[str]) -> None:
        """Forget bodies no article has any more, so the cache does not grow for ever."""
        stale = [r[0] for r in self._db.execute("SELECT hash FROM body") if r[0] not in keep]
        if stale:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM body WHERE hash = ?", ((h,) for h in stale))
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "BodyCache":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
