"""Watching the site's sources for `site-builder serve`: watchfiles, filtered and debounced.

watchfiles (Rust's notify underneath) is told of changes by the kernel (inotify, FSEvents,
ReadDirectoryChangesW), so a save is seen at once and an idle preview costs no CPU. Where the
kernel cannot tell (network mounts, some containers) SITE_BUILDER_POLL=1 makes it poll instead.
Why not livereload's own watcher: it polls only while a browser is connected (livereload #109,
#66) and does not debounce, so one editor save (write temp file, rename, touch) rebuilt two or
three times (MkDocs #766, #2061). Here a burst of changes ends after `quiet` seconds without
any, and is reported as one batch; editor temp files and excluded folders are never changes.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import watchfiles

# Editor droppings: vim swap and its write test (4913), emacs lock and backup files, GNOME's
# atomic-save temp files, macOS Finder metadata, generic temp files.
IGNORED_PATTERNS = (
    "*.swp", "*.swx", "*.swo", "*~", ".#*", "#*#", "4913", ".DS_Store", "*.tmp", ".goutputstream-*",
    "*.part", "*.crdownload",
)
POLL_ENV = "SITE_BUILDER_POLL"  # set (to anything) to poll: for file systems without change events
POLL_MS = 250  # polling interval when polling; a 10k-article tree scans in ~0.1 s


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


def relevant(watch: WatchSet, path: str) -> bool:
    """True when a change to path matters: a watched file, or inside a watched folder, not ignored."""
    parts = Path(path).parts
    if any(is_ignored(part) for part in parts[-1:]) or _under_ignored_folder(watch, path):
        return False
    if path in {str(f) for f in watch.files}:
        return True
    return any(path == str(top) or path.startswith(str(top) + os.sep) for top in watch.folders)


def _under_ignored_folder(watch: WatchSet, path: str) -> bool:
    if any(path == x or path.startswith(x + os.sep) for x in watch.excluded):
        return True
    for top in watch.folders:  # hidden folders inside a watched folder (.git) are not entered
        prefix = str(top) + os.sep
        if path.startswith(prefix) and any(is_ignored(p) for p in Path(path[len(prefix):]).parts[:-1]):
            return True
    return False


def _counts(watch: WatchSet, change: watchfiles.Change, path: str) -> bool:
    """A folder's own "modified" (its listing changed) is noise: the file events say what changed."""
    if change == watchfiles.Change.modified and os.path.isdir(path):
        return False
    return relevant(watch, path)


class Watcher:
    """Watches a WatchSet in a daemon thread; calls on_change(paths) once per burst of changes.

    on_change runs in the watcher thread; changes made while it runs (a save during a rebuild)
    are kept by watchfiles and give one more call, never a lost change. The watch set is asked
    for afresh after each call and each idle half second (a config change can move the theme
    folder, a watched folder can appear), and the watch is set up again when it differs.
    """

    def __init__(self, watch_set: Callable[[], WatchSet], on_change: Callable[[list[str]], None], *,
                 quiet: float = 0.05, force_polling: bool | None = None) -> None:
        self._watch_set = watch_set
        self._on_change = on_change
        self._quiet_ms = max(1, int(quiet * 1000))
        self.polling = bool(os.environ.get(POLL_ENV)) if force_polling is None else force_polling
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="site-builder-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(10)  # changes made after start() returns are seen

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to stop; wait for a rebuild in progress to finish (up to timeout)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _setup(self) -> tuple[WatchSet, tuple[str, ...]]:
        """The watch set and which of its roots exist now (a missing folder may appear later)."""
        watch = self._watch_set()
        return watch, tuple(str(p) for p in (*watch.folders, *watch.files) if p.exists())

    def _batches(self, watch: WatchSet, roots: tuple[str, ...]) -> Iterable[set[tuple[watchfiles.Change, str]]]:
        if not roots:
            self._ready.set()
            self._stop.wait(0.5)
            return iter(())
        return watchfiles.watch(
            *roots, watch_filter=lambda change, path: _counts(watch, change, path), step=self._quiet_ms,
            debounce=max(1600, 4 * self._quiet_ms), stop_event=self._stop, yield_on_timeout=True,
            rust_timeout=500, force_polling=self.polling, poll_delay_ms=POLL_MS, ignore_permission_denied=True,
            raise_interrupt=False)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._watch()
            except OSError as exc:  # no change events here (watch limit, file system): poll instead
                if self.polling:
                    raise
                print(f"watch: no change events ({exc}); polling instead", file=sys.stderr, flush=True)
                self.polling = True

    def _watch(self) -> None:
        while not self._stop.is_set():
            setup = self._setup()
            for batch in self._batches(*setup):
                self._ready.set()
                if not batch:
                    if self._setup() != setup:
                        break  # a folder appeared or moved: set the watch up again
                    continue
                try:
                    self._on_change(sorted({path for _change, path in batch}))
                except Exception:  # noqa: BLE001 — a bug in a rebuild must not stop the watching
                    traceback.print_exc()
                if self._setup() != setup:
                    break  # config.yaml moved the theme folder: set the watch up again


def make_watcher(watch_set: Callable[[], WatchSet], on_change: Callable[[list[str]], None], *,
                 quiet: float = 0.05) -> Watcher:
    """Kernel change events where they work; SITE_BUILDER_POLL=1 forces polling."""
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
