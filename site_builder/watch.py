"""Watching the site's sources for `site-builder serve`: a debounced polling watcher.

Why our own and not livereload's: livereload polls only while a browser is connected
(livereload #109, #66) and does not debounce, so one editor save (write temp file, rename,
touch) can rebuild two or three times (MkDocs #766, #2061). We poll with os.scandir, which
needs no extra package and behaves the same on every file system (network drives,
containers, editors that replace files by renaming), then wait for a quiet spell before
reporting one batch of changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import select
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

# Editor droppings: vim swap and its write test (4913), emacs lock and backup files, GNOME's
# atomic-save temp files, macOS Finder metadata, generic temp files.
IGNORED_PATTERNS = (
    "*.swp", "*.swx", "*.swo", "*~", ".#*", "#*#", "4913", ".DS_Store", "*.tmp", ".goutputstream-*",
    "*.part", "*.crdownload",
)

# (mtime in ns, size, inode): an editor that saves by rename changes the inode even when the
# size and (coarse) mtime happen to stay the same.
Stamp = tuple[int, int, int]
Snapshot = dict[str, Stamp]


def is_ignored(name: str) -> bool:
    """True for editor temp/swap files and other hidden files that no build reads."""
    if name.startswith("."):
        return True  # hidden files: .#lock, .DS_Store, .goutputstream-*, .git ...
    return any(fnmatchcase(name, pattern) for pattern in IGNORED_PATTERNS)


@dataclass(frozen=True, slots=True)
class WatchSet:
    """What to watch: folders (recursively) and single files, minus folders never to enter."""

    folders: tuple[Path, ...]
    files: tuple[Path, ...]
    excluded: frozenset[str]  # absolute paths of folders to skip (output/, .site-builder/)


def snapshot(watch: WatchSet) -> Snapshot:
    """Every watched file's stamp. Files that vanish mid-scan are simply left out."""
    stamps: Snapshot = {}
    for file in watch.files:
        _stamp_into(stamps, str(file))
    seen: set[str] = set()
    for folder in watch.folders:
        stack = [str(folder)]
        while stack:
            current = stack.pop()
            if current in seen or current in watch.excluded:
                continue
            seen.add(current)
            try:
                with os.scandir(current) as entries:
                    for entry in entries:
                        if is_ignored(entry.name):
                            continue
                        try:
                            if entry.is_dir(follow_symlinks=False):
                                stack.append(entry.path)
                            elif entry.is_file():
                                st = entry.stat()
                                stamps[entry.path] = (st.st_mtime_ns, st.st_size, st.st_ino)
                        except OSError:
                            continue
            except OSError:
                continue  # the folder does not exist (yet) or was removed mid-scan
    return stamps


def _stamp_into(stamps: Snapshot, path: str) -> None:
    try:
        st = os.stat(path)
    except OSError:
        return
    stamps[path] = (st.st_mtime_ns, st.st_size, st.st_ino)


def changed_paths(old: Snapshot, new: Snapshot) -> set[str]:
    """Paths added, removed or modified between two snapshots."""
    changed = {path for path, stamp in new.items() if old.get(path) != stamp}
    changed.update(path for path in old if path not in new)
    return changed


