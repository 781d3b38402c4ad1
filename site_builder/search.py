"""Full-text search without a server: Pagefind indexes of the story pages, one per period, in
output/pagefind/.

The index is sharded by date (plan_shards): a year of stories is one index while it is small,
a busy year one index per month, a busy month a few day ranges; the newest period, where the
edits are, is cut again into parts of at most RECENT_STORIES stories. The search page's JavaScript
reads output/pagefind/shards.json and asks Pagefind UI to search the newest shard with every other
merged in (`mergeIndex`), so readers get one list ranked together. An edit re-indexes only its
shard, and old periods never change: each shard's key is a hash of the (path, content digest)
pairs of its pages, taken from the build's manifest, so a shard is rebuilt exactly when one of its
pages changed, or when the shard is missing or stale (a deleted folder, another pagefind binary).

Pagefind (PyPI `pagefind[bin]`) runs as a service (pagefind_service.py), fed the HTML pages the
build has just staged, so nothing is read twice from disk and no HTML tree is walked for the
listing pages; of each page it is given only the head and the data-pagefind-body element
(pagefind_service.indexed_part: the same index for a quarter less of Pagefind's time). What is indexed is decided by the theme and by the URL layout together:
- only story pages (STORY_PATH, the shape of urls.article_route), so the listing pages, which
  repeat every story's summary, never become results;
- inside a story page, only the element the theme marks `data-pagefind-body` (title, kicker,
  summary and body); the theme marks the topic and region links `data-pagefind-filter`.

Chinese and Japanese text is split into words only by the extended binary (`pagefind[extended]`);
find_pagefind() prefers it when installed.

Two ways in: stage_index() puts the changed shards into the build's staging folder, so they are
committed with the pages in one transaction (produce.py); catch_up() updates output/pagefind/ in place
after a build made without the index (the preview server, so a save never waits for Pagefind).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

from site_builder import urls
from site_builder.errors import OutputError
from site_builder.pagefind_service import PagefindError, index_shards, key_salt
from site_builder.pagefind_service import find_pagefind as find_pagefind   # for build.py, tests, bench.py

BUNDLE_DIR = urls.SEARCH_BUNDLE_DIR
SHARDS_FILE = "shards.json"
# The UI files the search page loads from output/pagefind/ itself (the same in every shard).
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
# urls.article_route: YYYY/MM/DD/<slug>.html.
STORY_PATH = urls.ARTICLE_ROUTE
# At most about this many stories in a shard: Pagefind spends ~2 ms of CPU a story, so an edit
# re-indexes ~0.5 s of work; fewer, larger shards cost the reader's browser less to open (each is
# a Pagefind bundle of its own: entry file, metadata, filters and index chunks fetched on the first
# search; the wasm module is fetched once, measured in Chromium with 41 shards).
SHARD_STORIES = 300
# The newest period (the one holding the newest story: the one a newsroom edits) in parts of about
# this many: an edit to a recent story re-indexes ~40 stories (~0.1 s of pagefind) instead of
# ~300 (~0.7 s), for a few more shards to open. When a newer period starts, its parts are merged
# (one re-index of the period, in the build that adds the newer story).
RECENT_STORIES = 50
FORMAT = 1                      # of shards.json and of the keys; a change rebuilds every shard
INSTALL_HINT = "pip install 'pagefind[bin]'"


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchResult:
    """What indexing did: stories indexed and time taken, or why it was skipped."""

    pages: int = 0
    shards: int = 0                 # shards (re)built
    total_shards: int = 0
    seconds: float = 0.0
    skipped: str | None = None      # None when the index is up to date

    @property
    def indexed(self) -> bool:
        return self.skipped is None

    def summary(self) -> str:
        if self.skipped is not None:
            return f"search index skipped: {self.skipped}"
        if not self.shards:
            return f"search index: up to date ({self.total_shards} shards)"
        return (f"search index: {self.pages} stories in {self.shards} of {self.total_shards} shards "
                f"indexed by pagefind in {self.seconds:.2f} s")


@dataclass(frozen=True, slots=True)
class Shard:
    """One period's index: its folder name under output/pagefind/, its pages, and their key."""

    name: str
    pages: tuple[str, ...]          # output-relative story paths, sorted
    key: str


# ---- pure planning ------------------------------------------------------------------------------

def story_pages(files: Iterable[str]) -> list[str]:
    return list(filter(STORY_PATH.fullmatch, files))   # no Python frame per file: 126,000 at 100,000 stories


