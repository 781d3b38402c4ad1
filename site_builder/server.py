"""`site-builder serve`: build, serve output/ under the site's path prefix, rebuild on changes,
reload the browser.

How the pieces fit:
- Our own HTTP handler serves output/ (not livereload's Server): it has to mount the site under
  the configured prefix (/site_builder/, as GitHub Pages will), refuse anything outside output/,
  inject the reload script into every HTML page (livereload injects it only when `</head>` is in
  the first chunk), and show a build error in place of every page.
- livereload supplies the browser side: its websocket handler and livereload.js. Its watcher is
  not used: it polls only while a browser is connected and does not debounce (FIELD-NOTES), so
  site_builder.watch (watchfiles) waits for a burst of saves to end, and we rebuild in that thread,
  then tell connected browsers to reload.
- The server binds 127.0.0.1 unless asked otherwise: the preview includes drafts and unpublished
  stories, so it is not for the network.
"""

from __future__ import annotations

import asyncio
import errno
import html
import ipaddress
import mimetypes
import os
import re
import signal
import socket
import stat
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes

from site_builder import urls
from site_builder.config import CONFIG_FILE, SiteConfig, load_config
from site_builder.errors import SiteBuilderError
from site_builder.watch import WatchSet, make_watcher, relative_names

LOOPBACK_NAMES = frozenset({"localhost", "[::1]"})
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 64 * 1024  # the preview takes no uploads

# livereload.js finds the websocket from its own URL, so the snippet builds that URL from the
# page's address: it works on whatever host and port the browser used.
RELOAD_SNIPPET = (
    b'<script>(function(){var s=document.createElement("script");'
    b'var p=window.location.port||(window.location.protocol=="https:"?443:80);'
    b's.src="//"+window.location.host+"/livereload.js?port="+p+"&mindelay=250&maxdelay=2000";'
    b'(document.head||document.documentElement).appendChild(s);})();</script>'
)
# Added while the search index catches up with the last build: the search page then says so.
SEARCH_PENDING = b'<script>window.siteBuilderSearchPending=true;</script>'

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",  # what GitHub Pages sends for feed.xml and sitemaps
    ".json": "application/json; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
    ".webp": "image/webp",
}


# ---- what to serve for a request path (pure apart from looking at output/) -------------------

@dataclass(frozen=True, slots=True)
class Serve:
    file: str  # real path, checked to be a regular file inside output/


@dataclass(frozen=True, slots=True)
class Redirect:
    location: str


@dataclass(frozen=True, slots=True)
class NotFound:
    pass


@dataclass(frozen=True, slots=True)
class BadRequest:
    reason: str


Resolution = Serve | Redirect | NotFound | BadRequest


def decode_path(raw: str) -> str | None:
    """The request path as text: percent-decoded once, UTF-8. None for NUL or invalid UTF-8.

    Tornado hands over the request line's bytes as latin-1 text; re-encoding gives the bytes back.
    """
    try:
        data = unquote_to_bytes(raw.encode("latin-1"))
        text = data.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if "\x00" in text or any(ord(c) < 0x20 for c in text):
        return None
    return text


