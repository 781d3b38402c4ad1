"""The build, stage by stage: ingest new digests, read articles, render Markdown, model the
site, plan every output, render what changed, commit it to output/.

Nothing is rendered until the whole site model exists, because the front page, the topic,
region and edition pages and the feeds need every article (MkDocs' rule).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import signal
import sys
import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from site_builder import __version__, atomic, urls
from site_builder.config import CONFIG_FILE, SiteConfig
from site_builder.content import ArticleFile, parse_article, scan_articles, too_large_article
from site_builder.errors import ContentError, Notice, OutputError, SiteBuilderError
from site_builder.limits import MAX_ARTICLE_BYTES, FileRefused, FileTooLarge, read_regular_file
from site_builder.models import Article
from site_builder.search import StagedIndex
from site_builder.search import owns as search_owns
from site_builder.writer import (
    Manifest,
    OUTPUT_RECORD,
    OutputRecord,
    Transaction,
    check_output_dir,
    damaged_files,
    existing_files,
    output_lock_file,
    recover,
    sha,
)

if TYPE_CHECKING:
    from site_builder.cache import ArticleCache, BodyCache
    from site_builder.plan import BodySource, Output
    from site_builder.render import Renderer
    from site_builder.taxonomy import SiteModel

# Rendering modules (Jinja2, feedgen, markdown-it) are imported only when something must be
# rendered, so that a build with nothing to do finishes in a fraction of a second.

PARALLEL_THRESHOLD = 300   # below this many items a process pool costs more than it saves
_PACKAGE_DIR = Path(__file__).parent


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildReport:
    articles: int
    pages: int
    feeds: int
    rendered: int
    written: int
    removed: int
    seconds: float
    timings: tuple[tuple[str, float], ...]
    notices: tuple[Notice, ...]
    messages: tuple[str, ...]
    held_back: int
    drafts: int
    written_files: tuple[str, ...] = ()
    removed_files: tuple[str, ...] = ()

    def summary(self) -> str:
        return (f"built {self.articles} stories: {self.pages} pages, {self.feeds} feeds; "
                f"rendered {self.rendered}, wrote {self.written}, removed {self.removed} "
                f"in {self.seconds:.2f} s")


class _Clock:
    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.last = self.start
        self.steps: list[tuple[str, float]] = []

    def step(self, name: str) -> None:
        now = time.perf_counter()
        self.steps.append((name, now - self.last))
        self.last = now


def _hash_files(paths: list[Path], digest: "hashlib._Hash") -> None:
    for path in sorted(paths):
        digest.update(str(path).encode())
        digest.update(path.read_bytes())


def global_key(config: SiteConfig, model: SiteModel) -> str:
    """Everything every page depends on besides its stories: config, templates, code, nav."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(__version__.encode())
    digest.update(config.site_url.encode())
    digest.update((config.site_dir / CONFIG_FILE).read_bytes())
    # The config as this build read it: config.yaml may have changed on disk since (while the
    # build waited for the output lock), and the pages are rendered from this one.
    digest.update(repr(config).encode("utf-8", "surrogatepass"))
    for folder in (config.templates_dir, config.theme_dir / "templates"):
        if folder.is_dir():
            _hash_files([p for p in folder.rglob("*") if p.is_file()], digest)
    _hash_files([p for p in _PACKAGE_DIR.glob("*.py")], digest)
    present = {t.slug for t in model.topics.terms}
    digest.update("|".join(t.slug for t in config.topics if t.slug in present).encode())
    return digest.hexdigest()


def static_files(config: SiteConfig, notices: list[Notice] | None = None) -> tuple[tuple[str, Path, str], ...]:
    """Theme static files, then the site's own static/ folder, which wins on a clash.

    Regular files only, and no symlink that leaves the site (or the theme's) folder: each such
    link is skipped with a notice (confine.py)."""
    from site_builder.confine import confined_files, site_roots

    found: dict[str, Path] = {}
    roots = site_roots(config.site_dir, config.theme_dir)
    skipped = notices if notices is not None else []
    for folder in (config.theme_dir / "static", config.site_dir / "static"):
        for path in confined_files(folder, roots, lambda p: _shown(p, config), skipped):
            if not path.name.startswith("."):
                found[urls.static_route(path.relative_to(folder).as_posix())] = path
    return tuple((route, path, sha(path.read_bytes())) for route, path in sorted(found.items()))