class Watcher:
    """Polls a WatchSet in a daemon thread; calls on_change(paths) once per burst of changes.

    A burst ends when nothing more changed for `quiet` seconds. on_change runs in the watcher
    thread, so changes made while it runs (a save during a rebuild) are seen by the next poll
    and give one more call, never a lost change. The watch set is asked for afresh on each
    poll, because a config change can move the theme folder.
    """

    def __init__(self, watch_set: Callable[[], WatchSet], on_change: Callable[[list[str]], None], *,
                 interval: float = 0.25, quiet: float = 0.2) -> None:
        self._watch_set = watch_set
        self._on_change = on_change
        self._interval = interval
        self._quiet = quiet
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="site-builder-watch", daemon=True)
        self._last: Snapshot = {}
        self._scan_seconds = 0.0

    def start(self) -> None:
        self._last = self._scan()
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to stop; wait for a rebuild in progress to finish (up to timeout)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _scan(self) -> Snapshot:
        started = time.perf_counter()
        result = snapshot(self._watch_set())
        self._scan_seconds = time.perf_counter() - started
        return result

    def _pause(self, base: float) -> bool:
        """Sleep; scanning a big site costs more, so poll it less often. True when stopping."""
        return self._stop.wait(max(base, 4 * self._scan_seconds))

    def _run(self) -> None:
        while not self._pause(self._interval):
            current = self._scan()
            pending = changed_paths(self._last, current)
            if not pending:
                continue
            self._last = current
            quiet_since = time.monotonic()
            while time.monotonic() - quiet_since < self._quiet:
                if self._pause(min(0.05, self._quiet / 4)):
                    return
                current = self._scan()
                more = changed_paths(self._last, current)
                if more:
                    pending |= more
                    self._last = current
                    quiet_since = time.monotonic()
            try:
                self._on_change(sorted(pending))
            except Exception:  # noqa: BLE001 — a bug in a rebuild must not stop the watching
                import traceback
                traceback.print_exc()


# ---- inotify (Linux): changes are seen at once, and an idle preview costs no CPU ------------------
# Polling 10,000 articles takes ~0.1 s a scan: either a slow reaction or a busy core. inotify tells
# us about each change as it happens. Anything that goes wrong setting it up (not Linux, too many
# watches, a file system without it) falls back to polling.

_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_IN_DELETE_SELF, _IN_MOVE_SELF, _IN_Q_OVERFLOW, _IN_IGNORED, _IN_ISDIR = 0x400, 0x800, 0x4000, 0x8000, 0x40000000
_IN_NONBLOCK, _IN_CLOEXEC = 0o4000, 0o2000000
_MASK = (_IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
         | _IN_DELETE_SELF | _IN_MOVE_SELF)
_EVENT = struct.Struct("iIII")


