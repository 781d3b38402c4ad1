"""Which digests in content/digests/ are new or changed since they were last ingested.

Kept apart from the rest of the ingest package, which is heavy to import: every build asks this
question, and almost always the answer is "none". The record lives in .site-builder/ (not
committed); on a fresh clone every digest is pending, and ingesting it again writes the same bytes.
A digest is read and hashed only when its size or mtime differ from the record's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.errors import shown_path
from site_builder.limits import MAX_DIGEST_BYTES, FileRefused, read_regular_file
from site_builder import atomic

RECORD_FILE = "ingested.json"


def digest_name(path: Path, config: SiteConfig) -> str:
    """How an article's `source.digest` names its digest, and the ledger's key for it.

    A digest is known by its path, never by its file name alone: two digests called
    2024-04-04.txt in different folders are two digests. Inside content/digests/ the name is
    relative to that folder ('2024-04-04.txt', 'wire/2024-04-04.txt', as before); anywhere else it
    is relative to the site folder and starts with './' or '../' ('./inbox/2024-04-04.txt'), so it
    can never be mistaken for one inside content/digests/. Symlinks are resolved first, so two
    ways of naming one file are one digest.
    """
    resolved = path.resolve()
    try:
        # A name that is not UTF-8 is written into front-matter, where a surrogate escape is not valid YAML.
        return shown_path(resolved.relative_to(config.digests_dir.resolve()).as_posix())
    except ValueError:
        pass
    try:
        relative = os.path.relpath(resolved, config.site_dir.resolve())
    except ValueError:   # another drive (Windows): no relative path exists
        return shown_path(resolved.as_posix())
    relative = Path(relative).as_posix()
    return shown_path(relative if relative.startswith("../") else "./" + relative)


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
        atomic.replace(config.cache_dir / RECORD_FILE, (json.dumps(record, indent=1, sort_keys=True) + "\n").encode())
    except OSError:
        pass  # only a cache: without it the next build re-ingests, which changes no file


def pending_digests(config: SiteConfig, skipped: list | None = None) -> list[Path]:
    """Digests (*.txt, not hidden) under content/digests/ that are new or changed.

    A symlinked digest is taken only when it leads to a file inside the site folder; one that
    leaves it is skipped with a Notice added to `skipped` (confine.py), a loop is a ContentError."""
    from site_builder.confine import resolve_link, site_roots

    folder = config.digests_dir
    if not folder.is_dir():
        return []
    record = load_record(config)
    pending = []
    roots = site_roots(config.site_dir)
    for path in sorted(folder.rglob("*.txt")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.is_symlink():
            shown = path.relative_to(config.site_dir).as_posix()
            target, notice = resolve_link(str(path), roots, shown)
            if notice is not None and skipped is not None:
                skipped.append(notice)
            if target is None:
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


# ---- one writer at a time, and what the content folder already says ----------------------------

def lock_content(config: SiteConfig):
    """The content folder's lock (a context manager): held by every ingest, and by a build
    while it ingests; a second writer waits, saying who holds it. The lock file lives in
    .site-builder/, which is not committed."""
    from site_builder.locks import lock_folder

    return lock_folder(config.content_dir, "ingest", lock_file=config.cache_dir / "content.lock")




def _split_front(data: bytes) -> tuple[bytes, bytes]:
    """(front-matter, body) of an article's bytes; no front-matter: (b"", all of it)."""
    if not data.startswith((b"---", b"\xef\xbb\xbf---")):
        return b"", data
    end = data.find(b"\n---", 3)
    if end < 0:
        return b"", data
    line_end = data.find(b"\n", end + 4)
    if line_end < 0:
        return data, b""
    return data[:line_end + 1], data[line_end + 1:]
_SOURCE = re.compile(rb"^source:[ \t]*\r?\n[ \t]+digest:[ \t]*(.+?)[ \t]*\r?$", re.MULTILINE)


def unquote_scalar(value: str) -> str:
    """A one-line YAML scalar as ingest's writer wrote it: a double-quoted one is JSON-escaped
    (a name with '\\' or '"' in it), so it is read back the same way; one digest, one name."""
    if value.startswith('"'):
        try:
            return str(json.loads(value))
        except ValueError:
            pass
    return value.strip("'\"")


def text_key(body: str | bytes) -> str:
    """What makes two stories the same: their body text, whitespace aside. Whitespace is
    dropped rather than collapsed (bytes.translate: a folder of 10,000 articles in a
    fraction of the time of split and join); two different stories that differ only in where
    their spaces fall do not exist."""
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(body.translate(None, _WHITESPACE), digest_size=16).hexdigest()


_WHITESPACE = b" \t\r\n\x0b\x0c"


def article_texts(articles_dir: Path) -> dict[str, list[tuple[Path, str | None]]]:
    """text_key of each article's body -> [(the article, the digest its front-matter names)], in path order.

    Regular files only (no symlink is followed); a file that cannot be read is left out, as it
    is the build's to report.
    """
    texts: dict[str, list[tuple[Path, str | None]]] = {}
    if not articles_dir.is_dir():
        return texts
    files: list[str] = []
    stack = [str(articles_dir)]
    while stack:
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    elif entry.name.endswith(".md") and entry.is_file(follow_symlinks=False):
                        files.append(entry.path)
        except OSError:
            continue
    for name in sorted(files):
        try:
            with open(name, "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        head, body = _split_front(data)
        if not body.strip():
            continue   # no text to repeat
        source = _SOURCE.search(head)
        digest = unquote_scalar(source.group(1).decode("utf-8", "replace")) if source else None
        texts.setdefault(text_key(body), []).append((Path(name), digest))
    return texts
