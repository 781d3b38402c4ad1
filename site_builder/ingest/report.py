"""What an ingest did, as messages for people and as JSON for tools."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from site_builder.ingest.story import Story


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryResult:
    story: Story
    slug: str
    path: Path           # the article file, relative to the site folder when inside it
    action: str          # written | unchanged | kept-edited | would-write | duplicate (path: the article
                         # that already has its text; nothing written)
    published: datetime | None = None   # the front-matter `date`: when the edition published it


@dataclass(frozen=True, slots=True, kw_only=True)
class DigestResult:
    digest: Path
    display: str         # the digest as named in messages (relative to the site when inside it)
    edition: date
    edition_from: str    # "--date", "the file name" or "today in Asia/Taipei"
    stories: tuple[StoryResult, ...]
    removed: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "digest": self.display,
            "edition": self.edition.isoformat(),
            "edition_from": self.edition_from,
            "segments": [_segment_json(r) for r in self.stories],
            **({"warnings": list(self.warnings)} if self.warnings else {}),
        }


def _segment_json(result: StoryResult) -> dict[str, object]:
    s = result.story
    return {
        "lines": [s.first_line, s.last_line],
        "title": s.title,
        "kicker": s.kicker,
        "deck": s.deck,
        "summary": s.summary,
        "date": result.published.isoformat() if result.published else s.date.isoformat(),
        "event_date": s.date.isoformat(),
        "topics": list(s.topics),
        "regions": list(s.regions),
        "countries": list(s.countries),
        "people": list(s.people),
        "organizations": list(s.organizations),
        "truncated": s.truncated,
        "slug": result.slug,
        "photo_credit": s.photo_credit,
        "path": str(result.path),
        "action": result.action,
        "reason": s.reason,
    }


_VERBS = {"written": "wrote", "unchanged": "unchanged", "would-write": "would write",
          "kept-edited": "kept (edited since ingest wrote it; not overwritten)",
          "duplicate": "not written: the same text is already in"}


@dataclass(slots=True)
class IngestReport:
    """The result of ingesting one or more digests."""

    digests: list[DigestResult] = field(default_factory=list)
    dry_run: bool = False

    def messages(self) -> list[str]:
        lines: list[str] = []
        for result in self.digests:
            lines.append(f"{result.display}: edition {result.edition.isoformat()} (from {result.edition_from}); "
                         f"{len(result.stories)} stor{'y' if len(result.stories) == 1 else 'ies'}")
            for r in result.stories:
                lines.append(f"  lines {r.story.first_line}-{r.story.last_line}: {_VERBS[r.action]} {r.path}")
            for warning in result.warnings:
                lines.append(f"warning: {result.display}: {warning}")
            for path in result.removed:
                lines.append(f"  removed {path} (an earlier ingest of this digest wrote it; no story claims it now)")
        counts = self.counts()
        if self.dry_run:
            lines.append(f"dry run: nothing written ({counts.get('would-write', 0)} file(s) would be written)")
        else:
            repeats = f", {counts['duplicate']} not written as duplicates" if counts.get("duplicate") else ""
            lines.append(f"ingest: {counts.get('written', 0)} written, {counts.get('unchanged', 0)} unchanged, "
                         f"{counts.get('kept-edited', 0)} kept as edited{repeats}")
        return lines

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for result in self.digests:
            for r in result.stories:
                counts[r.action] = counts.get(r.action, 0) + 1
        return counts

    def to_json(self) -> dict[str, object] | list[dict[str, object]]:
        """One digest: the issue's object. Several: a list of those objects, in the order given."""
        if len(self.digests) == 1:
            return self.digests[0].to_json()
        return [d.to_json() for d in self.digests]
