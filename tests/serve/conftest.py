"""Running `site-builder serve` as a user does, in a subprocess, on a copy of the fixture site."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tests.support.sites import interruptible, make_site
from support.browser import browser_page  # noqa: F401  (the fixture, for the browser tests here)

STARTUP_TIMEOUT = 120.0
WAIT_TIMEOUT = 30.0


class ServeProcess:
    """`python -m site_builder serve --site SITE --port 0`; collects its output as it comes."""

    def __init__(self, site: Path, *extra: str) -> None:
        self.site = site
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "serve", "--site", str(site), "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1, preexec_fn=interruptible)
        self.out: list[str] = []
        self.err: list[str] = []
        self.lines: list[str] = []  # stdout and stderr together, in the order they arrived
        self._changed = threading.Condition()
        self._readers = [threading.Thread(target=self._drain, args=(self.proc.stdout, self.out), daemon=True),
                         threading.Thread(target=self._drain, args=(self.proc.stderr, self.err), daemon=True)]
        for reader in self._readers:
            reader.start()
        line = self.wait_for_line(r"^Serving .* at (http://\S+)", timeout=STARTUP_TIMEOUT)
        self.url = re.search(r"(http://\S+)", line).group(1)  # type: ignore[union-attr]
        match = re.match(r"http://([^/]+):(\d+)(/.*)", self.url)
        assert match, self.url
        self.host, self.port, self.prefix = match.group(1), int(match.group(2)), match.group(3)

    def _drain(self, stream, sink: list[str]) -> None:
        for line in stream:
            with self._changed:
                sink.append(line.rstrip("\n"))
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_line(self, pattern: str, *, timeout: float = WAIT_TIMEOUT, start: int = 0) -> str:
        """The first line of stdout or stderr (from the given count of lines on) matching pattern."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines[start:]:
                    if regex.search(line):
                        return line
                if self.proc.poll() is not None and not any(r.is_alive() for r in self._readers):
                    raise AssertionError(f"serve exited ({self.proc.returncode}) before printing {pattern!r}:\n"
                                         + self.output)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no line matching {pattern!r} in:\n{self.output}")
                self._changed.wait(min(left, 0.5))

    def mark(self) -> int:
        """How many lines have been printed so far, for wait_for_line(start=...)."""
        with self._changed:
            return len(self.lines)

    def wait_for_build(self, since: int, *, timeout: float = WAIT_TIMEOUT) -> str:
        """The next rebuild's result line after `since`: a summary or a failure."""
        deadline = time.monotonic() + timeout
        regex = re.compile(r"\] (built \d+ stories|build failed)")
        with self._changed:
            while True:
                found = [line for line in self._lines_since(since) if regex.search(line)]
                if found:
                    return found[0]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no rebuild reported in:\n{self.output}")
                self._changed.wait(min(left, 0.5))

    def _lines_since(self, since: int) -> list[str]:
        return self.lines[since:]

    def get(self, path: str, *, method: str = "GET", headers: dict[str, str] | None = None
            ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, headers=headers or {})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def page(self, route: str) -> tuple[int, str]:
        status, _headers, body = self.get(self.prefix + route)
        return status, body.decode("utf-8", "replace")

    def wait_for_page(self, route: str, predicate: Callable[[int, str], bool], *,
                      timeout: float = WAIT_TIMEOUT) -> str:
        """Poll a page over HTTP (no browser) until predicate(status, text) holds."""
        deadline = time.monotonic() + timeout
        while True:
            status, text = self.page(route)
            if predicate(status, text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{route} never matched; last status {status}; server said:\n{self.output}")
            time.sleep(0.1)

    def stop(self) -> int:
        """Ctrl-C, as a user stops it."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for reader in self._readers:
            reader.join(timeout=5)
        return self.proc.returncode


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A fresh copy of the fixture site with the project's theme."""
    return make_site(tmp_path / "site")


@contextmanager
def serving(site: Path) -> Iterator[ServeProcess]:
    """serve running on the site; stopping it with Ctrl-C must exit 0 without a traceback."""
    process = ServeProcess(site)
    try:
        yield process
    finally:
        code = process.stop()
    assert code == 0, process.output
    assert "Traceback" not in process.output, process.output


@pytest.fixture
def server(site: Path) -> Iterator[ServeProcess]:
    with serving(site) as process:
        yield process
