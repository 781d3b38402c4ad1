"""What the build keeps between runs in .site-builder/: parsed articles and rendered Markdown.

Both are caches: deleting .site-builder/ only makes the next build a cold one.
- articles: path -> (mtime_ns, size, Article without its body), so unchanged files are not re-read;
- bodies: content hash -> rendered HTML, in SQLite so a build reads only the bodies it needs.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from site_builder.models import Article

CACHE_VERSION = 1


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class ArticleCache:
    """Front-matter already parsed, keyed by path and checked against the file's mtime and size."""

    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.key = key  # invalidates everything when config time zone or code changes
        self.entries: dict[str, tuple[int, int, Article]] = {}
        try:
            version, saved_key, entries = pickle.loads(path.read_bytes())
            if version == CACHE_VERSION and saved_key == key:
                self.entries = entries
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
            self.entries = {}

    def get(self, path: str, mtime_ns: int, size: int) -> Article | None:
        entry = self.entries.get(path)
        if entry is not None and entry[0] == mtime_ns and entry[1] == size:
            return entry[2]
        return None

    def save(self, fresh: dict[str, tuple[int, int, Article]]) -> None:
        """Replace the cache with these entries (bodies dropped: the HTML cache has what is needed)."""
        slim = {p: (m, s, replace(a, body="") if a.body else a) for p, (m, s, a) in fresh.items()}
        if slim == self.entries:
            return
        _atomic_write(self.path, pickle.dumps((CACHE_VERSION, self.key, slim), protocol=pickle.HIGHEST_PROTOCOL))
        self.entries = slim


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

    def known(self, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._db.execute(f"SELECT hash FROM body WHERE hash IN ({marks})", chunk))
        return found

    def put_many(self, items: dict[str, str]) -> None:
        if not items:
            return
        self.memory.update(items)
        self._db.execute("BEGIN")
        self._db.executemany("INSERT OR REPLACE INTO body (hash, html) VALUES (?, ?)", items.items())
        self._db.execute("COMMIT")

    def prune(self, keep: set[str]) -> None:
        """Forget bodies no article has any more, so the cache does not grow for ever."""
        stale = [r[0] for r in self._db.execute("SELECT hash FROM body") if r[0] not in keep]
        if stale:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM body WHERE hash = ?", ((h,) for h in stale))
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()
