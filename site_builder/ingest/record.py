"""Which digests in content/digests/ are new or changed since they were last ingested.

Kept apart from the rest of the ingest package, which is heavy to import: every build asks this
question, and almost always the answer is "none". The record lives in .site-builder/ (not
committed); on a fresh clone every digest is pending, and ingesting it again writes the same bytes.
A digest is read and hashed only when its size or mtime differ from the record's.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.errors import shown_path
from site_builder.limits import MAX_DIGEST_BYTES, FileRefused, read_regular_file
from site_builder.writer import replace_file

RECORD_FILE = "ingested.json"


def digest_name(path: Path, config: SiteConfig) -> str:
    """How an article's `source.digest` names its digest: relative to content/digests/ when inside."""
    try:
        name = path.resolve().relative_to(config.digests_dir.resolve()).as_posix()
    except ValueError:
        name = path.name
    # A name that is not UTF-8 is written into front-matter, where a surrogate escape is not valid YAML.
    return shown_path(name)


def stamp(path: Path) -> dict[str, object]:
    """What the record keeps of a digest: its content hash, and the size and mtime that spare
    reading it next time."""
    try:
        st = path.stat()
        data = read_regular_file(path, MAX_DIGEST_BYTES, "a digest")
    except (OSError, FileRefused):
        return {"hash": ""}
    return {"hash": hashlib.blake2b(data, digest_size=16).hexdigest(), "size": st.st_size,
            "mtime_ns": st.st_mtime_ns}


def load_record(config: SiteConfig) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((config.cache_dir / RECORD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(name): entry for name, entry in data.items() if isinstance(entry, dict)}


def save_record(config: SiteConfig, record: dict[str, dict[str, object]]) -> None:
    try:
        replace_file(config.cache_dir / RECORD_FILE, (json.dumps(record, indent=1, sort_keys=True) + "\n").encode())
    except OSError:
        pass  # only a cache: without it the next build re-ingests, which changes no file


def pending_digests(config: SiteConfig) -> list[Path]:
    """Digests (*.txt, not hidden) under content/digests/ that are new or changed."""
    folder = config.digests_dir
    if not folder.is_dir():
        return []
    record = load_record(config)
    pending = []
    for path in sorted(folder.rglob("*.txt")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        entry = record.get(digest_name(path, config))
        if entry is None or not _unchanged(path, entry):
            pending.append(path)
    return pending


def _unchanged(path: Path, entry: dict[str, object]) -> bool:
    try:
        st = path.stat()
    except OSError:
        return False
    if entry.get("size") == st.st_size and entry.get("mtime_ns") == st.st_mtime_ns:
        return True
    # Touched but perhaps not changed (a checkout, a copy): the content decides.
    return entry.get("hash") == stamp(path)["hash"]