def resolve(output_dir: Path, prefix: str, path: str) -> Resolution:
    """Map a decoded request path to a file inside output_dir, the way GitHub Pages does.

    Any ".." segment is refused outright (browsers never send one); then the real path, with
    symlinks resolved, must still lie inside output/, so a link pointing out is a 404.
    """
    if not path.startswith("/"):
        return BadRequest("the path must start with /")
    if path + "/" == prefix or (path == "/" and prefix != "/"):
        return Redirect(prefix)
    if not path.startswith(prefix):
        return NotFound()
    segments = [s for s in path[len(prefix):].split("/") if s not in ("", ".")]
    if ".." in segments:
        return BadRequest("'..' is not allowed in a path")
    wants_folder = path.endswith("/")
    root = os.path.realpath(output_dir)
    candidate = os.path.join(root, *segments) if segments else root
    try:
        real = os.path.realpath(candidate)
        if not _inside(real, root):
            return NotFound()
        info = os.stat(real)
        if stat.S_ISDIR(info.st_mode):
            if not wants_folder:
                return Redirect(quote(prefix + "/".join(segments) + "/"))
            return _regular_file(os.path.join(real, "index.html"), root)
        if wants_folder:
            return NotFound()
        return Serve(real) if stat.S_ISREG(info.st_mode) else NotFound()
    except FileNotFoundError:
        if segments and not wants_folder and "." not in segments[-1]:
            return _regular_file(candidate + ".html", root)  # GitHub Pages serves /about from about.html
        return NotFound()
    except (OSError, ValueError):  # name too long, a file used as a folder, ...
        return NotFound()


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _regular_file(path: str, root: str) -> Resolution:
    try:
        real = os.path.realpath(path)
        if _inside(real, root) and stat.S_ISREG(os.stat(real).st_mode):
            return Serve(real)
    except (OSError, ValueError):
        pass
    return NotFound()


def content_type(path: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path)
    return guessed or "application/octet-stream"


_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject_script(page: bytes, snippet: bytes = RELOAD_SNIPPET) -> bytes:
    """The reload snippet before </head>, else before </body>, else at the end."""
    for pattern in (_HEAD_END, _BODY_END):
        match = pattern.search(page)
        if match:
            return page[:match.start()] + snippet + page[match.start():]
    return page + snippet


# ---- stories that moved: a new title gives a new slug, so a new address ------------------------

_ARTICLE_PAGE = re.compile(r"^\d{4}/\d{2}/\d{2}/[^/]+\.html$")


@dataclass(frozen=True, slots=True)
class Moves:
    """Old story addresses and where they went, so that the page open in the browser follows its
    story when a retitled story gets a new slug (or a redated one a new day), instead of a 404."""

    known: frozenset[str] = frozenset()     # files in output/
    moved: tuple[tuple[str, str], ...] = ()  # (old file, new file)

    def target(self, rel: str) -> str | None:
        return dict(self.moved).get(rel)

    def after(self, written: tuple[str, ...], removed: tuple[str, ...]) -> Moves:
        """One build's effect. A move is one story page gone and one new one appearing together;
        anything else (several at once) is ambiguous and left alone."""
        gone = [r for r in removed if _ARTICLE_PAGE.match(r)]
        new = [w for w in written if w not in self.known and _ARTICLE_PAGE.match(w)]
        moved = dict(self.moved)
        for page in new:
            moved.pop(page, None)  # it exists again: a real page, not a redirect
        if len(gone) == 1 and len(new) == 1:
            old, target = gone[0], new[0]
            moved = {k: (target if v == old else v) for k, v in moved.items()}
            moved[old] = target
        known = (self.known | frozenset(written)) - frozenset(removed)
        return Moves(known=known, moved=tuple(sorted(moved.items())))


# ---- the build state shown to the browser ----------------------------------------------------

@dataclass(frozen=True, slots=True)
class BuildFailure:
    """A failed build, as the error page shows it."""

    kind: str
    message: str
    path: str | None
    line: int | None
    when: str


@dataclass(frozen=True, slots=True)
class Status:
    prefix: str
    failure: BuildFailure | None = None


def describe_failure(exc: BaseException, site_dir: Path) -> BuildFailure:
    """File and line, relative to the site folder so the page and terminal stay short."""
    root = str(site_dir) + os.sep
    message = str(exc).replace(root, "")
    path = line = None
    if isinstance(exc, SiteBuilderError):
        line = exc.line
        if exc.path is not None:
            path = str(exc.path).replace(root, "")
        kind = type(exc).__name__
    else:
        kind = f"internal error ({type(exc).__name__}); please report it"
        message = "".join(traceback.format_exception(exc)).replace(root, "")
    return BuildFailure(kind=kind, message=message, path=path, line=line,
                        when=datetime.now().strftime("%H:%M:%S"))