ROOT_FILES_DIR = "root"   # the site's files published at the site's root as they are: CNAME, verification files


def root_files(config: SiteConfig, notices: list[Notice] | None = None) -> tuple[tuple[str, Path, str], ...]:
    """The site's root/ folder, copied to the top of output/ on every build (GitHub Pages'
    CNAME, a search engine's verification file): files a build wrote, so never deleted by one.
    No symlink that leaves the site is followed (confine.py), as for static/."""
    from site_builder.confine import confined_files, site_roots

    folder = config.site_dir / ROOT_FILES_DIR
    skipped = notices if notices is not None else []
    found = {path.relative_to(folder).as_posix(): path
             for path in confined_files(folder, site_roots(config.site_dir, config.theme_dir),
                                        lambda p: _shown(p, config), skipped)
             if not path.name.startswith(".")}
    return tuple((route, path, sha(path.read_bytes())) for route, path in sorted(found.items()))


def _check_output_outside_sources(config: SiteConfig) -> None:
    """--output inside static/ (or content/, theme/, templates/) is refused: it would be published into itself."""
    from site_builder.confine import check_output_outside_sources, source_folders

    check_output_outside_sources(config.output_dir, source_folders(config.site_dir, config.theme_dir,
                                                                   config.templates_dir, config.content_dir))


def _shown(path: str, config: SiteConfig) -> str:
    """A path as warnings name it: relative to the site folder when inside it."""
    try:
        return Path(path).relative_to(config.site_dir).as_posix()
    except ValueError:
        return path


# ---- reading articles and rendering their Markdown --------------------------------------------
# Workers are forked after the data they need exists, so they inherit it instead of
# receiving it pickled; only results travel back.

_JOB: dict[str, object] = {}


def _read_and_render(indices: list[int]) -> list[tuple[int, Article | None, str, tuple[Notice, ...], SiteBuilderError | None]]:
    """Parse and render each file: (index, article without body, body HTML, notices, error)."""
    files: tuple[ArticleFile, ...] = _JOB["files"]  # type: ignore[assignment]
    tz = _JOB["tz"]
    known: set[str] = _JOB["known"]  # type: ignore[assignment]
    from site_builder.markdown import render_markdown

    results = []
    for index in indices:
        try:
            article, notices = _read_one(files[index], tz)
        except SiteBuilderError as exc:
            results.append((index, None, "", (), exc))
            continue
        html = "" if article.content_hash in known else render_markdown(article.body)
        results.append((index, replace(article, body=""), html, notices, None))
    return results


def load_articles(config: SiteConfig, files: tuple[ArticleFile, ...], cache: ArticleCache, bodies: BodyCache,
                  jobs: int) -> tuple[list[Article], dict[str, tuple[int, int, Article]], list[Notice], set[str]]:
    """Every article, read afresh only when its file changed; Markdown rendered for those only.

    Returns the articles, the cache entries to keep, the notices about the files read afresh,
    and those files' paths."""
    cached = [cache.get(f.path, f.mtime_ns, f.size) for f in files]
    # The article cache is keyed by the body cache's generation: what it holds has a body there.
    rendered = {a.content_hash for a in cached if a is not None}
    todo = [i for i, a in enumerate(cached) if a is None or a.content_hash not in rendered]
    articles: list[Article | None] = list(cached)
    notices: list[Notice] = []
    errors: list[SiteBuilderError] = []
    if todo:
        _JOB.update(files=files, tz=config.tz, known=rendered)
        results = []
        try:
            for part in _map_chunks(_read_and_render, todo, jobs):
                results.extend(part)
                # Stored as each chunk arrives: this process would otherwise only wait for the
                # workers (at 100,000 stories, 2.5 s of a serial step saved).
                bodies.put_many({article.content_hash: html for _, article, html, _, error in part
                                 if error is None and html})  # type: ignore[union-attr]
        finally:
            _JOB.clear()
        for index, article, html, found, error in sorted(results, key=lambda r: r[0]):
            if error is not None:
                errors.append(error)
                continue
            articles[index] = article
            notices.extend(found)
    if errors:
        listing = "\n  ".join(str(e) for e in errors)
        raise ContentError(f"{len(errors)} article(s) cannot be read:\n  {listing}")
    final = [a for a in articles if a is not None]
    fresh = {f.path: (f.mtime_ns, f.size, a) for f, a in zip(files, final)}
    return final, fresh, notices, {files[i].path for i in todo}


