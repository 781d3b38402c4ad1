"""Running Pagefind for search.py: finding the binary, and building one Pagefind bundle per
shard through `pagefind --service`.

The service protocol (base64 JSON messages, comma-separated, on stdin/stdout; the one the
`pagefind` Python package speaks) is spoken here synchronously rather than through the package's
asyncio client: the preview server runs builds from a watcher thread and the search catch-up from
another, and a plain subprocess can be killed cleanly when a newer save cancels it.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Callable, Sequence

TIMEOUT_SECONDS = 900


class PagefindError(Exception):
    pass


def find_pagefind() -> Path | None:
    """The pagefind binary, looked up as the `pagefind` package's get_executable() does, so the
    package and the build agree: $PAGEFIND_BINARY_PATH, the extended wheel (which splits Chinese
    and Japanese into words), the plain wheel, then PATH. Not through that package itself: it
    imports asyncio, ~0.05 s of every build, a no-change one included."""
    env = os.environ.get("PAGEFIND_BINARY_PATH")
    if env is not None:
        return Path(env) if Path(env).exists() else None
    for wheel in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            module = __import__(wheel)
            binary = Path(module.get_executable())
        except (ImportError, FileNotFoundError):   # not installed, or a wheel without its binary
            continue
        if binary.is_file():
            return binary
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(found) if found else None


def index_language(language: str) -> str:
    """The language tag pagefind files the index under. Forcing one language keeps a single index
    per shard whatever `lang` individual pages carry; pagefind.js falls back to it."""
    return language.strip() or "en"


def key_salt(binary: Path, language: str) -> str:
    """What besides the pages decides a shard's files: the language and the binary (a new
    pagefind writes other files; its size and mtime stand for its version without running it)."""
    try:
        stat = binary.stat()
        ident = f"{binary.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        ident = str(binary)
    return f"{index_language(language)}|{ident}"


class _Service:
    """One `pagefind --service` process, spoken to synchronously."""

    def __init__(self, binary: Path) -> None:
        try:
            self.proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise PagefindError(f"cannot run pagefind ({binary}): {exc.strerror}") from exc
        self._next = 0
        self._buffer = b""

    def _encode(self, payload: dict) -> bytes:
        self._next += 1
        message = json.dumps({"message_id": self._next, "payload": payload}).encode("utf-8")
        return base64.b64encode(message) + b","

    def _receive(self) -> dict:
        assert self.proc.stdout is not None
        if b"," not in self._buffer:
            # A GetFiles answer is megabytes: collect the chunks, look for the end only in each new one.
            chunks = [self._buffer]
            while True:
                chunk = self.proc.stdout.read1(1 << 20)
                if not chunk:
                    raise PagefindError(f"pagefind stopped (exit {self.proc.poll()})")
                chunks.append(chunk)
                if b"," in chunk:
                    break
            self._buffer = b"".join(chunks)
        message, _, self._buffer = self._buffer.partition(b",")
        payload = json.loads(base64.b64decode(message))["payload"]
        if payload.get("type") == "Error":
            raise PagefindError(f"pagefind: {payload.get('message')}")
        return payload

    def run(self, payloads: list[dict]) -> list[dict]:
        """Send every request (from a thread, so neither pipe fills up), read every answer.
        The requests are encoded before the thread starts: encoding in it while this thread
        reads the answers made the two take turns at the GIL, ~5 ms an answer (1.3 s a shard)."""
        failure: list[BaseException] = []
        data = b"".join(self._encode(payload) for payload in payloads)

        def feed() -> None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except (OSError, ValueError) as exc:   # the process died, or was killed on purpose
                failure.append(exc)

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            return [self._receive() for _ in payloads]
        finally:
            writer.join()

    def close(self) -> None:
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


# ---- what Pagefind is given of a page ------------------------------------------------------------

_BODY_MARK = "data-pagefind-body"
_ANY_MARK = "data-pagefind-"
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
# Inside the kept element, anything whose text is not markup for Pagefind (a script or style may
# hold "<article" in a string, a comment a stray close tag): the nesting count cannot be trusted.
_OPAQUE = re.compile(r"<(?:script|style|textarea|!--|!\[CDATA\[)", re.IGNORECASE)


def indexed_part(page: str) -> str:
    """The page as Pagefind needs it: its <head> and its one data-pagefind-body element, without
    the header, navigation and footer around it, which Pagefind would parse only to ignore (a
    quarter of its time on a story page). Lossless or not at all: the page is returned whole
    unless it has exactly one body element, every data-pagefind-* attribute of the page lies in
    what is kept, and the element's end is found by a tag count that nothing can fool (no script,
    style, comment or CDATA inside it, and its tag balanced over the whole page). The index is the
    same either way (checked by tests/reader/test_search_index.py)."""
    mark = page.find(_BODY_MARK)
    head_end = page.find("</head>")
    if mark < 0 or head_end < 0 or page.find(_BODY_MARK, mark + 1) >= 0:
        return page
    start = page.rfind("<", 0, mark)
    name = _TAG_NAME.match(page, start) if start > head_end else None
    if name is None:
        return page
    end = _element_end(page, start, name.group(1))
    if end is None:
        return page
    kept = page[start:end]
    if _OPAQUE.search(kept) or page[:head_end].count(_ANY_MARK) + kept.count(_ANY_MARK) != page.count(_ANY_MARK):
        return page
    return f"{page[:head_end]}</head><body>{kept}</body></html>"


def _element_end(page: str, start: int, tag: str) -> int | None:
    """Where the element opened at `start` ends (after its close tag), counting nested elements of
    the same name; None when the tag is not balanced over the whole page."""
    pattern = re.compile(rf"<(/?){re.escape(tag)}(?=[\s>/])", re.IGNORECASE)
    opened = closed = 0
    end = None
    depth = 0
    for match in pattern.finditer(page):
        if match.start() < start:
            if match.group(1):
                closed += 1
            else:
                opened += 1
            continue
        if match.group(1):
            closed += 1
            depth -= 1
            if depth == 0 and end is None:
                close = page.find(">", match.end())
                end = None if close < 0 else close + 1
        else:
            opened += 1
            depth += 1
    return end if opened == closed else None


def _index_shard(binary: Path, name: str, pages: Sequence[str], read_page: Callable[[str], bytes],
                 destination: Path, language: str, services: list[_Service]) -> None:
    """Write one shard's Pagefind bundle into `destination` (which must not exist)."""
    service = _Service(binary)
    services.append(service)
    try:
        config = {"force_language": index_language(language)}
        [created] = service.run([{"type": "NewIndex", "config": config}])
        index_id = created["index_id"]
        requests = [{"type": "AddFile", "index_id": index_id, "url": "/" + rel, "file_path": None,
                     "file_contents": indexed_part(read_page(rel).decode("utf-8", "replace"))} for rel in pages]
        # GetFiles, not WriteFiles: the service answers WriteFiles before its writes are on disk,
        # and closing it then truncates some (seen: empty pagefind-entry.json files). Written
        # here, every file is complete before the shard is staged.
        requests.append({"type": "GetFiles", "index_id": index_id})
        files = service.run(requests)[-1].get("files") or []
    finally:
        service.close()
    names = {str(f.get("path", "")) for f in files}
    if "pagefind-entry.json" not in names:
        raise PagefindError(f"pagefind made no index for {name}")
    _write_bundle(destination, files)


