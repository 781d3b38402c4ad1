"""The one way site_builder puts bytes in a file: whole or not at all.

Every file is written to a hidden temporary file beside its target (same folder, so the same
file system) and moved over the target with os.replace, which readers see as one step. Files a
person owns (content/ articles, the ingest ledger) pass `durable=True`: the data is synced to the
disk before the rename, so a power cut leaves the old text or the new one, never an empty file.
Caches and output files skip the sync: they are rebuilt when lost, and a sync per page would cost
a 10,000-page build seconds.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_MODE: list[int] = []


def file_mode() -> int:
    """The mode a new file gets from the user's umask (0644 under the usual 022).

    mkstemp makes its files 0600, which a web server or a colleague's account could not read.
    os.umask can only be read by setting it, so it is set back at once; the answer is kept.
    """
    if not _MODE:
        mask = os.umask(0o022)
        os.umask(mask)
        _MODE.append(0o666 & ~mask)
    return _MODE[0]


def _unlink_quietly(name: str | Path) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def temp_copy(path: Path, data: bytes, *, durable: bool) -> str:
    """A complete copy of data in a hidden temporary file beside path, with the umask's mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        _unlink_quietly(tmp)
        raise
    return tmp


def replace(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Put data at path whole or not at all (see the module docstring for `durable`)."""
    tmp = temp_copy(path, data, durable=durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def create_exclusive(path: Path, data: bytes) -> bool:
    """Create path with data only if no file is there; False when one is (another writer won).

    The complete, synced temporary file is hard-linked to the name, which fails if the name
    exists: one atomic step that both claims the name and puts the whole text there. Where the
    file system has no hard links, the name is claimed with O_CREAT|O_EXCL and written in place.
    """
    tmp = temp_copy(path, data, durable=True)
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    except OSError:
        pass   # no hard links here (some network and FAT file systems): claim, then write
    finally:
        _unlink_quietly(tmp)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode())
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return True