def _periods(pages: list[str], limit: int) -> dict[str, list[str]]:
    """Period name -> pages: a year; a busy year by month; a busy month in k day ranges.
    Only the period's own count decides its split, so adding stories now never moves the
    boundaries of an old period. (One pass by month, then a table per split month: at 100,000
    stories a page-by-page walk down the levels took 0.13 s of every build.)"""
    by_month: dict[str, list[str]] = {}
    for rel in pages:
        month = rel[:7]
        if month in by_month:
            by_month[month].append(rel)
        else:
            by_month[month] = [rel]
    in_year: dict[str, int] = {}
    for month, in_month in by_month.items():
        in_year[month[:4]] = in_year.get(month[:4], 0) + len(in_month)
    periods: dict[str, list[str]] = {}
    for month, in_month in by_month.items():
        year = month[:4]
        parts = min(31, math.ceil(len(in_month) / limit))
        if in_year[year] <= limit:
            periods.setdefault(year, []).extend(in_month)
        elif parts == 1:
            periods[f"{year}-{month[5:]}"] = in_month
        else:
            # day d (1..31) in part (d-1)*parts//31: equal calendar ranges, named by their days
            names = {}
            for part in range(parts):
                first, last = -(-part * 31 // parts) + 1, -(-(part + 1) * 31 // parts)
                for day in range(first, last + 1):
                    names[f"{day:02d}"] = f"{year}-{month[5:]}-{first:02d}-{last:02d}"
            for rel in in_month:
                periods.setdefault(names[rel[8:10]], []).append(rel)
    return periods


def _recent_parts(name: str, pages: list[str], recent: int) -> dict[str, list[str]]:
    """The newest period in parts of about `recent` stories, a story's part chosen by a hash
    of its path (stable from build to build, whatever else the period holds). Recent stories
    carry no finer date than their day, and a busy site's period is a single day."""
    parts = math.ceil(len(pages) / recent)
    if parts <= 1:
        return {name: pages}
    split: dict[str, list[str]] = {}
    for rel in pages:
        number = int.from_bytes(hashlib.blake2b(rel.encode(), digest_size=4).digest(), "big") % parts + 1
        split.setdefault(f"{name}.{number}-of-{parts}", []).append(rel)
    return split


def plan_shards(digests: Mapping[str, str], *, salt: str, limit: int = SHARD_STORIES,
                recent: int = RECENT_STORIES) -> tuple[Shard, ...]:
    """The shards for story pages with these content digests, newest first. `salt` (language,
    binary) goes into every key: another one rebuilds every shard."""
    periods = _periods(story_pages(digests), limit)
    if periods:
        newest = max(periods, key=lambda name: max(periods[name]))   # paths begin with the date
        periods.update(_recent_parts(newest, periods.pop(newest), recent))
    shards = []
    for name, pages in periods.items():
        pages.sort()
        listing = "".join(f"\n{rel} {digests[rel]}" for rel in pages)
        key = hashlib.blake2b(f"{FORMAT}|{salt}|{name}{listing}".encode(), digest_size=10).hexdigest()
        shards.append(Shard(name=name, pages=tuple(pages), key=key))
    return tuple(sorted(shards, key=lambda s: s.name, reverse=True))


def shards_document(shards: tuple[Shard, ...]) -> bytes:
    """output/pagefind/shards.json: what the search page merges (newest first) and the keys."""
    doc = {"format": FORMAT, "shards": [{"name": s.name, "key": s.key, "pages": len(s.pages)} for s in shards]}
    return (json.dumps(doc, indent=1) + "\n").encode("utf-8")


def read_shards_document(bundle: Path) -> dict[str, str]:
    """Shard name -> key, from an existing output/pagefind/shards.json ({} when absent or unreadable)."""
    try:
        doc = json.loads((bundle / SHARDS_FILE).read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT:
            return {}
        return {str(s["name"]): str(s["key"]) for s in doc["shards"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


# ---- the index in the build's transaction -------------------------------------------------------

@dataclass(frozen=True, slots=True)
class StagedIndex:
    """What stage_index() put into the staging folder and what the commit must delete."""

    writes: tuple[str, ...] = ()        # output-relative paths staged (shard folders, shards.json, UI files)
    deletes: tuple[str, ...] = ()       # output-relative paths to delete
    message: str | None = None


def owns(rel: str) -> bool:
    """Paths under output/pagefind/ are the index's, never stale pages: only stage_index() deletes them."""
    return rel == BUNDLE_DIR or rel.startswith(BUNDLE_DIR + "/")


def _entry_ok(shard: Path) -> bool:
    """The shard's entry file is there and not empty (a cut-short write leaves it empty)."""
    try:
        return (shard / "pagefind-entry.json").stat().st_size > 0
    except OSError:
        return False


def index_is_present(output_dir: Path) -> bool:
    """Cheap check for a build that found nothing changed: is every shard the index lists there?"""
    bundle = output_dir / BUNDLE_DIR
    names = read_shards_document(bundle)
    return bool(names) and all(_entry_ok(bundle / name) for name in names) \
        and all((bundle / name).is_file() for name in UI_FILES)


def _changes(output_dir: Path, digests: Mapping[str, str], language: str, binary: Path
             ) -> tuple[tuple[Shard, ...], list[Shard], list[str], bool]:
    """All shards, those to build, top-level names under output/pagefind/ to delete, and whether
    shards.json must be written."""
    bundle = output_dir / BUNDLE_DIR
    shards = plan_shards(digests, salt=key_salt(binary, language))
    old = read_shards_document(bundle)
    todo = [s for s in shards if old.get(s.name) != s.key or not _entry_ok(bundle / s.name)]
    if shards and not todo and not all((bundle / name).is_file() for name in UI_FILES):
        todo = [shards[0]]   # the UI files come from a freshly built shard
    keep = {s.name for s in shards} | {SHARDS_FILE, *UI_FILES}
    present = os.listdir(bundle) if bundle.is_dir() else []
    stray = sorted(name for name in present if name not in keep)
    document_changed = old != {s.name: s.key for s in shards}
    return shards, todo, stray, document_changed


def _copy_ui(source: Path, bundle: Path, staging_bundle: Path) -> list[str]:
    """The UI files at output/pagefind/ from a freshly built shard, staged only when they differ."""
    staged = []
    for name in UI_FILES:
        data = (source / name).read_bytes()
        current = bundle / name
        if current.is_file() and current.read_bytes() == data:
            continue
        staging_bundle.mkdir(parents=True, exist_ok=True)
        (staging_bundle / name).write_bytes(data)
        staged.append(f"{BUNDLE_DIR}/{name}")
    return staged


def stage_index(*, search: bool, output_dir: Path, staging: Path, digests: Mapping[str, str],
                staged_pages: set[str], language: str, jobs: int) -> StagedIndex:
    """Bring the index in line with the pages this build commits: build the shards whose pages
    changed into staging/pagefind/<name>/, and say what to delete. Nothing is written for a shard
    whose key is unchanged. Raises OutputError when pagefind fails (the build then commits nothing)."""
    bundle = output_dir / BUNDLE_DIR
    if not search:
        if bundle.exists():
            return StagedIndex(deletes=(BUNDLE_DIR,), message="search is off in config.yaml: removed output/pagefind/")
        return StagedIndex()
    binary = find_pagefind()
    if binary is None:
        return StagedIndex(message=SearchResult(skipped=f"pagefind is not installed ({INSTALL_HINT})").summary())
    shards, todo, stray, document_changed = _changes(output_dir, digests, language, binary)
    if not shards:
        deletes = (BUNDLE_DIR,) if bundle.exists() else ()
        return StagedIndex(deletes=deletes, message=SearchResult(skipped="no story pages to index").summary())
    writes: list[str] = []
    start = time.perf_counter()
    if todo:
        def read_page(rel: str) -> bytes:
            return ((staging if rel in staged_pages else output_dir) / rel).read_bytes()

        staging_bundle = staging / BUNDLE_DIR
        staging_bundle.mkdir(parents=True, exist_ok=True)
        try:
            index_shards(binary, [(s.name, s.pages) for s in todo], read_page, staging_bundle, language, jobs)
        except (PagefindError, OSError) as exc:
            raise OutputError(f"search index not built: {exc}; the output folder is unchanged", path=output_dir) from exc
        writes.extend(f"{BUNDLE_DIR}/{s.name}" for s in todo)
        writes.extend(_copy_ui(staging_bundle / todo[0].name, bundle, staging_bundle))
    if document_changed:
        (staging / BUNDLE_DIR).mkdir(parents=True, exist_ok=True)
        (staging / BUNDLE_DIR / SHARDS_FILE).write_bytes(shards_document(shards))
        writes.append(f"{BUNDLE_DIR}/{SHARDS_FILE}")
    deletes = tuple(f"{BUNDLE_DIR}/{name}" for name in stray)
    result = SearchResult(pages=sum(len(s.pages) for s in todo), shards=len(todo), total_shards=len(shards),
                          seconds=time.perf_counter() - start)
    return StagedIndex(writes=tuple(writes), deletes=deletes,
                       message=result.summary() if todo or deletes else None)


# ---- the index updated after the pages (the preview server) ------------------------------------

def remove_index(output_dir: Path) -> None:
    shutil.rmtree(output_dir / BUNDLE_DIR, ignore_errors=True)


def catch_up(output_dir: Path, digests: Mapping[str, str], *, language: str, jobs: int = 1,
             cancelled: Callable[[], bool] = lambda: False) -> SearchResult:
    """Bring output/pagefind/ in line with the pages already in output/: the changed shards are
    built beside output/, then swapped in under the output folder's lock (_swap_in)."""
    binary = find_pagefind()
    if binary is None:
        return SearchResult(skipped=f"pagefind is not installed ({INSTALL_HINT})")
    seen = read_shards_document(output_dir / BUNDLE_DIR)
    shards, todo, stray, document_changed = _changes(output_dir, digests, language, binary)
    start = time.perf_counter()
    work = output_dir.parent / f".{output_dir.name}.search"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        if todo:
            try:
                index_shards(binary, [(s.name, s.pages) for s in todo], lambda rel: (output_dir / rel).read_bytes(),
                             work, language, jobs, cancelled)
            except (PagefindError, OSError) as exc:
                return SearchResult(skipped=f"pagefind failed: {exc}")
        if cancelled():
            return SearchResult(skipped="cancelled by a newer build")
        skipped = _swap_in(output_dir, work, seen, shards, todo, stray, document_changed) \
            if todo or stray or document_changed or not shards else None
        if skipped:
            return SearchResult(skipped=skipped)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not shards:
        return SearchResult(skipped="no story pages to index")
    return SearchResult(pages=sum(len(s.pages) for s in todo), shards=len(todo), total_shards=len(shards),
                        seconds=time.perf_counter() - start)


def _swap_in(output_dir: Path, work: Path, seen: dict[str, str], shards: tuple[Shard, ...], todo: list[Shard],
             stray: list[str], document_changed: bool) -> str | None:
    """Commit the shards built in `work` to output/pagefind/ through a writer.Transaction, as a
    build commits its pages: shard folders (and changed UI files) first, shards.json after them,
    so a reader always finds complete shards, and a run killed past the journal is finished by the
    next build's recover(). Under the output folder's lock, as a build's commit is (a build beside
    `serve` shares the staging folder). Not at all when the lock is taken (that build brings the
    index up to date itself, or its serve run starts another catch-up) or when shards.json changed
    since this run read it (another writer's index is newer than this one). Returns why not."""
    from site_builder.errors import SiteBuilderError
    from site_builder.locks import lock_folder
    from site_builder.writer import Transaction, output_lock_file, recover

    bundle = output_dir / BUNDLE_DIR
    try:
        with lock_folder(output_dir, "search index", lock_file=output_lock_file(output_dir), timeout=0,
                         notify=lambda _message: None):
            if read_shards_document(bundle) != seen:
                return "the index was changed by another build meanwhile"
            try:
                recover(output_dir)   # a build killed past its commit point: its moves come first
                with Transaction(output_dir) as transaction:
                    if not shards:
                        transaction.delete(BUNDLE_DIR)
                    if todo:
                        for rel in _copy_ui(work / todo[0].name, bundle, transaction.staging / BUNDLE_DIR):
                            transaction.record(rel)
                    for shard in todo:
                        transaction.stage_folder(f"{BUNDLE_DIR}/{shard.name}", work / shard.name)
                    if shards and document_changed:
                        transaction.stage(f"{BUNDLE_DIR}/{SHARDS_FILE}", shards_document(shards))
                    for name in stray:
                        transaction.delete(f"{BUNDLE_DIR}/{name}")
                    transaction.commit(None, None)
            except OutputError as exc:
                return f"the index could not be updated: {exc}"
    except SiteBuilderError:   # LockTimeout: a build holds the folder
        return "a build is writing the output folder; the index catches up after it"
    return None
