"""Full-text search without a server: Pagefind indexes of the story pages, one per period, in
output/pagefind/.

The index is sharded by date (plan_shards): a year of stories is one index while it is small,
a busy year one index per month, a busy month a few day ranges. The search page's JavaScript
reads output/pagefind/shards.json and asks Pagefind UI to search the newest shard with every other
merged in (`mergeIndex`), so readers get one list ranked together. An edit re-indexes only its
shard, and old periods never change: each shard's key is a hash of the (path, content digest)
pairs of its pages, taken from the build's manifest, so a shard is rebuilt exactly when one of its
pages changed, or when the shard is missing or stale (a deleted folder, another pagefind binary).

Pagefind (PyPI `pagefind[bin]`) runs as a service (`pagefind --service`, the protocol the
`pagefind` Python package speaks: base64 JSON messages, comma-separated, on stdin/stdout), fed the
HTML pages the build has just staged, so nothing is read twice from disk and no HTML tree is walked
for the listing pages. The protocol is spoken here, synchronously, rather than through the
package's asyncio client: the preview server runs builds from a watcher thread and the search
catch-up from another, and a plain subprocess can be killed cleanly when a newer save cancels it.

What is indexed is decided by the theme and by the URL layout together:
- only story pages (STORY_PATH, the shape of urls.article_route), so the listing pages, which
  repeat every story's summary, never become results;
- inside a story page, only the element the theme marks `data-pagefind-body` (title, kicker,
  summary and body); the theme marks the topic and region links `data-pagefind-filter`.

Chinese and Japanese text is split into words only by the extended binary (`pagefind[extended]`);
find_pagefind() prefers it when installed.

Two ways in: stage_index() puts the changed shards into the build's staging folder, so they are
committed with the pages in one transaction (build.py); catch_up() updates output/pagefind/ in place
after a build made without the index (the preview server, so a save never waits for Pagefind).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

from site_builder import urls
from site_builder.errors import OutputError

BUNDLE_DIR = urls.SEARCH_BUNDLE_DIR
SHARDS_FILE = "shards.json"
# The UI files the search page loads from output/pagefind/ itself (the same in every shard).
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
# urls.article_route: YYYY/MM/DD/<slug>.html.
STORY_PATH = urls.ARTICLE_ROUTE
# At most about this many stories in a shard: Pagefind spends ~2 ms of CPU a story, so an edit
# re-indexes ~0.5 s of work; fewer, larger shards cost the reader's browser less to open (each is
# a Pagefind bundle of its own: entry file, metadata and a 70 KB wasm module fetched on search).
SHARD_STORIES = 300
FORMAT = 1                      # of shards.json and of the keys; a change rebuilds every shard
TIMEOUT_SECONDS = 900
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
    return [rel for rel in files if STORY_PATH.fullmatch(rel)]


def _periods(pages: list[str], limit: int) -> dict[str, list[str]]:
    """Period name -> pages: a year; a busy year by month; a busy month in k day ranges.
    Only the period's own count decides its split, so adding stories now never moves the
    boundaries of an old period."""
    by_year: dict[str, list[str]] = {}
    for rel in pages:
        by_year.setdefault(rel[:4], []).append(rel)
    periods: dict[str, list[str]] = {}
    for year, in_year in by_year.items():
        if len(in_year) <= limit:
            periods[year] = in_year
            continue
        by_month: dict[str, list[str]] = {}
        for rel in in_year:
            by_month.setdefault(rel[5:7], []).append(rel)
        for month, in_month in by_month.items():
            parts = min(31, math.ceil(len(in_month) / limit))
            if parts == 1:
                periods[f"{year}-{month}"] = in_month
                continue
            for rel in in_month:   # day d (1..31) in part (d-1)*parts//31: equal calendar ranges
                part = (int(rel[8:10]) - 1) * parts // 31
                first = -(-part * 31 // parts) + 1      # the days that map to this part
                last = -(-(part + 1) * 31 // parts)
                periods.setdefault(f"{year}-{month}-{first:02d}-{last:02d}", []).append(rel)
    return periods


def plan_shards(digests: Mapping[str, str], *, salt: str, limit: int = SHARD_STORIES) -> tuple[Shard, ...]:
    """The shards for story pages with these content digests, newest first. `salt` (language,
    binary) goes into every key: another one rebuilds every shard."""
    shards = []
    for name, pages in _periods(story_pages(digests), limit).items():
        pages.sort()
        digest = hashlib.blake2b(f"{FORMAT}|{salt}|{name}".encode(), digest_size=10)
        for rel in pages:
            digest.update(f"\n{rel} {digests[rel]}".encode())
        shards.append(Shard(name=name, pages=tuple(pages), key=digest.hexdigest()))
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


# ---- the pagefind binary ------------------------------------------------------------------------

def find_pagefind() -> Path | None:
    """The pagefind binary: $PAGEFIND_BINARY_PATH, the PyPI wheel (extended first), or PATH."""
    try:
        # pagefind's own lookup, so the Python package and our build agree on the binary.
        from pagefind.service import get_executable
    except ImportError:
        env = os.environ.get("PAGEFIND_BINARY_PATH")
        if env:
            return Path(env)
        try:  # the binary wheel alone, without the Python wrapper
            from pagefind_bin import get_executable as wheel_binary
            return wheel_binary()
        except (ImportError, FileNotFoundError):
            pass
        found = shutil.which("pagefind_extended") or shutil.which("pagefind")
        return Path(found) if found else None
    try:
        binary = get_executable()
    except FileNotFoundError:  # a wheel without its binary (unsupported platform)
        return None
    return binary if binary is not None and binary.exists() else None


def index_language(language: str) -> str:
    """The language tag pagefind files the index under. Forcing one language keeps a single index
    per shard whatever `lang` individual pages carry; pagefind.js falls back to it."""
    return language.strip() or "en"


def key_salt(binary: Path, language: str) -> str:
    """What besides the pages decides a shard's files: the language and the binary (a new
    pagefind writes other files; its size and mtime stand for its version without running it)."""
    try:
        stat = binary.stat()
        ident = f"{binary.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        ident = str(binary)
    return f"{index_language(language)}|{ident}"


class PagefindError(Exception):
    pass


class _Service:
    """One `pagefind --service` process, spoken to synchronously."""

    def __init__(self, binary: Path) -> None:
        try:
            self.proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise PagefindError(f"cannot run pagefind ({binary}): {exc.strerror}") from exc
        self._next = 0
        self._buffer = b""

    def _encode(self, payload: dict) -> bytes:
        self._next += 1
        message = json.dumps({"message_id": self._next, "payload": payload}).encode("utf-8")
        return base64.b64encode(message) + b","

    def _receive(self) -> dict:
        assert self.proc.stdout is not None
        if b"," not in self._buffer:
            # A GetFiles answer is megabytes: collect the chunks, look for the end only in each new one.
            chunks = [self._buffer]
            while True:
                chunk = self.proc.stdout.read1(1 << 20)
                if not chunk:
                    raise PagefindError(f"pagefind stopped (exit {self.proc.poll()})")
                chunks.append(chunk)
                if b"," in chunk:
                    break
            self._buffer = b"".join(chunks)
        message, _, self._buffer = self._buffer.partition(b",")
        payload = json.loads(base64.b64decode(message))["payload"]
        if payload.get("type") == "Error":
            raise PagefindError(f"pagefind: {payload.get('message')}")
        return payload

    def run(self, payloads: list[dict]) -> list[dict]:
        """Send every request (from a thread, so neither pipe fills up), read every answer.
        The requests are encoded before the thread starts: encoding in it while this thread
        reads the answers made the two take turns at the GIL, ~5 ms an answer (1.3 s a shard)."""
        failure: list[BaseException] = []
        data = b"".join(self._encode(payload) for payload in payloads)

        def feed() -> None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except (OSError, ValueError) as exc:   # the process died, or was killed on purpose
                failure.append(exc)

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            return [self._receive() for _ in payloads]
        finally:
            writer.join()

    def close(self) -> None:
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def _index_shard(binary: Path, shard: Shard, read_page: Callable[[str], bytes], destination: Path,
                 language: str, services: list[_Service]) -> None:
    """Write one shard's Pagefind bundle into `destination` (which must not exist)."""
    service = _Service(binary)
    services.append(service)
    try:
        config = {"force_language": index_language(language)}
        [created] = service.run([{"type": "NewIndex", "config": config}])
        index_id = created["index_id"]
        requests = [{"type": "AddFile", "index_id": index_id, "url": "/" + rel, "file_path": None,
                     "file_contents": read_page(rel).decode("utf-8", "replace")} for rel in shard.pages]
        # GetFiles, not WriteFiles: the service answers WriteFiles before its writes are on disk,
        # and closing it then truncates some (seen: empty pagefind-entry.json files). Written
        # here, every file is complete before the shard is staged.
        requests.append({"type": "GetFiles", "index_id": index_id})
        files = service.run(requests)[-1].get("files") or []
    finally:
        service.close()
    names = {str(f.get("path", "")) for f in files}
    if "pagefind-entry.json" not in names:
        raise PagefindError(f"pagefind made no index for {shard.name}")
    _write_bundle(destination, files)


