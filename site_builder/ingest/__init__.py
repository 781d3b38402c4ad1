"""Ingest: raw digests -> one Markdown article per story (content/articles/YYYY/YYYY-MM-DD/<slug>.md).

    digest.py         bytes -> numbered, normalised lines (BOM, CRLF/CR, NBSP, controls; errors)
    paragraphs.py     lines -> paragraphs (one per line, or per block when hard-wrapped); Segment
    cues.py           what one paragraph looks like to the segmenter (credit, kicker, lede, names…)
    boundaries.py     where a story starts: hard rules, then the fitted model (data/segmenter.json)
    segment.py        lines -> stories (Segment); gives the boundaries the gazetteer's countries
    text.py           small text helpers: scripts, kickers, credits, datelines (sentences re-exported)
    headline.py, subedit.py   kicker, deck, body start, title, summary
    dates.py, topics.py, places.py, names.py   what a story is about: date, topics, countries, people
    story.py          segment -> Story with classification and Markdown body (pure)
    article_files.py  Story -> file bytes; atomic writes that never clobber edited files
    ledger.py         which digests are pending (the ingest record) and the content lock
    workers.py        process pools for a huge digest (the one place that forks)
    report.py         messages and JSON
This module is the I/O edge: which digests, which edition, which files.
"""

from __future__ import annotations

import re
import time
from contextlib import nullcontext
from dataclasses import replace
from datetime import date, datetime
from itertools import repeat
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.errors import DigestError, shown_path
from site_builder.ingest.digest import Line, read_digest
from site_builder.ingest.ledger import (
    article_texts,
    digest_name,
    load_record,
    lock_content,
    pending_digests,
    save_record,
    stamp,
    text_key,
)
from site_builder.ingest.report import DigestResult, IngestReport, StoryResult
from site_builder.ingest.segment import Segment, segment
from site_builder.ingest.story import Story, build_story
from site_builder.ingest.text import is_credit, is_rule_line
from site_builder.ingest.workers import POOL_FAILED, pool_map, warm, worker_count
from site_builder.ingest.article_files import (
    article_body,
    front_matter,
    ingest_owned,
    place_article,
    publication_moment,
    render_article,
    source_digest,
)
from site_builder.limits import EDITION_YEARS, MAX_ARTICLE_BYTES, FileRefused, read_regular_file, size_text
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


def _check_edition(path: Path, day: date, source: str) -> None:
    first, last = EDITION_YEARS
    if not first <= day.year <= last:
        raise DigestError(f"edition date {day.isoformat()} (from {source}) is out of range: an edition "
                          f"must lie between the years {first} and {last}", path=path)


def _display(path: Path, config: SiteConfig) -> str:
    try:
        shown = path.resolve().relative_to(config.site_dir.resolve()).as_posix()
    except ValueError:
        shown = str(path)
    return shown_path(shown)   # a name that is not UTF-8 would print as raw bytes, or not at all


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


def _slugs(stories: list[Story], bodies: list[str], folder: Path, digest_name: str) -> list[str]:
    """Distinct, stable slugs: the one a story's file already has, else from the title, '-2',
    '-3' … for repeats, and never a file of another digest."""
    earlier = _earlier_slugs(folder, digest_name)
    slugs = unique_slugs([(earlier.get(_body_key(body)) or [None]).pop(0)
                          or slugify(s.title, max_length=SLUG_LENGTH) for s, body in zip(stories, bodies)])
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
        data = read_regular_file(path, MAX_ARTICLE_BYTES, "an article")
    except (OSError, FileRefused):
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
            data = read_regular_file(path, MAX_ARTICLE_BYTES, "an article")
        except (OSError, FileRefused):
            continue
        if source_digest(data) == digest_name and ingest_owned(data):
            stale.append(path)
    return stale


PARALLEL_FROM = 400       # stories; below this a process pool costs more than it saves
PARALLEL_LINES = 4000     # digest lines (~ 400 stories): from here segmentation uses a pool too


def _segments(lines: tuple, huge: bool) -> tuple[Segment, ...]:
    """The digest's stories; the paragraphs' features computed by a process pool for a huge one,
    while this process loads the word tables the story workers will inherit."""
    try:
        with pool_map(huge, chunksize=256, meanwhile=warm) as mapper:
            return segment(lines, mapper=mapper)
    except POOL_FAILED:
        return segment(lines)