def error_page(failure: BuildFailure) -> bytes:
    """A self-contained page (no theme: the theme may be what broke), everything escaped."""
    where = ""
    if failure.path:
        where = html.escape(failure.path) + (f", line {failure.line}" if failure.line else "")
        where = f"<p class=where>In <code>{where}</code></p>"
    text = f"""<!doctype html>
<html lang=en><head><meta charset=utf-8><title>Build failed — site-builder</title>
<meta name=viewport content="width=device-width,initial-scale=1">
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}}
h1{{color:#b00020}}pre{{background:#fff4f4;border:1px solid #f0c0c0;padding:1rem;white-space:pre-wrap;
overflow-wrap:anywhere}}code{{font-size:95%}}</style></head>
<body><main><h1 id=build-error>Build failed</h1>
<p>{html.escape(failure.kind)} at {html.escape(failure.when)}</p>
{where}
<pre id=build-error-message>{html.escape(failure.message)}</pre>
<p>The rest of the site is as it was before this change. Fix the file and save: this page reloads by itself.</p>
</main></body></html>
"""
    return text.encode("utf-8")


# ---- the preview site: builds and holds the status ---------------------------------------------

class PreviewSite:
    """The site being previewed: rebuilds it and says what the server should show."""

    def __init__(self, config: SiteConfig, *, out=sys.stdout, err=sys.stderr) -> None:
        self.site_dir = config.site_dir
        self.output_dir = config.output_dir
        self.config = config
        self.status = Status(prefix=urls.Urls(config.site_url).prefix)  # replaced whole, never mutated
        self.on_reload: Callable[[], None] = lambda: None  # set by the server once its loop runs
        self._out = out
        self._err = err
        self._lock = threading.Lock()
        self._notices: set[str] = set()
        self.moves = Moves()  # replaced whole, never mutated
        # The search index is brought up to date after each build, in a thread of its own, so a
        # save never waits for Pagefind; meanwhile pages say so (search_pending, SEARCH_PENDING).
        self.search_pending = False
        self._search_wanted = threading.Event()
        self._search_thread: threading.Thread | None = None

    def watch_set(self) -> WatchSet:
        config = self.config
        excluded = frozenset(str(p) for p in (self.output_dir, config.cache_dir,
                                                self.output_dir.parent / f".{self.output_dir.name}.staging"))
        folders = (config.content_dir, config.theme_dir, config.templates_dir, self.site_dir / "static")
        return WatchSet(folders=folders, files=(self.site_dir / CONFIG_FILE,), excluded=excluded)

    def build(self, changed: list[str] | None = None) -> bool:
        """Build (re-reading config.yaml); print what happened; True when it succeeded."""
        from site_builder.build import build_site

        with self._lock:
            stamp = datetime.now().strftime("%H:%M:%S")
            if changed:
                names = relative_names(changed, self.site_dir)
                more = f" (and {len(names) - 3} more)" if len(names) > 3 else ""
                self._say(f"[{stamp}] changed: {', '.join(names[:3])}{more}")
            started = time.perf_counter()
            had_failure = self.status.failure is not None
            try:
                config = load_config(self.site_dir, output_dir=self.output_dir)
                report = build_site(config, search_later=True)
            except Exception as exc:  # noqa: BLE001 — the server must survive any failed build
                failure = describe_failure(exc, self.site_dir)
                self.status = Status(prefix=self.status.prefix, failure=failure)
                # A SiteBuilderError says what to fix; anything else is our bug, with its traceback.
                self._say(f"[{stamp}] build failed after {time.perf_counter() - started:.2f} s: "
                          + (failure.message if isinstance(exc, SiteBuilderError) else failure.kind + "\n"
                             + failure.message), error=True)
                self._say("  (the browser shows this error until the next good build)", error=True)
                self.on_reload()
                return False
            self.config = config
            index_follows = config.search or (self.output_dir / urls.SEARCH_BUNDLE_DIR).exists()
            if index_follows:   # before anything is printed or reloaded
                self.search_pending = True
            self.status = Status(prefix=urls.Urls(config.site_url).prefix)
            self._track_moves(report, first=changed is None)
            for line in report.messages:
                self._say(f"  {line}")
            # Many warnings come back with every build; print each one once per session.
            notices = {str(n) for n in report.notices}
            for notice in sorted(notices - self._notices):
                self._say(f"  warning: {notice}", error=True)
            self._notices |= notices
            self._say(f"[{stamp}] {report.summary()}")
            if had_failure:
                self._say(f"[{stamp}] the build works again")
            if index_follows:
                self._request_search_update()
            if report.written or report.removed or had_failure:
                self.on_reload()
            return True

    def _request_search_update(self) -> None:
        self._search_wanted.set()
        if self._search_thread is None:
            self._search_thread = threading.Thread(target=self._search_loop, name="search-catch-up", daemon=True)
            self._search_thread.start()

    def _search_loop(self) -> None:
        """Update output/pagefind/ after each build; a newer build (holding the lock) or a newer
        request cancels the run under way, which starts again from the newer pages."""
        from site_builder.build import page_digests
        from site_builder.search import catch_up, remove_index

        while True:
            self._search_wanted.wait()
            self._search_wanted.clear()
            config = self.config
            cancelled = lambda: self._search_wanted.is_set() or self._lock.locked()  # noqa: E731
            try:
                if config.search:
                    result = catch_up(self.output_dir, page_digests(config), language=config.language,
                                      cancelled=cancelled)
                else:
                    remove_index(self.output_dir)
                    result = None
            except Exception as exc:  # noqa: BLE001 — search must never take the preview down
                self._say(f"  search index not updated: {exc}", error=True)
                self.search_pending = False
                continue
            if cancelled():
                continue
            self.search_pending = False
            if result is not None and (result.shards or not result.indexed):
                self._say(f"  {result.summary()} (after the page reload)")
                self.on_reload()

    def _track_moves(self, report, *, first: bool) -> None:
        if first or not self.moves.known:
            from site_builder.writer import existing_files

            self.moves = Moves(known=frozenset(existing_files(self.output_dir)))
            return
        before = self.moves
        self.moves = before.after(report.written_files, report.removed_files)
        for old, new in self.moves.moved:
            if before.target(old) != new:
                self._say(f"  {old} moved to {new}; the preview redirects the old address")

    def _say(self, text: str, *, error: bool = False) -> None:
        stream = self._err if error else self._out
        print(text, file=stream, flush=True)


