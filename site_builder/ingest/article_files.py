"""Stories -> article files: deterministic bytes, atomic writes, and never clobbering a person's edits.

Each file ingest writes carries `ingest_hash`: a hash of the file's own bytes without that line.
On re-ingest a file whose bytes still match its hash is ingest's own and may be replaced; a file
that no longer matches (a person edited it) or has no hash (a person wrote it) is kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from site_builder import atomic
from site_builder.errors import ContentError
from site_builder.limits import MAX_ARTICLE_BYTES, FileRefused, read_regular_file
from site_builder.ingest.story import Story, body_markdown

_HASH_LINE = re.compile(rb"^ingest_hash: *([0-9a-f]+)[ \t]*\r?\n", re.MULTILINE)
_SOURCE_DIGEST = re.compile(r"^source:\s*\n\s+digest:\s*(.+?)\s*$", re.MULTILINE)


# Front-matter is written by a small emitter for its fixed shape (strings, lists of strings, one
# nested mapping) rather than yaml.dump: PyYAML's pure-Python emitter was most of ingest's time,
# and its C emitter is not installed everywhere, which would make the bytes differ by machine.
# Free text is always a double-quoted scalar (JSON string syntax is valid YAML), so no title
# can be misread as a number, a date, 'yes' or a comment.
# What YAML does not allow raw in a document, or reads as a line break: written as \\uXXXX escapes.
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_PLAIN = re.compile(r"[a-z][a-z0-9-]*")   # fullmatch: "$" would let a trailing newline through


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text not in ("yes", "no", "on", "off", "true", "false", "null", "y", "n"):
        return text
    # U+2028/2029 are line breaks to YAML; escape them like JSON does with ensure_ascii.
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def dump_front_matter(meta: dict[str, object]) -> str:
    """Deterministic YAML for the front-matter mapping, keys in the order given."""
    out = []
    for key, value in meta.items():
        if isinstance(value, dict):
            out.append(f"{key}:")
            out.extend(f"  {k}: {_inline(v)}" for k, v in value.items())
        else:
            out.append(f"{key}: {_inline(value)}")
    return "\n".join(out) + "\n"


def _inline(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return _scalar(value)


def publication_moment(edition: date, publication: time, position: int, tz: ZoneInfo) -> datetime:
    """When the story at `position` (0 = first) of an edition was published: the edition's
    publication time, one second earlier for each story before it. The first story is the
    newest, so newest-first listings and feeds keep the paper's order; a story added at the end
    of a digest moves none before it; and the times are distinct, so no two feed entries share
    one. (A digest of more than 21,600 stories published at 06:00 reaches the day before.)"""
    return datetime.combine(edition, publication, tzinfo=tz) - timedelta(seconds=position)


def front_matter(story: Story, *, digest_name: str, edition: date, slug: str, tz: ZoneInfo,
                 published: datetime | None = None) -> dict[str, object]:
    """The front-matter mapping for a story, in a fixed key order. `date` is when it was
    published (default: the edition's midnight); `event_date` the day the story happened."""
    moment = published or datetime.combine(edition, time(0, 0), tzinfo=tz)
    data: dict[str, object] = {
        "title": story.title,
        "date": moment.isoformat(),
        "event_date": story.date.isoformat(),
        "edition": edition.isoformat(),
        "slug": slug,
    }
    if story.kicker:
        data["kicker"] = story.kicker
    if story.deck:
        data["deck"] = story.deck
    data["summary"] = story.summary
    if story.lang:
        data["lang"] = story.lang
    data["topics"] = list(story.topics)
    data["regions"] = list(story.regions)
    data["countries"] = list(story.countries)
    data["people"] = list(story.people)
    data["organizations"] = list(story.organizations)
    if story.truncated:
        data["truncated"] = True
    if story.photo_credit:
        data["photo_credit"] = story.photo_credit
    data["source"] = {"digest": digest_name, "lines": [story.first_line, story.last_line]}
    return data


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def render_article(meta: dict[str, object], body: str) -> bytes:
    """Front-matter plus body, with the ingest hash line last in the front-matter."""
    yaml_text = dump_front_matter(meta)
    unsigned = f"---\n{yaml_text}---\n\n{body}".encode()
    signature = f"ingest_hash: {_hash(unsigned)}\n".encode("ascii")
    head = f"---\n{yaml_text}".encode()
    return head + signature + unsigned[len(head):]


def ingest_owned(data: bytes) -> bool:
    """True when the file is exactly as ingest wrote it (its bytes still match its ingest_hash)."""
    match = _HASH_LINE.search(data[:20000])
    if not match:
        return False
    unsigned = data[:match.start()] + data[match.end():]
    return _hash(unsigned) == match.group(1).decode("ascii")


def source_digest(data: bytes) -> str | None:
    """The `source: digest:` an article file names, if any (a quick look, not a YAML parse)."""
    match = _SOURCE_DIGEST.search(data[:20000].decode("utf-8", "replace"))
    if not match:
        return None
    from site_builder.ingest.ledger import unquote_scalar

    return unquote_scalar(match.group(1))


@dataclass(frozen=True, slots=True)
class WriteResult:
    path: Path
    action: str          # "written", "unchanged", "kept-edited", "would-write", "taken"


def place_article(path: Path, data: bytes, *, dry_run: bool, owner: str | None = None) -> WriteResult:
    """Write the article unless it is unchanged or a person has edited the file there.

    A new file's name is claimed atomically: if another writer creates the same name first,
    the result is "taken" and the caller chooses another name (never check-then-write). So it
    is when the file there came from another digest than `owner` (the caller's digest name).
    """
    try:
        existing = read_regular_file(path, MAX_ARTICLE_BYTES, "an article")
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise ContentError(f"cannot be read: {exc.strerror}", path=path) from None
    except FileRefused as exc:
        raise ContentError(f"{exc}; ingest will not replace it: move it away and ingest again", path=path) from None
    if existing == data:
        return WriteResult(path, "unchanged")
    if existing is not None and not ingest_owned(existing):
        return WriteResult(path, "kept-edited")
    if existing is not None and owner is not None and source_digest(existing) not in (None, owner):
        return WriteResult(path, "taken")
    if dry_run:
        return WriteResult(path, "would-write")
    try:
        if existing is None:
            if not atomic.create_exclusive(path, data):
                return WriteResult(path, "taken")
        else:
            atomic.replace(path, data, durable=True)
    except OSError as exc:
        raise ContentError(f"cannot be written: {exc.strerror}", path=path) from None
    return WriteResult(path, "written")


def article_body(story: Story) -> str:
    return body_markdown(story)
