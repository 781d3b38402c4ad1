"""Ingest: raw digests -> one Markdown article per story (content/articles/YYYY/YYYY-MM-DD/<slug>.md).

    digest.py    bytes -> numbered, normalised lines (BOM, CRLF/CR, NBSP, controls; errors)
    segment.py   lines -> stories (pure; hard signals plus a cohesion score)
    headline.py  kicker, deck, body start, title, summary (pure)
    story.py     segment -> Story with classification and Markdown body (pure)
    writer.py    Story -> file bytes; atomic writes that never clobber edited files
    report.py    messages and JSON
This module is the I/O edge: which digests, which edition, which files.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import replace
from datetime import date, datetime
from itertools import repeat
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.ingest import text as tx
from site_builder.ingest.digest import read_digest
from site_builder.ingest.record import digest_name, load_record, pending_digests, save_record, stamp
from site_builder.ingest.report import DigestResult, IngestReport, StoryResult
from site_builder.ingest.segment import Segment, segment
from site_builder.ingest.story import Story, build_story
from site_builder.ingest.writer import (
    article_body,
    front_matter,
    ingest_owned,
    place_article,
    render_article,
    source_digest,
)
from site_builder.slugs import slugify, unique_slugs

__all__ = ["IngestReport", "ingest_digests", "pending_digests", "resolve_edition"]

SLUG_LENGTH = 60          # whole words only; long enough to tell stories apart, short enough for a URL
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def resolve_edition(path: Path, given: date | None, config: SiteConfig) -> tuple[date, str]:
    """The edition date and where it came from: --date, the file name, or today in the site's zone."""
    if given is not None:
        return given, "--date"
    for match in _NAME_DATE.finditer(path.name):
        try:
            return date(int(match[1]), int(match[2]), int(match[3])), "the file name"
        except ValueError:
            continue
    return datetime.now(config.tz).date(), f"today in {config.timezone}"


def _display(path: Path, config: SiteConfig) -> str:
    try:
        return path.resolve().relative_to(config.site_dir.resolve()).as_posix()
    except ValueError:
        return str(path)


_SLUG_LINE = re.compile(r"^slug:[ \t]*\"?([^\"\r\n]+?)\"?[ \t]*\r?$", re.MULTILINE)
_BODY_KEY = 160   # characters of a story's body that tell it apart from the other stories of its day


def _body_key(body: str) -> str:
    return " ".join(body.split())[:_BODY_KEY]


