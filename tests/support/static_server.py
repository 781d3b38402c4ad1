"""Serve a built site over HTTP on 127.0.0.1 under a path prefix, the way GitHub Pages does.

    with serve_site(output_dir, prefix="/repo/") as server:
        server.url            # "http://127.0.0.1:PORT/repo/"
        server.url_for("topics/")
        server.requests       # [(method, path, status), ...] for asserting no 404s

As on GitHub Pages:
- only paths under the prefix exist; anything else is a 404 (a link that escaped the prefix);
- a folder is served by its index.html; a folder asked for without its slash is redirected (301)
  to the slash form;
- "/x" is also served by "x.html";
- a miss gets the site's own 404.html with status 404 (or a plain 404 if there is none).
Files are read from disk on every request, so a test can rebuild between requests.
"""

from __future__ import annotations

import mimetypes
import posixpath
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Types GitHub Pages sends that Python's table may lack or get wrong.
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json",
}


@dataclass
class StaticServer:
    root: Path
    prefix: str
    host: str
    port: int
    requests: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return self.origin + self.prefix

    def url_for(self, route: str) -> str:
        return self.url + route.lstrip("/")

    def not_found(self) -> list[str]:
        """Paths that were answered 404 so far."""
        return [path for _method, path, status in self.requests if status == 404]


def _normalise_prefix(prefix: str) -> str:
    prefix = "/" + prefix.strip("/") + "/"
    return "/" if prefix == "//" else prefix


def resolve(root: Path, prefix: str, raw_path: str) -> tuple[int, Path | str | None]:
    """(status, what to send) for a request path: (200, file), (301, location) or (404, None).

    Pure apart from looking at the file system; kept separate from the handler for tests.
    """
    path = urlsplit(raw_path).path
    # Resolve "." and ".." (also percent-encoded ones) before looking at the prefix, as a browser
    # would have: "/repo/../x" is "/x", outside the site.
    decoded = unquote(path)
    if "\0" in decoded:
        return 404, None
    decoded = posixpath.normpath(decoded) + ("/" if decoded.endswith("/") and decoded != "/" else "")
    decoded = "/" + decoded.lstrip("/")
    if decoded == prefix.rstrip("/") and prefix != "/":
        return 301, prefix
    if not decoded.startswith(prefix):
        return 404, None
    normal = decoded[len(prefix):]
    target = root / normal if normal not in ("", ".") else root
    if target.is_dir():
        if not path.endswith("/"):
            query = urlsplit(raw_path).query
            return 301, path + "/" + (f"?{query}" if query else "")
        index = target / "index.html"
        return (200, index) if index.is_file() else (404, None)
    if target.is_file():
        return 200, target
    html = target.with_name(target.name + ".html")
    if not path.endswith("/") and html.is_file():
        return 200, html
    return 404, None


def _handler(server_state: StaticServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._answer(body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(body=False)

        def _answer(self, *, body: bool) -> None:
            status, what = resolve(server_state.root, server_state.prefix, self.path)
            server_state.requests.append((self.command, self.path, status))
            if status == 301:
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", str(what))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if status == 200:
                assert isinstance(what, Path)
                data, kind = what.read_bytes(), _content_type(what)
            else:
                page = server_state.root / "404.html"
                data = page.read_bytes() if page.is_file() else b"404 Not Found\n"
                kind = _TYPES[".html"] if page.is_file() else _TYPES[".txt"]
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet: tests read server.requests instead

    return Handler


def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


@contextmanager
def serve_site(root: Path, prefix: str = "/", *, host: str = "127.0.0.1") -> Iterator[StaticServer]:
    """Serve `root` at http://127.0.0.1:<free port><prefix> until the block ends."""
    state = StaticServer(root=Path(root), prefix=_normalise_prefix(prefix), host=host, port=0)
    httpd = ThreadingHTTPServer((host, 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="static-server",
                              daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