# ---- tornado handlers ----------------------------------------------------------------------------

def _make_app(site: PreviewSite, *, loopback_only: bool):
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
    from tornado import web
    from tornado.websocket import WebSocketHandler

    class ReloadSocket(LiveReloadHandler):
        """livereload's websocket, but only pages served by us may connect (livereload allows any
        origin, so any web page could open it), and a browser counts as connected from its hello."""

        def check_origin(self, origin: str) -> bool:
            return WebSocketHandler.check_origin(self, origin)

        def prepare(self) -> None:
            # The pages' DNS-rebinding check: with Host evil.example:PORT and a matching Origin,
            # check_origin alone lets a page from elsewhere (resolved to 127.0.0.1) connect.
            if loopback_only and not is_loopback(_host_name(self.request.host)):
                raise web.HTTPError(403)

        def on_message(self, message):
            try:
                super().on_message(message)
            except Exception:  # noqa: BLE001 — a garbled message closes this socket only
                self.close()
                return
            if '"hello"' in str(message):
                LiveReloadHandler.waiters.add(self)

    class SiteHandler(web.RequestHandler):
        def set_default_headers(self) -> None:
            self.set_header("Server", "site-builder preview")
            self.set_header("Cache-Control", "no-store")
            self.set_header("X-Content-Type-Options", "nosniff")

        def prepare(self) -> None:
            # DNS rebinding: a page from elsewhere, resolved to 127.0.0.1, must not read the preview.
            if loopback_only and not is_loopback(_host_name(self.request.host)):
                self._plain(403, "Forbidden: this preview answers only to 127.0.0.1 and localhost\n")

        def head(self, *_: str) -> None:
            self.get()

        def get(self, *_: str) -> None:
            status = site.status
            path = decode_path(self.request.path)
            if path is None:
                return self._plain(400, "Bad request: the path is not valid UTF-8 or holds control characters\n")
            found = resolve(site.output_dir, status.prefix, path)
            if isinstance(found, BadRequest):
                return self._plain(400, f"Bad request: {found.reason}\n")
            if isinstance(found, Redirect):
                query = self.request.query
                return self.redirect(found.location + (f"?{query}" if query and "\r" not in query
                                                       and "\n" not in query else ""))
            if status.failure is not None and (isinstance(found, NotFound) or found.file.endswith(".html")):
                return self._html(500, error_page(status.failure))
            if isinstance(found, NotFound) and path.startswith(status.prefix):
                target = site.moves.target(path[len(status.prefix):])
                if target is not None:
                    return self.redirect(quote(status.prefix + target))
            if isinstance(found, NotFound):
                page = resolve(site.output_dir, status.prefix, status.prefix + "404.html")
                body = _read(page.file) if isinstance(page, Serve) else None
                return self._html(404, body if body is not None else b"<!doctype html><title>Not found</title>"
                                  b"<h1>Not found</h1>")
            body = _read(found.file)
            if body is None:
                return self._plain(404, "Not found\n")
            kind = content_type(found.file)
            if kind.startswith("text/html"):
                return self._html(200, body)
            self.set_header("Content-Type", kind)
            self.finish(body)

        def _html(self, code: int, body: bytes) -> None:
            self.set_status(code)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(inject_script(body, RELOAD_SNIPPET + SEARCH_PENDING if site.search_pending else RELOAD_SNIPPET))

        def _plain(self, code: int, text: str) -> None:
            self.set_status(code)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(text.encode("utf-8"))

        def write_error(self, status_code: int, **kwargs) -> None:
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(f"{status_code} {self._reason}\n".encode())

    def log_request(handler: web.RequestHandler) -> None:
        # Quiet: a preview's terminal is for build results. Only our own failures are worth a line.
        if handler.get_status() >= 500 and site.status.failure is None:
            print(f"server: {handler.get_status()} {handler.request.method} {handler.request.uri}",
                  file=sys.stderr, flush=True)

    return web.Application(
        [(r"/livereload", ReloadSocket), (r"/livereload\.js", LiveReloadJSHandler), (r"/.*", SiteHandler)],
        log_function=log_request, websocket_ping_interval=20,
    )


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: addresses no other machine can reach."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """What to say when asked to listen where other machines can connect."""
    if is_loopback(host):
        return None
    return (f"warning: serving on {host}, not 127.0.0.1: other machines can read this preview, drafts and "
            "held-back stories included")


def _host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def reload_browsers() -> int:
    """Tell every connected page to reload; returns how many were told. Runs on the server loop."""
    from livereload.handlers import LiveReloadHandler
    from tornado.escape import json_encode

    message = json_encode({"command": "reload", "path": "*", "liveCSS": False, "liveImg": False})
    told = 0
    for waiter in list(LiveReloadHandler.waiters):
        try:
            waiter.write_message(message)
            told += 1
        except Exception:  # noqa: BLE001 — a closed socket: forget it
            LiveReloadHandler.waiters.discard(waiter)
    return told


def _quiet_tornado_logs() -> None:
    """Malformed requests are the client's problem: tornado's warnings about them stay silent;
    errors in our own handlers still print, with their traceback."""
    import logging

    logging.getLogger("tornado.general").setLevel(logging.ERROR)
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    logging.getLogger("livereload").setLevel(logging.ERROR)


def _display_url(host: str, port: int, prefix: str) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}{prefix}"


# ---- the command ----------------------------------------------------------------------------

def serve(config: SiteConfig, *, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Build, serve, watch and rebuild until Ctrl-C (or SIGTERM); then exit 0."""
    site = PreviewSite(config)
    loopback = is_loopback(host)
    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        site.build()
        return asyncio.run(_run(site, host, port, loopback))
    except KeyboardInterrupt:
        print("stopped", flush=True)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