def _read_one(file: ArticleFile, tz) -> tuple[Article, tuple[Notice, ...]]:
    try:
        data = read_regular_file(file.abs_path, MAX_ARTICLE_BYTES, "an article")
    except FileNotFoundError:
        raise ContentError("was deleted while the build was reading it; build again", path=file.path) from None
    except OSError as exc:
        raise ContentError(f"cannot be read: {exc.strerror}", path=file.path) from None
    except FileTooLarge as exc:
        raise ContentError(too_large_article(exc.size), path=file.path) from None
    except FileRefused as exc:
        raise ContentError(str(exc), path=file.path) from None
    return parse_article(file.path, data, tz)


def _render_outputs(indices: list[int]) -> list[tuple[int, str, bool]]:
    """Render outputs; stage those whose bytes changed. Returns (index, bytes hash, staged)."""
    renderer: Renderer = _JOB["renderer"]  # type: ignore[assignment]
    outputs: list[Output] = _JOB["outputs"]  # type: ignore[assignment]
    previous: dict[str, tuple[str, str]] = _JOB["previous"]  # type: ignore[assignment]
    present: set[str] = _JOB["present"]  # type: ignore[assignment]
    staging: Path = _JOB["staging"]  # type: ignore[assignment]
    output_dir: Path = _JOB["output_dir"]  # type: ignore[assignment]
    made: set[str] = set()
    results = []
    for index in indices:
        output = outputs[index]
        data = renderer.render(output)
        digest = sha(data)
        rel = output.file
        old = previous.get(rel)
        if old is not None:
            changed = old[1] != digest or rel not in present
        else:
            # No record of this file (first build, or the cache was deleted): compare with disk.
            changed = rel not in present or _differs(output_dir / rel, data)
        if changed:
            _stage(staging, rel, data, made)
        results.append((index, digest, changed))
    return results


def _stage(staging: Path, rel: str, data: bytes, made: set[str]) -> None:
    """Write one page into the staging folder; a full or read-only disk is the user's to fix."""
    # Plain os calls on strings: thirteen thousand files in a cold build make pathlib and the
    # buffered file object a measurable cost.
    target = f"{staging}/{rel}"
    try:
        folder = os.path.dirname(rel)
        if folder and folder not in made:
            os.makedirs(f"{staging}/{folder}", exist_ok=True)
            made.add(folder)
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)
    except OSError as exc:
        raise OutputError(f"cannot write {rel} into the staging folder: {exc.strerror or exc}; "
                          "the previous output is unchanged", path=target) from None


def _differs(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() != data
    except OSError:
        return True


def _in_parallel(jobs: int, count: int) -> bool:
    """Whether count items are worth a pool of worker processes."""
    return jobs > 1 and count >= PARALLEL_THRESHOLD


def _map_chunks(func, items: list[int], jobs: int) -> Iterator[list]:
    """func's results over items, a chunk at a time as workers finish them (one chunk, in this
    process, when there are too few items for a pool to pay)."""
    if not _in_parallel(jobs, len(items)):
        yield func(items)
        return
    # Interleaved chunks: neighbouring items cost alike (an edition's pages, a term's pages).
    chunks = [items[start::jobs * 8] for start in range(jobs * 8)]
    import multiprocessing   # only parallel builds need it

    # Blocked while the pool forks its workers and starts its threads (any worker it forks later,
    # from those threads, inherits the block too); each worker unblocks in _quiet_worker.
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet_worker)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    with pool:
        yield from pool.imap_unordered(func, [c for c in chunks if c])


_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def _quiet_worker() -> None:
    """A worker leaves interrupts to the parent, which ends the pool: Ctrl-C would otherwise print
    a KeyboardInterrupt traceback per worker, and so would the pool's own SIGTERM where the parent
    (serve) turns SIGTERM into KeyboardInterrupt and the fork inherited that handler. The workers
    are forked with both signals blocked (see _map_chunks), so none lands before this has run.
    (From the publish branch's implementation of issue 12 §3.)"""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)


