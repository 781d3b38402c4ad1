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
- Split: preview_pages.py answers what to serve for a path (pure apart from reading output/)
  and the error page; preview_accept.py accepts connections; this module is the tornado side.
- The server binds 127.0.0.1 unless asked otherwise: the preview includes drafts and unpublished
  stories, so it is not for the network.
"""

from __future__ import annotations

import asyncio
import ipaddress
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote

from site_builder import urls
from site_builder.config import CONFIG_FILE, SiteConfig, load_config
from site_builder.errors import SiteBuilderError
from site_builder.writer import staging_dir
from site_builder.watch import WatchSet, make_watcher, relative_names

from site_builder.preview_accept import Acceptor, _say_once
from site_builder.preview_pages import (  # noqa: F401 — some only re-exported for tests
    RELOAD_SNIPPET,
    SEARCH_PENDING,
    BadRequest,
    Moves,
    NotFound,
    Redirect,
    Serve,
    Status,
    content_type,
    decode_path,
    describe_failure,
    error_page,
    inject_script,
    resolve,
)

LOOPBACK_NAMES = frozenset({"localhost", "[::1]"})
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 64 * 1024  # the preview takes no uploads


# ---- the preview site: builds and holds the status ---------------------------------------------

# How long the search catch-up waits at most for the browsers told to reload: one that never
# comes back (a closed tab, a page without the snippet) must not hold the index back for long.
RELOAD_GRACE_SECONDS = 2.0


class Reloads:
    """Browsers told to reload whose reloaded page has not said hello yet. The search catch-up
    waits for them: started at once, Pagefind and the thread feeding it took the CPU and the
    server's GIL from the reload itself (the page showed 0.3-0.7 s after the build instead of
    0.18 s, measured at 300 stories)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._asked = False   # a reload is on its way to the server loop, not yet sent
        self._due = 0         # browsers told, not yet back

    def asked(self) -> None:
        with self._changed:
            self._asked = True

    def told(self, browsers: int) -> None:
        with self._changed:
            self._asked = False
            self._due = browsers
            self._changed.notify_all()

    def back(self) -> None:
        with self._changed:
            self._due = max(0, self._due - 1)
            self._changed.notify_all()

    def wait(self, timeout: float = RELOAD_GRACE_SECONDS) -> bool:
        """Until every browser told is back (True), or `timeout` (False)."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._asked and self._due == 0, timeout)


class PreviewSite:
    """The site being previewed: rebuilds it and says what the server should show."""

    def __init__(self, config: SiteConfig, *, out=sys.stdout, err=sys.stderr) -> None:
        self.site_dir = config.site_dir
        self.output_dir = config.output_dir
        self.config = config
        self.status = Status(prefix=urls.Urls(config.site_url).prefix)  # replaced whole, never mutated
        self.on_reload: Callable[[], None] = lambda: None  # set by the server once its loop runs
        self.reloads = Reloads()
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
        excluded = frozenset(str(p) for p in (self.output_dir, config.cache_dir, staging_dir(self.output_dir)))
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
            # The reload first: the catch-up waits for the reloaded pages (Reloads).
            if report.written or report.removed or had_failure:
                self.on_reload()
            if index_follows:
                self._request_search_update()
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
            self.reloads.wait()
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
                site.reloads.back()

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
    def on_reload() -> None:
        site.reloads.asked()
        loop.add_callback(lambda: site.reloads.told(reload_browsers()))

    site.on_reload = on_reload
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