class _Inotify:
    """A thin ctypes wrapper: one inotify descriptor, watches on folders, decoded events."""

    def __init__(self) -> None:
        if not sys.platform.startswith("linux"):
            raise OSError(errno.ENOSYS, "inotify is Linux-only")
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        self._add = libc.inotify_add_watch
        self._add.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32)
        self._rm = libc.inotify_rm_watch
        self._rm.argtypes = (ctypes.c_int, ctypes.c_int)
        self.fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        self.folders: dict[int, str] = {}

    def watch(self, folder: str) -> None:
        wd = self._add(self.fd, os.fsencode(folder), _MASK)
        if wd < 0:
            code = ctypes.get_errno()
            if code in (errno.ENOENT, errno.ENOTDIR):
                return  # gone already
            raise OSError(code, f"inotify_add_watch({folder}) failed: {os.strerror(code)}")
        self.folders[wd] = folder

    def read(self, timeout: float) -> list[tuple[str, int]] | None:
        """(path, mask) of each event within timeout; None when the kernel's queue overflowed."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return []
        try:
            data = os.read(self.fd, 256 * 1024)
        except BlockingIOError:
            return []
        events: list[tuple[str, int]] = []
        offset = 0
        while offset + _EVENT.size <= len(data):
            wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            offset += _EVENT.size
            name = data[offset:offset + length].split(b"\0", 1)[0]
            offset += length
            if mask & _IN_Q_OVERFLOW:
                return None
            if mask & _IN_IGNORED:
                self.folders.pop(wd, None)
                continue
            folder = self.folders.get(wd)
            if folder is not None:
                events.append((os.path.join(folder, os.fsdecode(name)) if name else folder, mask))
        return events

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass


class InotifyWatcher(Watcher):
    """Watcher with the same contract, told of changes by the kernel instead of by polling.

    config.yaml is watched through its folder (the site folder, not recursively): editors replace
    it by renaming, which a watch on the file itself would lose.
    """

    def __init__(self, watch_set: Callable[[], WatchSet], on_change: Callable[[list[str]], None], *,
                 quiet: float = 0.2) -> None:
        super().__init__(watch_set, on_change, quiet=quiet)
        self._inotify = _Inotify()
        self._watched: WatchSet | None = None
        self._files: set[str] = set()
        self._tops: set[str] = set()
        self._setup()

    def _setup(self) -> None:
        current = self._watch_set()
        if current == self._watched:
            return
        self._inotify.close()
        self._inotify = _Inotify()
        self._watched = current
        self._files = {str(f) for f in current.files}
        self._tops = {str(f) for f in current.folders}
        for parent in sorted({os.path.dirname(p) for p in self._files | self._tops}):
            self._inotify.watch(parent)
        for folder in current.folders:
            self._watch_tree(str(folder))

    def _watch_tree(self, top: str) -> None:
        stack = [top]
        while stack:
            folder = stack.pop()
            if folder in self._watched.excluded:  # type: ignore[union-attr]
                continue
            self._inotify.watch(folder)
            try:
                with os.scandir(folder) as entries:
                    stack.extend(e.path for e in entries
                                 if not is_ignored(e.name) and e.is_dir(follow_symlinks=False))
            except OSError:
                continue

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        super().stop(timeout)
        self._inotify.close()

    def _relevant(self, path: str, mask: int) -> bool:
        if is_ignored(os.path.basename(path)):
            return False
        if path in self._files or path in self._tops:
            return True
        excluded = self._watched.excluded if self._watched else frozenset()
        for top in self._tops:
            if path.startswith(top + os.sep) and not any(path == x or path.startswith(x + os.sep) for x in excluded):
                return True
        return False

    def _collect(self, timeout: float, pending: set[str]) -> bool:
        """Read events for up to timeout; add relevant paths to pending. True if any were added."""
        events = self._inotify.read(timeout)
        if events is None:  # overflow: something changed, we no longer know what
            pending.add(str(self._watched.files[0]) if self._watched and self._watched.files else "?")
            return True
        added = False
        for path, mask in events:
            if mask & _IN_ISDIR and mask & (_IN_CREATE | _IN_MOVED_TO) and self._relevant(path, mask):
                self._watch_tree(path)  # a new folder: watch it, and what was put in it already
            if self._relevant(path, mask):
                pending.add(path)
                added = True
        return added

    def _run(self) -> None:
        while not self._stop.is_set():
            pending: set[str] = set()
            if not self._collect(0.5, pending):
                continue
            quiet_since = time.monotonic()
            while time.monotonic() - quiet_since < self._quiet:
                if self._stop.is_set():
                    return
                if self._collect(max(0.01, self._quiet - (time.monotonic() - quiet_since)), pending):
                    quiet_since = time.monotonic()
            try:
                self._on_change(sorted(pending))
                self._setup()  # config.yaml may have moved the theme folder
            except Exception:  # noqa: BLE001 — a bug in a rebuild must not stop the watching
                import traceback
                traceback.print_exc()


def make_watcher(watch_set: Callable[[], WatchSet], on_change: Callable[[list[str]], None], *,
                 quiet: float = 0.2) -> Watcher:
    """inotify where it works, polling elsewhere. SITE_BUILDER_POLL=1 forces polling."""
    if not os.environ.get("SITE_BUILDER_POLL"):
        try:
            return InotifyWatcher(watch_set, on_change, quiet=quiet)
        except OSError:
            pass
    return Watcher(watch_set, on_change, quiet=quiet)


def relative_names(paths: Iterable[str], root: Path) -> list[str]:
    """Paths for messages: relative to the site folder when inside it."""
    names = []
    for path in paths:
        try:
            names.append(Path(path).relative_to(root).as_posix())
        except ValueError:
            names.append(path)
    return names
