"""One writer at a time: an advisory lock per folder, that says who holds it.

    with lock_folder(config.content_dir, "ingest", lock_file=config.cache_dir / "content.lock"):
        ...   # only one process at a time gets here for this folder

The lock is the operating system's (fcntl.flock; msvcrt.locking on Windows) on a small file, so a
holder that dies, even by SIGKILL, releases it at once: there is never a stale lock to delete by
hand. The lock file is never removed (removing it would let two processes lock two different
files). Its text is the holder's pid, command line, purpose and start time, for the message a
second writer prints while it waits.

A thread may take the same folder's lock again while it holds it (a build's ingest step runs
inside the build): the inner `with` is then a no-op. Only the standard library is used.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from site_builder.errors import SiteBuilderError

LOCK_NAME = ".site-builder.lock"
POLL_SECONDS = 0.1        # how often a waiting writer tries again
DEFAULT_TIMEOUT = 600.0   # a writer waits this long, then gives up naming the holder

_held: dict[tuple[int, str], int] = {}   # (thread, lock file) -> nesting depth


class LockTimeout(SiteBuilderError):
    """Another process held the folder's lock for longer than we were willing to wait."""


def _try_lock(fd: int) -> bool:
    """Take the lock on fd without waiting; False when another process holds it."""
    try:
        import fcntl
    except ImportError:   # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def describe_holder(lock_file: Path) -> str:
    """'pid 123 (site-builder ingest a.txt), ingest since 10:41:07 UTC', from the lock file's text."""
    try:
        info = json.loads(lock_file.read_text(encoding="utf-8"))
        return (f"pid {int(info['pid'])} ({info['command']}), {info['purpose']} "
                f"since {info['since']}")
    except (OSError, ValueError, KeyError, TypeError):
        # Just taken and not yet written, or written by an older version: still worth saying.
        return "another process"


def _stamp(fd: int, purpose: str) -> None:
    info = {"pid": os.getpid(), "command": " ".join(["site-builder", *sys.argv[1:]]) if sys.argv else "?",
            "purpose": purpose, "since": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")}
    data = (json.dumps(info, ensure_ascii=False) + "\n").encode("utf-8", "replace")
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, data, 0) if hasattr(os, "pwrite") else os.write(fd, data)
    except OSError:
        pass   # the lock holds without its description


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def lock_folder(folder: Path, purpose: str, *, lock_file: Path | None = None,
                timeout: float | None = DEFAULT_TIMEOUT,
                notify: Callable[[str], None] = _say) -> Iterator[None]:
    """Hold the folder's lock for the `with` block; wait for another holder, saying who it is.

    lock_file defaults to FOLDER/.site-builder.lock. timeout None waits for ever; 0 does not
    wait. Raises LockTimeout naming the holder when the wait runs out, and SiteBuilderError when
    the lock file cannot be created.
    """
    path = lock_file if lock_file is not None else folder / LOCK_NAME
    # Per thread: another thread of this process (serve's builder) must wait like another process,
    # and does, as flock conflicts between two open file descriptions.
    key = (threading.get_ident(), str(path.absolute()))
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise SiteBuilderError(f"cannot create the lock file that keeps two writers apart: {exc.strerror}",
                               path=path) from None
    try:
        if not _try_lock(fd):
            holder = describe_holder(path)
            if holder == "another process":
                time.sleep(0.05)   # taken a moment ago: its holder is writing who it is
                holder = describe_holder(path)
            notify(f"waiting for {folder}: {holder} is writing there")
            deadline = None if timeout is None else time.monotonic() + timeout
            while not _try_lock(fd):
                if deadline is not None and time.monotonic() >= deadline:
                    raise LockTimeout(f"gave up after {timeout:g} s waiting for {describe_holder(path)} "
                                      "to finish; run again when it has", path=folder)
                time.sleep(POLL_SECONDS)
        _stamp(fd, purpose)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(fd)   # closing releases the lock