# ---- the build --------------------------------------------------------------------------------

def build_site(config: SiteConfig, *, jobs: int | None = None, ingest: bool = True,
               now: datetime | None = None, search_later: bool = False) -> BuildReport:
    """Build the site into config.output_dir. Raises SiteBuilderError; output/ is then unchanged.
    `search_later`: leave output/pagefind/ as it is, for search.catch_up() to update afterwards."""
    # The build loads tens of thousands of long-lived objects: the cyclic collector would walk
    # them again and again (a third of a one-story rebuild). Nothing is collected while the model
    # is read and planned; then what exists is frozen out of the collector's sight for rendering.
    was_enabled = gc.isenabled()
    gc.disable()
    from site_builder.locks import lock_folder

    try:
        # Refused folders (the site itself, someone's files) are refused before the lock file
        # beside them is made; checked again under the lock, where it counts.
        check_output_dir(config.output_dir, config.site_dir, built_before=_manifest_path(config).is_file())
        _check_output_outside_sources(config)
        # One build at a time into an output folder (a scheduled build beside a person's, serve
        # beside the CLI): a second one waits, saying which process it waits for.
        with lock_folder(config.output_dir, "build", lock_file=output_lock_file(config.output_dir)):
            return _build(config, jobs=jobs, ingest=ingest, now=now, search_later=search_later)
    except Exception as exc:
        # sqlite3 is imported only by a build that renders; a full disk under .site-builder/
        # (or a broken database file) surfaces as its error.
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is not None and isinstance(exc, sqlite3.Error):
            from site_builder.cache import CACHE_ADVICE
            raise OutputError(f"cannot use the build cache: {exc} ({CACHE_ADVICE})",
                              path=config.cache_dir / "bodies.sqlite") from None
        raise
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def _build(config: SiteConfig, *, jobs: int | None, ingest: bool, now: datetime | None,
           search_later: bool = False) -> BuildReport:
    clock = _Clock()
    jobs = jobs or os.cpu_count() or 1
    now = now or datetime.now(timezone.utc)
    output_dir = config.output_dir
    check_output_dir(output_dir, config.site_dir, built_before=_manifest_path(config).is_file())
    _check_output_outside_sources(config)
    messages: list[str] = []
    recovered = recover(output_dir)
    if recovered:
        messages.append(recovered)
    if ingest:
        messages.extend(_ingest_pending(config))
    clock.step("ingest")

    skipped_links: list[Notice] = []
    files = scan_articles(config.articles_dir, config.site_dir, skipped_links)
    state = _BuildState(config)
    frame = _frame_key(config)
    # A symlink skipped for leaving the site is an input too: adding one must not read as "nothing changed".
    inputs = _inputs_key(frame, [(f.path, f.size, f.mtime_ns) for f in files] + [(n.path, -1, 0) for n in skipped_links])
    previous, repaired = _verified_manifest(config, messages)
    if not repaired and state.unchanged(inputs, now, output_dir) and (search_later or _search_index_current(config)):
        clock.step("compare")
        return BuildReport(articles=state.articles, pages=state.pages, feeds=state.feeds, rendered=0, written=0,
                           removed=0, seconds=time.perf_counter() - clock.start, timings=tuple(clock.steps),
                           notices=state.notices(), messages=tuple(messages) + ("nothing changed since the last build",),
                           held_back=state.held_back, drafts=state.drafts)

    from site_builder.cache import ArticleCache, BodyCache
    from site_builder.plan import FeedSpec, PageSpec, plan_site, plan_story_edits
    from site_builder.taxonomy import build_site_model

    state_dir = config.cache_dir
    cache_key = hashlib.blake2b(f"{config.timezone}|{__version__}|{_code_key()}".encode(), digest_size=8).hexdigest()
    bodies = BodyCache(state_dir / "bodies.sqlite")
    article_cache = ArticleCache(state_dir / "articles", f"{cache_key}-{bodies.generation}")
    try:
        articles, fresh, read_notices, reread = load_articles(config, files, article_cache, bodies, jobs)
        # A warning about a file is repeated on every build until the file is fixed, as the
        # file is only read again when it changes.
        notices = state.file_notices(read_notices, reread, {f.path for f in files})
        file_notices = list(notices)
        clock.step("read")
        model, model_notices = build_site_model(tuple(articles), config, now)
        notices.extend(skipped_links)
        notices.extend(model_notices)
        key = global_key(config, model)
        related = _related(config, model)
        edited = None if repaired else _story_edits(state, frame, key, now, previous, article_cache, files, fresh, reread, model)
        if edited is not None:
            # Only story bodies changed: only their pages and feeds can change (plan_story_edits).
            outputs = plan_story_edits(model, config, key, edited, related)
            feeds_checked = sum(1 for o in outputs if isinstance(o.spec, FeedSpec))
            messages.append(f"only the text of {len(edited)} {'story' if len(edited) == 1 else 'stories'} changed; "
                            f"checked {'its page' if len(edited) == 1 else 'their pages'} and the {feeds_checked} "
                            "feed(s) carrying them")
        else:
            outputs = plan_site(model, config, key, static_files(config, notices) + root_files(config, notices), now,
                                related=related)
            _check_unique_paths(outputs)
        clock.step("plan")
        gc.freeze()
        gc.enable()
        report = _render_and_commit(config, model, outputs, bodies, jobs, clock, previous, partial=edited is not None,
                                    meanwhile=lambda: article_cache.save(fresh, reread), search_later=search_later)
        if bodies.count() > len(articles) * 5 // 4 + 100:
            # Old versions of edited stories pile up; dropping them is a full scan, so only
            # once they are a quarter of the cache.
            bodies.prune({a.content_hash for a in articles})
    finally:
        bodies.close()
    messages.extend(report.messages)
    if edited is not None:
        pages, feeds = state.pages, state.feeds
    else:
        pages = sum(1 for o in outputs if isinstance(o.spec, PageSpec))
        feeds = sum(1 for o in outputs if isinstance(o.spec, FeedSpec))
    state.save(inputs, key, model, pages, feeds, now, file_notices, notices)
    clock.step("save")
    return replace(report, articles=len(model.articles), pages=pages, feeds=feeds,
                   seconds=time.perf_counter() - clock.start, timings=tuple(clock.steps),
                   notices=tuple(notices), messages=tuple(messages), held_back=len(model.held_back),
                   drafts=model.drafts)