async def _run(site: PreviewSite, host: str, port: int, loopback: bool) -> int:
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop
    from tornado.netutil import bind_sockets

    _quiet_tornado_logs()
    try:
        sockets = bind_sockets(port, address=host, family=socket.AF_UNSPEC)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr, flush=True)
        return 1
    server = HTTPServer(_make_app(site, loopback_only=loopback), max_header_size=MAX_HEADER_BYTES,
                        max_body_size=MAX_BODY_BYTES, idle_connection_timeout=60, body_timeout=30)
    loop = IOLoop.current()
    # Not server.add_sockets: tornado's accept loop has no answer to running out of file
    # descriptors (see Acceptor); the server still handles each connection accepted here.
    acceptors = [Acceptor(sock, server._handle_connection, loop, _say_once()) for sock in sockets]
    actual_port = sockets[0].getsockname()[1]
    site.on_reload = lambda: loop.add_callback(reload_browsers)
    watcher = make_watcher(site.watch_set, site.build)
    watcher.start()
    print(f"Serving {site.config.title} at {_display_url(host, actual_port, site.status.prefix)}", flush=True)
    how = "polling" if watcher.polling else "change events"
    print(f"Watching content/, theme/, templates/, static/ and config.yaml ({how}); press Ctrl-C to stop.",
          flush=True)
    try:
        await asyncio.Event().wait()  # until Ctrl-C cancels us
    finally:
        for acceptor in acceptors:
            acceptor.close()
        server.stop()
        watcher.stop()
    return 0


