"""The build, stage by stage: config → recover → ingest pending → scan → load → model → plan →
render → search → commit (_build reads as that list; each stage is one call into its module).

Nothing is rendered until the whole site model exists, because the front page, the topic,
region and edition pages and the feeds need every article (MkDocs' rule). The render, search
and commit stages share one transaction (writer.Transaction): the search index is staged
beside the pages, so output/ gets both or neither.

Where each stage lives: content.scan_articles; load (articles, Markdown); taxonomy (the site
model); plan (what to produce); outputs (render, search staging, commit); incremental (what
changed since the last build); pool (worker processes); writer (the transaction).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from site_builder.assets import root_files, static_files
from site_builder.config import SiteConfig
from site_builder.content import file_columns, scan_articles
from site_builder.errors import Notice, OutputError
from site_builder.incremental import (BuildState, built_here_before, cache_key, frame_key, global_key, inputs_key, manifest_path,
                                      page_digests, related, story_edits, verified_manifest)
from site_builder.load import load_articles
from site_builder.produce import check_unique_paths, commit, compare, render, search_index_current, stage_search
from site_builder.search import StagedIndex
from site_builder.writer import Transaction, check_output_dir, output_lock_file, recover

if TYPE_CHECKING:
    from site_builder.outputs import Output
    from site_builder.taxonomy import SiteModel

__all__ = ["BuildReport", "build_site", "page_digests"]

# Rendering modules (Jinja2, feedgen, markdown-it) are imported only when something must be
# rendered, so that a build with nothing to do finishes in a fraction of a second.


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
        _check_output(config)
        # One build at a time into an output folder (a scheduled build beside a person's, serve
        # beside the CLI): a second one waits, saying which process it waits for.
        with lock_folder(config.output_dir, "build", lock_file=output_lock_file(config.output_dir)):
            return _build(config, jobs=jobs or os.cpu_count() or 1, ingest=ingest,
                          now=now or datetime.now(timezone.utc), search_later=search_later)
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


def _build(config: SiteConfig, *, jobs: int, ingest: bool, now: datetime, search_later: bool) -> BuildReport:
    """The stages, in order, under the output folder's lock. After the scan, a build whose
    inputs are all as the last build saw them stops (the fast exit); after the model, one in
    which only story bodies changed plans only what shows them (incremental.story_edits)."""
    clock = _Clock()
    _check_output(config)
    messages = _recover(config)
    if ingest:
        messages.extend(_ingest_pending(config))
    clock.step("ingest")

    skipped_links: list[Notice] = []
    files = scan_articles(config.articles_dir, config.site_dir, skipped_links)
    state = BuildState(config)
    frame = frame_key(config)
    # A symlink skipped for leaving the site is an input too: adding one must not read as "nothing changed".
    skipped = [n.path for n in skipped_links]
    inputs = inputs_key(frame, files, skipped)
    unchanged = state.unchanged(inputs, now, config.output_dir)
    # With no input changed, every file of output/ is looked at (one rewritten in place too);
    # an edit trusts the folders that look as the last build left them (writer.damaged_since).
    previous, repaired = verified_manifest(config, messages, thorough=unchanged)
    if not repaired and unchanged and (search_later or search_index_current(config)):
        clock.step("compare")
        return _nothing_changed(state, clock, messages)

    from site_builder.cache import BodyCache, open_article_cache
    from site_builder.model_cache import site_model

    with BodyCache(config.cache_dir / "bodies.sqlite") as bodies:
        article_cache = open_article_cache(config.cache_dir / "articles", f"{cache_key(config)}-{bodies.generation}")
        articles, fresh, read_notices, reread = load_articles(files, config.tz, article_cache, bodies, jobs)
        # A warning about a file is repeated on every build until the file is fixed, as the
        # file is only read again when it changes.
        notices = state.file_notices(read_notices, reread, set(file_columns(files)[0]))
        file_notices = list(notices)
        clock.step("read")
        model, model_notices = site_model(articles, config, now, article_cache, fresh, reread)
        notices.extend(skipped_links)
        notices.extend(model_notices)
        key = global_key(config, model)
        related_ones = related(config, model)
        edited = None if repaired else story_edits(state, frame, key, now, previous, article_cache, files, fresh,
                                                   reread, model, skipped)
        outputs = _plan(config, model, key, edited, related_ones, now, notices, messages)
        clock.step("plan")
        gc.freeze()   # what exists now lives to the end of the build: out of the collector's sight
        gc.enable()
        comparison = compare(outputs, previous, config.output_dir, partial=edited is not None)
        clock.step("compare")
        with Transaction(config.output_dir) as transaction:
            rendered = render(transaction, comparison, outputs, model, config, bodies, jobs,
                              meanwhile=lambda: article_cache.save(fresh, reread))
            clock.step("render")
            index = StagedIndex() if search_later else stage_search(config, transaction, rendered, jobs)
            clock.step("search")
            removed = commit(transaction, config, comparison, rendered, index, manifest_path(config))
            clock.step("write")
        bodies.tidy(articles)
    if index.message:
        messages.append(index.message)
    pages, feeds = (state.pages, state.feeds) if edited is not None else _count(outputs)
    state.save(inputs, key, model, pages, feeds, now, file_notices, notices)
    clock.step("save")
    return BuildReport(articles=len(model.articles), pages=pages, feeds=feeds, rendered=len(comparison.todo),
                       written=len(rendered.written), removed=len(removed), seconds=time.perf_counter() - clock.start,
                       timings=tuple(clock.steps), notices=tuple(notices), messages=tuple(messages),
                       held_back=len(model.held_back), drafts=model.drafts,
                       written_files=tuple(sorted(rendered.written)), removed_files=removed)


def _check_output(config: SiteConfig) -> None:
    """Refuse an output folder a build must not write: the site itself, someone else's files
    (writer.check_output_dir), or one inside the site's sources, which would be published into
    itself (confine.check_output_outside_sources)."""
    from site_builder.confine import check_output_outside_sources, source_folders

    check_output_dir(config.output_dir, config.site_dir, built_before=built_here_before(config))
    check_output_outside_sources(config.output_dir, source_folders(config.site_dir, config.theme_dir,
                                                                   config.templates_dir, config.content_dir))


def _recover(config: SiteConfig) -> list[str]:
    """Finish or discard what a build killed half-way left staged (writer.recover)."""
    recovered = recover(config.output_dir)
    return [recovered] if recovered else []


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


def _nothing_changed(state: BuildState, clock: _Clock, messages: list[str]) -> BuildReport:
    """The fast exit: no input changed since the last build, which the report repeats."""
    return BuildReport(articles=state.articles, pages=state.pages, feeds=state.feeds, rendered=0, written=0,
                       removed=0, seconds=time.perf_counter() - clock.start, timings=tuple(clock.steps),
                       notices=state.notices(), messages=tuple(messages) + ("nothing changed since the last build",),
                       held_back=state.held_back, drafts=state.drafts)


def _plan(config: SiteConfig, model: SiteModel, key: str, edited: set[int] | None,
          related_ones: tuple[tuple[int, ...], ...], now: datetime, notices: list[Notice],
          messages: list[str]) -> tuple[Output, ...]:
    """Every output of the site; or, when only story bodies changed (`edited`), only their
    pages and the feeds carrying them (plan_story_edits)."""
    from site_builder.plan import FeedSpec, plan_site, plan_story_edits

    if edited is not None:
        outputs = plan_story_edits(model, config, key, edited, related_ones)
        feeds_checked = sum(1 for o in outputs if isinstance(o.spec, FeedSpec))
        messages.append(f"only the text of {len(edited)} {'story' if len(edited) == 1 else 'stories'} changed; "
                        f"checked {'its page' if len(edited) == 1 else 'their pages'} and the {feeds_checked} "
                        "feed(s) carrying them")
        return outputs
    outputs = plan_site(model, config, key, static_files(config, notices) + root_files(config, notices), now,
                        related=related_ones)
    check_unique_paths(outputs)
    return outputs


def _count(outputs: tuple[Output, ...]) -> tuple[int, int]:
    """(pages, feeds) among the outputs, for the report."""
    from site_builder.plan import FeedSpec, PageSpec

    return (sum(1 for o in outputs if isinstance(o.spec, PageSpec)),
            sum(1 for o in outputs if isinstance(o.spec, FeedSpec)))