def _frame_key(config: SiteConfig) -> str:
    """A hash of every input but the articles (code, config, templates, static files): name,
    size and mtime."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}|{_code_key()}|{config.site_url}|{config.output_dir}".encode())
    digest.update((config.site_dir / CONFIG_FILE).read_bytes())
    digest.update(repr(config).encode("utf-8", "surrogatepass"))   # as read: see global_key
    folders = (config.templates_dir, config.theme_dir, config.site_dir / "static", config.site_dir / ROOT_FILES_DIR)
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    st = path.stat()
                    digest.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _inputs_key(frame: str, stamps: Iterable[tuple[str, int, int]]) -> str:
    """frame plus every article's (path, size, mtime), in path order: equal keys mean nothing
    to rebuild."""
    digest = hashlib.blake2b(frame.encode(), digest_size=16)
    digest.update("\n".join(f"{path}|{size}|{mtime}" for path, size, mtime in stamps).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class _BuildState:
    """What the last successful build saw, to skip a build when no input changed at all."""

    def __init__(self, config: SiteConfig) -> None:
        key = hashlib.blake2b(str(config.output_dir.resolve()).encode(), digest_size=6).hexdigest()
        self.path = config.cache_dir / f"state-{key}.json"
        self.manifest_path = _manifest_path(config)
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}
        for name in ("articles", "pages", "feeds", "held_back", "drafts"):
            setattr(self, name, int(self.data.get(name, 0)))

    def unchanged(self, inputs: str, now: datetime, output_dir: Path) -> bool:
        release = self.data.get("next_release")
        return (self.data.get("inputs") == inputs and output_dir.is_dir() and self.manifest_path.exists()
                and (release is None or now.timestamp() < release))

    def file_notices(self, fresh: list[Notice], reread: set[str], present: set[str]) -> list[Notice]:
        """The last build's notices about files not read again, plus this build's."""
        kept = [Notice(*n) for n in self.data.get("file_notices", []) if n[0] in present and n[0] not in reread]
        return sorted(kept + fresh, key=lambda n: (n.path, n.line or 0, n.message))

    def notices(self) -> tuple[Notice, ...]:
        return tuple(Notice(*n) for n in self.data.get("notices", []))

    def save(self, inputs: str, key: str, model: SiteModel, pages: int, feeds: int, now: datetime,
             file_notices: list[Notice], notices: list[Notice]) -> None:
        # The next moment the site changes with no input changing: a held-back story comes due,
        # or a story ages out of the news sitemap.
        from site_builder.plan import NEWS_SITEMAP_DAYS

        moments = [a.date.timestamp() for a in model.held_back]
        window = NEWS_SITEMAP_DAYS * 86400
        for article in model.articles:   # newest first: only the first few can be recent
            if article.date.timestamp() + window <= now.timestamp():
                break
            moments.append(article.date.timestamp() + window)
        release = min(moments, default=None)
        data = {"inputs": inputs, "global_key": key, "next_release": release, "articles": len(model.articles),
                "pages": pages, "feeds": feeds, "held_back": len(model.held_back), "drafts": model.drafts,
                "file_notices": [[n.path, n.message, n.line] for n in file_notices],
                "notices": [[n.path, n.message, n.line] for n in notices]}
        from site_builder.cache import write_cache_file
        write_cache_file(self.path, json.dumps(data).encode("utf-8"))


_CODE_KEY: list[str] = []


def _code_key() -> str:
    if _CODE_KEY:
        return _CODE_KEY[0]
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(_PACKAGE_DIR.rglob("*.py")):
        digest.update(path.read_bytes())
    _CODE_KEY.append(digest.hexdigest())
    return _CODE_KEY[0]


def _ingest_pending(config: SiteConfig) -> list[str]:
    if not config.digests_dir.is_dir() or next(config.digests_dir.rglob("*.txt"), None) is None:
        return []   # no digest: spare every build the import of the ingest package
    from site_builder.ingest.ledger import lock_content, pending_digests

    # Which digests are pending is decided under the content lock too: a concurrent ingest may
    # be recording one right now.
    skipped: list[Notice] = []
    with lock_content(config):
        pending = pending_digests(config, skipped)
        if not pending:
            return [f"warning: {notice}" for notice in skipped]
        from site_builder.ingest import ingest_digests

        report = ingest_digests(config, pending)
    return [f"warning: {notice}" for notice in skipped] + list(report.messages())


def _stage_search_index(config: SiteConfig, files: dict[str, tuple[str, str]], transaction: Transaction,
                        written: list[str], jobs: int) -> StagedIndex:
    """The search index's part of this build's transaction (search.stage_index)."""
    from site_builder.search import stage_index

    digests = {rel: digest for rel, (_fingerprint, digest) in files.items()}
    return stage_index(search=config.search, output_dir=config.output_dir, staging=transaction.staging,
                       digests=digests, staged_pages=set(written), language=config.language, jobs=jobs)


def _search_index_current(config: SiteConfig) -> bool:
    """For a build that found no input changed: is the index there (or rightly absent)?"""
    bundle = config.output_dir / urls.SEARCH_BUNDLE_DIR
    if not config.search:
        return not bundle.exists()
    from site_builder.search import find_pagefind, index_is_present

    return index_is_present(config.output_dir) or find_pagefind() is None


def page_digests(config: SiteConfig) -> dict[str, str]:
    """Output-relative path -> content digest of every file the last build committed (the manifest)."""
    manifest = Manifest.load(_manifest_path(config))
    return {} if manifest is None else {rel: digest for rel, (_fp, digest) in manifest.files.items()}


def _related(config: SiteConfig, model: SiteModel) -> tuple[tuple[int, ...], ...]:
    """related_stories(), memoised in .site-builder/: an edit that keeps a story's topics, regions
    and people (most edits) leaves every story's related ones as they were."""
    from site_builder.taxonomy import related_key, related_stories

    path = config.cache_dir / "related.pickle"
    key = related_key(model)
    try:
        saved_key, related = pickle.loads(path.read_bytes())
        if saved_key == key:
            return related
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        pass
    related = related_stories(model)
    try:
        atomic.replace(path, pickle.dumps((key, related), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # only a cache
    return related


def _check_unique_paths(outputs: tuple[Output, ...]) -> None:
    seen: dict[str, Output] = {}
    for output in outputs:
        rel = output.file
        if rel in seen:
            raise OutputError(f"two pages would be written to {rel}: {_describe(seen[rel])} and {_describe(output)}")
        seen[rel] = output


def _describe(output: Output) -> str:
    from site_builder.plan import PageSpec

    spec = output.spec
    if isinstance(spec, PageSpec) and spec.term is not None:
        return f"the {spec.term.kind} '{spec.term.label}'"
    return f"the {type(spec).__name__.removesuffix('Spec').lower()} at {output.route or '/'}"


def _bodies_needed(model: SiteModel, outputs: list[Output]) -> set[str]:
    from site_builder.plan import FeedSpec, PageSpec

    needed: set[str] = set()
    for output in outputs:
        spec = output.spec
        if isinstance(spec, PageSpec) and spec.article is not None:
            needed.add(model.articles[spec.article].content_hash)
        elif isinstance(spec, FeedSpec):
            needed.update(model.articles[i].content_hash for i in spec.items)
    return needed


def _story_edits(state: _BuildState, frame: str, key: str, now: datetime, previous: Manifest | None,
                 cache: ArticleCache, files: tuple[ArticleFile, ...], fresh: dict[str, tuple[int, int, Article]],
                 reread: set[str], model: SiteModel) -> set[int] | None:
    """The stories whose bodies alone changed since the last build, when nothing else did
    (no story added, removed or retitled, no template, config or code change, no story come
    due); else None, and the whole site is planned."""
    if not reread or previous is None or state.data.get("global_key") != key:
        return None
    release = state.data.get("next_release")
    if release is not None and now.timestamp() >= release:
        return None
    # The cache must hold the very files this output was last built from (another output
    # folder may have been built from other versions since), and so the same set of stories.
    # Files not read afresh are as cached; the others are taken as the cache recorded them.
    if len(fresh) != len(cache) or any(cache.stamp(path) is None for path in reread):
        return None
    last = ((f.path, *cache.stamp(f.path)) if f.path in reread else (f.path, f.size, f.mtime_ns)  # type: ignore[misc]
            for f in files)
    if _inputs_key(frame, last) != state.data.get("inputs"):
        return None
    index_of = {article.path: index for index, article in enumerate(model.articles)}
    edited = set()
    for path in reread:
        before = cache.previous(path)
        index = index_of.get(path)
        # Equal in every field but the hash of the whole file: the front-matter and title are
        # the same (listing_hash), so the model is the last build's but for this story's body.
        if before is None or index is None or replace(before, content_hash="") != replace(fresh[path][2], content_hash="", body=""):
            return None
        edited.add(index)
    return edited


def _verified_manifest(config: SiteConfig, messages: list[str]) -> tuple[Manifest | None, bool]:
    """The last build's manifest, less the files that are gone from output/ or were changed since
    it committed, which this build then writes again (saying so in messages); and whether any
    were. No manifest, or no record of ours in output/: (None, True), and the build compares
    with what is there."""
    if not config.output_dir.is_dir():
        return None, True
    previous = Manifest.load(_manifest_path(config))
    record = OutputRecord.load(config.output_dir)
    if previous is None:
        return None, True
    # No record: an output/ of a version that wrote none, adopted with its manifest (files that
    # are gone are written again; a change in place cannot be seen without the record's time).
    damaged = damaged_files(config.output_dir, set(previous.files), record)
    if not damaged:
        return previous, record is None
    shown = ", ".join(sorted(damaged)[:3]) + (f" and {len(damaged) - 3} more" if len(damaged) > 3 else "")
    messages.append(f"output/ does not match the last build: {len(damaged)} file(s) missing or changed since "
                    f"({shown}); writing them again")
    return Manifest({rel: v for rel, v in previous.files.items() if rel not in damaged}), True


def _manifest_path(config: SiteConfig) -> Path:
    key = hashlib.blake2b(str(config.output_dir.resolve()).encode(), digest_size=6).hexdigest()
    return config.cache_dir / f"manifest-{key}.pickle"


def _render_and_commit(config: SiteConfig, model: SiteModel, outputs: tuple[Output, ...], bodies: BodyCache,
                       jobs: int, clock: _Clock, previous: Manifest | None, *, partial: bool = False,
                       meanwhile: Callable[[], None] = lambda: None, search_later: bool = False) -> BuildReport:
    """Render the outputs whose fingerprints changed since `previous` (the last build's manifest)
    and commit them. `partial`: outputs are only those that may have changed; keep the rest.
    `meanwhile` runs once the first rendered chunk is back, while the workers render the rest."""
    from site_builder.render import Renderer

    output_dir = config.output_dir
    manifest_path = _manifest_path(config)
    assert previous is not None or not partial
    # Without a manifest, look at what is there, but take as ours only what output/'s record
    # says an earlier build wrote: nothing else is ever deleted. With a manifest (verified against
    # output/ by _verified_manifest), trust it.
    record = OutputRecord.load(output_dir) if previous is None else None
    present = (existing_files(output_dir) & record.files if record else set()) if previous is None \
        else set(previous.files)
    old_files = previous.files if previous is not None else {}
    todo = []
    for index, output in enumerate(outputs):
        old = old_files.get(output.file)
        if old is None or old[0] != output.fingerprint:
            todo.append(index)
    planned = {o.file for o in outputs}
    stale = [] if partial else sorted((set(old_files) | (present if previous is None else set())) - planned)
    stale = [rel for rel in stale if not search_owns(rel)]   # the index is stage_index()'s to delete
    clock.step("compare")

    transaction = Transaction(output_dir)
    transaction.begin()
    try:
        if _in_parallel(jobs, len(todo)):
            source: BodySource = bodies.reader()   # each worker reads what it renders
        else:
            source = bodies.load(_bodies_needed(model, [outputs[i] for i in todo]))
        renderer = Renderer(model, config, source)
        _JOB.update(renderer=renderer, outputs=outputs, previous=old_files, present=present,
                    staging=transaction.staging, output_dir=output_dir)
        results = []
        try:
            for number, part in enumerate(_map_chunks(_render_outputs, todo, jobs)):
                if number == 0:
                    meanwhile()
                results.extend(part)
        finally:
            _JOB.clear()
        clock.step("render")
        files = dict(old_files)
        for rel in stale:
            files.pop(rel, None)
        written = []
        for index, digest, changed in results:
            rel = outputs[index].file
            files[rel] = (outputs[index].fingerprint, digest)
            if changed:
                transaction.add_staged(rel, rel not in present)
                written.append(rel)
        manifest = Manifest(files)
        index = StagedIndex() if search_later else _stage_search_index(config, files, transaction, written, jobs)
        clock.step("search")
        stale.extend(index.deletes)
        for rel in index.writes:
            transaction.add_staged(rel, not (output_dir / rel).exists())
        if written or stale or files != old_files or OutputRecord.load(output_dir) is None:
            # Staged last of all, so its mtime is the newest of the build's files: a file newer
            # than the record was changed by someone else (damaged_files).
            record_data = OutputRecord(site_url=config.site_url, files=frozenset(files)).dumps()
            _stage(transaction.staging, OUTPUT_RECORD, record_data, set())
            transaction.add_staged(OUTPUT_RECORD, not (output_dir / OUTPUT_RECORD).exists())
            record_staged = True
        else:
            record_staged = False
        if not output_dir.exists():
            transaction.commit_fresh(manifest, manifest_path)
        elif written or stale or index.writes or record_staged:
            transaction.commit(stale, manifest, manifest_path)
        else:
            transaction.abort()
            if files != old_files:
                atomic.replace(manifest_path, manifest.dumps())
        clock.step("write")
    except BaseException:
        if not (transaction.staging / ".journal.json").exists():
            transaction.abort()
        raise
    return BuildReport(articles=0, pages=0, feeds=0, rendered=len(todo), written=len(written), removed=len(stale),
                       seconds=0.0, timings=(), notices=(), messages=(index.message,) if index.message else (),
                       held_back=0, drafts=0, written_files=tuple(sorted(written)), removed_files=tuple(stale))