def _write_bundle(destination: Path, files: list[dict]) -> None:
    root = destination.resolve()
    for item in files:
        target = (root / str(item["path"])).resolve()
        if not target.is_relative_to(root) or target == root:
            raise PagefindError(f"pagefind named a file outside its bundle: {item['path']!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(item["content"]))


def index_shards(binary: Path, shards: list[Shard], read_page: Callable[[str], bytes], into: Path,
                 language: str, jobs: int, cancelled: Callable[[], bool] = lambda: False) -> None:
    """Build each shard into into/<name>/, `jobs` pagefind processes at a time (each one is a
    process of its own, so threads are enough to keep them busy)."""
    from concurrent.futures import ThreadPoolExecutor   # only when something is indexed

    services: list[_Service] = []
    stop = threading.Event()

    def one(shard: Shard) -> None:
        if stop.is_set() or cancelled():
            raise PagefindError("cancelled")
        _index_shard(binary, shard, read_page, into / shard.name, language, services)

    watchdog = threading.Timer(TIMEOUT_SECONDS, lambda: (stop.set(), [s.kill() for s in services]))
    watchdog.daemon = True
    watchdog.start()
    try:
        # Largest first, so the last one to start is a small one.
        ordered = sorted(shards, key=lambda s: -len(s.pages))
        with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(ordered)))) as pool:
            for future in [pool.submit(one, s) for s in ordered]:
                future.result()
    except BaseException:
        stop.set()
        for service in services:
            service.kill()
        raise
    finally:
        watchdog.cancel()
    if stop.is_set():
        raise PagefindError(f"pagefind did not finish within {TIMEOUT_SECONDS} s")


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
            index_shards(binary, todo, read_page, staging_bundle, language, jobs)
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
    """Bring output/pagefind/ in line with the pages already in output/, shard by shard: each
    shard folder is swapped in by rename, then shards.json, so a reader always finds complete
    shards. Killed half-way, the keys in shards.json say which shards the next run rebuilds."""
    binary = find_pagefind()
    if binary is None:
        return SearchResult(skipped=f"pagefind is not installed ({INSTALL_HINT})")
    shards, todo, stray, document_changed = _changes(output_dir, digests, language, binary)
    bundle = output_dir / BUNDLE_DIR
    if not shards:
        shutil.rmtree(bundle, ignore_errors=True)
        return SearchResult(skipped="no story pages to index")
    start = time.perf_counter()
    work = output_dir.parent / f".{output_dir.name}.search"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        if todo:
            try:
                index_shards(binary, todo, lambda rel: (output_dir / rel).read_bytes(), work, language, jobs, cancelled)
            except (PagefindError, OSError) as exc:
                return SearchResult(skipped=f"pagefind failed: {exc}")
        if cancelled():
            return SearchResult(skipped="cancelled by a newer build")
        bundle.mkdir(parents=True, exist_ok=True)
        for shard in todo:
            target = bundle / shard.name
            if target.exists():
                os.rename(target, work / f"{shard.name}.old")
            os.rename(work / shard.name, target)
        if todo:
            for rel in _copy_ui(bundle / todo[0].name, bundle, work / "ui"):
                os.replace(work / "ui" / Path(rel).name, output_dir / rel)
        if document_changed:
            tmp = work / SHARDS_FILE
            tmp.write_bytes(shards_document(shards))
            os.replace(tmp, bundle / SHARDS_FILE)
        for name in stray:
            path = bundle / name
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return SearchResult(pages=sum(len(s.pages) for s in todo), shards=len(todo), total_shards=len(shards),
                        seconds=time.perf_counter() - start)