def _earlier_slugs(folder: Path, digest_name: str) -> dict[str, list[str]]:
    """The slug each story of this digest got when it was first ingested, by the start of its body.

    A story's address is fixed at first ingest: a later ingest (with better headlines, say)
    writes the same story under the slug its file already has, edited or not. A story whose
    text changed is another story, with a slug of its own."""
    found: dict[str, list[str]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.md"), key=lambda p: (len(p.stem), p.stem)):  # 'x' before 'x-2'
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if source_digest(text[:20000].encode()) != digest_name or not text.startswith("---"):
            continue
        parts = text.split("\n---", 2)
        if len(parts) < 2:
            continue
        slug = _SLUG_LINE.search(parts[0])
        body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
        found.setdefault(_body_key(body), []).append(slug[1] if slug else path.stem)
    return found


def _slugs(stories: list[Story], folder: Path, digest_name: str) -> list[str]:
    """Distinct, stable slugs: the one a story's file already has, else from the title, '-2',
    '-3' … for repeats, and never a file of another digest."""
    earlier = _earlier_slugs(folder, digest_name)
    slugs = unique_slugs([(earlier.get(_body_key(article_body(s))) or [None]).pop(0)
                          or slugify(s.title, max_length=SLUG_LENGTH) for s in stories])
    taken = set(slugs)
    result = []
    for slug in slugs:
        candidate, n = slug, 1
        while True:
            path = folder / f"{candidate}.md"
            other = _other_digest(path, digest_name)
            if not other:
                break
            n += 1
            candidate = f"{slug}-{n}"
            while candidate in taken:
                n += 1
                candidate = f"{slug}-{n}"
        taken.add(candidate)
        result.append(candidate)
    return result


def _other_digest(path: Path, digest_name: str) -> bool:
    """True when an article file exists there that came from another digest."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    source = source_digest(data)
    return source is not None and source != digest_name


def _stale_files(folder: Path, digest_name: str, keep: set[Path]) -> list[Path]:
    """Unedited files ingest wrote from an earlier version of this digest that no story claims now."""
    stale = []
    if not folder.is_dir():
        return stale
    for path in sorted(folder.glob("*.md")):
        if path in keep:
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if source_digest(data) == digest_name and ingest_owned(data):
            stale.append(path)
    return stale


PARALLEL_FROM = 400       # stories; below this a process pool costs more than it saves


def _build_stories(segments: tuple[Segment, ...], edition: date, config: SiteConfig) -> list[Story]:
    """Headlines and classification for every segment; spread over processes for huge digests.

    A day's digest (a few dozen stories) is done in-process. The results are the same either
    way: build_story is pure.
    """
    workers = min(4, os.cpu_count() or 1)
    if len(segments) < PARALLEL_FROM or workers < 2:
        return [build_story(seg, edition, config.topics, config.regions, config.language) for seg in segments]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(build_story, segments, repeat(edition), repeat(config.topics),
                                 repeat(config.regions), repeat(config.language), chunksize=200))
    except (BrokenProcessPool, OSError):
        return [build_story(seg, edition, config.topics, config.regions, config.language) for seg in segments]


def _sweep_temp_files(folder: Path) -> None:
    """Remove temporary files an ingest killed mid-write left behind (older than a minute)."""
    if not folder.is_dir():
        return
    cutoff = time.time() - 60
    for temp in folder.glob(".*.md.*.tmp"):
        try:
            if temp.stat().st_mtime < cutoff:
                temp.unlink()
        except OSError:
            pass


def _ingest_one(config: SiteConfig, path: Path, lines: tuple, edition: date, edition_from: str,
                dry_run: bool) -> DigestResult:
    name = digest_name(path, config)
    segments = segment(lines)
    if all(all(tx.is_credit(p.text) for p in seg.paragraphs) for seg in segments):
        # No story to hang the credits on: write nothing, say so, and let a build go on.
        return DigestResult(digest=path, display=_display(path, config), edition=edition,
                            edition_from=edition_from, stories=(),
                            warnings=("only credit lines (Photo: …, By …, Additional reporting by …) and no "
                                      "story text: no article written",))
    stories = _build_stories(segments, edition, config)
    del segments
    folder = config.articles_dir / f"{edition:%Y}" / edition.isoformat()
    if not dry_run:
        _sweep_temp_files(folder)
    slugs = _slugs(stories, folder, name)
    results = []
    shown_folder = _display(folder, config)  # resolved once: resolve() per story is slow
    for i, (story, slug) in enumerate(zip(stories, slugs)):
        meta = front_matter(story, digest_name=name, edition=edition, slug=slug, tz=config.tz)
        target = folder / f"{slug}.md"
        outcome = place_article(target, render_article(meta, article_body(story)), dry_run=dry_run)
        # The report keeps what it prints, not the story's text: a huge digest is not held twice.
        stories[i] = None  # type: ignore[call-overload]
        results.append(StoryResult(story=replace(story, paragraphs=()), slug=slug,
                                   path=Path(shown_folder, f"{slug}.md"), action=outcome.action))
    removed = []
    for stale in _stale_files(folder, name, {folder / f"{slug}.md" for slug in slugs}):
        if not dry_run:
            stale.unlink()
        removed.append(Path(_display(stale, config)))
    return DigestResult(digest=path, display=_display(path, config), edition=edition,
                        edition_from=edition_from, stories=tuple(results), removed=tuple(removed))


def ingest_digests(config: SiteConfig, digests: list[Path], edition: date | None = None,
                   dry_run: bool = False) -> IngestReport:
    """Ingest each digest; raises DigestError (naming file and line) before writing anything
    when any digest cannot be read."""
    loaded = [(path, read_digest(path)) for path in digests]
    report = IngestReport(dry_run=dry_run)
    record = load_record(config)
    for path, lines in loaded:
        day, source = resolve_edition(path, edition, config)
        report.digests.append(_ingest_one(config, path, lines, day, source, dry_run))
        record[digest_name(path, config)] = stamp(path)
    if not dry_run:
        save_record(config, record)
    return report