def _build_stories(segments: tuple[Segment, ...], edition: date, config: SiteConfig) -> list[Story]:
    """Headlines and classification for every segment; spread over processes for huge digests.

    A day's digest (a few dozen stories) is done in-process. The results are the same either
    way: build_story is pure. Before the pool forks, the first story is built here and the
    word tables loaded, so that the workers inherit what they would each load lazily.
    """
    args = (edition, config.topics, config.regions, config.language, config.home_country)
    if len(segments) < PARALLEL_FROM or worker_count() < 2:
        return [build_story(seg, *args) for seg in segments]
    first = build_story(segments[0], *args)
    warm()   # done already when segmentation had a pool; cached
    try:
        with pool_map(True, chunksize=64) as mapper:   # small chunks: no worker idles at the end
            rest = list(mapper(build_story, segments[1:], *(repeat(a) for a in args)))
    except POOL_FAILED:
        rest = [build_story(seg, *args) for seg in segments[1:]]
    return [first, *rest]


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


def _check_article_sizes(path: Path, stories: list[Story], files: list[bytes]) -> None:
    """Refuse, before writing any, a story whose article the build would refuse as too large."""
    for story, data in zip(stories, files):
        if len(data) > MAX_ARTICLE_BYTES:
            first, last = story.first_line, story.last_line
            raise DigestError(f"the story on lines {first}-{last} would make a {size_text(len(data))} article; "
                              f"articles are limited to {MAX_ARTICLE_BYTES // 1024 // 1024} MB "
                              "(split the story into shorter ones with blank lines and a headline)",
                              path=path, line=first)


def _unplaced_lines(lines: tuple[Line, ...], segments: tuple[Segment, ...]) -> list[Line]:
    """The digest's lines with text that no story took, but separator lines: its own heading, the
    email or newsletter around it (paragraphs.story_span) and a web page's furniture."""
    placed = {line.number for seg in segments for line in seg.lines}
    return [line for line in lines if line.text and line.number not in placed and not is_rule_line(line.text)]


def _unplaced_warning(unplaced: list[Line]) -> str:
    """One line naming the lines no story took ('lines 1-4, 6, 14-15 (‘From: …’ …)')."""
    spans: list[list[int]] = []
    for line in unplaced:
        if spans and line.number <= spans[-1][1] + 2:   # a blank line between stays one span
            spans[-1][1] = line.number
        else:
            spans.append([line.number, line.number])
    named = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in spans)
    one = len(unplaced) == 1
    return (f"{'line' if one else 'lines'} {named} (‘{unplaced[0].text[:60]}’{'' if one else ' …'}) "
            f"{'reads' if one else 'read'} as the digest’s own heading, the email or newsletter around it or a web "
            f"page’s furniture: in no story")