# ---- accepting connections when file descriptors run out --------------------------------------

# accept() errors that mean "this process (or the system) has no room for another connection
# now", not "this connection is bad": the connection stays queued and the socket stays readable.
_OUT_OF_ROOM = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
ACCEPT_PAUSES = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0)   # seconds; the last repeats while it lasts


class Acceptor:
    """Accepts connections on one listening socket, as tornado's add_accept_handler does, and
    backs off when the process is out of file descriptors.

    tornado lets EMFILE escape its accept loop; the listening socket is still readable, so the
    loop called it again at once: 100 % CPU and 15 MB/s of tracebacks. Here the socket is taken
    out of the loop for a pause that grows while the shortage lasts, and one line is logged."""

    def __init__(self, sock: socket.socket, handle: Callable[[socket.socket, object], None], loop,
                 say: Callable[[str], None]) -> None:
        self.sock = sock
        self.handle = handle
        self.loop = loop
        self.say = say
        self.pauses = 0        # consecutive pauses; 0 while accepting normally
        self.closed = False
        self._listen()

    def _listen(self) -> None:
        from tornado.ioloop import IOLoop

        self.loop.add_handler(self.sock, self._ready, IOLoop.READ)

    def _ready(self, fd: object, events: int) -> None:
        for _ in range(128):     # a bounded batch, as tornado does, so other work is not starved
            if self.closed:
                return
            try:
                connection, address = self.sock.accept()
            except BlockingIOError:
                return
            except ConnectionAbortedError:
                continue
            except OSError as exc:
                if exc.errno not in _OUT_OF_ROOM:
                    raise
                self._pause(exc)
                return
            self.pauses = 0
            self.handle(connection, address)

    def _pause(self, exc: OSError) -> None:
        delay = ACCEPT_PAUSES[min(self.pauses, len(ACCEPT_PAUSES) - 1)]
        self.pauses += 1
        self.say(f"server: cannot accept connections: {exc.strerror}; waiting for some to close "
                 "(raise the limit with 'ulimit -n')")
        self.loop.remove_handler(self.sock)
        self.loop.call_later(delay, self._resume)

    def _resume(self) -> None:
        if not self.closed:
            self._listen()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            try:
                self.loop.remove_handler(self.sock)
            except (KeyError, ValueError):
                pass
            self.sock.close()


def _say_once() -> Callable[[str], None]:
    """A printer to stderr that prints each distinct message once per session."""
    said: set[str] = set()

    def say(text: str) -> None:
        if text not in said:
            said.add(text)
            print(text, file=sys.stderr, flush=True)
    return say