def _write_bundle(destination: Path, files: list[dict]) -> None:
    """Write the bundle's files under `destination`, a folder this build has just made. A name
    must stay inside it: relative, no '.', '..' or empty part. Checked on the text rather than by
    resolving each path (a stat per folder on the way: 0.1 s a 300-story shard, seconds cold)."""
    root = str(destination)
    made: set[str] = set()
    for item in files:
        rel = str(item["path"])
        parts = rel.split("/")
        if "\\" in rel or any(part in ("", ".", "..") for part in parts):
            raise PagefindError(f"pagefind named a file outside its bundle: {rel!r}")
        folder = "/".join(parts[:-1])
        if folder not in made:
            os.makedirs(f"{root}/{folder}", exist_ok=True)
            made.add(folder)
        with open(f"{root}/{rel}", "wb") as handle:
            handle.write(base64.b64decode(item["content"]))


def index_shards(binary: Path, shards: Sequence[tuple[str, Sequence[str]]], read_page: Callable[[str], bytes],
                 into: Path, language: str, jobs: int, cancelled: Callable[[], bool] = lambda: False) -> None:
    """Build each (name, pages) shard into into/<name>/, `jobs` pagefind processes at a time
    (each one is a process of its own, so threads are enough to keep them busy)."""
    from concurrent.futures import ThreadPoolExecutor   # only when something is indexed

    services: list[_Service] = []
    stop = threading.Event()

    def one(shard: tuple[str, Sequence[str]]) -> None:
        if stop.is_set() or cancelled():
            raise PagefindError("cancelled")
        name, pages = shard
        _index_shard(binary, name, pages, read_page, into / name, language, services)

    watchdog = threading.Timer(TIMEOUT_SECONDS, lambda: (stop.set(), [s.kill() for s in services]))
    watchdog.daemon = True
    watchdog.start()
    try:
        # Largest first, so the last one to start is a small one.
        ordered = sorted(shards, key=lambda s: -len(s[1]))
        with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(ordered)))) as pool:
            for future in [pool.submit(one, s) for s in ordered]:
                future.result()
    except BaseException:
        stop.set()
        for service in services:
            service.kill()
        raise
    finally:
        watchdog.cancel()
    if stop.is_set():
        raise PagefindError(f"pagefind did not finish within {TIMEOUT_SECONDS} s")