def _ingest_one(config: SiteConfig, path: Path, lines: tuple, edition: date, edition_from: str,
                dry_run: bool, texts: dict[str, list[tuple[Path, str | None]]]) -> DigestResult:
    name = digest_name(path, config)
    segments = _segments(lines, len(lines) >= PARALLEL_LINES)
    if all(all(is_credit(p.text) for p in seg.paragraphs) for seg in segments):
        # No story to hang the credits on: write nothing, say so, and let a build go on.
        return DigestResult(digest=path, display=_display(path, config), edition=edition,
                            edition_from=edition_from, stories=(),
                            warnings=("only credit lines (Photo: …, By …, Additional reporting by …) or "
                                      "separator lines (***, ---) and no story text: no article written",))
    unplaced = _unplaced_lines(lines, segments)
    stories = _build_stories(segments, edition, config)
    del segments
    bodies = [article_body(story) for story in stories]   # once: duplicates, slugs and files read them
    folder = config.articles_dir / f"{edition:%Y}" / edition.isoformat()
    if not dry_run:
        _sweep_temp_files(folder)
    display = _display(path, config)
    warnings: list[str] = [_unplaced_warning(unplaced)] if unplaced else []
    results = []
    stories, bodies, duplicates = _without_duplicates(stories, bodies, texts, folder, name)
    for story, (other, other_source) in duplicates:
        other_shown = _display(other, config)
        warnings.append(f"lines {story.first_line}-{story.last_line} have the same text as {other_shown} "
                        f"(from {other_source or 'no digest'}): not written again")
        results.append(StoryResult(story=replace(story, paragraphs=()), slug=other.stem, path=Path(other_shown),
                                   action="duplicate"))
    slugs = _slugs(stories, bodies, folder, name)
    taken = set(slugs)
    shown_folder = _display(folder, config)  # resolved once: resolve() per story is slow
    # Every article is made before any is written, so that one the build would refuse stops the
    # digest with nothing written; each is dropped once written.
    # The paper's order: the first story is published at the edition's publication time, each
    # later one a second earlier (ingest.publication_moment).
    moments = [publication_moment(edition, config.publication_time, i, config.tz) for i in range(len(stories))]
    files = [render_article(front_matter(story, digest_name=name, edition=edition, slug=slug, tz=config.tz,
                                         published=published), body)
             for story, slug, body, published in zip(stories, slugs, bodies, moments)]
    _check_article_sizes(path, stories, files)
    for i, (story, slug) in enumerate(zip(stories, slugs)):
        body, data = bodies[i], files[i]
        published = moments[i]
        while True:
            outcome = place_article(folder / f"{slug}.md", data, dry_run=dry_run, owner=name)
            if outcome.action != "taken":
                break
            # Another writer claimed the name between our look and our write: number on.
            slug = _next_slug(slugs[i], taken, folder, name)
            data = render_article(front_matter(story, digest_name=name, edition=edition, slug=slug, tz=config.tz,
                                               published=published), body)
        slugs[i] = slug
        files[i], bodies[i] = b"", ""
        texts.setdefault(text_key(body), []).append((folder / f"{slug}.md", name))
        # The report keeps what it prints, not the story's text: a huge digest is not held twice.
        stories[i] = None  # type: ignore[call-overload]
        results.append(StoryResult(story=replace(story, paragraphs=()), slug=slug,
                                   path=Path(shown_folder, f"{slug}.md"), action=outcome.action,
                                   published=published))
    results.sort(key=lambda r: r.story.first_line)
    removed = []
    for stale in _stale_files(folder, name, {folder / f"{slug}.md" for slug in slugs}):
        if not dry_run:
            stale.unlink()
        removed.append(Path(_display(stale, config)))
    return DigestResult(digest=path, display=display, edition=edition, edition_from=edition_from,
                        stories=tuple(results), removed=tuple(removed), warnings=tuple(warnings))


def _next_slug(base: str, taken: set[str], folder: Path, digest_name: str) -> str:
    """The next numbered slug after base, which another writer took: free here and not another digest's."""
    n = 2
    while True:
        candidate = f"{base}-{n}"
        if candidate not in taken and not _other_digest(folder / f"{candidate}.md", digest_name):
            taken.add(candidate)
            return candidate
        n += 1


def _without_duplicates(stories: list[Story], bodies: list[str], texts: dict[str, list[tuple[Path, str | None]]],
                        folder: Path, name: str,
                        ) -> tuple[list[Story], list[str], list[tuple[Story, tuple[Path, str | None]]]]:
    """The stories to write (and their bodies), and those whose text an article already has, with that article.

    A newsroom does not want one story published twice (two pages, two feed items) because a
    digest was sent again under another date or file name: the repeat is not written, and the
    warning names both files. This digest's own files in this edition's folder do not count:
    they are what a re-ingest replaces, even if another article has the text too.
    """
    keep, kept_bodies, repeats = [], [], []
    for story, body in zip(stories, bodies):
        found = texts.get(text_key(body), [])
        if found and not any(source == name and path.parent == folder for path, source in found):
            repeats.append((story, found[0]))
        else:
            keep.append(story)
            kept_bodies.append(body)
    return keep, kept_bodies, repeats


def ingest_digests(config: SiteConfig, digests: list[Path], edition: date | None = None,
                   dry_run: bool = False) -> IngestReport:
    """Ingest each digest; raises DigestError (naming file and line) before writing anything
    when any digest cannot be read.

    One ingest at a time writes into a content folder (the lock, shared with a build's ingest
    step): a second one waits, saying which process it waits for."""
    loaded = [(path, read_digest(path)) for path in digests]
    for path, _ in loaded:
        _check_edition(path, *resolve_edition(path, edition, config))
    report = IngestReport(dry_run=dry_run)
    # A dry run writes nothing, not even the lock file, and so does not wait either.
    with nullcontext() if dry_run else lock_content(config):
        record = load_record(config)
        texts = article_texts(config.articles_dir)
        for path, lines in loaded:
            day, source = resolve_edition(path, edition, config)
            report.digests.append(_ingest_one(config, path, lines, day, source, dry_run, texts))
            record[digest_name(path, config)] = stamp(path)
        if not dry_run:
            save_record(config, record)
    return report
