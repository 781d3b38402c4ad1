"""How much the site builder reads, in one table, and the one way it reads a person's files.

Ingest and build share these numbers so that ingest never writes an article the build would
refuse. Files are read only when they are regular files no larger than their limit, checked on
the open descriptor before a byte is read: /dev/zero, /dev/urandom or a FIFO named like a
digest would otherwise be read until memory runs out, or (a FIFO with no writer) forever.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MB = 1024 * 1024

# A day's digest is tens of kilobytes; 32 MB is far beyond any real one and keeps a mistaken
# input (a log file, a dump) from eating memory: the whole text is held while it is split.
MAX_DIGEST_BYTES = 32 * MB
# One story; the build holds every article's text and renders it.
MAX_ARTICLE_BYTES = 5 * MB
# config.yaml: a few kilobytes in practice, even with hundreds of topics.
MAX_CONFIG_BYTES = 1 * MB
# Names (people, organizations, topics, regions, countries) one article may list, and their
# total length: YAML aliases make a short file expand to gigabytes of repeated names.
MAX_LIST_ITEMS = 1000
MAX_LIST_CHARS = 100_000
# Edition dates ingest accepts: a story may be dated some weeks before its edition, and an
# article's date must exist in UTC and in the site's time zone for the build to take it.
EDITION_YEARS = (2, 9998)


class FileRefused(Exception):
    """A file that is not read: not a regular file, or over its limit. `str()` is the reason."""


class FileTooLarge(FileRefused):
    """Over its limit; `size` is how large it is (or has grown to while being read)."""

    def __init__(self, size: int, limit: int, what: str) -> None:
        self.size = size
        super().__init__(f"is {size_text(size)}; {what} may be at most {limit // MB} MB")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def size_text(size: int) -> str:
    return f"{size / MB:.1f} MB"


def read_regular_file(path: Path | str, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileRefused (FileTooLarge for the
    size, which the caller words with its advice) otherwise.

    `what` names the kind of file in the message ('a digest', 'an article'). OSError (missing,
    no permission) passes through for the caller to word."""
    # O_NONBLOCK: opening a FIFO that has no writer would otherwise wait forever. It changes
    # nothing for a regular file, the only kind read.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"is {_kind(info.st_mode)}, not a file: {what} must be a regular file")
        if info.st_size > limit:
            raise FileTooLarge(info.st_size, limit, what)
        chunks = []
        left = limit + 1          # one byte more tells a file that grew past the limit since fstat
        while left > 0:
            chunk = os.read(fd, min(left, MB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileTooLarge(len(data), limit, what)
    return data
